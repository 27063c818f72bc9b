"""The command line (coopdocs.cli) as users see it: exact French output, exit codes, never a
traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from coopdocs.build.write import output_folder
from coopdocs.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run the real entry point in a subprocess, as a user would."""
    env = {k: v for k, v in os.environ.items() if k != "COOPDOCS_DEBUG"}
    return subprocess.run([sys.executable, "-c", "from coopdocs.cli.main import main; main()",
                           *args], capture_output=True, text=True, cwd=cwd or ROOT, env=env,
                          timeout=120, check=False)


def test_help_is_french_and_lists_commands() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert result.stdout.startswith("Utilisation : coopdocs")
    for command in ("validate", "init", "schema", "build"):
        assert command in result.stdout
    assert "Affiche cette aide et quitte." in result.stdout
    assert "Show this message" not in result.stdout


@pytest.mark.parametrize("command", ["validate", "init", "schema", "build"])
def test_every_command_has_french_help(command: str) -> None:
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert result.output.startswith(f"Utilisation : cli {command}") or \
        result.output.startswith(f"Utilisation : coopdocs {command}")
    assert "Options" in result.output
    assert "Show this message" not in result.output


def test_version() -> None:
    from coopdocs import __version__

    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"coopdocs {__version__}"
    as_module = subprocess.run([sys.executable, "-m", "coopdocs", "--version"],
                               capture_output=True, text=True, timeout=120, check=False)
    assert as_module.returncode == 0 and as_module.stdout == result.stdout


def test_unknown_option_is_explained_in_french() -> None:
    result = run("validate", "--stricte")
    assert result.returncode == 2
    assert "Option inconnue" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_complete_example_shows_its_warning(example_path) -> None:
    complet = example_path("exemple-complet")
    result = run("validate", str(complet))
    assert result.returncode == 0, result.stderr
    assert "valide" in result.stdout
    assert "avertissement" in result.stderr
    assert "Plaine Commune" in result.stderr


def test_validate_both_examples_exit_zero(example_path) -> None:
    complet = example_path("exemple-complet")
    minimal = example_path("exemple-minimal")
    result = run("validate", str(complet), str(minimal))
    assert result.returncode == 0, result.stderr
    assert f"{minimal} : valide" in result.stdout


def test_strict_turns_warnings_into_errors(example_path) -> None:
    complet = example_path("exemple-complet")
    result = run("validate", "--strict", str(complet))
    assert result.returncode == 1
    assert "non valide" in result.stderr


def test_validate_default_file_is_projet_yaml(tmp_path: Path) -> None:
    result = run("validate", cwd=tmp_path)
    assert result.returncode == 1
    assert "projet.yaml" in result.stderr
    assert "coopdocs init" in result.stderr


def test_validate_json_output(project_file) -> None:
    bad = project_file("exemple-minimal",
                       replace={"raison_sociale: \"Bâtir": "raison_socale: \"Bâtir"})
    result = run("validate", "--json", str(bad))
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["valide"] is False
    [checked] = report["fichiers"]
    paths = [p["chemin"] for p in checked["problemes"]]
    assert "partenaires[2].raison_socale" in paths
    problem = next(p for p in checked["problemes"]
                   if p["chemin"] == "partenaires[2].raison_socale")
    assert problem["ligne"] == 22
    assert "raison_sociale" in problem["suggestion"]


def test_init_then_strict_validate_refuses_the_example_values(tmp_path: Path) -> None:
    result = run("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "remplacez les valeurs entre crochets" in result.stdout
    starter = tmp_path / "projet.yaml"
    text = starter.read_text(encoding="utf-8")
    for step in ("Étape 1", "Étape 5", "Étape 10"):
        assert step in text
    checked = run("validate", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr  # valid, with a warning per example value
    assert "avertissement : Valeur d'exemple laissée : « [Nom du projet] »." in checked.stderr
    strict = run("validate", "--strict", cwd=tmp_path)
    assert strict.returncode == 1
    assert "projet.yaml:55:3  projet.nom  Valeur d'exemple laissée : « [Nom du projet] »." \
        in strict.stderr
    again = run("init", cwd=tmp_path)
    assert again.returncode == 1
    assert "existe déjà" in again.stderr and "--force" in again.stderr
    assert run("init", "--force", cwd=tmp_path).returncode == 0


def test_init_with_the_complete_example_then_build(tmp_path: Path) -> None:
    result = run("init", "--exemple", "complet", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "coopdocs build" in result.stdout
    built = run("build", "-j", "1", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    # A projet.yaml builds into a folder named after its own folder (issue 14).
    [folder] = (tmp_path / "sortie").iterdir()
    assert len(list(folder.glob("*.docx"))) == 5


def test_schema_json_and_markdown() -> None:
    as_json = run("schema", "--format", "json")
    assert as_json.returncode == 0
    assert json.loads(as_json.stdout)["$schema"].endswith("2020-12/schema")
    as_md = run("schema", "--format", "markdown")
    assert as_md.returncode == 0
    assert as_md.stdout == (ROOT / "docs" / "format.md").read_text(encoding="utf-8")


def test_no_traceback_on_any_bad_file() -> None:
    """Every hostile file of the corpus gives a French error on stderr, never a traceback."""
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in {".yaml", ".yml"})
    assert len(files) >= 20
    result = run("validate", *map(str, files))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Erreur interne" not in result.stderr
    for path in files:
        assert str(path) in result.stderr + result.stdout


def test_progress_command_text_json_and_docx(tmp_path: Path, example_path) -> None:
    complet = example_path("exemple-complet")
    minimal = example_path("exemple-minimal")
    text = run("progress", str(minimal))
    assert text.returncode == 0, text.stderr
    assert "Connaissance de son écosystème — à faire" in text.stdout
    as_json = run("progress", "--format", "json", str(complet))
    report = json.loads(as_json.stdout)
    assert report["valide"] is True and len(report["etapes"]) == 10
    docx_run = run("progress", "--docx", "-o", str(tmp_path), str(complet))
    assert docx_run.returncode == 0, docx_run.stderr
    assert (tmp_path / "exemple-complet" / "feuille-de-route.docx").is_file()


def test_progress_on_unreadable_file_exits_one(tmp_path: Path) -> None:
    broken = tmp_path / "casse.yaml"
    broken.write_text("projet:\n  nom: \"pas fermé\n", encoding="utf-8")
    result = run("progress", str(broken))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout


def test_build_only_feuille_de_route(tmp_path: Path, example_path) -> None:
    complet = example_path("exemple-complet")
    result = CliRunner().invoke(cli, ["build", str(complet), "-o", str(tmp_path),
                                      "--only", "feuille-de-route"])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "exemple-complet").glob("*.docx"))
    assert written == ["feuille-de-route.docx"]
    import docx

    text = "\n".join(p.text for p in docx.Document(
        str(tmp_path / "exemple-complet" / "feuille-de-route.docx")).paragraphs)
    assert "Feuille de route" in text and "Connaissance de son écosystème" in text


def test_progress_docx_protects_a_hand_edited_roadmap(tmp_path: Path, project_file) -> None:
    project = project_file("exemple-complet")
    first = run("progress", "--docx", "-o", str(tmp_path / "sortie"), str(project))
    assert first.returncode == 0, first.stderr
    # A projet.yaml builds into a folder named after its own folder.
    roadmap = output_folder(tmp_path / "sortie", str(project)) / "feuille-de-route.docx"
    assert run("progress", "--docx", "-o", str(tmp_path / "sortie"),
               str(project)).returncode == 0  # unchanged: replaced without asking
    roadmap.write_bytes(roadmap.read_bytes() + b"\0")  # edited by hand
    refused = run("progress", "--docx", "-o", str(tmp_path / "sortie"), str(project))
    assert refused.returncode == 1
    assert "modifié depuis sa génération" in refused.stderr and "--force" in refused.stderr
    forced = run("progress", "--docx", "--force", "-o", str(tmp_path / "sortie"), str(project))
    assert forced.returncode == 0, forced.stderr


def test_schema_into_a_missing_folder_is_a_french_error(tmp_path: Path) -> None:
    result = run("schema", "-o", str(tmp_path / "absent" / "schema.json"))
    assert result.returncode == 1
    assert "Erreur interne" not in result.stderr and "Traceback" not in result.stderr
    assert "n'existe pas" in result.stderr
