"""The context's pictures as WordprocessingML, where a template prints them.

The sandbox's `finalize` hands a printed `Table` or `Drawing` (`coopdocs.context.picture`) to
`wordml`. A drawing is inline in the text, like a letter: its run closes the template's run
and reopens one after it. It is written as Word writes a group of shapes: inside an
``mc:AlternateContent`` whose choice requires the Word 2010 group namespace (``wpg``), which
Word 2010 and later and LibreOffice read. Without a fallback, an older reader shows nothing
there instead of calling the file damaged (the circles' members are also in a table of the
document); the schema check (`lint.ooxml`) sees the part as such a reader does.

A table is a block: it closes the template's paragraph and opens a new one after it;
`settle` then removes the paragraph the tag leaves empty before the table (never one that
holds text, a bookmark or the end of a section), so a tag alone on its line becomes the
table itself.

Their text is finished as it is written (`render.finish.finished_runs`), and holds nothing XML
forbids (`xmltext.clean_text`). While a part renders, a picture is held out of it (`Held`): the
template prints a placeholder, and the picture's content joins the part's bytes once the part
has been parsed, checked for lost words and finished.

Nothing here names a font: every run takes the document's own (its default paragraph font),
so a legal adviser who changes the template's font changes the pictures' too. Sizes, colours
and spacing are explicit, so a template without coopdocs' styles prints the same pictures.
Drawing shape ids are placeholders that the renderer numbers with the document's others.
"""

from __future__ import annotations

import contextvars
import re
import secrets
from collections.abc import Iterable

from markupsafe import escape

from coopdocs.context.picture import Cell, Drawing, Figure, Label, Row, Table, Text
from coopdocs.render.finish import finished_runs
from coopdocs.render.xmltext import clean_text

__all__ = ["BLOCK_MARK", "Held", "held", "settle", "wordml"]

_EMU_PER_MM = 36000
_TWIPS_PER_MM = 1440 / 25.4
BLOCK_MARK = "<!--coopdocs-bloc-->"
_NS = ('xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
       'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
       'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
       'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
       'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"')
_GROUP = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
_DEADLINE_RULE = 12  # eighths of a point: a 1.5 pt line
_JC = {"left": "left", "center": "center", "right": "right"}


def wordml(figure: Figure) -> str:
    """The markup that replaces the tag printing ``figure`` (inside a run of the template)."""
    return _placed(figure, _content(figure))


def _placed(figure: Figure, content: str) -> str:
    """``content`` (a drawing's ``wp:inline``, a table) where the tag printing ``figure`` was."""
    if isinstance(figure, Drawing):
        # "wpg" exactly: LibreOffice compares the prefix named in Requires, as Word writes it.
        return (f'</w:t></w:r><w:r><mc:AlternateContent {_NS}><mc:Choice Requires="wpg">'
                f"<w:drawing>{content}</w:drawing></mc:Choice></mc:AlternateContent>"
                '</w:r><w:r><w:t xml:space="preserve">')
    return '</w:t></w:r></w:p>' + BLOCK_MARK + content + '<w:p><w:r><w:t xml:space="preserve">'


def _content(figure: Figure) -> str:
    return _drawing(figure) if isinstance(figure, Drawing) else _table(figure)


class Held:
    """The pictures one rendered part prints, held out of its XML until the part has been
    parsed, checked and finished, then written into its bytes (`splice`).

    A picture's markup is coopdocs' own, well formed by construction (every text escaped and
    `clean_text`, every number formatted here) and finished as it is written
    (`render.finish.finished_runs`, as body text: a picture printed in a header does not get
    the header's unbreakable quotations). Parsing it with each document, looking for lost
    words in it and finishing it again took a quarter of a document's checks (a quarter of the
    bytes of the benchmark's parts are pictures). What the template decides is still checked:
    where the tag sat (the runs and paragraphs the placeholder closes and opens) and, for a
    drawing, its place in a run (the placeholder keeps its ``w:drawing``).

    A placeholder names its render (a random token) and its picture: one typed in a template
    matches neither, and is refused rather than taken for a picture.
    """

    __slots__ = ("_token", "figures")

    def __init__(self) -> None:
        self.figures: list[Figure] = []
        self._token = secrets.token_hex(4)

    def clear(self) -> None:
        self.figures.clear()

    def hold(self, figure: Figure) -> str:
        """What the template prints for ``figure``: its frame, with a processing instruction
        where its content goes."""
        self.figures.append(figure)
        return _placed(figure, f"<?{_HOLE_NAME} {self._token}-{len(self.figures) - 1}?>")

    def splice(self, data: bytes) -> bytes:
        """The serialised part ``data`` with the content of each picture in its place.
        Raises ValueError for a placeholder this render did not print (typed in a template)."""
        if not self.figures and _HOLE_START not in data:
            return data
        made: dict[int, bytes] = {}
        token = self._token.encode()

        def content(match: re.Match[bytes]) -> bytes:
            if match[1] != token or int(match[2]) >= len(self.figures):
                raise ValueError(f"unknown picture {match[0]!r}")
            index = int(match[2])
            if index not in made:  # printed twice by a {% set %} block: written twice
                made[index] = _content(self.figures[index]).encode("utf-8")
            return made[index]

        return _HOLE.sub(content, data)


_HOLE_NAME = "coopdocs-figure"
_HOLE_START = b"<?" + _HOLE_NAME.encode()
_HOLE = re.compile(re.escape(_HOLE_START) + rb"(?: ([0-9a-f]*)-(\d+))?[^?]*\?>")
# The pictures of the part being rendered (`render.template`); None: written in place.
held: contextvars.ContextVar[Held | None] = contextvars.ContextVar("coopdocs_held",
                                                                   default=None)


# The paragraph a table's tag leaves behind: paragraph properties without a section break,
# then only empty runs.
_EMPTY_BEFORE = re.compile(
    r"<w:p(?: [^>]*)?>(?:<w:pPr>(?:(?!<w:sectPr|</w:pPr>).)*</w:pPr>)?"
    r"(?:<w:r(?: [^>]*)?>(?:<w:rPr>(?:(?!</w:rPr>).)*</w:rPr>)?"
    r"(?:<w:t(?: [^>]*)?>\s*</w:t>|<w:t/>)?</w:r>)*</w:p>", re.DOTALL)
_PARAGRAPH_START = re.compile(r"<w:p[ >]")
_LOOK_BACK = 3000  # characters: a tag's paragraph is far shorter


def settle(xml: str) -> str:
    """Drop the empty paragraph left before each table, and the marks `wordml` left."""
    out: list[str] = []
    done = 0
    for found in re.finditer(re.escape(BLOCK_MARK), xml):
        window_start = max(done, found.start() - _LOOK_BACK)
        starts = list(_PARAGRAPH_START.finditer(xml, window_start, found.start()))
        cut = found.start()
        if starts and _EMPTY_BEFORE.fullmatch(xml, starts[-1].start(), found.start()):
            cut = starts[-1].start()
        out.append(xml[done:cut])
        done = found.end()
    out.append(xml[done:])
    return "".join(out)


# --------------------------------------------------------------------------- text


def _paragraph(text: Text, keep: bool = False) -> str:
    size = round(text.size * 2)
    spacing = (f'<w:spacing w:before="0" w:after="0" w:line="{round(text.size * 24)}" '
               'w:lineRule="exact"/>')
    ppr = (f'<w:pPr>{"<w:keepNext/>" if keep else ""}{spacing}<w:jc w:val="{_JC[text.align]}"/>'
           f'<w:rPr><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:pPr>')
    runs = []
    for run in text.runs:
        rpr = (("<w:b/><w:bCs/>" if run.bold else "") + ("<w:i/><w:iCs/>" if run.italic else "")
               + (f'<w:color w:val="{run.colour}"/>' if run.colour else "")
               + f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
        runs.append(finished_runs(clean_text(run.text), rpr))
    return f"<w:p>{ppr}{''.join(runs)}</w:p>"


def _paragraphs(texts: Iterable[Text], keep: bool = False) -> str:
    out = "".join(_paragraph(text, keep) for text in texts)
    if out:
        return out
    # An empty cell keeps too: a row keeps with the next only when all its paragraphs do (the
    # blank corner of the Gantt chart's header let its header end a page alone).
    return (f'<w:p><w:pPr>{"<w:keepNext/>" if keep else ""}'
            '<w:spacing w:before="0" w:after="0" w:line="192" w:lineRule="exact"/>'
            '<w:rPr><w:sz w:val="16"/></w:rPr></w:pPr></w:p>')


# --------------------------------------------------------------------------- tables


def _twips(mm: float) -> int:
    return round(mm * _TWIPS_PER_MM)


def _cell(cell: Cell, width: int, keep: bool) -> str:
    props = [f'<w:tcW w:w="{width}" w:type="dxa"/>']
    if cell.span > 1:
        props.append(f'<w:gridSpan w:val="{cell.span}"/>')
    if cell.rule:
        line = f'w:val="single" w:sz="{_DEADLINE_RULE}" w:space="0" w:color="{cell.rule}"'
        props.append(f"<w:tcBorders><w:left {line}/><w:right {line}/></w:tcBorders>")
    if cell.fill:
        props.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{cell.fill}"/>')
    if cell.tight:
        props.append('<w:tcMar><w:left w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/>'
                     "</w:tcMar>")
    return f"<w:tc><w:tcPr>{''.join(props)}</w:tcPr>{_paragraphs(cell.paragraphs, keep)}</w:tc>"


def _row(row: Row, widths: list[int]) -> str:
    props = ("<w:cantSplit/>" if row.whole else "") + ("<w:tblHeader/>" if row.header else "")
    cells = []
    column = 0
    for cell in row.cells:
        cells.append(_cell(cell, sum(widths[column:column + cell.span]),
                           row.header or row.keep))
        column += cell.span
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(cells)}</w:tr>"


def _table(table: Table) -> str:
    widths = [_twips(w) for w in table.widths]
    line = f'w:val="single" w:sz="4" w:space="0" w:color="{table.lines}"'
    borders = "".join(f"<w:{side} {line}/>"
                      for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    props = (f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
             f"<w:tblBorders>{borders}</w:tblBorders>"
             '<w:tblLayout w:type="fixed"/>'
             '<w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>'
             '<w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
             '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
             'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
             f'<w:tblCaption w:val="{escape(clean_text(table.title))}"/>')
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    rows = "".join(_row(row, widths) for row in table.rows)
    return f"<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{rows}</w:tbl>"


# --------------------------------------------------------------------------- drawings


def _emu(mm: float) -> int:
    return round(mm * _EMU_PER_MM)


def _xfrm(x: float, y: float, width: float, height: float) -> str:
    return (f'<a:xfrm><a:off x="{_emu(x)}" y="{_emu(y)}"/>'
            f'<a:ext cx="{_emu(width)}" cy="{_emu(height)}"/></a:xfrm>')


def _text_box(number: int, label: Label) -> str:
    return (f'<wps:wsp><wps:cNvPr id="{number}" name="Texte {number}"/><wps:cNvSpPr txBox="1"/>'
            f"<wps:spPr>{_xfrm(label.x, label.y, label.width, label.height)}"
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln>'
            f"</wps:spPr><wps:txbx><w:txbxContent>{_paragraphs(label.paragraphs)}"
            "</w:txbxContent></wps:txbx>"
            '<wps:bodyPr rot="0" vert="horz" wrap="none" lIns="0" tIns="0" rIns="0" bIns="0" '
            'anchor="ctr" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp>')


def _drawing(drawing: Drawing) -> str:
    shapes = []
    number = 0
    for ellipse in drawing.ellipses:
        number += 1
        shapes.append(
            f'<wps:wsp><wps:cNvPr id="{number}" name="Cercle {number}"/><wps:cNvSpPr/>'
            f"<wps:spPr>{_xfrm(ellipse.x, ellipse.y, ellipse.width, ellipse.height)}"
            '<a:prstGeom prst="ellipse"><a:avLst/></a:prstGeom>'
            f'<a:solidFill><a:srgbClr val="{ellipse.fill}"/></a:solidFill>'
            f'<a:ln w="9525"><a:solidFill><a:srgbClr val="{ellipse.line}"/></a:solidFill></a:ln>'
            "</wps:spPr><wps:bodyPr/></wps:wsp>")
    for label in drawing.labels:
        number += 1
        shapes.append(_text_box(number, label))
    cx, cy = _emu(drawing.width), _emu(drawing.height)
    size = f'<a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>'
    return ('<wp:inline distT="0" distB="0" distL="0" distR="0">'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="1" name="{escape(clean_text(drawing.title))}" '
            f'descr="{escape(clean_text(drawing.description))}"/><wp:cNvGraphicFramePr/>'
            f'<a:graphic><a:graphicData uri="{_GROUP}"><wpg:wgp><wpg:cNvGrpSpPr/>'
            f'<wpg:grpSpPr><a:xfrm>{size}<a:chOff x="0" y="0"/><a:chExt cx="{cx}" cy="{cy}"/>'
            f"</a:xfrm></wpg:grpSpPr>{''.join(shapes)}</wpg:wgp></a:graphicData></a:graphic>"
            "</wp:inline>")
