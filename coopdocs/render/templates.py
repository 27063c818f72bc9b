"""Where templates come from: the built-in folder and the search path of override folders.

The search path, first match wins, file by file: the folder named by `modeles:` in the project
file (relative to that file), then the folder given with `--templates`, then the built-in
templates shipped inside the package. A folder that overrides only some templates falls back to
the built-in ones for the others; a .docx of an override folder that matches no built-in
template is an extra document (an avenant, say) rendered with the same context.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coopdocs.errors import Problem, TemplateError

__all__ = [
    "BUILTIN_DIR",
    "ORIGIN_BUILTIN",
    "ORIGIN_OPTION",
    "ORIGIN_PROJECT",
    "Folder",
    "TemplateFile",
    "builtin_names",
    "extra_templates",
    "list_templates",
    "resolve_template",
    "search_path",
]

BUILTIN_DIR = Path(__file__).resolve().parents[1] / "templates"

ORIGIN_PROJECT = "dossier « modeles » du projet"
ORIGIN_OPTION = "option --templates"
ORIGIN_BUILTIN = "modèle intégré"


@dataclass(frozen=True)
class Folder:
    """One folder of the search path and why it is there."""

    path: Path
    origin: str


@dataclass(frozen=True)
class TemplateFile:
    """The file that will be used for one template name, and where it comes from."""

    name: str
    path: Path
    origin: str

    @property
    def builtin(self) -> bool:
        return self.origin == ORIGIN_BUILTIN


def builtin_names() -> list[str]:
    return sorted(p.name for p in BUILTIN_DIR.glob("*.docx"))


def _is_template(path: Path) -> bool:
    # Word leaves "~$name.docx" lock files beside open documents; `templates fix` writes
    # "name.corrige.docx" copies that must be renamed before they are used.
    return (path.suffix.lower() == ".docx" and not path.name.startswith(("~$", "."))
            and not path.name.endswith(".corrige.docx") and path.is_file())


def search_path(project_file: str | Path | None = None,
                data: Mapping[str, Any] | None = None,
                templates_option: str | Path | None = None) -> list[Folder]:
    """The override folders in priority order, then the built-in folder.

    A folder that does not exist is an error, not a silent fallback: the user asked for it.
    """
    folders: list[Folder] = []
    modeles = (data or {}).get("modeles")
    if modeles:
        base = Path(project_file).parent if project_file else Path.cwd()
        folders.append(_existing(base / modeles, ORIGIN_PROJECT, ("modeles",),
                                 "le chemin se lit à partir du dossier du fichier projet"))
    if templates_option:
        folders.append(_existing(Path(templates_option), ORIGIN_OPTION, (),
                                 "vérifiez le dossier donné à --templates"))
    folders.append(Folder(BUILTIN_DIR, ORIGIN_BUILTIN))
    return folders


def _existing(path: Path, origin: str, field: tuple[str, ...], hint: str) -> Folder:
    if not path.is_dir():
        raise TemplateError([Problem(f"Le dossier de modèles « {path} » ({origin}) n'existe pas.",
                                     path=field, hint=hint, code="modeles-dossier-absent")])
    return Folder(path, origin)


def resolve_template(name: str, folders: Iterable[Folder] | None = None) -> TemplateFile:
    """The file to use for the template `name` (e.g. ``convention-de-partenariat.docx``)."""
    folders = list(folders) if folders is not None else search_path()
    for folder in folders:
        candidate = folder.path / name
        if _is_template(candidate):
            return TemplateFile(name, candidate, folder.origin)
    raise TemplateError([Problem(
        f"Le modèle « {name} » est introuvable.", code="modele-introuvable",
        hint="réinstallez coopdocs (make demo) : ses modèles font partie du paquet")])


def extra_templates(folders: Iterable[Folder]) -> list[TemplateFile]:
    """Override-folder .docx files that replace no built-in template: additional documents."""
    known = set(builtin_names())
    extras: dict[str, TemplateFile] = {}
    for folder in folders:
        if folder.origin == ORIGIN_BUILTIN:
            continue
        for path in sorted(folder.path.glob("*.docx")):
            if _is_template(path) and path.name not in known and path.name not in extras:
                extras[path.name] = TemplateFile(path.name, path, folder.origin)
    return list(extras.values())


def list_templates(folders: Iterable[Folder]) -> list[TemplateFile]:
    """Every template that a build would use: built-in names first, then the extras."""
    folders = list(folders)
    return [resolve_template(n, folders) for n in builtin_names()] + extra_templates(folders)
