"""Fuzz target: raw bytes → `read_source_text` → schema → rules, for a fixed time.

    python tests/fuzz_source.py --secondes 300        (what `make fuzz` runs)

Hypothesis draws bytes three ways: anything at all, the example projects with bytes flipped,
inserted or cut, and YAML-looking lines assembled from syntax pieces. The only outcomes allowed
are a `Source` (then the schema and the rules must return French problems without raising) or
a `SourceError` whose every problem has a French message and hint. Anything else (an exception,
a message leaking Python or PyYAML words, an input slower than `--limite` seconds) stops the run
with the input saved in `fuzz-echecs/` and its reproduction command.

No new dependency: Hypothesis, already a test extra, rather than atheris. Runs are seeded from
the clock (each one explores new inputs); `--graine N` replays one.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coopdocs.check.rules.suite import run_rules  # noqa: E402
from coopdocs.check.schema import validate  # noqa: E402
from coopdocs.errors import SourceError  # noqa: E402
from coopdocs.source.reader import read_source_text  # noqa: E402

EXAMPLES = [p.read_bytes() for p in sorted((ROOT / "coopdocs" / "examples").glob("*.yaml"))]
CORPUS = [p.read_bytes() for p in sorted((ROOT / "tests" / "corpus").rglob("*.yaml"))]
LEAKS = ("Traceback", "Error", "Exception", "yaml.", "while scanning", "while parsing",
         "could not find", "mapping values", "<unicode string>")
PIECES = [b"projet:", b"partenaires:", b"  - id: a", b"  nom: ", b"- ", b": ", b"[", b"]", b"{",
          b"}", b",", b"&a", b"*a", b"!!python/object:os.system", b"!!str", b"<<: *a", b"|",
          b">-", b"'", b'"', b"\\", b"\t", b"\xc2\xa0", b"\xef\xbb\xbf", b"\x00", b"\xff\xfe",
          b"---", b"...", b"%YAML 1.1", b"#", b"?", b"2027-02-30", b"1e400", b".nan", b"~",
          b"true", b"0o17", b"0x1F", b"\r\n", b"\n", b"  ", b"\xe2\x80\xa8", b"\x1b"]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    data = bytearray(draw(st.sampled_from(EXAMPLES + CORPUS)))
    for _ in range(draw(st.integers(1, 8))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.integers(0, 3))
        if action == 0:
            data[at] = draw(st.integers(0, 255))
        elif action == 1:
            data[at:at] = draw(st.sampled_from(PIECES))
        elif action == 2:
            del data[at: at + draw(st.integers(1, 40))]
        else:
            data[at:at] = draw(st.binary(max_size=8))
    return bytes(data)


inputs = st.one_of(
    st.binary(max_size=2000),
    mutated(),
    st.lists(st.lists(st.sampled_from(PIECES), max_size=6).map(b"".join), max_size=30)
    .map(b"\n".join),
)


def _assert_french(problem: object) -> None:
    text = problem.format()  # type: ignore[attr-defined]
    assert problem.message and problem.hint, text  # type: ignore[attr-defined]
    for leak in LEAKS:
        assert leak not in text, text


def check_bytes(raw: bytes, limit: float = 5.0) -> None:
    """The property: any bytes give data or French problems, never an exception, quickly."""
    start = time.perf_counter()
    try:
        source = read_source_text(raw, "fuzz.yaml")
    except SourceError as error:
        assert error.problems
        for problem in error.problems:
            _assert_french(problem)
    else:
        data, problems = validate(source.data)
        if data is not None:
            problems = problems + run_rules(data)
        for problem in problems:
            assert problem.message, problem
    elapsed = time.perf_counter() - start
    assert elapsed < limit, f"{elapsed:.1f} s pour {len(raw)} octets"


def run(seconds: float, graine: int | None, limit: float) -> int:
    deadline = time.monotonic() + seconds
    failures = ROOT / "fuzz-echecs"
    total = 0
    round_seed = graine if graine is not None else time.time_ns() % 2**32
    current: list[bytes] = []
    while time.monotonic() < deadline:
        current.clear()

        @seed(round_seed)
        @settings(max_examples=500, deadline=None, database=None, derandomize=False,
                  phases=[Phase.generate, Phase.shrink],
                  suppress_health_check=list(HealthCheck))
        @given(inputs)
        def target(raw: bytes) -> None:
            current.append(raw)
            check_bytes(raw, limit)

        try:
            target()
        except Exception:
            failures.mkdir(exist_ok=True)
            raw = current[-1] if current else b""
            path = failures / f"{hashlib.sha256(raw).hexdigest()[:16]}.yaml"
            path.write_bytes(raw)
            print(f"ÉCHEC après {total} entrées : {path}  (rejouer : --graine {round_seed})",
                  file=sys.stderr)
            raise
        total += len(current)
        if graine is not None:
            break
        round_seed += 1
    print(f"fuzz : {total} entrées en {seconds:.0f} s, aucun plantage.")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--secondes", type=float, default=60.0)
    parser.add_argument("--graine", type=int, default=None)
    parser.add_argument("--limite", type=float, default=5.0,
                        help="durée maximale d'une entrée, en secondes")
    options = parser.parse_args()
    return run(options.secondes, options.graine, options.limite)


if __name__ == "__main__":
    sys.exit(main())
