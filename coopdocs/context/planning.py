"""Context of the « plan d'action » document: objectives and indicators, actions, financing and
the rétroplanning (domain.md §7, trame méthodologique « Définition du plan d'action » and
« Planifier les actions »).

``plan_context`` takes the normalised project data (``Project.data``) and returns printable
French values only (no ``None``; every key always present); ``context.assemble.build_context``
puts it under ``plan``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from coopdocs.check.gaps import Gap, gaps_by_code, unpriced
from coopdocs.context.charts.gantt import KEPT_SHARE, PAGE_HEIGHT_MM, Line, gantt_chart
from coopdocs.context.charts.metrics import MM_PER_PT, wrap
from coopdocs.context.parties import Partners, partners_by_id
from coopdocs.french.dates import date_courte, date_longue
from coopdocs.french.figures import montant, nombre, pourcentage, quantite
from coopdocs.french.grammar import de, liste, paragraphes, plural
from coopdocs.french.labels import label
from coopdocs.french.names import referenced_name
from coopdocs.french.typography import COLON, DASH, SEMI, quote
from coopdocs.french.words import counted
from coopdocs.vocabulary import FUNDING_STATUSES

__all__ = ["days_before", "days_late", "j_label", "plan_context"]

_ZERO = Decimal("0.00")


def _date(value: dt.date | None) -> str:
    return date_courte(value) if value else DASH


def _money(value: Decimal | None) -> str:
    return montant(value) if value is not None else DASH


def _value(value: Decimal | None, unit: str | None) -> str:
    return "" if value is None else quantite(value, unit)


def _share(part: Decimal, whole: Decimal) -> str:
    return pourcentage(part * 100 / whole) if whole else ""


def _clean_list(items: Any) -> list[str]:
    return [str(i).strip() for i in items or [] if i is not None and str(i).strip()]


# --------------------------------------------------------------------------- objectives


def _indicator(ind: Mapping[str, Any], partners: Partners) -> dict[str, Any]:
    unit = ind.get("unite")
    initial = _value(ind.get("valeur_initiale"), unit)
    target = _value(ind.get("valeur_cible"), unit)
    if initial and target:
        # « 0 → 5 jours »: the unit once, on the target (« 0 jours » would be wrong French).
        bare = nombre(ind["valeur_initiale"])
        evolution = (
            f"{bare} → {target}"
            if unit and unit.strip() not in ("%", "€")
            else (f"{initial} → {target}")
        )
    elif target:
        evolution = f"Cible{COLON} {target}"
    elif initial:
        evolution = f"Situation de départ{COLON} {initial}"
    else:
        evolution = "Appréciation qualitative" if ind.get("type") == "qualitatif" else DASH
    return {
        "libelle": ind["libelle"],
        "type": label("type_indicateur", ind.get("type"), capital=True),
        "valeur_initiale": initial or DASH,
        "valeur_cible": target or DASH,
        "evolution": evolution,
        "frequence": (label("frequence", ind.get("frequence"), capital=True)
                      if ind.get("frequence") else DASH),
        "source": ind.get("source") or DASH,
        "responsable": referenced_name(partners, ind.get("responsable"), short=True) or DASH,
    }


def _objectives(data: Mapping[str, Any], partners: Partners,
                gaps: Mapping[str, Gap]) -> list[dict[str, Any]]:
    actions_by_objective: dict[str, list[str]] = {}
    for action in data.get("plan_action") or []:
        actions_by_objective.setdefault(action["objectif"], []).append(action["intitule"])
    result = []
    for number, obj in enumerate(data.get("objectifs_operationnels") or [], 1):
        actions = actions_by_objective.get(obj["id"], [])
        result.append(
            {
                "id": obj["id"],
                "numero": f"Objectif {number}",
                "intitule": obj["intitule"],
                "description": paragraphes(obj.get("description")),
                "echeance": _date(obj.get("echeance")),
                "echeance_texte": (
                    f"Échéance{COLON} {date_longue(obj['echeance'])}"
                    if obj.get("echeance")
                    else "Échéance non fixée"
                ),
                "indicateurs": [_indicator(i, partners) for i in obj.get("indicateurs") or []],
                "actions": actions,
                # « Action : » before one action, « Actions : » before several (or none yet).
                "actions_titre": plural(len(actions), "Action") if actions else "Actions",
                "actions_texte": (
                    liste(actions) if actions
                    else gaps[f"objectif:{obj['id']}"].marker if f"objectif:{obj['id']}" in gaps
                    else DASH
                ),
            }
        )
    return result


# --------------------------------------------------------------------------- actions


def _financing_lines(
    action: Mapping[str, Any], partners: Partners
) -> list[dict[str, Any]]:
    lines = []
    for item in action.get("financements") or []:
        amount = Decimal(item["montant"])
        lines.append(
            {
                "source": referenced_name(partners, item.get("source"), short=True),
                "source_complete": referenced_name(partners, item.get("source")),
                "montant_valeur": amount,
                "montant": montant(amount),
                "statut_code": item.get("statut"),
                "statut": label("statut_financement", item.get("statut"), capital=True).lower(),
                "texte": (
                    f"{referenced_name(partners, item.get('source'), short=True)}{COLON} "
                    f"{montant(amount)} "
                    f"({label('statut_financement', item.get('statut'), capital=True).lower()})"
                ),
            }
        )
    return lines


def _coverage(need: Decimal | None, totals: Mapping[str, Decimal], missing: Gap | None) -> str:
    funded = sum(totals.values(), _ZERO)
    if need is None:
        return missing.marker if missing else ""
    gap = need - funded
    if not need and not funded:
        return "Pas de besoin financier."
    if gap > 0:
        return f"Reste à trouver{COLON} {montant(gap)}."
    if gap < 0:
        return f"Financements supérieurs au besoin de {montant(-gap)}."
    if totals.get("acquis", _ZERO) == need:
        return "Besoin entièrement couvert par des financements acquis."
    return "Besoin couvert, dont une partie reste à confirmer."


def days_late(action: Mapping[str, Any], deadline: dt.date | None) -> int:
    """How many days after the date butoir the project fixes the action's own period ends (its
    échéance, or its start when it has none), 0 when it does not. An action without dates of
    its own is judged by its tasks, each flagged on its own."""
    end = action.get("echeance") or action.get("date_debut")
    return max(0, -days_before(deadline, end)) if deadline and end else 0


def _late_warning(late: int, deadline: dt.date | None, *, ends: bool = True) -> str:
    """The card's « Attention : l'action se termine 184 jours après la date butoir
    (30/06/2027). »; « commence » for an action dated by its start only."""
    if not late or deadline is None:
        return ""
    verb = "se termine" if ends else "commence"
    return (f"Attention{COLON} l'action {verb} {late} {plural(late, 'jour')} après la date "
            f"butoir ({date_courte(deadline)}).")


def _action(
    number: int,
    action: Mapping[str, Any],
    objectives: Mapping[str, Mapping[str, Any]],
    partners: Partners,
    gaps: Mapping[str, Gap],
    deadline: dt.date | None,
) -> dict[str, Any]:
    lines = _financing_lines(action, partners)
    totals = {s: _ZERO for s in FUNDING_STATUSES}
    for line in lines:
        if line["statut_code"] in totals:
            totals[line["statut_code"]] += line["montant_valeur"]
    need = action.get("besoin_financier")
    need = Decimal(need) if need is not None else None
    contributors = [referenced_name(partners, c, short=True)
                    for c in action.get("contributeurs") or []]
    objective = objectives.get(action["objectif"])
    start, end = action.get("date_debut"), action.get("echeance")
    late = days_late(action, deadline)
    return {
        "id": action["id"],
        "numero": f"Action {number}",
        "intitule": action["intitule"],
        "objectif": objective["intitule"] if objective else str(action["objectif"]),
        "objectif_numero": objective["numero"] if objective else "",
        "pilote": referenced_name(partners, action.get("pilote")),
        "contributeurs": liste(contributors) or DASH,
        "description": paragraphes(action.get("description")),
        "competences_requises": _clean_list(action.get("competences_requises")),
        "competences_manquantes": _clean_list(action.get("competences_manquantes")),
        "ressources": paragraphes(action.get("ressources")),
        "partenaires_a_mobiliser": _clean_list(action.get("partenaires_a_mobiliser")),
        "besoin_financier_valeur": need,
        "a_chiffrer": unpriced(action),
        "besoin_financier": _money(need),
        "financements": lines,
        "a_financements": bool(lines),
        "totaux": {s: montant(v) for s, v in totals.items()},
        "totaux_valeurs": totals,
        "couverture": _coverage(need, totals, gaps.get(f"besoin:{action['id']}")),
        "date_debut": _date(start),
        "echeance": _date(end),
        "periode": (
            f"du {date_courte(start)} au {date_courte(end)}" if start and end else DASH
        ),
        # Ends after the date butoir, as a late task does (the rétroplanning's note names both).
        "apres_butoir": bool(late),
        "alerte_butoir": _late_warning(late, deadline, ends=bool(end)),
        "statut": label("statut_action", action.get("statut") or "a_lancer", capital=True),
        "nombre_taches": len(action.get("taches") or []),
    }


# The action's card as the built-in template sets it (tools/tpl_plan_action.py): its heading in
# 10.5-point bold over the page's 165 mm, paragraphs of description in 10.5 points, then a
# table of two columns (43 and 122 mm, 1.5 mm of margin each side) in 9.5 points. A line of
# Liberation Sans is 1.15 × its size; the text's line spacing is 1.1 of that.
_TEXT_MM, _KEY_MM, _VALUE_MM = 165.0, 43.0 - 3.0, 122.0 - 3.0
_BODY_LINE_MM = 10.5 * 1.15 * 1.1 * MM_PER_PT
_CELL_LINE_MM = 9.5 * 1.15 * MM_PER_PT
_CELL_PARAGRAPH_MM = 40 / 1440 * 25.4  # 20 twips before and after each cell paragraph
_ROW_MM = 80 / 1440 * 25.4  # the table style's cell margins, top and bottom
# A card's keep chain ends at its last row: the same budget as the Gantt chart's actions.
_CARD_ROOM_MM = PAGE_HEIGHT_MM[False] * KEPT_SHARE


def _lines(text: str, width: float, size: float, bold: bool = False) -> int:
    """How many lines ``text`` takes, up to a page's worth (enough to say it does not fit)."""
    return len(wrap(text, width, size, bold, max_lines=80))


def _card_height(card: Mapping[str, Any]) -> float:
    """An estimate, in mm, of the action's heading, description and card: the chain that keeps
    together when the card is printed whole."""
    height = _lines(f"{card['numero']} – {card['intitule']}", _TEXT_MM, 10.5, bold=True) \
        * _BODY_LINE_MM + (200 + 80) / 1440 * 25.4
    for paragraph in card["description"]:
        height += _lines(paragraph, _TEXT_MM, 10.5) * _BODY_LINE_MM + 120 / 1440 * 25.4
    financing = [line["texte"] for line in card["financements"]] or [
        "Aucun financement identifié."]
    rows: list[tuple[str, list[str]]] = [
        ("Objectif", [card["objectif"]]), ("Pilote", [card["pilote"]]),
        ("Contributeurs", [card["contributeurs"]]),
        ("Calendrier", [card["periode"], *([card["alerte_butoir"]] if card["alerte_butoir"]
                                           else [])]),
        ("Statut", [card["statut"]]),
        ("Compétences requises", card["competences_requises"]),
        ("Compétences manquantes", card["competences_manquantes"]),
        ("Ressources", card["ressources"]),
        ("Partenaires à mobiliser", card["partenaires_a_mobiliser"]),
        ("Besoin financier", [card["besoin_financier"]]),
        ("Financements", [*financing, card["couverture"]]),
    ]
    for key, values in rows:
        if not values:
            continue  # an optional row the template leaves out
        key_mm = _lines(key, _KEY_MM, 9.5, bold=True) * _CELL_LINE_MM + _CELL_PARAGRAPH_MM
        value_mm = sum(_lines(value, _VALUE_MM, 9.5) * _CELL_LINE_MM + _CELL_PARAGRAPH_MM
                       for value in values)
        height += max(key_mm, value_mm) + _ROW_MM
    return height


def _financing_summary(actions: list[dict[str, Any]], data: Mapping[str, Any]) -> dict[str, Any]:
    need = sum((a["besoin_financier_valeur"] or _ZERO for a in actions), _ZERO)
    totals = {s: sum((a["totaux_valeurs"][s] for a in actions), _ZERO) for s in FUNDING_STATUSES}
    funded = sum(totals.values(), _ZERO)
    sources: dict[str, dict[str, Decimal]] = {}
    for action in actions:
        for line in action["financements"]:
            entry = sources.setdefault(line["source_complete"],
                                       {s: _ZERO for s in FUNDING_STATUSES})
            if line["statut_code"] in entry:
                entry[line["statut_code"]] += line["montant_valeur"]
    rows = [
        {
            "statut": label("statut_financement", s, capital=True),
            "montant": montant(totals[s]),
            "part": _share(totals[s], need) or DASH,
        }
        for s in FUNDING_STATUSES
    ]
    gap = need - funded
    if gap > 0:
        rows.append(
            {
                "statut": "Non couvert",
                "montant": montant(gap),
                "part": _share(gap, need) or DASH,
            }
        )
    by_source: list[dict[str, Any]] = [
        {
            "source": name,
            "acquis": montant(vals["acquis"]),
            "a_confirmer": montant(vals["sollicite"] + vals["a_solliciter"]),
            "total": montant(sum(vals.values(), _ZERO)),
            "total_valeur": sum(vals.values(), _ZERO),
        }
        for name, vals in sources.items()
    ]
    by_source.sort(key=lambda r: (-r["total_valeur"], r["source"]))
    budget = data.get("budget") or {}
    budget_total = budget.get("total")
    # Actions whose need is not priced yet: « entièrement couvert » would then cover only the
    # priced ones, and the plan must say so.
    to_price = sum(1 for a in actions if a["a_chiffrer"])
    priced = " chiffré" if to_price else ""
    if need and totals["acquis"] >= need:
        summary = (f"Le besoin financier{priced} du plan d'action est entièrement couvert par des "
                   "financements acquis.")
    elif need:
        summary = (
            f"Les financements acquis couvrent {_share(totals['acquis'], need)} du besoin "
            f"financier{priced} du plan d'action."
        )
    else:
        summary = "Aucun besoin financier n'est chiffré dans le plan d'action."
    if need and to_price:
        summary += f" Le besoin {de(counted(to_price, 'action', genre='f'))} reste à chiffrer."
    return {
        "besoin_total_valeur": need,
        "besoin_total": montant(need),
        "totaux": {s: montant(v) for s, v in totals.items()},
        "totaux_valeurs": totals,
        "total_financements": montant(funded),
        "non_couvert": montant(gap) if gap > 0 else "",
        "lignes": rows,
        "par_source": by_source,
        "a_financements": bool(by_source),
        "a_besoin": bool(need),
        "synthese": summary,
        "budget_total": montant(budget_total) if budget_total is not None else "",
    }


# --------------------------------------------------------------------------- rétroplanning


def days_before(deadline: dt.date, day: dt.date) -> int:
    """Days from ``day`` to ``deadline``: positive before it, 0 on it, negative after."""
    return (deadline - day).days


def j_label(days: int) -> str:
    """« J-30 » thirty days before the deadline, « J-0 » on it, « J+5 » five days after."""
    return f"J-{days}" if days >= 0 else f"J+{-days}"


def _tasks(data: Mapping[str, Any], partners: Partners) -> list[dict[str, Any]]:
    tasks = []
    labels = {
        t["id"]: t["libelle"] for a in data.get("plan_action") or [] for t in a.get("taches") or []
    }
    for action in data.get("plan_action") or []:
        for task in action.get("taches") or []:
            deps = [labels.get(d, d) for d in task.get("depend_de") or []]
            tasks.append(
                {
                    "id": task["id"],
                    "libelle": task["libelle"],
                    # The diamond is the milestone mark of the Gantt chart too.
                    "intitule": f"◆ {task['libelle']}" if task.get("jalon") else task["libelle"],
                    "action": action["intitule"],
                    "responsable": referenced_name(partners, task.get("responsable"), short=True),
                    "debut_valeur": task["date_debut"],
                    "fin_valeur": task["date_fin"],
                    "date_debut": date_courte(task["date_debut"]),
                    "date_fin": date_courte(task["date_fin"]),
                    "jalon": bool(task.get("jalon")),
                    "dependances": deps,
                    "dependances_texte": (
                        f"Après{COLON} {liste(quote(d) for d in deps)}" if deps else ""
                    ),
                }
            )
    tasks.sort(key=lambda t: (t["debut_valeur"], t["fin_valeur"], t["libelle"]))
    return tasks


def _gantt_lines(data: Mapping[str, Any], partners: Partners,
                 deadline: dt.date, fixed: dt.date | None) -> list[Line]:
    """Each action (its own dates, or those of its tasks) followed by its tasks by date; an
    action whose own period ends after the date butoir the project fixes is late, as a task."""
    lines: list[Line] = []
    for number, action in enumerate(data.get("plan_action") or [], 1):
        tasks = sorted(action.get("taches") or [],
                       key=lambda t: (t["date_debut"], t["date_fin"], t["libelle"]))
        start = action.get("date_debut") or min((t["date_debut"] for t in tasks), default=None)
        end = action.get("echeance") or max((t["date_fin"] for t in tasks), default=None)
        lines.append(Line(
            f"Action {number} – {action['intitule']}",
            referenced_name(partners, action.get("pilote"), short=True),
            start, end or start, j_label(days_before(deadline, end)) if end else DASH,
            action=True, late=days_late(action, fixed) > 0))
        for task in tasks:
            days = days_before(deadline, task["date_fin"])
            lines.append(Line(
                task["libelle"], referenced_name(partners, task.get("responsable"), short=True),
                task["date_debut"], task["date_fin"], j_label(days),
                milestone=bool(task.get("jalon")), late=days < 0))
    return lines


def _late_sentence(actions: list[str], tasks: list[str]) -> str:
    """« Attention : l'action « A » et les tâches « X » et « Y » se terminent après la date
    butoir. », or "" when nothing ends after it."""
    groups = [f"{one if len(names) == 1 else several} {liste(quote(n) for n in names)}"
              for one, several, names in (("l'action", "les actions", actions),
                                          ("la tâche", "les tâches", tasks)) if names]
    if not groups:
        return ""
    verb = "se termine" if len(actions) + len(tasks) == 1 else "se terminent"
    return f"Attention{COLON} {liste(groups)} {verb} après la date butoir."


def _retroplanning(data: Mapping[str, Any], partners: Partners,
                   late_actions: list[str]) -> dict[str, Any]:
    tasks = _tasks(data, partners)
    fixed = (data.get("retroplanning") or {}).get("date_butoir")
    deadline = fixed or (max(t["fin_valeur"] for t in tasks) if tasks else None)
    if tasks and deadline:
        for task in tasks:
            n_end = days_before(deadline, task["fin_valeur"])
            n_start = days_before(deadline, task["debut_valeur"])
            task["j"] = j_label(n_end)
            task["j_debut"] = j_label(n_start)
            task["jours_avant_butoir"] = n_end
            task["apres_butoir"] = n_end < 0
            task["echeance_texte"] = f"{task['j']} ({task['date_fin']})"
            task["marque"] = "◆ Jalon" if task["jalon"] else ""
    late = [t["libelle"] for t in tasks if t.get("apres_butoir")]
    lines = _gantt_lines(data, partners, deadline, fixed) if tasks and deadline else []
    # The chart counts an action from its own end too: « J+152 » is printed whenever an action
    # or a task ends after the deadline, and the note explains it then (juriste-8).
    meaning = (f"{quote('J-30')} signifie qu'une action ou une tâche doit être terminée trente "
               "jours avant cette date")
    if deadline and any(line.end and line.end > deadline for line in lines):
        meaning += f"{SEMI} {quote('J+30')}, qu'elle se termine trente jours après"
    if fixed:
        note = f"Date butoir{COLON} {date_longue(fixed)}. {meaning}."
    elif deadline:
        # No field name here: the plan is signed, its reader is not the one who fills the file.
        note = (
            "Sans date butoir fixée, les décomptes partent de la fin de la dernière tâche, le "
            f"{date_longue(deadline)}{COLON} {meaning}."
        )
    else:
        note = ""
    if late or late_actions:
        note += " " + _late_sentence(late_actions, late)
    # Only a date butoir the project fixes is framed in the chart (and named in its legend):
    # the end of the last task is a reference for counting days, not a deadline.
    gantt = gantt_chart(lines, fixed or None) if lines else None
    return {
        "date_butoir": date_courte(deadline) if deadline else "",
        "date_butoir_longue": date_longue(deadline) if deadline else "",
        "butoir_fixe": bool(fixed),
        "note": note.strip(),
        "taches": tasks,
        "a_taches": bool(tasks),
        "jalons": [t for t in tasks if t["jalon"]],
        "apres_butoir": late,
        "actions_apres_butoir": late_actions,
        # The Gantt chart, a table; `paysage`: it needs a landscape page (over 14 months).
        "image": gantt.table if gantt else None,
        "paysage": bool(gantt and gantt.landscape),
    }


def plan_context(data: Mapping[str, Any], *,
                 gaps: Mapping[str, Gap] | None = None) -> dict[str, Any]:
    """Everything the « plan d'action » document shows, as printable values, the Gantt chart
    of the rétroplanning included (a `context.picture.Table`)."""
    partners = partners_by_id(data)
    gaps = gaps_by_code(data) if gaps is None else gaps
    objectives = _objectives(data, partners, gaps)
    by_id = {o["id"]: o for o in objectives}
    fixed = (data.get("retroplanning") or {}).get("date_butoir")
    actions = [
        _action(n, a, by_id, partners, gaps, fixed)
        for n, a in enumerate(data.get("plan_action") or [], 1)
    ]
    for action in actions:
        # The card keeps whole on a page when one can hold it (the template then prints its
        # kept version); a longer one may break between its rows, its header row repeated.
        action["tient_sur_une_page"] = _card_height(action) <= _CARD_ROOM_MM
    without_action = [o["intitule"] for o in objectives if not o["actions"]]
    return {
        "objectifs": objectives,
        "actions": actions,
        "a_actions": bool(actions),
        "objectifs_sans_action": without_action,
        "retroplanning_manque": gaps["taches"].marker if "taches" in gaps else "",
        "financement": _financing_summary(actions, data),
        "retroplanning": _retroplanning(
            data, partners, [a["intitule"] for a in actions if a["apres_butoir"]]),
    }
