"""The word-loss guard: every rendered part is checked before a document is written.

A lost word is the worst failure coopdocs can have: a convention signed without a partner's
name. docxtpl's special tags can put a value where Word never shows it (``{{r x }}`` given
plain text writes it bare inside ``<w:p>``; python-docx reads nothing there and LibreOffice
prints nothing), and the XML stays well formed, so no parser notices. After EVERY render,
each part is checked against the structure rules of the schema that matter for loss:

- no text outside a text element (``w:t``; field codes ``w:instrText``…);
- no ``w:t`` outside a run (``w:r``, or a math run);
- no run directly in a block container (``w:body``, a table, a cell, a header…);

and every value the template printed must be found in the text of the part (or, for the few
docxtpl tags that print into an attribute, in an attribute). `recording` wraps the sandbox's
``finalize``, through which every printed value passes, and notes the value and the line of
the template that printed it. Values printed inside a ``{% filter %}``, a ``{% set %}`` block,
a macro or a ``{% call %}`` are transformed before they reach the document (``upper``, a
``replace``…): `quiet_blocks` marks those outputs so they are not expected verbatim. What
such a block returns is Markup (the environment autoescapes); it is expected as the text it
shows when it holds no XML.
"""

from __future__ import annotations

import contextvars
import html
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes
from lxml import etree

__all__ = ["Loss", "check_part", "printed", "printed_lines", "quiet", "quiet_blocks",
           "recording", "text_key"]

_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
       "m": "http://schemas.openxmlformats.org/officeDocument/2006/math"}
_W = f"{{{_NS['w']}}}"
_TEXT_ELEMENTS = ("t", "delText", "instrText", "delInstrText", "fldData")
# Text anywhere in a WordprocessingML element that is not a text element (one pass, in C;
# from the part's root down: a fifth faster than libxml2's "//", the same text nodes).
_STRAY_TEXT: Any = etree.XPath(
    "descendant::text()[parent::w:*][not(" + " or ".join(f"parent::w:{n}" for n in _TEXT_ELEMENTS)
    + ")][normalize-space()]", namespaces=_NS)
_RUNS = frozenset({f"{_W}r", f"{{{_NS['m']}}}r"})
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_ALTERNATIVES = frozenset({f"{_MC}AlternateContent", f"{_MC}Choice", f"{_MC}Fallback"})
_BLOCK_CONTAINERS = frozenset(f"{_W}{n}" for n in (
    "body", "tbl", "tr", "tc", "hdr", "ftr", "footnote", "endnote", "txbxContent", "comment",
    "docPartBody"))
# Plain strings, not lxml's "smart" ones that know their parent: a third faster to collect.
_TEXTS: Any = etree.XPath("descendant::w:t/text() | descendant::w:instrText/text()",
                          namespaces=_NS, smart_strings=False)
_ATTRIBUTES: Any = etree.XPath("//@*", smart_strings=False)
_LISTING = re.compile("[\t\n\a\f]")  # what docxtpl turns into tabs, breaks, paragraphs
_ESCAPES = (("{_{", "{{"), ("}_}", "}}"), ("{_%", "{%"), ("%_}", "%}"))
_QUIET = "coopdocs.render.guard.quiet"

# Each value printed by the part being rendered.
printed: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar(
    "coopdocs_printed", default=None)
# When set (only to explain a loss: asking a frame its line costs ~15 µs), the line of the
# generated Python code that printed each value.
printed_lines: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "coopdocs_printed_lines", default=None)


class _Quiet:
    """A value printed inside a block whose output is transformed: not expected verbatim."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def quiet(value: Any) -> _Quiet:
    return _Quiet(value)


def recording(finalize: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`finalize`, noting each plain text it returns in `printed` (and, when asked, the line
    that printed it in `printed_lines`)."""
    def record(value: Any) -> Any:
        if type(value) is _Quiet:
            return finalize(value.value)
        result = finalize(value)
        found = printed.get()
        if found is None:
            return result
        text = result if type(result) is str else _markup_text(result)
        if text and not text.isspace():
            found.append(text)
            lines = printed_lines.get()
            if lines is not None:
                lines.append(sys._getframe(1).f_lineno)
        return result

    return record


def _markup_text(result: Any) -> str:
    """The text a Markup value shows (the result of a set block or a macro, already escaped),
    or "" when it holds XML (a picture's run), which is checked by its structure only."""
    if not isinstance(result, str) or "<" in result:
        return ""
    return html.unescape(result) if "&" in result else str(result)


def quiet_blocks(template: nodes.Template) -> nodes.Template:
    """Mark the outputs inside filter blocks, set blocks, macros and call blocks (in place)."""
    blocks = (nodes.FilterBlock, nodes.AssignBlock, nodes.Macro, nodes.CallBlock)
    for block in template.find_all(blocks):
        for output in block.find_all(nodes.Output):
            output.nodes = [child if isinstance(child, nodes.TemplateData) or _is_quiet(child)
                            else nodes.Call(nodes.ImportedName(_QUIET), [child], [], None, None,
                                            lineno=child.lineno)
                            for child in output.nodes]
    return template


def _is_quiet(node: nodes.Node) -> bool:
    return (isinstance(node, nodes.Call) and isinstance(node.node, nodes.ImportedName)
            and node.node.importname == _QUIET)


def text_key(value: str) -> str:
    """A printed value as it reads in the finished part (listing characters become markup,
    docxtpl's escapes become braces)."""
    if _LISTING.search(value):
        value = _LISTING.sub("", value)
    if "_" in value:
        for escaped, plain in _ESCAPES:
            value = value.replace(escaped, plain)
    return value


@dataclass(frozen=True)
class Loss:
    """Where a part would lose text: what is lost, and the line of the value that printed it."""

    kind: str  # "hors-texte" (text outside w:t, w:t outside a run, run outside a paragraph)
    #            or "absente" (a printed value missing from the text)
    text: str  # the text that would be lost
    paragraph: str  # visible text of the output paragraph around it ("" if unknown)
    index: int | None  # position in `printed` of the value that printed it, if known


def _paragraph_text(node: Any) -> str:
    paragraph = next((a for a in (node, *node.iterancestors()) if a.tag == f"{_W}p"), None)
    return " ".join("".join((paragraph if paragraph is not None else node).itertext()).split())


def _index_of(text: str, values: list[str]) -> int | None:
    needle = " ".join(text.split())
    for index, value in enumerate(values):
        key = " ".join(text_key(value).split())
        if key and (key in needle or needle in key):
            return index
    return None


def _structure(root: Any) -> Iterator[tuple[str, Any]]:
    for text in _STRAY_TEXT(root):
        yield str(text), text.getparent()
    for element in root.iter(f"{_W}t", f"{_W}drawing"):  # outside a run, or a run outside
        run = element.getparent()                      # a paragraph
        while run.tag in _ALTERNATIVES:  # a text box: <w:r><mc:AlternateContent>…<w:drawing>
            run = run.getparent()
        if run.tag not in _RUNS or run.getparent().tag in _BLOCK_CONTAINERS:
            yield (element.text or "[image]") if element.tag == f"{_W}t" else "[image]", element


def check_part(root: Any, values: list[str]) -> Loss | None:
    """The first loss of the rendered part `root`, or None when every word is where Word
    shows it."""
    for text, node in _structure(root):
        if text.strip():
            return Loss("hors-texte", text.strip(), _paragraph_text(node),
                        _index_of(text, values))
    if not values:
        return None
    text = "".join(_TEXTS(root))
    position = 0
    attributes: list[str] | None = None
    for index, value in enumerate(values):
        key = text_key(value)
        if not key.strip():
            continue
        found = text.find(key, position)
        if found < 0:
            found = text.find(key)  # printed out of order: a loop's else, a table fix
        if found >= 0:
            position = found + len(key)
            continue
        if attributes is None:  # {% colspan %}, {% cellbg %}: docxtpl prints into attributes
            attributes = _ATTRIBUTES(root)
        if not any(key in attribute for attribute in attributes):
            return Loss("absente", value, "", index)
    return None
