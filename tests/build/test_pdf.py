"""LibreOffice conversion (coopdocs.build.pdf, coopdocs.build.pdf_batch): the real thing when
installed, and a fake soffice for error paths. `convert_to_pdf` returns the PDFs as bytes and
writes nothing; `convert_results` writes each PDF next to its .docx."""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from coopdocs.atomic import write_atomic
from coopdocs.build import pdf
from coopdocs.build.manifest import sha256
from coopdocs.build.pdf import convert_to_pdf, find_soffice
from coopdocs.build.pdf_batch import convert_results
from coopdocs.build.results import DocumentResult, ProjectResult
from coopdocs.errors import PdfError
from coopdocs.render.template import PreparedTemplate


def rendered_documents(folder: Path, names: list[str]) -> list[Path]:
    document = docx.Document()
    document.add_paragraph("Convention {{ nom }} — Bâtir & Insérer")
    buffer = io.BytesIO()
    document.save(buffer)
    template = PreparedTemplate(buffer.getvalue(), "convention.docx", filters={})
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = folder / f"{name}.docx"
        write_atomic(path, template.render({"nom": name}))
        paths.append(path)
    return paths


@pytest.mark.usefixtures("soffice")  # a failure, not a skip, under CI=true
def test_real_libreoffice_converts_two_documents_in_one_call(tmp_path: Path) -> None:
    sources = rendered_documents(tmp_path / "projet", ["convention", "charte"])
    conversion = convert_to_pdf(sources)
    assert conversion.problems == []
    assert list(conversion.pdfs) == [s.resolve() for s in sources]
    for data in conversion.pdfs.values():
        assert data.startswith(b"%PDF")
    # Nothing is written next to the documents: build.write writes the PDFs.
    assert sorted(p.name for p in (tmp_path / "projet").iterdir()) == ["charte.docx",
                                                                      "convention.docx"]


# --- a fake soffice on PATH -------------------------------------------------------------------

CONVERTS = """#!/bin/sh
printf '%s\\n' "$@" >> "$FAKE_LOG"
echo call >> "$FAKE_LOG.calls"
outdir=; prev=
for a in "$@"; do
  [ "$prev" = "--outdir" ] && outdir="$a"
  prev="$a"
done
for a in "$@"; do
  case "$a" in
    *vide*.docx) : > "$outdir/$(basename "$a" .docx).pdf" ;;
    *.docx) printf '%%PDF-1.4 fake' > "$outdir/$(basename "$a" .docx).pdf" ;;
  esac
done
"""
SLEEPS = "#!/bin/sh\nsleep 30\necho never\n"
FAILS = (
    "#!/bin/sh\necho 'javaldx: Could not find a Java Runtime Environment!' >&2\n"
    "echo 'Error: source file could not be loaded' >&2\nexit 1\n"
)


FakeSoffice = Callable[[str], Path]


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FakeSoffice:
    """Install `script` as the first soffice on PATH; it logs its arguments to FAKE_LOG."""

    def install(script: str) -> Path:
        folder = tmp_path / "bin"
        folder.mkdir(exist_ok=True)
        exe = folder / "soffice"
        exe.write_text(script)
        exe.chmod(0o755)
        monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ.get('PATH', '')}")
        monkeypatch.setenv("FAKE_LOG", str(tmp_path / "soffice.log"))
        return exe

    return install


def test_one_call_for_all_files_with_a_private_profile(
    tmp_path: Path, fake_soffice: FakeSoffice
) -> None:
    fake_soffice(CONVERTS)
    sources = rendered_documents(tmp_path / "a", ["convention", "charte"])
    sources += rendered_documents(tmp_path / "b", ["convention"])  # same name, other project
    conversion = convert_to_pdf(sources, timeout=30)
    assert conversion.problems == []
    # Same-named documents of two projects each get their own PDF.
    assert list(conversion.pdfs) == [
        (tmp_path / "a/convention.docx").resolve(),
        (tmp_path / "a/charte.docx").resolve(),
        (tmp_path / "b/convention.docx").resolve(),
    ]
    assert all(data == b"%PDF-1.4 fake" for data in conversion.pdfs.values())
    assert not list(tmp_path.rglob("*.pdf"))  # returned, never written by the conversion
    assert (tmp_path / "soffice.log.calls").read_text() == "call\n"
    args = (tmp_path / "soffice.log").read_text().splitlines()
    for flag in ("--headless", "--norestore", "--convert-to", "pdf", "--outdir"):
        assert flag in args
    profile = next(a for a in args if a.startswith("-env:UserInstallation=file:///"))
    work = Path(profile.split("file://", 1)[1]).parent
    assert not work.exists()  # the throw-away profile and staging folder are gone


def test_the_batch_writes_each_pdf_next_to_its_document(tmp_path: Path,
                                                        fake_soffice: FakeSoffice) -> None:
    fake_soffice(CONVERTS)
    outdir = tmp_path / "sortie"
    [plan] = rendered_documents(outdir / "projet", ["plan"])
    result = ProjectResult(file="projet.yaml", name="projet", outdir=outdir / "projet",
                           documents=[DocumentResult(plan, sha256(plan.read_bytes()), "ecrit")])
    convert_results([result], outdir, jobs=1)
    assert result.ok, result.problems
    written = outdir / "projet" / "plan.pdf"
    assert written.read_bytes() == b"%PDF-1.4 fake"
    assert result.documents[-1] == DocumentResult(written, sha256(b"%PDF-1.4 fake"), "ecrit")


def test_timeout_kills_soffice_and_says_so(tmp_path: Path, fake_soffice: FakeSoffice) -> None:
    fake_soffice(SLEEPS)
    sources = rendered_documents(tmp_path, ["convention"])
    started = time.monotonic()
    with pytest.raises(PdfError) as caught:
        convert_to_pdf(sources, timeout=1)
    # communicate() would wait for the orphaned `sleep 30` if the group had not been killed.
    assert time.monotonic() - started < 10
    assert "n'a pas terminé la conversion en 1 secondes" in caught.value.message
    assert caught.value.problems[0].code == "pdf-delai-depasse"


def test_failure_names_the_file_and_quotes_soffice(
    tmp_path: Path, fake_soffice: FakeSoffice
) -> None:
    fake_soffice(FAILS)
    sources = rendered_documents(tmp_path, ["convention", "charte"])
    conversion = convert_to_pdf(sources)  # the call ran: each document says why it failed
    assert conversion.pdfs == {}
    problems = conversion.problems
    assert [p.file for p in problems] == [str(s.resolve()) for s in sources]
    assert all(p.code == "pdf-echec" and p.is_error for p in problems)
    assert "la conversion en PDF a échoué" in problems[0].message
    assert "source file could not be loaded" in problems[0].message
    assert "Traceback" not in problems[0].format()


def test_empty_pdf_is_a_failure_but_good_ones_are_kept(
    tmp_path: Path, fake_soffice: FakeSoffice
) -> None:
    fake_soffice(CONVERTS)
    sources = rendered_documents(tmp_path, ["charte", "vide"])
    conversion = convert_to_pdf(sources)
    assert [p.file for p in conversion.problems] == [str(sources[1].resolve())]
    assert list(conversion.pdfs) == [sources[0].resolve()]
    assert conversion.pdfs[sources[0].resolve()].startswith(b"%PDF")
    assert not (tmp_path / "vide.pdf").exists()


def test_not_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sources = rendered_documents(tmp_path / "docs", ["convention"])
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    monkeypatch.setattr(pdf, "_INSTALL_PATHS", ())
    assert find_soffice() is None
    monkeypatch.setattr(pdf.sys, "platform", "linux")
    with pytest.raises(PdfError) as caught:
        convert_to_pdf(sources)
    assert "LibreOffice n'est pas installé" in caught.value.message
    assert "sudo apt install libreoffice-writer" in caught.value.message
    monkeypatch.setattr(pdf.sys, "platform", "darwin")
    with pytest.raises(PdfError, match=r"libreoffice\.org/download"):
        convert_to_pdf(sources)


def test_find_soffice_looks_in_install_folders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exe = tmp_path / "opt" / "libreoffice7.6" / "program" / "soffice"
    exe.parent.mkdir(parents=True)
    exe.write_text("#!/bin/sh\n")
    exe.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path / "nothing-here"))
    pattern = str(tmp_path / "opt/libreoffice*/program/soffice")
    monkeypatch.setattr(pdf, "_INSTALL_PATHS", (pattern,))
    assert find_soffice() == str(exe)


def test_inputs_are_checked_before_starting(tmp_path: Path, fake_soffice: FakeSoffice) -> None:
    empty = convert_to_pdf([])
    assert empty.pdfs == {} and empty.problems == []
    fake_soffice(CONVERTS)
    with pytest.raises(PdfError, match="introuvable"):
        convert_to_pdf([tmp_path / "absent.docx"])
    assert not (tmp_path / "soffice.log.calls").exists()  # LibreOffice was not started
    # Two documents of the same name (two projects) never overwrite each other's PDF.
    sources = rendered_documents(tmp_path / "a", ["x"]) + rendered_documents(tmp_path / "b", ["x"])
    conversion = convert_to_pdf(sources)
    assert list(conversion.pdfs) == [s.resolve() for s in sources]
