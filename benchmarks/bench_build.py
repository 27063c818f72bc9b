"""Batch build speed and memory: coopdocs' build against a naive docxtpl loop, same inputs.

    .venv/bin/python benchmarks/bench_build.py --projects 200 [--jobs 1,2] [--naive-sample 200]

Generates N varied projects from examples/ (names, number of partners, text lengths), then, each
measurement in its own fresh process (so that peak memory is that measurement's own):

(a) coopdocs: `coopdocs.build.batch.build_projects(files, outdir, jobs=J)`, the library API the CLI
    uses (load, validate, build the context with its charts, render, verify, write with the
    manifest), once per value of --jobs;
(b) naive: for the same project files, the same context (`build_context`, timed apart), then
    `DocxTemplate(path).render(context, jinja_env=…, autoescape=True); save(path)` per
    document, on the same built-in templates (on the first --naive-sample projects: its rate
    per document does not depend on how many projects follow).

Printed: documents per second of the document stage (render + checks + write; for coopdocs
summed over the projects, one job), of the whole build (wall clock), `ratio: X` = coopdocs
over naive on the document stage (same templates, same contexts), the scaling of --jobs, and
peak memory: ru_maxrss of the measuring process (RUSAGE_SELF) and of its largest worker
(RUSAGE_CHILDREN). With workers, the tree's peak is at most parent + J × largest worker (less
in practice: forked workers share the parent's pages).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = [ROOT / "examples" / "exemple-complet.yaml", ROOT / "examples" / "exemple-minimal.yaml"]
PARTNER = """  - id: ajout{k}
    raison_sociale: "Structure associée {i}-{k}"
    forme_juridique: association
    type_structure: aci
    siret: "{siret}"
    adresse: {{ligne1: "{k} rue de la Coopération", code_postal: "93140", commune: "Bondy"}}
    representant: {{civilite: madame, prenom: "Anne", nom: "Martin-{k}", qualite: "Présidente"}}
    role: partenaire_operationnel
"""
SENTENCE = "Les partenaires mettent en commun leurs savoir-faire et leurs moyens. "


def _siret(rng: random.Random) -> str:
    digits = [rng.randrange(10) for _ in range(13)]
    for last in range(10):
        total = 0
        for index, digit in enumerate([*digits, last]):
            doubled = digit * 2 if index % 2 == 0 else digit
            total += doubled - 9 if doubled > 9 else doubled
        if total % 10 == 0:
            return "".join(map(str, [*digits, last]))
    raise AssertionError


def generate(count: int, folder: Path) -> list[Path]:
    """`count` valid, varied project files in `folder`."""
    rng = random.Random(20261127)
    sources = [p.read_text(encoding="utf-8") for p in EXAMPLES]
    files = []
    for i in range(count):
        text = sources[i % 2]
        text = re.sub(r'(?m)^  nom: "(.*)"$', lambda m, i=i: f'  nom: "{m[1]} n°{i}"', text,
                      count=1)
        text = re.sub(r'raison_sociale: "([^"]*)"', lambda m, i=i: f'raison_sociale: "{m[1]} {i}"',
                      text)
        if i % 2:  # the minimal example: 0 to 4 more partners
            extra = "".join(PARTNER.format(i=i, k=k, siret=_siret(rng)) for k in range(i % 5))
            text = text.replace("\nobjectif_commun:", f"{extra}\nobjectif_commun:", 1)
            text = text.replace('objectif_commun: "', f'objectif_commun: "{SENTENCE * (i % 4)}', 1)
        path = folder / f"projet-{i:04d}.yaml"
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def _memory() -> dict[str, float]:
    scale = 1024 if sys.platform != "darwin" else 1024 * 1024  # ru_maxrss: KiB (bytes on macOS)
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale
    return {"parent_mib": round(own, 1), "worker_mib": round(workers, 1)}


def phase_coopdocs(files: list[Path], out: Path, jobs: int) -> dict[str, Any]:
    from coopdocs.build.batch import build_projects

    start = time.perf_counter()
    run = build_projects(files, out, jobs=jobs)
    wall = time.perf_counter() - start
    documents = sum(len(r.written) for r in run.projects)
    stage = sum(r.seconds.get("rendu", 0) + r.seconds.get("ecriture", 0) for r in run.projects)
    load = sum(r.seconds.get("chargement", 0) for r in run.projects)
    return {"documents": documents, "failed": len(run.failed), "wall_s": wall,
            "document_stage_s": stage, "load_and_context_s": load, **_memory()}


def phase_naive(files: list[Path], out: Path) -> dict[str, Any]:
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    from coopdocs.check.project import check_project
    from coopdocs.context.assemble import build_context
    from coopdocs.context.charts.painter import PAINTER
    from coopdocs.context.documents import CATALOGUE
    from coopdocs.context.picture import Picture
    from coopdocs.render.sandbox import make_environment
    from coopdocs.render.templates import BUILTIN_DIR

    def bind(value: Any, tpl: Any) -> Any:  # the context's pictures, as docxtpl wants them
        if isinstance(value, Picture):
            return InlineImage(tpl, io.BytesIO(value.data), width=Mm(value.width_mm))
        if isinstance(value, dict):
            return {k: bind(v, tpl) for k, v in value.items()}
        if isinstance(value, list | tuple):
            return [bind(v, tpl) for v in value]
        return value

    env = make_environment()
    documents, stage, load = 0, 0.0, 0.0
    for file in files:
        started = time.perf_counter()
        project, _ = check_project(file)
        if project is None:
            continue
        context = build_context(project, painter=PAINTER)
        load += time.perf_counter() - started
        folder = out / file.stem
        folder.mkdir(parents=True, exist_ok=True)
        for document in CATALOGUE:
            if document.applies(project.data) is not None:
                continue
            started = time.perf_counter()
            tpl = DocxTemplate(BUILTIN_DIR / document.template)
            tpl.render(bind(context, tpl), jinja_env=env, autoescape=True)
            tpl.save(folder / document.filename)
            stage += time.perf_counter() - started
            documents += 1
    return {"documents": documents, "document_stage_s": stage, "load_and_context_s": load,
            "wall_s": stage + load, **_memory()}


def _child(phase: str, folder: Path, count: int, jobs: int) -> dict[str, Any]:
    command = [sys.executable, __file__, "--phase", phase, "--dir", str(folder),
               "--projects", str(count), "--jobs", str(jobs)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode:
        sys.exit(f"phase {phase} a échoué :\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _rate(result: dict[str, Any], key: str) -> float:
    return result["documents"] / result[key] if result[key] else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=200)
    parser.add_argument("--jobs", default=f"1,{os.cpu_count() or 1}",
                        help="valeurs de --jobs à mesurer, séparées par des virgules")
    parser.add_argument("--naive-sample", type=int, default=200)
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:  # inside a measuring child process
        folder = Path(args.dir)
        files = sorted((folder / "projets").glob("*.yaml"))[: args.projects]
        out = Path(tempfile.mkdtemp(dir=folder))
        result = (phase_naive(files, out) if args.phase == "naive"
                  else phase_coopdocs(files, out, int(args.jobs)))
        print(json.dumps(result))
        return
    jobs = sorted({int(j) for j in args.jobs.split(",")})
    with tempfile.TemporaryDirectory(prefix="coopdocs-bench-") as work:
        folder = Path(work)
        (folder / "projets").mkdir()
        generate(args.projects, folder / "projets")
        print(f"{args.projects} projets générés ; {os.cpu_count()} cœurs")
        ours = {j: _child("coopdocs", folder, args.projects, j) for j in jobs}
        naive = _child("naive", folder, min(args.naive_sample, args.projects), 1)
    for j, result in ours.items():
        print(f"coopdocs --jobs {j} : {result['documents']} documents, "
              f"{result['failed']} projets en échec, {result['wall_s']:.1f} s au total "
              f"({_rate(result, 'wall_s'):.1f} docs/s de bout en bout), "
              f"mémoire max : processus {result['parent_mib']} Mio, "
              f"plus gros worker {result['worker_mib']} Mio")
    print(f"naïf : {naive['documents']} documents, {naive['wall_s']:.1f} s au total "
          f"({_rate(naive, 'wall_s'):.1f} docs/s de bout en bout), "
          f"mémoire max : {naive['parent_mib']} Mio")
    base = ours[jobs[0]]
    print(f"étape document (rendu + vérification + écriture), {jobs[0]} job : "
          f"coopdocs {_rate(base, 'document_stage_s'):.0f} docs/s, "
          f"naïf {_rate(naive, 'document_stage_s'):.0f} docs/s")
    print(f"chargement + contexte (graphiques compris) par projet : coopdocs "
          f"{base['load_and_context_s'] / args.projects * 1000:.0f} ms")
    print(f"ratio: {_rate(base, 'document_stage_s') / _rate(naive, 'document_stage_s'):.1f}")
    print(f"ratio de bout en bout: {_rate(base, 'wall_s') / _rate(naive, 'wall_s'):.2f}")
    if len(jobs) > 1:
        top = ours[jobs[-1]]
        print(f"--jobs {jobs[-1]} / --jobs {jobs[0]} : "
              f"{_rate(top, 'wall_s') / _rate(base, 'wall_s'):.2f}×")


if __name__ == "__main__":
    main()
