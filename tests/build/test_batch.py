"""Batch builds (coopdocs.build.batch, and `coopdocs build`): isolation, exit codes, nothing
lost (manifest, Ctrl-C, --dry-run), workers."""

from __future__ import annotations

import gc
import io
import json
import os
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner

from coopdocs import atomic
from coopdocs.build import batch
from coopdocs.build.batch import build_projects
from coopdocs.build.cache import TemplateCache
from coopdocs.build.inputs import collect_inputs
from coopdocs.build.manifest import MANIFEST
from coopdocs.build.project import collect_rarely
from coopdocs.cli.main import cli
from coopdocs.errors import OutputError

PROJECT_NAME = "Groupement d'achat de vêtements de travail"
LEAD = "Les Jardins de Bondy"


@pytest.fixture
def project(project_file) -> Callable[..., Path]:
    """``project(folder, stem, name, lead)``: a valid project, the minimal example with its own
    project and lead partner names."""
    def make(folder: Path, stem: str, name: str, lead: str, *, suffix: str = ".yaml") -> Path:
        return project_file("exemple-minimal", filename=f"{stem}{suffix}", folder=folder,
                            replace={PROJECT_NAME: name, LEAD: lead})

    return make


@pytest.fixture
def broken(project_file) -> Callable[..., Path]:
    """``broken(folder)``: an invalid project (a duration in words)."""
    def make(folder: Path, stem: str = "casse") -> Path:
        return project_file("exemple-minimal", filename=f"{stem}.yaml", folder=folder,
                            replace={"duree_mois: 12": "duree_mois: douze"})

    return make


def text_of(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return "\n".join(parts)


def docx_files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.docx"))}


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, ["build", *args], catch_exceptions=False)


@pytest.fixture
def three_and_broken(tmp_path: Path, project, broken) -> Path:
    folder = tmp_path / "projets"
    project(folder, "alpha", "Projet Alpha", "Structure Alpha")
    project(folder / "sous-dossier", "beta", "Projet Bêta", "Structure Bêta", suffix=".yml")
    project(folder, "gamma", "Projet Gamma", "Structure Gamma")
    broken(folder)
    (folder / ".cache").mkdir()
    (folder / ".cache" / "ignore.yaml").write_text("pas: un projet")
    return folder


def test_three_valid_and_one_broken_build_the_three_and_exit_1(
    three_and_broken: Path, tmp_path: Path
) -> None:
    out = tmp_path / "sortie"
    result = invoke(str(three_and_broken), "-o", str(out), "-j", "1")
    assert result.exit_code == 1
    assert "casse.yaml" in result.stderr and "duree_mois" in result.stderr
    assert "En échec : " in result.stderr and "casse.yaml" in result.stderr.split("En échec")[1]
    assert sorted(p.name for p in out.iterdir()) == ["alpha", "beta", "gamma"]
    for name in ("alpha", "beta", "gamma"):
        assert (out / name / "convention-de-partenariat.docx").is_file()
        assert (out / name / MANIFEST).is_file()
    assert "Résumé : 3 projets produits, 1 en échec" in result.stdout
    assert "12 documents écrits" in result.stdout


def test_quiet_shows_only_errors(three_and_broken: Path, tmp_path: Path) -> None:
    result = invoke(str(three_and_broken), "-o", str(tmp_path / "s"), "-j", "1", "--quiet")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "casse.yaml : erreur" in result.stderr and "avertissement" not in result.stderr


def test_two_projects_in_one_run_do_not_leak_into_each_other(tmp_path: Path, project) -> None:
    one = project(tmp_path / "p", "un", "Projet Numéro Un", "Association Première")
    two = project(tmp_path / "p", "deux", "Projet Numéro Deux", "Coopérative Seconde")
    out = tmp_path / "sortie"
    run = build_projects([one, two], out, jobs=1)
    assert not run.failed
    for mine, theirs in (("un", ("Numéro Deux", "Seconde")), ("deux", ("Numéro Un", "Première"))):
        documents = sorted((out / mine).glob("*.docx"))
        assert len(documents) == 4
        for path in documents:
            text = text_of(path)
            for stale in theirs:
                assert stale not in text, f"{path.name} of {mine} contains {stale!r}"
    assert "Projet Numéro Un" in text_of(out / "un" / "convention-de-partenariat.docx")


def test_hand_edited_document_is_protected_and_force_overrides(tmp_path: Path,
                                                               project) -> None:
    source = project(tmp_path / "p", "projet", "Projet Protégé", "Structure Protégée")
    out = tmp_path / "sortie"
    assert invoke(str(source), "-o", str(out)).exit_code == 0
    again = invoke(str(source), "-o", str(out))  # unchanged documents are simply replaced
    assert again.exit_code == 0 and "inchangé" in again.stdout
    charte = out / "p" / "charte-de-cooperation.docx"  # projet.yaml: named after its folder
    edited = charte.read_bytes() + b"signature"
    charte.write_bytes(edited)
    source.write_text(source.read_text().replace("Bondy", "Noisy"), encoding="utf-8")
    before = docx_files(out)
    refused = invoke(str(source), "-o", str(out))
    assert refused.exit_code == 1
    assert f"« {charte} » a été modifié depuis sa génération" in refused.stderr
    assert "--force" in refused.stderr and "renommez" in refused.stderr
    assert docx_files(out) == before  # the whole project stopped, not only that document
    forced = invoke(str(source), "-o", str(out), "--force")
    assert forced.exit_code == 0
    assert charte.read_bytes() != edited and "Noisy" in text_of(charte)


def test_document_not_written_by_coopdocs_is_protected(tmp_path: Path, project) -> None:
    source = project(tmp_path / "p", "projet", "Projet", "Structure")
    (tmp_path / "sortie" / "p").mkdir(parents=True)
    mine = tmp_path / "sortie" / "p" / "convention-de-partenariat.docx"
    mine.write_bytes(b"my own work")
    result = invoke(str(source), "-o", str(tmp_path / "sortie"))
    assert result.exit_code == 1 and "absent du manifeste" in result.stderr
    assert mine.read_bytes() == b"my own work"


def test_dry_run_writes_nothing(tmp_path: Path, project) -> None:
    source = project(tmp_path / "p", "projet", "Projet", "Structure")
    out = tmp_path / "sortie"
    result = invoke(str(source), "-o", str(out), "--dry-run")
    assert result.exit_code == 0
    assert not out.exists()
    assert "serait écrit : " in result.stdout and "rien n'a été écrit" in result.stdout
    assert "4 documents seraient écrits" in result.stdout
    assert invoke(str(source), "-o", str(out)).exit_code == 0
    convention = out / "p" / "convention-de-partenariat.docx"
    convention.write_bytes(convention.read_bytes() + b"!")
    before = {p.name: p.read_bytes() for p in (out / "p").iterdir()}
    shown = invoke(str(source), "-o", str(out), "--dry-run")
    assert shown.exit_code == 1 and "a été modifié depuis sa génération" in shown.stderr
    assert {p.name: p.read_bytes() for p in (out / "p").iterdir()} == before


def _interrupt_at(monkeypatch: pytest.MonkeyPatch, name: str, call: int) -> None:
    """Ctrl-C inside the `call`-th call of `os.<name>` made by coopdocs' file writing."""
    calls = {"n": 0}
    real = getattr(os, name)

    def interrupted(*args: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == call:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(atomic.os, name, interrupted)


@pytest.mark.parametrize(("name", "call", "replaced"), [
    # while the manifest and the documents are synced, before any rename: nothing replaced
    ("fsync", 3, 0),
    # after the manifest and the first document took their places, at the second document
    ("replace", 3, 1),
])
def test_ctrl_c_while_writing_a_project_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, project, name: str, call: int,
    replaced: int
) -> None:
    source = project(tmp_path / "p", "projet", "Projet Avant", "Structure")
    out = tmp_path / "sortie"
    build_projects([source], out)
    source.write_text(source.read_text().replace("Projet Avant", "Projet Après"))
    _interrupt_at(monkeypatch, name, call)
    with pytest.raises(KeyboardInterrupt):
        build_projects([source], out)
    monkeypatch.undo()
    folder = out / "p"
    assert [p.name for p in folder.iterdir() if p.name.endswith(".tmp")] == []
    texts = {p.name: text_of(p) for p in folder.glob("*.docx")}  # every file opens whole
    assert len(texts) == 4
    assert sum("Projet Après" in t for t in texts.values()) == replaced
    rerun = build_projects([source], out)  # no document is taken for a hand-edited one
    assert not rerun.failed, rerun.projects[0].problems
    assert all("Projet Après" in text_of(p) for p in folder.glob("*.docx")
               if p.name != "cartographie-des-parties-prenantes.docx")


def test_two_inputs_for_one_output_folder_are_refused_before_writing(tmp_path: Path,
                                                                     project) -> None:
    # Same file name in two folders (`projet.yaml` would be named after its folder).
    first = project(tmp_path / "a", "alpha", "Projet Un", "Structure Un")
    second = project(tmp_path / "b", "alpha", "Projet Deux", "Structure Deux")
    out = tmp_path / "sortie"
    result = invoke(str(first), str(second), "-o", str(out))
    assert result.exit_code == 1
    assert "iraient dans le même dossier" in result.stderr
    assert "<projet>" not in result.stderr  # a problem of the run, not of a file
    assert str(first) in result.stderr and str(second) in result.stderr
    assert not out.exists()
    with pytest.raises(OutputError):
        build_projects([first, second], out)


def test_report_json(three_and_broken: Path, tmp_path: Path) -> None:
    report = tmp_path / "rapport.json"
    result = invoke(str(three_and_broken), "-o", str(tmp_path / "s"), "-j", "1", "--report",
                    str(report))
    assert result.exit_code == 1
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["simulation"] is False
    assert data["resume"]["projets_produits"] == 3 and data["resume"]["en_echec"] == 1
    assert data["resume"]["documents_ecrits"] == 12
    by_file = {Path(p["fichier"]).name: p for p in data["projets"]}
    assert by_file["casse.yaml"]["statut"] == "echec"
    problem = by_file["casse.yaml"]["problemes"][0]
    keys = {"gravite", "code", "fichier", "ligne", "chemin", "message", "suggestion"}
    assert keys <= set(problem)
    alpha = by_file["alpha.yaml"]
    assert alpha["statut"] == "produit"
    document = alpha["documents"][0]
    assert set(document) == {"nom", "chemin", "sha256", "action"}
    assert len(document["sha256"]) == 64 and document["action"] == "ecrit"
    assert alpha["non_produits"][0]["document"] == "Plan d'action"


def test_jobs_2_gives_the_same_documents_as_jobs_1(three_and_broken: Path, tmp_path: Path) -> None:
    one = build_projects([three_and_broken], tmp_path / "un", jobs=1)
    two = build_projects([three_and_broken], tmp_path / "deux", jobs=2)
    assert [(r.file, r.ok) for r in one.projects] == [(r.file, r.ok) for r in two.projects]
    assert docx_files(tmp_path / "un") == docx_files(tmp_path / "deux")
    assert len(docx_files(tmp_path / "un")) == 12


def test_inputs_files_and_folders(three_and_broken: Path, tmp_path: Path) -> None:
    alpha = three_and_broken / "alpha.yaml"
    empty = tmp_path / "vide"
    empty.mkdir()
    files, failed = collect_inputs([three_and_broken, alpha, empty])
    names = [Path(f).name for f in files]
    assert names == ["alpha.yaml", "casse.yaml", "gamma.yaml", "beta.yml"]  # each once
    assert [r.problems[0].code for r in failed] == ["entree-vide"]


def test_progress_events_count_every_document(tmp_path: Path, project) -> None:
    source = project(tmp_path / "p", "projet", "Projet", "Structure")
    events: list[tuple[str, Any]] = []
    build_projects([source], tmp_path / "s", on_event=lambda k, p: events.append((k, p)))
    kinds = [k for k, _ in events]
    assert kinds[0] == "debut" and events[0][1] == 5
    assert kinds.count("document") == 4 and kinds[-1] == "projet"


# --- PDF in batch (a fake soffice: see test_pdf.py) --------------------------------------------

# A fake soffice in Python: documents reach it as numbered copies (0000.docx…), so it tells the
# projects apart by their text. Documents of "Projet autre" fail on the first call only, those
# of "Projet vide" always.
FAKE = """#!{python}
import os, sys, zipfile
log = os.environ["FAKE_LOG"]
first = not os.path.exists(log)
with open(log, "a") as handle:
    handle.write("call\\n")
outdir = sys.argv[sys.argv.index("--outdir") + 1]
for arg in sys.argv[1:]:
    if not arg.endswith(".docx"):
        continue
    text = zipfile.ZipFile(arg).read("word/document.xml").decode("utf-8")
    if "Projet vide" in text or ("Projet autre" in text and first):
        continue
    name = os.path.splitext(os.path.basename(arg))[0] + ".pdf"
    with open(os.path.join(outdir, name), "wb") as pdf:
        pdf.write(b"%PDF-1.4\\n1 0 obj << /Type /Page >> endobj\\n%%EOF\\n")
"""


def test_pdf_one_start_one_retry_per_file_failure_fails_only_its_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, project
) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "soffice").write_text(FAKE.format(python=sys.executable))
    (folder / "soffice").chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("FAKE_LOG", str(tmp_path / "calls.log"))
    files = [project(tmp_path / "p", stem, f"Projet {stem}", f"Structure {stem}")
             for stem in ("bon", "autre", "vide")]
    run = build_projects(files, tmp_path / "s", pdf=True, jobs=1)
    by_name = {Path(r.file).stem: r for r in run.projects}
    for stem in ("bon", "autre"):  # "autre" only succeeded on its retry
        assert by_name[stem].ok, by_name[stem].problems
        assert len(list((tmp_path / "s" / stem).glob("*.pdf"))) == 4
    assert not by_name["vide"].ok
    assert {p.code for p in by_name["vide"].problems if p.is_error} == {"pdf-echec"}
    # one LibreOffice start for the whole run, then one retry per failed document
    assert (tmp_path / "calls.log").read_text().count("call") == 1 + 4 + 4


def test_template_cache_is_shared_and_picklable(tmp_path: Path) -> None:
    import pickle

    cache = TemplateCache()
    cache.preload(None)
    clone = pickle.loads(pickle.dumps(cache))
    assert len(clone._prepared) == len(cache._prepared) >= 1
    for template in clone._prepared.values():
        assert template._compiled == {} and template._env is None
        with zipfile.ZipFile(io.BytesIO(template.data)) as archive:
            assert "word/document.xml" in archive.namelist()


def test_a_project_costs_one_sync_per_file_written_and_one_for_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, project
) -> None:
    source = project(tmp_path / "p", "projet", "Projet", "Structure")
    synced: list[int] = []
    real_fsync = os.fsync

    def counted(fd: int) -> None:
        synced.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", counted)
    run = build_projects([source], tmp_path / "sortie")
    documents = len(run.projects[0].written)
    assert documents >= 4
    # a first build: each document and the manifest (synced together), the folder once; the
    # manifest is written once, having no previous hash to drop
    assert len(synced) == documents + 2
    synced.clear()
    source.write_text(source.read_text().replace("Projet", "Projet Modifié"))
    run = build_projects([source], tmp_path / "sortie")
    assert not run.failed, run.projects[0].problems
    # a rebuild replacing documents: the manifest again after them, without the old hashes
    assert len(synced) == documents + 3


def test_collections_are_rare_during_a_batch_and_restored_after(
        tmp_path: Path, project, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[int] = []
    real = batch.build_project

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.get_threshold()[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(batch, "build_project", spy)
    before = gc.get_threshold()
    files = [project(tmp_path / "p", stem, f"Projet {stem}", f"Association {stem}")
             for stem in ("un", "deux")]
    run = build_projects(files, tmp_path / "out")
    assert not run.failed
    assert seen == [5000, 5000] != [before[0]] * 2
    assert gc.get_threshold() == before


def test_a_worker_collects_rarely_for_its_life_and_off_stays_off() -> None:
    before = gc.get_threshold()
    try:
        assert collect_rarely() == before
        assert gc.get_threshold() == (5000, *before[1:])
        gc.set_threshold(0)
        collect_rarely()
        assert gc.get_threshold()[0] == 0
    finally:
        gc.set_threshold(*before)
