"""The catalogue of documents coopdocs produces, and when each one applies to a project.

Each entry gives a stable code (used on the command line and in the context's
``documents_annexes``), its French title, the template file in ``coopdocs/templates/`` and the
output file name. ``applies(data)`` returns ``None`` when the document is produced, else the
one-line French reason it is skipped (shown to the user).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["CATALOGUE", "Document", "by_code", "produced"]

Data = Mapping[str, Any]


@dataclass(frozen=True)
class Document:
    code: str
    titre: str
    modele: str  # template file name in coopdocs/templates/
    fichier: str  # output file name
    _reason: Callable[[Data], str | None]

    def applies(self, data: Data) -> str | None:
        """``None`` when the document is produced for ``data``, else why it is not (French)."""
        return self._reason(data)


def _convention_applies(data: Data) -> bool:
    from coopdocs.rules_base import convention_applies

    return bool(convention_applies(dict(data)))


def _signatories(data: Data, flag: str) -> int:
    return sum(1 for p in data.get("partenaires") or [] if p.get(flag))


def _convention(data: Data) -> str | None:
    if not _convention_applies(data):
        forme = (data.get("statut_juridique") or {}).get("forme")
        return (f"pas de convention pour la forme « {forme} » choisie dans "
                "« statut_juridique.forme »")
    if _signatories(data, "signataire_convention") < 2:
        return "moins de deux signataires de la convention"
    return None


def _charte(data: Data) -> str | None:
    if _signatories(data, "signataire_charte") < 2:
        return "moins de deux signataires de la charte"
    return None


def _gouvernance(data: Data) -> str | None:
    gov = data.get("gouvernance") or {}
    return None if gov.get("instances") else "pas d'instance de gouvernance décrite"


def _cartographie(data: Data) -> str | None:
    return None if data.get("partenaires") else "aucun partenaire décrit"


def _plan(data: Data) -> str | None:
    return None if data.get("plan_action") else "pas de plan d'action (bloc « plan_action » absent)"


CATALOGUE: tuple[Document, ...] = (
    Document("convention", "Convention de partenariat", "convention-de-partenariat.docx",
             "convention-de-partenariat.docx", _convention),
    Document("charte", "Charte de coopération", "charte-de-cooperation.docx",
             "charte-de-cooperation.docx", _charte),
    Document("gouvernance", "Fiche d'organisation de la gouvernance", "gouvernance.docx",
             "gouvernance.docx", _gouvernance),
    Document("cartographie", "Cartographie des parties prenantes",
             "cartographie-des-parties-prenantes.docx", "cartographie-des-parties-prenantes.docx",
             _cartographie),
    Document("plan-action", "Plan d'action", "plan-d-action.docx", "plan-d-action.docx", _plan),
)


def by_code(code: str) -> Document:
    for document in CATALOGUE:
        if document.code == code:
            return document
    known = ", ".join(d.code for d in CATALOGUE)
    raise KeyError(f"Document inconnu : « {code} » (documents possibles : {known}).")


def produced(data: Data) -> list[Document]:
    """The documents that apply to ``data``, in catalogue order."""
    return [d for d in CATALOGUE if d.applies(data) is None]
