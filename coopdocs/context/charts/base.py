"""Helpers shared by the charts: page geometry (17 cm wide at a fixed dpi), text cleaning and
wrapping, the Agg figure → PNG round trip, the markers and the legend of both stakeholder
pictures.
"""

from __future__ import annotations

import io
import textwrap
from functools import lru_cache
from typing import Any

from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font
from matplotlib.text import Text

DPI = 200
WIDTH_CM = 17.0
_IN = 1 / 2.54  # inches per cm
PT = 2.54 / 72  # cm per typographic point
_INK = "#1a1a1a"
LEGEND: dict[str, Any] = {"frameon": False, "fontsize": 7, "borderaxespad": 0, "labelspacing": 0.3}
# Stakeholder markers: partners are filled dots, other stakeholders hollow ones.
MARK: dict[str, Any] = {"marker": "o", "mec": "black", "mew": 0.9, "zorder": 3}
KINDS = (("black", "Partenaire du projet"), ("white", "Autre partie prenante"))


@lru_cache(maxsize=1)
def drawable() -> frozenset[int]:
    """Code points that every face the charts use can draw (bold and italic included).

    DejaVu Sans Oblique has no Arabic letters although the upright face has: a name is cleaned
    before its style is known, so only what all four faces share is kept.
    """
    common: frozenset[int] | None = None
    for weight in ("normal", "bold"):
        for style in ("normal", "italic"):
            props = font_manager.FontProperties(family="DejaVu Sans", weight=weight, style=style)
            chars = frozenset(FT2Font(font_manager.findfont(props)).get_charmap())
            common = chars if common is None else common & chars
    assert common is not None
    return common


def clean(value: object, fallback: str = "(sans nom)") -> str:
    """Collapse whitespace and drop what the font cannot draw.

    Dropping an emoji beats matplotlib's empty box plus one warning per glyph and per call.
    """
    known = drawable()
    text = "".join(
        c for c in str(value if value is not None else "") if c.isspace() or ord(c) in known
    )
    return " ".join(text.split()) or fallback


def fit(text: str, width: int, max_lines: int) -> str:
    width = max(width, 4)
    lines = textwrap.wrap(text, width) or [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1][: width - 1].rstrip(" ,;:-") + "…"
    return "\n".join(lines)


def figure(height_cm: float) -> Figure:
    fig = Figure(figsize=(WIDTH_CM * _IN, height_cm * _IN), dpi=DPI, facecolor="white")
    FigureCanvasAgg(fig)
    return fig


def png(fig: Figure) -> bytes:
    buf = io.BytesIO()
    # Fast zlib level: PNG encoding was a fifth of a whole build; the files grow by ~15 %.
    fig.savefig(buf, format="png", dpi=DPI, facecolor="white", metadata={"Software": None},
                pil_kwargs={"compress_level": 1})
    return buf.getvalue()


def draw_text(ax: Axes, x: float, y: float, s: str, **kw: Any) -> Text:
    # parse_math=False: a "$" in a name must not start TeX math mode.
    return ax.text(x, y, s, parse_math=False, color=kw.pop("color", _INK), **kw)
