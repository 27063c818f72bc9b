"""Soak test: kill random builds, then check that nothing was lost and nothing was left.

    .venv/bin/python benchmarks/soak.py [--kills 100] [--projects 6] [--pdf-every 5] [--seed N]

`make soak` runs it (it is not part of `make test`: it takes minutes). Each round edits the
project files (so that every document has to be written again), starts
``coopdocs build DIR -o OUT -j 2`` (with ``--pdf`` every `--pdf-every` rounds, when LibreOffice
is installed), kills it after a random delay (SIGKILL, SIGTERM or SIGINT, drawn at random),
then checks:

- every .docx present opens (zip intact, python-docx reads it) and every .pdf present is whole
  (`%PDF-`, its end, a page);
- each folder's manifest is valid JSON and knows every document and PDF on disk (its hash is
  the recorded one or the previous one: the next run replaces it without asking);
- the document edited by hand before the first round is still the edited version;
- no process the build started (workers, LibreOffice) is alive 10 s after the kill.

After the last round, a build that is not killed must succeed for every project but the one
edited by hand (refused, as it must be), and leave no temporary file. The figures are printed
at the end; README.md quotes them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from contextlib import suppress
from pathlib import Path

import docx

from coopdocs.build.pdf import find_soffice, pdf_defect

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "exemple-minimal.yaml"
SIGNALS = {"SIGKILL": signal.SIGKILL, "SIGTERM": signal.SIGTERM, "SIGINT": signal.SIGINT}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def descendants(pid: int) -> set[int]:
    """Every process below `pid` now (Linux: /proc/<pid>/task/<tid>/children)."""
    found: set[int] = set()
    todo = [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*"):
            try:
                children = [int(n) for n in (task / "children").read_text().split()]
            except (OSError, ValueError):
                continue
            for child in children:
                if child not in found:
                    found.add(child)
                    todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def make_projects(folder: Path, count: int) -> list[Path]:
    text = EXAMPLE.read_text(encoding="utf-8")
    files = []
    for number in range(count):
        path = folder / f"projet-{number}.yaml"
        path.write_text(text.replace("Groupement d'achat", f"Groupement {number} d'achat"),
                        encoding="utf-8")
        files.append(path)
    return files


def edit_projects(files: list[Path], round_number: int) -> None:
    """A new place of signature in every project: every document has to be written again."""
    for path in files:
        text = path.read_text(encoding="utf-8")
        start = text.index('lieu_signature: "') + len('lieu_signature: "')
        end = text.index('"', start)
        path.write_text(f"{text[:start]}Bondy {round_number}{text[end:]}", encoding="utf-8")


def check_folder(folder: Path, hand_edited: dict[Path, str]) -> list[str]:
    """What is wrong in one project's output folder (empty when all is well)."""
    wrong = []
    try:
        manifest = json.loads((folder / ".coopdocs.json").read_text(encoding="utf-8"))
        entries = manifest["documents"]
    except FileNotFoundError:
        entries = {}
    except (OSError, ValueError, KeyError) as error:
        return [f"{folder}: manifeste illisible ({error})"]
    for path in sorted(folder.iterdir()):
        if path.suffix not in (".docx", ".pdf"):
            continue
        data = path.read_bytes()
        if path.suffix == ".docx":
            try:
                with zipfile.ZipFile(path) as archive:
                    if archive.testzip() is not None:
                        raise zipfile.BadZipFile("membre abîmé")
                docx.Document(str(path))
            except Exception as error:  # any failure to open is what we look for
                wrong.append(f"{path}: document abîmé ({error})")
        elif (defect := pdf_defect(data)) is not None:
            wrong.append(f"{path}: PDF abîmé ({defect})")
        if path in hand_edited:
            if sha256(data) != hand_edited[path]:
                wrong.append(f"{path}: la modification à la main a été perdue")
            continue
        entry = entries.get(path.name) or {}
        if sha256(data) not in (entry.get("sha256"), entry.get("sha256_precedent")):
            wrong.append(f"{path}: absent du manifeste ou hash inconnu")
    return wrong


def hand_edit(path: Path) -> str:
    """Edit a document as a person would (a paragraph added in Word); its new sha256."""
    document = docx.Document(str(path))
    document.add_paragraph("Ajouté à la main avant signature.")
    document.save(str(path))
    return sha256(path.read_bytes())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=100)
    parser.add_argument("--projects", type=int, default=6)
    parser.add_argument("--pdf-every", type=int, default=5,
                        help="--pdf every N rounds (0: never); needs LibreOffice")
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(2**32)
    rng = random.Random(seed)
    pdf_every = args.pdf_every if find_soffice() else 0
    work = Path(tempfile.mkdtemp(prefix="coopdocs-soak-"))
    inputs, out = work / "projets", work / "sortie"
    inputs.mkdir()
    files = make_projects(inputs, args.projects)
    command = [sys.executable, "-m", "coopdocs", "build", str(inputs), "-o", str(out), "-j", "2"]
    started = time.perf_counter()
    first = subprocess.run(command + (["--pdf"] if pdf_every else []), capture_output=True,
                           text=True)
    if first.returncode != 0:
        print(first.stdout, first.stderr, sep="\n")
        return 1
    full_run = time.perf_counter() - started
    edited = out / "projet-0" / "charte-de-cooperation.docx"
    hand_edited = {edited: hand_edit(edited)}
    if pdf_every:
        signed = out / "projet-1" / "convention-de-partenariat.pdf"
        signed.write_bytes(signed.read_bytes() + b"% signature\n")
        hand_edited[signed] = sha256(signed.read_bytes())
    problems: list[str] = []
    by_signal: Counter[str] = Counter()
    finished_before_kill = 0
    leftover_processes = 0
    # Until `--kills` builds were really killed: a build that finishes before its random
    # delay is a round that kills nothing (bounded, so a very fast machine still ends).
    round_number = 0
    while sum(by_signal.values()) < args.kills and round_number < 3 * args.kills:
        round_number += 1
        edit_projects(files, round_number)
        pdf = bool(pdf_every) and round_number % pdf_every == 0
        name = rng.choice(list(SIGNALS))
        delay = rng.uniform(0.05, full_run if pdf else full_run * 0.6)
        process = subprocess.Popen(command + (["--pdf"] if pdf else []),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        seen: set[int] = set()
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline and process.poll() is None:
            seen |= descendants(process.pid)
            time.sleep(0.02)
        if process.poll() is None:
            seen |= descendants(process.pid)
            process.send_signal(SIGNALS[name])
            by_signal[name] += 1
        else:
            finished_before_kill += 1
        try:
            process.wait(timeout=300)
        except subprocess.TimeoutExpired:
            problems.append(f"tour {round_number}: coopdocs ne s'est pas arrêté après {name}")
            process.kill()
            process.wait()
        end = time.monotonic() + 10
        while any(alive(p) for p in seen) and time.monotonic() < end:
            time.sleep(0.05)
        left = [p for p in seen if alive(p)]
        if left:
            leftover_processes += len(left)
            problems.append(f"tour {round_number} ({name}): processus restants {left}")
            for pid in left:
                with_suppress_kill(pid)
        for folder in sorted(p for p in out.iterdir() if p.is_dir()):
            problems += [f"tour {round_number} ({name}): {w}"
                         for w in check_folder(folder, hand_edited)]
    edit_projects(files, round_number + 1)
    last = subprocess.run(command + (["--pdf"] if pdf_every else []), capture_output=True,
                          text=True)
    failed = [line for line in last.stderr.splitlines() if line.startswith("En échec")]
    expected = {"projet-0.yaml"} | ({"projet-1.yaml"} if pdf_every else set())
    failing = {Path(name.strip()).name for line in failed
               for name in line.removeprefix("En échec :").split(",")}
    if failing != expected:
        problems.append(f"dernier tour : en échec {sorted(failing)}, attendu {sorted(expected)}")
    temporary = sorted(str(p) for p in out.rglob("*.tmp"))
    if temporary:
        problems.append(f"dernier tour : fichiers temporaires restants {temporary}")
    for folder in sorted(p for p in out.iterdir() if p.is_dir()):
        problems += [f"dernier tour : {w}" for w in check_folder(folder, hand_edited)]
    documents = len(list(out.rglob("*.docx"))) + len(list(out.rglob("*.pdf")))
    print(f"graine {seed} ; {round_number} tours, {args.projects} projets, -j 2, "
          f"--pdf un tour sur {pdf_every}" if pdf_every else
          f"graine {seed} ; {round_number} tours, {args.projects} projets, -j 2, sans PDF")
    print(f"production complète : {full_run:.1f} s ; arrêts : "
          + ", ".join(f"{n} {s}" for s, n in sorted(by_signal.items()))
          + f" ; {finished_before_kill} productions finies avant l'arrêt")
    print(f"fichiers vérifiés à la fin : {documents} ; processus restants : {leftover_processes}"
          f" ; fichiers .tmp après la production suivante : {len(temporary)}")
    print(f"durée totale : {time.perf_counter() - started:.0f} s")
    if problems:
        print(f"{len(problems)} problèmes :")
        for problem in problems[:50]:
            print(f"  {problem}")
        print(f"dossier gardé pour examen : {work}")
        return 1
    print("aucun problème : documents et PDF entiers, manifestes cohérents, modifications à la "
          "main gardées, aucun processus restant")
    shutil.rmtree(work, ignore_errors=True)
    return 0


def with_suppress_kill(pid: int) -> None:
    with suppress(OSError):
        os.kill(pid, signal.SIGKILL)


if __name__ == "__main__":
    sys.exit(main())
