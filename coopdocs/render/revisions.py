"""Tracked changes in a template: the text is read as if every change had been accepted.

A legal adviser who edits a template with « suivi des modifications » on leaves insertions
(``w:ins``), deletions (``w:del``), moves and formatting changes in the file. Rendering it as
it is would put the revision marks into every document produced (struck-through words in a
signed convention), and a tag edited under tracking holds both its old and its new version.
coopdocs therefore renders the ACCEPTED text — what Word shows after « Accepter toutes les
modifications » — and `templates check` warns that the template still has tracked changes.

What acceptance means, element by element (ECMA-376 Part 1, §17.13.5):

- inserted or moved-to content (``w:ins``, ``w:moveTo``): kept, its wrapper removed;
- deleted or moved-from content (``w:del``, ``w:moveFrom``): removed with its content;
- a deleted table row (``w:trPr/w:del``): the row is removed;
- an inserted paragraph mark, row or cell (``w:ins``, ``w:cellIns``): the marker is removed;
- former formatting (``w:rPrChange``, ``w:pPrChange``…) and move ranges: removed;
- a deleted paragraph mark (``w:pPr/w:rPr/w:del``) on a paragraph that the deletion emptied:
  the paragraph is removed (the whole paragraph was deleted).

Two changes cannot be accepted exactly without Word's own layout rules: a deleted paragraph
mark that joins two paragraphs that both keep text (which paragraph's formatting wins?), and a
deleted or merged table cell (the table's grid changes). They are refused, located by the
visible text around them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

__all__ = ["ACCEPT_HINT", "Acceptance", "accept_revisions", "accepted_message", "drop_element",
           "has_revisions", "refusal_message"]

ACCEPT_HINT = (
    "acceptez ou refusez les modifications suivies, puis arrêtez le suivi : Word, Révision > "
    "Accepter > Accepter toutes les modifications et arrêter le suivi ; LibreOffice, Édition > "
    "Suivi des modifications > Gérer > Tout accepter, puis décochez Édition > Suivi des "
    "modifications > Enregistrer"
)


def refusal_message(what: str) -> str:
    """Why a template is refused (shared by the renderer and the linter)."""
    return f"modification suivie que coopdocs ne sait pas accepter seul : {what}"


def accepted_message(changes: int) -> str:
    """The linter's warning for a part whose tracked changes are accepted when rendering."""
    if changes == 1:
        return ("une modification suivie dans cette partie du modèle : coopdocs produit le "
                "document comme si elle était acceptée")
    return (f"{changes} modifications suivies dans cette partie du modèle : coopdocs produit le "
            "document comme si elles étaient toutes acceptées")

_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f"{{{_W_NS}}}"
_KEEP = {f"{_W}ins", f"{_W}moveTo"}  # run-level wrappers whose content stays
_DROP = {f"{_W}del", f"{_W}moveFrom"}  # run-level wrappers whose content goes
_FORMER = {f"{_W}{n}" for n in ("rPrChange", "pPrChange", "sectPrChange", "tblPrChange",
                                 "tblPrExChange", "trPrChange", "tcPrChange", "tblGridChange",
                                 "numberingChange")}
_RANGES = {f"{_W}{n}" for n in ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart",
                                 "moveToRangeEnd", "customXmlInsRangeStart",
                                 "customXmlInsRangeEnd", "customXmlDelRangeStart",
                                 "customXmlDelRangeEnd", "customXmlMoveFromRangeStart",
                                 "customXmlMoveFromRangeEnd", "customXmlMoveToRangeStart",
                                 "customXmlMoveToRangeEnd")}
_MARKS = _KEEP | _DROP | _FORMER | _RANGES | {f"{_W}cellIns", f"{_W}cellDel",
                                               f"{_W}cellMerge"}
_XPATH: Any = etree.XPath(" | ".join(f"//w:{etree.QName(t).localname}" for t in sorted(_MARKS)),
                     namespaces={"w": _W_NS})
_CONTENT: Any = etree.XPath(".//w:t[normalize-space()] | .//w:drawing | .//w:pict | .//w:object"
                       " | .//w:tab | .//w:sym | .//w:fldChar | .//w:fldSimple",
                       namespaces={"w": _W_NS})


@dataclass
class Acceptance:
    """What accepting the tracked changes of one part did."""

    changes: int = 0  # tracked changes found (and accepted, or refused)
    first_text: str = ""  # visible text of the paragraph of the first change, to find it
    refused: list[tuple[str, str]] = field(default_factory=list)  # (what, visible text)


def has_revisions(root: Any) -> bool:
    return bool(_XPATH(root))


def _text(element: Any) -> str:
    """Text of the paragraph holding `element` (or of the element itself): the text that
    stays, or, for a paragraph whose text is all deleted, the deleted text."""
    paragraph = element if element.tag == f"{_W}p" else next(
        element.iterancestors(f"{_W}p"), None)
    if paragraph is None:
        paragraph = element
    kept = " ".join("".join(paragraph.itertext(f"{_W}t")).split())
    return kept or " ".join("".join(paragraph.itertext(f"{_W}delText")).split())


def _unwrap(element: Any) -> None:
    parent = element.getparent()
    at = parent.index(element)
    for offset, child in enumerate(list(element)):  # its own text is only whitespace
        parent.insert(at + offset, child)
    drop_element(element)


def drop_element(element: Any) -> None:
    """Remove an element, keeping its tail (whitespace between elements) in place."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def accept_revisions(root: Any) -> Acceptance:
    """Accept, in place, every tracked change of a part (body, header, footer, notes)."""
    result = Acceptance()
    marks = _XPATH(root)
    if not marks:
        return result
    result.changes = len(marks)
    result.first_text = _text(marks[0])
    deleted_marks: list[Any] = []
    for element in marks:
        if element.getparent() is None or not _attached(element, root):
            continue  # inside something already removed
        parent = element.getparent()
        tag = element.tag
        if tag in _FORMER or tag in _RANGES:
            drop_element(element)
        elif tag in (f"{_W}cellDel", f"{_W}cellMerge"):
            result.refused.append(("cellule de tableau supprimée ou fusionnée", _text(parent)))
        elif tag == f"{_W}cellIns":
            drop_element(element)
        elif parent.tag == f"{_W}trPr":  # the row itself was inserted or deleted
            row = parent.getparent()
            if tag == f"{_W}del" and row is not None and row.getparent() is not None:
                drop_element(row)
            else:
                drop_element(element)
        elif parent.tag == f"{_W}rPr" and parent.getparent() is not None and \
                parent.getparent().tag == f"{_W}pPr":  # the paragraph mark
            if tag in _DROP:
                deleted_marks.append(parent.getparent().getparent())
            drop_element(element)
        elif tag in _KEEP:
            _unwrap(element)
        elif tag in _DROP:
            drop_element(element)
        else:  # w:ins/w:del inside run properties: a revision of formatting only
            drop_element(element)
    for paragraph in deleted_marks:
        if paragraph is None or not _attached(paragraph, root):
            continue
        following = paragraph.getnext()
        empty = not _CONTENT(paragraph) and paragraph.find(f"{_W}pPr/{_W}sectPr") is None
        if empty and following is not None and following.tag == f"{_W}p":
            drop_element(paragraph)
        else:
            result.refused.append(("deux paragraphes réunis par la suppression d'une marque de "
                                   "paragraphe", _text(paragraph)))
    return result


def _attached(element: Any, root: Any) -> bool:
    """Whether `element` is still in the tree of `root` (not inside a removed subtree)."""
    for ancestor in element.iterancestors():
        if ancestor is root:
            return True
    return element is root
