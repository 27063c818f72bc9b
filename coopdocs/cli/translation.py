"""French wording for click's own messages (usage, help headings, option errors).

click marks its strings for gettext but ships no French catalogue, and a .mo file would need a
build step. The CLI's users read French only, so we swap the `_`/`ngettext` that click's modules
imported for a small lookup table. Only click's modules are touched, and only when the CLI runs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

MESSAGES: dict[str, str] = {
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Positional arguments": "Arguments",
    "Show this message and exit.": "Affiche cette aide et quitte.",
    "Show the version and exit.": "Affiche la version et quitte.",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Essayez « {command} {option} » pour l'aide.",
    "No such option {name!r}.": "Option inconnue : {name!r}.",
    "No such command {name!r}.": "Commande inconnue : {name!r}.",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing command.": "Commande manquante.",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "Missing {param_type}": "{param_type} manquant",
    "Invalid value for {param_hint}: {message}": "Valeur non valide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur non valide : {message}",
    "Option {name!r} does not take a value.": "L'option {name!r} ne prend pas de valeur.",
    "Option {name!r} requires an argument.": "L'option {name!r} attend une valeur.",
    "Option {name!r} requires {nargs} arguments.": "L'option {name!r} attend {nargs} valeurs.",
    "Got unexpected extra argument ({args})": "Argument en trop : {args}",
    "Got unexpected extra arguments ({args})": "Arguments en trop : {args}",
    "{value!r} is not {choice}.": "{value!r} n'est pas {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} n'est pas l'une des valeurs {choices}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} n'existe pas.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} est un dossier.",
    "{name} {filename!r} is a file.": "{name} {filename!r} est un fichier.",
    "{name} {filename!r} is not readable.": "{name} {filename!r} n'est pas lisible.",
    "{name} {filename!r} is not writable.": "{name} {filename!r} n'est pas modifiable.",
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    "default: {default}": "par défaut : {default}",
    "Aborted!": "Interrompu.",
    "{value!r} is not a valid {number_type}.": "{value!r} n'est pas un nombre valide.",
    "{value} is not in the range {range}.": "{value} n'est pas dans l'intervalle {range}.",
}


def gettext_fr(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext_fr(singular: str, plural: str, n: int) -> str:
    return gettext_fr(singular if n == 1 else plural)


def install_french() -> None:
    """Point click's modules at the French table (idempotent)."""
    class FrenchHelpFormatter(click.HelpFormatter):
        def write_heading(self, heading: str) -> None:
            # French typography puts a space before the colon.
            self.write(f"{'':>{self.current_indent}}{heading} :\n")

    click.Context.formatter_class = FrenchHelpFormatter
    for name, module in list(sys.modules.items()):
        if not (name == "click" or name.startswith("click.")):
            continue
        replacements: dict[str, Callable[..., str]] = {"_": gettext_fr, "ngettext": ngettext_fr}
        for attr, func in replacements.items():
            if hasattr(module, attr):
                setattr(module, attr, func)
