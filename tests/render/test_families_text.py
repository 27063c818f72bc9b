"""Each example's documents carry the mentions of its legal families, and none of another's.

The convention of each shipped example is rendered with the built-in template and read as
plain text (tests/reading.py: typography is tests/test_documents.py's business): the mentions
a French legal adviser expects for the families of its parties and of its cooperation are there
(« RCS de », « délibération », « acheteur »…), and the mentions of the other families are absent
from the convention, the charte and the fiche de gouvernance. What a family's clauses still lack
is a marker of a gap `validate` lists (`check.gaps.legal_gaps`), and nothing else.
"""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path
from typing import Any

import docx
import pytest
from reading import body_lines, plain

from coopdocs.check.gaps import document_gaps, legal_gaps
from coopdocs.check.project import load_project
from coopdocs.context.assemble import build_context
from coopdocs.render.template import PreparedTemplate, render_document
from coopdocs.render.templates import BUILTIN_DIR as TEMPLATES

EXAMPLES = Path(__file__).resolve().parents[2] / "coopdocs" / "examples"
CONVENTION = "convention-de-partenariat.docx"
OTHERS = ("charte-de-cooperation.docx", "gouvernance.docx")

# The mentions that only a family's clauses print.
MENTIONS = {
    "association": ["association régie par la loi du 1er juillet 1901",
                    "identifiée au répertoire SIRENE"],
    "societe": ["RCS de", "au capital de"],
    "personne_publique": ["délibération", "agissant en vertu de", "la juridiction compétente"],
    "subvention": ["compte rendu financier", "L. 1611-4", "loi n° 2000-321",
                   "Modalités de versement"],
    "gme": ["l'acheteur", "répartition des prestations", "R. 2142-26", "compte unique",
            "Marché visé et mandat"],
    "societe_a_creer": ["catégories d'associés", "L. 210-6", "19 septies", "collèges de vote",
                        "société en formation"],
}
# The families of each example.
FAMILIES = {
    "exemple-minimal": {"association"},
    "exemple-complet": {"association", "societe", "personne_publique"},
    "exemple-gme": {"association", "societe", "gme"},
    "exemple-scic": {"association", "societe", "personne_publique", "societe_a_creer"},
    "exemple-financeur-public": {"association", "personne_publique", "subvention"},
    # The département and France Travail do not sign: no public person in the convention.
    "exemple-reseau": {"association", "societe"},
    "exemple-caracteres": {"association", "societe"},
}
# A document signed by a structure the convention does not bind: exemple-reseau's Département
# signs the charte only, and its block cites the act its vice-présidente signs under.
SIGNED_BY_OTHERS = {("exemple-reseau", "charte-de-cooperation.docx"): {
    "délibération", "agissant en vertu de"}}
# Wordings that no document may print any more, whatever the family.
NEVER = ["immatriculée sous le numéro SIRET", "association immatriculée", "Maire adjoint",
         "dûment habilitée à l'effet des présentes, agissant"]


@cache
def _template(name: str) -> PreparedTemplate:
    return PreparedTemplate.from_path(TEMPLATES / name)


@cache
def _text(example: str, template: str) -> str:
    """The whole text of a document of a shipped example, spaces normalised."""
    return _read(EXAMPLES / f"{example}.yaml", template)


def _read(path: Path, template: str) -> str:
    context = build_context(load_project(path))
    document = docx.Document(io.BytesIO(render_document(_template(template), context)))
    return re.sub(r" +", " ", plain("\n".join(body_lines(document))))


def test_every_shipped_example_is_checked(shipped_examples) -> None:
    assert set(FAMILIES) == set(shipped_examples)
    assert {p.stem for p in EXAMPLES.glob("*.yaml")} == set(shipped_examples)


@pytest.mark.parametrize("example", sorted(FAMILIES))
def test_the_convention_has_the_mentions_of_its_families(example: str) -> None:
    text = _text(example, CONVENTION)
    for family in FAMILIES[example]:
        for mention in MENTIONS[family]:
            assert mention in text, (family, mention)


@pytest.mark.parametrize("example", sorted(FAMILIES))
@pytest.mark.parametrize("template", [CONVENTION, *OTHERS])
def test_no_document_has_the_mentions_of_another_family(example: str, template: str) -> None:
    text = _text(example, template)
    own = {m for family in FAMILIES[example] for m in MENTIONS[family]}
    own |= SIGNED_BY_OTHERS.get((example, template), set())
    for family, mentions in MENTIONS.items():
        if family in FAMILIES[example]:
            continue
        for mention in mentions:
            if mention in own:
                continue
            assert mention not in text, (family, mention)
    for wording in NEVER:
        assert wording not in text, wording


def test_a_public_person_and_a_named_tribunal_judiciaire() -> None:
    text = _text("exemple-complet", CONVENTION)
    # The user named a court (and `validate` warns): between Parties that are not all
    # merchants the clause would be deemed unwritten (CPC art. 48), so none is printed.
    assert "tribunal judiciaire de Bobigny" not in text
    assert "la juridiction compétente" in text


@pytest.mark.parametrize("example", ["exemple-gme", "exemple-scic", "exemple-financeur-public"])
def test_the_family_examples_are_complete(example: str) -> None:
    """Nothing left to complete before signature in the examples written for the families."""
    assert "À compléter" not in _text(example, CONVENTION)


def test_the_complete_example_shows_what_to_complete() -> None:
    text = _text("exemple-complet", CONVENTION)
    for what in ("ville du greffe", "montant du capital social",
                 "délibération de l'assemblée délibérante"):
        assert f"[À compléter avant signature : {what}" in text


def test_a_gme_has_no_unanimous_entry_and_a_mandate_before_the_deposit() -> None:
    text = _text("exemple-gme", CONVENTION)
    assert "accord unanime" not in text
    assert "La présente convention est signée au plus tard le 15 mars 2027" in text
    assert ("Hors les pouvoirs qu'il tient de sa qualité de mandataire du groupement, définis "
            "aux articles 2 et 7, le chef de file ne peut engager les autres Parties") in text
    assert "Le chef de file ne peut engager" not in text
    assert "activités non lucratives" not in text


def test_the_subsidy_terms_of_payment_are_written_once() -> None:
    text = _text("exemple-financeur-public", CONVENTION)
    assert text.count("une avance de 60 %") == 1
    assert "La subvention est versée selon les modalités fixées à l'article 8." in text


def test_no_member_leaves_a_gme_while_the_composition_is_frozen() -> None:
    text = _text("exemple-gme", CONVENTION)
    assert ("aucun membre ne peut se retirer entre la remise des offres et la signature du "
            "marché") in text


def _two_members(data: dict[str, Any]) -> None:
    """exemple-gme with Net'Insert 93 and Les Ateliers du Canal only."""
    kept = {"net-insert", "canal"}
    data["partenaires"] = [p for p in data["partenaires"] if p["id"] in kept]
    split = data["statut_juridique"]["repartition_prestations"]
    data["statut_juridique"]["repartition_prestations"] = [
        {**r, "pourcentage": 60 if r["partenaire"] == "net-insert" else 40}
        for r in split if r["partenaire"] in kept]
    gov = data["gouvernance"]
    for instance in gov["instances"]:
        instance["composition"] = [m for m in instance["composition"] if m["partenaire"] in kept]
    gov["roles"] = [r for r in gov["roles"] if r["partenaire"] in kept]
    data["parties_prenantes"] = [p for p in data["parties_prenantes"]
                                 if p.get("partenaire", "net-insert") in kept]
    for action in data["plan_action"]:
        action["contributeurs"] = [c for c in action["contributeurs"] if c in kept]
        action["financements"] = [f for f in action["financements"] if f["source"] in kept]
        action["besoin_financier"] = sum(f["montant"] for f in action["financements"])
        for task in action.get("taches") or []:
            if task["responsable"] not in kept:
                task["responsable"] = "canal"


def test_a_groupement_of_two_members_names_the_other_one(project_file) -> None:
    path = project_file("exemple-gme", edits=_two_members)
    text = _read(path, CONVENTION)
    assert ("signe les documents communs au groupement, dans la limite des habilitations qu'il "
            "reçoit de l'autre membre ;") in text
    assert "doit pallier la défaillance éventuelle de l'autre membre." in text
    assert "autres membres" not in text and "d'un autre membre" not in text
    assert "l'une envers l'autre" in text
    four = _text("exemple-gme", CONVENTION)
    assert "qu'il reçoit des autres membres ;" in four
    assert "défaillance éventuelle d'un autre membre." in four


MARKER = re.compile(r"\[À compléter[^\]]*\]")


def _without_subsidy_terms(data: dict[str, Any]) -> None:
    """The public funder's act, the terms of payment and the actions it funds left out."""
    funder = next(p for p in data["partenaires"] if p["id"] == "ept")
    del funder["representant"]["habilitation"]
    del funder["contribution"]["versement_subvention"]
    for action in data["plan_action"]:
        action["financements"] = [f for f in action.get("financements") or []
                                  if f["source"] != "ept"]


def _without_registration(data: dict[str, Any]) -> None:
    company = next(p for p in data["partenaires"] if p["id"] == "proprete")
    del company["rcs"], company["capital_social"]


def _without_drafting(data: dict[str, Any]) -> None:
    del data["statut_juridique"]["societe"]["redaction_statuts"]


@pytest.mark.parametrize(("example", "edits", "expected"), [
    ("exemple-gme", _without_registration, ["capital:proprete", "rcs:proprete"]),
    ("exemple-financeur-public", _without_subsidy_terms,
     ["habilitation:ept", "subvention-affectation:ept", "subvention-avance:ept",
      "subvention-compte:ept"]),
    ("exemple-scic", _without_drafting, ["statuts-echeance"]),
    # Its two associations without their RNA number, then the company to create.
    ("exemple-minimal", {"statut_juridique.forme": "societe_commune"},
     ["rna:jardins", "rna:batir", "societe", "statuts-echeance", "frais-avance",
      "frais-repartition"]),
], ids=["societe", "subvention", "scic", "societe-commune"])
def test_each_marker_of_a_family_clause_is_a_gap_validate_lists(
        project_file, example: str, edits: Any, expected: list[str]) -> None:
    path = project_file(example, edits=edits)
    data = load_project(path).data
    legal = legal_gaps(data)
    assert [g.code for g in legal] == expected
    shown = set(MARKER.findall(_read(path, CONVENTION)))
    assert {plain(g.marker) for g in legal} <= shown
    assert shown <= {plain(g.marker) for g in document_gaps(data)}


def test_a_subsidy_is_controlled_and_not_withdrawn_at_will() -> None:
    text = _text("exemple-financeur-public", CONVENTION)
    assert ("l'Établissement public territorial du Canal de l'Ourcq, qui attribue une subvention "
            "au titre de l'article 8, ne peut se retirer qu'en cas de manquement d'une Partie "
            "bénéficiaire à ses obligations ou pour un motif d'intérêt général ; les sommes "
            "engagées de bonne foi") in text
    assert "peut contrôler l'emploi de la subvention, sur pièces et sur place" in text
    assert "suspendre les versements, réduire le montant de la subvention" in text
    # The project runs over 2027 and 2028: one financial report per year of spending.
    assert "la fin de chaque exercice au cours duquel la subvention a été employée" in text
    assert "Les Parties bénéficiaires emploient la subvention" in text


def test_a_gme_lapses_without_the_marche_and_pays_its_members_within_eight_days() -> None:
    text = _text("exemple-gme", CONVENTION)
    assert ("La présente convention devient caduque de plein droit à la notification du rejet "
            "de la candidature ou de l'offre du groupement, ou de la décision de l'acheteur de "
            "déclarer la procédure sans suite ; le mandataire conserve toutefois, avec l'accord "
            "écrit des membres, le pouvoir d'exercer les recours contre cette décision.") in text
    assert "ne pas donner suite" not in text
    assert "sur un compte unique ouvert au nom de Net'Insert 93, mandataire, et dédié au marché" \
        in text
    assert "Dans les huit jours de chaque encaissement" in text
    assert "reverse sans délai" not in text


def test_a_gme_convention_outlives_its_term_for_the_marche() -> None:
    """exemple-gme (juriste-A #2): the term (7 September 2030) came before the end of the
    marché's obligations, while the members' joint liability runs until then; what ends them
    is listed « notamment », services being admitted, not received (juriste-C #7)."""
    text = _text("exemple-gme", CONVENTION)
    assert ("Elle est conclue pour une durée de quarante-deux mois, soit jusqu'au 7 septembre "
            "2030. Toutefois, en cas d'attribution du marché au groupement, elle reste en "
            "vigueur au-delà de ce terme, pour tout ce qui concerne le marché, jusqu'à ce que "
            "les obligations des membres du groupement envers l'acheteur soient éteintes, "
            "notamment jusqu'à l'admission des dernières prestations, l'expiration des délais "
            "de garantie éventuels, le paiement du solde et le règlement de toute réclamation "
            "ou de tout litige relatif au marché.\nSous cette réserve, la présente "
            "convention prend fin de plein droit à son terme, sans reconduction tacite.") in text
    # Other conventions end at their term, without a reservation.
    assert ("\nLa présente convention prend fin de plein droit à son terme, sans reconduction "
            "tacite.") in _text("exemple-minimal", CONVENTION)


def test_a_lapsed_gme_shares_the_answer_and_returns_what_paid_for_nothing() -> None:
    """exemple-gme (juriste-C #6): the financial article has each member pay half of every
    action within thirty days of the signature, « Organiser le démarrage des prestations »
    included, which only a won marché begins. On caducité the costs of the answer stay split
    and fall due, and the money paid for an action never begun goes back to its payers, as
    the résiliation article returns unspent contributions: nothing says the contrary."""
    text = _text("exemple-gme", CONVENTION)
    assert ("pouvoir d'exercer les recours contre cette décision. Les frais de la candidature "
            "et de l'offre restent répartis entre les Parties selon l'article 12 et sont "
            "exigibles dans les trente jours de la caducité ; les sommes versées pour une "
            "action qui n'a pas été engagée sont restituées, dans le même délai, aux Parties "
            "qui les ont versées. Ces stipulations, ainsi que celles relatives aux recours, "
            "survivent à la caducité de la présente convention.\n") in text
    assert "\nArticle 12 – Dispositions financières\n" in text
    assert "n'est remboursée" not in text
    assert "les contributions versées et non utilisées sont restituées au prorata" in text


def test_the_set_up_costs_of_a_scic_are_not_paid_twice() -> None:
    """exemple-scic (juriste-A #18, juriste-C #10): the costs article shares the set-up costs,
    the financial article has the Parties finance « Faire rédiger les statuts »: the first
    names the second, returns what exceeds a Party's share, has the registered company repay
    each Party what it bore (not the whole to the Party that advanced it), in sentences of
    their own, and ends with what survives the accord."""
    text = _text("exemple-scic", CONVENTION)
    assert ("l'association La Ressourcerie de l'Ourcq (50 %) et la société Répar'Ourcq (50 %). "
            "L'action « Faire rédiger les statuts » du plan d'action finance ces frais : la "
            "participation de chaque Partie à cette action, versée selon l'article 11, s'impute "
            "sur sa part, et l'excédent éventuel lui est restitué. Une fois immatriculée, la "
            "société rembourse à chaque Partie la part des frais afférents aux actes repris que "
            "cette Partie a supportée. Les frais que la société ne reprend pas restent répartis "
            "entre les Parties dans ces mêmes proportions. Si la société n'est pas "
            "immatriculée, notamment parce que les Parties renoncent à sa constitution, "
            "l'ensemble des frais engagés avec leur accord reste réparti de la même manière. "
            "Dans l'un et l'autre cas, chaque Partie verse à celle qui a avancé les frais, sur "
            "présentation des justificatifs, la part qui lui incombe, déduction faite de ce "
            "qu'elle a déjà versé pour ces frais. Ces stipulations survivent à la fin "
            "du présent accord jusqu'au règlement complet des frais.\n") in text
    assert "\nArticle 11 – Dispositions financières\n" in text


def test_set_up_costs_without_their_action_are_offset_all_the_same(project_file) -> None:
    """A file that does not say which action pays the set-up costs: the imputation still
    holds, for whichever action finances them."""
    def edit(data: dict[str, Any]) -> None:
        del data["statut_juridique"]["societe"]["frais_constitution"]["action"]
    text = _read(project_file("exemple-scic", edit), CONVENTION)
    assert ("(50 %). Lorsqu'une action du plan d'action finance ces frais, la participation de "
            "chaque Partie à cette action, versée selon l'article 11, s'impute sur sa part, et "
            "l'excédent éventuel lui est restitué. Une fois immatriculée") in text


def test_a_subsidy_states_its_schedule_and_the_account_it_is_paid_to() -> None:
    """exemple-financeur-public (juriste-A #14): the terms of payment of a subsidy convention
    (loi n° 2000-321, art. 10; décret n° 2001-495): an advance from the signature, the balance
    on the compte rendu financier, the account and its bank details; the financial article
    refers to them and keeps the file's terms for the other contributions."""
    text = _text("exemple-financeur-public", CONVENTION)
    assert ("Modalités de versement. La subvention est versée en deux fois : une avance de "
            "60 %, soit vingt-sept mille euros (27 000,00 €), dans les trente jours suivant la "
            "signature de la présente convention, puis le solde, soit dix-huit mille euros "
            "(18 000,00 €), après "
            "réception du compte rendu financier du dernier exercice au cours duquel la "
            "subvention a été employée. Les versements sont faits sur le compte bancaire de "
            "l'Association Intermédiaire de l'Ourcq, qui en transmet les coordonnées (relevé "
            "d'identité bancaire) à l'Établissement public territorial du Canal de l'Ourcq au "
            "plus tard à la signature de la présente convention.\n") in text
    assert ("\nTransfert à l'autre Partie bénéficiaire. L'Établissement public territorial du "
            "Canal de l'Ourcq autorise expressément l'Association Intermédiaire de l'Ourcq à "
            "transférer à l'association Les Jardins du Canal la part de la subvention affectée "
            "à l'action « Organiser les ateliers de découverte et les immersions », soit 60 % "
            "de cette part lors de l'avance et le solde lors de son versement, dans les quinze "
            "jours de chaque encaissement (article L. 1611-4 du code général des collectivités "
            "territoriales).\n") in text
    assert "Reversement." not in text
    assert ("\nLa subvention est versée selon les modalités fixées à l'article 8.\nLes autres "
            "contributions financières sont versées selon les modalités suivantes : les apports "
            "des deux associations restent inscrits dans leurs budgets respectifs, chacune les "
            "employant elle-même aux actions qu'elle pilote.\n") in text


def test_a_subsidy_without_its_terms_shows_what_is_missing(project_file) -> None:
    """Neither the advance nor the account: the schedule keeps its shape, the facts are
    gaps; an advance of the whole is paid at once."""
    def edit(data: dict[str, Any]) -> None:
        del next(p for p in data["partenaires"] if p["id"] == "ept")[
            "contribution"]["versement_subvention"]
    text = _read(project_file("exemple-financeur-public", edit), CONVENTION)
    assert ("Modalités de versement. La subvention est versée en deux fois : une avance de [À "
            "compléter avant signature : part de la subvention versée en avance à la "
            "signature], dans les trente jours suivant la signature de la présente convention, "
            "puis le solde après "
            "réception du compte rendu financier du dernier exercice au cours duquel la "
            "subvention a été employée. Les versements sont faits sur le compte bancaire de [À "
            "compléter avant signature : Partie sur le compte bancaire de laquelle la "
            "subvention est versée], qui en transmet") in text
    # Nobody named to be paid: the clause speaks of the Party paid and of the other one.
    assert ("Transfert à l'autre Partie bénéficiaire. L'Établissement public territorial du "
            "Canal de l'Ourcq autorise expressément la Partie qui reçoit la subvention à "
            "transférer à l'autre Partie bénéficiaire la part de la subvention affectée aux "
            "actions qu'elle pilote, dans la limite des montants fixés ci-dessus, dans les "
            "quinze jours de chaque encaissement (article L. 1611-4") in text
    whole = _read(project_file("exemple-financeur-public", {
        "partenaires[2].contribution.versement_subvention.avance_pourcentage": 100}),
        CONVENTION)
    assert ("Modalités de versement. La subvention est versée en une fois, dans les trente "
            "jours suivant la signature de la présente convention. Les versements") in whole
    # Paid at once: no balance to pay after the term, no share of an advance to pass on.
    assert ("Les stipulations du présent article relatives au contrôle, au reversement des "
            "sommes non employées") in whole
    assert ("la part de la subvention affectée à l'action « Organiser les ateliers de "
            "découverte et les immersions », dans les quinze jours") in whole


def test_a_jointly_liable_etti_answers_with_money_only() -> None:
    text = _text("exemple-gme", CONVENTION)
    assert ("La solidarité de la société Intérim Solidaire de l'Est est exclusivement financière "
            ": entreprise de travail temporaire d'insertion (ETTI), elle ne peut exécuter "
            "elle-même les prestations d'un membre défaillant (article L. 1251-2 du code du "
            "travail). L'exécution de substitution incombe aux membres qui exécutent les "
            "prestations, au prorata de leur part dans la répartition des prestations.") in text


def _merchants(data: dict[str, Any]) -> None:
    for partner in data["partenaires"]:
        partner["forme_juridique"] = "sas"
    data["clauses"] = {"litiges": {"juridiction": "tribunal de commerce de Bobigny"}}


def test_only_merchants_name_their_court(project_file) -> None:
    text = _read(project_file("exemple-minimal", edits=_merchants), CONVENTION)
    assert "le tribunal de commerce de Bobigny" in text
    text = _read(project_file("exemple-minimal", edits=lambda data: data.update(
        clauses={"litiges": {"juridiction": "tribunal de commerce de Bobigny"}})), CONVENTION)
    assert "Bobigny" not in text and "le tribunal compétent" in text


@pytest.mark.parametrize("example", ["exemple-minimal", "exemple-gme", "exemple-scic"])
def test_no_funder_no_funder_clause(example: str) -> None:
    assert "financeur" not in _text(example, CONVENTION)


def test_a_funder_is_named_in_the_clauses() -> None:
    text = _text("exemple-financeur-public", CONVENTION)
    assert "représente le partenariat auprès des financeurs et des partenaires extérieurs" in text
    # juriste-C #18: nobody holds another's money (each association pays its own actions,
    # the subsidy has its article), and the public person that takes back what is unspent is
    # named: « des financeurs concernés » named nobody.
    assert ("\nEn cas de résiliation, les Parties établissent ensemble un bilan des actions "
            "menées et des sommes engagées ; la part non employée de la subvention est "
            "reversée à l'Établissement public territorial du Canal de l'Ourcq, conformément à "
            "l'article 8.\n") in text
    assert "financeurs concernés" not in text


def test_the_charte_of_a_gme_keeps_the_composition_of_the_groupement() -> None:
    text = _text("exemple-gme", "charte-de-cooperation.docx")
    assert "accueillir de nouveaux partenaires" not in text
    assert "Nouveaux signataires" not in text
    assert ("La composition du groupement est fixée par la convention de partenariat et ne peut "
            "être modifiée que dans les conditions qu'elle prévoit") in text


def test_no_instance_changes_a_subsidy_its_grantor_decides() -> None:
    """juriste #2: the comité de pilotage (where the EPT sits without a vote) must not read as
    able to change the subsidy the EPT's own council decided."""
    text = _text("exemple-financeur-public", CONVENTION)
    assert ("Les décisions des instances engagent les Parties dans la limite de l'objet de la "
            "présente convention. Elles ne peuvent modifier ni le montant, ni l'objet, ni les "
            "conditions de la subvention prévue à l'article 8, qui relèvent de la seule "
            "décision de l'Établissement public territorial du Canal de l'Ourcq. Lorsqu'une "
            "décision excède") in text
    for example in ("exemple-reseau", "exemple-gme", "exemple-minimal"):
        assert "ni les conditions de la subvention" not in _text(example, CONVENTION)


def _two_subsidies(data: dict[str, Any]) -> None:
    """exemple-financeur-public with a second public funder, a commune."""
    ept = next(p for p in data["partenaires"] if p["id"] == "ept")
    commune = {**ept, "id": "ville", "raison_sociale": "Commune de Romainville",
               "forme_juridique": "collectivite_territoriale", "siret": "98765432400019",
               "contribution": {"apport_financier": 5000, "subvention": True}}
    data["partenaires"].append(commune)


def test_several_subsidies_are_each_their_grantor_s(project_file) -> None:
    text = _read(project_file("exemple-financeur-public", edits=_two_subsidies), CONVENTION)
    assert ("Elles ne peuvent modifier ni le montant, ni l'objet, ni les conditions des "
            "subventions prévues à l'article 8, qui relèvent de la seule décision de la "
            "personne publique qui attribue chacune d'elles.") in text


def test_the_split_of_a_gme_changes_by_an_avenant_and_with_the_buyer() -> None:
    """juriste #9: the split of the prestations is the one the offer declares; the instances
    cannot change it, the modification article asks an avenant signed by all, and after the
    award the buyer must agree first (it judged the offer on that split); the mandataire signs
    no modification that changes a member's obligations without each member's written
    agreement (juriste-A #1, #4)."""
    text = _text("exemple-gme", CONVENTION)
    assert ("Cette répartition est celle que le groupement déclare dans sa candidature et son "
            "offre. Elle ne peut être modifiée que par un avenant signé par l'ensemble des "
            "Parties, conformément à l'article 23, et, après l'attribution du marché, avec "
            "l'accord préalable de l'acheteur ; aucune décision des "
            "instances de gouvernance ne peut la modifier. Le mandataire ne signe une "
            "modification du marché qui change cette répartition qu'après la signature de cet "
            "avenant.") in text
    assert ("puis, en cas d'attribution, le marché, et à le représenter auprès de l'acheteur "
            "(articles R. 2142-23 à R. 2142-25 du code de la commande publique). Le mandataire "
            "ne signe une modification du marché qui en change l'objet, le prix, les délais ou "
            "les obligations d'un membre qu'avec l'accord écrit de chacun des membres. Une "
            "copie de la présente convention est jointe à la candidature. Jusqu'à "
            "l'attribution du marché, aucun membre ne présente, seul ou au sein d'un autre "
            "groupement, de candidature ou d'offre pour la même consultation.") in text
    assert "Article 23 – Modification\nToute modification de la présente convention fait " \
        "l'objet d'un avenant écrit signé par l'ensemble des Parties." in text
    assert ("dès lors que ces mises à jour ne modifient ni l'objet de la présente convention, "
            "ni les engagements financiers des Parties, ni la répartition des prestations du "
            "marché fixée à l'article 9.") in text
    # Outside a groupement there is no split of prestations to keep.
    assert "répartition des prestations" not in _text("exemple-reseau", CONVENTION)


def test_a_groupement_of_two_members_changes_its_split_by_both(project_file) -> None:
    text = _read(project_file("exemple-gme", edits=_two_members), CONVENTION)
    assert "Elle ne peut être modifiée que par un avenant signé par les deux Parties" in text


def test_the_funders_rights_outlive_the_term_of_the_convention() -> None:
    """juriste-A #13, juriste-C #16: the last compte rendu financier is due months after the
    term (30 June 2029 for a convention ending on 31 December 2028), and the balance paid on
    it, the control and the repayment follow it; the term must not end them."""
    text = _text("exemple-financeur-public", CONVENTION)
    assert ("Les stipulations du présent article relatives au versement du solde, au contrôle, "
            "au reversement des "
            "sommes non employées et au compte rendu financier demeurent applicables après le "
            "terme ou la résiliation de la présente convention, jusqu'à leur complète "
            "exécution.") in text


def test_a_subsidy_is_not_held_for_the_account_of_the_parties() -> None:
    """juriste-A #12: the subsidy becomes its beneficiaries' resource (its own article); the
    Party that receives it does not hold it « pour le compte » of the other Parties, public
    person included, which would handle public money for it (gestion de fait)."""
    text = _text("exemple-financeur-public", CONVENTION)
    # juriste-C #18: each association pays only the actions it pilots: nobody holds money
    # for another, nor returns any at the term.
    assert "la Partie qui reçoit des contributions" not in text
    assert "Le solde non employé au terme" not in text
    data = load_project(EXAMPLES / "exemple-financeur-public.yaml").data
    data["budget"]["gestionnaire"] = "ai-ourcq"
    held = docx.Document(io.BytesIO(render_document(_template(CONVENTION), build_context(data))))
    assert ("À l'exception de la subvention, qui devient la ressource des Parties "
            "bénéficiaires dans les conditions de l'article 8, les contributions des autres "
            "Parties sont versées à") in plain("\n".join(body_lines(held)))
    assert "À l'exception de la subvention" not in _text("exemple-reseau", CONVENTION)
    # The Jardins pay towards the accueil the AIO pilots: the AIO holds their money.
    data = load_project(EXAMPLES / "exemple-financeur-public.yaml").data
    data["plan_action"][0]["financements"][1]["source"] = "jardins"
    moved = docx.Document(io.BytesIO(render_document(_template(CONVENTION), build_context(data))))
    moved_text = plain("\n".join(body_lines(moved)))
    assert ("À l'exception de la subvention, qui devient la ressource des Parties bénéficiaires "
            "dans les conditions de l'article 8, la Partie qui reçoit des contributions des "
            "autres Parties pour les employer au projet les gère pour le compte des autres "
            "Parties") in moved_text
    # The pooled balance is shared pro rata, never the unspent subsidy (its own article).
    assert ("Le solde non employé au terme de la présente convention est restitué aux Parties "
            "qui l'ont versé, au prorata de leurs contributions, à l'exception de la part non "
            "employée de la subvention, reversée en totalité à la personne publique qui l'a "
            "attribuée, conformément à l'article 8.") in moved_text
    assert ("les contributions versées et non utilisées sont restituées au prorata ; la part "
            "non employée de la subvention est reversée à l'Établissement public territorial "
            "du Canal de l'Ourcq, conformément à l'article 8.") in moved_text


BUYER_OUT = ("Les représentants du Département de la Seine-Saint-Denis, acheteur public qui "
             "siège sans voix délibérative, ne participent pas aux échanges relatifs à une "
             "consultation que cet acheteur a lancée ou prépare ; ces échanges ont lieu hors de "
             "leur présence.")


@pytest.mark.parametrize("document", [CONVENTION, *OTHERS])
def test_a_public_buyer_without_a_vote_stays_out_of_its_own_consultations(document: str) -> None:
    """exemple-reseau (juriste-C #4): the Département sits without a vote in the assembly
    where the members may prepare joint answers to marchés, its own among them (CCP L. 3,
    L. 2141-8): the convention, the fiche de gouvernance and the charte keep it out."""
    assert f"\n{BUYER_OUT}\n" in _text("exemple-reseau", document)


def test_a_public_person_without_a_vote_where_nobody_answers_marches() -> None:
    """exemple-financeur-public: the EPT sits without a vote, but the Parties share means and
    answer no marché together: nothing to keep it out of."""
    for document in (CONVENTION, *OTHERS):
        assert "acheteur public" not in _text("exemple-financeur-public", document)


def test_an_annexed_charte_names_its_act_first_and_stands_apart_from_its_date() -> None:
    """exemple-reseau (juriste-C #20): « Annexe 3 à la convention de partenariat du 12 février
    2027 — Charte de coopération », and a blank line between « Fait à … » and the list of
    signatories, as in the convention."""
    text = _text("exemple-reseau", "charte-de-cooperation.docx")
    assert text.startswith("Annexe 3 à la convention de partenariat du 12 février 2027 — "
                           "Charte de coopération\nCHARTE DE COOPÉRATION\n")
    assert ("\nFait à Pantin, le 12 février 2027.\n\nLes signataires parties à la convention de "
            "partenariat :\n") in text
    assert _text("exemple-reseau", "gouvernance.docx").startswith(
        "Annexe 1 à la convention de partenariat du 12 février 2027 — Fiche d'organisation de "
        "la gouvernance\n")


def test_a_groupement_for_works_lasts_until_their_reception(project_file) -> None:
    """juriste-C #7: services are admitted, works received (CCAG-Travaux): a marché the file
    says is for works keeps the convention until the reception of the works."""
    text = _read(project_file("exemple-gme", {"statut_juridique.marche.nature": "travaux"}),
                 CONVENTION)
    assert ("soient éteintes, notamment jusqu'à la réception des travaux, l'expiration des "
            "délais de garantie éventuels") in text
    assert "admission" not in text
