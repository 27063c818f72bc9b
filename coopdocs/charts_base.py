"""Helpers shared by the charts of `coopdocs.charts` and `coopdocs.charts_gantt`.

Page geometry (17 cm wide at a fixed dpi), text cleaning and wrapping, and the Agg figure → PNG
round trip. matplotlib is imported inside the functions only: see `coopdocs.charts`.
"""

from __future__ import annotations

import io
import textwrap
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

DPI = 200
WIDTH_CM = 17.0
_IN = 1 / 2.54  # inches per cm
_PT = 2.54 / 72  # cm per typographic point
_INK = "#1a1a1a"
_LEGEND = {"frameon": False, "fontsize": 7, "borderaxespad": 0, "labelspacing": 0.3}


@lru_cache(maxsize=1)
def _drawable() -> frozenset[int]:
    """Code points that every face the charts use can draw (bold and italic included).

    DejaVu Sans Oblique has no Arabic letters although the upright face has: a name is cleaned
    before its style is known, so only what all four faces share is kept.
    """
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    common: frozenset[int] | None = None
    for weight in ("normal", "bold"):
        for style in ("normal", "italic"):
            props = font_manager.FontProperties(family="DejaVu Sans", weight=weight, style=style)
            chars = frozenset(FT2Font(font_manager.findfont(props)).get_charmap())
            common = chars if common is None else common & chars
    assert common is not None
    return common


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
    # Fast zlib level: PNG encoding was a fifth of a whole build; the files grow by ~15 %.
    fig.savefig(buf, format="png", dpi=DPI, facecolor="white", metadata={"Software": None},
                pil_kwargs={"compress_level": 1})
    return buf.getvalue()


def _text(ax: Axes, x: float, y: float, s: str, **kw: Any) -> Text:
    # parse_math=False: a "$" in a name must not start TeX math mode.
    return ax.text(x, y, s, parse_math=False, color=kw.pop("color", _INK), **kw)
