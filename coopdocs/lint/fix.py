"""Repairing what Word did to the tags of a template, in a copy: ``<nom>.corrige.docx``.

Only mechanical damage is repaired, inside tags and nowhere else: runs that split a tag are
merged (the whole tag goes into its first run, keeping that run's formatting; text after the
tag stays in the last run with its own), proofing marks between them are dropped, bookmarks
are moved just after the tag (deleting one half of a bookmark would damage the document), and
curly or French quotes inside tags are straightened. A tag across a hyperlink, a tracked change
or a content control is left alone and reported: only the adviser knows what to keep.

The original file is never written to.
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from coopdocs.atomic import write_atomic
from coopdocs.errors import Problem, TemplateError
from coopdocs.lint.parts import Para, Tag, W, parse_xml, read_paragraphs, straighten, tag_elements

__all__ = ["corrected_path", "fix_template"]

_DROP = {"proofErr", "lastRenderedPageBreak"}
_MOVE = {"bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "permStart",
         "permEnd"}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_PARTS = ("word/document.xml", "word/header", "word/footer", "word/footnotes.xml")


def corrected_path(path: Path) -> Path:
    """``modele.docx`` → ``modele.corrige.docx`` in the same folder."""
    return path.with_name(f"{path.stem}.corrige{path.suffix or '.docx'}")


def _set_text(t: Any, text: str) -> None:
    t.text = text
    if text != text.strip():
        t.set(_XML_SPACE, "preserve")


def _fixed_raw(tag: Tag) -> str:
    text, _, _ = straighten(tag.raw[2:-2])
    return tag.raw[:2] + text + tag.raw[-2:]


def _is_empty_run(run: Any) -> bool:
    return all(etree.QName(c).localname == "rPr" or (etree.QName(c).localname == "t"
                                                      and not c.text) for c in run)


def _fix_tag(para: Para, tag: Tag, changes: list[str]) -> bool:
    raw = _fixed_raw(tag)
    texts = tag_elements(para, tag)
    offsets = {id(t): offset for offset, t in para.pieces}
    runs = list(dict.fromkeys(t.getparent() for t in texts))
    quotes = raw != tag.raw
    if len(runs) > 1 and runs[0].getparent() is not runs[-1].getparent():
        changes.append(f"{para.location} : balise « {tag.raw} » NON corrigée (à cheval sur un "
                       "lien, une modification suivie ou un contrôle de contenu) : acceptez les "
                       "modifications et retapez-la d'un seul tenant")
        return False
    first, last = texts[0], texts[-1]
    if len(texts) == 1:
        if quotes:
            at = tag.start - offsets[id(first)]
            _set_text(first, first.text[:at] + raw + first.text[at + len(tag.raw):])
            changes.append(f"{para.location} : guillemets redressés dans « {raw} »")
        return quotes
    parent = runs[0].getparent()
    between: list[Any] = []
    if len(runs) > 1:
        for sibling in runs[0].itersiblings():
            if sibling is runs[-1]:
                break
            between.append(sibling)
    kinds = {etree.QName(e).localname for e in between if isinstance(e.tag, str)}
    if kinds - _DROP - _MOVE - {"r"}:
        changes.append(f"{para.location} : balise « {tag.raw} » NON corrigée (modification "
                       "suivie ou lien en son milieu) : acceptez les modifications et retapez-la "
                       "d'un seul tenant")
        return False
    start = tag.start - offsets[id(first)]
    tail = last.text[tag.end - offsets[id(last)]:]
    _set_text(first, first.text[:start] + raw)
    for middle in texts[1:-1]:
        _set_text(middle, "")
    _set_text(last, tail)
    anchor = runs[0]
    for element in between:
        name = etree.QName(element).localname if isinstance(element.tag, str) else ""
        if name in _DROP or not isinstance(element.tag, str):
            parent.remove(element)
        elif name in _MOVE:  # keep both halves of a bookmark: just after the tag
            anchor.addnext(element)
            anchor = element
    for run in runs[1:]:
        if _is_empty_run(run) and run.getparent() is not None:
            run.getparent().remove(run)
    for run in runs[1:-1]:
        for t in run.findall(f"{W}t"):
            if not t.text:
                run.remove(t)
    detail = f"{len(runs)} morceaux réunis"
    if kinds & _DROP:
        detail += ", marques de correction orthographique retirées"
    if quotes:
        detail += ", guillemets redressés"
    changes.append(f"{para.location} : balise « {raw} » réparée ({detail})")
    return True


def _fix_part(root: Any, label: str, changes: list[str]) -> bool:
    changed = False
    for para in read_paragraphs(root, label):
        # Right to left: repairing a tag only changes text at or after its own start.
        for tag in reversed(para.tags):
            changed = _fix_tag(para, tag, changes) or changed
    return changed


def _label(member: str) -> str:
    if member.startswith("word/header"):
        return "en-tête"
    if member.startswith("word/footer"):
        return "pied de page"
    return "notes de bas de page" if "footnotes" in member else "corps"


def fix_template(path: Path) -> tuple[Path, list[str]]:
    """Write ``<nom>.corrige.docx`` next to `path` with its tags repaired.

    Returns the path written and, in French, what was changed (and what could not be, marked
    « NON corrigée »). Raises TemplateError when the file cannot be read as a .docx.
    """
    path = Path(path)
    try:
        data = path.read_bytes()
        archive = zipfile.ZipFile(io.BytesIO(data))
    except OSError as exc:
        raise TemplateError([Problem(f"modèle illisible ({exc.strerror or exc})",
                                     code="modele-illisible", file=path.name)]) from exc
    except zipfile.BadZipFile as exc:
        raise TemplateError([Problem("ce fichier n'est pas un document Word (.docx) valide",
                                     code="modele-pas-docx", file=path.name)]) from exc
    changes: list[str] = []
    replaced: dict[str, bytes] = {}
    with archive:
        for info in archive.infolist():
            name = info.filename
            if not (name.startswith(_PARTS) and name.endswith(".xml")) or "/_rels/" in name:
                continue
            try:
                root = parse_xml(archive.read(name))
            except etree.XMLSyntaxError as exc:
                raise TemplateError([Problem(f"contenu endommagé ({name})",
                                             code="modele-xml-invalide",
                                             file=path.name)]) from exc
            if _fix_part(root, _label(name), changes):
                replaced[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                                standalone=True)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as out:
            for info in archive.infolist():
                data = replaced.get(info.filename) or archive.read(info.filename)
                # writestr updates the ZipInfo it is given: never hand it the source's own.
                out.writestr(copy.copy(info), data)
    target = corrected_path(path)
    write_atomic(target, buffer.getvalue())
    return target, changes
