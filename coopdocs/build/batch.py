"""Build the documents of many projects: isolation, worker processes, PDF, interruptions.

A failing project never stops the others. Templates are prepared once per run and shared by
every project; worker processes (`jobs`) get them prepared and compile them once each (never
one template object for two renders: see `render.template`). Processes, not threads: the
cerberus validator is not thread-safe.

Stopping: Ctrl-C or SIGTERM asks the run to stop (`build.interrupt`); no project is started
after that, those under way finish (each is all or nothing), and the result says the run was
interrupted and how many projects were done. Worker processes ignore both signals (the parent
decides) and die with the parent if it is killed (`build.lifeline`).
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import signal
import sys
import time
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from coopdocs.build.cache import TemplateCache
from coopdocs.build.inputs import Inputs, check_outputs, collect_inputs
from coopdocs.build.interrupt import Stop, catching_signals
from coopdocs.build.lifeline import die_with_parent
from coopdocs.build.pdf_batch import convert_results
from coopdocs.build.project import (
    BuildOptions,
    build_project,
    collect_rarely,
    rare_collections,
)
from coopdocs.build.results import BatchResult, ProjectResult
from coopdocs.context.documents import CATALOGUE
from coopdocs.errors import Problem

__all__ = ["OnEvent", "build_projects"]

OnEvent = Callable[[str, Any], None]
# ("debut", units) ("document", file) ("projet", result), then with --pdf ("pdf-debut", n)
# ("pdf", docx path) ("pdf-projet", result): see `build.pdf_batch`.
_IN_FLIGHT = 4  # projects queued per worker: enough to keep it busy, little memory held


# --- running many projects --------------------------------------------------------------------

_worker: dict[str, Any] = {}


def _init_worker(cache: TemplateCache, events: Any, stop: Any) -> None:
    # Ctrl-C and SIGTERM are the parent's business: it stops handing out projects and waits for
    # the running ones, which finish their atomic writes, so no project is left half written.
    # If the parent is killed outright, the worker goes with it.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    die_with_parent()
    collect_rarely()  # for the worker's life: it only builds projects
    _worker.update(cache=cache, events=events, stop=stop)


def _work(file: str, options: BuildOptions) -> ProjectResult:
    events = _worker["events"]
    return build_project(file, options, _worker["cache"], lambda: events.put(file),
                         _worker["stop"].is_set)


def build_projects(inputs: Inputs, outdir: Path, *,
                   only: Iterable[str] | None = None, pdf: bool = False, strict: bool = False,
                   templates: str | Path | None = None, force: bool = False,
                   dry_run: bool = False, jobs: int = 1, wait: bool = False,
                   on_event: OnEvent | None = None) -> BatchResult:
    """Build every project of `inputs`; one failing project never stops the others.

    `wait`: wait for another coopdocs writing into a project's folder, instead of failing
    that project. Raises `OutputError` (before writing anything) when two inputs share an
    output folder. Ctrl-C and SIGTERM (in the main thread) end the run early: see the module.
    """
    start = time.perf_counter()
    files, empty = collect_inputs(inputs)
    check_outputs(files, Path(outdir))
    pdf = pdf and not dry_run
    options = BuildOptions(Path(outdir), frozenset(only) if only is not None else None, strict,
                           os.fspath(templates) if templates else None, force, dry_run, pdf,
                           wait)
    emit = on_event or (lambda kind, payload: None)
    slots = sum(1 for d in CATALOGUE if options.only is None or d.code in options.only)
    emit("debut", len(files) * slots)
    for result in empty:
        emit("projet", result)
    jobs = max(1, min(jobs, len(files)))
    # fork on Linux: workers start with coopdocs already imported and the templates prepared.
    context = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else None)
    stop = Stop.shared(context) if jobs > 1 else Stop()
    with catching_signals(stop), rare_collections():
        if jobs == 1:
            cache = TemplateCache()
            results = []
            for file in files:
                if stop.requested():
                    break
                results.append(build_project(file, options, cache, _notifier(emit, file),
                                             stop.requested))
                emit("projet", results[-1])
        else:
            results = _run_pool(files, options, jobs, emit, stop, context)
        if pdf and not stop.requested():
            convert_results(results, Path(outdir), jobs, force=force, wait_lock=wait,
                            stop=stop, emit=emit)
    return BatchResult(empty + results, time.perf_counter() - start, dry_run,
                       interrupted=stop.reason, asked=len(empty) + len(files))


def _run_pool(files: list[str], options: BuildOptions, jobs: int, emit: OnEvent, stop: Stop,
              context: Any) -> list[ProjectResult]:
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
    pool = ProcessPoolExecutor(jobs, mp_context=context, initializer=_init_worker,
                               initargs=(cache, events, stop.event))
    pending: dict[Future[ProjectResult], int] = {}

    def submit(count: int) -> None:
        for index, file in todo:
            pending[pool.submit(_work, file, options)] = index
            count -= 1
            if count <= 0:
                return

    try:
        submit(jobs * _IN_FLIGHT)
        while pending:
            if stop.requested():  # no new project; those under way finish
                for future in [f for f in pending if f.cancel()]:
                    del pending[future]
            done, _ = wait(pending, timeout=0.1, return_when=FIRST_COMPLETED)
            drain()
            for future in done:
                index = pending.pop(future)
                results[index] = _outcome(future, files[index])
                emit("projet", results[index])
                if not stop.requested():
                    submit(1)
        drain()
    except BaseException:  # a second Ctrl-C: stop now, and leave no worker behind
        for child in multiprocessing.active_children():
            child.kill()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return [r for r in results if r is not None]


def _notifier(emit: OnEvent, file: str) -> Callable[[], None]:
    """Tell `emit` each time a document of `file` is rendered."""
    return lambda: emit("document", file)


def _outcome(future: Future[ProjectResult], file: str) -> ProjectResult:
    try:
        return future.result()
    except Exception as error:  # a worker killed (memory, signal): that project fails
        result = ProjectResult(file=file, name=Path(file).name)
        result.fail([Problem(f"le processus qui construisait ce projet s'est arrêté ({error}).",
                             file=file, code="erreur-processus",
                             hint="relancez avec --jobs 1 ; si cela se reproduit, signalez-le")])
        return result
