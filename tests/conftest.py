"""Fixtures shared by the test modules: the contract examples, loaded and normalised once."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from coopdocs.load import load_project

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TOOLS = Path(__file__).resolve().parents[1] / "tools"
# The template builders and doc generators are scripts of tools/, importable by their names
# (``import tpl_gouvernance``) exactly as tools/build_templates.py imports them.
if str(TOOLS) not in sys.path:
    sys.path.insert(0, str(TOOLS))


@pytest.fixture(scope="session")
def complet() -> dict[str, Any]:
    """The normalised data of examples/exemple-complet.yaml (do not mutate: deepcopy it)."""
    return load_project(EXAMPLES / "exemple-complet.yaml").data


@pytest.fixture(scope="session")
def minimal() -> dict[str, Any]:
    """The normalised data of examples/exemple-minimal.yaml (do not mutate: deepcopy it)."""
    return load_project(EXAMPLES / "exemple-minimal.yaml").data
