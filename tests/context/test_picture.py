"""The placeholder picture is a real PNG, and a context built without drawing renders."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import docx
from PIL import Image

from coopdocs.check.project import load_project
from coopdocs.context.assemble import build_context
from coopdocs.context.picture import SKETCH, blank_png
from coopdocs.render.template import PreparedTemplate
from coopdocs.render.templates import BUILTIN_DIR

EXAMPLES = Path(__file__).resolve().parents[2] / "coopdocs" / "examples"


def _chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, at = [], 8
    while at < len(data):
        (length,) = struct.unpack(">I", data[at:at + 4])
        kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length:at + 12 + length])
        assert len(body) == length, f"{kind!r} declares {length} bytes and holds {len(body)}"
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, f"{kind!r} has a wrong CRC"
        chunks.append((kind, body))
        at += 12 + length
    return chunks


def test_blank_png_is_well_formed() -> None:
    data = blank_png()
    assert [kind for kind, _ in _chunks(data)] == [b"IHDR", b"IDAT", b"IEND"]
    with Image.open(io.BytesIO(data)) as picture:
        picture.load()
        assert picture.size == (1, 1)


def test_sketch_painter_gives_the_blank_png() -> None:
    assert SKETCH.circles([]) == SKETCH.grid([]) == SKETCH.gantt([], deadline=None) == blank_png()


def test_a_context_without_drawn_pictures_renders_every_document(tmp_path: Path) -> None:
    context = build_context(load_project(EXAMPLES / "exemple-complet.yaml"), painter=SKETCH)
    for path in sorted(BUILTIN_DIR.glob("*.docx")):
        if path.name == "feuille-de-route.docx":
            continue  # rendered from the progress report, not from the project context
        data = PreparedTemplate.from_path(path).render(context)
        document = docx.Document(io.BytesIO(data))
        assert document.paragraphs, path.name
