"""Fixtures shared by every test package.

- `project_file`: a builder of project files in `tmp_path`, copied from a shipped example
  (coopdocs/examples/) and edited (dotted paths → values, a callable on the data, or text
  replacements that keep the line numbers);
- the examples, loaded once per session and never to be mutated (deepcopy them):
  `complet`, `minimal` (normalised data), `complet_raw`, `minimal_raw` (the YAML as read),
  `complet_text`, `minimal_text` (the file's text), `complet_context`, `minimal_context`
  (template contexts, pictures included); `example_path(name)` and `example_text(name)`
  for a parametrised example, `example_data(name)` and `example_context(name)` for fresh copies;
- `shipped_examples` (the names of EXAMPLE_NAMES) and `example_name` (each of them in turn, to
  parametrise a test over every example);
- `soffice`: LibreOffice, or a skip (a failure under CI=true);
- `COOPDOCS_CACHE` set to a temporary folder: compiled templates never go to the home's cache.

Every test reads only files of the repository and writes only under `tmp_path` (plus the
unique temporary folders Hypothesis properties create for each example).
"""

from __future__ import annotations

import copy
import functools
import os
import re
import sys
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Protocol

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "coopdocs" / "examples"
TOOLS = ROOT / "tools"
CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# The shipped examples, for parametrised tests: the contract's two (complete and minimal), then
# one per legal family (a GME answering a tender, a SCIC in preparation, a public funder's
# subsidy). tests/render/test_families_text.py checks the list against the folder.
EXAMPLE_NAMES = ("exemple-complet", "exemple-minimal", "exemple-gme", "exemple-scic",
                 "exemple-financeur-public", "exemple-reseau", "exemple-caracteres")

# Compiled templates are kept in the user's cache folder between runs (render.codecache): the
# tests, their workers and the commands they start use a folder of their own, never the home's.
os.environ.setdefault("COOPDOCS_CACHE", tempfile.mkdtemp(prefix="coopdocs-cache-"))

# The template builders and doc generators are scripts of tools/, importable by their names
# (``import tpl_gouvernance``) exactly as tools/build_templates.py imports them.
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _example_path(name: str = "exemple-complet") -> Path:
    """A shipped example, to READ only (copy it with `project_file` to change or build it)."""
    path = EXAMPLES / (name if name.endswith(".yaml") else f"{name}.yaml")
    assert path.is_file(), path
    return path


def _example_text(name: str = "exemple-complet") -> str:
    return _example_path(name).read_text(encoding="utf-8")


def dotted(path: str) -> list[str | int]:
    """``"partenaires[1].adresse.code_postal"`` or ``"partenaires.1.adresse"`` → parts."""
    parts: list[str | int] = []
    for name, index in _PART.findall(path):
        if index:
            parts.append(int(index))
        else:
            parts.append(int(name) if name.isdigit() else name)
    assert parts, path
    return parts


def set_path(data: Any, path: str, value: Any) -> None:
    """Set the value at a dotted path (the index just past a list's end appends); parents must
    exist. Removals are done with a callable `edits`."""
    *parents, last = dotted(path)
    node = data
    for part in parents:
        node = node[part]
    if isinstance(node, list) and last == len(node):
        node.append(value)
    else:
        node[last] = value


Edits = Mapping[str, Any] | Callable[[dict[str, Any]], Any]


def apply_edits(data: dict[str, Any], edits: Edits | None) -> dict[str, Any]:
    """A callable edits the data in place (or returns new data); a mapping sets dotted paths."""
    if edits is None:
        return data
    if callable(edits):
        result = edits(data)
        return data if result is None else result
    for path, value in edits.items():
        set_path(data, path, value)
    return data


def dump_project(data: Any) -> str:
    """Project data as YAML text, the way a user would write it (accents kept, keys in order)."""
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


class ProjectFile(Protocol):
    def __call__(self, name: str = ..., edits: Edits | None = ..., filename: str = ..., *,
                 replace: Mapping[str, str] | None = ..., text: str | bytes | None = ...,
                 folder: Path | None = ...) -> Path: ...


def _make_project_file(tmp_path: Path) -> ProjectFile:
    def make(name: str = "exemple-complet", edits: Edits | None = None,
             filename: str = "projet.yaml", *, replace: Mapping[str, str] | None = None,
             text: str | bytes | None = None, folder: Path | None = None) -> Path:
        """Write a project file in `tmp_path` (or `folder`) and return its path.

        - `name`: the shipped example to start from ("exemple-complet", "exemple-minimal");
        - `edits`: dotted paths → values (``{"projet.nom": "X", "partenaires[0].siret": None}``),
          or a callable that edits the loaded data in place (or returns new data); the file is
          then written back with `yaml.safe_dump` (comments and layout are lost);
        - `replace`: text replacements {old: new} on the example's text, each of which must
          occur (layout, comments and line numbers are kept);
        - `text`: the whole content instead of an example (str or bytes).
        """
        target = (folder or tmp_path) / filename
        target.parent.mkdir(parents=True, exist_ok=True)
        if text is not None:
            assert edits is None and replace is None
            if isinstance(text, bytes):
                target.write_bytes(text)
            else:
                target.write_text(text, encoding="utf-8")
            return target
        content = _example_text(name)
        for old, new in (replace or {}).items():
            assert old in content, f"« {old} » is not in {name}"
            content = content.replace(old, new)
        if edits is not None:
            data = yaml.safe_load(content)
            content = dump_project(apply_edits(data, edits))
        target.write_text(content, encoding="utf-8")
        return target

    return make


@pytest.fixture
def project_file(tmp_path: Path) -> ProjectFile:
    """``project_file(name="exemple-complet", edits=None, filename="projet.yaml") -> Path``:
    a shipped example copied (and edited) into tmp_path. See `_make_project_file`."""
    return _make_project_file(tmp_path)


# --- the examples, loaded once -----------------------------------------------------------------


@pytest.fixture(scope="session")
def example_path() -> Callable[[str], Path]:
    """``example_path("exemple-minimal")``: the shipped example's path, to read only."""
    return _example_path


@pytest.fixture(scope="session")
def shipped_examples() -> tuple[str, ...]:
    """The names of the shipped examples (see EXAMPLE_NAMES)."""
    return EXAMPLE_NAMES


@pytest.fixture(params=EXAMPLE_NAMES)
def example_name(request: pytest.FixtureRequest) -> str:
    """Each shipped example in turn (a parametrised test runs once per example)."""
    name: str = request.param
    return name


@pytest.fixture(scope="session")
def example_text() -> Callable[[str], str]:
    """``example_text("exemple-minimal")``: the shipped example's text."""
    return _example_text


@pytest.fixture(scope="session")
def complet_text() -> str:
    return _example_text("exemple-complet")


@pytest.fixture(scope="session")
def minimal_text() -> str:
    return _example_text("exemple-minimal")


@pytest.fixture(scope="session")
def complet_raw() -> dict[str, Any]:
    """The YAML of exemple-complet.yaml as `yaml.safe_load` reads it (do not mutate)."""
    return yaml.safe_load(_example_text("exemple-complet"))


@pytest.fixture(scope="session")
def minimal_raw() -> dict[str, Any]:
    """The YAML of exemple-minimal.yaml as `yaml.safe_load` reads it (do not mutate)."""
    return yaml.safe_load(_example_text("exemple-minimal"))


# Cached functions rather than fixtures depending on fixtures: a test module may override the
# name `complet` or `minimal` for its own copies without changing what the others receive.


@functools.cache
def _data(name: str) -> dict[str, Any]:
    from coopdocs.check.project import load_project

    return load_project(_example_path(f"exemple-{name}")).data


@functools.cache
def _context(name: str) -> dict[str, Any]:
    from coopdocs.context.assemble import build_context

    return build_context(copy.deepcopy(_data(name)))


@pytest.fixture(scope="session")
def complet() -> dict[str, Any]:
    """The normalised data of exemple-complet.yaml (do not mutate: deepcopy it)."""
    return _data("complet")


@pytest.fixture(scope="session")
def minimal() -> dict[str, Any]:
    """The normalised data of exemple-minimal.yaml (do not mutate: deepcopy it)."""
    return _data("minimal")


@pytest.fixture(scope="session")
def complet_context() -> dict[str, Any]:
    """The template context of exemple-complet.yaml, pictures included (do not mutate)."""
    return _context("complet")


@pytest.fixture(scope="session")
def minimal_context() -> dict[str, Any]:
    """The template context of exemple-minimal.yaml, pictures included (do not mutate)."""
    return _context("minimal")


@pytest.fixture(scope="session")
def example_data() -> Callable[[str], dict[str, Any]]:
    """``example_data("complet")``: a fresh deep copy of an example's normalised data."""
    def get(name: str) -> dict[str, Any]:
        return copy.deepcopy(_data(name.removeprefix("exemple-")))

    return get


@pytest.fixture(scope="session")
def example_context() -> Callable[[str], dict[str, Any]]:
    """``example_context("complet")``: a fresh deep copy of an example's context."""
    def get(name: str) -> dict[str, Any]:
        return copy.deepcopy(_context(name.removeprefix("exemple-")))

    return get


# --- LibreOffice --------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def soffice() -> str:
    """The LibreOffice executable; a skip when absent, a failure under CI=true."""
    from coopdocs.build.pdf import find_soffice

    found = find_soffice()
    if found is None:
        if CI:
            pytest.fail("LibreOffice (soffice) est requis en intégration continue")
        pytest.skip("LibreOffice n'est pas installé sur ce poste")
    return str(found)


# --- Chromium, for the web page of `coopdocs serve` -------------------------------------------

# The system's browser (Debian's `chromium`, installed by .ci/run), never a downloaded one.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


@pytest.fixture(scope="session")
def chromium() -> str:
    """The Chromium executable; a skip when absent, a failure under CI=true."""
    import shutil

    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        if CI:
            pytest.fail("Chromium (paquet chromium) est requis en intégration continue")
        pytest.skip("Chromium n'est pas installé sur ce poste")
    return found


@pytest.fixture(scope="session")
def browser(chromium: str) -> Any:
    """One Playwright-driven Chromium per test worker, shared by its browser tests."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield launched
        launched.close()
