"""`coopdocs validate`: check project files, every problem at once, located."""

from __future__ import annotations

import json
import sys

import click

from coopdocs.cli.output import CONTEXT, default_files, echo_problems


@click.command(context_settings=CONTEXT)
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
    from coopdocs.check.project import validate_file

    results = [validate_file(name, strict=strict) for name in default_files(fichiers, "validate")]
    if as_json:
        report = [r.to_dict() for r in results]
        click.echo(json.dumps(report if len(report) != 1 else report[0], ensure_ascii=False,
                              indent=2))
    else:
        for result in results:
            echo_problems(result.problems)
            if result.valid:
                click.secho(result.summary(), fg="green")
            else:
                click.secho(result.summary(), fg="red", bold=True, err=True)
    sys.exit(0 if all(r.valid for r in results) else 1)
