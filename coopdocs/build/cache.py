"""Templates read and prepared once per run, shared by every project of the run."""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import suppress
from pathlib import Path

from coopdocs.context.documents import CATALOGUE
from coopdocs.errors import CoopdocsError, Problem, TemplateError
from coopdocs.lint.checker import check_templates
from coopdocs.render.template import PreparedTemplate
from coopdocs.render.templates import BUILTIN_DIR

__all__ = ["TemplateCache"]


class TemplateCache:
    """Templates read and prepared once per run, shared by all the projects of the run."""

    def __init__(self) -> None:
        self._prepared: dict[Path, PreparedTemplate | CoopdocsError] = {}
        self._warnings: dict[Path, list[Problem]] = {}
        # A path as given → the file it names: resolving asks the file system about every
        # folder of the path, twice a template for each project of a batch otherwise.
        self._resolved: dict[Path, Path] = {}

    def _key(self, path: Path) -> Path:
        key = self._resolved.get(path)
        if key is None:
            key = self._resolved[path] = Path(path).resolve()
        return key

    def get(self, path: Path) -> PreparedTemplate:
        """The prepared template; a template edited by someone is linted first (once).

        Built-in templates are checked by the test suite; a template from an override folder
        goes through the same checks as `coopdocs templates check`, and its errors refuse it.
        """
        key = self._key(path)
        if key not in self._prepared:
            try:
                if key.parent != BUILTIN_DIR:
                    self._warnings[key] = check_templates([key])
                self._prepared[key] = PreparedTemplate.from_path(key)
            except CoopdocsError as error:
                self._prepared[key] = error  # every project using it gets the same report
        found = self._prepared[key]
        if isinstance(found, CoopdocsError):
            raise type(found)(found.problems)
        return found

    def check(self, paths: Iterable[Path]) -> list[Problem]:
        """Prepare every template of `paths`; the linter's warnings about the override ones.

        Raises TemplateError with the problems of EVERY broken template, not only the first
        (and the warnings about the others), so that one run tells the adviser all there is
        to fix.
        """
        found: list[Problem] = []
        for path in dict.fromkeys(self._key(p) for p in paths):
            try:
                self.get(path)
            except CoopdocsError as error:
                found += error.problems
            else:
                found += self._warnings.get(path, [])
        if any(p.is_error for p in found):
            raise TemplateError(found)
        return found

    def preload(self, only: Iterable[str] | None) -> None:
        """Prepare the built-in templates now, in the parent, before workers start."""
        for document in CATALOGUE:
            path = BUILTIN_DIR / document.template
            if (only is None or document.code in only) and path.is_file():
                with suppress(CoopdocsError):  # each project using it will report it
                    self.get(path)
