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
* Tables keep their header row on every page (``w:tblHeader``), rows never split across
  pages (``w:cantSplit``) and the paragraph that introduces a table keeps with its first row
  (``w:keepNext``). Two exceptions, per table: rows that grow with the project may split
  (``split_rows``), and a short table of bounded length is kept whole (``whole``).

``templatekit_styles`` holds the styles and the header/footer XML; every name builders use is
importable from here.
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
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Cm, Twips
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from templatekit_pages import orient
from templatekit_styles import (
    BORDERLESS_TABLE,
    CELL_STYLE,
    HEADER_CELL_STYLE,
    PARAGRAPH_STYLES,
    TABLE_STYLE,
    W_NSDECL,
    add_header_footer,
    prune_defaults,
)
from templatekit_styles import FONT as FONT  # re-exported: it used to be defined here

from coopdocs.french.typography import typo as french_typo

__all__ = [
    "BORDERLESS_TABLE",
    "TABLE_STYLE",
    "Document",
    "bullet",
    "heading",
    "keep_lead_in",
    "loop_rows",
    "new_document",
    "orient",
    "para",
    "paragraphs_of",
    "ptag",
    "save",
    "signature_table",
    "table",
    "target",
    "title_block",
]


def new_document(title_for_header: str, *, initials: bool | str = False) -> Document:
    """An empty A4 document with coopdocs' styles, a header and a « Page X / Y » footer.

    The header reads ``{title_for_header} — {{ projet.nom }}``; with ``initials`` the footer also
    gets a « Paraphes » zone on the right (conventions are initialled on every page).
    """
    doc = _new_docx()
    prune_defaults(doc)
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

    add_header_footer(doc, title_for_header, initials=initials)
    return doc


Segment = str | tuple[str, str]

_TAG = re.compile(r"(\{\{.*?\}\}|\{%.*?%\})")


def typo(text: str) -> str:
    """French typography on static template text (`coopdocs.french.typography.typo`, the one
    the documents' values get), so Word never leaves a quote mark or a colon alone on a line.
    Jinja tags are left untouched."""
    parts = _TAG.split(text)
    for index in range(0, len(parts), 2):  # even indexes are plain text
        parts[index] = french_typo(parts[index])
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
                and spec[1] in PARAGRAPH_STYLES:
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


# The children of w:tblPr in the order of the schema (ISO/IEC 29500, CT_TblPr). LibreOffice
# accepts any order; Word is stricter and may call a file with a misplaced one damaged.
TBL_PR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
                "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders",
                "shd", "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription",
                "tblPrChange")


def set_in_order(parent: Any, child: Any, order: Sequence[str]) -> None:
    """Put `child` in `parent` where the schema's sequence `order` (local names) wants it,
    replacing an element of the same name."""
    name = child.tag.rsplit("}", 1)[-1]
    for old in parent.findall(qn(f"w:{name}")):
        parent.remove(old)
    later = set(order[order.index(name) + 1:])
    for index, sibling in enumerate(parent):
        if isinstance(sibling.tag, str) and sibling.tag.rsplit("}", 1)[-1] in later:
            parent.insert(index, child)
            return
    parent.append(child)


def _row_props(row: Any, *, header: bool, split: bool = False) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    if not split:
        tr_pr.append(parse_xml(f"<w:cantSplit {W_NSDECL}/>"))
    if header:
        tr_pr.append(parse_xml(f"<w:tblHeader {W_NSDECL}/>"))


def keep_lead_in(element: Any) -> None:
    """The paragraphs just before ``element`` (a table, or the paragraph a picture replaces)
    keep with it: its lead-in (« Chaque domaine … a une structure responsable. ») and the tag or
    blank paragraphs between, so that a page never ends on the introduction of a table printed
    on the next one."""
    node = element.getprevious()
    # Inside an {% if %} block passed backwards, the paragraphs may not be printed: the walk
    # goes on to the paragraph before the block too.
    depth = 0
    while node is not None and node.tag == qn("w:p"):
        Paragraph(node, None).paragraph_format.keep_with_next = True
        text = "".join(node.itertext()).strip()
        if text.startswith("{%"):
            words = text.removeprefix("{%p").removeprefix("{%").split()
            if words and words[0] in ("endif", "endfor"):
                depth += 1
            elif words and words[0] in ("if", "for"):
                depth = max(depth - 1, 0)
        elif text and depth == 0:
            return
        node = node.getprevious()


def table(doc: Any, headers: Sequence[Any] | None, row_cells: Iterable[Any],
          widths_cm: Sequence[float], repeat_header: bool = True,
          style: str = TABLE_STYLE, cell_style: str = CELL_STYLE, *,
          split_rows: bool = False, whole: bool = False) -> Table:
    """A table with a (repeated) header row and rows that never split across pages.

    ``row_cells`` items are either a list of cell contents (see ``_fill_cell``) or a string
    ``{%tr … %}``: that row holds the tag alone in its first cell and docxtpl removes it. Use
    ``loop_rows()`` to produce the three rows of a row loop.

    ``split_rows``: rows may run over two pages, for a table whose rows grow with the project
    (an instance's composition lists every member): a row that cannot split and is taller
    than the room left pushes the table, its lead-in and heading to the next page, leaving
    most of a page empty. ``whole``: every row keeps with the next, so that the table is never
    cut, for a table that always fits on a page (a few rows of a bounded list): no row is left
    alone at the foot or the head of a page. The row loop's one row is every row, so the last
    also keeps with what follows the table: never use it for a table of unbounded length.
    """
    rows = list(row_cells)
    ncols = len(widths_cm)
    n_header = 1 if headers else 0
    tbl = doc.add_table(rows=n_header + len(rows), cols=ncols)
    tbl.style = doc.styles[style] if hasattr(doc, "styles") else style
    keep_lead_in(tbl._tbl)
    tbl.autofit = False
    twips = [round(w * 1440 / 2.54) for w in widths_cm]
    widths = [Twips(t) for t in twips]

    tbl_pr = tbl._tbl.tblPr
    set_in_order(tbl_pr, parse_xml(f'<w:tblW {W_NSDECL} w:w="{sum(twips)}" w:type="dxa"/>'),
                 TBL_PR_ORDER)
    set_in_order(tbl_pr, parse_xml(
        f'<w:tblLook {W_NSDECL} w:val="{"0420" if headers else "0400"}" '
        f'w:firstRow="{1 if headers else 0}" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
    ), TBL_PR_ORDER)
    for grid_col, tw in zip(tbl._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):
        grid_col.set(qn("w:w"), str(tw))

    if headers:
        header_row = tbl.rows[0]
        _row_props(header_row, header=repeat_header)
        for cell, content, width in zip(header_row.cells, headers, widths, strict=True):
            cell.width = width
            _fill_cell(cell, content, HEADER_CELL_STYLE)
    for row, spec in zip(tbl.rows[n_header:], rows, strict=True):
        _row_props(row, header=False, split=split_rows)
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
                if whole:
                    for paragraph in cell.paragraphs:
                        paragraph.paragraph_format.keep_with_next = True
    return tbl


def signature_table(doc: Document, rows_field: str, blank_lines: int = 5,
                    quality: str = "qualite") -> Table:
    """Signature blocks two by two from a context list of ``{gauche, droite}`` rows, each side
    a ``{pour, nom, qualite, qualite_acte, mention}`` mapping, with room left to sign below.
    ``quality``: the key of the title line (``qualite_acte`` adds the act a public person's
    signatory acts under, for a document without an appearance of the parties)."""
    block = "Bloc signature"

    def cell(side: str) -> list[Any]:
        return [([(f"{{{{ ligne.{side}.pour }}}}", "Strong")], block),
                (f"{{{{ ligne.{side}.nom }}}}", block),
                (f"{{{{ ligne.{side}.{quality} }}}}", block),
                (f"{{{{ ligne.{side}.mention }}}}", block),
                *[("", block)] * blank_lines]

    rows = loop_rows(f"for ligne in {rows_field}", [cell("gauche"), cell("droite")])
    return table(doc, None, rows, [8.2, 8.2], style=BORDERLESS_TABLE)


def target(path: str | Path, filename: str) -> Path:
    """Builders take the templates folder (tools/build_templates.py) or the .docx itself."""
    path = Path(path)
    return path if path.suffix.lower() == ".docx" else path / filename


def title_block(doc: Document, title: str, *, annex: str | None = None,
                working: bool = False) -> None:
    """The document title and, under it, the project's name.

    ``annex``: the code under ``annexe_entete`` whose heading (« Annexe 1 — … — à la convention
    de partenariat conclue le … ») is printed above the title when the document is an annex.
    ``working``: a working document of the collective, said to bind nobody.
    """
    if annex:
        ptag(doc, f"if annexe_entete.{annex}")
        para(doc, f"{{{{ annexe_entete.{annex} }}}}", style="Centre")
        ptag(doc, "endif")
    heading(doc, title, level=0)
    para(doc, "{{ projet.nom }}", style="Subtitle")
    if working:
        para(doc, "Document de travail du collectif, sans valeur contractuelle.", style="Centre")


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
