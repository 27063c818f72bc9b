"""Checking .docx templates before they are used: every problem of every template in one run.

Legal advisers edit the templates in Word or LibreOffice. Word silently breaks Jinja tags
(split runs, proofing marks, AutoCorrect quotes) and a typo in a field name must not become a
blank in a signed convention. `lint_template` reports, for one template, each problem with the
file, the part (corps, en-tête, pied de page, notes), the paragraph or table cell, the visible
text around it, a stable code and a French hint. `lint.fix.fix_template` repairs what
can be repaired mechanically, in a copy.

Codes (severity "erreur" unless marked "avertissement"):

- modele-illisible, modele-pas-docx, modele-xml-invalide, modeles-dossier-introuvable
- syntaxe-balise-non-fermee, syntaxe-accolades-orphelines, syntaxe-bloc-non-ferme,
  syntaxe-fin-en-trop, syntaxe-balise-inconnue, syntaxe-erreur, balise-non-prise-en-charge
- balise-coupee, balise-marques-word (avertissements), balise-a-cheval
- modifications-suivies (avertissement: rendered as if accepted), modification-suivie-complexe
- guillemets-courbes (avertissement), guillemets-francais
- champ-inconnu, champ-boucle-en-tete, acces-interdit, methode-interdite, filtre-inconnu,
  test-inconnu
- speciale-mal-ecrite, speciale-hors-tableau, speciale-plusieurs,
  speciale-bloc-meme-paragraphe, speciale-texte-perdu, speciale-caractere-interdit,
  speciale-valeur-impossible
- modele-limite (what the renderer's bounds would refuse: huge loops, widths, formats, a
  function printed; see `render.sandbox.refusals`)
- numerotation-dans-boucle (avertissement), balise-zone-non-traitee,
  champs-non-verifies (avertissement: the context shape could not be built)
- modele-non-conforme (avertissement: a part breaks the transitional schema's element order)
- exemplaires-differents (avertissement: the two copies of the plan's action card differ)
"""

from __future__ import annotations

import functools
import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from lxml import etree

from coopdocs.errors import Problem, TemplateError
from coopdocs.french.filters import FILTERS
from coopdocs.french.grammar import count
from coopdocs.lint.fields import FieldChecker
from coopdocs.lint.ooxml import VALIDATED_PART, schema_faults
from coopdocs.lint.parts import (
    Part,
    W,
    parse_xml,
    part_labels,
    problem,
    read_paragraphs,
    snippet,
)
from coopdocs.lint.rules import (
    Numbering,
    drop_commented_containers,
    numbering_problems,
    quote_problems,
    revision_problems,
    run_problems,
    special_problems,
    structure_problems,
)
from coopdocs.lint.shape import Shape, default_shape, shape_for
from coopdocs.lint.syntax import parse_part
from coopdocs.lint.twins import twin_problems
from coopdocs.render.revisions import accept_revisions
from coopdocs.render.sandbox import make_environment
from coopdocs.render.templates import BUILTIN_DIR

__all__ = ["check_templates", "lint_builtin", "lint_bytes", "lint_folder", "lint_template"]

_NOT_DOCX = "ouvrez-le dans Word ou LibreOffice et enregistrez-le au format Word (.docx)"
# Parts docxtpl renders besides the body, headers and footers (render_footnotes).
_NOTES = {"word/footnotes.xml": "notes de bas de page"}
# Parts with text that docxtpl leaves as they are: a tag there is printed as is.
_IGNORED = {"word/endnotes.xml": "notes de fin", "word/comments.xml": "commentaires"}
# Core properties docxtpl renders (DocxTemplate.render_properties), with their French names.
_PROPERTIES = {"title": "titre", "subject": "objet", "creator": "auteur",
               "description": "commentaires", "identifier": "identifiant",
               "language": "langue"}
_DC = ("{http://purl.org/dc/elements/1.1/}", "{http://purl.org/dc/terms/}")


@functools.cache
def _environment() -> Any:
    # The same sandboxed environment as rendering, so syntax, filters and tests agree.
    return make_environment()


@functools.cache
def _default_filters() -> frozenset[str]:
    return frozenset(FILTERS)


def _part(archive: zipfile.ZipFile, member: str, label: str, **kw: Any) -> Part:
    root = parse_xml(archive.read(member))
    # Read as it will be rendered: tracked changes accepted (render.revisions).
    revisions = accept_revisions(root) if kw.get("rendered", True) else None
    part = Part(member, label, root, read_paragraphs(root, label), revisions=revisions, **kw)
    drop_commented_containers(part)
    return part


def _properties_part(archive: zipfile.ZipFile) -> Part | None:
    """The core properties with a tag, as a pseudo-part with one paragraph per property."""
    try:
        core = parse_xml(archive.read("docProps/core.xml"))
    except (KeyError, etree.XMLSyntaxError):
        return None
    found = []
    for element in core:
        name = etree.QName(element).localname
        if name in _PROPERTIES and element.tag.startswith(_DC) and "{" in (element.text or ""):
            found.append((_PROPERTIES[name], element.text))
    if not found:
        return None
    body = etree.Element(f"{W}body")
    for _, text in found:
        etree.SubElement(etree.SubElement(etree.SubElement(body, f"{W}p"), f"{W}r"),
                         f"{W}t").text = text
    label = "propriétés du document"
    paragraphs = read_paragraphs(body, label)
    for para, (name, _) in zip(paragraphs, found, strict=True):
        para.location = f"{label} ({name})"
    return Part("docProps/core.xml", label, body, paragraphs, header_footer=True)


def _read_parts(archive: zipfile.ZipFile) -> list[Part]:
    body = _part(archive, "word/document.xml", "corps")
    parts = [body]
    for member, label in part_labels(archive, body.root):
        parts.append(_part(archive, member, label, header_footer=True))
    for member, label in _NOTES.items():
        if member in archive.NameToInfo:
            parts.append(_part(archive, member, label))
    for member, label in _IGNORED.items():
        if member in archive.NameToInfo:
            parts.append(_part(archive, member, label, rendered=False))
    properties = _properties_part(archive)
    if properties is not None:
        parts.append(properties)
    return parts


def _lint_part(part: Part, numbering: Numbering, shape: Shape, filters: Iterable[str],
               body_loops: set[str]) -> tuple[list[Problem], set[str]]:
    found: list[Problem] = revision_problems(part)
    if not part.rendered:
        for para in part.paragraphs:
            for tag in para.tags:
                message = (f"balise « {tag.raw} » placée dans les {part.label} : le moteur ne "
                           "les traite pas, elle resterait telle quelle")
                hint = ("déplacez la balise dans le texte principal, un en-tête, un pied de "
                        "page ou une note de bas de page")
                found.append(problem("balise-zone-non-traitee", message, hint, para,
                                     tag.start, tag.end))
        return found, set()
    for para in part.paragraphs:
        found += structure_problems(para) + run_problems(para) + quote_problems(para)
    found += special_problems(part)
    found += numbering_problems(part, numbering)
    found += twin_problems(part)
    ast, syntax = _parse(part)
    found += syntax
    loops: set[str] = set()
    if ast is not None:
        checker = FieldChecker(part, shape, _environment(), filters, body_loops)
        found += checker.run(ast)
        loops = checker.loop_names
    found.sort(key=lambda p: p.extra.get("index", -1))
    return found, loops


def _parse(part: Part) -> tuple[Any, list[Problem]]:
    return parse_part(part, _environment())


def _not_a_docx(detail: str) -> Problem:
    return Problem(f"ce fichier n'est pas un document Word (.docx) valide ({detail})",
                   hint=_NOT_DOCX, code="modele-pas-docx")


def lint_bytes(data: bytes, *, context_shape: Shape | None = None,
               filters: Iterable[str] | None = None) -> list[Problem]:
    """Every problem of one template given as bytes (no file name set)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return [_not_a_docx("ce n'est pas une archive .docx")]
    with archive:
        if "word/document.xml" not in archive.NameToInfo:
            return [_not_a_docx("le texte du document, word/document.xml, est absent")]
        try:
            parts = _read_parts(archive)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, KeyError, ValueError) as exc:
            return [Problem(f"le contenu du document est endommagé ({exc})", hint=_NOT_DOCX,
                            code="modele-xml-invalide")]
        numbering = Numbering(archive)
        conformance = _schema_problems(archive, parts)
    shape = context_shape or default_shape()
    names = set(filters) if filters is not None else set(_default_filters())
    found: list[Problem] = []
    body_loops: set[str] = set()
    for part in parts:
        part_problems, loops = _lint_part(part, numbering, shape, names, body_loops)
        if part.member == "word/document.xml":
            body_loops = loops
        found += part_problems
    return found + conformance


_SCHEMA_LABELS = {"word/styles.xml": "styles", "word/numbering.xml": "numérotation"}
CONFORMANCE_HINT = (
    "ouvrez le modèle dans Word et enregistrez-le de nouveau : Word remet ces éléments dans "
    "l'ordre qu'il attend ; si le modèle a été produit par un programme, corrigez ce programme"
)


def _schema_problems(archive: zipfile.ZipFile, parts: list[Part]) -> list[Problem]:
    """One warning per part that breaks the transitional schema (lint.ooxml): every document
    made from the template would inherit the fault, and Word may call it damaged."""
    labels = {p.member: p.label for p in parts} | _SCHEMA_LABELS
    found = []
    for member in archive.namelist():
        if not VALIDATED_PART.fullmatch(member):
            continue
        try:
            faults = schema_faults(parse_xml(archive.read(member)))
        except etree.XMLSyntaxError:
            continue  # reported as modele-xml-invalide when the part is read
        if not faults:
            continue
        first = faults[0]
        label = labels.get(member, member)
        message = (f"partie non conforme au format Word (ISO/IEC 29500) : {first.description}"
                   " ; Word pourrait déclarer endommagés les documents produits")
        if len(faults) > 1:
            message += f" (et {count(len(faults) - 1, 'autre écart', 'autres écarts')})"
        if first.text:
            message += f" — texte concerné : « {snippet(first.text, 0, 0)} »"
        location = f"{label}, tableau {first.table}" if first.table else label
        found.append(Problem(message, hint=CONFORMANCE_HINT, code="modele-non-conforme",
                             severity="avertissement", location=location,
                             extra={"index": -1}))
    return found


def lint_template(path: Path, *, context_shape: Shape | None = None,
                  filters: Iterable[str] | None = None) -> list[Problem]:
    """Every problem of the template at `path`, each with ``file`` set to its name.

    `context_shape` defaults to the shape of the examples' context (`lint_shape`), `filters`
    to the names of ``formatting.FILTERS``; Jinja's built-in filters (but ``safe``) are always
    known. Never raises for a broken file: it becomes a Problem.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        found = [Problem(f"modèle illisible ({exc.strerror or exc})", code="modele-illisible",
                         hint="vérifiez que le fichier existe et que vous avez le droit de le "
                              "lire")]
    else:
        found = []
        shape = context_shape
        if shape is None:
            try:
                shape = shape_for(path.name)
            except Exception as exc:  # examples missing or broken: still check the rest
                shape = Shape("any")
                found.append(Problem(
                    f"les noms de champs n'ont pas pu être vérifiés ({exc})",
                    code="champs-non-verifies", severity="avertissement",
                    hint="vérifiez que les exemples de coopdocs (examples/) sont présents"))
        found += lint_bytes(data, context_shape=shape, filters=filters)
    return [p.located(file=path.name) for p in found]


def _template_files(folder: Path) -> list[Path]:
    # "~$x.docx" is Word's lock file next to an open document, not a template.
    return sorted(p for p in folder.glob("*.docx")
                  if p.is_file() and not p.name.startswith(("~$", ".")))


def lint_folder(folder: Path) -> list[Problem]:
    """Every problem of every .docx template in `folder`, file by file."""
    folder = Path(folder)
    if not folder.is_dir():
        return [Problem(f"dossier de modèles introuvable : {folder}",
                        code="modeles-dossier-introuvable",
                        hint="vérifiez le chemin du dossier (modeles: dans le fichier projet, "
                             "ou --templates)")]
    found: list[Problem] = []
    for path in _template_files(folder):
        found += lint_template(path)
    return found


def lint_builtin() -> list[Problem]:
    """Every problem of the templates shipped with coopdocs (expected: none)."""
    return lint_folder(BUILTIN_DIR)


def check_templates(paths: Iterable[Path]) -> list[Problem]:
    """Raise TemplateError with every problem of `paths` (its warnings too) when one is an
    error; return the warnings otherwise.

    What ``coopdocs build`` calls before rendering, so a broken template is refused with the
    same messages as ``coopdocs templates check``.
    """
    found = [p for path in paths for p in lint_template(path)]
    if any(p.is_error for p in found):
        raise TemplateError(found)
    return found
