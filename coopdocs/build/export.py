"""`coopdocs templates export`: copies of the built-in templates, for legal advisers to edit."""

from __future__ import annotations

from pathlib import Path

from coopdocs.atomic import make_folder, write_atomic
from coopdocs.errors import OutputError, Problem
from coopdocs.render.templates import BUILTIN_DIR, builtin_names

__all__ = ["export_templates"]


def export_templates(destination: Path, *, force: bool = False) -> list[Path]:
    """Copy the built-in templates to `destination` for editing; never overwrite unless `force`."""
    names = builtin_names()
    existing = [destination / n for n in names if (destination / n).exists()]
    if existing and not force:
        raise OutputError([Problem(
            f"« {p} » existe déjà : rien n'a été copié.", file=str(p), code="export-existe",
            hint="choisissez un dossier vide, ou ajoutez --force pour remplacer ces fichiers")
            for p in existing])
    make_folder(destination)
    written = []
    for name in names:
        write_atomic(destination / name, (BUILTIN_DIR / name).read_bytes())
        written.append(destination / name)
    return written
