"""Builder of ``coopdocs/templates/charte-de-cooperation.docx``.

A charter states shared values and commitments; it is not a contract. Its wording stays light
(« s'engage à », « dans la mesure de ses moyens ») and says plainly that it creates no legal
obligation, no penalty and no jurisdiction clause. Sections are always present, so their numbers
are written in the template.
"""

from __future__ import annotations

from pathlib import Path

from templatekit import (
    bullet,
    heading,
    new_document,
    para,
    paragraphs_of,
    ptag,
    save,
    signature_table,
)

FILE = "charte-de-cooperation.docx"


def _preamble(doc) -> None:
    heading(doc, "Préambule", 1)
    ptag(doc, "if preambule.initiative")
    para(doc, "{{ preambule.initiative }}")
    ptag(doc, "endif")
    paragraphs_of(doc, "projet.contexte")
    ptag(doc, "for phrase in preambule.ecosysteme")
    para(doc, "{{ phrase }}")
    ptag(doc, "endfor")
    paragraphs_of(doc, "preambule.ecosysteme_notes")
    ptag(doc, "if projet.cooperations")
    para(doc, "Les structures signataires ont choisi de coopérer. Leur coopération peut se lire "
              "ainsi :")
    ptag(doc, "for c in projet.cooperations")
    bullet(doc, "{{ c.puce }}")
    ptag(doc, "endfor")
    ptag(doc, "endif")
    para(doc, "Aucune forme de coopération n'est meilleure qu'une autre : chacune demande un "
              "niveau d'engagement différent, que les signataires choisissent ensemble et font "
              "évoluer avec le temps. La présente charte exprime ce qui les rassemble.")


def _body(doc) -> None:
    heading(doc, "1. Objet de la charte", 1)
    para(doc, "La présente charte affirme les valeurs et les principes que partagent les "
              "signataires du projet {{ projet.nom_cite }}. Elle décrit l'esprit dans lequel ils "
              "coopèrent, ce que chacun se propose d'apporter{% if groupement.present %}."
              "{% else %}, et sert de référence commune pour accueillir de nouveaux "
              "partenaires.{% endif %}")
    para(doc, "Le projet est décrit par ses signataires en ces termes : "
              "« {{ projet.description_cite }} ».")

    heading(doc, "2. Objectif commun et enjeux partagés", 1)
    para(doc, "Les signataires se donnent un cap commun : « {{ objectif_commun_cite }} ».")
    para(doc, "{{ enjeux_intro }}")
    ptag(doc, "for enjeu in enjeux_puces")
    bullet(doc, "{{ enjeu }}")
    ptag(doc, "endfor")

    heading(doc, "3. Valeurs partagées", 1)
    ptag(doc, "if valeurs")
    para(doc, "Les signataires se reconnaissent dans les valeurs suivantes :")
    ptag(doc, "for v in valeurs")
    bullet(doc, [("{{ v.libelle }}", "Strong"), "{{ v.suite }}"])
    ptag(doc, "endfor")
    ptag(doc, "else")
    para(doc, "{{ charte_manque.valeurs }}")
    ptag(doc, "endif")

    heading(doc, "4. Principes de coopération", 1)
    ptag(doc, "if principes")
    para(doc, "Dans leur coopération, les signataires s'attachent aux principes suivants :")
    ptag(doc, "for pr in principes")
    bullet(doc, [("{{ pr.libelle }}", "Strong"), "{{ pr.suite }}"])
    ptag(doc, "endfor")
    ptag(doc, "else")
    para(doc, "{{ charte_manque.principes }}")
    ptag(doc, "endif")

    heading(doc, "5. Engagements des signataires", 1)
    ptag(doc, "if engagements_puces")
    para(doc, "Chaque signataire s'engage, dans la mesure de ses moyens, à :")
    ptag(doc, "for engagement in engagements_puces")
    bullet(doc, "{{ engagement }}")
    ptag(doc, "endfor")
    ptag(doc, "else")
    para(doc, "{{ charte_manque.engagements }}")
    ptag(doc, "endif")

    heading(doc, "6. Fonctionnement", 1)
    para(doc, [("Gouvernance. ", "Strong"), "La coopération s'appuie sur "
               "{{ pilotage.instances_annonce }}."])
    ptag(doc, "if documents_produits.gouvernance")
    para(doc, "{{ pilotage.instances_reprise }} sont précisés dans la "
              "fiche d'organisation de la gouvernance{% if documents_produits.convention %}, "
              "annexée {{ acte.a_designation }}{% else %} établie avec la présente "
              "charte{% endif %}.")
    ptag(doc, "endif")
    # A public buyer without a vote where joint answers are prepared (context.governance).
    ptag(doc, "if acheteurs_publics")
    para(doc, "{{ acheteurs_publics }}")
    ptag(doc, "endif")
    # A groupement's composition is frozen by the law of public contracts: no open door.
    ptag(doc, "if groupement.present")
    para(doc, [("Composition. ", "Strong"), "La composition du groupement est fixée par la "
               "convention de partenariat et ne peut être modifiée que dans les conditions "
               "qu'elle prévoit ({{ droit.gme_composition }}) ; seul un membre qui entre ainsi "
               "dans le groupement signe la présente charte."])
    ptag(doc, "else")
    para(doc, [("Nouveaux signataires. ", "Strong"), "Toute structure qui partage les valeurs et "
               "les principes de la présente charte peut demander à la signer. Sa demande est "
               "examinée par les instances de la coopération."])
    ptag(doc, "endif")
    # One paragraph of conditions runs on after the colon, lowered (French typography).
    ptag(doc, "if charte_conditions.phrase")
    para(doc, "{{ charte_conditions.phrase }}")
    ptag(doc, "for condition in charte_conditions.paragraphes")
    para(doc, "{{ condition }}")
    ptag(doc, "endfor")
    ptag(doc, "endif")
    ptag(doc, "if nb_signataires_charte > 2")
    para(doc, [("Retrait. ", "Strong"), "Chaque signataire peut se retirer de la charte en "
               "informant les autres par écrit{{ pilotage.preavis_charte }}. Son retrait ne "
               "remet pas en cause la coopération entre les autres signataires."])
    ptag(doc, "else")
    para(doc, [("Retrait. ", "Strong"), "Chaque signataire peut se retirer de la charte en "
               "informant l'autre par écrit{{ pilotage.preavis_charte }} ; le retrait de l'un "
               "des deux signataires met fin à la charte."])
    ptag(doc, "endif")
    para(doc, [("Révision. ", "Strong"), "La charte est relue au moins une fois par an, lors du "
               "bilan de la coopération. Elle peut être modifiée avec l'accord "
               "{% if nb_signataires_charte > 2 %}de l'ensemble des{% else %}des deux{% endif %} "
               "signataires."])

    heading(doc, "7. Portée de la charte", 1)
    para(doc, "La présente charte est un engagement moral et collectif. Elle n'a pas la valeur "
              "d'un contrat : elle ne crée pas d'obligation juridique entre les signataires et "
              "ne prévoit aucune sanction.")
    ptag(doc, "if documents_produits.convention")
    para(doc, "Les engagements juridiques des signataires qui sont parties "
              "{{ acte.a_designation }} figurent dans {{ acte.cette }}"
              "{% if charte_hors_convention %} ; "
              "pour {{ charte_hors_convention_noms }}, {{ charte_hors_convention_qui }}, la "
              "présente charte n'est qu'un engagement moral{% endif %}.")
    ptag(doc, "endif")


def _signatures(doc) -> None:
    # The charte has no appearance of the parties: a public person's block cites the act its
    # signatory acts under, as the convention's appearance words it.
    para(doc, "{{ fait_a_charte }}", "Signature")
    # A blank line, as in the convention: the place and date stand apart from the signatories.
    para(doc, "", "Signature")
    # Who signs as a Party of the convention, and who signs the charte alone (check.parties):
    # for the latter the charte is a moral commitment, said where they sign.
    ptag(doc, "if documents_produits.convention and charte_hors_convention")
    ptag(doc, "if signatures_charte_parties")
    para(doc, "Les signataires parties {{ acte.a_designation }} :", "Signature")
    para(doc, "", "Signature")
    signature_table(doc, "signatures_charte_parties", quality="qualite_acte")
    ptag(doc, "endif")
    para(doc, "Les signataires qui ne sont pas parties {{ acte.a_designation }}, pour qui la "
              "présente charte n'est qu'un engagement moral :", "Signature")
    para(doc, "", "Signature")
    signature_table(doc, "signatures_charte_seule", quality="qualite_acte")
    ptag(doc, "else")
    para(doc, "Les signataires :", "Signature")
    para(doc, "", "Signature")
    signature_table(doc, "signatures_charte", quality="qualite_acte")
    ptag(doc, "endif")


def build(folder: Path) -> Path:
    doc = new_document("Charte de coopération", initials=True)
    ptag(doc, "if annexe_entete.charte")
    para(doc, "{{ annexe_entete.charte }}", "Centre")
    ptag(doc, "endif")
    heading(doc, "CHARTE DE COOPÉRATION", 0)
    para(doc, "{{ projet.nom_complet }}", "Subtitle")
    _preamble(doc)
    _body(doc)
    _signatures(doc)
    return save(doc, folder / FILE, title="Charte de coopération")
