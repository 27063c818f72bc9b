"""French wording helpers shared by the governance, vote-rule and stakeholder contexts.

Split out of ``coopdocs.governance`` so that ``governance``, ``votes`` and ``stakeholders`` can
all use them without importing one another (no import cycle). The underscored helpers are
package-internal; the public names are re-exported by ``coopdocs.governance``, where
``coopdocs.planning`` imports them from.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

from coopdocs import formatting as fmt

__all__ = [
    "COLON",
    "DASH",
    "NBSP",
    "NNBSP",
    "SEMI",
    "label",
    "partner_name",
    "partner_short",
]

NBSP = "\u00a0"
NNBSP = "\u202f"
# French typography (domain.md §9.5): no-break space before « : », narrow one before « ; ».
COLON = f"{NBSP}:"
SEMI = f"{NNBSP};"
DASH = "—"

# --------------------------------------------------------------------------- labels


def _labels() -> Mapping[str, Any]:
    # Imported here: coopdocs.project imports this module's functions when it builds a context.
    from coopdocs.project import labels

    return labels()


def label(kind: str, code: str | None) -> str:
    """The French label of an enum value (``data/libelles.yaml``), capitalised for a cell."""
    if code is None:
        return ""
    value = _labels().get(kind, {}).get(code)
    if isinstance(value, Mapping):
        value = value.get("libelle")
    if not value:
        return code.replace("_", " ").capitalize()
    return fmt.majuscule_initiale(str(value))


# --------------------------------------------------------------------------- small helpers


def _partners(data: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {p["id"]: p for p in data.get("partenaires") or []}


def partner_name(partner: Mapping[str, Any]) -> str:
    """« Recycl'Action 93 (RA93) », or the raison sociale alone without a sigle."""
    sigle = partner.get("sigle")
    name = partner["raison_sociale"]
    return f"{name} ({sigle})" if sigle and sigle != name else name


def partner_short(partner: Mapping[str, Any]) -> str:
    """The sigle when there is one (« RA93 »), else the raison sociale."""
    return partner.get("sigle") or partner["raison_sociale"]


def _ref_name(
    partners: Mapping[str, Mapping[str, Any]], ref: str | None, short: bool = False
) -> str:
    """A partner reference shown by name; free text (a financing source) is kept as is."""
    if not ref:
        return ""
    partner = partners.get(ref)
    if partner is None:
        return str(ref)
    return partner_short(partner) if short else partner_name(partner)


def _lower_first(text: str) -> str:
    """« Entrée d'un partenaire » → « entrée d'un partenaire », but keep « COPIL », « Plaine »…

    Only the first letter of a capitalised common word is lowered (the second letter is a
    lower-case letter); proper nouns cannot be told apart, so an item starting with one keeps
    its capital when followed by a capital or a digit.
    """
    text = text.strip()
    if len(text) >= 2 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _sentence(text: str) -> str:
    """Capital first letter and a final full stop."""
    text = fmt.majuscule_initiale(text.strip())
    if text and text[-1] not in ".!?…»":
        text += "."
    return text


def _plural(count: int, singular: str, plural: str | None = None) -> str:
    return singular if count <= 1 else (plural or singular + "s")


def _sort_key(text: str) -> str:
    """Alphabetical order that ignores accents and case (« Réseau » after « Recycl »)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _days_text(days: int) -> str:
    """« quinze jours », « un jour »."""
    return f"{fmt.nombre_lettres(days)} {_plural(days, 'jour')}"


def _join_lines(items: Iterable[str | None]) -> list[str]:
    return [str(item).strip() for item in items if item is not None and str(item).strip()]


def _person(person: Mapping[str, Any] | None) -> str:
    """« Jeanne Martin, chargée de mission »: a referent, for the governance and the map."""
    if not person or not person.get("nom"):
        return ""
    text = fmt.nom_personne(person)
    if person.get("fonction"):
        text += f", {_lower_first(person['fonction'])}"
    return text
