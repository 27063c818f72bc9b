"""coopdocs.atomic.write_atomic and Staged: readers see the old file or the new one, never half
of one."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from coopdocs import atomic
from coopdocs.atomic import Staged, write_atomic
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


def test_staged_files_are_all_synced_before_the_first_takes_its_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    names = [f"doc{i}.docx" for i in range(5)]
    for name in names:
        (tmp_path / name).write_bytes(b"old")
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        real_fsync(fd)
        events.append("sync")

    def replace(src: Any, dst: Any) -> None:
        events.append(f"replace {Path(dst).name}")
        real_replace(src, dst)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    monkeypatch.setattr(atomic.os, "replace", replace)
    with Staged([(tmp_path / n, f"new {n}".encode() * 10_000) for n in names]) as files:
        assert events == ["sync"] * 5
        assert all((tmp_path / n).read_bytes() == b"old" for n in names)
        for name in reversed(names):  # the caller's order
            files.replace(tmp_path / name)
    assert events[5:] == [f"replace {n}" for n in reversed(names)]
    assert all((tmp_path / n).read_bytes() == f"new {n}".encode() * 10_000 for n in names)
    assert leftovers(tmp_path) == []


def test_staged_files_refused_or_never_replaced_are_removed(tmp_path: Path) -> None:
    first, second, third = (tmp_path / n for n in ("a.docx", "b.docx", "c.docx"))
    second.write_bytes(b"edited by hand")

    def refuse() -> None:
        raise LookupError("edited meanwhile")

    with Staged([(first, b"1"), (second, b"2"), (third, b"3")]) as files:
        files.replace(first)
        with pytest.raises(LookupError):
            files.replace(second, before_replace=refuse)
        # the third is never replaced: the old state stays, its temporary file goes
    assert first.read_bytes() == b"1"
    assert second.read_bytes() == b"edited by hand"
    assert not third.exists()
    assert leftovers(tmp_path) == []


def test_staged_sync_failure_is_french_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}
    real_fsync = os.fsync

    def full(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_fsync(fd)

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OutputError) as caught, Staged(
            [(tmp_path / f"d{i}.docx", b"x" * 1000) for i in range(4)]):
        pass
    assert "disque est plein" in caught.value.message
    assert calls["n"] == 4  # every sync was waited for before the files were closed
    assert list(tmp_path.iterdir()) == []
