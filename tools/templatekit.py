"""Toolkit to author coopdocs' Word templates (docxtpl) programmatically with python-docx.

The generated .docx files in ``coopdocs/templates/`` are committed: legal advisers open and edit
them in Word. These helpers are how developers (re)create them; ``tools/build_templates.py``
calls one builder per document.

Conventions every builder must follow
-------------------------------------
* **One tag per run.** A Jinja tag (``{{ … }}``, ``{% … %}``) is always written by ONE call to
  ``add_run`` (``para()`` does that for you), so Word and docxtpl never see a tag split across
  runs. Static text around a tag may share the same run: ``para(doc, "Fait à {{ lieu }}.")``.
* **``{%p … %}`` tags stand alone in their paragraph** (``ptag(doc, "if x")``). docxtpl removes
  the whole paragraph, so nothing else may be written in it. The same for ``{%tr … %}`` in a
  table row (``loop_rows()``): the whole row disappears.
* **Multi-paragraph text** from the YAML is always rendered with
  ``{%p for para in x|paragraphes %}{{ para }}{%p endfor %}`` (``paragraphs_of()``), so each
  paragraph is a real Word paragraph in the template's style — never ``\\n`` in a run.
* **No Word-numbered paragraphs inside loops** (numbering does not restart, docxtpl #425).
  Articles are numbered as TEXT (« Article 3 – … ») with numbers computed in the context; lists
  inside loops use bullets only.
* **Headers and footers only use top-level fields** (``{{ projet.nom }}``): loop variables of the
  body are not visible there.
* **No hard-coded fonts or sizes in runs.** Every look is a style defined once in
  ``styles.xml`` (``new_document()`` replaces python-docx's 790 KB of styles by a small set):
  Normal, Title, Subtitle, Heading 1/2, Intertitre (bold run-in heading kept with the next
  paragraph), List Bullet, Signature (kept with what follows: « Fait à … »), Bloc signature
  (the cells of a signature table), Centre, Texte tableau,
  En-tete tableau, Header, Footer, Strong (character) and two table styles
  (``Tableau coopdocs`` with borders and a shaded header row, ``Tableau sans bordure``).
* French typography: ``para()`` puts no-break spaces inside « » and before : ; ! ? in static
  text (never inside tags), so write ordinary spaces in builders.
* Tables keep their header row on every page (``w:tblHeader``) and rows never split across
  pages (``w:cantSplit``).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from docx import Document as _new_docx
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Twips
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

__all__ = [
    "BORDERLESS_TABLE",
    "TABLE_STYLE",
    "Document",
    "bullet",
    "heading",
    "loop_rows",
    "new_document",
    "para",
    "paragraphs_of",
    "ptag",
    "save",
    "signature_table",
    "table",
]

TABLE_STYLE = "Tableau coopdocs"
BORDERLESS_TABLE = "Tableau sans bordure"
CELL_STYLE = "Texte tableau"
HEADER_CELL_STYLE = "En-tete tableau"

FONT = "Arial"  # LibreOffice substitutes the metric-compatible Liberation Sans.
_W = nsdecls("w")

# Sizes are in half-points (w:sz), spacing in twentieths of a point (w:spacing).
_STYLES_XML = f"""<w:styles {_W}>
  <w:docDefaults>
    <w:rPrDefault><w:rPr>
      <w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>
      <w:sz w:val="21"/><w:szCs w:val="21"/>
      <w:lang w:val="fr-FR" w:eastAsia="fr-FR" w:bidi="ar-SA"/>
    </w:rPr></w:rPrDefault>
    <w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr>
    </w:pPrDefault>
  </w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal">
    <w:name w:val="Normal"/><w:qFormat/>
    <w:pPr><w:widowControl/><w:spacing w:after="120" w:line="264" w:lineRule="auto"/>
      <w:jc w:val="both"/></w:pPr>
    <w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>
      <w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr>
  </w:style>
  <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
    <w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>
  </w:style>
  <w:style w:type="table" w:default="1" w:styleId="TableNormal">
    <w:name w:val="Normal Table"/><w:semiHidden/>
    <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>
      <w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>
      <w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>
  </w:style>
  <w:style w:type="numbering" w:default="1" w:styleId="NoList">
    <w:name w:val="No List"/><w:semiHidden/>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Title">
    <w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Subtitle"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120" w:line="240" w:lineRule="auto"/>
      <w:jc w:val="center"/></w:pPr>
    <w:rPr><w:b/><w:caps/><w:color w:val="1F3864"/><w:spacing w:val="10"/>
      <w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Subtitle">
    <w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:spacing w:before="0" w:after="360"/><w:jc w:val="center"/></w:pPr>
    <w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Heading1">
    <w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="300" w:after="120"/>
      <w:jc w:val="left"/><w:outlineLvl w:val="0"/></w:pPr>
    <w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="23"/><w:szCs w:val="23"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Heading2">
    <w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="80"/>
      <w:jc w:val="left"/><w:outlineLvl w:val="1"/></w:pPr>
    <w:rPr><w:b/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="ListBullet">
    <w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:qFormat/>
    <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="60"/>
      <w:ind w:left="567" w:hanging="283"/></w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Centre">
    <w:name w:val="Centre"/><w:basedOn w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:spacing w:before="120" w:after="120"/><w:jc w:val="center"/></w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Intertitre">
    <w:name w:val="Intertitre"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="160" w:after="60"/>
      <w:jc w:val="left"/></w:pPr>
    <w:rPr><w:b/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Signature">
    <w:name w:val="Signature"/><w:basedOn w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:after="0"/><w:jc w:val="left"/></w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Blocsignature">
    <w:name w:val="Bloc signature"/><w:basedOn w:val="Normal"/><w:qFormat/>
    <w:pPr><w:spacing w:after="0"/><w:jc w:val="left"/></w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Textetableau">
    <w:name w:val="Texte tableau"/><w:basedOn w:val="Normal"/><w:qFormat/>
    <w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>
      <w:jc w:val="left"/></w:pPr>
    <w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="En-tetetableau">
    <w:name w:val="En-tete tableau"/><w:basedOn w:val="Textetableau"/><w:qFormat/>
    <w:pPr><w:keepNext/></w:pPr>
    <w:rPr><w:b/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Header">
    <w:name w:val="header"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="8EAADB"/></w:pBdr>
      <w:tabs><w:tab w:val="right" w:pos="9638"/></w:tabs><w:spacing w:after="0"/>
      <w:jc w:val="left"/></w:pPr>
    <w:rPr><w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Footer">
    <w:name w:val="footer"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:tabs><w:tab w:val="center" w:pos="4819"/><w:tab w:val="right" w:pos="9638"/>
      </w:tabs><w:spacing w:after="0"/><w:jc w:val="left"/></w:pPr>
    <w:rPr><w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>
  </w:style>
  <w:style w:type="character" w:styleId="Strong">
    <w:name w:val="Strong"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>
    <w:rPr><w:b/><w:bCs/></w:rPr>
  </w:style>
  <w:style w:type="table" w:customStyle="1" w:styleId="Tableaucoopdocs">
    <w:name w:val="{TABLE_STYLE}"/><w:basedOn w:val="TableNormal"/><w:qFormat/>
    <w:tblPr>
      <w:tblBorders>
        <w:top w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>
        <w:left w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>
        <w:bottom w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>
        <w:right w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>
        <w:insideH w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>
        <w:insideV w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>
      </w:tblBorders>
      <w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
        <w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>
    </w:tblPr>
    <w:tblStylePr w:type="firstRow">
      <w:rPr><w:b/><w:bCs/></w:rPr>
      <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/></w:tcPr>
    </w:tblStylePr>
  </w:style>
  <w:style w:type="table" w:customStyle="1" w:styleId="Tableausansbordure">
    <w:name w:val="{BORDERLESS_TABLE}"/><w:basedOn w:val="TableNormal"/><w:qFormat/>
    <w:tblPr><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="0" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>
  </w:style>
</w:styles>"""

# One bullet list (an en dash, the usual mark in French legal texts).
_NUMBERING_XML = f"""<w:numbering {_W}>
  <w:abstractNum w:abstractNumId="0">
    <w:multiLevelType w:val="singleLevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="–"/>
      <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="283"/></w:pPr>
      <w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:hint="default"/></w:rPr></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""

_SETTINGS_XML = f"""<w:settings {_W}>
  <w:defaultTabStop w:val="709"/>
  <w:characterSpacingControl w:val="doNotCompress"/>
  <w:compat><w:compatSetting w:name="compatibilityMode"
    w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
  <w:themeFontLang w:val="fr-FR"/>
  <w:decimalSymbol w:val=","/>
  <w:listSeparator w:val=";"/>
</w:settings>"""

# Parts of python-docx's default template that templates never use.
_DROPPED_RELS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    RT.CUSTOM_XML,
    RT.WEB_SETTINGS,
)


def _replace_root(part: Any, xml: str) -> None:
    """Swap a part's XML content for ours, keeping the element python-docx holds on to."""
    root = part.element
    new = parse_xml(xml)
    for child in list(root):
        root.remove(child)
    for child in list(new):
        root.append(child)


def _prune(doc: Document) -> None:
    for rel in list(doc.part.rels.values()):
        if rel.reltype in _DROPPED_RELS:
            doc.part.drop_rel(rel.rId)
    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]
    _replace_root(doc.part._styles_part, _STYLES_XML)
    _replace_root(doc.part.numbering_part, _NUMBERING_XML)
    _replace_root(doc.part._settings_part, _SETTINGS_XML)


def _field_run(paragraph: Paragraph, instr: str, placeholder: str) -> None:
    """A real Word field (PAGE, NUMPAGES) as a ``w:fldSimple``, recomputed by Word/LibreOffice."""
    fld = parse_xml(
        f'<w:fldSimple {_W} w:instr=" {instr} \\* MERGEFORMAT ">'
        f"<w:r><w:t>{placeholder}</w:t></w:r></w:fldSimple>"
    )
    paragraph._p.append(fld)


def new_document(title_for_header: str, *, initials: bool = False) -> Document:
    """An empty A4 document with coopdocs' styles, a header and a « Page X / Y » footer.

    The header reads ``{title_for_header} — {{ projet.nom }}``; with ``initials`` the footer also
    gets a « Paraphes » zone on the right (conventions are initialled on every page).
    """
    doc = _new_docx()
    _prune(doc)
    # python-docx's default body has one empty paragraph: remove it.
    body = doc.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)

    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.0)
    section.header_distance, section.footer_distance = Cm(1.2), Cm(1.0)

    header = section.header.paragraphs[0]
    header.style = doc.styles["Header"]
    header.add_run(f"{title_for_header}\t")
    header.add_run("{{ projet.nom }}")

    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.add_run("\tPage ")
    _field_run(footer, "PAGE", "1")
    footer.add_run(" / ")
    _field_run(footer, "NUMPAGES", "1")
    if initials:
        footer.add_run("\tParaphes : ………")
    return doc


Segment = str | tuple[str, str]

_TAG = re.compile(r"(\{\{.*?\}\}|\{%.*?%\})")
NBSP, NNBSP = "\u00a0", "\u202f"


def typo(text: str) -> str:
    """French typography on static template text: no-break spaces inside « » and before : ;
    ! ? (narrow before ; ! ?), so Word never leaves a quote mark or a colon alone on a line.
    Jinja tags are left untouched."""
    parts = _TAG.split(text)
    for index in range(0, len(parts), 2):  # even indexes are plain text
        chunk = parts[index].replace("« ", f"«{NBSP}").replace(" »", f"{NBSP}»")
        chunk = chunk.replace(" :", f"{NBSP}:")
        for mark in ";!?":
            chunk = chunk.replace(f" {mark}", f"{NNBSP}{mark}")
        parts[index] = chunk
    return "".join(parts)


def para(target: Any, text: str | Sequence[Segment] = "", style: str | None = None) -> Paragraph:
    """Add a paragraph to a document or a table cell.

    ``text`` is a string (one run) or a sequence of segments, each a string or a
    ``(text, character_style)`` pair, e.g. ``[("Article 1 – ", None), ("{{ x }}", "Strong")]``.
    Every segment is ONE run, so a tag written in one segment is never split.
    """
    paragraph = target.add_paragraph(style=style)
    segments = [text] if isinstance(text, str) else list(text)
    for segment in segments:
        if isinstance(segment, tuple):
            chunk, char_style = segment
            paragraph.add_run(typo(chunk), style=char_style)
        elif segment:
            paragraph.add_run(typo(segment))
    return paragraph


def heading(doc: Any, text: str | Sequence[Segment], level: int = 1) -> Paragraph:
    """Title (level 0), « Article N – … » (level 1, kept with the next paragraph) or level 2."""
    style = "Title" if level == 0 else f"Heading {level}"
    return para(doc, text, style=style)


def bullet(target: Any, text: str | Sequence[Segment]) -> Paragraph:
    return para(target, text, style="List Bullet")


def ptag(target: Any, statement: str) -> Paragraph:
    """A paragraph holding only ``{%p statement %}`` (docxtpl removes the paragraph itself)."""
    return para(target, f"{{%p {statement} %}}")


def paragraphs_of(target: Any, expression: str, style: str | None = None,
                  var: str = "para") -> None:
    """Render a multi-paragraph field as real paragraphs in ``style``."""
    ptag(target, f"for {var} in {expression}|paragraphes")
    para(target, f"{{{{ {var} }}}}", style=style)
    ptag(target, "endfor")


def loop_rows(for_statement: str, cells: Sequence[Any]) -> list[Any]:
    """The three rows of a docxtpl row loop: ``{%tr for … %}``, the data row, ``{%tr endfor %}``."""
    return [f"{{%tr {for_statement} %}}", list(cells), "{%tr endfor %}"]


def _fill_cell(cell: _Cell, content: Any, style: str) -> None:
    """Cell content: a string, a segment list (one paragraph) or a list of paragraph specs.

    A paragraph spec is a string, a ``(text, paragraph_style)`` pair, or a segment list.
    """
    first = cell.paragraphs[0]
    specs: list[Any] = [content] if isinstance(content, str | tuple) else list(content) or [""]
    for index, spec in enumerate(specs):
        p_style = style
        text: Any = spec
        if isinstance(spec, tuple) and len(spec) == 2 and isinstance(spec[1], str) \
                and spec[1] in _PARAGRAPH_STYLES:
            text, p_style = spec
        if index == 0:
            first.style = p_style
            segments = [text] if isinstance(text, str) else list(text)
            for segment in segments:
                if isinstance(segment, tuple):
                    first.add_run(typo(segment[0]), style=segment[1])
                elif segment:
                    first.add_run(typo(segment))
        else:
            para(cell, text, style=p_style)


_PARAGRAPH_STYLES = {"Normal", CELL_STYLE, HEADER_CELL_STYLE, "Signature", "Centre",
                     "List Bullet", "Intertitre", "Bloc signature"}


def _row_props(row: Any, *, header: bool) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(parse_xml(f"<w:cantSplit {_W}/>"))
    if header:
        tr_pr.append(parse_xml(f"<w:tblHeader {_W}/>"))


def table(doc: Any, headers: Sequence[Any] | None, row_cells: Iterable[Any],
          widths_cm: Sequence[float], repeat_header: bool = True,
          style: str = TABLE_STYLE, cell_style: str = CELL_STYLE) -> Table:
    """A table with a (repeated) header row and rows that never split across pages.

    ``row_cells`` items are either a list of cell contents (see ``_fill_cell``) or a string
    ``{%tr … %}``: that row holds the tag alone in its first cell and docxtpl removes it. Use
    ``loop_rows()`` to produce the three rows of a row loop.
    """
    rows = list(row_cells)
    ncols = len(widths_cm)
    n_header = 1 if headers else 0
    tbl = doc.add_table(rows=n_header + len(rows), cols=ncols)
    tbl.style = doc.styles[style] if hasattr(doc, "styles") else style
    tbl.autofit = False
    twips = [round(w * 1440 / 2.54) for w in widths_cm]
    widths = [Twips(t) for t in twips]

    tbl_pr = tbl._tbl.tblPr
    for old in tbl_pr.findall(qn("w:tblW")):
        tbl_pr.remove(old)
    tbl_pr.append(parse_xml(f'<w:tblW {_W} w:w="{sum(twips)}" w:type="dxa"/>'))
    look = tbl_pr.find(qn("w:tblLook"))
    if look is not None:
        tbl_pr.remove(look)
    tbl_pr.append(parse_xml(
        f'<w:tblLook {_W} w:val="{"0420" if headers else "0400"}" '
        f'w:firstRow="{1 if headers else 0}" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
    ))
    for grid_col, tw in zip(tbl._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
        grid_col.set(qn("w:w"), str(tw))

    if headers:
        header_row = tbl.rows[0]
        _row_props(header_row, header=repeat_header)
        for cell, content, width in zip(header_row.cells, headers, widths, strict=True):
            cell.width = width
            _fill_cell(cell, content, HEADER_CELL_STYLE)
    for row, spec in zip(tbl.rows[n_header:], rows, strict=True):
        _row_props(row, header=False)
        cells = row.cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
        if isinstance(spec, str):
            _fill_cell(cells[0], spec, cell_style)
            for cell in cells[1:]:
                cells[0].paragraphs[0].style = cell_style
                cell.paragraphs[0].style = cell_style
        else:
            if len(spec) != ncols:
                raise ValueError(f"row has {len(spec)} cells, expected {ncols}: {spec!r}")
            for cell, content in zip(cells, spec, strict=True):
                _fill_cell(cell, content, cell_style)
    return tbl


def signature_table(doc: Document, rows_field: str, blank_lines: int = 5) -> Table:
    """Signature blocks two by two from a context list of ``{gauche, droite}`` rows, each side
    a ``{pour, nom, qualite, mention}`` mapping, with room left to sign below."""
    block = "Bloc signature"

    def cell(side: str) -> list[Any]:
        return [([(f"{{{{ ligne.{side}.pour }}}}", "Strong")], block),
                (f"{{{{ ligne.{side}.nom }}}}", block),
                (f"{{{{ ligne.{side}.qualite }}}}", block),
                (f"{{{{ ligne.{side}.mention }}}}", block),
                *[("", block)] * blank_lines]

    rows = loop_rows(f"for ligne in {rows_field}", [cell("gauche"), cell("droite")])
    return table(doc, None, rows, [8.2, 8.2], style=BORDERLESS_TABLE)


def save(doc: Document, path: str | Path, title: str | None = None) -> Path:
    """Save with neutral core properties (no « python-docx » author, fixed dates)."""
    import datetime as dt

    props = doc.core_properties
    props.author = "coopdocs"
    props.last_modified_by = "coopdocs"
    props.title = title or ""
    props.subject = ""
    props.keywords = ""
    props.comments = ""
    props.category = ""
    props.revision = 1
    fixed = dt.datetime(2026, 1, 1)
    props.created = fixed
    props.modified = fixed
    props.last_printed = fixed
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def deep_copy_paragraph(paragraph: Paragraph) -> Any:
    """A detached copy of a paragraph element (handy for builders repeating a block)."""
    return copy.deepcopy(paragraph._p)
