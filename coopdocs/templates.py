"""Where templates come from, and the `coopdocs templates list/export` commands.

The search path, first match wins, file by file: the folder named by `modeles:` in the project
file (relative to that file), then the folder given with `--templates`, then the built-in
templates shipped inside the package. A folder that overrides only some templates falls back to
the built-in ones for the others; a .docx of an override folder that matches no built-in
template is an extra document (an avenant, say) rendered with the same context.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Mapping
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coopdocs.errors import CoopdocsError, OutputError, Problem, TemplateError

BUILTIN_DIR = Path(__file__).resolve().parent / "templates"

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


def export_templates(destination: Path, *, force: bool = False) -> list[Path]:
    """Copy the built-in templates to `destination` for editing; never overwrite unless `force`."""
    names = builtin_names()
    existing = [destination / n for n in names if (destination / n).exists()]
    if existing and not force:
        raise OutputError([Problem(
            f"« {p} » existe déjà : rien n'a été copié.", file=str(p), code="export-existe",
            hint="choisissez un dossier vide, ou ajoutez --force pour remplacer ces fichiers")
            for p in existing])
    try:
        destination.mkdir(parents=True, exist_ok=True)
        written = []
        for name in names:
            shutil.copyfile(BUILTIN_DIR / name, destination / name)
            written.append(destination / name)
    except OSError as error:
        raise OutputError([Problem(
            f"Impossible de copier les modèles dans « {destination} » : {error.strerror}.",
            hint="vérifiez le dossier et vos droits d'écriture", code="export-echec")]) from error
    return written


class TemplateCache:
    """Templates read and prepared once per run, shared by all the projects of the run."""

    def __init__(self) -> None:
        self._prepared: dict[Path, Any] = {}

    def get(self, path: Path) -> Any:
        """The prepared template; a template edited by someone is linted first (once).

        Built-in templates are checked by the test suite; a template from an override folder
        goes through the same checks as `coopdocs templates check`, and its errors refuse it.
        """
        from coopdocs.render import PreparedTemplate

        key = Path(path).resolve()
        if key not in self._prepared:
            try:
                if key.parent != BUILTIN_DIR:
                    from coopdocs.lint import check_templates

                    check_templates([key])
                self._prepared[key] = PreparedTemplate.from_path(key)
            except CoopdocsError as error:
                self._prepared[key] = error  # every project using it gets the same report
        found = self._prepared[key]
        if isinstance(found, CoopdocsError):
            raise type(found)(found.problems)
        return found

    def preload(self, only: Iterable[str] | None) -> None:
        """Prepare the built-in templates now, in the parent, before workers start."""
        from coopdocs.documents import CATALOGUE

        for document in CATALOGUE:
            path = BUILTIN_DIR / document.modele
            if (only is None or document.code in only) and path.is_file():
                with suppress(CoopdocsError):  # each project using it will report it
                    self.get(path)
