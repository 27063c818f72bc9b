"""`coopdocs init`: the commented starter project, or one of the shipped examples."""

from __future__ import annotations

from pathlib import Path

import click

from coopdocs.cli.output import CONTEXT, DEFAULT_FILE, colour_option, fail
from coopdocs.errors import CoopdocsError


@click.command(context_settings=CONTEXT)
@click.argument("fichier", default=DEFAULT_FILE, metavar="[FICHIER]",
                type=click.Path(dir_okay=False))
@click.option("--exemple", type=click.Choice(["complet", "minimal"]),
              help="Écrit l'un des exemples fournis avec coopdocs (un projet complet, ou le plus "
              "petit projet accepté) au lieu du fichier de départ.")
@click.option("--force", is_flag=True, help="Remplace le fichier s'il existe déjà.")
@colour_option
def init(fichier: str, exemple: str | None, force: bool) -> None:
    """Crée un fichier de projet de départ, commenté, qui suit les dix étapes de la trame.

    Par défaut ./projet.yaml. Les valeurs entre crochets ([Nom du projet]…) et les
    numéros faits de zéros sont des exemples à remplacer : coopdocs validate les
    signale tant qu'il en reste, et --strict les refuse. Avec --exemple, écrit l'un
    des projets d'exemple de coopdocs, tout rempli, prêt à produire ses documents.
    """
    from coopdocs.source.starter import write_starter

    try:
        path = write_starter(Path(fichier), force=force, example=exemple)
    except CoopdocsError as error:
        fail(error)
    click.secho(f"Fichier créé : {path}", fg="green")
    shown = "" if fichier == DEFAULT_FILE else f" {fichier}"
    if exemple:
        click.echo(f"Étape suivante : « coopdocs build{shown} » produit ses documents dans "
                   "sortie/.")
    else:
        click.echo("Étape suivante : remplacez les valeurs entre crochets, puis lancez "
                   f"« coopdocs validate{shown} ».")
