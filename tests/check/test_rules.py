"""Cross-field rules (`coopdocs.check.rules`): every blocking rule and every warning of MODELE.md.

Each test starts from a normalised example, breaks one thing in a deep copy and checks the
exact code, path (as users read it) and key words of the message and hint.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from coopdocs.check.gaps import document_gaps, legal_gaps
from coopdocs.check.project import load_project
from coopdocs.check.rules.cautions import postal_prefixes
from coopdocs.check.rules.suite import check_rules, run_rules
from coopdocs.context.assemble import build_context
from coopdocs.context.documents import produced
from coopdocs.errors import Problem, ValidationError
from coopdocs.vocabulary import RESERVED_DECISIONS, charter_applies, convention_applies

# Amounts and percentages in messages are spaced as in the documents: a narrow no-break space
# between groups of digits, a no-break space before « € » and « % ».
NBSP, NNBSP = "\u00a0", "\u202f"


def fr(text: str) -> str:
    """« 40 000,00 € », « 50 % » as the messages print them (see NBSP, NNBSP above)."""
    text = re.sub(r"(?<=\d) (?=\d{3}\b)", NNBSP, text)
    return text.replace(" €", NBSP + "€").replace(" %", NBSP + "%")


# -- Normalised data --------------------------------------------------------------------------
# The examples go through the real loader (source → schema → rules: the session fixtures of
# conftest.py), so the data the tests mutate is exactly what `run_rules` receives in production.


@pytest.fixture
def full(complet: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(complet)


@pytest.fixture
def minimal(minimal: dict[str, Any]) -> dict[str, Any]:
    """A copy of conftest's `minimal` that a test may break."""
    return copy.deepcopy(minimal)


def check(data: dict[str, Any]) -> list[Problem]:
    """The rules' problems without the gap warnings, which `test_gaps.py` tests on their own.

    Every document gap (« [À compléter…] ») is also a warning; a test about one rule would
    otherwise list the gaps of the example it starts from.
    """
    return [p for p in run_rules(data) if p.code != "document-a-completer"]


def _only(problems: list[Problem], code: str) -> Problem:
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, [p.format() for p in problems]
    return found[0]


def _errors(data: dict[str, Any]) -> list[Problem]:
    return [p for p in check(data) if p.is_error]


def _warnings(data: dict[str, Any]) -> list[Problem]:
    return [p for p in check(data) if not p.is_error]


def _assert(problem: Problem, dotted: str, *words: str) -> None:
    assert problem.dotted_path == dotted
    text = f"{problem.message} {problem.hint}"
    for word in words:
        assert word in text, (word, text)


def _set(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value


# -- The examples -----------------------------------------------------------------------------

# What the law by legal form (check.rules.legal) says of exemple-complet: Répar'Tout's
# directeur général signs for a SAS, which its président represents; a public person is a
# party while the file names a tribunal judiciaire. (Répar'Tout, a SAS without its RCS or
# capital, and Plaine Commune, which signs without the délibération that empowers its
# vice-présidente, are gaps of the convention: see test_what_validate_says_of_each_example.)
LEGAL_WARNINGS = ["pouvoir-signataire", "juridiction-personne-publique"]
def test_complete_example_warns_where_a_juriste_must_act(full):
    problems = check(full)
    # The collectivité's money, the réseau's missions without a signature, the cartographie
    # asked to put a voting partner outside the core, a signatory's quality in inclusive
    # writing, a directeur général signing for a SAS, the court named with a public person: six
    # questions for the juriste.
    assert [p.code for p in problems] == [
        "appui-non-partie", "cercle-incoherent", "collectivite-financeur", "qualite-inclusive",
        *LEGAL_WARNINGS]
    assert all(p.severity == "avertissement" for p in problems)
    problem = problems[2]
    _assert(
        problem,
        "partenaires[5].contribution.apport_financier",
        "Plaine Commune",
        fr("40 000,00 €"),
        fr("50 % du budget"),
        "commande publique",
        "23\u202f000\u00a0€",
    )
    # Every way the collectivité brings money is named.
    assert problem.message.count("pour l'action") == 2


def test_minimal_example_has_no_problem(minimal):
    assert check(minimal) == []


# -- Rule 1: ids and references ---------------------------------------------------------------


def test_duplicate_partner_id(full):
    full["partenaires"][2]["id"] = "recycl"
    problem = _only(check(full), "id-duplique")
    _assert(problem, "partenaires[3].id", "« recycl »", "partenaires[1]", "unique")


def test_duplicate_id_says_un_autre_or_une_autre(full):
    """The noun decides the agreement: « un autre partenaire », « une autre action »."""
    full["partenaires"][2]["id"] = "recycl"
    full["plan_action"][1]["id"] = full["plan_action"][0]["id"]
    messages = {p.dotted_path: p.message for p in check(full) if p.code == "id-duplique"}
    assert "par un autre partenaire (partenaires[1])" in messages["partenaires[3].id"]
    assert "par une autre action (plan_action[1])" in messages["plan_action[2].id"]
    assert not any("une autre partenaire" in m for m in messages.values())


def test_a_duplicated_id_is_one_error_not_a_cascade(full):
    """« repar » renamed « recycl » by mistake: its references would each point at nobody, and
    partners found by id could be the wrong one. One error, naming « repar » as the likely id;
    the rules that find partners by id wait for it."""
    full["partenaires"][1]["id"] = "recycl"
    outcome = check_rules(full)
    assert [p.code for p in outcome.problems] == ["id-duplique"], [
        p.format() for p in outcome.problems]
    _assert(outcome.problems[0], "partenaires[2].id", "« recycl »", "un autre partenaire",
            "Le fichier désigne aussi « repar », déclaré nulle part : est-ce l'identifiant voulu "
            "ici ?")
    assert not outcome.complete


def test_task_ids_are_unique_across_actions(full):
    full["plan_action"][1]["taches"] = [
        {
            "id": "bail",
            "libelle": "Encore",
            "responsable": "repar",
            "jalon": False,
            "date_debut": date(2027, 3, 1),
            "date_fin": date(2027, 3, 5),
            "depend_de": [],
        }
    ]
    problem = _only(check(full), "id-duplique")
    _assert(problem, "plan_action[2].taches[1].id", "« bail »", "plan_action[1].taches[1]")


@pytest.mark.parametrize(
    "path",
    [
        ("objectifs_operationnels", 1),
        ("plan_action", 1),
        ("gouvernance", "instances", 1),
        ("parties_prenantes", 1),
    ],
)
def test_duplicate_ids_in_every_list(full, path):
    entries = full
    for part in path[:-1]:
        entries = entries[part]
    entries[path[-1]]["id"] = entries[0]["id"]
    problems = [p for p in check(full) if p.code == "id-duplique"]
    assert [p.path for p in problems] == [(*path, "id")]


REFERENCES = [
    (("projet", "initiateur", "partenaire"), "reseu", "projet.initiateur.partenaire", "reseau"),
    (
        ("objectifs_operationnels", 0, "indicateurs", 0, "responsable"),
        "recyl",
        "objectifs_operationnels[1].indicateurs[1].responsable",
        "recycl",
    ),
    (("plan_action", 0, "objectif"), "ouvertur", "plan_action[1].objectif", "ouverture"),
    (("plan_action", 0, "pilote"), "recycle", "plan_action[1].pilote", "recycl"),
    (
        ("plan_action", 1, "contributeurs", 0),
        "ai-courneuv",
        "plan_action[2].contributeurs[1]",
        "ai-courneuve",
    ),
    (
        ("plan_action", 0, "taches", 1, "responsable"),
        "repr",
        "plan_action[1].taches[2].responsable",
        "repar",
    ),
    (
        ("plan_action", 0, "taches", 2, "depend_de", 0),
        "travau",
        "plan_action[1].taches[3].depend_de[1]",
        "travaux",
    ),
    (
        ("budget", "repartition", 0, "partenaire"),
        "plain",
        "budget.repartition[1].partenaire",
        "plaine",
    ),
    (("statut_juridique", "mandataire"), "recycll", "statut_juridique.mandataire", "recycl"),
    (("gouvernance", "chef_de_file"), "recyc", "gouvernance.chef_de_file", "recycl"),
    (("gouvernance", "coordinateur"), "reso", "gouvernance.coordinateur", "reseau"),
    (
        ("gouvernance", "instances", 0, "composition", 1, "partenaire"),
        "repare",
        "gouvernance.instances[1].composition[2].partenaire",
        "repar",
    ),
    (
        ("gouvernance", "instances", 0, "presidence"),
        "tournant",
        "gouvernance.instances[1].presidence",
        "tournante",
    ),
    (
        ("gouvernance", "instances", 0, "regles_de_vote", "voix_preponderante"),
        "presidente",
        "gouvernance.instances[1].regles_de_vote.voix_preponderante",
        "presidence",
    ),
    (
        ("gouvernance", "instances", 0, "fonctionnement", "compte_rendu", "redacteur"),
        "tournante",
        "gouvernance.instances[1].fonctionnement.compte_rendu.redacteur",
        "tournant",
    ),
    (
        ("gouvernance", "roles", 3, "partenaire"),
        "reseaux",
        "gouvernance.roles[4].partenaire",
        "reseau",
    ),
    (
        ("gouvernance", "faire_vivre", 1, "referents", 0),
        "ai_courneuve",
        "gouvernance.faire_vivre[2].referents[1]",
        "ai-courneuve",
    ),
    (
        ("parties_prenantes", 2, "partenaire"),
        "plaine-commune",
        "parties_prenantes[3].partenaire",
        "plaine",
    ),
    (("parties_prenantes", 1, "referent"), "recycl93", "parties_prenantes[2].referent", "recycl"),
    (("mobilisation", 0, "partenaire"), "Recycl", "mobilisation[1].partenaire", "recycl"),
]


@pytest.mark.parametrize(
    ("path", "value", "dotted", "guess"), REFERENCES, ids=[r[2] for r in REFERENCES]
)
def test_unknown_reference_suggests_the_closest_id(full, path, value, dotted, guess):
    _set(full, path, value)
    problems = [p for p in _errors(full) if p.code == "ref-inconnue"]
    assert len(problems) == 1, [p.format() for p in problems]
    _assert(problems[0], dotted, f"« {value} »", f"Vouliez-vous dire « {guess} » ?")


def test_unknown_reference_lists_declared_ids_when_nothing_is_close(full):
    full["plan_action"][0]["pilote"] = "zzz"
    problem = _only(check(full), "ref-inconnue")
    assert "Vouliez-vous" not in problem.hint
    _assert(problem, "plan_action[1].pilote", "aucun partenaire", "« recycl », « repar »")


def test_the_action_that_pays_set_up_costs_is_a_declared_action(example_data):
    """`frais_constitution.action` names an action of the plan: a typo is told with the
    closest id and the declared ones."""
    data = example_data("scic")
    data["statut_juridique"]["societe"]["frais_constitution"]["action"] = "redation"
    problem = _only(check(data), "ref-inconnue")
    assert problem.message == "L'identifiant « redation » ne correspond à aucune action déclarée."
    assert problem.hint == ("Vouliez-vous dire « redaction » ? Identifiants déclarés dans "
                            "plan_action : « redaction », « mobilisation-habitants ».")
    assert problem.dotted_path == "statut_juridique.societe.frais_constitution.action"


def test_financing_source_close_to_a_partner_id_is_a_typo(full):
    full["plan_action"][0]["financements"][0]["source"] = "plaien"
    problem = _only(check(full), "ref-inconnue")
    _assert(
        problem,
        "plan_action[1].financements[1].source",
        "« plaien »",
        "« plaine »",
        "financeur extérieur",
    )


@pytest.mark.parametrize("source", ["region", "Région Île-de-France", "bpi"])
def test_financing_source_in_free_text_is_accepted(full, source):
    full["plan_action"][0]["financements"][0]["source"] = source
    # Plaine Commune's 40 000 € apport is now paid 10 000 € through the actions: the gap between
    # the two figures must be explained for the pack to agree (test_coherence.py).
    full["budget"]["explication_ecarts"] = "Le solde de l'apport finance la coordination."
    assert _errors(full) == []


# -- Rule 2: signatories ----------------------------------------------------------------------


def test_convention_needs_two_signatories(full):
    for partner in full["partenaires"][1:]:
        partner["signataire_convention"] = False
    problem = _only(check(full), "signataires-insuffisants")
    _assert(
        problem,
        "partenaires",
        "la convention",
        "Recycl'Action 93 (recycl)",
        "signataire_convention: true",
    )


def test_charte_needs_two_signatories(minimal):
    minimal["partenaires"][1]["signataire_charte"] = False
    problem = _only(check(minimal), "signataires-insuffisants")
    _assert(problem, "partenaires", "la charte", "signataire_charte: true")


@pytest.mark.parametrize(
    ("forme", "applies"),
    [
        ("convention_partenariat", True),
        ("lettre_intention", True),
        ("gme_conjoint", True),
        ("scic", True),
        ("informelle", False),
        ("charte", False),
    ],
)
def test_convention_applies(minimal, forme, applies):
    minimal["statut_juridique"]["forme"] = forme
    assert convention_applies(minimal) is applies


def test_the_catalogue_and_the_charte_gaps_agree_on_whether_there_is_a_charte(minimal):
    """One predicate (vocabulary.charter_applies): no charte, no gap asking for its values; a
    partner whose flag the schema removed as malformed signs, as the schema's default says."""
    assert charter_applies(minimal)
    assert "charte" in [d.code for d in produced(minimal)]
    minimal["valeurs"] = []
    assert "valeurs" in [g.code for g in document_gaps(minimal)]
    minimal["partenaires"][1]["signataire_charte"] = False
    assert not charter_applies(minimal)
    assert "charte" not in [d.code for d in produced(minimal)]
    assert "valeurs" not in [g.code for g in document_gaps(minimal)]
    del minimal["partenaires"][1]["signataire_charte"]
    assert charter_applies(minimal)


def test_no_convention_signatory_needed_for_a_charte(minimal):
    minimal["statut_juridique"]["forme"] = "charte"
    for partner in minimal["partenaires"]:
        partner["signataire_convention"] = False
    assert check(minimal) == []


# -- Rule 3: SIRET ----------------------------------------------------------------------------


def test_siret_required_for_siae(full):
    full["partenaires"][1]["siret"] = None
    problem = _only(check(full), "siret-manquant")
    _assert(problem, "partenaires[2].siret", "Répar'Tout", "SIAE", "14 chiffres")


def test_siret_required_for_companies(full):
    full["partenaires"][3].update(siret=None, forme_juridique="sas")
    problem = _only(check(full), "siret-manquant")
    _assert(problem, "partenaires[4].siret", "entreprise")


def test_siret_optional_for_other_structures(full):
    full["partenaires"][3]["siret"] = None  # an association tête de réseau
    assert _errors(full) == []


def test_siret_used_twice(full):
    full["partenaires"][2]["siret"] = full["partenaires"][0]["siret"]
    problem = _only(check(full), "siret-duplique")
    _assert(
        problem,
        "partenaires[3].siret",
        "Association Intermédiaire de La Courneuve",
        "412 783 904 00003",
        "déjà celui de Recycl'Action 93 (recycl)",
    )


# -- Rule 4: dates and dependencies -----------------------------------------------------------


def test_project_end_before_start(full):
    full["projet"]["date_fin"] = date(2026, 6, 30)
    problem = _only(check(full), "dates-ordre")
    _assert(problem, "projet.date_fin", "30/06/2026", "01/01/2027", "date_debut < date_fin")


def test_duration_and_end_date_must_agree(minimal):
    minimal["projet"]["date_fin"] = date(2028, 6, 30)  # duree_mois: 12 ends on 31/01/2028
    problem = _only(check(minimal), "duree-incoherente")
    _assert(problem, "projet.duree_mois", "12 mois", "31/01/2028", "30/06/2028", "un mois près")


def test_duration_and_end_date_agree_within_a_month(minimal):
    minimal["projet"]["date_fin"] = date(2028, 2, 20)
    assert check(minimal) == []


def test_action_deadline_before_start(full):
    full["plan_action"][1]["echeance"] = date(2027, 2, 1)
    problem = _only(check(full), "dates-ordre")
    _assert(problem, "plan_action[2].echeance", "formation", "date_debut ≤ echeance")


def test_task_end_before_start(full):
    full["plan_action"][0]["taches"][0]["date_fin"] = date(2027, 1, 2)
    problem = _only(check(full), "dates-ordre")
    _assert(
        problem, "plan_action[1].taches[1].date_fin", "bail", "02/01/2027", "date_debut ≤ date_fin"
    )


def test_iae_agreement_end_before_start(full):
    full["partenaires"][0]["conventionnement"] = {"date_debut": date(2026, 1, 1),
                                                  "date_fin": date(2025, 12, 31)}
    problem = _only(check(full), "dates-ordre")
    _assert(problem, "partenaires[1].conventionnement.date_fin", "Conventionnement IAE",
            "Recycl'Action 93", "31/12/2025", "01/01/2026", "date_debut ≤ date_fin")


def test_dependency_cycle(full):
    full["plan_action"][0]["taches"][0]["depend_de"] = ["commission"]
    problems = _errors(full)
    assert [p.code for p in problems] == ["dependance-cycle"]  # no overlap noise on top
    _assert(
        problems[0],
        "plan_action[1].taches[2].depend_de[1]",
        "bail → commission → travaux → bail",
        "Retirez l'une de ces dépendances",
    )


def test_two_task_cycle_reads_in_dependency_order(full):
    full["plan_action"][0]["taches"][0]["depend_de"] = ["travaux"]
    problem = _only(check(full), "dependance-cycle")
    _assert(problem, "plan_action[1].taches[2].depend_de[1]", "bail → travaux → bail")


def test_task_depending_on_itself(full):
    full["plan_action"][0]["taches"][1]["depend_de"] = ["bail", "travaux"]
    problem = _only(check(full), "dependance-cycle")
    _assert(problem, "plan_action[1].taches[2].depend_de[2]", "travaux → travaux")


def test_task_starting_before_its_dependency_ends(full):
    full["plan_action"][0]["taches"][1]["date_debut"] = date(2027, 1, 20)
    problem = _only(check(full), "dependance-chevauchement")
    _assert(
        problem,
        "plan_action[1].taches[2].depend_de[1]",
        "« travaux »",
        "20/01/2027",
        "« bail »",
        "29/01/2027",
    )


def test_dependency_across_actions(full):
    full["plan_action"][1]["taches"] = [
        {
            "id": "stage",
            "libelle": "Former",
            "responsable": "repar",
            "jalon": False,
            "date_debut": date(2027, 5, 1),
            "date_fin": date(2027, 6, 30),
            "depend_de": ["commission"],
        }
    ]
    problem = _only(check(full), "dependance-chevauchement")
    _assert(problem, "plan_action[2].taches[1].depend_de[1]", "« commission »", "31/05/2027")


# -- Rule 5: budget split ---------------------------------------------------------------------


def test_percentages_must_sum_to_100(full):
    full["budget"]["repartition"][0]["pourcentage"] = Decimal(40)
    problem = _only(check(full), "repartition-somme")
    _assert(problem, "budget.repartition", fr("90 %"), fr("il manque 10 %"))


def test_percentages_over_100(full):
    full["budget"]["repartition"][1]["pourcentage"] = Decimal("25.5")
    problem = _only(check(full), "repartition-somme")
    _assert(problem, "budget.repartition", fr("100,5 %"), fr("0,5 % de trop"))


def test_rounding_tolerance_on_percentages(full):
    for share, pct in zip(full["budget"]["repartition"], ("33.33", "33.33", "33.34"), strict=True):
        share["pourcentage"] = Decimal(pct)
    full["budget"]["explication_ecarts"] = "Les apports seront révisés au premier comité."
    assert _errors(full) == []


def test_amount_and_percentage_disagree(full):
    full["budget"]["repartition"][0]["montant"] = Decimal("30000.00")
    problem = _only(check(full), "repartition-incoherente")
    _assert(
        problem,
        "budget.repartition[1].montant",
        fr("30 000,00 €"),
        fr("50 %"),
        fr("80 000,00 €"),
        fr("40 000,00 €"),
        fr("37,5 %"),
    )


def test_total_defaults_to_the_sum_of_needs(full):
    full["budget"]["total"] = None  # Σ besoin_financier = 80 000
    full["budget"]["repartition"][0]["montant"] = Decimal("40000.00")
    assert _errors(full) == []
    full["budget"]["repartition"][0]["montant"] = Decimal("39000.00")
    problem = _only(check(full), "repartition-incoherente")
    _assert(problem, "budget.repartition[1].montant", fr("80 000,00 €"))


def test_amount_only_share_counts_through_the_total(full):
    full["budget"]["repartition"][0].update(pourcentage=None, montant=Decimal("30000.00"))
    problem = _only(check(full), "repartition-somme")
    _assert(problem, "budget.repartition", fr("87,5 %"), fr("il manque 12,5 %"))



def test_amount_share_larger_than_the_total(full):
    """Regression (generated projects): a share of 0 % of nothing could not be printed; a
    positive share of a total it exceeds is refused where it is written."""
    full["budget"]["total"] = Decimal("0.00")
    full["budget"]["repartition"][0].update(pourcentage=None, montant=Decimal("100.00"))
    problem = next(p for p in _errors(full) if p.code == "repartition-incoherente")
    _assert(problem, "budget.repartition[1].montant", fr("100,00 €"), "dépasse", fr("0,00 €"))

# -- Rule 6: indicators -----------------------------------------------------------------------


@pytest.mark.parametrize("key", ["unite", "valeur_cible"])
def test_quantitative_indicator_needs_unit_and_target(full, key):
    full["objectifs_operationnels"][1]["indicateurs"][0][key] = None
    problem = _only(check(full), "indicateur-incomplet")
    _assert(
        problem,
        f"objectifs_operationnels[2].indicateurs[1].{key}",
        "Salarié·e·s en insertion formé·e·s",
        f"« {key}: »",
        "qualitatif",
    )


# -- Rule 7: voting rules ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seuil", "shown"), [(Decimal("0.5"), "de 0,5"), (Decimal(75), "de 75"), (None, "absent")]
)
def test_qualified_majority_threshold(full, seuil, shown):
    full["gouvernance"]["instances"][0]["regles_de_vote"]["seuil"] = seuil
    problem = _only(check(full), "vote-seuil")
    _assert(
        problem,
        "gouvernance.instances[1].regles_de_vote.seuil",
        "Comité de pilotage",
        shown,
        "0.75 pour trois quarts",
    )


@pytest.mark.parametrize("quorum", [Decimal(0), Decimal("1.5")])
def test_quorum_is_a_ratio(full, quorum):
    full["gouvernance"]["instances"][0]["regles_de_vote"]["quorum"] = quorum
    problem = _only(check(full), "vote-quorum")
    _assert(problem, "gouvernance.instances[1].regles_de_vote.quorum", "proportion")


@pytest.mark.parametrize("mode", ["consensus", "unanimite", "consentement"])
def test_no_threshold_without_a_vote(full, mode):
    vote = full["gouvernance"]["instances"][1]["regles_de_vote"]
    vote.update(mode=mode, seuil=Decimal("0.6"))
    problem = _only(check(full), "vote-seuil-inutile")
    _assert(problem, "gouvernance.instances[2].regles_de_vote.seuil", mode, "Retirez « seuil »")


# -- Rule 8: GME mandataire -------------------------------------------------------------------


@pytest.mark.parametrize("forme", ["gme_conjoint", "gme_solidaire"])
def test_gme_needs_a_mandataire(full, forme):
    full["statut_juridique"]["forme"] = forme
    problem = _only(check(full), "mandataire-manquant")
    _assert(problem, "statut_juridique.mandataire", forme, "mandataire:")


def test_gme_mandataire_signs_the_convention(full):
    full["statut_juridique"].update(forme="gme_solidaire", mandataire="reseau")
    problem = _only(check(full), "mandataire-non-signataire")
    _assert(
        problem,
        "statut_juridique.mandataire",
        "Réseau des SIAE",
        "signataire_convention: true",
        "partenaires[4]",
    )
    full["statut_juridique"]["mandataire"] = "recycl"
    # The mandataire is right now; what a groupement must also say is check.rules.legal's.
    assert [p.code for p in _errors(full)] == ["marche-manquant", "prestations-manquantes"]


# -- Rule 9: chef de file ---------------------------------------------------------------------


def test_single_chef_de_file(full):
    full["partenaires"][1]["role"] = "chef_de_file"
    problem = _only(check(full), "chef-de-file-multiple")
    _assert(problem, "partenaires[2].role", "Répar'Tout", "déjà tenu par Recycl'Action 93")


def test_governance_chef_de_file_matches_the_role(full):
    full["gouvernance"]["chef_de_file"] = "repar"
    problem = _only(check(full), "chef-de-file-incoherent")
    _assert(problem, "gouvernance.chef_de_file", "(repar)", "(recycl)", "chef_de_file: recycl")


def test_governance_chef_de_file_without_any_role(full):
    full["partenaires"][0]["role"] = "partenaire_operationnel"
    problem = _only(check(full), "chef-de-file-incoherent")
    _assert(problem, "gouvernance.chef_de_file", "role: chef_de_file", "partenaires[1]")


# -- Warnings ---------------------------------------------------------------------------------


def test_one_partner_holds_the_majority(full):
    full["gouvernance"]["instances"][0]["composition"][0].update(sieges=2, voix=4)
    problem = _only(check(full), "pouvoir-desequilibre")
    assert problem.severity == "avertissement"
    _assert(
        problem,
        "gouvernance.instances[1].composition[1]",
        "Recycl'Action 93",
        "4 voix sur 7",
        "57,1\u00a0%",
        "Comité de pilotage",
        "rééquilibrez",
    )


def test_balance_of_power_ignores_non_decision_instances(full):
    full["gouvernance"]["instances"][1]["composition"][0]["voix"] = 10
    assert "pouvoir-desequilibre" not in [p.code for p in check(full)]


def test_exactly_half_is_not_a_majority(minimal):
    assert check(minimal) == []  # two partners, one vote each: 50 % is not > 50 %


def test_signatory_outside_every_decision_instance(full):
    del full["gouvernance"]["instances"][0]["composition"][3]  # Plaine Commune
    problem = _only(check(full), "signataire-sans-instance")
    _assert(
        problem,
        "partenaires[5]",
        "Plaine Commune",
        "instance décisionnelle",
        "signataire_convention: false",
    )


@pytest.mark.parametrize(
    ("path", "value", "dotted", "what"),
    [
        (
            ("objectifs_operationnels", 0, "echeance"),
            date(2030, 6, 30),
            "objectifs_operationnels[1].echeance",
            "l'objectif « ouverture »",
        ),
        (
            ("plan_action", 1, "echeance"),
            date(2030, 1, 31),
            "plan_action[2].echeance",
            "L'échéance de l'action « formation »",
        ),
        (
            ("plan_action", 0, "date_debut"),
            date(2026, 12, 1),
            "plan_action[1].date_debut",
            "Le début de l'action « local »",
        ),
        (
            ("plan_action", 0, "taches", 0, "date_debut"),
            date(2026, 12, 14),
            "plan_action[1].taches[1].date_debut",
            "Le début de la tâche « bail »",
        ),
    ],
)
def test_date_outside_the_project_period(full, path, value, dotted, what):
    _set(full, path, value)
    problem = _only(check(full), "date-hors-periode")
    _assert(problem, dotted, what, "01/01/2027 – 31/12/2029")


def test_objective_without_action(full):
    full["plan_action"][1]["objectif"] = "ouverture"
    problem = _only(check(full), "objectif-sans-action")
    _assert(problem, "objectifs_operationnels[2]", "« parcours »", "objectif: parcours")


def test_an_action_starting_after_its_objective_cannot_serve_it(full):
    full["objectifs_operationnels"][1]["echeance"] = date(2027, 2, 1)
    problem = _only(check(full), "action-apres-objectif")
    assert problem.dotted_path == "plan_action[2].date_debut"
    assert problem.message == (
        "L'action « Former les salarié·e·s à la réparation » commence le 01/03/2027, après "
        "l'échéance de l'objectif « parcours » qu'elle sert (01/02/2027) : elle ne peut pas "
        "concourir à l'atteindre.")
    # Going on after the deadline is fine: « ouvrir et animer » serves the opening.
    full["objectifs_operationnels"][1]["echeance"] = date(2027, 6, 30)
    assert "action-apres-objectif" not in [p.code for p in check(full)]


def test_two_actions_with_one_title_cannot_be_told_apart(full):
    full["plan_action"][1]["intitule"] = " aménager  le local commun"
    problem = _only(check(full), "intitule-duplique")
    assert problem.dotted_path == "plan_action[2].intitule"
    assert problem.message == (
        "Deux actions s'intitulent « aménager le local commun » (la 1re et la 2e) : la "
        "convention, le plan d'action et le rétroplanning ne permettront pas de les distinguer.")


def test_no_plan_no_objective_warning(full):
    full["plan_action"] = []
    full["budget"] = None
    assert "objectif-sans-action" not in [p.code for p in check(full)]


def test_financing_total_differs_from_budget(full):
    full["plan_action"][1]["financements"][1]["montant"] = Decimal("10000.00")
    problem = _only(check(full), "financements-total")
    _assert(problem, "budget.total", fr("70 000,00 €"), fr("80 000,00 €"),
            fr("il manque 10 000,00 €"))


def test_money_still_to_request_counted_in_the_budget(full):
    full["plan_action"][1]["financements"][2]["statut"] = "a_solliciter"
    problem = _only(check(full), "financement-a-solliciter")
    _assert(
        problem,
        "plan_action[2].financements[3].statut",
        fr("10 000,00 €"),
        "plaine",
        "« formation »",
        "sollicite",
    )


def test_money_to_request_without_budget_is_fine(full):
    full["plan_action"][1]["financements"][2]["statut"] = "a_solliciter"
    full["budget"] = None
    assert "financement-a-solliciter" not in [p.code for p in check(full)]


# Recycl'Action 93 brings 20 000 € (its apport, its quarter of the budget): 10 000 € to the
# action « local » (plan_action[1].financements[2]) and 10 000 € to « formation » ([2][1]).
RECYCL_LOCAL, RECYCL_FORMATION = (0, 1), (1, 0)


def _recycl_line(data: dict[str, Any], where: tuple[int, int]) -> dict[str, Any]:
    line: dict[str, Any] = data["plan_action"][where[0]]["financements"][where[1]]
    assert line["source"] == "recycl"
    return line


def test_a_firm_apport_resting_on_money_only_asked_for(full):
    """The convention binds the Party to its apport; the plan says part of it is only asked
    for: every figure agrees (so argent-incoherent is silent), but the documents contradict."""
    _recycl_line(full, RECYCL_FORMATION)["statut"] = "sollicite"
    problem = _only(check(full), "apport-non-acquis")
    assert problem.severity == "avertissement"
    assert problem.dotted_path == "partenaires[1].contribution.apport_financier"
    assert problem.message == fr(
        "La convention engage fermement Recycl'Action 93 (recycl) à un apport financier de "
        "20 000,00 €, mais le plan d'action ne donne comme « acquis » que 10 000,00 € de ses "
        "financements, le reste (10 000,00 €) au statut « sollicité », c'est-à-dire encore "
        "soumis à sa décision : les deux documents se contrediraient.")
    assert problem.hint == fr(
        "Si Recycl'Action 93 (recycl) a décidé cet apport, passez au statut « acquis » ses "
        "financements de l'action « formation » ; sinon, ramenez « apport_financier » à "
        "l'argent décidé (10 000,00 €), retirez « budget.repartition » (la répartition du "
        "budget compte la part demandée) et laissez la part demandée dans le plan d'action, où "
        "elle reste soumise à sa décision.")
    assert not _errors(full)


def test_an_apport_resting_on_no_decided_money_at_all(full):
    _recycl_line(full, RECYCL_LOCAL)["statut"] = "a_solliciter"
    _recycl_line(full, RECYCL_FORMATION)["statut"] = "sollicite"
    problem = _only(check(full), "apport-non-acquis")
    assert fr("le plan d'action laisse tous ses financements (20 000,00 €) au statut "
              "« sollicité » ou « à solliciter », c'est-à-dire") in problem.message
    assert "des actions « local » et « formation » ; sinon, retirez « apport_financier » et " \
        "« budget.repartition » (la répartition du budget compte la part demandée) et " \
        "laissez" in problem.hint


def test_an_apport_of_the_decided_money_only_is_one_story(full):
    """The second way out: the apport lowered to the decided money, the asked part left in the
    plan. The convention commits the Party to what it decided; no error, no warning."""
    _recycl_line(full, RECYCL_FORMATION)["statut"] = "sollicite"
    full["partenaires"][0]["contribution"]["apport_financier"] = Decimal("10000.00")
    full["budget"]["repartition"] = []  # a split of the budget says its own amount (see hint)
    codes = [p.code for p in check(full)]
    assert "apport-non-acquis" not in codes and "argent-incoherent" not in codes
    # Not any lower amount: one that matches neither the decided nor the whole plan money.
    full["partenaires"][0]["contribution"]["apport_financier"] = Decimal("5000.00")
    assert "argent-incoherent" in [p.code for p in check(full)]


def test_an_apport_of_decided_money_is_no_warning(full):
    assert "apport-non-acquis" not in [p.code for p in check(full)]  # every line « acquis »


def test_an_apport_without_plan_lines_is_no_warning(full):
    for action in full["plan_action"]:
        action["financements"] = [f for f in action["financements"] if f["source"] != "recycl"]
    assert "apport-non-acquis" not in [p.code for p in check(full)]


def test_an_explained_apport_counting_part_of_the_asked_money(full):
    """Between the decided money and all of its plan money, the apport can only count asked
    money: the explanation of the gaps does not make the commitment firm."""
    _recycl_line(full, RECYCL_FORMATION)["statut"] = "sollicite"
    full["partenaires"][0]["contribution"]["apport_financier"] = Decimal("15000.00")
    full["budget"]["explication_ecarts"] = "Recycl'Action 93 avance une partie du local."
    assert [p.code for p in check(full) if p.code == "apport-non-acquis"] == ["apport-non-acquis"]


def test_an_apport_above_all_its_plan_money_is_no_warning(full):
    """It also covers costs outside the plan (which the file explains): whether it counts the
    asked money or leaves it aside cannot be told, and a right file could not answer."""
    _recycl_line(full, RECYCL_FORMATION)["statut"] = "sollicite"
    full["partenaires"][0]["contribution"]["apport_financier"] = Decimal("25000.00")
    full["budget"]["explication_ecarts"] = "Recycl'Action 93 prend aussi à sa charge le loyer."
    assert "apport-non-acquis" not in [p.code for p in check(full)]


def _repar_by_its_share_only(data: dict[str, Any]) -> dict[str, Any]:
    """Répar'Tout commits by its quarter of the budget (20 000 €) alone, no apport; its one
    plan line (20 000 €) split into decided and asked money."""
    data["partenaires"][1]["contribution"]["apport_financier"] = None
    assert data["partenaires"][1]["id"] == "repar"
    for action in data["plan_action"]:
        for k, line in enumerate(action["financements"]):
            if line["source"] == "repar":
                action["financements"][k:k + 1] = [
                    {**line, "montant": Decimal("12000.00")},
                    {**line, "montant": Decimal("8000.00"), "statut": "sollicite"}]
                return data
    raise AssertionError("no plan line of repar")


def test_a_share_of_the_budget_resting_on_money_only_asked_for(full):
    """The budget article « fixe l'engagement financier de chaque Partie »: a share counting
    asked money is the same contradiction as an apport, and its way out is no split at all."""
    problem = _only(check(_repar_by_its_share_only(full)), "apport-non-acquis")
    assert problem.dotted_path == "budget.repartition[3]"
    assert problem.message == fr(
        "La convention fixe l'engagement financier de Répar'Tout (repar) à 20 000,00 €, sa part "
        "de la répartition du budget, mais le plan d'action ne donne comme « acquis » que "
        "12 000,00 € de ses financements, le reste (8 000,00 €) au statut « sollicité », "
        "c'est-à-dire encore soumis à sa décision : les deux documents se contrediraient.")
    assert problem.hint.endswith(fr(
        "sinon, retirez « budget.repartition » : chaque Partie s'engage alors, dans ses "
        "engagements propres, sur l'argent qu'elle a décidé, et le plan d'action garde la part "
        "demandée."))
    assert not _errors(full)


def test_no_split_leaves_each_party_its_decided_money(full):
    """The way out the hint gives: without the split, nothing binds the asked money."""
    data = _repar_by_its_share_only(full)
    data["budget"]["repartition"] = []
    codes = [p.code for p in check(data)]
    assert "apport-non-acquis" not in codes and not _errors(data)


def test_a_subsidy_only_asked_for_is_voted_not_removed(example_data):
    """A subsidy's amount is what the convention allocates: the way out is the vote (the lines
    « acquis »), never removing the amount (which subvention-sans-montant refuses)."""
    data = example_data("financeur-public")
    funder = next(p for p in data["partenaires"] if (p["contribution"] or {}).get("subvention"))
    for action in data["plan_action"]:
        for line in action["financements"]:
            if line["source"] == funder["id"]:
                line["statut"] = "sollicite"
    problem = _only(check(data), "apport-non-acquis")
    assert problem.hint.startswith(fr("Passez au statut « acquis » ses financements "))
    assert problem.hint.endswith(fr("dès que la subvention est votée : la convention ne peut "
                                    "attribuer qu'une subvention décidée."))
    assert "retirez" not in problem.hint


def test_no_warning_without_a_convention(full):
    """Only the convention states the apport as a commitment (the charte, the map describe)."""
    _recycl_line(full, RECYCL_FORMATION)["statut"] = "sollicite"
    full["statut_juridique"] = {"forme": "charte"}
    assert "apport-non-acquis" not in [p.code for p in check(full)]


@pytest.mark.parametrize("forme", ["association", "scic", "gie", "fusion", "geiq"])
def test_form_with_legal_personality(full, forme):
    full["statut_juridique"]["forme"] = forme
    problem = _only(check(full), "personnalite-morale")
    _assert(problem, "statut_juridique.forme", forme, "statuts", "conseil juridique")


def test_form_with_legal_personality_and_a_named_adviser_is_fine(full):
    full["statut_juridique"] = {
        "forme": "scic", "justification": "Pérenniser l'activité.",
        "societe": {"forme": "sas", "redaction_statuts": {"conseil": "l'Union régionale des Scop"}}}
    assert "personnalite-morale" not in [p.code for p in check(full)]
    del full["statut_juridique"]["societe"]["redaction_statuts"]["conseil"]
    assert "personnalite-morale" in [p.code for p in check(full)]


def test_an_instance_without_every_party_needs_its_attributions(full):
    copil = full["gouvernance"]["instances"][0]
    copil["composition"] = [m for m in copil["composition"] if m["partenaire"] != "plaine"]
    copil["attributions"] = []
    problem = _only(check(full), "delegation-imprecise")
    assert problem.dotted_path.startswith("gouvernance.instances")
    assert problem.message == (
        "« Comité de pilotage » décide sans réunir toutes les Parties (3 sur 4 y votent) : la "
        "convention indique que les autres lui délèguent les décisions qui relèvent de son "
        "rôle, sans dire lesquelles.")
    assert "attributions" in problem.hint
    copil["attributions"] = ["Valider le plan d'action annuel"]
    assert "delegation-imprecise" not in [p.code for p in check(full)]


def test_an_instance_without_every_party_cannot_be_given_what_all_parties_keep(full):
    """The convention keeps the entry of a new Party for all of them: an instance where some do
    not vote cannot also be given it as an attribution."""
    copil = full["gouvernance"]["instances"][0]
    copil["composition"] = [m for m in copil["composition"] if m["partenaire"] != "plaine"]
    assert "Admettre un nouveau partenaire" in copil["attributions"]
    problems = [p for p in check(full) if p.code == "delegation-reservee"]
    assert [p.dotted_path for p in problems] == ["gouvernance.instances[1].attributions[2]"]
    assert problems[0].message == (
        "« Comité de pilotage » décide sans réunir toutes les Parties, et le fichier lui confie "
        "« Admettre un nouveau partenaire » : la convention réserve pourtant l'entrée d'une "
        "nouvelle Partie à l'ensemble des Parties. Le même article la déléguerait et la "
        "réserverait.")
    assert "proposer l'admission d'un nouveau partenaire" in problems[0].hint
    # Preparing the decision is not taking it; a modification of the convention is kept too.
    copil["attributions"] = ["Proposer l'admission d'un nouveau partenaire",
                             "Modifier la convention par avenant"]
    problems = [p for p in check(full) if p.code == "delegation-reservee"]
    assert [p.dotted_path for p in problems] == ["gouvernance.instances[1].attributions[2]"]
    assert "réserve pourtant la modification de la convention" in problems[0].message


@pytest.mark.parametrize(("attribution", "kept"), [
    ("Admettre un nouveau partenaire", "l'entrée d'une nouvelle Partie"),
    ("Adopter les avenants", "la modification de la convention")])
def test_the_reserved_decision_warned_about_is_one_the_convention_keeps(full, attribution, kept):
    """The rule and the convention's clause read one table (vocabulary.RESERVED_DECISIONS): what
    the warning says the convention reserves, the convention prints among what it reserves."""
    copil = full["gouvernance"]["instances"][0]
    copil["composition"] = [m for m in copil["composition"] if m["partenaire"] != "plaine"]
    copil["attributions"] = [attribution]
    problem = _only(check(full), "delegation-reservee")
    assert f"la convention réserve pourtant {kept} à l'ensemble des Parties" in problem.message
    [clause] = build_context(full)["pilotage"]["delegations"]
    reserved = clause.split("Ne relèvent pas de cette délégation")[1].split(", qui suivent")[0]
    assert kept.replace("de la convention", "de la présente convention") in reserved
    # Every decision the rule knows, each with the article that rules it.
    assert [re.sub(r" \(article \d+\)", "", part) for part in
            re.split(r", | et ", reserved.removeprefix("\u00a0: "))] == [
        phrase.format(de_la="de la présente convention")
        for phrase in RESERVED_DECISIONS.values()]


@pytest.mark.parametrize("attribution", [
    "Accueillir les nouveaux bénévoles", "Intégrer les retours des partenaires dans le plan",
    "Accepter les devis des structures prestataires", "Suivre l'adhésion des nouveaux usagers",
    "Modifier le calendrier d'un commun accord", "Réviser le budget en accord avec les financeurs",
    "Organiser l'accueil des publics orientés par les partenaires"])
def test_an_ordinary_attribution_is_no_reserved_decision(full, attribution):
    copil = full["gouvernance"]["instances"][0]
    copil["composition"] = [m for m in copil["composition"] if m["partenaire"] != "plaine"]
    copil["attributions"] = [attribution]
    assert "delegation-reservee" not in [p.code for p in check(full)]


@pytest.mark.parametrize("attribution", [
    "Donner son accord à l'entrée d'un nouveau partenaire",
    "Décider l'admission de nouveaux membres", "Adopter les avenants"])
def test_deciding_a_reserved_matter_is_found_however_it_is_worded(full, attribution):
    copil = full["gouvernance"]["instances"][0]
    copil["composition"] = [m for m in copil["composition"] if m["partenaire"] != "plaine"]
    copil["attributions"] = [attribution]
    assert "delegation-reservee" in [p.code for p in check(full)]


def test_a_shared_text_that_calls_one_act_present_is_warned_about(full):
    """projet.contexte is printed in the convention's preamble and in the charte: « la présente
    convention » would name the charte in the charte."""
    full["projet"]["contexte"] = "Une subvention, dont la présente convention fixe le montant."
    problem = _only(check(full), "texte-presente-acte")
    assert problem.dotted_path == "projet.contexte"
    assert problem.message == (
        "« projet.contexte » dit « la présente convention » : ce texte est imprimé dans la "
        "convention et dans la charte, et dans la charte ces mots désigneraient la charte "
        "elle-même.")
    full["projet"]["contexte"] = "Une subvention, dont la convention fixe le montant."
    assert "texte-presente-acte" not in [p.code for p in check(full)]
    # Without a charte (fewer than two signatories), the convention alone prints it.
    full["projet"]["contexte"] = "Une subvention, dont la présente convention fixe le montant."
    for partner in full["partenaires"]:
        partner["signataire_charte"] = False
    assert "texte-presente-acte" not in [p.code for p in check(full)]
    # Neither a convention nor a charte: no document prints it.
    full["statut_juridique"]["forme"] = "informelle"
    assert "texte-presente-acte" not in [p.code for p in check(full)]


def test_an_instance_of_every_party_may_admit_a_new_one(full):
    """exemple-complet: the comité de pilotage seats every Party, nothing is delegated."""
    assert "delegation-reservee" not in [p.code for p in check(full)]


def test_a_consultative_instance_delegates_nothing(full):
    cotech = full["gouvernance"]["instances"][1]
    assert cotech["decisionnelle"] is False and len(cotech["composition"]) == 3
    assert "delegation-imprecise" not in [p.code for p in check(full)]


def test_collectivite_bringing_money_through_a_financing_only(full):
    plaine = full["partenaires"][4]
    plaine["contribution"] = None
    full["budget"]["repartition"][0]["partenaire"] = "recycl"
    problem = _only(check(full), "collectivite-financeur")
    _assert(problem, "plan_action[1].financements[1].source", fr("30 000,00 €"), "« local »")


def test_collectivite_without_money_is_fine(full):
    full["partenaires"][4]["contribution"] = None
    full["budget"]["repartition"][0]["partenaire"] = "recycl"
    for action in full["plan_action"]:
        for financing in action["financements"]:
            if financing["source"] == "plaine":
                financing["source"] = "recycl"
    full["partenaires"][0]["contribution"]["apport_financier"] = Decimal("60000")
    assert _errors(full) == []
    assert "collectivite-financeur" not in [p.code for p in check(full)]


def test_postal_code_outside_the_territoire(full):
    full["partenaires"][0]["adresse"]["code_postal"] = "75011"
    problem = _only(check(full), "code-postal-territoire")
    _assert(problem, "partenaires[1].adresse.code_postal", "75011", "Seine-Saint-Denis (93)")


@pytest.mark.parametrize(
    ("territoire", "prefixes"),
    [
        ("Seine-Saint-Denis (93)", ["93"]),
        ("Corse-du-Sud (2A)", ["20"]),
        ("Haute-Corse (2b)", ["20"]),
        ("La Réunion (974)", ["974"]),
        ("Paris et petite couronne (75, 92, 93)", ["75", "92", "93"]),
        ("Plaine Commune", []),
        ("Métropole (du Grand Paris)", []),
        (None, []),
    ],
)
def test_postal_prefixes(territoire, prefixes):
    assert postal_prefixes(territoire) == prefixes


def test_corsica_postal_codes(minimal):
    minimal["projet"]["territoire"] = "Haute-Corse (2B)"
    for partner in minimal["partenaires"]:
        partner["adresse"]["code_postal"] = "20200"
    assert check(minimal) == []


def test_financing_source_that_only_extends_a_partner_id_is_free_text(full):
    full["plan_action"][0]["financements"][0]["source"] = "reseau-national"
    full["budget"]["explication_ecarts"] = "Le réseau national verse sa part par la Région."
    assert _errors(full) == []


# -- The juriste-8 reading: money owed to nobody, a partial mediator, a delegate's act -------

SCHEDULE = ("« modalites_versement: » avec l'échéancier (montant ou part de chaque versement, "
            "date ou événement qui le déclenche : signature, appel de fonds…)")


def test_money_committed_to_nobody_and_at_no_date(example_data):
    """exemple-caracteres: 12 500,50 € per Party, and the convention says « la Partie qui reçoit
    des contributions » and « arrêtées par les instances »: no creditor, no due date."""
    data = example_data("caracteres")
    problem = _only(check(data), "versement-non-fixe")
    assert problem.severity == "avertissement"
    assert problem.dotted_path == "budget"
    assert problem.message == fr(
        "La convention fixe l'argent que chaque Partie apporte au projet (25 001,00 € en tout), "
        "mais ne dit ni à quelle Partie cet argent est versé, ni quand : elle renvoie les "
        "modalités de versement à une décision des instances de gouvernance. En l'état, aucune "
        "Partie ne pourrait en exiger le paiement.")
    assert problem.hint == (
        "Ajoutez dans « budget » « gestionnaire: » (l'id de la Partie qui reçoit les "
        "contributions et les gère pour le compte des autres, souvent le chef de file "
        f"« oeuvre ») et {SCHEDULE}.")


def _each_pays_its_own(data: dict) -> dict:
    """exemple-caracteres where each Party funds only the action it pilots (no money passes
    from one to the other): the quai by the Œuvre, a new collecte by Île & Ailes."""
    quai = data["plan_action"][0]
    quai["financements"] = [line for line in quai["financements"] if line["source"] == "oeuvre"]
    quai["besoin_financier"] = Decimal("12500.5")
    data["plan_action"].append({**quai, "id": "collecte", "intitule": "Équiper la collecte",
                                "pilote": "ile", "contributeurs": [], "taches": [],
                                "financements": [{"source": "ile", "montant": Decimal("12500.5"),
                                                  "statut": "acquis"}]})
    return data


def test_parties_that_each_pay_their_own_share_are_told_how_to_say_it(example_data):
    """Followed, the old hint (« écrivez-le dans modalites_versement ») printed « versées selon
    les modalités suivantes : chaque Partie dépense elle-même sa part »: the field that says
    it is `budget.sans_versement`, offered only when no money goes to another Party's action."""
    data = _each_pays_its_own(example_data("caracteres"))
    problem = _only(check(data), "versement-non-fixe")
    assert problem.hint.endswith(
        f"et {SCHEDULE}. Si chaque Partie règle elle-même les dépenses de sa part, sans rien "
        "verser aux autres, ajoutez plutôt dans « budget » « sans_versement: true » : la "
        "convention le dira.")
    data["budget"]["sans_versement"] = True
    assert [p.code for p in check(data) if p.code in (
        "versement-non-fixe", "sans-versement-contradictoire")] == []


def test_no_sans_versement_is_offered_where_the_rule_would_refuse_it(example_data):
    """A holder named without a split, or joint purchases, make money move: offering
    « sans_versement » would lead into sans-versement-contradictoire (the review)."""
    data = _each_pays_its_own(example_data("caracteres"))
    data["projet"]["description"] = "Achats groupés de matériel de tri entre les Parties."
    hint = _only(check(data), "versement-non-fixe").hint
    assert "sans_versement" not in hint and hint.startswith("Ajoutez dans « budget » ")


def test_no_sum_passes_between_parties_that_pay_one_another(example_data):
    """`sans_versement` with what makes money pass from one Party to another: the convention
    would say both, so the file is refused, with each reason and how to undo it."""
    data = example_data("caracteres")  # Île & Ailes funds the quai the Œuvre pilots
    data["budget"]["sans_versement"] = True
    problem = _only(check(data), "sans-versement-contradictoire")
    assert problem.severity == "erreur" and problem.dotted_path == "budget.sans_versement"
    assert problem.message == fr(
        "« sans_versement: true » fait dire à la convention qu'aucune somme ne passe entre les "
        "Parties, mais Île & Ailes – Entreprise d'insertion (ile) finance l'action « quai », "
        "que pilote L'Œuvre d'Insertion & de Tri \"Les Quais\" <SO> (oeuvre) : la convention "
        "dirait les deux.")
    assert problem.hint == (
        "Si de l'argent passe bien d'une Partie à une autre, retirez « sans_versement » et dites "
        "dans « modalites_versement » comment il est versé ; sinon, faites financer chaque "
        "action par la seule Partie qui la pilote.")
    data = _each_pays_its_own(example_data("caracteres"))
    data["budget"].update(sans_versement=True, gestionnaire="oeuvre",
                          modalites_versement="Versement à la signature.")
    problem = _only(check(data), "sans-versement-contradictoire")
    assert problem.message == fr(
        "« sans_versement: true » fait dire à la convention qu'aucune somme ne passe entre les "
        "Parties, mais « gestionnaire » fait verser les contributions à L'Œuvre d'Insertion & "
        "de Tri \"Les Quais\" <SO> (oeuvre) et « modalites_versement » dit comment elles sont "
        "versées : la convention dirait les deux.")
    assert problem.hint.endswith(
        " ; sinon, retirez « gestionnaire » et « modalites_versement ».")


def test_a_subsidy_or_a_joint_purchase_moves_money_too(example_data):
    data = example_data("financeur-public")
    data["budget"]["sans_versement"] = True
    message = _only(check(data), "sans-versement-contradictoire").message
    assert ("Établissement public territorial du Canal de l'Ourcq (ept) verse une subvention"
            in message)
    assert ("finance l'action « plateforme », que pilote Association Intermédiaire de l'Ourcq "
            "(ai-ourcq), comme 1 autre financement du plan d'action") in message
    data = example_data("minimal")  # a groupement d'achat: the buyer is paid back
    data["budget"] = {"sans_versement": True}
    problem = _only(check(data), "sans-versement-contradictoire")
    assert problem.message == fr(
        "« sans_versement: true » fait dire à la convention qu'aucune somme ne passe entre les "
        "Parties, mais dans un achat groupé, les autres Parties remboursent celle qui passe les "
        "commandes : la convention dirait les deux.")
    assert problem.hint == (
        "Si de l'argent passe bien d'une Partie à une autre, retirez « sans_versement » et dites "
        "dans « modalites_versement » comment il est versé.")


def test_money_paid_to_a_named_party_still_needs_its_dates(example_data):
    data = example_data("caracteres")
    data["budget"]["gestionnaire"] = "oeuvre"
    problem = _only(check(data), "versement-non-fixe")
    holder = "L'Œuvre d'Insertion & de Tri \"Les Quais\" <SO> (oeuvre)"
    assert problem.message == fr(
        "La convention fixe l'argent que chaque Partie apporte au projet (25 001,00 € en tout) "
        f"et le fait verser à {holder}, mais sans date : elle renvoie les modalités de versement "
        f"à une décision des instances de gouvernance. En l'état, {holder} ne pourrait exiger "
        "aucun versement à une date donnée.")
    assert problem.hint == f"Ajoutez dans « budget » {SCHEDULE}."
    # The terms of payment say how the money moves (or that each Party spends its own share).
    data["budget"]["modalites_versement"] = "Chaque Partie règle elle-même les dépenses de sa part."
    assert "versement-non-fixe" not in [p.code for p in check(data)]


def test_apports_without_a_budget_are_money_committed_too(example_data):
    data = example_data("caracteres")
    data["budget"] = None
    data["partenaires"][1]["contribution"]["apport_financier"] = None
    for action in data["plan_action"]:  # no plan money given to another Party's action
        action["financements"] = []
    problem = _only(check(data), "versement-non-fixe")
    assert problem.dotted_path == "partenaires[1].contribution.apport_financier"
    assert problem.message.startswith(fr(
        "La convention fixe l'argent qu'une Partie apporte au projet (12 500,50 €), mais"))
    # No split, so no holder the convention would name: the terms of payment say who receives.
    assert problem.hint.startswith("Ajoutez dans « budget » « modalites_versement: » avec")
    assert "en disant à quelle Partie chaque somme est versée." in problem.hint
    data["budget"] = {"gestionnaire": "oeuvre"}  # printed by no article without a split
    assert "le fait verser" not in _only(check(data), "versement-non-fixe").message
    # No money at all: nothing to pay.
    data["partenaires"][0]["contribution"]["apport_financier"] = None
    assert "versement-non-fixe" not in [p.code for p in check(data)]


def test_plan_money_given_to_another_partys_action_moves_too(example_data):
    """In the GME, each member funds actions another member pilots (its card in the
    convention: « la participation au financement des actions … »): that money is paid to
    someone, at some date, though there is no apport and no split of the budget."""
    data = example_data("gme")
    assert data["budget"].pop("modalites_versement")  # the example says how it moves
    problem = _only(check(data), "versement-non-fixe")
    assert problem.dotted_path == "budget"  # where the terms of payment go
    assert problem.message.startswith(fr(
        "La convention fixe l'argent que chaque Partie apporte au projet (15 600,00 € en tout)"))
    for action in data["plan_action"]:  # each member funds only the actions it pilots
        action["financements"] = [line for line in action["financements"]
                                  if line["source"] == action["pilote"]]
    assert "versement-non-fixe" not in [p.code for p in check(data)]


def test_no_payment_warning_where_another_check_or_no_convention_speaks(example_data):
    # A subsidy without its terms of payment: the gaps « subvention-avance » and
    # « subvention-compte » ask for them (the other Parties' money has its own terms here).
    data = example_data("financeur-public")
    del data["partenaires"][2]["contribution"]["versement_subvention"]
    assert "versement-non-fixe" not in [p.code for p in check(data)]
    assert {"subvention-avance:ept", "subvention-compte:ept"} <= {
        g.code for g in document_gaps(data)}
    # A charte binds nobody to pay.
    data = example_data("caracteres")
    data["statut_juridique"]["forme"] = "charte"
    assert "versement-non-fixe" not in [p.code for p in check(data)]


IMPARTIAL = ("il n'est pas le tiers impartial qu'une médiation suppose, et une Partie pourrait "
             "contester son impartialité (articles 21 et 21-2 de la loi n° 95-125 du 8 février "
             "1995).")


def test_a_mediator_who_sits_in_the_instances_can_be_challenged(example_data):
    """exemple-reseau: the mediator is the network that coordinates, in both instances."""
    problem = _only(check(example_data("reseau")), "mediateur-partie")
    assert problem.severity == "avertissement"
    assert problem.dotted_path == "gouvernance.gestion_des_conflits.mediateur"
    assert problem.message == (
        "Le médiateur des désaccords, Réseau des SIAE de Seine-Saint-Denis (reseau-93), siège "
        "dans « Assemblée des membres » et « Comité de pilotage » : associé à la coopération "
        f"dont il aurait à apaiser les désaccords, {IMPARTIAL}")
    assert problem.hint == (
        "Confiez la médiation à un tiers qui ne prend part ni à la convention ni aux instances "
        "(médiateur ou médiatrice professionnel·le, centre de médiation, réseau qui n'y siège "
        "pas), ou écrivez dans « mediateur: » qu'il est choisi d'un commun accord au moment du "
        "désaccord.")


@pytest.mark.parametrize("mediator", ["Recycl'Action 93", "la directrice de RA93"])
def test_a_party_as_mediator_can_be_challenged(full, mediator):
    full["gouvernance"]["gestion_des_conflits"]["mediateur"] = mediator
    problem = _only(check(full), "mediateur-partie")
    assert problem.message.startswith(
        "Le médiateur des désaccords, Recycl'Action 93 (recycl), est Partie à la convention et "
        "siège dans « Comité de pilotage » et « Comité technique » : ")


@pytest.mark.parametrize(("key", "value"), [
    ("mediateur", "Un médiateur choisi d'un commun accord par les Parties"),
    ("mediateur", "L'Union régionale des SIAE"),
    # exemple-complet's own mediator: a network that neither signs nor sits.
    ("mediation", True),
    ("mediation", False),
])
def test_a_third_party_as_mediator_is_fine(full, key, value):
    full["gouvernance"]["gestion_des_conflits"][key] = value
    if key == "mediation" and value is False:
        full["gouvernance"]["gestion_des_conflits"]["mediateur"] = "Recycl'Action 93"
    assert "mediateur-partie" not in [p.code for p in check(full)]


# -- Associations: the RNA, or the registre of a tribunal in Alsace-Moselle --------------------


def test_an_rna_number_for_an_association_of_alsace_moselle_is_printed_nowhere(full):
    full["partenaires"][0]["forme_juridique"] = "association_droit_local"
    problem = _only(check(full), "identifiant-sans-effet")
    assert problem.severity == "avertissement"
    assert problem.dotted_path == "partenaires[1].rna"
    assert problem.message == (
        "Recycl'Action 93 (recycl) est une association de droit local (Alsace-Moselle) : "
        "inscrite au registre des associations d'un tribunal, elle n'est pas au répertoire "
        "national des associations, et la convention n'imprime pas le numéro RNA "
        "« W931234567 ».")
    assert problem.hint == (
        "Retirez « rna: » et donnez « registre_tribunal: » et « registre_numero: », comme sur "
        "son attestation d'inscription ; si elle est déclarée en préfecture, sa forme "
        "juridique est « association ».")


def test_a_registre_for_another_form_is_printed_nowhere(full):
    full["partenaires"][0]["registre_numero"] = "12345"
    problem = _only(check(full), "identifiant-sans-effet")
    assert problem.dotted_path == "partenaires[1].registre_numero"
    assert problem.message == (
        "« registre_numero » ne sert que pour une association de droit local (Alsace-Moselle), "
        "et Recycl'Action 93 (recycl) a la forme « association » : la convention ne "
        "l'imprime pas.")
    assert problem.hint == (
        "Retirez-le, ou corrigez forme_juridique (« association_droit_local » pour une "
        "association inscrite au registre d'un tribunal d'Alsace-Moselle).")


def test_the_gaps_of_an_association_that_signs_the_convention(full):
    """An association that signs: its RNA number, or for one of Alsace-Moselle its tribunal
    and number; none for one that does not sign (the réseau)."""
    codes = [g.code for g in legal_gaps(full)]
    assert "rna:ai-courneuve" in codes and "rna:reseau" not in codes
    full["partenaires"][2]["forme_juridique"] = "association_droit_local"
    codes = [g.code for g in legal_gaps(full)]
    assert "rna:ai-courneuve" not in codes
    registre = [c for c in codes if c.startswith("registre")]
    assert registre == ["registre-tribunal:ai-courneuve", "registre-numero:ai-courneuve"]
    warnings = {p.dotted_path: p for p in run_rules(full) if p.code == "document-a-completer"}
    assert warnings["partenaires[3].registre_tribunal"].hint == (
        "Ajoutez « registre_tribunal: » avec la ville du tribunal judiciaire où l'association "
        "est inscrite (par exemple « registre_tribunal: Strasbourg »), comme sur son "
        "attestation d'inscription avant de faire signer les documents.")
    full["partenaires"][2]["forme_juridique"] = "association"
    warnings = {p.dotted_path: p for p in run_rules(full) if p.code == "document-a-completer"}
    assert warnings["partenaires[3].rna"].message == (
        "Le document « Convention de partenariat » portera la mention « [À compléter avant "
        "signature\u00a0: numéro RNA] ».")
    assert warnings["partenaires[3].rna"].hint == (
        "Ajoutez « rna: » avec le numéro de l'association au répertoire national des "
        "associations (W suivi de 9 chiffres), comme sur le récépissé de sa déclaration en "
        "préfecture avant de faire signer les documents.")


# -- A title in inclusive writing (#18) ---------------------------------------------------------

INCLUSIVE = ("est en écriture inclusive : les documents signés l'impriment telle quelle, ")


def test_the_signatory_of_exemple_complet_has_an_inclusive_quality(full):
    """Its AI signs as « Président·e » (civilité neutre): both titles are proposed, and an
    epicene one, since the file asks for no gendered word (the review)."""
    problem = _only(check(full), "qualite-inclusive")
    assert problem.severity == "avertissement"
    assert problem.dotted_path == "partenaires[3].representant.qualite"
    assert problem.message == (
        "Pour Association Intermédiaire de La Courneuve (ai-courneuve), la qualité de la "
        f"personne qui signe, « Président·e », {INCLUSIVE}alors qu'un acte signé donne la "
        "qualité de cette personne.")
    assert problem.hint == (
        "Écrivez la qualité de la personne qui signe telle que cette personne la porte "
        "(« Présidente » ou « Président »), ou une qualité épicène qui ne s'accorde pas (par "
        "exemple « Responsable de la structure »).")


@pytest.mark.parametrize(("civilite", "qualite", "hint"), [
    ("madame", "Directeur·rice", "« Directrice »"),
    ("monsieur", "Directeur·rice", "« Directeur »"),
    ("madame", "Président.e", "« Présidente »"),
    ("monsieur", "directeur(trice)", "« directeur »"),
    ("madame", "Co-président·e·s", "« Co-présidente »"),
    (None, "Directeur·rice général·e", "« Directrice générale » ou « Directeur général »"),
])
def test_the_civilite_chooses_the_title_proposed(full, civilite, qualite, hint):
    full["partenaires"][0]["representant"].update(civilite=civilite, qualite=qualite)
    problem = next(p for p in check(full) if p.code == "qualite-inclusive")
    assert problem.dotted_path == "partenaires[1].representant.qualite"
    assert problem.message.startswith(
        f"Pour Recycl'Action 93 (recycl), la qualité de la personne qui signe, « {qualite} », ")
    assert problem.hint == f"Écrivez la qualité de la personne qui signe : {hint}."


def test_the_referent_and_a_member_function_in_inclusive_writing(full):
    full["partenaires"][2]["representant"]["qualite"] = "Présidente"
    full["partenaires"][0]["referent"]["fonction"] = "Chargé·e de mission"
    full["gouvernance"]["instances"][0]["composition"][0]["fonction"] = "Président.e"
    problems = [p for p in check(full) if p.code == "qualite-inclusive"]
    assert [p.dotted_path for p in problems] == [
        "partenaires[1].referent.fonction", "gouvernance.instances[1].composition[1].fonction"]
    assert problems[0].message == (
        "Pour Recycl'Action 93 (recycl), la fonction de la personne référente, « Chargé·e de "
        f"mission », {INCLUSIVE}à côté du nom d'une seule personne.")
    assert problems[0].hint == ("Écrivez la fonction de la personne référente : « Chargée de "
                                "mission » ou « Chargé de mission ».")
    assert problems[1].message == (
        "Recycl'Action 93 (recycl) siège dans « Comité de pilotage » avec la fonction "
        "« Président.e », en écriture inclusive : les documents signés l'impriment telle "
        "quelle, alors qu'elle est celle de la personne qui y siège.")
    assert problems[1].hint == ("Écrivez la fonction de la personne qui y siège : « Présidente » "
                                "ou « Président ».")


def test_no_inclusive_title_warning_where_nothing_is_signed(full):
    """A partner that signs neither the convention nor the charte: its representative's
    quality is printed in no signed act; without a convention, neither are the référents'."""
    full["partenaires"][2].update(signataire_convention=False, signataire_charte=False)
    assert "qualite-inclusive" not in [p.code for p in check(full)]
    full["partenaires"][2]["signataire_charte"] = True
    full["statut_juridique"]["forme"] = "charte"
    full["partenaires"][0]["referent"]["fonction"] = "Chargé·e de mission"
    assert [p.dotted_path for p in check(full) if p.code == "qualite-inclusive"] == [
        "partenaires[3].representant.qualite"]


@pytest.mark.parametrize("qualite", ["Présidente", "M. le Maire", "Gérant de la S.A.S.",
                                     "Directeur (pôle insertion)", "Resp. insertion"])
def test_no_inclusive_title_warning_for_a_title_of_one_person(full, qualite):
    full["partenaires"][2]["representant"]["qualite"] = qualite
    assert "qualite-inclusive" not in [p.code for p in check(full)]


DELEGATION = ("un adjoint, un vice-président ou un conseiller ne signe pour une collectivité ou "
              "un EPCI qu'en vertu d'un arrêté par lequel le maire ou le président lui délègue "
              "une partie de ses fonctions (articles L. 2122-18, L. 3221-3, L. 4231-3 et "
              "L. 5211-9 du code général des collectivités territoriales)")


def test_a_vice_president_signs_under_an_arrete_de_delegation(example_data):
    """exemple-reseau as the juriste-8 read it: the Département's vice-présidente signed the
    charte under a délibération, without the arrêté that delegates the président's signature
    to her."""
    data = example_data("reseau")
    rep = data["partenaires"][9]["representant"]
    assert "arrêté de délégation" in rep["habilitation"]
    assert "habilitation-delegation" not in [p.code for p in check(data)]
    rep["habilitation"] = "délibération de la commission permanente du 14 janvier 2027"
    problem = _only(check(data), "habilitation-delegation")
    assert problem.severity == "avertissement"
    assert problem.dotted_path == "partenaires[10].representant.habilitation"
    assert problem.message == (
        "Claire DUMONT signe la charte pour Département de la Seine-Saint-Denis (departement) en "
        f"qualité de « Vice-présidente chargée de l'insertion » : {DELEGATION} ; son "
        "habilitation (« délibération de la commission permanente du 14 janvier 2027 ») n'en "
        "cite aucun.")
    assert problem.hint == (
        "Ajoutez l'arrêté de délégation à « habilitation » sous « representant », par exemple "
        "« délibération de la commission permanente du 14 janvier 2027 et arrêté de délégation "
        "n° … du … » : les documents signés le citent avec la délibération.")
    # A délibération « portant délégation » delegates to the président, not to her.
    rep["habilitation"] += " portant délégation de la commission permanente au président"
    assert "habilitation-delegation" in [p.code for p in check(data)]
    rep["habilitation"] += " et arrêté n° 2021-118 du 2 juillet 2021"
    assert "habilitation-delegation" not in [p.code for p in check(data)]
    # The président(e) represents the département by law.
    rep["habilitation"] = "délibération de la commission permanente du 14 janvier 2027"
    rep["qualite"] = "Présidente du conseil départemental"
    assert "habilitation-delegation" not in [p.code for p in check(data)]


def test_a_delegate_without_any_act(example_data):
    data = example_data("reseau")
    rep = data["partenaires"][9]["representant"]
    rep.update(habilitation=None, qualite="Maire adjoint")
    problem = _only(check(data), "habilitation-delegation")
    # Signing the charte only, it has no gap of the convention: the rule says what is missing.
    assert problem.dotted_path == "partenaires[10].representant.qualite"
    assert problem.message.endswith(f"« Maire adjoint » : {DELEGATION} ; le fichier n'en cite "
                                    "aucun.")


def test_a_directeur_general_of_a_sas_signs_under_the_statuts(full):
    """exemple-complet: Répar'Tout, a SAS, is signed by its directeur général, whom only the
    statuts can give the power to represent it (C. com. L. 227-6, juriste-B #4)."""
    problem = _only(check(full), "pouvoir-signataire")
    assert problem.severity == "avertissement"
    assert problem.dotted_path == "partenaires[2].representant.qualite"
    assert problem.message == (
        "Karim BENALI signe la convention pour Répar'Tout (repar) en qualité de « Directeur "
        "général » : une société par actions simplifiée est représentée par son président "
        "(article L. 227-6 du code de commerce). Toute autre personne signe en vertu d'un "
        "pouvoir que lui donnent les statuts ou une délégation, que la convention doit citer au "
        "lieu de lui prêter tous pouvoirs.")
    assert problem.hint == (
        "Ajoutez sous « representant » « habilitation: » avec la clause des statuts ou la "
        "délégation de pouvoir qui autorise cette personne à signer (par exemple « l'article 14 "
        "des statuts » ou « délégation de pouvoir du président du 5 janvier 2027 ») ; sinon, "
        "faites signer le représentant légal.")
    gap = next(p for p in run_rules(full) if p.code == "document-a-completer"
               and p.dotted_path == "partenaires[2].representant.habilitation")
    assert gap.message == (
        "Le document « Convention de partenariat » portera la mention « [À compléter avant "
        "signature\u00a0: pouvoir du signataire (clause des statuts ou délégation du "
        "représentant légal)] ».")
    rep = full["partenaires"][1]["representant"]
    rep["habilitation"] = "délégation de pouvoir du président du 5 janvier 2027"
    assert "pouvoir-signataire" not in [p.code for p in check(full)]
    assert "habilitation:repar" not in {g.code for g in legal_gaps(full)}
    rep.update(habilitation=None, qualite="Président")
    assert "pouvoir-signataire" not in [p.code for p in check(full)]


def test_an_association_is_represented_by_its_president_unless_its_statuts_say_otherwise(full):
    full["partenaires"][0]["representant"].update(qualite="Directrice", habilitation=None)
    problem = _only([p for p in check(full) if p.dotted_path.startswith("partenaires[1]")],
                    "pouvoir-signataire")
    assert problem.message.endswith(
        "en qualité de « Directrice » : une association régie par la loi du 1er juillet 1901 est "
        "représentée par son président, sauf si ses statuts en désignent un autre. Toute autre "
        "personne signe en vertu d'un pouvoir que lui donnent les statuts ou une délégation, que "
        "la convention doit citer au lieu de lui prêter tous pouvoirs.")
    # A partner that signs no convention is not asserted any power.
    full["partenaires"][0]["signataire_convention"] = False
    assert [p.dotted_path for p in check(full) if p.code == "pouvoir-signataire"] == [
        "partenaires[2].representant.qualite"]


def test_a_pictograph_in_a_legal_name_is_an_error(full):
    """An emoji in a raison sociale prints as an empty box in the signed convention, and no
    register holds one (juriste-B #3): an error naming the character and the field."""
    full["partenaires"][1]["raison_sociale"] = "Répar'Tout 🌱"
    full["partenaires"][1]["representant"]["prenom"] = "Karim ☀️"
    problems = [p for p in check(full) if p.code in ("pictogramme-nom", "caractere-sans-glyphe")]
    assert [(p.code, p.severity, p.dotted_path) for p in problems] == [
        ("pictogramme-nom", "erreur", "partenaires[2].raison_sociale"),
        ("pictogramme-nom", "erreur", "partenaires[2].representant.prenom")]
    assert problems[0].message == (
        "« 🌱 » (U+1F331) dans la raison sociale de Répar'Tout 🌱 (repar) : un nom légal ne "
        "comporte jamais de pictogramme (émoji, symbole), et la police des documents (Arial) "
        "l'imprimerait comme un carré vide dans les documents signés.")
    assert problems[0].hint == (
        "Écrivez la raison sociale telle qu'elle figure au registre où la structure est "
        "inscrite (RCS, répertoire SIRENE, répertoire national des associations), sans "
        "pictogramme : un logo ou un émoji n'a pas sa place dans un acte signé.")
    assert problems[1].message.startswith(
        "« ☀ » (U+2600) dans le prénom de la personne qui signe pour Répar'Tout 🌱 (repar) : ")
    assert problems[1].hint == (
        "Écrivez-le tel qu'il figure à l'état civil (sur la pièce d'identité de la personne qui "
        "signe), sans pictogramme.")


def test_a_pictograph_elsewhere_and_a_foreign_letter_in_a_name_are_warnings(full):
    full["partenaires"][1]["sigle"] = "RT 🌱"
    full["partenaires"][1]["raison_sociale"] = "Répar'Tout 東京"
    problems = [p for p in check(full) if p.code in ("pictogramme-nom", "caractere-sans-glyphe")]
    assert [(p.code, p.severity, p.dotted_path) for p in problems] == [
        ("caractere-sans-glyphe", "avertissement", "partenaires[2].raison_sociale"),
        ("caractere-sans-glyphe", "avertissement", "partenaires[2].sigle")]
    assert problems[1].message == (
        "« 🌱 » (U+1F331) n'existe pas dans la police des documents (Arial) : Word l'imprimera "
        "comme un carré vide ou dans une autre police, selon l'ordinateur.")


def test_a_name_with_a_pictograph_is_still_warned_of_the_letters_the_font_lacks(full):
    """The error names the emoji; the warning names what else the font cannot print, and
    only that. A letter of the astral planes (« 𠮷 » of a surname) is a letter: a warning."""
    full["partenaires"][1]["raison_sociale"] = "Répar'Tout 🌱 東京"
    full["partenaires"][1]["representant"]["nom"] = "𠮷田"
    problems = [p for p in check(full) if p.code in ("pictogramme-nom", "caractere-sans-glyphe")]
    assert [(p.code, p.dotted_path) for p in problems] == [
        ("pictogramme-nom", "partenaires[2].raison_sociale"),
        ("caractere-sans-glyphe", "partenaires[2].raison_sociale"),
        ("caractere-sans-glyphe", "partenaires[2].representant.nom")]
    # Several characters: the words agree with them.
    assert problems[1].message == (
        "« 東 » (U+6771) et « 京 » (U+4EAC) n'existent pas dans la police des documents (Arial) : "
        "Word les imprimera comme des carrés vides ou dans une autre police, selon l'ordinateur.")
    assert problems[1].hint == (
        "Remplacez ces caractères par des mots ou des caractères latins, ou retirez-les.")
    assert problems[2].message.startswith(
        "« 𠮷 » (U+20BB7) et « 田 » (U+7530) n'existent pas dans la police des documents")
    full["partenaires"][1]["raison_sociale"] = "Répar'Tout 🌱☀"
    [problem] = [p for p in check(full) if p.code == "pictogramme-nom"]
    assert problem.message.endswith(
        ": un nom légal ne comporte jamais de pictogramme (émoji, symbole), et la police des "
        "documents (Arial) les imprimerait comme des carrés vides dans les documents signés.")


def test_a_public_buyer_among_the_parties_that_buy_together(minimal):
    """exemple-minimal buys its equipment together: with a commune among its Parties, those
    purchases are public procurement, through a groupement de commandes (CCP L. 2113-6 and
    L. 2113-7; juriste-B #6)."""
    assert "achats-groupes-acheteur-public" not in [p.code for p in check(minimal)]
    minimal["partenaires"][1].update(raison_sociale="Commune de Bondy",
                                     forme_juridique="collectivite_territoriale")
    problem = _only(check(minimal), "achats-groupes-acheteur-public")
    assert problem.severity == "avertissement"
    assert problem.dotted_path == "projet.nom"
    # In a sentence, the name takes the article the documents give it.
    assert problem.message == (
        "La Commune de Bondy (batir) est un acheteur public (pouvoir adjudicateur, article "
        "L. 1211-1 du code de la commande publique) et prend part aux achats groupés des "
        "Parties : ses achats restent soumis au code de la commande publique (publicité et mise "
        "en concurrence), même commandés par une autre Partie. Acheter ensemble passe par un "
        "groupement de commandes, dont tous les membres appliquent ce code à leurs achats "
        "communs et qui a sa propre convention constitutive (articles L. 2113-6 et L. 2113-7 du "
        "code de la commande publique) : la convention de partenariat n'en tient pas lieu.")
    assert problem.hint == (
        "Faites rédiger par un juriste la convention constitutive du groupement de commandes "
        "(son coordonnateur, ce qu'il achète, comment), et gardez dans « achats_groupes » la "
        "seule répartition du coût entre les Parties ; sinon, laissez la personne publique hors "
        "des achats groupés.")
    minimal["partenaires"][0].update(raison_sociale="Établissement public territorial Est "
                                     "Ensemble", forme_juridique="epci")
    assert _only(check(minimal), "achats-groupes-acheteur-public").message.startswith(
        "L'Établissement public territorial Est Ensemble (jardins) et la Commune de Bondy "
        "(batir) sont des acheteurs publics (pouvoir adjudicateur, article L. 1211-1 du code de la "
        "commande publique) et prennent part aux achats groupés des Parties : leurs achats ")
    # A public person that signs no convention buys nothing with the Parties.
    minimal["partenaires"][0]["signataire_convention"] = False
    minimal["partenaires"][1]["signataire_convention"] = False
    assert "achats-groupes-acheteur-public" not in [p.code for p in check(minimal)]


def test_a_public_party_that_buys_nothing_together(full):
    """exemple-complet: Plaine Commune is a Party, the Parties buy nothing together."""
    assert "achats-groupes-acheteur-public" not in [p.code for p in check(full)]


def test_a_party_without_its_act_has_the_gap_only(full):
    """exemple-complet: Plaine Commune's vice-présidente signs the convention without any
    habilitation: the gap « habilitation » (whose hint names the arrêté) says it once."""
    assert full["partenaires"][4]["representant"]["qualite"].startswith("Vice-président")
    assert "habilitation-delegation" not in [p.code for p in check(full)]
    assert "habilitation:plaine" in {g.code for g in legal_gaps(full)}
    full["partenaires"][4]["representant"]["habilitation"] = "délibération du 3 mars 2026"
    _assert(_only(check(full), "habilitation-delegation"),
            "partenaires[5].representant.habilitation", "signe la convention et la charte")


# -- End to end: the loader places each problem on the right line of the YAML ----------------


def _load_errors(project_file, old: str, new: str) -> tuple[str, list[Problem]]:
    """(the file, the errors of loading it) for exemple-complet.yaml with `old` → `new`."""
    path = project_file("exemple-complet", replace={old: new})
    with pytest.raises(ValidationError) as caught:
        load_project(path)
    return str(path), caught.value.errors


@pytest.mark.parametrize(
    ("old", "new", "code", "dotted", "line"),
    [
        (
            "    pilote: recycl\n",
            "    pilote: recyl\n",
            "ref-inconnue",
            "plan_action[1].pilote",
            198,
        ),
        (
            'siret: "77543019200028"',
            'siret: "41278390400003"',
            "siret-duplique",
            "partenaires[3].siret",
            99,
        ),
        # A missing field is placed on its partner, the nearest thing present in the file.
        ('    siret: "82314567700014"\n', "", "siret-manquant", "partenaires[2].siret", 68),
        (
            "date_fin: 2027-01-29, jalon: true}",
            "date_fin: 2027-01-29, jalon: true, depend_de: [commission]}",
            "dependance-cycle",
            "plan_action[1].taches[2].depend_de[1]",
            213,
        ),
        ("        seuil: 0.75\n", "        seuil: 0.5\n", "vote-seuil", None, 270),
        (
            "  chef_de_file: recycl\n",
            "  chef_de_file: repar\n",
            "chef-de-file-incoherent",
            "gouvernance.chef_de_file",
            246,
        ),
    ],
)
def test_problems_point_at_the_yaml_line(project_file, complet_text, old, new, code, dotted,
                                         line):
    assert complet_text.count(old) == 1, old
    file, errors = _load_errors(project_file, old, new)
    problems = [p for p in errors if p.code == code]
    assert len(problems) == 1, [p.format() for p in problems]
    if dotted:
        assert problems[0].dotted_path == dotted
    assert problems[0].line == line
    assert problems[0].file == file


def test_complete_example_warning_is_on_the_apport_line(example_path):
    project = load_project(example_path("exemple-complet"))
    assert [(p.code, p.line) for p in project.warnings if p.code != "document-a-completer"] == [
        ("pouvoir-signataire", 82), ("qualite-inclusive", 108), ("collectivite-financeur", 148),
        ("appui-non-partie", 290), ("cercle-incoherent", 331),
        ("juridiction-personne-publique", 340)]


# What `validate` says of each shipped example, besides the gaps of the working documents: the
# examples written for the legal families leave nothing to complete (the SCIC names the adviser
# who drafts its statuts); exemple-complet keeps what the contract
# example of MODELE.md shows, a company, an association and a public person not fully
# identified.
EXAMPLE_WARNINGS = {
    "exemple-complet": ["appui-non-partie", "cercle-incoherent", "collectivite-financeur",
                        "juridiction-personne-publique", "pouvoir-signataire",
                        "qualite-inclusive"],
    "exemple-minimal": [],
    # Its ETTI is jointly liable: the convention limits that to money, the buyer must agree.
    "exemple-gme": ["siae-solidarite"],
    "exemple-scic": [],
    "exemple-financeur-public": [],
    # The juriste-8 reading: the mediator is the network that sits in both instances.
    # Its ETTI, a SAS, is signed by its directeur général, who cites no power (C. com. L. 227-6).
    "exemple-reseau": ["appui-non-partie", "mediateur-partie", "pouvoir-signataire"],
    # 12 500,50 € committed by each Party, to nobody and at no date.
    # Its SAS signs as « Directeur·rice général·e » (#18).
    # Its SAS's directeur·rice général·e cites no power either; its emoji is in a free text.
    "exemple-caracteres": ["caractere-sans-glyphe", "pouvoir-signataire", "qualite-inclusive",
                           "versement-non-fixe"],
}
# The convention's gaps of the law by legal form (check.gaps.legal_gaps), by example.
CONVENTION_GAPS = {
    # Répar'Tout's directeur général cites no power from the statuts (C. com. L. 227-6).
    "exemple-complet": ["capital:repar", "rcs:repar", "habilitation:repar", "rna:ai-courneuve",
                        "habilitation:plaine"],
    "exemple-reseau": ["habilitation:interim-ourcq"],
    "exemple-caracteres": ["habilitation:ile"],
    # The spec's minimal example gives no RNA number for its two associations.
    "exemple-minimal": ["rna:jardins", "rna:batir"],
}


def test_what_validate_says_of_each_example(example_name, example_path):
    project = load_project(example_path(example_name))
    assert sorted(p.code for p in project.warnings
                  if p.code != "document-a-completer") == EXAMPLE_WARNINGS[example_name]
    assert [g.code for g in legal_gaps(project.data)] == CONVENTION_GAPS.get(example_name, [])


def test_a_party_funding_an_action_has_commitments_of_its_own(example_data) -> None:
    """Its card prints the money it has decided (context.parties): no « [À compléter…
    engagements] »."""
    data = example_data("minimal")
    codes = {gap.code for gap in document_gaps(data)}
    assert "engagements:batir" in codes
    action = copy.deepcopy(example_data("complet")["plan_action"][0])
    action.update(pilote=data["partenaires"][0]["id"],
                  objectif=data["objectifs_operationnels"][0]["id"], taches=[],
                  financements=[{"source": "batir", "montant": Decimal("1500"),
                                 "statut": "acquis"}])
    data["plan_action"] = [action]
    assert "engagements:batir" not in {gap.code for gap in document_gaps(data)}
    # Money only asked of it commits it to nothing: its card would still be empty.
    action["financements"][0]["statut"] = "sollicite"
    assert "engagements:batir" in {gap.code for gap in document_gaps(data)}


def test_the_terms_of_a_subsidy_go_with_a_subsidy_paid_to_a_beneficiary(example_data):
    """`versement_subvention` is printed only in the subsidy article (juriste-A #14), and the
    subsidy is paid to a Party that benefits from it, never to a public person."""
    data = example_data("financeur-public")
    assert "versement-subvention" not in [p.code for p in check(data)]
    data["partenaires"][2]["contribution"]["versement_subvention"]["compte"] = "ept"
    problem = _only(check(data), "versement-subvention")
    # Paths are shown as the user counts, from 1.
    assert problem.dotted_path == "partenaires[3].contribution.versement_subvention.compte"
    assert problem.message == (
        "La subvention d'Établissement public territorial du Canal de l'Ourcq (ept) serait "
        "versée sur le compte d'Établissement public territorial du Canal de l'Ourcq (ept), "
        "une personne publique : elle est versée à une Partie qui en bénéficie (article 10 de "
        "la loi n° 2000-321 du 12 avril 2000).")
    data = example_data("financeur-public")
    data["partenaires"][2]["contribution"]["subvention"] = False
    problem = _only(check(data), "versement-subvention")
    assert problem.dotted_path == "partenaires[3].contribution.versement_subvention"
    assert problem.message == (
        "« versement_subvention » ne sert que pour la subvention d'une personne publique qui "
        "signe la convention, avec son montant : l'apport d'Établissement public territorial "
        "du Canal de l'Ourcq (ept) n'en est pas une, et le bloc n'apparaît dans aucun document.")
    assert problem.hint == ("Ajoutez « subvention: true » et « apport_financier: » sous "
                            "contribution si son apport est une subvention, ou retirez ce bloc.")


def test_a_subsidy_leaves_the_other_parties_money_to_its_terms(example_data):
    """The subsidy has its own terms of payment (its article); the associations' money does
    not, and still needs « modalites_versement »."""
    data = example_data("financeur-public")
    assert "versement-non-fixe" not in [p.code for p in check(data)]
    del data["budget"]["modalites_versement"]
    problem = _only(check(data), "versement-non-fixe")
    assert problem.message.startswith(fr(
        "La convention fixe l'argent que chaque Partie apporte au projet (15 000,00 € en tout)"))
    assert "45 000" not in problem.message  # the subsidy is not counted
