"""The convention's articles as the built-in template prints them, after a legal adviser's
reading of exemple-reseau and exemple-caracteres (juriste-8): each example's convention is
rendered and read as plain text (tests/reading.py)."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path

import docx
import pytest
from reading import body_lines, plain

from coopdocs.check.project import load_project
from coopdocs.context.assemble import build_context
from coopdocs.context.convention import no_payment_text
from coopdocs.render.template import PreparedTemplate, render_document
from coopdocs.render.templates import BUILTIN_DIR as TEMPLATES

EXAMPLES = Path(__file__).resolve().parents[2] / "coopdocs" / "examples"


@cache
def _convention(example: str) -> str:
    template = PreparedTemplate.from_path(TEMPLATES / "convention-de-partenariat.docx")
    context = build_context(load_project(EXAMPLES / f"{example}.yaml"))
    document = docx.Document(io.BytesIO(render_document(template, context)))
    return re.sub(r" +", " ", plain("\n".join(body_lines(document))))


def test_the_other_parties_end_a_participation_by_a_unanimous_decision() -> None:
    """Art. 20 did not say how the other Parties decide to exclude a defaulting one."""
    assert ("restée sans effet pendant trente (30) jours, mettre fin à sa participation par une "
            "décision unanime, qu'elles lui notifient par lettre recommandée avec demande d'avis "
            "de réception. La présente convention se poursuit alors entre les autres Parties"
            ) in _convention("exemple-reseau")


def test_the_chef_de_file_article_states_the_split_of_the_administration() -> None:
    text = _convention("exemple-reseau")
    assert ("assure le suivi financier du projet et en rend compte régulièrement aux autres "
            "Parties.\nLa gestion administrative du projet est assurée par la société "
            "Logistique Solidaire de Bobigny (annexe 1).\nLe chef de file ne peut engager") in text
    assert "sauf répartition différente" not in text


def test_the_budget_article_prints_no_budget_of_expenses_that_does_not_exist() -> None:
    text = _convention("exemple-reseau")
    assert "dépenses prévues au budget" not in text
    assert ("ne sont employées qu'aux dépenses des actions du plan d'action (annexe 2), dans la "
            "limite du besoin financier de chacune ;") in text
    # Terms of payment in one paragraph run on after the colon, lower-cased.
    assert ("Les contributions financières sont versées selon les modalités suivantes : "
            "versement semestriel sur appel de fonds du chef de file.\n") in text


@pytest.mark.parametrize(("example", "ending"), [
    ("exemple-reseau", ", sauf lorsqu'elle relève du travail temporaire d'une entreprise de "
                       "travail temporaire d'insertion ou de l'activité d'une association "
                       "intermédiaire, qui suivent leurs propres règles."),
    # An ACI and an EI: neither an ETTI nor an AI is a Party.
    ("exemple-caracteres", ".")])
def test_the_etti_and_ai_rules_are_cited_only_when_one_is_a_party(
        example: str, ending: str) -> None:
    assert ("Elle ne peut poursuivre de but lucratif, dans le respect des articles L. 8241-1 et "
            f"L. 8241-2 du code du travail{ending}\n") in _convention(example)


def test_the_convention_writes_no_inclusive_point_of_its_own() -> None:
    """Epicene words in the contract's own text (domain.md §9.6): « personnes salariées »; a
    point médian can only come from the project file's words. The SAS's directeur·rice
    général·e cites no act: no power is asserted for that person (juriste-B #4)."""
    text = _convention("exemple-caracteres")
    assert ("en sa qualité de Directeur·rice général·e, [À compléter avant signature : pouvoir "
            "du signataire (clause des statuts ou délégation du représentant légal)]") in text
    assert "ayant tous pouvoirs" not in text
    for word in ("habilité·e", "salarié·e·s mobilisé·e·s", "placé·e·s", "représentant·e"):
        assert word not in text
    assert "Les personnes salariées que les Parties mobilisent sur le projet" in text


def test_a_delegation_binds_no_party_s_money_without_its_consent() -> None:
    """juriste #2: « Ses décisions engagent toutes les Parties » read as binding each Party's
    money, which the financial article commits only by the Party's written consent."""
    text = _convention("exemple-financeur-public")
    # With a subsidy, its article holds the funder's rights too (juriste-A #11); the funder
    # sits in the comité without a vote: the minutes go to it, the one Party without one
    # (juriste-D #11: « à celles » when a single Party has no vote).
    assert text.count("Ses décisions engagent toutes les Parties dans cette limite, sans "
                      "préjudice des droits que les articles 8 et 9 reconnaissent à chaque "
                      "Partie, et sont communiquées à la Partie qui n'y a pas voix délibérative "
                      "avec le compte rendu") == 2
    assert "Article 9 – Dispositions financières" in text
    assert ("Aucune décision des instances de gouvernance, quelle que soit sa règle d'adoption, "
            "ne peut augmenter la contribution d'une Partie ni lui imposer une dépense nouvelle "
            "sans son accord écrit, donné par ses organes compétents.") in text


@pytest.mark.parametrize("example", ["exemple-gme", "exemple-minimal", "exemple-scic"])
def test_every_financial_article_keeps_each_party_s_consent(example: str) -> None:
    """Without a split of the budget too (a GME, no budget at all): the right the delegation
    clauses refer to is written in every convention's financial article."""
    text = _convention(example)
    financial = text.split("– Dispositions financières\n", 1)[1].split("\nArticle ", 1)[0]
    consent = ("Aucune décision des instances de gouvernance, quelle que soit sa règle "
               "d'adoption, ne peut augmenter l'engagement financier d'une Partie ni lui imposer "
               "une dépense nouvelle sans son accord écrit, donné par ses organes compétents")
    # Joint purchases (exemple-minimal, juriste-B #5): the consent is given by signing, up to
    # each Party's yearly ceiling, in the paragraph « Achats groupés » that follows.
    end = (" ou, pour les achats groupés, dans les conditions prévues ci-après."
           if example == "exemple-minimal" else ".")
    assert consent + end in financial
    if example == "exemple-minimal":
        # juriste-C #13: each missing fact in its sentence, a deadline to repay the Party
        # that pays, and twelve-month periods counted from the taking effect.
        assert ("Achats groupés. Les commandes groupées sont passées et payées par [À compléter "
                "avant signature : Partie qui passe les commandes groupées et paie les "
                "fournisseurs], en son nom et pour le compte des Parties, auprès des "
                "fournisseurs choisis par celles-ci. Le coût de chaque commande est réparti "
                "entre les Parties [À compléter avant signature : répartition du coût des "
                "achats groupés entre les Parties] ; chaque autre Partie rembourse sa part à "
                "cette Partie dans les trente jours de la présentation de la facture du "
                "fournisseur. Chaque Partie donne, par sa signature de la présente convention, "
                "son accord écrit aux achats groupés que les instances de gouvernance décident "
                "pour son compte, dans la limite, par période de douze mois à compter de la "
                "prise d'effet de la présente convention, du plafond fixé pour chacune : [À "
                "compléter avant signature : plafond des achats groupés de chaque Partie]. "
                "Au-delà de ce plafond, une commande n'engage une Partie qu'avec son accord "
                "écrit, donné par ses organes compétents.") in financial


# exemple-caracteres where each Party funds only the action it pilots and pays it itself.
EACH_PAYS_ITS_OWN = {
    "    besoin_financier: 25001\n    financements:\n"
    "      - {source: oeuvre, montant: 12500.5, statut: acquis}\n"
    "      - {source: ile, montant: 12500.5, statut: acquis}\n":
    "    besoin_financier: 12500.5\n    financements:\n"
    "      - {source: oeuvre, montant: 12500.5, statut: acquis}\n",
    "\nretroplanning:":
    "  - {id: collecte, intitule: \"Équiper la collecte\", objectif: tri, pilote: ile,\n"
    "     besoin_financier: 12500.5, date_debut: 2027-01-04, echeance: 2027-06-30,\n"
    "     financements: [{source: ile, montant: 12500.5, statut: acquis}]}\n\nretroplanning:",
    "budget:\n  total: 25001\n": "budget:\n  total: 25001\n  sans_versement: true\n",
}


def _rendered(path: Path) -> str:
    template = PreparedTemplate.from_path(TEMPLATES / "convention-de-partenariat.docx")
    document = docx.Document(io.BytesIO(render_document(template, build_context(
        load_project(path)))))
    return re.sub(r" +", " ", plain("\n".join(body_lines(document))))


def test_parties_that_each_pay_their_own_expenses_pay_nothing_to_each_other(
        project_file) -> None:
    """`budget.sans_versement`: the financial article says that no sum passes between the
    Parties (not « versées selon les modalités suivantes : chaque Partie dépense elle-même sa
    part »), names no holder of pooled money, and nothing is paid back on termination."""
    text = _rendered(project_file("exemple-caracteres", replace=EACH_PAYS_ITS_OWN))
    assert ("organes compétents.\nAucune somme n'est versée entre les Parties au titre de la "
            "présente convention : chaque Partie supporte et règle elle-même les dépenses "
            "qu'elle engage pour les actions du projet, à hauteur de son engagement financier, "
            "et en rend compte chaque année aux instances de gouvernance par un état de ces "
            "dépenses.\nLes apports financiers de chaque Partie") in text
    for paid in ("versées selon", "modalités de versement", "pour le compte",
                 "Le solde non employé", "restituées au prorata"):
        assert paid not in text, paid
    assert ("En cas de résiliation, les Parties établissent ensemble un bilan des actions "
            "menées et des dépenses engagées.") in text
    # Without it, the same file leaves the terms of payment to the instances.
    without = {**EACH_PAYS_ITS_OWN, "budget:\n  total: 25001\n": "budget:\n  total: 25001\n"}
    assert "Aucune somme n'est versée" not in _rendered(
        project_file("exemple-caracteres", replace=without, filename="sans.yaml"))


def test_a_groupement_s_price_is_the_only_money_between_members_that_pay_their_own() -> None:
    """A GME whose members each pay their own expenses: the price of the marché, paid by the
    buyer through the mandataire, is organised by its own article."""
    acte = {"de_la": "de la présente convention"}
    assert no_payment_text(acte, {"prestations": 9}).startswith(
        "Hors le règlement du prix du marché, organisé à l'article 9, aucune somme n'est versée "
        "entre les Parties au titre de la présente convention\u00a0: chaque Partie")
    assert no_payment_text(acte, {"prestations": None}).startswith("Aucune somme")


@cache
def _document(example: str, template: str) -> str:
    prepared = PreparedTemplate.from_path(TEMPLATES / template)
    context = build_context(load_project(EXAMPLES / f"{example}.yaml"))
    document = docx.Document(io.BytesIO(render_document(prepared, context)))
    return re.sub(r" +", " ", plain("\n".join(body_lines(document))))


def test_the_entry_conditions_run_on_after_the_colon_in_lower_case() -> None:
    """juriste #8: « … aux conditions suivantes : Être une structure… » kept the user's
    capital after the colon, in the convention and in the charte."""
    conditions = ("être une structure de l'insertion par l'activité économique du territoire "
                  "de l'Ourcq, adhérer à la charte et être admise à l'unanimité par "
                  "l'assemblée des membres.")
    assert ("Entrée. Une nouvelle structure peut rejoindre le projet aux conditions suivantes : "
            f"{conditions}\n") in _convention("exemple-reseau")
    assert ("Pour devenir Partie à la convention de partenariat, une structure remplit les "
            f"conditions d'entrée que fixe son article 18 : {conditions}\n") in _document(
        "exemple-reseau", "charte-de-cooperation.docx")
    # Under its own heading, the fiche de gouvernance prints the user's text as written.
    assert "\nÊtre une structure de l'insertion" in _document("exemple-reseau",
                                                              "gouvernance.docx")


def test_entry_conditions_in_several_paragraphs_keep_names_and_sentences() -> None:
    """exemple-caracteres: a fragment is lowered, a paragraph that opens with a partner's name
    (and is a sentence) keeps its capital; an acronym and a place keep theirs."""
    expected = (
        " :\nêtre une SIAE de L'Île-Saint-Denis ou de Saint-Ouen-sur-Seine (« 93 »), adhérer à "
        "la charte.\nL'Œuvre d'Insertion & de Tri « Les Quais » <SO> présente la candidature ; "
        "le Comité « Quai & Co » l'admet à l'unanimité.\n")
    assert ("Entrée. Une nouvelle structure peut rejoindre le projet aux conditions suivantes"
            + expected) in _convention("exemple-caracteres")
    assert ("remplit les conditions d'entrée que fixe son article 18" + expected) in _document(
        "exemple-caracteres", "charte-de-cooperation.docx")


def test_terms_of_payment_in_several_paragraphs_are_lowered_each(project_file) -> None:
    text = _rendered(project_file("exemple-reseau", replace={
        '  modalites_versement: "Versement semestriel sur appel de fonds du chef de file."':
        '  modalites_versement: "Versement semestriel sur appel de fonds.\\n\\n'
        'Les Jardins de l\'Ourcq adressent chaque appel de fonds par écrit."'}))
    assert ("Les contributions financières sont versées selon les modalités suivantes :\n"
            "versement semestriel sur appel de fonds.\nLes Jardins de l'Ourcq adressent chaque "
            "appel de fonds par écrit.\n") in text


def test_the_reason_of_a_gap_runs_on_after_its_colon(project_file) -> None:
    text = _rendered(project_file("exemple-complet", edits={
        "budget.explication_ecarts": "Première année du plan d'action seulement."}))
    assert ("ne présentent pas les mêmes montants, pour la raison suivante : première année du "
            "plan d'action seulement.\n") in text


def test_joint_orders_placed_before_a_withdrawal_or_a_termination_stay_owed() -> None:
    """juriste-D #6: an order placed is neither « exigible » nor settled by a « bilan »; the
    Party that paid the supplier would bear the others' share."""
    text = _convention("exemple-minimal")
    assert ("notamment des contributions financières exigibles à cette date et de sa part des "
            "commandes groupées passées avant cette date, même facturées après.") in text
    assert ("Les commandes groupées passées avant la date d'effet de la résiliation restent "
            "dues par chaque Partie pour sa part.") in text
    other = _convention("exemple-financeur-public")  # buys nothing together
    assert "commandes groupées" not in other
    assert "notamment des contributions financières exigibles à cette date." in other
