"""Builder of ``coopdocs/templates/feuille-de-route.docx``: the « feuille de route » of a project,
its progress on the trame méthodologique, printed for the collective's next meeting.

Reads the context of ``coopdocs.method.roadmap.roadmap_context``: ``projet.nom``,
``date_du_jour``, ``fichier``, ``valide``, ``lisible``, ``resume`` (one sentence) and
``etapes`` (numero, titre, statut_libelle, couleur, objectifs, faits, manques,
prochains_moyens, ressources, problemes — lists of strings), ``problemes`` (strings).
"""

from __future__ import annotations

import sys
from pathlib import Path

import templatekit as tk
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

__all__ = ["build"]

TITLE = "Feuille de route"
FILE = "feuille-de-route.docx"


def _bullets(doc, expression: str, var: str) -> None:
    tk.ptag(doc, f"for {var} in {expression}")
    item = tk.bullet(doc, f"{{{{ {var} }}}}")
    # Ragged right: justified short items full of « field names » stretch into wide gaps.
    item.alignment = WD_ALIGN_PARAGRAPH.LEFT
    tk.ptag(doc, "endfor")


def _section(doc, title: str, expression: str, var: str, empty: str | None) -> None:
    """A level-2 heading and the bullets of a list; ``empty`` is printed when it has none."""
    if empty is None:
        tk.ptag(doc, f"if {expression}")
    tk.heading(doc, title, level=2)
    if empty is not None:
        tk.ptag(doc, f"if {expression}")
    _bullets(doc, expression, var)
    if empty is not None:
        tk.ptag(doc, "else")
        tk.para(doc, empty)
    tk.ptag(doc, "endif")


def _summary(doc) -> None:
    tk.heading(doc, "Où en est le projet ?", level=1)
    tk.table(
        doc,
        ["Étape", "Statut"],
        tk.loop_rows(
            "for e in etapes",
            [
                # A cell holds a list of paragraphs: each inner list is ONE paragraph.
                [["{{ e.numero }}. ", "{{ e.titre }}"]],
                # cellbg must open the cell: docxtpl shades the whole cell with the colour.
                [["{% cellbg e.couleur %}", ("{{ e.statut_libelle }}", "Strong")]],
            ],
        ),
        widths_cm=[13.0, 3.5],
    )


def _steps(doc) -> None:
    tk.ptag(doc, "for e in etapes")
    tk.heading(doc, ["Étape ", "{{ e.numero }}", " – ", "{{ e.titre }}"], level=1)
    tk.para(doc, [("{{ e.action }}", "Emphasis")])
    tk.para(doc, [("Statut\u00a0: ", "Strong"), ("{{ e.statut_libelle }}", None)])
    _section(doc, "Objectifs de l'étape", "e.objectifs", "o", None)
    _section(doc, "Ce qui est fait", "e.faits", "f", "Rien n'est encore renseigné pour cette "
             "étape dans le fichier projet.")
    _section(doc, "Ce qui manque", "e.manques", "m", "Rien : l'étape est complète.")
    _section(doc, "Prochains moyens à mobiliser", "e.prochains_moyens", "p", None)
    _section(doc, "À corriger dans le fichier projet", "e.problemes", "x", None)
    tk.ptag(doc, "if e.ressources")
    further = tk.para(doc, [("Pour aller plus loin\u00a0: ", "Strong"),
                            ("{{ e.ressources }}", None)])
    further.alignment = WD_ALIGN_PARAGRAPH.LEFT
    further.paragraph_format.space_before = Pt(6)  # apart from the bullets just above
    tk.ptag(doc, "endif")
    tk.ptag(doc, "endfor")


def build(path: str | Path) -> Path:
    """Write the template to ``path`` (a folder, or a .docx file name); return the file.

    ``tools/build_templates.py`` passes the templates folder.
    """
    path = tk.target(path, FILE)
    doc = tk.new_document(TITLE)
    tk.title_block(doc, TITLE, working=True)
    tk.para(doc, ["Point d'étape du ", "{{ date_du_jour }}",
                  ", établi d'après le fichier projet « ", "{{ fichier }}", " » et la trame "
                  "méthodologique « Construire des projets de coopération » (Inser'Eco93)."])
    tk.para(doc, [("{{ resume }}", "Strong")])
    tk.ptag(doc, "if lisible and not valide")
    tk.para(doc, "Le fichier projet contient encore des erreurs : les documents ne peuvent pas "
                 "être produits tant qu'elles ne sont pas corrigées. Chacune est rappelée sous "
                 "l'étape qu'elle concerne.")
    tk.ptag(doc, "endif")
    tk.ptag(doc, "if etapes")
    _summary(doc)
    tk.ptag(doc, "endif")
    _steps(doc)
    tk.ptag(doc, "if problemes")
    tk.heading(doc, "Autres points à corriger dans le fichier projet", level=1)
    _bullets(doc, "problemes", "x")
    tk.ptag(doc, "endif")
    return tk.save(doc, path, title=TITLE)


if __name__ == "__main__":
    target = Path(__file__).resolve().parents[1] / "coopdocs" / "templates"
    print(build(sys.argv[1] if len(sys.argv) > 1 else target))
