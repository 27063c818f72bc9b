"""Pictures in documents: `Image` values of the context, placed by the render that prints them.

An `Image` prints itself through the sink of the render running in the current context: the
picture becomes a media member, a relationship of the part being rendered and, if needed, a
content type — what python-docx's `new_pic_inline` does, without a python-docx document.
"""

from __future__ import annotations

import contextvars
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from coopdocs.render_zip import Member

__all__ = ["Image", "ImageSink", "images"]


@dataclass(frozen=True)
class Image:
    """A picture (PNG bytes) to place where the template prints it, ``width_mm`` wide."""

    data: bytes
    width_mm: float

    def __post_init__(self) -> None:
        if not self.data or self.width_mm <= 0:
            raise ValueError("Image needs non-empty data and a positive width_mm")

    def __html__(self) -> str:
        # Placed by the render running in this context: no walk over the context to bind
        # pictures to a document, and nothing in the caller's context is rewritten.
        sink = images.get()
        if sink is None:
            raise RuntimeError("an Image can only be printed while a document is rendered")
        return sink.xml(self)


@dataclass
class ImageSink:
    """The pictures one render places: new media members, relationships, content types."""

    defaults: set[str]  # extensions the template's [Content_Types].xml already declares
    media_name: Callable[[int, str], str]  # a member name free in the template
    part: str = "word/document.xml"
    media: dict[bytes, str] = field(default_factory=dict)  # sha1 → member
    members: list[Member] = field(default_factory=list)
    rels: dict[str, dict[str, str]] = field(default_factory=dict)  # part → {member: rId}
    types: dict[str, str] = field(default_factory=dict)  # extension → content type
    shape_id: int = 5000

    def xml(self, image: Image) -> str:
        from docx.image.image import Image as Picture
        from docx.oxml.shape import CT_Inline
        from docx.shared import Mm
        from lxml import etree

        picture = Picture.from_blob(image.data)
        digest = hashlib.sha1(image.data).digest()
        member = self.media.get(digest)
        if member is None:
            member = self.media_name(len(self.media) + 1, picture.ext)
            self.media[digest] = member
            self.members.append(Member.stored(member, image.data))
            if picture.ext.lower() not in self.defaults:
                self.types[picture.ext.lower()] = picture.content_type
        ids = self.rels.setdefault(self.part, {})
        rid = ids.setdefault(member, f"rIdCoopdocs{len(ids) + 1}")
        cx, cy = picture.scaled_dimensions(Mm(image.width_mm), None)
        self.shape_id += 1
        inline = CT_Inline.new_pic_inline(self.shape_id, rid, picture.filename, cx, cy)
        drawing = etree.tostring(inline, encoding="unicode")
        return ("</w:t></w:r><w:r><w:drawing>" + drawing
                + '</w:drawing></w:r><w:r><w:t xml:space="preserve">')


# The pictures of the render running in this context (see `Image.__html__`).
images: contextvars.ContextVar[ImageSink | None] = contextvars.ContextVar(
    "coopdocs_images", default=None
)
