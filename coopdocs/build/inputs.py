"""What a build is asked for: the project files of the inputs, the `--only` codes, and the
check that no two projects would share an output folder.
"""

from __future__ import annotations

import difflib
from pathlib import Path

from coopdocs.build.results import ProjectResult
from coopdocs.build.write import output_folder
from coopdocs.context.documents import CATALOGUE, ROADMAP
from coopdocs.errors import CoopdocsError, OutputError, Problem
from coopdocs.french.grammar import plural
from coopdocs.source.files import Inputs, find_projects

__all__ = ["Inputs", "check_outputs", "collect_inputs", "document_codes", "parse_only"]


def document_codes() -> list[str]:
    """Every code `--only` accepts, in the catalogue's order, the feuille de route last."""
    return [d.code for d in CATALOGUE] + [ROADMAP.code]


def parse_only(text: str | None) -> set[str] | None:
    """`--only convention,charte` → {"convention", "charte"}; unknown codes are an error."""
    if not text:
        return None
    known = document_codes()
    codes = {c.strip() for c in text.split(",") if c.strip()}
    unknown = sorted(codes - set(known))
    if unknown:
        guesses = [g for code in unknown
                   for g in difflib.get_close_matches(code, known, n=1, cutoff=0.6)]
        hint = f"codes possibles : {', '.join(known)}"
        if guesses:
            hint = f"vouliez-vous dire {', '.join(f'« {g} »' for g in guesses)} ? " + hint
        shown = ", ".join(f"« {code} »" for code in unknown)
        raise CoopdocsError([Problem(
            f"{plural(len(unknown), 'document inconnu', 'documents inconnus')} : {shown}",
            hint=hint, code="only-inconnu")])
    return codes


def collect_inputs(inputs: Inputs) -> tuple[list[str], list[ProjectResult]]:
    """Project files from files and folders (`source.files`), each once, in order.

    A folder without any .yaml/.yml is a failed input of its own; a missing file is left to
    the loader, which explains it like any unreadable project.
    """
    found = find_projects(inputs)
    empty = []
    for problem in found.empty:
        result = ProjectResult(file=problem.file or "", name=problem.file or "")
        result.fail([problem])
        empty.append(result)
    return found.files, empty


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
