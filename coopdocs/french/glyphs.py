"""Which characters the documents' font can print (issue: emoji printed as empty boxes).

The built-in templates are set in Arial (LibreOffice substitutes the metric-compatible
Liberation Sans). Arial covers Microsoft's WGL4 repertoire: Latin with its accents and
ligatures (œ, æ), Greek, Cyrillic, the typographic punctuation French needs (’ « » – — … and
the no-break spaces), the euro sign, arrows and a few symbols. A character outside it (an
emoji, a Chinese or Arabic letter) prints as an empty box or in a fallback font that changes
from one computer to the next: `validate` says so, with the field and the line
(`check.rules.glyphs`), so the author can replace it before a document is signed.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

__all__ = ["DOCUMENT_FONT", "pictographs", "unprintable"]

DOCUMENT_FONT = "Arial"

# WGL4 (Windows Glyph List 4), which Arial and Liberation Sans cover, as sorted code point
# ranges; plus U+202F (narrow no-break space, which the French typography of the documents
# uses and both fonts have) and the combining accents of decomposed Latin letters.
_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E), (0x00A0, 0x017F), (0x0192, 0x0192), (0x01FA, 0x01FF),
    (0x02C6, 0x02C7), (0x02C9, 0x02C9), (0x02D8, 0x02DD), (0x0300, 0x0304), (0x0306, 0x0308),
    (0x030A, 0x030C), (0x0327, 0x0328), (0x0384, 0x038A), (0x038C, 0x038C),
    (0x038E, 0x03A1), (0x03A3, 0x03CE), (0x0401, 0x040C), (0x040E, 0x044F),
    (0x0451, 0x045C), (0x045E, 0x045F), (0x0490, 0x0491), (0x1E80, 0x1E85),
    (0x1EF2, 0x1EF3), (0x2010, 0x2015), (0x2017, 0x201E), (0x2020, 0x2022), (0x2026, 0x2026),
    (0x202F, 0x2030), (0x2032, 0x2033), (0x2039, 0x203A), (0x203C, 0x203C),
    (0x203E, 0x203E), (0x2044, 0x2044), (0x207F, 0x207F), (0x20A3, 0x20A4),
    (0x20A7, 0x20A7), (0x20AC, 0x20AC), (0x2105, 0x2105), (0x2113, 0x2113),
    (0x2116, 0x2116), (0x2122, 0x2122), (0x2126, 0x2126), (0x212E, 0x212E),
    (0x215B, 0x215E), (0x2190, 0x2195), (0x21A8, 0x21A8), (0x2202, 0x2202),
    (0x2206, 0x2206), (0x220F, 0x220F), (0x2211, 0x2212), (0x2215, 0x2215),
    (0x2219, 0x221A), (0x221E, 0x221F), (0x2229, 0x2229), (0x222B, 0x222B),
    (0x2248, 0x2248), (0x2260, 0x2261), (0x2264, 0x2265), (0x2302, 0x2302),
    (0x2310, 0x2310), (0x2320, 0x2321), (0x2500, 0x2500), (0x2502, 0x2502),
    (0x250C, 0x250C), (0x2510, 0x2510), (0x2514, 0x2514), (0x2518, 0x2518),
    (0x251C, 0x251C), (0x2524, 0x2524), (0x252C, 0x252C), (0x2534, 0x2534),
    (0x253C, 0x253C), (0x2550, 0x256C), (0x2580, 0x2580), (0x2584, 0x2584),
    (0x2588, 0x2588), (0x258C, 0x258C), (0x2590, 0x2593), (0x25A0, 0x25A1),
    (0x25AA, 0x25AC), (0x25B2, 0x25B2), (0x25BA, 0x25BA), (0x25BC, 0x25BC),
    (0x25C4, 0x25C4), (0x25CA, 0x25CB), (0x25CF, 0x25CF), (0x25D8, 0x25D9),
    (0x25E6, 0x25E6), (0x263A, 0x263C), (0x2640, 0x2640), (0x2642, 0x2642),
    (0x2660, 0x2660), (0x2663, 0x2663), (0x2665, 0x2666), (0x266A, 0x266B),
    (0xFB01, 0xFB02),
)
_STARTS = [start for start, _ in _RANGES]
# Invisible on paper whatever the font (line and paragraph breaks, tabs, zero-width marks):
# nothing prints, so nothing to warn about.
_INVISIBLE = frozenset({0x09, 0x0A, 0x0D, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF})


# Any character outside the ranges and not invisible: one search in C answers for most texts.
_OUTSIDE = re.compile("[^" + "".join(
    re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in _RANGES)
    + "".join(re.escape(chr(c)) for c in sorted(_INVISIBLE)) + "]")


def _printable(code: int) -> bool:
    if code in _INVISIBLE:
        return True
    at = bisect.bisect_right(_STARTS, code) - 1
    return at >= 0 and _RANGES[at][0] <= code <= _RANGES[at][1]


def unprintable(text: str) -> list[str]:
    """The distinct characters of ``text`` the documents' font cannot print, in order."""
    seen: list[str] = []
    if _OUTSIDE.search(text) is None:
        return seen
    for char in text:
        if char not in seen and not _printable(ord(char)):
            seen.append(char)
    return seen


# What a pictograph is, beyond the font: a symbol (So: emoji, dingbats, pictographic signs),
# a modifier (Sk: the skin tones of emoji), an enclosing mark (Me: the keycap of « 1️⃣ »), a
# private-use or unassigned code (icon fonts); or anything of the astral planes, where the
# emoji are; or a variation selector, which asks for the emoji look of what precedes it. No
# letter of a name is one; « ° » or « № » are symbols, but the font prints them.
_PICTOGRAPH_CATEGORIES = frozenset({"So", "Sk", "Me", "Co", "Cn"})
_MODIFIERS = re.compile("[\uFE00-\uFE0F\u20E3\U0001F3FB-\U0001F3FF]")


def _pictograph(char: str) -> bool:
    code = ord(char)
    return (code >= 0x10000 or 0xFE00 <= code <= 0xFE0F
            or unicodedata.category(char) in _PICTOGRAPH_CATEGORIES)


def pictographs(text: str) -> list[str]:
    """The distinct pictographs of ``text`` the documents' font cannot print, in order: « 🌱 »,
    « ☀ », « ❤ »; not a letter of another script (« 東 »), which a name may hold."""
    found = [char for char in unprintable(text) if _pictograph(char)]
    # A variation selector, a skin tone or a keycap is named only when nothing else is: it is
    # part of the emoji before it, and shows as nothing on its own.
    shown = [char for char in found if not _MODIFIERS.search(char)]
    return shown or found
