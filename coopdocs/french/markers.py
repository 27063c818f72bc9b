"""The visible marker of what a document still lacks: « [À compléter avant signature : …] ».

A contract never carries advice to the user: where the project file leaves something out that
the document needs, the document says so with this marker, highlighted by the renderer, and
`coopdocs validate` lists the same gap as a warning (`check.gaps`).
"""

from __future__ import annotations

from coopdocs.french.typography import NBSP

__all__ = ["MARKER_START", "gap"]

MARKER_START = "[À compléter"


def gap(what: str, *, signature: bool = True) -> str:
    """« [À compléter avant signature : what] » (« [À compléter : what] » in working documents,
    which nobody signs)."""
    when = " avant signature" if signature else ""
    return f"{MARKER_START}{when}{NBSP}: {what}]"
