"""coopdocs.load: file → schema → rules → located problems; and the lazy package exports."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import coopdocs
from coopdocs.errors import CoopdocsError, SourceError, ValidationError
from coopdocs.load import Project, check_project, load_project

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
MINIMAL = (EXAMPLES / "exemple-minimal.yaml").read_text(encoding="utf-8")
COMPLET = (EXAMPLES / "exemple-complet.yaml").read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str, name: str = "projet.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _line_of(text: str, fragment: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if fragment in line)


def test_load_complete_example(tmp_path: Path) -> None:
    path = _write(tmp_path, COMPLET, "ressourcerie.yaml")
    project = load_project(path)
    assert isinstance(project, Project)
    assert project.name == "ressourcerie" and project.path == path
    assert project.data["projet"]["date_debut"] == date(2027, 1, 1)
    assert project.source is not None and project.sha256 == project.source.sha256
    assert len(project.sha256) == 64
    # The example has one rules warning (a collectivité brings money), located in the file.
    assert project.warnings and all(not w.is_error for w in project.warnings)
    assert all(w.file == str(path) and w.line for w in project.warnings)


def test_load_minimal_example(tmp_path: Path) -> None:
    project = load_project(str(_write(tmp_path, MINIMAL)))
    assert project.data["projet"]["date_fin"] == date(2028, 1, 31)
    assert project.warnings == []


def test_unknown_key_gives_path_and_line(tmp_path: Path) -> None:
    text = MINIMAL.replace('raison_sociale: "Bâtir & Insérer"', 'raison_socale: "Bâtir & Insérer"')
    path = _write(tmp_path, text)
    with pytest.raises(ValidationError) as caught:
        load_project(path)
    [problem] = caught.value.problems
    assert problem.chemin == "partenaires[2].raison_socale"
    assert problem.line == _line_of(text, "raison_socale") == 22
    assert problem.column == 5
    assert problem.file == str(path)
    assert "« raison_sociale »" in problem.hint
    assert problem.format().startswith(f"{path}:22:5  partenaires[2].raison_socale  Clé inconnue")


def test_all_problems_sorted_by_line(tmp_path: Path) -> None:
    text = (MINIMAL.replace("frequence: semestrielle", "frequence: parfois")
            .replace('siret: "88541209800018"', 'siret: "88541209800019"')
            .replace("duree_mois: 12", "duree_mois: 0"))
    _, problems = check_project(_write(tmp_path, text))
    assert [p.code for p in problems] == ["schema.hors-limites", "schema.siret-cle",
                                          "schema.valeur-non-prevue"]
    lines = [p.line for p in problems]
    assert lines == sorted(lines) and lines[0] == _line_of(text, "duree_mois")


def test_missing_required_key_points_at_its_parent(tmp_path: Path) -> None:
    text = MINIMAL.replace('  lieu_signature: "Bondy"\n', "")
    _, problems = check_project(_write(tmp_path, text))
    [problem] = problems
    assert problem.chemin == "projet.lieu_signature"
    assert problem.line == _line_of(text, "projet:")


def test_rules_run_after_the_schema(tmp_path: Path) -> None:
    text = MINIMAL.replace("[{partenaire: jardins}", "[{partenaire: jardin}")
    project, problems = check_project(_write(tmp_path, text))
    assert project is None
    assert problems and not any(p.code.startswith("schema.") for p in problems)
    [error] = [p for p in problems if p.is_error]  # an unknown partner id (rules.py)
    assert error.chemin == "gouvernance.instances[1].composition[1].partenaire"
    assert error.line == _line_of(text, "partenaire: jardin}")


def test_rules_do_not_run_on_schema_errors(tmp_path: Path) -> None:
    text = (MINIMAL.replace("[{partenaire: jardins}", "[{partenaire: x}")
            .replace("duree_mois: 12", "duree_mois: douze"))
    _, problems = check_project(_write(tmp_path, text))
    assert [p.code for p in problems] == ["schema.type"]


def test_strict_turns_warnings_into_errors(tmp_path: Path) -> None:
    path = _write(tmp_path, COMPLET)
    project, warnings = check_project(path)
    assert project is not None and warnings
    with pytest.raises(ValidationError) as caught:
        load_project(path, strict=True)
    assert caught.value.problems and all(p.is_error for p in caught.value.problems)
    project, problems = check_project(path, strict=True)
    assert project is None and len(problems) == len(warnings)


def test_encoding_warning_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "windows.yaml"
    path.write_bytes(MINIMAL.encode("cp1252"))
    project = load_project(path)
    assert project.warnings and project.warnings[0].file == str(path)
    assert project.data["partenaires"][1]["raison_sociale"] == "Bâtir & Insérer"


def test_unreadable_file(tmp_path: Path) -> None:
    path = _write(tmp_path, "projet: [\n")
    project, problems = check_project(path)
    assert project is None and problems and problems[0].is_error
    with pytest.raises(SourceError):
        load_project(path)
    project, problems = check_project(tmp_path / "absent.yaml")
    assert project is None and problems


def test_validation_error_message_lists_everything(tmp_path: Path) -> None:
    text = MINIMAL.replace("type_structure: aci", "type_structure: acii")
    with pytest.raises(CoopdocsError) as caught:
        load_project(_write(tmp_path, text))
    assert len(caught.value.errors) == 2
    assert caught.value.message.count("Valeur « acii » non prévue") == 2


def test_package_exports_are_lazy() -> None:
    assert coopdocs.__version__ == "0.1.0"
    assert coopdocs.load_project is load_project and coopdocs.Project is Project
    assert coopdocs.CoopdocsError is CoopdocsError
    with pytest.raises(AttributeError):
        _ = coopdocs.nothing_here
    code = ("import sys, coopdocs; "
            "heavy = {'coopdocs.load', 'coopdocs.schema', 'cerberus', 'yaml'} & set(sys.modules); "
            "assert not heavy, heavy; coopdocs.load_project; "
            "assert 'coopdocs.load' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True)
