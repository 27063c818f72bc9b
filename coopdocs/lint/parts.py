"""Reading a .docx template the way docxtpl does: parts, paragraphs, runs and tags.

Everything here works on the raw WordprocessingML, because that is where Word's damage is: a
tag whose characters sit in several ``w:r`` runs, proofing and revision marks between them,
AutoCorrect quotes. Each paragraph keeps the ``w:t`` elements its text comes from, so a problem
can be located (« corps, paragraphe 12 », « corps, tableau 2, ligne 3, cellule 1 ») and
`lint_fix` can repair a copy.

The tag scanner mirrors docxtpl 0.20 (``DocxTemplate.patch_xml``): only ``w:t`` text counts, a
special tag is ``{%p ``/``{%tr ``/``{%tc ``/``{%r `` with exactly that spelling, “ ” ‘ ’ inside
tags become straight quotes, « » do not.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from coopdocs.errors import Problem, Severity

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = f"{{{W_NS}}}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

SNIPPET = 60
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)

OPENERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_OPEN = re.compile(r"\{[{%#]")
_CLOSE = re.compile(r"[}%#]\}")
_MARKER = re.compile(r"(p|tr|tc|r) ")
_GLUED = re.compile(r"(p|tr|tc)(if|for|endif|endfor|else|elif|set|endset)\b")
_SPACED = re.compile(r"\s+(p|tr|tc)\s+(if|for|endif|endfor|else|elif|set|endset)\b")
_DOCXTPL_EXPR = re.compile(r"\s*(colspan|cellbg)\s+(.*)", re.DOTALL)
_DOCXTPL_NOOP = re.compile(r"\s*(vm|hm)\s*")
_WORD = re.compile(r"[-+]?\s*([A-Za-z_]\w*)")
# What docxtpl's clean_tags straightens (patch_xml), applied the same way.
CURLY = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
GUILLEMETS = "«»"


@dataclass
class Tag:
    """One ``{{ }}``, ``{% %}`` or ``{# #}`` of a paragraph, as the adviser typed it."""

    start: int
    end: int
    raw: str
    opener: str
    marker: str | None = None  # p, tr, tc, r: docxtpl's special tags
    word: str = ""  # first keyword of a statement: if, for, endfor…
    source: str = ""  # what Jinja is given (docxtpl's spelling normalised)
    misspelt: str | None = None  # « {%pif » or « {% p if »: what was written
    guillemets: bool = False  # « » used as string delimiters
    curly: bool = False  # “ ” ‘ ’ (straightened by docxtpl, still fragile)


@dataclass
class Para:
    """One ``w:p`` and the ``w:t`` elements its text comes from."""

    element: Any
    index: int
    part: str
    location: str = ""
    pieces: list[tuple[int, Any]] = field(default_factory=list)
    text: str = ""
    table: Any = None
    row: Any = None
    cell: Any = None
    tags: list[Tag] = field(default_factory=list)
    unclosed: list[int] = field(default_factory=list)  # offsets of tags never closed
    stray: list[int] = field(default_factory=list)  # offsets of }} / %} outside any tag

    def add(self, t: Any) -> None:
        self.pieces.append((len(self.text), t))
        self.text += t.text or ""

    def snippet(self, start: int = 0, end: int | None = None) -> str:
        return snippet(self.text, start, start if end is None else end)


@dataclass
class Part:
    """A part docxtpl renders as its own Jinja template: body, a header, a footer, notes."""

    member: str
    label: str
    root: Any
    paragraphs: list[Para]
    rendered: bool = True  # endnotes and comments are not rendered by docxtpl
    header_footer: bool = False
    revisions: Any = None  # render.revisions.Acceptance: tracked changes accepted on reading


def snippet(text: str, start: int, end: int) -> str:
    """About SNIPPET characters of visible text around [start, end), on one line."""
    left, right = max(start - SNIPPET // 2, 0), min(end + SNIPPET // 2, len(text))
    core = " ".join(text[left:right].split())
    return ("…" if left else "") + core + ("…" if right < len(text) else "")


def parse_xml(data: bytes) -> Any:
    return etree.fromstring(data, _PARSER)


# --- parts ---------------------------------------------------------------------------------


def _rels(archive: zipfile.ZipFile) -> dict[str, tuple[str, str]]:
    """rId → (relationship type suffix, member name) of word/document.xml."""
    try:
        root = parse_xml(archive.read("word/_rels/document.xml.rels"))
    except (KeyError, etree.XMLSyntaxError):
        return {}
    out = {}
    for rel in root.iter(f"{_REL_NS}Relationship"):
        target = rel.get("Target", "")
        member = target.lstrip("/") if target.startswith("/") else f"word/{target}"
        out[rel.get("Id", "")] = (rel.get("Type", "").removeprefix(_REL), member)
    return out


_KINDS = {"header": "en-tête", "footer": "pied de page"}
_VARIANTS = {"first": " de la première page", "even": " des pages paires"}


def part_labels(archive: zipfile.ZipFile, body: Any) -> list[tuple[str, str]]:
    """(member, label) of the headers and footers docxtpl renders, in section order."""
    rels = _rels(archive)
    labels: dict[str, str] = {}
    sections = list(body.iter(f"{W}sectPr"))
    for number, sect in enumerate(sections, start=1):
        for ref in sect:
            kind = etree.QName(ref).localname.removesuffix("Reference")
            if kind not in _KINDS:
                continue
            rel = rels.get(ref.get(f"{{{R_NS}}}id", ""))
            if rel and rel[1] not in labels:
                label = _KINDS[kind] + _VARIANTS.get(ref.get(f"{W}type", ""), "")
                if len(sections) > 1:
                    label += f" (section {number})"
                labels[rel[1]] = label
    for kind, member in rels.values():  # referenced by the document but by no section
        if kind in _KINDS and member not in labels:
            labels[member] = _KINDS[kind]
    return [(m, labels[m]) for m in labels if m in archive.NameToInfo]


# --- paragraphs ----------------------------------------------------------------------------


@dataclass
class _Ctx:
    table: Any = None
    table_no: int = 0
    row: Any = None
    row_no: int = 0
    cell: Any = None
    cell_no: int = 0
    textbox: bool = False
    para: Para | None = None
    counters: list[int] = field(default_factory=lambda: [0])


def read_paragraphs(root: Any, label: str) -> list[Para]:
    """Every paragraph of a part in document order, with its text, pieces and location."""
    out: list[Para] = []
    tables = [0]
    places: dict[int, tuple[str, Any]] = {}

    def walk(el: Any, ctx: _Ctx) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag == f"{{{MC_NS}}}Fallback":
                continue  # a text box's VML copy: docxtpl renders it, but it repeats Choice
            if tag == f"{W}p":
                para = Para(child, len(out), label, table=ctx.table, row=ctx.row, cell=ctx.cell)
                out.append(para)
                if ctx.cell is not None:
                    places[id(para)] = (f"tableau {ctx.table_no}, ligne {ctx.row_no}, "
                                        f"cellule {ctx.cell_no}", ctx.cell)
                elif ctx.textbox:
                    places[id(para)] = ("zone de texte", None)
                walk(child, _Ctx(ctx.table, ctx.table_no, ctx.row, ctx.row_no, ctx.cell,
                                 ctx.cell_no, ctx.textbox, para))
            elif tag == f"{W}t":
                if ctx.para is not None:
                    ctx.para.add(child)
            elif tag == f"{W}tbl":
                tables[0] += 1
                walk(child, _Ctx(child, tables[0], textbox=ctx.textbox, counters=[0]))
            elif tag == f"{W}tr" and ctx.table is not None:
                ctx.counters[0] += 1
                walk(child, _Ctx(ctx.table, ctx.table_no, child, ctx.counters[0],
                                 textbox=ctx.textbox, counters=[0, ctx.counters[0]]))
            elif tag == f"{W}tc" and ctx.row is not None:
                ctx.counters[0] += 1
                walk(child, _Ctx(ctx.table, ctx.table_no, ctx.row, ctx.row_no, child,
                                 ctx.counters[0], ctx.textbox, ctx.para))
            elif tag == f"{W}txbxContent":
                walk(child, _Ctx(textbox=True))
            else:
                walk(child, ctx)

    walk(root, _Ctx())
    per_cell: dict[int, list[Para]] = {}
    plain = [p for p in out if id(p) not in places]
    for para in out:
        if id(para) in places and places[id(para)][1] is not None:
            per_cell.setdefault(id(places[id(para)][1]), []).append(para)
    for number, para in enumerate(plain, start=1):
        para.location = label if len(plain) == 1 and len(out) == 1 else \
            f"{label}, paragraphe {number}"
    for para in out:
        if id(para) in places:
            where, cell = places[id(para)]
            siblings = per_cell.get(id(cell), [para]) if cell is not None else [para]
            extra = f", paragraphe {siblings.index(para) + 1}" if len(siblings) > 1 else ""
            para.location = f"{label}, {where}{extra}"
    for para in out:
        scan_tags(para)
    return out


# --- tags ----------------------------------------------------------------------------------


def straighten(inner: str) -> tuple[str, bool, bool]:
    """Inner tag text with docxtpl's quote cleaning and « » used as quotes made straight.

    Returns (text, had curly quotes, had guillemets used as string delimiters). « » inside a
    straight-quoted string are legitimate text and stay.
    """
    curly = any(c in inner for c in "“”‘’")
    text = inner.translate(CURLY)
    if not any(c in text for c in GUILLEMETS):
        return text, curly, False
    out, quote, found, i = [], "", False, 0
    while i < len(text):
        char = text[i]
        if quote:
            quote = "" if char == quote else quote
            out.append(char)
        elif char in "\"'":
            quote = char
            out.append(char)
        elif char in GUILLEMETS:
            found = True
            if char == "»":
                while out and out[-1] in " \u00a0\u202f":
                    out.pop()
            out.append('"')
            if char == "«":
                while i + 1 < len(text) and text[i + 1] in " \u00a0\u202f":
                    i += 1
        else:
            out.append(char)
        i += 1
    return "".join(out), curly, found


def _make_tag(text: str, start: int, end: int) -> Tag:
    raw = text[start:end]
    opener, closer = raw[:2], raw[-2:]
    inner = raw[2:-2]
    tag = Tag(start, end, raw, opener)
    marker = _MARKER.match(inner)
    if marker and (opener != "{#" or marker[1] != "r"):
        tag.marker, inner = marker[1], inner[marker.end():]
    elif opener == "{%" and (glued := _GLUED.match(inner) or _SPACED.match(inner)):
        tag.marker, tag.misspelt = glued[1], raw[: 2 + glued.end()]
        inner = inner[glued.start(2):]
    inner, tag.curly, tag.guillemets = straighten(inner)
    if opener == "{%" and (extra := _DOCXTPL_EXPR.fullmatch(inner)):
        tag.source, tag.word = "{{ " + extra[2] + " }}", extra[1]
        return tag
    if opener == "{%" and _DOCXTPL_NOOP.fullmatch(inner):
        tag.word = inner.strip()
        return tag
    if opener == "{%" and (word := _WORD.match(inner)):
        tag.word = word[1]
    spacer = " " if tag.marker else ""
    tag.source = (opener + spacer + inner + closer).replace("\n", " ")
    return tag


def scan_tags(para: Para) -> None:
    """Find the tags of a paragraph, the ones never closed and the stray closing braces."""
    text, pos = para.text, 0
    while True:
        found = _OPEN.search(text, pos)
        limit = found.start() if found else len(text)
        para.stray += [m.start() for m in _CLOSE.finditer(text, pos, limit)]
        if not found:
            return
        closer = OPENERS[found[0]]
        end = text.find(closer, found.end())
        # Another tag opening before this one closes: this one was never closed.
        nxt = _OPEN.search(text, found.end())
        if end < 0 or (nxt and nxt.start() < end and nxt[0] != "{#"):
            para.unclosed.append(found.start())
            if nxt is None:
                return
            pos = nxt.start()
            continue
        para.tags.append(_make_tag(text, found.start(), end + 2))
        pos = end + 2


def tag_elements(para: Para, tag: Tag) -> list[Any]:
    """The ``w:t`` elements holding the characters of `tag`, in order."""
    out = []
    for offset, t in para.pieces:
        length = len(t.text or "")
        if offset < tag.end and offset + length > tag.start and length:
            out.append(t)
    return out


def problem(code: str, message: str, hint: str, para: Para | None, start: int = 0,
            end: int | None = None, *, severity: Severity = "erreur", part: str = "") -> Problem:
    """A template Problem located at a paragraph, the visible text around it in the message."""
    if para is None:
        return Problem(message, hint=hint, code=code, severity=severity,
                       location=part or None, extra={"index": -1})
    text = para.snippet(start, end)
    if text:
        message += f" — texte concerné : « {text} »"
    # extra is not compared: two reports of one field in one paragraph stay equal.
    return Problem(message, hint=hint, code=code, severity=severity,
                   location=para.location, extra={"index": para.index, "texte": text})
