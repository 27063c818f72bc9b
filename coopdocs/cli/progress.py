"""`coopdocs progress`: where the project stands on the ten steps of the trame."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from coopdocs.cli.output import CONTEXT, DEFAULT_FILE, echo_problems

_COLOURS = {"fait": "green", "en_cours": "yellow", "a_faire": "red"}


def _style(text: str, kind: str) -> str:
    """Colour what the report marks: its title, and each step by its status."""
    return click.style(text, fg=_COLOURS.get(kind), bold=True)


@click.command(context_settings=CONTEXT)
@click.argument("fichier", default=DEFAULT_FILE, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["texte", "markdown", "json"]),
              default="texte", show_default=True, help="Forme du rapport.")
@click.option("--docx", "as_docx", is_flag=True,
              help="Écrit aussi la feuille de route Word (feuille-de-route.docx).")
@click.option("-o", "--sortie", default="sortie", show_default=True,
              type=click.Path(file_okay=False),
              help="Dossier de la feuille de route (un sous-dossier par projet).")
@click.option("--templates", metavar="DOSSIER", type=click.Path(file_okay=False),
              help="Dossier de modèles Word qui remplacent les modèles intégrés.")
@click.option("--force", is_flag=True,
              help="Remplace la feuille de route même si elle a été modifiée à la main.")
@click.option("--attendre", is_flag=True,
              help="Si un autre coopdocs écrit déjà dans le dossier du projet, attend qu'il ait "
              "fini.")
def progress(fichier: str, fmt: str, as_docx: bool, sortie: str, templates: str | None,
             force: bool, attendre: bool) -> None:
    """Où en est le projet ? L'état de chacune des dix étapes de la trame méthodologique.

    Pour chaque étape : fait, en cours ou à faire, ce qui manque concrètement dans
    le fichier, et les prochains moyens à mettre en œuvre. Fonctionne aussi sur un
    fichier encore incomplet ou non valide : ses problèmes sont rangés sous leur étape.
    """
    from coopdocs.build.roadmap import progress as project_progress
    from coopdocs.method.output import format_report

    result = project_progress(fichier, roadmap=as_docx, outdir=Path(sortie),
                              templates=templates, force=force, wait=attendre)
    click.echo(format_report(result.report, fmt, style=_style), nl=False)
    if result.problems:
        click.secho("Feuille de route non écrite :", fg="red", bold=True, err=True)
        echo_problems(result.problems)
        sys.exit(1)
    for path in result.written:
        click.secho(f"écrit : {path}", fg="green", err=True)
    sys.exit(0 if result.report.readable else 1)
