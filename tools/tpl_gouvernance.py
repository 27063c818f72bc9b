"""Builder of ``coopdocs/templates/gouvernance.docx``: the « fiche d'organisation de la
gouvernance » (domain.md §5).

The whole fiche is in landscape: its two main grids (instances, « faire vivre ») have six
columns of running text each, which an A4 portrait page squeezes into unreadable slivers.

Reads ``projet.nom`` and ``gouvernance.*`` (``coopdocs.context.governance.governance_context``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import templatekit as tk

__all__ = ["FILENAME", "build"]

def _instances(doc) -> None:
    tk.heading(doc, "1. Les instances", level=1)
    tk.para(
        doc,
        "Chaque instance est décrite par son rôle, sa composition, son rythme de réunion, son "
        "fonctionnement et la façon dont elle prend ses décisions.",
    )
    # The instance's own name only: its category under it read as a second name (« Assemblée
    # des membres / Assemblée générale »).
    instance_cell = [
        [("{{ i.nom }}", "Strong")],
        "{{ i.nature }}",
    ]
    role_cell = [
        "{{ i.role }}",
        "{%p for a in i.attributions %}",
        ["– ", "{{ a }}"],
        "{%p endfor %}",
    ]
    composition_cell = ["{%p for c in i.composition %}", "{{ c }}", "{%p endfor %}"]
    operation_cell = ["{%p for f in i.fonctionnement %}", "{{ f }}", "{%p endfor %}"]
    tk.table(
        doc,
        ["Instance", "Rôle", "Composition", "Fréquence", "Fonctionnement", "Règles de vote"],
        tk.loop_rows(
            "for i in gouvernance.instances",
            [
                instance_cell,
                role_cell,
                composition_cell,
                "{{ i.frequence }}",
                operation_cell,
                "{{ i.regles_vote }}",
            ],
        ),
        widths_cm=[3.0, 3.9, 6.2, 2.3, 4.2, 5.6],
        # An instance's row lists all its members: taller than the room under the title block
        # with a few partners, taller than a page with sixty. Unsplittable, it pushed the
        # whole section to the next page and left the first one nearly empty.
        split_rows=True,
    )
    # A public buyer without a vote where joint answers are prepared (context.governance).
    tk.ptag(doc, "if gouvernance.acheteurs_publics")
    # A blank line first: the paragraph would otherwise stick to the table's last row.
    tk.para(doc, "")
    tk.para(doc, "{{ gouvernance.acheteurs_publics }}")
    tk.ptag(doc, "endif")
    tk.heading(doc, "{{ gouvernance.titre_modes }}", level=2)
    tk.ptag(doc, "for d in gouvernance.definitions_modes")
    tk.bullet(doc, "{{ d }}")
    tk.ptag(doc, "endfor")
    tk.heading(doc, "L'équilibre des pouvoirs", level=2)
    tk.para(
        doc,
        "Aucune structure ne doit pouvoir décider seule pour le collectif, quelle que soit sa "
        "taille. Répartition des voix dans les instances décisionnelles\u00a0:",
    )
    tk.ptag(doc, "for e in gouvernance.equilibre")
    tk.bullet(doc, "{{ e.texte }}")
    tk.ptag(doc, "endfor")


def _who_does_what(doc) -> None:
    tk.heading(doc, "2. Qui fait quoi\u00a0?", level=1)
    tk.ptag(doc, "if gouvernance.qui_fait_quoi.lignes")
    tk.para(doc, "Chaque domaine de la vie du projet a une structure responsable.")
    tk.table(
        doc,
        ["Domaine", "Structure responsable"],
        tk.loop_rows(
            "for r in gouvernance.qui_fait_quoi.lignes", ["{{ r.domaine }}", "{{ r.partenaire }}"]
        ),
        widths_cm=[7.0, 11.0],
        # One row per domain of the schema's list (seven at most): it always fits on a page,
        # so it is never cut, and never leaves one row alone under its header.
        whole=True,
    )
    tk.ptag(doc, "else")
    tk.para(doc, "{{ gouvernance.qui_fait_quoi.manque }}")
    tk.ptag(doc, "endif")


def _keep_alive(doc) -> None:
    tk.heading(doc, "3. Faire vivre la gouvernance", level=1)
    tk.ptag(doc, "if gouvernance.faire_vivre")
    tk.para(
        doc,
        "Les actions qui entretiennent la coopération et associent les parties prenantes, "
        "avec leurs outils, leur rythme et la façon d'en mesurer l'effet.",
    )
    tk.table(
        doc,
        ["Action", "Outils", "Fréquence", "Référent·e·s", "Objectif", "Indicateurs"],
        tk.loop_rows(
            "for v in gouvernance.faire_vivre",
            [
                [[("{{ v.action }}", "Strong")]],
                ["{%p for o in v.outils %}", "{{ o }}", "{%p endfor %}"],
                "{{ v.frequence }}",
                "{{ v.referents }}",
                "{{ v.objectif }}",
                ["{%p for n in v.indicateurs %}", "{{ n }}", "{%p endfor %}"],
            ],
        ),
        widths_cm=[4.2, 4.2, 2.6, 3.6, 5.4, 5.2],
    )
    tk.ptag(doc, "else")
    tk.para(doc, "{{ gouvernance.faire_vivre_manque }}")
    tk.ptag(doc, "endif")


def _conflicts(doc) -> None:
    tk.heading(doc, "4. Prévenir et gérer les conflits", level=1)
    tk.ptag(doc, "if gouvernance.conflits.defini")
    tk.ptag(doc, "if gouvernance.conflits.etapes")
    tk.para(
        doc, "En cas de désaccord, les partenaires suivent les étapes ci-dessous, dans l'ordre."
    )
    tk.ptag(doc, "for s in gouvernance.conflits.etapes")
    tk.para(doc, [("{{ s.numero }}", "Strong"), ("\u00a0: ", None), ("{{ s.texte }}", None)])
    tk.ptag(doc, "endfor")
    tk.ptag(doc, "endif")
    tk.ptag(doc, "if gouvernance.conflits.mediation_texte")
    tk.para(doc, "{{ gouvernance.conflits.mediation_texte }}")
    tk.ptag(doc, "endif")
    tk.ptag(doc, "else")
    tk.para(doc, "{{ gouvernance.conflits.sinon }}")
    tk.ptag(doc, "endif")


def _entry_exit(doc) -> None:
    tk.heading(doc, "5. Entrée et sortie des partenaires", level=1)
    tk.ptag(doc, "if gouvernance.entree_sortie.defini")
    tk.ptag(doc, "if gouvernance.entree_sortie.conditions_entree")
    tk.heading(doc, "{{ gouvernance.entree_sortie.titre_entree }}", level=2)
    tk.ptag(doc, "for c in gouvernance.entree_sortie.conditions_entree")
    tk.para(doc, "{{ c }}")
    tk.ptag(doc, "endfor")
    tk.ptag(doc, "endif")
    tk.ptag(doc, "if gouvernance.entree_sortie.preavis_texte")
    tk.heading(doc, "{{ gouvernance.entree_sortie.titre_retrait }}", level=2)
    tk.para(doc, "{{ gouvernance.entree_sortie.preavis_texte }}")
    tk.ptag(doc, "endif")
    tk.ptag(doc, "else")
    tk.para(doc, "{{ gouvernance.entree_sortie.sinon }}")
    tk.ptag(doc, "endif")


FILENAME = "gouvernance.docx"



def build(path: str | Path) -> Path:
    """Write the template to ``path`` (a folder, or a .docx file name); return the file."""
    doc = tk.new_document("Fiche d'organisation de la gouvernance",
                          initials="annexe_entete.gouvernance")
    tk.orient(doc, landscape=True, new_section=False)
    tk.title_block(doc, "Fiche d'organisation de la gouvernance", annex="gouvernance")
    tk.ptag(doc, "if gouvernance.chef_de_file")
    tk.para(doc, [("Chef de file\u00a0: ", "Strong"), ("{{ gouvernance.chef_de_file }}", None)])
    tk.ptag(doc, "endif")
    tk.ptag(doc, "if gouvernance.coordinateur")
    tk.para(doc, [("Coordination\u00a0: ", "Strong"), ("{{ gouvernance.coordinateur }}", None)])
    tk.ptag(doc, "endif")
    _instances(doc)
    _who_does_what(doc)
    _keep_alive(doc)
    _conflicts(doc)
    _entry_exit(doc)
    return tk.save(doc, tk.target(path, FILENAME), title="Fiche d'organisation de la gouvernance")


if __name__ == "__main__":
    default = Path(__file__).resolve().parents[1] / "coopdocs" / "templates"
    print(build(sys.argv[1] if len(sys.argv) > 1 else default))
