"""The progress report of one project file, and its stable JSON shape.

``report_to_dict(report)`` (documented in docs/progression.md)::

    {"projet": str, "fichier": str, "lisible": bool, "valide": bool,
     "resume": {"fait": int, "en_cours": int, "a_faire": int,
                "erreurs": int, "avertissements": int},
     "etapes": [{"id": str, "numero": int, "titre": str, "action": str,
                 "statut": "fait" | "en_cours" | "a_faire", "statut_libelle": str,
                 "objectifs": [str], "faits": [str], "manques": [str],
                 "prochains_moyens": [str], "ressources": [str],
                 "problemes": [Problem.to_dict()]}],
     "problemes": [Problem.to_dict()]}

``problemes`` at the top holds what belongs to no step (unreadable file, unknown top-level key).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from coopdocs.errors import Problem

__all__ = ["STATUS_LABELS", "Report", "Status", "StepStatus", "report_to_dict"]

Status = Literal["fait", "en_cours", "a_faire"]
STATUS_LABELS: dict[str, str] = {"fait": "fait", "en_cours": "en cours", "a_faire": "à faire"}


@dataclass
class StepStatus:
    """Where the project stands on one step."""

    id: str
    number: int
    title: str  # the memo's name of the step
    action: str  # what one does in it, in a few words
    status: Status
    objectives: list[str]
    done: list[str]
    missing: list[str]
    next_means: list[str]
    resources: list[str]
    problems: list[Problem] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class Report:
    """The progress report of one project file."""

    name: str
    file: str
    readable: bool  # False: the YAML could not be read at all (see `problems`)
    valid: bool
    steps: list[StepStatus]
    problems: list[Problem] = field(default_factory=list)  # attached to no step
    sha256: str = ""  # of the project file, recorded with the feuille de route it gives

    @property
    def counts(self) -> dict[str, int]:
        """Steps by status, and errors and warnings in all."""
        every = self.problems + [p for s in self.steps for p in s.problems]
        counts = {s: sum(1 for e in self.steps if e.status == s) for s in STATUS_LABELS}
        counts["erreurs"] = sum(1 for p in every if p.is_error)
        counts["avertissements"] = sum(1 for p in every if not p.is_error)
        return counts


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data; its shape is documented in the module docstring."""
    return {
        "projet": report.name,
        "fichier": report.file,
        "lisible": report.readable,
        "valide": report.valid,
        "resume": report.counts,
        "etapes": [
            {"id": s.id, "numero": s.number, "titre": s.title, "action": s.action,
             "statut": s.status,
             "statut_libelle": s.status_label, "objectifs": list(s.objectives),
             "faits": list(s.done), "manques": list(s.missing),
             "prochains_moyens": list(s.next_means), "ressources": list(s.resources),
             "problemes": [p.to_dict() for p in s.problems]}
            for s in report.steps
        ],
        "problemes": [p.to_dict() for p in report.problems],
    }
