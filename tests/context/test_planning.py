"""Derived values of the plan d'action context (coopdocs.context.planning)."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal

import pytest

from coopdocs.check.gaps import gaps_by_code
from coopdocs.context.picture import Table
from coopdocs.context.planning import days_before, j_label, plan_context
from coopdocs.french.typography import DASH

NBSP, NNBSP = "\u00a0", "\u202f"


def euros(text: str) -> str:
    """« 80 000,00 € » written with the code points of French typography (NNBSP, NBSP)."""
    return text.replace(" ", NNBSP, text.count(" ") - 1).replace(" €", f"{NBSP}€")


@pytest.fixture(scope="module")
def plan(complet) -> dict:
    return plan_context(complet)


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
    retro = plan_context(data)["retroplanning"]
    assert retro["butoir_fixe"] is False
    assert retro["date_butoir"] == "31/05/2027"
    assert next(t for t in retro["taches"] if t["id"] == "commission")["j"] == "J-0"
    # Action 2 (no task) ends after the last task: its « J+214 » is explained too.
    assert retro["note"] == (
        "Sans date butoir fixée, les décomptes partent de la fin de la dernière tâche, le 31 mai "
        "2027\u00a0: «\u00a0J-30\u00a0» signifie qu'une action ou une tâche doit être terminée "
        "trente jours avant cette date\u202f; «\u00a0J+30\u00a0», qu'elle se termine trente "
        "jours après.")
    # No date butoir: nothing framed in red, and the legend does not speak of one.
    table = retro["image"]
    legend = "".join(r.text for r in table.rows[-1].cells[0].paragraphs[0].runs)
    assert legend == ("◆\u00a0: jalon. Barres foncées\u00a0: les actions\u202f; claires\u00a0: "
                      "leurs tâches. ")
    assert not any(c.rule for row in table.rows for c in row.cells)


def test_task_after_the_deadline_is_j_plus(complet):
    data = copy.deepcopy(complet)
    data["retroplanning"] = {"date_butoir": dt.date(2027, 5, 21)}
    retro = plan_context(data)["retroplanning"]
    commission = next(t for t in retro["taches"] if t["id"] == "commission")
    assert commission["j"] == "J+10"
    assert commission["apres_butoir"] is True
    assert "la tâche «\u00a0Passer la commission de sécurité\u00a0»" in retro["note"]


LATE = "Attention\u00a0: {} après la date butoir."


@pytest.mark.parametrize(("butoir", "late"), [
    # Action 2 alone (it ends on 31/12/2027).
    (dt.date(2027, 6, 30), "l'action «\u00a0Former les salarié·e·s à la réparation\u00a0» "
     "se termine"),
    # Action 1 (31/05/2027) and its last task, action 2.
    (dt.date(2027, 5, 21), "les actions «\u00a0Aménager le local commun\u00a0» et "
     "«\u00a0Former les salarié·e·s à la réparation\u00a0» et la tâche «\u00a0Passer la "
     "commission de sécurité\u00a0» se terminent"),
    # Two tasks, no action: action 1 ends on 31/05/2027, action 2 is moved before.
    (dt.date(2027, 4, 20), None),
])
def test_late_actions_and_tasks_in_one_sentence(complet, butoir, late):
    """An action whose own period ends after the date butoir is named with the late tasks
    (#3 of the juriste's reading), each kind with its article, the verb agreed with all."""
    data = copy.deepcopy(complet)
    data["retroplanning"] = {"date_butoir": butoir}
    if late is None:
        data["plan_action"][0]["echeance"] = butoir
        data["plan_action"][1].update(date_debut=dt.date(2027, 3, 1), echeance=butoir)
        late = ("les tâches «\u00a0Réaliser les travaux\u00a0» et «\u00a0Passer la commission "
                "de sécurité\u00a0» se terminent")
    assert plan_context(data)["retroplanning"]["note"].endswith(LATE.format(late))


def test_a_late_action_says_so_in_its_card_and_in_the_gantt_chart(complet):
    plan = plan_context(complet)
    first, second = plan["actions"]
    assert (first["apres_butoir"], first["alerte_butoir"]) == (False, "")
    assert second["apres_butoir"] is True
    assert second["alerte_butoir"] == (
        "Attention\u00a0: l'action se termine 184 jours après la date butoir (30/06/2027).")
    assert plan["retroplanning"]["actions_apres_butoir"] == [
        "Former les salarié·e·s à la réparation"]
    # Its « J+184 » in red in the chart, as a late task's.
    row = plan["retroplanning"]["image"].rows[-2]
    [run] = row.cells[1].paragraphs[0].runs
    assert (run.text, run.colour) == ("J+184", "C00000")
    data = copy.deepcopy(complet)
    data["plan_action"][1]["echeance"] = dt.date(2027, 7, 1)
    assert plan_context(data)["actions"][1]["alerte_butoir"] == (
        "Attention\u00a0: l'action se termine 1 jour après la date butoir (30/06/2027).")
    # Dated by its start only: it starts after the date butoir (the review).
    data["plan_action"][1].update(echeance=None, date_debut=dt.date(2027, 7, 2))
    assert plan_context(data)["actions"][1]["alerte_butoir"] == (
        "Attention\u00a0: l'action commence 2 jours après la date butoir (30/06/2027).")


def test_no_late_action_without_a_date_butoir(complet):
    """Without a date butoir, the counts start from the last task: nothing is late."""
    data = copy.deepcopy(complet)
    data["retroplanning"] = None
    plan = plan_context(data)
    assert [a["alerte_butoir"] for a in plan["actions"]] == ["", ""]
    assert "Attention" not in plan["retroplanning"]["note"]


def test_the_note_explains_j_plus_only_when_the_plan_prints_one(complet):
    """« J+184 » (an action ending after the date butoir) was printed unexplained (juriste-8):
    the note explains « J+ » whenever an action or a task ends after the deadline, and only
    then."""
    note = plan_context(complet)["retroplanning"]["note"]
    assert note == (
        "Date butoir\u00a0: 30 juin 2027. «\u00a0J-30\u00a0» signifie qu'une action ou une "
        "tâche doit être terminée trente jours avant cette date\u202f; «\u00a0J+30\u00a0», "
        "qu'elle se termine trente jours après. Attention\u00a0: l'action «\u00a0Former les "
        "salarié·e·s à la réparation\u00a0» se termine après la date butoir.")
    data = copy.deepcopy(complet)
    data["plan_action"][1]["echeance"] = dt.date(2027, 6, 30)  # on the deadline: « J-0 »
    retro = plan_context(data)["retroplanning"]
    assert "J+" not in "".join(cell.paragraphs[0].runs[0].text for row in retro["image"].rows
                               for cell in row.cells[1:2] if cell.paragraphs)
    assert retro["note"] == (
        "Date butoir\u00a0: 30 juin 2027. «\u00a0J-30\u00a0» signifie qu'une action ou une "
        "tâche doit être terminée trente jours avant cette date.")


def _row_texts(table: Table) -> list[list[str]]:
    return [["".join(r.text for p in cell.paragraphs for r in p.runs) for cell in row.cells]
            for row in table.rows]


def test_gantt_chart_one_row_per_action_and_task(plan, minimal):
    """Each action (its own dates) then its tasks by date, their J-n, the milestones' ◆, the
    deadline's month framed in red on every row; a year on a portrait page, month by month."""
    retro = plan["retroplanning"]
    table = retro["image"]
    assert isinstance(table, Table)
    assert retro["paysage"] is False
    rows = _row_texts(table)
    assert rows[0][1] == "2027"  # the year over its months
    assert rows[1][:4] == ["Action ou tâche", "Échéance", "janv.", "févr."]
    assert len(rows[1]) == 2 + 12
    body = rows[2:-1]
    assert [r[0] for r in body] == [
        "Action 1 – Aménager le local commun – RA93",
        "Signer la convention d'occupation – RA93",
        "Réaliser les travaux – RA93",
        "Passer la commission de sécurité – RA93",
        "Action 2 – Former les salarié·e·s à la réparation – Répar'Tout",
    ]
    assert [r[1] for r in body] == ["J-30", "J-152", "J-61", "J-30", "J+184"]
    assert "◆" in body[1] and "◆" in body[3] and "◆" not in body[2]
    june = 2 + 5
    for row in table.rows[1:-1]:
        column = 0
        for cell in row.cells:
            if column == june:
                assert cell.rule == "C00000" and cell.span == 1
            column += cell.span
    assert "30/06/2027" in rows[-1][0]
    assert plan_context(minimal)["retroplanning"]["image"] is None


def test_gantt_chart_of_a_short_plan_is_weekly(complet):
    data = copy.deepcopy(complet)
    data["plan_action"] = data["plan_action"][:1]
    data["plan_action"][0]["echeance"] = dt.date(2027, 2, 26)
    for task in data["plan_action"][0]["taches"]:
        task["date_fin"] = min(task["date_fin"], dt.date(2027, 2, 26))
        task["date_debut"] = min(task["date_debut"], task["date_fin"])
    data["retroplanning"] = {"date_butoir": dt.date(2027, 3, 5)}
    table = plan_context(data)["retroplanning"]["image"]
    rows = _row_texts(table)
    assert rows[0][1:3] == ["déc.", "janv. 2027"]  # one week of December: no room for 2026
    assert rows[1][2:6] == ["28", "4", "11", "18"]  # the Mondays of the weeks


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


def test_an_objective_names_its_actions_agreed_with_their_number(plan, complet, minimal):
    """« Action : » before one action (juriste-8: « Actions : » before a single one),
    « Actions : » before several, and before none yet."""
    first = plan["objectifs"][0]
    assert (first["actions_titre"], first["actions_texte"]) == (
        "Action", "Aménager le local commun")
    data = copy.deepcopy(complet)
    data["plan_action"][1]["objectif"] = data["plan_action"][0]["objectif"]
    both = plan_context(data)["objectifs"][0]
    assert both["actions_titre"] == "Actions"
    assert both["actions_texte"] == (
        "Aménager le local commun et Former les salarié·e·s à la réparation")
    assert plan_context(minimal)["objectifs"][0]["actions_titre"] == "Actions"


def test_titles_and_a_table_cell_of_names_keep_their_words(complet):
    """Action titles are no names (never « l'Atelier vélo mensuel et Collecte… »), and the
    cell « Contributeurs » of a card starts with a capital, the names without article."""
    data = copy.deepcopy(complet)
    data["plan_action"][0]["intitule"] = "Atelier vélo mensuel"
    data["plan_action"][1].update(intitule="Collecte des encombrants",
                                  objectif=data["plan_action"][0]["objectif"])
    data["plan_action"][0]["contributeurs"] = ["plaine", "repar"]
    context = plan_context(data)
    assert context["objectifs"][0]["actions_texte"] == (
        "Atelier vélo mensuel et Collecte des encombrants")
    assert context["actions"][0]["contributeurs"] == (
        "Établissement public territorial Plaine Commune et Répar'Tout")


def test_a_card_keeps_whole_when_a_page_holds_it(plan, complet):
    """The cards of the examples keep whole on a page; one of fifty financing lines (some
    sixty lines of a table) cannot, and may break between its rows."""
    assert [a["tient_sur_une_page"] for a in plan["actions"]] == [True, True]
    data = copy.deepcopy(complet)
    data["plan_action"][0]["financements"] += [
        {"source": f"Fondation n° {i}", "montant": 100, "statut": "a_solliciter"}
        for i in range(50)]
    assert [a["tient_sur_une_page"] for a in plan_context(data)["actions"]] == [False, True]
    data["plan_action"][0]["financements"] = data["plan_action"][0]["financements"][:20]
    assert plan_context(data)["actions"][0]["tient_sur_une_page"] is True


def test_percent_unit_keeps_a_no_break_space(minimal):
    ind = plan_context(minimal)["objectifs"][0]["indicateurs"][0]
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
    ctx = plan_context(data)
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


def test_a_need_left_unpriced_is_said_beside_the_coverage(complet):
    """An action without a priced need: « entièrement couvert » covers only what is priced."""
    data = copy.deepcopy(complet)
    data["plan_action"][1]["besoin_financier"] = None
    data["plan_action"][1]["financements"] = []
    assert plan_context(data)["financement"]["synthese"] == (
        "Le besoin financier chiffré du plan d'action est entièrement couvert par des "
        "financements acquis. Le besoin d'une action reste à chiffrer.")
    assert plan_context(complet)["financement"]["synthese"] == (
        "Le besoin financier du plan d'action est entièrement couvert par des financements "
        "acquis.")


def test_a_financed_action_without_its_need_remains_to_be_priced(complet):
    """Financing lines say who pays, not what the action costs: the need is still to be priced,
    and the gap marker, the plan's « reste à chiffrer » and the gaps agree (check.gaps.unpriced)."""
    data = copy.deepcopy(complet)
    data["plan_action"][1]["besoin_financier"] = None
    assert data["plan_action"][1]["financements"]
    intitule = data["plan_action"][1]["intitule"]
    ctx = plan_context(data)
    assert ctx["actions"][1]["couverture"] == (
        f"[À compléter avant signature{NBSP}: le besoin financier de l'action « {intitule} »]")
    assert [a["a_chiffrer"] for a in ctx["actions"]] == [False, True]
    assert ctx["financement"]["synthese"].endswith(" Le besoin d'une action reste à chiffrer.")
    assert f"besoin:{data['plan_action'][1]['id']}" in gaps_by_code(data)


def test_minimal_example_has_no_action(minimal):
    ctx = plan_context(minimal)
    assert ctx["actions"] == [] and ctx["a_actions"] is False
    assert ctx["retroplanning"]["taches"] == []
    assert ctx["financement"]["a_besoin"] is False
    # No plan d'action document for this file (nothing to annex): no gap marker either.
    assert ctx["objectifs"][0]["actions_texte"] == DASH
