"""Why a render failed, in French, and where in the template: for legal advisers.

`render_failure` turns any exception raised while rendering a part (Jinja, a filter, the XML
post-processing) into a `RenderError` whose message names the field, filter or tag at fault and
quotes the visible text around it, located in the body, a header or a footer. It also holds the
helpers the output verification shares (paragraph texts, part labels, the "broken" error).
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator
from contextlib import suppress
from typing import Any, TypeVar

from jinja2.exceptions import SecurityError, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment
from lxml import etree

from coopdocs.errors import CoopdocsError, Problem, RenderError

E = TypeVar("E", bound=CoopdocsError)

_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml")
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


def error(cls: type[E], message: str, hint: str | None, code: str, file: str, **kw: Any) -> E:
    return cls([Problem(message, file=file, hint=hint, code=code, **kw)], file=file)


def count_tags(text: str) -> int:
    return text.count("{{") + text.count("{%")


class EmptyValueError(Exception):
    """A template printed a value that is absent from the project (None)."""


BROKEN_HINT = (
    "vérifiez les balises du modèle (par exemple un {%tr %} hors d'un tableau) ; si le problème "
    "persiste, transmettez le modèle et le fichier projet à l'équipe technique"
)
LEFTOVER_HINT = (
    "la balise est peut-être mal fermée ou placée dans une zone que le moteur ne traite pas "
    "(note de fin, commentaire) ; retapez-la d'un seul tenant dans le texte principal, un "
    "en-tête ou un pied de page"
)


def part_label(partname: str) -> str:
    found = re.search(r"(document|header|footer|footnotes|endnotes|comments)\d*\.xml$", partname)
    return _PART_LABELS[found.group(1)] if found else partname.lstrip("/")


def paragraph_texts(root: Any) -> Iterator[str]:
    """Visible text of each paragraph, runs joined (a tag split over runs is still one tag)."""
    groups: dict[Any, list[str]] = {}
    for node in root.iter(f"{_W}t"):
        groups.setdefault(next(node.iterancestors(f"{_W}p"), None), []).append(node.text or "")
    for texts in groups.values():
        yield "".join(texts)


def snippet(text: str, start: int, end: int) -> str:
    left, right = max(start - _SNIPPET, 0), min(end + _SNIPPET, len(text))
    core = " ".join(text[left:right].split())
    return ("…" if left else "") + core + ("…" if right < len(text) else "")


def broken(name: str, detail: str) -> RenderError:
    message = f"le document produit serait endommagé ({detail}) ; il n'a pas été enregistré"
    return error(RenderError, message, BROKEN_HINT, "rendu-document-endommage", name)



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
    "|default(\"…\", true) à la balise",
    "other": "vérifiez le modèle et le fichier projet ; si le problème persiste, transmettez-les "
    "à l'équipe technique",
}

Explanation = tuple[str, str | None, str, str | None]  # message, hint, code, text to look for


def _describe(exc: Exception, env: SandboxedEnvironment) -> Explanation:
    text = str(getattr(exc, "message", None) or exc)
    explained = getattr(exc, "explanation", None)  # the sandbox's bounds explain themselves
    if isinstance(exc, SecurityError) and explained:
        message, hint, code, needle = explained
        return message, hint, code, needle
    if isinstance(exc, SecurityError) and re.match(r"(repetition|power) too large", text):
        message = ("le modèle demande de fabriquer un texte ou un nombre démesuré ; le bac à "
                   "sable l'a refusé")
        return message, _HINTS["sandbox"], "rendu-acces-interdit", None
    if isinstance(exc, OverflowError) and "range too big" in text.lower():
        message = "le modèle demande une boucle démesurée (range) ; le bac à sable l'a refusée"
        return message, _HINTS["sandbox"], "rendu-acces-interdit", "range"
    if "no loader for this environment" in text:
        message = ("les balises include, import, extends et from ne sont pas permises : un "
                   "modèle ne peut pas aller chercher d'autres fichiers")
        return message, _HINTS["sandbox"], "rendu-acces-interdit", None
    if isinstance(exc, MemoryError):
        message = "le modèle demande plus de mémoire que la machine n'en a ; génération arrêtée"
        return message, _HINTS["sandbox"], "rendu-acces-interdit", None
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
        return message, BROKEN_HINT, "rendu-document-endommage", None
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
    codes = {getattr(getattr(f, "__wrapped__", f), "__code__", None): name  # sandbox wraps
             for name, f in env.filters.items()}
    in_template = False
    for tb in _frames(exc):
        in_template = in_template or tb.tb_frame.f_code.co_filename == "<template>"
        if in_template and tb.tb_frame.f_code in codes:
            return codes[tb.tb_frame.f_code]
    return None


def _template_paragraphs(data: bytes) -> Iterator[tuple[str, str]]:
    parser = etree.XMLParser(resolve_entities=False, recover=True)  # only to find text
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in filter(TEXT_PART.fullmatch, archive.namelist()):
            root = etree.fromstring(archive.read(member), parser)
            for text in paragraph_texts(root) if root is not None else ():
                yield part_label(member), text


def _squash(tag: str) -> str:
    """A tag's text without spaces or docxtpl's p/tr/tc/r markers, to compare two spellings."""
    tag = re.sub(r"^(\{%|\{\{)(?:p|tr|tc|r)\s", r"\1", tag).translate(_QUOTES)
    return re.sub(r"\s+", "", tag)


def line_text(source: str, lineno: int) -> str:
    """Visible text of the line Jinja blamed, in the patched source Jinja compiled."""
    lines = source.split("\n")
    return html.unescape(re.sub(r"<[^>]*>", "", lines[lineno - 1])) if lineno <= len(lines) else ""


def _locate(data: bytes, member: str | None, source: str | None,
            exc: Exception, needle: str | None) -> tuple[str | None, str | None]:
    """Where the failing tag is: (part label, visible text around it), best effort."""
    return locate_line(data, member, source, _template_lineno(exc), needle)


def locate_line(data: bytes, member: str | None, source: str | None, lineno: int | None,
                needle: str | None = None) -> tuple[str | None, str | None]:
    """The template's paragraph behind line `lineno` of the Jinja source compiled for
    `member`: (part label, visible text around its first tag, as the adviser typed it)."""
    fallback: tuple[str | None, str | None] = (None, None)
    if lineno and member and source is not None:
        with suppress(Exception):
            text = line_text(source, lineno)
            label = part_label(member)
            tags = [m for m in _TAG.finditer(text) if needle is None or needle in _squash(m[0])]
            start = re.search(r"\{[{%]", text) if not tags and needle is None else None
            if start:  # a tag so broken that it never closes
                fallback = (label, snippet(text, start.start(), start.end()))
            if tags:
                # docxtpl's line may merge several paragraphs ({%p %} removal): prefer the
                # template's own paragraph holding the same tag, as the adviser sees it.
                needle = _squash(tags[0][0])
                fallback = (label, snippet(text, tags[0].start(), tags[0].end()))
    if needle:
        with suppress(Exception):
            for label, text in _template_paragraphs(data):
                for tag in _TAG.finditer(text):
                    if needle in _squash(tag[0]):
                        return label, snippet(text, tag.start(), tag.end())
    return fallback


def render_failure(name: str, data: bytes, environment: SandboxedEnvironment,
                   member: str | None, source: str | None, exc: Exception) -> RenderError:
    """`exc`, raised while rendering `member` (compiled from `source`) of the template `name`
    (whose bytes are `data`), as a French error."""
    message, hint, code, needle = _describe(exc, environment)
    location, text = _locate(data, member, source, exc, needle)
    if text:
        message += f" — texte concerné : « {text} »"
    return error(RenderError, message, hint, code, name, location=location)
