"""The feuille de route: the progress report as the context of `templates/feuille-de-route.docx`.

Rendered and written like every other document by `coopdocs.build` (`build --only
feuille-de-route`, `progress --docx`); the template is written by tools/tpl_feuille_de_route.py.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from coopdocs.french.dates import date_longue
from coopdocs.french.grammar import sentence
from coopdocs.french.typography import typo_all
from coopdocs.method.output import problem_line, summary_sentence
from coopdocs.method.report import Report

__all__ = ["SHADES", "roadmap_context"]

# Light cell shadings of the Word summary table (green, yellow, red), dark text stays readable.
SHADES = {"fait": "E2EFDA", "en_cours": "FFF2CC", "a_faire": "F8D7DA"}


def roadmap_context(report: Report, today: date | None = None) -> dict[str, Any]:
    """What ``templates/feuille-de-route.docx`` prints."""
    return typo_all({
        "projet": {"nom": report.name},
        "date_du_jour": date_longue(today or date.today()),
        "fichier": Path(report.file).name,
        "lisible": report.readable,
        "valide": report.valid,
        "resume": summary_sentence(report),
        "etapes": [
            {"numero": s.number, "titre": s.title, "action": sentence(s.action),
             "statut": s.status,
             "statut_libelle": s.status_label[0].upper() + s.status_label[1:],
             "couleur": SHADES[s.status], "objectifs": s.objectives, "faits": s.done,
             "manques": s.missing, "prochains_moyens": s.next_means,
             "ressources": " ; ".join(s.resources),
             "problemes": [problem_line(p) for p in s.problems]}
            for s in report.steps
        ],
        "problemes": [problem_line(p) for p in report.problems],
    })
