"""Load a project file: read the YAML, check it against the schema and the rules, locate problems.

One pass: the schema and the cross-field rules run together, the rules on whatever the schema
found well-formed (`check.rules.suite`), so a file's mistakes come out in one run, not in rounds.

`load_project` raises on an invalid project; `check_project` returns the problems instead
(`build`); `examine` also says whether every check could run (`validate`); `check_source` and
`examine_source` check a file already read (`progress` reads it once).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coopdocs import __version__
from coopdocs.check.rules.base import Broken
from coopdocs.check.rules.suite import check_rules
from coopdocs.check.schema import check_schema
from coopdocs.errors import HasProblems, Problem, SourceError, ValidationError, sort_key
from coopdocs.french.grammar import count
from coopdocs.source.files import Inputs, find_projects
from coopdocs.source.reader import Source, read_source

__all__ = ["Examined", "Project", "Validation", "ValidationRun", "check_project", "check_source",
           "examine", "examine_source", "load_project", "validate_file", "validate_inputs"]


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


@dataclass
class Examined:
    """Everything checking a file found: the project when valid, every problem located and
    sorted, and whether every check could run (False: some wait for an error to be fixed)."""

    project: Project | None
    problems: list[Problem]
    complete: bool = True


def examine_source(source: Source, *, strict: bool = False) -> Examined:
    """Check a project file already read: schema and rules in one pass."""
    schema = check_schema(source.data)
    problems = list(source.warnings) + list(source.errors) + schema.problems
    complete = schema.data is not None
    if schema.data is not None:
        # The rules rely on normalised data (dates, Decimals, defaults); on a file the schema
        # refused, they get what it could keep and skip what depends on the rest.
        rules = check_rules(schema.data, Broken(schema.broken, schema.removed))
        problems += rules.problems
        complete = rules.complete
    if strict:
        # `--strict`: what would be a warning blocks the build like an error.
        problems = [p.as_error() for p in problems]
    problems = _locate(problems, source)
    if schema.data is None or not schema.valid or any(p.is_error for p in problems):
        return Examined(None, problems, complete)
    file = Path(source.path)
    return Examined(Project(path=file, name=file.stem, data=schema.data, warnings=problems,
                            sha256=source.sha256, source=source), problems, complete)


def examine(path: str | os.PathLike[str], *, strict: bool = False) -> Examined:
    """Read and check a project without raising for user mistakes. A file that cannot be read
    as YAML gives its `SourceError` problems, and nothing else could be checked."""
    try:
        source = read_source(path)
    except SourceError as error:
        return Examined(None, sorted(error.problems, key=sort_key), complete=False)
    return examine_source(source, strict=strict)


def check_source(source: Source, *,
                 strict: bool = False) -> tuple[Project | None, list[Problem]]:
    """Check a project file already read: (the project, its warnings) when it is valid, else
    (None, every problem sorted by line)."""
    examined = examine_source(source, strict=strict)
    return examined.project, examined.problems


def check_project(path: str | os.PathLike[str], *,
                  strict: bool = False) -> tuple[Project | None, list[Problem]]:
    """Read and check a project without raising for user mistakes.

    Returns (the project, its warnings) when it is valid, else (None, all problems sorted by
    line). A file that cannot be read as YAML gives its `SourceError` problems the same way.
    """
    examined = examine(path, strict=strict)
    return examined.project, examined.problems


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
class Validation(HasProblems):
    """What `coopdocs validate` says of one file: its problems, and the verdict."""

    file: str
    problems: list[Problem]
    complete: bool = True  # False: more checks will run once the errors are fixed

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
        if not self.complete:
            fixed = "ces erreurs corrigées" if len(self.errors) > 1 else "cette erreur corrigée"
            text += f" ; d'autres vérifications suivront une fois {fixed}"
        return text

    def to_dict(self) -> dict[str, Any]:
        """One file in the JSON of `coopdocs validate --json` (docs/validation.md)."""
        return {"fichier": self.file, "valide": self.valid, "erreurs": len(self.errors),
                "avertissements": len(self.warnings), "verification_complete": self.complete,
                "problemes": [p.to_dict() for p in self.problems]}


def validate_file(path: str | os.PathLike[str], *, strict: bool = False) -> Validation:
    """Check one project file and say what `coopdocs validate` reports of it."""
    examined = examine(path, strict=strict)
    return Validation(os.fspath(path), examined.problems, examined.complete)


@dataclass
class ValidationRun:
    """What `coopdocs validate` says of all the files it was given."""

    results: list[Validation]

    @property
    def valid(self) -> bool:
        return all(r.valid for r in self.results)

    @property
    def counts(self) -> dict[str, int]:
        return {"fichiers": len(self.results),
                "valides": sum(r.valid for r in self.results),
                "non_valides": sum(not r.valid for r in self.results),
                "erreurs": sum(len(r.errors) for r in self.results),
                "avertissements": sum(len(r.warnings) for r in self.results)}

    def summary(self) -> str:
        """« 20 fichiers vérifiés : 19 valides, 1 non valide. »"""
        counts = self.counts
        return (f"{count(counts['fichiers'], 'fichier vérifié', 'fichiers vérifiés')} : "
                f"{count(counts['valides'], 'valide')}, "
                f"{count(counts['non_valides'], 'non valide', 'non valides')}.")

    def to_dict(self) -> dict[str, Any]:
        """The JSON of `coopdocs validate --json`, the same shape for one file or a thousand
        (documented in docs/validation.md)."""
        return {"coopdocs": __version__, "valide": self.valid, "resume": self.counts,
                "fichiers": [r.to_dict() for r in self.results]}


def validate_inputs(inputs: Inputs, *, strict: bool = False) -> ValidationRun:
    """Check every project file of the files and folders given (folders searched recursively,
    as `coopdocs build` does); a folder without any project is a failed input of its own."""
    found = find_projects(inputs)
    results = [Validation(problem.file or "", [problem])
               for problem in found.empty]
    results += [validate_file(file, strict=strict) for file in found.files]
    return ValidationRun(results)
