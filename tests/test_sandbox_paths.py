"""Templates cannot reach Python, files or the environment; outputs never escape their folder.

Templates are user material (a `modeles:` folder edited in Word): every attack below must be
refused with a French message, execute nothing and leak nothing. Then the output side: project
file names with `..`, symlinks planted in the output folder, a read-only folder and a full disk
(simulated: the tests run as root, for whom chmod blocks nothing) each give a French error and
leave the previous outputs byte for byte intact.
"""

from __future__ import annotations

import errno
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner

from coopdocs import atomic
from coopdocs.cli.main import cli
from coopdocs.errors import RenderError
from coopdocs.render.template import PreparedTemplate

SECRET = "coopdocs-secret-7f3a"
# In an attack, MARKER stands for a file the attack would create: each test's own `marker`.
MARKER = "MARKER"
LEAKS = ("Traceback", "Erreur interne", "erreur interne")


def template(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def context(example_context) -> dict[str, Any]:
    """A copy of the minimal example's context: the attacks below try to modify it."""
    return example_context("minimal")


@pytest.fixture
def minimal(project_file, tmp_path: Path) -> Path:
    """A copy of exemple-minimal.yaml (its output folder is « exemple-minimal »)."""
    return project_file("exemple-minimal", filename="exemple-minimal.yaml",
                        folder=tmp_path / "entree")


@pytest.fixture(autouse=True)
def secret_in_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COOPDOCS_SECRET_TEST", SECRET)


@pytest.fixture
def marker(tmp_path: Path) -> Path:
    """The file an attack tries to create (« touch MARKER »): it must never exist."""
    return tmp_path / "coopdocs-pwned"


def armed(tag: str, marker: Path) -> str:
    return tag.replace(MARKER, str(marker))


def refused(context: dict[str, Any], tag: str, marker: Path) -> RenderError:
    prepared = PreparedTemplate(template("Avant " + armed(tag, marker) + " après"), "piege.docx")
    with pytest.raises(RenderError) as caught:
        prepared.render(context)
    text = caught.value.message
    assert SECRET not in text and "root:" not in text
    assert not marker.exists()
    for leak in LEAKS:
        assert leak not in text
    return caught.value


# --- the sandbox ------------------------------------------------------------------------------

INTERNALS = [
    "{{ cycler.__init__.__globals__.os.environ }}",
    "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
    "{{ self._TemplateReference__context }}",
    "{{ self.__init__.__globals__ }}",
    "{{ ''.__class__.__mro__ }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ range.__globals__ }}",
    "{{ range.__globals__['os'].popen('touch MARKER').read() }}",
    "{{ namespace.__init__.__globals__ }}",
    "{{ joiner.__init__.__globals__['os'] }}",
    "{{ projet|attr('__class__') }}",
    "{{ '{0.__class__.__mro__}'.format(projet) }}",
    "{{ '%s'|format(projet.__class__) }}",
    "{{ partenaires.__getitem__(0) }}",
    "{% set a = [] %}{{ a.append(1) }}",
    "{{ dict(a=1).update(b=2) }}",
    "{{ projet.nom.__class__.__base__.__subclasses__() }}",
]


@pytest.mark.parametrize("tag", INTERNALS)
def test_python_internals_are_refused(context: dict[str, Any], tag: str, marker: Path) -> None:
    error = refused(context, tag, marker)
    assert error.problems[0].code == "rendu-acces-interdit", error.message
    assert "bac à sable" in error.message
    assert "Avant {" in error.message  # the adviser is shown where


@pytest.mark.parametrize("tag", ["{{ config }}", "{{ request }}", "{{ url_for.__globals__ }}",
                                 "{{ get_flashed_messages }}", "{{ os.environ }}",
                                 "{{ range.__self__ }}", "{{ projet.__dict__ }}",
                                 # Jinja's globals that coopdocs does not offer
                                 "{{ lipsum.__globals__['os'].popen('touch MARKER').read() }}",
                                 "{{ lipsum(10**7) }}", "{{ cycler(1, 2).next() }}",
                                 "{{ joiner() }}", "{{ namespace(a=1).a }}"])
def test_names_outside_the_context_do_not_exist(context: dict[str, Any], tag: str,
                                                marker: Path) -> None:
    error = refused(context, tag, marker)
    assert error.problems[0].code in ("rendu-champ-absent", "rendu-acces-interdit"), error.message


@pytest.mark.parametrize("tag", ["{% include '/etc/passwd' %}", "{% import 'os' as os %}",
                                 "{% extends '/etc/passwd' %}",
                                 "{% from '/etc/passwd' import x %}{{ x }}"])
def test_files_cannot_be_included(context: dict[str, Any], tag: str, marker: Path) -> None:
    error = refused(context, tag, marker)
    assert "Avant {%" in error.message


@pytest.mark.parametrize("tag", ["{% include '/etc/passwd' %}", "{% import 'os' as os %}"])
def test_include_is_refused_in_french(context: dict[str, Any], tag: str, marker: Path) -> None:
    error = refused(context, tag, marker)
    assert "loader" not in error.message and "environment" not in error.message


def test_huge_repetition_is_refused_by_the_sandbox() -> None:
    # In a child limited to 2 GB: on a machine without the limit the same line would fill RAM.
    code = (
        "import resource, io, docx\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))\n"
        "from coopdocs.render.template import PreparedTemplate\n"
        "from coopdocs.errors import RenderError\n"
        "d = docx.Document(); d.add_paragraph(\"{{ 'a' * 10**10 }}\")\n"
        "b = io.BytesIO(); d.save(b)\n"
        "try:\n"
        "    PreparedTemplate(b.getvalue(), 'piege.docx').render({})\n"
        "except RenderError as e:\n"
        "    print(e.problems[0].code)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.stdout.strip() == "rendu-acces-interdit", done.stdout + done.stderr


def test_project_data_cannot_inject_template_code(tmp_path: Path, project_file,
                                                  minimal_text: str, marker: Path) -> None:
    """Text typed in the project is printed, never evaluated."""
    attack = armed("{{ cycler.__init__.__globals__.os.system('touch MARKER') }}", marker)
    project = project_file(text=minimal_text.replace('territoire: "', f'territoire: "{attack} ', 1),
                           filename="injection.yaml")
    result = CliRunner().invoke(cli, ["build", str(project), "-o", str(tmp_path / "sortie")])
    assert result.exit_code == 0, result.output
    assert not marker.exists()
    body = "\n".join(p.text for p in docx.Document(
        tmp_path / "sortie" / "injection" / "convention-de-partenariat.docx").paragraphs)
    assert "cycler.__init__.__globals__" in body


# --- the same attacks through a project's `modeles:` folder, end to end ------------------------


def project_with_templates(tmp_path: Path, minimal_text: str, name: str = "projet.yaml") -> Path:
    (tmp_path / "modeles").mkdir(exist_ok=True)
    project = tmp_path / name
    project.write_text("modeles: modeles\n" + minimal_text, encoding="utf-8")
    return project


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("tag", [INTERNALS[1], INTERNALS[7], "{% include '/etc/passwd' %}",
                                 "{{ config }}"])
def test_hostile_template_in_the_project_folder_changes_nothing(tmp_path: Path, tag: str,
                                                                 minimal_text: str,
                                                                 marker: Path) -> None:
    project = project_with_templates(tmp_path, minimal_text)
    out = tmp_path / "sortie"
    runner = CliRunner()
    first = runner.invoke(cli, ["build", str(project), "-o", str(out)])
    assert first.exit_code == 0, first.output
    before = snapshot(out)
    (tmp_path / "modeles" / "charte-de-cooperation.docx").write_bytes(
        template("Charte", "Avant " + armed(tag, marker) + " après"))
    result = runner.invoke(cli, ["build", str(project), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert SECRET not in result.output and "root:" not in result.output
    for leak in LEAKS:
        assert leak not in result.output
    assert "charte-de-cooperation.docx" in result.output  # the broken template is named
    assert not marker.exists()
    assert snapshot(out) == before  # all or nothing: the previous documents are intact


# --- output paths -----------------------------------------------------------------------------


def written_files(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.is_file()]


@pytest.mark.parametrize("name", ["..yaml", "...yaml", "..\\..\\evasion.yaml",
                                  "..%2F..%2Fevasion.yaml", "-o.yaml", " .yaml", "projet.yaml.."])
def test_project_file_names_cannot_lead_outside(tmp_path: Path, name: str,
                                                example_path) -> None:
    source = tmp_path / "entrees"
    source.mkdir()
    project = source / name
    shutil.copyfile(example_path("exemple-minimal"), project)
    out = tmp_path / "sortie"
    result = CliRunner().invoke(cli, ["build", "-o", str(out), "--", str(project)])
    assert result.exit_code == 0, result.output
    files = written_files(out)
    assert files
    for path in files:
        assert path.resolve().is_relative_to(out.resolve()), path
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entrees", "sortie"]


def test_a_planted_symlink_to_a_file_outside_is_never_written_through(tmp_path: Path,
                                                                       minimal: Path) -> None:
    out, outside = tmp_path / "sortie", tmp_path / "ailleurs"
    (out / "exemple-minimal").mkdir(parents=True)
    outside.mkdir()
    victim = outside / "victime.docx"
    victim.write_bytes(b"a garder")
    link = out / "exemple-minimal" / "charte-de-cooperation.docx"
    link.symlink_to(victim)
    runner = CliRunner()
    refused = runner.invoke(cli, ["build", str(minimal), "-o", str(out)])
    assert refused.exit_code == 1  # a file coopdocs did not write is never overwritten
    assert "charte-de-cooperation.docx" in refused.output
    forced = runner.invoke(cli, ["build", str(minimal), "-o", str(out), "--force"])
    assert forced.exit_code == 0, forced.output
    assert victim.read_bytes() == b"a garder"  # the link was replaced, not followed
    assert not link.is_symlink()


def test_temporary_file_names_never_follow_a_planted_symlink(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch
                                                             ) -> None:
    """The temporary file is opened O_EXCL: a link planted under its name is not followed."""
    victim = tmp_path / "victime"
    victim.write_bytes(b"a garder")
    folder = tmp_path / "sortie"
    folder.mkdir()
    monkeypatch.setattr(atomic.secrets, "token_hex", lambda n: "piege")
    (folder / ".charte.docx.piege.coopdocs.tmp").symlink_to(victim)
    with pytest.raises(Exception):  # noqa: B017 - any refusal will do, as long as it is clean
        atomic.write_atomic(folder / "charte.docx", b"nouveau")
    assert victim.read_bytes() == b"a garder"


def test_a_planted_symlinked_project_folder_is_not_written_through(tmp_path: Path,
                                                                    minimal: Path) -> None:
    out, outside = tmp_path / "sortie", tmp_path / "ailleurs"
    out.mkdir()
    outside.mkdir()
    (out / "exemple-minimal").symlink_to(outside, target_is_directory=True)
    result = CliRunner().invoke(cli, ["build", str(minimal), "-o", str(out)])
    assert list(outside.iterdir()) == [], result.output
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def _failing(code: int) -> Any:
    def fail(*args: Any, **kwargs: Any) -> None:
        raise OSError(code, os.strerror(code))

    return fail


@pytest.mark.parametrize(("where", "code", "words"), [
    ("replace", errno.EACCES, "accès refusé"),
    ("replace", errno.EROFS, "lecture seule"),
    ("fsync", errno.ENOSPC, "disque est plein"),
    ("fsync", errno.EDQUOT, "disque est plein"),
])
def test_unwritable_or_full_output_keeps_previous_documents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, code: int, words: str,
    minimal: Path, minimal_text: str
) -> None:
    out = tmp_path / "sortie"
    runner = CliRunner()
    first = runner.invoke(cli, ["build", str(minimal), "-o", str(out)])
    assert first.exit_code == 0, first.output
    before = snapshot(out)
    # The project modified, so that every document has to be written again.
    changed = minimal
    changed.write_text(minimal_text.replace("Bondy", "Pantin"), encoding="utf-8")
    monkeypatch.setattr(atomic.os, where, _failing(code))
    result = runner.invoke(cli, ["build", str(changed), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert words in result.output
    for leak in LEAKS:
        assert leak not in result.output
    monkeypatch.undo()
    after = snapshot(out)
    assert {k: v for k, v in after.items() if k.endswith(".docx")} == \
        {k: v for k, v in before.items() if k.endswith(".docx")}
    assert not [p for p in out.rglob("*.tmp")]


def test_output_folder_that_cannot_be_created(tmp_path: Path, minimal: Path) -> None:
    blocker = tmp_path / "fichier"
    blocker.write_text("je suis un fichier")
    result = CliRunner().invoke(cli, ["build", str(minimal), "-o", str(blocker / "sortie")])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and "erreur interne" not in result.output.lower()
    assert blocker.read_text() == "je suis un fichier"
