"""The starter of `coopdocs init` is honest: every example value in it is recognisable, found
wherever a user leaves it, and never mistaken for a real value."""

from __future__ import annotations

import re

import pytest
import yaml

from coopdocs.check.project import load_project, validate_file
from coopdocs.source.starter import (
    EXAMPLES,
    STARTER_FILE,
    placeholder_paths,
    placeholders,
    starter_text,
    write_starter,
)


def test_every_bracketed_value_and_every_zero_number_of_the_starter_is_found() -> None:
    text = starter_text()
    # Counted in the text itself (comments left out), independently of the code under test.
    values = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))
    bracketed = re.findall(r'"(\[[^"\]]+\])"', values)
    block = 1  # projet.contexte, a bracketed block of text after « | »
    zeros = len(re.findall(r'(?m)^\s+(?:siret|code_postal|rna): "W?[0 ]+(?:18)?"', values))
    capitals = len(re.findall(r"(?m)^\s+capital_social: 0\b", values))  # a company's, to give
    found = placeholders(yaml.safe_load(text))
    assert len(found) == len(bracketed) + block + zeros + capitals, found
    assert zeros == 5 and capitals == 1


def test_the_starter_validates_with_one_warning_per_example_value() -> None:
    result = validate_file(STARTER_FILE)
    assert result.valid
    leftovers = [p for p in result.warnings if p.code == "valeur-exemple"]
    assert len(leftovers) == len(placeholders(yaml.safe_load(starter_text())))
    # Besides the example values, one gap the documents would mark: the starter leaves the
    # action's besoin_financier commented out, so the plan d'action says it is to complete.
    others = [p for p in result.warnings if p.code != "valeur-exemple"]
    assert [(p.code, p.dotted_path) for p in others] == [
        ("document-a-completer", "plan_action[1].besoin_financier")]
    first = leftovers[0]
    assert first.format().endswith("ecosysteme.evenements[1]  avertissement : Valeur d'exemple "
                                   "laissée : « [Un temps où vos structures se sont "
                                   "rencontrées] ».  (Remplacez-la par celle du projet.)")


def test_strict_refuses_the_untouched_starter() -> None:
    result = validate_file(STARTER_FILE, strict=True)
    assert not result.valid
    assert {p.code for p in result.errors} == {"valeur-exemple", "document-a-completer"}


def test_examples_found_in_a_copied_block_and_in_normalised_data() -> None:
    """A user copies the partner block to add a third structure: its values are still found,
    and in the normalised data (SIRET as digits) as in the file."""
    data = yaml.safe_load(starter_text())
    third = dict(data["partenaires"][0], id="structure-c")
    data["partenaires"].append(third)
    paths = placeholder_paths(data)
    assert ("partenaires", 2, "raison_sociale") in paths
    assert ("partenaires", 2, "siret") in paths
    project = load_project(STARTER_FILE)
    normalised = placeholders(project.data)
    assert (("partenaires", 0, "siret"), "000 000 000 00000") in normalised
    assert (("projet", "nom"), "[Nom du projet]") in normalised
    # The capital of 0, read as a Decimal once normalised, is still the starter's.
    assert (("partenaires", 1, "capital_social"), "0") in normalised


def test_real_values_are_never_taken_for_examples(complet_raw, minimal_raw) -> None:
    assert placeholders(complet_raw) == [] and placeholders(minimal_raw) == []
    real = {"projet": {"nom": "[Réseau] Coopérative"}, "siret": "000 000 000 00019",
            "code_postal": "01000", "commune": "Commune"}
    assert placeholders(real) == []


@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_init_can_write_each_shipped_example(tmp_path, name: str) -> None:
    path = write_starter(tmp_path / "projet.yaml", example=name)
    assert path.read_text(encoding="utf-8") == EXAMPLES[name].read_text(encoding="utf-8")
    assert load_project(path).data
