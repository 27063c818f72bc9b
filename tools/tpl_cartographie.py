"""Builder of ``coopdocs/templates/cartographie-des-parties-prenantes.docx`` (domain.md §6).

Page 1 (portrait): the circles of engagement and who is in each. Then a landscape section: the
drawing of the circles on a page of its own (its rings need the width: names never cross a
ring, and a portrait page would leave room for few of them), the influence × intérêt grid
when at least one stakeholder has both levels (an overview before the details), then the
table of stakeholders (seven columns of running text do not fit a portrait page) and the
risks and relationship details when there are any.

Reads ``projet.nom`` and ``cartographie.*``
(``coopdocs.context.stakeholders.stakeholders_context``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import templatekit as tk

__all__ = ["FILENAME", "build"]

TITLE = "Cartographie des parties prenantes"
NB = "\u00a0"


def _circles(doc) -> None:
    tk.heading(doc, "1. Les cercles d'engagement", level=1)
    tk.para(
        doc,
        "Chaque acteur est placé dans un cercle selon son degré d'engagement dans le projet : "
        "plus il est proche du centre, plus il participe aux décisions. Le schéma des cercles "
        "suit ce tableau.".replace(" :", NB + ":"),
    )
    tk.table(
        doc,
        ["Cercle", "Qui s'y trouve\u00a0?", "Acteurs"],
        tk.loop_rows(
            "for c in cartographie.cercles",
            [
                [[("{{ c.cercle }}", "Strong")], "{{ c.niveau }}"],
                "{{ c.description|majuscule_initiale }}",
                "{{ c.membres|majuscule_initiale }}",
            ],
        ),
        widths_cm=[3.2, 6.3, 7.0],
    )


def _table(doc) -> None:
    tk.heading(doc, "3. Les parties prenantes une à une", level=1)
    tk.para(
        doc,
        "Du cœur vers l'environnement. La stratégie croise l'influence de l'acteur sur le "
        "projet et son intérêt pour lui.",
    )
    name_cell = [[("{{ s.nom }}", "Strong")], "{{ s.type }}"]
    circle_cell = ["{{ s.cercle }}", "{{ s.niveau_participation }}"]
    position_cell = [
        "{%p if s.strategie != '—' %}",
        [("{{ s.strategie }}", "Strong")],
        "{%p endif %}",
        "{{ s.positionnement }}",
    ]
    tk.table(
        doc,
        [
            "Partie prenante",
            "Cercle et participation",
            "Rôle",
            "Attentes",
            "Apports",
            "Stratégie (influence, intérêt)",
            "Référent·e",
        ],
        tk.loop_rows(
            "for s in cartographie.parties_prenantes",
            [
                name_cell,
                circle_cell,
                "{{ s.role }}",
                "{{ s.attentes }}",
                ["{%p for a in s.apports %}", "{{ a }}", "{%p endfor %}"],
                position_cell,
                "{{ s.referent }}",
            ],
        ),
        # The Référent·e column holds a short name: 3 cm leave room for a word of sixteen
        # letters (« Ressourcerie », « Intermédiaire »); at 2.2 cm LibreOffice cut them
        # mid-word (« Ressourceri / e »).
        widths_cm=[4.4, 2.9, 3.2, 3.2, 5.5, 3.0, 3.0],
    )
    tk.ptag(doc, "if cartographie.details")
    tk.heading(doc, "Risques et modalités de relation", level=2)
    tk.table(
        doc,
        ["Partie prenante", "Risques ou freins", "Modalités de relation"],
        tk.loop_rows(
            "for s in cartographie.details",
            [[[("{{ s.nom }}", "Strong")]], "{{ s.risques }}", "{{ s.modalites }}"],
        ),
        widths_cm=[5.6, 9.8, 9.8],
    )
    tk.ptag(doc, "endif")


def _grid(doc) -> None:
    # After the drawing's page: the grid starts a page of its own.
    tk.heading(doc, "2. Influence et intérêt", level=1).paragraph_format.page_break_before = True
    tk.ptag(doc, "if cartographie.a_grille")
    tk.para(
        doc,
        "La matrice croise l'influence de chaque acteur sur le projet (verticalement) et son "
        "intérêt pour le projet (horizontalement). Elle indique où porter l'effort : gérer "
        "étroitement les acteurs influents et concernés, satisfaire les acteurs influents peu "
        "concernés, informer les acteurs concernés peu influents, surveiller les autres.".replace(
            " :", NB + ":"
        ),
    )
    tk.keep_lead_in(tk.para(doc, "{{ cartographie.image_grille }}", style="Centre")._p)
    tk.ptag(doc, "if cartographie.non_evaluees_texte")
    tk.para(doc, "{{ cartographie.non_evaluees_texte }}")
    tk.ptag(doc, "endif")
    tk.ptag(doc, "else")
    tk.para(doc, "{{ cartographie.non_evaluees_texte }}")
    tk.ptag(doc, "endif")


FILENAME = "cartographie-des-parties-prenantes.docx"



def build(path: str | Path) -> Path:
    """Write the template to ``path`` (a folder, or a .docx file name); return the file."""
    doc = tk.new_document(TITLE)
    tk.title_block(doc, TITLE, working=True)
    _circles(doc)
    tk.orient(doc, landscape=True)
    tk.para(doc, "{{ cartographie.image_cercles }}", style="Centre")
    _grid(doc)
    _table(doc)
    return tk.save(doc, tk.target(path, FILENAME), title=TITLE)


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[1] / "coopdocs" / "templates"
    print(build(sys.argv[1] if len(sys.argv) > 1 else default))
