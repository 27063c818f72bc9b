"""`coopdocs validate`: check project files and folders, every problem at once, located."""

from __future__ import annotations

import json
import sys

import click

from coopdocs.cli.output import (
    CONTEXT,
    colour_option,
    default_files,
    echo_problems,
    echo_repeated,
)


@click.command(context_settings=CONTEXT)
@click.argument("fichiers", nargs=-1, type=click.Path(), metavar="[FICHIERS OU DOSSIERS]...")
@click.option("--strict", is_flag=True, help="Traite les avertissements comme des erreurs.")
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Écrit le compte rendu en JSON sur la sortie standard (pour d'autres outils ; forme "
    "décrite par « coopdocs aide validation », la même pour un fichier ou pour cent).",
)
@colour_option
def validate(fichiers: tuple[str, ...], strict: bool, as_json: bool) -> None:
    """Vérifie des fichiers de projet, ou les projets d'un dossier (par défaut ./projet.yaml).

    Les dossiers sont parcourus à la recherche des fichiers .yaml et .yml, comme
    pour coopdocs build. Tous les problèmes d'un fichier sont signalés en une
    fois, chacun avec le fichier, la ligne, le champ concerné et la façon de le
    corriger ; un avertissement répété dans plusieurs projets n'est écrit qu'une
    fois (« × 60 projets »). Code de sortie : 0 si tout est valide (les
    avertissements sont affichés), 1 sinon.
    """
    from coopdocs.check.project import validate_inputs
    from coopdocs.errors import group_repeated

    run = validate_inputs(default_files(fichiers, "validate"), strict=strict)
    if as_json:
        click.echo(json.dumps(run.to_dict(), ensure_ascii=False, indent=2))
        sys.exit(0 if run.valid else 1)
    kept, repeated = group_repeated(p for r in run.results for p in r.problems)
    shown = {id(p) for p in kept}
    for result in run.results:
        echo_problems(p for p in result.problems if id(p) in shown)
        if result.valid:
            click.secho(result.summary(), fg="green")
        else:
            click.secho(result.summary(), fg="red", bold=True, err=True)
    if repeated:
        click.secho("Avertissements communs à plusieurs projets :", fg="yellow", bold=True,
                    err=True)
        echo_repeated(repeated)
    if len(run.results) > 1:
        click.secho(run.summary(), fg="green" if run.valid else "red", bold=True,
                    err=not run.valid)
    sys.exit(0 if run.valid else 1)
