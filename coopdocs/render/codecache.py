"""Compiled templates kept on disk between runs, as Jinja's own bytecode cache keeps them.

Compiling the built-in templates (Jinja's lexer, parser and code generator, then Python's
compiler) is a fixed cost of every `coopdocs build`: ~0.15 s, as much as rendering the five
documents of a small project. The Python code a part compiles to depends only on its source,
on the code that generates it (`render.sandbox`, `render.guard`, `render.template`), on the
filter names the environment knows, and on the versions of coopdocs, Jinja and Python: all of
them make the key, so a changed template or a new release never meets old code.

The cache lives in the user's cache folder (``$XDG_CACHE_HOME/coopdocs`` or ``~/.cache/coopdocs``;
``COOPDOCS_CACHE`` names another one, or turns it off when empty). A file that cannot be read or
written is ignored: the cache only ever saves time. What is loaded is Python bytecode, as with
Jinja's `FileSystemBytecodeCache`: whoever can write the user's cache folder can already change
the user's programs, so it is trusted as they are.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import marshal
import os
import sys
from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path
from types import CodeType

import jinja2

from coopdocs import __version__
from coopdocs.atomic import write_atomic

__all__ = ["load", "store"]

_VARIABLE = "COOPDOCS_CACHE"
# The modules whose code shapes the compiled templates: their text is part of every key.
_GENERATORS = ("sandbox.py", "guard.py", "template.py", "codecache.py")


@functools.cache
def _folder() -> Path | None:
    chosen = os.environ.get(_VARIABLE)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "coopdocs" / "modeles-compiles"


@functools.cache
def _salt() -> bytes:
    here = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for part in (__version__, jinja2.__version__, sys.version, importlib.util.MAGIC_NUMBER.hex()):
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


def load(name: str) -> CodeType | None:
    """The code stored under `name` (a `key`), or None."""
    folder = _folder()
    if folder is None:
        return None
    try:
        data = (folder / f"{name}.code").read_bytes()
        code = marshal.loads(data)
    except (OSError, ValueError, EOFError, TypeError):
        return None
    return code if isinstance(code, CodeType) else None


def store(name: str, code: CodeType) -> None:
    """Keep `code` under `name`; any failure (read-only home, full disk) is ignored."""
    folder = _folder()
    if folder is None:
        return
    with suppress(Exception):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Atomic: two worker processes compiling the same part write the same bytes in turn.
        write_atomic(folder / f"{name}.code", marshal.dumps(code), sync_folder=False)
