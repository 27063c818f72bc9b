"""`coopdocs init`: the commented starter project, the shipped examples, and the starter's
example values that must not survive into a signed document.

Every value of the starter that names the user's own project is a placeholder the user must
replace, recognisable by its shape: a text between square brackets ("[Nom du projet]"), or an
identifier that no real structure has (SIRET "000 000 000 00000", code postal "00000", RNA
"W000000000"), or a capital social of 0.
`placeholders(data)` finds them wherever they were left, even in a block the user copied to add
a third partner; the other values of the starter (dates, choices, governance rules) are
proposals the user may keep.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from coopdocs.atomic import make_folder, write_atomic
from coopdocs.errors import FieldPath, OutputError, Problem
from coopdocs.source.walk import leaves

__all__ = ["EXAMPLES", "STARTER_FILE", "placeholder_paths", "placeholders", "starter_text",
           "write_starter"]

_PACKAGE = Path(__file__).resolve().parents[1]
STARTER_FILE = _PACKAGE / "data" / "projet-initial.yaml"
# `coopdocs init --exemple NAME`: the shipped examples, which validate and build as they are.
EXAMPLES = {"complet": _PACKAGE / "examples" / "exemple-complet.yaml",
            "minimal": _PACKAGE / "examples" / "exemple-minimal.yaml"}

_BRACKETED = re.compile(r"\[[^\[\]]+\]", re.DOTALL)
# Identifiers whose starter value is a placeholder wherever it appears (no real one is all zeros).
_CODES = ("siret", "code_postal", "rna")
# Amounts whose starter value is 0: no company has a capital of nothing (a SAS has at least 1 €).
_ZERO_AMOUNTS = ("capital_social",)


def starter_text() -> str:
    """The starter project, in French, commented step by step."""
    return STARTER_FILE.read_text(encoding="utf-8")


def _text(value: str) -> str:
    return " ".join(value.split())


def _digits(value: Any) -> str:
    return re.sub(r"\D", "", str(value))


@functools.cache
def _starter_values() -> tuple[frozenset[str], frozenset[tuple[str, str]]]:
    """(the bracketed texts, the (field, digits) identifiers) of the starter file."""
    texts: set[str] = set()
    codes: set[tuple[str, str]] = set()
    for path, value in leaves(yaml.safe_load(starter_text())):
        key = path[-1] if path else None
        if isinstance(key, str) and key in _CODES and value is not None:
            codes.add((key, _digits(value)))
        elif isinstance(value, str) and _BRACKETED.fullmatch(value.strip()):
            texts.add(_text(value))
    return frozenset(texts), frozenset(codes)


def _is_zero(value: Any) -> bool:
    """0, 0.0, Decimal("0") or "0,00 €": an amount of nothing, as written or normalised."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float | Decimal):
        return value == 0
    digits = _digits(value) if isinstance(value, str) else ""
    return bool(digits) and set(digits) == {"0"}


def placeholders(data: Any) -> list[tuple[FieldPath, str]]:
    """Every example value of the starter left in project data (raw or normalised): its path
    and the value as the user wrote it, in file order."""
    texts, codes = _starter_values()
    found: list[tuple[FieldPath, str]] = []
    for path, value in leaves(data):
        key = path[-1] if path else None
        if isinstance(key, str) and key in _CODES and isinstance(value, str | int) \
                and not isinstance(value, bool):
            digits = _digits(value)
            if (key, digits) in codes:
                shown = f"{digits[:3]} {digits[3:6]} {digits[6:9]} {digits[9:]}" \
                    if key == "siret" else f"W{digits}" if key == "rna" else digits
                found.append((path, shown))
        elif isinstance(key, str) and key in _ZERO_AMOUNTS and _is_zero(value):
            found.append((path, "0"))
        elif isinstance(value, str) and "[" in value and _text(value) in texts:
            # (every starter text is bracketed: most values are not looked at further)
            found.append((path, _text(value)))
    return found


def placeholder_paths(data: Any) -> list[FieldPath]:
    """The paths of the starter's example values left in project data (for the documents,
    which mark them « [À compléter…] »)."""
    return [path for path, _ in placeholders(data)]


def write_starter(path: Path, *, force: bool = False, example: str | None = None) -> Path:
    """Write the starter project (or the shipped example `example`, "complet" or "minimal") to
    `path`; refuse to replace an existing file unless `force`."""
    if path.is_dir():
        raise OutputError(
            [
                Problem(
                    f"« {path} » est un dossier.",
                    hint=f"donnez un nom de fichier, par exemple {path / 'projet.yaml'}",
                    file=str(path),
                )
            ]
        )
    if path.exists() and not force:
        raise OutputError(
            [
                Problem(
                    f"Le fichier « {path} » existe déjà : il n'a pas été modifié.",
                    hint="choisissez un autre nom, ou ajoutez --force pour le remplacer",
                    file=str(path),
                )
            ]
        )
    text = starter_text() if example is None else EXAMPLES[example].read_text(encoding="utf-8")
    make_folder(path.parent)
    write_atomic(path, text.encode("utf-8"))
    return path
