"""The word-loss guard (coopdocs.render.guard) runs after every render: a part where a word
would be invisible, or a printed value missing from the text, stops the document with the
template, the place and the value."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import docx
import pytest
from lxml import etree

from coopdocs.build.project import BuildOptions, build_project
from coopdocs.errors import RenderError
from coopdocs.render import template as template_module
from coopdocs.render.guard import check_part, printed, quiet_blocks, recording
from coopdocs.render.sandbox import make_environment
from coopdocs.render.template import PreparedTemplate

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HINT = ("vérifiez le modèle avec « coopdocs templates check » : une balise spéciale {{r …}}, "
        "{{p …}}, {%p …%} ou {%tr …%} mal placée peut faire perdre du texte ; si le problème "
        "persiste, transmettez le modèle et le fichier projet à l'équipe technique")


def _body(inner: str) -> Any:
    return etree.fromstring(f"<w:body {W}>{inner}</w:body>")


@pytest.mark.parametrize(("xml", "lost"), [
    ("<w:p><w:r><w:t>Projet : </w:t></w:r>Coop<w:r><w:t>.</w:t></w:r></w:p>", "Coop"),
    ("<w:p><w:t>Coop</w:t></w:p>", "Coop"),
    ("<w:r><w:t>Coop</w:t></w:r><w:p/>", "Coop"),
    ("Coop<w:p/>", "Coop"),
    ("<w:tbl><w:tr><w:tc><w:r><w:t>Coop</w:t></w:r></w:tc></w:tr></w:tbl>", "Coop"),
])
def test_words_outside_what_word_shows_are_found(xml: str, lost: str) -> None:
    loss = check_part(_body(xml), ["Coop"])
    assert loss is not None and (loss.kind, loss.text, loss.index) == ("hors-texte", lost, 0)


def test_a_printed_value_missing_from_the_text_is_found() -> None:
    root = _body("<w:p><w:r><w:t>Projet : .</w:t></w:r></w:p>")
    loss = check_part(root, ["Projet", "Coop & Co"])
    assert loss is not None and (loss.kind, loss.text, loss.index) == ("absente", "Coop & Co", 1)


def test_what_word_shows_passes() -> None:
    root = _body(
        "<w:p><w:hyperlink><w:r><w:t>Coop</w:t></w:r></w:hyperlink><w:r><w:tab/><w:t>A</w:t>"
        '</w:r><w:r><w:instrText> PAGE </w:instrText></w:r></w:p><w:tbl><w:tr><w:tc><w:tcPr>'
        '<w:shd w:fill="D9E2F3"/></w:tcPr><w:p><w:r><w:t>B{{ x }}</w:t></w:r></w:p></w:tc></w:tr>'
        "</w:tbl>")
    # tabs and line breaks become markup; a colour prints into an attribute; docxtpl's escapes
    assert check_part(root, ["Coop", "\tA", "D9E2F3", "B{_{ x }_}", "PAGE"]) is None


def test_outputs_inside_blocks_are_not_expected_verbatim() -> None:
    env = make_environment()
    assert env.finalize is not None
    env.finalize = recording(env.finalize)
    source = ("{% filter upper %}{{ nom }}{% endfilter %}|{% set s %}{{ nom }}{% endset %}"
              "{{ s|replace('C', 'K') }}|{% macro m(v) %}{{ v }}{% endmacro %}{{ m(nom) }}|"
              "{{ nom }}")
    values: list[str] = []
    token = printed.set(values)
    try:
        out = env.from_string(quiet_blocks(env.parse(source))).render(nom="Coop")
    finally:
        printed.reset(token)
    assert out == "COOP|Koop|Coop|Coop"
    # The set block's transformed result, the macro's result and the plain tag (all three
    # printed as they read), never the outputs inside the filter, set or macro blocks.
    assert values == ["Koop", "Coop", "Coop"]


def _template(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        paragraph = document.add_paragraph()
        paragraph.add_run(text).bold = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_the_guard_stops_a_document_whose_value_would_be_invisible(
        monkeypatch: pytest.MonkeyPatch) -> None:
    # Without coopdocs' handling of rich tags, docxtpl writes the value bare in <w:p>.
    monkeypatch.setattr(template_module, "plain_rich_tags", lambda xml: xml)
    template = PreparedTemplate(_template("Intro", "Projet : {{r nom }}."), "avenant.docx")
    with pytest.raises(RenderError) as caught:
        template.render({"nom": "Coop & Co"})
    [problem] = caught.value.problems
    assert problem.format() == (
        "avenant.docx, corps du document  le texte « Coop & Co » serait placé hors d'une zone "
        "de texte Word : Word et LibreOffice ne l'afficheraient pas ; le document n'a pas été "
        f"enregistré — texte concerné : « Projet : {{{{r nom }}}}. »  ({HINT})")
    assert problem.code == "rendu-texte-perdu"


def test_the_guard_stops_a_document_that_dropped_a_value(
        monkeypatch: pytest.MonkeyPatch) -> None:
    original = template_module._finish

    def finish(xml: str, counter: list[int]) -> str:  # a buggy post-processing step
        return original(xml, counter).replace("Coop &amp; Co", "")

    monkeypatch.setattr(template_module, "_finish", finish)
    template = PreparedTemplate(_template("Intro", "Le projet {{ nom }} est signé."), "a.docx")
    with pytest.raises(RenderError) as caught:
        template.render({"nom": "Coop & Co"})
    assert caught.value.problems[0].format() == (
        "a.docx, corps du document  la valeur « Coop & Co » que le modèle affiche est absente "
        "du document produit : elle serait perdue ; le document n'a pas été enregistré — texte "
        f"concerné : « Le projet {{{{ nom }}}} est signé. »  ({HINT})")


def test_the_guard_runs_in_every_build(monkeypatch: pytest.MonkeyPatch, project_file: Any,
                                       tmp_path: Path) -> None:
    monkeypatch.setattr(template_module, "plain_rich_tags", lambda xml: xml)
    folder = tmp_path / "modeles"
    folder.mkdir()
    (folder / "avenant.docx").write_bytes(_template("Avenant au projet {{r projet.nom }}."))
    result = build_project(str(project_file()), BuildOptions(tmp_path / "sortie",
                                                             templates=str(folder)))
    assert not result.ok
    lost = [p for p in result.problems if p.code == "rendu-texte-perdu"]
    assert [(p.file, p.location) for p in lost] == [("avenant.docx", "corps du document")]
    assert not (tmp_path / "sortie").exists()  # nothing written: a project is all or nothing
