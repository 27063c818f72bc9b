"""The matplotlib painter: the charts of this package as the `Painter` the context takes."""

from __future__ import annotations

from coopdocs.context.charts.circles import circles_png
from coopdocs.context.charts.gantt import gantt_png
from coopdocs.context.charts.grid import grid_png
from coopdocs.context.picture import Painter

__all__ = ["PAINTER"]

PAINTER = Painter(circles=circles_png, grid=grid_png, gantt=gantt_png)
