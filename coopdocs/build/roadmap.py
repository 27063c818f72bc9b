"""`coopdocs progress`: the progress report of one project file, and its Word feuille de route.

The file is read once. The feuille de route is rendered like every other document (the
project's `modeles:` folder, then `--templates`, then the built-in template) and written
through `build.write`, with the same manifest and the same protection of hand edits as
`coopdocs build`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from coopdocs.build.cache import TemplateCache
from coopdocs.build.results import DocumentResult
from coopdocs.build.write import output_folder, plan, write_documents
from coopdocs.context.documents import ROADMAP
from coopdocs.errors import CoopdocsError, Problem, SourceError, sort_key
from coopdocs.method.evaluate import assess
from coopdocs.method.report import Report
from coopdocs.method.roadmap import roadmap_context
from coopdocs.render.templates import resolve_template, search_path
from coopdocs.source.reader import read_source

__all__ = ["Progress", "progress"]


@dataclass
class Progress:
    """The report, and what writing the feuille de route did (when it was asked for)."""

    report: Report
    documents: list[DocumentResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # why it was not written

    @property
    def written(self) -> list[Path]:
        return [d.path for d in self.documents if d.action == "ecrit"]


def progress(path: str | os.PathLike[str], *, roadmap: bool = False,
             outdir: Path = Path("sortie"), templates: str | None = None,
             force: bool = False, today: date | None = None, wait: bool = False) -> Progress:
    """The progress report of a project file; with ``roadmap``, also write its feuille de
    route into ``outdir/<projet>/`` (``wait``: wait for another coopdocs writing there).
    Never raises for a user's file or folder."""
    file = os.fspath(path)
    try:
        source = read_source(path)
    except SourceError as error:
        return Progress(Report(name=Path(file).stem, file=file, readable=False, valid=False,
                               steps=[], problems=sorted(error.problems, key=sort_key)))
    result = Progress(assess(source))
    if not roadmap:
        return result
    try:
        folders = search_path(file, source.data, templates)
        template_file = resolve_template(ROADMAP.template, folders)
        template = TemplateCache().get(template_file.path)  # lints an override template
        data = template.render(roadmap_context(result.report, today))
        folder = output_folder(outdir, file)
        planned = plan(ROADMAP.filename, data, template_file.path,
                       template_file.origin, template.sha256)
        written = write_documents(outdir, folder, [planned], project_file=file,
                                  project_sha256=source.sha256, force=force, wait=wait)
    except CoopdocsError as error:
        result.problems = error.problems
        return result
    result.documents = written.documents
    result.problems = written.refusals
    return result
