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

from coopdocs.vocabulary import DOCUMENT_TITLES, charter_applies, convention_applies

__all__ = ["CATALOGUE", "ROADMAP", "Document", "by_code", "produced"]

Data = Mapping[str, Any]


@dataclass(frozen=True)
class Document:
    code: str
    title: str
    template: str  # template file name in coopdocs/templates/
    filename: str  # output file name
    skip_reason: Callable[[Data], str | None]

    def applies(self, data: Data) -> str | None:
        """``None`` when the document is produced for ``data``, else why it is not (French)."""
        return self.skip_reason(data)


def _signatories(data: Data, flag: str) -> int:
    return sum(1 for p in data.get("partenaires") or [] if p.get(flag))


def _why_no_convention(data: Data) -> str | None:
    if not convention_applies(data):
        forme = (data.get("statut_juridique") or {}).get("forme")
        return (f"pas de convention pour la forme « {forme} » choisie dans "
                "« statut_juridique.forme »")
    if _signatories(data, "signataire_convention") < 2:
        return "moins de deux signataires de la convention"
    return None


def _why_no_charter(data: Data) -> str | None:
    if not charter_applies(data):
        return "moins de deux signataires de la charte"
    return None


def _why_no_governance(data: Data) -> str | None:
    gov = data.get("gouvernance") or {}
    return None if gov.get("instances") else "pas d'instance de gouvernance décrite"


def _why_no_map(data: Data) -> str | None:
    return None if data.get("partenaires") else "aucun partenaire décrit"


def _why_no_plan(data: Data) -> str | None:
    return None if data.get("plan_action") else "pas de plan d'action (bloc « plan_action » absent)"


CATALOGUE: tuple[Document, ...] = (
    Document("convention", DOCUMENT_TITLES["convention"], "convention-de-partenariat.docx",
             "convention-de-partenariat.docx", _why_no_convention),
    Document("charte", DOCUMENT_TITLES["charte"], "charte-de-cooperation.docx",
             "charte-de-cooperation.docx", _why_no_charter),
    Document("gouvernance", DOCUMENT_TITLES["gouvernance"], "gouvernance.docx",
             "gouvernance.docx", _why_no_governance),
    Document("cartographie", DOCUMENT_TITLES["cartographie"],
             "cartographie-des-parties-prenantes.docx", "cartographie-des-parties-prenantes.docx",
             _why_no_map),
    Document("plan-action", DOCUMENT_TITLES["plan-action"], "plan-d-action.docx",
             "plan-d-action.docx", _why_no_plan),
)

# The feuille de route is the progress report as a Word document: its context is the report
# (`coopdocs.method`), not the project's, so `build` makes it only when asked by name.
ROADMAP = Document("feuille-de-route", DOCUMENT_TITLES["feuille-de-route"],
                   "feuille-de-route.docx", "feuille-de-route.docx", lambda data: None)


def by_code(code: str) -> Document:
    for document in CATALOGUE:
        if document.code == code:
            return document
    known = ", ".join(d.code for d in CATALOGUE)
    raise KeyError(f"Document inconnu : « {code} » (documents possibles : {known}).")


def produced(data: Data) -> list[Document]:
    """The documents that apply to ``data``, in catalogue order."""
    return [d for d in CATALOGUE if d.applies(data) is None]
