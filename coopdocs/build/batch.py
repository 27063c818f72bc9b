"""Build the documents of many projects: isolation, worker processes, PDF.

A failing project never stops the others. Templates are prepared once per run and shared by
every project; worker processes (`jobs`) get them prepared and compile them once each (never
one template object for two renders: see `render.template`). Processes, not threads: the
cerberus validator is not thread-safe.
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
from coopdocs.build.pdf_batch import convert_results
from coopdocs.build.project import BuildOptions, build_project
from coopdocs.build.results import BatchResult, Interrupted, ProjectResult
from coopdocs.context.documents import CATALOGUE
from coopdocs.errors import Problem

__all__ = ["OnEvent", "build_projects"]

OnEvent = Callable[[str, Any], None]  # ("debut", units) ("document", file) ("projet", result)
_IN_FLIGHT = 4  # projects queued per worker: enough to keep it busy, little memory held


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
    results: list[ProjectResult] = []
    try:
        if jobs == 1:
            cache = TemplateCache()
            for file in files:
                results.append(build_project(file, options, cache, _notifier(emit, file)))
                emit("projet", results[-1])
        else:
            _run_pool(files, options, jobs, emit, results)
        if pdf and not dry_run:
            convert_results(results, Path(outdir), jobs)
    except KeyboardInterrupt:
        # Ctrl-C: say what was finished, so that the user knows a rerun goes on from there.
        raise Interrupted(empty + results, len(files) + len(empty)) from None
    return BatchResult(empty + results, time.perf_counter() - start, dry_run)


def _run_pool(files: list[str], options: BuildOptions, jobs: int, emit: OnEvent,
              finished: list[ProjectResult]) -> None:
    """Build `files` on `jobs` processes; each result goes into `finished` as it comes (in the
    files' order at the end), so that an interruption still knows what was done."""
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
                    outcome = _outcome(future, files[index])
                    results[index] = outcome
                    finished.append(outcome)
                    emit("projet", outcome)
                    submit(1)
        except KeyboardInterrupt:
            pool.shutdown(wait=True, cancel_futures=True)
            # The projects already running were let finish (all or nothing): count them.
            for future, index in pending.items():
                if future.done() and not future.cancelled():
                    finished.append(_outcome(future, files[index]))
            raise
        drain()
    finished[:] = [r for r in results if r is not None]


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
