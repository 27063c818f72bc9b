"""How the command line shows what the library returns: problems, failures, default files.

The only place, with the command modules, that prints, colours or exits.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NoReturn

import click

from coopdocs.errors import CoopdocsError, Problem

__all__ = ["CONTEXT", "DEFAULT_FILE", "default_files", "echo_problems", "fail"]

CONTEXT: dict[str, Any] = {"help_option_names": ["-h", "--help"], "max_content_width": 100}
DEFAULT_FILE = "projet.yaml"


def echo_problems(problems: Iterable[Problem], *, errors_only: bool = False) -> None:
    """Each problem on its own line of standard error: errors in red, warnings in yellow."""
    for problem in problems:
        if errors_only and not problem.is_error:
            continue
        click.secho(problem.format(), fg="red" if problem.is_error else "yellow", err=True)


def fail(error: CoopdocsError) -> NoReturn:
    """Show an error with all its problems and exit with code 1."""
    click.secho(f"{error.title} :", fg="red", bold=True, err=True)
    echo_problems(error.problems)
    sys.exit(1)


def default_files(files: tuple[str, ...], command: str) -> list[str]:
    """The files given, or ./projet.yaml; a missing default file gets its own advice."""
    if files:
        return list(files)
    if not Path(DEFAULT_FILE).exists():
        click.secho(f"Aucun fichier {DEFAULT_FILE} dans ce dossier ({Path.cwd()}).", fg="red",
                    err=True)
        click.echo("Créez-en un avec « coopdocs init », ou donnez le chemin du fichier de "
                   f"projet : « coopdocs {command} chemin/vers/projet.yaml ».", err=True)
        sys.exit(1)
    return [DEFAULT_FILE]
