"""PDF for a whole run: as few LibreOffice starts as possible, and one retry per file.

LibreOffice costs about a second to start and ~0.1 s per extra document in the same call, so
the documents of the run are split into one group per worker and each group is converted by
one call, in parallel; `build.pdf.convert_to_pdf` gives every call its own profile (two calls
sharing one hand their work to each other). A document that fails is retried once, alone, so
one bad file cannot take the others down twice. A failed conversion fails its own project only.
Each PDF is written next to its .docx by `build.write`.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from coopdocs.build.pdf import Conversion, convert_to_pdf
from coopdocs.build.results import ProjectResult
from coopdocs.build.write import write_extra
from coopdocs.errors import CoopdocsError, PdfError, Problem

__all__ = ["convert_results"]

_BASE_TIMEOUT = 120.0  # start-up on a slow machine, first-run profile creation included
_PER_FILE = 20.0
_NO_RETRY = {"pdf-libreoffice-absent", "pdf-source-absente"}


def convert_results(results: list[ProjectResult], outdir: Path, jobs: int) -> None:
    """Convert the documents of the projects that succeeded; write and record the PDFs."""
    owners = {doc.path.resolve(): (doc.path, result) for result in results if result.ok
              for doc in result.documents if doc.action in ("ecrit", "inchange")}
    if not owners:
        return
    paths = list(owners)
    groups = [paths[i::jobs] for i in range(min(jobs, len(paths)))]
    # Threads only wait on LibreOffice processes: no Python work runs in parallel here.
    with ThreadPoolExecutor(len(groups)) as pool:
        outcomes = list(pool.map(_convert_group, groups))
    pdfs = {path: data for outcome in outcomes for path, data in outcome.pdfs.items()}
    failed: dict[Path, list[Problem]] = {}
    for outcome in outcomes:
        for problem in outcome.problems:
            failed.setdefault(Path(problem.file or "").resolve(), []).append(problem)
    for path, (docx, result) in owners.items():
        if path in failed or path not in pdfs:
            result.fail(failed.get(path) or [Problem(
                "la conversion en PDF n'a rien produit", file=str(docx), code="pdf-echec")])
            continue
        try:
            document = write_extra(outdir, docx.parent, f"{docx.stem}.pdf", pdfs[path])
        except CoopdocsError as error:
            result.fail(error.problems)
            continue
        result.documents.append(document)
        result.lines.append(f"  écrit : {document.path}")


def _convert_group(paths: list[Path]) -> Conversion:
    """Convert `paths` in one call; retry each failure alone; what succeeded and what did not."""
    try:
        done = convert_to_pdf(paths, timeout=_BASE_TIMEOUT + _PER_FILE * len(paths))
    except PdfError as error:
        if any(p.code in _NO_RETRY for p in error.problems):
            return Conversion(problems=[p if p.file else p.located(file=str(path))
                                        for path in paths for p in error.problems
                                        if p.file in (None, str(path))])
        # A call that failed as a whole (timeout, crash) says nothing about which document.
        done = Conversion(problems=[Problem("", file=str(path)) for path in paths])
    retry = [Path(p.file or "").resolve() for p in done.problems]
    result = Conversion(pdfs=dict(done.pdfs))
    for path in retry:
        try:
            alone = convert_to_pdf([path], timeout=_BASE_TIMEOUT)
        except PdfError as error:
            result.problems += [p if p.file else p.located(file=str(path))
                                for p in error.problems]
            continue
        result.pdfs.update(alone.pdfs)
        result.problems += alone.problems
    return result
