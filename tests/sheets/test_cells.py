"""A cell → the value `validate` reads: what spreadsheets add (numbers for codes, lost
leading zeros, date cells, booleans, French words for coded values)."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

import pytest

from coopdocs.check.schema import field_rules
from coopdocs.check.values import Issue
from coopdocs.sheets.cells import code_for, convert, split_person


def _convert(value: Any, *path: str) -> Any:
    rules = field_rules(("partenaires", 0, *path))
    assert rules is not None
    return convert(value, path[-1], rules)


@pytest.mark.parametrize(("value", "path", "expected"), [
    (41278390400003, ("siret",), "41278390400003"),
    ("412 783 904 00003", ("siret",), "41278390400003"),
    (1000, ("adresse", "code_postal"), "01000"),  # 01000 typed in a number cell
    (93200, ("adresse", "code_postal"), "93200"),
    (date(2027, 12, 31), ("conventionnement", "date_fin"), date(2027, 12, 31)),
    (datetime(2027, 12, 31), ("conventionnement", "date_fin"), date(2027, 12, 31)),
    ("31/12/2027", ("conventionnement", "date_fin"), date(2027, 12, 31)),
    ("20 000 €", ("contribution", "apport_financier"), 20000),
    ("1500,50", ("contribution", "apport_financier"), 1500.5),
    (8000.0, ("contribution", "apport_financier"), 8000),
    ("0,5", ("contribution", "etp"), 0.5),
    ("oui", ("signataire_convention",), True),
    (False, ("signataire_charte",), False),
    ("Association loi 1901", ("forme_juridique",), "association"),
    ("Association (loi 1901)", ("forme_juridique",), "association"),
    ("SAS au capital de 10 000 €", ("forme_juridique",), "sas"),
    ("Mairie", ("forme_juridique",), "collectivite_territoriale"),
    ("Communauté d'agglomération", ("forme_juridique",), "epci"),
    ("Atelier et chantier d'insertion", ("type_structure",), "aci"),
    ("ETTI", ("type_structure",), "etti"),
    ("Entreprise d'insertion (EI)", ("type_structure",), "ei"),
    ("France Travail", ("type_structure",), "service_public_emploi"),
    ("Chef de file", ("role",), "chef_de_file"),
    ("Mme", ("representant", "civilite"), "madame"),
    (12, ("raison_sociale",), "12"),
])
def test_cells_read_as_validate_reads_them(value: Any, path: tuple[str, ...], expected: Any):
    assert _convert(value, *path) == expected


def test_a_leading_zero_lost_by_a_siret_number_cell_comes_back():
    assert _convert(1_234_567_800_010, "siret") == "01234567800010"


@pytest.mark.parametrize(("value", "path", "code"), [
    ("Coopérative agricole", ("forme_juridique",), "valeur-non-prevue"),
    ("12/13/2027", ("conventionnement", "date_fin"), "date-impossible"),
    (45000, ("conventionnement", "date_fin"), "format-date"),  # a date cell read as a number
    (time(9, 30), ("conventionnement", "date_fin"), "type"),
    ("20.000", ("contribution", "apport_financier"), "montant-ambigu"),
    ("peut-être", ("signataire_convention",), "format-booleen"),
])
def test_what_validate_refuses_is_refused_with_its_reason(value: Any, path: tuple[str, ...],
                                                           code: str):
    found = _convert(value, *path)
    assert isinstance(found, Issue) and found.code == code


def test_a_coded_value_nobody_knows_suggests_the_closest():
    found = _convert("SARLL", "forme_juridique")
    assert isinstance(found, Issue)
    assert found.message == "« SARLL » n'est pas une forme juridique que coopdocs connaît"
    assert found.hint.startswith("vouliez-vous dire « sarl » ? Valeurs possibles : association,")


def test_code_for_reads_labels_and_spellings():
    assert code_for("role", "Partenaire opérationnel", ["partenaire_operationnel"]) == \
        "partenaire_operationnel"
    assert code_for("forme_juridique", "", ["association"]) is None


@pytest.mark.parametrize(("text", "person"), [
    ("Mme Nadia HADDAD", {"civilite": "madame", "prenom": "Nadia", "nom": "HADDAD"}),
    ("M. Jean-Pierre LE GALL", {"civilite": "monsieur", "prenom": "Jean-Pierre",
                                "nom": "LE GALL"}),
    ("Monsieur Karim Benali", {"civilite": "monsieur", "prenom": "Karim", "nom": "Benali"}),
    ("Inès Martin-Ñúñez", {"prenom": "Inès", "nom": "Martin-Ñúñez"}),
    ("Moreau", {"nom": "Moreau"}),
])
def test_a_whole_name_is_split(text: str, person: dict[str, str]):
    assert split_person(text) == person
