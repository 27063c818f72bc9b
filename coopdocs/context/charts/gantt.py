"""The rétroplanning as a Gantt table: one row per action and task, one column per period.

Periods are weeks, months, quarters or years, the finest that fits: weeks or months on a
portrait page (up to 14 months), months, quarters or years on a landscape one beyond (the
template then gives the table a landscape section). A bar is one shaded cell spanning the
periods its dates touch; a milestone ends with ◆; the period of the date butoir, when the
project fixes one, is framed in red on every row (and only then named in the legend); the
header repeats on each page and keeps with the first row, the last row keeps with the legend,
and rows never split. An action's rows keep together (never its row alone at the foot of a
page, its tasks on the next) when a page can hold them; an action with more tasks than that
keeps with its first task only: a chain of kept rows longer than a page is dropped whole by
LibreOffice, which then leaves its start alone on a page. A row costs at most seven cells
whatever the number of periods: LibreOffice lays a table out in time proportional to its cells,
and a bar of merged cells reads as well as a row of shaded squares.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from coopdocs.context.charts.metrics import clean, text_width, wrap
from coopdocs.context.picture import Align, Cell, Row, Run, Table, Text
from coopdocs.french.dates import MONTHS_SHORT, date_courte

__all__ = ["KEPT_SHARE", "LANDSCAPE_MM", "PAGE_HEIGHT_MM", "PORTRAIT_MM", "Gantt", "Line",
           "gantt_chart"]

PORTRAIT_MM = 165.0  # text width of an A4 page with the templates' margins
LANDSCAPE_MM = 252.0
_FIXED = {False: (48.0, 17.0), True: (72.0, 17.0)}  # label and J-n columns, per orientation
_SIZE = 8.0
_LINE_MM = _SIZE * 1.2 * 25.4 / 72  # the rows' paragraphs: exact lines of 1.2 × the size
_PADDING_MM = 2 * 40 / 1440 * 25.4  # a cell's top and bottom margins (render.figures)
_SIDES_MM = 2 * 85 / 1440 * 25.4  # and its left and right ones
# Height of the text of a page of the templates (A4, 2.5 cm at the top, 2.2 cm at the bottom),
# portrait and landscape. Rows kept together (a chain of w:keepNext) take at most 80 % of it:
# an estimate of wrapped text may be a line short, and a block moved whole to the next page
# should not leave most of a page empty.
PAGE_HEIGHT_MM = {False: 250.0, True: 163.0}
KEPT_SHARE = 0.8
_MIN_COLUMN = 4.2  # mm: a period column narrower than this is a sliver
_HEADER = "D9E2F3"
_DEADLINE = "C00000"
_GREY = "595959"
# (action bar, task bar) per action, in turn; the lightness steps survive greyscale printing.
_FILLS = (("6F9FCF", "BCD4EC"), ("E59A52", "F6D2AE"), ("6DB866", "C2E2BF"),
          ("B679BB", "E0C6E2"), ("D9B93A", "F1E3A6"), ("5FB3B8", "BEE1E3"))


class Line(NamedTuple):
    """One row of the chart: an action (its tasks follow it) or a task."""

    label: str
    detail: str  # who is responsible, printed in grey after the label
    start: dt.date | None
    end: dt.date | None
    j: str  # « J-30 »: the end date counted from the date butoir
    action: bool = False
    milestone: bool = False
    late: bool = False  # ends after the date butoir


class Gantt(NamedTuple):
    table: Table
    landscape: bool
    unit: str  # « semaine », « mois », « trimestre » or « année », for the legend


@dataclass(frozen=True)
class _Period:
    start: dt.date
    end: dt.date  # exclusive
    label: str
    group: str  # what the header row above says for it (its month, its year)


def _month_start(day: dt.date, months: int = 0) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _periods(lo: dt.date, hi: dt.date, unit: str) -> list[_Period]:
    """The periods from the one holding ``lo`` to the one holding ``hi``."""
    out: list[_Period] = []
    if unit == "semaine":
        day = lo - dt.timedelta(days=lo.weekday())
        while day <= hi or len(out) < 4:
            out.append(_Period(day, day + dt.timedelta(days=7), str(day.day),
                               f"{MONTHS_SHORT[day.month - 1]} {day.year}"))
            day += dt.timedelta(days=7)
        return out
    step = {"mois": 1, "mois-initiale": 1, "trimestre": 3, "année": 12}[unit]
    day = _month_start(lo)
    day = _month_start(day, -((day.month - 1) % step))
    while day <= hi:
        after = _month_start(day, step)
        if unit == "mois":
            label = MONTHS_SHORT[day.month - 1]
        elif unit == "mois-initiale":
            label = MONTHS_SHORT[day.month - 1][0].upper()
        elif unit == "trimestre":
            label = f"T{(day.month - 1) // 3 + 1}"
        else:
            label = str(day.year)
        out.append(_Period(day, after, label, "" if unit == "année" else str(day.year)))
        day = after
    return out


def _widest(periods: Sequence[_Period]) -> float:
    return max(text_width(p.label, _SIZE, bold=True) for p in periods) + 1.0


def _choose(lo: dt.date, hi: dt.date) -> tuple[list[_Period], bool, str]:
    """The finest periods that fit: portrait first (weeks, months), then landscape."""
    options = (("semaine", False), ("mois", False), ("mois", True), ("mois-initiale", True),
               ("trimestre", True), ("année", True))
    periods: list[_Period] = []
    for unit, landscape in options:
        periods = _periods(lo, hi, unit)
        room = (LANDSCAPE_MM if landscape else PORTRAIT_MM) - sum(_FIXED[landscape])
        if max(_widest(periods), _MIN_COLUMN) * len(periods) <= room:
            return periods, landscape, unit.removesuffix("-initiale")
    return periods, True, "année"


def _text(text: str, bold: bool = False, colour: str | None = None,
          align: Align = "left") -> Text:
    return Text((Run(text, bold=bold, colour=colour),), _SIZE, align)


def _group_label(text: str, width: float) -> str:
    """The header of a group of periods, shortened when its columns are narrow."""
    for candidate in (text, text.split(" ")[0], ""):
        if text_width(candidate, _SIZE, bold=True) + 1.0 <= width:
            return candidate
    return ""


def _header(periods: Sequence[_Period], widths: Sequence[float], deadline: int | None,
            unit: str) -> list[Row]:
    label = Cell((_text("Action ou tâche", bold=True),), fill=_HEADER)
    j = Cell((_text("Échéance", bold=True, align="center"),), fill=_HEADER)
    cells = [
        Cell((_text(p.label, bold=True, align="center",
                    colour=_DEADLINE if i == deadline else None),), fill=_HEADER,
             rule=_DEADLINE if i == deadline else None, tight=True)
        for i, p in enumerate(periods)]
    if unit == "année":
        return [Row((label, j, *cells), header=True)]
    groups: list[Cell] = []
    first = 0
    for i in range(1, len(periods) + 1):
        if i == len(periods) or periods[i].group != periods[first].group:
            width = sum(widths[first:i])
            groups.append(Cell((_text(_group_label(periods[first].group, width), bold=True,
                                      align="center"),), span=i - first, fill=_HEADER,
                               tight=True))
            first = i
    return [Row((Cell(span=2, fill=_HEADER), *groups), header=True),
            Row((label, j, *cells), header=True)]


def _bar_cells(line: Line, periods: Sequence[_Period], starts: Sequence[dt.date],
               deadline: int | None, fill: str) -> list[Cell]:
    """The period cells of a row: the bar as one shaded cell, the rest merged around it, the
    deadline's period always a cell of its own."""
    count = len(periods)
    bar: tuple[int, int] | None = None
    if line.start is not None and line.end is not None:
        first = max(bisect.bisect_right(starts, line.start) - 1, 0)
        last = max(bisect.bisect_right(starts, line.end) - 1, first)
        bar = (first, last + 1)
    edges = {0, count}
    if bar:
        edges |= set(bar)
    if deadline is not None:
        edges |= {deadline, deadline + 1}
    bounds = sorted(edges)
    cells = []
    for a, b in itertools.pairwise(bounds):
        inside = bar is not None and bar[0] <= a and b <= bar[1]
        mark = (_text("◆", bold=True, align="right"),) if (
            inside and line.milestone and bar is not None and b == bar[1]) else ()
        cells.append(Cell(mark, span=b - a, fill=fill if inside else None,
                          rule=_DEADLINE if a == deadline and b == a + 1 else None, tight=True))
    return cells


def _height(line: Line, label_width: float) -> float:
    """The row's height on the page: its label (and who is responsible) wrapped in its column;
    the other cells hold one line at most."""
    text = f"{clean(line.label)} – {clean(line.detail)}" if line.detail else clean(line.label)
    lines = len(wrap(text, label_width - _SIDES_MM, _SIZE, bold=line.action, max_lines=60))
    return lines * _LINE_MM + _PADDING_MM


def _kept(lines: Sequence[Line], label_width: float, landscape: bool) -> list[bool]:
    """Which rows keep with the next: every row of an action but its last when the page can
    hold them all (with the header rows above and the legend under), else the action's row
    with its first task only; the last row with the legend."""
    keep = [False] * len(lines)
    room = PAGE_HEIGHT_MM[landscape] * KEPT_SHARE - 4 * (_LINE_MM + _PADDING_MM)
    starts = [i for i, line in enumerate(lines) if line.action or i == 0]
    for first, end in itertools.pairwise([*starts, len(lines)]):
        if sum(_height(line, label_width) for line in lines[first:end]) <= room:
            keep[first:end - 1] = [True] * (end - 1 - first)
        elif end - first > 1:
            keep[first] = True
    if lines:
        keep[-1] = True  # a legend alone on a page explains nothing
    return keep


def gantt_chart(lines: Sequence[Line], deadline: dt.date | None) -> Gantt:
    """The chart of ``lines`` (each action followed by its tasks), framing ``deadline``."""
    dates = [d for line in lines for d in (line.start, line.end) if d is not None]
    if deadline is not None:
        dates.append(deadline)
    if not dates:
        raise ValueError("Aucune date à représenter dans le rétroplanning.")
    periods, landscape, unit = _choose(min(dates), max(dates))
    label_width, j_width = _FIXED[landscape]
    room = (LANDSCAPE_MM if landscape else PORTRAIT_MM) - label_width - j_width
    widths = [room / len(periods)] * len(periods)
    starts = [p.start for p in periods]
    where = (bisect.bisect_right(starts, deadline) - 1) if deadline is not None else None
    rows = _header(periods, widths, where, unit)
    action = -1
    kept = _kept(lines, label_width, landscape)
    for line, keep in zip(lines, kept, strict=True):
        if line.action:
            action += 1
        bar, task = _FILLS[max(action, 0) % len(_FILLS)]
        runs = [Run(clean(line.label), bold=line.action)]
        if line.detail:
            runs.append(Run(f" – {clean(line.detail)}", colour=_GREY))
        label = Cell((Text(tuple(runs), _SIZE),))
        j = Cell((_text(line.j, bold=line.action or line.late, align="center",
                        colour=_DEADLINE if line.late else None),))
        fill = bar if line.action else task
        rows.append(Row((label, j, *_bar_cells(line, periods, starts, where, fill)),
                        keep=keep))
    legend = [Run("◆\u00a0: jalon. "),
              Run("Barres foncées\u00a0: les actions\u202f; claires\u00a0: leurs tâches. ")]
    if deadline is not None:
        legend.append(Run(f"Encadrée de rouge\u00a0: la période de la date butoir "
                          f"({date_courte(deadline)}).", colour=_DEADLINE))
    rows.append(Row((Cell((Text(tuple(legend), _SIZE),), span=2 + len(periods)),)))
    title = f"Rétroplanning ({unit} par {unit})" if unit != "année" else "Rétroplanning"
    return Gantt(Table((label_width, j_width, *widths), tuple(rows), title), landscape, unit)
