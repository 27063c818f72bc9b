"""Rewrite the generated parts of the documentation, or check that they are up to date.

* ``docs/format.md``, whole, from ``coopdocs.check.export.markdown_reference()``;
* in ``docs/modeles.md``, the « Variables disponibles » table from
  ``coopdocs.lint.shape.variables_markdown()`` and the filter table, whose « Résultat » column is
  computed by running each example through the same sandboxed Jinja environment as the
  documents. Only the text between the markers is rewritten; the rest of the file is prose.

Usage, from the repository root::

    .venv/bin/python tools/gen_docs.py           # rewrite what is stale
    .venv/bin/python tools/gen_docs.py --check   # exit 1 when something is stale, write nothing
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FORMAT_MD = Path("docs/format.md")
MODELES_MD = Path("docs/modeles.md")
COMMAND = ".venv/bin/python tools/gen_docs.py"

VARIABLES_START = ("<!-- variables: début (généré par tools/gen_docs.py, ne pas modifier à la "
                   "main) -->")
VARIABLES_END = "<!-- variables: fin -->"
FILTERS_START = ("<!-- filtres: début (généré par tools/gen_docs.py, ne pas modifier à la "
                 "main) -->")
FILTERS_END = "<!-- filtres: fin -->"


@dataclass(frozen=True)
class Example:
    """One row of the filter table: ``{{ field|call }}`` applied to `value`."""

    call: str  # the filter and its arguments, as written after « | »
    field: str  # the field the example reads, as in a real template
    shown: str  # the value as the reader sees it in the project (YAML spelling)
    value: Any  # the same value as the template receives it
    note: str = ""
    tag: str = ""  # the whole tag when it is not {{ field|call }}

    @property
    def filter_name(self) -> str:
        return self.call.split("(", 1)[0]

    @property
    def written(self) -> str:
        return self.tag or f"{{{{ {self.field}|{self.call} }}}}"


_PERSON = {"civilite": "madame", "prenom": "Nadia", "nom": "Lefèvre"}
_PERSON_SHOWN = "`civilite: madame`, `prenom: Nadia`, `nom: Lefèvre`"

# Every filter of coopdocs.french.filters.FILTERS at least once (tests/test_docs.py checks it).
FILTER_EXAMPLES: tuple[Example, ...] = (
    Example("date_longue", "projet.date_debut", "`2027-01-01`", dt.date(2027, 1, 1),
            "« 1er » pour le premier jour du mois"),
    Example("date_longue", "projet.date_fin", "`2029-12-31`", dt.date(2029, 12, 31)),
    Example("date_courte", "projet.date_fin", "`2029-12-31`", dt.date(2029, 12, 31),
            "pour les tableaux"),
    Example("mois_annee", "projet.date_debut", "`2027-01-01`", dt.date(2027, 1, 1),
            "pour un calendrier"),
    Example("montant", "budget.total", "`12500.5`", Decimal("12500.5"),
            "espaces insécables : le montant n'est jamais coupé en fin de ligne"),
    Example("montant_lettres", "budget.total", "`12500.5`", Decimal("12500.5"),
            "les centimes n'apparaissent que s'il y en a"),
    Example("montant_lettres", "budget.total", "`1000000`", Decimal("1000000")),
    Example("nombre", "p.contribution.etp", "`0.5`", Decimal("0.5"),
            "groupe les milliers : pas pour une année, un code postal ou un numéro"),
    Example("nombre", "budget.total", "`1234.5`", Decimal("1234.5")),
    Example("nombre_lettres", "nb_signataires", "`4`", 4),
    Example('nombre_lettres("f")', "i.total_voix", "`21`", 21,
            "`\"f\"` : accord au féminin (« une voix »)"),
    Example("pourcentage", "r.pourcentage", "`50`", 50, "un nombre sur 100, pas un rapport"),
    Example("pourcentage", "r.pourcentage", "`33.333`", Decimal("33.333"),
            "arrondi à deux décimales"),
    Example("proportion", "m.part", "`0.25`", Decimal("0.25"),
            "après « majorité » ou « quorum » : un rapport entre 0 et 1"),
    Example("proportion", "m.part", "`0.67`", Decimal("0.67"),
            "les tiers sont reconnus à 0,01 près"),
    Example("proportion", "m.part", "`0.6`", Decimal("0.6"),
            "sans fraction usuelle : un pourcentage"),
    Example("ordinal", "loop.index", "`1`", 1, "dans une boucle : le rang de l'élément"),
    Example("ordinal", "loop.index", "`2`", 2, "jamais « 2ème »"),
    Example('ordinal("f")', "loop.index", "`1`", 1, "`\"f\"` : « 1re »"),
    Example("siret", "p.siret_chiffres", "`41278390400003`", "41278390400003",
            "14 chiffres, espaces insécables entre les groupes"),
    Example("nom_personne", "p.personne", _PERSON_SHOWN, _PERSON,
            "prend la personne entière, pas son nom seul"),
    Example("civilite", "p.personne", _PERSON_SHOWN, _PERSON,
            "`neutre` ou absente : rien n'est écrit"),
    Example("liste", "cartographie.non_evaluees", "`[RA93, RSEF, Répar'Tout]`",
            ["RA93", "RSEF", "Répar'Tout"], "pas de virgule avant « et »"),
    Example('liste("ou")', "cartographie.non_evaluees", "`[RA93, RSEF, Répar'Tout]`",
            ["RA93", "RSEF", "Répar'Tout"], "une autre conjonction"),
    Example("liste", "cartographie.non_evaluees", "`[Répar'Ourcq, Commune de Pantin]`",
            ["Répar'Ourcq", "Commune de Pantin"],
            "un nom qui commence par un nom commun prend son article, comme ailleurs dans les "
            "documents"),
    Example("paragraphes", "projet.contexte",
            "`Premier paragraphe.` puis une ligne vide, puis `Second` et `paragraphe.` sur "
            "deux lignes",
            "Premier paragraphe.\n\nSecond\nparagraphe.",
            "à utiliser dans une boucle `{%p for %}` (voir plus haut)",
            tag="{%p for para in projet.contexte|paragraphes %}"),
    Example("majuscule_initiale", "a.periode", "`du 1er janvier 2027 au 31 mai 2027`",
            "du 1er janvier 2027 au 31 mai 2027", "le reste du texte ne change pas"),
)


def _cell(text: str) -> str:
    return " ".join(text.split("\n")).replace("|", "\\|")


def _shown_result(result: Any) -> str:
    if isinstance(result, list):
        items = " puis ".join(f"« {item} »" for item in result)
        return f"{len(result)} paragraphes : {items}"
    return str(result) if str(result) else "(rien)"


def filters_markdown(examples: Sequence[Example] = FILTER_EXAMPLES) -> str:
    """The filter table (Filtre | Dans le modèle | Valeur | Résultat | À savoir), computed."""
    from coopdocs.render.sandbox import make_environment

    env = make_environment()
    rows = ["| Filtre | Dans le modèle | Valeur dans le projet | Résultat | À savoir |",
            "|---|---|---|---|---|"]
    for example in examples:
        result = env.compile_expression(f"x|{example.call}")(x=example.value)
        rows.append("| " + " | ".join(_cell(c) for c in (
            f"`{example.filter_name}`", f"`{example.written}`", example.shown,
            _shown_result(result), example.note)) + " |")
    return "\n".join(rows) + "\n"


def variables_markdown() -> str:
    from coopdocs.lint.shape import variables_markdown as table

    return table()


def format_markdown() -> str:
    from coopdocs.check.export import markdown_reference

    return markdown_reference()


def replace_between(text: str, start: str, end: str, content: str, *, name: str) -> str:
    """`text` with what lies between the lines `start` and `end` replaced by `content`."""
    begin = text.find(start)
    finish = text.find(end, begin + len(start)) if begin >= 0 else -1
    if begin < 0 or finish < 0:
        raise ValueError(f"{name} : marqueurs « {start} » et « {end} » introuvables")
    head = text[: begin + len(start)]
    return f"{head}\n\n{content.strip(chr(10))}\n\n{text[finish:]}"


def section(text: str, start: str, end: str) -> str:
    """What lies between the markers, stripped of the blank lines around it ("" if absent)."""
    begin = text.find(start)
    finish = text.find(end, begin + len(start)) if begin >= 0 else -1
    if begin < 0 or finish < 0:
        return ""
    return text[begin + len(start):finish].strip("\n") + "\n"


def _modeles(text: str) -> str:
    text = replace_between(text, VARIABLES_START, VARIABLES_END, variables_markdown(),
                           name=str(MODELES_MD))
    return replace_between(text, FILTERS_START, FILTERS_END, filters_markdown(),
                           name=str(MODELES_MD))


GENERATORS: dict[Path, Callable[[str], str]] = {
    FORMAT_MD: lambda _current: format_markdown(),
    MODELES_MD: _modeles,
}


def stale(root: Path = ROOT) -> dict[Path, str]:
    """The generated files that are not up to date, with what they should contain."""
    out = {}
    for relative, generate in GENERATORS.items():
        path = root / relative
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        expected = generate(current)
        if current != expected:
            out[relative] = expected
    return out


def main(argv: Sequence[str] | None = None, root: Path = ROOT) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="n'écrit rien ; code de sortie 1 si un fichier n'est plus à jour")
    args = parser.parse_args(argv)
    try:
        todo = stale(root)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 1
    for relative, text in todo.items():
        if args.check:
            print(f"{relative} n'est plus à jour : lancez « {COMMAND} »", file=sys.stderr)
        else:
            (root / relative).write_text(text, encoding="utf-8")
            print(f"écrit : {relative}")
    if not todo:
        print("documentation générée à jour")
    return 1 if args.check and todo else 0


if __name__ == "__main__":
    sys.exit(main())
