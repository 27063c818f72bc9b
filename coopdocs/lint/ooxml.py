"""Validation of WordprocessingML parts against the transitional schema (ISO/IEC 29500-4).

LibreOffice opens a .docx whose elements are in an unexpected order; Word is stricter and may
declare such a file damaged. coopdocs' own documents are validated by the test suite, and
`templates check` warns about an override template whose parts do not validate (a template
built by a program, or edited by hand), because every document made from it would inherit the
fault.

The schemas live in ``coopdocs/data/ooxml/`` (see its README: source, licence). Word's
extension namespaces (``w14``, ``w15``…) are declared ignorable (``mc:Ignorable``): they are
dropped before validation, and each ``mc:AlternateContent`` is replaced by its ``mc:Fallback``,
as a Markup Compatibility processor that knows only the 2006 namespaces does (ECMA-376 Part 3).
"""

from __future__ import annotations

import copy
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from coopdocs.render.revisions import drop_element

__all__ = ["SCHEMA_DIR", "VALIDATED_PART", "SchemaFault", "schema_faults", "without_extensions"]

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "data" / "ooxml"
# The parts whose root element the WordprocessingML schema defines and coopdocs checks.
VALIDATED_PART = re.compile(
    r"word/(document|header\d*|footer\d*|footnotes|endnotes|styles|numbering)\.xml")

_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PREFIXES = {
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "w",
    "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing": "wp",
    "http://schemas.openxmlformats.org/drawingml/2006/main": "a",
    "http://schemas.openxmlformats.org/drawingml/2006/picture": "pic",
    "http://schemas.openxmlformats.org/officeDocument/2006/math": "m",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships": "r",
}
_QNAME = re.compile(r"\{([^}]*)\}(\w+)")


@functools.cache
def _schema() -> etree.XMLSchema:
    # About 0.3 s: loaded once per process, and only by the commands that validate.
    return etree.XMLSchema(etree.parse(str(SCHEMA_DIR / "wordprocessingml.xsd")))


def without_extensions(root: Any) -> Any:
    """A copy of `root` as a processor of the 2006 namespaces sees it (Markup Compatibility):
    ignorable namespaces dropped, each ``mc:AlternateContent`` replaced by its fallback."""
    root = copy.deepcopy(root)
    ignorable: set[str] = set()
    for element in root.iter():
        declared = element.get(f"{{{_MC}}}Ignorable") if isinstance(element.tag, str) else None
        for prefix in (declared or "").split():
            if prefix in element.nsmap:
                ignorable.add(element.nsmap[prefix])
    for choice in list(root.iter(f"{{{_MC}}}AlternateContent")):
        parent = choice.getparent()
        if parent is None:
            continue
        fallback = choice.find(f"{{{_MC}}}Fallback")
        at = parent.index(choice)
        for child in reversed(list(fallback) if fallback is not None else []):
            parent.insert(at + 1, child)
        drop_element(choice)
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).namespace in ignorable and element.getparent() is not None:
            drop_element(element)
            continue
        for name in list(element.attrib):
            if etree.QName(name).namespace in ignorable | {_MC}:
                del element.attrib[name]
    return root


@dataclass(frozen=True)
class SchemaFault:
    """One place where a part does not validate, in words an adviser can act on."""

    description: str  # French: « w:tblW » n'est pas à sa place dans « w:tblPr »…
    text: str  # visible text of the nearest paragraph, to find the place in Word
    table: int | None  # number of the table it is in (1-based), if any


def _short(name: str) -> str:
    """``{namespace}tblW`` → ``w:tblW``."""
    return _QNAME.sub(lambda m: f"{_PREFIXES.get(m[1], 'x')}:{m[2]}", name)


def _describe(message: str, element: Any) -> str:
    name = _short(element.tag) if element is not None else "?"
    parent = element.getparent() if element is not None else None
    where = f" dans « {_short(parent.tag)} »" if parent is not None else ""
    expected = re.search(r"Expected is (?:one of )?\( ([^)]*) \)", message)
    wanted = ""
    if expected:
        names = [_short(n.strip()) for n in expected[1].split(",")]
        wanted = ", ".join(names[:4]) + ("…" if len(names) > 4 else "")
    if "This element is not expected" in message:
        text = f"« {name} » n'est pas à sa place{where}"
        return text + (f" (attendu à cet endroit : {wanted})" if wanted else "")
    if "Missing child element" in message:
        return f"« {name} » est incomplet" + (f" : il y manque {wanted}" if wanted else "")
    attribute = re.search(r"attribute '([^']+)'", message)
    if attribute:
        return f"l'attribut « {_short(attribute[1])} » de « {name} » a une valeur non conforme"
    return f"« {name} » n'est pas conforme"


def _nearest_text(element: Any) -> str:
    if element is None:
        return ""
    paragraph = next(element.iterancestors(f"{_W}p"), None)
    if paragraph is None and element.tag == f"{_W}p":
        paragraph = element
    if paragraph is None:
        container = next(element.iterancestors(f"{_W}tbl"), None)
        paragraph = container.find(f".//{_W}p") if container is not None else None
    if paragraph is None:
        return ""
    return " ".join("".join(paragraph.itertext(f"{_W}t")).split())


def _table_number(root: Any, element: Any) -> int | None:
    table = next(element.iterancestors(f"{_W}tbl"), None) if element is not None else None
    if table is None:
        return None
    for number, candidate in enumerate(root.iter(f"{_W}tbl"), start=1):
        if candidate is table:
            return number
    return None


def schema_faults(root: Any) -> list[SchemaFault]:
    """Where the part `root` (parsed) breaks the transitional schema; empty when it is valid."""
    seen = without_extensions(root)
    schema = _schema()
    if schema.validate(seen):
        return []
    faults = []
    tree = seen.getroottree()
    entries: Any = schema.error_log
    for entry in entries:
        element = None
        if entry.path:
            try:
                found = tree.xpath(entry.path, namespaces=_namespaces(seen))
                element = found[0] if found else None
            except etree.XPathError:
                element = None
        if element is not None and not isinstance(element.tag, str):
            element = None
        faults.append(SchemaFault(_describe(entry.message, element), _nearest_text(element),
                                  _table_number(seen, element)))
    return faults


def _namespaces(root: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in root.iter():
        if isinstance(element.tag, str):
            found.update({k: v for k, v in element.nsmap.items() if k})
    return found
