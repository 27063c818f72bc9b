"""Batch build speed and memory: coopdocs' build against a naive docxtpl loop, same inputs.

    .venv/bin/python benchmarks/bench_build.py --projects 200 [--jobs 1,2] [--rounds 2]

Generates N varied projects (`benchmarks/projects.py`: the complete example with 2 to 8
stakeholders, 4 to 15 tasks and up to 5 more partners; one in five the minimal example), then
measures, each measurement in its own fresh process (so that peak memory is its own), in turn
— coopdocs, naive, coopdocs with more jobs, and again for each round — so that a machine that
slows down or speeds up during the run weighs on both sides alike:

(a) coopdocs: `coopdocs.build.batch.build_projects(files, outdir, jobs=J)`, the library API the
    CLI uses (read, check, context with its pictures, render, verify, write with the manifest);
    with one job, the time spent in ``fsync`` is reported apart;
(b) naive: for the same project files, the same check and the same context (pictures
    included), then `DocxTemplate(path).render(context, jinja_env=…, autoescape=True);
    save(path)` per document, on the same built-in templates, the pictures inserted the naive
    way: their WordprocessingML as a safe string (on the first --naive-sample projects: its
    rate per document does not depend on how many follow).

Then one large project (60 partners, 500 tasks; `projects.large_project`), built alone.

Printed: documents per second of the document stage (render + checks + write; for coopdocs
summed over the projects, one job), of the whole build end to end (reading and checking the
project and building its context included), `ratio: X` = coopdocs over naive on the document
stage, `ratio de bout en bout: X` = the same for the whole build, the scaling of --jobs, peak
memory (ru_maxrss of the measuring process and of its largest worker) and the large project's
time. Times are summed over the rounds.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from projects import generate, large_project  # the benchmarks are not a package


def _memory() -> dict[str, float]:
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024  # ru_maxrss: KiB (bytes on macOS)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale
    return {"parent_mib": round(own, 1), "worker_mib": round(workers, 1)}


def _count_fsync() -> list[tuple[float, float]]:
    """Note when every fsync of this process starts and ends (one job: the workers of more
    jobs are not seen). Files are synced side by side (`atomic.sync_files`): the time waited
    is the union of these intervals (`_waited`), not their sum."""
    from coopdocs import atomic

    spans: list[tuple[float, float]] = []
    real = os.fsync

    def timed(fd: int) -> None:
        started = time.perf_counter()
        try:
            real(fd)
        finally:
            spans.append((started, time.perf_counter()))  # list.append is atomic

    atomic.os.fsync = timed  # type: ignore[assignment]
    return spans


def _waited(spans: list[tuple[float, float]]) -> float:
    total, end = 0.0, float("-inf")
    for start, stop in sorted(spans):
        if stop > end:
            total += stop - max(start, end)
            end = stop
    return total


def phase_coopdocs(files: list[Path], out: Path, jobs: int) -> dict[str, Any]:
    from coopdocs.build.batch import build_projects

    spans = _count_fsync() if jobs == 1 else []
    start = time.perf_counter()
    run = build_projects(files, out, jobs=jobs)
    wall = time.perf_counter() - start
    documents = sum(len(r.written) for r in run.projects)
    stage = sum(r.seconds.get("rendu", 0) + r.seconds.get("ecriture", 0) for r in run.projects)
    load = sum(r.seconds.get("chargement", 0) for r in run.projects)
    return {"documents": documents, "failed": len(run.failed), "wall_s": wall,
            "document_stage_s": stage, "load_and_context_s": load, "fsync_s": _waited(spans),
            **_memory()}


def phase_naive(files: list[Path], out: Path) -> dict[str, Any]:
    from docxtpl import DocxTemplate
    from markupsafe import Markup

    from coopdocs.check.project import check_project
    from coopdocs.context.assemble import build_context
    from coopdocs.context.documents import CATALOGUE
    from coopdocs.context.picture import Drawing, Table
    from coopdocs.render.figures import wordml
    from coopdocs.render.sandbox import make_environment
    from coopdocs.render.templates import BUILTIN_DIR

    def bind(value: Any) -> Any:  # the context's pictures, as raw markup a template prints
        if isinstance(value, Table | Drawing):
            return Markup(wordml(value))
        if isinstance(value, dict):
            return {k: bind(v) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [bind(v) for v in value]
        return value

    env = make_environment()
    documents, stage, load = 0, 0.0, 0.0
    for file in files:
        started = time.perf_counter()
        project, _ = check_project(file)
        if project is None:
            continue
        context = bind(build_context(project))
        load += time.perf_counter() - started
        folder = out / file.stem
        folder.mkdir(parents=True, exist_ok=True)
        for document in CATALOGUE:
            if document.applies(project.data) is not None:
                continue
            started = time.perf_counter()
            tpl = DocxTemplate(BUILTIN_DIR / document.template)
            tpl.render(context, jinja_env=env, autoescape=True)
            tpl.save(folder / document.filename)
            stage += time.perf_counter() - started
            documents += 1
    return {"documents": documents, "document_stage_s": stage, "load_and_context_s": load,
            "wall_s": stage + load, **_memory()}


def phase_large(folder: Path) -> dict[str, Any]:
    from coopdocs.build.batch import build_projects

    file = next((folder / "grand").glob("*.yaml"))
    times = []
    for _ in range(3):
        out = Path(tempfile.mkdtemp(dir=folder))
        start = time.perf_counter()
        run = build_projects([file], out)
        times.append(time.perf_counter() - start)
        if run.failed:
            sys.exit(f"le grand projet a échoué : {run.projects[0].problems}")
    return {"seconds": sorted(times)[1], "documents": len(run.projects[0].written), **_memory()}


def _child(phase: str, folder: Path, count: int, jobs: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--phase", phase, "--dir", str(folder),
               "--projects", str(count), "--jobs", str(jobs)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"phase {phase} a échoué :\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _add(total: dict[str, Any] | None, one: dict[str, Any]) -> dict[str, Any]:
    """Times and counts summed over rounds, memory the largest."""
    if total is None:
        return dict(one)
    return {k: max(v, one[k]) if k.endswith("_mib") else v + one[k] for k, v in total.items()}


def _rate(result: dict[str, Any], key: str) -> float:
    return result["documents"] / result[key] if result[key] else 0.0


def _inside(args: argparse.Namespace) -> None:
    folder = Path(args.dir)
    if args.phase == "large":
        print(json.dumps(phase_large(folder)))
        return
    files = sorted((folder / "projets").glob("*.yaml"))[: args.projects]
    out = Path(tempfile.mkdtemp(dir=folder))
    result = (phase_naive(files, out) if args.phase == "naive"
              else phase_coopdocs(files, out, int(args.jobs)))
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--jobs", default=f"1,{os.cpu_count() or 1}",
                        help="valeurs de --jobs à mesurer, séparées par des virgules")
    parser.add_argument("--naive-sample", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=2,
                        help="nombre de passages alternés (coopdocs, naïf, coopdocs…)")
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:  # inside a measuring child process
        _inside(args)
        return
    jobs = sorted({int(j) for j in args.jobs.split(",")})
    sample = min(args.naive_sample, args.projects)
    ours: dict[int, dict[str, Any] | None] = dict.fromkeys(jobs)
    naive: dict[str, Any] | None = None
    with tempfile.TemporaryDirectory(prefix="coopdocs-bench-") as work:
        folder = Path(work)
        (folder / "projets").mkdir()
        (folder / "grand").mkdir()
        generate(args.projects, folder / "projets")
        large_project(folder / "grand" / "grand-projet.yaml")
        print(f"{args.projects} projets générés ; {os.cpu_count()} cœurs ; "
              f"{args.rounds} passages alternés")
        for _ in range(args.rounds):
            ours[jobs[0]] = _add(ours[jobs[0]], _child("coopdocs", folder, args.projects,
                                                       jobs[0]))
            naive = _add(naive, _child("naive", folder, sample, 1))
            for j in jobs[1:]:
                ours[j] = _add(ours[j], _child("coopdocs", folder, args.projects, j))
        large = _child("large", folder, 1, 1)
    assert naive is not None
    done = {j: r for j, r in ours.items() if r is not None}
    for j, result in done.items():
        print(f"coopdocs --jobs {j} : {result['documents']} documents, "
              f"{result['failed']} projets en échec, {result['wall_s']:.1f} s au total "
              f"({_rate(result, 'wall_s'):.1f} docs/s de bout en bout), "
              f"mémoire max : processus {result['parent_mib']} Mio, "
              f"plus gros worker {result['worker_mib']} Mio")
    print(f"naïf : {naive['documents']} documents, {naive['wall_s']:.1f} s au total "
          f"({_rate(naive, 'wall_s'):.1f} docs/s de bout en bout), "
          f"mémoire max : {naive['parent_mib']} Mio")
    base = done[jobs[0]]
    print(f"étape document (rendu + vérification + écriture), {jobs[0]} job : "
          f"coopdocs {_rate(base, 'document_stage_s'):.0f} docs/s, "
          f"naïf {_rate(naive, 'document_stage_s'):.0f} docs/s")
    if jobs[0] == 1:
        print(f"dont fsync (coopdocs, 1 job) : {base['fsync_s'] * 1000 / base['documents']:.2f} ms"
              f" par document, {base['fsync_s'] / base['document_stage_s']:.0%} de l'étape")
    print(f"lecture, vérification et contexte (images comprises) par projet : coopdocs "
          f"{base['load_and_context_s'] * 1000 / (args.projects * args.rounds):.1f} ms, "
          f"naïf {naive['load_and_context_s'] * 1000 / (sample * args.rounds):.1f} ms")
    print(f"ratio: {_rate(base, 'document_stage_s') / _rate(naive, 'document_stage_s'):.1f}")
    print(f"ratio de bout en bout: {_rate(base, 'wall_s') / _rate(naive, 'wall_s'):.2f}")
    if len(jobs) > 1:
        top = done[jobs[-1]]
        print(f"--jobs {jobs[-1]} / --jobs {jobs[0]} : "
              f"{_rate(top, 'wall_s') / _rate(base, 'wall_s'):.2f}×")
    print(f"grand projet (60 partenaires, 500 tâches) : {large['documents']} documents en "
          f"{large['seconds']:.2f} s (médiane de 3), mémoire max {large['parent_mib']} Mio")


if __name__ == "__main__":
    main()
