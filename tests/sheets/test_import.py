"""`coopdocs importer`: spreadsheets written by openpyxl, by LibreOffice and by Excel (CSV)
become the same partners, which `validate` accepts; bad rows are all reported at their cells,
and then nothing is written."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from coopdocs.check.project import validate_file
from coopdocs.errors import ValidationError
from coopdocs.sheets.importing import import_sheet
from coopdocs.sheets.reading import SheetError
from coopdocs.source.reader import read_source
from tests.sheets.workbooks import (
    EXPECTED,
    ROWS,
    csv_text,
    libreoffice_copy,
    partners_workbook,
)


def _partners(path: Path) -> list[dict[str, Any]]:
    data = read_source(path).data
    assert isinstance(data, dict)
    partners: list[dict[str, Any]] = data["partenaires"]
    return partners


def _partner_problems(path: Path) -> list[str]:
    """What `coopdocs validate` says of the partners (the rest of the project is to fill)."""
    return [p.format() for p in validate_file(path).problems
            if p.path[:1] == ("partenaires",) and p.is_error]


def test_a_workbook_written_by_openpyxl_imports_into_partners_that_validate(tmp_path: Path):
    book = partners_workbook(tmp_path / "réseau.xlsx")
    target = tmp_path / "projet.yaml"
    result = import_sheet(book, target=target)
    assert result.errors == []
    assert result.written and result.new_file
    assert result.sheet == "Structures" and result.rows == 3
    assert _partners(target) == EXPECTED
    assert _partner_problems(target) == []
    # The column nobody asked for is named once, at its header cell.
    assert [p.format() for p in result.warnings] == [
        "réseau.xlsx:Structures:ligne 3:colonne S  avertissement : colonne « Salariés en "
        "parcours » ignorée : coopdocs ne sait pas quel champ elle donne  (renommez-la (par "
        "exemple « Raison sociale », « CP », « Qualité »), ou décrivez-la dans un fichier donné "
        "avec --colonnes)"]
    assert [(c.action, c.id, c.row) for c in result.changes] == [
        ("ajoute", "ra93", 4), ("ajoute", "repar-tout", 6), ("ajoute", "jdp", 7)]


def test_a_formula_never_computed_is_reported_at_its_cell(tmp_path: Path):
    rows = [list(r) if r else None for r in ROWS]
    rows[0][17] = "=12000+8000"  # the apport financier of Recycl'Action, as a formula
    book = partners_workbook(tmp_path / "réseau.xlsx", rows)
    result = import_sheet(book, target=tmp_path / "projet.yaml")
    assert [p.format() for p in result.errors] == [
        "réseau.xlsx:Structures:ligne 4:colonne R  contribution.apport_financier  la cellule "
        "contient une formule dont le résultat n'a jamais été calculé  (ouvrez le classeur dans "
        "votre tableur et enregistrez-le (le résultat sera calculé), ou remplacez la formule "
        "par sa valeur)"]
    assert not (tmp_path / "projet.yaml").exists()


@pytest.mark.parametrize("suffix", ["xlsx", "ods"])
def test_a_workbook_saved_by_libreoffice_imports_the_same(soffice: str, tmp_path: Path,
                                                          suffix: str):
    rows = [list(r) if r else None for r in ROWS]
    rows[0][17] = "=12000+8000"  # LibreOffice computes it: the import reads 20000
    source = partners_workbook(tmp_path / "réseau.xlsx", rows)
    book = libreoffice_copy(soffice, source, suffix, tmp_path / "lo")
    target = tmp_path / "projet.yaml"
    result = import_sheet(book, target=target)
    assert result.errors == [], [p.format() for p in result.errors]
    assert _partners(target) == EXPECTED
    assert _partner_problems(target) == []


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_a_csv_saved_by_excel_imports_the_same(tmp_path: Path, encoding: str):
    book = tmp_path / "réseau.csv"
    book.write_bytes(csv_text().encode(encoding))
    target = tmp_path / "projet.yaml"
    result = import_sheet(book, target=target)
    assert result.errors == []
    assert _partners(target) == EXPECTED
    assert result.warnings[0].format().startswith("réseau.csv:ligne 3:colonne S  ")


# --- Ten bad rows ------------------------------------------------------------------------------

_GOOD = ROWS[0]


def _siret(n: int) -> str:
    """A SIRET of its own for each bad row, with a right control key (Luhn)."""
    body = f"9{n:012d}"
    for key in "0123456789":
        digits = body + key
        total = sum(int(c) * (2 if i % 2 else 1) - (9 if int(c) * (2 if i % 2 else 1) > 9 else 0)
                    for i, c in enumerate(reversed(digits)))
        if total % 10 == 0:
            return digits
    raise AssertionError(n)


def _row(**changes: Any) -> list[Any]:
    columns = {"nom": 0, "sigle": 1, "forme": 2, "type": 3, "siret": 4, "cp": 6, "debut": 13,
               "fin": 14, "courriel": 16, "role": 12, "apport": 17}
    row = list(_GOOD)
    row[1] = None
    row[18] = None
    row[4] = _siret(changes.pop("n"))
    for key, value in changes.items():
        row[columns[key]] = value
    return row


BAD_ROWS = [
    _row(n=1, nom="Clé fausse", siret="412 783 904 00004"),
    _row(n=2, nom="SIRET court", siret="412 783 904"),
    _row(n=3, nom="Mutuelle des Lilas", forme="Mutuelle"),
    _row(n=4, nom=None),
    _row(n=5, nom="Doublon", siret="52159010900018"),  # the SIRET of Les Jardins, row 4
    _row(n=6, nom="Dates inversées", debut="01/01/2026", fin=date(2025, 12, 31)),
    _row(n=7, nom="Date impossible", fin="31/02/2027"),
    _row(n=8, nom="Code postal", cp="9320"),
    _row(n=9, nom="Cantine", type="Cantine"),
    _row(n=10, nom="Courriel", courriel="nadia@"),
]


def test_ten_bad_rows_are_each_reported_at_their_cell_in_one_run(tmp_path: Path):
    rows: list[list[Any] | None] = [ROWS[3], *BAD_ROWS]
    book = partners_workbook(tmp_path / "réseau.xlsx", rows)
    target = tmp_path / "projet.yaml"
    result = import_sheet(book, target=target)
    assert not result.written and not target.exists()
    errors = result.errors
    assert sorted({p.line for p in errors}) == list(range(5, 15))  # every bad row, none else
    lines = [p.format() for p in errors]
    assert lines == [
        "réseau.xlsx:Structures:ligne 5:colonne E  siret  le SIRET « 412 783 904 00004 » a une "
        "clé de contrôle fausse  (vérifiez une faute de frappe : recopiez-le depuis l'avis de "
        "situation SIRENE ou annuaire-entreprises.data.gouv.fr)",
        "réseau.xlsx:Structures:ligne 6:colonne E  siret  le SIRET « 412 783 904 » doit compter "
        "14 chiffres (il en a 9)  (par exemple \"412 783 904 00003\" ; les espaces et les points "
        "sont acceptés)",
        "réseau.xlsx:Structures:ligne 7:colonne C  forme_juridique  « Mutuelle » n'est pas une "
        "forme juridique que coopdocs connaît  (valeurs possibles : association, "
        "association_droit_local, sarl, sas, sasu, sa, eurl, scop, scic, gie, "
        "groupement_employeurs, fondation, collectivite_territoriale, epci, "
        "etablissement_public, service_etat, entreprise_individuelle, autre)",
        "réseau.xlsx:Structures:ligne 8:colonne A  raison_sociale  cellule vide : "
        "« raison_sociale » est obligatoire  (remplissez la colonne « Raison sociale »)",
        "réseau.xlsx:Structures:ligne 9:colonne E  siret  Le SIRET 521 590 109 00018 du "
        "partenaire Doublon (doublon) est déjà celui de Les Jardins de la Plaine (jdp).  "
        "(Chaque partenaire a son propre établissement : vérifiez le numéro, ou supprimez le "
        "partenaire déclaré deux fois.)",
        "réseau.xlsx:Structures:ligne 10:colonne O  conventionnement.date_fin  Conventionnement "
        "IAE de Dates inversées (dates-inversees) : la fin (31/12/2025) est avant le début "
        "(01/01/2026).  (Ordre attendu : date_debut ≤ date_fin. Corrigez l'une des deux "
        "dates.)",
        "réseau.xlsx:Structures:ligne 11:colonne O  conventionnement.date_fin  la date "
        "« 31/02/2027 » est impossible : le 31 février 2027 n'existe pas  (février 2027 compte "
        "28 jours ; pour son dernier jour, écrivez 28/02/2027 ou 2027-02-28)",
        "réseau.xlsx:Structures:ligne 12:colonne G  adresse.code_postal  « 9320 » n'est pas un "
        "code postal (5 chiffres)  (par exemple 93200 ; pour 01000, donnez à la colonne le "
        "format Texte (un nombre perd son zéro du début))",
        "réseau.xlsx:Structures:ligne 13:colonne D  type_structure  « Cantine » n'est pas un "
        "type de structure que coopdocs connaît  (valeurs possibles : aci, ei, etti, ai, eiti, "
        "geiq, regie_de_quartier, entreprise_adaptee, tete_de_reseau, collectivite, entreprise, "
        "financeur, association, service_public_emploi, organisme_formation, autre)",
        "réseau.xlsx:Structures:ligne 14:colonne Q  referent.email  « nadia@ » n'est pas une "
        "adresse électronique  (par exemple prenom.nom@structure.fr)",
    ]


def test_a_siae_without_siret_is_told_which_column_to_fill(tmp_path: Path):
    row = list(ROWS[0])
    row[4] = None
    book = partners_workbook(tmp_path / "réseau.xlsx", [row, ROWS[3]])
    result = import_sheet(book, target=tmp_path / "projet.yaml")
    assert [p.format() for p in result.errors] == [
        "réseau.xlsx:Structures:ligne 4:colonne E  siret  Le SIRET du partenaire Recycl'Action "
        "93 (ra93) est obligatoire : une SIAE est un employeur conventionné par l'État.  "
        "(remplissez la colonne « N° SIRET » avec les 14 chiffres de l'établissement (avis de "
        "situation INSEE ou annuaire-entreprises.data.gouv.fr))"]


def test_partial_writes_the_good_rows_and_names_the_others(tmp_path: Path):
    book = partners_workbook(tmp_path / "réseau.xlsx", [ROWS[3], *BAD_ROWS[:3]])
    target = tmp_path / "projet.yaml"
    result = import_sheet(book, target=target, partial=True)
    assert result.written
    assert result.skipped_rows == [5, 6, 7]
    assert [p["id"] for p in _partners(target)] == ["jdp"]


# --- Into an existing project ------------------------------------------------------------------


def test_merging_keeps_comments_and_matches_by_siret_then_name(tmp_path: Path,
                                                               example_path: Any):
    target = tmp_path / "projet.yaml"
    shutil.copy(example_path("exemple-minimal"), target)
    before = target.read_text(encoding="utf-8")
    # Bâtir & Insérer is found by its SIRET (written with spaces) and has moved; Les Jardins
    # de Bondy, by name (no SIRET in the sheet), get a référent; Les Jardins de la Plaine
    # are new.
    batir = ["Bâtir & Insérer", None, "Association loi 1901", "ACI", "667 321 459 00014",
             "19 rue Roger Salengro", "93140", "Bondy", "Mme", "Inès", "Traoré", "Présidente",
             "Partenaire opérationnel", None, None, None, None, None, None]
    jardins = ["LES JARDINS DE BONDY", None, "Association", "ACI", None,
               "2 chemin des Marais", 93140, "Bondy", "M.", "Paul", "Lefèvre", "Président",
               "Chef de file", None, None, "Lucie Robert", "l.robert@jardins.example", None,
               None]
    book = partners_workbook(tmp_path / "réseau.xlsx", [batir, jardins, ROWS[3]])
    preview = import_sheet(book, target=target, dry_run=True)
    assert preview.errors == [], [p.format() for p in preview.errors]
    assert target.read_text(encoding="utf-8") == before  # a dry run writes nothing
    assert [(c.action, c.id, c.fields) for c in preview.changes] == [
        ("modifie", "batir", ["adresse.ligne1"]),
        ("modifie", "jardins", ["referent.prenom", "referent.nom", "referent.email"]),
        ("ajoute", "jdp", [])]

    result = import_sheet(book, target=target)
    assert result.written and result.errors == []
    after = target.read_text(encoding="utf-8")
    comments = [line.strip() for line in before.splitlines() if line.lstrip().startswith("#")]
    assert comments and all(line in after for line in comments)
    partners = _partners(target)
    assert [p["id"] for p in partners] == ["jardins", "batir", "jdp"]
    assert partners[1]["adresse"]["ligne1"] == "19 rue Roger Salengro"
    assert partners[1]["siret"] == "66732145900014"  # as the file wrote it, not as the sheet
    assert partners[0]["raison_sociale"] == "Les Jardins de Bondy"  # the file's spelling
    assert partners[0]["referent"] == {"prenom": "Lucie", "nom": "Robert",
                                       "email": "l.robert@jardins.example"}
    assert validate_file(target).valid, [p.format() for p in validate_file(target).errors]

    again = import_sheet(book, target=target)  # the same sheet twice: nothing to change
    assert not again.written
    assert {c.action for c in again.changes} == {"inchange"}
    assert target.read_text(encoding="utf-8") == after


def test_a_name_match_updates_without_a_siret(tmp_path: Path):
    target = tmp_path / "projet.yaml"
    book = partners_workbook(tmp_path / "réseau.xlsx", [ROWS[3]])
    import_sheet(book, target=target)
    row = list(ROWS[3])
    row[4] = None
    row[0] = "LES JARDINS DE LA PLAINE"  # the same name, in capitals
    row[11] = "Présidente"
    import_sheet(partners_workbook(tmp_path / "v2.xlsx", [row]), target=target)
    partners = _partners(target)
    assert len(partners) == 1
    assert partners[0]["representant"]["qualite"] == "Présidente"


# --- What cannot be read -----------------------------------------------------------------------


def test_a_sheet_without_header_says_what_coopdocs_looks_for(tmp_path: Path):
    book = tmp_path / "liste.csv"
    book.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(SheetError) as raised:
        import_sheet(book, target=tmp_path / "projet.yaml")
    assert raised.value.problems[0].code == "tableur-en-tete"
    assert "« Raison sociale », « SIRET »" in raised.value.problems[0].hint


def test_an_unknown_sheet_lists_the_sheets(tmp_path: Path):
    book = partners_workbook(tmp_path / "réseau.xlsx")
    with pytest.raises(SheetError) as raised:
        import_sheet(book, target=tmp_path / "projet.yaml", sheet="Partenaires")
    assert raised.value.problems[0].format() == (
        f"{book}  « réseau.xlsx » n'a pas de feuille « Partenaires ».  (feuilles du classeur : "
        "« Structures », « Notes »)")


def test_a_project_whose_partners_are_not_a_list_is_left_alone(tmp_path: Path):
    target = tmp_path / "projet.yaml"
    target.write_text("partenaires:\n  recycl: {raison_sociale: Recycl}\n", encoding="utf-8")
    before = target.read_bytes()
    with pytest.raises(ValidationError) as raised:
        import_sheet(partners_workbook(tmp_path / "r.xlsx"), target=target)
    assert raised.value.problems[0].code == "tableur-liste-cible"
    assert target.read_bytes() == before


def test_a_csv_has_no_sheet_to_choose(tmp_path: Path):
    book = tmp_path / "réseau.csv"
    book.write_bytes(csv_text().encode("utf-8"))
    with pytest.raises(SheetError) as raised:
        import_sheet(book, target=tmp_path / "projet.yaml", sheet="Structures")
    assert raised.value.problems[0].message == (
        "« réseau.csv » est un fichier CSV : il n'a qu'un tableau, sans feuilles.")


def test_a_columns_file_names_other_headers(tmp_path: Path):
    book = tmp_path / "liste.csv"
    book.write_text("Intitulé;Statut;Immatriculation\nRecycl'Action 93;Association;"
                    "412 783 904 00003\n", encoding="utf-8")
    mapping = tmp_path / "colonnes.yaml"
    mapping.write_text('"Intitulé": raison_sociale\nImmatriculation: siret\n', encoding="utf-8")
    target = tmp_path / "projet.yaml"
    result = import_sheet(book, target=target, columns=mapping, dry_run=True)
    assert [c.id for c in result.changes] == ["recycl-action-93"]
    missing = {p.dotted_path for p in result.errors}
    assert {"type_structure", "adresse", "representant", "role"} <= missing
    bad = tmp_path / "mauvais.yaml"
    bad.write_text("Intitulé: raison\n", encoding="utf-8")
    with pytest.raises(SheetError) as raised:
        import_sheet(book, target=target, columns=bad)
    assert raised.value.problems[0].message == (
        "« Intitulé » : « raison » n'est pas un champ des partenaires.")


def test_the_workbook_fixture_is_what_it_says(tmp_path: Path):
    """The test data has what the issue asks for: merged headers, an empty row, a formula."""
    book = load_workbook(partners_workbook(tmp_path / "réseau.xlsx"))
    sheet = book["Structures"]
    assert {str(r) for r in sheet.merged_cells.ranges} == {"A1:S1", "I2:L2", "N2:O2"}
    assert all(cell.value is None for cell in sheet[5])
    assert sheet["S4"].data_type == "f"
    assert isinstance(sheet["N4"].value, date | None) and sheet["N4"].is_date


def test_stakeholders_with_partners_named_as_people_write_them(tmp_path: Path,
                                                               example_path: Any):
    target = tmp_path / "projet.yaml"
    shutil.copy(example_path("exemple-minimal"), target)
    book = tmp_path / "cartographie.csv"
    book.write_text(
        "Nom;Catégorie;Cercle;Influence;Intérêt;Fréquence des contacts;Référent\n"
        "Mairie de Bondy;Collectivité;Soutien;Fort;Moyen;Trimestrielle;Les Jardins de Bondy\n"
        "Habitant·e·s du quartier;Bénéficiaires;Environnement;faible;fort;;batir\n"
        "Bâtir & Insérer;;Cœur;fort;fort;;\n", encoding="utf-8")
    result = import_sheet(book, target=target, stakeholders=True)
    assert result.errors == [], [p.format() for p in result.errors]
    assert result.summary() == f"{target} : 3 parties prenantes ajoutées (3 lignes lues)."
    assert [c.name for c in result.changes] == [
        "Mairie de Bondy", "Habitant·e·s du quartier", "Bâtir & Insérer"]
    data = read_source(target).data
    assert data["parties_prenantes"] == [
        {"id": "mairie-de-bondy", "nom": "Mairie de Bondy", "categorie": "collectivite",
         "cercle": "soutien", "influence": "fort", "interet": "moyen",
         "frequence_contact": "trimestrielle", "referent": "jardins"},
        {"id": "habitant-e-s-du-quartier", "nom": "Habitant·e·s du quartier",
         "categorie": "beneficiaires", "cercle": "environnement", "influence": "faible",
         "interet": "fort", "referent": "batir"},
        {"id": "batir", "partenaire": "batir", "cercle": "coeur", "influence": "fort",
         "interet": "fort"},
    ]
    assert validate_file(target).valid
    again = import_sheet(book, target=target, stakeholders=True)  # each row finds its entry
    assert [c.action for c in again.changes] == ["inchange"] * 3 and not again.written


def test_bare_name_columns_after_the_structure_are_its_signatory(tmp_path: Path):
    book = tmp_path / "liste.csv"
    book.write_text(
        "Nom de la structure;Forme;Type;SIRET;Adresse;CP;Ville;Civilité;Nom;Prénom;Fonction;Rôle\n"
        "Recycl'Action 93;Association;ACI;41278390400003;12 rue de la Briche;93200;Saint-Denis;"
        "Madame;Haddad;Nadia;Présidente;Chef de file\n", encoding="utf-8")
    result = import_sheet(book, target=tmp_path / "projet.yaml")
    assert [p.code for p in result.problems] == ["partenaires-nombre"]  # one partner only
    assert result.problems[0].format() == (
        "liste.csv:ligne 2  avertissement : le projet n'aura qu'un partenaire : une coopération "
        "en demande au moins deux  (ajoutez une ligne au tableur, ou les autres partenaires dans "
        "le fichier de projet)")
    assert _partners(tmp_path / "projet.yaml")[0]["representant"] == {
        "civilite": "madame", "nom": "Haddad", "prenom": "Nadia", "qualite": "Présidente"}


def test_an_association_of_alsace_moselle_imports_its_registre(tmp_path: Path):
    """Its tribunal and its number in the registre des associations, under the headers a
    spreadsheet gives them, land in the fields the convention prints."""
    book = tmp_path / "alsace.csv"
    book.write_text(
        "Nom de la structure;Forme;Type;SIRET;Tribunal;Numéro AMALIA;Adresse;CP;Ville;Civilité;"
        "Nom;Prénom;Fonction;Rôle\n"
        "Les Ateliers du Rhin;Association droit local;ACI;41278390400003;Strasbourg;12345;"
        "2 quai des Bateliers;67000;Strasbourg;Madame;Weber;Anne;Présidente;Chef de file\n",
        encoding="utf-8")
    import_sheet(book, target=tmp_path / "projet.yaml")
    [partner] = _partners(tmp_path / "projet.yaml")
    assert partner["forme_juridique"] == "association_droit_local"
    assert (partner["registre_tribunal"], partner["registre_numero"]) == ("Strasbourg", "12345")
