"""Load a project file: read the YAML, check it against the schema and the rules, locate problems.

`load_project` raises on an invalid project; `check_project` returns the problems instead
(`validate`, `build`); `check_source` checks a file already read (`progress` reads it once).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coopdocs.check.rules.suite import run_rules
from coopdocs.check.schema import validate
from coopdocs.errors import Problem, SourceError, ValidationError, sort_key
from coopdocs.french.grammar import count
from coopdocs.source.reader import Source, read_source

__all__ = ["Project", "Validation", "check_project", "check_source", "load_project",
           "validate_file"]


@dataclass
class Project:
    """A valid project, normalised as described in docs/dev/contrat-interne.md."""

    path: Path
    name: str  # the file stem: names the output folder sortie/<name>/
    data: dict[str, Any]
    warnings: list[Problem] = field(default_factory=list)
    sha256: str = ""
    source: Source | None = field(default=None, repr=False)


def _locate(problems: list[Problem], source: Source) -> list[Problem]:
    """Fill file, line and column from the source's line map; sort them as the file reads."""
    located = []
    for problem in problems:
        found = source.locate(problem.path) if problem.line is None else None
        line, column = found if found else (None, None)
        located.append(problem.located(file=problem.file or source.path, line=line,
                                       column=column))
    return sorted(located, key=sort_key)


def _problems(source: Source, *, strict: bool) -> tuple[dict[str, Any] | None, list[Problem]]:
    """(normalised data or None, every problem located and sorted) for a source already read."""
    data, problems = validate(source.data)
    if data is not None:
        # The rules rely on normalised data (dates, Decimals, defaults): only after the schema.
        problems = problems + run_rules(data)
    problems = list(source.warnings) + problems
    if strict:
        # `--strict`: what would be a warning blocks the build like an error.
        problems = [p.as_error() for p in problems]
    return data, _locate(problems, source)


def check_source(source: Source, *,
                 strict: bool = False) -> tuple[Project | None, list[Problem]]:
    """Check a project file already read: (the project, its warnings) when it is valid, else
    (None, every problem sorted by line)."""
    data, problems = _problems(source, strict=strict)
    if data is None or any(p.is_error for p in problems):
        return None, problems
    file = Path(source.path)
    return Project(path=file, name=file.stem, data=data, warnings=problems,
                   sha256=source.sha256, source=source), problems


def check_project(path: str | os.PathLike[str], *,
                  strict: bool = False) -> tuple[Project | None, list[Problem]]:
    """Read and check a project without raising for user mistakes.

    Returns (the project, its warnings) when it is valid, else (None, all problems sorted by
    line). A file that cannot be read as YAML gives its `SourceError` problems the same way.
    """
    try:
        source = read_source(path)
    except SourceError as error:
        return None, sorted(error.problems, key=sort_key)
    return check_source(source, strict=strict)


def load_project(path: str | os.PathLike[str], *, strict: bool = False) -> Project:
    """Read, check and normalise a project; raise `ValidationError` with ALL problems if invalid.

    The error carries errors and warnings sorted by line. `SourceError` (unreadable file, YAML
    syntax) propagates as is. With `strict`, any warning makes the project invalid.
    """
    project, problems = check_source(read_source(path), strict=strict)
    if project is None:
        raise ValidationError(problems, file=os.fspath(path))
    return project


@dataclass
class Validation:
    """What `coopdocs validate` says of one file: its problems, and the verdict."""

    file: str
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]

    @property
    def valid(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        """« projet.yaml : valide (1 avertissement) », « … : non valide, 2 erreurs, … »."""
        if self.valid:
            extra = f" ({count(len(self.warnings), 'avertissement')})" if self.warnings else ""
            return f"{self.file} : valide{extra}"
        text = f"{self.file} : non valide, {count(len(self.errors), 'erreur')}"
        if self.warnings:
            text += f", {count(len(self.warnings), 'avertissement')}"
        return text

    def to_dict(self) -> dict[str, Any]:
        """The JSON of `coopdocs validate --json` for this file."""
        return {"fichier": self.file, "valide": self.valid, "erreurs": len(self.errors),
                "avertissements": len(self.warnings),
                "problemes": [p.to_dict() for p in self.problems]}


def validate_file(path: str | os.PathLike[str], *, strict: bool = False) -> Validation:
    """Check one project file and say what `coopdocs validate` reports of it."""
    _, problems = check_project(path, strict=strict)
    return Validation(os.fspath(path), problems)
