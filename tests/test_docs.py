"""docs/modeles.md, the guide for legal advisers who edit templates, stays true to the code.

Its generated parts (the variables table, the filter examples) must match what the code
produces; every filter, every ``coopdocs templates`` subcommand and every code that
``templates check`` can report must be documented. `gen_docs` is a script of tools/, importable
because conftest.py puts tools/ on sys.path.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import gen_docs
import pytest

from coopdocs.french.filters import FILTERS
from coopdocs.lint import checker
from coopdocs.lint.shape import variables_markdown

ROOT = Path(__file__).resolve().parents[1]

MODELES = ROOT / "docs" / "modeles.md"
REGENERATE = f"lancez `{gen_docs.COMMAND}` depuis la racine du dépôt"
# Used until `coopdocs templates` is a click group whose subcommands can be read.
KNOWN_SUBCOMMANDS = ("list", "export", "check", "fix")


@pytest.fixture(scope="module")
def text() -> str:
    return MODELES.read_text(encoding="utf-8")


def test_variables_section_is_up_to_date(text: str) -> None:
    assert gen_docs.VARIABLES_START in text and gen_docs.VARIABLES_END in text, (
        "docs/modeles.md a perdu les marqueurs de la section « Variables disponibles »")
    current = gen_docs.section(text, gen_docs.VARIABLES_START, gen_docs.VARIABLES_END)
    assert current == variables_markdown(), (
        "la section « Variables disponibles » de docs/modeles.md n'est plus à jour (un champ "
        f"du contexte a été ajouté, renommé ou retiré) : {REGENERATE}")


def test_filters_section_is_up_to_date(text: str) -> None:
    current = gen_docs.section(text, gen_docs.FILTERS_START, gen_docs.FILTERS_END)
    assert current == gen_docs.filters_markdown(), (
        f"le tableau des filtres de docs/modeles.md n'est plus à jour : {REGENERATE}")


def test_every_filter_is_documented_with_an_example(text: str) -> None:
    shown = {example.filter_name for example in gen_docs.FILTER_EXAMPLES}
    assert set(FILTERS) <= shown, (
        f"filtres sans exemple dans tools/gen_docs.py : {sorted(set(FILTERS) - shown)}")
    missing = [name for name in FILTERS if f"`{name}`" not in text]
    assert not missing, f"filtres absents de docs/modeles.md : {missing}"


def _templates_subcommands() -> list[str]:
    from coopdocs.cli.main import cli

    group = getattr(cli, "commands", {}).get("templates")
    names = set(getattr(group, "commands", {}) or ())
    return sorted(names | set(KNOWN_SUBCOMMANDS))


def test_every_templates_subcommand_is_documented(text: str) -> None:
    missing = [name for name in _templates_subcommands()
               if f"coopdocs templates {name}" not in text]
    assert not missing, f"sous-commandes de « coopdocs templates » non documentées : {missing}"


def test_every_check_code_is_documented(text: str) -> None:
    codes = set(re.findall(r"\b[a-z]+(?:-[a-z]+)+\b", checker.__doc__.split("Codes", 1)[1]))
    assert len(codes) > 20, "la liste des codes a changé de forme dans coopdocs/lint/checker.py"
    missing = sorted(code for code in codes if f"`{code}`" not in text)
    assert not missing, f"codes de « templates check » absents de docs/modeles.md : {missing}"


def test_markers_are_exactly_the_documented_ones(text: str) -> None:
    assert ("<!-- variables: début (généré par tools/gen_docs.py, ne pas modifier à la main) -->"
            in text)
    assert "<!-- variables: fin -->" in text


def test_gen_docs_check_passes_on_the_repository() -> None:
    assert gen_docs.stale() == {}, REGENERATE
    assert gen_docs.main(["--check"]) == 0


def test_gen_docs_check_finds_and_fixes_a_stale_copy(tmp_path: Path) -> None:
    for relative in (gen_docs.FORMAT_MD, gen_docs.MODELES_MD):
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / relative, tmp_path / relative)
    modeles_md = tmp_path / gen_docs.MODELES_MD
    modeles_md.write_text(modeles_md.read_text(encoding="utf-8").replace(
        "| `projet.nom` |", "| `projet.nom_ancien` |"), encoding="utf-8")
    (tmp_path / gen_docs.FORMAT_MD).write_text("ancien\n", encoding="utf-8")

    assert gen_docs.main(["--check"], root=tmp_path) == 1
    assert set(gen_docs.stale(tmp_path)) == {gen_docs.FORMAT_MD, gen_docs.MODELES_MD}
    assert gen_docs.main([], root=tmp_path) == 0
    assert gen_docs.main(["--check"], root=tmp_path) == 0
    assert modeles_md.read_text(encoding="utf-8") == MODELES.read_text(encoding="utf-8")


def test_prose_outside_the_markers_is_kept(tmp_path: Path) -> None:
    text = (f"# Titre\n\navant\n\n{gen_docs.VARIABLES_START}\n\nvieux tableau\n\n"
            f"{gen_docs.VARIABLES_END}\n\naprès\n")
    out = gen_docs.replace_between(text, gen_docs.VARIABLES_START, gen_docs.VARIABLES_END,
                                   "| neuf |\n", name="essai")
    assert out.startswith("# Titre\n\navant\n\n") and out.endswith("\n\naprès\n")
    assert "vieux tableau" not in out and "| neuf |" in out
    with pytest.raises(ValueError, match="marqueurs"):
        gen_docs.replace_between("sans marqueurs", gen_docs.VARIABLES_START,
                                 gen_docs.VARIABLES_END, "x", name="essai")
