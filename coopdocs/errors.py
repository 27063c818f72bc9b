"""The error model: problems found in a project file or a template, and their exceptions.

Every stage of coopdocs reports what is wrong as `Problem` values; nothing here prints. The CLI
catches `CoopdocsError` in one place and shows `Problem.format()` lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

Severity = Literal["erreur", "avertissement"]
PathPart = str | int
FieldPath = tuple[PathPart, ...]


def format_path(path: Sequence[PathPart]) -> str:
    """Render a field path the way users read it: ``partenaires[2].siret``.

    List positions are shown from 1 (the second partner is ``partenaires[2]``) because the people
    reading them count from 1; internally paths keep Python's 0-based indices.
    """
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else str(part)
    return out


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a warning) in a project file or a template."""

    message: str
    path: FieldPath = ()
    hint: str | None = None
    severity: Severity = "erreur"
    code: str = ""
    file: str | None = None
    line: int | None = None
    column: int | None = None
    # Templates are located by part and paragraph rather than by YAML line.
    location: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity == "erreur"

    @property
    def dotted_path(self) -> str:
        return format_path(self.path)

    def located(
        self, file: str | None = None, line: int | None = None, column: int | None = None
    ) -> Problem:
        return replace(
            self,
            file=file if file is not None else self.file,
            line=line if line is not None else self.line,
            column=column if column is not None else self.column,
        )

    def as_error(self) -> Problem:
        return replace(self, severity="erreur")

    def where(self) -> str:
        """``fichier:ligne:colonne`` (or the template place); empty when nothing locates it."""
        if self.location:
            return f"{self.file}, {self.location}" if self.file else self.location
        if self.file is None and self.line is None:
            return ""  # a problem of the whole run (two projects, one folder): no placeholder
        parts = [self.file or "?"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def format(self) -> str:
        """``fichier:ligne:colonne  chemin  message  (suggestion)``, the line users act on."""
        label = "" if self.is_error else "avertissement : "
        pieces = [self.where()] if self.where() else []
        if self.path:
            pieces.append(self.dotted_path)
        pieces.append(label + self.message)
        text = "  ".join(pieces)
        if self.hint:
            text += f"  ({self.hint})"
        return text

    def to_dict(self) -> dict[str, Any]:
        return {
            "gravite": self.severity,
            "code": self.code,
            "fichier": self.file,
            "ligne": self.line,
            "colonne": self.column,
            "emplacement": self.location,
            "chemin": self.dotted_path,
            "message": self.message,
            "suggestion": self.hint,
        }


def sort_key(problem: Problem) -> tuple[Any, ...]:
    return (problem.file or "", problem.line or 0, problem.column or 0, problem.dotted_path)


@dataclass(frozen=True)
class Repeated:
    """One warning that several project files of a run share, and where each one has it."""

    problem: Problem  # the first occurrence
    places: tuple[Problem, ...]  # every occurrence, one per file

    @property
    def files(self) -> int:
        return len(self.places)


def group_repeated(problems: Iterable[Problem],
                   minimum: int = 2) -> tuple[list[Problem], list[Repeated]]:
    """Warnings found word for word (code, field, message, hint) in `minimum` files or more,
    grouped, so that a batch of sixty projects says one thing once, « × 60 projets ».

    Returns (every other problem in its order, the groups in order of first appearance).
    Errors are never grouped: each must be fixed in its own file.
    """
    problems = list(problems)
    places: dict[tuple[Any, ...], list[Problem]] = {}
    for problem in problems:
        if not problem.is_error:
            key = (problem.code, problem.dotted_path, problem.message, problem.hint)
            places.setdefault(key, []).append(problem)
    grouped = {key: found for key, found in places.items()
               if len({p.file for p in found}) >= minimum}
    kept = [p for p in problems
            if p.is_error or (p.code, p.dotted_path, p.message, p.hint) not in grouped]
    return kept, [Repeated(found[0], tuple(found)) for found in grouped.values()]


class HasProblems:
    """Errors and warnings of anything that carries `problems` (a report, an error)."""

    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if not p.is_error]


class CoopdocsError(HasProblems, Exception):
    """Base of every error coopdocs reports to a user. Carries all the problems at once."""

    title = "Erreur"

    def __init__(self, problems: Iterable[Problem] | str, *, file: str | None = None) -> None:
        if isinstance(problems, str):
            problems = [Problem(problems, file=file)]
        self.problems: list[Problem] = list(problems)
        self.file = file
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return "\n".join(p.format() for p in self.problems)


class SourceError(CoopdocsError):
    """The project file cannot be read as YAML (encoding, size, syntax, bombs…)."""

    title = "Fichier illisible"


class ValidationError(CoopdocsError):
    """The project file was read but does not follow the format (schema or cross-field rules)."""

    title = "Projet non valide"


class TemplateError(CoopdocsError):
    """A .docx template is broken (Jinja syntax, split tags, unknown fields or filters)."""

    title = "Modèle non valide"


class RenderError(CoopdocsError):
    """A document could not be produced from a valid project and template."""

    title = "Génération impossible"


class OutputError(CoopdocsError):
    """A document could not be written where it should go."""

    title = "Écriture impossible"


class ChangedOnDisk(CoopdocsError):
    """A project file changed on disk since it was read: saving would lose that change."""

    title = "Fichier modifié entre-temps"


class PdfError(CoopdocsError):
    """LibreOffice is missing or failed to convert a document."""

    title = "Conversion PDF impossible"
