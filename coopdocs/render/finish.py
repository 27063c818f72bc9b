"""French finishing of a rendered part, in Word's own markup (`french.finishing` says what).

Applied by `render.template` to every text part it renders (body, headers, footers,
footnotes), built-in template or not, after Jinja and before the strict checks:

- every ``w:t`` gets `finish_text` (typographic apostrophe, no-break spaces in dates, amounts,
  « n° 12 », « art. 4 », French spacing of punctuation, no-break hyphens in codes);
- a no-break hyphen (U+2011) becomes Word's ``w:noBreakHyphen`` between the text elements of
  its run: Word and LibreOffice draw it with the font's own hyphen, which Liberation Sans
  (Arial in LibreOffice's PDF) has while it has no glyph for U+2011;
- an ordinal suffix is set in superscript (``w:vertAlign``), a « [À compléter…] » marker is
  highlighted (``w:highlight``), each in a run of its own that keeps the run's formatting;
- a paragraph that ends with « : » (a lead-in line: « Les Parties s'engagent à : ») keeps with
  the next one (``w:keepNext``), so it is never left alone at the bottom of a page; so does
  the paragraph just before « Fait à … » (style « Signature »): the last article's end goes
  with the signatures;
- the signature blocks (style « Bloc signature ») keep with each other, so that « Fait à … »
  and every signature share a page; past `_SIGNATURE_ROWS_KEPT` rows they cannot, and a chain
  too long for a page is dropped whole (LibreOffice then leaves « Fait à » alone at the bottom
  of a page): only the first two rows are then kept with « Fait à », each row still whole.

Properties are inserted in the order the WordprocessingML schema requires (ISO/IEC 29500-1
§17.3.1.29 and §17.3.2.28), so a finished part stays valid.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from lxml import etree
from markupsafe import escape

from coopdocs.french.finishing import NO_BREAK_HYPHEN, bind_quotations, finish_text, spans

__all__ = ["finish_part", "finished_runs"]

_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{_NS}}}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_T = _W + "t"
_NO_BREAK_HYPHEN = _W + "noBreakHyphen"
_P = _W + "p"
_R = _W + "r"
_RPR = _W + "rPr"
# The paragraphs in style « Signature » (« Fait à … »), found by libxml2 rather than in Python.
# (Looking for the style element first: half the time of testing every paragraph; from the
# part's root down rather than with "//": a third less again.)
_SIGNATURES: Any = etree.XPath(
    "descendant::w:pStyle[@w:val = 'Signature']/parent::w:pPr/parent::w:p", namespaces={"w": _NS})

# The children of w:rPr and w:pPr, in the schema's order (CT_RPr's EG_RPrBase, CT_PPrBase).
_RPR_ORDER = tuple(_W + n for n in (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath", "rPrChange"))
_PPR_ORDER = tuple(_W + n for n in (
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap",
    "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd",
    "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap",
    "jc", "textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId",
    "cnfStyle", "rPr", "sectPr", "pPrChange"))
_SPAN_PROPERTY = {"ordinal": ("vertAlign", "superscript"), "marker": ("highlight", "yellow")}
# Rows of two signature blocks that share a page with « Fait à … » and the end of the text
# (a landscape or portrait page holds five rows of blocks and little else).
_SIGNATURE_ROWS_KEPT = 4
_SIGNATURE_TABLES: Any = etree.XPath(
    "descendant::w:tbl[w:tr/w:tc/w:p/w:pPr/w:pStyle/@w:val = 'Blocsignature']",
    namespaces={"w": _NS})


def _child(parent: etree._Element, tag: str) -> etree._Element | None:
    """The first child ``tag`` of ``parent`` (``find`` goes through ElementPath's Python code:
    several times slower, for thousands of calls a batch)."""
    return next(parent.iterchildren(tag), None)


def _set_property(parent: etree._Element, order: tuple[str, ...], name: str,
                  value: str | None) -> None:
    """Set ``w:name`` (with ``w:val`` when given) in ``parent``, at its place in ``order``."""
    tag = _W + name
    node = _child(parent, tag)
    if node is None:
        later = order[order.index(tag) + 1:]
        at = next((i for i, child in enumerate(parent) if child.tag in later), len(parent))
        node = etree.SubElement(parent, tag)  # made in the document: no namespace to mend
        parent.insert(at, node)
    if value is not None:
        node.set(_W + "val", value)


def _properties(element: etree._Element, name: str) -> etree._Element:
    """The ``w:rPr`` of a run or the ``w:pPr`` of a paragraph, created first when absent."""
    props = _child(element, _W + name)
    if props is None:
        props = etree.SubElement(element, _W + name)
        element.insert(0, props)
    return props


def _bind_hyphens(node: etree._Element) -> None:
    """A ``w:t`` whose text holds no-break hyphens (U+2011): the text cut at each, with a
    ``w:noBreakHyphen`` in its place, in the same run (CT_R takes both, in any order)."""
    pieces = (node.text or "").split(NO_BREAK_HYPHEN)
    run = node.getparent()
    if run is None or len(pieces) == 1:
        return
    node.text = pieces[0]
    node.set(_XML_SPACE, "preserve")
    at = node
    for piece in pieces[1:]:
        hyphen = etree.SubElement(run, _NO_BREAK_HYPHEN)  # made in the document: no namespace
        at.addnext(hyphen)
        at = hyphen
        if piece:  # « J-30 » at the end of a text: no empty w:t after its hyphen
            text = etree.SubElement(run, _T)
            text.text = piece
            text.set(_XML_SPACE, "preserve")
            at.addnext(text)
            at = text


def _pieces(text: str) -> list[tuple[str, str | None]]:
    """``text`` cut around its spans: each piece, and how it is set apart (None: it is not)."""
    pieces: list[tuple[str, str | None]] = []
    position = 0
    for start, end, kind in spans(text):
        if start > position:
            pieces.append((text[position:start], None))
        pieces.append((text[start:end], kind))
        position = end
    if position < len(text):
        pieces.append((text[position:], None))
    return pieces


def _split_run(run: etree._Element, text: str) -> bool:
    """Split ``run`` around the spans of ``text`` (its only text); True when it did."""
    pieces = _pieces(text)
    if not pieces or pieces == [(text, None)]:
        return False
    parent = run.getparent()
    if parent is None:
        return False
    at = parent.index(run)
    # The run itself becomes the last piece; the others are copies of it made first.
    for offset, (piece, how) in enumerate(pieces):
        new = copy.deepcopy(run) if offset < len(pieces) - 1 else run
        node = _child(new, _T)
        assert node is not None  # `run` holds the text
        node.text = piece
        node.set(_XML_SPACE, "preserve")
        if how is not None:
            name, value = _SPAN_PROPERTY[how]
            _set_property(_properties(new, "rPr"), _RPR_ORDER, name, value)
        if new is not run:
            parent.insert(at + offset, new)
        if NO_BREAK_HYPHEN in piece:
            _bind_hyphens(node)
    return True


def finished_runs(text: str, properties: str) -> str:
    """The runs of ``text`` as WordprocessingML markup, each with the run properties
    ``properties`` (the content of a ``w:rPr``), finished as `finish_part` finishes a run that
    holds only its text in the body: the same French typography, each ordinal suffix and gap
    marker in a run of its own, each no-break hyphen a ``w:noBreakHyphen``.

    For the text coopdocs writes itself (`render.figures`), which joins a part after the part
    has been finished. ``properties`` holds nothing that the schema puts after ``w:highlight``
    (the pictures' runs: bold, italic, colour, size), so a span's property is appended.
    """
    finished, apart = _finished(text)
    pieces = _pieces(finished) if apart else [(finished, None)]
    out = []
    for piece, how in pieces:
        extra = ""
        if how is not None:
            name, value = _SPAN_PROPERTY[how]
            extra = f'<w:{name} w:val="{value}"/>'
        first, *rest = piece.split(NO_BREAK_HYPHEN)
        texts = [f'<w:t xml:space="preserve">{escape(first)}</w:t>']
        for after in rest:  # as `_bind_hyphens`: no empty text after a final hyphen
            texts.append("<w:noBreakHyphen/>")
            if after:
                texts.append(f'<w:t xml:space="preserve">{escape(after)}</w:t>')
        out.append(f"<w:r><w:rPr>{properties}{extra}</w:rPr>{''.join(texts)}</w:r>")
    return "".join(out)


def _lead_in(paragraph: etree._Element) -> bool:
    """Its text ends with « : » (spaces after it aside)."""
    for node in reversed(list(paragraph.iter(_W + "t"))):
        text = (node.text or "").rstrip()
        if text:
            return text.endswith(":")
    return False


def _in_table(paragraph: etree._Element) -> bool:
    return next(paragraph.iterancestors(_W + "tc"), None) is not None


@lru_cache(maxsize=1 << 14)
def _finished(text: str) -> tuple[str, bool]:
    """A text finished, and whether it holds a span to set apart (one cached call per text:
    one argument, which the cache takes as its key without building a tuple)."""
    finished = finish_text(text)
    return finished, bool(spans(finished))


@lru_cache(maxsize=1 << 10)
def _finished_running(text: str) -> tuple[str, bool]:
    """The same for a header or footer, whose quotations never break across lines."""
    finished = bind_quotations(finish_text(text))
    return finished, bool(spans(finished))


def _paragraph(node: etree._Element) -> etree._Element | None:
    """The paragraph holding a text: its run's parent, most of the time."""
    run = node.getparent()
    parent = None if run is None else run.getparent()
    if parent is not None and parent.tag == _P:
        return parent
    return next(node.iterancestors(_P), None)


def finish_part(root: etree._Element, *, running: bool = False, source: str | None = None) -> bool:
    """Finish the text of one rendered part in place; True when anything changed.

    ``running``: a header or footer, whose quotations never break across lines. ``source``:
    the XML the part was parsed from, when the caller has it (what it does not hold is not
    looked for)."""
    changed = False
    runs: list[tuple[etree._Element, str]] = []
    hyphenated: list[etree._Element] = []  # texts with no-break hyphens, in runs kept whole
    # Lead-ins end with a colon: only the paragraphs holding one are looked at.
    colons: dict[int, etree._Element] = {}
    finished_of = _finished_running if running else _finished
    for node in root.iter(_T):
        text = node.text
        if not text:
            continue
        finished, apart = finished_of(text)
        if finished != text:
            node.text = finished
            changed = True
        if ":" in finished and (paragraph := _paragraph(node)) is not None:
            colons[id(paragraph)] = paragraph
        run = node.getparent() if apart else None  # most texts: nothing to set apart
        # Only a run whose one child besides its properties is this text is split: a run that
        # also holds a tab or a break keeps its layout as the template made it.
        if run is not None and run.tag == _R and len(run) - (
                _child(run, _RPR) is not None) == 1:
            runs.append((run, finished))  # its pieces get their no-break hyphens there
        elif NO_BREAK_HYPHEN in finished:
            hyphenated.append(node)
    for run, text in runs:
        changed |= _split_run(run, text)
    # After the walk over the texts, which would otherwise visit the pieces made here.
    for node in hyphenated:  # a U+2011 typed in a value changes the part too
        _bind_hyphens(node)
        changed = True
    kept = [p for p in colons.values() if _lead_in(p)]
    if source is None or "Signature" in source:
        kept += _before_signatures(root)
    for paragraph in kept:
        # In a table a row keeps its own layout; keeping cells together is the template's call.
        if not _in_table(paragraph):
            _set_property(_properties(paragraph, "pPr"), _PPR_ORDER, "keepNext", None)
            changed = True
    if source is None or "Blocsignature" in source:
        changed |= _release_long_signatures(root)
    return changed


def _release_long_signatures(root: etree._Element) -> bool:
    """Past `_SIGNATURE_ROWS_KEPT` rows of signature blocks, every row from the second on no
    longer keeps with the next (direct formatting over the style): « Fait à … » goes with the
    first two. True when any was released."""
    released = False
    for table in _SIGNATURE_TABLES(root):
        rows = list(table.iterchildren(_W + "tr"))
        if len(rows) <= _SIGNATURE_ROWS_KEPT:
            continue
        for row in rows[1:]:
            for paragraph in row.iter(_P):
                if _style(paragraph) == "Blocsignature":
                    _set_property(_properties(paragraph, "pPr"), _PPR_ORDER, "keepNext", "0")
                    released = True
    return released


def _style(paragraph: etree._Element) -> str | None:
    style = next((s for props in paragraph.iterchildren(_W + "pPr")
                  for s in props.iterchildren(_W + "pStyle")), None)
    return None if style is None else style.get(_W + "val")


def _before_signatures(root: etree._Element) -> list[etree._Element]:
    """The last paragraph of the text, just before « Fait à … » (style Signature, itself kept
    with the signature blocks): the signatures never stand alone on the last page."""
    found: list[etree._Element] = []
    for signature in _SIGNATURES(root):
        previous = signature.getprevious()
        while previous is not None and previous.tag not in (_P, _W + "tbl"):
            previous = previous.getprevious()
        if previous is not None and previous.tag == _P and _style(previous) != "Signature":
            found.append(previous)
    return found
