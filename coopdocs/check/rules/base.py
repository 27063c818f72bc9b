"""Small helpers every cross-field rule uses: building problems, reading lists defensively,
finding partners by id, guessing what the user meant.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any, TypeVar

from coopdocs.errors import FieldPath, PathPart, Problem

__all__ = ["CENT", "INPUTS", "Broken", "Inputs", "Pattern", "closest", "effective_budget_total",
           "error", "inputs", "items", "mapping", "partners_by_id", "pattern", "quote_list",
           "warning"]

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


# --- What a rule reads, and what a broken field means for it -------------------------------

Pattern = tuple[str | None, ...]  # a field path; None stands for every position of a list
Rule = Callable[[dict[str, Any]], list[Problem]]
R = TypeVar("R", bound=Callable[..., list[Problem]])


def pattern(text: str) -> Pattern:
    """``"partenaires[].adresse.code_postal"`` → ``("partenaires", None, "adresse", …)``."""
    parts: list[str | None] = []
    for piece in text.split("."):
        parts.append(piece.split("[", 1)[0])
        parts.extend(None for _ in range(piece.count("[]")))
    return tuple(parts)


@dataclass(frozen=True)
class Inputs:
    """The fields a rule looks at.

    `reads`: fields checked one by one — a broken one is simply skipped and the rule runs on the
    others. `needs`: fields taken together (sums, counts, who is who by id) — one broken and the
    rule waits until it is fixed, since its verdict would be wrong.
    """

    reads: tuple[Pattern, ...] = ()
    needs: tuple[Pattern, ...] = ()


# Rule → its inputs. A rule without an entry needs everything: it runs on valid files only.
INPUTS: dict[Callable[..., list[Problem]], Inputs] = {}
EVERYTHING = Inputs(needs=((),))


def inputs(*, reads: Iterable[str] = (), needs: Iterable[str] = ()) -> Callable[[R], R]:
    """Declare the fields a rule reads one by one and the fields it needs together."""
    declared = Inputs(tuple(pattern(p) for p in reads), tuple(pattern(p) for p in needs))

    def register(rule: R) -> R:
        INPUTS[rule] = declared
        return rule

    return register


def _related(path: FieldPath, field: Pattern) -> bool:
    """Whether `path` is `field` (any position for None), one of its parents or children."""
    for part, wanted in zip(path, field, strict=False):
        if wanted is None:
            if not isinstance(part, int):
                return False
        elif part != wanted:
            return False
    return True


@dataclass(frozen=True)
class Broken:
    """The fields of a project the rules cannot trust, as the schema (or a duplicated id) left
    them: `paths` all of them, `removed` those whose wrong value was taken out of the data."""

    paths: frozenset[FieldPath] = frozenset()
    removed: frozenset[FieldPath] = frozenset()

    @cached_property
    def _by_block(self) -> dict[PathPart | None, list[FieldPath]]:
        # Broken paths by top-level block: a rule's field is compared with its own block only.
        blocks: dict[PathPart | None, list[FieldPath]] = {}
        for path in self.paths:
            blocks.setdefault(path[0] if path else None, []).append(path)
        return blocks

    def touches(self, fields: Iterable[Pattern]) -> bool:
        everything = self._by_block.get(None, [])
        for field in fields:
            candidates = self.paths if not field else (
                [*self._by_block.get(field[0], []), *everything])
            if any(_related(path, field) for path in candidates):
                return True
        return False

    def hides(self, path: FieldPath) -> bool:
        """A rule's problem at a broken field repeats (or guesses around) the schema's own."""
        return path in self.paths or any(path[:n] in self.removed for n in range(len(path)))

    def with_paths(self, more: Iterable[FieldPath]) -> Broken:
        return Broken(self.paths | frozenset(more), self.removed)
