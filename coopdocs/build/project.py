"""Build the documents of one project: check it, render every document in memory, write them.

A project is all or nothing: its documents are rendered first, then checked against the
folder's manifest (a document edited by hand stops the project), then written, each atomically
(`build.write`). A failing project never raises: its result says why.
"""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from coopdocs.build.cache import TemplateCache
from coopdocs.build.results import ProjectResult
from coopdocs.build.write import output_folder, plan, write_documents
from coopdocs.check.project import Project, check_project
from coopdocs.context.assemble import build_context
from coopdocs.context.documents import CATALOGUE, ROADMAP
from coopdocs.errors import CoopdocsError, Problem, RenderError
from coopdocs.method.evaluate import evaluate
from coopdocs.method.roadmap import roadmap_context
from coopdocs.render.templates import (
    TemplateFile,
    extra_templates,
    resolve_template,
    search_path,
)

__all__ = ["BuildOptions", "Rendered", "build_project", "collect_rarely", "rare_collections"]


@dataclass(frozen=True)
class BuildOptions:
    outdir: Path
    only: frozenset[str] | None = None
    strict: bool = False
    templates: str | None = None
    force: bool = False
    dry_run: bool = False
    pdf: bool = False  # PDFs will follow: a PDF edited by hand stops the project too
    wait: bool = False  # wait for another coopdocs writing the same folder


@dataclass(frozen=True)
class Rendered:
    """One document rendered in memory, and the template it came from."""

    name: str
    template: TemplateFile
    template_sha256: str
    data: bytes


def build_project(file: str, options: BuildOptions, cache: TemplateCache | None = None,
                  notify: Callable[[], None] | None = None,
                  cancelled: Callable[[], bool] | None = None) -> ProjectResult:
    """Build the documents of one project file. Never raises for a user mistake.

    `cancelled` says the run was asked to stop (it ends a wait for another coopdocs).
    """
    result = ProjectResult(file=file, name=Path(file).name)
    start = time.perf_counter()
    project, problems = check_project(file, strict=options.strict)
    if project is None:
        result.fail(problems)
        return result
    result.problems.extend(problems)  # warnings
    try:
        rendered = _render_all(project, file, options, cache or TemplateCache(), result,
                               notify, start)
        folder = output_folder(options.outdir, file)
        result.outdir = folder
        started = time.perf_counter()
        planned = [plan(r.name, r.data, r.template.path, r.template.origin,
                        r.template_sha256) for r in rendered]
        written = write_documents(options.outdir, folder, planned, project_file=file,
                                  project_sha256=project.sha256, force=options.force,
                                  dry_run=options.dry_run, pdf=options.pdf, wait=options.wait,
                                  cancelled=cancelled)
        result.documents += written.documents
        result.lines += written.lines
        if written.refusals:
            result.fail(written.refusals)
        result.seconds["ecriture"] = time.perf_counter() - started
    except CoopdocsError as error:
        result.fail(p if p.file else p.located(file=file) for p in error.problems)
    except Exception as error:  # one project's bug must not stop the batch
        if os.environ.get("COOPDOCS_DEBUG"):
            raise
        result.fail([Problem(f"erreur interne de coopdocs : {type(error).__name__}: {error}",
                             file=file, code="erreur-interne",
                             hint="relancez avec COOPDOCS_DEBUG=1 et signalez le problème")])
    _settle_memory()
    return result


_frozen: list[bool] = []  # set once per process


def _settle_memory() -> None:
    """Free each project's garbage now: the reference cycles a project leaves (parsed trees,
    rendered parts) would otherwise be freed late, letting the peak memory climb over a batch.

    What is alive after the first project (modules, prepared templates, font caches) lives for
    the whole run: it is collected once, then frozen. A project's own cycles (some sixty
    objects) are young: the two younger generations hold them, and collecting those costs a
    fraction of a millisecond where a full collection costs one or two (Python's own full
    collections still run when its thresholds say so).
    """
    if not _frozen:
        gc.collect()
        gc.freeze()
        _frozen.append(True)
    else:
        gc.collect(1)


# Allocations between two automatic collections of the youngest generation while projects are
# built one after another (Python's default: 700).
_BATCH_THRESHOLD = 5000


def collect_rarely() -> tuple[int, int, int]:
    """Make Python's automatic collections rare (see `rare_collections`); the thresholds
    before. A worker process, which only builds projects, calls it once for its whole life.
    Automatic collection turned off (a threshold of 0) stays off."""
    previous: tuple[int, int, int] = gc.get_threshold()
    if previous[0]:
        gc.set_threshold(_BATCH_THRESHOLD, *previous[1:])
    return previous


@contextmanager
def rare_collections() -> Iterator[None]:
    """Python's automatic collections made rare while the block builds projects in turn.

    `_settle_memory` collects each project's young cycles when the project ends; the automatic
    passes that Python makes every 700 allocations during a project only walk the objects the
    project is still using (measured on 60 benchmark projects: 1.3 ms a project spent
    collecting, 0.6 ms with this). The previous thresholds are put back at the end.
    """
    previous = collect_rarely()
    try:
        yield
    finally:
        gc.set_threshold(*previous)


def _render_all(project: Project, file: str, options: BuildOptions, cache: TemplateCache,
                result: ProjectResult, notify: Callable[[], None] | None,
                start: float) -> list[Rendered]:
    folders = search_path(file, project.data, options.templates)
    context = build_context(project)
    result.seconds["chargement"] = time.perf_counter() - start
    started = time.perf_counter()
    chosen: list[tuple[str, TemplateFile]] = []
    for document in CATALOGUE:
        if options.only is not None and document.code not in options.only:
            continue
        reason = document.applies(project.data)
        if reason is not None:
            result.skipped.append((document.title, reason))
            result.lines.append(f"  {document.title} : non produit, {reason}.")
            continue
        chosen.append((document.filename, resolve_template(document.template, folders)))
    if options.only is None:
        # Extra templates of an override folder (an avenant…) get the same context.
        chosen += [(extra.name, extra) for extra in extra_templates(folders)]
    # Every template is checked before any is rendered: all the broken ones in one report,
    # and the linter's warnings about override templates shown with the project.
    roadmap = (resolve_template(ROADMAP.template, folders)
               if options.only is not None and ROADMAP.code in options.only else None)
    checked = [t.path for _, t in chosen] + ([roadmap.path] if roadmap else [])
    result.problems.extend(cache.check(checked))
    rendered = []
    failures: list[Problem] = []
    for name, template_file in chosen:
        template = cache.get(template_file.path)
        try:
            data = template.render(context)
        except CoopdocsError as error:  # go on: the other documents may fail too
            failures += error.problems
            continue
        rendered.append(Rendered(name, template_file, template.sha256, data))
        if notify:
            notify()
    if failures:
        raise RenderError(failures)
    if roadmap is not None:
        rendered.append(_roadmap(project, file, roadmap, cache))
    result.seconds["rendu"] = time.perf_counter() - started
    return rendered


def _roadmap(project: Project, file: str, template_file: TemplateFile,
             cache: TemplateCache) -> Rendered:
    """`build --only feuille-de-route`: the progress report has its own context."""
    template = cache.get(template_file.path)
    report = evaluate(project.data, file, project.warnings, valid=True)
    return Rendered(ROADMAP.filename, template_file, template.sha256,
                    template.render(roadmap_context(report)))
