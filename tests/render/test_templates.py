"""Where templates come from (coopdocs.render.templates): search path, list, export
(coopdocs.build.export), overrides and extra documents."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from reading import plain

from coopdocs.build.export import export_templates
from coopdocs.cli.main import cli
from coopdocs.errors import OutputError, TemplateError
from coopdocs.render.templates import (
    BUILTIN_DIR,
    ORIGIN_BUILTIN,
    ORIGIN_OPTION,
    ORIGIN_PROJECT,
    builtin_names,
    list_templates,
    resolve_template,
    search_path,
)

DOCUMENTS = ["convention-de-partenariat.docx", "charte-de-cooperation.docx", "gouvernance.docx",
             "cartographie-des-parties-prenantes.docx", "plan-d-action.docx"]


def all_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return plain("\n".join(parts))


def test_builtin_templates_are_shipped_in_the_package() -> None:
    assert BUILTIN_DIR.parent.name == "coopdocs"
    for name in DOCUMENTS:
        assert name in builtin_names()


def test_search_path_order(tmp_path: Path) -> None:
    (tmp_path / "modeles-projet").mkdir()
    option = tmp_path / "option"
    option.mkdir()
    folders = search_path(tmp_path / "projet.yaml", {"modeles": "modeles-projet"}, option)
    assert [f.origin for f in folders] == [ORIGIN_PROJECT, ORIGIN_OPTION, ORIGIN_BUILTIN]
    assert folders[0].path == tmp_path / "modeles-projet"


def test_missing_override_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError) as caught:
        search_path(tmp_path / "projet.yaml", {"modeles": "absent"}, None)
    assert caught.value.problems[0].dotted_path == "modeles"
    assert "n'existe pas" in caught.value.problems[0].message


def test_partial_override_falls_back_to_builtin(tmp_path: Path) -> None:
    shutil.copy(BUILTIN_DIR / "charte-de-cooperation.docx", tmp_path)
    (tmp_path / "~$charte-de-cooperation.docx").write_bytes(b"lock file")
    folders = search_path(None, None, tmp_path)
    assert resolve_template("charte-de-cooperation.docx", folders).origin == ORIGIN_OPTION
    assert resolve_template("gouvernance.docx", folders).origin == ORIGIN_BUILTIN
    listed = {t.name: t for t in list_templates(folders)}
    assert "~$charte-de-cooperation.docx" not in listed


def test_export_refuses_to_overwrite(tmp_path: Path) -> None:
    written = export_templates(tmp_path)
    assert sorted(p.name for p in written) == builtin_names()
    with pytest.raises(OutputError) as caught:
        export_templates(tmp_path)
    assert "--force" in (caught.value.problems[0].hint or "")
    assert export_templates(tmp_path, force=True)


def test_cli_list_shows_origin(tmp_path: Path) -> None:
    shutil.copy(BUILTIN_DIR / "gouvernance.docx", tmp_path)
    result = CliRunner().invoke(cli, ["templates", "list", "--templates", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Fiche d'organisation de la gouvernance" in result.output
    assert f"{tmp_path / 'gouvernance.docx'}  ({ORIGIN_OPTION})" in result.output
    assert ORIGIN_BUILTIN in result.output


def test_override_changes_one_document_and_keeps_the_others(tmp_path: Path,
                                                            project_file) -> None:
    """Export, change a sentence in Word's place, build with the override (issue 4)."""
    runner = CliRunner()
    templates_dir = tmp_path / "mes-modeles"
    assert runner.invoke(cli, ["templates", "export", str(templates_dir)]).exit_code == 0
    charte = docx.Document(str(templates_dir / "charte-de-cooperation.docx"))
    charte.add_paragraph("Cette phrase a été ajoutée par notre juriste.")
    charte.save(str(templates_dir / "charte-de-cooperation.docx"))
    for name in DOCUMENTS:
        if name != "charte-de-cooperation.docx":
            (templates_dir / name).unlink()
    # An extra template is rendered as an additional document with the same context.
    avenant = docx.Document()
    avenant.add_paragraph("Avenant n° 1 au projet {{ projet.nom }}")
    avenant.save(str(templates_dir / "avenant-1.docx"))

    out = tmp_path / "sortie"
    project = project_file("exemple-complet", filename="exemple-complet.yaml")
    result = runner.invoke(cli, ["build", str(project), "-o", str(out),
                                 "--templates", str(templates_dir)])
    assert result.exit_code == 0, result.output
    folder = out / "exemple-complet"
    assert "ajoutée par notre juriste" in all_text(folder / "charte-de-cooperation.docx")
    assert "ajoutée par notre juriste" not in all_text(folder / "gouvernance.docx")
    assert "Avenant n° 1 au projet Ressourcerie partagée de la Plaine" in all_text(
        folder / "avenant-1.docx")
    builtin = all_text(folder / "convention-de-partenariat.docx")
    assert "CONVENTION DE PARTENARIAT" in builtin.upper()


def test_project_modeles_field_is_relative_to_the_project_file(tmp_path: Path,
                                                               project_file) -> None:
    project_dir = tmp_path / "projet"
    (project_dir / "modeles").mkdir(parents=True)
    charte = docx.Document(str(BUILTIN_DIR / "charte-de-cooperation.docx"))
    charte.add_paragraph("Version locale de la charte.")
    charte.save(str(project_dir / "modeles" / "charte-de-cooperation.docx"))
    project_file("exemple-complet", folder=project_dir,
                 replace={"version: 1\n": "version: 1\nmodeles: modeles\n"})
    result = CliRunner().invoke(cli, ["build", str(project_dir / "projet.yaml"), "-o",
                                      str(tmp_path / "sortie"), "--only", "charte"])
    assert result.exit_code == 0, result.output
    assert "Version locale de la charte." in all_text(
        tmp_path / "sortie" / "projet" / "charte-de-cooperation.docx")


def test_build_refuses_a_broken_override_with_the_check_messages(tmp_path: Path,
                                                                project_file) -> None:
    templates_dir = tmp_path / "modeles"
    templates_dir.mkdir()
    charte = docx.Document(str(BUILTIN_DIR / "charte-de-cooperation.docx"))
    charte.add_paragraph("Projet : {{ projet.nmo }}")
    charte.save(str(templates_dir / "charte-de-cooperation.docx"))
    out = tmp_path / "sortie"
    project = project_file("exemple-complet", filename="exemple-complet.yaml")
    result = CliRunner().invoke(cli, ["build", str(project), "-o", str(out),
                                      "--templates", str(templates_dir)])
    assert result.exit_code == 1
    assert "charte-de-cooperation.docx" in result.output
    assert "projet.nmo" in result.output and "projet.nom" in result.output
    assert not (out / "exemple-complet" / "charte-de-cooperation.docx").exists()
    checked = CliRunner().invoke(cli, ["templates", "check", str(templates_dir)])
    assert checked.exit_code == 1
    assert "projet.nmo" in checked.output
