"""The plan's action card, held twice by its template, must say the same thing twice.

A table row cannot carry « keep with next » from a tag (it is a paragraph property), so the
plan d'action template holds each card twice: kept whole on a page, between
``{%p if a.tient_sur_une_page %}`` and ``{%p else %}``, and free to break between its rows,
between ``{%p else %}`` and ``{%p endif %}`` (docs/modeles.md, « Un tableau gardé sur une page »).
coopdocs picks one by the card's length. An adviser who corrects a label in one copy only
would get two wordings of the same card in one document, depending on how many financings an
action has: a silently wrong document. This rule compares the visible text of the two copies.
"""

from __future__ import annotations

import re

from coopdocs.errors import Problem
from coopdocs.lint.parts import Para, Part, problem, snippet

__all__ = ["twin_problems"]

# The context value that chooses between the two copies (context.planning).
_CHOOSER = re.compile(r"^\{%\s*if\s+([\w.]+\.)?tient_sur_une_page\s*%\}$")


def _branches(paragraphs: list[Para], start: int) -> tuple[list[Para], list[Para], Para] | None:
    """The paragraphs of the two branches of the ``{%p if %}`` at ``start``, and the
    ``{%p else %}`` paragraph; ``None`` without an else at the same depth."""
    depth, middle = 0, None
    for n in range(start + 1, len(paragraphs)):
        for tag in paragraphs[n].tags:
            if tag.marker != "p":
                continue
            if tag.word == "if":
                depth += 1
            elif tag.word == "endif" and depth:
                depth -= 1
            elif tag.word == "endif":
                if middle is None:
                    return None
                return (paragraphs[start + 1:middle], paragraphs[middle + 1:n],
                        paragraphs[middle])
            elif tag.word == "else" and depth == 0:
                middle = n
    return None


def twin_problems(part: Part) -> list[Problem]:
    """A warning for each ``{%p if ….tient_sur_une_page %}`` whose two copies differ."""
    found: list[Problem] = []
    paragraphs = part.paragraphs
    for n, para in enumerate(paragraphs):
        tag = next((t for t in para.tags if t.marker == "p" and t.word == "if"), None)
        if tag is None or not _CHOOSER.match(" ".join(tag.source.split())):
            continue
        branches = _branches(paragraphs, n)
        if branches is None:
            continue
        kept, free, other = branches
        kept_texts = [p.text.strip() for p in kept]
        free_texts = [p.text.strip() for p in free]
        if kept_texts == free_texts:
            continue
        first = next((i for i, (a, b) in enumerate(zip(kept_texts, free_texts, strict=False))
                      if a != b), min(len(kept), len(free)))
        where = kept[first] if first < len(kept) else other
        one, two = (texts[first] if first < len(texts) else "" for texts in (kept_texts,
                                                                            free_texts))
        message = (f"les deux exemplaires du bloc « {tag.raw} » diffèrent (celui qui précède "
                   "le « {%p else %} » et celui qui le suit) : coopdocs imprime l'un ou l'autre "
                   "selon la longueur de la fiche, deux actions seraient donc présentées "
                   f"avec des textes différents (« {snippet(one, 0, 0) or '(rien)'} » dans le "
                   f"premier, « {snippet(two, 0, 0) or '(rien)'} » dans le second)")
        hint = ("faites la même modification dans les deux exemplaires ; seuls les "
                "enchaînements (« Paragraphes solidaires ») doivent différer")
        found.append(problem("exemplaires-differents", message, hint, where,
                             severity="avertissement"))
    return found
