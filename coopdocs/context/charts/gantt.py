"""The rétroplanning as a Gantt table: one row per action and task, one column per period.

Periods are weeks, months, quarters or years, the finest that fits: weeks or months on a
portrait page (up to 14 months), months, quarters or years on a landscape one beyond (the
template then gives the table a landscape section). A bar is one shaded cell spanning the
periods its dates touch; a milestone ends with ◆; the period of the date butoir, when the
project fixes one, is framed in red on every row (and only then named in the legend); the
header repeats on each page and keeps with the first row, the last row keeps with the legend,
and rows never split. A row costs at most seven cells whatever the number of periods:
LibreOffice lays a table out in time proportional to its cells, and a bar of merged cells reads
as well as a row of shaded squares.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

from coopdocs.context.charts.metrics import clean, text_width
from coopdocs.context.picture import Align, Cell, Row, Run, Table, Text
from coopdocs.french.dates import MONTHS_SHORT, date_courte

__all__ = ["LANDSCAPE_MM", "PORTRAIT_MM", "Gantt", "Line", "gantt_chart"]

PORTRAIT_MM = 165.0  # text width of an A4 page with the templates' margins
LANDSCAPE_MM = 252.0
_FIXED = {False: (48.0, 17.0), True: (72.0, 17.0)}  # label and J-n columns, per orientation
_SIZE = 8.0
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
    for line in lines:
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
        # The last row keeps with the legend: a legend alone on a page explains nothing.
        rows.append(Row((label, j, *_bar_cells(line, periods, starts, where, fill)),
                        keep=line is lines[-1]))
    legend = [Run("◆\u00a0: jalon. "),
              Run("Barres foncées\u00a0: les actions\u202f; claires\u00a0: leurs tâches. ")]
    if deadline is not None:
        legend.append(Run(f"Encadrée de rouge\u00a0: la période de la date butoir "
                          f"({date_courte(deadline)}).", colour=_DEADLINE))
    rows.append(Row((Cell((Text(tuple(legend), _SIZE),), span=2 + len(periods)),)))
    title = f"Rétroplanning ({unit} par {unit})" if unit != "année" else "Rétroplanning"
    return Gantt(Table((label_width, j_width, *widths), tuple(rows), title), landscape, unit)
