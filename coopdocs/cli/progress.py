"""`coopdocs progress`: where each project stands on the ten steps of the trame."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from coopdocs.cli.output import CONTEXT, colour_option, default_files, echo_problems

_COLOURS = {"fait": "green", "en_cours": "yellow", "a_faire": "red"}


def _style(text: str, kind: str) -> str:
    """Colour what the report marks: its title, and each step by its status."""
    return click.style(text, fg=_COLOURS.get(kind), bold=True)


@click.command(context_settings=CONTEXT)
@click.argument("fichiers", nargs=-1, type=click.Path(), metavar="[FICHIERS OU DOSSIERS]...")
@click.option("--format", "fmt", type=click.Choice(["texte", "markdown", "json"]),
              default="texte", show_default=True,
              help="Forme du rapport (json : voir « coopdocs aide progression »).")
@click.option("--docx", "as_docx", is_flag=True,
              help="Écrit aussi la feuille de route Word (feuille-de-route.docx) de chaque projet.")
@click.option("-o", "--sortie", default="sortie", show_default=True, metavar="DOSSIER",
              type=click.Path(file_okay=False),
              help="Dossier de la feuille de route (un sous-dossier par projet).")
@click.option("--templates", metavar="DOSSIER", type=click.Path(file_okay=False),
              help="Dossier de modèles Word qui remplacent les modèles intégrés.")
@click.option("--force", is_flag=True,
              help="Remplace la feuille de route même si elle a été modifiée à la main.")
@click.option("--attendre", is_flag=True,
              help="Si un autre coopdocs écrit déjà dans le dossier du projet, attend qu'il ait "
              "fini.")
@colour_option
def progress(fichiers: tuple[str, ...], fmt: str, as_docx: bool, sortie: str,
             templates: str | None, force: bool, attendre: bool) -> None:
    """Où en est le projet ? L'état de chacune des dix étapes de la trame méthodologique.

    Pour chaque étape : fait, en cours ou à faire, ce qui manque concrètement dans
    le fichier, et les prochains moyens à mettre en œuvre. Fonctionne aussi sur un
    fichier encore incomplet ou non valide : ses problèmes sont rangés sous leur
    étape. Accepte plusieurs fichiers et des dossiers (parcourus comme pour
    coopdocs build), par défaut ./projet.yaml.
    """
    from coopdocs.build.roadmap import progress as project_progress
    from coopdocs.method.output import format_report, format_reports
    from coopdocs.source.files import find_projects

    inputs = default_files(fichiers, "progress")
    found = find_projects(inputs)
    several = len(inputs) > 1 or any(Path(i).is_dir() for i in inputs)
    results = [project_progress(file, roadmap=as_docx, outdir=Path(sortie), templates=templates,
                                force=force, wait=attendre)
               for file in found.files]
    reports = [r.report for r in results]
    if several:
        click.echo(format_reports(reports, fmt, style=_style), nl=False)
    elif reports:
        click.echo(format_report(reports[0], fmt, style=_style), nl=False)
    failed = bool(found.empty)
    echo_problems(found.empty)
    for result in results:
        if result.problems:
            click.secho(f"Feuille de route non écrite ({result.report.file}) :", fg="red",
                        bold=True, err=True)
            echo_problems(result.problems)
            failed = True
        for path in result.written:
            click.secho(f"écrit : {path}", fg="green", err=True)
        failed = failed or not result.report.readable
    sys.exit(1 if failed else 0)
