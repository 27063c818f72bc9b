"""The `coopdocs` command line: parses options, calls the library, prints French messages.

No logic lives here. Heavy modules (docxtpl, matplotlib, Babel) are imported inside the
commands that need them so that `coopdocs --help` and `coopdocs validate` start instantly.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, NoReturn

import click

from coopdocs import __version__
from coopdocs._click_fr import install_french
from coopdocs.cli_templates import templates
from coopdocs.errors import CoopdocsError, Problem

install_french()

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
DEFAULT_FILE = "projet.yaml"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


def _echo_problems(problems: list[Problem]) -> None:
    for problem in problems:
        color = "red" if problem.is_error else "yellow"
        click.secho(problem.format(), fg=color, err=True)


def _fail(error: CoopdocsError) -> NoReturn:
    click.secho(f"{error.title} :", fg="red", bold=True, err=True)
    _echo_problems(error.problems)
    sys.exit(1)


def _default_files(files: tuple[str, ...]) -> list[str]:
    """The files given, or ./projet.yaml; a missing default file gets its own advice."""
    if files:
        return list(files)
    if not Path(DEFAULT_FILE).exists():
        click.secho(f"Aucun fichier {DEFAULT_FILE} dans ce dossier ({Path.cwd()}).", fg="red",
                    err=True)
        click.echo("Créez-en un avec « coopdocs init », ou donnez le chemin du fichier de "
                   "projet : « coopdocs validate chemin/vers/projet.yaml ».", err=True)
        sys.exit(1)
    return [DEFAULT_FILE]


@click.group(context_settings=CONTEXT)
@click.version_option(
    __version__,
    "-V",
    "--version",
    prog_name="coopdocs",
    message="%(prog)s %(version)s",
    help="Affiche la version et quitte.",
)
def cli() -> None:
    """coopdocs : les documents d'un projet de coopération entre structures de l'insertion.

    Décrivez le projet dans un fichier YAML (coopdocs init en crée un commenté),
    vérifiez-le (coopdocs validate), puis produisez la convention de partenariat,
    la charte, la fiche de gouvernance, la cartographie des parties prenantes et
    le plan d'action (coopdocs build).
    """


@cli.command(context_settings=CONTEXT)
@click.argument("fichiers", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--strict", is_flag=True, help="Traite les avertissements comme des erreurs.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Écrit les problèmes en JSON sur la sortie standard (pour d'autres outils).",
)
def validate(fichiers: tuple[str, ...], strict: bool, as_json: bool) -> None:
    """Vérifie un ou plusieurs fichiers de projet (par défaut ./projet.yaml).

    Chaque problème est donné avec le fichier, la ligne, le champ concerné et la
    façon de le corriger. Code de sortie : 0 si tout est valide (les
    avertissements sont affichés), 1 sinon.
    """
    from coopdocs.load import check_project

    report: list[dict[str, Any]] = []
    failed = False
    for name in _default_files(fichiers):
        _, problems = check_project(name, strict=strict)
        errors = [p for p in problems if p.is_error]
        warnings = [p for p in problems if not p.is_error]
        failed = failed or bool(errors)
        if as_json:
            report.append(
                {
                    "fichier": name,
                    "valide": not errors,
                    "erreurs": len(errors),
                    "avertissements": len(warnings),
                    "problemes": [p.to_dict() for p in problems],
                }
            )
            continue
        _echo_problems(problems)
        if errors:
            summary = f"{name} : non valide, {_plural(len(errors), 'erreur')}"
            if warnings:
                summary += f", {_plural(len(warnings), 'avertissement')}"
            click.secho(summary, fg="red", bold=True, err=True)
        else:
            extra = f" ({_plural(len(warnings), 'avertissement')})" if warnings else ""
            click.secho(f"{name} : valide{extra}", fg="green")
    if as_json:
        click.echo(
            json.dumps(report if len(report) != 1 else report[0], ensure_ascii=False, indent=2)
        )
    sys.exit(1 if failed else 0)


@cli.command(context_settings=CONTEXT)
@click.argument("fichier", default=DEFAULT_FILE, type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Remplace le fichier s'il existe déjà.")
def init(fichier: str, force: bool) -> None:
    """Crée un fichier de projet de départ, commenté, qui suit les dix étapes de la trame.

    Par défaut ./projet.yaml. Le fichier est valide tel quel : remplacez les
    valeurs d'exemple par les vôtres, puis lancez coopdocs validate.
    """
    from coopdocs.starter import write_starter

    try:
        path = write_starter(Path(fichier), force=force)
    except CoopdocsError as error:
        _fail(error)
    click.secho(f"Fichier créé : {path}", fg="green")
    click.echo(f"Étape suivante : remplissez-le, puis lancez « coopdocs validate {fichier} ».")


@cli.command(context_settings=CONTEXT)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "markdown"]),
    default="json",
    show_default=True,
    help="json : JSON Schema pour les éditeurs ; markdown : la référence des champs.",
)
@click.option(
    "-o",
    "--sortie",
    type=click.Path(dir_okay=False),
    help="Écrit dans ce fichier au lieu de la sortie standard.",
)
def schema(fmt: str, sortie: str | None) -> None:
    """Exporte le format du fichier de projet (JSON Schema ou référence en markdown).

    Le JSON Schema permet aux éditeurs (VS Code avec l'extension YAML, par
    exemple) de compléter et de vérifier le fichier pendant la saisie.
    """
    from coopdocs import schema as schema_module

    if fmt == "json":
        text = json.dumps(schema_module.json_schema(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = schema_module.markdown_reference()
    if sortie:
        from coopdocs.atomic import write_atomic

        try:
            write_atomic(Path(sortie), text.encode("utf-8"))
        except CoopdocsError as error:
            _fail(error)
        click.secho(f"Écrit : {sortie}", fg="green", err=True)
    else:
        click.echo(text, nl=False)


@cli.command(context_settings=CONTEXT)
@click.argument("fichiers", nargs=-1, type=click.Path())
@click.option(
    "-o",
    "--sortie",
    default="sortie",
    show_default=True,
    type=click.Path(file_okay=False),
    help="Dossier où écrire les documents (un sous-dossier par projet).",
)
@click.option(
    "--only",
    "only",
    metavar="CODES",
    help="Ne produit que ces documents, séparés par des virgules : convention, "
    "charte, gouvernance, cartographie, plan-action.",
)
@click.option(
    "--pdf",
    is_flag=True,
    help="Produit aussi le PDF de chaque document (LibreOffice doit être installé).",
)
@click.option("--strict", is_flag=True, help="Refuse un projet qui a des avertissements.")
@click.option(
    "--templates",
    metavar="DOSSIER",
    type=click.Path(file_okay=False),
    help="Dossier de modèles Word qui remplacent les modèles intégrés.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    metavar="N",
    help="Nombre de projets produits en parallèle (par défaut : le nombre de cœurs).",
)
@click.option(
    "--force",
    is_flag=True,
    help="Remplace aussi les documents modifiés à la main depuis leur génération.",
)
@click.option(
    "--dry-run",
    is_flag=True,
    help="Montre ce qui serait écrit ou refusé, sans rien écrire.",
)
@click.option(
    "--report",
    metavar="FICHIER.json",
    type=click.Path(dir_okay=False),
    help="Écrit le compte rendu de la production en JSON (même avec --dry-run).",
)
@click.option("-q", "--quiet", is_flag=True, help="N'affiche que les erreurs.")
def build(
    fichiers: tuple[str, ...],
    sortie: str,
    only: str | None,
    pdf: bool,
    strict: bool,
    templates: str | None,
    jobs: int | None,
    force: bool,
    dry_run: bool,
    report: str | None,
    quiet: bool,
) -> None:
    """Produit les documents Word de projets : fichiers ou dossiers (par défaut ./projet.yaml).

    Les dossiers sont parcourus à la recherche des fichiers .yaml et .yml. Chaque
    projet va dans SORTIE/<nom du fichier>/. Un projet en erreur n'empêche pas les
    autres ; code de sortie 1 si l'un d'eux a échoué. Un document modifié à la main
    depuis sa génération n'est jamais écrasé sans --force.
    """
    from coopdocs.batch import parse_only
    from coopdocs.batch_console import run_build

    try:
        codes = parse_only(only)
    except CoopdocsError as error:
        _fail(error)
    sys.exit(
        run_build(
            _default_files(fichiers),
            Path(sortie),
            only=codes,
            pdf=pdf,
            strict=strict,
            templates=templates,
            force=force,
            dry_run=dry_run,
            jobs=jobs,
            report=Path(report) if report else None,
            quiet=quiet,
        )
    )


@cli.command(context_settings=CONTEXT)
@click.argument("fichier", default=DEFAULT_FILE, type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["texte", "markdown", "json"]),
              default="texte", show_default=True, help="Forme du rapport.")
@click.option("--docx", "as_docx", is_flag=True,
              help="Écrit aussi la feuille de route Word (feuille-de-route.docx).")
@click.option("-o", "--sortie", default="sortie", show_default=True,
              type=click.Path(file_okay=False),
              help="Dossier de la feuille de route (un sous-dossier par projet).")
@click.option("--force", is_flag=True,
              help="Remplace la feuille de route même si elle a été modifiée à la main.")
def progress(fichier: str, fmt: str, as_docx: bool, sortie: str, force: bool) -> None:
    """Où en est le projet ? L'état de chacune des dix étapes de la trame méthodologique.

    Pour chaque étape : fait, en cours ou à faire, ce qui manque concrètement dans
    le fichier, et les prochains moyens à mettre en œuvre. Fonctionne aussi sur un
    fichier encore incomplet ou non valide : ses problèmes sont rangés sous leur étape.
    """
    from coopdocs.method import progress as project_progress
    from coopdocs.progress_output import print_report, write_roadmap

    report = project_progress(fichier)
    print_report(report, fmt)
    if as_docx and report.lisible:
        try:
            path = write_roadmap(report, Path(sortie), force=force)
        except CoopdocsError as error:
            _fail(error)
        click.secho(f"écrit : {path}", fg="green", err=True)
    sys.exit(0 if report.lisible else 1)


cli.add_command(templates)


def main() -> None:
    """Entry point: never lets a Python traceback reach a user."""
    try:
        cli(standalone_mode=False, prog_name="coopdocs")
    except click.exceptions.Exit as exit_:
        sys.exit(exit_.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Abort:
        click.secho("Interrompu.", fg="red", err=True)
        sys.exit(130)
    except KeyboardInterrupt:
        click.secho("Interrompu.", fg="red", err=True)
        sys.exit(130)
    except CoopdocsError as error:
        _fail(error)
    except SystemExit:
        raise
    except BrokenPipeError:
        sys.exit(1)
    except Exception as error:  # the last line of defence: users never see a traceback
        if os.environ.get("COOPDOCS_DEBUG"):
            raise
        click.secho(
            "Erreur interne de coopdocs (ce n'est pas votre faute) : "
            f"{type(error).__name__}: {error}",
            fg="red",
            err=True,
        )
        click.echo(
            "Relancez avec la variable COOPDOCS_DEBUG=1 pour le détail technique, "
            "et signalez le problème aux mainteneurs.",
            err=True,
        )
        sys.exit(3)


if __name__ == "__main__":  # pragma: no cover
    main()
