"""Load a project file: read the YAML, check it against the schema and the rules, locate problems.

`load_project` is what the build uses (it raises on an invalid project); `check_project` is what
`coopdocs validate` and `coopdocs progress` use (it returns the problems instead of raising).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coopdocs.errors import CoopdocsError, Problem, SourceError, ValidationError, sort_key
from coopdocs.source import Source, read_source


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
    # Imported here, not at the top: cerberus and the rules load only when a file is checked.
    from coopdocs import rules, schema

    data, problems = schema.validate(source.data)
    if data is not None:
        # The rules rely on normalised data (dates, Decimals, defaults): only after the schema.
        problems = problems + rules.check(data)
    problems = list(source.warnings) + problems
    if strict:
        # `--strict`: what would be a warning blocks the build like an error.
        problems = [p.as_error() for p in problems]
    return data, _locate(problems, source)


def _check(path: str | os.PathLike[str], strict: bool) -> tuple[Project | None, list[Problem]]:
    source = read_source(path)  # raises SourceError when the file cannot be read as YAML
    data, problems = _problems(source, strict=strict)
    if data is None or any(p.is_error for p in problems):
        return None, problems
    file = Path(os.fspath(path))
    return Project(path=file, name=file.stem, data=data, warnings=problems,
                   sha256=source.sha256, source=source), problems


def check_project(path: str | os.PathLike[str], *,
                  strict: bool = False) -> tuple[Project | None, list[Problem]]:
    """Read and check a project without raising for user mistakes.

    Returns (the project, its warnings) when it is valid, else (None, all problems sorted by
    line). A file that cannot be read as YAML gives its `SourceError` problems the same way.
    """
    try:
        return _check(path, strict)
    except SourceError as error:
        return None, sorted(error.problems, key=sort_key)


def load_project(path: str | os.PathLike[str], *, strict: bool = False) -> Project:
    """Read, check and normalise a project; raise `ValidationError` with ALL problems if invalid.

    The error carries errors and warnings sorted by line. `SourceError` (unreadable file, YAML
    syntax) propagates as is. With `strict`, any warning makes the project invalid.
    """
    project, problems = _check(path, strict)
    if project is None:
        raise ValidationError(problems, file=os.fspath(path))
    return project


__all__ = ["CoopdocsError", "Project", "ValidationError", "check_project", "load_project"]
