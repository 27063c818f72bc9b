"""Dates a cooperation project can have (issue 14): years 2000–2100, a duration within the
schema's maximum whatever way it is written, and `9999-12-31` explained, never a crash."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from coopdocs.check.project import check_project
from coopdocs.cli.main import cli

HINT = ("Vérifiez l'année (faute de frappe ?) ; écrivez-la jour/mois/année (31/01/2027) ou "
        "année-mois-jour (2027-01-31).")
NO_END = ("« 9999-12-31 » n'est pas une vraie date : elle sert souvent à dire « sans date de "
          "fin », mais une convention de coopération est conclue pour une durée déterminée.")


def errors(path: Path) -> list[tuple[str, str, str | None]]:
    _, problems = check_project(path)
    return [(p.dotted_path, p.message, p.hint) for p in problems if p.is_error]


@pytest.mark.parametrize(("old", "new", "where", "written"), [
    ("  duree_mois: 12\n", "  date_fin: 2209-12-31\n", "projet.date_fin", "2209-12-31"),
    ("  duree_mois: 12\n", "  date_fin: 0001-01-01\n", "projet.date_fin", "0001-01-01"),
    ("  date_debut: 2027-02-01\n", "  date_debut: 1999-12-31\n", "projet.date_debut",
     "1999-12-31"),
    ("  duree_mois: 12\n", '  duree_mois: 12\n  date_signature: "01/01/2101"\n',
     "projet.date_signature", "01/01/2101"),
])
def test_a_date_outside_the_years_of_a_project_is_refused(project_file, old: str, new: str,
                                                           where: str, written: str) -> None:
    # 2209-12-31 once printed "une durée de cent quatre-vingt-trois ans" in the convention.
    path = project_file("exemple-minimal", replace={old: new})
    assert errors(path) == [(where, f"La date « {written} » est hors de la période d'un projet "
                                    "(années 2000 à 2100).", HINT)]


def test_a_duration_beyond_the_maximum_is_refused_when_written_as_an_end_date(
        project_file) -> None:
    path = project_file("exemple-minimal", replace={"  duree_mois: 12\n":
                                                    "  date_fin: 2099-12-31\n"})
    [(where, message, _)] = errors(path)
    assert where == "projet.date_fin"
    assert message.startswith("Du 01/02/2027 au 31/12/2099, le projet durerait 875 mois, "
                              "au-delà de la durée maximale de")


@pytest.mark.parametrize("old", ["  duree_mois: 12\n", "  duree_mois: 12\n  lieu"])
def test_9999_12_31_is_explained_not_a_crash(project_file, old: str) -> None:
    path = project_file("exemple-minimal", replace={
        old: old.replace("  duree_mois: 12\n", "  date_fin: 9999-12-31\n"
                         if old.endswith("\n") else "  duree_mois: 12\n  date_fin: 9999-12-31\n")})
    [(where, message, hint)] = errors(path)
    assert (where, message) == ("projet.date_fin", NO_END)
    assert hint is not None and "duree_mois" in hint


def test_9999_12_31_in_a_task_is_explained(project_file) -> None:
    path = project_file("exemple-complet", {"plan_action[0].taches[0].date_fin": "9999-12-31"})
    assert [(w, m) for w, m, _ in errors(path)] == [
        ("plan_action[1].taches[1].date_fin", NO_END)]


@pytest.mark.parametrize("command", [["validate"], ["progress"], ["build", "-o", "sortie"]])
def test_9999_12_31_never_crashes_a_command(project_file, tmp_path: Path, monkeypatch,
                                            command: list[str]) -> None:
    path = project_file("exemple-minimal", replace={"  duree_mois: 12\n":
                                                    "  date_fin: 9999-12-31\n"})
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, [command[0], str(path), *command[1:]])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output and "Overflow" not in result.output
    if command[0] == "progress":  # a report of the steps, the problem shown in its place
        assert result.exit_code == 0, result.output
        shown = result.output.replace("\xa0", " ").replace("\u202f", " ")
        assert "! ligne 9, projet.date_fin — « 9999-12-31 » n'est pas une vraie date" in shown
    else:
        assert result.exit_code == 1, result.output
        assert f"{path}:9:3  projet.date_fin  {NO_END}" in result.output
