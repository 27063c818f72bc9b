"""The page's forms: generated from the schema, and read back into exactly what was changed."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from formdata import submitted

from coopdocs.method.steps import trame
from coopdocs.serve.forms import (
    Field,
    apply_action,
    parse_action,
    read_form,
    step_fields,
    step_keys,
)
from coopdocs.source.reader import read_source, read_source_text
from coopdocs.source.roundtrip import update_text

STEPS = [step.id for step in trame()]


def _walk(fields: list[Field]) -> list[Field]:
    out = []
    for f in fields:
        out.append(f)
        out += _walk(f.children)
    return out


def _find(fields: list[Field], name: str) -> Field:
    return next(f for f in _walk(fields) if f.name == name)


def test_every_top_level_field_of_the_schema_but_two_belongs_to_a_step() -> None:
    from coopdocs.check.schema import schema_rules

    placed = [key for step in STEPS for key in step_keys(step)]
    assert sorted(set(schema_rules()) - set(placed)) == ["modeles", "version"]
    assert len(placed) == len(set(placed))


@pytest.mark.parametrize("step", STEPS)
def test_a_form_sent_back_unchanged_gives_the_same_data(example_name: str, example_path: Any,
                                                          step: str) -> None:
    data = read_source(example_path(example_name)).data
    fields = step_fields(step, data)
    assert read_form(step, submitted(fields), data) == data


def test_fields_have_french_labels_help_and_choices(complet_raw: dict[str, Any]) -> None:
    fields = step_fields("perimetre", complet_raw)
    siret = _find(fields, "partenaires.0.siret")
    assert siret.label.startswith("Numéro SIRET (14 chiffres, espaces permis)")
    assert siret.help == ['Exemple : 412 783 904 00003']
    legal = _find(fields, "partenaires.0.forme_juridique")
    assert legal.kind == "choix" and legal.required
    assert ("association", "Association régie par la loi du 1er juillet 1901") in legal.options
    role = _find(fields, "partenaires.0.role")
    assert ("chef_de_file", "Chef de file") in role.options
    assert all(f.label for f in _walk(fields))


def test_references_are_chosen_among_existing_ids(complet_raw: dict[str, Any]) -> None:
    fields = step_fields("plan_action", complet_raw)
    pilot = _find(fields, "plan_action.0.pilote")
    ids = [p["id"] for p in complet_raw["partenaires"]]
    assert pilot.kind == "reference"
    assert [v for v, _ in pilot.options] == ids
    assert pilot.options[0][1] == f"{complet_raw['partenaires'][0]['raison_sociale']} ({ids[0]})"
    helpers = _find(fields, "plan_action.0.contributeurs")
    assert helpers.kind == "cases" and [v for v, _ in helpers.options] == ids
    governance = step_fields("gouvernance", complet_raw)
    chair = _find(governance, "gouvernance.instances.0.presidence")
    assert [v for v, _ in chair.options][:2] == ["tournante", "co_presidence"]


def test_a_changed_value_is_typed_as_in_yaml(complet_raw: dict[str, Any]) -> None:
    data = copy.deepcopy(complet_raw)
    form = submitted(step_fields("initiation", data))
    form["projet.date_debut"] = ["2027-03-01"]
    form["projet.duree_mois"] = ["18"]
    form["projet.nom"] = ["  Un autre nom  "]
    form["projet.acronyme"] = [""]
    out = read_form("initiation", form, data)
    assert out["projet"]["date_debut"] == date(2027, 3, 1)
    assert out["projet"]["duree_mois"] == 18
    assert out["projet"]["nom"] == "Un autre nom"
    assert "acronyme" not in out["projet"]
    assert {k: v for k, v in out.items() if k != "projet"} == \
        {k: v for k, v in data.items() if k != "projet"}
    form = submitted(step_fields("perimetre", data))
    form["partenaires.0.contribution.etp"] = ["0,5"]
    form["partenaires.0.signataire_charte"] = ["non"]
    out = read_form("perimetre", form, data)
    assert out["partenaires"][0]["contribution"]["etp"] == 0.5
    assert out["partenaires"][0]["signataire_charte"] is False


def test_lists_add_remove_and_move_items(complet_raw: dict[str, Any]) -> None:
    data = copy.deepcopy(complet_raw)
    ids = [p["id"] for p in data["partenaires"]]
    assert apply_action(data, parse_action("ajouter:partenaires"))
    assert data["partenaires"][-1] == {"id": "partenaire-1"}
    assert apply_action(data, parse_action("supprimer:partenaires." + str(len(ids))))
    assert apply_action(data, parse_action("descendre:partenaires.0"))
    assert [p["id"] for p in data["partenaires"]] == [ids[1], ids[0], *ids[2:]]
    assert not apply_action(data, parse_action("monter:partenaires.0.adresse"))
    assert not apply_action(data, parse_action("monter:partenaires.0"))  # already first
    assert parse_action("effacer:tout") is None


def test_moved_items_keep_their_values_and_comments(project_file: Any) -> None:
    path = project_file("exemple-complet")
    text = path.read_text(encoding="utf-8")
    data = read_source(path).data
    form = submitted(step_fields("perimetre", data))
    # The browser sends the items in their new order, each saying where it came from.
    first = {k: v for k, v in form.items() if k.startswith("partenaires.0.")}
    second = {k: v for k, v in form.items() if k.startswith("partenaires.1.")}
    for key in first:
        del form[key]
    for key in second:
        del form[key]
    form.update({k.replace("partenaires.0.", "partenaires.1.", 1): v for k, v in first.items()})
    form.update({k.replace("partenaires.1.", "partenaires.0.", 1): v for k, v in second.items()})
    out = read_form("perimetre", form, data)
    assert out["partenaires"][0] == data["partenaires"][1]
    assert out["partenaires"][1] == data["partenaires"][0]
    written = update_text(text, out)
    assert read_source_text(written, "x.yaml").data == out
    comments = [line.strip() for line in text.splitlines() if line.strip().startswith("#")]
    kept = [line.strip() for line in written.splitlines() if line.strip().startswith("#")]
    assert sorted(comments) == sorted(kept)


def test_a_value_the_page_cannot_show_is_kept(complet_raw: dict[str, Any]) -> None:
    data = copy.deepcopy(complet_raw)
    data["projet"]["nom"] = ["une", "liste"]
    fields = step_fields("initiation", data)
    assert _find(fields, "projet.nom").kind == "brut"
    assert read_form("initiation", submitted(fields), data) == data
