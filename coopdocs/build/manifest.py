"""The manifest of an output folder (`.coopdocs.json`): what coopdocs wrote there, and from what.

For each document: the template used and its sha256, the project file's sha256 and the
output's sha256; for each PDF: the document it was converted from and that document's sha256.
The manifest also names the project file that owns the folder (`projet_chemin`), so that two
projects never share one folder silently. A rebuild compares each file on disk with its last
hash: equal, the file is coopdocs' own output and can be replaced; different (or unknown),
someone edited it (people edit the generated .docx before signing, sign the PDF) and the
project is stopped instead.

Interruptions: before replacing files, the manifest is written with both the new hash and
the previous one (`sha256_precedent`), then the files, then the manifest without the old
hashes. Whatever the moment of a Ctrl-C or a kill, each file on disk matches one of the
recorded hashes, so the next run replaces it without asking.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coopdocs import __version__
from coopdocs.atomic import read_existing, write_atomic
from coopdocs.errors import OutputError, Problem

__all__ = ["MANIFEST", "Manifest", "Planned", "on_disk_sha256", "sha256"]

MANIFEST = ".coopdocs.json"
_FORMAT = 1


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Planned:
    """One file a build wants to write, and what the folder held there when it was looked at.

    A PDF has no template: `template` is then the document it was converted from (`source`).
    """

    name: str
    data: bytes
    template: Path
    template_origin: str
    template_sha256: str
    sha256: str
    on_disk: str | None  # sha256 of the file there now, None if absent (or not looked at yet:
    #                      `plan` leaves it to `write_documents`, which looks under the lock)
    source: str | None = None  # a PDF: the name of its .docx
    source_sha256: str | None = None

    @property
    def unchanged(self) -> bool:
        return self.on_disk == self.sha256


class Manifest:
    """The `.coopdocs.json` of one output folder."""

    def __init__(self, folder: Path, documents: dict[str, dict[str, Any]] | None = None,
                 owner: str | None = None) -> None:
        self.folder = folder
        self.documents: dict[str, dict[str, Any]] = documents or {}
        self.owner = owner  # absolute path of the project file whose folder this is

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """The folder's manifest; an absent or unreadable one knows no document (safe side).

        Entries that are not what coopdocs writes (a hand-edited manifest, another tool's
        file) are ignored: their documents count as unknown, so they are never overwritten.
        """
        try:
            data = json.loads((read_existing(folder / MANIFEST) or b"{}").decode("utf-8"))
        except (OutputError, ValueError):
            data = {}
        data = data if isinstance(data, dict) else {}
        documents = data.get("documents")
        documents = documents if isinstance(documents, dict) else {}
        owner = data.get("projet_chemin")
        return cls(folder, {name: entry for name, entry in documents.items()
                            if isinstance(name, str) and isinstance(entry, dict)},
                   owner if isinstance(owner, str) else None)

    def generated(self, name: str, on_disk: str) -> bool:
        """Whether `on_disk` (a sha256) is a version of `name` that coopdocs wrote itself."""
        entry = self.documents.get(name) or {}
        return on_disk in (entry.get("sha256"), entry.get("sha256_precedent"))

    def owned_by_another(self, project_file: str) -> str | None:
        """The other project file this folder belongs to, or None when it is this one's.

        Paths are compared as files, not as spellings: `café.yaml` typed in NFC and listed in
        NFD by the file system is one file; two files of the same name in two folders are two.
        """
        if self.owner is None or not self.documents:
            return None
        mine = os.path.abspath(project_file)
        if self.owner == mine:
            return None
        try:
            if os.path.samefile(self.owner, mine):
                return None
        except OSError:
            pass  # the other file is gone or unreadable: still not this project's folder
        return self.owner

    def refusal(self, doc: Planned, on_disk: str | None, project_file: str) -> Problem | None:
        """Why `doc` must not replace what is on disk (`on_disk`, a sha256), if it must not."""
        if on_disk is None or on_disk == doc.sha256 or self.generated(doc.name, on_disk):
            return None
        path = self.folder / doc.name
        why = ("a été modifié depuis sa génération" if doc.name in self.documents
               else "n'a pas été produit par coopdocs (il est absent du manifeste)")
        return Problem(
            f"« {path} » {why} : le projet n'a pas été régénéré, pour ne pas perdre ces "
            "modifications.", file=project_file, code="sortie-modifiee",
            hint=f"renommez ou déplacez « {doc.name} » pour garder votre version, puis "
            "relancez ; ou relancez avec --force pour la remplacer")

    def refusals(self, planned: list[Planned], project_file: str) -> list[tuple[Planned, Problem]]:
        """Each file that exists, differs, and was not written by coopdocs, explained."""
        found = []
        for doc in planned:
            problem = self.refusal(doc, doc.on_disk, project_file)
            if problem is not None:
                found.append((doc, problem))
        return found

    def record(self, planned: list[Planned], project_sha256: str, *, keep_previous: bool) -> None:
        for doc in planned:
            entry: dict[str, Any] = {"sha256": doc.sha256}
            if doc.source is not None:
                entry.update(source=doc.source, source_sha256=doc.source_sha256)
            else:
                entry.update(modele=str(doc.template), modele_origine=doc.template_origin,
                             modele_sha256=doc.template_sha256, projet_sha256=project_sha256)
            if keep_previous and doc.on_disk and not doc.unchanged:
                entry["sha256_precedent"] = doc.on_disk
            self.documents[doc.name] = dict(sorted(entry.items()))

    def encode(self, project_file: str) -> bytes:
        """The manifest's bytes, owned by `project_file`."""
        self.owner = os.path.abspath(project_file)
        payload = {"format": _FORMAT, "coopdocs": __version__, "projet": project_file,
                   "projet_chemin": self.owner, "documents": dict(sorted(self.documents.items()))}
        return (json.dumps(payload, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

    def write(self, project_file: str, *, sync_folder: bool = True) -> None:
        """Write the manifest atomically; `sync_folder=False` when the caller syncs the folder
        itself (once for many renames) or when losing this rename is harmless."""
        write_atomic(self.folder / MANIFEST, self.encode(project_file), sync_folder=sync_folder)


def on_disk_sha256(path: Path) -> str | None:
    """sha256 of the file at `path`, None when there is none (never blocks on a pipe)."""
    data = read_existing(path)
    return None if data is None else sha256(data)
