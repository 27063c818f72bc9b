"""Ctrl-C and SIGTERM during a run: a request to stop, answered between two projects.

Python turns Ctrl-C into an exception raised wherever the program happens to be: inside a
finalizer it is printed and lost (the run then finished as if nothing happened), inside lxml
or docxtpl it could come out as one of their errors, inside a write it leaves half a project.
While a run lasts, `catching_signals` replaces that with a flag: the first Ctrl-C or SIGTERM
asks the run to stop, which it does after the projects under way (each one all or nothing)
and says how many were done; a second Ctrl-C stops at once, as Python would.

The flag is a `multiprocessing` event, so worker processes see it too (a worker waiting for
another coopdocs' folder lock stops waiting).
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType
from typing import Any

__all__ = ["Stop", "catching_signals"]

_NAMES: dict[int, str] = {signal.SIGINT: "ctrl-c", signal.SIGTERM: "sigterm"}


class Stop:
    """Whether the run was asked to stop, and by which signal ("ctrl-c", "sigterm")."""

    def __init__(self, event: Any = None) -> None:
        # A multiprocessing event when workers must see it; a process-local one otherwise.
        self.event = event if event is not None else threading.Event()
        self.reason: str | None = None

    def requested(self) -> bool:
        return bool(self.event.is_set())

    def request(self, reason: str) -> None:
        self.reason = self.reason or reason
        self.event.set()

    @classmethod
    def shared(cls, context: Any = None) -> Stop:
        """A flag that worker processes of `context` can read."""
        return cls((context or multiprocessing).Event())


@contextmanager
def catching_signals(stop: Stop) -> Iterator[Stop]:
    """Turn Ctrl-C and SIGTERM into `stop.request(…)` while the block runs (main thread only:
    elsewhere Python cannot install handlers, and signals keep their usual effect)."""
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        if stop.requested() and signum == signal.SIGINT:
            raise KeyboardInterrupt  # a second Ctrl-C: the user does not want to wait
        stop.request(_NAMES.get(signum, "signal"))

    previous = {signum: signal.signal(signum, handler) for signum in _NAMES}
    try:
        yield stop
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)
