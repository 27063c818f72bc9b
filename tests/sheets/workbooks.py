"""Spreadsheets as network staff keep them, built for the tests: a title row, a merged group
header over two-level columns, accents, SIRET with spaces, dates as cells and as text, an empty
row, a formula; and LibreOffice's own copies of them.
"""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

TITLE = "Structures du réseau — Seine-Saint-Denis"
SHEET = "Structures"
# Row 3 is the header; rows 1 and 2 hold a title and the merged group headers.
HEADER = ["Raison sociale", "Sigle", "Forme juridique", "Type de structure", "N° SIRET",
          "Adresse", "Code postal", "Ville", "Civilité", "Prénom", "Nom", "Qualité",
          "Rôle dans le projet", "Début", "Fin", "Référent", "Courriel", "Apport financier",
          "Salariés en parcours"]
GROUPS = {"I2:L2": "Représentant légal", "N2:O2": "Conventionnement IAE"}

ROWS: list[list[Any]] = [
    ["Recycl'Action 93", "RA93", "Association loi 1901", "ACI", "412 783 904 00003",
     "12 rue de la Briche", 93200, "Saint-Denis", "Mme", "Nadia", "Haddad", "Présidente",
     "Chef de file", date(2025, 1, 1), "31/12/2027", "Julien Moreau",
     "j.moreau@recyclaction93.example", "20 000 €", "=12+3"],
    None,  # an empty row between two structures
    ["Répar'Tout", None, "SARL", "Entreprise d'insertion", "339 548 620 00014",
     "3 allée des Érables", "93300", "Aubervilliers", "M.", "Karim", "Benali", "Gérant",
     "partenaire opérationnel", "01/07/2024", date(2027, 6, 30), "Élodie Lefèvre",
     "e.lefevre@repartout.example", 8000, "=5+4"],
    ["Les Jardins de la Plaine", "JDP", "Association", "Régie de quartier",
     "52159010900018", "5, place de l'Église", "93240", "Stains", "Madame", "Inès",
     "Martin-Ñúñez", "Directrice générale", "Partenaire associé", None, None, None, None,
     "1500,50", None],
]

# What the rows above become, as `coopdocs validate` reads them (the test compares with it).
EXPECTED = [
    {"id": "ra93", "raison_sociale": "Recycl'Action 93", "sigle": "RA93",
     "forme_juridique": "association", "type_structure": "aci", "siret": "41278390400003",
     "adresse": {"ligne1": "12 rue de la Briche", "code_postal": "93200",
                 "commune": "Saint-Denis"},
     "representant": {"civilite": "madame", "prenom": "Nadia", "nom": "Haddad",
                      "qualite": "Présidente"},
     "role": "chef_de_file",
     "conventionnement": {"date_debut": date(2025, 1, 1), "date_fin": date(2027, 12, 31)},
     "referent": {"prenom": "Julien", "nom": "Moreau",
                  "email": "j.moreau@recyclaction93.example"},
     "contribution": {"apport_financier": 20000}},
    {"id": "repar-tout", "raison_sociale": "Répar'Tout", "forme_juridique": "sarl",
     "type_structure": "ei", "siret": "33954862000014",
     "adresse": {"ligne1": "3 allée des Érables", "code_postal": "93300",
                 "commune": "Aubervilliers"},
     "representant": {"civilite": "monsieur", "prenom": "Karim", "nom": "Benali",
                      "qualite": "Gérant"},
     "role": "partenaire_operationnel",
     "conventionnement": {"date_debut": date(2024, 7, 1), "date_fin": date(2027, 6, 30)},
     "referent": {"prenom": "Élodie", "nom": "Lefèvre", "email": "e.lefevre@repartout.example"},
     "contribution": {"apport_financier": 8000}},
    {"id": "jdp", "raison_sociale": "Les Jardins de la Plaine", "sigle": "JDP",
     "forme_juridique": "association", "type_structure": "regie_de_quartier",
     "siret": "52159010900018",
     "adresse": {"ligne1": "5, place de l'Église", "code_postal": "93240", "commune": "Stains"},
     "representant": {"civilite": "madame", "prenom": "Inès", "nom": "Martin-Ñúñez",
                      "qualite": "Directrice générale"},
     "role": "partenaire_associe", "contribution": {"apport_financier": 1500.5}},
]


def partners_workbook(path: Path, rows: list[list[Any] | None] | None = None) -> Path:
    """The network's list of structures, written by openpyxl (formulas not computed)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    sheet["A1"] = TITLE
    sheet.merge_cells("A1:S1")
    for cells, text in GROUPS.items():
        sheet[cells.split(":")[0]] = text
        sheet.merge_cells(cells)
    sheet.append(HEADER)
    for row in ROWS if rows is None else rows:
        sheet.append(row or [])
    notes = book.create_sheet("Notes")
    notes["A1"] = "Mise à jour le 12/11/2026"
    book.save(path)
    return path


def libreoffice_copy(soffice: str, source: Path, suffix: str, folder: Path) -> Path:
    """`source` opened by LibreOffice Calc and saved as .xlsx, .ods or .pdf (formulas
    computed). Without Calc (only Writer installed), a failure that says so."""
    folder.mkdir(parents=True, exist_ok=True)
    profile = (folder / "profil").as_uri()
    done = subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless",
                           "--convert-to", suffix, "--outdir", str(folder), str(source)],
                          capture_output=True, text=True, timeout=180, check=False)
    produced = folder / f"{source.stem}.{suffix}"
    if not produced.is_file():
        pytest.fail(f"LibreOffice n'a pas converti {source.name} en .{suffix} : Calc est-il "
                    f"installé (paquet libreoffice-calc-nogui) ? {done.stderr.strip()}")
    return produced


def csv_text(rows: list[list[Any] | None] | None = None) -> str:
    """The same sheet as Excel saves it in « CSV (séparateur : point-virgule) »: the title and
    the group headers too, each merged cell's text in its first column."""
    width = len(HEADER)
    title = [TITLE] + [""] * (width - 1)
    groups = [""] * width
    for cells, text in GROUPS.items():
        groups[ord(cells[0]) - ord("A")] = text
    lines = [";".join(title), ";".join(groups), ";".join(HEADER)]
    for row in ROWS if rows is None else rows:
        cells = []
        for value in row or [""] * len(HEADER):
            if isinstance(value, date):
                value = f"{value:%d/%m/%Y}"
            elif isinstance(value, str) and value.startswith("="):
                value = "15"  # Excel writes a formula's result
            text = "" if value is None else str(value)
            cells.append(f'"{text}"' if ";" in text or '"' in text else text)
        lines.append(";".join(cells))
    return "\r\n".join(lines) + "\r\n"
