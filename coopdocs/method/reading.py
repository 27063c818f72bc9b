"""Reading project data defensively, and recording what a step's check finds.

The progress report works on files that do not validate yet: the checks then read the raw YAML
data, where any field may hold any type. These accessors return a safe empty value for anything
unexpected; on normalised data they return the value itself.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from coopdocs.check.values import parse_amount, parse_date
from coopdocs.french.labels import label
from coopdocs.french.names import short_name
from coopdocs.french.typography import quote
from coopdocs.vocabulary import NON_DECISION_INSTANCES, NON_SIGNING_ROLES

__all__ = [
    "Findings",
    "amount_of",
    "as_map",
    "code",
    "date_of",
    "decisive",
    "dicts",
    "entry_label",
    "label_of",
    "names_by_id",
    "partners",
    "signs",
    "text",
    "texts",
]


def as_map(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    # A number typed where text is expected still says something; a list or a mapping does not.
    return str(value) if isinstance(value, int | float | Decimal) and not isinstance(
        value, bool) else ""


def texts(value: Any) -> list[str]:
    if isinstance(value, str):  # a single string where a list is expected still says something
        value = [value]
    return [t for t in (text(v) for v in value) if t] if isinstance(value, list) else []


def code(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def date_of(value: Any) -> date | None:
    parsed = parse_date(value) if value is not None else None
    return parsed if isinstance(parsed, date) else None


def amount_of(value: Any) -> Decimal | None:
    parsed = parse_amount(value) if value is not None and not isinstance(value, bool) else None
    return parsed if isinstance(parsed, Decimal) else None


def partners(data: dict[str, Any]) -> list[dict[str, Any]]:
    return dicts(data.get("partenaires"))


def names_by_id(data: dict[str, Any]) -> dict[str, str]:
    """Partner id → how people name it (its sigle, else its raison sociale)."""
    return {p["id"]: short_name(p) for p in partners(data) if code(p.get("id"))}


def label_of(kind: str, value: Any) -> str:
    return label(kind, value) if isinstance(value, str) else ""


def signs(partner: dict[str, Any], flag: str) -> bool:
    """Whether a partner signs the convention (or the charte), with the schema's default."""
    value = partner.get(flag)
    if isinstance(value, bool):
        return value
    return flag == "signataire_charte" or partner.get("role") not in NON_SIGNING_ROLES


def decisive(instance: dict[str, Any]) -> bool:
    """Whether an instance takes decisions, with the schema's default."""
    value = instance.get("decisionnelle")
    return value if isinstance(value, bool) else instance.get("type") not in NON_DECISION_INSTANCES


def entry_label(entry: dict[str, Any], keys: tuple[str, ...], position: int) -> str:
    """« « name » » from the first key that has text, else « n° 3 »."""
    for key in keys:
        if found := text(entry.get(key)):
            return quote(found)
    return f"n° {position + 1}"


class Findings:
    """What a step's check found: facts, gaps (each pointing to memo means), extra advice."""

    def __init__(self) -> None:
        self.done: list[str] = []
        self.missing: list[str] = []
        self.means: list[int] = []  # memo means (positions in trame.yaml) the gaps call for
        self.advice: list[int | str] = []  # suggested even when the step is done

    def ok(self, fact: str) -> None:
        self.done.append(fact)

    def gap(self, missing: str, *means: int) -> None:
        self.missing.append(missing)
        self.means.extend(means)

    def suggest(self, *advice: int | str) -> None:
        self.advice.extend(advice)
