"""coopdocs.source.reader: reading a project file into data, a line map and French problems."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

import pytest
import yaml

from coopdocs.check.project import check_project
from coopdocs.errors import Problem, SourceError
from coopdocs.source import reader as source_module
from coopdocs.source.reader import MAX_BYTES, Source, read_source, read_source_text

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "corpus"

# Words that would mean a Python/PyYAML message leaked to the user.
LEAKS = (
    "Traceback",
    "yaml.",
    "Error",
    "Exception",
    "mapping values",
    "could not find",
    "expected",
    "found",
    "while scanning",
    "while parsing",
    "<unicode string>",
)


def fails(text: str | bytes, name: str = "projet.yaml") -> SourceError:
    with pytest.raises(SourceError) as info:
        read_source_text(text, name)
    return info.value


def assert_french(problem: Problem) -> None:
    assert problem.message and problem.hint, problem
    for leak in LEAKS:
        assert leak not in problem.message, problem.message
        assert leak not in (problem.hint or ""), problem.hint


@pytest.fixture(params=["C", "python"])
def loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml's parser and with PyYAML's pure-Python fallback."""
    if request.param == "python":
        monkeypatch.setattr(source_module, "_Loader", yaml.SafeLoader)
    elif not yaml.__with_libyaml__:
        pytest.skip("PyYAML sans libyaml")
    return str(request.param)


# --- the real examples ---------------------------------------------------------------------


@pytest.mark.parametrize("name", ["exemple-complet", "exemple-minimal"])
def test_examples_read_like_safe_load(name: str, loader: str, example_path) -> None:
    path = example_path(name)
    src = read_source(path)
    assert src.data == yaml.safe_load(path.read_text(encoding="utf-8"))
    assert src.warnings == []
    assert src.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    assert src.path == str(path)
    assert src.lines == path.read_text(encoding="utf-8").splitlines()


def test_example_dates_are_dates(example_path) -> None:
    data = read_source(example_path("exemple-complet")).data
    assert data["projet"]["date_debut"] == date(2027, 1, 1)
    assert isinstance(data["partenaires"][1]["siret"], str)


def line_of(src: Source, needle: str) -> int:
    return next(i for i, line in enumerate(src.lines, 1) if needle in line)


def test_locate_prefers_the_key(loader: str, example_path) -> None:
    src = read_source(example_path("exemple-complet"))
    line = line_of(src, 'siret: "82314567700014"')
    assert src.locate(("partenaires", 1, "siret")) == (line, 5)
    assert src.lines[line - 1].strip() == 'siret: "82314567700014"'
    assert src.locate(("projet",)) == (line_of(src, "projet:"), 1)
    assert src.locate(("projet", "nom")) == (line_of(src, '  nom: "Ressourcerie'), 3)


def test_locate_list_item_points_at_dash(example_path) -> None:
    src = read_source(example_path("exemple-complet"))
    line = line_of(src, "- id: repar")
    assert src.locate(("partenaires", 1)) == (line, 3)
    assert src.lines[line - 1][2:4] == "- "
    # Flow list items point at the item itself.
    types = line_of(src, "types_cooperation:")
    assert src.locate(("projet", "types_cooperation", 1)) == (
        types,
        src.lines[types - 1].index("faire_avec") + 1,
    )


def test_locate_missing_path_resolves_to_nearest_ancestor(example_path) -> None:
    src = read_source(example_path("exemple-complet"))
    item = src.locate(("partenaires", 1))
    assert src.locate(("partenaires", 1, "champ_absent")) == item
    assert src.locate(("partenaires", 1, "adresse", "pays", 0)) == src.locate(
        ("partenaires", 1, "adresse")
    )
    assert src.locate(("inconnu", "x")) == src.locate(())
    assert src.locate(()) == (line_of(src, "version: 1"), 1)


def test_positions_in_flow_mappings(example_path) -> None:
    src = read_source(example_path("exemple-minimal"))
    line = line_of(src, 'adresse: {ligne1: "2 chemin')
    assert src.locate(("partenaires", 0, "adresse", "code_postal")) == (
        line,
        src.lines[line - 1].index("code_postal") + 1,
    )


def test_import_stays_light(example_path) -> None:
    # What reading loads, not how long it takes: timings are measured by
    # benchmarks/bench_startup.py, never asserted by a test (a loaded runner made them fail).
    code = (
        "import sys; "
        "from coopdocs.source.reader import read_source; "
        f"read_source({str(example_path('exemple-complet'))!r}); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'jinja2', 'docx', 'docxtpl', 'cerberus', 'matplotlib', 'babel', 'lxml', 'click'}))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.split("\n")
    assert out[0] == "[]"


# --- errors in the text ----------------------------------------------------------------------

# (id, text, words expected in the message, line, column or None)
ERRORS = [
    # A tab that no tab width can line up: the file cannot be read at all.
    ("tabulation-apres-espaces", "projet:\n  nom: x\n  \tlieu: y\n", "tabulation", 3, 3),
    ("deux-points-dans-valeur", "projet:\n  nom: Réunion: bilan\n", "« : »", 2, 15),
    (
        "deux-points-manquants",
        "projet:\n  nom: x\n  territoire\n  lieu: y\n",
        "Il manque « : »",
        3,
        3,
    ),
    ("guillemet-non-ferme", 'projet:\n  nom: "abc\n', "jamais refermé", 2, 8),
    (
        "guillemet-non-ferme-suivi",
        'projet:\n  nom: "abc\n  lieu: "Bondy"\n',
        "jamais refermé",
        2,
        8,
    ),
    ("apostrophe", "projet:\n  nom: 'L'atelier'\n", "s'arrête trop tôt", 2, 11),
    ("indentation", "projet:\n  nom: x\n     lieu: y\n", "indentation", 3, None),
    ("tiret-et-cles", "partenaires:\n  id: a\n  - id: b\n", "indentation", 3, 3),
    ("crochet", "projet:\n  types: [a, b\n  lieu: y\n", "crochets", 2, 10),
    ("accolade", "adresse: {ligne1: a, commune: b\nx: 1\n", "accolades", 1, 10),
    ("arobase", "email: @exemple.fr\n", "caractère réservé", 1, 8),
    ("antislash", 'modeles: "C:\\Users\\moi"\n', "barre oblique inverse", 1, 10),
    ("bloc-texte", "contexte: |texte\n  suite\n", "bloc de texte", 1, None),
    ("alias-inconnu", "projet:\n  nom: *inconnu\n", "*inconnu", 2, 8),
    ("alias-recursif", "a: &x\n  b: *x\n", "se contient elle-même", 2, 6),
    ("cle-dupliquee", "projet:\n  nom: a\n  lieu: b\n  nom: c\n", "lignes 2 et 4", 4, 3),
    ("cle-dupliquee-liste", "p:\n  - id: a\n    id: b\n", "deux fois", 3, 5),
    ("cle-entier", "projet:\n  1: x\n", "« 1 » n'est pas un mot", 2, 3),
    ("cle-null", "null: x\n", "« null » n'est pas un mot", 1, 1),
    ("cle-vide", ": x\n", "Il manque le nom du champ", 1, 1),
    ("cle-booleen", "true: x\n", "« true »", 1, 1),
    ("cle-liste", "? [a, b]\n: x\n", "liste ou un bloc", 1, 3),
    ("python", "a: !!python/object/apply:os.system ['ls']\n", "Python", 1, 4),
    ("python-nom", "a: !!python/name:os.system ''\n", "Python", 1, 4),
    ("balise-inconnue", "a: !secret x\n", "« !secret »", 1, 4),
    ("balise-set", "a: !!set {x}\n", "« !!set »", 1, 4),
    ("balise-binaire", "a: !!binary aGVsbG8=\n", "« !!binary »", 1, 4),
    ("entier-force", "a: !!int douze\n", "« douze »", 1, 4),
    ("plusieurs-documents", "a: 1\n---\nb: 2\n", "plusieurs documents", 2, 1),
    ("fusion", "b: &b {x: 1}\nc:\n  <<: *b\n", "fusion", 3, 3),
    ("fusion-guillemets", 'b: &b {x: 1}\nc:\n  "<<": *b\n', "fusion", 3, 3),
    ("espace-insecable", "projet:\n  nom:\u00a0x\n", "insécable", 2, 7),
    ("indentation-insecable", "projet:\n\u00a0 nom: x\n", "insécable", 2, 1),
    ("caractere-controle", "a: b\x1bc\n", "U+001B", 1, 5),
    ("nul-isole", "a: b\x00c\n", "U+0000", 1, 5),
    ("liste", "- a\n- b\n", "une liste", 1, 1),
    ("valeur", "bonjour\n", "une seule valeur", 1, 1),
    ("vide", "", "vide", None, None),
    ("espaces", "  \n\n\t\n", "vide", None, None),
    ("commentaires", "# a\n   # b\n", "vide", None, None),
    ("null", "~\n", "vide", None, None),
    (
        "imbrication-blocs",
        "".join(" " * i + f"n{i}:\n" for i in range(150)),
        "trop profondément",
        101,
        101,
    ),
]


@pytest.mark.parametrize(
    ("text", "words", "line", "column"), [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS]
)
def test_error_cases(
    text: str, words: str, line: int | None, column: int | None, loader: str
) -> None:
    error = fails(text)
    first = error.problems[0]
    assert words in first.message, first.format()
    assert first.line == line, first.format()
    if column is not None:
        assert first.column == column, first.format()
    assert first.file == "projet.yaml"
    for problem in error.problems:
        assert problem.is_error
        assert_french(problem)


def test_syntax_error_hint_shows_line_and_causes() -> None:
    problem = fails("projet:\n  nom: Réunion: bilan\n").problems[0]
    assert "Ligne 2, colonne 15 : « nom: Réunion: bilan »" in problem.hint
    assert "guillemets" in problem.hint
    assert "Causes fréquentes" in problem.hint


def test_tab_indented_lines_are_errors_but_the_file_is_still_read() -> None:
    """A tab breaks the YAML, but it is read as the author's editor showed it, so that every
    other problem of the file is reported in the same run: the tabs stay errors."""
    src = read_source_text("projet:\n\tnom: x\n\tlieu: y\n\tterritoire: z\n", "projet.yaml")
    assert src.data == {"projet": {"nom": "x", "lieu": "y", "territoire": "z"}}
    assert [p.line for p in src.errors] == [2, 3, 4]
    assert all(p.is_error and p.code == "source.tabulation" for p in src.errors)
    assert all("espaces" in (p.hint or "") for p in src.errors)


def test_tab_width_is_the_one_that_lines_up_with_the_neighbours() -> None:
    text = "projet:\n  nom: x\n  adresse:\n\tligne1: a\n    commune: b\n"
    src = read_source_text(text, "projet.yaml")
    assert src.data == {"projet": {"nom": "x", "adresse": {"ligne1": "a", "commune": "b"}}}
    assert [(p.line, p.column) for p in src.errors] == [(4, 1)]


def test_tabs_inside_block_text_are_kept() -> None:
    src = read_source_text("contexte: |\n  Liste :\n  \t- point\n", "p.yaml")
    assert src.data == {"contexte": "Liste :\n\t- point\n"}


def test_several_problems_reported_together() -> None:
    error = fails("b: 1\nb: 2\n1: x\n")
    assert [p.line for p in error.problems] == [2, 3]
    assert error.problems[0].path == ("b",)


def test_scalar_types_are_pyyaml_types() -> None:
    src = read_source_text(
        "a: 1\nb: 1.5\nc: oui\nd: true\ne: ~\nf: 2027-01-01\n"
        "g: 2027-01-01 10:30:00\nh: '2027-02-30'\ni: !!str 12\n",
        "p.yaml",
    )
    data = src.data
    assert data["a"] == 1 and data["b"] == 1.5 and data["c"] == "oui" and data["d"] is True
    assert data["e"] is None and data["f"] == date(2027, 1, 1)
    assert data["g"].hour == 10 and data["h"] == "2027-02-30" and data["i"] == "12"


def test_small_anchors_are_copied_not_shared() -> None:
    src = read_source_text("a: &adr {commune: Bondy}\nb: *adr\n", "p.yaml")
    assert src.data["a"] == src.data["b"] == {"commune": "Bondy"}
    assert src.data["a"] is not src.data["b"]
    assert src.locate(("b", "commune")) == (2, 1)


BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{c}: &{c} [" + ",".join([f"*{p}"] * 9) + "]\n"
    for p, c in zip("abcdefgh", "bcdefghi", strict=True)
)


def test_billion_laughs_fails_fast_in_bounded_memory(loader: str) -> None:
    tracemalloc.start()
    start = time.perf_counter()
    try:
        error = fails(BOMB)
    finally:
        elapsed = time.perf_counter() - start
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    assert elapsed < 0.5
    assert peak < 50 * 1024 * 1024
    assert "renvois « * »" in error.problems[0].message
    assert error.problems[0].line is not None


def test_many_aliases_refused() -> None:
    text = "a: &a x\nb: [" + ", ".join(["*a"] * 150) + "]\n"
    assert "trop de renvois" in fails(text).problems[0].message


@pytest.mark.parametrize("opening", ["[", "{a: "])
def test_very_deep_flow_nesting(opening: str, loader: str) -> None:
    error = fails("a: " + opening * 10_000)
    assert "trop profondément" in error.problems[0].message
    assert error.problems[0].line == 1


def test_too_many_nodes() -> None:
    error = fails("a: [" + ",".join(["1"] * 100_001) + "]\n")
    assert "trop d'éléments" in error.problems[0].message


# --- bytes, encodings and files ----------------------------------------------------------------


def test_windows_1252_is_decoded_with_one_warning(tmp_path: Path) -> None:
    path = tmp_path / "projet.yaml"
    path.write_bytes('projet:\n  nom: "Société « Répar » – été"\n'.encode("cp1252"))
    src = read_source(path)
    assert src.data == {"projet": {"nom": "Société « Répar » – été"}}
    assert len(src.warnings) == 1
    warning = src.warnings[0]
    assert warning.severity == "avertissement" and warning.line == 2
    assert "UTF-8" in warning.message and "Windows-1252" in warning.message
    assert "Bloc-notes" in warning.hint and "LibreOffice" in warning.hint
    assert "VS Code" in warning.hint
    assert src.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_mixed_utf8_and_windows_lines_keep_their_accents() -> None:
    raw = 'a: "été"\n'.encode() + 'b: "côté"\n'.encode("cp1252")
    src = read_source_text(raw, "p.yaml")
    assert src.data == {"a": "été", "b": "côté"}
    assert src.warnings[0].line == 2


def test_utf8_bom_is_silent() -> None:
    src = read_source_text(b'\xef\xbb\xbfa: "\xc3\xa9t\xc3\xa9"\n', "p.yaml")
    assert src.data == {"a": "été"} and src.warnings == []
    assert src.locate(("a",)) == (1, 1)
    assert read_source_text("\ufeffa: 1\n", "p.yaml").data == {"a": 1}


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_are_decoded_with_a_warning(encoding: str) -> None:
    src = read_source_text('projet:\n  nom: "été"\n'.encode(encoding), "p.yaml")
    assert src.data == {"projet": {"nom": "été"}}
    assert src.locate(("projet", "nom")) == (2, 3)
    assert [w.severity for w in src.warnings] == ["avertissement"]


@pytest.mark.parametrize(
    ("raw", "words"),
    [
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 20, "document Word"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20, "ancien document Word"),
        (bytes(range(256)) * 8, "binaire"),
        (bytes(range(1, 32)) * 40, "binaire"),
        (b"a: 1\n\x00\x00\x00\x01\x02\x03\xff\xfe\x00", "binaire"),
    ],
)
def test_binary_files(raw: bytes, words: str) -> None:
    problem = fails(raw).problems[0]
    assert "n'est pas un texte" in problem.message and words in problem.message
    assert_french(problem)


def test_broken_utf16() -> None:
    problem = fails(b"\xff\xfe" + "a: 1\n".encode("utf-16-le") + b"\x00").problems[0]
    assert "abîmé" in problem.message


def test_crlf_and_old_mac_line_endings() -> None:
    src = read_source_text(b"a: 1\r\nb:\r\n  c: 2\r\n", "p.yaml")
    assert src.data == {"a": 1, "b": {"c": 2}} and src.lines == ["a: 1", "b:", "  c: 2"]
    assert src.locate(("b", "c")) == (3, 3)
    assert read_source_text(b"a: 1\rb: 2\r", "p.yaml").locate(("b",)) == (2, 1)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        read_source(tmp_path / "absent.yaml")
    problem = info.value.problems[0]
    assert "introuvable" in problem.message and problem.file == str(tmp_path / "absent.yaml")
    assert_french(problem)
    with pytest.raises(SourceError, match="introuvable"):
        read_source(tmp_path / "absent.yaml" / "sous.yaml")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(SourceError) as info:
        read_source(tmp_path)
    assert "est un dossier" in info.value.problems[0].message


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "projet.yaml"
    path.write_text("a: 1\n", encoding="utf-8")

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # Tests may run as root, for whom chmod 000 changes nothing: simulate the refusal.
    monkeypatch.setattr(source_module, "open", denied, raising=False)
    with pytest.raises(SourceError) as info:
        read_source(path)
    problem = info.value.problems[0]
    assert "accès est refusé" in problem.message
    assert "Permission" not in problem.message + (problem.hint or "")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="pas de tubes nommés")
def test_special_file_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "tube.yaml"
    os.mkfifo(fifo)
    with pytest.raises(SourceError, match="pas un fichier ordinaire"):
        read_source(fifo)


def test_six_megabyte_file_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "gros.yaml"
    with path.open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)  # sparse: no need to write 6 MB

    def must_not_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("le fichier n'aurait pas dû être ouvert")

    monkeypatch.setattr(source_module, "open", must_not_open, raising=False)
    with pytest.raises(SourceError) as info:
        read_source(path)
    problem = info.value.problems[0]
    assert "6,0 Mo" in problem.message and "5 Mo" in problem.message
    assert MAX_BYTES == 5 * 1024 * 1024


def test_path_as_given_is_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "projet.yaml").write_text("a: 1\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert read_source("projet.yaml").path == "projet.yaml"
    with pytest.raises(SourceError) as info:
        read_source_text("a: 1\na: 2\n", "projet.yaml")
    assert info.value.problems[0].format().startswith("projet.yaml:2:1")


# --- the hostile corpus ------------------------------------------------------------------------

READ_FINE = {
    "bom-utf8.yaml": 0,
    "fins-de-ligne-windows.yaml": 0,
    "tabulation-dans-bloc-texte.yaml": 0,
    "ancre-simple.yaml": 0,
    "utf16.yaml": 1,
    "windows-1252.yaml": 1,
    "utf8-et-windows-melanges.yaml": 1,
    # Impossible dates are kept as written: the schema explains them (see the test below).
    "29-fevrier-2027.yaml": 0,
    "annee-zero.yaml": 0,
    "date-30-fevrier.yaml": 0,
    "jour-zero.yaml": 0,
    "mois-13.yaml": 0,
}
# Errors that concern the whole file rather than a place in it.
NOT_POSITIONAL = {
    "vide.yaml",
    "commentaires-seuls.yaml",
    "binaire.yaml",
    "docx-renomme.yaml",
    "pdf-renomme.yaml",
    "utf16-abime.yaml",
    "bom-utf8-puis-utf16.yaml",
    "elf-renomme.yaml",
    "gzip-renomme.yaml",
    "nul-au-milieu.yaml",
    "png-renomme.yaml",
    "separateur-seul.yaml",
}
CORPUS_FILES = sorted(p.name for p in CORPUS.glob("*.yaml"))


@pytest.fixture
def deep_file(tmp_path: Path) -> Path:
    # Generated rather than committed: 100 000 brackets would only bloat the repository.
    path = tmp_path / "imbrication-profonde.yaml"
    path.write_text("projet: " + "[" * 100_000 + "\n", encoding="utf-8")
    return path


def test_corpus_is_big_enough_and_documented() -> None:
    assert len(CORPUS_FILES) >= 25
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for name in [*CORPUS_FILES, "imbrication-profonde.yaml"]:
        assert f"`{name}`" in readme, name


# Read despite an error that is reported with the others (see the test above).
RECOVERED = {"tabulations.yaml": [2, 3]}


@pytest.mark.parametrize("name", [n for n in CORPUS_FILES if n not in READ_FINE | RECOVERED.keys()])
def test_corpus_files_fail_cleanly(name: str) -> None:
    path = CORPUS / name
    with pytest.raises(SourceError) as info:
        read_source(path)
    assert info.value.problems
    for problem in info.value.problems:
        assert problem.file == str(path)
        assert_french(problem)
        assert "ScannerError" not in problem.format()
        if name not in NOT_POSITIONAL:
            assert problem.line is not None, problem.format()


def test_corpus_deep_nesting(deep_file: Path) -> None:
    start = time.perf_counter()
    with pytest.raises(SourceError) as info:
        read_source(deep_file)
    assert time.perf_counter() - start < 1
    assert "trop profondément" in info.value.problems[0].message


@pytest.mark.parametrize(("name", "warnings"), sorted(READ_FINE.items()))
def test_corpus_files_read_fine(name: str, warnings: int) -> None:
    src = read_source(CORPUS / name)
    assert isinstance(src.data, dict) and src.data
    assert len(src.warnings) == warnings
    assert all(w.severity == "avertissement" for w in src.warnings)


@pytest.mark.parametrize(("name", "lines"), sorted(RECOVERED.items()))
def test_corpus_files_read_with_their_errors(name: str, lines: list[int]) -> None:
    src = read_source(CORPUS / name)
    assert src.data and [p.line for p in src.errors] == lines


def test_leading_zero_numbers_stay_text() -> None:
    """YAML 1.1 would read 01000 as octal 512: a postal code or SIRET must keep its digits."""
    source = read_source_text("code_postal: 01000\nsiret: 01234567000012\nn: 0\n", "t.yaml")
    assert source.data == {"code_postal": "01000", "siret": "01234567000012", "n": 0}


# --- regressions found by the generated projects (tests/test_generated.py) --------------------


def test_nbsp_starting_a_folded_line_of_text_is_text_not_layout() -> None:
    """yaml.dump folds a long value at a space: the next line may start with a NBSP that
    belongs to the text. Reported as a layout error before; the layout check still holds."""
    text = yaml.safe_dump({"a": "x" * 95 + " \u00a0y" * 3, "b": ["mot " * 30 + "\u00a0z"]},
                          allow_unicode=True, width=100)
    assert any(source_module._NBSP_LAYOUT.match(line) for line in text.splitlines())
    source = read_source_text(text, "t.yaml")
    assert source.data["a"].endswith(" \u00a0y")
    error = fails("projet:\n  nom:\u00a0x\n")
    assert "insécable" in error.problems[0].message and error.problems[0].line == 2


def test_text_with_a_colon_and_a_narrow_space_is_not_layout() -> None:
    """Found by a generated project: a list item whose text holds « :\u202f » is text (only
    the lower-case keys of the format, followed by a no-break space, are a layout mistake)."""
    source = read_source_text("enjeux:\n  - 5H跨:\u202fok\n  - Note:\u00a0la suite\n", "t.yaml")
    assert source.data == {"enjeux": ["5H跨:\u202fok", "Note:\u00a0la suite"]}
    error = fails("enjeux:\n  - ok\nvaleurs:\u00a0x\n")
    assert "insécable" in error.problems[0].message and error.problems[0].line == 3


def test_two_utf8_marks_are_both_dropped() -> None:
    source = read_source_text(b"\xef\xbb\xbf\xef\xbb\xbfprojet:\n  nom: x\n", "t.yaml")
    assert list(source.data) == ["projet"]


@pytest.mark.parametrize(("text", "why"), [
    ("2027-02-30", "le 30 février 2027 n'existe pas"),
    ("2027-02-29", "le 29 février 2027 n'existe pas"),
    ("2027-13-01", "le mois 13 n'existe pas"),
    ("2027-01-00", "le 0 janvier 2027 n'existe pas"),
    ("2027-04-31", "le 31 avril 2027 n'existe pas"),
])
def test_impossible_dates_are_read_as_text_and_explained_with_the_other_problems(
        project_file, text: str, why: str) -> None:
    """Reading keeps 2027-02-30 as written; the schema explains it, in the same run as the
    file's other problems (a reading error would have hidden them)."""
    assert read_source_text(f"d: {text}\n", "t.yaml").data == {"d": text}
    path = project_file("exemple-minimal", replace={
        "date_debut: 2027-02-01": f"date_debut: {text}",
        'raison_sociale: "Bâtir': 'raison_socale: "Bâtir'})
    _, problems = check_project(path)
    by_path = {p.dotted_path: p for p in problems}
    assert why in by_path["projet.date_debut"].message
    assert by_path["projet.date_debut"].line == 8
    assert "partenaires[2].raison_socale" in by_path


# --- values read as a French user means them (issue 14) ----------------------------------------


@pytest.mark.parametrize(("written", "kept"), [
    ("2:0:0", "2:0:0"),  # YAML 1.1 base 60: 7200
    ("1:30", "1:30"),  # 90
    ("0x1F", "0x1F"),  # hexadecimal: 31
    ("0b101", "0b101"),  # binary: 5
    ("-0x10", "-0x10"),
    ("0o17", "0o17"),  # YAML 1.2 octal, the 1.1 spelling being 017 (see above)
])
def test_yaml_1_1_numbers_stay_text(loader: str, written: str, kept: str) -> None:
    """YAML 1.2 has no base 60, hexadecimal or binary for a plain value: the text stays text,
    and the schema then says it is not a number (never 7 200 € or 31 % silently)."""
    source = read_source_text(f"valeur: {written}\nvrai_nombre: 12500\n", "t.yaml")
    assert source.data == {"valeur": kept, "vrai_nombre": 12500}


def test_yaml_1_1_numbers_are_refused_where_a_number_is_wanted(project_file) -> None:
    path = project_file("exemple-minimal", replace={
        "    role: chef_de_file\n":
        "    role: chef_de_file\n    contribution: {apport_financier: 2:0:0, etp: 0x1F}\n"})
    _, problems = check_project(path)
    shown = {p.dotted_path: p.message for p in problems}
    assert shown["partenaires[1].contribution.apport_financier"].endswith(
        "« 2:0:0 » n'est pas un montant.")
    assert shown["partenaires[1].contribution.etp"] == "Un nombre est attendu."


@pytest.mark.parametrize("written", ["20.000", "1.500", "-12.250"])
def test_a_dot_before_three_figures_is_asked_about(loader: str, written: str) -> None:
    """`20.000` is 20 for YAML and twenty thousand for a French reader: never guessed."""
    error = fails(f"projet:\n  apport_financier: {written}\n")
    [problem] = error.problems
    units, thousands = written.lstrip("-").split(".")
    short = f"{float(written):g}"
    sign = "-" if written.startswith("-") else ""
    assert problem.message == (
        f"Le nombre « {written} » est ambigu : YAML le lit comme {short.replace('.', ',')} (le "
        f"point y marque les décimales), alors qu'en français il se lit {sign}{units} {thousands}.")
    assert (problem.line, problem.column) == (2, 21)
    assert_french(problem)


def test_ordinary_decimals_are_numbers(loader: str) -> None:
    source = read_source_text("a: 12500.5\nb: 0.75\nc: 1234.000\nd: 20.00\n", "t.yaml")
    assert source.data == {"a": 12500.5, "b": 0.75, "c": 1234.0, "d": 20.0}


@pytest.mark.parametrize("char", ["\u202e", "\u202d", "\u2066", "\u2067", "\u200b", "\u200e",
                                  "\u2060", "\ufeff", "\u00ad", "\U000e0041"])
@pytest.mark.parametrize("escaped", [False, True])
def test_bidi_controls_and_invisible_format_characters_are_refused(
        loader: str, char: str, escaped: bool) -> None:
    """A right-to-left override in a name reverses the rest of a contract's paragraph: refused
    with the very message of the other invisible characters, raw or written as an escape."""
    written = f"\\U{ord(char):08X}" if escaped else char
    error = fails(f'projet:\n  nom: "Les Jardins{written} de Bondy"\n')
    [problem] = error.problems
    assert problem.message == f"Caractère invisible non autorisé (code U+{ord(char):04X})."
    assert problem.line == 2
    assert problem.hint == fails("a: \x07\n").problems[0].hint
