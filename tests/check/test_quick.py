"""check.quick: what it accepts, cerberus accepts; and it accepts the files people write.

The quick acceptance replaces cerberus only for files it is sure of; a file it wrongly accepted
would reach the documents unchecked. Each broken project below is a valid one with one value
replaced, one key added or one key removed, anywhere in the tree.
"""

from __future__ import annotations

import copy
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import strategies as S
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopdocs.check.quick import surely_valid
from coopdocs.check.schema import CoopdocsValidator, prepared_schema
from coopdocs.source.reader import read_source

# The examples of every shape (the spec's two examples are exemple-complet and -minimal).
EXAMPLES = sorted(Path(__file__).resolve().parents[2].glob("coopdocs/examples/*.yaml"))

CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# Values a user's slip puts anywhere: wrong types, blanks, out-of-range numbers, bad formats.
ODD = [None, "", "   ", "\t", 0, -1, 1.5, 10**12, True, False, "x", "ACI", "2026-02-30",
       "31/12/2026", date(1900, 1, 1), "12 000 €", "50 %", "abc@", "12345678901234", [], {},
       ["x"], [None], {"x": 1}, {"id": ""}]


def quick(data: Any) -> bool:
    return surely_valid(data, prepared_schema(), CoopdocsValidator.types_mapping)


def _cerberus(data: Any) -> bool:
    return CoopdocsValidator(prepared_schema()).validate(copy.deepcopy(data), normalize=False)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_examples_take_the_quick_path(path: Path) -> None:
    data = read_source(path).data
    assert quick(data) and _cerberus(data)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


def _parent(data: Any, path: tuple[Any, ...]) -> Any:
    for step in path[:-1]:
        data = data[step]
    return data


@settings(max_examples=int(os.environ.get("COOPDOCS_EXEMPLES_RAPIDES", "150")), deadline=None,
          database=None, derandomize=CI,  # under CI the same examples each run (reproducible)
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(project=S.valid_projects(max_partners=6), choice=st.data())
def test_what_quick_accepts_cerberus_accepts(project: dict[str, Any], choice: Any) -> None:
    data = yaml.safe_load(S.to_yaml(project))  # as a file gives it: dates, numbers, strings
    assert quick(data) and _cerberus(data)  # a valid project takes the quick path
    paths = [p for p in _paths(data) if p]
    path = choice.draw(st.sampled_from(paths))
    parent = _parent(data, path)
    how = choice.draw(st.sampled_from(["replace", "add", "remove"]))
    if how == "replace":
        parent[path[-1]] = choice.draw(st.sampled_from(ODD))
    elif how == "add" and isinstance(parent, dict):
        parent[choice.draw(st.sampled_from(["cle_inconnue", "Nom", "id ", 3]))] = "valeur"
    elif isinstance(parent, dict):
        del parent[path[-1]]
    else:
        parent.pop(path[-1])
    if quick(data):
        assert _cerberus(data), f"accepted quickly, refused by cerberus after {how} at {path}"
