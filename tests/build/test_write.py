"""The write path (coopdocs.build.write, coopdocs.atomic) under attack (issue 14): two writers,
a hand edit made while a build writes, PDFs edited by hand, folders keyed by the project,
planted pipes, leftovers of killed runs, broken manifests."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import threading
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from coopdocs import atomic
from coopdocs.build.batch import build_projects
from coopdocs.build.manifest import MANIFEST
from coopdocs.build.project import BuildOptions, build_project
from coopdocs.build.write import output_folder
from coopdocs.cli.main import cli
from coopdocs.errors import OutputError

DOCS = ["cartographie-des-parties-prenantes.docx", "charte-de-cooperation.docx",
        "convention-de-partenariat.docx", "gouvernance.docx"]


@pytest.fixture
def minimal(project_file) -> Callable[..., Path]:
    """``minimal(folder, stem)``: a copy of exemple-minimal.yaml as ``folder/stem.yaml``."""
    def make(folder: Path, stem: str = "alpha") -> Path:
        return project_file("exemple-minimal", filename=f"{stem}.yaml", folder=folder)

    return make


def edit_project(path: Path) -> None:
    """Change the project, so that every document has to be written again."""
    path.write_text(path.read_text(encoding="utf-8").replace("Bondy", "Pantin"), encoding="utf-8")


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def on_replace(monkeypatch: pytest.MonkeyPatch, action: Callable[[Path], None]) -> None:
    """Run `action(target)` once, just before the first document replaces its old version: a
    slow writer, to make a race with another writer deterministic."""
    real = os.replace
    done: list[bool] = []

    def replace(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        if not done and str(target).endswith(".docx"):
            done.append(True)
            action(Path(target))
        real(source, target, *args, **kwargs)

    monkeypatch.setattr(atomic.os, "replace", replace)


# --- a hand edit made while coopdocs writes the folder ---------------------------------------


def test_a_document_saved_by_hand_during_the_build_is_kept(
        tmp_path: Path, minimal, monkeypatch: pytest.MonkeyPatch) -> None:
    source = minimal(tmp_path / "p")
    out = tmp_path / "sortie"
    assert not build_projects([source], out).failed
    folder = out / "alpha"
    edit_project(source)
    saved = folder / "gouvernance.docx"
    # Word saves the fiche while coopdocs is replacing the first documents of the folder.
    on_replace(monkeypatch, lambda target: saved.write_bytes(b"version signee a la main"))
    run = build_projects([source], out)
    monkeypatch.undo()
    assert saved.read_bytes() == b"version signee a la main"
    [result] = run.projects
    assert not result.ok
    assert [p.code for p in result.problems if p.is_error] == ["sortie-modifiee-pendant"]
    assert result.problems[-1].message == (
        f"« {saved} » a été enregistré par quelqu'un pendant que coopdocs écrivait le dossier : "
        "cette version a été gardée, le document n'a pas été régénéré.")
    # The next run still sees the hand edit as one, and --force replaces it.
    again = build_projects([source], out)
    assert [p.code for p in again.projects[0].problems if p.is_error] == ["sortie-modifiee"]
    assert not build_projects([source], out, force=True).failed
    assert saved.read_bytes() != b"version signee a la main"


# --- two writers ----------------------------------------------------------------------------


def test_a_second_build_of_the_same_folder_waits_its_turn_or_is_refused(
        tmp_path: Path, minimal, monkeypatch: pytest.MonkeyPatch) -> None:
    source = minimal(tmp_path / "p")
    out = tmp_path / "sortie"
    assert not build_projects([source], out).failed
    edit_project(source)
    other: list[Any] = []
    # A second coopdocs starts on the same folder while the first one is half-way through.
    on_replace(monkeypatch, lambda target: other.append(
        build_project(str(source), BuildOptions(out))))
    first = build_projects([source], out)
    monkeypatch.undo()
    assert not first.failed
    [second] = other
    [refusal] = [p for p in second.problems if p.is_error]
    assert refusal.code == "sortie-occupee"
    assert refusal.message == (
        f"un autre coopdocs écrit déjà dans « {out / 'alpha'} » : rien n'y a été écrit, pour ne "
        "pas mélanger deux versions des documents.")
    # One version in the folder, and a manifest that knows it: no hand edit is alleged.
    rerun = build_projects([source], out)
    assert not rerun.failed, rerun.projects[0].problems
    assert {d.action for d in rerun.projects[0].documents} == {"inchange"}


def test_attendre_waits_for_the_other_coopdocs(tmp_path: Path, minimal) -> None:
    source = minimal(tmp_path / "p")
    folder = tmp_path / "sortie" / "alpha"
    folder.mkdir(parents=True)
    released = threading.Event()

    def other_coopdocs() -> None:
        with atomic.lock_folder(folder):
            released.wait(10)

    holder = threading.Thread(target=other_coopdocs)
    holder.start()
    time.sleep(0.2)
    refused = invoke("build", str(source), "-o", str(tmp_path / "sortie"))
    assert refused.exit_code == 1 and "un autre coopdocs écrit déjà dans" in refused.stderr
    assert "--attendre" in refused.stderr
    threading.Timer(0.5, released.set).start()
    waited = invoke("build", str(source), "-o", str(tmp_path / "sortie"), "--attendre")
    holder.join()
    assert waited.exit_code == 0, waited.output
    assert sorted(p.name for p in folder.glob("*.docx")) == DOCS


def test_the_lock_dies_with_its_process_even_on_kill_9(tmp_path: Path) -> None:
    folder = tmp_path / "sortie"
    folder.mkdir()
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from pathlib import Path; from coopdocs.atomic import lock_folder\n"
        "with lock_folder(Path(sys.argv[1])):\n    print('tenu', flush=True); time.sleep(60)"),
        str(folder)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "tenu\n"
        with pytest.raises(OutputError, match="un autre coopdocs écrit déjà"), \
                atomic.lock_folder(folder):
            pass
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    with atomic.lock_folder(folder):  # the system released it: no stale lock file to remove
        pass


# --- PDFs are outputs like the others ----------------------------------------------------------

FAKE_SOFFICE = """#!/bin/sh
outdir=; prev=
for a in "$@"; do [ "$prev" = "--outdir" ] && outdir="$a"; prev="$a"; done
for a in "$@"; do
  case "$a" in
    *.docx) printf '%%PDF-1.4\\n1 0 obj << /Type /Page >> endobj\\n%%%%EOF\\n' \\
              > "$outdir/$(basename "$a" .docx).pdf" ;;
  esac
done
"""


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "soffice").write_text(FAKE_SOFFICE)
    (folder / "soffice").chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


@pytest.mark.usefixtures("fake_soffice")
def test_a_pdf_signed_after_generation_is_never_overwritten_without_force(
        tmp_path: Path, minimal) -> None:
    source = minimal(tmp_path / "p")
    out = tmp_path / "sortie"
    first = invoke("build", str(source), "-o", str(out), "--pdf")
    assert first.exit_code == 0, first.output
    signed = out / "alpha" / "convention-de-partenariat.pdf"
    manifest = json.loads((out / "alpha" / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["documents"][signed.name]["source"] == "convention-de-partenariat.docx"
    signed.write_bytes(signed.read_bytes() + b"% signature electronique\n")
    kept = signed.read_bytes()
    edit_project(source)
    refused = invoke("build", str(source), "-o", str(out), "--pdf")
    assert refused.exit_code == 1
    assert f"« {signed} » a été modifié depuis sa génération" in refused.stderr
    assert signed.read_bytes() == kept
    assert "documents écrits" not in refused.stdout.replace("0 document écrit", "")
    forced = invoke("build", str(source), "-o", str(out), "--pdf", "--force")
    assert forced.exit_code == 0, forced.output
    assert signed.read_bytes() != kept


# --- output folders keyed by the project ------------------------------------------------------


def test_projet_yaml_files_of_two_folders_get_two_output_folders(tmp_path: Path,
                                                                  minimal) -> None:
    out = tmp_path / "sortie"
    for name in ("ressourcerie", "cantine"):  # two runs, as two colleagues would
        result = invoke("build", str(minimal(tmp_path / name, "projet")), "-o", str(out))
        assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["cantine", "ressourcerie"]
    for name in ("ressourcerie", "cantine"):
        assert sorted(p.name for p in (out / name).glob("*.docx")) == DOCS


def test_a_folder_of_another_project_is_refused(tmp_path: Path, minimal) -> None:
    out = tmp_path / "sortie"
    assert invoke("build", str(minimal(tmp_path / "a")), "-o", str(out)).exit_code == 0
    other = minimal(tmp_path / "b")  # same file name, another project
    edit_project(other)
    before = {p.name: p.read_bytes() for p in (out / "alpha").iterdir()}
    result = invoke("build", str(other), "-o", str(out))
    assert result.exit_code == 1
    assert (f"« {out / 'alpha'} » contient les documents d'un autre projet "
            f"(« {tmp_path / 'a' / 'alpha.yaml'} »)") in result.stderr
    assert {p.name: p.read_bytes() for p in (out / "alpha").iterdir()} == before


def test_nfc_and_nfd_spellings_are_one_name(tmp_path: Path) -> None:
    nfc, nfd = unicodedata.normalize("NFC", "Café"), unicodedata.normalize("NFD", "Café")
    assert nfc != nfd
    assert output_folder(tmp_path, f"{nfc}.yaml") == output_folder(tmp_path, f"{nfd}.yaml")
    assert output_folder(tmp_path, f"{nfd}/projet.yaml") == output_folder(tmp_path, "Cafe.yaml")


@pytest.mark.parametrize("name", ["con", "AUX", "nul", "Com1", "lpt9", "prn"])
def test_windows_device_names_are_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(OutputError) as caught:
        output_folder(tmp_path / "sortie", f"{name}.yaml")
    [problem] = caught.value.problems
    assert problem.code == "sortie-nom-reserve"
    assert problem.message.startswith(f"« {name} » est un nom réservé par Windows")
    with pytest.raises(OutputError):
        output_folder(tmp_path / "sortie", f"{name}/projet.yaml")


# --- what is planted in the folder ------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_pipe_named_like_an_output_never_blocks_the_build(tmp_path: Path, minimal) -> None:
    source = minimal(tmp_path / "p")
    folder = tmp_path / "sortie" / "alpha"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "charte-de-cooperation.docx")
    # In a separate process: the old code blocked forever opening the pipe.
    run = subprocess.run([sys.executable, "-m", "coopdocs", "build", str(source), "-o",
                          str(tmp_path / "sortie")], capture_output=True, text=True, timeout=120)
    assert run.returncode == 1
    assert (f"« {folder / 'charte-de-cooperation.docx'} » n'est pas un fichier ordinaire "
            "(tube, périphérique…)") in run.stderr
    assert "Traceback" not in run.stderr


def test_leftovers_of_a_killed_run_are_removed_and_nothing_else(tmp_path: Path,
                                                                 minimal) -> None:
    source = minimal(tmp_path / "p")
    out = tmp_path / "sortie"
    assert not build_projects([source], out).failed
    folder = out / "alpha"
    leftovers = [".convention-de-partenariat.docx.0a1b2c3d.coopdocs.tmp",
                 ".charte-de-cooperation.docx.deadbeef.tmp",  # named by older versions
                 "..coopdocs.json.12345678.tmp"]
    others = ["notes.tmp", ".brouillon.docx.tmp", "~$convention-de-partenariat.docx"]
    for name in leftovers + others:
        (folder / name).write_bytes(b"x")
    edit_project(source)
    assert not build_projects([source], out).failed
    assert sorted(p.name for p in folder.iterdir() if p.name not in DOCS) == sorted(
        [".coopdocs.lock", MANIFEST, *others])


@pytest.mark.parametrize("documents", [
    {"convention-de-partenariat.docx": "pas un objet"},
    {"convention-de-partenariat.docx": ["liste"]},
    ["pas", "un", "objet"],
    {"convention-de-partenariat.docx": None},
])
def test_a_manifest_entry_that_is_not_an_object_is_explained(tmp_path: Path, minimal,
                                                               documents: Any) -> None:
    source = minimal(tmp_path / "p")
    out = tmp_path / "sortie"
    assert not build_projects([source], out).failed
    manifest = out / "alpha" / MANIFEST
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["documents"] = documents
    manifest.write_text(json.dumps(data), encoding="utf-8")
    edit_project(source)
    result = invoke("build", str(source), "-o", str(out))
    assert "Traceback" not in result.output and "AttributeError" not in result.output
    # An entry coopdocs cannot read is not coopdocs' word: the document is kept, and said so.
    assert result.exit_code == 1
    assert "n'a pas été produit par coopdocs (il est absent du manifeste)" in result.stderr


@pytest.mark.parametrize(("code", "words"), [
    (errno.EIO, "erreur de lecture ou d'écriture du disque"),
    (errno.EACCES, "accès refusé"),
    (errno.EBUSY, "le fichier est utilisé par un autre programme"),
    (errno.ENOTCONN, "erreur du système (ENOTCONN)"),
])
def test_system_errors_are_said_in_french(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          code: int, words: str) -> None:
    def fail(*args: Any, **kwargs: Any) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(OutputError) as caught:
        atomic.write_atomic(tmp_path / "convention.docx", b"x")
    message = caught.value.problems[0].message
    assert words in message and os.strerror(code) not in message


def test_pdf_failures_are_explained_when_the_output_is_not_a_terminal(
        tmp_path: Path, minimal, monkeypatch: pytest.MonkeyPatch) -> None:
    # Once said only on a terminal; here stdout and stderr are pipes, and a report is written.
    folder = tmp_path / "bin"
    folder.mkdir()
    (folder / "soffice").write_text(
        "#!/bin/sh\nprev=\nfor a in \"$@\"; do [ \"$prev\" = --outdir ] && o=\"$a\"; prev=\"$a\"; "
        "done\nfor a in \"$@\"; do case \"$a\" in *.docx) echo '<html></html>' > "
        "\"$o/$(basename \"$a\" .docx).pdf\";; esac; done\n")
    (folder / "soffice").chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    source = minimal(tmp_path / "p")
    report = tmp_path / "bilan.json"
    run = subprocess.run([sys.executable, "-m", "coopdocs", "build", str(source), "-o",
                          str(tmp_path / "sortie"), "--pdf", "--report", str(report)],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1
    docx_path = tmp_path / "sortie" / "alpha" / "convention-de-partenariat.docx"
    line = (f"{docx_path}  la conversion en PDF a échoué (LibreOffice a produit un fichier de "
            "14 octets qui ne sont pas un PDF)")
    assert any(shown.startswith(line) for shown in run.stderr.splitlines()), run.stderr
    problems = json.loads(report.read_text(encoding="utf-8"))["projets"][0]["problemes"]
    # The minimal project's own warnings (gaps to complete) come too; the one error is the PDF.
    assert {p["code"] for p in problems if p["gravite"] == "erreur"} == {"pdf-echec"}
    assert not list((tmp_path / "sortie" / "alpha").glob("*.pdf"))
