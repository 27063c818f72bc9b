"""`coopdocs serve` on the command line: French help, the address with its token, Ctrl+C, and
a port already taken explained in French."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any

from click.testing import CliRunner

from coopdocs.cli.main import cli

ENTRY = [sys.executable, "-c", "from coopdocs.cli.main import main; main()"]


def test_help_is_french() -> None:
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Ouvre le projet dans une page web, étape par étape" in result.output
    assert "--sans-navigateur" in result.output and "Show this message" not in result.output


def test_serves_until_ctrl_c(project_file: Any, tmp_path: Path) -> None:
    path = project_file("exemple-complet")
    process = subprocess.Popen([*ENTRY, "serve", str(path), "--port", "0", "--sans-navigateur",
                                "-o", str(tmp_path / "sortie")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "NO_COLOR": "1"})
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        url = process.stdout.readline().strip()
        assert first == f"coopdocs serve : le fichier {path} est ouvert à l'adresse\n"
        assert url.startswith("http://127.0.0.1:") and "/?jeton=" in url
        refused = urllib.request.Request(url.split("?")[0])
        try:
            urllib.request.urlopen(refused, timeout=10)
            raise AssertionError("une page sans clé d'accès a répondu")
        except urllib.error.HTTPError as error:
            assert error.code == 403
            assert "Accès refusé" in error.read().decode("utf-8")
    finally:
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert out.rstrip().endswith("Page arrêtée.")
    assert "Traceback" not in err


def test_a_port_already_taken_is_explained_in_french(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = subprocess.run([*ENTRY, "serve", str(tmp_path), "--port", str(port),
                                 "--sans-navigateur"], capture_output=True, text=True,
                                timeout=60, env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 1
    assert f"Impossible d'ouvrir la page sur le port {port} : il est déjà utilisé par un " \
        "autre programme." in result.stderr
    assert "--port 8751" in result.stderr and "Traceback" not in result.stderr


def test_the_command_line_starts_without_the_web_stack() -> None:
    code = ("import sys; from coopdocs.cli.main import cli; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "{'starlette', 'uvicorn', 'multipart', 'playwright'} "
            "or m.startswith('coopdocs.serve')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.strip() == "[]"
