"""The one way documents reach the disk: output folders, escapes, hand edits, the manifest.

Every document coopdocs produces goes through `write_documents` (`build`, `build --only
feuille-de-route`, `progress --docx`) or `write_extra` (the PDFs): it names the project's
folder inside the output folder, refuses a folder that is a link or leads outside it, refuses
to replace a document edited by hand (unless forced), writes each file atomically and keeps the
folder's manifest (`build.manifest`) in step. Nothing else in coopdocs creates an output folder
or writes into one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from slugify import slugify

from coopdocs.atomic import fsync_folder, make_folder, write_atomic
from coopdocs.build.manifest import Manifest, Planned, on_disk_sha256, sha256
from coopdocs.build.results import DocumentResult
from coopdocs.errors import OutputError, Problem

__all__ = ["Written", "output_folder", "plan", "write_documents", "write_extra"]


@dataclass
class Written:
    """What `write_documents` did: each document's fate, the refusals, lines for the user."""

    documents: list[DocumentResult] = field(default_factory=list)
    refusals: list[Problem] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


def output_folder(outdir: Path, project_file: str) -> Path:
    """`sortie/<nom du fichier>/`, with a name that is safe on every file system."""
    stem = Path(project_file).stem
    return Path(outdir) / (slugify(stem, lowercase=False) or "projet")


def plan(folder: Path, name: str, data: bytes, template: Path, template_origin: str,
         template_sha256: str) -> Planned:
    """A document to write into `folder`, with the hash of what is there now."""
    return Planned(name, data, template, template_origin, template_sha256, sha256(data),
                   on_disk_sha256(folder / name))


def _refuse_escape(folder: Path, outdir: Path) -> None:
    """Never write through a link planted in the output folder: documents stay inside `-o`."""
    if folder.is_symlink() or (folder.exists() and
                               not folder.resolve().is_relative_to(Path(outdir).resolve())):
        raise OutputError([Problem(
            f"« {folder} » est un lien vers un autre dossier ({folder.resolve()}) : rien n'y "
            "a été écrit.", code="sortie-lien",
            hint="supprimez ce lien (les documents doivent rester dans le dossier de sortie), "
            "ou choisissez un autre dossier avec -o")])


def write_documents(outdir: Path, folder: Path, planned: list[Planned], *, project_file: str,
                    project_sha256: str, force: bool = False,
                    dry_run: bool = False) -> Written:
    """Write the documents of one project into `folder` (inside `outdir`), all or nothing.

    A document that exists, differs and was not written by coopdocs stops the whole project
    (nothing is written) unless `force`. The manifest is written once, before the documents it
    describes, with both the new hash and the previous one: whatever the moment of an
    interruption, each document on disk matches a recorded hash, so the next run replaces it.
    Each file is synced before its rename and the folder once after the last rename (one wait
    instead of one per file; journaled file systems commit the renames in the order made).
    """
    _refuse_escape(folder, outdir)
    manifest = Manifest.read(folder)
    written = Written()
    refusals = [] if force else manifest.refusals(planned, project_file)
    if refusals:
        for doc, problem in refusals:
            written.documents.append(DocumentResult(folder / doc.name, doc.sha256, "refuse"))
            written.refusals.append(problem)
        return written
    for doc in planned:
        action = "inchange" if doc.unchanged else "a-ecrire" if dry_run else "ecrit"
        written.documents.append(DocumentResult(folder / doc.name, doc.sha256, action))
        verb = {"inchange": "inchangé", "a-ecrire": "serait écrit", "ecrit": "écrit"}[action]
        written.lines.append(f"  {verb} : {folder / doc.name}")
    if dry_run:
        return written
    make_folder(folder)
    changed = [doc for doc in planned if not doc.unchanged]
    manifest.record(planned, project_sha256, keep_previous=True)
    manifest.write(project_file, sync_folder=False)
    for doc in changed:
        write_atomic(folder / doc.name, doc.data, sync_folder=False)
    fsync_folder(folder)
    return written


def write_extra(outdir: Path, folder: Path, name: str, data: bytes) -> DocumentResult:
    """Write a file derived from the documents (a PDF) into a project folder already written."""
    _refuse_escape(folder, outdir)
    write_atomic(folder / name, data, sync_folder=False)
    fsync_folder(folder)
    return DocumentResult(folder / name, sha256(data), "ecrit")
