"""Characters the documents cannot print: an emoji or a Chinese letter in a name becomes an
empty box in the signed document (`french.glyphs`). A warning on each field that has one."""

from __future__ import annotations

from typing import Any

from coopdocs.check.rules.base import warning
from coopdocs.errors import Problem
from coopdocs.french.glyphs import DOCUMENT_FONT, unprintable
from coopdocs.french.grammar import liste
from coopdocs.source.walk import leaves

__all__ = ["check_glyphs"]


def check_glyphs(data: dict[str, Any]) -> list[Problem]:
    problems = []
    for path, text in leaves(data):
        if not isinstance(text, str):
            continue
        missing = unprintable(text)
        if not missing:
            continue
        shown = liste(f"« {c} » (U+{ord(c):04X})" for c in missing[:5])
        problems.append(warning(
            "caractere-sans-glyphe", path,
            f"{shown} n'existe pas dans la police des documents ({DOCUMENT_FONT}) : Word "
            "l'imprimera comme un carré vide ou dans une autre police, selon l'ordinateur.",
            "Remplacez ce caractère par un mot ou un caractère latin, ou retirez-le."))
    return problems
