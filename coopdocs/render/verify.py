"""Checks on rendered documents: strict XML, python-docx can open it, no tag left behind.

`verify_document` is the full check of any .docx (every part, every time). `PreparedTemplate`
uses the pieces separately so that each render only pays for the parts it produced.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from typing import Any

import docx
from lxml import etree

from coopdocs.errors import RenderError
from coopdocs.render.explain import (
    LEFTOVER_HINT,
    TEXT_PART,
    broken,
    count_tags,
    error,
    paragraph_texts,
    part_label,
    snippet,
)

__all__ = ["open_with_python_docx", "refuse_leftovers", "strict_parser", "tables_need_fix",
           "verify_document"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TBL, _TR, _TC, _GRID, _GRID_COL, _GRID_SPAN, _VAL = (
    _W + n for n in ("tbl", "tr", "tc", "tblGrid", "gridCol", "gridSpan", "val"))
_TC_PR = f"{_W}tcPr"


@functools.cache
def strict_parser() -> Any:
    """No entity expansion, no network, no recovery: what Word accepts is well-formed XML."""
    return etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)


def tables_need_fix(root: Any) -> bool:
    """Whether docxtpl's `fix_tables` would change a table (same counts as its own code).

    Children are taken with ``iterchildren`` rather than ``find``/``findall``, which go
    through ElementPath's Python code for each row and cell."""
    for table in root.iter(_TBL):
        grid = next(table.iterchildren(_GRID), None)
        if grid is None:
            return True
        columns = sum(1 for _ in grid.iterchildren(_GRID_COL))
        # Most tables span no cell: their rows are then counted without looking into cells.
        spanning = next(table.iter(_GRID_SPAN), None) is not None
        widest = spanned = 0
        for row in table.iter(_TR):
            if spanning:
                cells = list(row.iterchildren(_TC))
                spans = [_cell_span(c) for c in cells]
                spanned = max(spanned, sum(int(s.get(_VAL)) if s is not None else 1
                                           for s in spans))
                count = len(cells)
            else:
                count = sum(1 for _ in row.iterchildren(_TC))
                spanned = max(spanned, count)
            widest = max(widest, count)
        if widest > columns or spanned < columns:
            return True
    return False


def _cell_span(cell: Any) -> Any:
    """The cell's ``w:tcPr/w:gridSpan`` (the first, as ``find`` would), or None."""
    return next((s for props in cell.iterchildren(_TC_PR) for s in props.iterchildren(_GRID_SPAN)),
                None)


def open_with_python_docx(data: bytes, name: str) -> None:
    try:
        docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for a malformed package
        raise broken(name, "Word ne pourrait pas l'ouvrir") from exc


def verify_document(data: bytes, name: str, *, allowed_tags: int = 0) -> None:
    """Refuse a .docx that Word could not open or that still contains tags (full check).

    `allowed_tags` is how many ``{{``/``{%`` the project data itself brought into the text.
    """
    leftovers: list[tuple[str, str]] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                if not member.endswith((".xml", ".rels")):
                    continue
                try:
                    root = etree.fromstring(archive.read(member), strict_parser())
                except etree.XMLSyntaxError as exc:
                    raise broken(name, f"partie « {member} » illisible") from exc
                if TEXT_PART.fullmatch(member):
                    leftovers += [(member, t) for t in paragraph_texts(root) if count_tags(t)]
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise broken(name, "archive .docx invalide") from exc
    open_with_python_docx(data, name)
    refuse_leftovers(leftovers, allowed_tags, name)


def refuse_leftovers(leftovers: list[tuple[str, str]], allowed: int, name: str) -> None:
    """Raise when the output holds more ``{{``/``{%`` than the project data brought in."""
    if sum(count_tags(text) for _, text in leftovers) <= allowed:
        return
    member, text = leftovers[0]
    found = re.search(r"\{[{%]", text)
    at = found.start() if found else 0
    message = f"une balise n'a pas été remplacée : « {snippet(text, at, at + 2)} »"
    raise error(RenderError, message, LEFTOVER_HINT, "rendu-balise-non-traitee", name,
                location=part_label(member))
