"""`coopdocs tableau` on a network's folder: the goal is 200 projects in under 10 s.

    .venv/bin/python benchmarks/bench_tableau.py [--projects 200] [--jobs 1,2] [--rounds 3]

Generates N varied valid projects (`benchmarks/projects.py`, as bench_build does), then runs the
command a user runs, `coopdocs tableau DOSSIER -o projets.xlsx`, in a fresh process each time
(start-up, reading and checking every project, the progress of the ten steps, the workbook and
its manifest), and prints the wall time of each run and the best. Also the CSV variant.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from projects import generate  # the benchmarks are not a package

GOAL = 10.0  # seconds for 200 projects (issue 18)


def _run(folder: Path, output: Path, jobs: int, *extra: str) -> float:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "coopdocs", "tableau", str(folder), "-o",
                           str(output), "--jobs", str(jobs), "--force", *extra],
                          capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"coopdocs tableau a échoué :\n{done.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--jobs", default="1,2", help="nombres de processus, séparés par des "
                        "virgules")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "projets"
        folder.mkdir()
        generate(args.projects, folder)
        print(f"{args.projects} projets générés dans {folder}")
        for jobs in (int(j) for j in args.jobs.split(",")):
            for variant, extra in (("xlsx", ()), ("csv", ("--csv",))):
                times = [_run(folder, Path(tmp) / f"projets-{jobs}.{variant}", jobs, *extra)
                         for _ in range(args.rounds)]
                best = min(times)
                verdict = "objectif tenu" if best < GOAL else "OBJECTIF MANQUÉ"
                shown = ", ".join(f"{t:.2f}" for t in times)
                print(f"--jobs {jobs} {variant:4} : meilleur {best:.2f} s ({shown}) — "
                      f"{verdict} (< {GOAL:.0f} s pour 200 projets)")


if __name__ == "__main__":
    main()
