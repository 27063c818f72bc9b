"""Compiled templates kept between runs: same documents, a broken or absent cache ignored."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from docxtpl import DocxTemplate

from coopdocs.check.project import check_project
from coopdocs.context.assemble import build_context
from coopdocs.render import codecache
from coopdocs.render.sandbox import make_environment
from coopdocs.render.template import PreparedTemplate
from coopdocs.render.templates import BUILTIN_DIR

TEMPLATE = BUILTIN_DIR / "convention-de-partenariat.docx"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COOPDOCS_CACHE", str(folder))
    codecache._folder.cache_clear()
    yield folder
    codecache._folder.cache_clear()


def _render(example: Path) -> bytes:
    project, _ = check_project(example)
    assert project is not None
    return PreparedTemplate.from_path(TEMPLATE).render(build_context(project))


def test_a_cached_template_renders_the_same_bytes(cache: Path, monkeypatch: pytest.MonkeyPatch,
                                                  example_path: Callable[..., Path]) -> None:
    first = _render(example_path())
    stored = sorted(cache.glob("*.code"))
    assert len(stored) == 3  # the body, the header, the footer

    def no_compiling(*_: object, **__: object) -> None:
        raise AssertionError("compiled again instead of read from the cache")

    monkeypatch.setattr(type(make_environment()), "compile", no_compiling)
    assert _render(example_path()) == first
    assert sorted(cache.glob("*.code")) == stored


def test_a_patched_source_is_read_from_the_cache(cache: Path, monkeypatch: pytest.MonkeyPatch,
                                                 example_path: Callable[..., Path]) -> None:
    first = _render(example_path())
    stored = sorted(cache.glob("*.xml"))
    assert len(stored) == 3  # the body, the header, the footer

    def no_patching(*_: object, **__: object) -> None:
        raise AssertionError("patched again instead of read from the cache")

    monkeypatch.setattr(DocxTemplate, "patch_xml", no_patching)
    assert _render(example_path()) == first
    assert sorted(cache.glob("*.xml")) == stored


def test_a_damaged_patched_source_is_patched_again(cache: Path,
                                                   example_path: Callable[..., Path]) -> None:
    first = _render(example_path())
    for file in cache.glob("*.xml"):
        # Same digest line, one word changed in the source: must not reach a document.
        file.write_bytes(file.read_bytes().replace(b"Entre les", b"Entre des", 1))
    for file in cache.glob("*.code"):
        file.unlink()
    assert _render(example_path()) == first


def test_a_damaged_cache_file_is_compiled_again(cache: Path,
                                                example_path: Callable[..., Path]) -> None:
    first = _render(example_path())
    for file in cache.glob("*.code"):
        file.write_bytes(b"\x00not marshal")
    assert _render(example_path()) == first


def test_an_empty_variable_turns_the_cache_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               example_path: Callable[..., Path]) -> None:
    monkeypatch.setenv("COOPDOCS_CACHE", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    codecache._folder.cache_clear()
    try:
        _render(example_path())
    finally:
        codecache._folder.cache_clear()
    assert list(tmp_path.iterdir()) == []


def test_the_key_changes_with_the_source_and_the_filters() -> None:
    base = codecache.key("{{ a }}", ["upper"])
    assert codecache.key("{{ b }}", ["upper"]) != base
    assert codecache.key("{{ a }}", ["upper", "lower"]) != base
    assert codecache.key("{{ a }}", ["upper"]) == base


def test_a_folder_others_may_write_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               example_path: Callable[..., Path]) -> None:
    """Code read from the cache runs in every build: a shared folder is not trusted."""
    folder = tmp_path / "partage"
    folder.mkdir()
    folder.chmod(0o777)
    monkeypatch.setenv("COOPDOCS_CACHE", str(folder))
    codecache._folder.cache_clear()
    try:
        first = _render(example_path())
        assert list(folder.iterdir()) == []
        folder.chmod(0o700)  # the user's own: used
        codecache._folder.cache_clear()
        assert _render(example_path()) == first
        assert sorted(f.suffix for f in folder.iterdir()) == [".code"] * 3 + [".xml"] * 3
    finally:
        codecache._folder.cache_clear()


def test_the_cache_keeps_a_bounded_number_of_files(cache: Path, monkeypatch: pytest.MonkeyPatch,
                                                   example_path: Callable[..., Path]) -> None:
    """Each edited template leaves files no build reads again: the oldest go past a bound."""
    monkeypatch.setattr(codecache, "_KEPT", 10)
    cache.mkdir(mode=0o700)
    for n in range(12):
        old = cache / f"{n:064x}.code"
        old.write_bytes(b"")
        os.utime(old, (n, n))  # written long ago, the first oldest
    first = _render(example_path())  # six new files: over 10, the oldest half goes
    left = {f.name for f in cache.iterdir()}
    assert len(left) <= 10
    assert not left & {f"{n:064x}.code" for n in range(8)}  # the eight oldest
    assert len([name for name in left if not name.startswith("0" * 60)]) == 6  # the new ones
    assert _render(example_path()) == first
