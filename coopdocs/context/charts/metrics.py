"""Text as the pictures print it: cleaned, measured in the documents' font, wrapped.

Widths are Arial's (`arial_widths`, the same as Liberation Sans, which LibreOffice uses in its
place), so a layout computed here is the layout Word and LibreOffice draw. A letter the table
does not know (another script, an emoji) counts as one em: wider than most, so a label measured
too wide wastes a little room but never overlaps its neighbour.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from coopdocs.context.charts.arial_widths import UNITS_PER_EM, WIDTHS

__all__ = ["ELLIPSIS", "HYPHEN", "MM_PER_PT", "clean", "text_width", "wrap"]

MM_PER_PT = 25.4 / 72
ELLIPSIS = "…"
HYPHEN = "-"
_UNKNOWN = UNITS_PER_EM  # one em
_UNPRINTABLE = frozenset({"Cc", "Cs", "Co", "Cn"})
# Breakable whitespace only: a no-break space typed or set by the typography stays one.
_SPACES = re.compile(r"[ \t\n\r\f\v\u2028\u2029]+")


def clean(value: object, fallback: str = "(sans nom)") -> str:
    """One line of printable text: breakable whitespace collapsed, control characters and code
    points XML cannot hold (surrogates, non-characters) dropped; ``fallback`` when nothing is
    left."""
    text = _SPACES.sub(" ", str(value if value is not None else ""))
    if not text.isprintable():
        text = "".join(c for c in text if unicodedata.category(c) not in _UNPRINTABLE)
    return text.strip() or fallback


def _units(char: str, table: dict[int, int]) -> int:
    width = table.get(ord(char))
    if width is None:
        return 0 if unicodedata.combining(char) else _UNKNOWN
    return width


# The tables by character rather than code point: a text's letters are summed in C.
_BY_CHAR = tuple({chr(code): units for code, units in table.items()} for table in WIDTHS)


@functools.lru_cache(maxsize=1 << 13)  # pure; the same names are measured for every variant
def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in millimetres of ``text`` set in ``size``-point Arial (bold if ``bold``)."""
    try:
        units = sum(map(_BY_CHAR[bold].__getitem__, text))
    except KeyError:  # a letter the table does not know: one em, or nothing if combining
        table = WIDTHS[bold]
        units = sum(_units(char, table) for char in text)
    return units / UNITS_PER_EM * size * MM_PER_PT


def wrap(text: str, width: float, size: float, bold: bool = False,
         max_lines: int = 3) -> list[str]:
    """``text`` in lines no wider than ``width`` mm, breaking between words (inside a word only
    when it is wider than a line: between two syllables, with a hyphen); past ``max_lines``
    the last line ends with « … »."""
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if len(lines) > max_lines:
            break  # the rest is cut anyway: a text of any length costs a few lines' work
        if not word:
            continue
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while len(lines) <= max_lines and text_width(line, size, bold) > width:
            # A word wider than the line: cut it between two syllables, with a hyphen, never
            # silently (« Ressourceri / e »).
            room = width - text_width(HYPHEN, size, bold)
            cut = _syllable_cut(line, _fitting(line, room, size, bold))
            lines.append(line[:cut] + HYPHEN)
            line = line[cut:]
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and text_width(last.rstrip(" ,;:-") + ELLIPSIS, size, bold) > width:
            last = last[:-1]
        lines[-1] = last.rstrip(" ,;:-") + ELLIPSIS
    return lines or [""]


_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüœæAEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŒÆ")
# Two consonants a French syllable begins with: never split (« ta-bleau », « é-change »).
_ONSETS = frozenset({"bl", "br", "ch", "cl", "cr", "dr", "fl", "fr", "gl", "gn", "gr", "ph",
                     "pl", "pr", "th", "tr", "vr"})


def _syllable_cut(word: str, limit: int) -> int:
    """Where to cut ``word`` at most ``limit`` letters in: the last break between syllables
    (vowel | consonant-vowel, or consonant | consonant between vowels) with at least two
    letters on each side; else as near ``limit`` as leaves two letters for the next line (a
    string of letters, not a word)."""
    for cut in range(min(limit, len(word) - 2), 1, -1):
        before, after = word[cut - 1], word[cut]
        if not (after.isalpha() and before.isalpha()) or cut + 1 >= len(word):
            continue
        following = word[cut + 1]
        if before in _VOWELS and after not in _VOWELS and following in _VOWELS:
            return cut  # « Res-sour-ce-rie »: vowel | consonant, vowel
        pair = (before + after).lower()
        if (before not in _VOWELS and after not in _VOWELS and word[cut - 2] in _VOWELS
                and following in _VOWELS and pair not in _ONSETS):
            return cut  # « Res-sour »: consonant | consonant
    return max(min(limit, len(word) - 2), 1)  # never a lone letter on the next line


def _fitting(word: str, width: float, size: float, bold: bool) -> int:
    """How many leading characters of ``word`` fit in ``width`` mm (at least one), in one pass:
    a word of any length costs its own length, not its square."""
    table = WIDTHS[bold]
    limit = width * UNITS_PER_EM / (size * MM_PER_PT)
    units = 0
    for index, char in enumerate(word):
        units += _units(char, table)
        if units > limit:
            return max(index, 1)
    return len(word)
