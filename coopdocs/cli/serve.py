"""`coopdocs serve`: the trame as a guided web page on this computer."""

from __future__ import annotations

from pathlib import Path

import click

from coopdocs.cli.output import CONTEXT, DEFAULT_FILE, colour_option, fail
from coopdocs.cli.translation import IntRange
from coopdocs.errors import CoopdocsError


@click.command(context_settings=CONTEXT)
@click.argument("chemin", default=None, required=False, type=click.Path(),
                metavar="[FICHIER_OU_DOSSIER]")
@click.option("--port", type=IntRange(min=0, max=65535), metavar="N",
              help="Port de la page (par défaut 8750, ou un port libre s'il est pris ; 0 : "
              "n'importe quel port libre).")
@click.option("-o", "--sortie", default="sortie", show_default=True, metavar="DOSSIER",
              type=click.Path(file_okay=False),
              help="Dossier où la page écrit les documents (comme coopdocs build).")
@click.option("--sans-navigateur", is_flag=True,
              help="N'ouvre pas le navigateur : l'adresse à ouvrir est affichée.")
@colour_option
def serve(chemin: str | None, port: int | None, sortie: str, sans_navigateur: bool) -> None:
    """Ouvre le projet dans une page web, étape par étape (par défaut ./projet.yaml).

    La page suit les dix étapes de la trame : chaque étape est un formulaire, vérifié
    au fil de la saisie avec les mêmes règles que coopdocs validate, enregistré dans le
    même fichier YAML (vos commentaires sont gardés), et un bouton produit les
    documents. Avec un dossier, la page montre le tableau de tous ses projets.
    La page n'est ouverte qu'à cet ordinateur (127.0.0.1), avec une clé d'accès dans
    son adresse. Ctrl+C arrête la page.
    """
    import contextlib
    import webbrowser

    from coopdocs.serve.server import prepare

    given = Path(chemin) if chemin else Path(DEFAULT_FILE)
    if chemin is None and not given.exists():
        given = Path(".")  # no projet.yaml here: the folder's dashboard, to create one
    try:
        served = prepare(given, port=port, outdir=Path(sortie))
    except CoopdocsError as error:
        fail(error)
    what = "le dossier" if given.is_dir() else "le fichier"
    click.secho(f"coopdocs serve : {what} {given} est ouvert à l'adresse", fg="green")
    click.echo(f"    {served.url}")
    click.echo("Cette adresse contient la clé d'accès de la page : ne la partagez pas. "
               "Ctrl+C arrête la page.")
    if not sans_navigateur:
        webbrowser.open(served.url)
    # uvicorn stops cleanly on Ctrl+C, then passes it on: here it is the usual way out.
    with contextlib.suppress(KeyboardInterrupt):
        served.run()
    click.echo("Page arrêtée.")
