"""Every document of every example is spaced the same way (domain.md §9.5): a no-break space
inside « » and before « : », a narrow one before « ; ! ? » — the documents and the feuille de
route alike."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from reading import word_text

from coopdocs.build.batch import build_projects
from coopdocs.build.roadmap import progress

EXAMPLES = Path(__file__).resolve().parents[1] / "coopdocs" / "examples"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WRONG = {
    "espace ordinaire ou insécable avant ; ! ?": re.compile("[ \u00a0][;!?]"),
    "espace ordinaire ou fine avant :": re.compile("[ \u202f]:"),
    "espace ordinaire après «": re.compile("« "),
    "espace ordinaire avant »": re.compile(" »"),
    # « L. 2122-/22 », « J-/30 »: a code or a number is never cut at its hyphen (#21).
    "trait d'union sécable dans un code ou un nombre": re.compile("(?<=[0-9A-Z])-(?=[0-9])"),
}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    out = tmp_path_factory.mktemp("sortie")
    examples = sorted(EXAMPLES.glob("*.yaml"))
    assert len(examples) >= 2
    batch = build_projects(examples, out)
    assert not batch.failed
    for example in examples:
        assert progress(example, roadmap=True, outdir=out).problems == []
    return sorted(out.rglob("*.docx"))


def _paragraphs(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        parts = [n for n in archive.namelist()
                 if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", n)]
        roots = [etree.fromstring(archive.read(n)) for n in parts]
    return [word_text(p) for root in roots for p in root.iter(f"{W}p")]


def test_every_document_was_read(documents: list[Path]) -> None:
    names = {p.name for p in documents}
    assert {"convention-de-partenariat.docx", "feuille-de-route.docx",
            "plan-d-action.docx"} <= names


def test_one_typography_in_every_document(documents: list[Path]) -> None:
    found = [f"{path.parent.name}/{path.name} — {what} : « {text.strip()[:80]} »"
             for path in documents for text in _paragraphs(path)
             for what, pattern in WRONG.items() if pattern.search(text)]
    assert found == []
