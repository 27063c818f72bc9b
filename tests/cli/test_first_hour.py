"""The first hour of a new user (issue 15): batch habits, French everywhere, colours, guides.

Each test runs the command line as a user types it and checks what they read.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

from coopdocs.build.inputs import document_codes
from coopdocs.cli.main import cli

ROOT = Path(__file__).resolve().parents[2]
ANSI = re.compile(r"\x1b\[[0-9;]*m")
# Twenty projects, one folder each, as a network keeps them.
NAMES = ["jardins", "batir", "recycl", "repar", "ressourcerie", "cantine", "laverie", "velos",
         "couture", "menuiserie", "maraichage", "conciergerie", "imprimerie", "traiteur",
         "bois", "textile", "numerique", "mobilite", "habitat", "energie"]


def invoke(*args: str, **kwargs: Any) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, **kwargs)


@pytest.fixture
def tree(tmp_path: Path, project_file) -> Path:
    """`projets/<nom>/projet.yaml` for the twenty names, each its own project name."""
    folder = tmp_path / "projets"
    for name in NAMES:
        project_file("exemple-minimal", folder=folder / name, replace={
            "Groupement d'achat de vêtements de travail": f"Projet {name.capitalize()}"})
    return folder


# --- batch habits ---------------------------------------------------------------------------


def test_a_folder_tree_validates_with_one_command(tree: Path) -> None:
    result = invoke("validate", str(tree))
    assert result.exit_code == 0, result.output
    for name in NAMES:
        assert f"{tree / name / 'projet.yaml'} : valide" in result.stdout
    assert result.stdout.rstrip().endswith("20 fichiers vérifiés : 20 valides, 0 non valide.")


def test_a_folder_tree_progresses_with_one_command(tree: Path) -> None:
    result = invoke("progress", str(tree), "--format", "json")
    assert result.exit_code == 0, result.output
    reports = json.loads(result.stdout)["projets"]
    assert sorted(r["projet"] for r in reports) == sorted(f"Projet {n.capitalize()}"
                                                          for n in NAMES)
    text = invoke("progress", str(tree))
    assert text.stdout.count("Feuille de route : Projet ") == 20


def test_a_folder_tree_builds_with_one_command(tree: Path, tmp_path: Path) -> None:
    out = tmp_path / "sortie"
    result = invoke("build", str(tree), "-o", str(out), "-j", "2")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == sorted(NAMES)
    assert all((out / n / "convention-de-partenariat.docx").is_file() for n in NAMES)


def test_validate_json_has_one_shape_for_one_file_or_many(project_file, tmp_path: Path) -> None:
    one = project_file("exemple-minimal", filename="un.yaml")
    two = project_file("exemple-complet", filename="deux.yaml")
    single = json.loads(invoke("validate", "--json", str(one)).stdout)
    double = json.loads(invoke("validate", "--json", str(one), str(two)).stdout)
    folder = json.loads(invoke("validate", "--json", str(tmp_path)).stdout)
    for report in (single, double, folder):
        assert list(report) == ["coopdocs", "valide", "resume", "fichiers"]
        assert list(report["resume"]) == ["fichiers", "valides", "non_valides", "erreurs",
                                          "avertissements"]
        for entry in report["fichiers"]:
            assert list(entry) == ["fichier", "valide", "erreurs", "avertissements",
                                   "verification_complete", "problemes"]
    assert [f["fichier"] for f in single["fichiers"]] == [str(one)]
    alone = json.loads(invoke("validate", "--json", str(two)).stdout)
    assert double["resume"] == {"fichiers": 2, "valides": 2, "non_valides": 0, "erreurs": 0,
                                "avertissements": single["resume"]["avertissements"]
                                + alone["resume"]["avertissements"]}
    assert len(folder["fichiers"]) == 2


def test_a_warning_repeated_in_a_batch_is_written_once(project_file, tmp_path: Path) -> None:
    for name in ("a", "b", "c", "d"):
        project_file("exemple-complet", folder=tmp_path / "lot", filename=f"{name}.yaml")
    result = invoke("validate", str(tmp_path / "lot"))
    assert result.exit_code == 0
    assert result.stderr.count("est une personne publique (établissement public de "
                               "coopération intercommunale) et apporte de l'argent") == 1
    assert "× 4 projets  partenaires[5].contribution.apport_financier  avertissement : " \
        in result.stderr
    lot = tmp_path / "lot"
    assert f"    dans {lot / 'a.yaml'}:148:7, {lot / 'b.yaml'}:148:7, {lot / 'c.yaml'}:148:7 " \
        "et 1 autre\n" in result.stderr


def test_build_of_a_batch_groups_its_warnings_too(project_file, tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        project_file("exemple-complet", folder=tmp_path / "lot", filename=f"{name}.yaml")
    result = invoke("build", str(tmp_path / "lot"), "-o", str(tmp_path / "sortie"), "-j", "1")
    assert result.exit_code == 0, result.output
    assert result.stderr.count("est une personne publique (établissement public de "
                               "coopération intercommunale) et apporte de l'argent") == 1
    assert "× 3 projets" in result.stderr


def test_an_unknown_only_code_is_a_usage_mistake(project_file) -> None:
    result = invoke("build", "--only", "conventions", str(project_file("exemple-minimal")))
    assert result.exit_code == 2
    assert "Erreur : Valeur non valide pour « --only » : document inconnu : « conventions » " \
        "(vouliez-vous dire « convention » ?" in result.stderr


def test_only_help_lists_every_document_code() -> None:
    help_text = " ".join(invoke("build", "--help").stdout.split())
    listed = help_text.split("séparés par des virgules : ")[1].split(".")[0]
    assert listed.split(", ") == document_codes()
    assert "feuille-de-route" in document_codes()


def test_every_written_file_is_listed_pdf_included(project_file, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """The PDFs are written after the projects were shown: they are listed all the same (the
    conversion is faked here; tests/build/test_pdf.py runs LibreOffice)."""
    from coopdocs.build import batch
    from coopdocs.build.results import DocumentResult

    def convert(results: list[Any], outdir: Path, jobs: int, **options: Any) -> None:
        for result in results:
            for document in list(result.documents):
                pdf = document.path.with_suffix(".pdf")
                pdf.write_bytes(b"%PDF-1.7")
                result.documents.append(DocumentResult(pdf, "", "ecrit"))
                result.lines.append(f"  écrit : {pdf}")

    monkeypatch.setattr(batch, "convert_results", convert)
    out = tmp_path / "sortie"
    result = invoke("build", str(project_file("exemple-minimal")), "-o", str(out), "--pdf")
    assert result.exit_code == 0, result.output
    for document in sorted((out / "projet").glob("*.docx")):
        assert f"écrit : {document}" in result.stdout
        assert f"écrit : {document.with_suffix('.pdf')}" in result.stdout
    assert "8 documents écrits" in result.stdout


def test_ctrl_c_says_what_was_done_and_that_rerunning_continues(
        project_file, monkeypatch: pytest.MonkeyPatch) -> None:
    from coopdocs.build import batch

    original = batch.build_project

    def ctrl_c_during_the_first(file: str, *args: Any, **kwargs: Any) -> Any:
        result = original(file, *args, **kwargs)
        signal.raise_signal(signal.SIGINT)  # the user presses Ctrl-C once, during a project
        return result

    monkeypatch.setattr(batch, "build_project", ctrl_c_during_the_first)
    one = project_file("exemple-minimal", filename="un.yaml")
    two = project_file("exemple-minimal", filename="deux.yaml")
    result = invoke("build", str(one), str(two), "-j", "1", "-o", str(one.parent / "sortie"))
    assert result.exit_code == 130
    # The project under way is finished, the next one is not started, and the user is told.
    assert ("Interrompu par Ctrl-C : 1 projet traité sur 2, chacun en entier ; 1 projet non "
            "traité, à relancer.") in result.output
    assert sorted(p.name for p in (one.parent / "sortie").iterdir()) == ["un"]


# --- French everywhere ----------------------------------------------------------------------

ENGLISH = re.compile(r"Usage:|\bCOMMAND\b|\bARGS\b|DIRECTORY|\bFILE\b|\bPATH\b|\bTEXT\b|INTEGER|"
                     r"x>=|x<=|Show this|default:|\brequired\b|Did you mean|Choose from|"
                     r"\bOptions:")


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for name, command in group.commands.items():
        yield (*prefix, name)
        if isinstance(command, click.Group):
            yield from _commands(command, (*prefix, name))


@pytest.mark.parametrize("command", [(), *_commands(cli)], ids=lambda c: " ".join(c) or "cli")
def test_every_help_is_french(command: tuple[str, ...]) -> None:
    result = invoke(*command, "--help")
    assert result.exit_code == 0
    assert result.stdout.startswith("Utilisation : ")
    assert not ENGLISH.search(result.stdout), ENGLISH.search(result.stdout)


@pytest.mark.parametrize(("args", "expected"), [
    (["validat"], "Erreur : Commande inconnue : « validat ». Vouliez-vous dire « validate » ?"),
    (["validte"], "Erreur : Commande inconnue : « validte ». Vouliez-vous dire « validate » ou "
                  "« aide » ?"),
    (["validate", "--st"], "Erreur : Option inconnue : « --st ». Vouliez-vous dire « --strict » "
                           "ou « --json » ?"),
    (["build", "--jobs", "0"], "Erreur : Valeur non valide pour « -j » / « --jobs » : 0 n'est "
                               "pas accepté (au moins 1)."),
    (["progress", "--format", "pdf"], "Erreur : Valeur non valide pour « --format » : « pdf » "
                                      "n'est pas l'une des valeurs possibles : « texte », "
                                      "« markdown » ou « json »."),
    (["aide", "modèles"], "Erreur : Valeur non valide pour « SUJET » : « modèles » n'est pas "
                          "l'une des valeurs possibles"),
    (["init", "--exemple"], "Erreur : L'option « --exemple » attend une valeur."),
])
def test_usage_mistakes_are_explained_in_french_and_exit_2(args: list[str],
                                                           expected: str) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert expected in result.stderr, result.stderr


# --- colours --------------------------------------------------------------------------------


@pytest.mark.parametrize(("args", "env", "coloured"), [
    ([], {}, True),
    ([], {"NO_COLOR": "1"}, False),
    (["--sans-couleur"], {}, False),
    (["--couleur"], {"NO_COLOR": "1"}, True),
])
def test_colours_follow_no_color_and_the_options(project_file, args: list[str],
                                                 env: dict[str, str], coloured: bool) -> None:
    path = project_file("exemple-complet")
    # color=True: the output behaves as a terminal's would.
    result = CliRunner().invoke(cli, [*args, "validate", str(path)], env=env, color=True)
    assert result.exit_code == 0
    assert bool(ANSI.search(result.output)) is coloured
    after = CliRunner().invoke(cli, ["validate", *args, str(path)], env=env, color=True)
    assert bool(ANSI.search(after.output)) is coloured


# --- installed anywhere ---------------------------------------------------------------------


def test_guides_are_reachable_from_the_command_line() -> None:
    listing = invoke("aide")
    assert listing.exit_code == 0
    for name in ("modeles", "format", "validation", "progression"):
        assert f"  {name} " in listing.stdout
    guide = invoke("aide", "modeles")
    assert guide.exit_code == 0
    assert guide.stdout == (ROOT / "docs" / "modeles.md").read_text(encoding="utf-8")
    path = Path(invoke("aide", "--chemin", "format").stdout.strip())
    assert path.read_text(encoding="utf-8") == (ROOT / "docs" / "format.md").read_text(
        encoding="utf-8")


def test_python_dash_m_coopdocs_runs_the_same_command_line(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "coopdocs", "init", "--exemple", "minimal"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=120,
                            check=False)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "projet.yaml").is_file()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_shell_completion_documented_in_the_readme_works(shell: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"_COOPDOCS_COMPLETE={shell}_source coopdocs" in readme
    script = subprocess.run([sys.executable, "-m", "coopdocs"], capture_output=True, text=True,
                            env={"_COOPDOCS_COMPLETE": f"{shell}_source", "PATH": ""},
                            timeout=60, check=False)
    assert script.returncode == 0 and "_coopdocs_completion" in script.stdout, script.stderr
    completed = subprocess.run([sys.executable, "-m", "coopdocs"], capture_output=True,
                               text=True, timeout=60, check=False,
                               env={"_COOPDOCS_COMPLETE": "bash_complete", "PATH": "",
                                    "COMP_WORDS": "coopdocs val", "COMP_CWORD": "1"})
    assert completed.stdout.split() == ["plain,validate"]
