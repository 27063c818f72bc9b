"""docxtpl's rich tags given plain text (coopdocs.render.rich): ``{{r x }}`` stays in its run,
``{{p x }}`` in its paragraph, each with the template's formatting; ``{{tr x }}`` and
``{{tc x }}``, which no text can fill, are refused with a located French message."""

from __future__ import annotations

import io
from typing import Any

import docx
import pytest

from coopdocs.context.picture import Drawing, Ellipse, Label, Run, Text
from coopdocs.errors import TemplateError
from coopdocs.render.rich import plain_rich_tags
from coopdocs.render.template import PreparedTemplate

NOM = "Coop & Co <SCIC>"


def _docx(build: Any) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _render(build: Any, context: dict[str, Any]) -> docx.document.Document:
    data = PreparedTemplate(_docx(build), "modele.docx").render(context)
    return docx.Document(io.BytesIO(data))


def test_r_tag_keeps_the_value_in_its_bold_run() -> None:
    def build(document: Any) -> None:
        paragraph = document.add_paragraph()
        # No French punctuation around the tag: the finishing of the text is not tested here.
        paragraph.add_run("Projet ")
        paragraph.add_run("{{r nom }}").bold = True
        paragraph.add_run(" signé")

    paragraph = _render(build, {"nom": NOM}).paragraphs[0]
    assert paragraph.text == f"Projet {NOM} signé"
    assert [(run.text, run.bold) for run in paragraph.runs] == [
        ("Projet ", None), (NOM, True), (" signé", None)]


def test_p_tag_keeps_the_value_in_its_styled_paragraph() -> None:
    def build(document: Any) -> None:
        document.add_paragraph("Avant.")
        document.add_paragraph("{{p nom }}", style="Heading 1").runs[0].italic = True
        document.add_paragraph("Après.")

    paragraphs = _render(build, {"nom": NOM}).paragraphs
    assert [p.text for p in paragraphs] == ["Avant.", NOM, "Après."]
    style = paragraphs[1].style
    assert style is not None and style.name == "Heading 1" and paragraphs[1].runs[0].italic


def test_p_tag_in_a_table_cell() -> None:
    def build(document: Any) -> None:
        document.add_table(rows=1, cols=1).cell(0, 0).text = "{{p nom }}"

    assert _render(build, {"nom": NOM}).tables[0].cell(0, 0).text == NOM


def test_r_tag_places_a_picture_in_its_own_run() -> None:
    def build(document: Any) -> None:
        document.add_paragraph("Logo {{r logo }} fin")

    logo = Drawing(20, 10, (Ellipse(0, 0, 20, 10, "D9E2F3"),),
                   (Label(2, 2, 16, 6, (Text((Run("Coop"),)),)),), "Logo", "Le logo")
    document = _render(build, {"logo": logo})
    assert document.paragraphs[0].text == "Logo  fin"
    drawings = document.element.body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}drawing")
    assert len(list(drawings)) == 1


def test_a_rich_tag_split_by_word_is_glued_first() -> None:
    xml = ('<w:p><w:r><w:t>{{</w:t></w:r><w:r><w:t>r nom }}</w:t></w:r>'
           "<w:r><w:t>{{p x }}</w:t></w:r></w:p>")
    # As docxtpl does it: the XML between the characters of a tag goes, with the run break.
    assert plain_rich_tags(xml) == ("<w:p><w:r><w:t>{{ nom }}</w:t></w:r>"
                                    "<w:r><w:t>{{ x }}</w:t></w:r></w:p>")
    assert plain_rich_tags("<w:t>{% if x %}{{ r }}{{raison }}</w:t>") == \
        "<w:t>{% if x %}{{ r }}{{raison }}</w:t>"


@pytest.mark.parametrize(("marker", "expected"), [
    ("tr", "modele.docx, corps du document  la balise « {{tr nom }} » remplacerait toute une "
           "ligne de tableau par une valeur : aucun texte ne peut être placé là, il serait "
           "perdu  (pour afficher un champ, écrivez {{ champ }} dans une cellule ; pour répéter "
           "une ligne, écrivez {%tr for … %} et {%tr endfor %}, chacune seule dans sa ligne)"),
    ("tc", "modele.docx, corps du document  la balise « {{tc nom }} » remplacerait toute une "
           "cellule par une valeur : aucun texte ne peut être placé là, il serait perdu  (pour "
           "afficher un champ, écrivez {{ champ }} dans une cellule ; pour répéter une cellule "
           "(une colonne), écrivez {%tc for … %} et {%tc endfor %}, chacune seule dans sa "
           "cellule)"),
])
def test_a_value_in_place_of_a_row_or_cell_is_refused(marker: str, expected: str) -> None:
    def build(document: Any) -> None:
        document.add_table(rows=2, cols=1).cell(0, 0).text = f"{{{{{marker} nom }}}}"

    with pytest.raises(TemplateError) as caught:
        PreparedTemplate(_docx(build), "modele.docx")
    assert [p.format() for p in caught.value.problems] == [expected]
    assert caught.value.problems[0].code == "speciale-valeur-impossible"
