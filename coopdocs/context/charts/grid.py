"""The influence × intérêt grid: stakeholders placed in the 3 × 3 cells of Mendelow's matrix.

Built like the other charts (Agg canvas, no pyplot, the same bytes for the same input).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle

from coopdocs.context.charts.base import (
    KINDS,
    LEGEND,
    MARK,
    PT,
    WIDTH_CM,
    clean,
    draw_text,
    figure,
    fit,
    png,
)
from coopdocs.vocabulary import level_rank

__all__ = ["grid_png"]

# --------------------------------------------------------------------------- influence × intérêt

_QUADRANTS = (  # (strategy, x, y, width, height) in cells; "moyen" sits on the low side
    ("gérer étroitement", 2, 2, 1, 1, "#f4c2b3"),
    ("satisfaire", 0, 2, 2, 1, "#fbe2b4"),
    ("informer", 2, 0, 1, 2, "#cfe2f2"),
    ("surveiller", 0, 0, 2, 2, "#efefef"),
)
_QUADRANT_LINE: dict[str, Any] = {"color": "#333333", "lw": 1.6}
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
        name = clean(sh.get("nom"))
        key = (level_rank(sh["interet"], "intérêt"), level_rank(sh["influence"], "influence"))
        cells.setdefault(key, []).append((name, bool(sh.get("partenaire"))))
    if not cells:
        raise ValueError(
            "Aucune partie prenante avec une influence et un intérêt à placer sur la grille."
        )

    fig = figure(_GRID_H)
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
        draw_text(ax, *at, name.capitalize(), va="top", fontsize=8.5, weight="bold", zorder=2)
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
            left = col + (0.15 + x_cm) / cell_w
            top = row + 1 - (0.15 + header + y_cm) / cell_h
            if partner is not None:
                dot_y = top - fontsize * PT * 0.55 / cell_h
                ax.plot([left + 0.06 / cell_w], [dot_y], ms=3.6, mfc=KINDS[not partner][0], **MARK)
            font_style = "italic" if partner is None else "normal"
            draw_text(ax, left + 0.18 / cell_w, top, text, va="top", fontsize=fontsize,
                      style=font_style)
    if any(p for members in cells.values() for _, p in members):
        handles = [Line2D([], [], ls="", ms=4.5, mfc=f, label=c, **MARK) for f, c in KINDS]
        # One column at the far right, clear of the centred axis title.
        ax.legend(handles=handles, loc="upper right", bbox_to_anchor=(1.0, -0.055), **LEGEND)
    return png(fig)


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
            line = fontsize * PT * 1.2
            capacity = max(int(height / line), 1)
            for cols in (1, 2, 3):
                col_w = width / cols
                chars = int((col_w - 0.25) / (fontsize * PT * 0.6))
                if chars < 8:
                    break
                placed = _columns(members, chars, max_lines, (cols, capacity, col_w, line))
                if placed is not None:
                    return fontsize, placed
    fontsize, cols = 6.0, 3 if width / 3 > 1.5 else 2
    line = fontsize * PT * 1.2
    capacity = max(int(height / line), 1)
    chars = int((width / cols - 0.25) / (fontsize * PT * 0.6))
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
        text = fit(name, chars, lines)
        n = text.count("\n") + 1
        if used + n > capacity:
            col, used = col + 1, 0
            if col >= cols or n > capacity:
                return None
        placed.append((col * col_w, used * line, text, partner))
        used += n
    return placed
