"""A spreadsheet's cells as plain values: .xlsx and .ods workbooks, .csv files.

Workbooks are read by python-calamine (fast, the values a spreadsheet program last computed,
merged cells); an .xlsx is also scanned by openpyxl for formulas that carry no computed value
(a file written by a program, never opened in a spreadsheet), which would otherwise read as
empty cells. A .csv is decoded the ways a French office suite saves one (UTF-8 with or without
BOM, UTF-16 « texte Unicode », Windows-1252) and its delimiter sniffed (`;`, `,`, tab, `|`).

Rows and columns are counted from 1, as the spreadsheet shows them.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from python_calamine import CalamineError, CalamineWorkbook, PasswordError, XmlError, ZipError

from coopdocs.errors import CoopdocsError, Problem

__all__ = ["WORKBOOK_SUFFIXES", "Sheet", "SheetError", "Workbook", "column_letter",
           "read_workbook"]

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".ods", ".xls")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
_DELIMITERS = ";,\t|"
_MAX_BYTES = 50 * 1024 * 1024  # a list of partners is kilobytes: more is not a partner list
_SUPPORTED = "un classeur .xlsx ou .ods, ou un fichier .csv"


class SheetError(CoopdocsError):
    """A spreadsheet cannot be read, or its rows cannot become project data."""

    title = "Tableur illisible"


Merge = tuple[tuple[int, int], tuple[int, int]]  # ((first row, first col), (last row, last col))


@dataclass
class Sheet:
    """One sheet: ``rows[r - 1][c - 1]`` is the cell of row r, column c."""

    name: str | None  # None for a .csv (it has no sheet)
    rows: list[list[Any]]
    merged: list[Merge] = field(default_factory=list)  # 1-based, inclusive
    # Cells holding a formula whose result was never computed (row, column).
    uncomputed: set[tuple[int, int]] = field(default_factory=set)

    def cell(self, row: int, column: int) -> Any:
        if 1 <= row <= len(self.rows) and 1 <= column <= len(self.rows[row - 1]):
            return self.rows[row - 1][column - 1]
        return None

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


@dataclass
class Workbook:
    path: str
    sheets: list[Sheet]

    @property
    def label(self) -> str:
        """The file as users name it in messages: its name, not a long path."""
        return Path(self.path).name


def column_letter(column: int) -> str:
    """1 → A, 27 → AA: the column as the spreadsheet labels it."""
    letters = ""
    while column > 0:
        column, rest = divmod(column - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _fail(path: str, message: str, hint: str, code: str) -> SheetError:
    return SheetError([Problem(message, file=path, hint=hint, code=code)], file=path)


def read_workbook(path: str | os.PathLike[str]) -> Workbook:
    """Every sheet of a workbook, or the one table of a .csv; `SheetError` in French else."""
    file = os.fspath(path)
    suffix = Path(file).suffix.lower()
    if suffix not in WORKBOOK_SUFFIXES + CSV_SUFFIXES:
        raise _fail(file, f"« {Path(file).name} » n'est pas un tableur que coopdocs sait lire.",
                    f"donnez {_SUPPORTED} (dans votre tableur : Fichier › Enregistrer sous)",
                    "tableur-format")
    try:
        size = os.path.getsize(file)
        if size > _MAX_BYTES:
            raise _fail(file, f"« {Path(file).name} » est trop gros pour une liste de "
                        f"structures ({size // (1024 * 1024)} Mo).",
                        "gardez seulement la feuille des structures, ou exportez-la en .csv",
                        "tableur-taille")
        raw = Path(file).read_bytes()
    except FileNotFoundError:
        raise _fail(file, f"Le fichier « {file} » n'existe pas.",
                    "vérifiez le chemin et le nom du fichier", "tableur-absent") from None
    except IsADirectoryError:
        raise _fail(file, f"« {file} » est un dossier, pas un tableur.",
                    f"donnez {_SUPPORTED}", "tableur-format") from None
    except OSError as error:
        raise _fail(file, f"Impossible de lire « {file} » : {error.strerror or error}.",
                    "vérifiez que le fichier est lisible (droits, clé USB branchée)",
                    "tableur-illisible") from None
    if suffix in CSV_SUFFIXES:
        return Workbook(file, [_read_csv(raw, file)])
    return Workbook(file, _read_book(raw, file, suffix))


# --- Workbooks ---------------------------------------------------------------------------------


def _plain(value: Any) -> Any:
    """Calamine's cell → a plain value: integral floats as int, blanks as None."""
    if isinstance(value, str):
        return value if value.strip() else None
    if isinstance(value, float) and value.is_integer() and abs(value) < 10 ** 15:
        return int(value)
    if isinstance(value, datetime) and value.time() == time(0):
        return value.date()
    if isinstance(value, date | datetime | time | int | float | bool):
        return value
    return None


def _read_book(raw: bytes, file: str, suffix: str) -> list[Sheet]:
    locked = raw.startswith(b"\xd0\xcf\x11\xe0") and suffix != ".xls"
    if locked:  # an OLE container under an .xlsx name: a password-protected workbook
        raise _fail(file, f"« {Path(file).name} » est protégé par un mot de passe.",
                    "enregistrez-en une copie sans mot de passe, puis importez la copie",
                    "tableur-protege")
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(raw))
        sheets = []
        for name in book.sheet_names:
            found = book.get_sheet_by_name(name)
            rows = [[_plain(v) for v in row]
                    for row in found.to_python(skip_empty_area=False)]
            merged = [((a + 1, b + 1), (c + 1, d + 1))
                      for (a, b), (c, d) in (found.merged_cell_ranges or [])]
            sheets.append(Sheet(name, rows, merged))
    except PasswordError:
        raise _fail(file, f"« {Path(file).name} » est protégé par un mot de passe.",
                    "enregistrez-en une copie sans mot de passe, puis importez la copie",
                    "tableur-protege") from None
    except (CalamineError, XmlError, ZipError, ValueError, OSError) as error:
        raise _fail(file, f"« {Path(file).name} » n'a pas pu être lu comme un classeur "
                    f"({suffix}) : il est abîmé, ou d'un autre format sous ce nom "
                    f"({error}).",
                    "ouvrez-le dans votre tableur et enregistrez-le de nouveau au format "
                    ".xlsx ou .ods", "tableur-illisible") from None
    if suffix in (".xlsx", ".xlsm"):
        for sheet, formulas in zip(sheets, _formula_cells(raw), strict=False):
            sheet.uncomputed = {cell for cell in formulas if sheet.cell(*cell) is None}
    return sheets


def _formula_cells(raw: bytes) -> list[set[tuple[int, int]]]:
    """For each sheet of an .xlsx, the cells that hold a formula (computed or not)."""
    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return []  # calamine read it: what openpyxl cannot parse has no formula to tell of
    try:
        return [{(cell.row or 0, cell.column or 0) for row in sheet.iter_rows() for cell in row
                 if getattr(cell, "data_type", None) == "f"}
                for sheet in book.worksheets]
    finally:
        book.close()


# --- CSV ---------------------------------------------------------------------------------------


def _decode(raw: bytes) -> str:
    """The encodings a French office suite writes: BOM first, then UTF-8, then Windows-1252."""
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                          (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            return raw[len(bom):].decode(encoding, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        # Excel's « CSV (séparateur : point-virgule) » on a French Windows: every byte is a
        # character there, so this never fails.
        return raw.decode("cp1252", errors="replace")


def _delimiter(text: str) -> str:
    sample = text[:64 * 1024]
    try:
        found = csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter
    except csv.Error:
        found = ""
    first = next((line for line in sample.splitlines() if line.strip()), "")
    # The sniffer can be fooled by commas inside addresses: the header line settles it.
    best = max(_DELIMITERS, key=first.count)
    if not found or first.count(found) < first.count(best):
        return best if first.count(best) else ";"
    return found


def _read_csv(raw: bytes, file: str) -> Sheet:
    text = _decode(raw).replace("\x00", "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[list[Any]] = []
    try:
        for record in reader:
            # A record may span lines (a quoted address on two lines): keep the row count of
            # the spreadsheet the user sees, one row per record.
            rows.append([value if value.strip() else None for value in record])
    except csv.Error as error:
        raise _fail(file, f"« {Path(file).name} », ligne {reader.line_num} : {error}.",
                    "vérifiez les guillemets de cette ligne, ou enregistrez de nouveau le "
                    "fichier depuis votre tableur", "tableur-illisible") from None
    return Sheet(None, rows)
