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

# What the fake writes: the smallest file the checks accept (a header, a page, an end).
FAKE_PDF = b"%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF\n"
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
    # Documents reach LibreOffice as numbered copies (0000.docx…): FAKE_EMPTY names the one
    # whose PDF comes out empty.
    *"/${FAKE_EMPTY:-none}") : > "$outdir/$(basename "$a" .docx).pdf" ;;
    *.docx) printf '%%PDF-1.4\\n1 0 obj << /Type /Page >> endobj\\n%%%%EOF\\n' \\
              > "$outdir/$(basename "$a" .docx).pdf" ;;
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
    assert all(data == FAKE_PDF for data in conversion.pdfs.values())
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
    assert written.read_bytes() == FAKE_PDF
    assert result.documents[-1] == DocumentResult(written, sha256(FAKE_PDF), "ecrit")


def test_timeout_kills_soffice_and_says_so(tmp_path: Path, fake_soffice: FakeSoffice) -> None:
    fake_soffice(SLEEPS)
    sources = rendered_documents(tmp_path, ["convention"])
    started = time.monotonic()
    conversion = convert_to_pdf(sources, timeout=1)
    # communicate() would wait for the orphaned `sleep 30` if the group had not been killed.
    assert time.monotonic() - started < 10
    [problem] = conversion.problems
    assert problem.message == ("LibreOffice n'a pas fini de convertir ce document en 1 seconde : "
                               "la conversion en PDF a été interrompue")
    assert problem.code == "pdf-delai-depasse" and problem.file == str(sources[0].resolve())


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
    tmp_path: Path, fake_soffice: FakeSoffice, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_soffice(CONVERTS)
    monkeypatch.setenv("FAKE_EMPTY", "0001.docx")  # the second document, "vide"
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


# --- what LibreOffice hands back is checked (issue 14) ------------------------------------------

WRITES_HTML = """#!/bin/sh
outdir=; prev=
for a in "$@"; do [ "$prev" = "--outdir" ] && outdir="$a"; prev="$a"; done
for a in "$@"; do
  case "$a" in
    *.docx) printf '<html><body></body></html>\\n' > "$outdir/$(basename "$a" .docx).pdf" ;;
  esac
done
"""
# Writes, as the PDF of each document, the sha256 of the very file it was given (in a valid PDF).
FINGERPRINTS = """#!/bin/sh
outdir=; prev=
for a in "$@"; do [ "$prev" = "--outdir" ] && outdir="$a"; prev="$a"; done
for a in "$@"; do
  case "$a" in
    *.docx) sum=$(sha256sum "$a" | cut -c1-64)
            printf '%%PDF-1.4\\n%s\\n/Type /Page\\n%%%%EOF\\n' "$sum" \\
              > "$outdir/$(basename "$a" .docx).pdf" ;;
  esac
done
"""
# Converts the first document, then hangs.
HANGS_AFTER_ONE = """#!/bin/sh
outdir=; prev=
for a in "$@"; do [ "$prev" = "--outdir" ] && outdir="$a"; prev="$a"; done
for a in "$@"; do
  case "$a" in
    *.docx) printf '%%PDF-1.4\\n/Type /Page\\n%%%%EOF\\n' > "$outdir/$(basename "$a" .docx).pdf"
            sleep 60 ;;
  esac
done
"""


def test_a_pdf_that_is_not_one_is_refused(tmp_path: Path, fake_soffice: FakeSoffice) -> None:
    # A LibreOffice writing HTML once gave a 32-byte "PDF", counted as written.
    fake_soffice(WRITES_HTML)
    sources = rendered_documents(tmp_path, ["convention"])
    conversion = convert_to_pdf(sources)
    assert conversion.pdfs == {}
    [problem] = conversion.problems
    assert problem.message == ("la conversion en PDF a échoué (LibreOffice a produit un fichier "
                               "de 27 octets qui ne sont pas un PDF)")


@pytest.mark.parametrize(("data", "defect"), [
    (b"", "LibreOffice a produit un fichier vide"),
    (b"%PDF-1.4\n/Type /Page\n", "le PDF produit est incomplet (sa fin manque)"),
    (b"%PDF-1.4\n/Type /Pages\n%%EOF\n", "le PDF produit ne contient aucune page"),
    (FAKE_PDF, None),
])
def test_pdf_defects(data: bytes, defect: str | None) -> None:
    assert pdf.pdf_defect(data) == defect


def test_staging_names_cannot_give_one_document_another_ones_pdf(
        tmp_path: Path, fake_soffice: FakeSoffice) -> None:
    # Copies were once named "<stem>~<n>.docx": the second "x.docx" (index 4 here) became
    # "x~4.docx", and shared its PDF with the document really named so.
    fake_soffice(FINGERPRINTS)
    sources = rendered_documents(tmp_path / "c", ["x~4", "0000", "0001"])
    sources += rendered_documents(tmp_path / "a", ["x"]) + rendered_documents(tmp_path / "b", ["x"])
    conversion = convert_to_pdf(sources)
    assert conversion.problems == []
    for source in sources:
        assert sha256(source.read_bytes()).encode() in conversion.pdfs[source.resolve()]


def test_a_hanging_libreoffice_is_stopped_per_document_with_progress(
        tmp_path: Path, fake_soffice: FakeSoffice) -> None:
    fake_soffice(HANGS_AFTER_ONE)
    sources = rendered_documents(tmp_path, ["convention", "charte", "gouvernance", "carto"])
    done: list[Path] = []
    started = time.monotonic()
    conversion = convert_to_pdf(sources, timeout=30, each=1, on_pdf=done.append)
    assert time.monotonic() - started < 20  # not 30 s per document, nor forever
    assert done == [sources[0].resolve()]  # the PDF done was told as it came
    assert list(conversion.pdfs) == [sources[0].resolve()]
    assert [p.code for p in conversion.problems] == ["pdf-delai-depasse"]
    assert conversion.problems[0].file == str(sources[1].resolve())
    assert conversion.untried == [s.resolve() for s in sources[2:]]
