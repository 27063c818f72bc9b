"""Small helpers every cross-field rule uses: building problems, reading lists defensively,
finding partners by id, guessing what the user meant.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

from coopdocs.errors import FieldPath, Problem

__all__ = ["CENT", "closest", "effective_budget_total", "error", "items", "mapping",
           "partners_by_id", "quote_list", "warning"]

CENT = Decimal("0.01")


def items(value: Any) -> Iterator[tuple[int, Any]]:
    """Enumerate a list that may be None (absent optional lists are [] but stay defensive)."""
    return enumerate(value or [])


def mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def error(code: str, path: FieldPath, message: str, hint: str | None = None) -> Problem:
    return Problem(message=message, path=path, hint=hint, severity="erreur", code=code)


def warning(code: str, path: FieldPath, message: str, hint: str | None = None) -> Problem:
    return Problem(message=message, path=path, hint=hint, severity="avertissement", code=code)


def partners_by_id(data: dict[str, Any]) -> dict[str, tuple[int, dict[str, Any]]]:
    """Partner id → (position, partner); the first declaration wins when an id is duplicated."""
    out: dict[str, tuple[int, dict[str, Any]]] = {}
    for i, partner in items(data.get("partenaires")):
        pid = partner.get("id")
        if isinstance(pid, str) and pid not in out:
            out[pid] = (i, partner)
    return out


def effective_budget_total(data: dict[str, Any]) -> Decimal | None:
    """The budget total the documents show: `budget.total`, else Σ besoin_financier, else None."""
    budget = mapping(data.get("budget"))
    total: Decimal | None = budget.get("total")
    if total is not None:
        return total
    needs = [
        a["besoin_financier"]
        for _, a in items(data.get("plan_action"))
        if a.get("besoin_financier") is not None
    ]
    return sum(needs, Decimal(0)) if needs else None


def closest(value: str, candidates: Sequence[str], cutoff: float = 0.6) -> str | None:
    """The declared id the user most likely meant, or None.

    A case difference ("Recycl") or a lengthened id ("plaine-commune" for "plaine") is a surer
    guess than difflib's similarity, which would prefer "ai-courneuve" in the latter case.
    """
    lowered = value.lower()
    for candidate in candidates:
        if candidate.lower() == lowered:
            return candidate
    prefixed = [
        c
        for c in candidates
        if len(c) >= 3 and (lowered.startswith(c.lower()) or c.lower().startswith(lowered))
    ]
    if prefixed and len(lowered) >= 3:
        return max(prefixed, key=len)
    by_lower = {c.lower(): c for c in candidates}
    found = difflib.get_close_matches(lowered, list(by_lower), n=1, cutoff=cutoff)
    return by_lower[found[0]] if found else None


def quote_list(values: Sequence[str], limit: int = 12) -> str:
    shown = ", ".join(f"« {v} »" for v in values[:limit])
    return shown + (", …" if len(values) > limit else "")
