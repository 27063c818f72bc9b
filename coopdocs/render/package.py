"""A minimal ZIP writer for .docx output: static members compressed once, reused as bytes.

`zipfile` recompresses every member on every write; for a .docx most members (styles, theme,
settings, fonts, media) are byte-identical in every document made from one template, and
deflating them again is most of the cost of a save (see ../shared/reference/performance.md).
A `Member` holds its already-deflated payload, so writing a document only compresses the parts
that were rendered. Entries carry a fixed date, so the same input gives the same bytes (the
manifest's sha256 and the `--jobs` comparison rely on that).
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["RENDERED_LEVEL", "Member", "write_zip"]

_LOCAL = struct.Struct("<4s2B4HL2L2H")
_CENTRAL = struct.Struct("<4s4B4HL2L5H2L")
_END = struct.Struct("<4s4H2LH")
_DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01: the ZIP epoch, deterministic output
_DOS_TIME = 0
_UTF8_NAME = 0x800
_LIMIT = 0xFFFFFFFF  # no ZIP64 here: a .docx template is never near 4 GB
_LEVEL = 6
# The parts rendered for each document are deflated at the fastest level: a fifth of the time
# of level 6 for a document ~2 KB larger (measured on the convention: 12.4 KB against 10.2 KB).
RENDERED_LEVEL = 1


@dataclass(frozen=True)
class Member:
    """One archive entry, its payload already compressed (or stored)."""

    name: str
    method: int  # 8 = deflate, 0 = stored
    crc: int
    size: int
    payload: bytes

    @classmethod
    def of(cls, name: str, data: bytes, level: int = _LEVEL) -> Member:
        crc = zlib.crc32(data) & 0xFFFFFFFF
        packer = zlib.compressobj(level, zlib.DEFLATED, -15)
        deflated = packer.compress(data) + packer.flush()
        if len(deflated) >= len(data):  # already compressed media: storing is smaller
            return cls(name, 0, crc, len(data), data)
        return cls(name, 8, crc, len(data), deflated)

    @classmethod
    def stored(cls, name: str, data: bytes) -> Member:
        """An entry kept as is: for pictures, which are compressed already."""
        return cls(name, 0, zlib.crc32(data) & 0xFFFFFFFF, len(data), data)


def write_zip(members: Iterable[Member]) -> bytes:
    """The bytes of a ZIP archive holding `members`, in order."""
    chunks: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    count = 0
    for member in members:
        name = member.name.encode("utf-8")
        flags = 0 if name.isascii() else _UTF8_NAME
        size, packed = member.size, len(member.payload)
        if max(size, packed, offset) >= _LIMIT:
            raise ValueError(f"{member.name}: too large for a ZIP without ZIP64")
        header = _LOCAL.pack(b"PK\x03\x04", 20, 0, flags, member.method, _DOS_TIME, _DOS_DATE,
                             member.crc, packed, size, len(name), 0)
        chunks += (header, name, member.payload)
        central.append(_CENTRAL.pack(b"PK\x01\x02", 20, 0, 20, 0, flags, member.method,
                                     _DOS_TIME, _DOS_DATE, member.crc, packed, size, len(name),
                                     0, 0, 0, 0, 0, offset) + name)
        offset += len(header) + len(name) + packed
        count += 1
    directory = b"".join(central)
    end = _END.pack(b"PK\x05\x06", 0, 0, count, count, len(directory), offset, 0)
    return b"".join(chunks) + directory + end
