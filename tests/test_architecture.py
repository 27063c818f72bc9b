"""The house rules that import-linter cannot see, read from the code itself (DESIGN.md).

`lint-imports` (run by `make test`) checks the layers, the cycles and who may import click
and matplotlib; these tests check the rest: imports only at the top of a module outside the
command line, no private name taken from another module, no module named like a standard one,
no print in the library, package `__init__` files that only describe their package.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "coopdocs"
MODULES = sorted(PACKAGE.rglob("*.py"))


def _relative(path: Path) -> str:
    return path.relative_to(PACKAGE.parent).as_posix()


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports_in_functions(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    yield inner.lineno, ast.unparse(inner)


def _resolve(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")[: -node.level] if node.level else []
    return ".".join([*base, node.module] if node.module else base)


def test_modules_were_found() -> None:
    assert len(MODULES) > 60
    assert all(p.stat().st_size for p in MODULES if p.name != "__init__.py")


@pytest.mark.parametrize("path", MODULES, ids=_relative)
def test_imports_inside_functions_only_in_the_command_line(path: Path) -> None:
    if "cli" in path.relative_to(PACKAGE).parts:
        return  # the CLI imports the library inside its commands, to start fast
    assert list(_imports_in_functions(_tree(path))) == []


@pytest.mark.parametrize("path", MODULES, ids=_relative)
def test_no_private_name_taken_from_another_module(path: Path) -> None:
    module = _module_name(path)
    taken = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom) and _resolve(module, node).startswith("coopdocs"):
            taken += [f"{_resolve(module, node)}.{alias.name}" for alias in node.names
                      if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert taken == []


@pytest.mark.parametrize("path", MODULES, ids=_relative)
def test_no_print_in_the_library(path: Path) -> None:
    if "cli" in path.relative_to(PACKAGE).parts:
        return
    calls = [node.lineno for node in ast.walk(_tree(path)) if isinstance(node, ast.Call)
             and isinstance(node.func, ast.Name) and node.func.id in ("print", "input")]
    assert calls == []


def test_no_module_named_like_a_standard_one() -> None:
    shadows = [_relative(p) for p in MODULES
               if p.stem in sys.stdlib_module_names and p.stem != "__init__"]
    assert shadows == []


@pytest.mark.parametrize("path", [p for p in MODULES if p.name == "__init__.py"
                                  and p.parent != PACKAGE], ids=_relative)
def test_package_init_only_describes_its_package(path: Path) -> None:
    body = _tree(path).body
    assert len(body) == 1
    assert isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant)
    # Each module of the package is named in the description, so the map stays true.
    described = body[0].value.value
    for module in sorted(path.parent.iterdir()):
        name = module.stem if module.suffix == ".py" else module.name
        if name.startswith("_") or not (module.suffix == ".py" or (module / "__init__.py")
                                        .exists()):
            continue
        assert f"`{name}`" in described, f"{_relative(path)} does not describe `{name}`"
