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
from coopdocs.errors import CoopdocsError, Problem, group_repeated

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
@click.option(
    "--attendre",
    is_flag=True,
    help="Si un autre coopdocs écrit déjà dans le dossier d'un projet, attend qu'il ait fini "
    "(sinon ce projet est en échec).",
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
    attendre: bool,
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
            wait=attendre,
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
    warned: set[Problem] = field(default_factory=set)  # shown once per run (templates')
    shown: dict[str, tuple[int, int]] = field(default_factory=dict)

    def __call__(self, kind: str, payload: Any) -> None:
        if kind == "debut" and self.bar_wanted and payload:
            self.bar = click.progressbar(length=payload, label="Production des documents",
                                         file=sys.stderr, show_pos=True)
            self.bar.__enter__()
        elif kind == "pdf-debut" and payload:
            if self.bar is not None:
                self.bar.__exit__(None, None, None)
                self.bar = click.progressbar(length=payload, label="Conversion en PDF",
                                             file=sys.stderr, show_pos=True)
                self.bar.__enter__()
            elif not self.quiet:
                from coopdocs.french.grammar import count

                click.echo(f"Conversion en PDF de {count(payload, 'document')} avec "
                           "LibreOffice…")
        elif kind == "pdf":
            if self.bar is not None:
                self.bar.update(1)
            elif not self.quiet:
                click.echo(f"  converti en PDF : {payload}")
        elif kind == "pdf-projet" and self.bar is None:
            # Shown once already: only what the PDFs added, then the status again.
            lines, problems = self.shown.get(payload.file, (0, 0))
            _show(payload, self.quiet, self.warned, lines, problems)
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
        self.shown[result.file] = (len(result.lines), len(result.problems))
        _show(result, self.quiet, self.warned, errors_only=self.batch)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
            for result in self.finished:
                _show(result, self.quiet, self.warned, errors_only=self.batch)

    def after(self, results: list[ProjectResult]) -> None:
        """What came after the projects were shown: files written later (the PDFs), and in a
        batch the warnings, each repeated one once."""
        if self.quiet:
            return
        for result in results:
            for line in result.lines[self.shown.get(result.file, (0, 0))[0]:]:
                click.echo(line)
        if self.batch:
            kept, repeated = group_repeated(p for r in results for p in r.problems)
            warnings = [p for p in kept if not p.is_error]
            if warnings or repeated:
                click.secho("Avertissements :", fg="yellow", bold=True, err=True)
            echo_problems(warnings)
            echo_repeated(repeated)


def _show(result: ProjectResult, quiet: bool, warned: set[Problem], lines: int = 0,
          problems: int = 0, *, errors_only: bool = False) -> None:
    """A project's problems, lines and status, from the `lines`-th line and `problems`-th
    problem on (what was not shown yet); a template's warnings once per run (`warned`); in a
    batch only the errors (`errors_only`: the warnings are grouped at the end)."""
    if quiet:
        if not result.ok and len(result.problems) > problems:
            click.secho(f"{result.file} : erreur", fg="red", bold=True, err=True)
            echo_problems(result.problems[problems:], errors_only=True)
        return
    # A template's warnings come with every project that uses it: shown once per run.
    echo_problems((p for p in result.problems[problems:] if p.is_error or p not in warned),
                  errors_only=errors_only)
    warned.update(p for p in result.problems if not p.is_error)
    for line in result.lines[lines:]:
        click.echo(line)
    status = (click.style("ok", fg="green") if result.ok
              else click.style("erreur", fg="red", bold=True))
    click.echo(f"{result.file} : {status}")


_INTERRUPTED = {"ctrl-c": 130, "sigterm": 143}  # the shells' codes for these signals


def _run(files: list[str], outdir: Path, *, only: set[str] | None, pdf: bool,
         strict: bool, templates: str | None, force: bool, dry_run: bool,
         jobs: int | None, report: Path | None, quiet: bool, wait: bool = False) -> int:
    """Build, show, report; the exit code (0 all built, 1 any project failed, 130 or 143
    interrupted by Ctrl-C or SIGTERM)."""
    from coopdocs.atomic import write_atomic
    from coopdocs.build.batch import build_projects
    from coopdocs.context.documents import CATALOGUE
    from coopdocs.source.files import find_projects

    found = find_projects(files)
    display = _Display(quiet=quiet, bar_wanted=not quiet and sys.stderr.isatty(),
                       batch=len(found.files) + len(found.empty) > 1)
    display.slots = sum(1 for d in CATALOGUE if only is None or d.code in only)
    try:
        batch = build_projects(files, outdir, only=only, pdf=pdf, strict=strict,
                               templates=templates, force=force, dry_run=dry_run,
                               jobs=jobs or os.cpu_count() or 1, wait=wait,
                               on_event=display)
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
    if not quiet or batch.interrupted:
        for number, line in enumerate(batch.summary_lines()):
            last = number == len(batch.summary_lines()) - 1
            click.secho(line, bold=not last)
    if batch.interrupted:
        return _INTERRUPTED.get(batch.interrupted, 1)
    if batch.failed:
        names = ", ".join(r.file for r in batch.failed)
        click.secho(f"En échec : {names}", fg="red", bold=True, err=True)
        return 1
    return 0
