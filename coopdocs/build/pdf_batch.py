"""PDF for a whole run: as few LibreOffice starts as possible, progress, bounded waits.

LibreOffice costs about a second to start and ~0.1 s per extra document in the same call, so
the documents of the run are split into one group per worker and each group is converted by
one call, in parallel; `build.pdf.convert_to_pdf` gives every call its own profile (two calls
sharing one hand their work to each other). A PDF already made from the very document on
disk, and untouched since, is kept as it is ("inchangé").

When a call fails: a document LibreOffice could not convert is retried once, alone, so one
bad file cannot take the others down twice; a document it stopped answering on is not
retried (it would hang again), the documents after it get a new call; a LibreOffice that
answers nothing at all is not started again for the same documents. A failed conversion
fails its own project only. Each PDF is written next to its .docx by `build.write`, which
checks that the document did not change meanwhile and that no PDF edited by hand is replaced.

Events for the display: ("pdf-debut", number of documents to convert), ("pdf", path of a
document whose PDF is done), ("pdf-projet", the ProjectResult once its PDFs are written or
have failed).
"""

from __future__ import annotations

import queue
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

from coopdocs.build.interrupt import Stop
from coopdocs.build.pdf import Conversion, convert_to_pdf
from coopdocs.build.results import ProjectResult
from coopdocs.build.write import PdfFile, pdf_name, pdf_up_to_date, write_pdfs
from coopdocs.errors import CoopdocsError, PdfError, Problem

__all__ = ["convert_results"]

FIRST_TIMEOUT = 120.0  # start-up on a slow machine, first-run profile creation included
EACH_TIMEOUT = 60.0  # each next document of the same call
_NO_RETRY = {"pdf-libreoffice-absent", "pdf-source-absente", "pdf-delai-depasse",
             "pdf-interrompu"}

Emit = Callable[[str, Any], None]


def convert_results(results: list[ProjectResult], outdir: Path, jobs: int, *,
                    force: bool = False, wait_lock: bool = False, stop: Stop | None = None,
                    emit: Emit | None = None) -> None:
    """Convert the documents of the projects that succeeded; write and record the PDFs."""
    stop = stop or Stop()
    tell = emit or (lambda kind, payload: None)
    owners = {doc.path.resolve(): (doc.path, result) for result in results if result.ok
              for doc in result.documents if doc.action in ("ecrit", "inchange")
              and doc.path.suffix == ".docx"}
    todo: list[Path] = []
    for path, (docx, result) in owners.items():
        kept = pdf_up_to_date(docx.parent, docx)
        if kept is None:
            todo.append(path)
        else:
            result.documents.append(kept)
            result.lines.append(f"  inchangé : {kept.path}")
    tell("pdf-debut", len(todo))
    conversion = _convert_all(todo, jobs, stop, tell) if todo else Conversion()
    failed: dict[Path, list[Problem]] = {}
    for problem in conversion.problems:
        failed.setdefault(Path(problem.file or "").resolve(), []).append(problem)
    by_project: dict[int, tuple[ProjectResult, list[PdfFile]]] = {}
    for path, (docx, result) in owners.items():
        entry = by_project.setdefault(id(result), (result, []))
        if path not in todo:
            continue
        if path not in conversion.pdfs:
            result.fail(failed.get(path) or [Problem(
                "la conversion en PDF n'a rien produit", file=str(docx), code="pdf-echec")])
            continue
        entry[1].append(PdfFile(pdf_name(docx.name), conversion.pdfs[path], docx.name,
                                conversion.converted[path]))
    for result, pdfs in by_project.values():
        if pdfs and result.outdir is not None:
            _write(result, pdfs, outdir, force, wait_lock, stop)
        tell("pdf-projet", result)


def _write(result: ProjectResult, pdfs: list[PdfFile], outdir: Path, force: bool, wait_lock: bool,
           stop: Stop) -> None:
    assert result.outdir is not None
    try:
        written = write_pdfs(outdir, result.outdir, pdfs, project_file=result.file,
                             force=force, wait=wait_lock, cancelled=stop.requested)
    except CoopdocsError as error:
        result.fail(error.problems)
        return
    result.documents += written.documents
    result.lines += written.lines
    if written.refusals:
        result.fail(written.refusals)


def _convert_all(paths: list[Path], jobs: int, stop: Stop, tell: Emit) -> Conversion:
    """Convert `paths` in one call per group (in threads: they only wait on LibreOffice),
    telling each PDF done from this thread, where the display lives."""
    groups = [paths[i::jobs] for i in range(min(jobs, len(paths)))]
    done: queue.Queue[Path] = queue.Queue()
    total = Conversion()
    with ThreadPoolExecutor(len(groups)) as pool:
        pending: set[Future[Conversion]] = {pool.submit(_convert_group, group, stop, done.put)
                                            for group in groups}
        while pending:
            finished, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
            while not done.empty():
                tell("pdf", done.get())
            for future in finished:
                outcome = future.result()
                total.pdfs.update(outcome.pdfs)
                total.converted.update(outcome.converted)
                total.problems += outcome.problems
    return total


def _convert_group(paths: list[Path], stop: Stop, on_pdf: Callable[[Path], None]) -> Conversion:
    """Convert `paths` in as few calls as can be; retry each document that failed alone."""
    result = Conversion()
    problems: dict[Path, list[Problem]] = {}
    todo = paths
    while todo:
        outcome = _call(todo, FIRST_TIMEOUT, stop, on_pdf)
        result.pdfs.update(outcome.pdfs)
        result.converted.update(outcome.converted)
        for problem in outcome.problems:
            problems.setdefault(Path(problem.file or "").resolve(), []).append(problem)
        todo = outcome.untried
        if todo and not outcome.pdfs:  # LibreOffice answers nothing: do not start it again
            for path in todo:
                problems[path] = [Problem(
                    "conversion en PDF non tentée : LibreOffice ne répond plus",
                    file=str(path), code="pdf-delai-depasse",
                    hint="fermez LibreOffice s'il est ouvert, puis relancez la production "
                    "avec --pdf")]
            todo = []
    for path, found in list(problems.items()):
        if stop.requested() or any(p.code in _NO_RETRY for p in found):
            continue
        alone = _call([path], FIRST_TIMEOUT, stop, on_pdf)  # one bad file: once more, alone
        result.pdfs.update(alone.pdfs)
        result.converted.update(alone.converted)
        problems[path] = alone.problems
    result.problems = [p for path, found in problems.items() if path not in result.pdfs
                       for p in found]
    return result


def _call(paths: list[Path], timeout: float, stop: Stop,
          on_pdf: Callable[[Path], None]) -> Conversion:
    """One LibreOffice call; a call that cannot run at all explains itself for each file."""
    try:
        return convert_to_pdf(paths, timeout=timeout, each=EACH_TIMEOUT, on_pdf=on_pdf,
                              stop=stop.requested)
    except PdfError as error:
        return Conversion(problems=[p if p.file else p.located(file=str(path))
                                    for path in paths for p in error.problems
                                    if p.file in (None, str(path))])
