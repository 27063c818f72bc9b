"""What `coopdocs build` shows while it works: progress, per-project lines, the summary, the report.

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
from typing import Any

import click

from coopdocs.batch import BatchResult, ProjectResult, build_projects
from coopdocs.errors import CoopdocsError, Problem

__all__ = ["run_build"]


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n <= 1 else plural or word + 's'}"


def _seconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + " s"


def _echo_problems(problems: list[Problem], *, errors_only: bool = False) -> None:
    for problem in problems:
        if errors_only and not problem.is_error:
            continue
        click.secho(problem.format(), fg="red" if problem.is_error else "yellow", err=True)


@dataclass
class _Display:
    """Receives the build's events and shows them as the options ask."""

    quiet: bool
    bar_wanted: bool
    slots: int = 0
    bar: Any = None
    seen: dict[str, int] = field(default_factory=dict)
    finished: list[ProjectResult] = field(default_factory=list)

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
        _show(result, self.quiet)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
            for result in self.finished:
                _show(result, self.quiet)


def _show(result: ProjectResult, quiet: bool) -> None:
    if quiet:
        if not result.ok:
            click.secho(f"{result.file} : erreur", fg="red", bold=True, err=True)
            _echo_problems(result.problems, errors_only=True)
        return
    _echo_problems(result.problems)
    for line in result.lines:
        click.echo(line)
    status = (click.style("ok", fg="green") if result.ok
              else click.style("erreur", fg="red", bold=True))
    click.echo(f"{result.file} : {status}")


def _done(n: int, noun: str, participle: str, *, would: bool) -> str:
    """« 2 projets produits », « 1 document serait écrit »: French agreement by number."""
    plural = "s" if n > 1 else ""
    verb = ("seraient " if n > 1 else "serait ") if would else ""
    return f"{n} {noun}{plural} {verb}{participle}{plural}"


def _summary(batch: BatchResult) -> None:
    s = batch.summary
    documents = s["documents_ecrits"]
    if batch.dry_run:
        documents = sum(1 for r in batch.projects for d in r.documents if d.action == "a-ecrire")
        click.secho("Simulation (--dry-run) : rien n'a été écrit.", bold=True)
    would = batch.dry_run
    click.echo(f"Résumé : {_done(s['projets_produits'], 'projet', 'produit', would=would)}, "
               f"{s['en_echec']} en échec, {_plural(s['avertissements'], 'avertissement')}, "
               f"{_done(documents, 'document', 'écrit', would=would)}, "
               f"en {_seconds(batch.seconds)}.")


def _write_report(path: Path, batch: BatchResult) -> None:
    from coopdocs.atomic import write_atomic

    text = json.dumps(batch.to_dict(), ensure_ascii=False, indent=2) + "\n"
    write_atomic(path, text.encode("utf-8"))


def run_build(files: list[str], outdir: Path, *, only: set[str] | None, pdf: bool,
              strict: bool, templates: str | None, force: bool, dry_run: bool,
              jobs: int | None, report: Path | None, quiet: bool) -> int:
    """Build, show, report; the exit code (0 all built, 1 any project failed)."""
    display = _Display(quiet=quiet, bar_wanted=not quiet and sys.stderr.isatty())
    from coopdocs.documents import CATALOGUE

    display.slots = sum(1 for d in CATALOGUE if only is None or d.code in only)
    try:
        batch = build_projects(files, outdir, only=only, pdf=pdf, strict=strict,
                               templates=templates, force=force, dry_run=dry_run,
                               jobs=jobs or os.cpu_count() or 1, on_event=display)
    except CoopdocsError as error:
        display.close()
        click.secho(f"{error.title} :", fg="red", bold=True, err=True)
        _echo_problems(error.problems)
        return 1
    finally:
        display.close()
    if report is not None:
        try:
            _write_report(report, batch)
        except CoopdocsError as error:
            _echo_problems(error.problems)
            return 1
    if not quiet:
        _summary(batch)
    if batch.failed:
        names = ", ".join(r.file for r in batch.failed)
        click.secho(f"En échec : {names}", fg="red", bold=True, err=True)
        return 1
    return 0
