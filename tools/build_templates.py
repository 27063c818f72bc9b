"""(Re)create the .docx templates of ``coopdocs/templates/`` from their builder scripts.

    .venv/bin/python tools/build_templates.py [--out DIR] [code ...]

Each document has a builder module ``tools/tpl_<name>.py`` exposing ``build(folder) -> Path``.
The generated templates are committed (legal advisers edit them in Word); these scripts are how
developers author them. """

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
DEFAULT_OUT = ROOT / "coopdocs" / "templates"

# document code → builder module (in tools/)
BUILDERS = {
    "convention": "tpl_convention",
    "charte": "tpl_charte",
    "gouvernance": "tpl_gouvernance",
    "cartographie": "tpl_cartographie",
    "plan-action": "tpl_plan_action",
    "feuille-de-route": "tpl_feuille_de_route",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("codes", nargs="*", help=f"documents to build: {', '.join(BUILDERS)} "
                        "(all by default)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(TOOLS))
    unknown = [code for code in args.codes if code not in BUILDERS]
    if unknown:
        parser.error(f"unknown document(s): {', '.join(unknown)}")
    for code in args.codes or list(BUILDERS):
        module_name = BUILDERS[code]
        module = importlib.import_module(module_name)
        path = module.build(args.out)
        print(f"{code}: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
