"""The ten steps of the trame méthodologique (`data/trame.yaml`), as the memo describes them."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import yaml

__all__ = ["TRAME_FILE", "Step", "trame"]

TRAME_FILE = Path(__file__).resolve().parents[1] / "data" / "trame.yaml"


@dataclass(frozen=True)
class Step:
    """One step of the trame méthodologique: its objectives, means and resources."""

    id: str
    number: int
    title: str  # the memo's own name of the step (« Initiation du projet de coopération »)
    action: str  # what one does in it, in a few words (« lancer le projet de coopération »)
    objectives: tuple[str, ...]
    means: tuple[str, ...]
    resources: tuple[str, ...]


@functools.cache
def trame() -> tuple[Step, ...]:
    """The ten steps of ``data/trame.yaml``, in the memo's order (loaded once)."""
    with TRAME_FILE.open(encoding="utf-8") as handle:
        raw = yaml.safe_load(handle)
    return tuple(
        Step(id=s["id"], number=int(s["numero"]), title=s["titre"], action=s["action"],
             objectives=tuple(s["objectifs"]), means=tuple(s["moyens"]),
             resources=tuple(s["ressources"]))
        for s in raw["etapes"]
    )
