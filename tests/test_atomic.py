"""coopdocs.atomic.write_atomic: readers see the old file or the new one, never half of one."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from coopdocs import atomic
from coopdocs.atomic import write_atomic
from coopdocs.errors import OutputError


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.endswith(".tmp")]


def test_write_atomic_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "convention.docx"
    target.write_bytes(b"old")
    write_atomic(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert leftovers(tmp_path) == []
    assert target.stat().st_mode & 0o644 == 0o644  # not mkstemp's private 0600


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (errno.EACCES, "accès refusé"),
        (errno.ENOSPC, "disque est plein"),
        (errno.EROFS, "lecture seule"),
        (errno.ENAMETOOLONG, "trop long"),
        (errno.EIO, "écriture impossible"),
    ],
)
def test_write_atomic_failure_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: int, expected: str
) -> None:
    target = tmp_path / "charte.docx"
    target.write_bytes(b"previous")

    def failing_replace(src: Any, dst: Any) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(atomic.os, "replace", failing_replace)
    with pytest.raises(OutputError) as caught:
        write_atomic(target, b"data")
    assert expected in caught.value.message
    assert caught.value.problems[0].hint
    assert caught.value.problems[0].file == str(target)
    assert leftovers(tmp_path) == []
    assert target.read_bytes() == b"previous"


def test_write_atomic_interrupted_mid_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "plan.docx", b"x" * 100_000)
    assert list(tmp_path.iterdir()) == []


def test_write_atomic_real_errors(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="n'existe pas"):
        write_atomic(tmp_path / "absent" / "doc.docx", b"x")
    with pytest.raises(OutputError, match="trop long"):
        write_atomic(tmp_path / ("n" * 300 + ".docx"), b"x")
    (tmp_path / "dossier.docx").mkdir()
    with pytest.raises(OutputError, match="dossier porte déjà ce nom"):
        write_atomic(tmp_path / "dossier.docx", b"x")
    assert leftovers(tmp_path) == []
