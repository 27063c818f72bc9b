"""Pictures in documents: the context's `Picture` values, placed by the render that prints them.

The sandbox's `finalize` hands a printed `Picture` to the sink of the render running in the
current context: the picture becomes a media member, a relationship of the part being rendered
and, if needed, a content type — what python-docx's `new_pic_inline` does, without a
python-docx document.
"""

from __future__ import annotations

import contextvars
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field

from docx.image.image import Image as DocxImage
from docx.oxml.shape import CT_Inline
from docx.shared import Mm
from lxml import etree

from coopdocs.context.picture import Picture
from coopdocs.render.package import Member

__all__ = ["ImageSink", "current_sink"]


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

    def xml(self, image: Picture) -> str:
        """The run holding the picture's drawing, closing and reopening the text run around it."""
        picture = DocxImage.from_blob(image.data)
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
        drawing = str(etree.tostring(inline, encoding="unicode"))
        return ("</w:t></w:r><w:r><w:drawing>" + drawing
                + '</w:drawing></w:r><w:r><w:t xml:space="preserve">')


# The pictures of the render running in this context (see `render.sandbox`).
current_sink: contextvars.ContextVar[ImageSink | None] = contextvars.ContextVar(
    "coopdocs_images", default=None
)
