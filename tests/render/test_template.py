"""Rendering one document (coopdocs.render.template, .sandbox, .verify): escaping, sandbox,
strictness, pictures, isolation, verification."""

from __future__ import annotations

import io
import pickle
import re
import zipfile
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import docx
import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from reading import plain, printed

from coopdocs.context.picture import Cell, Drawing, Ellipse, Label, Row, Run, Table, Text
from coopdocs.errors import RenderError, TemplateError
from coopdocs.french.filters import FILTERS as FRENCH_FILTERS
from coopdocs.render import template as template_module
from coopdocs.render.sandbox import make_environment
from coopdocs.render.template import PreparedTemplate, render_document
from coopdocs.render.verify import verify_document
from coopdocs.render.xmltext import clean_text


def _montant(value: Any) -> str:
    try:
        return f"{Decimal(str(value)):.2f} €"
    except InvalidOperation:
        raise ValueError(f"Montant invalide : {value!r}.") from None


def _crie(value: Any) -> str:
    return str(value).upper()


FILTERS = {"montant": _montant, "crie": _crie}


def build_template(
    paragraphs: Iterable[str] = (),
    *,
    rows: bool = False,
    header: str | None = None,
    title: str | None = None,
) -> bytes:
    """A small .docx written with python-docx, tags typed in one run as an adviser would."""
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if rows:
        table = document.add_table(rows=3, cols=2)
        table.cell(0, 0).text = "{%tr for ligne in lignes %}"
        table.cell(1, 0).text = "{{ ligne.poste }}"
        table.cell(1, 1).text = "{{ ligne.montant|montant }}"
        table.cell(2, 0).text = "{%tr endfor %}"
    if header is not None:
        document.sections[0].header.paragraphs[0].text = header
    if title is not None:
        document.core_properties.title = title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def prepared(paragraphs: Iterable[str] = (), **kwargs: Any) -> PreparedTemplate:
    return PreparedTemplate(
        build_template(paragraphs, **kwargs), "convention.docx", filters=FILTERS
    )


def texts(data: bytes) -> list[str]:
    """Visible paragraphs of a rendered document: body, table cells, then header."""
    document = docx.Document(io.BytesIO(data))
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        out += [cell.text for row in table.rows for cell in row.cells]
    out += [p.text for p in document.sections[0].header.paragraphs]
    return [plain(t) for t in out]


def word_drawings(document: Any) -> int:
    """The drawings of a document's body (python-docx's inline_shapes does not look inside
    ``mc:AlternateContent``, where Word and coopdocs put groups of shapes)."""
    return sum(1 for _ in document.element.body.iter(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}drawing"))


def drawing(name: str = "Cercles") -> Drawing:
    words = (Text((Run("Cœur & <co>", bold=True),), 9.0, "center"),)
    return Drawing(60.0, 40.0, (Ellipse(0, 0, 60, 40, "F2F7FB"),),
                   (Label(20, 15, 20, 5, words),), name, "Deux cercles")


def table(text: str = "A & B") -> Table:
    return Table((30.0, 20.0), (Row((Cell((Text((Run("Titre", bold=True),)),), fill="D9E2F3"),
                                     Cell()), header=True),
                                Row((Cell((Text((Run(text),)),), span=2),))), "Tableau")


CONVENTION = [
    "Convention du projet {{ nom }}",
    "{%p for p in partenaires %}",
    "Partenaire : {{ p }}",
    "{%p endfor %}",
    "Fin.",
]


# --- environment ------------------------------------------------------------------------------


def test_environment_is_sandboxed_strict_and_autoescaping() -> None:
    env = make_environment(FILTERS)
    assert isinstance(env, SandboxedEnvironment)
    assert env.undefined is StrictUndefined
    assert env.autoescape is True
    assert env.filters["montant"].__wrapped__ is _montant  # bounded by the sandbox
    assert "safe" not in env.filters  # data must never reach the XML unescaped
    assert env.from_string("{{ v }}").render(v="a\x00b\x0bc\x1fd\ufffe\tx\ny\r\nz") == "abcd x y z"


def test_default_filters_are_the_french_ones() -> None:
    filters = make_environment().filters
    assert set(FRENCH_FILTERS) <= set(filters)
    assert all(filters[name].__wrapped__ is FRENCH_FILTERS[name] for name in FRENCH_FILTERS)


def test_clean_text_removes_lone_surrogates() -> None:
    assert clean_text("a\ud800b\udfffc") == "abc"


# --- rendering --------------------------------------------------------------------------------


def test_renders_paragraph_loop_table_and_header() -> None:
    template = prepared(CONVENTION, rows=True, header="En-tête : {{ nom }}")
    data = render_document(
        template,
        {
            "nom": "Coop'Emploi",
            "partenaires": ["Alpha", "Bêta"],
            "lignes": [
                {"poste": "Animation", "montant": "1200"},
                {"poste": "Formation", "montant": 300},
            ],
        },
    )
    out = texts(data)
    assert out[:4] == [
        "Convention du projet Coop'Emploi",
        "Partenaire : Alpha",
        "Partenaire : Bêta",
        "Fin.",
    ]
    assert out[4:8] == ["Animation", "1200.00 €", "Formation", "300.00 €"]
    assert out[-1] == "En-tête : Coop'Emploi"


def test_special_characters_are_escaped_and_intact() -> None:
    nasty = "Bâtir & Insérer <SIAE> \"quotes\" 'apostrophes' </w:t> &amp;"
    template = prepared(["Nom : {{ nom }}"], header="{{ nom }}", title="Projet {{ nom }}")
    data = template.render({"nom": nasty})
    out = texts(data)
    # Intact as the documents print a value: escaped, its quotes made French.
    assert out[0] == "Nom : " + printed(nasty)
    assert out[-1] == printed(nasty)
    # docxtpl sets core properties as element text; the escaped form must not leak there.
    assert docx.Document(io.BytesIO(data)).core_properties.title == "Projet " + nasty


def test_control_characters_are_stripped_and_file_stays_valid() -> None:
    data = prepared(["[{{ v }}]"]).render({"v": "a\x00b\x0bc\x1fd\x08e\tf\ng"})
    assert texts(data)[0] == "[abcde f g]"
    verify_document(data, "x.docx")


def test_emoji_rtl_and_very_long_paragraph() -> None:
    long_text = "Clause de coopération équitable. " * 3200  # ~100 KB
    context = {
        "emoji": "Accord 🤝 signé ✅ 👩🏽‍💼",
        "rtl": "شراكة بين الجمعيات עמותה",
        "long": long_text,
    }
    data = prepared(["{{ emoji }}", "{{ rtl }}", "{{ long }}"]).render(context)
    out = texts(data)
    assert out[:3] == [context["emoji"], context["rtl"], long_text]
    assert len(out[2]) > 100_000


def test_value_containing_braces_is_not_taken_for_a_leftover_tag() -> None:
    data = prepared(["{{ v }}"]).render({"v": "littéral {{ pas une balise }} {% non %}"})
    assert texts(data)[0] == "littéral {{ pas une balise }} {% non %}"


def test_two_renders_of_one_template_do_not_leak() -> None:
    template = prepared(CONVENTION, rows=True, header="{{ nom }}")
    first = template.render(
        {
            "nom": "Projet Un",
            "partenaires": ["A1", "A2", "A3"],
            "lignes": [{"poste": "P1", "montant": 1}],
        }
    )
    second = template.render({"nom": "Projet Deux", "partenaires": ["B1"], "lignes": []})
    again = template.render(
        {
            "nom": "Projet Un",
            "partenaires": ["A1", "A2", "A3"],
            "lignes": [{"poste": "P1", "montant": 1}],
        }
    )
    one, two = "\n".join(texts(first)), "\n".join(texts(second))
    assert "Projet Deux" in two and "B1" in two
    for stale in ("Projet Un", "A1", "A2", "A3", "P1"):
        assert stale not in two
    assert texts(again) == texts(first)
    assert "Projet Deux" not in one


def test_prepared_template_from_path_and_pickle(tmp_path: Path) -> None:
    path = tmp_path / "charte.docx"
    path.write_bytes(build_template(["{{ nom|crie }}"]))
    template = PreparedTemplate.from_path(path, filters=FILTERS)
    assert template.name == "charte.docx"
    template.render({"nom": "a"})
    clone = pickle.loads(pickle.dumps(template))
    assert texts(clone.render({"nom": "b"}))[0] == "B"


def test_not_a_docx_or_missing_template_is_a_template_error(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match="pas un document Word"):
        PreparedTemplate(b"plain text", "faux.docx")
    with pytest.raises(TemplateError, match="modèle illisible"):
        PreparedTemplate.from_path(tmp_path / "absent.docx")


# --- images -----------------------------------------------------------------------------------


def test_pictures_anywhere_in_the_context_become_word_content() -> None:
    """A drawing sits in the text like a letter; a table takes the place of the paragraph
    that holds its tag alone, and ends with a paragraph (a table cell must)."""
    circles = drawing()
    context = {"carte": {"image": circles}, "annexes": [{"figure": table("un")},
                                                        {"figure": table("deux")}]}
    data = prepared(["Carte : {{ carte.image }} fin.", "{%p for a in annexes %}",
                     "{{ a.figure }}", "{%p endfor %}", "Après."]).render(context)
    verify_document(data, "x.docx")
    document = docx.Document(io.BytesIO(data))
    assert [t.rows[1].cells[0].text for t in document.tables] == ["un", "deux"]
    body = document.element.body
    assert [child.tag.rsplit("}", 1)[1] for child in body][:6] == ["p", "tbl", "p", "tbl", "p",
                                                                   "p"]
    assert plain(document.paragraphs[0].text) == "Carte :  fin."  # finished: « Carte\xa0: »
    assert word_drawings(document) == 1
    body_xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    # As Word writes a group of shapes: an older reader skips it instead of refusing the file.
    assert '<mc:Choice Requires="wpg"><w:drawing>' in body_xml
    assert "<!--" not in body_xml
    assert context["carte"]["image"] is circles  # the caller's context is not rewritten


def test_tags_typed_in_a_picture_s_names_are_not_taken_for_the_template_s() -> None:
    data = prepared(["{{ t }}", "{{ d }}"]).render({"t": table("Café {% if %} {{ x }}"),
                                                    "d": drawing()})
    assert "Café {% if %} {{ x }}" in [c.text for t in docx.Document(io.BytesIO(data)).tables
                                       for r in t.rows for c in r.cells]


def test_a_table_keeps_the_text_typed_around_its_tag() -> None:
    data = prepared(["Avant {{ t }} après"]).render({"t": table()})
    verify_document(data, "x.docx")
    assert [p.text for p in docx.Document(io.BytesIO(data)).paragraphs] == ["Avant ", " après"]


def test_a_table_in_a_table_cell() -> None:
    data = prepared(rows=True).render({"lignes": [{"poste": table(), "montant": 3}]})
    verify_document(data, "x.docx")
    cell = docx.Document(io.BytesIO(data)).tables[0].rows[0].cells[0]
    assert cell.tables[0].rows[1].cells[0].text == "A & B"
    assert cell._tc.getchildren()[-1].tag.endswith("}p")


def test_table_rows_must_span_their_columns() -> None:
    with pytest.raises(ValueError, match="span"):
        Table((10.0, 10.0), (Row((Cell(),)),), "Bancal")


# --- errors -----------------------------------------------------------------------------------


def assert_user_facing(error: RenderError) -> str:
    message = error.message
    assert "Traceback" not in message and "line " not in message and "<w:" not in message
    assert error.problems[0].file == "convention.docx"
    return message


def test_missing_field_names_the_field() -> None:
    template = prepared(["Bonjour", "Signé à {{ lieu_signature }} le jour dit."])
    with pytest.raises(RenderError) as caught:
        template.render({})
    message = assert_user_facing(caught.value)
    assert "« lieu_signature »" in message
    assert "Signé à {{ lieu_signature }} le jour dit." in message
    assert caught.value.problems[0].location == "corps du document"


def test_missing_attribute_and_empty_section() -> None:
    template = prepared(["{{ projet.date_signature }}"])
    with pytest.raises(RenderError, match="« date_signature »"):
        template.render({"projet": {"nom": "x"}})
    with pytest.raises(RenderError, match="rubrique absente ou vide"):
        template.render({"projet": None})


def test_loop_over_missing_list_is_explained() -> None:
    with pytest.raises(RenderError, match="liste absente") as caught:
        prepared(CONVENTION).render({"nom": "x", "partenaires": None})
    assert "{%p for p in partenaires %}" in caught.value.message


@pytest.mark.parametrize(
    "tag",
    [
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
        "{{ range.__globals__['os'].popen('touch MARKER').read() }}",
        "{{ ().__class__.__base__.__subclasses__() }}",
        "{{ nom.__class__ }}",
    ],
)
def test_sandbox_blocks_python_internals(tag: str, tmp_path: Path) -> None:
    marker = tmp_path / "coopdocs-pwned"
    tag = tag.replace("MARKER", str(marker))
    with pytest.raises(RenderError) as caught:
        prepared(["Avant " + tag + " après"]).render({"nom": "x"})
    message = assert_user_facing(caught.value)
    assert "accès interdit par le bac à sable" in message
    assert "Avant {{" in message  # the adviser sees where
    assert caught.value.problems[0].code == "rendu-acces-interdit"
    assert not marker.exists()


def test_sandbox_forbids_modifying_project_data() -> None:
    partners = ["A"]
    with pytest.raises(RenderError, match="bac à sable"):
        prepared(["{{ partenaires.append('intrus') }}"]).render({"partenaires": partners})
    assert partners == ["A"]


def test_safe_filter_is_not_available() -> None:
    with pytest.raises(RenderError, match="filtre inconnu « safe »"):
        prepared(["{{ v|safe }}"]).render({"v": "<w:br/>"})


def test_filter_error_is_french_with_surrounding_text() -> None:
    template = prepared(["Intro", "Le budget total s'élève à {{ budget|montant }} pour trois ans."])
    with pytest.raises(RenderError) as caught:
        template.render({"budget": "beaucoup"})
    message = assert_user_facing(caught.value)
    assert "le filtre « montant » n'a pas pu mettre en forme une valeur" in message
    assert "Montant invalide : 'beaucoup'" in message
    assert "Le budget total s'élève à {{ budget|montant }} pour trois ans." in message


def test_filter_error_inside_table_row_loop() -> None:
    with pytest.raises(RenderError, match="« montant »") as caught:
        prepared(rows=True).render({"lignes": [{"poste": "x", "montant": "?"}]})
    assert "{{ ligne.montant|montant }}" in caught.value.message


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["{% if nom %} ouvert", "jamais fermé"], "{% if %} n'est jamais refermée"),
        (["{% endif %}"], "balise « endif » inattendue"),
        (["{{ nom|inexistant }}"], "filtre inconnu « inexistant »"),
        (["Texte {{ nom } suite"], "mal écrite ou mal fermée"),
    ],
)
def test_syntax_errors_are_french(paragraphs: list[str], expected: str) -> None:
    with pytest.raises(RenderError) as caught:
        prepared(paragraphs).render({"nom": "x"})
    assert expected in assert_user_facing(caught.value)
    assert caught.value.problems[0].code == "rendu-syntaxe"


def test_error_in_header_is_located_in_header() -> None:
    with pytest.raises(RenderError) as caught:
        prepared(["Corps {{ nom }}"], header="Réf. {{ reference }}").render({"nom": "x"})
    problem = caught.value.problems[0]
    assert problem.location == "en-tête"
    assert "Réf. {{ reference }}" in problem.message


# --- verification -----------------------------------------------------------------------------


def _corrupting_finish(monkeypatch: pytest.MonkeyPatch, payload: str) -> None:
    """Make the post-processing of the body slip `payload` in, as a buggy step would."""
    original = template_module._finish

    def finish(xml: str, counter: list[int]) -> str:
        return original(xml, counter).replace("</w:body>", payload + "</w:body>")

    monkeypatch.setattr(template_module, "_finish", finish)


def test_corrupt_output_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    _corrupting_finish(monkeypatch, "<w:p><w:r><w:t>A & B</w:t></w:r></w:p>")
    with pytest.raises(RenderError, match="endommagé") as caught:
        prepared(["{{ nom }}"]).render({"nom": "x"})
    assert "word/document.xml" in caught.value.message


def test_leftover_tag_in_output_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    leftover = "<w:p><w:r><w:t>Reste {{ oubli</w:t></w:r><w:r><w:t> }}</w:t></w:r></w:p>"
    _corrupting_finish(monkeypatch, leftover)
    with pytest.raises(RenderError, match="n'a pas été remplacée") as caught:
        prepared(["{{ nom }}"]).render({"nom": "x"})
    assert "Reste {{ oubli }}" in caught.value.message


def test_verify_document_rejects_unrendered_template_and_garbage() -> None:
    with pytest.raises(RenderError, match="n'a pas été remplacée"):
        verify_document(build_template(["{%p if x %}"]), "brut.docx")
    with pytest.raises(RenderError, match="archive"):
        verify_document(b"PK\x03\x04 broken", "x.docx")


def test_raw_xml_from_a_filter_cannot_be_silently_dropped() -> None:
    # docxtpl's fix_tables would "recover" this by dropping the paragraph's content.
    from markupsafe import Markup

    template = PreparedTemplate(
        build_template(["Avant {{ v|brut }} après"]),
        "m.docx",
        filters={"brut": lambda v: Markup("</w:t></w:r></w:p>" + v)},
    )
    with pytest.raises(RenderError, match="endommagé"):
        template.render({"v": "x"})


def test_none_value_is_refused_not_printed() -> None:
    """An absent optional field printed without a guard would show "None" in a signed text."""
    template = prepared(["Sigle : {{ p.sigle }}"])
    with pytest.raises(RenderError) as caught:
        render_document(template, {"p": {"sigle": None}})
    problem = caught.value.problems[0]
    assert problem.code == "rendu-valeur-vide"
    assert "{% if" in (problem.hint or "")


# --- the prepared fast path gives what docxtpl gives --------------------------------------------


def _docxtpl_render(data: bytes, context: dict[str, Any]) -> bytes:
    from docxtpl import DocxTemplate

    tpl = DocxTemplate(io.BytesIO(data))
    tpl.render(context, jinja_env=make_environment(FILTERS), autoescape=True)
    buffer = io.BytesIO()
    tpl.save(buffer)
    return buffer.getvalue()


def _grid(data: bytes) -> list[int]:
    document = docx.Document(io.BytesIO(data))
    return [len(t._tbl.tblGrid.findall(docx.oxml.ns.qn("w:gridCol"))) for t in document.tables]


def test_column_loop_and_listing_match_docxtpl() -> None:
    document = docx.Document()
    document.add_paragraph("Tableau de {{ nom }}")
    table = document.add_table(rows=1, cols=3)
    for cell, text in zip(table.rows[0].cells, ["{%tc for c in cols %}", "{{ c }}",
                                                 "{%tc endfor %}"], strict=True):
        cell.text = text
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    context = {"nom": "Coop & Co", "cols": ["A", "B", "C", "D", "E"]}
    ours, theirs = PreparedTemplate(data, "t.docx", filters=FILTERS).render(context), \
        _docxtpl_render(data, context)
    assert texts(ours) == texts(theirs)
    assert _grid(ours) == _grid(theirs) == [5]
    verify_document(ours, "t.docx")


def test_drawings_in_body_loop_and_header_have_unique_ids() -> None:
    template = prepared(["{%p for i in images %}", "{{ i }}", "{%p endfor %}"],
                        header="Logo {{ logo }}")
    data = template.render({"images": [drawing()] * 3, "logo": drawing("Logo")})
    verify_document(data, "x.docx")
    document = docx.Document(io.BytesIO(data))
    assert word_drawings(document) == 3
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
        header = next(archive.read(n).decode() for n in archive.namelist()
                      if n.startswith("word/header"))
    ids = [int(i) for i in re.findall(r'<(?:wp:docPr|wps:cNvPr) id="(\d+)"', body)]
    assert len(set(ids)) == len(ids) == 3 * 3  # each drawing, its ellipse, its label
    assert 'name="Logo"' in header and "Cœur &amp; &lt;co&gt;" in header


def test_output_is_deterministic_and_reparses_in_zipfile() -> None:
    template = prepared(CONVENTION, rows=True)
    context = {"nom": "X", "partenaires": ["A"], "lignes": []}
    first, second = template.render(context), template.render(context)
    assert first == second
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert archive.testzip() is None


def test_a_small_part_rendered_as_before_is_reused_checked_and_only_then(
        monkeypatch: pytest.MonkeyPatch) -> None:
    template = prepared(["{{ nom }}"], header="Projet {{ titre }}")
    checked: list[str] = []
    real = PreparedTemplate._check

    def counted(self: PreparedTemplate, part: Any, *args: Any) -> Any:
        checked.append(part.member)
        return real(self, part, *args)

    monkeypatch.setattr(PreparedTemplate, "_check", counted)
    first = template.render({"nom": "Alpha", "titre": "Quai"})
    header = [m for m in checked if "header" in m]
    assert header and "word/document.xml" in checked
    checked.clear()
    second = template.render({"nom": "Beta", "titre": "Quai"})  # same header, new body
    assert checked == ["word/document.xml"]
    assert texts(second)[-1] == texts(first)[-1] == "Projet Quai"
    checked.clear()
    third = template.render({"nom": "Beta", "titre": "Rive"})  # the header changed: checked
    assert header[0] in checked and texts(third)[-1] == "Projet Rive"
    fresh = prepared(["{{ nom }}"], header="Projet {{ titre }}")
    assert fresh.render({"nom": "Beta", "titre": "Quai"}) == second
