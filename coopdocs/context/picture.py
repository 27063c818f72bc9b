"""Pictures of the context, in Word's own terms: tables and drawings, not bitmaps.

A picture is data the renderer writes as WordprocessingML where a template prints it
(`coopdocs.render.figures`): a `Table` (the rétroplanning's Gantt chart, the influence ×
intérêt grid) or a `Drawing` (the circles of engagement: ellipses and text boxes). Their text
is real text in the document's own font: it can be selected, searched and corrected in Word or
LibreOffice, and prints as crisply as the rest of the page. `context.charts` lays them out.

Lengths are millimetres, text sizes points, colours six hexadecimal digits (RGB). Text holds
nothing XML cannot (`charts.metrics.clean`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Align", "Cell", "Drawing", "Ellipse", "Figure", "Label", "Row", "Run", "Table",
           "Text"]

Align = Literal["left", "center", "right"]


@dataclass(frozen=True, slots=True)
class Run:
    """A piece of text with one look."""

    text: str
    bold: bool = False
    italic: bool = False
    colour: str | None = None  # None: the document's text colour


@dataclass(frozen=True, slots=True)
class Text:
    """One paragraph: runs in one size, lines ``size × 1.2`` points apart."""

    runs: tuple[Run, ...]
    size: float = 8.0
    align: Align = "left"

    @property
    def line_mm(self) -> float:
        return self.size * 1.2 * 25.4 / 72


@dataclass(frozen=True, slots=True)
class Cell:
    """A table cell spanning ``span`` columns of the grid."""

    paragraphs: tuple[Text, ...] = ()
    span: int = 1
    fill: str | None = None
    rule: str | None = None  # colour of a thick line on both sides (the deadline's column)
    tight: bool = False  # no side margins: narrow time columns


@dataclass(frozen=True, slots=True)
class Row:
    cells: tuple[Cell, ...]
    header: bool = False  # repeated at the top of every page the table runs over
    whole: bool = True  # never split across two pages
    keep: bool = False  # on the same page as the next row (a header row always is)


@dataclass(frozen=True, slots=True)
class Table:
    """A table ``sum(widths)`` millimetres wide: one width per column of its grid."""

    widths: tuple[float, ...]
    rows: tuple[Row, ...]
    title: str  # the table's caption for screen readers
    lines: str = "8EAADB"  # colour of the grid lines (the documents' tables have this one)

    def __post_init__(self) -> None:
        for row in self.rows:
            if sum(cell.span for cell in row.cells) != len(self.widths):
                raise ValueError("every row of a Table must span exactly its columns")


@dataclass(frozen=True, slots=True)
class Ellipse:
    """An ellipse given by its bounding box (top-left corner, width, height)."""

    x: float
    y: float
    width: float
    height: float
    fill: str
    line: str = "4D4D4D"

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.width / 2, self.y + self.height / 2


@dataclass(frozen=True, slots=True)
class Label:
    """A text box without border or fill: its text is centred in the box, never wrapped."""

    x: float
    y: float
    width: float
    height: float
    paragraphs: tuple[Text, ...]

    @property
    def box(self) -> tuple[float, float, float, float]:
        """Left, top, right, bottom."""
        return self.x, self.y, self.x + self.width, self.y + self.height


@dataclass(frozen=True, slots=True)
class Drawing:
    """Shapes drawn in order (ellipses first, labels on top), inline in the text."""

    width: float
    height: float
    ellipses: tuple[Ellipse, ...]
    labels: tuple[Label, ...]
    title: str  # the drawing's name in Word's selection pane
    description: str  # what the drawing shows, for screen readers


Figure = Table | Drawing
