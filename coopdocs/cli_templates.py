"""`coopdocs templates …`: the commands legal advisers use on the Word templates.

Like cli.py, this only parses options and calls the library (templates.py, lint.py).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from coopdocs.errors import CoopdocsError, Problem

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _fail(error: CoopdocsError) -> None:
    click.secho(f"{error.title} :", fg="red", bold=True, err=True)
    for problem in error.problems:
        click.secho(problem.format(), fg="red" if problem.is_error else "yellow", err=True)
    sys.exit(1)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


@click.group(context_settings=CONTEXT)
def templates() -> None:
    """Les modèles Word des documents : voir, copier pour les modifier, vérifier, réparer.

    Ordre de recherche, modèle par modèle : le dossier « modeles: » du fichier
    projet, puis le dossier donné avec --templates, puis les modèles intégrés.
    Le guide complet est dans docs/modeles.md.
    """


@templates.command("list", context_settings=CONTEXT)
@click.argument("fichier", required=False, type=click.Path(dir_okay=False))
@click.option("--templates", "dossier", type=click.Path(file_okay=False),
              help="Dossier de modèles modifiés, comme pour coopdocs build.")
def templates_list(fichier: str | None, dossier: str | None) -> None:
    """Indique, pour chaque document, le modèle qui sera utilisé et d'où il vient.

    Avec FICHIER (un fichier projet), tient compte de son champ « modeles: ».
    """
    from coopdocs.documents import CATALOGUE
    from coopdocs.templates import list_templates, search_path

    data: dict[str, Any] = {}
    try:
        if fichier:
            from coopdocs.source import read_source

            data = read_source(fichier).data
        files = list_templates(search_path(fichier, data, dossier))
    except CoopdocsError as error:
        _fail(error)
    titles = {d.modele: d.titre for d in CATALOGUE}
    titles["feuille-de-route.docx"] = "Feuille de route (coopdocs progress --docx)"
    for item in files:
        title = titles.get(item.name) or "document supplémentaire"
        origin = click.style(item.origin, fg="green" if item.builtin else "cyan")
        click.echo(f"{title}\n    {item.path}  ({origin})")


@templates.command("export", context_settings=CONTEXT)
@click.argument("dossier", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Remplace les fichiers qui existent déjà.")
def templates_export(dossier: str, force: bool) -> None:
    """Copie les modèles intégrés dans DOSSIER pour les modifier dans Word ou LibreOffice.

    Indiquez ensuite ce dossier dans le fichier projet (modeles: DOSSIER) ou
    avec coopdocs build --templates DOSSIER. Un modèle que vous supprimez du
    dossier reprend sa version intégrée.
    """
    from coopdocs.templates import export_templates

    try:
        written = export_templates(Path(dossier), force=force)
    except CoopdocsError as error:
        _fail(error)
    for path in written:
        click.echo(f"copié : {path}")
    click.secho(f"{_plural(len(written), 'modèle')} copié{'s' if len(written) > 1 else ''} "
                f"dans {dossier}.", fg="green")
    click.echo(f"Vérifiez vos modifications avec « coopdocs templates check {dossier} ».")


@templates.command("check", context_settings=CONTEXT)
@click.argument("dossier", required=False, type=click.Path(exists=False))
@click.option("--json", "as_json", is_flag=True, help="Écrit les problèmes en JSON.")
def templates_check(dossier: str | None, as_json: bool) -> None:
    """Vérifie les modèles d'un dossier (par défaut, les modèles intégrés).

    Signale en une fois tous les problèmes de tous les modèles : balises mal
    fermées, balises coupées par Word, guillemets typographiques dans une balise,
    champs ou filtres qui n'existent pas, balises spéciales mal placées. Chaque
    problème indique le fichier, l'endroit (corps, en-tête, paragraphe, cellule),
    le texte autour et la façon de corriger. Code de sortie 1 si un problème est trouvé.
    DOSSIER peut aussi être un seul fichier .docx.
    """
    from coopdocs.lint import lint_builtin, lint_folder, lint_template

    if dossier is None:
        problems = lint_builtin()
    elif Path(dossier).is_file():
        problems = lint_template(Path(dossier))
    else:
        problems = lint_folder(Path(dossier))
    errors = [p for p in problems if p.is_error]
    if as_json:
        click.echo(json.dumps([p.to_dict() for p in problems], ensure_ascii=False, indent=2))
    else:
        _echo_problems(problems)
        where = dossier or "modèles intégrés"
        if problems:
            click.secho(f"{where} : {_plural(len(errors), 'erreur')}, "
                        f"{_plural(len(problems) - len(errors), 'avertissement')}.",
                        fg="red" if errors else "yellow", bold=True, err=True)
            click.echo("Les balises coupées ou les guillemets courbes se réparent avec "
                       "« coopdocs templates fix FICHIER ».", err=True)
        else:
            click.secho(f"{where} : aucun problème.", fg="green")
    sys.exit(1 if problems else 0)


def _echo_problems(problems: list[Problem]) -> None:
    for problem in problems:
        click.secho(problem.format(), fg="red" if problem.is_error else "yellow", err=True)


@templates.command("fix", context_settings=CONTEXT)
@click.argument("fichier", type=click.Path(exists=True, dir_okay=False))
def templates_fix(fichier: str) -> None:
    """Répare une copie d'un modèle : balises coupées par Word, marques de relecture, guillemets.

    Écrit FICHIER.corrige.docx à côté du modèle, qui n'est jamais modifié.
    Vérifiez la copie (coopdocs templates check), puis renommez-la pour
    remplacer l'original.
    """
    from coopdocs.lint import fix_template, lint_template

    try:
        path, changes = fix_template(Path(fichier))
    except CoopdocsError as error:
        _fail(error)
    for change in changes:
        click.echo(f"  {change}")
    if not changes:
        click.echo("  Aucune balise à réparer.")
    click.secho(f"écrit : {path}", fg="green")
    remaining = [p for p in lint_template(path) if p.is_error]
    if remaining:
        click.secho(f"Il reste {_plural(len(remaining), 'problème')} à corriger à la main :",
                    fg="yellow", err=True)
        _echo_problems(remaining)
        sys.exit(1)
