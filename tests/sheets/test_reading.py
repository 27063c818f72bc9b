"""Reading spreadsheets: the encodings and delimiters a French office suite writes, a sheet
that does not start at A1, and what cannot be read, said in French."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from coopdocs.sheets.reading import SheetError, column_letter, read_workbook


def test_a_csv_with_commas_inside_quoted_addresses_is_still_comma_separated(tmp_path: Path):
    book = tmp_path / "liste.csv"
    book.write_text('Raison sociale,Adresse,CP\n"Recycl\'Action 93","12, rue de la Briche",'
                    '93200\n', encoding="utf-8")
    rows = read_workbook(book).sheets[0].rows
    assert rows == [["Raison sociale", "Adresse", "CP"],
                    ["Recycl'Action 93", "12, rue de la Briche", "93200"]]


def test_excel_unicode_text_is_utf16_with_tabs(tmp_path: Path):
    book = tmp_path / "liste.txt"
    book.write_bytes("Raison sociale\tVille\nRépar'Tout\tAubervilliers\n".encode("utf-16"))
    assert read_workbook(book).sheets[0].rows[1] == ["Répar'Tout", "Aubervilliers"]


def test_a_record_on_two_lines_is_one_row(tmp_path: Path):
    book = tmp_path / "liste.csv"
    book.write_text('Nom;Adresse\n"A";"1 rue X\nBâtiment B"\n"B";"2 rue Y"\n',
                    encoding="utf-8")
    rows = read_workbook(book).sheets[0].rows
    assert [r[0] for r in rows] == ["Nom", "A", "B"]  # row 3 of the sheet is B


def test_a_sheet_starting_lower_keeps_its_row_and_column_numbers(tmp_path: Path):
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet["C3"] = "Raison sociale"
    sheet["D5"] = 12
    workbook.save(tmp_path / "décalé.xlsx")
    found = read_workbook(tmp_path / "décalé.xlsx").sheets[0]
    assert found.cell(3, 3) == "Raison sociale"
    assert found.cell(5, 4) == 12
    assert found.cell(1, 1) is None


@pytest.mark.parametrize(("name", "content", "code"), [
    ("liste.pdf", b"%PDF-1.7", "tableur-format"),
    ("liste.xlsx", b"ceci n'est pas un classeur", "tableur-illisible"),
    ("liste.ods", b"PK\x03\x04abime", "tableur-illisible"),
    ("liste.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "tableur-protege"),
])
def test_what_cannot_be_read_is_said_in_french(tmp_path: Path, name: str, content: bytes,
                                              code: str):
    book = tmp_path / name
    book.write_bytes(content)
    with pytest.raises(SheetError) as raised:
        read_workbook(book)
    assert [p.code for p in raised.value.problems] == [code]
    assert raised.value.problems[0].hint


def test_a_missing_file(tmp_path: Path):
    with pytest.raises(SheetError) as raised:
        read_workbook(tmp_path / "absent.xlsx")
    assert raised.value.problems[0].message == (
        f"Le fichier « {tmp_path / 'absent.xlsx'} » n'existe pas.")


def test_column_letters():
    assert [column_letter(n) for n in (1, 19, 26, 27, 53)] == ["A", "S", "Z", "AA", "BA"]
