"""Stopping a run (coopdocs.build.interrupt, coopdocs.build.lifeline): Ctrl-C and SIGTERM
stop cleanly with the count of projects done; worker processes never outlive coopdocs; the
next run leaves no temporary file (issue 14)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path
from typing import Any

import docx
import pytest

from coopdocs.build.batch import build_projects

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"),
                                reason="reads /proc to find the worker processes")


@pytest.fixture
def six(project_file, tmp_path: Path) -> Path:
    folder = tmp_path / "projets"
    for number in range(6):
        project_file("exemple-minimal", filename=f"projet-{number}.yaml", folder=folder)
    return folder


def test_ctrl_c_stops_between_two_projects_and_says_how_many_were_done(
        six: Path, tmp_path: Path) -> None:
    def on_event(kind: str, payload: Any) -> None:
        if kind == "projet":  # Ctrl-C as the first project ends
            os.kill(os.getpid(), signal.SIGINT)

    run = build_projects([six], tmp_path / "sortie", jobs=1, on_event=on_event)
    assert run.interrupted == "ctrl-c"
    assert len(run.projects) == 1 and run.projects[0].ok
    assert run.summary["interrompu"] is True and run.summary["non_traites"] == 5
    assert run.summary_lines()[0] == ("Interrompu par Ctrl-C : 1 projet traité sur 6, chacun en "
                                      "entier ; 5 projets non traités, à relancer.")
    assert sorted(p.name for p in (tmp_path / "sortie").iterdir()) == ["projet-0"]


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(n) for n in text.split()]


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits to be read


def _start_batch(folder: Path, out: Path) -> tuple[subprocess.Popen[str], list[int]]:
    """`coopdocs build -j2` started, its first project written, and its two workers."""
    process = subprocess.Popen([sys.executable, "-m", "coopdocs", "build", str(folder), "-o",
                                str(out), "-j", "2"], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 120
    workers: list[int] = []
    while time.monotonic() < deadline:
        workers = _children(process.pid)
        if len(workers) >= 2 and any(out.glob("*/.coopdocs.json")):
            return process, workers
        time.sleep(0.05)
    process.kill()
    pytest.fail("the batch did not start its two workers")


def _gone(pids: list[int], seconds: float = 10) -> bool:
    deadline = time.monotonic() + seconds
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(_alive(p) for p in pids)


def test_sigterm_of_a_j2_batch_stops_it_cleanly_and_leaves_no_process(six: Path,
                                                                     tmp_path: Path) -> None:
    out = tmp_path / "sortie"
    process, workers = _start_batch(six, out)
    process.send_signal(signal.SIGTERM)
    try:
        stdout, _ = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        for pid in [process.pid, *workers]:  # leave nothing behind, even on failure
            with suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        pytest.fail("the batch did not stop on SIGTERM")
    assert process.returncode == 143
    assert "Interrompu par un signal d'arrêt (SIGTERM) : " in stdout
    assert _gone(workers), "a worker outlived its batch"
    for document in out.glob("*/*.docx"):  # what was written is whole
        docx.Document(str(document))


def test_kill_9_of_a_j2_batch_takes_its_workers_and_the_next_run_cleans_up(
        six: Path, tmp_path: Path) -> None:
    out = tmp_path / "sortie"
    process, workers = _start_batch(six, out)
    process.send_signal(signal.SIGKILL)
    process.communicate(timeout=60)
    assert _gone(workers), "a worker outlived its batch, writing on for nobody"
    # Leftovers of the kill, as a run killed inside a write would leave them.
    folder = next(out.glob("*/.coopdocs.json")).parent
    (folder / ".convention-de-partenariat.docx.0badcafe.coopdocs.tmp").write_bytes(b"moit")
    rerun = subprocess.run([sys.executable, "-m", "coopdocs", "build", str(six), "-o", str(out),
                            "-j", "2"], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert list(out.rglob("*.tmp")) == []
    assert len(list(out.glob("*/*.docx"))) == 6 * 4
