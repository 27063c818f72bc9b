"""PDF for a whole run: as few LibreOffice starts as possible, and one retry per file.

LibreOffice costs about a second to start and ~0.1 s per extra document in the same call, so
the documents of the run are split into one group per worker and each group is converted by
one call, in parallel; `pdf.convert_to_pdf` gives every call its own profile (two calls sharing
one hand their work to each other). A document that fails is retried once, alone, so one bad
file cannot take the others down twice. A failed conversion fails its own project only.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from coopdocs.batch import DocumentResult, ProjectResult
from coopdocs.errors import PdfError, Problem

__all__ = ["convert_results"]

_BASE_TIMEOUT = 120.0  # start-up on a slow machine, first-run profile creation included
_PER_FILE = 20.0
_NO_RETRY = {"pdf-libreoffice-absent", "pdf-source-absente"}


def convert_results(results: list[ProjectResult], jobs: int) -> None:
    """Convert the documents of the projects that succeeded; record PDFs or failures."""
    owners = {doc.path.resolve(): result for result in results if result.ok
              for doc in result.documents if doc.action in ("ecrit", "inchange")}
    if not owners:
        return
    paths = list(owners)
    groups = [paths[i::jobs] for i in range(min(jobs, len(paths)))]
    # Threads only wait on LibreOffice processes: no Python work runs in parallel here.
    with ThreadPoolExecutor(len(groups)) as pool:
        failures = [f for found in pool.map(_convert_group, groups) for f in found]
    failed: dict[Path, list[Problem]] = {}
    for path, problem in failures:
        failed.setdefault(path, []).append(problem)
    for path, result in owners.items():
        if path in failed:
            result.fail(failed[path])
            continue
        pdf = path.with_suffix(".pdf")
        if pdf.is_file():
            from coopdocs.manifest import sha256

            result.documents.append(DocumentResult(pdf, sha256(pdf.read_bytes()), "ecrit"))
            result.lines.append(f"  écrit : {pdf}")


def _convert_group(paths: list[Path]) -> list[tuple[Path, Problem]]:
    """Convert `paths` in one call; retry each failure alone; return what still failed."""
    from coopdocs.pdf import convert_to_pdf

    try:
        convert_to_pdf(paths, timeout=_BASE_TIMEOUT + _PER_FILE * len(paths))
        return []
    except PdfError as error:
        problems = error.problems
    if any(p.code in _NO_RETRY for p in problems):
        return [(path, p) for p in problems for path in paths if p.file in (None, str(path))]
    per_file = {Path(p.file).resolve() for p in problems if p.file}
    # An error without a file (timeout, crash) says nothing about which document: retry all.
    retry = [p for p in paths if p in per_file] if per_file else paths
    still: list[tuple[Path, Problem]] = []
    for path in retry:
        try:
            convert_to_pdf([path], timeout=_BASE_TIMEOUT)
        except PdfError as error:
            still += [(path, p if p.file else p.located(file=str(path))) for p in error.problems]
    return still
