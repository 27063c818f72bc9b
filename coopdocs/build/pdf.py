"""PDF conversion of rendered .docx files with LibreOffice, many files in one call.

LibreOffice costs about a second to start and little per extra document, so every file goes
through one ``soffice --convert-to pdf`` call. Each call gets its own throw-away user profile:
two calls sharing a profile hand their work to each other or silently do nothing. PDFs are
produced in a private folder from numbered copies of the documents, checked (a `%PDF-`
header, an end, pages) and returned as bytes: `build.write` writes them.

LibreOffice is watched as it goes: each finished PDF is reported (progress), and a LibreOffice
that stops answering is killed after a delay per document, not per call. It runs under the
guardian of `build.lifeline`, so it never outlives coopdocs. The work folders of conversions
killed with their coopdocs are removed by the next conversion.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coopdocs.atomic import os_reason
from coopdocs.build.lifeline import CANNOT_START, guarded
from coopdocs.build.manifest import sha256
from coopdocs.errors import PdfError, Problem
from coopdocs.french.grammar import count

__all__ = ["Conversion", "convert_to_pdf", "find_soffice", "pdf_defect"]

_POLL = 0.2  # seconds between two looks at LibreOffice's progress


@dataclass
class Conversion:
    """The PDFs of one LibreOffice call (.docx path → PDF bytes), the sha256 of each document
    as converted, the documents that failed, and those the call never reached."""

    pdfs: dict[Path, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    converted: dict[Path, str] = field(default_factory=dict)
    untried: list[Path] = field(default_factory=list)

_INSTALL_PATHS: tuple[str, ...] = (
    "/usr/bin/soffice",
    "/usr/local/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice*/program/soffice",
    "/snap/bin/libreoffice",
    "/opt/homebrew/bin/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
)
_DOWNLOAD = "https://www.libreoffice.org/download/download-libreoffice/"
_STDERR_LINES = 6


def find_soffice() -> str | None:
    """The LibreOffice executable: on PATH first, then where installers usually put it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for pattern in _INSTALL_PATHS:
        # Newest versioned /opt/libreofficeX.Y first.
        for candidate in sorted(glob.glob(pattern), reverse=True):
            if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
                return candidate
    return None


def _error(
    message: str, hint: str | None = None, *, file: str | None = None, code: str = "pdf-echec"
) -> PdfError:
    return PdfError([Problem(message, file=file, hint=hint, code=code)], file=file)


def _not_installed() -> PdfError:
    if sys.platform.startswith("linux"):
        hint = (
            "installez-le avec « sudo apt install libreoffice-writer » (Debian, Ubuntu), "
            f"ou depuis {_DOWNLOAD} ; les documents Word restent utilisables sans PDF"
        )
    else:
        hint = (
            f"téléchargez-le sur {_DOWNLOAD} et installez-le, puis relancez ; les "
            "documents Word restent utilisables sans PDF"
        )
    return _error(
        "LibreOffice n'est pas installé (ou introuvable) : il est nécessaire pour produire les PDF",
        hint,
        code="pdf-libreoffice-absent",
    )


def _tail(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return " / ".join(lines[-_STDERR_LINES:])




def _seconds(value: float) -> str:
    """« 1 seconde », « 90 secondes », « 0,5 seconde »."""
    if float(value).is_integer():
        return count(int(value), "seconde")
    return f"{value:g}".replace(".", ",") + (" seconde" if value < 2 else " secondes")


def _kill(process: subprocess.Popen[bytes]) -> None:
    # soffice starts soffice.bin as a child: the whole group must go, or it keeps running.
    with suppress(ProcessLookupError, PermissionError):
        if os.name == "posix":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    # A child that left the group could keep our pipes open: do not wait for it forever.
    with suppress(subprocess.TimeoutExpired):
        process.communicate(timeout=10)


@dataclass
class _Call:
    """How one LibreOffice call ended: its messages, and why it was cut short (None when it
    ended by itself)."""

    returncode: int | None = None
    messages: str = ""
    cut: str | None = None  # "delai": it stopped answering; "arret": the run was stopped


def _run(command: list[str], produced: list[Path], *, first: float, each: float,
         on_pdf: Callable[[int], None], stop: Callable[[], bool]) -> _Call:
    """Run soffice, watching its PDFs appear (one after the other, in the order given).

    `first` seconds for LibreOffice to start and finish the first PDF, then `each` seconds
    for every next one: a LibreOffice that stops answering is killed, with its whole process
    group, as it is on Ctrl-C or when `stop()` says so. `on_pdf(i)` is told of each PDF done.
    """
    extra: dict[str, Any] = (
        {"start_new_session": True}
        if os.name == "posix"
        else {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
    )
    try:
        process = subprocess.Popen(guarded(command), stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, **extra)
    except OSError as exc:
        raise _error(
            f"LibreOffice n'a pas pu être lancé ({command[0]} : {os_reason(exc)})",
            "vérifiez l'installation de LibreOffice, ou réinstallez-le",
            code="pdf-libreoffice-absent",
        ) from exc
    call = _Call()
    reported = frontier = 0  # PDFs told to on_pdf; PDFs begun (the last one may be in writing)
    deadline = time.monotonic() + first
    try:
        while True:
            try:
                out, err = process.communicate(timeout=_POLL)
                break
            except subprocess.TimeoutExpired:
                pass
            begun = max((i + 1 for i, pdf in enumerate(produced) if pdf.exists()), default=0)
            if begun > frontier:
                frontier, deadline = begun, time.monotonic() + each
            for index in range(reported, frontier - 1):  # those before the last are finished
                if produced[index].exists():
                    on_pdf(index)
            reported = max(reported, frontier - 1)
            if stop():
                call.cut = "arret"
            elif time.monotonic() > deadline:
                call.cut = "delai"
            if call.cut:
                _kill(process)
                for index in range(reported, len(produced)):  # LibreOffice is gone: whole ones
                    if produced[index].exists() and pdf_defect(produced[index].read_bytes()) \
                            is None:
                        on_pdf(index)
                return call
    except BaseException:  # Ctrl+C included: never leave a LibreOffice behind
        _kill(process)
        raise
    for index in range(reported, len(produced)):
        if produced[index].exists():
            on_pdf(index)
    call.returncode = process.returncode
    call.messages = err.decode("utf-8", "replace") or out.decode("utf-8", "replace")
    if call.returncode == CANNOT_START:
        call.messages = call.messages or f"{command[0]} n'a pas pu être lancé"
    return call


def _stage(sources: list[Path], folder: Path) -> list[tuple[Path, str]]:
    """A numbered copy of each input (`0000.docx`, `0001.docx`…), and the sha256 of what it
    holds. LibreOffice writes ``<stem>.pdf`` into one folder: numbered names can never make
    two documents (two projects' conventions, or a template named like a copy) share a PDF;
    and the copy is exactly the version converted, whatever happens to the original."""
    folder.mkdir()
    staged = []
    for index, source in enumerate(sources):
        data = source.read_bytes()
        copy = folder / f"{index:04d}.docx"
        copy.write_bytes(data)
        staged.append((copy, sha256(data)))
    return staged


_PAGE = re.compile(rb"/Type\s*/Page(?![A-Za-z])")


def pdf_defect(data: bytes) -> str | None:
    """What makes `data` unfit to be a document's PDF, or None when it is a whole PDF."""
    if not data.startswith(b"%PDF-"):
        shown = "vide" if not data else f"de {len(data)} octets qui ne sont pas un PDF"
        return f"LibreOffice a produit un fichier {shown}"
    if b"%%EOF" not in data[-1024:]:
        return "le PDF produit est incomplet (sa fin manque)"
    if not _PAGE.search(data):
        return "le PDF produit ne contient aucune page"
    return None


def _remove_stale_workdirs() -> None:
    """Remove the work folders of conversions whose coopdocs was killed (their name holds the
    process number: a process that no longer exists cannot be using its folder)."""
    if os.name != "posix":
        return
    with suppress(OSError):
        for entry in os.scandir(tempfile.gettempdir()):
            match = _WORKDIR.fullmatch(entry.name)
            if not match or not entry.is_dir(follow_symlinks=False):
                continue
            try:
                os.kill(int(match[1]), 0)
            except ProcessLookupError:
                if entry.stat(follow_symlinks=False).st_uid == os.getuid():
                    shutil.rmtree(entry.path, ignore_errors=True)
            except OSError:
                continue


_WORKDIR = re.compile(r"coopdocs-pdf-(\d+)-[^/]+")


def convert_to_pdf(docx_paths: Sequence[Path], *, timeout: float = 120, each: float = 60,
                   on_pdf: Callable[[Path], None] | None = None,
                   stop: Callable[[], bool] | None = None) -> Conversion:
    """Convert every .docx to PDF in one LibreOffice call.

    Returns the PDFs that succeeded (each checked: `%PDF-`, its end, at least one page), the
    sha256 of each document as converted, one problem per document that did not succeed
    (``file`` = the .docx), and the documents the call never reached. LibreOffice gets
    `timeout` seconds for the first PDF (it has to start), then `each` seconds for each next
    one. Raises `PdfError` when the call cannot run: LibreOffice missing, a document missing.
    """
    sources = [Path(p).resolve() for p in docx_paths]
    conversion = Conversion()
    if not sources:
        return conversion
    missing = [p for p in sources if not p.is_file()]
    if missing:
        raise PdfError(
            [
                Problem("document à convertir introuvable", file=str(p), code="pdf-source-absente")
                for p in missing
            ]
        )
    soffice = find_soffice()
    if soffice is None:
        raise _not_installed()
    _remove_stale_workdirs()
    with tempfile.TemporaryDirectory(prefix=f"coopdocs-pdf-{os.getpid()}-",
                                     ignore_cleanup_errors=True) as work:
        workdir = Path(work)
        produced = workdir / "pdf"
        produced.mkdir()
        staged = _stage(sources, workdir / "entrees")
        command = [
            soffice,
            f"-env:UserInstallation={(workdir / 'profil').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(produced),
            *(str(copy) for copy, _ in staged),
        ]
        outputs = [produced / f"{copy.stem}.pdf" for copy, _ in staged]
        call = _run(command, outputs, first=timeout, each=each,
                    on_pdf=lambda i: on_pdf(sources[i]) if on_pdf else None,
                    stop=stop or (lambda: False))
        stuck: int | None = None  # the document LibreOffice stopped answering on
        for index, (source, (_, converted)) in enumerate(zip(sources, staged, strict=True)):
            conversion.converted[source] = converted
            data = outputs[index].read_bytes() if outputs[index].exists() else None
            defect = None if data is None else pdf_defect(data)
            if data is not None and defect is None:
                conversion.pdfs[source] = data
            elif call.cut == "arret":
                conversion.problems.append(Problem(
                    "conversion en PDF interrompue avant la fin de ce document",
                    file=str(source), code="pdf-interrompu",
                    hint="relancez la production avec --pdf"))
            elif call.cut == "delai" and stuck is None and not any(
                    o.exists() for o in outputs[index + 1:]):
                stuck = index
                conversion.problems.append(_stuck(source, each if index else timeout))
            elif call.cut == "delai" and stuck is not None:
                conversion.untried.append(source)
            elif defect is not None:
                conversion.problems.append(_failed(source, defect))
            else:
                detail = _tail(call.messages) or f"code de sortie {call.returncode}"
                conversion.problems.append(_failed(source, f"LibreOffice : {detail}"))
    return conversion


def _failed(source: Path, detail: str) -> Problem:
    return Problem(f"la conversion en PDF a échoué ({detail})", file=str(source),
                   hint="ouvrez le document dans LibreOffice pour vérifier qu'il s'affiche ; "
                   "sinon régénérez-le puis relancez", code="pdf-echec")


def _stuck(source: Path, seconds: float) -> Problem:
    return Problem(f"LibreOffice n'a pas fini de convertir ce document en {_seconds(seconds)} : "
                   "la conversion en PDF a été interrompue", file=str(source),
                   code="pdf-delai-depasse",
                   hint="relancez ; si cela se reproduit, fermez LibreOffice s'il est ouvert, "
                   "ouvrez le document dans LibreOffice pour vérifier qu'il s'affiche, ou "
                   "produisez les PDF de moins de projets à la fois")
