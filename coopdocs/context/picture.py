"""Pictures of the context: what a document shows as an image, and who draws it.

The context says what to show; a `Painter` draws it (the charts of `coopdocs.context.charts`,
or `SKETCH` when only the context's shape matters, as for the template linter); the renderer
places each `Picture` where a template prints it.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = ["SKETCH", "Painter", "Picture", "blank_png"]


@dataclass(frozen=True)
class Picture:
    """A picture (PNG bytes) to place where the template prints it, ``width_mm`` wide."""

    data: bytes
    width_mm: float

    def __post_init__(self) -> None:
        if not self.data or self.width_mm <= 0:
            raise ValueError("Picture needs non-empty data and a positive width_mm")


Stakeholders = Sequence[Mapping[str, Any]]


@dataclass(frozen=True)
class Painter:
    """The three pictures of the documents, each from the context's own description of it."""

    circles: Callable[[Stakeholders], bytes]
    grid: Callable[[Stakeholders], bytes]
    gantt: Callable[..., bytes]


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(
        ">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def blank_png() -> bytes:
    """A valid 1 × 1 transparent PNG (each chunk's length and CRC computed, not typed)."""
    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)  # 1×1, 8 bits, RGBA
    pixels = zlib.compress(b"\x00" + b"\x00\x00\x00\x00")  # filter byte + one pixel
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", pixels)
            + _chunk(b"IEND", b""))


_BLANK = blank_png()


def _sketch(*_: Any, **__: Any) -> bytes:
    return _BLANK


# Stands in for every chart when only the context's shape matters (no drawing library).
SKETCH = Painter(circles=_sketch, grid=_sketch, gantt=_sketch)
