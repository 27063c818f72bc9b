"""How the command line shows what the library returns: problems, failures, default files,
colours.

The only place, with the command modules, that prints, colours or exits.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, NoReturn, TypeVar

import click

from coopdocs.cli.translation import install_french
from coopdocs.errors import CoopdocsError, Problem, Repeated
from coopdocs.french.grammar import count

# Before any command module declares its options: click words some of them (« fichier »,
# « dossier » in path errors) when they are created.
install_french()

__all__ = ["CONTEXT", "DEFAULT_FILE", "colour_option", "default_files", "echo_problems",
           "echo_repeated", "fail", "usage_error"]

CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
DEFAULT_FILE = "projet.yaml"
_SHOWN_PLACES = 3  # files named for a warning repeated across a batch
F = TypeVar("F", bound=Callable[..., Any])


def echo_problems(problems: Iterable[Problem], *, errors_only: bool = False) -> None:
    """Each problem on its own line of standard error: errors in red, warnings in yellow."""
    for problem in problems:
        if errors_only and not problem.is_error:
            continue
        click.secho(problem.format(), fg="red" if problem.is_error else "yellow", err=True)


def echo_repeated(groups: Iterable[Repeated]) -> None:
    """A warning shared by several projects, once: « × 60 projets  chemin  avertissement : … »,
    then where (the first files, and how many others)."""
    for group in groups:
        first = group.problem
        text = "  ".join(x for x in (f"× {group.files} projets", first.dotted_path,
                                     f"avertissement : {first.message}") if x)
        if first.hint:
            text += f"  ({first.hint})"
        click.secho(text, fg="yellow", err=True)
        shown = ", ".join(p.where() for p in group.places[:_SHOWN_PLACES])
        rest = group.files - _SHOWN_PLACES
        others = f" et {count(rest, 'autre')}" if rest > 0 else ""
        click.echo(f"    dans {shown}{others}", err=True)


def fail(error: CoopdocsError) -> NoReturn:
    """Show an error with all its problems and exit with code 1."""
    click.secho(f"{error.title} :", fg="red", bold=True, err=True)
    echo_problems(error.problems)
    sys.exit(1)


def usage_error(error: CoopdocsError, option: str) -> NoReturn:
    """A command written wrongly (an unknown --only code…): click's usage message, exit code 2."""
    text = " ".join(p.message + (f" ({p.hint})" if p.hint else "") for p in error.problems)
    raise click.BadParameter(text, param_hint=f"« {option} »")


def default_files(files: tuple[str, ...], command: str) -> list[str]:
    """The files and folders given, or ./projet.yaml; a missing default file gets its own
    advice."""
    if files:
        return list(files)
    if not Path(DEFAULT_FILE).exists():
        click.secho(f"Aucun fichier {DEFAULT_FILE} dans ce dossier ({Path.cwd()}).", fg="red",
                    err=True)
        click.echo("Créez-en un avec « coopdocs init », ou donnez le chemin du fichier de "
                   f"projet : « coopdocs {command} chemin/vers/projet.yaml ».", err=True)
        sys.exit(1)
    return [DEFAULT_FILE]


def _colour(ctx: click.Context, param: click.Parameter, value: bool | None) -> None:
    # An explicit --couleur/--sans-couleur wins, on this command or an enclosing one; else
    # NO_COLOR (https://no-color.org), whatever its value, turns colours off; else colours
    # go to a terminal only.
    if value is not None:
        ctx.color = value
    elif ctx.color is None and os.environ.get("NO_COLOR"):
        ctx.color = False


def colour_option(command: F) -> F:
    """`--couleur/--sans-couleur` on a command (NO_COLOR is honoured without it)."""
    return click.option("--couleur/--sans-couleur", default=None, expose_value=False,
                        is_eager=True, callback=_colour,
                        help="Force ou retire les couleurs (par défaut : dans un terminal "
                        "seulement, jamais si la variable NO_COLOR est définie).")(command)
