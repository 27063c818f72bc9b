"""LibreOffice conversion: the real thing when installed, and a fake soffice for error paths."""

from __future__ import annotations

import io
import os
import time
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from coopdocs import pdf
from coopdocs.errors import PdfError
from coopdocs.pdf import convert_to_pdf, find_soffice
from coopdocs.render import PreparedTemplate, write_atomic


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


def test_real_libreoffice_converts_two_documents_in_one_call(tmp_path: Path) -> None:
    if find_soffice() is None:
        if os.environ.get("CI") == "true":
            pytest.fail("LibreOffice (soffice) est requis en intégration continue")
        pytest.skip("LibreOffice n'est pas installé")
    sources = rendered_documents(tmp_path / "projet", ["convention", "charte"])
    pdfs = convert_to_pdf(sources)
    assert pdfs == [tmp_path / "projet" / "convention.pdf", tmp_path / "projet" / "charte.pdf"]
    for path in pdfs:
        assert path.read_bytes().startswith(b"%PDF")
    assert not [p for p in (tmp_path / "projet").iterdir() if p.name.endswith(".tmp")]


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
    pdfs = convert_to_pdf(sources, timeout=30)
    assert pdfs == [
        tmp_path / "a/convention.pdf",
        tmp_path / "a/charte.pdf",
        tmp_path / "b/convention.pdf",
    ]
    assert all(p.read_bytes() == b"%PDF-1.4 fake" for p in pdfs)
    assert (tmp_path / "soffice.log.calls").read_text() == "call\n"
    args = (tmp_path / "soffice.log").read_text().splitlines()
    for flag in ("--headless", "--norestore", "--convert-to", "pdf", "--outdir"):
        assert flag in args
    profile = next(a for a in args if a.startswith("-env:UserInstallation=file:///"))
    work = Path(profile.split("file://", 1)[1]).parent
    assert not work.exists()  # the throw-away profile and staging folder are gone


def test_outdir_receives_the_pdfs(tmp_path: Path, fake_soffice: FakeSoffice) -> None:
    fake_soffice(CONVERTS)
    sources = rendered_documents(tmp_path / "docx", ["plan"])
    (tmp_path / "pdf").mkdir()
    assert convert_to_pdf(sources, tmp_path / "pdf") == [tmp_path / "pdf" / "plan.pdf"]


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
    with pytest.raises(PdfError) as caught:
        convert_to_pdf(sources)
    problems = caught.value.problems
    assert [p.file for p in problems] == [str(s) for s in sources]
    assert "la conversion en PDF a échoué" in problems[0].message
    assert "source file could not be loaded" in problems[0].message
    assert "Traceback" not in caught.value.message


def test_empty_pdf_is_a_failure_but_good_ones_are_kept(
    tmp_path: Path, fake_soffice: FakeSoffice
) -> None:
    fake_soffice(CONVERTS)
    sources = rendered_documents(tmp_path, ["charte", "vide"])
    with pytest.raises(PdfError) as caught:
        convert_to_pdf(sources)
    assert [p.file for p in caught.value.problems] == [str(sources[1])]
    assert (tmp_path / "charte.pdf").read_bytes().startswith(b"%PDF")
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


def test_inputs_are_checked_before_starting(tmp_path: Path) -> None:
    assert convert_to_pdf([]) == []
    with pytest.raises(PdfError, match="introuvable"):
        convert_to_pdf([tmp_path / "absent.docx"])
    sources = rendered_documents(tmp_path / "a", ["x"]) + rendered_documents(tmp_path / "b", ["x"])
    with pytest.raises(PdfError, match="même nom"):
        convert_to_pdf(sources, tmp_path)
