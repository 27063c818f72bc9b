"""`coopdocs schema`: the project format as a JSON Schema or a markdown reference."""

from __future__ import annotations

import json
from pathlib import Path

import click

from coopdocs.cli.output import CONTEXT, colour_option, fail
from coopdocs.errors import CoopdocsError


@click.command(context_settings=CONTEXT)
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
    metavar="FICHIER",
    type=click.Path(dir_okay=False),
    help="Écrit dans ce fichier au lieu de la sortie standard.",
)
@colour_option
def schema(fmt: str, sortie: str | None) -> None:
    """Exporte le format du fichier de projet (JSON Schema ou référence en markdown).

    Le JSON Schema permet aux éditeurs (VS Code avec l'extension YAML, par
    exemple) de compléter et de vérifier le fichier pendant la saisie.
    """
    from coopdocs.atomic import write_atomic
    from coopdocs.check.export import json_schema, markdown_reference

    if fmt == "json":
        text = json.dumps(json_schema(), ensure_ascii=False, indent=2) + "\n"
    else:
        text = markdown_reference()
    if sortie:
        try:
            write_atomic(Path(sortie), text.encode("utf-8"))
        except CoopdocsError as error:
            fail(error)
        click.secho(f"Écrit : {sortie}", fg="green", err=True)
    else:
        click.echo(text, nl=False)
