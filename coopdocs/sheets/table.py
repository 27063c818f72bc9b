"""`coopdocs tableau`: a network's projects in one workbook (or two CSV files).

One row per project: its name, territory and dates, partners, legal form, budget and where its
financings stand, the status of each of the ten steps of the trame with the figures of
`coopdocs progress` (the same `method.evaluate.assess`), its errors and warnings, and its last
build (the manifest of its output folder). A second sheet lists every partner across the
projects, and in how many it takes part (the same structure is recognised by its SIRET, else by
its name).

Projects are read in worker processes (`jobs`) like a build: two hundred take a few seconds.
The workbook is written through `build.write`, with the same manifest: a table the user edited
since coopdocs wrote it is not replaced (unless `force`).
"""

from __future__ import annotations

import csv
import io
import math
import multiprocessing
import os
import re
import sys
import zipfile
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from copy import copy
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, NamedStyle, PatternFill
from openpyxl.styles.fonts import DEFAULT_FONT
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table as SheetTable
from openpyxl.worksheet.table import TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from coopdocs import __version__
from coopdocs.build.manifest import MANIFEST, Manifest
from coopdocs.build.write import Written, output_folder, plan, write_documents
from coopdocs.check.rules.base import effective_budget_total
from coopdocs.check.schema import check_schema
from coopdocs.check.values import add_months, parse_amount, parse_date, parse_siret
from coopdocs.errors import CoopdocsError, Problem, SourceError
from coopdocs.french.dates import date_courte
from coopdocs.french.figures import siret
from coopdocs.french.labels import label
from coopdocs.method.evaluate import assess
from coopdocs.method.report import STATUS_LABELS
from coopdocs.method.steps import trame
from coopdocs.sheets.columns import words
from coopdocs.source.files import Inputs, find_projects
from coopdocs.source.reader import read_source
from coopdocs.vocabulary import FUNDING_STATUSES

__all__ = ["PartnerLine", "ProjectLine", "Table", "collect", "csv_files", "workbook_bytes",
           "write_table"]

OnProject = Callable[[str], None]


@dataclass
class PartnerLine:
    """One partner of one project, as the partners' sheet needs it."""

    key: str  # the same structure in two projects has the same key: its SIRET, else its name
    name: str
    siret: str | None
    legal_form: str
    kind: str
    town: str
    role: str
    agreement_end: date | None


@dataclass
class ProjectLine:
    """One project: one row of the projects' sheet."""

    file: str
    name: str
    readable: bool = True
    valid: bool = False
    territory: str = ""
    start: date | None = None
    end: date | None = None
    partners: int = 0
    lead: str = ""
    legal_form: str = ""
    budget: Decimal | None = None
    financing: dict[str, Decimal] = field(default_factory=dict)  # by status
    counts: dict[str, int] = field(default_factory=dict)  # progress' résumé
    steps: list[str] = field(default_factory=list)  # each step's status, in order
    last_build: datetime | None = None
    up_to_date: bool | None = None  # the documents were built from this very file
    partner_lines: list[PartnerLine] = field(default_factory=list)


@dataclass
class Table:
    projects: list[ProjectLine]
    problems: list[Problem] = field(default_factory=list)  # inputs that hold no project

    def partners(self) -> list[dict[str, Any]]:
        """Every structure once, with the projects it takes part in."""
        found: dict[str, dict[str, Any]] = {}
        for project in self.projects:
            for line in project.partner_lines:
                entry = found.setdefault(line.key, {
                    "raison_sociale": line.name, "siret": line.siret,
                    "forme_juridique": line.legal_form, "type_structure": line.kind,
                    "commune": line.town, "projets": [], "roles": [],
                    "fin_conventionnement": line.agreement_end})
                entry["projets"].append(project.name)
                if line.role and line.role not in entry["roles"]:
                    entry["roles"].append(line.role)
                if line.agreement_end and not entry["fin_conventionnement"]:
                    entry["fin_conventionnement"] = line.agreement_end
        return sorted(found.values(), key=lambda e: (-len(e["projets"]),
                                                     words(e["raison_sociale"])))

    def to_dict(self) -> dict[str, Any]:
        """The JSON of `coopdocs tableau --json` (docs/tableurs.md)."""
        return {"coopdocs": __version__,
                "projets": [_project_dict(p) for p in self.projects],
                "partenaires": [{**e, "nombre_projets": len(e["projets"])}
                                for e in self.partners()],
                "problemes": [p.to_dict() for p in self.problems]}


def _project_dict(project: ProjectLine) -> dict[str, Any]:
    return {"fichier": project.file, "projet": project.name, "lisible": project.readable,
            "valide": project.valid, "territoire": project.territory,
            "date_debut": project.start, "date_fin": project.end,
            "partenaires": project.partners, "chef_de_file": project.lead,
            "forme_juridique": project.legal_form, "budget": project.budget,
            "financements": {k: project.financing.get(k) for k in FUNDING_STATUSES},
            "resume": project.counts, "etapes": project.steps,
            "derniere_production": project.last_build, "documents_a_jour": project.up_to_date}


# --- Reading the projects -------------------------------------------------------------------


def _as_dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _label(kind: str, code: Any, *, capital: bool = False) -> str:
    """The French label of a code; nothing for a value that is not one (a file not valid)."""
    return label(kind, code, capital=capital) if isinstance(code, str) and code else ""


def _amount(value: Any) -> Decimal | None:
    found = parse_amount(value) if value is not None else None
    return found if isinstance(found, Decimal) else None


def _date(value: Any) -> date | None:
    found = parse_date(value) if value is not None else None
    return found if isinstance(found, date) else None


def _last_build(outdir: Path, file: str, sha256: str) -> tuple[datetime | None, bool | None]:
    """When coopdocs last wrote the project's documents, and whether from this very file."""
    try:
        folder = output_folder(outdir, file)
        stamp = (folder / MANIFEST).stat().st_mtime
    except (OSError, CoopdocsError):  # no build yet, or a name no folder can have
        return None, None
    documents = Manifest.read(folder).documents
    built = [entry.get("projet_sha256") for entry in documents.values()
             if entry.get("projet_sha256") is not None]
    return datetime.fromtimestamp(stamp).replace(microsecond=0), \
        bool(built) and all(b == sha256 for b in built)


def read_project(file: str, outdir: Path) -> ProjectLine:
    """One project's row; a file that cannot be read still gets one, saying so."""
    try:
        source = read_source(file)
    except SourceError as error:
        line = ProjectLine(file=file, name=Path(file).stem, readable=False)
        line.counts = {"fait": 0, "en_cours": 0, "a_faire": 0,
                       "erreurs": len(error.errors), "avertissements": len(error.warnings)}
        return line
    report = assess(source)
    data = _as_dict(source.data)
    projet = _as_dict(data.get("projet"))
    line = ProjectLine(file=file, name=report.name, valid=report.valid,
                       counts=report.counts, steps=[s.status for s in report.steps])
    line.territory = str(projet.get("territoire") or "")
    line.start, line.end = _date(projet.get("date_debut")), _date(projet.get("date_fin"))
    months = projet.get("duree_mois")
    if line.end is None and line.start and isinstance(months, int) and 0 < months <= 120:
        line.end = add_months(line.start, months) - timedelta(days=1)
    partners = [p for p in _as_list(data.get("partenaires")) if isinstance(p, dict)]
    line.partners = len(partners)
    line.lead = next((str(p.get("raison_sociale") or p.get("id")) for p in partners
                      if p.get("role") == "chef_de_file"), "")
    line.legal_form = _label("statut_juridique", _as_dict(data.get("statut_juridique"))
                             .get("forme"), capital=True)
    # The budget the documents show (its total, else the actions' needs), by the rules' own
    # function, given the amounts read as validate reads them.
    line.budget = effective_budget_total({
        "budget": {"total": _amount(_as_dict(data.get("budget")).get("total"))},
        "plan_action": [{"besoin_financier": _amount(_as_dict(a).get("besoin_financier"))}
                        for a in _as_list(data.get("plan_action"))]})
    for action in _as_list(data.get("plan_action")):
        for financing in _as_list(_as_dict(action).get("financements")):
            financing = _as_dict(financing)
            status, amount = financing.get("statut"), _amount(financing.get("montant"))
            if status in FUNDING_STATUSES and amount is not None:
                line.financing[status] = line.financing.get(status, Decimal(0)) + amount
    line.last_build, line.up_to_date = _last_build(outdir, file, source.sha256)
    line.partner_lines = [_partner_line(p) for p in partners]
    return line


def _partner_line(partner: dict[str, Any]) -> PartnerLine:
    siret = parse_siret(partner.get("siret")) if partner.get("siret") else None
    siret = siret if isinstance(siret, str) else None
    name = str(partner.get("raison_sociale") or partner.get("id") or "")
    form, kind = partner.get("forme_juridique"), partner.get("type_structure")
    return PartnerLine(
        key=siret or words(name), name=name, siret=siret,
        legal_form=_label("forme_juridique", form, capital=True),
        kind=_label("type_structure", kind, capital=True),
        town=str(_as_dict(partner.get("adresse")).get("commune") or ""),
        role=_label("role_partenaire", partner.get("role")),
        agreement_end=_date(_as_dict(partner.get("conventionnement")).get("date_fin")))


def _read_one(args: tuple[str, Path]) -> ProjectLine:
    return read_project(*args)


def collect(inputs: Inputs, *, outdir: Path = Path("sortie"), jobs: int = 1,
            on_project: OnProject | None = None) -> Table:
    """Every project of the files and folders given (folders searched as `build` does)."""
    found = find_projects(inputs)
    files = found.files
    emit = on_project or (lambda file: None)
    jobs = max(1, min(jobs, len(files)))
    projects: list[ProjectLine] = []
    if jobs == 1:
        for file in files:
            projects.append(read_project(file, outdir))
            emit(file)
    else:
        check_schema({})  # the schema's validator, built once before the workers fork
        context = multiprocessing.get_context("fork" if sys.platform.startswith("linux")
                                              else None)
        with ProcessPoolExecutor(jobs, mp_context=context) as pool:
            for line in pool.map(_read_one, [(f, outdir) for f in files], chunksize=4):
                projects.append(line)
                emit(line.file)
    return Table(projects, list(found.empty))


# --- Writing ---------------------------------------------------------------------------------

# [$-40C]: French conventions whatever the reader's settings (12 500,00 €, 31/12/2027).
_MONEY = '[$-40C]#,##0.00\\ "€"'
_DAY = "[$-40C]DD/MM/YYYY"
_MOMENT = "[$-40C]DD/MM/YYYY HH:MM"
# Long texts wrap in their column rather than being cut by the next one.
_WRAPPED = frozenset({"Projet", "Territoire", "Chef de file", "Forme juridique",
                      "Raison sociale", "Type de structure", "Projets", "Rôles", "Fichier"})
_HEADER_FILL = PatternFill("solid", start_color="1F4E78")
_STATUS_FILLS = {"fait": PatternFill("solid", start_color="C6EFCE"),
                 "en_cours": PatternFill("solid", start_color="FFEB9C"),
                 "a_faire": PatternFill("solid", start_color="FFC7CE")}


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("oui" if value else "non")


def _project_columns() -> list[tuple[str, str | None, int]]:
    """(header, number format, width) of each column of the projects' sheet."""
    # « 3. Mobilisation de sa structure » : the memo's title without what follows its colon.
    steps = [(f"{s.number}. {s.title.split(' :')[0]}", None, 14) for s in trame()]
    return [("Projet", None, 34), ("Territoire", None, 22), ("Début", _DAY, 11),
            ("Fin", _DAY, 11), ("Partenaires", "0", 11), ("Chef de file", None, 26),
            ("Forme juridique", None, 24), ("Budget", _MONEY, 14),
            ("Financements acquis", _MONEY, 14), ("Financements sollicités", _MONEY, 14),
            ("Financements à solliciter", _MONEY, 14), ("Valide", None, 8),
            ("Erreurs", "0", 8), ("Avertissements", "0", 15), ("Étapes faites", "0", 9),
            ("Étapes en cours", "0", 9), ("Étapes à faire", "0", 9), *steps,
            ("Dernière production", _MOMENT, 17), ("Documents à jour", None, 12),
            ("Fichier", None, 40)]


def _project_values(project: ProjectLine) -> list[Any]:
    counts = project.counts
    steps: list[Any] = [STATUS_LABELS[s] for s in project.steps]
    steps += [""] * (len(trame()) - len(steps))
    valid = "illisible" if not project.readable else _yes_no(project.valid)
    return [project.name, project.territory, project.start, project.end, project.partners,
            project.lead, project.legal_form, project.budget,
            *(project.financing.get(k) for k in FUNDING_STATUSES), valid,
            counts.get("erreurs", 0), counts.get("avertissements", 0), counts.get("fait", 0),
            counts.get("en_cours", 0), counts.get("a_faire", 0), *steps, project.last_build,
            _yes_no(project.up_to_date), project.file]


_PARTNER_COLUMNS: list[tuple[str, str | None, int]] = [
    ("Raison sociale", None, 34), ("SIRET", None, 18), ("Forme juridique", None, 28),
    ("Type de structure", None, 30), ("Commune", None, 18), ("Nombre de projets", "0", 10),
    ("Projets", None, 50), ("Rôles", None, 30), ("Fin du conventionnement IAE", _DAY, 18)]


def _partner_values(entry: dict[str, Any]) -> list[Any]:
    return [entry["raison_sociale"], siret(entry["siret"]) if entry["siret"] else "",
            entry["forme_juridique"],
            entry["type_structure"], entry["commune"], len(entry["projets"]),
            " ; ".join(entry["projets"]), ", ".join(entry["roles"]),
            entry["fin_conventionnement"]]


def _cell_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    return "" if value is None else value


def _fill_sheet(sheet: Worksheet, name: str, columns: list[tuple[str, str | None, int]],
                rows: Iterable[list[Any]]) -> None:
    """A real table: bold header, filters, frozen first row, widths, French formats, and a
    page set up to print in landscape, one page wide, the header on every page."""
    sheet.append([header for header, _, _ in columns])
    count = 0
    for values in rows:
        sheet.append([_cell_value(v) for v in values])
        count += 1
    for index, (header, number_format, width) in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = width
        # One named style per kind of column: a single assignment per cell (openpyxl hashes
        # the whole style at each change, the slow part of writing the table).
        style = _style(sheet, header in _WRAPPED, number_format)
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            cell.style = style
    for cell in sheet[1]:
        # The workbook's own font, in bold: without a name, LibreOffice falls back on a serif.
        cell.font = Font(name=DEFAULT_FONT.name, sz=DEFAULT_FONT.sz, family=DEFAULT_FONT.family,
                         bold=True, color="FFFFFF")
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    _fit_heights(sheet, columns)
    sheet.freeze_panes = "B2"
    last = f"{get_column_letter(len(columns))}{count + 1}"
    table = SheetTable(displayName=name, ref=f"A1:{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    sheet.add_table(table)
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A3
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"


def _style(sheet: Worksheet, wrap: bool, number_format: str | None) -> str:
    """The name of the workbook's style for cells aligned at the top, wrapped or not, in a
    number format; registered the first time it is asked for."""
    name = f"coopdocs {'renvoi' if wrap else 'haut'} {number_format or 'texte'}"
    book = sheet.parent
    assert book is not None  # a sheet made by Workbook.create_sheet has its workbook
    if name not in book.named_styles:
        book.add_named_style(NamedStyle(
            name=name, number_format=number_format or "General", font=copy(DEFAULT_FONT),
            alignment=Alignment(vertical="top", wrap_text=wrap)))
    return name


def _fit_heights(sheet: Worksheet, columns: list[tuple[str, str | None, int]]) -> None:
    """Rows as tall as their wrapped texts: not every spreadsheet program (LibreOffice
    converting without a screen) measures them when it opens the file."""
    wrapped = [(i, width) for i, (header, _, width) in enumerate(columns) if header in _WRAPPED]
    for number, row in enumerate(sheet.iter_rows(min_row=2), start=2):
        lines = 1
        for index, width in wrapped:
            text = str(row[index].value or "")
            # A column's width counts characters of the default font; words do not break.
            lines = max(lines, math.ceil(len(text) / max(width - 2, 1)))
        if lines > 1:
            sheet.row_dimensions[number].height = 15 * lines
    # The header, in bold, wraps between words: a little more room per line.
    header = max(math.ceil(len(title) / max(width - 3, 1)) for title, _, width in columns)
    sheet.row_dimensions[1].height = 15 * max(header, 1) + 4


def workbook_bytes(table: Table) -> bytes:
    """The workbook: « Projets » then « Partenaires »."""
    book = Workbook()
    projects = book.active
    assert projects is not None
    projects.title = "Projets"
    columns = _project_columns()
    _fill_sheet(projects, "Projets", columns, (_project_values(p) for p in table.projects))
    first_step = 1 + next(i for i, (h, _, _) in enumerate(columns) if h.startswith("1. "))
    for row, project in enumerate(table.projects, start=2):
        for offset, status in enumerate(project.steps):
            projects.cell(row, first_step + offset).fill = _STATUS_FILLS[status]
    partners = book.create_sheet("Partenaires")
    _fill_sheet(partners, "Partenaires", _PARTNER_COLUMNS,
                (_partner_values(e) for e in table.partners()))
    # Fixed dates: the same table gives the same bytes (the manifest then says « inchangé »).
    book.properties.created = datetime(2000, 1, 1)
    book.properties.creator = "coopdocs"
    out = io.BytesIO()
    book.save(out)
    return _without_times(out.getvalue())


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _without_times(data: bytes) -> bytes:
    """The zip again, each member dated 1 January 2000 instead of now."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=(2000, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(member)
            if member.filename == "docProps/core.xml":  # openpyxl stamps the save's time
                content = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            target.writestr(info, content)
    return out.getvalue()


def _csv_value(value: Any) -> str:
    if isinstance(value, datetime):
        return f"{date_courte(value)} {value:%H:%M}"
    if isinstance(value, date):
        return date_courte(value)
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    return "" if value is None else str(value)


def _csv(columns: list[tuple[str, str | None, int]], rows: Iterable[list[Any]]) -> bytes:
    """UTF-8 with BOM and « ; »: what Excel and LibreOffice open as is in French."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([header for header, _, _ in columns])
    for values in rows:
        writer.writerow([_csv_value(v) for v in values])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def csv_files(table: Table, name: str) -> list[tuple[str, bytes]]:
    """`projets.csv` and `projets-partenaires.csv`: a CSV file holds one table."""
    stem = Path(name).stem
    return [(f"{stem}.csv", _csv(_project_columns(),
                                 (_project_values(p) for p in table.projects))),
            (f"{stem}-partenaires.csv", _csv(_PARTNER_COLUMNS,
                                             (_partner_values(e) for e in table.partners())))]


def write_table(table: Table, output: str | os.PathLike[str], *, as_csv: bool = False,
                owner: str, force: bool = False) -> Written:
    """Write the workbook (or the CSV files) next to `output`, through `build.write`: the
    folder's manifest protects a table edited by hand since coopdocs wrote it. `owner` (the
    folder of projects) is recorded as what the files were made from."""
    path = Path(output)
    folder = path.parent
    if as_csv:
        files = csv_files(table, path.name)
    else:
        files = [(path.name if path.suffix else f"{path.name}.xlsx", workbook_bytes(table))]
    planned = [plan(name, data, Path(owner), "coopdocs tableau", "") for name, data
               in files]
    written = write_documents(folder, folder, planned, project_file=owner, project_sha256="",
                              force=force)
    written.refusals = [_as_table(p) for p in written.refusals]
    return written


def _as_table(problem: Problem) -> Problem:
    """The manifest's refusal, said of a table rather than of a project's documents."""
    if problem.code not in ("sortie-modifiee", "sortie-modifiee-pendant"):
        return problem
    name = problem.message.split("»")[0].removeprefix("« ").strip()
    return replace(problem, file=None, message=(
        f"« {name} » a été modifié depuis que coopdocs l'a écrit : il n'a pas été remplacé, "
        "pour ne pas perdre ces modifications."),
        hint="renommez-le ou déplacez-le pour garder votre version, puis relancez ; ou "
        "relancez avec --force pour le remplacer")
