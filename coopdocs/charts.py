"""The pictures: engagement circles, influence × intérêt grid and rétroplanning Gantt chart.

Each public function returns PNG bytes and writes nothing. Figures are built with matplotlib's
object-oriented API on an Agg canvas, never pyplot, so no global state leaks between calls,
threads or worker processes. matplotlib is imported inside the functions: importing it costs more
than the whole ``coopdocs --help`` budget. The same input always gives the same bytes (fixed size
and dpi, no "Software" metadata, no timestamp).

Pictures are 17 cm wide, the text width of an A4 page with 2 cm margins, and stay readable when
printed in black and white: fills differ in lightness and every zone carries a written label.

The Gantt chart lives in `coopdocs.charts_gantt` and the helpers all three share in
`coopdocs.charts_base`; `gantt_png` and `DPI` are re-exported here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from coopdocs.charts_base import _LEGEND, _PT, DPI, WIDTH_CM, _clean, _figure, _fit, _png, _text
from coopdocs.charts_gantt import gantt_png

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.backend_bases import RendererBase

__all__ = ["CIRCLES", "DPI", "STRATEGIES", "circles_png", "gantt_png", "grid_png", "sketch_png",
           "strategy"]

# A 1×1 transparent PNG, for contexts built only to know their shape (the template linter).
_SKETCH = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082"
)


def sketch_png(*_: Any, **__: Any) -> bytes:
    """Stands in for any chart when only the context's shape matters (no matplotlib)."""
    return _SKETCH

CIRCLES = ("coeur", "operationnel", "soutien", "environnement")  # from the centre outwards
_CIRCLE_TITLES = ("Cœur", "Opérationnel", "Soutien", "Environnement")
STRATEGIES = ("gérer étroitement", "satisfaire", "informer", "surveiller")
_LEVELS = {"faible": 0, "moyen": 1, "moyenne": 1, "fort": 2, "forte": 2}


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
_KINDS = (("black", "Partenaire du projet"), ("white", "Autre partie prenante"))


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
