"""The last typographic pass over every text a document prints (domain.md §9.5).

Templates and values are written with the keyboard's characters; a French legal text wants
more. `finish_text` gives one run of text its typographic apostrophe (’), the no-break spaces
of `typo`, and the spaces that must not break inside a date (« 15 décembre 2026 »), an amount
(« 40 000 € », « 50 % »), a number and its sign (« n° 12 », « art. 4 », « article 4 »),
and the hyphens that must not break inside a code or a number (`NO_BREAK_HYPHEN`:
« L. 2122-22 », « R2142-19 », « J-30 », « 2026-2027 », « n° 2000-321 »): a line that ends
with « L. 2122- » reads as another article. A compound word or a name (« Seine-Saint-Denis »)
breaks at its hyphen, as French typography allows.
`SPANS` finds what the document marks by its run formatting rather than by its characters:
the ordinal suffix set in superscript (« 1er » as 1 + superscript « er », never a Unicode
modifier letter) and the « [À compléter…] » markers, highlighted. `render.finish` applies both
to the XML of each rendered part; nothing else in the house does this work.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal

from coopdocs.french.dates import MONTHS
from coopdocs.french.typography import NBSP, NNBSP, typo

__all__ = ["NO_BREAK_HYPHEN", "SPANS", "Span", "bind_quotations", "finish_text",
           "spans"]

SpanKind = Literal["ordinal", "marker"]
Span = tuple[int, int, SpanKind]  # [start, end) of the part of a text to format, and how

_MONTH = "|".join(MONTHS)
# Spaces typed as ordinary or no-break: both may appear in a value.
_SP = f"[ {NBSP}]"
# Each rule with the words one of which it cannot match without: most texts hold none of
# them, and looking for a word costs a tenth of the rule's own scan.
_RULES: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    # « 15 décembre 2026 », « 1er janvier 2027 », « décembre 2026 »: one unit on the line.
    (re.compile(rf"(\d|\der){_SP}(?=(?:{_MONTH})\b)"), rf"\1{NBSP}", MONTHS),
    (re.compile(rf"\b({_MONTH}){_SP}(?=\d{{4}}\b)"), rf"\1{NBSP}", MONTHS),
    # « 40 000 € », « 50 % », « 12 euros »: the number stays with its unit.
    (re.compile(rf"(\d)[ {NNBSP}](?=(?:€|%|euros?\b|centimes?\b))"), rf"\1{NBSP}",
     ("€", "%", "euro", "centime")),
    # « n° 12 », « art. 4 », « article 4 », « L. 2122-22 »: the sign stays with its number.
    (re.compile(r"\b([nN]°|[aA]rt\.|[aA]rticles?|[LRD]\.) (?=\d)"), rf"\1{NBSP}",
     ("°", "rt.", "rticle", "L.", "R.", "D.")),
)

# U+2011, the hyphen no line breaks at. `render.finish` writes it as Word's own non-breaking
# hyphen (w:noBreakHyphen): Liberation Sans, which stands for Arial when LibreOffice makes
# the PDF, has no glyph for U+2011, and Word draws w:noBreakHyphen with the font's hyphen.
NO_BREAK_HYPHEN = "\u2011"
# The hyphen of a code or a number: after a digit or a capital, before a digit (« L. 2122-22 »,
# « J-30 », « COVID-19 », « 2026-2027 »); never in a word or a name.
_CODE_HYPHEN = re.compile(r"(?<=[0-9A-Z])-(?=[0-9])")

# « 1er », « 1re », « 2e », « 3es »: digits, then the suffix to raise, then no more letters.
# « 2ème », « 2è » are not French typography and are left for the author to see.
_ORDINAL = re.compile(r"(?<![\w.,])\d+(er|re|ers|res|e|es)(?![\w])")
_MARKER = re.compile(r"\[À compléter[^\]]*\]")
SPANS: tuple[tuple[re.Pattern[str], SpanKind], ...] = ((_ORDINAL, "ordinal"), (_MARKER, "marker"))
# What an ordinal cannot be without: a digit, then the first letter of its suffix.
_ORDINAL_HINT = re.compile(r"\d[er]")


# « 40 000 » : a narrow no-break space between groups of three digits.
_THOUSANDS = re.compile(rf"(\d)[ {NBSP}](?=\d{{3}}(?!\d))")
# A phone number (« 01 48 20 00 01 », « +33 1 40 11 22 33 ») is one unit on the line.
_PHONE = re.compile(rf"(?<![\d+])(?:\+33{_SP}?\d|0\d)(?:[ {NBSP}.]\d{{2}}){{4}}(?!\d)")
# Straight double quotes typed in pairs become French quotes; an apostrophe after a letter or
# a digit is the typographic one, any other straight single quote opens a quotation.
_DOUBLE_QUOTED = re.compile(r'"\s*([^"\n]*?)\s*"')
_APOSTROPHE = re.compile(r"(?<=\w)'")
# What a group of thousands and a phone number cannot be without: digits a space apart (most
# texts have none; one search instead of the two rules' scans).
_DIGITS_APART = re.compile(rf"\d[ {NBSP}.]\d")


def _nest(text: str) -> str:
    """Quotation marks inside a quotation are the English ones (“ ”): « les “biodéchets” »."""
    if text.count("«") < 2:
        return text
    out, depth = [], 0
    for char in text:
        if char == "«":
            depth += 1
            out.append("“" if depth > 1 else char)
        elif char == "»" and depth:
            out.append("”" if depth > 1 else char)
            depth -= 1
        else:
            out.append(char)
    return re.sub(f"“[ {NBSP}{NNBSP}]+", "“", re.sub(f"[ {NBSP}{NNBSP}]+”", "”", "".join(out)))


# Finishing is pure and most printed texts recur: the templates' own sentences in every project
# of a batch, names and dates in every document of a project. A cache makes the finishing of
# a document nearly free after the first (`benchmarks/bench_build.py`).
_CACHED = 1 << 14


@lru_cache(maxsize=_CACHED)
def finish_text(text: str) -> str:
    """One printed text with its French typography finished (see the module docstring).

    Idempotent: finishing a finished text changes nothing.
    """
    if '"' in text:
        text = _DOUBLE_QUOTED.sub(r"« \1 »", text)
    if "'" in text:
        text = _APOSTROPHE.sub("’", text).replace("'", "‘")
    text = typo(_nest(text))
    for pattern, space, needs in _RULES:
        if any(word in text for word in needs):
            text = pattern.sub(space, text)
    if "-" in text:
        text = _CODE_HYPHEN.sub(NO_BREAK_HYPHEN, text)
    if _DIGITS_APART.search(text) is None:  # no group of thousands, no phone number
        return text
    text = _THOUSANDS.sub(rf"\1{NNBSP}", text)
    return _PHONE.sub(lambda m: m.group(0).replace(" ", NBSP), text)


_QUOTATION = re.compile(r"«[^«»]*»")


@lru_cache(maxsize=_CACHED)
def bind_quotations(text: str) -> str:
    """Every space inside « … » made a no-break one: a running header is one line, and a
    quotation cut by its end would read as two names."""
    return _QUOTATION.sub(lambda m: m.group(0).replace(" ", NBSP), text)


@lru_cache(maxsize=_CACHED)
def spans(text: str) -> tuple[Span, ...]:
    """The parts of ``text`` to format: ordinal suffixes (superscript) and gap markers
    (highlighted), in order and never overlapping (a marker wins over what it contains)."""
    markers = [(m.start(), m.end()) for m in _MARKER.finditer(text)] \
        if "[À compléter" in text else []
    found: list[Span] = [(start, end, "marker") for start, end in markers]
    for match in _ORDINAL.finditer(text) if _ORDINAL_HINT.search(text) else ():
        start, end = match.start(1), match.end(1)
        if not any(a <= start < b for a, b in markers):
            found.append((start, end, "ordinal"))
    return tuple(sorted(found))
