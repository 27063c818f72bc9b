"""Compiled templates kept on disk between runs, as Jinja's own bytecode cache keeps them.

Compiling the built-in templates (Jinja's lexer, parser and code generator, then Python's
compiler) is a fixed cost of every `coopdocs build`: ~0.15 s, as much as rendering the five
documents of a small project. The Python code a part compiles to depends only on its source,
on the code that generates it (`render.sandbox`, `render.guard`, `render.template`,
`render.rich`), on the filter names the environment knows, and on the versions of coopdocs,
Jinja, docxtpl and Python: all of them make the key, so a changed template or a new release
never meets old code.

The source itself, a part's XML patched for Jinja (docxtpl's regular expressions, then
`render.rich`), costs as much again (~0.12 s for the six built-in templates): it is kept the
same way, keyed by the XML, docxtpl's version and the code that patches it, and checked
against its own digest when read (a damaged source would make a wrong document, not an error).

The cache lives in the user's cache folder (``$XDG_CACHE_HOME/coopdocs`` or ``~/.cache/coopdocs``;
``COOPDOCS_CACHE`` names another one, or turns it off when empty). A file that cannot be read or
written is ignored: the cache only ever saves time. What is loaded is Python bytecode, as with
Jinja's `FileSystemBytecodeCache`: whoever can write the user's cache folder can already change
the user's programs, so it is trusted as they are — and only then: a folder that belongs to
someone else, or that others may write (a shared folder named by ``COOPDOCS_CACHE``), is not
used at all. Past a few thousand files, the oldest half is removed (`_prune`).
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import marshal
import os
import stat
import sys
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from types import CodeType

import docxtpl
import jinja2

from coopdocs import __version__
from coopdocs.atomic import write_atomic

__all__ = ["key", "load", "load_patched", "patched_key", "store", "store_patched"]

_VARIABLE = "COOPDOCS_CACHE"
# The modules whose code shapes the compiled templates: their text is part of every key.
_GENERATORS = ("sandbox.py", "guard.py", "template.py", "codecache.py", "rich.py")


@functools.cache
def _folder() -> Path | None:
    chosen = os.environ.get(_VARIABLE)
    if chosen is not None:
        folder = Path(chosen) if chosen.strip() else None
    else:
        base = (os.environ.get("XDG_CACHE_HOME")
                or os.path.join(os.path.expanduser("~"), ".cache"))
        folder = Path(base) / "coopdocs" / "modeles-compiles"
    return folder if folder is None or _own(folder) else None


def _own(folder: Path) -> bool:
    """Whether `folder` is absent (`_write` creates it, for the user alone) or the user's own
    and written by no one else: code loaded from it runs in every build."""
    try:
        status = folder.stat()
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if not hasattr(os, "getuid"):  # Windows: the folder's access list is not looked at
        return True
    return status.st_uid == os.getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


@functools.cache
def _salt() -> bytes:
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for part in (__version__, jinja2.__version__, docxtpl.__version__, sys.version,
                 importlib.util.MAGIC_NUMBER.hex()):
        digest.update(str(part).encode() + b"\0")
    for name in _GENERATORS:
        with suppress(OSError):
            digest.update((here / name).read_bytes())
    return digest.digest()


def key(source: str, filters: Iterable[str]) -> str:
    digest = hashlib.sha256(_salt())
    digest.update("\0".join(sorted(filters)).encode() + b"\0\0")
    digest.update(source.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def patched_key(xml: str) -> str:
    """The key of the patched source of a part whose XML is `xml`."""
    digest = hashlib.sha256(_salt())
    digest.update(b"patch\0\0")
    digest.update(xml.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _read(file: str) -> bytes | None:
    folder = _folder()
    if folder is None:
        return None
    try:
        return (folder / file).read_bytes()
    except OSError:
        return None


def _write(file: str, data: bytes) -> None:
    """Keep `data` as `file`; any failure (read-only home, full disk) is ignored."""
    folder = _folder()
    if folder is None:
        return
    with suppress(Exception):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Atomic: two worker processes preparing the same part write the same bytes in turn.
        write_atomic(folder / file, data, sync_folder=False)
        _prune(folder)


# Files kept at most: each edit of a template leaves the files of its previous version, which
# no build reads again (the key changes). Written only when a part is prepared anew: rare.
_KEPT = 2000


def _prune(folder: Path) -> None:
    """Beyond `_KEPT` files, remove the half least recently written."""
    files = [f for f in folder.iterdir() if f.suffix in (".code", ".xml")]
    if len(files) <= _KEPT:
        return
    files.sort(key=lambda f: f.stat().st_mtime)
    for old in files[: len(files) - _KEPT // 2]:
        with suppress(OSError):
            old.unlink()


def load(name: str) -> CodeType | None:
    """The code stored under `name` (a `key`), or None."""
    data = _read(f"{name}.code")
    if data is None:
        return None
    try:
        code = marshal.loads(data)
    except (ValueError, EOFError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def store(name: str, code: CodeType) -> None:
    """Keep `code` under `name` (a `key`)."""
    _write(f"{name}.code", marshal.dumps(code))


def load_patched(name: str) -> str | None:
    """The patched source stored under `name` (a `patched_key`), or None, also when the file
    is not the one written (its digest, on the first line, does not match)."""
    data = _read(f"{name}.xml")
    if data is None:
        return None
    digest, _, text = data.partition(b"\n")
    if hashlib.sha256(text).hexdigest().encode() != digest:
        return None
    try:
        return text.decode("utf-8", "surrogatepass")
    except UnicodeDecodeError:
        return None


def store_patched(name: str, source: str) -> None:
    """Keep `source` under `name` (a `patched_key`), after its digest."""
    text = source.encode("utf-8", "surrogatepass")
    _write(f"{name}.xml", hashlib.sha256(text).hexdigest().encode() + b"\n" + text)
