"""Every gap the documents will show is also a warning of `coopdocs validate` (`check.gaps`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coopdocs.check.gaps import Gap, document_gaps
from coopdocs.check.rules.base import warning
from coopdocs.errors import Problem
from coopdocs.vocabulary import DOCUMENT_TITLES

__all__ = ["check_gaps"]


def _missing_key(data: Mapping[str, Any], found: Gap) -> str | None:
    """The key to add when the gap's path names a field the file does not have yet."""
    target: Any = data
    for part in found.path:
        if isinstance(part, str) and (not isinstance(target, Mapping) or not target.get(part)):
            return part
        target = target[part]
    return None


def _hint(data: Mapping[str, Any], found: Gap) -> str:
    when = (" avant de faire signer les documents." if found.signature
            else " quand l'information sera connue.")
    if found.todo:
        return found.todo + when
    key = _missing_key(data, found)
    if key is None:
        return "Complétez le fichier projet à cet endroit" + when
    parent = found.path[:found.path.index(key)]
    where = f"dans « {parent[-1]} »" if parent and isinstance(parent[-1], str) else (
        "au fichier projet" if not parent else "à cet endroit")
    return f"Ajoutez « {key} » {where}" + when


def check_gaps(data: dict[str, Any]) -> list[Problem]:
    problems = []
    for found in document_gaps(data):
        problem = warning("document-a-completer", found.path,
                          f"Le document « {DOCUMENT_TITLES[found.document]} » portera la "
                          f"mention « {found.marker} ».", _hint(data, found))
        # `coopdocs progress` lists the gap in its step in its own words.
        problem.extra.update(document=found.document, what=found.what,
                             signature=found.signature)
        problems.append(problem)
    return problems
