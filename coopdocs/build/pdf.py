"""PDF conversion of rendered .docx files with LibreOffice, many files in one call.

LibreOffice costs about a second to start and little per extra document, so every file goes
through one ``soffice --convert-to pdf`` call. Each call gets its own throw-away user profile:
two calls sharing a profile hand their work to each other or silently do nothing. PDFs are
produced in a private folder and returned as bytes: `build.write` writes them.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coopdocs.errors import PdfError, Problem

__all__ = ["Conversion", "convert_to_pdf", "find_soffice"]


@dataclass
class Conversion:
    """The PDFs of one LibreOffice call (.docx path → PDF bytes), and the documents that failed."""

    pdfs: dict[Path, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

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


def _run(command: list[str], timeout: float) -> tuple[int, str]:
    """Run soffice; (exit code, its messages). The process group dies on timeout or Ctrl+C."""
    extra: dict[str, Any] = (
        {"start_new_session": True}
        if os.name == "posix"
        else {"creationflags": getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0)}
    )
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            **extra,
        )
    except OSError as exc:
        raise _error(
            f"LibreOffice n'a pas pu être lancé ({command[0]} : {exc.strerror or exc})",
            "vérifiez l'installation de LibreOffice, ou réinstallez-le",
            code="pdf-libreoffice-absent",
        ) from exc
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise _error(
            f"LibreOffice n'a pas terminé la conversion en {timeout:g} secondes ; "
            "elle a été interrompue",
            "relancez ; si cela se reproduit, fermez LibreOffice s'il est ouvert ou "
            "convertissez moins de documents à la fois",
            code="pdf-delai-depasse",
        ) from None
    except BaseException:  # Ctrl+C included: never leave a LibreOffice behind
        _kill(process)
        raise
    messages = err.decode("utf-8", "replace") or out.decode("utf-8", "replace")
    return process.returncode, messages


def _stage(sources: list[Path], folder: Path) -> list[Path]:
    """Inputs as given, except that same-named files get a renamed copy.

    soffice writes ``<stem>.pdf`` into one output folder, so two ``convention.docx`` from two
    projects would overwrite each other there.
    """
    staged: list[Path] = []
    seen: set[str] = set()
    for index, source in enumerate(sources):
        if source.stem.casefold() in seen:
            folder.mkdir(exist_ok=True)
            copy = folder / f"{source.stem}~{index}{source.suffix}"
            shutil.copyfile(source, copy)
            source = copy
        seen.add(source.stem.casefold())
        staged.append(source)
    return staged


def convert_to_pdf(docx_paths: Sequence[Path], *, timeout: float = 180) -> Conversion:
    """Convert every .docx to PDF in one LibreOffice call.

    Returns the PDFs that succeeded and one problem per document that did not (``file`` = the
    .docx). Raises `PdfError` when the call itself cannot run: LibreOffice missing, a document
    missing, a timeout.
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

    with tempfile.TemporaryDirectory(prefix="coopdocs-pdf-", ignore_cleanup_errors=True) as work:
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
            *map(str, staged),
        ]
        returncode, messages = _run(command, timeout)
        for source, copy in zip(sources, staged, strict=True):
            pdf = produced / f"{copy.stem}.pdf"
            if pdf.is_file() and pdf.stat().st_size > 0:
                conversion.pdfs[source] = pdf.read_bytes()
                continue
            detail = _tail(messages) or f"code de sortie {returncode}"
            conversion.problems.append(
                Problem(
                    f"la conversion en PDF a échoué (LibreOffice : {detail})",
                    file=str(source),
                    hint="ouvrez le document dans LibreOffice pour vérifier qu'il s'affiche ; "
                    "sinon régénérez-le puis relancez",
                    code="pdf-echec",
                )
            )
    return conversion
