"""Start-up time of the commands people run most: `coopdocs --help` and `coopdocs validate`.

Goals (2-core machine): `--help` under 0.2 s and `validate examples/exemple-complet.yaml` under
0.5 s, wall clock, including the interpreter start. Runs each command several times in
interleaved order (the machine's speed drifts) and prints the median and the best run, plus the
modules that `validate` imports which it should not need.

    .venv/bin/python benchmarks/bench_startup.py [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOALS = {"help": 0.2, "validate": 0.5}
HEAVY = ("docxtpl", "docx", "matplotlib", "babel", "num2words", "lxml", "jinja2", "openpyxl",
         "python_calamine")


def _coopdocs() -> list[str]:
    script = Path(sys.executable).with_name("coopdocs")
    if script.exists():
        return [str(script)]
    found = shutil.which("coopdocs")
    return [found] if found else [sys.executable, "-m", "coopdocs"]


def _time(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - start


def _heavy_imports() -> list[str]:
    code = ("import sys; from coopdocs.check.project import check_project; "
            "check_project('examples/exemple-complet.yaml'); "
            "print('\\n'.join(sorted(sys.modules)))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True, check=True).stdout.split()
    return sorted({m.split(".")[0] for m in out if m.split(".")[0] in HEAVY})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    base = _coopdocs()
    commands = {"help": [*base, "--help"],
                "validate": [*base, "validate", "examples/exemple-complet.yaml"]}
    for cmd in commands.values():  # warm the OS caches once
        _time(cmd)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            times[name].append(_time(cmd))
    print(f"machine: {os.cpu_count()} cœurs, Python {sys.version.split()[0]}, "
          f"{args.runs} exécutions de chaque commande")
    ok = True
    for name, values in times.items():
        median = statistics.median(values)
        goal = GOALS[name]
        verdict = "ok" if median < goal else "TROP LENT"
        ok = ok and median < goal
        print(f"{name:9s} médiane {median * 1000:6.0f} ms   meilleure {min(values) * 1000:6.0f} ms"
              f"   objectif < {goal * 1000:.0f} ms   {verdict}")
    heavy = _heavy_imports()
    print("modules lourds importés par validate :", ", ".join(heavy) if heavy else "aucun")
    return 0 if ok and not heavy else 1


if __name__ == "__main__":
    sys.exit(main())
