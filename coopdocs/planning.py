"""Context of the « plan d'action » document: objectives and indicators, actions, financing and
the rétroplanning (domain.md §7, trame méthodologique « Définition du plan d'action » and
« Planifier les actions »).

``plan_context`` takes the normalised project data (``Project.data``) and returns printable
French values only (no ``None``; every key always present); ``project.build_context`` puts it
under ``plan``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from coopdocs import formatting as fmt
from coopdocs.governance import COLON, DASH, NBSP, label, partner_name, partner_short

__all__ = ["days_before", "j_label", "plan_context"]

_ZERO = Decimal("0.00")
_STATUTS = ("acquis", "sollicite", "a_solliciter")


def _partners(data: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    return {p["id"]: p for p in data.get("partenaires") or []}


def _name(partners: Mapping[str, Mapping[str, Any]], ref: str | None, short: bool = True) -> str:
    if not ref:
        return ""
    partner = partners.get(ref)
    if partner is None:
        return str(ref)  # free text, e.g. a financing source that is not a partner
    return partner_short(partner) if short else partner_name(partner)


def _date(value: dt.date | None) -> str:
    return fmt.date_courte(value) if value else DASH


def _money(value: Decimal | None) -> str:
    return fmt.montant(value) if value is not None else DASH


def _value(value: Decimal | None, unit: str | None) -> str:
    if value is None:
        return ""
    number = fmt.nombre(value)
    if not unit:
        return number
    return f"{number}{NBSP}{unit}" if unit.strip() in ("%", "€") else f"{number} {unit}"


def _share(part: Decimal, whole: Decimal) -> str:
    return fmt.pourcentage(part * 100 / whole) if whole else ""


def _quote(text: str) -> str:
    """« text » with the no-break spaces French typography wants inside the quotes."""
    return f"«{NBSP}{text}{NBSP}»"


def _clean_list(items: Any) -> list[str]:
    return [str(i).strip() for i in items or [] if i is not None and str(i).strip()]


# --------------------------------------------------------------------------- objectives


def _indicator(ind: Mapping[str, Any], partners: Mapping[str, Mapping[str, Any]]) -> dict:
    unit = ind.get("unite")
    initial = _value(ind.get("valeur_initiale"), unit)
    target = _value(ind.get("valeur_cible"), unit)
    if initial and target:
        # « 0 → 5 jours »: the unit once, on the target (« 0 jours » would be wrong French).
        bare = fmt.nombre(ind["valeur_initiale"])
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
        "type": label("type_indicateur", ind.get("type")),
        "valeur_initiale": initial or DASH,
        "valeur_cible": target or DASH,
        "evolution": evolution,
        "frequence": label("frequence", ind.get("frequence")) if ind.get("frequence") else DASH,
        "source": ind.get("source") or DASH,
        "responsable": _name(partners, ind.get("responsable")) or DASH,
    }


def _objectives(data: Mapping[str, Any], partners: Mapping[str, Mapping[str, Any]]) -> list:
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
                "description": fmt.paragraphes(obj.get("description")),
                "echeance": _date(obj.get("echeance")),
                "echeance_texte": (
                    f"Échéance{COLON} {fmt.date_longue(obj['echeance'])}"
                    if obj.get("echeance")
                    else "Échéance non fixée"
                ),
                "indicateurs": [_indicator(i, partners) for i in obj.get("indicateurs") or []],
                "actions": actions,
                "actions_texte": (
                    fmt.liste(actions) if actions else "aucune action n'y est encore rattachée"
                ),
            }
        )
    return result


# --------------------------------------------------------------------------- actions


def _financing_lines(
    action: Mapping[str, Any], partners: Mapping[str, Mapping[str, Any]]
) -> list[dict]:
    lines = []
    for item in action.get("financements") or []:
        amount = Decimal(item["montant"])
        lines.append(
            {
                "source": _name(partners, item.get("source")),
                "source_complete": _name(partners, item.get("source"), short=False),
                "montant_valeur": amount,
                "montant": fmt.montant(amount),
                "statut_code": item.get("statut"),
                "statut": label("statut_financement", item.get("statut")).lower(),
                "texte": (
                    f"{_name(partners, item.get('source'))}{COLON} {fmt.montant(amount)} "
                    f"({label('statut_financement', item.get('statut')).lower()})"
                ),
            }
        )
    return lines


def _coverage(need: Decimal | None, totals: Mapping[str, Decimal]) -> str:
    funded = sum(totals.values(), _ZERO)
    if need is None:
        return "Besoin financier non chiffré." if not funded else ""
    gap = need - funded
    if not need and not funded:
        return "Pas de besoin financier."
    if gap > 0:
        return f"Reste à trouver{COLON} {fmt.montant(gap)}."
    if gap < 0:
        return f"Financements supérieurs au besoin de {fmt.montant(-gap)}."
    if totals.get("acquis", _ZERO) == need:
        return "Besoin entièrement couvert par des financements acquis."
    return "Besoin couvert, dont une partie reste à confirmer."


def _action(
    number: int,
    action: Mapping[str, Any],
    objectives: Mapping[str, Mapping[str, Any]],
    partners: Mapping[str, Mapping[str, Any]],
) -> dict:
    lines = _financing_lines(action, partners)
    totals = {s: _ZERO for s in _STATUTS}
    for line in lines:
        if line["statut_code"] in totals:
            totals[line["statut_code"]] += line["montant_valeur"]
    need = action.get("besoin_financier")
    need = Decimal(need) if need is not None else None
    contributors = [_name(partners, c) for c in action.get("contributeurs") or []]
    objective = objectives.get(action["objectif"])
    start, end = action.get("date_debut"), action.get("echeance")
    return {
        "id": action["id"],
        "numero": f"Action {number}",
        "intitule": action["intitule"],
        "objectif": objective["intitule"] if objective else str(action["objectif"]),
        "objectif_numero": objective["numero"] if objective else "",
        "pilote": _name(partners, action.get("pilote"), short=False),
        "contributeurs": fmt.liste(contributors) or DASH,
        "description": fmt.paragraphes(action.get("description")),
        "competences_requises": _clean_list(action.get("competences_requises")),
        "competences_manquantes": _clean_list(action.get("competences_manquantes")),
        "ressources": fmt.paragraphes(action.get("ressources")),
        "partenaires_a_mobiliser": _clean_list(action.get("partenaires_a_mobiliser")),
        "besoin_financier_valeur": need,
        "besoin_financier": _money(need),
        "financements": lines,
        "a_financements": bool(lines),
        "totaux": {s: fmt.montant(v) for s, v in totals.items()},
        "totaux_valeurs": totals,
        "couverture": _coverage(need, totals),
        "date_debut": _date(start),
        "echeance": _date(end),
        "periode": (
            f"du {fmt.date_courte(start)} au {fmt.date_courte(end)}" if start and end else DASH
        ),
        "statut": label("statut_action", action.get("statut") or "a_lancer"),
        "nombre_taches": len(action.get("taches") or []),
    }


def _financing_summary(actions: list[dict], data: Mapping[str, Any]) -> dict:
    need = sum((a["besoin_financier_valeur"] or _ZERO for a in actions), _ZERO)
    totals = {s: sum((a["totaux_valeurs"][s] for a in actions), _ZERO) for s in _STATUTS}
    funded = sum(totals.values(), _ZERO)
    sources: dict[str, dict[str, Decimal]] = {}
    for action in actions:
        for line in action["financements"]:
            entry = sources.setdefault(line["source_complete"], {s: _ZERO for s in _STATUTS})
            if line["statut_code"] in entry:
                entry[line["statut_code"]] += line["montant_valeur"]
    rows = [
        {
            "statut": label("statut_financement", s),
            "montant": fmt.montant(totals[s]),
            "part": _share(totals[s], need) or DASH,
        }
        for s in _STATUTS
    ]
    gap = need - funded
    if gap > 0:
        rows.append(
            {
                "statut": "Non couvert",
                "montant": fmt.montant(gap),
                "part": _share(gap, need) or DASH,
            }
        )
    by_source = [
        {
            "source": name,
            "acquis": fmt.montant(vals["acquis"]),
            "a_confirmer": fmt.montant(vals["sollicite"] + vals["a_solliciter"]),
            "total": fmt.montant(sum(vals.values(), _ZERO)),
            "total_valeur": sum(vals.values(), _ZERO),
        }
        for name, vals in sources.items()
    ]
    by_source.sort(key=lambda r: (-r["total_valeur"], r["source"]))
    budget = data.get("budget") or {}
    budget_total = budget.get("total")
    if need and totals["acquis"] >= need:
        summary = "Le besoin financier du plan d'action est entièrement couvert par des "
        summary += "financements acquis."
    elif need:
        summary = (
            f"Les financements acquis couvrent {_share(totals['acquis'], need)} du besoin "
            "financier du plan d'action."
        )
    else:
        summary = "Aucun besoin financier n'est chiffré dans le plan d'action."
    return {
        "besoin_total_valeur": need,
        "besoin_total": fmt.montant(need),
        "totaux": {s: fmt.montant(v) for s, v in totals.items()},
        "totaux_valeurs": totals,
        "total_financements": fmt.montant(funded),
        "non_couvert": fmt.montant(gap) if gap > 0 else "",
        "lignes": rows,
        "par_source": by_source,
        "a_financements": bool(by_source),
        "a_besoin": bool(need),
        "synthese": summary,
        "budget_total": fmt.montant(budget_total) if budget_total is not None else "",
    }


# --------------------------------------------------------------------------- rétroplanning


def days_before(deadline: dt.date, day: dt.date) -> int:
    """Days from ``day`` to ``deadline``: positive before it, 0 on it, negative after."""
    return (deadline - day).days


def j_label(days: int) -> str:
    """« J-30 » thirty days before the deadline, « J-0 » on it, « J+5 » five days after."""
    return f"J-{days}" if days >= 0 else f"J+{-days}"


def _tasks(data: Mapping[str, Any], partners: Mapping[str, Mapping[str, Any]]) -> list[dict]:
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
                    "responsable": _name(partners, task.get("responsable")),
                    "debut_valeur": task["date_debut"],
                    "fin_valeur": task["date_fin"],
                    "date_debut": fmt.date_courte(task["date_debut"]),
                    "date_fin": fmt.date_courte(task["date_fin"]),
                    "jalon": bool(task.get("jalon")),
                    "dependances": deps,
                    "dependances_texte": (
                        f"Après{COLON} {fmt.liste(_quote(d) for d in deps)}" if deps else ""
                    ),
                }
            )
    tasks.sort(key=lambda t: (t["debut_valeur"], t["fin_valeur"], t["libelle"]))
    return tasks


def _retroplanning(data: Mapping[str, Any], partners: Mapping[str, Mapping[str, Any]],
                   draw_charts: bool) -> dict:
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
    if fixed:
        note = (
            f"Date butoir{COLON} {fmt.date_longue(fixed)}. {_quote('J-30')} signifie qu'une "
            "tâche doit être terminée trente jours avant cette date."
        )
    elif deadline:
        note = (
            f"Aucune date butoir n'est fixée dans le projet (rubrique {_quote('retroplanning')})"
            f"{COLON} les décomptes partent de la fin de la dernière tâche, le "
            f"{fmt.date_longue(deadline)}."
        )
    else:
        note = ""
    if late:
        note += (
            f" Attention{COLON} {fmt.liste(_quote(t) for t in late)} "
            f"{'se termine' if len(late) == 1 else 'se terminent'} après la date butoir."
        )
    image = None
    if tasks:
        from coopdocs import charts, render

        gantt_png = charts.gantt_png if draw_charts else charts.sketch_png
        png = gantt_png(
            [
                {
                    "libelle": t["libelle"],
                    "groupe": t["action"],
                    "date_debut": t["debut_valeur"],
                    "date_fin": t["fin_valeur"],
                    "jalon": t["jalon"],
                    "responsable": t["responsable"],
                }
                for t in tasks
            ],
            deadline=deadline,
        )
        image = render.Image(png, width_mm=170)
    return {
        "date_butoir": fmt.date_courte(deadline) if deadline else "",
        "date_butoir_longue": fmt.date_longue(deadline) if deadline else "",
        "butoir_fixe": bool(fixed),
        "note": note.strip(),
        "taches": tasks,
        "a_taches": bool(tasks),
        "jalons": [t for t in tasks if t["jalon"]],
        "apres_butoir": late,
        "image": image,
    }


def plan_context(data: Mapping[str, Any], *, draw_charts: bool = True) -> dict:
    """Everything the « plan d'action » document shows, as printable values.

    ``draw_charts=False``: a placeholder instead of the Gantt picture (see stakeholders_context).
    """
    partners = _partners(data)
    objectives = _objectives(data, partners)
    by_id = {o["id"]: o for o in objectives}
    actions = [
        _action(n, a, by_id, partners) for n, a in enumerate(data.get("plan_action") or [], 1)
    ]
    without_action = [o["intitule"] for o in objectives if not o["actions"]]
    return {
        "objectifs": objectives,
        "actions": actions,
        "a_actions": bool(actions),
        "objectifs_sans_action": without_action,
        "objectifs_sans_action_texte": (
            f"Objectif{'s' if len(without_action) > 1 else ''} sans action pour l'instant"
            f"{COLON} {fmt.liste(without_action)}."
            if without_action and actions
            else ""
        ),
        "financement": _financing_summary(actions, data),
        "retroplanning": _retroplanning(data, partners, draw_charts),
    }
