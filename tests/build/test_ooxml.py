"""Every document of every example validates against the transitional schema (ISO/IEC 29500-4).

LibreOffice opens a .docx whose elements are out of order; Word may call it damaged. The body,
headers, footers, notes, styles and numbering of each document `coopdocs build` writes for
the examples (the feuille de route included) are validated with `lint.ooxml`, which reads
Word's extension namespaces the way Markup Compatibility says (ECMA-376 Part 3).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from coopdocs.build.batch import build_projects
from coopdocs.lint.ooxml import SCHEMA_DIR, VALIDATED_PART, schema_faults, without_extensions
from coopdocs.render.templates import BUILTIN_DIR

# Every example shipped with coopdocs, whatever its name: a new example is validated too.
EXAMPLES = sorted(p.stem for p in (BUILTIN_DIR.parent / "examples").glob("*.yaml"))


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory,
              example_path: Callable[[str], Path]) -> list[Path]:
    out = tmp_path_factory.mktemp("sortie")
    files = [str(example_path(name)) for name in EXAMPLES]
    batch = build_projects(files, out / "documents")
    assert not batch.failed, [p.format() for r in batch.failed for p in r.problems]
    roadmaps = build_projects(files, out / "feuilles", only={"feuille-de-route"})
    assert not roadmaps.failed, [p.format() for r in roadmaps.failed for p in r.problems]
    found = sorted(out.glob("*/*/*.docx"))
    # At least the four documents every project gets, and one feuille de route per example.
    for kind, least in (("documents", 4), ("feuilles", 1)):
        for name in EXAMPLES:
            made = [p for p in found if p.parts[-3] == kind and p.parent.name.startswith(name)]
            assert len(made) >= least, (kind, name, sorted(p.name for p in found))
    return found


def test_every_example_is_validated() -> None:
    assert {"exemple-complet", "exemple-minimal"} <= set(EXAMPLES)


def _parts(path: Path) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(path) as archive:
        return [(n, archive.read(n)) for n in archive.namelist() if VALIDATED_PART.fullmatch(n)]


def test_every_part_of_every_example_document_validates(documents: list[Path]) -> None:
    checked = set()
    faults = {}
    for path in documents:
        for member, data in _parts(path):
            checked.add(re.sub(r"\d*\.xml$", "", member))
            found = schema_faults(etree.fromstring(data))
            if found:
                faults[f"{path.parent.name}/{path.name}:{member}"] = [f.description for f in found]
    assert faults == {}
    assert {"word/document", "word/header", "word/footer", "word/styles",
            "word/numbering"} <= checked


@pytest.mark.parametrize("path", sorted(BUILTIN_DIR.glob("*.docx")), ids=lambda p: p.name)
def test_every_builtin_template_validates(path: Path) -> None:
    for member, data in _parts(path):
        assert schema_faults(etree.fromstring(data)) == [], member


def test_a_misplaced_element_is_found_and_described() -> None:
    # What tools/templatekit.py wrote before: w:tblW after w:tblLayout in w:tblPr.
    xml = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
           '<w:body><w:tbl><w:tblPr><w:tblLayout w:type="fixed"/><w:tblW w:w="0" '
           'w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid><w:tr><w:tc>'
           "<w:p><w:r><w:t>Partenaire</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body>"
           "</w:document>")
    [fault] = schema_faults(etree.fromstring(xml))
    assert fault.description == ("« w:tblW » n'est pas à sa place dans « w:tblPr » (attendu à "
                                 "cet endroit : w:tblCellMar, w:tblLook, w:tblCaption, "
                                 "w:tblDescription…)")
    assert (fault.text, fault.table) == ("Partenaire", 1)


def test_word_extensions_are_read_as_markup_compatibility_says() -> None:
    xml = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
           'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
           'xmlns:x="urn:inconnu" mc:Ignorable="w14"><w:body>'
           '<w:p w14:paraId="12AB34CD"><w14:extra/><w:r><mc:AlternateContent>'
           '<mc:Choice Requires="x"><x:nouveau/></mc:Choice><mc:Fallback><w:t>repli</w:t>'
           "</mc:Fallback></mc:AlternateContent></w:r></w:p></w:body></w:document>")
    root = etree.fromstring(xml)
    seen = etree.tostring(without_extensions(root), encoding="unicode")
    assert "w14" not in seen.replace('xmlns:w14="', "") and "AlternateContent" not in seen
    assert "<w:r><w:t>repli</w:t></w:r>" in seen
    assert schema_faults(root) == []
    assert b"w14:paraId" in etree.tostring(root)  # the part itself is left as it was


def test_the_schemas_ship_with_their_licence_and_every_import() -> None:
    readme = (SCHEMA_DIR / "README.md").read_text(encoding="utf-8")
    assert "MIT" in readme and "Ecma" in readme and "mc:Ignorable" in readme
    shipped = {f.name for f in SCHEMA_DIR.glob("*.xsd")}
    imported = {name for f in SCHEMA_DIR.glob("*.xsd")
                for name in re.findall(r'schemaLocation="([^"]+)"', f.read_text("utf-8"))}
    assert imported <= shipped
