"""Atomic writes, folder locks and careful reads: what coopdocs does to files, in French.

- `write_atomic`: readers see the old file or the new one, never half of one; an optional
  check runs right before the replace (a hand edit made meanwhile stops it);
- `Staged`: the same for several files of one folder, written and synced together (one wait
  on the disk instead of one per file), then put in place one by one in the caller's order;
- `lock_folder`: one coopdocs at a time writes into a folder (an OS lock: a killed process
  releases it, even with kill -9);
- `read_existing`: what a file holds now, without ever blocking on a pipe or a device planted
  under its name;
- `remove_leftovers`: the temporary files of a run killed half-way, which only coopdocs names so;
- `os_reason`: an `OSError` in French words ("accès refusé", never "Permission denied").

Used for every document, PDF, manifest and report coopdocs writes. OSError becomes an
`OutputError` in French; an interruption (Ctrl-C included) removes the temporary file.
"""

from __future__ import annotations

import errno
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import wait as wait_all
from contextlib import contextmanager, suppress
from pathlib import Path

from coopdocs.errors import OutputError, Problem

if sys.platform == "win32":  # pragma: no cover - Windows only
    import msvcrt
else:
    import fcntl

__all__ = ["LOCK", "Staged", "fsync_folder", "lock_folder", "make_folder", "os_reason",
           "read_existing", "remove_leftovers", "sync_files", "write_atomic"]

# --- what went wrong, in French -------------------------------------------------------------

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
# The words of the other errors a user may meet; the system's own text is English.
_REASONS: dict[int, str] = {
    errno.EIO: "erreur de lecture ou d'écriture du disque (support abîmé ou déconnecté ?)",
    errno.EBUSY: "le fichier est utilisé par un autre programme",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EEXIST: "un fichier porte déjà ce nom",
    errno.ELOOP: "trop de liens symboliques en chaîne",
    errno.EMFILE: "trop de fichiers ouverts à la fois",
    errno.ENFILE: "trop de fichiers ouverts à la fois",
    errno.ENOMEM: "mémoire insuffisante",
    errno.EINVAL: "nom de fichier refusé par le système",
    errno.ETXTBSY: "le fichier est utilisé par un autre programme",
    errno.ENOEXEC: "ce fichier n'est pas un programme exécutable",
    errno.ENODEV: "périphérique absent",
    errno.EXDEV: "déplacement impossible d'un disque à un autre",
    errno.ENOTEMPTY: "le dossier n'est pas vide",
}


def os_reason(exc: OSError) -> str:
    """Why a file operation failed, in French words (never the system's English text)."""
    code = exc.errno or 0
    if code in _WRITE_ERRORS:
        return _WRITE_ERRORS[code][0]
    if code in _REASONS:
        return _REASONS[code]
    name = errno.errorcode.get(code)
    return f"erreur du système ({name})" if name else "erreur du système"


def _output_error(path: Path, exc: OSError) -> OutputError:
    other = (f"écriture impossible ({os_reason(exc)})", "vérifiez le dossier puis relancez")
    reason, hint = _WRITE_ERRORS.get(exc.errno or 0, other)
    message = f"document non enregistré : {reason}"
    return OutputError([Problem(message, file=str(path), hint=hint, code="ecriture-impossible")],
                       file=str(path))


# --- writing ----------------------------------------------------------------------------------

# `.convention.docx.1f2e3d4c.coopdocs.tmp`: hidden, and named so that a later run can tell its
# own leftovers from anyone else's file. Older versions wrote `.convention.docx.1f2e3d4c.tmp`.
_LEFTOVER = re.compile(r"\..+\.[0-9a-f]{8}\.coopdocs\.tmp|\.(?:.+\.(?:docx|pdf)|\.coopdocs\.json)"
                       r"\.[0-9a-f]{8}\.tmp", re.IGNORECASE)


def _open_temp(folder: Path, name: str) -> tuple[int, Path]:
    # Our own O_EXCL open (not mkstemp) so the final file gets the usual umask-based mode.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(20):
        # The name is cut so a long but legal target name still leaves room for the suffix.
        candidate = folder / f".{name[:80]}.{secrets.token_hex(4)}.coopdocs.tmp"
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


def write_atomic(path: Path, data: bytes, *, sync_folder: bool = True,
                 before_replace: Callable[[], None] | None = None) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half.

    The data is flushed to disk before the rename; `sync_folder` also makes the rename itself
    durable (a batch writing many files in one folder does that once, with `fsync_folder`).
    `before_replace` runs once the new content is safely on disk, just before it takes the
    place of the old file: the last moment to refuse (it raises, the old file stays).
    OSError becomes `OutputError` in French; the temporary file is removed on any exception.
    """
    path = Path(path)
    with Staged([(path, data)]) as staged:
        staged.replace(path, before_replace)
    if sync_folder:
        fsync_folder(path.parent)


# --- several files at once -------------------------------------------------------------------

# fsync releases the GIL: files synced side by side are committed by the file system together,
# so a project's documents cost about one wait on the disk instead of one each (measured on
# ext4: 6 files, 2.0 ms one after the other, 0.8 ms side by side).
_SYNC_THREADS = 8
_pool: list[ThreadPoolExecutor] = []


def _stop_pool() -> None:
    # Before a fork (`--jobs`): a child must not inherit threads it cannot use.
    while _pool:
        _pool.pop().shutdown(wait=True)


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(before=_stop_pool)


def sync_files(fds: Sequence[int]) -> None:
    """fsync every file of `fds`, side by side; the first failure is raised once all are done
    (no file is closed while a thread still syncs it)."""
    if len(fds) <= 1:
        for fd in fds:
            os.fsync(fd)
        return
    if not _pool:
        _pool.append(ThreadPoolExecutor(_SYNC_THREADS, thread_name_prefix="coopdocs-fsync"))
    futures = [_pool[0].submit(os.fsync, fd) for fd in fds]
    try:
        for future in futures:
            future.result()
    finally:
        wait_all(futures)


class Staged:
    """Files of one folder written under temporary names and synced together on entry; each
    takes its place with `replace`, in the caller's order; those never replaced are removed on
    exit (an error, a refusal, Ctrl-C: the old files stay).

    Same durability as `write_atomic` for each: every file is on disk before any rename.
    """

    def __init__(self, files: Sequence[tuple[Path, bytes]]) -> None:
        self._files = [(Path(path), data) for path, data in files]
        self._temps: dict[Path, Path] = {}

    def __enter__(self) -> Staged:
        fds: list[int] = []
        path: Path | None = None
        try:
            for path, data in self._files:
                fd, self._temps[path] = _open_temp(path.parent, path.name)
                fds.append(fd)
                view = memoryview(data)
                while view:
                    view = view[os.write(fd, view):]
            path = self._files[0][0] if self._files else None
            sync_files(fds)
        except BaseException as exc:
            self._remove()
            if isinstance(exc, OSError) and path is not None:
                raise _output_error(path, exc) from exc
            raise
        finally:
            for fd in fds:
                with suppress(OSError):
                    os.close(fd)
        return self

    def replace(self, path: Path, before_replace: Callable[[], None] | None = None) -> None:
        """Put the staged `path` in place; `before_replace` may still refuse it (it raises)."""
        temp = self._temps.pop(Path(path))
        try:
            if before_replace is not None:
                before_replace()
            os.replace(temp, path)
        except BaseException as exc:
            with suppress(OSError):
                os.unlink(temp)
            if isinstance(exc, OSError):
                raise _output_error(Path(path), exc) from exc
            raise

    def _remove(self) -> None:
        while self._temps:
            with suppress(OSError):
                os.unlink(self._temps.popitem()[1])

    def __exit__(self, *exc: object) -> None:
        self._remove()


def remove_leftovers(folder: Path) -> list[Path]:
    """Remove the temporary files an interrupted coopdocs left in `folder`; those removed.

    Call it only while holding the folder's lock (`lock_folder`): no other coopdocs is then
    writing there, so every file named like our temporary files is a leftover of a killed run.
    """
    removed = []
    with suppress(OSError):
        for entry in os.scandir(folder):
            if _LEFTOVER.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                with suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def make_folder(folder: Path) -> None:
    """Create an output folder (and its parents), or say in French why it cannot be."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason, hint = _WRITE_ERRORS.get(exc.errno or 0, (
            os_reason(exc), "vérifiez le chemin donné avec -o et vos droits d'écriture"))
        raise OutputError([Problem(f"Impossible de créer le dossier « {folder} » : {reason}.",
                                   file=str(folder), hint=hint, code="dossier-impossible")],
                          file=str(folder)) from exc


# --- reading what is there --------------------------------------------------------------------


def read_existing(path: Path) -> bytes | None:
    """The bytes of the file at `path`, None when there is none.

    Opened without blocking: a pipe (FIFO) or a device planted under an output's name would
    otherwise hang the run forever. Anything but a regular file is refused in French.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        return None
    except IsADirectoryError as error:
        raise _not_a_file(path, "est un dossier") from error
    except OSError as error:
        raise _unreadable(path, error) from error
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _not_a_file(path, "est un dossier")
        if not stat.S_ISREG(info.st_mode):
            raise _not_a_file(path, "n'est pas un fichier ordinaire (tube, périphérique…)")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    except OSError as error:
        raise _unreadable(path, error) from error
    finally:
        os.close(fd)


def _not_a_file(path: Path, what: str) -> OutputError:
    return OutputError([Problem(
        f"« {path} » {what} : le document ne peut pas être écrit à sa place.",
        file=str(path), code="sortie-dossier" if "dossier" in what else "sortie-speciale",
        hint="renommez-le ou déplacez-le, puis relancez")], file=str(path))


def _unreadable(path: Path, error: OSError) -> OutputError:
    return OutputError([Problem(
        f"« {path} » est illisible ({os_reason(error)}) : impossible de savoir s'il a été "
        "modifié à la main.", file=str(path), code="sortie-illisible",
        hint="vérifiez vos droits sur ce fichier, ou déplacez-le, puis relancez")],
        file=str(path))


# --- one writer per folder --------------------------------------------------------------------

LOCK = ".coopdocs.lock"
_POLL = 0.1  # seconds between two tries while waiting for another coopdocs


@contextmanager
def lock_folder(folder: Path, *, wait: bool = False,
                cancelled: Callable[[], bool] | None = None) -> Iterator[None]:
    """Hold the lock of `folder` (created beforehand) while the block runs.

    An OS lock on `folder/.coopdocs.lock`: the system releases it when the process ends, however
    it ends (kill -9 included), so a crash never leaves a folder locked. Another holder makes
    this raise `OutputError` in French, or, with `wait`, wait until it is gone (or until
    `cancelled()` says to stop waiting).
    """
    path = folder / LOCK
    flags = (os.O_RDWR | os.O_CREAT | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
             | getattr(os, "O_BINARY", 0))
    try:
        fd = os.open(path, flags, 0o666)
    except OSError as error:
        raise _output_error(path, error) from error
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise _not_a_file(path, "n'est pas un fichier ordinaire (tube, périphérique…)")
        while not _try_lock(fd):
            if not wait:
                raise OutputError([Problem(
                    f"un autre coopdocs écrit déjà dans « {folder} » : rien n'y a été écrit, "
                    "pour ne pas mélanger deux versions des documents.", file=str(folder),
                    code="sortie-occupee",
                    hint="attendez qu'il ait fini puis relancez, ou ajoutez --attendre pour que "
                    "coopdocs attende son tour")], file=str(folder))
            if cancelled is not None and cancelled():
                raise OutputError([Problem(
                    f"interrompu en attendant qu'un autre coopdocs ait fini d'écrire dans "
                    f"« {folder} » : rien n'y a été écrit.", file=str(folder),
                    code="sortie-attente-interrompue", hint="relancez quand vous voulez")],
                    file=str(folder))
            time.sleep(_POLL)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _try_lock(fd: int) -> bool:
    """Take the lock held through `fd` without waiting; False when someone else holds it."""
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    try:
        # flock, not fcntl: its lock belongs to the open file, so two opens in one process
        # (two threads, a test) exclude each other too.
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
