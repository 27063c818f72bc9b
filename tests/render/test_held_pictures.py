"""Pictures held out of their part until it is checked (`render.figures.Held`).

A held picture is written into the part's bytes after the part was parsed, checked and
finished; its text was finished as it was written (`render.finish.finished_runs`). These
tests hold the promise that nothing changes for the reader: every picture of every example
comes out exactly as it did when it went through the parser, the guard and the finishing.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

import docx
import pytest
from conftest import EXAMPLE_NAMES
from lxml import etree
from markupsafe import escape
from test_template import prepared

from coopdocs.context.documents import CATALOGUE
from coopdocs.context.picture import Cell, Drawing, Ellipse, Figure, Label, Row, Run, Table, Text
from coopdocs.errors import RenderError
from coopdocs.render import figures as figures_module
from coopdocs.render import template as template_module
from coopdocs.render.figures import Held, wordml
from coopdocs.render.template import PreparedTemplate
from coopdocs.render.templates import resolve_template
from coopdocs.render.verify import verify_document

_PICTURED = [d for d in CATALOGUE if d.code in ("cartographie", "plan")]


class _InPlace(Held):
    """Pictures written where the template prints them, before the part is parsed: how every
    picture went through the parser, the guard and the finishing before `Held`."""

    def hold(self, figure: Figure) -> str:
        return wordml(figure)


def _raw_runs(text: str, properties: str) -> str:
    """A picture's run as it was written before `finished_runs`: escaped, not finished."""
    return f'<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    """Render as before pictures were held: raw runs, in place, finished with the part."""
    monkeypatch.setattr(template_module, "Held", _InPlace)
    monkeypatch.setattr(figures_module, "finished_runs", _raw_runs)


def _parts(data: bytes) -> dict[str, str]:
    """Each part of the document, canonical (C14N 2.0: « d'a » and « d&#39;a » are one)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {n: etree.canonicalize(etree.fromstring(archive.read(n))) for n in archive.namelist()
                if n.endswith((".xml", ".rels"))}


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_held_pictures_come_out_as_if_written_in_place(
        name: str, example_context: Callable[[str], dict[str, Any]],
        monkeypatch: pytest.MonkeyPatch) -> None:
    context = example_context(name)
    held: dict[str, bytes] = {}
    for document in _PICTURED:
        template = PreparedTemplate.from_path(resolve_template(document.template).path)
        held[document.code] = template.render(context)
    _as_before(monkeypatch)
    for document in _PICTURED:
        template = PreparedTemplate.from_path(resolve_template(document.template).path)
        in_place = template.render(context)
        # Parsed (well formed) and canonical: the same XML, the same text, the same ids.
        assert _parts(held[document.code]) == _parts(in_place), (name, document.code)
        docx.Document(io.BytesIO(held[document.code]))  # and python-docx opens it
    for document in _PICTURED:  # the pictures are in: tables, and drawings on the map
        assert "<w:tbl" in _parts(held[document.code])["word/document.xml"]
    assert "<wpg:wgp" in _parts(held["cartographie"])["word/document.xml"]


_HOSTILE = Text((Run("1er\x01 lot ‑ l'étape \"J-30\" [À compléter : date] <b> & co\x0b"),))


def _figures() -> dict[str, Any]:
    table = Table((40.0, 40.0), (Row((Cell((_HOSTILE,)), Cell((_HOSTILE,)))),), "Tab\x02leau")
    drawing = Drawing(60.0, 40.0, (Ellipse(0, 0, 60, 40, "F2F7FB"),),
                      (Label(5, 15, 50, 5, (_HOSTILE,)),), "Cer\x03cles", "Deux\x04 cercles")
    return {"t": table, "d": drawing}


def test_a_picture_s_text_is_finished_and_holds_only_what_xml_can(
        monkeypatch: pytest.MonkeyPatch) -> None:
    template = prepared(["Avant {{ d }} après", "{{ t }}", "Fin."])
    held = template.render(_figures())
    verify_document(held, "x.docx")  # strict XML in every part, python-docx opens it
    monkeypatch.setattr(template_module, "Held", _InPlace)  # finished twice: the same
    assert _parts(prepared(["Avant {{ d }} après", "{{ t }}", "Fin."]).render(_figures())) \
        == _parts(held)
    with zipfile.ZipFile(io.BytesIO(held)) as archive:
        body = etree.fromstring(archive.read("word/document.xml"))
    cell = body.find(".//{*}tc")
    assert "".join(t.text or "" for t in cell.iter("{*}t")) == (
        "1er lot  l’étape «\u00a0J30\u00a0» [À compléter\u00a0: date] <b> & co")
    runs = cell.findall(".//{*}r")
    assert [etree.QName(c).localname for c in runs[1].find("{*}rPr")][-1] == "vertAlign"
    assert len(cell.findall(".//{*}noBreakHyphen")) == 2  # the one typed, the one of « J-30 »
    assert runs[-2].find("{*}rPr/{*}highlight") is not None
    drawing = body.find(".//{*}docPr")
    assert (drawing.get("name"), drawing.get("descr")) == ("Cercles", "Deux cercles")


def test_a_placeholder_the_render_did_not_print_is_refused() -> None:
    pictures = Held()
    printed = pictures.hold(_figures()["t"])
    hole = re.search(r"<\?coopdocs-figure [^?]*\?>", printed)
    assert hole is not None
    assert b"<w:tbl>" in pictures.splice(hole[0].encode())
    for typed in (b"<?coopdocs-figure 0?>", hole[0].replace("-0?", "-1?").encode(),
                  b"<?coopdocs-figure 00000000-0?>"):
        with pytest.raises(ValueError, match="unknown picture"):
            pictures.splice(b"<w:body>" + typed + b"</w:body>")
    with pytest.raises(ValueError, match="unknown picture"):  # a part that printed none
        Held().splice(b"<w:body><?coopdocs-figure 0?></w:body>")
    assert pictures.splice(b"<a/>") == b"<a/>"


def test_a_placeholder_typed_in_a_template_is_a_render_error() -> None:
    template = prepared(["{{ t }}", "Fin."])
    with zipfile.ZipFile(io.BytesIO(template.data)) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members["word/document.xml"] = members["word/document.xml"].replace(
        b"<w:body>", b"<w:body><?coopdocs-figure 7?>", 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for member, payload in members.items():
            archive.writestr(member, payload)
    crafted = PreparedTemplate(out.getvalue(), "piege.docx")
    with pytest.raises(RenderError, match="illisible"):
        crafted.render(_figures())


def test_a_picture_printed_twice_through_a_set_block_is_written_twice() -> None:
    data = prepared(["{% set x %}{{ d }}{% endset %}Un {{ x }} deux {{ x }}", "Fin."]).render(
        _figures())
    verify_document(data, "x.docx")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("word/document.xml")
    ids = [e.get("id") for e in etree.fromstring(xml).iter("{*}docPr", "{*}cNvPr")]
    assert len(ids) == 2 * 3 and len(set(ids)) == 6  # two drawings, numbered apart
    assert b"coopdocs-figure" not in xml
