"""Where does a cooperation project stand on the trame méthodologique, and what is missing?

The trame (``data/trame.yaml``) has ten steps, each with objectives, means and resources. For
each step a check reads the project data and lists what is done (``faits``) and what is missing
(``manques``), naming the project's own partners, objectives and actions; the status follows:
nothing missing → ``fait``, nothing done → ``a_faire``, else ``en_cours``. The means suggested
next are the memo's means that the gaps point to.

Collectives fill their file step by step, so a project that does not validate yet still gets its
report: the checks then read the raw YAML data (``source.read_source``) and every access is
defensive; the validation problems are listed under the step their field belongs to.

``report_to_dict(report)`` is the stable JSON shape (also documented in docs/progression.md)::

    {"projet": str, "fichier": str, "lisible": bool, "valide": bool,
     "resume": {"fait": int, "en_cours": int, "a_faire": int,
                "erreurs": int, "avertissements": int},
     "etapes": [{"id": str, "numero": int, "titre": str,
                 "statut": "fait" | "en_cours" | "a_faire", "statut_libelle": str,
                 "objectifs": [str], "faits": [str], "manques": [str],
                 "prochains_moyens": [str], "ressources": [str],
                 "problemes": [Problem.to_dict()]}],
     "problemes": [Problem.to_dict()]}

``problemes`` at the top holds what belongs to no step (unreadable file, unknown top-level key);
``Problem.to_dict()`` has the keys gravite, code, fichier, ligne, colonne, emplacement, chemin,
message, suggestion.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import yaml

from coopdocs.errors import Problem, SourceError, sort_key
from coopdocs.parties import label

__all__ = ["Report", "Step", "StepStatus", "evaluate", "progress", "report_to_dict", "trame"]

TRAME_PATH = Path(__file__).parent / "data" / "trame.yaml"
Statut = Literal["fait", "en_cours", "a_faire"]
STATUT_LIBELLES: dict[str, str] = {"fait": "fait", "en_cours": "en cours", "a_faire": "à faire"}
OBJECTIF_COMMUN_MAX = 400
# Roles that only watch or back the project: no internal mobilisation or contribution expected.
_OUTSIDE_ROLES = frozenset({"soutien", "observateur"})


@dataclass(frozen=True)
class Step:
    """One step of the trame méthodologique, as the memo describes it."""

    id: str
    numero: int
    titre: str
    objectifs: tuple[str, ...]
    moyens: tuple[str, ...]
    ressources: tuple[str, ...]


@functools.cache
def trame() -> tuple[Step, ...]:
    """The ten steps of ``data/trame.yaml``, in the memo's order (loaded once)."""
    with TRAME_PATH.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    return tuple(
        Step(id=s["id"], numero=int(s["numero"]), titre=s["titre"],
             objectifs=tuple(s["objectifs"]), moyens=tuple(s["moyens"]),
             ressources=tuple(s["ressources"]))
        for s in raw["etapes"]
    )


@dataclass
class StepStatus:
    """Where the project stands on one step."""

    id: str
    numero: int
    titre: str
    statut: Statut
    objectifs: list[str]
    faits: list[str]
    manques: list[str]
    prochains_moyens: list[str]
    ressources: list[str]
    problemes: list[Problem] = field(default_factory=list)

    @property
    def statut_libelle(self) -> str:
        return STATUT_LIBELLES[self.statut]


@dataclass
class Report:
    """The progress report of one project file."""

    nom: str
    fichier: str
    lisible: bool  # False: the YAML could not be read at all (see `problemes`)
    valide: bool
    etapes: list[StepStatus]
    problemes: list[Problem] = field(default_factory=list)  # attached to no step

    @property
    def resume(self) -> dict[str, int]:
        every = self.problemes + [p for s in self.etapes for p in s.problemes]
        counts = {s: sum(1 for e in self.etapes if e.statut == s) for s in STATUT_LIBELLES}
        counts["erreurs"] = sum(1 for p in every if p.is_error)
        counts["avertissements"] = sum(1 for p in every if not p.is_error)
        return counts


def report_to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data; its shape is documented in the module docstring."""
    return {
        "projet": report.nom,
        "fichier": report.fichier,
        "lisible": report.lisible,
        "valide": report.valide,
        "resume": report.resume,
        "etapes": [
            {"id": s.id, "numero": s.numero, "titre": s.titre, "statut": s.statut,
             "statut_libelle": s.statut_libelle, "objectifs": list(s.objectifs),
             "faits": list(s.faits), "manques": list(s.manques),
             "prochains_moyens": list(s.prochains_moyens), "ressources": list(s.ressources),
             "problemes": [p.to_dict() for p in s.problemes]}
            for s in report.etapes
        ],
        "problemes": [p.to_dict() for p in report.problemes],
    }


# --- entry points ----------------------------------------------------------------------------


def progress(path: str | os.PathLike[str]) -> Report:
    """The progress report of a project file. Never raises for a user's file.

    A valid project is read normalised; an invalid one from its raw YAML, with its problems
    under their steps; a file that cannot be read as YAML gives a report with ``lisible`` False,
    no steps and the `SourceError` problems at the top.
    """
    from coopdocs.load import check_project
    from coopdocs.source import read_source

    file = os.fspath(path)
    project, problems = check_project(path)
    if project is not None:
        return evaluate(project.data, file, problems, valide=True)
    try:
        source = read_source(path)
    except SourceError as error:
        return Report(nom=Path(file).stem, fichier=file, lisible=False, valide=False,
                      etapes=[], problemes=sorted(error.problems, key=sort_key))
    data = source.data if isinstance(source.data, dict) else {}
    return evaluate(data, file, problems, valide=False)


def evaluate(data: dict[str, Any], file: str, problems: Iterable[Problem] = (), *,
             valide: bool) -> Report:
    """The report for project data already read (normalised when ``valide``, raw otherwise).

    ``build`` can call it with ``project.data`` and ``project.warnings`` to avoid a second read.
    """
    by_step: dict[str | None, list[Problem]] = {}
    for problem in problems:
        by_step.setdefault(_step_of(problem), []).append(problem)
    nom = _text(_map(data.get("projet")).get("nom")) or Path(file).stem
    steps = [_evaluate_step(step, data, by_step.get(step.id, []), strict=valide)
             for step in trame()]
    return Report(nom=nom, fichier=file, lisible=True, valide=valide, etapes=steps,
                  problemes=by_step.get(None, []))


# --- attributing validation problems to steps -------------------------------------------------

_STEP_OF_KEY = {
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
_STEP_OF_CODE = {"signataire-sans-instance": "gouvernance", "objectif-sans-action": "plan_action"}
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
    return _STEP_OF_KEY.get(path[0])


# --- defensive access: raw data may hold any type anywhere ------------------------------------


def _map(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value.strip()
    # A number typed where text is expected still says something; a list or a mapping does not.
    return str(value) if isinstance(value, int | float | Decimal) and not isinstance(
        value, bool) else ""


def _texts(value: Any) -> list[str]:
    if isinstance(value, str):  # a single string where a list is expected still says something
        value = [value]
    return [t for t in (_text(v) for v in value) if t] if isinstance(value, list) else []


def _code(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def _date(value: Any) -> date | None:
    from coopdocs.schema import fmt_date

    parsed = fmt_date(value) if value is not None else None
    return parsed if isinstance(parsed, date) else None


def _amount(value: Any) -> Decimal | None:
    from coopdocs.schema import fmt_montant

    parsed = fmt_montant(value) if value is not None and not isinstance(value, bool) else None
    return parsed if isinstance(parsed, Decimal) else None


def _q(text: Any) -> str:
    return f"« {text} »"


def _partners(data: dict[str, Any]) -> list[dict[str, Any]]:
    return _dicts(data.get("partenaires"))


def _plabel(partner: dict[str, Any]) -> str:
    """How people name a partner: its sigle (« AIC »), else its raison sociale, else its id."""
    for key in ("sigle", "raison_sociale", "id"):
        if text := _text(partner.get(key)):
            return text
    return "un partenaire sans nom"


def _names(data: dict[str, Any]) -> dict[str, str]:
    return {p["id"]: _plabel(p) for p in _partners(data) if _code(p.get("id"))}


def _label(kind: str, code: Any) -> str:
    return label(kind, code) if isinstance(code, str) else ""


def _signs(partner: dict[str, Any], flag: str) -> bool:
    value = partner.get(flag)
    if isinstance(value, bool):
        return value
    return flag == "signataire_charte" or partner.get("role") not in _OUTSIDE_ROLES


def _decisive(instance: dict[str, Any]) -> bool:
    from coopdocs.schema import NON_DECISION_INSTANCES

    value = instance.get("decisionnelle")
    return value if isinstance(value, bool) else instance.get("type") not in NON_DECISION_INSTANCES


def _entry_label(entry: dict[str, Any], keys: tuple[str, ...], position: int) -> str:
    for key in keys:
        if text := _text(entry.get(key)):
            return _q(text)
    return f"n° {position + 1}"


# --- the findings of one step -----------------------------------------------------------------


class _Findings:
    """What a check found: facts, gaps (each pointing to memo means), extra advice."""

    def __init__(self) -> None:
        self.faits: list[str] = []
        self.manques: list[str] = []
        self.moyens: list[int] = []  # memo means (positions in trame.yaml) the gaps call for
        self.conseils: list[int | str] = []  # suggested even when the step is done

    def ok(self, text: str) -> None:
        self.faits.append(text)

    def gap(self, text: str, *moyens: int) -> None:
        self.manques.append(text)
        self.moyens.extend(moyens)

    def suggest(self, *advice: int | str) -> None:
        self.conseils.extend(advice)


Check = Callable[[dict[str, Any], _Findings], None]


def _evaluate_step(step: Step, data: dict[str, Any], problems: list[Problem], *,
                   strict: bool) -> StepStatus:
    from coopdocs import method_checks

    found = _Findings()
    check: Check = getattr(method_checks, f"check_{step.id}")
    try:
        check(data, found)
    except (TypeError, ValueError, AttributeError, KeyError, ArithmeticError):
        if strict:
            raise  # normalised data must never trip a check: that is a bug to see
        found.gap("cette étape n'a pas pu être analysée : corrigez d'abord les erreurs signalées "
                  "ci-dessous")
    errors = sum(1 for p in problems if p.is_error)
    if errors:
        found.gap(f"{errors} erreur{'s' if errors > 1 else ''} à corriger dans le fichier pour "
                  "cette étape (détail ci-dessous)")
    if not found.manques:
        statut: Statut = "fait"
    else:
        statut = "en_cours" if found.faits else "a_faire"
    return StepStatus(
        id=step.id, numero=step.numero, titre=step.titre, statut=statut,
        objectifs=list(step.objectifs), faits=found.faits, manques=found.manques,
        prochains_moyens=_next_means(step, found, statut), ressources=list(step.ressources),
        problemes=sorted(problems, key=sort_key),
    )


def _next_means(step: Step, found: _Findings, statut: Statut) -> list[str]:
    wanted = set() if statut == "fait" else set(found.moyens)
    if statut == "a_faire" and not wanted:
        wanted = set(range(len(step.moyens)))
    wanted |= {i for i in found.conseils if isinstance(i, int)}
    means = [m for i, m in enumerate(step.moyens) if i in wanted]
    extra = [c for c in found.conseils if isinstance(c, str) and c not in means]
    return means + extra
