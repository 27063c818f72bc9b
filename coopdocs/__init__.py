"""coopdocs: from one YAML description of a cooperation project to French legal Word documents.

`import coopdocs` stays instant (the CLI's `--help` depends on it): the public names below are
imported on first use through the module `__getattr__`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from coopdocs.errors import CoopdocsError
    from coopdocs.load import Project, check_project, load_project

_LAZY = {
    "load_project": "coopdocs.load",
    "check_project": "coopdocs.load",
    "Project": "coopdocs.load",
    "CoopdocsError": "coopdocs.errors",
}

__all__ = ["CoopdocsError", "Project", "__version__", "check_project", "load_project"]


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'coopdocs' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value  # later look-ups skip __getattr__
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
