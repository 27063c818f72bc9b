"""The project format: the cerberus schema of `schemas/projet.yaml`, French errors, normalisation.

`validate(data)` checks one project dict against the schema (types, enums, required keys, formats
of dates, amounts, SIRET…) and returns the normalised data of `docs/dev/contrat-interne.md`.
Cross-field rules (references, dates order, sums, votes…) are `check.rules`' job; the value
parsers are `check.values`', the JSON Schema and markdown exports `check.export`'s.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from copy import deepcopy
from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, ClassVar

import yaml
from cerberus import TypeDefinition, Validator
from cerberus import errors as cerr

from coopdocs.check.quick import surely_valid
from coopdocs.check.values import PARSERS, Issue, add_months, is_number, months_between
from coopdocs.errors import FieldPath, Problem
from coopdocs.vocabulary import (
    NON_DECISION_INSTANCES,
    NON_SIGNING_ROLES,
    PARTICIPATION_BY_CIRCLE,
    SIAE_TYPES,
)

__all__ = ["SchemaCheck", "check_schema", "field_rules", "keys_at", "normalise",
           "prepared_schema", "schema_document", "schema_rules", "validate"]

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schemas" / "projet.yaml"


# --- Types ---------------------------------------------------------------------------------------

# What cerberus' `type` rule accepts before the finer `format` check (which explains itself).
_NUM = (int, float, Decimal)
_BASE_TYPES = {"montant": (*_NUM, str), "date": (date, str), "siret": (str, int),
               "boolean": (bool, str),
               "id": (str,), "ratio": _NUM, "pourcentage": _NUM, "decimal": _NUM, "email": (str,),
               "code_postal": (str, int), "rna": (str,), "texte": (str,)}


class CoopdocsValidator(Validator):  # type: ignore[misc]
    """cerberus with coopdocs' types; `format` and `un_requis` record codes translated later."""

    types_mapping: ClassVar[dict[str, TypeDefinition]] = {
        **{k: v for k, v in Validator.types_mapping.items() if k != "date"},
        # bool is an int in Python, but `sieges: true` is a mistake, not 1.
        "integer": TypeDefinition("integer", (int,), (bool,)),
        **{name: TypeDefinition(name, types, () if bool in types else (bool,))
           for name, types in _BASE_TYPES.items()},
    }

    def _validate_format(self, name: str, field: str, value: Any) -> None:
        """{'type': 'string'}"""
        # cerberus runs custom rules on a null too: an optional field left blank is "not
        # given", a required one already has its "Valeur vide" (never two messages for one).
        if value is not None and isinstance(PARSERS[name](value), Issue):
            self._error(field, "format:" + name)

    def _validate_non_blanc(self, wanted: bool, field: str, value: Any) -> None:
        """{'type': 'boolean'}"""
        if wanted and isinstance(value, str) and value and not value.strip():
            self._error(field, "non_blanc")

    def _validate_un_requis(self, groups: list[list[str]], field: str, value: Any) -> None:
        """{'type': 'list'}"""
        if isinstance(value, Mapping):
            for group in groups:
                if all(value.get(key) is None for key in group):
                    self._error(field, "un_requis:" + ",".join(group))


# --- Loading -------------------------------------------------------------------------------------

@cache
def schema_document() -> dict[str, Any]:
    """The parsed `projet.yaml` (titre, description, enumerations, schema). Do not mutate."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    document: dict[str, Any] = yaml.load(SCHEMA_FILE.read_text(encoding="utf-8"), Loader=loader)
    return document


def schema_rules() -> dict[str, dict[str, Any]]:
    """The field definitions as written in the YAML file (meta included)."""
    rules: dict[str, dict[str, Any]] = schema_document()["schema"]
    return rules


def _prepare(rules: dict[str, Any], *, required: bool) -> dict[str, Any]:
    """Copy of a field's rules for cerberus, with the conventions stated in the schema header."""
    out = dict(rules)
    kind = out.get("type")
    if kind in PARSERS and kind != "texte":
        out["format"] = kind
    if "un_requis" in out:  # cerberus hashes schemas: nested lists must become tuples
        out["un_requis"] = [tuple(group) for group in out["un_requis"]]
    if kind in ("string", "texte", "id") and (required or out.get("required")):
        out["empty"] = False
        out["non_blanc"] = True  # "   " is as empty as "": the documents would print nothing
    if kind == "dict" and "schema" in out:
        out["schema"] = _prepare_mapping(out["schema"])
    elif kind == "list" and "schema" in out:
        out["schema"] = _prepare(out["schema"], required=True)  # a list item is never blank
    return out


def _prepare_mapping(schema: Mapping[str, Any]) -> dict[str, Any]:
    prepared = {}
    for key, rules in schema.items():
        field = _prepare(rules, required=False)
        # `cle:` with no value means "not given" for an optional field.
        field.setdefault("nullable", not rules.get("required", False))
        prepared[key] = field
    return prepared


@cache
def prepared_schema() -> dict[str, Any]:
    """The schema as cerberus receives it (formats, blanks and nullability made explicit)."""
    return _prepare_mapping(schema_rules())


@cache
def _validator() -> CoopdocsValidator:
    # Built once: cerberus checks the schema itself at construction, which is the slow part.
    return CoopdocsValidator(prepared_schema())


def field_rules(path: Iterable[str | int]) -> dict[str, Any] | None:
    """The schema rules of the field at a document path (list positions as ints), or None."""
    mapping: Mapping[str, Any] | None = schema_rules()
    rules: dict[str, Any] | None = None
    for part in path:
        if isinstance(part, int):
            if rules is None or rules.get("type") != "list":
                return None
            rules = rules.get("schema")
            continue
        if rules is not None:
            mapping = rules.get("schema") if rules.get("type") == "dict" else None
        if mapping is None or part not in mapping:
            return None
        rules = mapping[part]
    return rules


def keys_at(path: tuple[str | int, ...]) -> list[str]:
    """The keys allowed in the mapping at `path` (the top level for ``()``)."""
    if not path:
        return list(schema_rules())
    rules = field_rules(path) or {}
    if rules.get("type") == "list":
        rules = rules.get("schema") or {}
    return list(rules.get("schema") or {}) if rules.get("type") == "dict" else []


# --- Validation ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class SchemaCheck:
    """What the schema says of a project: its problems, and the data the rules can still read.

    `data` is normalised even when `problems` is not empty: every value the schema refused is
    taken out (`removed`), so the cross-field rules run on the well-formed rest in the same pass.
    `broken` lists every field whose value the rules cannot trust: removed, missing although
    required, or the field a misspelt key was probably meant to be. None for a document that
    is not a mapping at all.
    """

    data: dict[str, Any] | None
    problems: list[Problem]
    broken: frozenset[FieldPath] = frozenset()
    removed: frozenset[FieldPath] = frozenset()

    @property
    def valid(self) -> bool:
        return not self.problems


def validate(data: Any) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Check a project against the schema; return (normalised data or None, all problems)."""
    checked = check_schema(data)
    return (checked.data if checked.valid else None), checked.problems


def check_schema(data: Any) -> SchemaCheck:
    """Check a project against the schema: all problems, and the data without what is wrong.

    A file `check.quick` accepts is valid without asking cerberus (~1 ms instead of ~8 for a
    complete project); any other is validated by cerberus, whose errors are the report. One
    cerberus validator is shared by every call (building it costs ~70 ms): not thread-safe —
    batch work uses processes, not threads.
    """
    if not isinstance(data, Mapping):
        return SchemaCheck(None, [Problem("le fichier ne décrit pas un projet : il doit "
                                          "commencer par des blocs « clé: valeur » (projet:, "
                                          "partenaires:, …)",
                                          hint="partez du fichier de départ commenté de "
                                          "« coopdocs init »",
                                          code="schema.document")])
    if surely_valid(data, prepared_schema(), CoopdocsValidator.types_mapping):
        return SchemaCheck(normalise(data), [])  # most files: cerberus would find nothing
    validator = _validator()
    if validator.validate(data, normalize=False):
        return SchemaCheck(normalise(data), [])
    leaves = list(_leaves(validator._errors))
    problems = [_polish(_translate(error)) for error in leaves]
    # `raison_socale` already says "did you mean raison_sociale": "raison_sociale missing" is noise.
    guessed = {(*p.path[:-1], p.extra["suggestion"]) for p in problems if "suggestion" in p.extra}
    problems = [p for p in problems
                if not (p.code == "schema.champ-manquant" and p.path in guessed)]
    removed, broken = _broken_paths(leaves)
    pruned = _without(data, removed)
    # An unknown key is taken out, but no rule reads it: only the key it was meant to be is
    # broken (a file with a thousand unknown keys must not slow every rule down).
    unknown = {tuple(e.document_path) for e in leaves if e.code == cerr.UNKNOWN_FIELD.code}
    kept = removed - unknown
    return SchemaCheck(normalise(pruned), problems, frozenset(broken | kept | guessed),
                       frozenset(kept))


# Errors about a container's size or completeness keep the container: its items are sound.
_KEEP = {cerr.REQUIRED_FIELD.code, cerr.MIN_LENGTH.code, cerr.MAX_LENGTH.code}


def _broken_paths(errors: Iterable[Any]) -> tuple[set[FieldPath], set[FieldPath]]:
    """(values to take out, fields to distrust) for cerberus' leaf errors."""
    removed: set[FieldPath] = set()
    broken: set[FieldPath] = set()
    for error in errors:
        path = tuple(error.document_path)
        if error.code == cerr.CUSTOM.code and str(error.info[0]).startswith("un_requis:"):
            group = str(error.info[0]).removeprefix("un_requis:").split(",")
            broken.update((*path, key) for key in group)
        elif error.code in _KEEP and not (error.code != cerr.REQUIRED_FIELD.code
                                          and isinstance(error.value, str)):
            broken.add(path)
        else:
            removed.add(path)
    # An item taken out of a list already takes out everything below it.
    removed = {p for p in removed if not any(p[:n] in removed for n in range(1, len(p)))}
    return removed, broken


def _without(data: Mapping[str, Any], removed: set[FieldPath]) -> dict[str, Any]:
    """A copy of `data` without the values at `removed` (list items become None: positions
    keep pointing at the same lines)."""
    copy: dict[str, Any] = deepcopy(dict(data))
    for path in sorted(removed, key=len, reverse=True):
        parent: Any = copy
        for part in path[:-1]:
            try:
                parent = parent[part]
            except (KeyError, IndexError, TypeError):
                break
        else:
            last = path[-1] if path else None
            if isinstance(parent, dict) and last in parent:
                del parent[last]
            elif isinstance(parent, list) and isinstance(last, int) and last < len(parent):
                parent[last] = None
    return copy


def _sentence(text: str) -> str:
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "?", "!", "…")) else text + "."


def _polish(problem: Problem) -> Problem:
    """House style shared with source.py and rules.py: full sentences, codes named by stage."""
    return replace(problem, message=_sentence(problem.message), code="schema." + problem.code,
                   hint=_sentence(problem.hint) if problem.hint else None)


def _leaves(errors: Iterable[Any]) -> Iterable[Any]:
    for error in errors:
        if error.is_group_error:
            yield from _leaves(error.child_errors)
        else:
            yield error


def _quote(values: Iterable[Any]) -> str:
    return ", ".join(f"« {v} »" for v in values)


def _closest(value: Any, candidates: list[Any]) -> str | None:
    # Allowed values may be numbers (`version: [1]`): compared as the user wrote them.
    found = difflib.get_close_matches(str(value), [str(c) for c in candidates], n=1,
                                      cutoff=0.6)
    return found[0] if found else None


_TYPE_NAMES = {"string": ("un texte est attendu", 'mettez-le entre guillemets, par exemple "…"'),
               "integer": ("un nombre entier est attendu", "par exemple 12"),
               "boolean": ("oui ou non est attendu", "écrivez oui ou non (ou true, false)"),
               "list": ("une liste est attendue", "une ligne « - élément » par élément, ou [a, b]"),
               "dict": ("un bloc de champs « clé: valeur » est attendu", "")}


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, Mapping):
        return "un bloc de champs"
    if isinstance(value, list):
        return "une liste"
    if isinstance(value, date):
        return "une date"
    return "un nombre" if is_number(value) else "un texte"


def _example(key: Any, rules: Mapping[str, Any]) -> str:
    """`cle: exemple` for hints; blocks list their required keys."""
    exemple = (rules.get("meta") or {}).get("exemple")
    if exemple is not None:
        return f"{key}: {exemple}"
    inner = rules.get("schema") or {}
    if rules.get("type") == "list" and inner.get("type") == "dict":
        needed = [k for k, r in inner["schema"].items() if r.get("required")]
        return f"{key}: une liste d'éléments avec {_quote(needed)}"
    if rules.get("type") == "dict":
        needed = [k for k, r in inner.items() if r.get("required")]
        return f"{key}: un bloc avec {_quote(needed)}" if needed else f"{key}:"
    return f"{key}: …"


def _translate(error: Any) -> Problem:
    """One cerberus error → a French Problem (message, hint, code) at the same path."""
    path = tuple(error.document_path)
    rules = field_rules(path) or {}
    key = path[-1] if path else ""
    code, value, constraint = error.code, error.value, error.constraint

    if code == cerr.UNKNOWN_FIELD.code:
        path = (*path[:-1], str(key))  # a numeric YAML key is still a key, not a position
        known = keys_at(path[:-1])
        guess = _closest(key, known)
        hint = (f"vouliez-vous dire « {guess} » ?" if guess
                else f"clés possibles ici : {_quote(known)}")
        return Problem(f"clé inconnue « {key} »", path, hint, code="cle-inconnue",
                       extra={"suggestion": guess} if guess else {})
    if code == cerr.REQUIRED_FIELD.code:
        return Problem(f"champ obligatoire manquant « {key} »", path,
                       f"ajoutez {_example(key, rules)}", code="champ-manquant")
    if code in (cerr.NOT_NULLABLE.code, cerr.EMPTY_NOT_ALLOWED.code):
        return Problem("valeur vide : ce champ doit être renseigné", path,
                       f"par exemple {_example(key, rules)}", code="valeur-vide")
    if code == cerr.BAD_TYPE.code:
        if constraint in PARSERS:
            issue = PARSERS[constraint](value)
            return Problem(issue.message, path, issue.hint, code=issue.code)
        expected, hint = _TYPE_NAMES.get(constraint, (str(constraint), ""))
        if constraint == "dict":
            hint = f"champs possibles : {_quote(keys_at(path))}"
        elif isinstance(key, str) and (rules.get("meta") or {}).get("exemple"):
            hint = f"par exemple {_example(key, rules)}"
        return Problem(f"{expected} (reçu : {_describe(value)})", path, hint or None,
                       code="type")
    if code == cerr.UNALLOWED_VALUE.code:
        guess = _closest(value, list(constraint))
        hint = f"valeurs possibles : {_quote(constraint)}"
        if guess:
            hint = f"vouliez-vous dire « {guess} » ? V{hint[1:]}"
        return Problem(f"valeur « {value} » non prévue", path, hint, code="valeur-non-prevue")
    if code in (cerr.MIN_LENGTH.code, cerr.MAX_LENGTH.code):
        size, low = len(value), code == cerr.MIN_LENGTH.code
        if isinstance(value, str):
            message = (f"texte trop {'court' if low else 'long'} : {constraint} caractères "
                       f"{'au moins' if low else 'au plus'} (il en a {size})")
            hint = "complétez le texte" if low else "raccourcissez le texte"
        else:
            message = (f"il faut {'au moins' if low else 'au plus'} {constraint} élément(s) "
                       f"(il y en a {size})")
            hint = "ajoutez des éléments à la liste" if low else "retirez des éléments de la liste"
        return Problem(message, path, hint, code="longueur")
    if code in (cerr.MIN_VALUE.code, cerr.MAX_VALUE.code):
        low = code == cerr.MIN_VALUE.code
        return Problem(f"valeur trop {'petite' if low else 'grande'} : {value}", path,
                       f"{'au moins' if low else 'au plus'} {constraint}", code="hors-limites")
    if code == cerr.CUSTOM.code:
        text = error.info[0]
        if text.startswith("format:"):
            issue = PARSERS[text.removeprefix("format:")](value)
            return Problem(issue.message, path, issue.hint, code=issue.code)
        if text == "non_blanc":
            return Problem("valeur vide (des espaces seulement) : ce champ doit être renseigné",
                           path, f"par exemple {_example(key, rules)}", code="valeur-vide")
        if text.startswith("un_requis:"):
            group = text.removeprefix("un_requis:").split(",")
            examples = " ou ".join(_example(k, field_rules((*path, k)) or {}) for k in group)
            names = " ou ".join(f"« {k} »" for k in group)
            return Problem(f"il faut renseigner au moins l'un des champs {names}", path,
                           f"ajoutez {examples}", code="un-requis")
    return Problem(f"valeur non valable ({error.rule or 'règle'})", path, code="schema")


# --- Normalisation -------------------------------------------------------------------------------

def _normalise_value(value: Any, rules: Mapping[str, Any]) -> Any:
    """One value in its normalised form. Tolerant: after `check_schema` took out what was
    wrong, a value may be missing anywhere; a missing required block becomes an empty one."""
    kind = rules.get("type")
    if isinstance(value, str) and kind in ("string", "texte"):
        value = value.strip() or None  # "" in an optional field means "not given"
    if value is None:
        if "default" not in rules:
            if kind == "dict" and rules.get("required"):
                return _normalise_mapping({}, rules.get("schema") or {})
            return [] if kind == "list" else None
        value = deepcopy(rules["default"])
    if kind == "dict":
        return _normalise_mapping(value if isinstance(value, Mapping) else {},
                                  rules.get("schema") or {})
    if kind == "list":
        if not isinstance(value, list):
            return []
        item = rules.get("schema")
        if not item:
            return list(value)
        # A list item is never optional: a refused block leaves an empty one in its place.
        return [_normalise_value(v, {**item, "required": True}) for v in value]
    check = PARSERS.get(kind or "")
    if check:
        parsed = check(value)
        return None if isinstance(parsed, Issue) else parsed
    if kind in ("string", "texte") and not isinstance(value, str):
        return None
    if kind == "integer" and (not isinstance(value, int) or isinstance(value, bool)):
        return None
    return value


def _normalise_mapping(value: Mapping[str, Any], schema: Mapping[str, Any]) -> dict[str, Any]:
    return {key: _normalise_value(value.get(key), rules) for key, rules in schema.items()}


def normalise(data: Mapping[str, Any]) -> dict[str, Any]:
    """Schema-valid data → the normalised form of contrat-interne.md (new objects; input intact).

    Also used on data that `check_schema` stripped of its wrong values: every derivation then
    leaves alone what it cannot compute.
    """
    out = _normalise_mapping(data, schema_rules())
    projet = out["projet"]
    start, end, months = projet["date_debut"], projet["date_fin"], projet["duree_mois"]
    if isinstance(start, date):
        if end is None and months is not None:
            projet["date_fin"] = add_months(start, months) - timedelta(days=1)
        elif months is None and end is not None and end > start:
            projet["duree_mois"] = months_between(start, end)
    for partner in out["partenaires"]:
        if partner["signataire_convention"] is None:
            partner["signataire_convention"] = partner["role"] not in NON_SIGNING_ROLES
    for instance in out["gouvernance"]["instances"]:
        if instance["decisionnelle"] is None:
            instance["decisionnelle"] = instance["type"] not in NON_DECISION_INSTANCES
        for member in instance["composition"]:
            if member["voix"] is None:
                member["voix"] = member["sieges"]
    for stakeholder in out["parties_prenantes"]:
        if stakeholder["niveau_participation"] is None:
            stakeholder["niveau_participation"] = PARTICIPATION_BY_CIRCLE.get(
                stakeholder["cercle"])
    clauses = out["clauses"]
    if clauses["donnees_personnelles"] is None:
        clauses["donnees_personnelles"] = any(
            p["type_structure"] in SIAE_TYPES for p in out["partenaires"])
    if clauses["nombre_exemplaires"] is None:
        clauses["nombre_exemplaires"] = sum(p["signataire_convention"] for p in out["partenaires"])
    return out
