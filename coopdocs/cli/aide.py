"""`coopdocs aide`: the guides, readable wherever coopdocs is installed (pip, pipx, a wheel).

The guides are the markdown files of docs/, shipped inside the package as `coopdocs/guides/`
(a link to docs/ in the repository, copied into the wheel at build time).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from coopdocs.cli.output import CONTEXT, colour_option

# Subject → (file, what it is about).
GUIDES = {
    "modeles": ("modeles.md", "modifier les modèles Word : variables, filtres, vérifications"),
    "format": ("format.md", "tous les champs du fichier projet, leur type et leurs valeurs"),
    "validation": ("validation.md", "les messages et le compte rendu JSON de coopdocs validate"),
    "progression": ("progression.md", "le rapport de coopdocs progress et sa forme JSON"),
    "formes": ("formes-juridiques.md",
               "ce que la convention dit de chaque forme juridique, et les textes cités"),
    "tableurs": ("tableurs.md",
                 "importer des partenaires d'un tableur, le tableau des projets d'un réseau"),
    "page": ("page-web.md", "la page web de coopdocs serve : étapes, enregistrement, sécurité"),
}


def guides_folder() -> Path:
    """The installed guides, or docs/ of a source checkout whose link was not kept (Windows)."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "guides"
    return installed if installed.is_dir() else package.parent / "docs"


@click.command(context_settings=CONTEXT)
@click.argument("sujet", required=False, type=click.Choice(list(GUIDES)), metavar="[SUJET]")
@click.option("--chemin", is_flag=True, help="Affiche seulement le chemin du fichier du guide.")
@colour_option
def aide(sujet: str | None, chemin: bool) -> None:
    """Affiche un guide : modeles, format, validation, progression, formes ou tableurs.

    Sans SUJET, la liste des guides. Le guide s'affiche page par page dans un
    terminal ; --chemin donne le fichier, à ouvrir dans un éditeur ou un
    visualiseur de markdown.
    """
    folder = guides_folder()
    if sujet is None:
        click.echo("Guides disponibles (coopdocs aide SUJET) :")
        for name, (_, about) in GUIDES.items():
            click.echo(f"  {name:<12} {about}")
        return
    path = folder / GUIDES[sujet][0]
    if not path.is_file():
        click.secho(f"Le guide « {sujet} » est introuvable ({path}).", fg="red", err=True)
        click.echo("Réinstallez coopdocs, ou lisez-le en ligne dans le dossier docs/ du dépôt.",
                   err=True)
        sys.exit(1)
    if chemin:
        click.echo(str(path))
        return
    text = path.read_text(encoding="utf-8")
    if sys.stdout.isatty():
        click.echo_via_pager(text)
    else:
        click.echo(text, nl=False)
