"""The hostile corpus through the whole reading path and the command line.

Every file of `tests/corpus/` (and of `tests/corpus/valeurs/`, files YAML reads but the format
refuses), plus files too big or too deep to commit (generated here into tmp_path: 50 MB, deep
block and flow nesting, millions of nodes), goes through `read_source`, `check_project` and
`coopdocs validate`/`build`. Each one gives a clear French error (never a traceback, never an
« erreur interne »), in bounded time and memory, and `build` writes nothing.
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from coopdocs.check.project import check_project
from coopdocs.cli.main import cli
from coopdocs.errors import SourceError
from coopdocs.source.reader import read_source

CORPUS = Path(__file__).resolve().parent / "corpus"
# Files the reader accepts on purpose (documented as « se lit » in the corpus README).
READ_FINE = {"bom-utf8.yaml", "fins-de-ligne-windows.yaml", "tabulation-dans-bloc-texte.yaml",
             "ancre-simple.yaml", "utf16.yaml", "windows-1252.yaml",
             "utf8-et-windows-melanges.yaml"}
COMMITTED = sorted(CORPUS.glob("*.yaml")) + sorted((CORPUS / "valeurs").glob("*.yaml"))

# CPU seconds, not wall-clock seconds: the bound says « no runaway parse », and CPU time does not
# grow when a loaded 2-core runner shares its cores (wall time under tracemalloc did, 2 s → 41 s).
# The worst real figures (a million nodes, under tracemalloc) are ~7 s of CPU and ~40 MB.
SECONDS = 20.0
PEAK_BYTES = 256 * 1024 * 1024
# Words that would mean Python or PyYAML talked to the user.
LEAKS = ("Traceback", "Error", "Exception", "yaml.", "while scanning", "while parsing",
         "could not find", "mapping values", "erreur interne", "Erreur interne")


def _big(size: int) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with path.open("wb") as handle:
            handle.write(b"projet:\n  nom: \"")
            chunk = b"x" * (1024 * 1024)
            for _ in range(size // len(chunk)):
                handle.write(chunk)
            handle.write(b"\"\n")

    return write


GENERATED: dict[str, Callable[[Path], None]] = {
    "cinquante-mo.yaml": _big(50 * 1024 * 1024),
    "cinquante-mo-de-nuls.yaml": lambda p: p.write_bytes(b"\x00" * (50 * 1024 * 1024)),
    "juste-sous-la-limite.yaml": _big(5 * 1024 * 1024 - 64),
    "imbrication-profonde.yaml": lambda p: p.write_text("projet: " + "[" * 100_000 + "\n"),
    "imbrication-accolades.yaml": lambda p: p.write_text("projet: " + "{a: " * 50_000 + "\n"),
    "imbrication-blocs.yaml": lambda p: p.write_text(
        "".join(" " * i + f"k{i}:\n" for i in range(5_000)) + " " * 5_000 + "fin: 1\n"),
    "imbrication-tirets.yaml": lambda p: p.write_text("- " * 20_000 + "x\n"),
    "millions-de-noeuds.yaml": lambda p: p.write_text(
        "projet:\n  liste: [" + "1, " * 1_200_000 + "1]\n"),
    "cent-mille-cles.yaml": lambda p: p.write_text(
        "projet:\n" + "".join(f"  cle{i}: {i}\n" for i in range(100_000))),
    "ligne-de-quatre-mo.yaml": lambda p: p.write_text(
        "projet:\n  nom: " + "é" * (2 * 1024 * 1024 - 16) + "\n", encoding="utf-8"),
    "bombe-alias-imbriquee.yaml": lambda p: p.write_text(
        "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 50) + "]\n"
                                  for i in range(1, 8))),
}


def _all_cases() -> list[str]:
    return [str(p.relative_to(CORPUS)) for p in COMMITTED] + [f"genere/{n}" for n in GENERATED]


@pytest.fixture
def case(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    name: str = request.param
    if name.startswith("genere/"):
        path = tmp_path / name.removeprefix("genere/")
        GENERATED[path.name](path)
        return path
    return CORPUS / name


def _measured(action: Callable[[], object]) -> tuple[object, float, int]:
    tracemalloc.start()
    start = time.process_time()
    try:
        outcome = action()
    finally:
        elapsed = time.process_time() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return outcome, elapsed, peak


def _assert_french(text: str) -> None:
    for leak in LEAKS:
        assert leak not in text, text[:2000]


def test_corpus_has_the_issue_s_forty_files_and_more() -> None:
    assert len(COMMITTED) + len(GENERATED) >= 80
    readme = (CORPUS / "README.md").read_text(encoding="utf-8")
    for name in [p.name for p in COMMITTED] + list(GENERATED):
        assert f"`{name}`" in readme, name


@pytest.mark.parametrize("case", _all_cases(), indirect=True)
def test_hostile_file_gives_a_clear_french_error_in_bounded_time_and_memory(case: Path) -> None:
    def check() -> tuple[object, list]:
        try:
            source = read_source(case)
        except SourceError as error:
            return error, error.problems
        return source, check_project(case)[1]

    (outcome, problems), elapsed, peak = _measured(check)  # type: ignore[misc]
    assert elapsed < SECONDS, f"{case.name} : {elapsed:.1f} s de calcul"
    assert peak < PEAK_BYTES, f"{case.name} : {peak / 1e6:.0f} Mo"
    if isinstance(outcome, SourceError):
        assert case.name not in READ_FINE
    errors = [p for p in problems if p.is_error]
    if case.name in READ_FINE:
        assert not isinstance(outcome, SourceError)
        return
    assert errors, f"{case.name} accepté"
    for problem in errors:
        assert problem.message and problem.hint, problem
        _assert_french(problem.format())


@pytest.mark.parametrize("case", _all_cases(), indirect=True)
def test_hostile_file_through_the_command_line(case: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    start = time.process_time()
    result = runner.invoke(cli, ["validate", str(case)])
    assert time.process_time() - start < SECONDS
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    _assert_french(result.output)
    if case.name in READ_FINE:
        return  # those files are read, then judged by the schema like any project
    assert result.exit_code == 1, result.output
    assert "non valide" in result.output

    out = tmp_path / "sortie"
    result = runner.invoke(cli, ["build", str(case), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    _assert_french(result.output)
    assert not list(out.rglob("*.docx"))
