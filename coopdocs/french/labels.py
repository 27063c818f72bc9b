"""The French labels of coded values (`data/libelles.yaml`), loaded once.

A label is written in lower case, to go in the middle of a sentence (« association régie par
la loi du 1er juillet 1901 »); ``capital=True`` gives it a capital for a table cell or a
heading. Some labels carry extra keys used to agree a sentence (``feminin``, ``nom``,
``habilite``…): `label_entry` returns them all.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from coopdocs.french.grammar import majuscule_initiale

__all__ = ["LABELS_FILE", "label", "label_entry", "labels"]

LABELS_FILE = Path(__file__).resolve().parents[1] / "data" / "libelles.yaml"


@functools.cache
def labels() -> dict[str, Any]:
    """Every label of `data/libelles.yaml` (do not mutate: it is shared)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with LABELS_FILE.open(encoding="utf-8") as handle:
        loaded: dict[str, Any] = yaml.load(handle, Loader=loader)
    return loaded


def label_entry(kind: str, code: str | None) -> dict[str, Any]:
    """The label mapping of a code (``{"libelle": …}`` plus any extra keys)."""
    if code is None:
        return {"libelle": ""}
    value = labels().get(kind, {}).get(code)
    if value is None:
        return {"libelle": str(code).replace("_", " ")}
    return dict(value) if isinstance(value, Mapping) else {"libelle": str(value)}


def label(kind: str, code: str | None, *, capital: bool = False) -> str:
    """The French label of a code; an unknown code is shown with spaces for underscores."""
    text = str(label_entry(kind, code)["libelle"])
    return majuscule_initiale(text) if capital else text
