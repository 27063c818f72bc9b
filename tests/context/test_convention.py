"""`context.convention`: the convention's own texts after a legal adviser's reading
(juriste-8): no standard duty lost to a commitment that only shares its verb, a delegation that
does not read as amending the act by a vote, who keeps the administration and the accounts,
what pooled money may pay for, how the annexes (and not the charte) are updated, and the ETTI's
and AI's own rules only where such a structure is a Party."""

from __future__ import annotations

from typing import Any

import pytest
from reading import plain

from coopdocs.context.assemble import build_context
from coopdocs.context.clauses import ARTICLES
from coopdocs.context.convention import (
    RESERVED_ARTICLES,
    common_commitments,
    correspondents_part,
    placing_exception,
)
from coopdocs.vocabulary import (
    RESERVED_DECISIONS,
    answers_tenders,
    client_relations,
    competing_parties,
)


def _commitments(own: list[str], *, siae: bool = False, parties: int = 3) -> list[str]:
    return [plain(c) for c in common_commitments(
        {"engagements": own}, {"gouvernance": 6}, {"charte": None}, siae, parties)]


STANDARD = [
    "agir loyalement et de bonne foi les unes envers les autres ;",
    "participer activement aux instances de gouvernance prévues à l'article 6 ;",
    "partager les informations utiles à la conduite du projet ;",
    "signaler sans délai toute difficulté susceptible d'affecter le déroulement du projet ;",
    "mettre en œuvre les actions qui leur incombent dans les délais convenus"]


def test_a_commitment_sharing_only_a_verb_replaces_no_standard_duty() -> None:
    """exemple-reseau: « Participer au bilan annuel » wiped out the duty to attend the
    instances; exemple-caracteres: « Partager les informations utiles, y compris… » the duty
    to report a difficulty (the file's, opening with the same words, now says the duty to
    share information once: juriste-9)."""
    assert _commitments(["Participer au bilan annuel de la coopération"]) == [
        *STANDARD[:-1], STANDARD[-1] + " ;", "participer au bilan annuel de la coopération."]
    found = _commitments(["Partager les informations utiles, y compris les mauvaises nouvelles"])
    assert STANDARD[2] not in found and STANDARD[3] in found
    assert found[-1] == "partager les informations utiles, y compris les mauvaises nouvelles."


def test_a_commitment_saying_the_same_thing_is_said_once() -> None:
    # The file's words, saying the standard duty and more, replace it.
    found = _commitments(["Participer aux instances de gouvernance et aux temps collectifs"])
    assert not any(line.startswith("participer activement") for line in found)
    assert found[-1] == "participer aux instances de gouvernance et aux temps collectifs."
    # A commitment the standard one already says whole is not repeated.
    assert _commitments(["Agir loyalement et de bonne foi"])[0] == STANDARD[0]
    assert len(_commitments(["Agir loyalement et de bonne foi"])) == len(STANDARD)
    # The priority of the people in insertion, in epicene words (domain.md §9.6).
    assert _commitments([], siae=True)[-1] == (
        "faire des parcours des personnes salariées en insertion une priorité dans les choix "
        "communs.")


@pytest.mark.parametrize("name", ["minimal", "complet", "gme", "scic", "reseau"])
def test_every_reserved_decision_has_an_article_every_convention_prints(
        name: str, example_context) -> None:
    """A decision added to vocabulary.RESERVED_DECISIONS without its article would break the
    delegation clause of every project that delegates; its article must be one each convention
    has (from the lightest to the largest), or the clause would send the reader nowhere."""
    assert RESERVED_ARTICLES.keys() == RESERVED_DECISIONS.keys()
    assert set(RESERVED_ARTICLES.values()) <= {key for key, _, _ in ARTICLES}
    numbers = example_context(name)["articles"]
    assert all(numbers[key] for key in RESERVED_ARTICLES.values())


def test_a_delegation_keeps_the_reserved_decisions_under_their_own_articles(
        example_context) -> None:
    """exemple-reseau: the assembly votes by a majority with structures that are not Parties;
    the clause must not read as letting it amend the convention by a vote (art. 19 asks an
    avenant signed by all, art. 8 each Party's written consent)."""
    context = example_context("reseau")
    articles = context["articles"]
    assert (articles["avenant"], articles["financier"], articles["entree_retrait"]) == (19, 8, 18)
    [clause] = [plain(text) for text in context["pilotage"]["delegations"]]
    assert clause.endswith(
        "Ne relèvent pas de cette délégation : la modification de la présente convention "
        "(article 19), les engagements financiers des Parties (article 8) et l'entrée d'une "
        "nouvelle Partie (article 18), qui suivent les règles de ces articles. Toute autre "
        "décision qui excède cette délégation relève de l'instance « Assemblée des membres », "
        "où siègent toutes les Parties.")
    assert "Restent décidées" not in clause
    # exemple-financeur-public: no instance seats every Party; they decide together.
    for text in example_context("financeur-public")["pilotage"]["delegations"]:
        assert plain(text).endswith(
            " exclut. Toute autre décision qui excède cette délégation est prise d'un commun "
            "accord par l'ensemble des Parties.") or plain(text).endswith(
            "qui suivent les règles de ces articles. Toute autre décision qui excède cette "
            "délégation est prise d'un commun accord par l'ensemble des Parties.")


def test_the_chef_de_file_article_says_who_keeps_the_administration(example_data) -> None:
    """exemple-reseau: the fiche gives the « gestion administrative » to LSB; the chef de file's
    article says so itself instead of « sauf répartition différente prévue à l'annexe 1 »."""
    context = build_context(example_data("reseau"))
    assert plain(context["pilotage"]["suivi"]) == (
        "assure le suivi financier du projet et en rend compte régulièrement aux autres Parties.")
    assert [plain(s) for s in context["pilotage"]["suivi_repartition"]] == [
        "La gestion administrative du projet est assurée par la société Logistique Solidaire de "
        "Bobigny (annexe 1)."]


def test_the_holder_of_the_pooled_money_is_named_when_it_is_not_the_chef_de_file(
        example_data) -> None:
    data = example_data("reseau")
    data["budget"]["gestionnaire"] = "bois-bondy"
    data["gouvernance"]["roles"] = [r for r in data["gouvernance"]["roles"]
                                    if r["domaine"] != "administratif"]
    context = build_context(data)
    assert plain(context["pilotage"]["suivi"]) == (
        "assure le suivi administratif et financier du projet et en rend compte régulièrement "
        "aux autres Parties.")
    assert [plain(s) for s in context["pilotage"]["suivi_repartition"]] == [
        "L'association Bois et Bâti de Bondy tient les comptes des contributions financières "
        "mises en commun, dans les conditions de l'article 8."]


def test_a_role_given_to_a_structure_that_does_not_sign_leaves_the_duty_to_the_chef(
        example_data) -> None:
    data = example_data("reseau")
    for role in data["gouvernance"]["roles"]:
        if role["domaine"] == "administratif":
            role["partenaire"] = "reseau-93"  # the coordinator, not a Party
    context = build_context(data)
    assert plain(context["pilotage"]["suivi"]).startswith(
        "assure le suivi administratif et financier du projet")
    assert context["pilotage"]["suivi_repartition"] == []


def test_pooled_money_pays_for_the_plans_actions_not_for_a_budget_of_expenses(
        example_context, example_data) -> None:
    """No budget of expenses exists: the article sends to the plan's actions and their needs."""
    assert plain(example_context("reseau")["budget"]["emploi"]) == (
        "dépenses des actions du plan d'action (annexe 2), dans la limite du besoin financier "
        "de chacune")
    data = example_data("reseau")
    data["plan_action"][0]["besoin_financier"] = None
    assert plain(build_context(data)["budget"]["emploi"]) == (
        "dépenses des actions du plan d'action (annexe 2)")
    # One action is no list (exemple-caracteres).
    assert plain(example_context("caracteres")["budget"]["emploi"]) == (
        "dépenses de l'action du plan d'action (annexe 2), dans la limite de son besoin "
        "financier")


def test_single_terms_of_payment_run_on_after_the_colon(example_context) -> None:
    """« selon les modalités suivantes : / Versement semestriel… » was a capitalised fragment
    on a line of its own."""
    assert plain(example_context("reseau")["budget"]["modalites_phrase"]) == (
        "Les contributions financières sont versées selon les modalités suivantes : versement "
        "semestriel sur appel de fonds du chef de file.")
    # With a subsidy, whose own article states its terms, the file's are the others'.
    assert plain(example_context("financeur-public")["budget"]["modalites_phrase"]) == (
        "Les autres contributions financières sont versées selon les modalités suivantes : les "
        "apports des deux associations restent inscrits dans leurs budgets respectifs, chacune "
        "les employant elle-même aux actions qu'elle pilote.")


def test_the_instances_update_the_annexes_but_never_the_charte(example_context) -> None:
    """The charte (annexe 3) changes only with all its signatories' agreement, as its own text
    says: art. 19 must not give it a second rule."""
    assert plain(example_context("reseau")["annexes_mise_a_jour"]) == (
        "Les annexes 1 et 2 peuvent être mises à jour par décision des instances de "
        "gouvernance, dès lors que ces mises à jour ne modifient ni l'objet de la présente "
        "convention, ni les engagements financiers des Parties. La charte de coopération "
        "(annexe 3) n'est modifiée que selon ses propres règles, avec l'accord de l'ensemble de "
        "ses signataires.")
    assert plain(example_context("minimal")["annexes_mise_a_jour"]) == (
        "L'annexe 1 peut être mise à jour par décision des instances de gouvernance, dès lors "
        "que cette mise à jour ne modifie ni l'objet de la présente convention, ni les "
        "engagements financiers des Parties. La charte de coopération (annexe 2) n'est modifiée "
        "que selon ses propres règles, avec l'accord de ses deux signataires.")


@pytest.mark.parametrize(("types", "expected"), [
    ({"aci", "ei"}, ""),
    ({"aci", "etti"}, ", sauf lorsqu'elle relève du travail temporaire d'une entreprise de "
                      "travail temporaire d'insertion, qui suit ses propres règles"),
    ({"ai"}, ", sauf lorsqu'elle relève de l'activité d'une association intermédiaire, qui suit "
             "ses propres règles"),
    ({"etti", "ai"}, ", sauf lorsqu'elle relève du travail temporaire d'une entreprise de "
                     "travail temporaire d'insertion ou de l'activité d'une association "
                     "intermédiaire, qui suivent leurs propres règles")])
def test_the_etti_and_ai_exception_is_printed_only_for_such_a_party(
        types: set[str], expected: str) -> None:
    """exemple-caracteres (an ACI and an EI) printed the ETTI's and the AI's exception."""
    parties: list[dict[str, Any]] = [{"type_structure": t} for t in sorted(types)]
    assert placing_exception(parties) == expected


def test_a_legal_representative_of_unknown_gender_is_named_in_epicene_words(
        example_context) -> None:
    rows = {r["partie"]: plain(r["correspondant"])
            for r in example_context("complet")["correspondants"]}
    assert rows["AIC"] == "Camille DURAND, président·e (qui représente légalement la Partie)"


@pytest.mark.parametrize(("qualite", "capacity"), [
    ("Maire", " (représentant légal)"),
    ("Présidente du conseil départemental", " (représentant légal)"),
    ("Maire adjoint chargé de l'insertion", ""),  # adjoint au maire: by delegation, not by law
    ("Vice-président", ""),
])
def test_a_correspondent_is_a_legal_representative_only_by_a_legal_office(
        qualite: str, capacity: str) -> None:
    """The table of correspondents says « représentant légal » of the offices the law makes
    represent their body, through the one helper of `french.names` (a « Maire adjoint » was
    read as a maire)."""
    partner = {"designation": "la Ville", "referent": {},
               "personne": {"civilite": "monsieur", "prenom": "Jean", "nom": "Martin",
                            "qualite": qualite}}
    row = correspondents_part([partner])[0]
    assert row["correspondant"].endswith(qualite[0].lower() + qualite[1:] + capacity)


def test_the_decisions_kept_for_all_are_listed_once(example_context) -> None:
    """Two instances decide without every Party (the public funder sits in neither with a
    vote): the second clause points to the first one's list instead of printing it again."""
    clauses = [plain(c) for c in example_context("financeur-public")["pilotage"]["delegations"]]
    assert len(clauses) == 2
    assert "Ne relèvent pas de cette délégation : la modification" in clauses[0]
    first = clauses[0].split("« ", 1)[1].split(" »", 1)[0]
    assert ("Ne relèvent pas davantage de cette délégation les décisions que la délégation à "
            f"l'instance « {first} » exclut.") in clauses[1]
    assert "la modification" not in clauses[1]


def test_a_standard_duty_gives_way_to_the_same_duty_said_more_precisely() -> None:
    """« partager les informations utiles, y compris… » is the standard « partager les
    informations utiles à la conduite du projet » said more precisely: printed once (juriste-9);
    a shared first verb alone is no reason (« participer au bilan annuel »)."""
    own = "partager les informations utiles, y compris les difficultés de recrutement"
    printed = _commitments([own])
    assert sum(c.startswith("partager les informations utiles") for c in printed) == 1
    assert any(c.startswith(own) for c in printed)
    assert any(c.startswith("participer activement aux instances") for c in
               _commitments(["participer au bilan annuel"]))


# What Parties that could compete never share, and what they stay free to do (juriste-C #1).
NO_PRICES = ("ne pas échanger d'informations sur leurs {}, leurs marges ou leurs conditions "
             "commerciales, ni se concerter sur ces éléments ou sur la répartition de leurs "
             "clients ; seuls sont échangés les éléments strictement nécessaires {} ; chaque "
             "Partie fixe seule et librement ses prix et ses offres et reste libre de répondre "
             "seule à toute demande ou consultation{} ;")
ENTENTE = ("Les Parties pouvant être concurrentes, leur engagement relatif à leurs prix, à "
           "leurs marges, à leurs conditions commerciales et à leurs clients a pour objet de "
           "respecter l'interdiction des ententes (article L. 420-1 du code de commerce).")
GROUPEMENT = ("ne répondent ensemble à un marché que si la réponse commune est justifiée par "
              "ses exigences ; elles concluent alors, avant le dépôt de la candidature, un "
              "accord de groupement écrit, et aucune d'elles ne présente pour le même marché une "
              "autre candidature ou une autre offre, seule ou au sein d'un autre groupement.")
COMPETITION = NO_PRICES.format(
    "prix", "à la transmission des demandes des clients entre les Parties (nature de la "
    "demande et coordonnées du client) ou à une réponse commune", "")


def _party(kind: str, form: str, *, signs: bool = True) -> dict[str, Any]:
    return {"type_structure": kind, "forme_juridique": form, "signataire_convention": signs}


@pytest.mark.parametrize(("partners", "competing"), [
    # Two SIAE, even associations: they sell on the same markets.
    ([_party("aci", "association"), _party("ei", "sas")], True),
    # An SIAE and a company that is no SIAE.
    ([_party("aci", "association"), _party("entreprise", "sarl")], True),
    # An intermediary association places its employees, a chantier sells what it produces.
    ([_party("ai", "association"), _party("aci", "association")], False),
    # Two SIAE that place their employees.
    ([_party("ai", "association"), _party("etti", "sas")], True),
    # One seller among a public person and an association that sells nothing.
    ([_party("aci", "association"), _party("collectivite", "collectivite_territoriale"),
      _party("association", "association")], False),
    # A second SIAE that signs only the charte is no Party.
    ([_party("aci", "association"), _party("ei", "sas", signs=False)], False),
])
def test_competing_parties_are_parties_that_sell_on_one_market(
        partners: list[dict[str, Any]], competing: bool) -> None:
    assert competing_parties({"partenaires": partners}) is competing


@pytest.mark.parametrize(("forme", "kinds", "answers"), [
    ("gme_solidaire", ["faire_avec"], True),
    ("convention_partenariat", ["faire_ensemble", "faire_avec"], True),
    ("convention_partenariat", ["faire_avec"], False),
    ("scic", ["faire_corps"], False),
])
def test_parties_answer_marches_in_a_groupement_or_when_they_make_an_offer_together(
        forme: str, kinds: list[str], answers: bool) -> None:
    data = {"statut_juridique": {"forme": forme}, "projet": {"types_cooperation": kinds}}
    assert answers_tenders(data) is answers


def test_a_partner_in_charge_of_the_clients_passes_their_requests_on() -> None:
    roles = [{"domaine": "administratif", "partenaire": "a"}]
    assert not client_relations({"gouvernance": {"roles": roles}})
    roles.append({"domaine": "relation_client", "partenaire": "b"})
    assert client_relations({"gouvernance": {"roles": roles}})
    assert not client_relations({})


def test_competing_parties_bind_themselves_in_the_convention(example_context) -> None:
    """exemple-reseau (juriste-B #1, juriste-C #1, #3): eight SIAE that offer the same services
    on one territory bind themselves in the convention, not in the charte; what the guichet
    needs to pass a request on (the partner in charge of the clients) and a joint answer may be
    exchanged, each Party sets its prices alone and may answer alone, and a joint answer to a
    marché needs the marché's requirements and a written agreement, and excludes a second bid."""
    context = example_context("reseau")
    found = [plain(c) for c in context["engagements_communs"]]
    assert COMPETITION in found
    assert plain(context["concurrence"]) == f"{ENTENTE} Les Parties {GROUPEMENT}"
    # The charte no longer says it in other words (no duplicate, no contradiction).
    assert not any("prix" in p["description"] for p in context["principes"])


def test_a_groupement_exchanges_what_its_offer_and_its_marche_need(example_context) -> None:
    """exemple-gme (juriste-C #5): the members share what the offer and the execution of their
    marché need, answer no other bid for it, and need an agreement only for another marché."""
    context = example_context("gme")
    assert NO_PRICES.format(
        "prix", "à la préparation de l'offre commune et à l'exécution du marché visé à "
        "l'article 2", " autre que celle visée à l'article 2") in [
        plain(c) for c in context["engagements_communs"]]
    assert plain(context["concurrence"]) == (
        f"{ENTENTE} Hors le marché visé à l'article 2, les Parties {GROUPEMENT}")


def test_parties_preparing_a_company_exchange_what_preparing_it_needs(example_context) -> None:
    """exemple-scic (juriste-C #11): the accord has the Parties share economic information to
    prepare the SCIC; its competition commitment lets them, through the people in charge of
    it, and says nothing of marchés, which the Parties do not answer together."""
    context = example_context("scic")
    assert NO_PRICES.format(
        "prix", "à la préparation de la société commune, réservés aux personnes qui en ont la "
        "charge", "") in [plain(c) for c in context["engagements_communs"]]
    assert plain(context["concurrence"]) == ENTENTE


def test_parties_buying_together_share_the_suppliers_prices(example_context) -> None:
    """exemple-minimal (juriste-C #14): two chantiers d'insertion that buy together share
    what the purchases need, suppliers' prices included: only their selling prices stay
    apart. The file does not say what each sells: they count as competitors."""
    context = example_context("minimal")
    assert NO_PRICES.format("prix de vente", "aux achats groupés prévus à l'article 7", "") in [
        plain(c) for c in context["engagements_communs"]]
    assert plain(context["concurrence"]) == ENTENTE


def test_parties_that_cannot_compete_take_no_such_commitment(example_context) -> None:
    """exemple-financeur-public: an association intermédiaire, which places its employees, an
    atelier et chantier d'insertion, which sells what it produces, and a public person."""
    context = example_context("financeur-public")
    assert COMPETITION not in [plain(c) for c in context["engagements_communs"]]
    assert context["concurrence"] == ""
