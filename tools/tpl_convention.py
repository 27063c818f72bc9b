"""Builder of ``coopdocs/templates/convention-de-partenariat.docx``.

The convention (or, for a new legal person, the agreement preparing its statuts) reads the
context of ``coopdocs.context.assemble.build_context``. Every article is conditional on its
number in ``articles`` (``None`` = absent), so numbering stays consecutive whatever the project; the
numbers and all grammar (« la présente convention » / « le présent accord », dénommée /
dénommé…) come from the context.
"""

from __future__ import annotations

from pathlib import Path

from templatekit import (
    Document,
    bullet,
    heading,
    new_document,
    para,
    paragraphs_of,
    ptag,
    save,
    signature_table,
)

# The articles live in two sibling modules (house rule: no module over ~450 lines): those about
# the cooperation itself, then the standard legal clauses.
from tpl_convention_articles import (
    commitments,
    finance,
    governance,
    objectives,
    purpose,
    roles,
)
from tpl_convention_clauses import clauses, term
from tpl_convention_families import company_and_market, services, subsidy

FILE = "convention-de-partenariat.docx"


def _front(doc: Document) -> None:
    heading(doc, "{{ acte.titre }}", 0)
    ptag(doc, "if acte.mention")
    para(doc, "{{ acte.mention }}", "Centre")
    ptag(doc, "endif")
    para(doc, "{{ projet.nom_complet }}", "Subtitle")

    para(doc, [("Entre les soussignés :", "Strong")])
    ptag(doc, "for c in comparants")
    # The whole appearance by legal family (context.identification): nature, capital, RCS or
    # SIRENE, siège, établissement, representative and the act that empowers them.
    para(doc, [("{{ c.partie.nom_complet }}", "Strong"), ", {{ c.partie.identification }},"])
    para(doc, "ci-après {{ c.partie.denomme }} « {{ c.partie.designation }} »,")
    ptag(doc, "if c.apres")
    para(doc, "{{ c.apres }}")
    ptag(doc, "endif")
    ptag(doc, "if c.et")
    para(doc, "ET", "Centre")
    ptag(doc, "endif")
    ptag(doc, "endfor")
    para(doc, "ci-après désignées ensemble « les Parties » et individuellement « une Partie ».")
    ptag(doc, "if pilotage.egide")
    para(doc, "{{ pilotage.egide }}, qui coordonne le projet sans être partie {{ acte.a_la }}.",
         "Centre")
    ptag(doc, "endif")


def _preamble(doc: Document) -> None:
    heading(doc, "Préambule", 1)
    para(doc, "Il a été préalablement exposé ce qui suit :")

    heading(doc, "Le contexte", 2)
    paragraphs_of(doc, "projet.contexte")
    ptag(doc, "if preambule.initiative")
    para(doc, "{{ preambule.initiative }}")
    ptag(doc, "endif")

    heading(doc, "Les Parties", 2)
    ptag(doc, "for p in signataires_convention")
    para(doc, "{{ p.nom_complet }}", "Intertitre")
    paragraphs_of(doc, "p.presentation_paragraphes")
    ptag(doc, "endfor")

    ptag(doc, "if preambule.ecosysteme or preambule.ecosysteme_notes")
    heading(doc, "L'écosystème du projet", 2)
    ptag(doc, "for phrase in preambule.ecosysteme")
    para(doc, "{{ phrase }}")
    ptag(doc, "endfor")
    paragraphs_of(doc, "preambule.ecosysteme_notes")
    ptag(doc, "endif")

    heading(doc, "Le projet commun", 2)
    para(doc, "Les Parties décrivent leur projet commun en ces termes : "
              "« {{ projet.description_cite }} ».")
    para(doc, "Elles se donnent l'objectif commun suivant : « {{ objectif_commun_cite }} ».")
    para(doc, "{{ enjeux_intro }}")
    ptag(doc, "for enjeu in enjeux_puces")
    bullet(doc, "{{ enjeu }}")
    ptag(doc, "endfor")
    ptag(doc, "if projet.cooperations_phrase")
    para(doc, "{{ projet.cooperations_phrase }}")
    ptag(doc, "endif")

    heading(doc, "Le choix de la formalisation", 2)
    para(doc, "{{ formalisation }}")
    paragraphs_of(doc, "statut.justification")
    para(doc, [("Ceci exposé, il a été convenu et arrêté ce qui suit :", "Strong")])


def _signatures(doc: Document) -> None:
    para(doc, "{{ fait_a }}", "Signature")
    para(doc, "", "Signature")
    signature_table(doc, "signatures_convention")


def build(folder: Path) -> Path:
    doc = new_document("{{ acte.en_tete }}", initials=True)
    _front(doc)
    _preamble(doc)
    purpose(doc)
    company_and_market(doc)
    objectives(doc)
    commitments(doc)
    roles(doc)
    services(doc)
    governance(doc)
    subsidy(doc)
    finance(doc)
    clauses(doc)
    term(doc)
    _signatures(doc)
    return save(doc, folder / FILE, title="Convention de partenariat")
