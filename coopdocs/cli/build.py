"""`coopdocs build`: build projects, and show it as it goes: progress, per-project lines, summary.

A progress bar (one step per document) when standard error is a terminal, one plain line per
project otherwise (logs, CI), nothing but errors with `--quiet`. The problems of a project are
printed once it is finished, never in the middle of the bar.
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from coopdocs.cli.output import (
    CONTEXT,
    colour_option,
    default_files,
    echo_problems,
    echo_repeated,
    usage_error,
)
from coopdocs.cli.translation import IntRange
from coopdocs.errors import CoopdocsError, group_repeated

if TYPE_CHECKING:
    from coopdocs.build.results import ProjectResult


@click.command(context_settings=CONTEXT)
@click.argument("fichiers", nargs=-1, type=click.Path(), metavar="[FICHIERS OU DOSSIERS]...")
@click.option(
    "-o",
    "--sortie",
    default="sortie",
    show_default=True,
    metavar="DOSSIER",
    type=click.Path(file_okay=False),
    help="Dossier où écrire les documents (un sous-dossier par projet).",
)
@click.option(
    "--only",
    "only",
    metavar="CODES",
    # Every code of `build.inputs.document_codes()` (a test checks this list stays complete).
    help="Ne produit que ces documents, séparés par des virgules : convention, "
    "charte, gouvernance, cartographie, plan-action, feuille-de-route.",
)
@click.option(
    "--pdf",
    is_flag=True,
    help="Produit aussi le PDF de chaque document (LibreOffice doit être installé).",
)
@click.option("--strict", is_flag=True, help="Refuse un projet qui a des avertissements.")
@click.option(
    "--templates",
    metavar="DOSSIER",
    type=click.Path(file_okay=False),
    help="Dossier de modèles Word qui remplacent les modèles intégrés.",
)
@click.option(
    "-j",
    "--jobs",
    type=IntRange(min=1),
    metavar="N",
    help="Nombre de projets produits en parallèle (par défaut : le nombre de cœurs).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Remplace aussi les documents modifiés à la main depuis leur génération.",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Montre ce qui serait écrit ou refusé, sans rien écrire.",
)
@click.option(
    "--report",
    metavar="FICHIER.json",
    type=click.Path(dir_okay=False),
    help="Écrit le compte rendu de la production en JSON (même avec --dry-run).",
)
@click.option("-q", "--quiet", is_flag=True, help="N'affiche que les erreurs.")
@colour_option
def build(
    fichiers: tuple[str, ...],
    sortie: str,
    only: str | None,
    pdf: bool,
    strict: bool,
    templates: str | None,
    jobs: int | None,
    force: bool,
    dry_run: bool,
    report: str | None,
    quiet: bool,
) -> None:
    """Produit les documents Word de projets : fichiers ou dossiers (par défaut ./projet.yaml).

    Les dossiers sont parcourus à la recherche des fichiers .yaml et .yml. Chaque
    projet va dans son sous-dossier de SORTIE. Un projet en erreur n'empêche pas
    les autres ; code de sortie 1 si l'un d'eux a échoué. Un document modifié à la
    main depuis sa génération n'est jamais écrasé sans --force. Interrompue
    (Ctrl+C), la production dit combien de projets sont faits : relancer la même
    commande continue sans réécrire les documents inchangés.
    """
    from coopdocs.build.inputs import parse_only

    try:
        codes = parse_only(only)
    except CoopdocsError as error:
        usage_error(error, "--only")
    sys.exit(
        _run(
            default_files(fichiers, "build"),
            Path(sortie),
            only=codes,
            pdf=pdf,
            strict=strict,
            templates=templates,
            force=force,
            dry_run=dry_run,
            jobs=jobs,
            report=Path(report) if report else None,
            quiet=quiet,
        )
    )


@dataclass
class _Display:
    """Receives the build's events and shows them as the options ask."""

    quiet: bool
    bar_wanted: bool
    batch: bool = False  # several projects: warnings are shown at the end, repeated ones once
    slots: int = 0
    bar: Any = None
    seen: dict[str, int] = field(default_factory=dict)
    finished: list[ProjectResult] = field(default_factory=list)
    lines_shown: dict[int, int] = field(default_factory=dict)

    def __call__(self, kind: str, payload: Any) -> None:
        if kind == "debut" and self.bar_wanted and payload:
            self.bar = click.progressbar(length=payload, label="Production des documents",
                                         file=sys.stderr, show_pos=True)
            self.bar.__enter__()
        elif kind == "document":
            self.seen[payload] = self.seen.get(payload, 0) + 1
            if self.bar is not None and self.seen[payload] <= self._slots():
                self.bar.update(1)
        elif kind == "projet":
            self._project(payload)

    def _slots(self) -> int:
        return self.slots or 1

    def _project(self, result: ProjectResult) -> None:
        if self.bar is not None:
            self.bar.update(max(self._slots() - self.seen.get(result.file, 0), 0))
            self.finished.append(result)
            return
        self._show(result)

    def _show(self, result: ProjectResult) -> None:
        self.lines_shown[id(result)] = len(result.lines)
        if self.quiet:
            if not result.ok:
                click.secho(f"{result.file} : erreur", fg="red", bold=True, err=True)
                echo_problems(result.problems, errors_only=True)
            return
        echo_problems(result.problems, errors_only=self.batch)
        for line in result.lines:
            click.echo(line)
        status = (click.style("ok", fg="green") if result.ok
                  else click.style("erreur", fg="red", bold=True))
        click.echo(f"{result.file} : {status}")

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
            for result in self.finished:
                self._show(result)

    def after(self, results: list[ProjectResult]) -> None:
        """What came after the projects were shown: files written later (the PDFs), and in a
        batch the warnings, each repeated one once."""
        if self.quiet:
            return
        for result in results:
            for line in result.lines[self.lines_shown.get(id(result), 0):]:
                click.echo(line)
        if self.batch:
            kept, repeated = group_repeated(p for r in results for p in r.problems)
            warnings = [p for p in kept if not p.is_error]
            if warnings or repeated:
                click.secho("Avertissements :", fg="yellow", bold=True, err=True)
            echo_problems(warnings)
            echo_repeated(repeated)


def _run(files: list[str], outdir: Path, *, only: set[str] | None, pdf: bool,
         strict: bool, templates: str | None, force: bool, dry_run: bool,
         jobs: int | None, report: Path | None, quiet: bool) -> int:
    """Build, show, report; the exit code (0 all built, 1 any project failed, 130 stopped)."""
    from coopdocs.atomic import write_atomic
    from coopdocs.build.batch import build_projects
    from coopdocs.build.results import Interrupted
    from coopdocs.context.documents import CATALOGUE
    from coopdocs.source.files import find_projects

    found = find_projects(files)
    display = _Display(quiet=quiet, bar_wanted=not quiet and sys.stderr.isatty(),
                       batch=len(found.files) + len(found.empty) > 1)
    display.slots = sum(1 for d in CATALOGUE if only is None or d.code in only)
    try:
        batch = build_projects(files, outdir, only=only, pdf=pdf, strict=strict,
                               templates=templates, force=force, dry_run=dry_run,
                               jobs=jobs or os.cpu_count() or 1, on_event=display)
    except Interrupted as stop:
        display.close()
        display.after(stop.finished)
        for line in stop.summary_lines():
            click.secho(line, fg="red", bold=True, err=True)
        return 130
    except CoopdocsError as error:
        display.close()
        click.secho(f"{error.title} :", fg="red", bold=True, err=True)
        echo_problems(error.problems)
        return 1
    finally:
        display.close()
    display.after(batch.projects)
    if report is not None:
        text = json.dumps(batch.to_dict(), ensure_ascii=False, indent=2) + "\n"
        try:
            write_atomic(report, text.encode("utf-8"))
        except CoopdocsError as error:
            echo_problems(error.problems)
            return 1
    if not quiet:
        for number, line in enumerate(batch.summary_lines()):
            last = number == len(batch.summary_lines()) - 1
            click.secho(line, bold=not last)
    if batch.failed:
        names = ", ".join(r.file for r in batch.failed)
        click.secho(f"En échec : {names}", fg="red", bold=True, err=True)
        return 1
    return 0
