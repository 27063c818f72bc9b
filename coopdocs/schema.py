"""The project format: the cerberus schema of `schemas/projet.yaml`, French errors, normalisation.

`validate(data)` checks one project dict against the schema (types, enums, required keys, formats
of dates, amounts, SIRET…) and returns the normalised data of `docs/dev/contrat-interne.md`.
Cross-field rules (references, dates order, sums, votes…) are `coopdocs.rules`' job.
The same YAML file also gives `json_schema()` (editor completion) and `markdown_reference()`.
"""

from __future__ import annotations

import calendar
import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from copy import deepcopy
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

import yaml
from cerberus import TypeDefinition, Validator
from cerberus import errors as cerr

from coopdocs.errors import Problem

SCHEMA_FILE = Path(__file__).parent / "schemas" / "projet.yaml"
CENT = Decimal("0.01")
SIAE_TYPES = frozenset({"aci", "ei", "etti", "ai", "eiti"})
NON_DECISION_INSTANCES = frozenset({"cotech", "comite_operationnel", "groupe_de_travail"})
NON_SIGNING_ROLES = frozenset({"soutien", "observateur"})
PARTICIPATION_BY_CERCLE = {"coeur": "co_decision", "operationnel": "co_construction",
                           "soutien": "consultation", "environnement": "information"}


# --- Formats: each returns the normalised value, or an Issue saying what is wrong -------------

class Issue(NamedTuple):
    code: str
    message: str
    hint: str


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_FR_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_AMOUNT = re.compile(r"(-?)(\d+)(?:[.,](\d+))?")
_ID = re.compile(r"[a-z0-9_-]+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_DATE_HINT = "écrivez-la 2026-09-01 ou 01/09/2026"
_AMOUNT_HINT = 'écrivez par exemple 12500, 12500.50 ou "12 500,50 €"'
_SIRET_HINT = 'par exemple "412 783 904 00003" ; les espaces et les points sont acceptés'


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _to_decimal(value: Any) -> Decimal | None:
    try:
        # repr() of a float is its shortest exact spelling: 12500.5 stays 12500.5, no binary noise.
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def fmt_montant(value: Any) -> Decimal | Issue:
    """``12500``, ``12500.5``, ``"12 500,50 €"`` (NBSP too) → ``Decimal`` to the cent."""
    if not (_is_number(value) or isinstance(value, str)):
        return Issue("type", "un montant en euros est attendu", _AMOUNT_HINT)
    if isinstance(value, str):
        text = re.sub(r"\s", "", value).removesuffix("€")
        match = _AMOUNT.fullmatch(text)
        number = _to_decimal(f"{match[1]}{match[2]}.{match[3] or 0}") if match else None
        if match and match[3] and len(match[3]) > 2:
            number = Decimal("0.001")  # reported below as too many decimals
    else:
        number = _to_decimal(value)
    if number is None:
        return Issue("format-montant", f"« {value} » n'est pas un montant", _AMOUNT_HINT)
    if number < 0:
        return Issue("montant-negatif", "un montant ne peut pas être négatif",
                     "indiquez un montant positif ou nul")
    if number.as_tuple().exponent < -2:  # type: ignore[operator]
        return Issue("montant-decimales", f"« {value} » a plus de 2 chiffres après la virgule",
                     "arrondissez au centime, par exemple 12500.50")
    return number.quantize(CENT)


def fmt_date(value: Any) -> date | Issue:
    """A YAML date, ``"2026-09-01"`` or ``"01/09/2026"`` → ``date``; impossible dates refused."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str):
        return Issue("type", "une date est attendue", _DATE_HINT)
    text = value.strip()
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := _FR_DATE.fullmatch(text):
        day, month, year = match.groups()
    else:
        return Issue("format-date", f"« {value} » n'est pas une date", _DATE_HINT)
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return Issue("date-impossible", f"la date « {value} » n'existe pas",
                     f"vérifiez le jour et le mois ; {_DATE_HINT}")


def siret_is_valid(digits: str) -> bool:
    """Luhn key, except La Poste's establishments whose digit sum is a multiple of 5 (§8.3 r4)."""
    if digits.startswith("356000000") and digits != "35600000000048":
        return sum(int(c) for c in digits) % 5 == 0
    total = 0
    for i, char in enumerate(reversed(digits)):
        n = int(char) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def fmt_siret(value: Any) -> str | Issue:
    if not (isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))):
        return Issue("type", "un numéro SIRET est attendu", _SIRET_HINT)
    digits = re.sub(r"[\s.-]", "", str(value))
    if not re.fullmatch(r"[0-9]{14}", digits):
        count = sum(c in "0123456789" for c in digits)
        hint = _SIRET_HINT
        if isinstance(value, int):
            hint = "écrivez le numéro entre guillemets (un zéro au début est perdu sinon), " + hint
        return Issue("siret-longueur",
                     f"le SIRET « {value} » doit compter 14 chiffres (il en a {count})", hint)
    if not siret_is_valid(digits):
        return Issue("siret-cle", f"le SIRET « {value} » a une clé de contrôle fausse",
                     "vérifiez une faute de frappe : recopiez-le depuis l'avis de situation "
                     "SIRENE ou annuaire-entreprises.data.gouv.fr")
    return digits


def _slug_hint(value: str) -> str:
    import unicodedata  # only needed for this rare message
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9_-]+", "-", ascii_text.lower()).strip("-")
    example = f"« {slug} »" if slug else "« ai-courneuve »"
    return ("lettres minuscules sans accent, chiffres, « - » et « _ » seulement, "
            f"par exemple {example}")


def fmt_id(value: Any) -> str | Issue:
    if not isinstance(value, str):
        return Issue("type", "un identifiant est attendu", _slug_hint(str(value)))
    if not _ID.fullmatch(value):
        return Issue("format-id", f"« {value} » n'est pas un identifiant valable",
                     _slug_hint(value))
    return value


def _bounded(low: Decimal, high: Decimal, low_open: bool, hint: str) -> Callable[[Any], Any]:
    def check(value: Any) -> Decimal | Issue:
        number = _to_decimal(value) if _is_number(value) else None
        if number is None:
            return Issue("type", "un nombre est attendu", hint)
        if number > high or number < low or (low_open and number == low):
            return Issue("hors-limites",
                         f"{value} doit être compris entre {low} {'(exclu) ' if low_open else ''}"
                         f"et {high}", hint)
        return number
    return check


def fmt_decimal(value: Any) -> Decimal | Issue:
    number = _to_decimal(value) if _is_number(value) else None
    return number if number is not None else Issue("type", "un nombre est attendu",
                                                   "par exemple 12 ou 0.5 (point décimal)")


def fmt_email(value: Any) -> str | Issue:
    if isinstance(value, str) and _EMAIL.fullmatch(value.strip()):
        return value.strip()
    return Issue("format-email", f"« {value} » n'est pas une adresse électronique",
                 "par exemple prenom.nom@structure.fr")


def fmt_code_postal(value: Any) -> str | Issue:
    ok = isinstance(value, str | int) and not isinstance(value, bool)
    text = str(value).strip() if ok else ""
    if re.fullmatch(r"[0-9]{5}", text):
        return text
    return Issue("format-code-postal", f"« {value} » n'est pas un code postal (5 chiffres)",
                 'écrivez-le entre guillemets, par exemple "93200"')


def fmt_rna(value: Any) -> str | Issue:
    if isinstance(value, str) and re.fullmatch(r"W[0-9]{9}", value.strip().upper()):
        return value.strip().upper()
    return Issue("format-rna", f"« {value} » n'est pas un numéro RNA",
                 'W suivi de 9 chiffres, par exemple "W931234567"')


def fmt_texte(value: Any) -> str | Issue:
    return value if isinstance(value, str) else Issue(
        "type", "un texte est attendu", 'mettez-le entre guillemets, par exemple "…"')


FORMATS: dict[str, Callable[[Any], Any]] = {
    "montant": fmt_montant, "date": fmt_date, "siret": fmt_siret, "id": fmt_id,
    "ratio": _bounded(Decimal(0), Decimal(1), True, "par exemple 0.5 pour la moitié, "
                                                      "0.75 pour les trois quarts"),
    "pourcentage": _bounded(Decimal(0), Decimal(100), False,
                            "un nombre de 0 à 100, par exemple 25"),
    "decimal": fmt_decimal, "email": fmt_email, "code_postal": fmt_code_postal, "rna": fmt_rna,
    "texte": fmt_texte,
}
# What cerberus' `type` rule accepts before the finer `format` check (which explains itself).
_NUM = (int, float, Decimal)
_BASE_TYPES = {"montant": (*_NUM, str), "date": (date, str), "siret": (str, int),
               "id": (str,), "ratio": _NUM, "pourcentage": _NUM, "decimal": _NUM, "email": (str,),
               "code_postal": (str, int), "rna": (str,), "texte": (str,)}


class CoopdocsValidator(Validator):  # type: ignore[misc]
    """cerberus with coopdocs' types; `format` and `un_requis` record codes translated later."""

    types_mapping: ClassVar[dict[str, TypeDefinition]] = {
        **{k: v for k, v in Validator.types_mapping.items() if k != "date"},
        # bool is an int in Python, but `sieges: true` is a mistake, not 1.
        "integer": TypeDefinition("integer", (int,), (bool,)),
        **{name: TypeDefinition(name, types, (bool,)) for name, types in _BASE_TYPES.items()},
    }

    def _validate_format(self, name: str, field: str, value: Any) -> None:
        """{'type': 'string'}"""
        if isinstance(FORMATS[name](value), Issue):
            self._error(field, "format:" + name)

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
    return yaml.load(SCHEMA_FILE.read_text(encoding="utf-8"), Loader=loader)


def schema_rules() -> dict[str, dict[str, Any]]:
    """The field definitions as written in the YAML file (meta included)."""
    return schema_document()["schema"]


def _prepare(rules: dict[str, Any], *, required: bool) -> dict[str, Any]:
    """Copy of a field's rules for cerberus, with the conventions stated in the schema header."""
    out = dict(rules)
    kind = out.get("type")
    if kind in FORMATS and kind != "texte":
        out["format"] = kind
    if "un_requis" in out:  # cerberus hashes schemas: nested lists must become tuples
        out["un_requis"] = [tuple(group) for group in out["un_requis"]]
    if kind in ("string", "texte", "id") and (required or out.get("required")):
        out["empty"] = False
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
def _validator() -> CoopdocsValidator:
    # Built once: cerberus checks the schema itself at construction, which is the slow part.
    return CoopdocsValidator(_prepare_mapping(schema_rules()))


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

def validate(data: Any) -> tuple[dict[str, Any] | None, list[Problem]]:
    """Check a project against the schema; return (normalised data or None, all problems).

    One cerberus validator is shared by every call (building it costs ~70 ms, a validation
    ~4 ms): not thread-safe — batch work uses processes, not threads.
    """
    if not isinstance(data, Mapping):
        return None, [Problem("le fichier ne décrit pas un projet : il doit commencer par des "
                              "blocs « clé: valeur » (projet:, partenaires:, …)",
                              hint="partez de examples/exemple-minimal.yaml",
                              code="schema.document")]
    validator = _validator()
    if validator.validate(data, normalize=False):
        return normalise(data), []
    problems = [_polish(_translate(error)) for error in _leaves(validator._errors)]
    # `raison_socale` already says "did you mean raison_sociale": "raison_sociale missing" is noise.
    guessed = {(*p.path[:-1], p.extra["suggestion"]) for p in problems if "suggestion" in p.extra}
    return None, [p for p in problems
                  if not (p.code == "schema.champ-manquant" and p.path in guessed)]


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


def _closest(value: Any, candidates: list[str]) -> str | None:
    found = difflib.get_close_matches(str(value), candidates, n=1, cutoff=0.6)
    return found[0] if found else None


_TYPE_NAMES = {"string": ("un texte est attendu", 'mettez-le entre guillemets, par exemple "…"'),
               "integer": ("un nombre entier est attendu", "par exemple 12"),
               "boolean": ("true ou false est attendu", "écrivez true (oui) ou false (non)"),
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
    return "un nombre" if _is_number(value) else "un texte"


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
        if constraint in FORMATS:
            issue = FORMATS[constraint](value)
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
            issue = FORMATS[text.removeprefix("format:")](value)
            return Problem(issue.message, path, issue.hint, code=issue.code)
        if text.startswith("un_requis:"):
            group = text.removeprefix("un_requis:").split(",")
            examples = " ou ".join(_example(k, field_rules((*path, k)) or {}) for k in group)
            names = " ou ".join(f"« {k} »" for k in group)
            return Problem(f"il faut renseigner au moins l'un des champs {names}", path,
                           f"ajoutez {examples}", code="un-requis")
    return Problem(f"valeur non valable ({error.rule or 'règle'})", path, code="schema")


# --- Normalisation -------------------------------------------------------------------------------

def add_months(start: date, months: int) -> date:
    """Same day `months` later, clamped to the month's end (31 Jan + 1 month → 28/29 Feb)."""
    year, month0 = divmod(start.month - 1 + months, 12)
    year += start.year
    return date(year, month0 + 1, min(start.day, calendar.monthrange(year, month0 + 1)[1]))


def months_between(start: date, end: date) -> int:
    """Whole months covered by [start, end], end day included, rounded to the nearest month."""
    after = end + timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    return max(1, months + round((after.day - start.day) / 30))


def _normalise_value(value: Any, rules: Mapping[str, Any]) -> Any:
    kind = rules.get("type")
    if isinstance(value, str) and kind in ("string", "texte"):
        value = value.strip() or None  # "" in an optional field means "not given"
    if value is None:
        if "default" not in rules:
            return [] if kind == "list" else None
        value = deepcopy(rules["default"])
    if kind == "dict":
        return _normalise_mapping(value, rules.get("schema") or {})
    if kind == "list":
        item = rules.get("schema")
        return [_normalise_value(v, item) for v in value] if item else list(value)
    check = FORMATS.get(kind or "")
    return check(value) if check else value


def _normalise_mapping(value: Mapping[str, Any], schema: Mapping[str, Any]) -> dict[str, Any]:
    return {key: _normalise_value(value.get(key), rules) for key, rules in schema.items()}


def normalise(data: Mapping[str, Any]) -> dict[str, Any]:
    """Schema-valid data → the normalised form of contrat-interne.md (new objects; input intact)."""
    out = _normalise_mapping(data, schema_rules())
    projet = out["projet"]
    start, end, months = projet["date_debut"], projet["date_fin"], projet["duree_mois"]
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
            stakeholder["niveau_participation"] = PARTICIPATION_BY_CERCLE[stakeholder["cercle"]]
    clauses = out["clauses"]
    if clauses["donnees_personnelles"] is None:
        clauses["donnees_personnelles"] = any(
            p["type_structure"] in SIAE_TYPES for p in out["partenaires"])
    if clauses["nombre_exemplaires"] is None:
        clauses["nombre_exemplaires"] = sum(p["signataire_convention"] for p in out["partenaires"])
    return out


# --- Exports: JSON Schema (editors) and markdown field reference (docs/format.md) ---------------

_MONTANT_PATTERN = r"^\s*[0-9][0-9\s]*([.,][0-9]{1,2})?\s*€?\s*$"
_JSON_TYPES: dict[str, dict[str, Any]] = {
    "string": {"type": "string"}, "texte": {"type": "string"}, "integer": {"type": "integer"},
    "boolean": {"type": "boolean"}, "decimal": {"type": "number"},
    "id": {"type": "string", "pattern": "^[a-z0-9_-]+$"},
    "ratio": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
    "pourcentage": {"type": "number", "minimum": 0, "maximum": 100},
    # `minimum` applies to numbers only and `pattern` to strings only: one schema covers both.
    "montant": {"type": ["number", "string"], "minimum": 0, "pattern": _MONTANT_PATTERN},
    # YAML-1.2 editors (yaml-language-server) read unquoted dates as strings.
    "date": {"type": "string",
             "pattern": r"^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{4})$"},
    "siret": {"type": ["string", "integer"], "pattern": r"^([0-9][\s.-]*){13}[0-9]$"},
    "email": {"type": "string", "pattern": r"^[^@\s]+@[^@\s]+\.[^@\s.]+$"},
    "code_postal": {"type": ["string", "integer"], "pattern": "^[0-9]{5}$",
                    "minimum": 10000, "maximum": 99999},
    "rna": {"type": "string", "pattern": "^W[0-9]{9}$"},
}
_JSON_LIMITS = {"minlength": "minLength", "maxlength": "maxLength", "min": "minimum",
                "max": "maximum"}


def _json_field(rules: Mapping[str, Any], *, nullable: bool) -> dict[str, Any]:
    kind = rules.get("type", "string")
    if kind == "dict":
        out = _json_object(rules.get("schema") or {}, rules)
    elif kind == "list":
        out = {"type": "array"}
        if "schema" in rules:
            out["items"] = _json_field(rules["schema"], nullable=False)
        for rule, name in (("minlength", "minItems"), ("maxlength", "maxItems")):
            if rule in rules:
                out[name] = rules[rule]
    else:
        out = deepcopy(_JSON_TYPES[kind])
        out.update({name: rules[rule] for rule, name in _JSON_LIMITS.items() if rule in rules})
        if "allowed" in rules:
            out["enum"] = list(rules["allowed"])
    meta = rules.get("meta") or {}
    description = " ".join(x for x in (meta.get("description"), meta.get("defaut") and
                                       f"Par défaut : {meta['defaut']}.") if x)
    if description:
        out["description"] = description
    if "default" in rules:
        out["default"] = rules["default"]
    if nullable:
        types = out["type"] if isinstance(out["type"], list) else [out["type"]]
        out["type"] = [*types, "null"]
        if "enum" in out:
            out["enum"].append(None)
    return out


def _json_object(schema: Mapping[str, Any], rules: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": "object",
        "properties": {key: _json_field(field, nullable=not field.get("required"))
                       for key, field in schema.items()},
        "additionalProperties": False,
    }
    required = [k for k, r in schema.items() if r.get("required")]
    if required:
        out["required"] = required
    groups = [{"anyOf": [{"required": [k]} for k in group]} for group in rules.get("un_requis", [])]
    if groups:
        out["allOf"] = groups
    return out


def json_schema() -> dict[str, Any]:
    """The project format as JSON Schema draft 2020-12 (for yaml-language-server and friends)."""
    doc = schema_document()
    body = _json_object(schema_rules(), {})
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": doc["titre"], "description": doc["description"], **body}


_MD_TYPES = {"string": "texte", "texte": "texte (paragraphes)", "integer": "nombre entier",
             "boolean": "oui/non", "decimal": "nombre", "montant": "montant (€)", "date": "date",
             "siret": "SIRET", "id": "identifiant", "ratio": "proportion",
             "pourcentage": "pourcentage", "email": "adresse électronique",
             "code_postal": "code postal", "rna": "numéro RNA", "dict": "bloc"}
_MD_FORMATS = {"montant": "`12500`, `12500.5`, `\"12 500,50 €\"`", "date":
               "`2026-09-01` ou `01/09/2026`", "siret": "14 chiffres, clé de contrôle vérifiée",
               "id": "minuscules sans accent, chiffres, `-`, `_`", "ratio": "entre 0 (exclu) et 1",
               "pourcentage": "de 0 à 100", "code_postal": "5 chiffres",
               "rna": "`W` suivi de 9 chiffres", "email": "`prenom.nom@structure.fr`"}


def _md_type(rules: Mapping[str, Any]) -> str:
    if rules.get("allowed"):
        return "choix"
    if rules.get("type") != "list":
        return _MD_TYPES.get(rules.get("type", "string"), str(rules.get("type")))
    item = rules.get("schema") or {}
    return "liste de blocs" if item.get("type") == "dict" else f"liste ({_md_type(item)})"


def _md_values(rules: Mapping[str, Any]) -> str:
    meta, item = rules.get("meta") or {}, rules.get("schema") or {}
    parts = []
    allowed = rules.get("allowed") or (item.get("allowed") if rules.get("type") == "list" else None)
    if allowed:
        parts.append(", ".join(f"`{v}`" for v in allowed))
    if rules.get("type") in _MD_FORMATS:
        parts.append(_MD_FORMATS[rules["type"]])
    noun = "élément(s)" if rules.get("type") == "list" else "caractères"
    for rule, label in (("minlength", f"{noun} au moins"), ("maxlength", f"{noun} au plus"),
                        ("min", "minimum"), ("max", "maximum")):
        if rule in rules:
            parts.append(f"{rules[rule]} {label}" if "length" in rule else f"{label} {rules[rule]}")
    if meta.get("ref"):
        words = "".join(f"`{w}`, " for w in meta.get("mots_cles", []))
        free = " ou texte libre" if meta.get("texte_libre") else ""
        parts.append(f"{words}id de `{meta['ref']}`{free}")
    if "default" in rules and rules["default"] != {}:
        parts.append(f"par défaut : `{str(rules['default']).lower()}`")
    elif meta.get("defaut"):
        parts.append(f"par défaut : {meta['defaut']}")
    if meta.get("exemple"):
        parts.append(f"exemple : `{meta['exemple']}`")
    return "<br>".join(parts).replace("|", "\\|")


def _md_tables(title: str, schema: Mapping[str, Any], rules: Mapping[str, Any],
               out: list[str]) -> None:
    either: dict[str, list[str]] = {}  # key → the keys that make it optional (`un_requis`)
    for group in rules.get("un_requis", []):
        for key in group:
            either.setdefault(key, []).extend(k for k in group if k != key)
    if title:  # top-level blocks get a section each, nested ones a subsection
        out += [f"{'###' if '.' in title else '##'} `{title}`", ""]
    if (rules.get("meta") or {}).get("description"):
        out += [rules["meta"]["description"], ""]
    out += ["| champ | type | obligatoire | valeurs / format | description |",
            "|---|---|---|---|---|"]
    nested = []
    for key, field in schema.items():
        required = "oui" if field.get("required") else ""
        if key in either:
            required = "oui, sauf si " + " et ".join(f"`{k}`" for k in either[key])
        description = ((field.get("meta") or {}).get("description") or "").replace("|", "\\|")
        out.append(f"| `{key}` | {_md_type(field)} | {required} | {_md_values(field)} "
                   f"| {description} |")
        inner = field.get("schema") if field.get("type") == "list" else field
        if (inner or {}).get("type") == "dict":
            suffix = "[]" if field.get("type") == "list" else ""
            nested.append((f"{title}.{key}{suffix}" if title else f"{key}{suffix}", inner))
    out.append("")
    for sub_title, sub in nested:
        _md_tables(sub_title, sub["schema"], sub, out)


def markdown_reference() -> str:
    """The French field reference, one section per block (content of docs/format.md)."""
    doc = schema_document()
    out = ["<!-- Fichier généré par `coopdocs schema --format markdown` à partir de",
           "     coopdocs/schemas/projet.yaml : ne pas le modifier à la main. -->", "",
           "# Référence des champs du fichier projet", "", doc["description"], "",
           "Dates : `2026-09-01` ou `01/09/2026`. Montants en euros : `12500`, `12500.5` ou "
           "`\"12 500,50 €\"`. Une clé inconnue est une erreur. Une ligne vide dans un texte "
           "commence un nouveau paragraphe.", "", "## Premier niveau", "",
           "Les blocs et listes de blocs sont détaillés dans les sections suivantes.", ""]
    _md_tables("", schema_rules(), {}, out)
    return "\n".join(out).rstrip("\n") + "\n"
