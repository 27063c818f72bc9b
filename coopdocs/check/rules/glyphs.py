"""Characters the documents cannot print: an emoji or a Chinese letter in a name becomes an
empty box in the signed document (`french.glyphs`). A warning on each field that has one; an
error for a pictograph (an emoji, a symbol) in the legal name of a partner or of the person who
signs for it, which a register never holds."""

from __future__ import annotations

from typing import Any

from coopdocs.check.rules.base import error, items, mapping, warning
from coopdocs.errors import FieldPath, Problem
from coopdocs.french.glyphs import DOCUMENT_FONT, pictographs, unprintable
from coopdocs.french.grammar import liste
from coopdocs.french.names import message_name
from coopdocs.source.walk import leaves

__all__ = ["check_glyphs"]

# The legal names of a partner and of its signatory, with what the message calls each and
# where the hint sends the user to copy it from.
_REGISTER = ("Écrivez la raison sociale telle qu'elle figure au registre où la structure est "
             "inscrite (RCS, répertoire SIRENE, répertoire national des associations), sans "
             "pictogramme : un logo ou un émoji n'a pas sa place dans un acte signé.")
_CIVIL_STATUS = ("Écrivez-le tel qu'il figure à l'état civil (sur la pièce d'identité de la "
                 "personne qui signe), sans pictogramme.")
_LEGAL_NAMES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("raison_sociale",), "la raison sociale de {}", _REGISTER),
    (("representant", "prenom"), "le prénom de la personne qui signe pour {}", _CIVIL_STATUS),
    (("representant", "nom"), "le nom de la personne qui signe pour {}", _CIVIL_STATUS),
)


def _shown(chars: list[str]) -> str:
    return liste(f"« {c} » (U+{ord(c):04X})" for c in chars[:5])


def _legal_names(data: dict[str, Any]) -> list[tuple[FieldPath, str, str, str]]:
    """(path, text, what the field is, hint) of every legal name of the partners."""
    found: list[tuple[FieldPath, str, str, str]] = []
    for i, partner in items(data.get("partenaires")):
        for keys, what, hint in _LEGAL_NAMES:
            value: Any = partner
            for key in keys:
                value = mapping(value).get(key)
            if isinstance(value, str):
                path: FieldPath = ("partenaires", i, *keys)
                found.append((path, value,
                              what.format(message_name(partner)), hint))
    return found


def check_glyphs(data: dict[str, Any]) -> list[Problem]:
    problems = []
    named: set[FieldPath] = set()
    for path, text, what, hint in _legal_names(data):
        found = pictographs(text)
        if found:
            named.add(path)
            problems.append(error(
                "pictogramme-nom", path,
                f"{_shown(found)} dans {what} : un nom légal ne comporte jamais de pictogramme "
                f"(émoji, symbole), et la police des documents ({DOCUMENT_FONT}) l'imprimerait "
                "comme un carré vide dans les documents signés.", hint))
    for path, text in leaves(data):
        if not isinstance(text, str) or path in named:
            continue
        missing = unprintable(text)
        if not missing:
            continue
        problems.append(warning(
            "caractere-sans-glyphe", path,
            f"{_shown(missing)} n'existe pas dans la police des documents ({DOCUMENT_FONT}) : Word "
            "l'imprimera comme un carré vide ou dans une autre police, selon l'ordinateur.",
            "Remplacez ce caractère par un mot ou un caractère latin, ou retirez-le."))
    return problems
