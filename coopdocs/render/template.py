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
part is parsed strictly at each render, its pictures held out (`figures.Held`: coopdocs'
own markup, well formed and finished as it is written, is put in after the checks);
python-docx re-opens the first document of each template in each process (every output has
the template's members: pictures are WordprocessingML in the rendered parts, `render.figures`),
which is what could make Word refuse a package whose XML is well formed. No unprocessed tag
may remain. Failures become `RenderError` in French (see `render.explain`).
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
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Template
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from coopdocs.errors import RenderError, TemplateError
from coopdocs.render import codecache
from coopdocs.render.explain import (
    TEXT_PART,
    broken,
    count_tags,
    error,
    locate_line,
    paragraph_texts,
    part_label,
    render_failure,
    snippet,
)
from coopdocs.render.figures import BLOCK_MARK, Held, held, settle
from coopdocs.render.finish import finish_part
from coopdocs.render.guard import (
    Loss,
    check_part,
    printed,
    printed_lines,
    quiet_blocks,
    recording,
)
from coopdocs.render.package import RENDERED_LEVEL, Member, write_zip
from coopdocs.render.revisions import ACCEPT_HINT, accept_revisions, refusal_message
from coopdocs.render.rich import UnplaceableTag, plain_rich_tags, unplaceable_message
from coopdocs.render.sandbox import Filters, make_environment, render_budget, value_tags
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
_DOCPR = re.compile(rb'(<(?:wp:docPr|wps:cNvPr)\b[^>]*?\sid=")\d+(")')


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
    cells: bool = False  # cellbg, colspan, vm, hm: docxtpl adds cell properties out of order


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
        self._seen: dict[tuple[str, str, tuple[str, ...]], bytes] = {}  # small parts, checked
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
            # Every printed value is noted for the word-loss guard (render.guard).
            self._env.finalize = recording(self._env.finalize or (lambda value: value))
        return self._env

    def __getstate__(self) -> dict[str, Any]:
        # Sent to worker processes: Jinja environments and compiled code are rebuilt there.
        return {**self.__dict__, "_env": None, "_compiled": {}, "_opened": False, "_seen": {}}

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
        if footnotes in raw:
            templated.append(footnotes)
        for member in templated:
            try:
                self._parts.append(self._prepare_part(member, raw[member], loose, self.name))
            except (etree.XMLSyntaxError, _NoBody):
                self._defect = f"partie « {member} » illisible"
                return
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
    def _prepare_part(member: str, payload: bytes, parser: Any, name: str) -> _Part:
        root = etree.fromstring(payload, parser)
        _accept(root, member, name)
        if member != "word/document.xml":
            xml = etree.tostring(root, encoding="unicode")
            return _Part(member, _patch(xml, member, name), _DECLARATION)
        body = root.find(f"{_W}body")
        if body is None:
            raise _NoBody
        xml = etree.tostring(body, encoding="unicode")
        root.replace(body, etree.Element(_BODY_MARK[1:-2]))
        head, tail = etree.tostring(root, encoding="unicode").split(_BODY_MARK)
        source = _patch(xml, member, name)
        return _Part(member, source, _DECLARATION + head, tail, True, "<w:tbl" in xml,
                     bool(_CELL_PATCH.search(source)))

    # --- one render ---------------------------------------------------------------------------

    def render(self, context: Mapping[str, Any]) -> bytes:
        if self._defect:
            raise broken(self.name, self._defect)
        counter = [0]
        token = value_tags.set(counter)
        leftovers = list(self._leftovers)
        out: dict[str, bytes] = {}
        part: _Part | None = None
        values: list[str] = []
        values_token = printed.set(values)
        pictures = Held()
        held_token = held.set(pictures)
        try:
            with render_budget():  # one time and size budget for the whole document
                for part in self._parts:
                    values.clear()
                    pictures.clear()
                    compiled = self._compile(part.member, part.source)
                    xml = _finish(compiled.render(context), counter)
                    # A small part rendered exactly as before (a footer, the same in every
                    # project) was checked and finished then: same text, same values, same bytes.
                    seen = ((part.member, xml, tuple(values))
                            if len(xml) <= _SEEN_SIZE and not pictures.figures else None)
                    if seen is not None and seen in self._seen:
                        out[part.member] = self._seen[seen]
                        continue
                    found = len(leftovers)
                    loss, out[part.member] = self._check(part, xml, leftovers, values, pictures)
                    if loss is not None:
                        raise self._lost(loss, part, compiled, context)
                    if seen is not None and len(leftovers) == found and \
                            len(self._seen) < _SEEN_PARTS:
                        self._seen[seen] = out[part.member]
                part = None
                if self._core:
                    out[self._core[0]] = self._render_core(context, values)
        except RenderError:
            raise
        except Exception as exc:  # anything from Jinja or the filters
            member, source = (part.member, part.source) if part else (None, None)
            raise render_failure(self.name, self.data, self.environment, member, source,
                                 exc) from exc
        finally:
            value_tags.reset(token)
            printed.reset(values_token)
            held.reset(held_token)
        refuse_leftovers(leftovers, counter[0], self.name)
        data = write_zip([Member.of(n, out[n], RENDERED_LEVEL) if n in out else self._static[n]
                          for n in self._order])
        if not self._opened:
            open_with_python_docx(data, self.name)
            self._opened = True
        return data

    def _compile(self, key: str, source: str) -> Template:
        template = self._compiled.get(key)
        if template is None:
            env = self.environment
            stored = codecache.key(source, env.filters)
            code = codecache.load(stored)
            if code is None:
                code = env.compile(quiet_blocks(env.parse(source)))
                codecache.store(stored, code)
            template = self._compiled[key] = env.template_class.from_code(
                env, code, env.make_globals(None), None)
        return template

    def _check(self, part: _Part, xml: str, leftovers: list[tuple[str, str]],
               values: list[str], pictures: Held) -> tuple[Loss | None, bytes]:
        """Parse a rendered part strictly, look for lost words (render.guard); put its pictures
        in (`figures.Held`); apply docxtpl's fixes where they change anything."""
        data = xml.encode("utf-8")
        try:
            root = etree.fromstring(data, strict_parser())
        except etree.XMLSyntaxError as exc:
            raise broken(self.name, f"partie « {part.member} » illisible") from exc
        loss = check_part(root, values)
        if loss is not None:
            return loss, b""
        if ("{{" in xml or "{%" in xml) and TEXT_PART.fullmatch(part.member):
            leftovers += [(part.member, t) for t in paragraph_texts(root) if count_tags(t)]
        running = part.member.startswith(("word/header", "word/footer"))
        # French typography, superscript ordinals, highlighted gaps. Serialised to UTF-8
        # bytes at once (no declaration for UTF-8): a third faster than text, then encoded.
        changed = finish_part(root, running=running, source=xml)
        if part.body and part.cells and _order_cell_properties(root):
            changed = True
        # Decided without the pictures, whose tables are always whole.
        fix = part.body and part.tables and tables_need_fix(root)
        if changed:
            data = etree.tostring(root, encoding="UTF-8")
        try:
            data = pictures.splice(data)
        except ValueError as exc:
            raise broken(self.name, f"partie « {part.member} » illisible") from exc
        if not part.body:
            return None, part.head.encode("utf-8") + data
        if fix:
            # Columns added or removed by {%tc %}, colspan, hm: docxtpl's own repair.
            data = etree.tostring(_docxtpl().fix_tables(data.decode("utf-8")), encoding="UTF-8")
        if b"docPr" in data:  # drawing ids repeated by loops: renumber as docxtpl does
            ids = iter(range(1001, 1_000_000))
            data = _DOCPR.sub(lambda m: b"%s%d%s" % (m[1], next(ids), m[2]), data)
        return None, part.head.encode("utf-8") + data + part.tail.encode("utf-8")

    def _lost(self, loss: Loss, part: _Part, compiled: Template,
              context: Mapping[str, Any]) -> RenderError:
        """The guard's finding as a French error, located at the template's paragraph: the
        part is rendered again, noting which line printed each value."""
        where = ""
        if loss.index is not None:
            with suppress(Exception):  # best effort: the loss itself is certain
                lines: list[int] = []
                token, lines_token = printed.set([]), printed_lines.set(lines)
                try:
                    compiled.render(context)
                finally:
                    printed.reset(token)
                    printed_lines.reset(lines_token)
                lineno = compiled.get_corresponding_lineno(lines[loss.index])
                where = locate_line(self.data, part.member, part.source, lineno)[1] or ""
        if loss.kind == "absente":
            message = (f"la valeur « {snippet(loss.text, 0, len(loss.text))} » que le modèle "
                       "affiche est absente du document produit : elle serait perdue")
        else:
            message = (f"le texte « {snippet(loss.text, 0, len(loss.text))} » serait placé "
                       "hors d'une zone de texte Word : Word et LibreOffice ne l'afficheraient "
                       "pas")
        message += " ; le document n'a pas été enregistré"
        shown = where or loss.paragraph
        if shown:
            message += f" — texte concerné : « {shown if where else snippet(shown, 0, 0)} »"
        return error(RenderError, message, LOSS_HINT, "rendu-texte-perdu", self.name,
                     location=part_label(part.member))

    def _render_core(self, context: Mapping[str, Any], values: list[str]) -> bytes:
        assert self._core is not None
        member, payload, props = self._core
        root = etree.fromstring(payload, strict_parser())
        for tag, source in props:
            values.clear()
            text = self._compile(f"{member}#{tag}", source).render(context)
            # Set as element text: the autoescaped form would show "&amp;" in Word.
            text = html.unescape(text) if "&" in text else text
            for value in values:
                if value.strip() and value not in text:  # never expected: a property is text
                    message = (f"la valeur « {value} » que le modèle affiche est absente des "
                               "propriétés du document produit ; le document n'a pas été "
                               "enregistré")
                    raise error(RenderError, message, LOSS_HINT, "rendu-texte-perdu",
                                self.name, location="propriétés du document")
            root.find(tag).text = text
        return etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)



# Rendered parts kept checked and finished for reuse: the small ones (headers, footers,
# footnotes), a few per template.
_SEEN_SIZE = 16_384
_SEEN_PARTS = 64

# What docxtpl's patch_xml writes for {% cellbg %}, {% colspan %}, {% vm %} and {% hm %}.
_CELL_PATCH = re.compile(r'<w:shd w:val="clear" w:color="auto" w:fill="\{\{|'
                         r'<w:gridSpan w:val="\{\{|<w:vMerge w:val="\{%')
# The children of w:tcPr in the schema's order (ISO/IEC 29500, CT_TcPr).
_TC_PR_ORDER = {f"{_W}{name}": rank for rank, name in enumerate((
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark", "headers", "cellIns", "cellDel",
    "cellMerge", "tcPrChange"))}


def _order_cell_properties(root: Any) -> bool:
    """Put the cell properties docxtpl inserted (first or last in w:tcPr) where the schema
    wants them: LibreOffice reads any order, Word may call the file damaged. Whether any
    moved."""
    moved = False
    for properties in root.iter(f"{_W}tcPr"):
        children = list(properties)
        ordered = sorted(children, key=lambda c: _TC_PR_ORDER.get(c.tag, len(_TC_PR_ORDER)))
        if ordered != children:
            properties[:] = ordered
            moved = True
    return moved


LOSS_HINT = (
    "vérifiez le modèle avec « coopdocs templates check » : une balise spéciale {{r …}}, "
    "{{p …}}, {%p …%} ou {%tr …%} mal placée peut faire perdre du texte ; si le problème "
    "persiste, transmettez le modèle et le fichier projet à l'équipe technique"
)
def _accept(root: Any, member: str, name: str) -> None:
    """Accept the part's tracked changes (render.revisions), or refuse the template."""
    refused = accept_revisions(root).refused
    if refused:
        what, text = refused[0]
        message = refusal_message(what) + (f" — texte concerné : « {snippet(text, 0, 0)} »"
                                           if text else "")
        raise error(TemplateError, message, ACCEPT_HINT, "modification-suivie-complexe",
                    name, location=part_label(member))


def _patch(xml: str, member: str = "", name: str = "") -> str:
    """Rich tags made plain (render.rich), docxtpl's patch, then one paragraph per line as
    docxtpl feeds Jinja (line numbers); kept between runs (`codecache`)."""
    stored = codecache.patched_key(xml)
    source = codecache.load_patched(stored)
    if source is not None:
        return source
    try:
        plain = plain_rich_tags(xml)
    except UnplaceableTag as exc:
        message, hint = unplaceable_message(exc.tag, exc.marker)
        raise error(TemplateError, message, hint, "speciale-valeur-impossible", name,
                    location=part_label(member)) from exc
    source = re.sub(r"<w:p([ >])", r"\n<w:p\1", _docxtpl().patch_xml(plain))
    codecache.store_patched(stored, source)
    return source


def _finish(xml: str, counter: list[int]) -> str:
    """docxtpl's post-processing of a rendered part; `resolve_listing` only when it acts."""
    # The line breaks `_patch` put before each paragraph (str.replace: a regex with a group in
    # its replacement expands each of the thousands of matches in Python).
    xml = xml.replace("\n<w:p ", "<w:p ").replace("\n<w:p>", "<w:p>")
    if "_" in xml:
        # docxtpl's escapes {_{ … }_} and {_% … %_} print braces on purpose: the "unprocessed
        # tag" check counts them like braces typed in the project data.
        counter[0] += xml.count("{_{") + xml.count("{_%")
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
