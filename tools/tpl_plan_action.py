"""Builder of ``coopdocs/templates/plan-d-action.docx`` (domain.md §7).

Portrait: objectives with their indicators, then one block per action (a reader looks an
action up and reads it whole, which a fourteen-column grid does not allow), the financing
summary and the rétroplanning: the Gantt chart (a table), then the dated list with J-n. The
Gantt chart gets a landscape section of its own when it spans more than fourteen months
(``plan.retroplanning.paysage``): the two section breaks around it are kept only then.

Reads ``projet.nom`` and ``plan.*`` (``coopdocs.context.planning.plan_context``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import templatekit as tk
from docx.oxml.ns import qn

__all__ = ["FILENAME", "build"]

TITLE = "Plan d'action"
NB = "\u00a0"
KEY_WIDTH, VALUE_WIDTH = 4.3, 12.2


def _lines(var: str, expression: str) -> list:
    """Cell content: one paragraph per item of ``expression`` (never empty: guarded by an if)."""
    return [f"{{%p for {var} in {expression} %}}", f"{{{{ {var} }}}}", "{%p endfor %}"]


def _optional_row(condition: str, key: str, value) -> list:
    return [f"{{%tr if {condition} %}}", [[[(key, "Strong")]], value], "{%tr endif %}"]


def _objectives(doc) -> None:
    tk.heading(doc, "1. Objectifs opérationnels et indicateurs", level=1)
    tk.ptag(doc, "for o in plan.objectifs")
    tk.heading(doc, ["{{ o.numero }}", " – ", "{{ o.intitule }}"], level=2)
    tk.paragraphs_of(doc, "o.description")
    tk.para(
        doc,
        ["{{ o.echeance_texte }}", ". ", "{{ o.actions_titre }}", f"{NB}: ",
         "{{ o.actions_texte }}", "."],
    )
    tk.table(
        doc,
        ["Indicateur", "Type", "Départ → cible", "Fréquence", "Source", "Responsable"],
        tk.loop_rows(
            "for i in o.indicateurs",
            [
                "{{ i.libelle }}",
                "{{ i.type }}",
                "{{ i.evolution }}",
                "{{ i.frequence }}",
                "{{ i.source }}",
                "{{ i.responsable }}",
            ],
        ),
        widths_cm=[4.2, 2.1, 2.9, 2.2, 2.5, 2.6],
    )
    tk.ptag(doc, "endfor")


def _actions(doc) -> None:
    tk.heading(doc, "2. Les actions", level=1)
    tk.ptag(doc, "if plan.a_actions")
    tk.ptag(doc, "for a in plan.actions")
    tk.heading(doc, ["{{ a.numero }}", " – ", "{{ a.intitule }}"], level=2)
    tk.paragraphs_of(doc, "a.description")
    rows = [
        [[[("Pilote", "Strong")]], "{{ a.pilote }}"],
        [[[("Contributeurs", "Strong")]], "{{ a.contributeurs }}"],
        # An action that ends after the date butoir says so under its dates, as its tasks do
        # in the rétroplanning's note.
        [[[("Calendrier", "Strong")]], ["{{ a.periode|majuscule_initiale }}",
                                         "{%p if a.alerte_butoir %}", "{{ a.alerte_butoir }}",
                                         "{%p endif %}"]],
        [[[("Statut", "Strong")]], "{{ a.statut }}"],
        *_optional_row(
            "a.competences_requises",
            "Compétences requises",
            _lines("c", "a.competences_requises"),
        ),
        *_optional_row(
            "a.competences_manquantes",
            "Compétences manquantes",
            _lines("c", "a.competences_manquantes"),
        ),
        *_optional_row("a.ressources", "Ressources", _lines("r", "a.ressources")),
        *_optional_row(
            "a.partenaires_a_mobiliser",
            "Partenaires à mobiliser",
            _lines("m", "a.partenaires_a_mobiliser"),
        ),
        [[[("Besoin financier", "Strong")]], "{{ a.besoin_financier }}"],
        [
            [[("Financements", "Strong")]],
            [
                "{%p for f in a.financements %}",
                "{{ f.texte }}",
                "{%p endfor %}",
                "{%p if not a.financements %}",
                "Aucun financement identifié.",
                "{%p endif %}",
                "{{ a.couverture }}",
            ],
        ],
    ]
    # The card twice: kept whole when a page can hold it (every row keeps with the next but the
    # last, which ends the chain: it never reaches the next action's heading), free to break
    # between its rows otherwise — a chain of kept rows longer than a page is dropped whole by
    # LibreOffice, which then leaves the heading alone on a page. w:keepNext is a property of
    # the paragraph, which no tag can set: hence two tables, the same but for it.
    tk.ptag(doc, "if a.tient_sur_une_page")
    kept = tk.table(doc, ["Objectif", "{{ a.objectif }}"], rows,
                    widths_cm=[KEY_WIDTH, VALUE_WIDTH], whole=True)
    for paragraph in (p for cell in kept.rows[-1].cells for p in cell.paragraphs):
        paragraph.paragraph_format.keep_with_next = None
    tk.ptag(doc, "else")
    tk.table(doc, ["Objectif", "{{ a.objectif }}"], rows, widths_cm=[KEY_WIDTH, VALUE_WIDTH])
    tk.ptag(doc, "endif")
    tk.ptag(doc, "endfor")
    tk.ptag(doc, "endif")


def _financing(doc) -> None:
    tk.heading(doc, "3. Le financement du plan d'action", level=1)
    tk.ptag(doc, "if plan.financement.a_besoin or plan.financement.a_financements")
    tk.para(doc, "{{ plan.financement.synthese }}")
    tk.ptag(doc, "if plan.financement.budget_total")
    tk.para(doc, [f"Budget global du projet{NB}: ", "{{ plan.financement.budget_total }}", "."])
    tk.ptag(doc, "endif")
    tk.table(
        doc,
        ["Financements", "Montant", "Part du besoin"],
        [
            *tk.loop_rows(
                "for l in plan.financement.lignes",
                ["{{ l.statut }}", "{{ l.montant }}", "{{ l.part }}"],
            ),
            [
                [[("Besoin financier total", "Strong")]],
                [[("{{ plan.financement.besoin_total }}", "Strong")]],
                "",
            ],
        ],
        widths_cm=[7.5, 4.5, 4.5],
    )
    tk.ptag(doc, "if plan.financement.par_source")
    tk.heading(doc, "Par financeur", level=2)
    tk.table(
        doc,
        ["Financeur", "Acquis", "Sollicité ou à solliciter", "Total"],
        tk.loop_rows(
            "for s in plan.financement.par_source",
            ["{{ s.source }}", "{{ s.acquis }}", "{{ s.a_confirmer }}", "{{ s.total }}"],
        ),
        widths_cm=[6.6, 3.3, 3.3, 3.3],
    )
    tk.ptag(doc, "endif")
    tk.ptag(doc, "else")
    tk.para(doc, "Le plan d'action ne chiffre aucun besoin financier ni aucun financement.")
    tk.ptag(doc, "endif")


def _if_landscape(doc) -> None:
    """The section break `orient` just added, kept only when the Gantt chart is landscape."""
    brk = doc.element.body.findall(qn("w:p"))[-1]
    brk.addprevious(tk.ptag(doc, "if plan.retroplanning.paysage")._p)
    tk.ptag(doc, "endif")


def _retroplanning(doc) -> None:
    tk.heading(doc, "4. Le rétroplanning", level=1)
    tk.ptag(doc, "if plan.retroplanning.a_taches")
    tk.para(doc, "{{ plan.retroplanning.note }}")
    tk.orient(doc, landscape=True)
    _if_landscape(doc)
    tk.para(doc, "Le calendrier des actions et des tâches", style="Intertitre")
    tk.keep_lead_in(tk.para(doc, "{{ plan.retroplanning.image }}")._p)
    tk.orient(doc, landscape=False)
    _if_landscape(doc)
    tk.para(doc, "Les tâches une à une", style="Intertitre")
    tk.ptag(doc, "if plan.retroplanning.jalons")
    tk.para(
        doc, f"Les tâches marquées ◆ sont des jalons{NB}: des étapes clés dont dépend la suite."
    )
    tk.ptag(doc, "endif")
    tk.table(
        doc,
        ["Échéance", "Début", "Fin", "Tâche", "Action", "Responsable"],
        tk.loop_rows(
            "for t in plan.retroplanning.taches",
            [
                [[("{{ t.j }}", "Strong")]],
                "{{ t.date_debut }}",
                "{{ t.date_fin }}",
                [
                    "{{ t.intitule }}",
                    "{%p if t.dependances_texte %}",
                    "{{ t.dependances_texte }}",
                    "{%p endif %}",
                ],
                "{{ t.action }}",
                "{{ t.responsable }}",
            ],
        ),
        widths_cm=[2.1, 2.0, 2.0, 4.6, 3.2, 2.6],
    )
    tk.ptag(doc, "else")
    tk.para(doc, "{{ plan.retroplanning_manque }}")
    tk.ptag(doc, "endif")


FILENAME = "plan-d-action.docx"



def build(path: str | Path) -> Path:
    """Write the template to ``path`` (a folder, or a .docx file name); return the file."""
    doc = tk.new_document(TITLE, initials="annexe_entete.plan_action")
    tk.title_block(doc, TITLE, annex="plan_action")
    tk.para(
        doc,
        "Le plan d'action rend le projet concret : pour chaque objectif opérationnel, les "
        "actions à mener, qui les pilote, avec quels moyens et pour quand.".replace(" :", NB + ":"),
    )
    _objectives(doc)
    _actions(doc)
    _financing(doc)
    _retroplanning(doc)
    return tk.save(doc, tk.target(path, FILENAME), title=TITLE)


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[1] / "coopdocs" / "templates"
    print(build(sys.argv[1] if len(sys.argv) > 1 else default))
