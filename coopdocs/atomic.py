"""Atomic writes: readers see the old file or the new one, never half of one.

Used for every document, PDF, manifest and report coopdocs writes. OSError becomes an
`OutputError` in French; an interruption (Ctrl-C included) removes the temporary file.
"""

from __future__ import annotations

import errno
import os
import secrets
from contextlib import suppress
from pathlib import Path

from coopdocs.errors import OutputError, Problem

__all__ = ["write_atomic"]

# --- writing ----------------------------------------------------------------------------------

_WRITE_ERRORS: dict[int, tuple[str, str]] = {
    errno.EACCES: (
        "accès refusé",
        "vérifiez que vous avez le droit d'écrire dans ce dossier et que le document n'est pas "
        "ouvert dans Word ou LibreOffice, puis relancez ; sinon choisissez un autre dossier",
    ),
    errno.ENOSPC: (
        "le disque est plein",
        "libérez de la place ou choisissez un autre dossier de sortie, puis relancez",
    ),
    errno.EROFS: (
        "le dossier est en lecture seule",
        "choisissez un autre dossier de sortie (pas une clé USB protégée ni un partage en "
        "lecture seule)",
    ),
    errno.ENAMETOOLONG: (
        "le nom du fichier est trop long",
        "raccourcissez le nom du projet ou choisissez un dossier de sortie moins profond",
    ),
    errno.ENOENT: (
        "le dossier de destination n'existe pas",
        "créez-le ou choisissez un autre dossier de sortie",
    ),
    errno.EISDIR: (
        "un dossier porte déjà ce nom",
        "renommez ou déplacez ce dossier, ou choisissez un autre dossier de sortie",
    ),
}
_WRITE_ERRORS[errno.EPERM] = _WRITE_ERRORS[errno.EACCES]
if hasattr(errno, "EDQUOT"):
    _WRITE_ERRORS[errno.EDQUOT] = _WRITE_ERRORS[errno.ENOSPC]


def _output_error(path: Path, exc: OSError) -> OutputError:
    other = (f"écriture impossible ({exc.strerror or exc})", "vérifiez le dossier puis relancez")
    reason, hint = _WRITE_ERRORS.get(exc.errno or 0, other)
    message = f"document non enregistré : {reason}"
    return OutputError([Problem(message, file=str(path), hint=hint, code="ecriture-impossible")],
                       file=str(path))


def _open_temp(folder: Path, name: str) -> tuple[int, Path]:
    # Our own O_EXCL open (not mkstemp) so the final file gets the usual umask-based mode.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(20):
        # The name is cut so a long but legal target name still leaves room for the suffix.
        candidate = folder / f".{name[:80]}.{secrets.token_hex(4)}.tmp"
        with suppress(FileExistsError):
            return os.open(candidate, flags, 0o666), candidate
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def fsync_folder(folder: Path) -> None:
    """Make the renames done in `folder` durable (POSIX only: Windows cannot open folders)."""
    if os.name == "posix":
        with suppress(OSError):
            dir_fd = os.open(folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)


def write_atomic(path: Path, data: bytes, *, sync_folder: bool = True) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half.

    The data is flushed to disk before the rename; `sync_folder` also makes the rename itself
    durable (a batch writing many files in one folder does that once, with `fsync_folder`).
    OSError becomes `OutputError` in French; the temporary file is removed on any exception.
    """
    path = Path(path)
    temp: Path | None = None
    try:
        fd, temp = _open_temp(path.parent, path.name)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
        temp = None
        if sync_folder:
            fsync_folder(path.parent)
    except BaseException as exc:
        if temp is not None:
            with suppress(OSError):
                os.unlink(temp)
        if isinstance(exc, OSError):
            raise _output_error(path, exc) from exc
        raise


def make_folder(folder: Path) -> None:
    """Create an output folder (and its parents), or say in French why it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason, hint = _WRITE_ERRORS.get(exc.errno or 0, (
            f"{exc.strerror or exc}", "vérifiez le chemin donné avec -o et vos droits d'écriture"))
        raise OutputError([Problem(f"Impossible de créer le dossier « {folder} » : {reason}.",
                                   file=str(folder), hint=hint, code="dossier-impossible")],
                          file=str(folder)) from exc
