"""The circles of engagement: every stakeholder as a dot in its ring, its name beside it.

Built with matplotlib's object-oriented API on an Agg canvas, never pyplot, so no global state
leaks between calls, threads or worker processes. The same input always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.patches import Circle

from coopdocs.context.charts.base import (
    KINDS,
    MARK,
    PT,
    WIDTH_CM,
    clean,
    draw_text,
    figure,
    fit,
    png,
)
from coopdocs.vocabulary import CIRCLES

__all__ = ["circles_png"]

_CIRCLE_TITLES = ("Cœur", "Opérationnel", "Soutien", "Environnement")

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
_HALO: dict[str, Any] = {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75}


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
        name = clean(sh.get("nom"))
        rings[_circle_key(sh.get("cercle"), name)].append((name, bool(sh.get("partenaire"))))

    fig = figure(_CIRCLES_H)
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
        label = draw_text(ax, 0, y, title, ha="center", va="center", fontsize=8.5, weight="bold")
        taken.append(_box_cm(label, ax, renderer))

    # Legend in the bottom-left corner, which the outer circle leaves empty.
    for row, (fill, caption) in enumerate(KINDS):
        y = -half_h + 0.75 - row * 0.42
        ax.plot([-half_w + 0.4], [y], ms=_DOT / PT, mfc=fill, **MARK)
        label = draw_text(ax, -half_w + 0.65, y, caption, va="center", fontsize=7.5)
        taken.append(_box_cm(label, ax, renderer))
    taken.append((-half_w, -half_h, taken[-1][2], -half_h + 1.0))

    total = len(stakeholders)
    size, width, lines = (
        (7.5, 22, 3) if total <= 10 else (7, 20, 3) if total <= 18 else (6.5, 18, 2)
    )
    for ring, members in enumerate(rings):
        for k, (name, partner) in enumerate(members):
            text = fit(name, width, lines)
            label = draw_text(ax, 0, 0, text, va="center", fontsize=size, linespacing=1.1,
                              bbox=_HALO)
            x0, y0, x1, y1 = _box_cm(label, ax, renderer)
            box = (_DOT + 0.12 + x1 - x0 + 0.1, max(y1 - y0, _DOT) + 0.1)
            x, y, leftward = _place(ring, (k, len(members)), box, taken)
            ax.plot([x], [y], ms=_DOT / PT, mfc="black" if partner else "white", **MARK)
            label.set_position((x - _DOT / 2 - 0.08 if leftward else x + _DOT / 2 + 0.08, y))
            label.set_horizontalalignment("right" if leftward else "left")
            left = x + _DOT / 2 + 0.04 - box[0] if leftward else x - _DOT / 2 - 0.04
            taken.append((left, y - box[1] / 2, left + box[0], y + box[1] / 2))
    return png(fig)


def _place(ring: int, rank: _Size, box: _Size, taken: list[_Box]) -> _Spot:
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
