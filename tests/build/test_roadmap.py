"""`coopdocs progress --docx` writes like `build`: same folder checks, same templates, one read."""

from __future__ import annotations

import builtins
import io
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from reading import plain

from coopdocs.build.manifest import MANIFEST
from coopdocs.build.roadmap import progress
from coopdocs.build.write import output_folder
from coopdocs.render.templates import BUILTIN_DIR

ProjectFile = Callable[..., Path]  # the `project_file` fixture of tests/conftest.py


def _text(path: Path) -> str:
    return plain("\n".join(p.text for p in docx.Document(io.BytesIO(path.read_bytes())).paragraphs))


def _marked_template(folder: Path, mark: str) -> None:
    """A copy of the built-in feuille de route with `mark` added as its first paragraph."""
    folder.mkdir(parents=True, exist_ok=True)
    document = docx.Document(str(BUILTIN_DIR / "feuille-de-route.docx"))
    document.paragraphs[0].insert_paragraph_before(mark)
    document.save(str(folder / "feuille-de-route.docx"))


def test_writes_the_roadmap_and_records_it(tmp_path: Path, project_file: ProjectFile) -> None:
    source = project_file("exemple-minimal")
    result = progress(source, roadmap=True, outdir=tmp_path / "sortie")
    target = output_folder(tmp_path / "sortie", str(source)) / "feuille-de-route.docx"
    assert result.problems == []
    assert result.written == [target]
    manifest = json.loads((target.parent / MANIFEST).read_text(encoding="utf-8"))
    assert list(manifest["documents"]) == ["feuille-de-route.docx"]


def test_refuses_a_symlinked_project_folder(tmp_path: Path, project_file: ProjectFile) -> None:
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    (tmp_path / "sortie").mkdir()
    source = project_file("exemple-minimal")
    os.symlink(elsewhere, output_folder(tmp_path / "sortie", str(source)))
    result = progress(source, roadmap=True, outdir=tmp_path / "sortie")
    assert [p.code for p in result.problems] == ["sortie-lien"]
    assert list(elsewhere.iterdir()) == []


def test_honours_the_modeles_folder_of_the_project(tmp_path: Path,
                                                  project_file: ProjectFile) -> None:
    _marked_template(tmp_path / "mes-modeles", "Modèle du projet")
    project = project_file("exemple-minimal", {"modeles": "mes-modeles"})
    result = progress(project, roadmap=True, outdir=tmp_path / "sortie")
    assert result.problems == []
    assert _text(result.written[0]).startswith("Modèle du projet")


def test_honours_the_templates_option(tmp_path: Path, project_file: ProjectFile) -> None:
    _marked_template(tmp_path / "option", "Modèle de l'option")
    result = progress(project_file("exemple-minimal"), roadmap=True,
                      outdir=tmp_path / "sortie", templates=str(tmp_path / "option"))
    assert result.problems == []
    assert _text(result.written[0]).startswith("Modèle de l'option")


def test_keeps_a_roadmap_edited_by_hand(tmp_path: Path, project_file: ProjectFile) -> None:
    project = project_file("exemple-minimal")
    first = progress(project, roadmap=True, outdir=tmp_path / "sortie").written[0]
    first.write_bytes(first.read_bytes() + b"edited")
    again = progress(project, roadmap=True, outdir=tmp_path / "sortie")
    assert [p.code for p in again.problems] == ["sortie-modifiee"]
    assert first.read_bytes().endswith(b"edited")


def test_reads_the_project_file_once(tmp_path: Path, project_file: ProjectFile,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    project = project_file("exemple-minimal")
    opened: list[str] = []
    real_open = builtins.open

    def counting_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if os.fspath(file) == os.fspath(project):
            opened.append(os.fspath(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", counting_open)
    progress(project, roadmap=True, outdir=tmp_path / "sortie")
    assert len(opened) == 1
    shutil.rmtree(tmp_path / "sortie")
