"""French wording for click's own messages (usage, help headings, option errors, suggestions).

click marks its strings for gettext but ships no French catalogue, and a .mo file would need a
build step. The CLI's users read French only, so we swap the `_`/`ngettext` that click's modules
imported for a small lookup table. Only click's modules are touched, and only when the CLI runs.
What click does not mark (the command metavar, ranges such as « x>=1 ») is set in French where
the commands are declared: `GROUP_METAVAR`, `IntRange`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any

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
    "No such option {name!r}.": "Option inconnue : « {name} ».",
    "No such command {name!r}.": "Commande inconnue : « {name} ».",
    "Missing argument": "Argument manquant",
    "Missing option": "Option manquante",
    "Missing parameter": "Paramètre manquant",
    "Missing command.": "Commande manquante.",
    "Missing parameter: {param_name}": "Paramètre manquant : {param_name}",
    "Missing {param_type}": "{param_type} manquant",
    "Invalid value for {param_hint}: {message}": "Valeur non valide pour {param_hint} : {message}",
    "Invalid value: {message}": "Valeur non valide : {message}",
    "Option {name!r} does not take a value.": "L'option « {name} » ne prend pas de valeur.",
    "Option {name!r} requires an argument.": "L'option « {name} » attend une valeur.",
    "Option {name!r} requires {nargs} arguments.": "L'option « {name} » attend {nargs} valeurs.",
    "Got unexpected extra argument ({args})": "Argument en trop : {args}",
    "Got unexpected extra arguments ({args})": "Arguments en trop : {args}",
    "{value!r} is not {choice}.": "« {value} » n'est pas {choice}.",
    "{value!r} is not one of {choices}.": "« {value} » n'est pas l'une des valeurs {choices}.",
    "{name} {filename!r} does not exist.": "{name} « {filename} » n'existe pas.",
    "{name} {filename!r} is a directory.": "{name} « {filename} » est un dossier.",
    "{name} {filename!r} is a file.": "{name} « {filename} » est un fichier.",
    "{name} {filename!r} is not readable.": "{name} « {filename} » n'est pas lisible.",
    "{name} {filename!r} is not writable.": "{name} « {filename} » n'est pas modifiable.",
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    "default: {default}": "par défaut : {default}",
    "Aborted!": "Interrompu.",
    "{value!r} is not a valid {number_type}.": "« {value} » n'est pas un nombre valide.",
    "{value} is not in the range {range}.": "{value} n'est pas accepté ({range}).",
    "required": "obligatoire",
    "env var: {var}": "variable d'environnement : {var}",
    "Argument {name!r} takes {nargs} values.": "L'argument « {name} » attend {nargs} valeurs.",
    "Choose from:\n\t{choices}": "Choisissez parmi :\n\t{choices}",
    "{name} {filename!r} is not executable.": "{name} « {filename} » n'est pas exécutable.",
    "Could not open file {filename!r}: {message}":
        "Impossible d'ouvrir le fichier « {filename} » : {message}",
    "Takes {nargs} values but 1 was given.": "Attend {nargs} valeurs, une seule a été donnée.",
    "Takes {nargs} values but {len} were given.": "Attend {nargs} valeurs, {len} ont été données.",
    "Error: invalid input": "Erreur : saisie non valide",
    "Do you want to continue?": "Voulez-vous continuer ?",
    "Repeat for confirmation": "Répétez pour confirmer",
    "Error: The two entered values do not match.":
        "Erreur : les deux valeurs saisies ne sont pas identiques.",
    "Confirm the action without prompting.": "Confirme l'action sans la demander.",
    "Press any key to continue...": "Appuyez sur une touche pour continuer…",
    "unknown error": "erreur inconnue",
    "deprecated": "obsolète",
}

# The usage line of a command group: « coopdocs [OPTIONS] COMMANDE [ARGUMENTS]... ».
GROUP_METAVAR = "COMMANDE [ARGUMENTS]..."


class IntRange(click.IntRange):
    """click's IntRange, whose range reads « au moins 1 » rather than « x>=1 » in the help."""

    def _describe_range(self) -> str:
        low = None if self.min is None else self.min + (1 if self.min_open else 0)
        high = None if self.max is None else self.max - (1 if self.max_open else 0)
        if high is None:
            return f"au moins {low}"
        if low is None:
            return f"au plus {high}"
        return f"de {low} à {high}"


def gettext_fr(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext_fr(singular: str, plural: str, n: int) -> str:
    return gettext_fr(singular if n == 1 else plural)


def _quoted(values: Iterable[Any], last: str = "ou") -> str:
    """« a », « b » ou « c »."""
    shown = [f"« {v} »" for v in values]
    return shown[0] if len(shown) == 1 else f"{', '.join(shown[:-1])} {last} {shown[-1]}"


def _possibilities(possibilities: list[str]) -> str:
    """click's « Did you mean … ? » after an unknown option or command, in French; the
    closest first (click sorts them alphabetically: « aide » before « validate » for
    « validte »)."""
    return f"Vouliez-vous dire {_quoted(possibilities)} ?"


def _param_hints(param_hint: Sequence[str] | str | None) -> str | None:
    """« -j » / « --jobs » rather than '-j' / '--jobs' in « Valeur non valide pour … »."""
    if param_hint is None or isinstance(param_hint, str):
        return param_hint
    return " / ".join(f"« {hint} »" for hint in param_hint)


def _error_hint(self: click.Parameter, ctx: click.Context) -> str:
    return " / ".join(f"« {name} »" for name in (self.opts or [self.human_readable_name]))


def _argument_hint(self: click.Argument, ctx: click.Context) -> str:
    return f"« {self.make_metavar(ctx).strip('[].')} »"


def _invalid_choice(self: click.Choice[Any], value: Any, ctx: click.Context | None) -> str:
    return f"« {value} » n'est pas l'une des valeurs possibles : {_quoted(self.choices)}."


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
    # Suggestions and parameter names are built by two helpers that quote with repr(): checked
    # by tests/cli (a click release that renames them shows English quotes, not an error).
    patches: tuple[tuple[Any, str, Callable[..., Any]], ...] = (
        (click.exceptions, "_format_possibilities", _possibilities),
        (click.exceptions, "_join_param_hints", _param_hints),
        (click.Parameter, "get_error_hint", _error_hint),
        (click.Argument, "get_error_hint", _argument_hint),
        (click.Choice, "get_invalid_choice_message", _invalid_choice))
    for owner, attr, patch in patches:
        if hasattr(owner, attr):
            setattr(owner, attr, patch)
