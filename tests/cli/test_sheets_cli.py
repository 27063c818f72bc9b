"""`coopdocs importer` and `coopdocs tableau` as users see them: French output, exit codes,
JSON, never a traceback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from coopdocs.cli.main import cli
from tests.sheets.workbooks import ROWS, partners_workbook


def _invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_importer_writes_and_says_what_it_added(tmp_path: Path):
    book = partners_workbook(tmp_path / "réseau.xlsx")
    target = tmp_path / "projet.yaml"
    code, out, err = _invoke("importer", str(book), "--vers", str(target))
    assert code == 0, err
    assert out.splitlines() == [
        "  ajouté : ra93 (Recycl'Action 93), ligne 4",
        "  ajouté : repar-tout (Répar'Tout), ligne 6",
        "  ajouté : jdp (Les Jardins de la Plaine), ligne 7",
        f"{target} : 3 partenaires ajoutés (3 lignes lues).",
        f"Vérifiez le projet entier : coopdocs validate {target}",
    ]
    assert "colonne « Salariés en parcours » ignorée" in err
    assert target.is_file()


def test_importer_dry_run_writes_nothing(tmp_path: Path):
    book = partners_workbook(tmp_path / "réseau.xlsx", [ROWS[3]])
    target = tmp_path / "projet.yaml"
    code, out, _ = _invoke("importer", str(book), "--vers", str(target), "--essai")
    assert code == 0
    assert out.splitlines() == [
        "  serait ajouté : jdp (Les Jardins de la Plaine), ligne 4",
        f"Essai, rien n'a été écrit : {target} aurait 1 partenaire ajouté (1 ligne lue).",
    ]
    assert not target.exists()


def test_importer_errors_exit_1_and_write_nothing(tmp_path: Path):
    row = list(ROWS[3])
    row[4] = "521 590 109 00019"
    book = partners_workbook(tmp_path / "réseau.xlsx", [row])
    target = tmp_path / "projet.yaml"
    code, out, err = _invoke("importer", str(book), "--vers", str(target))
    assert code == 1
    assert out == ""
    assert err.splitlines()[-2:] == [
        "réseau.xlsx:Structures:ligne 4:colonne E  siret  le SIRET « 521 590 109 00019 » a une "
        "clé de contrôle fausse  (vérifiez une faute de frappe : recopiez-le depuis l'avis de "
        "situation SIRENE ou annuaire-entreprises.data.gouv.fr)",
        f"Rien n'a été écrit dans {target} : 1 erreur à corriger dans le tableur (1 ligne lue).",
    ]
    assert not target.exists()


def test_importer_json_locates_each_problem(tmp_path: Path):
    row = list(ROWS[3])
    row[6] = "9324"
    book = partners_workbook(tmp_path / "réseau.xlsx", [row])
    code, out, _ = _invoke("importer", str(book), "--vers", str(tmp_path / "p.yaml"), "--json")
    assert code == 1
    report = json.loads(out)
    assert report["ecrit"] is False and report["resume"]["erreurs"] == 1
    error = next(p for p in report["problemes"] if p["gravite"] == "erreur")
    assert (error["fichier"], error["feuille"], error["ligne"], error["colonne"],
            error["chemin"]) == (str(book), "Structures", 4, "G", "adresse.code_postal")


def test_importer_unreadable_file_is_a_french_error(tmp_path: Path):
    book = tmp_path / "liste.xlsx"
    book.write_bytes(b"pas un classeur")
    env = {k: v for k, v in os.environ.items() if k != "COOPDOCS_DEBUG"}
    done = subprocess.run([sys.executable, "-m", "coopdocs", "importer", str(book), "--vers",
                           str(tmp_path / "p.yaml")], capture_output=True, text=True, env=env,
                          timeout=120, check=False)
    code, err = done.returncode, done.stderr
    assert code == 1
    assert err.startswith("Tableur illisible :\n")
    assert "n'a pas pu être lu comme un classeur (.xlsx)" in err
    assert "Traceback" not in err
    code, out, _ = _invoke("importer", str(book), "--vers", str(tmp_path / "p.yaml"), "--json")
    report = json.loads(out)
    assert code == 1 and report["ecrit"] is False and report["erreur"] == "Tableur illisible"
    assert report["problemes"][0]["code"] == "tableur-illisible"


def test_tableau_writes_the_workbook_then_leaves_it_unchanged(tmp_path: Path,
                                                              example_path: Any):
    folder = tmp_path / "projets"
    folder.mkdir()
    for name in ("exemple-complet", "exemple-minimal"):
        shutil.copy(example_path(name), folder)
    output = tmp_path / "réseau.xlsx"
    code, out, err = _invoke("tableau", str(folder), "-o", str(output), "--jobs", "1")
    assert code == 0, err
    assert out.splitlines() == [f"  écrit : {output}", "2 projets, 7 partenaires différents."]
    code, out, _ = _invoke("tableau", str(folder), "-o", str(output), "--jobs", "1")
    assert out.splitlines()[0] == f"  inchangé : {output}"
    code, out, _ = _invoke("tableau", str(folder), "-o", str(output), "--json")
    report = json.loads(out)
    assert [p["projet"] for p in report["projets"]] == [
        "Ressourcerie partagée de la Plaine", "Groupement d'achat de vêtements de travail"]
    assert report["projets"][1]["resume"] == {"fait": 1, "en_cours": 6, "a_faire": 3,
                                              "erreurs": 0, "avertissements": 0}


def test_tableau_without_projects_exits_1(tmp_path: Path):
    (tmp_path / "vide").mkdir()
    code, _, err = _invoke("tableau", str(tmp_path / "vide"), "-o", str(tmp_path / "t.xlsx"))
    assert code == 1
    assert err.splitlines() == [
        f"{tmp_path / 'vide'}  Aucun fichier .yaml ou .yml dans le dossier "
        f"« {tmp_path / 'vide'} ».  (vérifiez le dossier donné ; chaque projet est un fichier "
        ".yaml, par exemple projets/jardins/projet.yaml)",
        "Aucun projet trouvé : rien n'a été écrit."]
    assert not (tmp_path / "t.xlsx").exists()


def test_the_spreadsheet_libraries_load_only_for_their_commands():
    """`coopdocs --help` and `coopdocs validate` stay light: openpyxl and calamine are imported
    inside `importer` and `tableau` only."""
    code = ("import sys; from coopdocs.cli.main import cli; "
            "from coopdocs.check.project import check_project; "
            "check_project('coopdocs/examples/exemple-complet.yaml'); "
            "print(' '.join(sorted(m for m in sys.modules if m.startswith(('openpyxl', "
            "'python_calamine', 'coopdocs.sheets')))))")
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                          text=True, timeout=120, check=True)
    assert done.stdout.strip() == ""
