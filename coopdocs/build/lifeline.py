"""Child processes that end with coopdocs: worker processes, and LibreOffice.

A batch killed from outside (kill -9, a closed terminal, a CI timeout) must not leave workers
writing on for nobody, nor a LibreOffice converting or hanging forever.

- `die_with_parent()`, called in each worker process: on Linux the kernel kills the worker
  when its parent ends (`prctl(PR_SET_PDEATHSIG)`); elsewhere a watchdog thread does.
- `guarded(command)`: the command run under a small guardian, ``python -m
  coopdocs.build.lifeline COMMAND…``, started in a process group of its own. LibreOffice's
  ``soffice`` starts ``soffice.bin`` as a child: the guardian kills the whole group when
  coopdocs ends, however it ends, and coopdocs kills the group on a timeout or a Ctrl-C.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import suppress
from typing import Any

__all__ = ["CANNOT_START", "die_with_parent", "guarded", "main"]

CANNOT_START = 127  # the guardian's exit code when the command cannot be started, as a shell's
_PR_SET_PDEATHSIG = 1
_WATCH_EVERY = 0.5  # seconds between two looks at the parent, where the kernel cannot help


def _on_parent_death(signum: int, action: Callable[[], None]) -> None:
    """Have `signum` delivered (Linux), or `action` run (elsewhere), when the parent ends."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        with suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(_PR_SET_PDEATHSIG, signum, 0, 0, 0) == 0:
                if os.getppid() != parent:  # it died before the request took effect
                    action()
                return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_WATCH_EVERY)
        action()

    threading.Thread(target=watch, name="coopdocs-lifeline", daemon=True).start()


def die_with_parent() -> None:
    """In a worker process: end when the process that started it ends."""
    _on_parent_death(signal.SIGKILL, lambda: os._exit(1))


def guarded(command: list[str]) -> list[str]:
    """`command`, run under the guardian of this module (POSIX; as is on Windows)."""
    if os.name != "posix":
        return command
    return [sys.executable, "-m", "coopdocs.build.lifeline", *command]


def _end_group(*_: Any) -> None:
    # The guardian leads the group: everything LibreOffice started goes with it.
    with suppress(OSError):
        os.killpg(0, signal.SIGKILL)
    os._exit(1)


def main(argv: list[str]) -> int:
    """The guardian: run `argv` in this process group; kill the group if coopdocs ends."""
    signal.signal(signal.SIGTERM, _end_group)
    _on_parent_death(signal.SIGTERM, _end_group)
    try:
        child = subprocess.Popen(argv)
    except OSError:
        return CANNOT_START
    return child.wait()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
