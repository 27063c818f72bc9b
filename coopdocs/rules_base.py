"""Shared vocabulary and small helpers of the cross-field rules (`coopdocs.rules`).

Kept apart so that `rules.py`, `rules_refs.py` and `rules_warnings.py` can share them without
importing each other. Messages are French and meant for project staff, so amounts and dates are
shown the way they read them (``12 500,00 €``, ``01/09/2026``), not the way Python prints them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from coopdocs.errors import Path, Problem

# Structures conventionnées by the State as SIAE: they are employers with a SIRET (§10).
SIAE_TYPES = frozenset({"aci", "ei", "etti", "ai", "eiti"})
# Commercial companies always have a SIRET (RCS registration).
COMPANY_FORMS = frozenset({"sarl", "sas", "sasu", "sa", "eurl", "scop", "scic"})
# Forms that create a new legal person: the real founding act is the statuts (§2).
LEGAL_PERSON_FORMS = frozenset(
    {
        "association",
        "union_associations",
        "groupement_employeurs",
        "geiq",
        "gie",
        "scic",
        "ues",
        "gcsms",
        "societe_commune",
        "fusion",
    }
)
GME_FORMS = frozenset({"gme_conjoint", "gme_solidaire"})
# Forms for which no convention document is produced: an informal practice has no written
# agreement at all, and a `charte` project signs only the charte.
NO_CONVENTION_FORMS = frozenset({"informelle", "charte"})
# Vote modes where a threshold means nothing (everyone, or no objection, must agree).
NO_THRESHOLD_MODES = frozenset({"consensus", "unanimite", "consentement"})

CENT = Decimal("0.01")


def convention_applies(data: dict[str, Any]) -> bool:
    """Whether the convention document is built for this project.

    It is built for every `statut_juridique.forme` except `informelle` and `charte` (a
    `lettre_intention` is rendered with the convention template, in its lighter wording; new
    legal persons get it as a pre-constitution agreement). The documents module must use this
    same function so that the "≥ 2 signatories" rule and the generated documents never disagree.
    """
    statut = data.get("statut_juridique") or {}
    return statut.get("forme") not in NO_CONVENTION_FORMS


def items(value: Any) -> Iterator[tuple[int, Any]]:
    """Enumerate a list that may be None (absent optional lists are [] but stay defensive)."""
    return enumerate(value or [])


def mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def error(code: str, path: Path, message: str, hint: str | None = None) -> Problem:
    return Problem(message=message, path=path, hint=hint, severity="erreur", code=code)


def warning(code: str, path: Path, message: str, hint: str | None = None) -> Problem:
    return Problem(message=message, path=path, hint=hint, severity="avertissement", code=code)


def fmt_eur(amount: Decimal) -> str:
    """``Decimal("12500.5")`` → ``12 500,50 €`` (French grouping, comma decimals)."""
    text = f"{amount.quantize(CENT):,.2f}"
    return text.replace(",", " ").replace(".", ",") + " €"


def fmt_num(value: Decimal) -> str:
    """A percentage or ratio without useless zeros: ``Decimal("50.00")`` → ``50``, ``0,75``."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def fmt_date(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def partner_label(partner: dict[str, Any]) -> str:
    """How a partner is named in messages: ``Recycl'Action 93 (recycl)``."""
    name = partner.get("raison_sociale")
    pid = partner.get("id")
    return f"{name} ({pid})" if name else f"« {pid} »"


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
    if budget.get("total") is not None:
        return budget["total"]
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
