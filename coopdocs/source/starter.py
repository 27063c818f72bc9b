"""`coopdocs init`: the commented starter project that walks users through the trame."""

from __future__ import annotations

from pathlib import Path

from coopdocs.atomic import make_folder, write_atomic
from coopdocs.errors import OutputError, Problem

__all__ = ["STARTER_FILE", "starter_text", "write_starter"]

STARTER_FILE = Path(__file__).resolve().parents[1] / "data" / "projet-initial.yaml"


def starter_text() -> str:
    """The starter project, in French, commented step by step (valid as written)."""
    return STARTER_FILE.read_text(encoding="utf-8")


def write_starter(path: Path, *, force: bool = False) -> Path:
    """Write the starter project to `path`; refuse to replace an existing file unless `force`."""
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
    make_folder(path.parent)
    write_atomic(path, starter_text().encode("utf-8"))
    return path
