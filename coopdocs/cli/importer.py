"""`coopdocs importer`: the partners (or stakeholders) of a project from a spreadsheet."""

from __future__ import annotations

import json
import sys

import click

from coopdocs.cli.output import CONTEXT, DEFAULT_FILE, colour_option, echo_problems

_VERBS = {"ajoute": "ajouté", "modifie": "modifié", "inchange": "inchangé"}


@click.command(context_settings=CONTEXT)
@click.argument("tableur", type=click.Path(dir_okay=False), metavar="TABLEUR")
@click.option("--vers", "target", default=DEFAULT_FILE, show_default=True, metavar="PROJET",
              type=click.Path(dir_okay=False),
              help="Fichier de projet à compléter (créé s'il n'existe pas ; ses commentaires "
              "sont gardés).")
@click.option("--feuille", metavar="NOM",
              help="Feuille du classeur à lire (par défaut : la première dont les colonnes "
              "sont reconnues).")
@click.option("--colonnes", metavar="FICHIER", type=click.Path(dir_okay=False),
              help="Fichier qui associe d'autres intitulés de colonnes aux champs, une ligne "
              'par colonne : "Nom de la structure": raison_sociale.')
@click.option("--parties-prenantes", "stakeholders", is_flag=True,
              help="Les lignes sont des parties prenantes de la cartographie (parties_prenantes), "
              "pas des partenaires.")
@click.option("--partiel", is_flag=True,
              help="Écrit les lignes sans erreur et écarte les autres (par défaut, une seule "
              "erreur et rien n'est écrit).")
@click.option("--essai", is_flag=True,
              help="Montre ce qui serait ajouté ou modifié, sans rien écrire.")
@click.option("--json", "as_json", is_flag=True,
              help="Écrit le compte rendu en JSON sur la sortie standard (forme décrite par "
              "« coopdocs aide tableurs »).")
@colour_option
def importer(tableur: str, target: str, feuille: str | None, colonnes: str | None,
             stakeholders: bool, partiel: bool, essai: bool, as_json: bool) -> None:
    """Importe les partenaires d'un tableur (.xlsx, .ods ou .csv) dans un fichier de projet.

    Les colonnes sont reconnues par leur intitulé, quels que soient la casse, les
    accents ou les espaces : « Raison sociale », « SIRET », « Forme juridique »,
    « Adresse », « CP », « Ville », « Représentant », « Qualité », « Courriel »…
    Les valeurs sont lues comme coopdocs validate les lit (SIRET avec espaces,
    dates et montants à la française, « Association loi 1901 »). Chaque problème
    est signalé avec sa feuille, sa ligne et sa colonne, tous en une fois ; rien
    n'est écrit tant qu'il en reste un (sauf --partiel). Un partenaire déjà dans
    le fichier est retrouvé par son SIRET, sinon par son nom, et mis à jour.
    Code de sortie : 0 si l'import est fait (ou possible, avec --essai), 1 sinon.
    Le détail : coopdocs aide tableurs.
    """
    from coopdocs import __version__
    from coopdocs.errors import CoopdocsError
    from coopdocs.sheets.importing import import_sheet

    try:
        result = import_sheet(tableur, target=target, sheet=feuille, columns=colonnes,
                              stakeholders=stakeholders, partial=partiel, dry_run=essai)
    except CoopdocsError as error:
        if not as_json:
            raise  # main() shows it, in French, and exits with 1
        # Tools reading --json get JSON whatever happened: the problems, and nothing written.
        click.echo(json.dumps({"coopdocs": __version__, "tableur": tableur, "projet": target,
                               "ecrit": False, "erreur": error.title,
                               "problemes": [p.to_dict() for p in error.problems]},
                              ensure_ascii=False, indent=2))
        sys.exit(1)
    ok = not result.errors or partiel
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2, default=str))
        sys.exit(0 if ok else 1)
    echo_problems(result.problems)
    if not result.errors or partiel:
        for change in result.changes:
            if change.action == "inchange":
                continue
            fields = f" : {', '.join(change.fields)}" if change.fields else ""
            verb = _VERBS[change.action] if result.written else f"serait {_VERBS[change.action]}"
            click.echo(f"  {verb} : {change.id} ({change.name}), ligne {change.row}{fields}")
    click.secho(result.summary(), fg="green" if ok else "red", bold=not ok, err=not ok)
    if result.written:
        # The partners are right; the project as a whole may now ask for more (a new partner
        # in no instance, a SIAE to place in the map…): validate says it, line by line.
        click.echo(f"Vérifiez le projet entier : coopdocs validate {target}")
    sys.exit(0 if ok else 1)
