"""The one way files reach an output folder: names, locks, escapes, hand edits, the manifest.

Every file coopdocs produces goes through `write_documents` (`build`, `build --only
feuille-de-route`, `progress --docx`) or `write_pdfs` (the PDFs). They:

- name the project's folder (`output_folder`): after the project file, or after its folder
  for a `projet.yaml`, the same for every spelling of one name, never a Windows device name;
- refuse a folder that is a link or leads outside the output folder, or that holds another
  project's documents;
- hold the folder's lock (`atomic.lock_folder`) while they write: one coopdocs at a time per
  folder, so two runs never mix their versions;
- remove the temporary files a killed run left there;
- refuse to replace a file edited by hand (unless forced), checked for each file right before
  its replace, PDFs included;
- write each file atomically and keep the folder's manifest (`build.manifest`) in step.

Nothing else in coopdocs creates an output folder or writes into one.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from slugify import slugify

from coopdocs.atomic import (
    Staged,
    fsync_folder,
    lock_folder,
    make_folder,
    remove_leftovers,
    write_atomic,
)
from coopdocs.build.manifest import MANIFEST, Manifest, Planned, on_disk_sha256, sha256
from coopdocs.build.results import DocumentResult
from coopdocs.errors import OutputError, Problem

__all__ = ["PdfFile", "Written", "output_folder", "pdf_name", "pdf_up_to_date", "plan",
           "write_documents", "write_pdfs"]

# File names that say nothing about the project: its folder names it instead
# (`ressourcerie/projet.yaml` → `sortie/ressourcerie/`).
_GENERIC_STEMS = frozenset({"projet", "project"})
# Names Windows reserves for devices, whatever the extension: a folder so named cannot be
# opened there (a network share, a USB key passed on to a colleague).
_WINDOWS_DEVICES = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)),
                              *(f"lpt{n}" for n in range(10))})


@dataclass
class Written:
    """What a write did: each file's fate, the refusals, lines for the user."""

    documents: list[DocumentResult] = field(default_factory=list)
    refusals: list[Problem] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PdfFile:
    """A PDF to write next to its document, and the version of the document it shows."""

    name: str
    data: bytes
    source: str
    source_sha256: str


class _EditedMeanwhile(Exception):
    """A file was saved by someone between our check and our replace."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def output_folder(outdir: Path, project_file: str) -> Path:
    """`sortie/<nom du fichier>/` (`sortie/<nom du dossier>/` for a `projet.yaml`), with a
    name that is safe on every file system; `OutputError` for a Windows device name."""
    path = Path(project_file)
    stem = unicodedata.normalize("NFC", path.stem)
    if stem.casefold() in _GENERIC_STEMS:
        stem = unicodedata.normalize("NFC", Path(os.path.abspath(path)).parent.name) or stem
    name = slugify(stem, lowercase=False) or "projet"
    if name.casefold() in _WINDOWS_DEVICES:
        raise OutputError([Problem(
            f"« {name} » est un nom réservé par Windows (comme CON, PRN, AUX, NUL, COM1 ou "
            "LPT1) : le dossier des documents ne pourrait pas y être ouvert.",
            file=project_file, code="sortie-nom-reserve",
            hint=f"renommez le fichier de projet (par exemple « {name}-projet.yaml »)"
            + (" ou son dossier" if stem != path.stem else ""))], file=project_file)
    return Path(outdir) / name


def pdf_name(docx_name: str) -> str:
    return f"{Path(docx_name).stem}.pdf"


def plan(name: str, data: bytes, template: Path, template_origin: str,
         template_sha256: str) -> Planned:
    """A document to write; what its folder holds under that name now is looked at by
    `write_documents` (under the folder's lock, or at once for a dry run)."""
    return Planned(name, data, template, template_origin, template_sha256, sha256(data), None)


def _looked_at(folder: Path, planned: list[Planned]) -> list[Planned]:
    """`planned` with the hash of what the folder holds under each name now."""
    return [replace(doc, on_disk=on_disk_sha256(folder / doc.name)) for doc in planned]


def _refuse_escape(folder: Path, outdir: Path) -> None:
    """Never write through a link planted in the output folder: documents stay inside `-o`."""
    if folder.is_symlink() or (folder.exists() and
                               not folder.resolve().is_relative_to(Path(outdir).resolve())):
        raise OutputError([Problem(
            f"« {folder} » est un lien vers un autre dossier ({folder.resolve()}) : rien n'y "
            "a été écrit.", code="sortie-lien",
            hint="supprimez ce lien (les documents doivent rester dans le dossier de sortie), "
            "ou choisissez un autre dossier avec -o")])


def _refuse_other_project(manifest: Manifest, folder: Path, project_file: str) -> None:
    other = manifest.owned_by_another(project_file)
    if other is not None:
        raise OutputError([Problem(
            f"« {folder} » contient les documents d'un autre projet (« {other} ») : rien n'y a "
            "été écrit, pour ne pas mêler les documents de deux projets.", file=project_file,
            code="sortie-autre-projet",
            hint="choisissez un autre dossier de sortie (-o) ou renommez l'un des deux fichiers "
            "de projet ; si c'est le même projet, déplacé ou renommé, relancez avec --force")])


def _refuse(written: Written, folder: Path, refused: list[tuple[Planned, Problem]]) -> Written:
    for doc, problem in refused:
        written.documents.append(DocumentResult(folder / doc.name, doc.sha256, "refuse"))
        written.refusals.append(problem)
    return written


def write_documents(outdir: Path, folder: Path, planned: list[Planned], *, project_file: str,
                    project_sha256: str, force: bool = False, dry_run: bool = False,
                    pdf: bool = False, wait: bool = False,
                    cancelled: Callable[[], bool] | None = None) -> Written:
    """Write the documents of one project into `folder` (inside `outdir`), all or nothing.

    A document that exists, differs and was not written by coopdocs stops the whole project
    (nothing is written) unless `force`; with `pdf`, so does such a PDF next to it (its
    replacement is coming). The check is made again for each file right before it is
    replaced: a document saved by hand meanwhile is kept and fails the project. Before
    replacing documents, the manifest records both the new hash and the previous one; after,
    only the new one: whatever the moment of an interruption, each document on disk matches a
    recorded hash, so the next run replaces it. Each file is synced before its rename and the
    folder once after the last document's rename (see `_replace_all`). `wait` waits for
    another coopdocs writing there instead of failing (`cancelled` stops the wait).
    """
    _refuse_escape(folder, outdir)
    written = Written()
    if dry_run:
        planned = _looked_at(folder, planned)
        manifest = Manifest.read(folder)
        if not force:
            _refuse_other_project(manifest, folder, project_file)
            refused = manifest.refusals(planned + _companions(folder, planned, pdf),
                                        project_file)
            if refused:
                return _refuse(written, folder, refused)
        for doc in planned:
            action = "inchange" if doc.unchanged else "a-ecrire"
            written.documents.append(DocumentResult(folder / doc.name, doc.sha256, action))
            verb = "inchangé" if doc.unchanged else "serait écrit"
            written.lines.append(f"  {verb} : {folder / doc.name}")
        return written
    make_folder(folder)
    _refuse_escape(folder, outdir)
    with lock_folder(folder, wait=wait, cancelled=cancelled):
        remove_leftovers(folder)
        manifest = Manifest.read(folder)
        if not force:
            _refuse_other_project(manifest, folder, project_file)
        # What the folder holds now that no other coopdocs can change it.
        planned = _looked_at(folder, planned)
        if not force:
            refused = manifest.refusals(planned + _companions(folder, planned, pdf),
                                        project_file)
            if refused:
                return _refuse(written, folder, refused)
        _replace_all(written, manifest, folder, planned, project_file, project_sha256, force)
    return written


def _companions(folder: Path, planned: list[Planned], pdf: bool) -> list[Planned]:
    """The PDFs a `--pdf` run will replace next to `planned`, to check them first."""
    if not pdf:
        return []
    return [Planned(pdf_name(doc.name), b"", doc.template, "", "", "",
                    on_disk_sha256(folder / pdf_name(doc.name)), doc.name, doc.sha256)
            for doc in planned]


def _replace_all(written: Written, manifest: Manifest, folder: Path, planned: list[Planned],
                 project_file: str, project_sha256: str, force: bool) -> None:
    """Replace each changed file, checking it right before; keep the manifest in step.

    The manifest with the new and the previous hashes and every changed file are written and
    synced together (`Staged`: one wait on the disk), then renamed, the manifest first; the
    folder is synced once after the last rename. The first manifest's rename is not synced on
    its own: journaled file systems commit renames in the order made, so it reaches the disk
    before the documents'. The last manifest (without the previous hashes) is written after
    the folder sync, and only when it differs from the first (a first build has no previous
    hash: one manifest then); its rename is not synced: were it lost, the first one still
    describes every file.
    """
    before = Manifest(folder, dict(manifest.documents), manifest.owner)
    changed = [doc for doc in planned if not doc.unchanged]
    first: dict[str, Any] | None = None  # the documents the first manifest describes
    staged = [(folder / doc.name, doc.data) for doc in changed]
    if changed:
        manifest.record(planned, project_sha256, keep_previous=True)
        first = dict(manifest.documents)  # `record` replaces entries, never edits one
        staged.insert(0, (folder / MANIFEST, manifest.encode(project_file)))
    kept: set[str] = set()
    with Staged(staged) as files:
        if first is not None:
            files.replace(folder / MANIFEST)
        for doc in planned:
            path = folder / doc.name
            if not doc.unchanged:
                try:
                    files.replace(path, before_replace=_still(before, doc, project_file, force))
                except _EditedMeanwhile as edited:
                    kept.add(doc.name)
                    written.refusals.append(edited.problem)
                    written.documents.append(DocumentResult(path, doc.sha256, "refuse"))
                    continue
            action = "inchange" if doc.unchanged else "ecrit"
            written.documents.append(DocumentResult(path, doc.sha256, action))
            written.lines.append(f"  {'inchangé' if doc.unchanged else 'écrit'} : {path}")
    fsync_folder(folder)
    manifest.record([doc for doc in planned if doc.name not in kept], project_sha256,
                    keep_previous=False)
    for name in kept:  # its hand edit must still be seen as one on the next run
        if name in before.documents:
            manifest.documents[name] = before.documents[name]
        else:
            manifest.documents.pop(name, None)
    if manifest.documents != first:  # the same documents: the same bytes, already written
        write_atomic(folder / MANIFEST, manifest.encode(project_file), sync_folder=False)


def _still(before: Manifest, doc: Planned, project_file: str,
           force: bool) -> Callable[[], None]:
    """The check made right before `doc` replaces the file: is it still what we looked at?"""
    def check() -> None:
        now = on_disk_sha256(before.folder / doc.name)
        if now is None or now == doc.on_disk or force or before.generated(doc.name, now):
            return
        problem = Problem(
            f"« {before.folder / doc.name} » a été enregistré par quelqu'un pendant que coopdocs "
            "écrivait le dossier : cette version a été gardée, le document n'a pas été "
            "régénéré.", file=project_file, code="sortie-modifiee-pendant",
            hint=f"vérifiez « {doc.name} » (fermez-le dans Word ou LibreOffice), renommez-le "
            "pour garder votre version, puis relancez ; ou relancez avec --force pour le "
            "remplacer")
        raise _EditedMeanwhile(problem)

    return check


def pdf_up_to_date(folder: Path, docx: Path) -> DocumentResult | None:
    """The PDF of `docx` when it is already the one of this very document, untouched."""
    manifest = Manifest.read(folder)
    name = pdf_name(docx.name)
    entry = manifest.documents.get(name) or {}
    try:
        source, current = on_disk_sha256(docx), on_disk_sha256(folder / name)
    except OutputError:
        return None
    if source is None or current is None or entry.get("source_sha256") != source or \
            entry.get("sha256") != current:
        return None
    return DocumentResult(folder / name, current, "inchange")


def write_pdfs(outdir: Path, folder: Path, pdfs: list[PdfFile], *, project_file: str,
               force: bool = False, wait: bool = False,
               cancelled: Callable[[], bool] | None = None) -> Written:
    """Write the PDFs of one project next to their documents, with the same care.

    A PDF is written only if its document is still the version it was converted from (another
    run or a person may have replaced it meanwhile), and never over a PDF edited or signed by
    hand (unless `force`), checked right before its replace.
    """
    _refuse_escape(folder, outdir)
    written = Written()
    with lock_folder(folder, wait=wait, cancelled=cancelled):
        remove_leftovers(folder)
        manifest = Manifest.read(folder)
        if not force:
            _refuse_other_project(manifest, folder, project_file)
        planned = []
        for pdf in pdfs:
            if on_disk_sha256(folder / pdf.source) != pdf.source_sha256:
                written.refusals.append(Problem(
                    f"« {folder / pdf.source} » a changé pendant sa conversion en PDF : le PDF "
                    "n'a pas été écrit, il ne correspondrait plus au document.",
                    file=project_file, code="pdf-source-changee",
                    hint="relancez la production avec --pdf"))
                continue
            planned.append(Planned(pdf.name, pdf.data, folder / pdf.source, "", "",
                                   sha256(pdf.data), on_disk_sha256(folder / pdf.name),
                                   pdf.source, pdf.source_sha256))
        if not force:
            refused = manifest.refusals(planned, project_file)
            if refused:
                names = {doc.name for doc, _ in refused}
                _refuse(written, folder, refused)
                planned = [doc for doc in planned if doc.name not in names]
        if planned:
            _replace_all(written, manifest, folder, planned, project_file, "", force)
    return written
