"""The pictures: engagement circles, influence × intérêt grid and rétroplanning Gantt chart.

Each public function returns PNG bytes and writes nothing. Figures are built with matplotlib's
object-oriented API on an Agg canvas, never pyplot, so no global state leaks between calls,
threads or worker processes. matplotlib is imported inside the functions: importing it costs more
than the whole ``coopdocs --help`` budget. The same input always gives the same bytes (fixed size
and dpi, no "Software" metadata, no timestamp).

Pictures are 17 cm wide, the text width of an A4 page with 2 cm margins, and stay readable when
printed in black and white: fills differ in lightness and every zone carries a written label.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.text import Text

__all__ = ["CIRCLES", "DPI", "STRATEGIES", "circles_png", "gantt_png", "grid_png", "strategy"]

DPI = 200
WIDTH_CM = 17.0
_IN = 1 / 2.54  # inches per cm
_PT = 2.54 / 72  # cm per typographic point

CIRCLES = ("coeur", "operationnel", "soutien", "environnement")  # from the centre outwards
_CIRCLE_TITLES = ("Cœur", "Opérationnel", "Soutien", "Environnement")
STRATEGIES = ("gérer étroitement", "satisfaire", "informer", "surveiller")
_LEVELS = {"faible": 0, "moyen": 1, "moyenne": 1, "fort": 2, "forte": 2}
# CLDR's French abbreviations (Babel's "MMM"), spelled out to spare loading locale data.
_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin")
_MONTHS += ("juil.", "août", "sept.", "oct.", "nov.", "déc.")
_INK = "#1a1a1a"


def strategy(influence: str, interet: str) -> str:
    """Mendelow strategy for a stakeholder: the text of the table and the quadrants of the grid.

    Levels are ``faible``, ``moyen`` (or ``moyenne``) and ``fort`` (or ``forte``). Only « fort »
    counts as high: « moyen » falls on the low side. With three levels, treating « moyen » as
    high would put five of the nine cells under « gérer étroitement » or beside it and dilute the
    close attention the quadrant is meant to focus on the few key players; a medium stakeholder
    is watched (« surveiller ») or kept satisfied/informed, and moves quadrant when a level
    becomes « fort ».

    ========== ============================== ==============================
    influence  intérêt faible ou moyen        intérêt fort
    ========== ============================== ==============================
    fort       satisfaire                     gérer étroitement
    faible/moy surveiller                     informer
    ========== ============================== ==============================
    """
    high_influence = _level(influence, "influence") == 2
    high_interest = _level(interet, "intérêt") == 2
    if high_influence:
        return "gérer étroitement" if high_interest else "satisfaire"
    return "informer" if high_interest else "surveiller"


def _level(value: object, what: str) -> int:
    try:
        return _LEVELS[str(value).strip().lower()]
    except KeyError:
        raise ValueError(
            f"Niveau d'{what} « {value} » inconnu : valeurs possibles faible, moyen, fort."
        ) from None


@lru_cache(maxsize=1)
def _drawable() -> frozenset[int]:
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties(family="DejaVu Sans"))
    return frozenset(FT2Font(path).get_charmap())


def _clean(value: object, fallback: str = "(sans nom)") -> str:
    """Collapse whitespace and drop what the font cannot draw.

    Dropping an emoji beats matplotlib's empty box plus one warning per glyph and per call.
    """
    known = _drawable()
    text = "".join(
        c for c in str(value if value is not None else "") if c.isspace() or ord(c) in known
    )
    return " ".join(text.split()) or fallback


def _fit(text: str, width: int, max_lines: int) -> str:
    width = max(width, 4)
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip(" ,;:-") + "…"
    return "\n".join(lines)


def _figure(height_cm: float) -> Figure:
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(WIDTH_CM * _IN, height_cm * _IN), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def _png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, facecolor="white", metadata={"Software": None})
    return buf.getvalue()


def _text(ax: Axes, x: float, y: float, s: str, **kw: Any) -> Text:
    # parse_math=False: a "$" in a name must not start TeX math mode.
    return ax.text(x, y, s, parse_math=False, color=kw.pop("color", _INK), **kw)


# --------------------------------------------------------------------------- engagement circles

_RADII = (2.3, 3.9, 5.5, 7.1)  # outer radius (cm) of each circle; the core is wider: it is a disk
_RING_FILLS = ("#9ec2df", "#c0d8ec", "#dbe8f4", "#f2f7fb")  # lightness steps survive greyscale
_CIRCLES_H = 15.6
_DOT = 0.2  # marker diameter, cm


def _circle_key(value: object, name: str) -> int:
    key = str(value or "").strip().lower().replace("œ", "oe").replace("é", "e")
    if key in CIRCLES:
        return CIRCLES.index(key)
    raise ValueError(
        f"Partie prenante « {name} » : cercle « {value} » inconnu (valeurs "
        "possibles : coeur, operationnel, soutien, environnement)."
    )


_Box = tuple[float, float, float, float]
_Size = tuple[float, float]
_Spot = tuple[float, float, bool]  # dot x, dot y, name to the left of the dot
_HALO = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75}
_MARK = {"marker": "o", "mec": "black", "mew": 0.9, "zorder": 3}
_KINDS = (("black", "Partenaire signataire"), ("white", "Autre partie prenante"))


def _box_cm(artist: Any, ax: Axes, renderer: RendererBase) -> tuple[float, float, float, float]:
    (x0, y0), (x1, y1) = ax.transData.inverted().transform(
        artist.get_window_extent(renderer).get_points()
    )
    return x0, y0, x1, y1


def circles_png(stakeholders: Sequence[Mapping[str, Any]]) -> bytes:
    """Draw the four circles of engagement with every stakeholder as a dot in its ring.

    Each stakeholder is ``{"nom", "cercle", "partenaire"}``; partners are filled dots, others
    hollow. Labels are placed one by one, each at the free spot of its ring that is nearest to
    an even angular spread (see ``_place``), so names never overlap.
    """
    if not stakeholders:
        raise ValueError("Aucune partie prenante à placer sur les cercles d'engagement.")
    rings: list[list[tuple[str, bool]]] = [[], [], [], []]
    for sh in stakeholders:
        name = _clean(sh.get("nom"))
        rings[_circle_key(sh.get("cercle"), name)].append((name, bool(sh.get("partenaire"))))

    import numpy as np
    from matplotlib.patches import Circle

    fig = _figure(_CIRCLES_H)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_axis_off()
    # Axes fill the figure and limits equal its size in cm: one data unit is one cm both ways.
    half_w, half_h = WIDTH_CM / 2, _CIRCLES_H / 2
    ax.set_xlim(-half_w, half_w)
    ax.set_ylim(-half_h, half_h)
    for radius, fill in reversed(list(zip(_RADII, _RING_FILLS, strict=True))):
        ax.add_patch(Circle((0, 0), radius, facecolor=fill, edgecolor="#4d4d4d", lw=0.9))
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]
    taken: list[_Box] = []

    for i, title in enumerate(_CIRCLE_TITLES):
        y = _RADII[0] - 0.42 if i == 0 else (_RADII[i - 1] + _RADII[i]) / 2
        label = _text(ax, 0, y, title, ha="center", va="center", fontsize=8.5, weight="bold")
        taken.append(_box_cm(label, ax, renderer))

    # Legend in the bottom-left corner, which the outer circle leaves empty.
    for row, (fill, caption) in enumerate(_KINDS):
        y = -half_h + 0.75 - row * 0.42
        ax.plot([-half_w + 0.4], [y], ms=_DOT / _PT, mfc=fill, **_MARK)
        label = _text(ax, -half_w + 0.65, y, caption, va="center", fontsize=7.5)
        taken.append(_box_cm(label, ax, renderer))
    taken.append((-half_w, -half_h, taken[-1][2], -half_h + 1.0))

    total = len(stakeholders)
    size, width, lines = (
        (7.5, 22, 3) if total <= 10 else (7, 20, 3) if total <= 18 else (6.5, 18, 2)
    )
    for ring, members in enumerate(rings):
        for k, (name, partner) in enumerate(members):
            text = _fit(name, width, lines)
            label = _text(ax, 0, 0, text, va="center", fontsize=size, linespacing=1.1, bbox=_HALO)
            x0, y0, x1, y1 = _box_cm(label, ax, renderer)
            box = (_DOT + 0.12 + x1 - x0 + 0.1, max(y1 - y0, _DOT) + 0.1)
            x, y, leftward = _place(np, ring, (k, len(members)), box, taken)
            ax.plot([x], [y], ms=_DOT / _PT, mfc="black" if partner else "white", **_MARK)
            label.set_position((x - _DOT / 2 - 0.08 if leftward else x + _DOT / 2 + 0.08, y))
            label.set_horizontalalignment("right" if leftward else "left")
            left = x + _DOT / 2 + 0.04 - box[0] if leftward else x - _DOT / 2 - 0.04
            taken.append((left, y - box[1] / 2, left + box[0], y + box[1] / 2))
    return _png(fig)


def _place(np: Any, ring: int, rank: _Size, box: _Size, taken: list[_Box]) -> _Spot:
    """Best free spot for a dot whose name box is ``box`` (width, height) cm: x, y, leftward.

    Rings offer dots at 90 angles and three radii (alternating radii is what lets many names
    share a ring); the name runs away from the centre, to the left on the left half. The core
    offers a grid of dots and stacks names in a column under its title. The score is overlap
    with what is already drawn, then how much of the name spills out of its ring, then the
    distance from an even spread (``rank`` is the stakeholder's place and the ring's count).
    """
    inner, outer = (_RADII[ring - 1] if ring else 0.0), _RADII[ring]
    if ring == 0:
        px, py = (a.ravel() for a in np.meshgrid(np.arange(-2.0, 2.0, 0.1), np.arange(-2, 2, 0.1)))
        ideal_x, ideal_y, scale = _DOT - box[0] / 2, 0.75 * ((rank[1] - 1) / 2 - rank[0]) - 0.3, 1.0
    else:
        theta = np.linspace(0, 2 * np.pi, 90, endpoint=False)
        radii = [inner + f * (outer - inner) for f in (0.5, 0.27, 0.73)]
        px = np.concatenate([r * np.cos(theta) for r in radii])
        py = np.concatenate([r * np.sin(theta) for r in radii])
        ideal = np.pi / 2 + 2 * np.pi * (rank[0] + 0.5) / rank[1]
        scale = (inner + outer) / 2
        ideal_x, ideal_y = scale * np.cos(ideal), scale * np.sin(ideal)
    leftward = (px < -0.3) & (ring > 0)
    x0 = np.where(leftward, px + _DOT / 2 + 0.04 - box[0], px - _DOT / 2 - 0.04)
    x1, y0, y1 = x0 + box[0], py - box[1] / 2, py + box[1] / 2
    dot_r = np.hypot(px, py)
    half_w, half_h = WIDTH_CM / 2 - 0.1, _CIRCLES_H / 2 - 0.1
    ok = (dot_r >= inner + 0.22) & (dot_r <= outer - 0.22)
    ok &= (x0 >= -half_w) & (x1 <= half_w) & (y0 >= -half_h) & (y1 <= half_h)
    obstacles = np.array(taken)
    dx = np.minimum(x1[:, None], obstacles[:, 2]) - np.maximum(x0[:, None], obstacles[:, 0])
    dy = np.minimum(y1[:, None], obstacles[:, 3]) - np.maximum(y0[:, None], obstacles[:, 1])
    overlap = (np.clip(dx, 0, None) * np.clip(dy, 0, None)).sum(axis=1)
    spill = np.zeros_like(px)
    # Spilling out of the outer circle hides nothing, so it costs less.
    beyond = 0.3 if ring == len(_RADII) - 1 else 1.0
    for fx in (0.0, 0.5, 1.0):
        for fy in (0.0, 0.5, 1.0):
            r = np.hypot(x0 + fx * box[0], y0 + fy * box[1])
            spill += (r < inner) + (r > outer) * beyond
    drift = np.hypot(px - ideal_x, py - ideal_y) / scale
    best = int(np.argmin(100 * overlap + 0.15 * spill + 0.5 * drift + 1000 * ~ok))
    return float(px[best]), float(py[best]), bool(leftward[best])


# --------------------------------------------------------------------------- influence × intérêt

_QUADRANTS = (  # (strategy, x, y, width, height) in cells; "moyen" sits on the low side
    ("gérer étroitement", 2, 2, 1, 1, "#f4c2b3"),
    ("satisfaire", 0, 2, 2, 1, "#fbe2b4"),
    ("informer", 2, 0, 1, 2, "#cfe2f2"),
    ("surveiller", 0, 0, 2, 2, "#efefef"),
)
_QUADRANT_LINE = {"color": "#333333", "lw": 1.6}
_GRID_H = 12.5
_LEGEND = {"frameon": False, "fontsize": 7, "borderaxespad": 0, "labelspacing": 0.3}
_GRID_BOX = (2.3, 1.7, 0.3, 0.3)  # left, bottom, right, top margins in cm


def grid_png(stakeholders: Sequence[Mapping[str, Any]]) -> bytes:
    """Place stakeholders on the 3 × 3 influence (y) × intérêt (x) grid with Mendelow quadrants.

    Each stakeholder is ``{"nom", "influence", "interet"}`` (plus optional ``partenaire``);
    those missing either level are left out. Quadrants follow ``strategy``: « moyen » is on the
    low side, so the quadrant lines run between « moyen » and « fort ». Names sharing a cell
    are listed one under the other, in columns and smaller type when needed, and as a last
    resort the cell ends with « + N autres ».
    """
    cells: dict[tuple[int, int], list[tuple[str, bool]]] = {}
    for sh in stakeholders:
        if sh.get("influence") in (None, "") or sh.get("interet") in (None, ""):
            continue
        name = _clean(sh.get("nom"))
        key = (_level(sh["interet"], "intérêt"), _level(sh["influence"], "influence"))
        cells.setdefault(key, []).append((name, bool(sh.get("partenaire"))))
    if not cells:
        raise ValueError(
            "Aucune partie prenante avec une influence et un intérêt à placer sur la grille."
        )

    from matplotlib.lines import Line2D
    from matplotlib.patches import Rectangle

    fig = _figure(_GRID_H)
    left, bottom, right, top = _GRID_BOX
    plot_w, plot_h = WIDTH_CM - left - right, _GRID_H - bottom - top
    ax = fig.add_axes((left / WIDTH_CM, bottom / _GRID_H, plot_w / WIDTH_CM, plot_h / _GRID_H))
    ax.set_xlim(0, 3)
    ax.set_ylim(0, 3)
    cell_w, cell_h = plot_w / 3, plot_h / 3
    for name, x, y, w, h, fill in _QUADRANTS:
        ax.add_patch(Rectangle((x, y), w, h, facecolor=fill, edgecolor="none", zorder=0))
        # The title sits in the region's top-left cell, which keeps a header line free.
        at = (x + 0.12 / cell_w, y + h - 0.12 / cell_h)
        _text(ax, *at, name.capitalize(), va="top", fontsize=8.5, weight="bold", zorder=2)
    for pos, style in ((1, {"color": "#888888", "lw": 0.5, "ls": ":"}), (2, _QUADRANT_LINE)):
        ax.axvline(pos, **style)
        ax.axhline(pos, **style)
    ax.set_xticks([0.5, 1.5, 2.5], ["Faible", "Moyen", "Fort"], fontsize=8)
    ax.set_yticks([0.5, 1.5, 2.5], ["Faible", "Moyenne", "Forte"], fontsize=8)
    ax.tick_params(length=0)
    ax.set_xlabel("Intérêt pour le projet", fontsize=9, weight="bold")
    ax.set_ylabel("Influence sur le projet", fontsize=9, weight="bold")

    headed = {(x, y + h - 1) for _, x, y, _, h, _ in _QUADRANTS}
    for (col, row), members in sorted(cells.items()):
        header = 0.45 if (col, row) in headed else 0.0
        fontsize, placed = _cell_layout(members, cell_w - 0.3, cell_h - 0.3 - header)
        for x_cm, y_cm, text, partner in placed:
            x = col + (0.15 + x_cm) / cell_w
            y = row + 1 - (0.15 + header + y_cm) / cell_h
            if partner is not None:
                dot_y = y - fontsize * _PT * 0.55 / cell_h
                ax.plot([x + 0.06 / cell_w], [dot_y], ms=3.6, mfc=_KINDS[not partner][0], **_MARK)
            style = "italic" if partner is None else "normal"
            _text(ax, x + 0.18 / cell_w, y, text, va="top", fontsize=fontsize, style=style)
    if any(p for members in cells.values() for _, p in members):
        handles = [Line2D([], [], ls="", ms=4.5, mfc=f, label=c, **_MARK) for f, c in _KINDS]
        # One column at the far right, clear of the centred axis title.
        ax.legend(handles=handles, loc="upper right", bbox_to_anchor=(1.0, -0.055), **_LEGEND)
    return _png(fig)


_Named = tuple[str, bool | None]  # name, partner (None: the « + N autres » line)
_Shape = tuple[int, int, float, float]  # columns, lines per column, column width, line height
_Entry = tuple[float, float, str, bool | None]
_Entries = list[_Entry] | None  # x, y (cm from the cell's corner), text, partner


def _cell_layout(
    members: list[tuple[str, bool]],
    width: float,
    height: float,
) -> tuple[float, list[_Entry]]:
    """Font size and (x, y, text, partner) offsets in cm from a cell's top-left corner.

    Tries two lines per name before one, then the largest type, then one column before several;
    widths are estimated from the character count (0.6 em a character errs on the wide side
    for DejaVu Sans) rather than measured, which keeps this free of any renderer.
    """
    for max_lines in (2, 1):
        for fontsize in (7.5, 7.0, 6.5, 6.0):
            line = fontsize * _PT * 1.2
            capacity = max(int(height / line), 1)
            for cols in (1, 2, 3):
                col_w = width / cols
                chars = int((col_w - 0.25) / (fontsize * _PT * 0.6))
                if chars < 8:
                    break
                placed = _columns(members, chars, max_lines, (cols, capacity, col_w, line))
                if placed is not None:
                    return fontsize, placed
    fontsize, cols = 6.0, 3 if width / 3 > 1.5 else 2
    line = fontsize * _PT * 1.2
    capacity = max(int(height / line), 1)
    chars = int((width / cols - 0.25) / (fontsize * _PT * 0.6))
    keep = cols * capacity - 1
    rest = len(members) - keep
    shown = [*members[:keep], (f"+ {rest} autre{'s' if rest > 1 else ''}", None)]
    return fontsize, _columns(shown, chars, 1, (cols, capacity, width / cols, line)) or []


def _columns(members: Sequence[_Named], chars: int, lines: int, shape: _Shape) -> _Entries:
    """Fill ``cols`` columns of ``capacity`` lines each (``col_w`` and ``line`` in cm), or None."""
    cols, capacity, col_w, line = shape
    placed: list[_Entry] = []
    col = used = 0
    for name, partner in members:
        text = _fit(name, chars, lines)
        n = text.count("\n") + 1
        if used + n > capacity:
            col, used = col + 1, 0
            if col >= cols or n > capacity:
                return None
        placed.append((col * col_w, used * line, text, partner))
        used += n
    return placed


# --------------------------------------------------------------------------- rétroplanning Gantt

_Task = tuple[str, date, date, bool, str]  # label, start, end, milestone, responsible
_Row = tuple[int, str, list[_Task]]  # group index, kind ("group", "action", "task"), tasks
_GROUP_FILLS = ("#8db4da", "#f3b97f", "#9fd09a", "#d3a5d6", "#ecd46e", "#92cfd2")
_DIAMOND = {"marker": "D", "mfc": "black", "mec": "white", "mew": 0.6}
_DEADLINE = {"color": "#b00020", "lw": 1.3, "ls": (0, (4, 2.5))}
_LABEL_COL = 5.6  # cm kept on the left for task labels
_MAX_PLOT_H = 21.5  # cm: with the margins, the tallest chart still fits an A4 text block


def _as_date(value: object, label: str) -> date | None:
    if isinstance(value, date) or value in (None, ""):
        return value.date() if isinstance(value, datetime) else value  # type: ignore[return-value]
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"Tâche « {label} » : date « {value} » illisible (AAAA-MM-JJ).") from None


def _next_month(d: date) -> date:
    return date(d.year + d.month // 12, d.month % 12 + 1, 1)


def _task_rows(tasks: Sequence[Mapping[str, Any]]) -> tuple[list[str], list[_Row]]:
    """Group titles and chart rows: a header row per action, then its tasks by date.

    Groups keep their order of first appearance. An action given as a single task of the same
    name (an action without tasks) is drawn once, as an "action" row, rather than twice.
    """
    groups: dict[str, list[_Task]] = {}
    for task in tasks:
        label = _clean(task.get("libelle"), "(tâche sans libellé)")
        d0, d1 = (_as_date(task.get(k), label) for k in ("date_debut", "date_fin"))
        d0, d1 = d0 or d1, d1 or d0
        if d0 is None or d1 is None:
            raise ValueError(f"Tâche « {label} » : ni date de début ni date de fin.")
        if d1 < d0:
            raise ValueError(
                f"Tâche « {label} » : la date de fin ({d1:%d/%m/%Y}) précède la "
                f"date de début ({d0:%d/%m/%Y})."
            )
        resp = _clean(task.get("responsable"), "")
        entry = (label, d0, d1, bool(task.get("jalon")), resp)
        groups.setdefault(_clean(task.get("groupe"), ""), []).append(entry)
    rows: list[_Row] = []
    for g, (name, items) in enumerate(groups.items()):
        items.sort(key=lambda t: (t[1], t[2]))
        if len(items) == 1 and items[0][0].casefold() == name.casefold():
            rows.append((g, "action", items))
            continue
        if name:
            rows.append((g, "group", items))
        rows.extend((g, "task", [task]) for task in items)
    return list(groups), rows


def gantt_png(
    tasks: Sequence[Mapping[str, Any]],
    *,
    deadline: date | None = None,
    start: date | None = None,
    end: date | None = None,
) -> bytes:
    """Draw the rétroplanning: one row per task, grouped under a header row per action.

    Each task is ``{"libelle", "groupe", "date_debut", "date_fin", "jalon", "responsable"}``.
    Bars run from the start of ``date_debut`` to the end of ``date_fin``; a milestone adds a
    diamond at the end of ``date_fin``. The time axis runs from ``start`` to ``end`` when given,
    otherwise over whole months around the tasks and the deadline; a deadline outside the axis
    is not drawn. Rows are 0.6 cm high until the chart would pass 21.5 cm, then shrink (with
    the type) so that up to about 70 rows still fit one A4 page.
    """
    if not tasks:
        raise ValueError("Aucune tâche à représenter dans le rétroplanning.")
    titles, rows = _task_rows(tasks)
    spans = [(t[1], t[2]) for _, _, items in rows for t in items] + [(deadline, deadline)] * bool(
        deadline
    )
    lo = start or min(d for d, _ in spans).replace(day=1)  # type: ignore[union-attr]
    hi = end or _next_month(max(d for _, d in spans)) - timedelta(days=1)  # type: ignore[type-var]
    if end is None:  # a lone milestone still gets a readable axis: three months at least
        hi = max(hi, _next_month(_next_month(_next_month(lo))) - timedelta(days=1))
    if hi < lo:
        raise ValueError(
            f"Rétroplanning : la fin de l'axe ({hi:%d/%m/%Y}) précède son début ({lo:%d/%m/%Y})."
        )

    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    row_h = min(0.6, _MAX_PLOT_H / len(rows))
    fontsize = min(7.5, max(4.5, row_h / _PT * 0.6))
    top_months = len(rows) > 25  # a tall chart needs month names near its top too
    top, bottom = 0.25 + (0.55 if deadline else 0) + (0.45 if top_months else 0), 1.25
    plot_w, plot_h = WIDTH_CM - _LABEL_COL - 0.35, len(rows) * row_h
    height = top + plot_h + bottom
    fig = _figure(height)
    ax = fig.add_axes((_LABEL_COL / WIDTH_CM, bottom / height, plot_w / WIDTH_CM, plot_h / height))
    x_lo, x_hi = lo.toordinal(), hi.toordinal() + 1
    ax.set(xlim=(x_lo, x_hi), ylim=(len(rows), 0), yticks=[])
    ax.spines[["top", "right"]].set_visible(False)

    # Month grid with every other month shaded; names every `step` months, where they fit.
    step = next((k for k in (1, 2, 3, 4, 6) if k * plot_w * 30.4 / (x_hi - x_lo) >= 1.6), 12)
    ticks, labels, month = [], [], lo.replace(day=1)
    while month <= hi:
        m_lo, m_hi = max(month.toordinal(), x_lo), min(_next_month(month).toordinal(), x_hi)
        if month.month % 2:
            ax.axvspan(m_lo, m_hi, color="#f0f0f0", zorder=0, lw=0)
        ax.axvline(m_lo, color="#c8c8c8", lw=0.5, zorder=0.5)
        if month.month % step == 0 or step == 1:
            ticks.append((m_lo + m_hi) / 2)
            labels.append(f"{_MONTHS[month.month - 1]} {month.year}")
        month = _next_month(month)
    ax.set_xticks(ticks, labels, fontsize=6.5)
    ax.tick_params(axis="x", length=0, labeltop=top_months, pad=3)

    label_x = -(_LABEL_COL - 0.2) / plot_w  # axes fraction: the left edge of the label column
    lines = 2 if row_h >= 0.5 else 1
    # DejaVu Sans averages about half an em a character, a little more in bold.
    chars = int((_LABEL_COL - 0.7) / (fontsize * _PT * 0.55))
    bold_chars = int((_LABEL_COL - 0.4) / (fontsize * _PT * 0.58))
    row_kw = {
        "va": "center",
        "fontsize": fontsize,
        "linespacing": 1.0,
        "transform": ax.get_yaxis_transform(),
    }
    day_per_cm = (x_hi - x_lo) / plot_w
    diamond = min(7.0, row_h / _PT * 0.55)
    for y, (g, kind, items) in enumerate(rows):
        fill = _GROUP_FILLS[g % len(_GROUP_FILLS)]
        if kind == "task":
            _text(ax, label_x + 0.3 / plot_w, y + 0.5, _fit(items[0][0], chars, lines), **row_kw)
        else:
            ax.axhspan(y, y + 1, color=fill, alpha=0.35, lw=0, zorder=0.6)
            title = _fit(items[0][0] if kind == "action" else titles[g], bold_chars, lines)
            _text(ax, label_x, y + 0.5, title, weight="bold", **row_kw)
        if kind == "group":
            g_lo, g_hi = min(t[1] for t in items).toordinal(), max(t[2] for t in items).toordinal()
            ax.barh(y + 0.5, g_hi + 1 - g_lo, left=g_lo, height=0.22, color="#404040", zorder=2)
            continue
        _label, d0, d1, milestone, resp = items[0]
        b0, b1 = d0.toordinal(), d1.toordinal() + 1
        bar_h = 0.42 if milestone else 0.6
        ax.barh(y + 0.5, b1 - b0, left=b0, height=bar_h, color=fill, ec="black", lw=0.6, zorder=2)
        if milestone:
            ax.plot([b1], [y + 0.5], ms=diamond, zorder=4, clip_on=False, **_DIAMOND)
        if resp:
            # Beside the bar's end (past the diamond), or before its start near the right edge.
            gap = (0.12 + (diamond * _PT / 2 if milestone else 0)) * day_per_cm
            after = b1 + gap < x_lo + 0.8 * (x_hi - x_lo)
            x = b1 + gap if after else b0 - 0.12 * day_per_cm
            _text(
                ax,
                x,
                y + 0.5,
                _fit(resp, 24, 1),
                ha="left" if after else "right",
                va="center",
                fontsize=fontsize - 0.5,
                style="italic",
                color="#333333",
            )

    handles: list[Any] = [
        Patch(facecolor=_GROUP_FILLS[0], ec="black", lw=0.6, label="Tâche"),
        Line2D([], [], ls="", ms=5, label="Jalon", **_DIAMOND),
    ]
    if deadline and x_lo <= deadline.toordinal() + 1 <= x_hi:
        x = deadline.toordinal() + 1
        ax.axvline(x, zorder=5, **_DEADLINE)
        where = (x - x_lo) / (x_hi - x_lo)
        ha = "right" if where > 0.85 else "left" if where < 0.15 else "center"
        y_label = 1.0 + (0.5 if top_months else 0.05) / plot_h  # above the top month names
        text = f"Date butoir\n{deadline:%d/%m/%Y}"
        kw = {"ha": ha, "va": "bottom", "fontsize": 7, "weight": "bold", "linespacing": 1.05}
        _text(
            ax, x, y_label, text, color=_DEADLINE["color"], transform=ax.get_xaxis_transform(), **kw
        )
        handles.append(Line2D([], [], label="Date butoir", **_DEADLINE))
    anchor = (0.5, 0.1 / height)
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=anchor, ncol=3, **_LEGEND)
    return _png(fig)
