"""`coopdocs templates …`: the commands legal advisers use on the Word templates.

Like every command, this only parses options and calls the library (`render.templates`,
`lint`, `build.export`).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from coopdocs.cli.output import CONTEXT, colour_option, echo_problems, fail
from coopdocs.cli.translation import GROUP_METAVAR
from coopdocs.errors import CoopdocsError


@click.group(context_settings=CONTEXT, subcommand_metavar=GROUP_METAVAR)
@colour_option
def templates() -> None:
    """Les modèles Word des documents : voir, copier pour les modifier, vérifier, réparer.

    Ordre de recherche, modèle par modèle : le dossier « modeles: » du fichier
    projet, puis le dossier donné avec --templates, puis les modèles intégrés.
    Le guide complet : coopdocs aide modeles.
    """


@templates.command("list", context_settings=CONTEXT)
@click.argument("fichier", required=False, metavar="[FICHIER]", type=click.Path(dir_okay=False))
@click.option("--templates", "dossier", metavar="DOSSIER", type=click.Path(file_okay=False),
              help="Dossier de modèles modifiés, comme pour coopdocs build.")
@colour_option
def templates_list(fichier: str | None, dossier: str | None) -> None:
    """Indique, pour chaque document, le modèle qui sera utilisé et d'où il vient.

    Avec FICHIER (un fichier projet), tient compte de son champ « modeles: ».
    """
    from coopdocs.context.documents import CATALOGUE, ROADMAP
    from coopdocs.render.templates import list_templates, search_path
    from coopdocs.source.reader import read_source

    data: dict[str, Any] = {}
    try:
        if fichier:
            data = read_source(fichier).data
        files = list_templates(search_path(fichier, data, dossier))
    except CoopdocsError as error:
        fail(error)
    titles = {d.template: d.title for d in CATALOGUE}
    titles[ROADMAP.template] = f"{ROADMAP.title} (coopdocs progress --docx)"
    for item in files:
        title = titles.get(item.name) or "document supplémentaire"
        origin = click.style(item.origin, fg="green" if item.builtin else "cyan")
        click.echo(f"{title}\n    {item.path}  ({origin})")


@templates.command("export", context_settings=CONTEXT)
@click.argument("dossier", metavar="DOSSIER", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Remplace les fichiers qui existent déjà.")
@colour_option
def templates_export(dossier: str, force: bool) -> None:
    """Copie les modèles intégrés dans DOSSIER pour les modifier dans Word ou LibreOffice.

    Indiquez ensuite ce dossier dans le fichier projet (modeles: DOSSIER) ou
    avec coopdocs build --templates DOSSIER. Un modèle que vous supprimez du
    dossier reprend sa version intégrée.
    """
    from coopdocs.build.export import export_templates
    from coopdocs.french.grammar import count

    try:
        written = export_templates(Path(dossier), force=force)
    except CoopdocsError as error:
        fail(error)
    for path in written:
        click.echo(f"copié : {path}")
    copied = "copiés" if len(written) > 1 else "copié"
    click.secho(f"{count(len(written), 'modèle')} {copied} dans {dossier}.", fg="green")
    click.echo(f"Vérifiez vos modifications avec « coopdocs templates check {dossier} ».")


@templates.command("check", context_settings=CONTEXT)
@click.argument("dossier", required=False, metavar="[DOSSIER]", type=click.Path(exists=False))
@click.option("--json", "as_json", is_flag=True, help="Écrit les problèmes en JSON.")
@colour_option
def templates_check(dossier: str | None, as_json: bool) -> None:
    """Vérifie les modèles d'un dossier (par défaut, les modèles intégrés).

    Signale en une fois tous les problèmes de tous les modèles : balises mal
    fermées, balises coupées par Word, guillemets typographiques dans une balise,
    champs ou filtres qui n'existent pas, balises spéciales mal placées. Chaque
    problème indique le fichier, l'endroit (corps, en-tête, paragraphe, cellule),
    le texte autour et la façon de corriger. Code de sortie 1 si un problème est trouvé.
    DOSSIER peut aussi être un seul fichier .docx.
    """
    from coopdocs.french.grammar import count
    from coopdocs.lint.checker import lint_builtin, lint_folder, lint_template

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
        echo_problems(problems)
        where = dossier or "modèles intégrés"
        if problems:
            click.secho(f"{where} : {count(len(errors), 'erreur')}, "
                        f"{count(len(problems) - len(errors), 'avertissement')}.",
                        fg="red" if errors else "yellow", bold=True, err=True)
            click.echo("Les balises coupées ou les guillemets courbes se réparent avec "
                       "« coopdocs templates fix FICHIER ».", err=True)
        else:
            click.secho(f"{where} : aucun problème.", fg="green")
    sys.exit(1 if problems else 0)


@templates.command("fix", context_settings=CONTEXT)
@click.argument("fichier", metavar="FICHIER", type=click.Path(exists=True, dir_okay=False))
@colour_option
def templates_fix(fichier: str) -> None:
    """Répare une copie d'un modèle : balises coupées par Word, marques de relecture, guillemets.

    Écrit FICHIER.corrige.docx à côté du modèle, qui n'est jamais modifié.
    Vérifiez la copie (coopdocs templates check), puis renommez-la pour
    remplacer l'original.
    """
    from coopdocs.french.grammar import count
    from coopdocs.lint.checker import lint_template
    from coopdocs.lint.fix import fix_template

    try:
        path, changes = fix_template(Path(fichier))
    except CoopdocsError as error:
        fail(error)
    for change in changes:
        click.echo(f"  {change}")
    if not changes:
        click.echo("  Aucune balise à réparer.")
    click.secho(f"écrit : {path}", fg="green")
    remaining = [p for p in lint_template(path) if p.is_error]
    if remaining:
        click.secho(f"Il reste {count(len(remaining), 'problème')} à corriger à la main :",
                    fg="yellow", err=True)
        echo_problems(remaining)
        sys.exit(1)
