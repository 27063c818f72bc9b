"""One document from a .docx template and a context, to bytes, safely; and atomic writes.

Every render uses a sandboxed, strict, autoescaping Jinja environment, builds a fresh
``DocxTemplate`` from cached template bytes (a reused object leaks one project's data into the
next, docxtpl #392/#394) and verifies the result before anyone can write it: every XML part is
re-parsed strictly, the file is re-opened with python-docx, and no unprocessed tag may remain.
Failures become `RenderError` in French, located in the template where possible.

docxtpl, python-docx and lxml are imported inside functions: only the document builder pays
for them, and ``pdf`` can reuse `write_atomic` cheaply.
"""

from __future__ import annotations

import contextvars
import errno
import functools
import html
import io
import os
import re
import secrets
import zipfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from jinja2 import StrictUndefined, Undefined
from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment

from coopdocs.errors import CoopdocsError, OutputError, Problem, RenderError, TemplateError

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

__all__ = [
    "Image",
    "PreparedTemplate",
    "clean_text",
    "make_environment",
    "render_document",
    "verify_document",
    "write_atomic",
]

Filters = Mapping[str, Callable[..., Any]]
E = TypeVar("E", bound=CoopdocsError)

# XML 1.0 forbids these; lxml refuses them and Word declares the file corrupt.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Paragraphs come from the template (`paragraphes` filter + {%p for %}), never from "\n".
_BREAKS = re.compile("\r\n|[\t\n\r]")
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml")
_PART_LABELS = {
    "document": "corps du document",
    "header": "en-tête",
    "footer": "pied de page",
    "footnotes": "notes de bas de page",
    "endnotes": "notes de fin",
    "comments": "commentaires",
}
_QUOTES = str.maketrans("‘’“”", "''\"\"")
_SNIPPET = 60

# `{{`/`{%` that the data of the render running in this context brought into the text, so the
# "unprocessed tag" check does not blame the template for something a user typed.
_value_tags: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "coopdocs_value_tags", default=None
)


def _error(cls: type[E], message: str, hint: str | None, code: str, file: str, **kw: Any) -> E:
    return cls([Problem(message, file=file, hint=hint, code=code, **kw)], file=file)


def clean_text(text: str) -> str:
    """Drop characters XML 1.0 forbids and turn tabs and line breaks into spaces."""
    return _BREAKS.sub(" ", _ILLEGAL_XML.sub("", text))


def _count_tags(text: str) -> int:
    return text.count("{{") + text.count("{%")


class EmptyValueError(Exception):
    """A template printed a value that is absent from the project (None)."""


def _finalize(value: Any) -> Any:
    if value is None:
        # Printing "None", or a silent blank, in a document people sign is never right.
        raise EmptyValueError
    if isinstance(value, Undefined):
        return value  # let Jinja raise its own UndefinedError with the missing name
    if hasattr(value, "__html__"):
        if isinstance(value, str):  # Markup from a filter: markup is intended, keep line breaks
            return type(value)(_ILLEGAL_XML.sub("", value))
        return value  # InlineImage and friends produce their own XML
    text = clean_text(value if isinstance(value, str) else str(value))
    counter = _value_tags.get()
    if counter is not None and "{" in text:
        counter[0] += _count_tags(text)
    return text


def make_environment(filters: Filters | None = None) -> SandboxedEnvironment:
    """The only Jinja environment coopdocs renders with: sandboxed, strict, autoescaping.

    The immutable sandbox also stops a template from modifying the project data
    (``liste.append(…)``), which is shared by every document of a project. Jinja's ``safe``
    filter is removed: it would let data inject raw WordprocessingML.
    """
    if filters is None:
        from coopdocs.formatting import FILTERS as filters
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined, autoescape=True, finalize=_finalize
    )
    env.filters.pop("safe", None)
    env.filters.update(filters)
    return env


@dataclass(frozen=True)
class Image:
    """A picture (PNG bytes) to place where the template prints it, ``width_mm`` wide."""

    data: bytes
    width_mm: float

    def __post_init__(self) -> None:
        if not self.data or self.width_mm <= 0:
            raise ValueError("Image needs non-empty data and a positive width_mm")


def _bind_images(value: Any, tpl: DocxTemplate) -> Any:
    """Replace every `Image` with an InlineImage bound to `tpl`, copying only what changes."""
    if isinstance(value, Image):
        from docx.shared import Mm
        from docxtpl import InlineImage

        return InlineImage(tpl, io.BytesIO(value.data), width=Mm(value.width_mm))
    if isinstance(value, Mapping):
        items = {k: _bind_images(v, tpl) for k, v in value.items()}
        return items if any(items[k] is not v for k, v in value.items()) else value
    if isinstance(value, list | tuple):
        seq = [_bind_images(v, tpl) for v in value]
        if all(a is b for a, b in zip(seq, value, strict=True)):
            return value
        return seq if isinstance(value, list) else tuple(seq)
    return value


@functools.cache
def _template_class() -> type[DocxTemplate]:
    from docxtpl import DocxTemplate
    from lxml import etree

    strict = etree.XMLParser(resolve_entities=False, no_network=True)

    class StrictDocxTemplate(DocxTemplate):  # type: ignore[misc]
        def fix_tables(self, xml: str) -> Any:
            # docxtpl re-parses the body with recover=True, silently dropping broken content.
            etree.fromstring(xml, strict)
            return super().fix_tables(xml)

        def render_properties(self, context: Any, jinja_env: Any = None) -> None:
            # Core properties are set as element text: autoescaped values would show "&amp;".
            super().render_properties(context, jinja_env)
            props = self.docx.core_properties
            for name in ("author", "comments", "identifier", "language", "subject", "title"):
                value = getattr(props, name)
                if "&" in value:
                    setattr(props, name, html.unescape(value))

    return StrictDocxTemplate


class PreparedTemplate:
    """A .docx template ready to render many times: the bytes, never a shared DocxTemplate.

    Callers only use `render`; what is cached to make it faster (patched XML, compiled Jinja)
    is this class's business.
    """

    def __init__(self, data: bytes, name: str, *, filters: Filters | None = None) -> None:
        self.data = data
        self.name = name
        self._filters = filters
        self._env: SandboxedEnvironment | None = None
        # (member, CRC, size) of output parts already parsed strictly for this template: styles
        # and theme come out byte-identical every time and dominate the verification cost.
        self._verified: set[tuple[str, int, int]] = set()
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                archive.getinfo("word/document.xml")
        except (zipfile.BadZipFile, KeyError) as exc:
            hint = "ouvrez-le dans Word ou LibreOffice et enregistrez-le au format .docx"
            message = "ce fichier n'est pas un document Word (.docx) valide"
            raise _error(TemplateError, message, hint, "modele-pas-docx", name) from exc

    @classmethod
    def from_path(cls, path: Path, *, filters: Filters | None = None) -> PreparedTemplate:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            message = f"modèle illisible ({exc.strerror or exc})"
            hint = "vérifiez que le fichier existe et que vous avez le droit de le lire"
            raise _error(TemplateError, message, hint, "modele-illisible", str(path)) from exc
        return cls(data, path.name, filters=filters)

    @property
    def environment(self) -> SandboxedEnvironment:
        if self._env is None:
            self._env = make_environment(self._filters)
        return self._env

    def __getstate__(self) -> dict[str, Any]:
        # Sent to worker processes: the environment is rebuilt there, not pickled.
        return {**self.__dict__, "_env": None, "_verified": set()}

    def render(self, context: Mapping[str, Any]) -> bytes:
        tpl = _template_class()(io.BytesIO(self.data))
        counter = [0]
        token = _value_tags.set(counter)
        try:
            tpl.render(_bind_images(context, tpl), jinja_env=self.environment, autoescape=True)
            buffer = io.BytesIO()
            tpl.save(buffer)
        except Exception as exc:  # anything from Jinja, filters, docxtpl or python-docx
            raise _render_failure(self, tpl, exc) from exc
        finally:
            _value_tags.reset(token)
        data = buffer.getvalue()
        _verify(data, self.name, counter[0], self._verified)
        return data


def render_document(template: PreparedTemplate, context: Mapping[str, Any]) -> bytes:
    """Render `template` with `context` to the bytes of a verified .docx, or raise RenderError."""
    return template.render(context)


# --- verification ---------------------------------------------------------------------------

_BROKEN_HINT = (
    "vérifiez les balises du modèle (par exemple un {%tr %} hors d'un tableau) ; si le problème "
    "persiste, transmettez le modèle et le fichier projet à l'équipe technique"
)
_LEFTOVER_HINT = (
    "la balise est peut-être mal fermée ou placée dans une zone que le moteur ne traite pas "
    "(note de fin, commentaire) ; retapez-la d'un seul tenant dans le texte principal, un "
    "en-tête ou un pied de page"
)


def _part_label(partname: str) -> str:
    found = re.search(r"(document|header|footer|footnotes|endnotes|comments)\d*\.xml$", partname)
    return _PART_LABELS[found.group(1)] if found else partname.lstrip("/")


def _paragraph_texts(root: Any) -> Iterator[str]:
    """Visible text of each paragraph, runs joined (a tag split over runs is still one tag)."""
    groups: dict[Any, list[str]] = {}
    for node in root.iter(f"{_W}t"):
        groups.setdefault(next(node.iterancestors(f"{_W}p"), None), []).append(node.text or "")
    for texts in groups.values():
        yield "".join(texts)


def _snippet(text: str, start: int, end: int) -> str:
    left, right = max(start - _SNIPPET, 0), min(end + _SNIPPET, len(text))
    core = " ".join(text[left:right].split())
    return ("…" if left else "") + core + ("…" if right < len(text) else "")


def _broken(name: str, detail: str) -> RenderError:
    message = f"le document produit serait endommagé ({detail}) ; il n'a pas été enregistré"
    return _error(RenderError, message, _BROKEN_HINT, "rendu-document-endommage", name)


def verify_document(data: bytes, name: str, *, allowed_tags: int = 0) -> None:
    """Refuse a rendered .docx that Word could not open or that still contains tags.

    `allowed_tags` is how many ``{{``/``{%`` the project data itself brought into the text.
    """
    _verify(data, name, allowed_tags, set())


def _verify(data: bytes, name: str, allowed: int, verified: set[tuple[str, int, int]]) -> None:
    import docx
    from lxml import etree

    strict = etree.XMLParser(resolve_entities=False, no_network=True)
    leftovers: list[tuple[str, str]] = []
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                member, key = info.filename, (info.filename, info.CRC, info.file_size)
                if not member.endswith((".xml", ".rels")) or key in verified:
                    continue
                try:  # archive.read checks the CRC, so a cached key really means these bytes
                    root = etree.fromstring(archive.read(member), strict)
                except etree.XMLSyntaxError as exc:
                    raise _broken(name, f"partie « {member} » illisible") from exc
                found = []
                if _TEXT_PART.fullmatch(member):
                    found = [(member, t) for t in _paragraph_texts(root) if _count_tags(t)]
                leftovers += found
                if not found:
                    verified.add(key)
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise _broken(name, "archive .docx invalide") from exc
    try:
        docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for a malformed package
        raise _broken(name, "Word ne pourrait pas l'ouvrir") from exc
    if sum(_count_tags(text) for _, text in leftovers) > allowed:
        member, text = leftovers[0]
        start = re.search(r"\{[{%]", text)
        at = start.start() if start else 0
        message = f"une balise n'a pas été remplacée : « {_snippet(text, at, at + 2)} »"
        code, where = "rendu-balise-non-traitee", _part_label(member)
        raise _error(RenderError, message, _LEFTOVER_HINT, code, name, location=where)


# --- explaining render failures ---------------------------------------------------------------

# (pattern in Jinja's message, French message, hint); the pattern's group is what to look for.
_SYNTAX: tuple[tuple[str, str, str], ...] = (
    (
        r"No filter named '([^']+)'",
        "filtre inconnu « {0} »",
        "vérifiez le nom du filtre (la liste des filtres est dans la documentation)",
    ),
    (
        r"unknown tag '([^']+)'",
        "balise « {0} » inattendue à cet endroit",
        "une balise de fin ({% endif %}, {% endfor %}) est peut-être en trop ou mal écrite",
    ),
    (
        r"end of template.*closed is '(\w+)'",
        "une balise {{% {0} %}} n'est jamais refermée",
        "ajoutez le {% endif %} ou {% endfor %} manquant",
    ),
    (
        r"end of template",
        "une balise ouverte n'est jamais refermée",
        "ajoutez le {% endif %} ou {% endfor %} manquant",
    ),
    (
        r"unexpected char '(.)'",
        "caractère « {0} » inattendu dans une balise",
        "retapez les guillemets de la balise en guillemets droits (\" ou ')",
    ),
    (
        r"unexpected '([^']+)'",
        "« {0} » inattendu : une balise est mal écrite ou mal fermée",
        "une balise s'écrit {{ champ }} ou {% … %}, avec deux accolades de chaque côté",
    ),
)
_HINTS = {
    "sandbox": "un modèle ne peut lire que les champs du projet et utiliser les filtres de "
    "coopdocs ; retirez cette balise et vérifiez qui a modifié le modèle",
    "empty": "complétez cette rubrique dans le fichier projet, ou entourez ce passage du modèle "
    "d'un {% if … %}",
    "field": "vérifiez l'orthographe de la balise dans le modèle (la liste des champs est dans "
    "la documentation du format)",
    "filter": "corrigez la valeur dans le fichier projet (ou le filtre choisi dans le modèle)",
    "none": "entourez ce passage du modèle d'un {% if … %} … {% endif %}, ou ajoutez un "
    "|default(\"…\") à la balise",
    "other": "vérifiez le modèle et le fichier projet ; si le problème persiste, transmettez-les "
    "à l'équipe technique",
}

Explanation = tuple[str, str | None, str, str | None]  # message, hint, code, text to look for


def _describe(exc: Exception, env: SandboxedEnvironment) -> Explanation:
    text = str(getattr(exc, "message", None) or exc)
    if isinstance(exc, SecurityError):
        attr = re.search(r"attribute '([^']+)'", text)
        what = f"« {attr.group(1)} »" if attr else "cet élément"
        message = f"accès interdit par le bac à sable : une balise utilise {what}, interdit ici"
        return message, _HINTS["sandbox"], "rendu-acces-interdit", attr and attr.group(1)
    if isinstance(exc, UndefinedError):
        found = (
            re.search(r"^'([^']+)' is undefined", text)
            or re.search(r"has no attribute '([^']+)'", text)
            or re.search(r"has no element (.+)$", text)
        )
        field = found.group(1).strip("'") if found else "?"
        if text.startswith("'None' has"):
            message = f"le modèle lit « {field} » dans une rubrique absente ou vide du projet"
            return message, _HINTS["empty"], "rendu-rubrique-vide", field
        message = f"le modèle utilise le champ « {field} », absent des données du projet"
        return message, _HINTS["field"], "rendu-champ-absent", field
    if isinstance(exc, EmptyValueError):
        message = "le modèle affiche une valeur que le projet ne donne pas (champ facultatif vide)"
        return message, _HINTS["none"], "rendu-valeur-vide", None
    if isinstance(exc, TemplateSyntaxError):
        for pattern, message, hint in _SYNTAX:
            if found := re.search(pattern, text, re.IGNORECASE | re.DOTALL):
                needle = found.group(1) if found.groups() else None
                if needle and "end of template" in pattern:
                    needle = "{%" + needle
                return message.format(*found.groups()), hint, "rendu-syntaxe", needle
        message = f"balise incorrecte dans le modèle (détail : {text})"
        return message, "vérifiez accolades, guillemets et mots-clés", "rendu-syntaxe", None
    if type(exc).__name__ == "XMLSyntaxError":
        message = "le document produit serait endommagé ; il n'a pas été enregistré"
        return message, _BROKEN_HINT, "rendu-document-endommage", None
    if type(exc).__name__ == "UnrecognizedImageError":
        message = "une image du projet est illisible ou dans un format non reconnu"
        return message, "utilisez une image PNG", "rendu-image", None
    if isinstance(exc, TypeError) and "not iterable" in text:
        message = "le modèle parcourt une liste absente ou vide du projet"
        return message, _HINTS["empty"], "rendu-liste-absente", "{%for"
    if name := _failing_filter(exc, env):
        message = f"le filtre « {name} » n'a pas pu mettre en forme une valeur : {text}"
        return message, _HINTS["filter"], "rendu-filtre", name
    message = f"génération impossible : {text or type(exc).__name__}"
    return message, _HINTS["other"], "rendu-erreur", None


def _frames(exc: BaseException) -> Iterator[Any]:
    tb = exc.__traceback__
    while tb is not None:
        yield tb
        tb = tb.tb_next


def _template_lineno(exc: Exception) -> int | None:
    if isinstance(exc, TemplateSyntaxError):
        # At the end of the template Jinja blames the last line, not the unclosed tag.
        return None if "end of template" in str(exc.message) else exc.lineno
    lines = [tb.tb_lineno for tb in _frames(exc) if tb.tb_frame.f_code.co_filename == "<template>"]
    return lines[-1] if lines else None


def _failing_filter(exc: Exception, env: SandboxedEnvironment) -> str | None:
    codes = {getattr(f, "__code__", None): name for name, f in env.filters.items()}
    in_template = False
    for tb in _frames(exc):
        in_template = in_template or tb.tb_frame.f_code.co_filename == "<template>"
        if in_template and tb.tb_frame.f_code in codes:
            return codes[tb.tb_frame.f_code]
    return None


def _line_text(tpl: DocxTemplate, part: Any, lineno: int) -> str:
    """Visible text of the line Jinja blamed, rebuilt the way docxtpl fed it to Jinja."""
    xml = tpl.get_xml() if part is tpl.docx.part else tpl.get_part_xml(part)
    lines = re.sub(r"<w:p([ >])", r"\n<w:p\1", tpl.patch_xml(xml)).split("\n")
    return html.unescape(re.sub(r"<[^>]*>", "", lines[lineno - 1])) if lineno <= len(lines) else ""


def _template_paragraphs(data: bytes) -> Iterator[tuple[str, str]]:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, recover=True)  # only to find text
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in filter(_TEXT_PART.fullmatch, archive.namelist()):
            root = etree.fromstring(archive.read(member), parser)
            for text in _paragraph_texts(root) if root is not None else ():
                yield _part_label(member), text


def _squash(tag: str) -> str:
    """A tag's text without spaces or docxtpl's p/tr/tc/r markers, to compare two spellings."""
    tag = re.sub(r"^(\{%|\{\{)(?:p|tr|tc|r)\s", r"\1", tag).translate(_QUOTES)
    return re.sub(r"\s+", "", tag)


def _locate(
    template: PreparedTemplate, tpl: DocxTemplate, exc: Exception, needle: str | None
) -> tuple[str | None, str | None]:
    """Where the failing tag is: (part label, visible text around it), best effort."""
    lineno = _template_lineno(exc)
    part = getattr(tpl, "current_rendering_part", None)
    fallback: tuple[str | None, str | None] = (None, None)
    if lineno and part is not None:
        with suppress(Exception):
            text = _line_text(tpl, part, lineno)
            label = _part_label(str(part.partname))
            tags = [m for m in _TAG.finditer(text) if needle is None or needle in _squash(m[0])]
            start = re.search(r"\{[{%]", text) if not tags and needle is None else None
            if start:  # a tag so broken that it never closes
                fallback = (label, _snippet(text, start.start(), start.end()))
            if tags:
                # docxtpl's line may merge several paragraphs ({%p %} removal): prefer the
                # template's own paragraph holding the same tag, as the adviser sees it.
                needle = _squash(tags[0][0])
                fallback = (label, _snippet(text, tags[0].start(), tags[0].end()))
    if needle:
        with suppress(Exception):
            for label, text in _template_paragraphs(template.data):
                for tag in _TAG.finditer(text):
                    if needle in _squash(tag[0]):
                        return label, _snippet(text, tag.start(), tag.end())
    return fallback


def _render_failure(template: PreparedTemplate, tpl: DocxTemplate, exc: Exception) -> RenderError:
    message, hint, code, needle = _describe(exc, template.environment)
    location, snippet = _locate(template, tpl, exc, needle)
    if snippet:
        message += f" — texte concerné : « {snippet} »"
    return _error(RenderError, message, hint, code, template.name, location=location)


# --- writing ----------------------------------------------------------------------------------

_WRITE_ERRORS: dict[int, tuple[str, str]] = {
    errno.EACCES: (
        "accès refusé",
        "vérifiez que vous avez le droit d'écrire dans ce dossier et que le document n'est pas "
        "ouvert dans Word ou LibreOffice, puis relancez ; sinon choisissez un autre dossier",
    ),
    errno.ENOSPC: (
        "le disque est plein",
        "libérez de la place ou choisissez un autre dossier de sortie, puis relancez",
    ),
    errno.EROFS: (
        "le dossier est en lecture seule",
        "choisissez un autre dossier de sortie (pas une clé USB protégée ni un partage en "
        "lecture seule)",
    ),
    errno.ENAMETOOLONG: (
        "le nom du fichier est trop long",
        "raccourcissez le nom du projet ou choisissez un dossier de sortie moins profond",
    ),
    errno.ENOENT: (
        "le dossier de destination n'existe pas",
        "créez-le ou choisissez un autre dossier de sortie",
    ),
    errno.EISDIR: (
        "un dossier porte déjà ce nom",
        "renommez ou déplacez ce dossier, ou choisissez un autre dossier de sortie",
    ),
}
_WRITE_ERRORS[errno.EPERM] = _WRITE_ERRORS[errno.EACCES]
if hasattr(errno, "EDQUOT"):
    _WRITE_ERRORS[errno.EDQUOT] = _WRITE_ERRORS[errno.ENOSPC]


def _output_error(path: Path, exc: OSError) -> OutputError:
    other = (f"écriture impossible ({exc.strerror or exc})", "vérifiez le dossier puis relancez")
    reason, hint = _WRITE_ERRORS.get(exc.errno or 0, other)
    message = f"document non enregistré : {reason}"
    return _error(OutputError, message, hint, "ecriture-impossible", str(path))


def _open_temp(folder: Path, name: str) -> tuple[int, Path]:
    # Our own O_EXCL open (not mkstemp) so the final file gets the usual umask-based mode.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(20):
        # The name is cut so a long but legal target name still leaves room for the suffix.
        candidate = folder / f".{name[:80]}.{secrets.token_hex(4)}.tmp"
        with suppress(FileExistsError):
            return os.open(candidate, flags, 0o666), candidate
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(folder))


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that readers see the old file or the new one, never half.

    OSError becomes `OutputError` in French; the temporary file is removed on any exception.
    """
    path = Path(path)
    temp: Path | None = None
    try:
        fd, temp = _open_temp(path.parent, path.name)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
        temp = None
        if os.name == "posix":  # make the rename itself durable; Windows cannot open folders
            with suppress(OSError):
                dir_fd = os.open(path.parent, os.O_RDONLY)
                try:
                    os.fsync(dir_fd)
                finally:
                    os.close(dir_fd)
    except BaseException as exc:
        if temp is not None:
            with suppress(OSError):
                os.unlink(temp)
        if isinstance(exc, OSError):
            raise _output_error(path, exc) from exc
        raise
