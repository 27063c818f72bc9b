"""Rule 4 of MODELE.md: dates in order, and task dependencies (depend_de) that can be followed.

Dates are compared as days: an action may end the day it starts, and a task may start the day
the task it depends on ends ("on/after").
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from coopdocs.check.rules.base import error, inputs, items, mapping
from coopdocs.check.schema import schema_rules
from coopdocs.check.values import add_months
from coopdocs.errors import FieldPath, Problem
from coopdocs.french.dates import date_courte
from coopdocs.french.figures import nombre
from coopdocs.french.names import message_name


@inputs(reads=("projet.date_debut", "projet.date_fin", "projet.duree_mois",
                "plan_action[].date_debut", "plan_action[].echeance",
                "plan_action[].taches[].date_debut", "plan_action[].taches[].date_fin",
                "partenaires[].conventionnement.date_debut",
                "partenaires[].conventionnement.date_fin"))
def check_dates(data: dict[str, Any]) -> list[Problem]:
    return [*_project_dates(data), *_action_and_task_dates(data), *_agreement_dates(data)]


def _order_error(path: FieldPath, what: str, start: date, end: date, expected: str) -> Problem:
    return error(
        "dates-ordre",
        path,
        f"{what} : la fin ({date_courte(end)}) est avant le début ({date_courte(start)}).",
        f"Ordre attendu : {expected}. Corrigez l'une des deux dates.",
    )


def _project_dates(data: dict[str, Any]) -> list[Problem]:
    projet = mapping(data.get("projet"))
    start, end, months = projet.get("date_debut"), projet.get("date_fin"), projet.get("duree_mois")
    if not (isinstance(start, date) and isinstance(end, date)):
        return []
    if end <= start:
        return [
            error(
                "dates-ordre",
                ("projet", "date_fin"),
                f"La date de fin du projet ({date_courte(end)}) doit être postérieure à sa date de "
                f"début ({date_courte(start)}).",
                "Ordre attendu : date_debut < date_fin. Corrigez l'une des deux dates, ou "
                "indiquez plutôt la durée (duree_mois).",
            )
        ]
    # The schema bounds duree_mois; a date_fin far away is the same duration written otherwise
    # (the normaliser derived duree_mois from it), and gets the same limit.
    longest = schema_rules()["projet"]["schema"]["duree_mois"]["max"]
    if isinstance(months, int) and not isinstance(months, bool) and months > longest:
        return [
            error(
                "duree-trop-longue",
                ("projet", "date_fin"),
                f"Du {date_courte(start)} au {date_courte(end)}, le projet durerait "
                f"{nombre(months)} mois, au-delà de la durée maximale de {longest} mois.",
                "Vérifiez l'année de la date de fin ; un partenariat plus long se prévoit par "
                "une reconduction (champ reconduction) ou une nouvelle convention.",
            )
        ]
    # When only one of date_fin/duree_mois was written, the normaliser derived the other, so
    # they agree by construction; a disagreement therefore means both were written.
    if isinstance(months, int) and not isinstance(months, bool):
        expected_end = add_months(start, months) - timedelta(days=1)
        low = add_months(start, months - 1) - timedelta(days=1)
        high = add_months(start, months + 1) - timedelta(days=1)
        if not low <= end <= high:
            return [
                error(
                    "duree-incoherente",
                    ("projet", "duree_mois"),
                    f"La durée ({months} mois) ne correspond pas aux dates du projet : à partir du "
                    f"{date_courte(start)}, {months} mois mènent au "
                    f"{date_courte(expected_end)}, pas au {date_courte(end)}.",
                    "Gardez une seule des deux indications (date_fin ou duree_mois), ou mettez-les "
                    "d'accord (à un mois près).",
                )
            ]
    return []


def _action_and_task_dates(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for i, action in items(data.get("plan_action")):
        start, end = action.get("date_debut"), action.get("echeance")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            problems.append(
                _order_error(
                    ("plan_action", i, "echeance"),
                    f"Action « {action.get('id')} »",
                    start,
                    end,
                    "date_debut ≤ echeance",
                )
            )
        for j, task in items(action.get("taches")):
            start, end = task.get("date_debut"), task.get("date_fin")
            if isinstance(start, date) and isinstance(end, date) and end < start:
                problems.append(
                    _order_error(
                        ("plan_action", i, "taches", j, "date_fin"),
                        f"Tâche « {task.get('id')} »",
                        start,
                        end,
                        "date_debut ≤ date_fin",
                    )
                )
    return problems


def _agreement_dates(data: dict[str, Any]) -> list[Problem]:
    """A partner's conventionnement IAE ends after it starts (a network tracks its renewal)."""
    problems: list[Problem] = []
    for i, partner in items(data.get("partenaires")):
        agreement = mapping(partner.get("conventionnement"))
        start, end = agreement.get("date_debut"), agreement.get("date_fin")
        if isinstance(start, date) and isinstance(end, date) and end < start:
            problems.append(_order_error(
                ("partenaires", i, "conventionnement", "date_fin"),
                f"Conventionnement IAE de {message_name(partner)}", start, end,
                "date_debut ≤ date_fin"))
    return problems


@inputs(reads=("plan_action[].taches[].depend_de", "plan_action[].taches[].date_debut",
                "plan_action[].taches[].date_fin"),
        needs=("plan_action[].taches[].id",))
def check_dependencies(data: dict[str, Any]) -> list[Problem]:
    """depend_de must be acyclic, and a task starts on/after the end of what it waits for."""
    tasks: dict[str, dict[str, Any]] = {}
    # task id → [(dependency id, path of that depend_de entry)], only resolvable dependencies
    edges: dict[str, list[tuple[str, FieldPath]]] = {}
    for i, action in items(data.get("plan_action")):
        for j, task in items(action.get("taches")):
            tid = task.get("id")
            if isinstance(tid, str) and tid not in tasks:
                tasks[tid] = task
                edges[tid] = [
                    (dep, ("plan_action", i, "taches", j, "depend_de", k))
                    for k, dep in items(task.get("depend_de"))
                ]
    for tid in edges:
        edges[tid] = [(dep, path) for dep, path in edges[tid] if dep in tasks]

    problems, in_cycle = _cycles(edges)
    for tid, deps in edges.items():
        start = tasks[tid].get("date_debut")
        for dep, path in deps:
            if tid in in_cycle and dep in in_cycle:
                continue  # already reported as a cycle; dates cannot all be right anyway
            dep_end = tasks[dep].get("date_fin")
            if isinstance(start, date) and isinstance(dep_end, date) and start < dep_end:
                problems.append(
                    error(
                        "dependance-chevauchement",
                        path,
                        f"La tâche « {tid} » commence le {date_courte(start)}, avant la fin de la "
                        f"tâche « {dep} » dont elle dépend ({date_courte(dep_end)}).",
                        f"Faites commencer « {tid} » le {date_courte(dep_end)} ou après, ou "
                        f"retirez « {dep} » de son depend_de.",
                    )
                )
    return problems


def _cycles(edges: dict[str, list[tuple[str, FieldPath]]]) -> tuple[list[Problem], set[str]]:
    """Find dependency loops with an iterative DFS (no recursion limit on long chains)."""
    problems: list[Problem] = []
    seen_cycles: set[tuple[str, ...]] = set()
    in_cycle: set[str] = set()
    state: dict[str, int] = {}  # absent: unvisited, 1: on the current path, 2: done
    for root in edges:
        if root in state:
            continue
        state[root] = 1
        trail = [root]
        stack = [iter(edges[root])]
        while stack:
            for dep, path in stack[-1]:
                if dep not in state:
                    state[dep] = 1
                    trail.append(dep)
                    stack.append(iter(edges[dep]))
                    break
                if state[dep] == 1:
                    loop = trail[trail.index(dep) :]
                    pivot = loop.index(min(loop))
                    key = tuple(loop[pivot:] + loop[:pivot])
                    in_cycle.update(loop)
                    if key not in seen_cycles:
                        seen_cycles.add(key)
                        problems.append(_cycle_error(path, [*loop, dep]))
            else:
                state[trail.pop()] = 2
                stack.pop()
    return problems, in_cycle


def _cycle_error(path: FieldPath, loop: list[str]) -> Problem:
    chain = " → ".join(loop)
    return error(
        "dependance-cycle",
        path,
        f"Les dépendances entre tâches tournent en rond : {chain} (chaque tâche attend la "
        "suivante, aucune ne peut commencer).",
        "Retirez l'une de ces dépendances (depend_de) pour que l'ordre des tâches soit possible.",
    )
