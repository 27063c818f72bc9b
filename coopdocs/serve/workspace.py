"""The served folder: its project files, what the page shows of each, saving, building.

Everything the page does to a project goes through here, with the library's own functions:
`source.reader` reads, `method.evaluate.assess` checks (one pass, the same problems as
`coopdocs validate`) and places each problem under its step, `source.roundtrip` writes the
file back keeping the person's comments, `build.batch.build_projects` builds with the same
manifest and protections as `coopdocs build`.

A project is named in the page's addresses by its path relative to the served folder; a name
that is not one of the folder's project files (`source.files.find_projects`) is refused, so no
other file can be read or written through the page. One lock serialises the work: the schema's
validator is shared and not thread-safe, and a local page has one user.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import threading
import zipfile
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from coopdocs.build.batch import build_projects
from coopdocs.build.manifest import MANIFEST, Manifest
from coopdocs.build.pdf import find_soffice
from coopdocs.build.results import ProjectResult
from coopdocs.build.write import output_folder
from coopdocs.errors import CoopdocsError, OutputError, Problem, SourceError, sort_key
from coopdocs.method.evaluate import assess, evaluate
from coopdocs.method.report import Report
from coopdocs.serve.forms import FormData, ListAction, apply_action, read_form
from coopdocs.source.files import find_projects
from coopdocs.source.reader import MAX_BYTES, Source, read_source, read_source_text
from coopdocs.source.roundtrip import save_project, update_text
from coopdocs.source.starter import write_starter

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

__all__ = ["Built", "Document", "Look", "NotServed", "ProjectFile", "Workspace"]


class NotServed(CoopdocsError):
    """An address that names no project file of the served folder."""

    title = "Page introuvable"


@dataclass(frozen=True)
class ProjectFile:
    key: str  # its path relative to the served folder, with « / »
    path: Path


@dataclass
class Look:
    """What the page shows of a project file: its text, data, checks and progress."""

    file: ProjectFile
    sha256: str
    report: Report
    source: Source | None  # None: the file cannot be read as YAML (see report.problems)
    text: str = ""

    @property
    def data(self) -> dict[str, Any]:
        data = self.source.data if self.source is not None else None
        return data if isinstance(data, dict) else {}

    @property
    def problems(self) -> list[Problem]:
        every = self.report.problems + [p for s in self.report.steps for p in s.problems]
        return sorted(every, key=sort_key)


@dataclass(frozen=True)
class Document:
    name: str
    kind: str  # "docx" or "pdf"
    size: int


@dataclass
class Built:
    """The last build of a project, as its output folder tells it."""

    folder: Path
    documents: list[Document] = field(default_factory=list)
    when: datetime | None = None
    up_to_date: bool = False  # every document was made from the file as it is now


class Workspace:
    """The folder (or the single file) `coopdocs serve` was given."""

    def __init__(self, given: Path, outdir: Path) -> None:
        given = Path(given)
        self.single: Path | None = None
        if given.is_file() or (given.suffix.lower() in (".yaml", ".yml")
                               and not given.is_dir()):
            self.single = given.resolve()
            self.root = self.single.parent
        else:
            self.root = given.resolve()
        self.outdir = Path(outdir)
        self.lock = threading.RLock()
        self._looked: dict[Path, Look] = {}

    # --- which files ---------------------------------------------------------------------------

    def files(self) -> list[ProjectFile]:
        """The project files served, in the order `coopdocs validate` lists them."""
        if self.single is not None:
            return [ProjectFile(self.single.name, self.single)]
        if not self.root.is_dir():
            return []
        found = find_projects([self.root]).files
        served = []
        for f in found:
            path = Path(f).resolve()
            # A link to a file outside the folder is not served: the page reads and writes only
            # under the folder it was given (and one such link must not take every page down).
            if path.is_relative_to(self.root):
                served.append(ProjectFile(path.relative_to(self.root).as_posix(), path))
        return served

    def resolve(self, key: str) -> ProjectFile:
        """The project file of an address; `NotServed` for any other name."""
        for project in self.files():
            if project.key == key:
                return project
        raise NotServed([Problem(f"Aucun projet « {key} » dans le dossier servi.",
                                 hint="revenez à la liste des projets", code="page-introuvable")])

    def create(self, name: str) -> ProjectFile:
        """A new project file from the commented starter of `coopdocs init`."""
        if self.single is not None:
            path = self.single
        else:
            stem = slugify(name.strip(), lowercase=True) or "projet"
            path = self.root / f"{stem}.yaml"
        with self.lock:
            if path.exists() or path.is_symlink():  # the page has no --force: say what to do
                raise OutputError([Problem(
                    f"Un projet « {path.name} » existe déjà dans le dossier : il n'a pas été "
                    "modifié.", file=str(path),
                    hint="choisissez un autre nom, ou ouvrez ce projet depuis la liste des "
                         "projets")])
            write_starter(path)
        return ProjectFile(path.relative_to(self.root).as_posix(), path)

    def exists(self, project: ProjectFile) -> bool:
        return project.path.is_file()

    # --- reading and checking -----------------------------------------------------------------

    def look(self, project: ProjectFile) -> Look:
        """Read and check a project file as it is on disk (checked once per version of the
        file: the dashboard of a folder of dozens of projects is looked at again and again)."""
        # A version already checked is answered without the lock: the page's poll of the
        # file's fingerprint must not wait for a build (which holds the lock for seconds).
        known = self._looked.get(project.path)
        if known is not None and known.sha256 and known.sha256 == _digest(project.path):
            return known
        with self.lock:
            look = self._look(project)
            if len(self._looked) > 1000:
                self._looked.clear()
            self._looked[project.path] = look
            return look

    def _look(self, project: ProjectFile) -> Look:
        with self.lock:
            try:
                source = read_source(project.path)
                raw = _bounded_bytes(project.path)
            except SourceError as error:
                problems = sorted(error.problems, key=sort_key)
                report = Report(name=project.path.stem, file=str(project.path),
                                readable=False, valid=False, steps=[], problems=problems)
                return Look(project, _digest(project.path), report, None)
            except OSError as error:
                problem = Problem(f"Le fichier ne peut pas être lu : {error.strerror}.",
                                  file=str(project.path), code="lecture")
                raise NotServed([problem]) from None
            return Look(project, source.sha256, assess(source), source, _text(raw, source))

    def check(self, project: ProjectFile, step: str, form: FormData) -> Look:
        """What the file would be with the form's values: checked, not written.

        Its problems carry no line: the text checked is the data as PyYAML writes it (ruamel's
        round trip takes a second on a large file, too slow for each key typed), and only when
        it reads back as exactly that data; otherwise the round-trip writer's text is checked.
        """
        with self.lock:
            try:
                source = read_source(project.path)
                raw = _bounded_bytes(project.path)
            except (SourceError, OSError):
                return self.look(project)
            data = read_form(step, form, source.data)
            try:
                checked = _quick_source(data, str(project.path))
                if checked is None:
                    checked = read_source_text(update_text(_text(raw, source), data),
                                               str(project.path))
            except SourceError as error:
                report = evaluate({}, str(project.path), error.problems, valid=False)
                return Look(project, source.sha256, report, None)
            checked.warnings[:0] = [w for w in source.warnings if w not in checked.warnings]
            look = Look(project, source.sha256, assess(checked), checked)
            for status in look.report.steps:
                status.problems = [replace(p, line=None, column=None) for p in status.problems]
            return look

    def save(self, project: ProjectFile, step: str, form: FormData, expected_sha256: str,
             action: ListAction | None = None) -> str:
        """Write the form's values (and a list button's change) into the file; its new sha256.

        `ChangedOnDisk` when the file is no longer the one the page showed: nothing written.
        """
        with self.lock:
            look = self.look(project)
            if look.source is None:
                raise SourceError(look.report.problems, file=str(project.path))
            data = read_form(step, form, look.data)
            if action is not None:
                apply_action(data, action)
            return save_project(project.path, data, expected_sha256=expected_sha256)

    # --- documents -----------------------------------------------------------------------------

    def can_make_pdf(self) -> bool:
        return find_soffice() is not None

    def build(self, project: ProjectFile, *, pdf: bool) -> ProjectResult:
        """Build the project's documents exactly as `coopdocs build FILE --sortie …` does."""
        with self.lock:
            batch = build_projects([self._as_given(project)], self.outdir, pdf=pdf, jobs=1)
        return batch.projects[0]

    def _as_given(self, project: ProjectFile) -> str:
        # The name the command line would be given from the current folder, so that the page
        # and `coopdocs build` agree on the output folder and the manifest's owner.
        try:
            return os.path.relpath(project.path)
        except ValueError:  # another drive (Windows)
            return str(project.path)

    def built(self, project: ProjectFile, sha256: str = "") -> Built:
        """The documents of the project's output folder that coopdocs wrote."""
        folder = output_folder(self.outdir, self._as_given(project))
        if folder.is_symlink():  # not a folder coopdocs made: nothing of it is served
            return Built(folder)
        manifest = Manifest.read(folder)
        if manifest.owner is not None and Path(manifest.owner).resolve() != project.path:
            return Built(folder)  # the folder of another project with the same name
        documents = []
        inside = folder.resolve()
        for name in sorted(manifest.documents):
            # The manifest is a file on disk, editable by anyone: only plain names of files
            # of this very folder are served (never « ../… », an absolute path or a link).
            if name != Path(name).name or name in ("", ".", ".."):
                continue
            path = folder / name
            if (path.is_file() and not path.is_symlink() and path.suffix in (".docx", ".pdf")
                    and path.resolve().parent == inside):
                documents.append(Document(name, path.suffix[1:], path.stat().st_size))
        when = None
        if (folder / MANIFEST).is_file():
            when = datetime.fromtimestamp((folder / MANIFEST).stat().st_mtime)
        recorded = {e.get("projet_sha256") for e in manifest.documents.values()
                    if "projet_sha256" in e}
        return Built(folder, documents, when, bool(documents) and recorded == {sha256})

    def document(self, project: ProjectFile, name: str) -> Path:
        """A document of the project's output folder, by its name; `NotServed` otherwise."""
        built = self.built(project)
        for document in built.documents:
            if document.name == name:
                return built.folder / name
        raise NotServed([Problem(f"Aucun document « {name} » pour ce projet.",
                                 hint="produisez les documents depuis la page Documents",
                                 code="document-introuvable")])

    def archive(self, project: ProjectFile) -> bytes:
        """Every document of the project in one zip (made in memory, never written)."""
        built = self.built(project)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for document in built.documents:
                archive.write(built.folder / document.name, document.name)
        return buffer.getvalue()


def _bounded_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most `MAX_BYTES`; `SourceError` for anything else.

    Opened without blocking and checked on the open file itself: a pipe put in place of the
    project file must not freeze the server, nor a huge file fill its memory.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    descriptor = os.open(path, flags)
    with os.fdopen(descriptor, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_BYTES:
            read_source(path)  # says in French what the file is (a pipe, too large…)
            raise SourceError([Problem("Le fichier a changé pendant sa lecture.",
                                       file=str(path), code="lecture")], file=str(path))
        raw = handle.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        read_source(path)
        raise SourceError([Problem("Le fichier a changé pendant sa lecture.",
                                   file=str(path), code="lecture")], file=str(path))
    return raw


def _digest(path: Path) -> str:
    """The sha256 the reader gives a file (of its bytes), for a file it could not read.

    A file the reader refuses (not a regular file, too large) is never read: its fingerprint
    is made of what `stat` says, so the page still sees it change.
    """
    try:
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode) and info.st_size <= MAX_BYTES:
            return hashlib.sha256(_bounded_bytes(path)).hexdigest()
        return hashlib.sha256(f"{info.st_mode}:{info.st_size}:{info.st_mtime_ns}"
                              .encode()).hexdigest()
    except (OSError, SourceError):
        return ""


def _quick_source(data: dict[str, Any], name: str) -> Source | None:
    """`data` read back from PyYAML's text of it, or None when it does not read back the same
    (a text the project reader takes for oui/non, a date…)."""
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=4096)
    try:
        source = read_source_text(text, name)
    except SourceError:
        return None
    return source if source.data == data else None


def _text(raw: bytes, source: Source) -> str:
    """The file's text for the round-trip writer (the reader already said how it is encoded)."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return "\n".join(source.lines) + "\n"
