"""Every leaf of plain project data (mappings and lists) with its path, in file order.

One walker for the rules and helpers that look at every value (the glyphs the documents cannot
print, the starter's example values left in a project). A list and a stack rather than nested
generators: a project has thousands of leaves, and each level of ``yield from`` costs on every
one of them.
"""

from __future__ import annotations

from typing import Any

from coopdocs.errors import FieldPath

__all__ = ["leaves"]


def leaves(data: Any) -> list[tuple[FieldPath, Any]]:
    """(path, value) of every value that is neither a dict nor a list, in order."""
    found: list[tuple[FieldPath, Any]] = []
    stack: list[tuple[FieldPath, Any]] = [((), data)]
    while stack:
        path, value = stack.pop()
        kind = type(value)
        if kind is dict or isinstance(value, dict):
            stack.extend(((*path, key), item) for key, item in reversed(value.items()))
        elif kind is list or isinstance(value, list):
            stack.extend(((*path, index), value[index]) for index in reversed(range(len(value))))
        else:
            found.append((path, value))
    return found
