"""`coopdocs init`: the commented starter project."""

from __future__ import annotations

from pathlib import Path

import click

from coopdocs.cli.output import CONTEXT, DEFAULT_FILE, fail
from coopdocs.errors import CoopdocsError


@click.command(context_settings=CONTEXT)
@click.argument("fichier", default=DEFAULT_FILE, type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="Remplace le fichier s'il existe déjà.")
def init(fichier: str, force: bool) -> None:
    """Crée un fichier de projet de départ, commenté, qui suit les dix étapes de la trame.

    Par défaut ./projet.yaml. Le fichier est valide tel quel : remplacez les
    valeurs d'exemple par les vôtres, puis lancez coopdocs validate.
    """
    from coopdocs.source.starter import write_starter

    try:
        path = write_starter(Path(fichier), force=force)
    except CoopdocsError as error:
        fail(error)
    click.secho(f"Fichier créé : {path}", fg="green")
    click.echo(f"Étape suivante : remplissez-le, puis lancez « coopdocs validate {fichier} ».")
