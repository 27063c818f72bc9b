"""`coopdocs tableau`: one row per project with the figures of `coopdocs progress`, a sheet of
every partner, a real table; protected like a document; opened by LibreOffice."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from coopdocs.build.batch import build_projects
from coopdocs.cli.main import cli
from coopdocs.sheets.table import collect, write_table
from tests.sheets.workbooks import libreoffice_copy

EXAMPLES = ("exemple-complet", "exemple-minimal", "exemple-gme", "exemple-reseau")
STATUS = {"fait": "fait", "en_cours": "en cours", "a_faire": "à faire"}


@pytest.fixture
def network(tmp_path: Path, example_path: Any, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A network's folder: four examples, and the complete one again under another name (its
    partners then take part in two projects), one folder per project. The tests run in
    ``tmp_path``: the default output folder ``sortie`` is theirs, not the one `make demo`
    fills in the checkout (the examples' last build would show)."""
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "projets"
    for name in EXAMPLES:
        (folder / name).mkdir(parents=True)
        shutil.copy(example_path(name), folder / name / "projet.yaml")
    twin = folder / "ressourcerie-est" / "projet.yaml"
    twin.parent.mkdir()
    text = example_path("exemple-complet").read_text(encoding="utf-8")
    twin.write_text(text.replace('nom: "Ressourcerie partagée de la Plaine"',
                                 'nom: "Ressourcerie partagée de l\'Est"', 1), encoding="utf-8")
    return folder


def _progress(file: str) -> dict[str, Any]:
    """What `coopdocs progress --format json` says of one project."""
    result = CliRunner().invoke(cli, ["progress", "--format", "json", file])
    report: dict[str, Any] = json.loads(result.stdout)
    return report


def test_one_row_per_project_with_the_figures_of_progress(network: Path, tmp_path: Path):
    table = collect([network])
    output = tmp_path / "projets.xlsx"
    written = write_table(table, output, owner=str(network))
    assert written.refusals == [] and output.is_file()
    book = load_workbook(output)
    assert book.sheetnames == ["Projets", "Partenaires"]
    sheet = book["Projets"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True))
            for row in sheet.iter_rows(min_row=2)]
    assert len(rows) == 5
    for row in rows:
        report = _progress(str(row["Fichier"]))
        summary = report["resume"]
        assert row["Projet"] == report["projet"]
        assert (row["Erreurs"], row["Avertissements"], row["Étapes faites"],
                row["Étapes en cours"], row["Étapes à faire"]) == (
            summary["erreurs"], summary["avertissements"], summary["fait"],
            summary["en_cours"], summary["a_faire"])
        steps = [row[h] for h in header if re.match(r"\d+\. ", str(h))]
        assert steps == [s["statut_libelle"] for s in report["etapes"]]
    complet = next(r for r in rows if r["Projet"] == "Ressourcerie partagée de la Plaine")
    assert (complet["Territoire"], complet["Partenaires"], complet["Chef de file"],
            complet["Forme juridique"], complet["Budget"]) == (
        "Seine-Saint-Denis (93)", 5, "Recycl'Action 93", "Convention de partenariat", 80000)
    assert complet["Début"].date().isoformat() == "2027-01-01"
    assert complet["Fin"].date().isoformat() == "2029-12-31"
    assert complet["Dernière production"] is None  # never built


def test_a_real_table_frozen_filtered_in_french_formats(network: Path, tmp_path: Path):
    output = tmp_path / "projets.xlsx"
    write_table(collect([network]), output, owner=str(network))
    sheet = load_workbook(output)["Projets"]
    assert sheet.freeze_panes == "B2"
    assert list(sheet.tables) == ["Projets"]
    assert sheet.tables["Projets"].ref == f"A1:{sheet.cell(1, sheet.max_column).column_letter}6"
    header = [c.value for c in sheet[1]]
    budget, start = header.index("Budget") + 1, header.index("Début") + 1
    assert sheet.cell(2, budget).number_format == '[$-40C]#,##0.00\\ "€"'
    assert sheet.cell(2, start).number_format == "[$-40C]DD/MM/YYYY"
    assert sheet.cell(1, 1).font.bold
    assert sheet.column_dimensions["A"].width == 34


def test_the_partners_sheet_counts_each_structure_once(network: Path, tmp_path: Path):
    output = tmp_path / "projets.xlsx"
    write_table(collect([network]), output, owner=str(network))
    sheet = load_workbook(output)["Partenaires"]
    rows = {row[0]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    recycl = rows["Recycl'Action 93"]
    assert recycl[1] == "412\u00a0783\u00a0904\u00a000003"
    assert recycl[5] == 2
    assert recycl[6] == "Ressourcerie partagée de la Plaine ; Ressourcerie partagée de l'Est"
    assert rows["Les Jardins de Bondy"][5] == 1


def test_the_last_build_is_shown(network: Path, tmp_path: Path):
    minimal = network / "exemple-minimal" / "projet.yaml"
    outdir = tmp_path / "sortie"
    assert not build_projects([str(minimal)], outdir).failed
    table = collect([network], outdir=outdir)
    line = next(p for p in table.projects if p.file == str(minimal))
    assert line.last_build is not None and line.up_to_date is True
    minimal.write_text(minimal.read_text(encoding="utf-8") + "\n# modifié\n", encoding="utf-8")
    line = next(p for p in collect([network], outdir=outdir).projects if p.file == str(minimal))
    assert line.up_to_date is False


def test_a_workbook_edited_by_hand_is_not_replaced(network: Path, tmp_path: Path):
    output = tmp_path / "projets.xlsx"
    table = collect([network])
    write_table(table, output, owner=str(network))
    again = write_table(table, output, owner=str(network))
    assert [d.action for d in again.documents] == ["inchange"]  # the same bytes: untouched
    book = load_workbook(output)
    book["Projets"]["A2"] = "Mes notes"
    book.save(output)
    refused = write_table(table, output, owner=str(network))
    assert [p.format() for p in refused.refusals] == [
        f"« {output} » a été modifié depuis que coopdocs l'a écrit : il n'a pas été remplacé, "
        "pour ne pas perdre ces modifications.  (renommez-le ou déplacez-le pour garder votre "
        "version, puis relancez ; ou relancez avec --force pour le remplacer)"]
    assert load_workbook(output)["Projets"]["A2"].value == "Mes notes"
    forced = write_table(table, output, owner=str(network), force=True)
    assert forced.refusals == []
    assert load_workbook(output)["Projets"]["A2"].value != "Mes notes"


def test_csv_gives_two_files_excel_opens_in_french(network: Path, tmp_path: Path):
    written = write_table(collect([network]), tmp_path / "projets.csv", as_csv=True,
                          owner=str(network))
    assert sorted(d.path.name for d in written.documents) == [
        "projets-partenaires.csv", "projets.csv"]
    raw = (tmp_path / "projets.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfProjet;Territoire;D\xc3\xa9but;Fin;")
    text = raw.decode("utf-8-sig")
    assert "Ressourcerie partagée de la Plaine;Seine-Saint-Denis (93);01/01/2027;31/12/2029;5;" \
        in text
    assert ";80000,00;" in text


def test_the_workbook_opens_in_libreoffice_with_the_figures_of_progress(
        soffice: str, network: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)  # files named as a user names them: projets/gme/projet.yaml
    output = tmp_path / "projets.xlsx"
    write_table(collect(["projets"]), output, owner="projets")
    pdf = libreoffice_copy(soffice, output, "pdf", tmp_path / "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    files = sorted(str(p.relative_to(tmp_path)) for p in network.rglob("projet.yaml"))
    for file in files:
        report = _progress(file)
        summary = report["resume"]
        # The row ends with the file's name: the same printed line has the project's figures.
        row = next(line for line in lines if line.endswith(file))
        figures = " ".join(str(summary[k]) for k in ("erreurs", "avertissements", "fait",
                                                     "en_cours", "a_faire"))
        steps = " ".join(STATUS[s["statut"]] for s in report["etapes"])
        assert f" {figures} {steps} " in f" {row} ", (row, figures, steps)


def test_an_unreadable_project_has_its_row_too(network: Path, tmp_path: Path):
    broken = network / "casse" / "projet.yaml"
    broken.parent.mkdir()
    broken.write_text("projet: [nom: \"Sans fin\"\n", encoding="utf-8")
    table = collect([network])
    line = next(p for p in table.projects if p.file == str(broken))
    assert (line.readable, line.valid, line.counts["erreurs"]) == (False, False, 1)
    output = tmp_path / "projets.xlsx"
    write_table(table, output, owner=str(network))
    sheet = load_workbook(output)["Projets"]
    row = next(r for r in sheet.iter_rows(min_row=2, values_only=True) if r[-1] == str(broken))
    assert row[0] == "projet" and "illisible" in row


def test_a_project_of_wrong_shapes_still_gets_its_row(tmp_path: Path):
    odd = tmp_path / "bizarre.yaml"
    odd.write_text(
        "projet: {nom: Étrange, date_debut: demain, duree_mois: trois}\n"
        "statut_juridique: {forme: [charte]}\n"
        "budget: {total: beaucoup}\n"
        "partenaires:\n  - {raison_sociale: [A], forme_juridique: {x: 1}, role: 12,"
        " siret: non, conventionnement: oui}\n  - texte\n"
        "plan_action: {financements: 3}\n", encoding="utf-8")
    table = collect([odd])
    line = table.projects[0]
    assert (line.name, line.valid, line.start, line.budget, line.legal_form) == (
        "Étrange", False, None, None, "")
    assert line.counts["erreurs"] > 0
    assert write_table(table, tmp_path / "t.xlsx", owner=str(odd)).refusals == []
