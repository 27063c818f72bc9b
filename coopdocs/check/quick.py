"""A fast acceptance of project files the schema surely accepts, before cerberus.

cerberus walks a complete project in ~8 ms, a fifth of a project's whole build. Most files
people build are valid, and for them its report is empty: `surely_valid` answers in one plain
walk with the same rules (the ones `schemas/projet.yaml` uses: type, nullable, required,
unknown keys, empty, non_blanc, format, allowed, min, max, minlength, maxlength, un_requis,
nested schemas). It is conservative: any rule it does not know, any value it cannot judge, and
it says False, and `check.schema` asks cerberus, whose errors stay the only report. A test
compares both on valid and broken projects: what this accepts, cerberus accepts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence, Sized
from typing import Any

from coopdocs.check.values import PARSERS, Issue

__all__ = ["surely_valid"]

# The rules this module judges; `meta` and `default` do not validate (the second is for the
# normalisation), `schema` is followed below.
_KNOWN = frozenset({"type", "nullable", "required", "schema", "empty", "non_blanc", "format",
                    "allowed", "min", "max", "minlength", "maxlength", "un_requis", "meta",
                    "default"})


def surely_valid(data: Any, schema: Mapping[str, Any], types: Mapping[str, Any]) -> bool:
    """True when cerberus, given `schema` (prepared for it) and the validator's `types`, would
    find no error in the mapping `data`; False when it would, or when unsure."""
    try:
        return _mapping(data, schema, types)
    except Exception:  # a value whose comparison or parsing raises: cerberus will say
        return False


def _mapping(data: Any, schema: Mapping[str, Any], types: Mapping[str, Any]) -> bool:
    if not isinstance(data, Mapping) or any(key not in schema for key in data):
        return False  # not a block, or an unknown key
    for key, rules in schema.items():
        if key in data:
            if not _field(data[key], rules, types):
                return False
        elif rules.get("required"):
            return False
    return True


def _field(value: Any, rules: Mapping[str, Any], types: Mapping[str, Any]) -> bool:
    if not _KNOWN.issuperset(rules):
        return False
    if value is None:
        return bool(rules.get("nullable", False))
    kind = rules.get("type")
    if kind is not None:
        if not isinstance(kind, str) or kind not in types:
            return False
        definition = types[kind]
        if not isinstance(value, definition.included_types) or \
                isinstance(value, definition.excluded_types):
            return False
    if rules.get("empty") is False and isinstance(value, Sized) and len(value) == 0:
        return False
    if rules.get("non_blanc") and isinstance(value, str) and value and not value.strip():
        return False
    name = rules.get("format")
    if name is not None and isinstance(PARSERS[name](value), Issue):
        return False
    if "allowed" in rules and not _allowed(value, rules["allowed"]):
        return False
    if "min" in rules and value < rules["min"]:
        return False
    if "max" in rules and value > rules["max"]:
        return False
    if "minlength" in rules and (not isinstance(value, Iterable)
                                 or len(value) < rules["minlength"]):  # type: ignore[arg-type]
        return False
    if "maxlength" in rules and (not isinstance(value, Iterable)
                                 or len(value) > rules["maxlength"]):  # type: ignore[arg-type]
        return False
    if "un_requis" in rules and isinstance(value, Mapping) and any(
            all(value.get(key) is None for key in group) for group in rules["un_requis"]):
        return False
    inner = rules.get("schema")
    if inner is None:
        return True
    if kind == "dict":
        return _mapping(value, inner, types)
    if kind == "list" and isinstance(value, Sequence) and not isinstance(value, str):
        return all(_field(item, inner, types) for item in value)
    return False  # a schema on another type: not a case the project schema has


def _allowed(value: Any, allowed: Any) -> bool:
    if isinstance(value, Iterable) and not isinstance(value, str):
        return all(item in allowed for item in value)
    return value in allowed
