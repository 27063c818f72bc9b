"""The shape of the template context: which fields exist, for the template linter and the docs.

The shape is derived from what ``project.build_context`` really returns for the shipped
example projects (complete, minimal, and one per legal family), merged: dict keys
recursively, the items of a list merged over all its elements, pictures (`context.picture`
tables and drawings) as leaves. Deriving it from the real context rather than from a
hand-written list means a field added to ``project.py`` is known to the linter and to
``docs/modeles.md`` at once, and a field renamed there makes templates using the old name fail
the check instead of printing a blank in a signed convention.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

from coopdocs.check.project import load_project
from coopdocs.context.assemble import build_context
from coopdocs.context.picture import Drawing, Table
from coopdocs.method.evaluate import progress
from coopdocs.method.roadmap import roadmap_context

__all__ = ["Shape", "Variable", "default_shape", "shape_for", "shape_of", "template_variables",
           "variables_markdown"]

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"  # shipped inside the package
Kind = Literal["dict", "list", "leaf", "none", "any"]



@dataclass
class Shape:
    """What a context value looks like: a dict with keys, a list of items, or a leaf.

    ``kind`` "none" is a value that was None in every example (nothing can be said about what is
    under it); "any" is a conflict between examples or something unknowable: both are accepted
    without checks below them.
    """

    kind: Kind
    path: str = ""
    keys: dict[str, Shape] = field(default_factory=dict)
    item: Shape | None = None
    types: frozenset[str] = frozenset()
    example: Any = None

    @property
    def checkable(self) -> bool:
        return self.kind in ("dict", "list", "leaf")


def _type_name(value: Any) -> str:
    if isinstance(value, Table | Drawing):
        return "image"
    if isinstance(value, bool):
        return "booleen"
    if isinstance(value, int | float | Decimal):
        return "nombre"
    if isinstance(value, dt.date):
        return "date"
    return "texte"


def shape_of(value: Any, path: str = "") -> Shape:
    """The shape of one value: its kind, and for mappings and lists the shape of their items."""
    if value is None:
        return Shape("none", path)
    if isinstance(value, Mapping):
        keys = {str(k): shape_of(v, _join(path, str(k))) for k, v in value.items()}
        return Shape("dict", path, keys=keys)
    if isinstance(value, list | tuple):
        item: Shape | None = None
        for element in value:
            one = shape_of(element, f"{path}[]")
            item = one if item is None else merge(item, one)
        return Shape("list", path, item=item)
    return Shape("leaf", path, types=frozenset({_type_name(value)}), example=value)


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def merge(a: Shape, b: Shape) -> Shape:
    """Merge two shapes of the same place (two list items, two example projects)."""
    if a.kind == "none":
        return b
    if b.kind == "none":
        return a
    if a.kind != b.kind or a.kind == "any":
        return Shape("any", a.path)
    if a.kind == "dict":
        keys = dict(a.keys)
        for key, sub in b.keys.items():
            keys[key] = merge(keys[key], sub) if key in keys else sub
        return Shape("dict", a.path, keys=keys)
    if a.kind == "list":
        if a.item is None or b.item is None:
            return Shape("list", a.path, item=a.item or b.item)
        return Shape("list", a.path, item=merge(a.item, b.item))
    example = a.example if a.example not in ("", None) else b.example
    return Shape("leaf", a.path, types=a.types | b.types, example=example)


# The complete example first (the docs show its values), then those whose families of parties
# and cooperations (GME, SCIC, public funder) fill parts of the context the others leave empty.
# exemple-reseau and exemple-caracteres fill no part of their own.
_SHAPE_EXAMPLES = ("exemple-complet", "exemple-minimal", "exemple-gme", "exemple-scic",
                   "exemple-financeur-public")


def _examples() -> list[Path]:
    return [EXAMPLES / f"{name}.yaml" for name in _SHAPE_EXAMPLES]


def _example_contexts() -> list[dict[str, Any]]:
    return [build_context(load_project(path)) for path in _examples()]


def _roadmap_contexts() -> list[dict[str, Any]]:
    return [roadmap_context(progress(path)) for path in _examples()]


# Built-in templates rendered with another context than build_context's (file name → contexts).
OTHER_CONTEXTS = {"feuille-de-route.docx": _roadmap_contexts}


def _merged(contexts: list[dict[str, Any]]) -> Shape:
    shapes = [shape_of(c) for c in contexts]
    result = shapes[0]
    for other in shapes[1:]:
        result = merge(result, other)
    return result


@functools.cache
def default_shape() -> Shape:
    """The merged shape of the contexts of the shipped examples (cached)."""
    return _merged(_example_contexts())


@functools.cache
def shape_for(template_name: str) -> Shape:
    """The context shape a template of that file name is rendered with (cached)."""
    builder = OTHER_CONTEXTS.get(template_name)
    return _merged(builder()) if builder else default_shape()


@dataclass(frozen=True)
class Variable:
    """One field available to templates: ``partenaires[].raison_sociale``, an example, a kind."""

    path: str
    example: str
    kind: str


def _example_text(value: Any, kinds: frozenset[str]) -> str:
    if "image" in kinds:
        return "(image)"
    if isinstance(value, bool):
        return "vrai" if value else "faux"
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _walk(shape: Shape) -> Iterator[Variable]:
    if shape.kind == "dict":
        for key in sorted(shape.keys):
            yield from _walk(shape.keys[key])
    elif shape.kind == "list":
        if shape.item is not None and shape.item.kind in ("dict", "list"):
            yield from _walk(shape.item)
        else:
            example = "" if shape.item is None else _example_text(shape.item.example,
                                                                   shape.item.types)
            yield Variable(shape.path, example, "liste")
    elif shape.kind == "leaf":
        kind = "/".join(sorted(shape.types))
        yield Variable(shape.path, _example_text(shape.example, shape.types), kind)
    else:
        yield Variable(shape.path, "", "variable")


def template_variables(shape: Shape | None = None) -> list[Variable]:
    """Every variable available to templates, in dotted form, with one example value each.

    Lists of records are expanded as ``partenaires[].champ``; a value that was empty in both
    examples appears with an empty example. Sorted by path, stable from run to run.
    """
    return list(_walk(shape or default_shape()))


_KIND_LABELS = {"texte": "texte", "nombre": "nombre", "date": "date", "booleen": "oui/non",
                "image": "image", "liste": "liste", "variable": "variable"}


def variables_markdown(variables: list[Variable] | None = None, width: int = 60) -> str:
    """The variables as a Markdown table (Variable | Type | Exemple), for ``docs/modeles.md``.

    Examples are cut at `width` characters; non-breaking spaces become plain spaces so the
    table stays readable in a text editor.
    """
    rows = ["| Variable | Type | Exemple |", "|---|---|---|"]
    for var in variables if variables is not None else template_variables():
        example = " ".join(var.example.replace("\u00a0", " ").replace("\u202f", " ").split())
        if len(example) > width:
            example = example[: width - 1].rstrip() + "…"
        example = example.replace("|", "\\|")
        kind = "/".join(_KIND_LABELS.get(k, k) for k in var.kind.split("/"))
        rows.append(f"| `{var.path}` | {kind} | {example} |")
    return "\n".join(rows) + "\n"
