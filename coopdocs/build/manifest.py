"""The manifest of an output folder (`.coopdocs.json`): what coopdocs wrote there, and from what.

For each document: the template used and its sha256, the project file's sha256 and the
output's sha256. A rebuild compares the file on disk with that last hash: equal, the document
is coopdocs' own output and can be replaced; different (or unknown), someone edited it (people
edit the generated .docx before signing) and the project is stopped instead.

Interruptions: before replacing documents, the manifest is written with both the new hash and
the previous one (`sha256_precedent`), then the documents, then the manifest without the old
hashes. Whatever the moment of a Ctrl-C, each document on disk matches one of the recorded
hashes, so the next run replaces it without asking.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coopdocs import __version__
from coopdocs.atomic import write_atomic
from coopdocs.errors import OutputError, Problem

__all__ = ["MANIFEST", "Manifest", "Planned", "on_disk_sha256", "sha256"]

MANIFEST = ".coopdocs.json"
_FORMAT = 1


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Planned:
    """One document a build wants to write, and what the folder already holds there."""

    name: str
    data: bytes
    template: Path
    template_origin: str
    template_sha256: str
    sha256: str
    on_disk: str | None  # sha256 of the file there now, None if absent

    @property
    def unchanged(self) -> bool:
        return self.on_disk == self.sha256


class Manifest:
    """The `.coopdocs.json` of one output folder."""

    def __init__(self, folder: Path, documents: dict[str, dict[str, Any]] | None = None) -> None:
        self.folder = folder
        self.documents: dict[str, dict[str, Any]] = documents or {}

    @classmethod
    def read(cls, folder: Path) -> Manifest:
        """The folder's manifest; an absent or unreadable one knows no document (safe side)."""
        try:
            data = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            documents = data["documents"] if isinstance(data, dict) else {}
        except (OSError, ValueError, KeyError):
            documents = {}
        return cls(folder, documents if isinstance(documents, dict) else {})

    def generated(self, name: str, on_disk: str) -> bool:
        """Whether `on_disk` (a sha256) is a version of `name` that coopdocs wrote itself."""
        entry = self.documents.get(name) or {}
        return on_disk in (entry.get("sha256"), entry.get("sha256_precedent"))

    def refusals(self, planned: list[Planned], project_file: str) -> list[tuple[Planned, Problem]]:
        """Each document that exists, differs, and was not written by coopdocs, explained."""
        refused = []
        for doc in planned:
            if doc.on_disk is None or doc.unchanged or self.generated(doc.name, doc.on_disk):
                continue
            path = self.folder / doc.name
            why = ("a été modifié depuis sa génération" if doc.name in self.documents
                   else "n'a pas été produit par coopdocs (il est absent du manifeste)")
            refused.append((doc, Problem(
                f"« {path} » {why} : le projet n'a pas été régénéré, pour ne pas perdre ces "
                "modifications.", file=project_file, code="sortie-modifiee",
                hint=f"renommez ou déplacez « {doc.name} » pour garder votre version, puis "
                "relancez ; ou relancez avec --force pour la remplacer")))
        return refused

    def record(self, planned: list[Planned], project_sha256: str, *, keep_previous: bool) -> None:
        for doc in planned:
            entry: dict[str, Any] = {
                "modele": str(doc.template),
                "modele_origine": doc.template_origin,
                "modele_sha256": doc.template_sha256,
                "projet_sha256": project_sha256,
                "sha256": doc.sha256,
            }
            if keep_previous and doc.on_disk and not doc.unchanged:
                entry["sha256_precedent"] = doc.on_disk
            self.documents[doc.name] = entry

    def write(self, project_file: str, *, sync_folder: bool = True) -> None:
        """Write the manifest atomically; `sync_folder=False` when the caller syncs the folder
        once after renaming its documents too."""
        payload = {"format": _FORMAT, "coopdocs": __version__, "projet": project_file,
                   "documents": dict(sorted(self.documents.items()))}
        text = json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
        write_atomic(self.folder / MANIFEST, text.encode("utf-8"), sync_folder=sync_folder)


def on_disk_sha256(path: Path) -> str | None:
    """sha256 of the file at `path`, None when there is none."""
    try:
        return sha256(path.read_bytes())
    except FileNotFoundError:
        return None
    except IsADirectoryError as error:
        raise OutputError([Problem(
            f"« {path} » est un dossier : le document ne peut pas être écrit à sa place.",
            file=str(path), code="sortie-dossier",
            hint="renommez ou déplacez ce dossier, puis relancez")]) from error
    except OSError as error:
        raise OutputError([Problem(
            f"« {path} » est illisible ({error.strerror}) : impossible de savoir s'il a été "
            "modifié à la main.", file=str(path), code="sortie-illisible",
            hint="vérifiez vos droits sur ce fichier, ou déplacez-le, puis relancez")]) from error
