"""Start the page: a socket on 127.0.0.1, a token, and uvicorn serving the app.

`prepare` binds the socket first, so that the address (with its port and token) is known
before anything is served: the command line prints it and opens the browser, then calls
`Served.run`, which returns when the server is stopped (Ctrl-C). Tests run the same server in
a thread and stop it with `Served.stop`.
"""

from __future__ import annotations

import errno
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn

from coopdocs.errors import OutputError, Problem
from coopdocs.serve.app import create_app
from coopdocs.serve.guard import Keys
from coopdocs.serve.workspace import Workspace

__all__ = ["DEFAULT_PORT", "Served", "prepare"]

DEFAULT_PORT = 8750
HOST = "127.0.0.1"  # never another interface: the page writes files


@dataclass
class Served:
    """A server ready to run: its address, its folder, and uvicorn."""

    url: str
    keys: Keys
    workspace: Workspace
    server: uvicorn.Server
    sock: socket.socket

    def run(self) -> None:
        """Serve until stopped (Ctrl-C, or `stop` from another thread)."""
        try:
            self.server.run(sockets=[self.sock])
        finally:
            self.sock.close()

    def stop(self) -> None:
        self.server.should_exit = True

    @property
    def started(self) -> bool:
        return bool(self.server.started)


def _bind(port: int | None) -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((HOST, DEFAULT_PORT if port is None else port))
    except OSError as error:
        if port is None and error.errno == errno.EADDRINUSE:
            sock.bind((HOST, 0))  # the usual port is taken: any free one will do
        else:
            sock.close()
            reason = ("il est déjà utilisé par un autre programme"
                      if error.errno == errno.EADDRINUSE else (error.strerror or str(error)))
            raise OutputError([Problem(
                f"Impossible d'ouvrir la page sur le port {port} : {reason}.",
                hint="choisissez un autre port, par exemple --port 8751, ou n'en donnez pas",
                code="port-indisponible")]) from None
    sock.listen(64)
    return sock


def prepare(given: Path, *, port: int | None = None, outdir: Path = Path("sortie"),
            **uvicorn_options: Any) -> Served:
    """A server over `given` (a project file, or a folder of projects), bound and ready."""
    sock = _bind(port)
    keys = Keys.new(sock.getsockname()[1])
    workspace = Workspace(Path(given), outdir)
    app = create_app(workspace, keys)
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off",
                            server_header=False, **uvicorn_options)
    return Served(keys.url, keys, workspace, uvicorn.Server(config), sock)
