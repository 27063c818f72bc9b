"""What a build is asked for: the project files of the inputs, the `--only` codes, and the
check that no two projects would share an output folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from coopdocs.build.results import ProjectResult
from coopdocs.build.write import output_folder
from coopdocs.context.documents import CATALOGUE, ROADMAP
from coopdocs.errors import CoopdocsError, OutputError, Problem

__all__ = ["Inputs", "check_outputs", "collect_inputs", "parse_only"]

def parse_only(text: str | None) -> set[str] | None:
    """`--only convention,charte` → {"convention", "charte"}; unknown codes are an error."""
    if not text:
        return None
    known = {d.code for d in CATALOGUE} | {ROADMAP.code}
    codes = {c.strip() for c in text.split(",") if c.strip()}
    unknown = sorted(codes - known)
    if unknown:
        raise CoopdocsError([Problem(
            f"Document inconnu pour --only : {', '.join(unknown)}.",
            hint=f"codes possibles : {', '.join(d.code for d in CATALOGUE)}, {ROADMAP.code}")])
    return codes


Inputs = Iterable[str | os.PathLike[str]]


def collect_inputs(inputs: Inputs) -> tuple[list[str], list[ProjectResult]]:
    """Project files from files and folders (searched recursively), each once, in order.

    A folder without any .yaml/.yml is a failed input of its own; a missing file is left to
    the loader, which explains it like any unreadable project.
    """
    files: list[str] = []
    empty: list[ProjectResult] = []
    seen: set[object] = set()
    for given in inputs:
        path = Path(given)
        found = [path]
        if path.is_dir():
            found = sorted(p for p in path.rglob("*")
                           if p.suffix.lower() in (".yaml", ".yml") and p.is_file()
                           and not any(s.startswith(".") for s in p.relative_to(path).parts))
            if not found:
                result = ProjectResult(file=str(path), name=str(path))
                result.fail([Problem(f"Aucun fichier .yaml ou .yml dans le dossier « {path} ».",
                                     file=str(path), code="entree-vide",
                                     hint="vérifiez le dossier donné à coopdocs build")])
                empty.append(result)
        for file in found:
            key = _identity(file)
            if key not in seen:
                seen.add(key)
                files.append(os.fspath(file))
    return files, empty


def _identity(file: Path) -> object:
    """One key per file, however its name is spelt (NFC or NFD, case, links)."""
    try:
        info = os.stat(file)
    except OSError:
        return os.path.normcase(os.path.abspath(file))
    return (info.st_dev, info.st_ino)


def check_outputs(files: list[str], outdir: Path) -> None:
    """Refuse, before anything is written, two inputs that would share an output folder."""
    targets: dict[str, list[str]] = {}
    for file in files:
        try:
            folder = output_folder(outdir, file)
        except OutputError:
            continue  # a name Windows reserves: that project alone fails, and says why
        targets.setdefault(str(folder).casefold(), []).append(file)
    problems = [Problem(
        f"{' et '.join(f'« {f} »' for f in group)} iraient dans le même dossier "
        f"« {output_folder(outdir, group[0])} » : rien n'a été écrit.", code="sortie-doublon",
        hint="renommez l'un des fichiers de projet, ou construisez-les séparément avec des "
        "dossiers de sortie différents (-o)") for group in targets.values() if len(group) > 1]
    if problems:
        raise OutputError(problems)
