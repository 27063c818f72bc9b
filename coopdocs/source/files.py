"""The project files of what a command is given: files, and folders searched recursively.

Every command that takes projects (`validate`, `progress`, `build`) reads its inputs here, so a
folder means the same thing to all of them: its .yaml and .yml files, at any depth (one folder
per project, `projets/jardins/projet.yaml`, as well as flat files), hidden folders left out.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from coopdocs.errors import Problem

__all__ = ["Found", "Inputs", "find_projects"]

Inputs = Iterable[str | os.PathLike[str]]
SUFFIXES = (".yaml", ".yml")


@dataclass
class Found:
    """The project files, each once and in order; the folders that held none, as problems."""

    files: list[str] = field(default_factory=list)
    empty: list[Problem] = field(default_factory=list)


def find_projects(inputs: Inputs) -> Found:
    """Project files from files and folders. A missing file is kept: reading it explains it."""
    found = Found()
    seen: set[object] = set()
    for given in inputs:
        path = Path(given)
        candidates = [path]
        if path.is_dir():
            candidates = sorted(p for p in path.rglob("*")
                                if p.suffix.lower() in SUFFIXES and p.is_file()
                                and not any(s.startswith(".") for s in p.relative_to(path).parts))
            if not candidates:
                found.empty.append(Problem(
                    f"Aucun fichier .yaml ou .yml dans le dossier « {path} ».", file=str(path),
                    code="entree-vide",
                    hint="vérifiez le dossier donné ; chaque projet est un fichier .yaml, "
                    "par exemple projets/jardins/projet.yaml"))
        for file in candidates:
            key = _identity(file)
            if key not in seen:
                seen.add(key)
                found.files.append(os.fspath(file))
    return found


def _identity(file: Path) -> object:
    """One key per file, however its name is spelt (NFC or NFD, case, links)."""
    try:
        info = os.stat(file)
    except OSError:
        return os.path.normcase(os.path.abspath(file))
    return (info.st_dev, info.st_ino)
