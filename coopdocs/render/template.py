"""One document from a .docx template and a context, to bytes, safely and fast.

Every render uses a sandboxed, strict, autoescaping Jinja environment. A `PreparedTemplate`
does once what docxtpl redoes for every document (see ../shared/reference/performance.md):
read the zip, run docxtpl's ``patch_xml`` on each templated part, compile each part with Jinja
(once per process: compiled code is not picklable), compress the members that never change.
A render then only runs the compiled templates, applies the docxtpl post-processing that the
output actually needs, and writes the zip. No docxtpl or python-docx object lives across
renders, so one project's data cannot leak into another's document (docxtpl #392/#394).

Verification stays strict but is paid once where it can be: every static member is parsed
strictly when the template is prepared (it is byte-identical in every output); every rendered
part is parsed strictly at each render; python-docx re-opens the first document of each
template in each process (every output has the template's members: pictures are WordprocessingML
in the rendered parts, `render.figures`), which is what could make Word refuse a package whose
XML is well formed. No unprocessed tag may remain. Failures become `RenderError` in French
(see `render.explain`).
"""

from __future__ import annotations

import functools
import hashlib
import html
import io
import posixpath
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Template
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from coopdocs.errors import RenderError, TemplateError
from coopdocs.render.explain import (
    TEXT_PART,
    broken,
    count_tags,
    error,
    paragraph_texts,
    render_failure,
)
from coopdocs.render.figures import BLOCK_MARK, settle
from coopdocs.render.package import Member, write_zip
from coopdocs.render.sandbox import Filters, make_environment, value_tags
from coopdocs.render.verify import (
    open_with_python_docx,
    refuse_leftovers,
    strict_parser,
    tables_need_fix,
)

__all__ = ["PreparedTemplate", "render_document"]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_HEADER_FOOTER = (f"{_REL}/header", f"{_REL}/footer")
_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
_BODY_MARK = "<coopdocs-body/>"
_DC = "{http://purl.org/dc/elements/1.1/}"
# Core properties docxtpl renders (author = dc:creator, comments = dc:description).
_CORE_PROPS = tuple(_DC + n for n in ("creator", "description", "identifier", "language",
                                       "subject", "title"))
_LISTING = ("\t", "\a", "\n", "\f")  # what docxtpl's resolve_listing turns into Word markup
# Drawing ids, unique in a part (loops repeat them; pictures are numbered from 1).
_DOCPR = re.compile(r'(<(?:wp:docPr|wps:cNvPr)\b[^>]*?\sid=")\d+(")')


@functools.cache
def _docxtpl() -> Any:
    """docxtpl's own patching and post-processing code, used as functions (no state kept)."""
    return DocxTemplate(io.BytesIO())


class _NoBody(Exception):
    """A document part without a body: no output could be built from it."""


@dataclass
class _Part:
    """One templated member: what Jinja compiles, and how to put its output back."""

    member: str
    source: str  # docxtpl-patched XML, one paragraph per line, as docxtpl feeds Jinja
    head: str = ""  # body: document.xml up to <w:body>; other parts: the XML declaration
    tail: str = ""
    body: bool = False
    tables: bool = False


class PreparedTemplate:
    """A .docx template ready to render many times, fast, never sharing a DocxTemplate.

    Everything that does not depend on the data is computed here, once. Picklable: worker
    processes receive it and compile its parts on their first render (see `__getstate__`).
    """

    def __init__(self, data: bytes, name: str, *, filters: Filters | None = None) -> None:
        self.data = data
        self.name = name
        self.sha256 = hashlib.sha256(data).hexdigest()  # recorded in the output manifest
        self._filters = filters
        self._env: SandboxedEnvironment | None = None
        self._compiled: dict[str, Template] = {}
        self._opened = False  # python-docx has opened one of its outputs in this process
        self._defect: str | None = None  # a template part no output could parse
        self._parts: list[_Part] = []
        self._core: tuple[str, bytes, tuple[tuple[str, str], ...]] | None = None
        self._order: list[str] = []
        self._static: dict[str, Member] = {}
        self._leftovers: list[tuple[str, str]] = []  # tags in parts docxtpl never renders
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                archive.getinfo("word/document.xml")
                self._prepare({n: archive.read(n) for n in archive.namelist()})
        except (zipfile.BadZipFile, KeyError, zipfile.LargeZipFile) as exc:
            hint = "ouvrez-le dans Word ou LibreOffice et enregistrez-le au format .docx"
            message = "ce fichier n'est pas un document Word (.docx) valide"
            raise error(TemplateError, message, hint, "modele-pas-docx", name) from exc

    @classmethod
    def from_path(cls, path: Path, *, filters: Filters | None = None) -> PreparedTemplate:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            message = f"modèle illisible ({exc.strerror or exc})"
            hint = "vérifiez que le fichier existe et que vous avez le droit de le lire"
            raise error(TemplateError, message, hint, "modele-illisible", str(path)) from exc
        return cls(data, path.name, filters=filters)

    @property
    def environment(self) -> SandboxedEnvironment:
        if self._env is None:
            self._env = make_environment(self._filters)
        return self._env

    def __getstate__(self) -> dict[str, Any]:
        # Sent to worker processes: Jinja environments and compiled code are rebuilt there.
        return {**self.__dict__, "_env": None, "_compiled": {}, "_opened": False}

    # --- preparation, once per template -------------------------------------------------------

    def _prepare(self, raw: dict[str, bytes]) -> None:
        # python-docx's own parser settings: docxtpl patches what python-docx re-serialises.
        loose = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
        strict = strict_parser()
        self._order = list(raw)
        try:
            types = etree.fromstring(raw.get("[Content_Types].xml", b"<Types/>"), strict)
            rels = etree.fromstring(raw.get("word/_rels/document.xml.rels", b"<R/>"), strict)
        except etree.XMLSyntaxError:
            self._defect = "structure du paquet illisible"
            return
        overrides = {e.get("ContentType"): e.get("PartName", "").lstrip("/") for e in types}
        templated = ["word/document.xml"]
        for rel in rels:
            target = rel.get("Target", "")
            if rel.get("Type") in _HEADER_FOOTER and rel.get("TargetMode") != "External":
                member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                    posixpath.join("word", target))
                if raw.get(member):
                    templated.append(member)
        footnotes = overrides.get(_FOOTNOTES)
        for member in templated:
            try:
                self._parts.append(self._prepare_part(member, raw[member], loose))
            except (etree.XMLSyntaxError, _NoBody):
                self._defect = f"partie « {member} » illisible"
                return
        if footnotes in raw:
            text = raw[footnotes].decode("utf-8")
            self._parts.append(_Part(footnotes, _patch(text)))
            templated.append(footnotes)
        core = overrides.get("application/vnd.openxmlformats-package.core-properties+xml")
        if core in raw:
            root = etree.fromstring(raw[core], strict)
            props = tuple((tag, node.text) for tag in _CORE_PROPS
                          if (node := root.find(tag)) is not None and node.text
                          and ("{{" in node.text or "{%" in node.text or "{#" in node.text))
            if props:
                self._core = (core, raw[core], props)
                templated.append(core)
        for member, payload in raw.items():
            if member in templated:
                continue
            if member.endswith((".xml", ".rels")):  # identical in every output: check it once
                try:
                    root = etree.fromstring(payload, strict)
                except etree.XMLSyntaxError:
                    self._defect = f"partie « {member} » illisible"
                    return
                if TEXT_PART.fullmatch(member):
                    self._leftovers += [(member, t) for t in paragraph_texts(root)
                                        if count_tags(t)]
            self._static[member] = Member.of(member, payload)

    @staticmethod
    def _prepare_part(member: str, payload: bytes, parser: Any) -> _Part:
        root = etree.fromstring(payload, parser)
        if member != "word/document.xml":
            return _Part(member, _patch(etree.tostring(root, encoding="unicode")), _DECLARATION)
        body = root.find(f"{_W}body")
        if body is None:
            raise _NoBody
        xml = etree.tostring(body, encoding="unicode")
        root.replace(body, etree.Element(_BODY_MARK[1:-2]))
        head, tail = etree.tostring(root, encoding="unicode").split(_BODY_MARK)
        return _Part(member, _patch(xml), _DECLARATION + head, tail, True, "<w:tbl" in xml)

    # --- one render ---------------------------------------------------------------------------

    def render(self, context: Mapping[str, Any]) -> bytes:
        if self._defect:
            raise broken(self.name, self._defect)
        counter = [0]
        token = value_tags.set(counter)
        leftovers = list(self._leftovers)
        out: dict[str, bytes] = {}
        part: _Part | None = None
        try:
            for part in self._parts:
                xml = _finish(self._compile(part.member, part.source).render(context))
                out[part.member] = self._check(part, xml, leftovers)
            part = None
            if self._core:
                out[self._core[0]] = self._render_core(context)
        except RenderError:
            raise
        except Exception as exc:  # anything from Jinja or the filters
            member, source = (part.member, part.source) if part else (None, None)
            raise render_failure(self.name, self.data, self.environment, member, source,
                                 exc) from exc
        finally:
            value_tags.reset(token)
        refuse_leftovers(leftovers, counter[0], self.name)
        data = write_zip([Member.of(n, out[n]) if n in out else self._static[n]
                          for n in self._order])
        if not self._opened:
            open_with_python_docx(data, self.name)
            self._opened = True
        return data

    def _compile(self, key: str, source: str) -> Template:
        template = self._compiled.get(key)
        if template is None:
            template = self._compiled[key] = self.environment.from_string(source)
        return template

    def _check(self, part: _Part, xml: str, leftovers: list[tuple[str, str]]) -> bytes:
        """Parse a rendered part strictly; apply docxtpl's fixes where they change anything."""
        data = xml.encode("utf-8")
        try:
            root = etree.fromstring(data, strict_parser())
        except etree.XMLSyntaxError as exc:
            raise broken(self.name, f"partie « {part.member} » illisible") from exc
        if ("{{" in xml or "{%" in xml) and TEXT_PART.fullmatch(part.member):
            leftovers += [(part.member, t) for t in paragraph_texts(root) if count_tags(t)]
        if not part.body:
            return (part.head + xml).encode("utf-8") if part.head else data
        if part.tables and tables_need_fix(root):
            # Columns added or removed by {%tc %}, colspan, hm: docxtpl's own repair.
            xml = etree.tostring(_docxtpl().fix_tables(xml), encoding="unicode")
        if "docPr" in xml:  # drawing ids repeated by loops: renumber as docxtpl does
            ids = iter(range(1001, 1_000_000))
            xml = _DOCPR.sub(lambda m: f"{m[1]}{next(ids)}{m[2]}", xml)
        return (part.head + xml + part.tail).encode("utf-8")

    def _render_core(self, context: Mapping[str, Any]) -> bytes:
        assert self._core is not None
        member, payload, props = self._core
        root = etree.fromstring(payload, strict_parser())
        for tag, source in props:
            text = self._compile(f"{member}#{tag}", source).render(context)
            # Set as element text: the autoescaped form would show "&amp;" in Word.
            root.find(tag).text = html.unescape(text) if "&" in text else text
        return etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)


_PARA_MARK = re.compile(r"\n<w:p([ >])")


def _patch(xml: str) -> str:
    """docxtpl's patch, then one paragraph per line as docxtpl feeds Jinja (line numbers)."""
    return re.sub(r"<w:p([ >])", r"\n<w:p\1", _docxtpl().patch_xml(xml))


def _finish(xml: str) -> str:
    """docxtpl's post-processing of a rendered part; `resolve_listing` only when it acts."""
    xml = _PARA_MARK.sub(r"<w:p\1", xml)
    if "_" in xml:
        xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%")
        xml = xml.replace("%_}", "%}")
    if any(char in xml for char in _LISTING):
        xml = _docxtpl().resolve_listing(xml)
    if BLOCK_MARK in xml:
        xml = settle(xml)
    return xml


def render_document(template: PreparedTemplate, context: Mapping[str, Any]) -> bytes:
    """Render `template` with `context` to the bytes of a verified .docx, or raise RenderError."""
    return template.render(context)
