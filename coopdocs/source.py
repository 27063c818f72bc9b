"""Read a project file: bytes → text → plain YAML data, with a map from field paths to lines.

Everything that can go wrong before the schema is looked at (missing file, size, encoding,
YAML syntax, duplicate keys, alias bombs, odd tags, impossible dates…) becomes a `SourceError`
carrying French `Problem`s. The YAML is read from the parser's event stream with an explicit
stack rather than through PyYAML's recursive composer: that keeps depth, node count and alias
expansion under our control and lets us record each node's position as we go.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingStartEvent,
    ScalarEvent,
    StreamEndEvent,
)
from yaml.nodes import ScalarNode

from coopdocs.errors import Path, PathPart, Problem, SourceError

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 100
MAX_NODES = 100_000
MAX_ALIASES = 100
MAX_ALIAS_NODES = 10_000  # nodes copied in by aliases; real files reuse a few small blocks
MAX_SHOWN = 5  # same-kind problems listed before we stop (tabs, invisible characters)

_Y = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _TS = _Y + "str", _Y + "map", _Y + "seq", _Y + "timestamp"
_MERGE = _Y + "merge"  # the "<<" key, reported as not accepted
_INT = _Y + "int"
_LEADING_ZERO = re.compile(r"^0[0-9_]+$")
_SCALAR_TAGS = {_STR, _Y + "int", _Y + "float", _Y + "bool", _Y + "null", _TS, _MERGE}
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_NON_PRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_NBSP_LAYOUT = re.compile(r"^[ ]*[\u00a0\u202f]|^[ ]*(?:- +)*[\w-]+:[\u00a0\u202f]")
_PLAIN_DATE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
_SIGNATURES = {
    b"PK\x03\x04": "un document Word (.docx), un tableur (.xlsx) ou une archive .zip",
    b"%PDF": "un PDF",
    b"\xd0\xcf\x11\xe0": "un ancien document Word (.doc) ou Excel (.xls)",
    b"\x89PNG": "une image PNG",
    b"\xff\xd8\xff": "une image JPEG",
    b"{\\rtf": "un document RTF (WordPad)",
}
_RESAVE = (
    "Pour l'enregistrer en UTF-8 : dans le Bloc-notes, « Fichier > Enregistrer sous », Encodage "
    "« UTF-8 » ; dans LibreOffice, cochez « Éditer les paramètres du filtre » puis choisissez "
    "« Unicode (UTF-8) » ; dans VS Code, cliquez sur l'encodage en bas à droite puis "
    "« Enregistrer avec l'encodage » > « UTF-8 »."
)
_CAUSES = (
    "Causes fréquentes : espace oubliée après « : », guillemet non refermé, nombre d'espaces en "
    "début de ligne différent des lignes voisines, tiret « - » de liste mélangé avec des champs."
)
_QUOTE_IT = "Mettez la valeur entre guillemets."
_NESTED = "Un crochet « [ » ou une accolade « { » n'est sans doute pas refermé."
# code → (message, hint), both filled with str.format(**details).
_TEXTS = {
    "introuvable": (
        "Le fichier « {name} » est introuvable.",
        "Vérifiez le nom et le dossier du fichier (l'extension est-elle bien .yaml ou .yml ?).",
    ),
    "dossier": (
        "« {name} » est un dossier, pas un fichier.",
        "Indiquez le fichier .yaml du projet lui-même, par exemple « {example} ».",
    ),
    "special": (
        "« {name} » n'est pas un fichier ordinaire.",
        "Indiquez le chemin d'un fichier .yaml enregistré sur le disque.",
    ),
    "acces": (
        "Le fichier « {name} » ne peut pas être lu : l'accès est refusé.",
        "Vérifiez que vous avez le droit de lire ce fichier et qu'il n'est pas ouvert dans un "
        "autre programme, ou copiez-le dans votre dossier personnel.",
    ),
    "lecture": (
        "Le fichier « {name} » ne peut pas être lu.",
        "Réessayez ; si le fichier est sur une clé USB ou un dossier réseau, copiez-le d'abord "
        "sur votre ordinateur.",
    ),
    "taille": (
        "Le fichier fait {size} Mo, au-delà de la limite de 5 Mo.",
        "Un fichier de projet fait d'habitude quelques dizaines de Ko : vérifiez qu'il s'agit du "
        "bon fichier (et pas d'un document Word, d'un PDF ou d'une sauvegarde).",
    ),
    "binaire": (
        "Ce fichier n'est pas un texte : il ressemble à {what}.",
        "coopdocs lit un fichier texte (extension .yaml) ; un document Word ou un PDF renommé ne "
        "peut pas être lu. Repartez d'un fichier d'exemple et ouvrez-le avec un éditeur de texte.",
    ),
    "unicode_abime": (
        "Le fichier semble enregistré en Unicode (UTF-16 ou UTF-32) mais il est abîmé.",
        _RESAVE,
    ),
    "vide": (
        "Le fichier est vide (il ne contient que des commentaires ou des espaces).",
        "Remplissez-le en partant d'un exemple, comme exemple-minimal.yaml fourni avec coopdocs.",
    ),
    "sommet": (
        "Le fichier contient {what} au lieu de blocs nommés comme « projet: » et « partenaires: ».",
        "Le fichier doit commencer par des noms de champs suivis de « : », sans tiret ni espace "
        "en début de ligne.",
    ),
    "caractere": (
        "Caractère invisible non autorisé (code U+{char:04X}).",
        "Il vient souvent d'un copier-coller depuis un PDF ou un traitement de texte : "
        "supprimez-le ou retapez le texte autour.",
    ),
    "espace_insecable": (
        "Une espace insécable est utilisée à la place d'une espace ordinaire.",
        "Elle est invisible mais YAML ne la reconnaît pas : effacez l'espace après « : » (ou en "
        "début de ligne) et retapez-la avec la barre d'espace.",
    ),
    "tabulation": (
        "Une tabulation est utilisée pour décaler le début de la ligne.",
        "Ligne {line} : « {text} ». YAML n'accepte que des espaces pour l'indentation : "
        "remplacez chaque tabulation par des espaces (réglez votre éditeur sur « insérer des "
        "espaces »).",
    ),
    "documents": (
        "Le fichier contient plusieurs documents séparés par « --- ».",
        "Gardez un seul projet par fichier et supprimez la ligne « --- ».",
    ),
    "nombre": (
        f"Le fichier contient trop d'éléments (plus de {MAX_NODES}).",
        "Un projet en compte quelques centaines : vérifiez qu'il s'agit du bon fichier.",
    ),
    "profondeur": (
        f"Le fichier est imbriqué trop profondément (plus de {MAX_DEPTH} niveaux).",
        _NESTED.replace("{", "{{"),
    ),
    "alias_recursif": (
        "L'ancre « &{anchor} » se contient elle-même (« *{anchor} »).",
        "Supprimez « *{anchor} » : un bloc ne peut pas se répéter à l'intérieur de lui-même.",
    ),
    "alias_inconnu": (
        "« *{anchor} » renvoie à une ancre « &{anchor} » qui n'existe pas plus haut dans le "
        "fichier.",
        "Les renvois « * » ne servent presque jamais dans un projet : écrivez la valeur en "
        "entier, ou mettez-la entre guillemets si « * » fait partie du texte.",
    ),
    "alias_trop": (
        "Le fichier utilise trop de renvois « * » vers des ancres « & » (il deviendrait énorme "
        "une fois développé).",
        "Écrivez les valeurs en entier plutôt que d'utiliser « & » et « * ».",
    ),
    "fusion": (
        "« << » (fusion de blocs) n'est pas accepté dans un fichier de projet.",
        "Écrivez les champs en entier à cet endroit.",
    ),
    "balise": (
        "La balise « {tag} » n'est pas reconnue.",
        "Supprimez ce mot commençant par « ! » ; si c'est du texte, mettez-le entre guillemets.",
    ),
    "balise_python": (
        "L'instruction Python « {tag} » est interdite dans un fichier de projet.",
        "Supprimez ce mot commençant par « ! » ; si c'est du texte, mettez-le entre guillemets.",
    ),
    "valeur": (
        "La valeur « {value} » ne correspond pas au type demandé par « {tag} ».",
        "Corrigez-la, ou supprimez « {tag} ».",
    ),
    "date": (
        "La date « {value} » est impossible : {why}.",
        "{advice}Les dates s'écrivent AAAA-MM-JJ, par exemple 2027-02-28.",
    ),
    "cle_bloc": (
        "Un nom de champ est une liste ou un bloc au lieu d'un simple mot.",
        "Les noms de champs sont des mots suivis de « : », comme « nom: ». Vérifiez « ? », "
        "« [ » ou « {{ » sur cette ligne.",
    ),
    "cle": (
        "Le nom de champ {shown} n'est pas un mot.",
        "Les noms de champs sont des mots, comme « nom: ». Si c'est voulu, mettez-le entre "
        'guillemets ("{written}": …).',
    ),
    "cle_dupliquee": (
        "Le champ « {key} » apparaît deux fois dans le même bloc (lignes {first} et {line}).",
        "Gardez-en un seul : sinon le second remplacerait le premier sans prévenir.",
    ),
}
# YAML syntax errors: (words in PyYAML's or libyaml's message, French message, what to do).
# First match wins; "<…>" entries are set by the heuristics of _syntax_error.
_SYNTAX = (
    (("nesting depth",), _TEXTS["profondeur"][0], _NESTED),
    (("<after quote>",), "Le texte entre guillemets s'arrête trop tôt : il contient lui-même "
     "une apostrophe ou un guillemet.", "Entourez le texte de guillemets doubles "
     "(\"L'atelier\") ou doublez l'apostrophe ('L''atelier')."),
    (("unknown escape", "hexdecimal", "hexadecimal"), "Une barre oblique inverse « \\ » est "
     "mal comprise dans un texte entre guillemets doubles.", "Doublez-la (« \\\\ ») ou "
     "entourez le texte de guillemets simples."),
    (("quoted scalar",), "Un guillemet ouvert ici n'est jamais refermé.", "Ajoutez le "
     "guillemet fermant à la fin du texte ; si le texte contient une apostrophe, entourez-le "
     "de guillemets doubles : \"L'atelier\"."),
    (("flow sequence", "',' or ']'"), "Une liste entre crochets « [ ] » est mal refermée.",
     "Vérifiez que chaque « [ » a son « ] » et que les éléments sont séparés par des virgules."),
    (("flow mapping", "',' or '}'"), "Un bloc entre accolades « { } » est mal refermé.",
     "Vérifiez que chaque « { » a son « } » et que les champs sont séparés par des virgules."),
    (("could not find expected ':'",), "Il manque « : » après un nom de champ.", "Chaque "
     "ligne a la forme « nom: valeur » ; si c'est la suite du texte de la ligne précédente, "
     "mettez tout le texte entre guillemets."),
    (("<no key>",), "Il manque le nom du champ avant « : ».", "Écrivez le nom du champ au "
     "début de la ligne, par exemple « nom: … »."),
    (("<indent>", "expected <block end>", "did not find expected key", "'-' indicator"),
     "L'indentation de cette ligne ne correspond pas à celle des lignes voisines.", "Alignez-la "
     "avec les autres champs du même bloc (même nombre d'espaces) ; un élément « - » de liste "
     "ne se mêle pas à des champs « nom: valeur » du même niveau."),
    (("mapping values are not allowed", "unexpected ':'"), "Un « : » se trouve à un endroit "
     "où il n'est pas permis.", "Si la valeur contient « : » (par exemple « Réunion : bilan »), "
     "mettez-la entre guillemets."),
    (("block sequence entries are not allowed",), "Un tiret « - » de liste est mal placé.",
     "Un élément de liste « - » se met sur sa propre ligne, sous le nom de la liste."),
    (("alias", "anchor"), "Un « * » ou « & » au début d'une valeur a un sens spécial en YAML.",
     _QUOTE_IT),
    (("tag",), "Un « ! » au début d'une valeur a un sens spécial en YAML.", _QUOTE_IT),
    (("block scalar",), "Un bloc de texte « | » ou « > » est mal écrit.", "Après « | » ou "
     "« > », passez à la ligne et décalez le texte de quelques espaces."),
    (("cannot start any token",), "Cette valeur commence par un caractère réservé (comme "
     "« @ » ou « ` »).", _QUOTE_IT),
    (("node content",), "Une valeur manque ou est mal écrite ici.", "Une valeur qui commence "
     "par un signe de ponctuation se met entre guillemets."),
    (("end of stream",), "Le fichier s'arrête au milieu d'un élément.", _NESTED),
)  # fmt: skip


@dataclass
class Source:
    """A project file read as YAML, with what is needed to point users at a line."""

    path: str
    data: dict[str, Any]
    warnings: list[Problem] = field(default_factory=list)
    sha256: str = ""
    lines: list[str] = field(default_factory=list)
    positions: dict[Path, tuple[int, int]] = field(default_factory=dict, repr=False)

    def locate(self, path: Sequence[PathPart]) -> tuple[int, int] | None:
        """1-based (line, column) of `path` (a key's own position for mapping keys), or of
        its nearest ancestor present in the file."""
        key = tuple(path)
        while True:
            found = self.positions.get(key)
            if found is not None or not key:
                return found
            key = key[:-1]


def _problem(
    code: str,
    name: str,
    line: int | None = None,
    column: int | None = None,
    path: Path = (),
    severity: str = "erreur",
    **details: Any,
) -> Problem:
    message, hint = _TEXTS[code]
    details.update(name=name, line=line)
    return Problem(message.format(**details), path=path, severity=severity,  # type: ignore[arg-type]
                   hint=hint.format(**details), code=f"source.{code}", file=name, line=line,
                   column=column)  # fmt: skip


def _fail(
    code: str, name: str, line: int | None = None, column: int | None = None, **details: Any
) -> SourceError:
    return SourceError([_problem(code, name, line, column, **details)], file=name)  # fmt: skip


def read_source(path: str | os.PathLike[str]) -> Source:
    """Read and parse a project file; raise `SourceError` with French problems on any failure."""
    name = os.fsdecode(os.fspath(path))
    try:
        info = os.stat(name)
    except (FileNotFoundError, NotADirectoryError, ValueError):
        raise _fail("introuvable", name) from None
    except PermissionError:
        raise _fail("acces", name) from None
    except OSError:
        raise _fail("lecture", name) from None
    if stat.S_ISDIR(info.st_mode):
        raise _fail("dossier", name, example=os.path.join(name, "projet.yaml"))
    if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block or never end
        raise _fail("special", name)
    if info.st_size > MAX_BYTES:
        raise _fail("taille", name, size=_megabytes(info.st_size))
    try:
        with open(name, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except PermissionError:
        raise _fail("acces", name) from None
    except OSError:
        raise _fail("lecture", name) from None
    if len(raw) > MAX_BYTES:  # the file grew between stat() and read()
        raise _fail("taille", name, size=_megabytes(len(raw)))
    return read_source_text(raw, name)


def read_source_text(text: str | bytes, name: str) -> Source:
    """Parse project text already in memory; `name` is used as the file in problems."""
    warnings: list[Problem] = []
    if isinstance(text, str):
        raw, decoded = text.encode("utf-8", "surrogatepass"), text
    else:
        raw = bytes(text)
        decoded = _decode(raw, name, warnings)
    decoded = decoded.removeprefix("\ufeff")
    lines = _LINE_BREAK.split(decoded)
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    _check_characters(decoded, lines, name)
    if all(not line.strip() or line.lstrip().startswith("#") for line in lines):
        raise _fail("vide", name)
    tabs = [n for n, line in enumerate(lines, 1) if "\t" in line[: len(line) - len(line.lstrip())]]
    builder = _Builder(name, lines)
    try:
        root = builder.build(decoded)
    except SourceError:
        # Tabs inside a block of text are legal, so they only count once the YAML fails to read.
        tabs = [n for n in tabs if lines[n - 1].strip()]
        if tabs:
            raise _tab_error(name, lines, tabs) from None
        raise
    if builder.problems:
        raise SourceError(builder.problems, file=name)
    if root is None:
        raise _fail("vide", name)
    if not isinstance(root, dict):
        what = "une liste (lignes commençant par « - »)" if isinstance(root, list) else (
            f"une seule valeur (« {str(root)[:60]} »)")  # fmt: skip
        raise _fail("sommet", name, *builder.positions.get((), (1, 1)), what=what)
    return Source(name, root, warnings, hashlib.sha256(raw).hexdigest(), lines, builder.positions)


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
    for signature, what in _SIGNATURES.items():
        if raw.startswith(signature):
            raise _fail("binaire", name, what=what)
    if b"\x00" in raw:
        # Notepad's "Unicode" without its mark: every other byte of plain text is zero.
        half = len(raw) // 2
        if len(raw) >= 4 and raw[1::2].count(0) > 0.9 * half:
            return _decode_wide(raw, "utf-16-le", name, warnings)
        if len(raw) >= 4 and raw[0::2].count(0) > 0.9 * half:
            return _decode_wide(raw, "utf-16-be", name, warnings)
        raise _fail("binaire", name, what="un fichier binaire")
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
        hint=_RESAVE, severity="avertissement", code="source.encodage", file=name, line=bad[0],
    ))  # fmt: skip
    return "\n".join(parts)


def _decode_wide(raw: bytes, encoding: str, name: str, warnings: list[Problem]) -> str:
    try:
        text = raw.decode(encoding)
    except UnicodeDecodeError:
        raise _fail("unicode_abime", name) from None
    warnings.append(Problem(
        "Le fichier est enregistré en « Unicode » (UTF-16 ou UTF-32) et non en UTF-8 ; il a pu "
        "être lu, mais mieux vaut l'enregistrer en UTF-8.", hint=_RESAVE,
        severity="avertissement", code="source.encodage", file=name,
    ))  # fmt: skip
    return text


def _check_characters(text: str, lines: list[str], name: str) -> None:
    bad = _NON_PRINTABLE.findall(text)
    if len(bad) > max(8, len(text) // 20):
        raise _fail("binaire", name, what="un fichier binaire")
    problems = []
    for number, line in enumerate(lines, 1):
        if bad and (match := _NON_PRINTABLE.search(line)):
            code = ord(match.group())
            problems.append(_problem("caractere", name, number, match.start() + 1, char=code))
        elif not bad and _NBSP_LAYOUT.match(line):
            column = next(i for i, c in enumerate(line) if c in "\u00a0\u202f") + 1
            problems.append(_problem("espace_insecable", name, number, column))
    if problems:
        raise SourceError(problems[:MAX_SHOWN], file=name)


def _tab_error(name: str, lines: list[str], numbers: list[int]) -> SourceError:
    return SourceError([
        _problem("tabulation", name, n, lines[n - 1].index("\t") + 1, text=_excerpt(lines[n - 1]))
        for n in numbers[:MAX_SHOWN]
    ], file=name)  # fmt: skip


def _excerpt(line: str) -> str:
    line = line.strip().replace("\t", "⇥")
    return line if len(line) <= 80 else line[:77] + "…"


def _syntax_error(exc: yaml.YAMLError, name: str, lines: list[str]) -> SourceError:
    context = str(getattr(exc, "context", None) or "")
    problem = str(getattr(exc, "problem", None) or exc)
    mark = getattr(exc, "problem_mark", None)
    if any(w in context for w in ("quoted scalar", "simple key", "flow")):
        mark = getattr(exc, "context_mark", None) or mark  # the fix goes where it opened
    if mark is None:
        line, column, text = 1, 1, lines[0] if lines else ""
    else:
        line, column = mark.line + 1, mark.column + 1
        text = lines[line - 1] if line <= len(lines) else ""
    found = text[column - 1 : column]
    if found == "\t" or "tab" in problem:
        return _tab_error(name, lines, [line]) if "\t" in text else _fail(
            "tabulation", name, line, column, text=_excerpt(text))  # fmt: skip
    # PyYAML points at a closing quote, libyaml just after it.
    at = column - 2 if column > 1 and text[column - 2] in "'\"" else column - 1
    if text[at : at + 1] in ("'", '"') and ("key" in problem or "block end" in problem):
        quote, opened = text[at], None
        if text[: at + 1].count(quote) % 2:  # a closing quote: the text opened higher up
            opened = next((n for n in range(line - 1, 0, -1) if lines[n - 1].count(quote) % 2),
                          None)  # fmt: skip
        if opened is None:
            problem = "<after quote>"  # text goes on after what YAML took for the closing quote
        else:
            line, text, problem = opened, lines[opened - 1], "quoted scalar"
            column = text.index(quote) + 1
    elif found == ":" and not text[: column - 1].strip(" -"):
        problem = "<no key>"
    elif "mapping values" in problem and text.find(":") == column - 1:
        problem = "<indent>"  # the line's own key is unexpected: it is shifted to the right
    message, hint = "Le fichier ne respecte pas la syntaxe YAML à cet endroit.", _CAUSES
    for words, french, advice in _SYNTAX:
        if any(w in f"{context} {problem}" for w in words):
            message, hint = french, f"{advice} {_CAUSES}"
            break
    hint = f"Ligne {line}, colonne {column} : « {_excerpt(text)} ». {hint}"
    problem_ = Problem(message, hint=hint, code="source.syntaxe", file=name, line=line,
                       column=column)  # fmt: skip
    return SourceError([problem_], file=name)


# --- building data from parser events --------------------------------------------------------

_NO_KEY = object()


class _Frame:
    __slots__ = ("anchor", "key", "keys", "path", "size", "value")

    def __init__(self, value: dict[str, Any] | list[Any], path: Path, anchor: str | None) -> None:
        self.value, self.path, self.anchor = value, path, anchor
        self.key: Any = _NO_KEY
        self.keys: dict[str, int] = {}  # key → line of its first occurrence
        self.size = 1  # nodes once aliases are expanded


class _Builder:
    def __init__(self, name: str, lines: list[str]) -> None:
        self.name, self.lines = name, lines
        self.positions: dict[Path, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.aliases = self.alias_nodes = self.nodes = 0

    def report(self, code: str, mark: Any, path: Path = (), **details: Any) -> None:
        line, column = mark.line + 1, mark.column + 1
        self.problems.append(_problem(code, self.name, line, column, path, **details))

    def fatal(self, code: str, mark: Any, **details: Any) -> SourceError:
        self.report(code, mark, **details)
        return SourceError(self.problems, file=self.name)

    def build(self, text: str) -> Any:
        loader = _Loader(text)
        stack: list[_Frame] = []
        root: Any = None
        documents = 0
        try:
            while True:
                try:
                    event = loader.get_event()
                except yaml.YAMLError as exc:
                    raise _syntax_error(exc, self.name, self.lines) from None
                if isinstance(event, StreamEndEvent):
                    return root
                if isinstance(event, DocumentStartEvent):
                    documents += 1
                    if documents > 1:
                        raise self.fatal("documents", event.start_mark)
                    continue
                if not isinstance(event, (ScalarEvent, AliasEvent, CollectionStartEvent,
                                          CollectionEndEvent)):  # fmt: skip
                    continue
                parent = stack[-1] if stack else None
                if isinstance(event, CollectionEndEvent):
                    frame = stack.pop()
                    if frame.anchor is not None:
                        self.open_anchors.discard(frame.anchor)
                        self.anchors[frame.anchor] = (frame.value, frame.size)
                    value, size, parent = frame.value, frame.size, stack[-1] if stack else None
                elif parent and isinstance(parent.value, dict) and parent.key is _NO_KEY:
                    self.key(parent, event, loader)
                    continue
                else:
                    path = self.child_path(parent)
                    if isinstance(event, CollectionStartEvent):
                        stack.append(self.open(event, path, len(stack)))
                        continue
                    value, size = self.leaf(event, path, loader)
                if parent is None:
                    root = value
                    continue
                parent.size += size
                if isinstance(parent.value, list):
                    parent.value.append(value)
                else:
                    parent.value[parent.key] = value
                parent.key = _NO_KEY
        finally:
            loader.dispose()

    def child_path(self, parent: _Frame | None) -> Path:
        if parent is None:
            return ()
        if isinstance(parent.value, list):
            return (*parent.path, len(parent.value))
        return (*parent.path, parent.key)

    def mark_position(self, path: Path, mark: Any) -> None:
        if path in self.positions:
            return  # a mapping key already recorded the position users should see
        line, column = mark.line, mark.column
        if path and isinstance(path[-1], int) and line < len(self.lines):
            before = self.lines[line][:column].rstrip()
            if before.endswith("-"):
                column = len(before) - 1  # point at the "- " that opens the list item
        self.positions[path] = (line + 1, column + 1)

    def count(self, event: Any, size: int = 1) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            raise self.fatal("nombre", event.start_mark)

    def open(self, event: Any, path: Path, depth: int) -> _Frame:
        if depth >= MAX_DEPTH:
            raise self.fatal("profondeur", event.start_mark)
        self.count(event)
        is_map = isinstance(event, MappingStartEvent)
        self.check_tag(event, {_MAP} if is_map else {_SEQ}, path)
        self.mark_position(path, event.start_mark)
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        return _Frame({} if is_map else [], path, event.anchor)

    def check_tag(self, event: Any, allowed: set[str], path: Path) -> bool:
        if event.tag is None or event.tag == "!" or event.tag in allowed:
            return True
        code = "balise_python" if "python" in event.tag else "balise"
        self.report(code, event.start_mark, path, tag=event.tag.replace(_Y, "!!"))
        return False

    def alias(self, event: Any) -> tuple[Any, int]:
        anchor = event.anchor
        if anchor in self.open_anchors:
            raise self.fatal("alias_recursif", event.start_mark, anchor=anchor)
        if anchor not in self.anchors:
            raise self.fatal("alias_inconnu", event.start_mark, anchor=anchor)
        value, size = self.anchors[anchor]
        self.aliases += 1
        self.alias_nodes += size
        if self.aliases > MAX_ALIASES or self.alias_nodes > MAX_ALIAS_NODES:
            raise self.fatal("alias_trop", event.start_mark)
        self.count(event, size)
        return _clone(value), size

    def leaf(self, event: Any, path: Path, loader: Any) -> tuple[Any, int]:
        self.mark_position(path, event.start_mark)
        if isinstance(event, AliasEvent):
            return self.alias(event)
        self.count(event)
        value = self.scalar(event, path, loader)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        return value, 1

    def scalar(self, event: Any, path: Path, loader: Any) -> Any:
        tag = event.tag
        if not self.check_tag(event, _SCALAR_TAGS, path):
            return event.value
        if tag is None or tag == "!":
            tag = loader.resolve(ScalarNode, event.value, event.implicit)
        if tag in (_STR, _MERGE) or tag not in _SCALAR_TAGS:
            return event.value
        if tag == _INT and event.implicit[0] and _LEADING_ZERO.match(event.value):
            # YAML 1.1 reads 01000 as an octal number; here it is a postal code or a SIRET.
            return event.value
        if tag == _TS and (match := _PLAIN_DATE.match(event.value)):
            return self.plain_date(event, path, *map(int, match.groups()))
        try:
            return loader.yaml_constructors[tag](loader, ScalarNode(tag, event.value))
        except (ValueError, KeyError, TypeError, OverflowError):
            shown = tag.replace(_Y, "!!")
            self.report("valeur", event.start_mark, path, value=event.value, tag=shown)
            return event.value

    def plain_date(self, event: Any, path: Path, year: int, month: int, day: int) -> Any:
        try:
            return date(year, month, day)
        except ValueError:
            pass
        advice = ""
        if year < 1:
            why = f"l'année {year} n'existe pas"
        elif not 1 <= month <= 12:
            why, advice = f"le mois {month} n'existe pas", "Le mois va de 01 à 12. "
        else:
            following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
            last = (following - timedelta(days=1)).day
            name = _MONTHS.split()[month - 1]
            why = f"le {'1er' if day == 1 else day} {name} {year} n'existe pas"
            advice = f"{name.capitalize()} {year} compte {last} jours. "
        self.report("date", event.start_mark, path, value=event.value, why=why, advice=advice)
        return event.value

    def key(self, parent: _Frame, event: Any, loader: Any) -> None:
        if isinstance(event, CollectionStartEvent):
            raise self.fatal("cle_bloc", event.start_mark)
        if isinstance(event, AliasEvent):
            key, _ = self.alias(event)
        else:
            self.count(event)
            key = self.scalar(event, parent.path, loader)
            if event.tag is None and key == "<<":
                self.report("fusion", event.start_mark, parent.path)
        if not isinstance(key, str):
            written = getattr(event, "value", "") or ("" if key is None else str(key))
            shown = f"« {written} »" if written else "vide"
            self.report("cle", event.start_mark, parent.path, shown=shown, written=written)
            key = str(key)
        line = event.start_mark.line + 1
        first = parent.keys.get(key)
        if first is not None:
            path = (*parent.path, key)
            self.report("cle_dupliquee", event.start_mark, path, key=key, first=first)
        else:
            parent.keys[key] = line
            self.mark_position((*parent.path, key), event.start_mark)
        parent.key = key


def _clone(value: Any) -> Any:
    # Aliased blocks are copied so that later stages can change one without the other.
    if isinstance(value, dict):
        return {k: _clone(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clone(v) for v in value]
    return value
