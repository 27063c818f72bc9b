"""`coopdocs tableau`: a network's projects in one workbook."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from coopdocs.cli.output import CONTEXT, colour_option, echo_problems
from coopdocs.cli.translation import IntRange

_BAR_FROM = 20  # projects: fewer are read before a bar would be worth drawing


@click.command(context_settings=CONTEXT)
@click.argument("dossiers", nargs=-1, required=True, type=click.Path(),
                metavar="DOSSIERS OU FICHIERS...")
@click.option("-o", "--sortie", "output", default="projets.xlsx", show_default=True,
              metavar="FICHIER", type=click.Path(dir_okay=False),
              help="Classeur à écrire (avec --csv : le nom des deux fichiers .csv).")
@click.option("--csv", "as_csv", is_flag=True,
              help="Écrit deux fichiers CSV (projets, partenaires ; séparateur « ; », UTF-8) "
              "au lieu d'un classeur .xlsx.")
@click.option("--documents", default="sortie", show_default=True, metavar="DOSSIER",
              type=click.Path(file_okay=False),
              help="Dossier où coopdocs build écrit les documents (pour la date de la dernière "
              "production).")
@click.option("-j", "--jobs", type=IntRange(min=1), default=None, metavar="N",
              help="Nombre de projets lus en parallèle (par défaut : le nombre de cœurs).")
@click.option("--force", is_flag=True,
              help="Remplace le classeur même s'il a été modifié à la main.")
@click.option("--json", "as_json", is_flag=True,
              help="Écrit aussi le tableau en JSON sur la sortie standard (forme décrite par "
              "« coopdocs aide tableurs »).")
@colour_option
def tableau(dossiers: tuple[str, ...], output: str, as_csv: bool, documents: str,
            jobs: int | None, force: bool, as_json: bool) -> None:
    """Les projets d'un dossier dans un classeur : une ligne par projet.

    Pour chaque projet : nom, territoire, dates, partenaires, forme juridique,
    budget et état des financements, état de chacune des dix étapes de la trame
    (les chiffres de coopdocs progress), erreurs et avertissements, dernière
    production des documents. Une seconde feuille liste tous les partenaires et
    le nombre de projets de chacun. Les dossiers sont parcourus comme pour
    coopdocs build. Un classeur modifié à la main depuis son écriture n'est pas
    remplacé (sauf --force). Code de sortie : 0 si le tableau est écrit, 1 sinon.
    Le détail : coopdocs aide tableurs.
    """
    from coopdocs.french.grammar import count
    from coopdocs.sheets.table import collect, write_table
    from coopdocs.source.files import find_projects

    total = len(find_projects(dossiers).files)
    bar: Any = None
    if total >= _BAR_FROM and sys.stderr.isatty() and not as_json:
        bar = click.progressbar(length=total, label="Lecture des projets", file=sys.stderr,
                                show_pos=True)
        bar.__enter__()
    try:
        table = collect(dossiers, outdir=Path(documents), jobs=jobs or os.cpu_count() or 1,
                        on_project=(lambda _: bar.update(1)) if bar is not None else None)
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)
    echo_problems(table.problems)
    written = write_table(table, output, as_csv=as_csv, owner=os.path.abspath(dossiers[0]),
                          force=force) if table.projects else None
    if as_json:
        click.echo(json.dumps(table.to_dict(), ensure_ascii=False, indent=2, default=str))
    if written is None:
        click.secho("Aucun projet trouvé : rien n'a été écrit.", fg="red", bold=True, err=True)
        sys.exit(1)
    echo_problems(written.refusals)
    for line in written.lines:
        click.echo(line, err=as_json)
    if written.refusals:
        sys.exit(1)
    partners = len(table.partners())
    click.secho(f"{count(len(table.projects), 'projet')}, "
                f"{count(partners, 'partenaire différent', 'partenaires différents')}.",
                fg="green", err=as_json)
    sys.exit(0)
