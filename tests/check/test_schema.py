"""coopdocs.check.schema (schemas/projet.yaml): formats, French messages, defaults; and
coopdocs.check.export (the JSON Schema and the markdown reference)."""

from __future__ import annotations

import copy
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from coopdocs.check.export import json_schema, markdown_reference
from coopdocs.check.schema import field_rules, validate
from coopdocs.check.values import add_months

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def raw_complet(complet_raw: dict[str, Any]) -> dict[str, Any]:
    """exemple-complet.yaml as read, before the schema: a copy each test may edit."""
    return copy.deepcopy(complet_raw)


@pytest.fixture
def raw_minimal(minimal_raw: dict[str, Any]) -> dict[str, Any]:
    """exemple-minimal.yaml as read, before the schema: a copy each test may edit."""
    return copy.deepcopy(minimal_raw)


def _only_problem(data: dict[str, Any]) -> Any:
    normalised, problems = validate(data)
    assert normalised is None
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0]


# --- the examples --------------------------------------------------------------------------------

def test_examples_validate(raw_complet: dict[str, Any], raw_minimal: dict[str, Any]) -> None:
    for data in (raw_complet, raw_minimal):
        normalised, problems = validate(data)
        assert problems == []
        assert normalised is not None


def test_validate_does_not_modify_its_input(raw_complet: dict[str, Any]) -> None:
    before = copy.deepcopy(raw_complet)
    validate(raw_complet)
    assert raw_complet == before


def test_not_a_mapping() -> None:
    normalised, problems = validate(["projet"])
    assert normalised is None and problems[0].code == "schema.document"


# --- montant -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "expected"), [
    (12500, "12500.00"), (12500.5, "12500.50"), ("12 500,50", "12500.50"),
    ("12 500,50 €", "12500.50"), ("12\u00a0500,50\u00a0€", "12500.50"),
    ("12\u202f500,50\u00a0€", "12500.50"), ("12500.50", "12500.50"), ("20 000", "20000.00"),
    ("40 000,00 €", "40000.00"), (0, "0.00"), (Decimal("3.1"), "3.10"), ("7€", "7.00"),
])
def test_montant_spellings(raw_minimal: dict[str, Any], value: Any, expected: str) -> None:
    raw_minimal["partenaires"][0]["contribution"] = {"apport_financier": value}
    normalised, problems = validate(raw_minimal)
    assert problems == []
    amount = normalised["partenaires"][0]["contribution"]["apport_financier"]
    assert isinstance(amount, Decimal) and amount == Decimal(expected)
    assert str(amount) == expected  # quantized to the cent


@pytest.mark.parametrize(("value", "code"), [
    (-1, "montant-negatif"), ("-12,50", "montant-negatif"), ("12,5555", "montant-decimales"),
    (12.555, "montant-decimales"), ("12.500,50", "format-montant"),
    ("douze euros", "format-montant"),
    (True, "type"), ([100], "type"), (float("nan"), "format-montant"),
])
def test_montant_errors(raw_minimal: dict[str, Any], value: Any, code: str) -> None:
    raw_minimal["partenaires"][0]["contribution"] = {"apport_financier": value}
    problem = _only_problem(raw_minimal)
    assert problem.path == ("partenaires", 0, "contribution", "apport_financier")
    assert problem.code == "schema." + code
    assert "12500" in problem.hint or "positif" in problem.hint or "centime" in problem.hint


@pytest.mark.parametrize(("value", "message", "hint"), [
    ("20.000", "« 20.000 » est ambigu : 20\u202f000,00\xa0€ ou 20,00\xa0€ ?",
     'écrivez 20000 (ou "20 000") pour 20\u202f000,00\xa0€, ou 20 pour 20,00\xa0€'),
    ("1,500 €", "« 1,500 € » est ambigu : 1\u202f500,00\xa0€ ou 1,50\xa0€ ?",
     'écrivez 1500 (ou "1 500") pour 1\u202f500,00\xa0€, ou 1.5 pour 1,50\xa0€'),
    ("12,555", "« 12,555 » est ambigu : 12\u202f555,00\xa0€, ou un montant à trois décimales "
     "(un montant en euros en a deux au plus) ?",
     'écrivez 12555 (ou "12 555") pour 12\u202f555,00\xa0€, ou arrondissez au centime'),
])
def test_montant_with_three_figures_after_the_separator_is_asked_about(
        raw_minimal: dict[str, Any], value: str, message: str, hint: str) -> None:
    # "20.000" is twenty thousand euros for a French reader, twenty for a program: never guessed.
    raw_minimal["partenaires"][0]["contribution"] = {"apport_financier": value}
    problem = _only_problem(raw_minimal)
    assert problem.code == "schema.montant-ambigu"
    assert problem.message == message
    assert problem.hint == f"É{hint[1:]}."


# --- dates ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("value", [date(2026, 9, 1), "2026-09-01", "01/09/2026", "1/9/2026",
                                   " 2026-09-01 "])
def test_date_spellings(raw_minimal: dict[str, Any], value: Any) -> None:
    raw_minimal["projet"]["date_signature"] = value
    normalised, problems = validate(raw_minimal)
    assert problems == []
    assert normalised["projet"]["date_signature"] == date(2026, 9, 1)


@pytest.mark.parametrize(("value", "code", "hint"), [
    ("2026-02-30", "date-impossible",
     "Février 2026 compte 28 jours ; pour son dernier jour, écrivez 2026-02-28 ou 28/02/2026."),
    ("31/02/2027", "date-impossible",
     "Février 2027 compte 28 jours ; pour son dernier jour, écrivez 28/02/2027 ou 2027-02-28."),
    ("09/30/2027", "date-impossible",
     "Le jour s'écrit avant le mois : écrivez 30/09/2027 ou 2027-09-30."),
    ("2026-13-01", "date-impossible",
     "Après l'année viennent le mois, puis le jour : écrivez 2026-01-13 ou 13/01/2026."),
    ("30.09.2027", "format-date", "Écrivez 30/09/2027 ou 2027-09-30."),
    ("2026/09/01", "format-date", "Écrivez 2026-09-01 ou 01/09/2026."),
    ("demain", "format-date",
     "Écrivez-la jour/mois/année (31/01/2027) ou année-mois-jour (2027-01-31)."),
    ("13/13/2027", "date-impossible",
     "Écrivez-la jour/mois/année (31/01/2027) ou année-mois-jour (2027-01-31)."),
    (2026, "type", "Écrivez-la jour/mois/année (31/01/2027) ou année-mois-jour (2027-01-31)."),
])
def test_bad_dates(raw_minimal: dict[str, Any], value: Any, code: str, hint: str) -> None:
    """The hint is built from the user's own numbers, never an unrelated example date."""
    raw_minimal["projet"]["date_signature"] = value
    problem = _only_problem(raw_minimal)
    assert problem.path == ("projet", "date_signature")
    assert problem.code == "schema." + code
    assert problem.hint == hint


def test_date_fin_derived_from_duree_mois(raw_minimal: dict[str, Any]) -> None:
    normalised, _ = validate(raw_minimal)
    assert normalised["projet"]["date_fin"] == date(2028, 1, 31)  # 2027-02-01 + 12 months − 1 day
    assert normalised["projet"]["duree_mois"] == 12


def test_duree_mois_derived_from_dates(raw_complet: dict[str, Any]) -> None:
    normalised, _ = validate(raw_complet)
    assert normalised["projet"]["duree_mois"] == 36


def test_add_months_clamps_to_month_end() -> None:
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2027, 11, 15), 3) == date(2028, 2, 15)


def test_date_fin_or_duree_mois_required(raw_minimal: dict[str, Any]) -> None:
    del raw_minimal["projet"]["duree_mois"]
    problem = _only_problem(raw_minimal)
    assert problem.path == ("projet",)
    assert "« date_fin » ou « duree_mois »" in problem.message


# --- SIRET ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("value", "digits"), [
    ("73282932000074", "73282932000074"), ("35600000000048", "35600000000048"),
    ("35600000049837", "35600000049837"), ("356 000 000 09075", "35600000009075"),
    ("732.829.320.00074", "73282932000074"), ("732\u00a0829\u00a0320\u00a000074", "73282932000074"),
    (73282932000074, "73282932000074"), ("12345678200010", "12345678200010"),
])
def test_valid_siret(raw_minimal: dict[str, Any], value: Any, digits: str) -> None:
    raw_minimal["partenaires"][0]["siret"] = value
    normalised, problems = validate(raw_minimal)
    assert problems == []
    assert normalised["partenaires"][0]["siret"] == digits


@pytest.mark.parametrize("value", ["35600000049838", "73282932000075", "412 783 904 00004"])
def test_siret_with_wrong_key(raw_minimal: dict[str, Any], value: str) -> None:
    raw_minimal["partenaires"][1]["siret"] = value
    problem = _only_problem(raw_minimal)
    assert problem.path == ("partenaires", 1, "siret")
    assert problem.code == "schema.siret-cle"
    assert "clé de contrôle" in problem.message and "faute de frappe" in problem.hint


@pytest.mark.parametrize("value", ["4127839040003", "412 783 904 000 033", "SIRET", 4127839040003])
def test_siret_with_wrong_length(raw_minimal: dict[str, Any], value: Any) -> None:
    raw_minimal["partenaires"][1]["siret"] = value
    problem = _only_problem(raw_minimal)
    assert problem.code == "schema.siret-longueur"
    assert "14 chiffres" in problem.message


# --- unknown keys, enums, required, types ---------------------------------------------------------

def test_unknown_key_suggests_the_closest(raw_minimal: dict[str, Any]) -> None:
    second = raw_minimal["partenaires"][1]
    second["raison_socale"] = second.pop("raison_sociale")
    problem = _only_problem(raw_minimal)  # no extra "raison_sociale missing": the hint says it
    assert problem.path == ("partenaires", 1, "raison_socale")
    assert problem.dotted_path == "partenaires[2].raison_socale"
    assert problem.code == "schema.cle-inconnue"
    assert "« raison_socale »" in problem.message
    assert problem.hint == "Vouliez-vous dire « raison_sociale » ?"


def test_unknown_key_without_close_match_lists_keys(raw_minimal: dict[str, Any]) -> None:
    raw_minimal["projet"]["zzz"] = 1
    problem = _only_problem(raw_minimal)
    assert problem.path == ("projet", "zzz")
    assert "« nom »" in problem.hint and "« date_debut »" in problem.hint


def test_unknown_top_level_key(raw_minimal: dict[str, Any]) -> None:
    raw_minimal["partenaire"] = []
    problem = _only_problem(raw_minimal)
    assert problem.path == ("partenaire",) and "« partenaires »" in problem.hint


def _enum_paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place of the example holding a value of an enumerated field."""
    rules = field_rules(path) if path else None
    if rules and "allowed" in rules and isinstance(value, str):
        return [path]
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _enum_paths(v, (*path, k))]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in _enum_paths(v, (*path, i))]
    return []


def _set(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def test_every_enum_error_lists_the_allowed_values(complet_raw: dict[str, Any]) -> None:
    paths = _enum_paths(complet_raw)
    kinds = {tuple(p for p in path if isinstance(p, str)) for path in paths}
    assert len(kinds) >= 20  # most enumerations of the format appear in the complete example
    for path in paths:
        data = copy.deepcopy(complet_raw)
        _set(data, path, "valeur_inventee")
        problem = _only_problem(data)
        assert problem.path == path
        assert problem.code == "schema.valeur-non-prevue"
        for allowed in field_rules(path)["allowed"]:
            assert f"« {allowed} »" in problem.hint, (path, problem.hint)


def test_enum_typo_gets_a_suggestion(raw_minimal: dict[str, Any]) -> None:
    raw_minimal["partenaires"][0]["forme_juridique"] = "asociation"
    problem = _only_problem(raw_minimal)
    assert problem.hint.startswith("Vouliez-vous dire « association » ?")


@pytest.mark.parametrize(("path", "example"), [
    (("projet", "nom"), "nom: "), (("partenaires", 0, "representant", "qualite"), "qualite: "),
    (("gouvernance",), "« instances »"), (("statut_juridique", "forme"), "forme: "),
])
def test_required_missing(raw_minimal: dict[str, Any], path: tuple[Any, ...], example: str) -> None:
    parent = raw_minimal
    for part in path[:-1]:
        parent = parent[part]
    del parent[path[-1]]
    problem = _only_problem(raw_minimal)
    assert problem.path == path and problem.code == "schema.champ-manquant"
    assert problem.hint.startswith("Ajoutez") and example in problem.hint


def test_null_required_and_null_optional(raw_minimal: dict[str, Any]) -> None:
    raw_minimal["partenaires"][0]["sigle"] = None  # `sigle:` with no value = not given
    raw_minimal["projet"]["lieu_signature"] = None
    problem = _only_problem(raw_minimal)
    assert problem.path == ("projet", "lieu_signature") and problem.code == "schema.valeur-vide"


@pytest.mark.parametrize(("path", "value", "expected"), [
    (("projet", "nom"), ["x"], "Un texte est attendu (reçu : une liste)"),
    (("projet", "duree_mois"), "douze", "Un nombre entier est attendu"),
    (("partenaires", 0, "signataire_charte"), 12, "Oui ou non est attendu"),
    (("partenaires", 0, "adresse"), "2 rue", "Un bloc de champs"),
    (("gouvernance", "instances", 0, "composition", 0, "sieges"), True, "Un nombre entier"),
    (("enjeux_partages",), "un seul", "Une liste est attendue"),
])
def test_wrong_types(raw_minimal: dict[str, Any], path: tuple[Any, ...], value: Any,
                     expected: str) -> None:
    _set(raw_minimal, path, value)
    problem = _only_problem(raw_minimal)
    assert problem.path == path and problem.code == "schema.type"
    assert problem.message.startswith(expected)
    assert problem.hint


@pytest.mark.parametrize(("path", "value", "code"), [
    (("partenaires", 0, "adresse", "code_postal"), "9314", "format-code-postal"),
    (("partenaires", 0, "rna"), "W12", "format-rna"),
    (("partenaires", 0, "referent"), {"prenom": "A", "nom": "B", "email": "a@b"}, "format-email"),
    (("partenaires", 0, "id"), "Les Jardins", "format-id"),
    (("gouvernance", "instances", 0, "regles_de_vote", "seuil"), 75, "hors-limites"),
    (("gouvernance", "instances", 0, "regles_de_vote", "quorum"), 0, "hors-limites"),
    (("projet", "duree_mois"), 121, "hors-limites"),
    (("projet", "nom"), "AB", "longueur"),
    (("partenaires",), [], "longueur"),
])
def test_format_errors(raw_minimal: dict[str, Any], path: tuple[Any, ...], value: Any,
                       code: str) -> None:
    _set(raw_minimal, path, value)
    _, problems = validate(raw_minimal)
    assert [p.code for p in problems] == ["schema." + code], [p.format() for p in problems]
    assert problems[0].hint


def test_id_error_suggests_a_slug(raw_minimal: dict[str, Any]) -> None:
    raw_minimal["partenaires"][0]["id"] = "Les Jardins"
    assert "« les-jardins »" in _only_problem(raw_minimal).hint


def test_all_problems_at_once(raw_complet: dict[str, Any]) -> None:
    raw_complet["projet"]["nom"] = 12
    raw_complet["partenaires"][2]["siret"] = "123"
    raw_complet["gouvernance"]["instances"][1]["frequence"] = "souvent"
    del raw_complet["objectif_commun"]
    _, problems = validate(raw_complet)
    assert len(problems) == 4
    assert all(p.message[0].isupper() and p.message.endswith((".", "?")) for p in problems)


# --- normalisation -------------------------------------------------------------------------------

def test_defaults_minimal(raw_minimal: dict[str, Any]) -> None:
    data, _ = validate(raw_minimal)
    assert data["version"] == 1 and data["projet"]["reconduction"] == "aucune"
    assert data["projet"]["acronyme"] is None and data["projet"]["initiateur"] is None
    assert data["budget"] is None and data["plan_action"] == [] and data["valeurs"] == []
    partner = data["partenaires"][0]
    assert partner["signataire_convention"] is True and partner["signataire_charte"] is True
    assert partner["referent"] is None and partner["contribution"] is None
    assert partner["adresse"]["ligne2"] is None
    instance = data["gouvernance"]["instances"][0]
    assert instance["decisionnelle"] is True  # copil
    assert instance["composition"][0] == {"partenaire": "jardins", "sieges": 1, "voix": 1,
                                          "fonction": None}
    assert instance["regles_de_vote"]["voix_preponderante"] == "aucune"
    assert data["clauses"] == {
        "communication": {"validation_conjointe": True},
        "propriete_intellectuelle": "chacun_conserve",
        "confidentialite": {"active": True, "duree_ans": 2},
        "donnees_personnelles": True,  # both partners are ACI
        "assurances": True,
        "resiliation": {"delai_mise_en_demeure_jours": 30, "preavis_jours": 90},
        "litiges": {"juridiction": None},
        "nombre_exemplaires": 2,
    }


def test_defaults_complete(raw_complet: dict[str, Any]) -> None:
    raw_complet["partenaires"][2]["role"] = "soutien"
    raw_complet["partenaires"][1]["role"] = "observateur"
    raw_complet["gouvernance"]["instances"][0]["composition"][1]["sieges"] = 2
    del raw_complet["gouvernance"]["instances"][1]["decisionnelle"]
    data, problems = validate(raw_complet)
    assert problems == []
    signing = {p["id"]: p["signataire_convention"] for p in data["partenaires"]}
    # the coordinator says false explicitly; soutien/observateur default to false
    assert signing == {"recycl": True, "repar": False, "ai-courneuve": False, "reseau": False,
                       "plaine": True}
    assert data["clauses"]["nombre_exemplaires"] == 2
    assert data["clauses"]["confidentialite"] == {"active": True, "duree_ans": 3}
    assert data["gouvernance"]["instances"][0]["composition"][1]["voix"] == 2
    assert data["gouvernance"]["instances"][1]["decisionnelle"] is False  # cotech
    assert data["plan_action"][1]["statut"] == "a_lancer"
    assert data["plan_action"][0]["taches"][1]["jalon"] is False
    assert data["plan_action"][1]["besoin_financier"] == Decimal("40000.00")
    assert data["budget"]["repartition"][0]["pourcentage"] == Decimal(50)
    assert data["gouvernance"]["instances"][0]["regles_de_vote"]["seuil"] == Decimal("0.75")
    assert data["parties_prenantes"][0]["niveau_participation"] == "information"
    assert data["objectifs_operationnels"][0]["echeance"] == date(2027, 6, 30)
    assert data["projet"]["contexte"].endswith("insertion.")  # literal block: final newline gone


def test_no_siae_means_no_personal_data_clause(raw_minimal: dict[str, Any]) -> None:
    for partner in raw_minimal["partenaires"]:
        partner["type_structure"] = "association"
    data, _ = validate(raw_minimal)
    assert data["clauses"]["donnees_personnelles"] is False


# --- exports -------------------------------------------------------------------------------------

def _as_editor_sees_it(value: Any) -> Any:
    """YAML 1.2 editors read unquoted dates as strings."""
    if isinstance(value, dict):
        return {k: _as_editor_sees_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_editor_sees_it(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def test_json_schema_accepts_examples_and_rejects_unknown_keys(raw_complet: dict[str, Any],
                                                              raw_minimal: dict[str, Any]) -> None:
    document = json_schema()
    assert document["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(document)
    checker = Draft202012Validator(document)
    for data in (raw_complet, raw_minimal):
        assert list(checker.iter_errors(_as_editor_sees_it(data))) == []
    raw_minimal["partenaires"][1]["raison_socale"] = "x"
    errors = list(checker.iter_errors(_as_editor_sees_it(raw_minimal)))
    assert len(errors) == 1 and "raison_socale" in errors[0].message
    del raw_minimal["partenaires"][1]["raison_socale"]
    del raw_minimal["projet"]["duree_mois"]
    assert list(checker.iter_errors(_as_editor_sees_it(raw_minimal)))


def test_json_schema_describes_fields_in_french() -> None:
    projet = json_schema()["properties"]["projet"]
    assert projet["additionalProperties"] is False
    assert "nom" in projet["required"]
    assert projet["properties"]["nom"]["description"] == "Nom du projet."
    assert projet["properties"]["reconduction"]["enum"] == ["aucune", "tacite", "expresse", None]


def test_docs_format_md_is_up_to_date() -> None:
    expected = markdown_reference()
    current = (ROOT / "docs" / "format.md").read_text(encoding="utf-8")
    assert current == expected, (
        "docs/format.md n'est plus à jour : régénérez-le avec "
        "`coopdocs schema --format markdown -o docs/format.md`")


def test_markdown_reference_covers_every_block() -> None:
    text = markdown_reference()
    for block in ("projet", "partenaires[]", "partenaires[].adresse", "gouvernance.instances[]",
                  "clauses.resiliation", "plan_action[].taches[]", "mobilisation[]"):
        assert f"`{block}`\n" in text
    assert text == markdown_reference()  # deterministic


def test_validation_speed(raw_complet: dict[str, Any]) -> None:
    validate(raw_complet)  # the validator is built once, on first use
    start = time.perf_counter()
    for _ in range(20):
        validate(raw_complet)
    each = (time.perf_counter() - start) / 20
    print(f"\nvalidation de l'exemple raw_complet : {each * 1000:.2f} ms")  # informative only


def test_a_blank_optional_date_is_not_given_and_a_blank_required_one_says_so_once(
        raw_complet: dict[str, Any]) -> None:
    # `echeance:` left blank: optional for an objective, required for an action.
    raw_complet["objectifs_operationnels"][0]["echeance"] = None
    normalised, problems = validate(copy.deepcopy(raw_complet))
    assert normalised is not None and problems == []
    assert normalised["objectifs_operationnels"][0]["echeance"] is None
    raw_complet["plan_action"][0]["echeance"] = None
    problem = _only_problem(raw_complet)
    assert problem.path == ("plan_action", 0, "echeance")
    assert "Valeur vide" in problem.message
