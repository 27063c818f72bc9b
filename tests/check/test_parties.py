"""The parties model (`check.parties`): one decision per role, for the whole pack."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from coopdocs.check.parties import build_model
from coopdocs.check.rules.coherence import check_coherence


@pytest.fixture
def full(complet: dict[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(complet)


def _copil(data: dict[str, Any]) -> dict[str, Any]:
    return data["gouvernance"]["instances"][0]


def test_signatories_and_roles_of_the_complete_example(complet) -> None:
    model = build_model(complet)
    assert model.convention
    assert model.convention_signatories == ("recycl", "repar", "ai-courneuve", "plaine")
    assert "reseau" in model.charter_signatories
    assert (model.chef_de_file, model.coordinator) == ("recycl", "reseau")
    assert not model.signs_convention("reseau")


def test_seats_votes_and_decisions(complet) -> None:
    copil, cotech = build_model(complet).instances
    assert copil.decisive and not cotech.decisive
    assert copil.voters == ("recycl", "repar", "ai-courneuve", "plaine")
    assert (copil.total_seats, copil.total_votes) == (4, 4)
    assert copil.non_signatory_voters == ()


def test_rotating_presidency_read_with_the_chair_s_function(complet) -> None:
    # `presidence: tournante` and RA93 « Présidente » in the composition: one story.
    presidency = build_model(complet).instances[0].presidency
    assert (presidency.kind, presidency.partner, presidency.first) == ("tournante", "recycl", True)
    assert presidency.conflict == ()


def test_presidency_given_to_one_partner_and_a_chair_function_to_another(full) -> None:
    _copil(full)["presidence"] = "repar"
    presidency = build_model(full).instances[0].presidency
    # The explicit field wins; the contradiction is kept for the warning.
    assert (presidency.kind, presidency.partner) == ("partenaire", "repar")
    assert presidency.conflict == ("recycl",)


def test_money_as_each_part_of_the_file_states_it(full) -> None:
    model = build_model(full)
    plaine = model.money["plaine"]
    assert plaine.figures() == {"apport": Decimal(40000), "financements": Decimal(40000),
                                "repartition": Decimal("40000.00")}
    assert plaine.agrees and not model.explained_gap
    assert (model.budget_total, model.needs_total) == (Decimal(80000), Decimal(80000))
    full["partenaires"][0]["contribution"]["apport_financier"] = Decimal(52500)
    assert not build_model(full).money["recycl"].agrees


def test_money_decided_and_asked(full) -> None:
    """A Party's plan money, split by whether it has decided it: an apport of exactly the
    decided money agrees with a plan that asks more of it (the rest is only asked for)."""
    recycl = build_model(full).money["recycl"]
    assert (recycl.decided, recycl.asked) == (Decimal(20000), Decimal(0))
    full["plan_action"][1]["financements"][0]["statut"] = "sollicite"  # its 10 000 € to formation
    full["budget"]["repartition"] = []
    recycl = build_model(full).money["recycl"]
    assert (recycl.financings, recycl.decided, recycl.asked) == (
        Decimal(20000), Decimal(10000), Decimal(10000))
    assert recycl.agrees  # 20 000 € of apport: every line, the asked ones too
    full["partenaires"][0]["contribution"]["apport_financier"] = Decimal(10000)
    assert build_model(full).money["recycl"].agrees  # the decided money only
    full["partenaires"][0]["contribution"]["apport_financier"] = Decimal(15000)
    assert not build_model(full).money["recycl"].agrees


def test_circles_follow_who_decides(full) -> None:
    model = build_model(full)
    assert model.circles == {"recycl": "coeur", "repar": "coeur", "ai-courneuve": "coeur",
                             "reseau": "operationnel", "plaine": "coeur"}
    # What the file asked (« soutien » for Plaine Commune) is kept for the warning.
    assert model.requested_circles["plaine"][0] == "soutien"
    # A partner that stops voting leaves the core for the circle it asked.
    _copil(full)["composition"][3]["voix"] = 0
    assert build_model(full).circles["plaine"] == "soutien"


def test_duties_binding_or_support(complet) -> None:
    duties = build_model(complet).duties
    assert any(d.binding and "pilote" in d.what for d in duties["recycl"])
    assert {d.binding for d in duties["reseau"]} == {False}  # support only: roles, référent


def test_an_explained_gap_is_recorded(full) -> None:
    full["budget"]["explication_ecarts"] = "Le budget ne reprend que la première année."
    assert build_model(full).explained_gap


def test_drafting_the_statuts_binds_like_any_charge(example_data) -> None:
    """The convention says who has the statuts drafted and who acts for the company in
    formation: a partner that does not sign cannot be given either (coherence rule)."""
    data = example_data("exemple-scic")
    duties = build_model(data).duties["ressourcerie"]
    assert {d.what for d in duties if d.binding} >= {
        "la rédaction des statuts de la société",
        "les actes accomplis pour la société en formation"}
    commune = next(p for p in data["partenaires"] if p["id"] == "commune")
    commune["signataire_convention"] = False
    data["statut_juridique"]["societe"]["representant_formation"] = "commune"
    found = [p for p in check_coherence(data) if p.code == "engagement-non-partie"]
    assert [p.dotted_path for p in found] == ["statut_juridique.societe.representant_formation"]
