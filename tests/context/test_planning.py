"""Derived values of the plan d'action context (coopdocs.context.planning)."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

import pytest

from coopdocs.context.picture import SKETCH, Picture
from coopdocs.context.planning import days_before, j_label, plan_context
from coopdocs.french.typography import DASH

NBSP, NNBSP = "\u00a0", "\u202f"


def euros(text: str) -> str:
    """« 80 000,00 € » written with the code points of French typography (NNBSP, NBSP)."""
    return text.replace(" ", NNBSP, text.count(" ") - 1).replace(" €", f"{NBSP}€")


@pytest.fixture(scope="module")
def plan(complet) -> dict:
    return plan_context(complet, painter=SKETCH)


def _task(plan: dict, ident: str) -> dict:
    return next(t for t in plan["retroplanning"]["taches"] if t["id"] == ident)


# --------------------------------------------------------------------------- rétroplanning


def test_j_minus_n_from_the_deadline(plan):
    assert plan["retroplanning"]["date_butoir"] == "30/06/2027"
    assert plan["retroplanning"]["butoir_fixe"] is True
    assert _task(plan, "commission")["j"] == "J-30"  # ends 2027-05-31
    assert _task(plan, "travaux")["j"] == "J-61"  # ends 2027-04-30
    assert _task(plan, "bail")["j"] == "J-152"  # ends 2027-01-29
    assert _task(plan, "bail")["j_debut"] == "J-177"  # starts 2027-01-04


def test_j_label_edges():
    assert j_label(0) == "J-0"
    assert j_label(1) == "J-1"
    assert j_label(-5) == "J+5"
    assert days_before(dt.date(2027, 6, 30), dt.date(2027, 5, 31)) == 30


def test_tasks_in_chronological_order_with_labels(plan):
    tasks = plan["retroplanning"]["taches"]
    assert [t["id"] for t in tasks] == ["bail", "travaux", "commission"]
    assert tasks[0]["intitule"] == "◆ Signer la convention d'occupation"
    assert tasks[1]["intitule"] == "Réaliser les travaux"
    assert tasks[1]["dependances"] == ["Signer la convention d'occupation"]
    assert tasks[1]["dependances_texte"] == (
        f"Après{NBSP}: «{NBSP}Signer la convention d'occupation{NBSP}»"
    )
    assert tasks[2]["responsable"] == "RA93"
    assert tasks[2]["action"] == "Aménager le local commun"
    assert [t["id"] for t in plan["retroplanning"]["jalons"]] == ["bail", "commission"]
    assert "J-30" in plan["retroplanning"]["note"]


def test_without_deadline_the_last_task_end_is_used(complet):
    data = copy.deepcopy(complet)
    data["retroplanning"] = None
    retro = plan_context(data, painter=SKETCH)["retroplanning"]
    assert retro["butoir_fixe"] is False
    assert retro["date_butoir"] == "31/05/2027"
    assert next(t for t in retro["taches"] if t["id"] == "commission")["j"] == "J-0"
    assert retro["note"].startswith("Aucune date butoir n'est fixée")


def test_task_after_the_deadline_is_j_plus(complet):
    data = copy.deepcopy(complet)
    data["retroplanning"] = {"date_butoir": dt.date(2027, 5, 21)}
    retro = plan_context(data, painter=SKETCH)["retroplanning"]
    commission = next(t for t in retro["taches"] if t["id"] == "commission")
    assert commission["j"] == "J+10"
    assert commission["apres_butoir"] is True
    assert "Passer la commission de sécurité" in retro["note"]
    assert "après la date butoir" in retro["note"]


def test_gantt_picture(complet, minimal):
    from coopdocs.context.charts.painter import PAINTER

    image = plan_context(complet, painter=PAINTER)["retroplanning"]["image"]
    assert isinstance(image, Picture)
    assert image.data.startswith(b"\x89PNG")
    assert plan_context(minimal, painter=PAINTER)["retroplanning"]["image"] is None


# --------------------------------------------------------------------------- objectives, actions


def test_indicators(plan):
    first, second = plan["objectifs"]
    assert first["indicateurs"][0]["evolution"] == "0 → 5\u00a0jours"
    assert first["indicateurs"][0]["responsable"] == "RA93"
    assert first["echeance"] == "30/06/2027"
    assert second["indicateurs"][0]["evolution"] == f"Cible{NBSP}: 24{NBSP}personnes"
    assert second["indicateurs"][1]["type"] == "Qualitatif"
    assert second["indicateurs"][1]["source"] == "Entretiens de fin de parcours"
    assert second["echeance_texte"] == "Échéance non fixée"


def test_percent_unit_keeps_a_no_break_space(minimal):
    ind = plan_context(minimal, painter=SKETCH)["objectifs"][0]["indicateurs"][0]
    assert ind["evolution"] == f"Cible{NBSP}: 15{NBSP}%"


def test_action_block(plan):
    local = plan["actions"][0]
    assert local["numero"] == "Action 1"
    assert local["objectif"] == "Ouvrir la ressourcerie au public"
    assert local["pilote"] == "Recycl'Action 93 (RA93)"
    assert local["contributeurs"] == "Répar'Tout"
    assert local["competences_manquantes"] == [
        "Sécurité incendie des établissements recevant du public"
    ]
    assert local["partenaires_a_mobiliser"] == ["Bailleur social", "Bureau de contrôle"]
    assert local["besoin_financier"] == euros("40 000,00 €")
    assert local["periode"] == "du 01/01/2027 au 31/05/2027"
    assert local["statut"] == "À lancer"
    assert [f["statut"] for f in local["financements"]] == ["acquis", "acquis"]
    assert local["totaux"]["acquis"] == euros("40 000,00 €")
    assert local["couverture"] == "Besoin entièrement couvert par des financements acquis."


def test_financing_totals(plan):
    fin = plan["financement"]
    assert fin["besoin_total_valeur"] == Decimal("80000.00")
    assert fin["totaux_valeurs"] == {
        "acquis": Decimal("80000.00"),
        "sollicite": Decimal("0.00"),
        "a_solliciter": Decimal("0.00"),
    }
    assert fin["lignes"][0] == {
        "statut": "Acquis",
        "montant": euros("80 000,00 €"),
        "part": f"100{NBSP}%",
    }
    assert fin["non_couvert"] == ""
    assert [s["source"] for s in fin["par_source"]] == [
        "Établissement public territorial Plaine Commune",
        "Recycl'Action 93 (RA93)",
        "Répar'Tout",
    ]
    assert fin["par_source"][0]["total"] == euros("40 000,00 €")


def test_financing_with_requested_money_and_a_gap(complet):
    data = copy.deepcopy(complet)
    action = data["plan_action"][1]
    action["besoin_financier"] = Decimal("50000.00")
    action["financements"] = [
        {"source": "recycl", "montant": Decimal("10000.00"), "statut": "acquis"},
        {"source": "Fondation du réemploi", "montant": Decimal("15000.00"), "statut": "sollicite"},
        {"source": "plaine", "montant": Decimal("5000.00"), "statut": "a_solliciter"},
    ]
    ctx = plan_context(data, painter=SKETCH)
    formation = ctx["actions"][1]
    assert formation["couverture"] == f"Reste à trouver{NBSP}: {euros('20 000,00 €')}."
    assert formation["financements"][1]["source"] == "Fondation du réemploi"
    assert formation["financements"][2]["statut"] == "à solliciter"
    fin = ctx["financement"]
    assert fin["besoin_total_valeur"] == Decimal("90000.00")
    assert fin["totaux_valeurs"]["acquis"] == Decimal("50000.00")
    assert fin["totaux_valeurs"]["sollicite"] == Decimal("15000.00")
    assert fin["totaux_valeurs"]["a_solliciter"] == Decimal("5000.00")
    assert fin["non_couvert"] == euros("20 000,00 €")
    assert fin["lignes"][-1]["statut"] == "Non couvert"
    assert fin["synthese"].startswith("Les financements acquis couvrent 55,56")


def test_minimal_example_has_no_action(minimal):
    ctx = plan_context(minimal, painter=SKETCH)
    assert ctx["actions"] == [] and ctx["a_actions"] is False
    assert ctx["retroplanning"]["taches"] == []
    assert ctx["financement"]["a_besoin"] is False
    # No plan d'action document for this file (nothing to annex): no gap marker either.
    assert ctx["objectifs"][0]["actions_texte"] == DASH
