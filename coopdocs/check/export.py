"""Exports of `schemas/projet.yaml`: JSON Schema (editor completion) and the markdown reference.

Both are built from the same YAML as the validator, so docs/format.md and editors never drift
from what `coopdocs validate` accepts.
"""

from __future__ import annotations

from collections.abc import Mapping
from copy import deepcopy
from typing import Any

from coopdocs.check.schema import schema_document, schema_rules
from coopdocs.check.values import FALSE_WORDS, TRUE_WORDS

__all__ = ["json_schema", "markdown_reference"]

# --- Exports: JSON Schema (editors) and markdown field reference (docs/format.md) ---------------

# The JSON Schema is as strict as JSON Schema can be, and agrees with `coopdocs validate` on
# every mistake it can see (tests/check/test_json_schema.py runs both over a corpus and lists
# the exceptions, documented in docs/validation.md). It reads the file as editors do, in
# YAML 1.2: unquoted dates are text, `01000` is the number 1000, `yes` is a word.
_S = r"\s*"  # coopdocs trims the spaces around a value
_YEAR = r"(?!0000)[0-9]{4}"
_MONTH = r"(0?[1-9]|1[0-2])"
_DAY = r"(0?[1-9]|[12][0-9]|3[01])"
_DATE_PATTERN = (f"^{_S}({_YEAR}-{_MONTH}-{_DAY}|{_DAY}/{_MONTH}/{_YEAR}){_S}$")
_MONTANT_PATTERN = r"^\s*[0-9][0-9\s]*([.,][0-9]{1,2})?\s*€?\s*$"


def _any_case(word: str) -> str:
    return "".join(f"[{c.lower()}{c.upper()}]" for c in word)


_BOOLEAN_PATTERN = (f"^{_S}(" + "|".join(_any_case(w) for w in (*TRUE_WORDS, *FALSE_WORDS))
                    + f"){_S}$")
_NON_BLANK = r"\S"
_JSON_TYPES: dict[str, dict[str, Any]] = {
    "string": {"type": "string"}, "texte": {"type": "string"}, "integer": {"type": "integer"},
    # oui/non, vrai/faux, true/false… in any case, as `coopdocs validate` reads them.
    "boolean": {"type": ["boolean", "string"], "pattern": _BOOLEAN_PATTERN},
    "decimal": {"type": "number"},
    "id": {"type": "string", "pattern": "^[a-z0-9_-]+$"},
    "ratio": {"type": "number", "exclusiveMinimum": 0, "maximum": 1},
    "pourcentage": {"type": "number", "minimum": 0, "maximum": 100},
    # `minimum` applies to numbers only and `pattern` to strings only: one schema covers both.
    "montant": {"type": ["number", "string"], "minimum": 0, "pattern": _MONTANT_PATTERN},
    # Day and month in range; an impossible day (30 février) only `coopdocs validate` sees.
    "date": {"type": "string", "pattern": _DATE_PATTERN},
    # 14 digits, spaces, dots or dashes between them.
    # Unquoted, an editor drops its leading zeros: any number up to 14 digits.
    "siret": {"type": ["string", "integer"], "pattern": r"^\s*([0-9][\s.-]*){13}[0-9]\s*$",
              "minimum": 1, "maximum": 99_999_999_999_999},
    "email": {"type": "string", "pattern": r"^\s*[^@\s]+@[^@\s]+\.[^@\s.]+\s*$"},
    # A postal code is text ("93200"); unquoted, an editor reads 01000 as the number 1000.
    "code_postal": {"type": ["string", "integer"], "pattern": r"^\s*[0-9]{5}\s*$",
                    "minimum": 1000, "maximum": 99999},
    "rna": {"type": "string", "pattern": r"^\s*[Ww][0-9]{9}\s*$"},
}
_JSON_LIMITS = {"minlength": "minLength", "maxlength": "maxLength", "min": "minimum",
                "max": "maximum"}
_TEXT_KINDS = ("string", "texte")


def _json_field(rules: Mapping[str, Any], *, nullable: bool) -> dict[str, Any]:
    kind = rules.get("type", "string")
    if kind == "dict":
        out = _json_object(rules.get("schema") or {}, rules)
    elif kind == "list":
        out = {"type": "array"}
        if "schema" in rules:
            # A list item is never blank (`coopdocs validate` checks it like a required field).
            out["items"] = _json_field({**rules["schema"], "required": True}, nullable=False)
        for rule, name in (("minlength", "minItems"), ("maxlength", "maxItems")):
            if rule in rules:
                out[name] = rules[rule]
    else:
        out = deepcopy(_JSON_TYPES[kind])
        out.update({name: rules[rule] for rule, name in _JSON_LIMITS.items() if rule in rules})
        if "allowed" in rules:
            out["enum"] = list(rules["allowed"])
        elif kind in _TEXT_KINDS and rules.get("required"):
            out["minLength"] = max(1, out.get("minLength", 1))
            out["pattern"] = _NON_BLANK
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
    # « at least one of » counts a field written with no value as missing, like validate.
    groups = [{"anyOf": [{"required": [k], "properties": {k: {"not": {"type": "null"}}}}
                         for k in group]} for group in rules.get("un_requis", [])]
    if groups:
        out["allOf"] = groups
    return out


def json_schema() -> dict[str, Any]:
    """The project format as JSON Schema draft 2020-12 (for yaml-language-server and friends)."""
    # Imported here: coopdocs.schema re-exports this module, a top-level import would be circular.
    doc = schema_document()
    body = _json_object(schema_rules(), {})
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": doc["titre"], "description": doc["description"], **body}


_MD_TYPES = {"string": "texte", "texte": "texte (paragraphes)", "integer": "nombre entier",
             "boolean": "oui/non", "decimal": "nombre", "montant": "montant (€)", "date": "date",
             "siret": "SIRET", "id": "identifiant", "ratio": "proportion",
             "pourcentage": "pourcentage", "email": "adresse électronique",
             "code_postal": "code postal", "rna": "numéro RNA", "dict": "bloc"}
_MD_FORMATS = {"boolean": "`oui` ou `non` (`true`, `false` aussi)",
               "montant": "`12500`, `12500.5`, `\"12 500,50 €\"`", "date":
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
