"""coopdocs installed from its wheel, far from the repository, works as a pip user gets it.

The wheel is built as pip builds it (an isolated build with the setuptools of pyproject.toml),
installed without dependencies into a fresh virtual environment in a temporary folder, and run
from another folder with `python -I -m coopdocs`: nothing of the source tree can be found (no
docs/, examples/ or templates/ next to it). The dependencies are lent by the test environment
through a path file, so that the test does not download them again; a path file does not load
the editable install of the test environment, and the test checks that coopdocs is the wheel's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from coopdocs.cli.aide import GUIDES

ROOT = Path(__file__).resolve().parents[1]


def _run(*args: str | Path, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    return subprocess.run([os.fspath(a) for a in args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(the python of a fresh venv holding the wheel, the wheel)."""
    tmp = tmp_path_factory.mktemp("installation")
    built = _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", tmp / "dist", ROOT,
                 cwd=tmp)
    assert built.returncode == 0, built.stdout + built.stderr
    [wheel] = (tmp / "dist").glob("coopdocs-*.whl")
    created = _run(sys.executable, "-m", "venv", tmp / "venv", cwd=tmp)
    assert created.returncode == 0, created.stderr
    python = tmp / "venv" / ("Scripts" if os.name == "nt" else "bin") / "python"
    installed = _run(python, "-m", "pip", "install", "--no-deps", "--no-index", wheel, cwd=tmp)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    purelib = _run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])",
                   cwd=tmp).stdout.strip()
    (Path(purelib) / "dependances-de-test.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return python, wheel


def test_the_wheel_carries_the_licence_the_guides_and_the_data(
        installed: tuple[Path, Path]) -> None:
    names = zipfile.ZipFile(installed[1]).namelist()
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    for file, _ in GUIDES.values():
        assert f"coopdocs/guides/{file}" in names
    assert "coopdocs/data/projet-initial.yaml" in names
    assert "coopdocs/examples/exemple-complet.yaml" in names
    assert "coopdocs/templates/convention-de-partenariat.docx" in names


def test_an_installed_coopdocs_inits_builds_and_shows_its_guides(
        installed: tuple[Path, Path], tmp_path: Path) -> None:
    python, _ = installed
    where = _run(python, "-I", "-c", "import coopdocs; print(coopdocs.__file__)", cwd=tmp_path)
    assert Path(where.stdout.strip()).is_relative_to(python.parents[1]), where

    def coopdocs(*args: str, cwd: Path = tmp_path) -> subprocess.CompletedProcess[str]:
        return _run(python, "-I", "-m", "coopdocs", *args, cwd=cwd)

    started = coopdocs("init")
    assert started.returncode == 0, started.stderr
    assert coopdocs("validate", "--strict").returncode == 1
    built = coopdocs("build", "-j", "1")
    assert built.returncode == 0, built.stderr
    # A projet.yaml builds into a folder named after its own folder.
    [folder] = (tmp_path / "sortie").iterdir()
    assert len(list(folder.glob("*.docx"))) == 5

    example = tmp_path / "exemple"
    example.mkdir()
    assert coopdocs("init", "--exemple", "complet", cwd=example).returncode == 0
    built = coopdocs("build", "-j", "1", cwd=example)
    assert built.returncode == 0, built.stderr
    assert "5 documents écrits" in built.stdout

    for subject, (file, _) in GUIDES.items():
        guide = coopdocs("aide", subject)
        assert guide.returncode == 0, guide.stderr
        assert guide.stdout == (ROOT / "docs" / file).read_text(encoding="utf-8")
