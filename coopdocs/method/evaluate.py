"""Where does a cooperation project stand on the trame méthodologique, and what is missing?

For each of the ten steps (`method.steps`) a check of `method.checks` reads the project data and
lists what is done and what is missing, naming the project's own partners, objectives and
actions; the status follows: nothing missing → ``fait``, nothing done → ``a_faire``, else
``en_cours``. The means suggested next are the memo's means that the gaps point to.

Collectives fill their file step by step, so a project that does not validate yet still gets
its report: the checks then read the raw YAML data and every access is defensive; the
validation problems are listed under the step their field belongs to.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from copy import deepcopy
from pathlib import Path
from typing import Any

from coopdocs.check.project import check_source
from coopdocs.check.rules.placeholders import CODE as PLACEHOLDER
from coopdocs.errors import Problem, SourceError, sort_key
from coopdocs.french.grammar import count, liste
from coopdocs.french.typography import quote
from coopdocs.method import checks
from coopdocs.method.reading import Findings, as_map, text
from coopdocs.method.report import Report, Status, StepStatus
from coopdocs.method.steps import Step, trame
from coopdocs.source.reader import Source, read_source
from coopdocs.source.starter import placeholder_paths
from coopdocs.vocabulary import DOCUMENT_TITLES

__all__ = ["STEP_OF_KEY", "assess", "evaluate", "progress"]


def progress(path: str | os.PathLike[str]) -> Report:
    """The progress report of a project file. Never raises for a user's file.

    A file that cannot be read as YAML gives a report with ``readable`` False, no steps and the
    `SourceError` problems at the top.
    """
    file = os.fspath(path)
    try:
        source = read_source(path)
    except SourceError as error:
        return Report(name=Path(file).stem, file=file, readable=False, valid=False, steps=[],
                      problems=sorted(error.problems, key=sort_key))
    return assess(source)


def assess(source: Source) -> Report:
    """The report of a project file already read: normalised data when it is valid, its raw
    data with its problems under their steps otherwise."""
    project, problems = check_source(source)
    if project is not None:
        report = evaluate(project.data, source.path, problems, valid=True)
    else:
        data = source.data if isinstance(source.data, dict) else {}
        report = evaluate(data, source.path, problems, valid=False)
    report.sha256 = source.sha256
    return report


def evaluate(data: dict[str, Any], file: str, problems: Iterable[Problem] = (), *,
             valid: bool) -> Report:
    """The report for project data already read (normalised when ``valid``, raw otherwise).

    The starter's example values count as not written: a step that holds only those is « à
    faire », and each one left is named among the step's gaps.
    """
    data = _without_placeholders(data)
    by_step: dict[str | None, list[Problem]] = {}
    for problem in problems:
        by_step.setdefault(_step_of(problem), []).append(problem)
    name = text(as_map(data.get("projet")).get("nom")) or Path(file).stem
    steps = [_evaluate_step(step, data, by_step.get(step.id, []), strict=valid)
             for step in trame()]
    return Report(name=name, file=file, readable=True, valid=valid, steps=steps,
                  problems=by_step.get(None, []))


def _without_placeholders(data: dict[str, Any]) -> dict[str, Any]:
    """A copy of `data` without the starter's example values (list items dropped)."""
    paths = placeholder_paths(data)
    if not paths:
        return data
    copy = deepcopy(data)
    for path in sorted(paths, key=lambda p: [str(x).zfill(9) for x in p], reverse=True):
        parent: Any = copy
        for part in path[:-1]:
            parent = parent[part]
        if isinstance(parent, list) and isinstance(path[-1], int):
            del parent[path[-1]]
        else:
            parent[path[-1]] = None
    return copy


# --- attributing validation problems to steps -------------------------------------------------

STEP_OF_KEY = {
    "ecosysteme": "ecosysteme", "projet": "initiation", "mobilisation": "mobilisation",
    "partenaires": "perimetre", "objectif_commun": "objectif_commun",
    "valeurs": "objectif_commun", "principes": "objectif_commun",
    "engagements": "objectif_commun", "enjeux_partages": "enjeux",
    "objectifs_operationnels": "objectifs_operationnels", "plan_action": "plan_action",
    "retroplanning": "plan_action", "budget": "plan_action",
    "statut_juridique": "statut_juridique", "clauses": "statut_juridique",
    "gouvernance": "gouvernance", "parties_prenantes": "gouvernance",
}
# Rules whose path names one block but whose remedy belongs to another step.
# The money of the pack (apports, financements, budget) is settled with the plan d'action.
_STEP_OF_CODE = {"signataire-sans-instance": "gouvernance", "objectif-sans-action": "plan_action",
                 "argent-incoherent": "plan_action", "budget-incoherent": "plan_action",
                 "apport-non-acquis": "plan_action"}
# The warning a document gap gives (check.rules.gaps): the step counts it as missing.
GAP_CODE = "document-a-completer"
# The signature belongs to the formalisation of the cooperation, not to its initiation.
_SIGNATURE_FIELDS = frozenset({"lieu_signature", "date_signature"})


def _step_of(problem: Problem) -> str | None:
    if problem.code in _STEP_OF_CODE:
        return _STEP_OF_CODE[problem.code]
    path = problem.path
    if not path or not isinstance(path[0], str):
        return None
    if path[0] == "projet" and len(path) > 1 and path[1] in _SIGNATURE_FIELDS:
        return "statut_juridique"
    return STEP_OF_KEY.get(path[0])


# --- one step -----------------------------------------------------------------------------------

Check = Callable[[dict[str, Any], Findings], None]
_SHOWN = 3  # example values named in a step's gap; the problems below list them all


def _evaluate_step(step: Step, data: dict[str, Any], problems: list[Problem], *,
                   strict: bool) -> StepStatus:
    found = Findings()
    check: Check = getattr(checks, f"check_{step.id}")
    try:
        check(data, found)
    except (TypeError, ValueError, AttributeError, KeyError, ArithmeticError):
        if strict:
            raise  # normalised data must never trip a check: that is a bug to see
        found.gap("cette étape n'a pas pu être analysée : corrigez d'abord les erreurs signalées "
                  "ci-dessous")
    problems = _count_document_gaps(problems, found)
    leftovers = [p.dotted_path for p in problems if p.code == PLACEHOLDER]
    if leftovers:
        # The starter's example values are not the project's: the step is not done yet.
        shown = liste([f"« {path} »" for path in leftovers]) if len(leftovers) <= _SHOWN else (
            ", ".join(f"« {path} »" for path in leftovers[:_SHOWN]) + ", …")
        values = count(len(leftovers), "valeur d'exemple", "valeurs d'exemple")
        found.gap(f"{values} du fichier de départ à remplacer : {shown}")
    errors = sum(1 for p in problems if p.is_error and p.code != PLACEHOLDER)
    if errors:
        found.gap(f"{count(errors, 'erreur')} à corriger dans le fichier pour cette étape "
                  "(détail ci-dessous)")
    status: Status = "fait" if not found.missing else "en_cours" if found.done else "a_faire"
    return StepStatus(
        id=step.id, number=step.number, title=step.title, action=step.action, status=status,
        objectives=list(step.objectives), done=found.done, missing=found.missing,
        next_means=_next_means(step, found, status), resources=list(step.resources),
        problems=sorted(problems, key=sort_key),
    )


def _count_document_gaps(problems: list[Problem], found: Findings) -> list[Problem]:
    """Turn the document-gap warnings of the step into gaps of the step; the other problems.

    A document that would print « [À compléter…] » is something missing in this step, not a
    mistake in the file. The step's own check often names the same field with more guidance
    (« la répartition des rôles n'est pas écrite (« gouvernance.roles »…) »): the gap is then
    listed once, in the check's words.
    """
    others = []
    for problem in problems:
        if problem.code != GAP_CODE:
            others.append(problem)
            continue
        field = quote(problem.dotted_path)
        if any(field in missing for missing in found.missing):
            continue
        title = quote(DOCUMENT_TITLES.get(str(problem.extra.get("document")), ""))
        where = (f"avant la signature du document {title}" if problem.extra.get("signature")
                 else f"dans le document {title}")
        found.gap(f"{problem.extra.get('what') or problem.message}, à compléter {where} ({field})")
    return others


def _next_means(step: Step, found: Findings, status: Status) -> list[str]:
    wanted = set() if status == "fait" else set(found.means)
    if status == "a_faire" and not wanted:
        wanted = set(range(len(step.means)))
    wanted |= {i for i in found.advice if isinstance(i, int)}
    means = [m for i, m in enumerate(step.means) if i in wanted]
    extra = [c for c in found.advice if isinstance(c, str) and c not in means]
    return means + extra
