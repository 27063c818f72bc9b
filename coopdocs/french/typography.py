"""French typography: the no-break spaces and marks every document shares (domain.md §9.5).

A no-break space (U+00A0) goes inside « » and before « : »; a narrow one (U+202F) before
« ; », « ! » and « ? ». Every document and the progress report go through `typo`, so the
same sentence is spaced the same way wherever it is printed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache
from typing import Any, TypeVar, cast

__all__ = ["COLON", "DASH", "NBSP", "NNBSP", "SEMI", "quote", "typo", "typo_all"]

NBSP = "\u00a0"
NNBSP = "\u202f"
COLON = f"{NBSP}:"
SEMI = f"{NNBSP};"
DASH = "—"

_T = TypeVar("_T")
_LEAVES = frozenset({int, float, bool, type(None)})


@lru_cache(maxsize=1 << 14)  # pure, and the same names and phrases recur in every document
def typo(text: str) -> str:
    """The no-break spaces of French typography in one text: « », before : ; ! ?

    A space already there is made the right one: ordinary or narrow before « : » becomes a
    no-break space, ordinary or no-break before « ; ! ? » a narrow one.
    """
    text = text.replace("« ", f"«{NBSP}").replace(" »", f"{NBSP}»")
    text = text.replace(" :", COLON).replace(f"{NNBSP}:", COLON)
    for mark in ";!?":
        text = text.replace(f" {mark}", f"{NNBSP}{mark}").replace(f"{NBSP}{mark}", f"{NNBSP}{mark}")
    return text


def typo_all(value: _T) -> _T:
    """`typo` applied to every string of a structure of mappings and lists (a new structure).

    A mapping or list met twice (a partner among the partners, the signatories and the
    parties appearing) is converted once, and the copies share it as the originals did."""
    return cast(_T, _typo_any(value, {}))


def _typo_any(value: Any, seen: dict[int, tuple[Any, Any]]) -> Any:
    # Exact types first: the context is thousands of plain dicts, strings and numbers, and an
    # isinstance check against Mapping (an ABC) costs several times a type comparison.
    kind = type(value)
    if kind in _LEAVES:
        return value
    if kind is str or isinstance(value, str):
        return typo(value)
    if kind is dict or kind is list or isinstance(value, Mapping | list):
        done = seen.get(id(value))
        if done is not None:
            return done[1]
        if kind is dict or isinstance(value, Mapping):
            result: Any = {key: _typo_any(item, seen) for key, item in value.items()}
        else:
            result = [_typo_any(item, seen) for item in value]
        seen[id(value)] = (value, result)  # the original kept alive: its id stays its own
        return result
    return value


def quote(text: Any) -> str:
    """« text », with the no-break spaces French wants inside the quotes; quotes inside the
    text become the inner ones: « Comité “Quai & Co” »."""
    inner = str(text)
    if "«" in inner or "»" in inner:
        inner = re.sub(r"«[\s\u00a0\u202f]*", "“", inner)
        inner = re.sub(r"[\s\u00a0\u202f]*»", "”", inner)
    return f"«{NBSP}{inner}{NBSP}»"
