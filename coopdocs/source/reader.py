"""Read a project file: bytes → text → plain YAML data, with a map from field paths to lines.

Everything that can go wrong before the schema is looked at (missing file, size, encoding,
YAML syntax, duplicate keys, alias bombs, odd tags, impossible dates…) becomes a `SourceError`
carrying French `Problem`s. The YAML is read from the parser's event stream with an explicit
stack rather than through PyYAML's recursive composer: that keeps depth, node count and alias
expansion under our control and lets us record each node's position as we go.

The event builder lives in `source.events`, the French texts and the limits they quote in
`source.messages`.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from coopdocs.errors import FieldPath, PathPart, Problem, SourceError
from coopdocs.source.events import FORMAT_CHARACTERS, Builder
from coopdocs.source.messages import MAX_SHOWN, RESAVE, SIGNATURES, failure, problem, tab_error

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 5 * 1024 * 1024
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_NON_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# The invisible format characters (bidi controls, zero-width spaces…) that would silently
# change what a document says or how it reads; never in an ASCII text (looked for apart: one
# class with both is five times slower on a large file).
_FORMAT = re.compile(f"[{FORMAT_CHARACTERS}]")
# A no-break space where YAML wants an ordinary one: indenting a line, or after the colon of a
# key. Keys of the format are lower-case ASCII words, so « - 5H跨:\u202f… » stays text.
_NBSP_LAYOUT = re.compile(r"^[ ]*[\u00a0\u202f]|^[ ]*(?:- +)*[a-z][a-z0-9_]*:[\u00a0\u202f]")


@dataclass
class Source:
    """A project file read as YAML, with what is needed to point users at a line."""

    path: str
    data: dict[str, Any]
    warnings: list[Problem] = field(default_factory=list)
    sha256: str = ""
    lines: list[str] = field(default_factory=list)
    positions: dict[FieldPath, tuple[int, int]] = field(default_factory=dict, repr=False)
    # Mistakes the reading got past (tabs used for indentation): the file is invalid, but its
    # data was read, so that every other check runs in the same pass.
    errors: list[Problem] = field(default_factory=list)

    def locate(self, path: Sequence[PathPart]) -> tuple[int, int] | None:
        """1-based (line, column) of `path` (a key's own position for mapping keys), or of
        its nearest ancestor present in the file."""
        key = tuple(path)
        while True:
            found = self.positions.get(key)
            if found is not None or not key:
                return found
            key = key[:-1]


def read_source(path: str | os.PathLike[str]) -> Source:
    """Read and parse a project file; raise `SourceError` with French problems on any failure."""
    name = os.fsdecode(os.fspath(path))
    try:
        info = os.stat(name)
    except (FileNotFoundError, NotADirectoryError, ValueError):
        raise failure("introuvable", name) from None
    except PermissionError:
        raise failure("acces", name) from None
    except OSError:
        raise failure("lecture", name) from None
    if stat.S_ISDIR(info.st_mode):
        raise failure("dossier", name, example=os.path.join(name, "projet.yaml"))
    if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block or never end
        raise failure("special", name)
    if info.st_size > MAX_BYTES:
        raise failure("taille", name, size=_megabytes(info.st_size))
    try:
        with open(name, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except PermissionError:
        raise failure("acces", name) from None
    except OSError:
        raise failure("lecture", name) from None
    if len(raw) > MAX_BYTES:  # the file grew between stat() and read()
        raise failure("taille", name, size=_megabytes(len(raw)))
    return read_source_text(raw, name)


def read_source_text(text: str | bytes, name: str) -> Source:
    """Parse project text already in memory; `name` is used as the file in problems."""
    warnings: list[Problem] = []
    if isinstance(text, str):
        raw, decoded = text.encode("utf-8", "surrogatepass"), text
    else:
        raw = bytes(text)
        decoded = _decode(raw, name, warnings)
    decoded = decoded.lstrip("\ufeff")  # a file saved twice by Notepad can carry two marks
    lines = _LINE_BREAK.split(decoded)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    nbsp = _check_characters(decoded, lines, name)
    if all(not line.strip() or line.lstrip().startswith("#") for line in lines):
        raise failure("vide", name)
    tabs = [n for n, line in enumerate(lines, 1) if "\t" in line[: len(line) - len(line.lstrip())]]
    errors: list[Problem] = []
    try:
        root, builder = _build(decoded, lines, name)
    except SourceError:
        if nbsp:
            raise SourceError(nbsp[:MAX_SHOWN], file=name) from None
        # Tabs inside a block of text are legal, so they only count once the YAML fails to read.
        tabs = [n for n in tabs if lines[n - 1].strip()]
        if not tabs:
            raise
        recovered = _without_tabs(lines, tabs, name)
        if recovered is None:
            raise tab_error(name, lines, tabs) from None
        root, builder = recovered
        errors = tab_error(name, lines, tabs).problems
    # A no-break space that begins the continuation line of a long text is part of the text
    # (yaml.dump folds long values there); anywhere else it breaks the layout.
    nbsp = [p for p in nbsp if p.line not in builder.continuation_lines]
    if nbsp:
        raise SourceError(nbsp[:MAX_SHOWN], file=name)
    if builder.problems:
        raise SourceError(errors + builder.problems, file=name)
    if root is None:
        raise failure("vide", name)
    if not isinstance(root, dict):
        what = "une liste (lignes commençant par « - »)" if isinstance(root, list) else (
            f"une seule valeur (« {str(root)[:60]} »)")  # fmt: skip
        raise failure("sommet", name, *builder.positions.get((), (1, 1)), what=what)
    return Source(name, root, warnings, hashlib.sha256(raw).hexdigest(), lines, builder.positions,
                  errors)


def _build(text: str, lines: list[str], name: str) -> tuple[Any, Builder]:
    builder = Builder(name, lines)
    # The loader is looked up here, at call time: tests swap `reader._Loader` for PyYAML's
    # pure-Python one and the builder must see it.
    return builder.build(text, _Loader), builder


# Tab widths tried to read a file indented with tabs, the usual editors' settings first.
_TAB_WIDTHS = (4, 2, 8)


def _without_tabs(lines: list[str], tabs: list[int], name: str) -> tuple[Any, Builder] | None:
    """Read a file whose indentation mixes tabs in, as its author saw it in their editor.

    Each tab width is tried; the one that reads without error and aligns the most tabbed lines
    with their neighbours wins. The tabs stay errors: this only lets every other problem of the
    file be reported in the same run. None when no width makes the file readable.
    """
    readings: list[tuple[int, tuple[Any, Builder]]] = []
    for width in _TAB_WIDTHS:
        spaced = list(lines)
        for number in tabs:
            line = lines[number - 1]
            indent = len(line) - len(line.lstrip(" \t"))
            spaced[number - 1] = line[:indent].expandtabs(width) + line[indent:]
        try:
            reading = _build("\n".join(spaced) + "\n", spaced, name)
        except SourceError:
            continue
        if reading[1].problems:
            continue
        readings.append((_aligned(spaced, tabs), reading))
    if not readings:
        return None
    return max(readings, key=lambda scored: scored[0])[1]


def _aligned(lines: list[str], numbers: list[int]) -> int:
    """How many of the lines `numbers` start where the line before or after them starts."""

    def indent(line: str) -> int:
        return len(line) - len(line.lstrip(" "))

    def neighbour(number: int, step: int) -> str | None:
        index = number - 1 + step
        while 0 <= index < len(lines):
            if lines[index].strip() and not lines[index].lstrip().startswith("#"):
                return lines[index]
            index += step
        return None

    score = 0
    for number in numbers:
        mine = indent(lines[number - 1])
        near = [neighbour(number, -1), neighbour(number, 1)]
        score += any(other is not None and indent(other) == mine for other in near)
    return score


# --- bytes and characters --------------------------------------------------------------------


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def _decode(raw: bytes, name: str, warnings: list[Problem]) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # the UTF-8 mark Notepad writes: accepted without a word
    elif raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return _decode_wide(raw, "utf-32", name, warnings)
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode_wide(raw, "utf-16", name, warnings)
    for signature, what in SIGNATURES.items():
        if raw.startswith(signature):
            raise failure("binaire", name, what=what)
    if b"\x00" in raw:
        # Notepad's "Unicode" without its mark: every other byte of plain text is zero.
        half = len(raw) // 2
        if len(raw) >= 4 and raw[1::2].count(0) > 0.9 * half:
            return _decode_wide(raw, "utf-16-le", name, warnings)
        if len(raw) >= 4 and raw[0::2].count(0) > 0.9 * half:
            return _decode_wide(raw, "utf-16-be", name, warnings)
        raise failure("binaire", name, what="un fichier binaire")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Line by line, so that a file edited both in UTF-8 and in Notepad keeps all its accents.
    parts, bad = [], []
    for number, chunk in enumerate(raw.split(b"\n"), 1):
        try:
            parts.append(chunk.decode("utf-8"))
        except UnicodeDecodeError:
            parts.append(chunk.decode("cp1252", "replace"))
            bad.append(number)
    shown = ", ".join(map(str, bad[:MAX_SHOWN])) + ("…" if len(bad) > MAX_SHOWN else "")
    warnings.append(Problem(
        f"Le fichier n'est pas enregistré en UTF-8 (ligne{'s' if len(bad) > 1 else ''} {shown}) "
        ": il a été lu comme un texte Windows (Windows-1252). Vérifiez les accents.",
        hint=RESAVE, severity="avertissement", code="source.encodage", file=name, line=bad[0],
    ))  # fmt: skip
    return "\n".join(parts)


def _decode_wide(raw: bytes, encoding: str, name: str, warnings: list[Problem]) -> str:
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        raise failure("unicode_abime", name) from None
    warnings.append(Problem(
        "Le fichier est enregistré en « Unicode » (UTF-16 ou UTF-32) et non en UTF-8 ; il a pu "
        "être lu, mais mieux vaut l'enregistrer en UTF-8.", hint=RESAVE,
        severity="avertissement", code="source.encodage", file=name,
    ))  # fmt: skip
    return text


def _invisible(line: str) -> re.Match[str] | None:
    """The first control or invisible format character of `line`."""
    found = [m for m in (_NON_PRINTABLE.search(line), _FORMAT.search(line)) if m]
    return min(found, key=lambda m: m.start()) if found else None


def _check_characters(text: str, lines: list[str], name: str) -> list[Problem]:
    """Raise on invisible control characters; return the no-break spaces that look like
    layout (judged once the YAML is read: see `read_source_text`)."""
    bad = _NON_PRINTABLE.findall(text) + ([] if text.isascii() else _FORMAT.findall(text))
    if len(bad) > max(8, len(text) // 20):
        raise failure("binaire", name, what="un fichier binaire")
    problems = []
    for number, line in enumerate(lines, 1):
        if bad and (match := _invisible(line)):
            code = ord(match.group())
            problems.append(problem("caractere", name, number, match.start() + 1, char=code))
        elif not bad and _NBSP_LAYOUT.match(line):
            column = next(i for i, c in enumerate(line) if c in "\u00a0\u202f") + 1
            problems.append(problem("espace_insecable", name, number, column))
    if bad and problems:
        raise SourceError(problems[:MAX_SHOWN], file=name)
    return problems
