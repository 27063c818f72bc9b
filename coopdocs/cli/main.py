"""The `coopdocs` command group, and `main()`: never a Python traceback in front of a user."""

from __future__ import annotations

import os
import sys

import click

from coopdocs import __version__
from coopdocs.cli.aide import aide
from coopdocs.cli.build import build
from coopdocs.cli.importer import importer
from coopdocs.cli.init import init
from coopdocs.cli.output import CONTEXT, colour_option, fail
from coopdocs.cli.progress import progress
from coopdocs.cli.schema import schema
from coopdocs.cli.serve import serve
from coopdocs.cli.tableau import tableau
from coopdocs.cli.templates import templates
from coopdocs.cli.translation import GROUP_METAVAR, install_french
from coopdocs.cli.validate import validate
from coopdocs.errors import CoopdocsError

__all__ = ["cli", "main"]

install_french()


@click.group(context_settings=CONTEXT, subcommand_metavar=GROUP_METAVAR)
@colour_option
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
    le plan d'action (coopdocs build). coopdocs serve ouvre une page web qui guide
    pas à pas dans les dix étapes de la trame. coopdocs importer reprend les partenaires
    d'un tableur, coopdocs tableau réunit les projets d'un réseau dans un
    classeur. Les guides : coopdocs aide.
    """


for command in (validate, init, schema, build, progress, serve, importer, tableau, templates,
                aide):
    cli.add_command(command)


def main() -> None:
    """Entry point: never lets a Python traceback reach a user."""
    try:
        cli(standalone_mode=False, prog_name="coopdocs")
    except click.exceptions.Exit as exit_:
        sys.exit(exit_.exit_code)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        # A build says itself how far it went (`BatchResult.summary_lines`); elsewhere nothing
        # was half written, since every write is atomic.
        click.secho("Interrompu : rien n'a été laissé à moitié écrit.", fg="red", err=True)
        sys.exit(130)
    except CoopdocsError as error:
        fail(error)
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
