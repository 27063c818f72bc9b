"""Build the documents of one or many projects: load, render every applicable document, write.

A project is all or nothing: its documents are rendered in memory first and written only when
every one of them succeeded, each atomically, so a failure never leaves a half-built folder
behind. A failing project never stops the others. Templates are prepared once per run and
shared by every project (never one template object for two renders: see render.py).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coopdocs.errors import CoopdocsError, OutputError, Problem

Echo = Callable[[str], Any]


@dataclass
class ProjectResult:
    """What happened to one project file during a build."""

    file: str
    name: str
    outdir: Path | None = None
    written: list[Path] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    ok: bool = True

    def fail(self, problems: Iterable[Problem]) -> None:
        self.ok = False
        self.problems.extend(problems)


def parse_only(text: str | None) -> set[str] | None:
    """`--only convention,charte` → {"convention", "charte"}; unknown codes are an error."""
    if not text:
        return None
    from coopdocs.documents import CATALOGUE

    known = {d.code for d in CATALOGUE}
    codes = {c.strip() for c in text.split(",") if c.strip()}
    unknown = sorted(codes - known)
    if unknown:
        raise CoopdocsError([Problem(
            f"Document inconnu pour --only : {', '.join(unknown)}.",
            hint=f"codes possibles : {', '.join(d.code for d in CATALOGUE)}")])
    return codes


def output_folder(outdir: Path, project_file: str) -> Path:
    """`sortie/<nom du fichier>/`, with a name that is safe on every file system."""
    from slugify import slugify

    stem = Path(project_file).stem
    return outdir / (slugify(stem, lowercase=False) or "projet")


class TemplateCache:
    """Templates read and prepared once per run, shared by all the projects of the run."""

    def __init__(self) -> None:
        self._prepared: dict[Path, Any] = {}

    def get(self, path: Path) -> Any:
        from coopdocs.render import PreparedTemplate

        if path not in self._prepared:
            self._prepared[path] = PreparedTemplate.from_path(path)
        return self._prepared[path]


def build_project(file: str, outdir: Path, *, only: set[str] | None = None,
                  strict: bool = False, templates: str | Path | None = None,
                  cache: TemplateCache | None = None) -> ProjectResult:
    """Build the documents of one project file. Never raises for a user mistake."""
    from coopdocs.documents import CATALOGUE
    from coopdocs.load import check_project

    result = ProjectResult(file=file, name=Path(file).name)
    project, problems = check_project(file, strict=strict)
    if project is None:
        result.fail(problems)
        return result
    result.problems.extend(problems)  # warnings
    cache = cache or TemplateCache()
    try:
        from coopdocs.project import build_context
        from coopdocs.render import render_document
        from coopdocs.templates import extra_templates, resolve_template, search_path

        folders = search_path(file, project.data, templates)
        context = build_context(project)
        rendered: list[tuple[str, bytes]] = []
        for document in CATALOGUE:
            if only is not None and document.code not in only:
                continue
            reason = document.applies(project.data)
            if reason is not None:
                result.skipped.append((document.titre, reason))
                result.lines.append(f"  {document.titre} : non produit, {reason}.")
                continue
            template = cache.get(resolve_template(document.modele, folders).path)
            rendered.append((document.fichier, render_document(template, context)))
        if only is None:
            # Extra templates of an override folder (an avenant…) get the same context.
            for extra in extra_templates(folders):
                rendered.append((extra.name, render_document(cache.get(extra.path), context)))
        folder = output_folder(outdir, file)
        _write_all(folder, rendered, result)
    except CoopdocsError as error:
        result.fail(_with_file(error.problems, file))
    return result


def _with_file(problems: Iterable[Problem], file: str) -> list[Problem]:
    return [p if p.file else p.located(file=file) for p in problems]


def _write_all(folder: Path, rendered: list[tuple[str, bytes]], result: ProjectResult) -> None:
    from coopdocs.render import write_atomic

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputError([Problem(
            f"Impossible de créer le dossier « {folder} » : {error.strerror}.",
            hint="vérifiez le chemin donné avec -o et vos droits d'écriture")]) from error
    result.outdir = folder
    for name, data in rendered:
        path = folder / name
        write_atomic(path, data)
        result.written.append(path)
        result.lines.append(f"  écrit : {path}")


def _convert_pdfs(results: list[ProjectResult]) -> None:
    """All the documents of the run in one LibreOffice call (its start-up is the main cost).

    A document that fails to convert fails its own project only; LibreOffice missing fails all.
    """
    from coopdocs.pdf import convert_to_pdf

    owners = {p.resolve(): r for r in results if r.ok for p in r.written}
    if not owners:
        return
    try:
        convert_to_pdf(list(owners))
    except CoopdocsError as error:
        for problem in error.problems:
            owner = owners.get(Path(problem.file).resolve()) if problem.file else None
            everyone = list({id(r): r for r in owners.values()}.values())
            for result in [owner] if owner else everyone:
                result.fail([problem])
    for docx, result in owners.items():
        pdf = docx.with_suffix(".pdf")
        if pdf.is_file():
            result.lines.append(f"  écrit : {pdf}")


def build_projects(files: Iterable[str], outdir: Path, *, only: set[str] | None = None,
                   pdf: bool = False, strict: bool = False, templates: str | Path | None = None,
                   echo: Echo | None = None) -> list[ProjectResult]:
    """Build every project file; one failing project never stops the others."""
    cache = TemplateCache()
    results = [build_project(os.fspath(f), outdir, only=only, strict=strict,
                             templates=templates, cache=cache) for f in files]
    if pdf:
        _convert_pdfs(results)
    return results
