"""Build the documents of many projects: inputs, isolation, worker processes, manifest, PDF.

A project is all or nothing: its documents are rendered in memory first, checked against the
folder's manifest (a document edited by hand stops the project), then written, each
atomically. A failing project never stops the others. Templates are prepared once per run
and shared by every project; worker processes (`jobs`) get them prepared and compile them
once each (never one template object for two renders: see render.py). Processes, not threads:
the cerberus validator is not thread-safe.
"""

from __future__ import annotations

import gc
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coopdocs.errors import CoopdocsError, OutputError, Problem
from coopdocs.templates import TemplateCache

__all__ = ["BatchResult", "BuildOptions", "DocumentResult", "ProjectResult", "TemplateCache",
           "build_project", "build_projects", "collect_inputs", "output_folder", "parse_only"]

OnEvent = Callable[[str, Any], None]  # ("debut", units) ("document", file) ("projet", result)
_IN_FLIGHT = 4  # projects queued per worker: enough to keep it busy, little memory held


@dataclass(frozen=True)
class BuildOptions:
    outdir: Path
    only: frozenset[str] | None = None
    strict: bool = False
    templates: str | None = None
    force: bool = False
    dry_run: bool = False


@dataclass
class DocumentResult:
    """One file of a project's output folder and what the run did with it."""

    path: Path
    sha256: str
    action: str  # "ecrit", "inchange", "a-ecrire" (--dry-run), "refuse"

    def to_dict(self) -> dict[str, Any]:
        return {"nom": self.path.name, "chemin": str(self.path), "sha256": self.sha256,
                "action": self.action}


@dataclass
class ProjectResult:
    """What happened to one project file during a build."""

    file: str
    name: str
    outdir: Path | None = None
    documents: list[DocumentResult] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    ok: bool = True

    def fail(self, problems: Iterable[Problem]) -> None:
        self.ok = False
        self.problems.extend(problems)

    @property
    def written(self) -> list[Path]:
        return [d.path for d in self.documents if d.action == "ecrit"]

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if not p.is_error)

    def to_dict(self) -> dict[str, Any]:
        return {"fichier": self.file, "statut": "produit" if self.ok else "echec",
                "dossier": str(self.outdir) if self.outdir else None,
                "documents": [d.to_dict() for d in self.documents],
                "non_produits": [{"document": t, "raison": r} for t, r in self.skipped],
                "problemes": [p.to_dict() for p in self.problems]}


@dataclass
class BatchResult:
    projects: list[ProjectResult]
    seconds: float
    dry_run: bool = False

    @property
    def failed(self) -> list[ProjectResult]:
        return [r for r in self.projects if not r.ok]

    @property
    def summary(self) -> dict[str, Any]:
        return {"projets_produits": sum(r.ok for r in self.projects),
                "en_echec": len(self.failed),
                "avertissements": sum(r.warnings for r in self.projects),
                "documents_ecrits": sum(len(r.written) for r in self.projects),
                "duree_s": round(self.seconds, 3)}

    def to_dict(self) -> dict[str, Any]:
        from coopdocs import __version__

        return {"coopdocs": __version__, "simulation": self.dry_run, "resume": self.summary,
                "projets": [r.to_dict() for r in self.projects]}


def parse_only(text: str | None) -> set[str] | None:
    """`--only convention,charte` → {"convention", "charte"}; unknown codes are an error."""
    if not text:
        return None
    from coopdocs.documents import CATALOGUE

    known = {d.code for d in CATALOGUE} | {ROADMAP}
    codes = {c.strip() for c in text.split(",") if c.strip()}
    unknown = sorted(codes - known)
    if unknown:
        raise CoopdocsError([Problem(
            f"Document inconnu pour --only : {', '.join(unknown)}.",
            hint=f"codes possibles : {', '.join(d.code for d in CATALOGUE)}, {ROADMAP}")])
    return codes


def output_folder(outdir: Path, project_file: str) -> Path:
    """`sortie/<nom du fichier>/`, with a name that is safe on every file system."""
    from slugify import slugify

    stem = Path(project_file).stem
    return Path(outdir) / (slugify(stem, lowercase=False) or "projet")


Inputs = Iterable[str | os.PathLike[str]]


def collect_inputs(inputs: Inputs) -> tuple[list[str], list[ProjectResult]]:
    """Project files from files and folders (searched recursively), each once, in order.

    A folder without any .yaml/.yml is a failed input of its own; a missing file is left to
    the loader, which explains it like any unreadable project.
    """
    files: list[str] = []
    empty: list[ProjectResult] = []
    seen: set[str] = set()
    for given in inputs:
        path = Path(given)
        found = [path]
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.suffix.lower() in (".yaml", ".yml") and p.is_file()
                           and not any(s.startswith(".") for s in p.relative_to(path).parts))
            if not found:
                result = ProjectResult(file=str(path), name=str(path))
                result.fail([Problem(f"Aucun fichier .yaml ou .yml dans le dossier « {path} ».",
                                     file=str(path), code="entree-vide",
                                     hint="vérifiez le dossier donné à coopdocs build")])
                empty.append(result)
        for file in found:
            key = os.path.normcase(os.path.abspath(file))
            if key not in seen:
                seen.add(key)
                files.append(os.fspath(file))
    return files, empty


def check_outputs(files: list[str], outdir: Path) -> None:
    """Refuse, before anything is written, two inputs that would share an output folder."""
    targets: dict[str, list[str]] = {}
    for file in files:
        targets.setdefault(str(output_folder(outdir, file)).casefold(), []).append(file)
    problems = [Problem(
        f"{' et '.join(f'« {f} »' for f in group)} iraient dans le même dossier "
        f"« {output_folder(outdir, group[0])} » : rien n'a été écrit.", code="sortie-doublon",
        hint="renommez l'un des fichiers de projet, ou construisez-les séparément avec des "
        "dossiers de sortie différents (-o)") for group in targets.values() if len(group) > 1]
    if problems:
        raise OutputError(problems)


ROADMAP = "feuille-de-route"  # `--only` code of the progress report, not in the catalogue


def build_project(file: str, options: BuildOptions, cache: TemplateCache | None = None,
                  notify: Callable[[], None] | None = None) -> ProjectResult:
    """Build the documents of one project file. Never raises for a user mistake."""
    from coopdocs.load import check_project

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
        _write_project(folder, rendered, project, result, options)
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
    """Free each project's garbage now: matplotlib figures are reference cycles that the
    collector would otherwise free late, letting the peak memory climb by ~50 MB.

    What is alive after the first project (modules, prepared templates, font caches) lives for
    the whole run: freezing it makes every later full collection cost ~1 ms instead of ~25 ms.
    """
    gc.collect()
    if not _frozen:
        gc.freeze()
        _frozen.append(True)


def _render_all(project: Any, file: str, options: BuildOptions, cache: TemplateCache,
                result: ProjectResult, notify: Callable[[], None] | None,
                start: float) -> list[tuple[str, Any, Any, bytes]]:
    from coopdocs.documents import CATALOGUE
    from coopdocs.project import build_context
    from coopdocs.templates import extra_templates, resolve_template, search_path

    folders = search_path(file, project.data, options.templates)
    context = build_context(project)
    result.seconds["chargement"] = time.perf_counter() - start
    started = time.perf_counter()
    chosen = []
    for document in CATALOGUE:
        if options.only is not None and document.code not in options.only:
            continue
        reason = document.applies(project.data)
        if reason is not None:
            result.skipped.append((document.titre, reason))
            result.lines.append(f"  {document.titre} : non produit, {reason}.")
            continue
        chosen.append((document.fichier, resolve_template(document.modele, folders)))
    if options.only is None:
        # Extra templates of an override folder (an avenant…) get the same context.
        chosen += [(extra.name, extra) for extra in extra_templates(folders)]
    rendered = []
    for name, template_file in chosen:
        template = cache.get(template_file.path)
        rendered.append((name, template_file, template, template.render(context)))
        if notify:
            notify()
    if options.only is not None and ROADMAP in options.only:
        rendered.append(_roadmap(project, file, folders, cache))
    result.seconds["rendu"] = time.perf_counter() - started
    return rendered


def _roadmap(project: Any, file: str, folders: Any,
             cache: TemplateCache) -> tuple[str, Any, Any, bytes]:
    """`build --only feuille-de-route`: the progress report has its own context."""
    from coopdocs.method import evaluate
    from coopdocs.progress_output import ROADMAP_FILE, roadmap_context
    from coopdocs.templates import resolve_template

    template_file = resolve_template(ROADMAP_FILE, folders)
    template = cache.get(template_file.path)
    report = evaluate(project.data, file, project.warnings, valide=True)
    return ROADMAP_FILE, template_file, template, template.render(roadmap_context(report))


def _refuse_escape(folder: Path, outdir: Path) -> None:
    """Never write through a link planted in the output folder: documents stay inside `-o`."""
    if folder.is_symlink() or (folder.exists() and
                               not folder.resolve().is_relative_to(outdir.resolve())):
        raise OutputError([Problem(
            f"« {folder} » est un lien vers un autre dossier ({folder.resolve()}) : rien n'y "
            "a été écrit.", code="sortie-lien",
            hint="supprimez ce lien (les documents doivent rester dans le dossier de sortie), "
            "ou choisissez un autre dossier avec -o")])


def _write_project(folder: Path, rendered: list[tuple[str, Any, Any, bytes]], project: Any,
                   result: ProjectResult, options: BuildOptions) -> None:
    from coopdocs.atomic import make_folder, write_atomic
    from coopdocs.manifest import Manifest, Planned, on_disk_sha256, sha256

    _refuse_escape(folder, options.outdir)
    manifest = Manifest.read(folder)
    planned = [Planned(name, data, tf.path, tf.origin, template.sha256, sha256(data),
                       on_disk_sha256(folder / name)) for name, tf, template, data in rendered]
    refusals = [] if options.force else manifest.refusals(planned, result.file)
    if refusals:
        for doc, _ in refusals:
            result.documents.append(DocumentResult(folder / doc.name, doc.sha256, "refuse"))
        result.fail(problem for _, problem in refusals)
        return
    for doc in planned:
        action = "inchange" if doc.unchanged else "a-ecrire" if options.dry_run else "ecrit"
        result.documents.append(DocumentResult(folder / doc.name, doc.sha256, action))
        verb = {"inchange": "inchangé", "a-ecrire": "serait écrit", "ecrit": "écrit"}[action]
        result.lines.append(f"  {verb} : {folder / doc.name}")
    if options.dry_run:
        return
    make_folder(folder)
    changed = [doc for doc in planned if not doc.unchanged]
    if changed:  # old and new hashes both recorded while the files are being replaced
        manifest.record(planned, project.sha256, keep_previous=True)
        manifest.write(result.file)
    for doc in changed:
        write_atomic(folder / doc.name, doc.data, sync_folder=False)
    manifest.record(planned, project.sha256, keep_previous=False)
    manifest.write(result.file)


# --- running many projects --------------------------------------------------------------------

_worker: dict[str, Any] = {}


def _init_worker(cache: TemplateCache, events: Any) -> None:
    # Ctrl-C is the parent's business: it stops handing out projects and waits for the running
    # ones, which finish their atomic writes, so no project is left half written.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker.update(cache=cache, events=events)


def _work(file: str, options: BuildOptions) -> ProjectResult:
    events = _worker["events"]
    return build_project(file, options, _worker["cache"], lambda: events.put(file))


def build_projects(inputs: Inputs, outdir: Path, *,
                   only: Iterable[str] | None = None, pdf: bool = False, strict: bool = False,
                   templates: str | Path | None = None, force: bool = False,
                   dry_run: bool = False, jobs: int = 1,
                   on_event: OnEvent | None = None) -> BatchResult:
    """Build every project of `inputs`; one failing project never stops the others.

    Raises `OutputError` (before writing anything) when two inputs share an output folder.
    """
    from coopdocs.documents import CATALOGUE

    start = time.perf_counter()
    files, empty = collect_inputs(inputs)
    check_outputs(files, Path(outdir))
    options = BuildOptions(Path(outdir), frozenset(only) if only is not None else None, strict,
                           os.fspath(templates) if templates else None, force, dry_run)
    emit = on_event or (lambda kind, payload: None)
    slots = sum(1 for d in CATALOGUE if options.only is None or d.code in options.only)
    emit("debut", len(files) * slots)
    for result in empty:
        emit("projet", result)
    jobs = max(1, min(jobs, len(files)))
    if jobs == 1:
        cache = TemplateCache()
        results = []
        for file in files:
            results.append(build_project(file, options, cache, lambda f=file: emit("document", f)))
            emit("projet", results[-1])
    else:
        results = _run_pool(files, options, jobs, emit)
    if pdf and not dry_run:
        from coopdocs.batch_pdf import convert_results

        convert_results(results, jobs)
    return BatchResult(empty + results, time.perf_counter() - start, dry_run)


def _run_pool(files: list[str], options: BuildOptions, jobs: int,
              emit: OnEvent) -> list[ProjectResult]:
    import multiprocessing
    import queue
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait

    # fork on Linux: workers start with coopdocs already imported and the templates prepared.
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    cache = TemplateCache()
    cache.preload(options.only)
    events = context.Queue()
    results: list[ProjectResult | None] = [None] * len(files)

    def drain() -> None:
        while True:
            try:
                emit("document", events.get_nowait())
            except queue.Empty:
                return

    todo = iter(enumerate(files))
    with ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker,
                             initargs=(cache, events)) as pool:
        pending: dict[Future[ProjectResult], int] = {}

        def submit(count: int) -> None:
            for index, file in todo:
                pending[pool.submit(_work, file, options)] = index
                count -= 1
                if count <= 0:
                    return

        submit(jobs * _IN_FLIGHT)
        try:
            while pending:
                done, _ = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
                drain()
                for future in done:
                    index = pending.pop(future)
                    results[index] = _outcome(future, files[index])
                    emit("projet", results[index])
                    submit(1)
        except KeyboardInterrupt:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        drain()
    return [r for r in results if r is not None]


def _outcome(future: Any, file: str) -> ProjectResult:
    try:
        return future.result()
    except Exception as error:  # a worker killed (memory, signal): that project fails
        result = ProjectResult(file=file, name=Path(file).name)
        result.fail([Problem(f"le processus qui construisait ce projet s'est arrêté ({error}).",
                             file=file, code="erreur-processus",
                             hint="relancez avec --jobs 1 ; si cela se reproduit, signalez-le")])
        return result
