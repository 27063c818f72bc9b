"""Write new project data back into the user's file, keeping what the user wrote.

The web page and the spreadsheet import change a project file the user also edits by hand.
Dumping the new data would lose every comment, reorder keys and requote every text; instead the
file is parsed with ruamel.yaml's round-trip loader and the new data is applied to that tree in
place, so untouched fields keep their comments, order, quoting and layout. Lists of mappings with
an `id` are matched by id (moving a partner moves its comments with it); other lists by position.

The text is first read by `source.reader` (size limits, alias bombs, tags, encodings): ruamel
only ever sees a file coopdocs already accepts. The write is atomic and refuses to replace a file
that changed on disk since it was read, so a hand edit made meanwhile is never lost.
"""

from __future__ import annotations

import contextvars
import copy
import hashlib
import io
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    PlainScalarString,
)
from ruamel.yaml.tokens import CommentToken
from yaml import ScalarNode
from yaml.resolver import Resolver

from coopdocs.atomic import read_existing, write_atomic
from coopdocs.errors import ChangedOnDisk, CoopdocsError, FieldPath, Problem, SourceError
from coopdocs.source.reader import read_source_text

# Long texts stay on one line as the user wrote them instead of being folded at 80 columns.
_WIDTH = 4096
_RESOLVER = Resolver()
_BLOCKS: contextvars.ContextVar[bool] = contextvars.ContextVar("coopdocs_blocks", default=True)
# A line that opens a nested block: « key: » with nothing after it but a comment.
_OPENS = re.compile(r"^(?:- +)?[^\s#][^:#]*:\s*(?:#.*)?$")
_STR = "tag:yaml.org,2002:str"


def _layout(text: str) -> tuple[int, int]:
    """The file's own indentation: (spaces per nested mapping, spaces before a list's « - »),
    read from the first nested key and the first list item (2 and 2, like the examples, when
    the file has none)."""
    mapping = offset = None
    parent = -1  # indentation of the last « key: » line that opened a block
    for line in text.splitlines():
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        if parent >= 0 and indent > parent:
            if stripped.startswith("- ") and offset is None:
                offset = indent - parent
            elif not stripped.startswith("- ") and mapping is None:
                mapping = indent - parent
        parent = indent if _OPENS.match(stripped) else -1
        if mapping is not None and offset is not None:
            break
    return mapping or 2, 2 if offset is None else offset


def _yaml(text: str) -> tuple[YAML, Any]:
    """A round-trip loader set to the file's own indentation, and the file's tree."""
    mapping, offset = _layout(text)
    yaml = YAML(typ="rt")
    yaml.width = _WIDTH
    yaml.preserve_quotes = True
    yaml.allow_unicode = True
    yaml.brace_single_entry_mapping_in_flow_sequence = True  # `[{partenaire: a}]` stays so
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    return yaml, yaml.load(text)


def update_text(text: str, data: Mapping[str, Any], *, name: str = "projet.yaml") -> str:
    """`text` (a project file) with `data` (plain project data) applied in place.

    Keys absent from `data` are removed, new ones are inserted after their predecessor in
    `data`'s order, values equal to the file's are left untouched (with their quoting). Raises
    `SourceError` if `text` is not a file `coopdocs validate` can read.
    """
    before = read_source_text(text, name)  # the reader's limits, before ruamel sees the text
    wanted = _plain(data)
    wrong: FieldPath | None = ()
    for blocks in (True, False):  # texts of several lines as « | » blocks, else quoted
        yaml, tree = _yaml(text.lstrip("\ufeff"))
        if not isinstance(tree, CommentedMap):  # pragma: no cover - the reader refused it
            raise _unwritable(name, ())
        token = _BLOCKS.set(blocks)
        try:
            _merge_map(tree, before.data, data)
        finally:
            _BLOCKS.reset(token)
        out = io.StringIO()
        yaml.dump(tree, out)
        written = out.getvalue()
        # What is written must read back as exactly what was asked: a value that YAML would
        # read differently (a text taken for a date, a number…) is a wrong document later.
        try:
            wrong = _first_difference(read_source_text(written, name).data, wanted)
        except SourceError:
            continue
        if wrong is None:
            return written
    raise _unwritable(name, wrong or ())


def new_text(data: Mapping[str, Any]) -> str:
    """A fresh project file for `data`, written the way the examples are (2-space indent)."""
    return update_text("version: 1\n", data)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def save_project(path: Path, data: Mapping[str, Any], *, expected_sha256: str) -> str:
    """Apply `data` to the project file at `path` atomically; return the new file's sha256.

    `expected_sha256` is the digest of the file as it was read (`Source.sha256`). If the file
    on disk is different now (edited by hand, or by another page), nothing is written and
    `ChangedOnDisk` says so; the caller offers to reload. The last check is made once the new
    content is on disk, just before it replaces the old one.
    """
    path = Path(path)
    name = str(path)
    raw = read_existing(path)
    if raw is None or sha256_of(raw) != expected_sha256:
        raise _changed(name)
    text = raw.decode("utf-8-sig")
    updated = update_text(text, data, name=name).encode("utf-8")

    def still_same() -> None:
        now = read_existing(path)
        if now is None or sha256_of(now) != expected_sha256:
            raise _changed(name)

    write_atomic(path, updated, before_replace=still_same)
    return sha256_of(updated)


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _first_difference(read: Any, wanted: Any, path: FieldPath = ()) -> FieldPath | None:
    if isinstance(read, dict) and isinstance(wanted, dict):
        if list(read) != list(wanted):
            return path
        for key in wanted:
            found = _first_difference(read[key], wanted[key], (*path, key))
            if found is not None:
                return found
        return None
    if isinstance(read, list) and isinstance(wanted, list):
        if len(read) != len(wanted):
            return path
        for n, (a, b) in enumerate(zip(read, wanted, strict=True)):
            found = _first_difference(a, b, (*path, n))
            if found is not None:
                return found
        return None
    return None if _same(read, wanted) else path


def _unwritable(name: str, path: FieldPath) -> CoopdocsError:
    return CoopdocsError([Problem(
        "Cette valeur ne peut pas être enregistrée telle quelle dans le fichier : elle serait "
        "relue autrement. Rien n'a été enregistré.",
        path=path, hint="Modifiez cette valeur à la main dans le fichier, entre guillemets.",
        code="source.ecriture-ambigue", file=name)], file=name)  # fmt: skip


def _changed(name: str) -> ChangedOnDisk:
    return ChangedOnDisk([Problem(
        "Le fichier a été modifié sur le disque depuis sa lecture : rien n'a été enregistré, "
        "pour ne pas effacer ces modifications.",
        hint="Rechargez le projet pour voir la version du disque, puis refaites votre "
             "changement.",
        code="source.modifie-entre-temps", file=name)], file=name)  # fmt: skip


def _same(old: Any, new: Any) -> bool:
    """Equal as the reader sees them (`True` is not `1`, « 12 » is not 12)."""
    return type(old) is type(new) and old == new


def _blockable(text: str) -> bool:
    """Whether a « | » block holds `text` line for line: several lines, none opening with a tab
    or a space (the reader takes a tab there for indentation), no other line break than \n, at
    most one \n at the end."""
    if "\n" not in text or text.endswith("\n\n") or any(c in text for c in "\r\x85\u2028\u2029"):
        return False
    return all(not line or not line[0].isspace() for line in text.split("\n"))


def _scalar(value: Any) -> Any:
    """A new scalar as ruamel should write it. ruamel writes YAML 1.2, where `oui`, `on` or
    `0755` are plain text, but the reader is YAML 1.1 (PyYAML): a text it would read as
    something else is written between quotes."""
    if not isinstance(value, str):
        return value
    if _BLOCKS.get() and _blockable(value):
        # A text of several lines (typed in the page's text areas) is written as a « | »
        # block, one line per line, as the user would write it by hand.
        return LiteralScalarString(value)
    resolved = _RESOLVER.resolve(ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
    return DoubleQuotedScalarString(value) if resolved != _STR else value


def _convert(value: Any) -> Any:
    """Plain data as a ruamel node (new parts of the file)."""
    if isinstance(value, Mapping):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = _convert(item)
        return node
    if isinstance(value, list | tuple):
        seq = CommentedSeq()
        seq.extend(_convert(item) for item in value)
        return seq
    return _scalar(value)


def _merge_map(node: CommentedMap, plain: Mapping[str, Any], data: Mapping[str, Any]) -> None:
    tails = _Tails.take(node, list(node), list(node))
    for key in [k for k in node if k not in data]:
        del node[key]
    previous: str | None = None
    for key, value in data.items():
        if key in node:
            node[key] = _merged(node[key], plain.get(key), value)
        else:
            keys = list(node)
            if previous in node:
                position = keys.index(previous) + 1
            else:  # first of the new keys: after `version`, the file's first line of data
                position = 1 if keys[:1] == ["version"] and key != "version" else 0
            node.insert(position, key, _convert(value))
        previous = key
    tails.put(node, list(node), list(node))


def _merged(node: Any, plain: Any, new: Any) -> Any:
    """`new`, reusing the file's `node` (and so its comments) wherever the two agree in shape.
    `plain` is the same part as the reader read it: it decides what is unchanged."""
    if isinstance(node, CommentedMap) and isinstance(plain, Mapping) and isinstance(new, Mapping):
        _merge_map(node, plain, new)
        return node
    if isinstance(node, CommentedSeq) and isinstance(plain, list) and isinstance(new, list | tuple):
        _merge_seq(node, plain, new)
        return node
    if _same(plain, new):
        return node
    converted = _convert(new)
    if _is_block(node) and type(converted) is str:
        # ruamel would keep the old value's « | » style for a plain text put in its place.
        return PlainScalarString(converted)
    return converted


def _ids(items: Sequence[Any]) -> list[str] | None:
    """The items' ids, if every item is a mapping with its own id."""
    ids = [repr(item.get("id")) if isinstance(item, Mapping) and "id" in item else None
           for item in items]
    if any(i is None for i in ids) or len(set(ids)) != len(ids):
        return None
    return ids  # type: ignore[return-value]


def _merge_seq(node: CommentedSeq, plain: list[Any], new: Sequence[Any]) -> None:
    old_ids, new_ids = _ids(plain), _ids(new)
    if old_ids is None or new_ids is None or len(plain) != len(node):
        old_ids = [str(n) for n in range(len(node))]
        new_ids = [str(n) for n in range(len(new))]
    tails = _Tails.take(node, list(range(len(node))), old_ids)
    # After a list written inline, ruamel keeps the next item's heading on that item (slot 1
    # of its entry): it moves with the item.
    headings = {i: node.ca.items[n][1] for n, i in enumerate(old_ids)
                if len(node.ca.items.get(n) or ()) > 1 and node.ca.items[n][1]}
    old = {i: (node[n], plain[n]) for n, i in enumerate(old_ids) if n < len(plain)}
    items = [_merged(*old[i], value) if i in old else _convert(value)
             for i, value in zip(new_ids, new, strict=True)]
    del node[:]
    node.ca.items.clear()
    node.extend(items)
    for n, i in enumerate(new_ids):
        if i in headings:
            node.ca.items[n] = [None, headings[i], None, None]
    tails.put(node, list(range(len(node))), new_ids, headed=set(headings))


_END = "\0end"


class _Tails:
    """The text ruamel keeps after each item of a block (map or list), split in two: the end
    of the item's own last line (its end-of-line comment) and what comes before the NEXT item
    (blank lines, the comment that heads it). After the block changed, each item gets its own
    line end back followed by the heading of whatever item now follows it, so a comment stays
    above the item it describes, and a removed item's heading goes with it. The heading of a
    block's first item is kept by ruamel on the block's parent: it stays at the top."""

    def __init__(self) -> None:
        self.ends: dict[str, Any] = {}  # identity → (token, own line end)
        self.heads: dict[str, str] = {}  # identity of the item headed → text before it
        self.model: Any = None
        self.order: list[str] = []

    @classmethod
    def take(cls, node: CommentedMap | CommentedSeq, keys: list[Any], ids: list[str]) -> _Tails:
        tails = cls()
        for n, (key, identity) in enumerate(zip(keys, ids, strict=True)):
            token = _take_token(node, key)
            if token is None:
                continue
            tails.model = token
            if _is_block(_value_at(node, key)):
                # A block ends its own line: all is heading, and a heading that begins with
                # a comment is indented by the token's column rather than by spaces.
                own, head = "", str(token.value)
                if head and not head.startswith("\n"):
                    head = " " * getattr(token.start_mark, "column", 0) + head
            else:
                own, _, head = str(token.value).partition("\n")
                own += "\n"
            tails.ends[identity] = own
            following = ids[n + 1] if n + 1 < len(ids) else _END
            tails.heads[following] = head
        tails.order = ids
        return tails

    def put(self, node: CommentedMap | CommentedSeq, keys: list[Any], ids: list[str],
            headed: frozenset[str] | set[str] = frozenset()) -> None:
        """`headed`: items whose heading ruamel keeps on themselves (after an inline list)."""
        if self.model is None:
            return
        kept = set(ids)
        for n, removed in enumerate(self.order):
            if removed in kept or removed not in self.heads:
                continue
            # A removed item's heading goes with it, but not the blank line that set it
            # apart: that one now separates the items that were around it.
            head = self.heads.pop(removed)
            blank = head[: len(head) - len(head.lstrip("\n"))]
            after = next((i for i in self.order[n + 1:] if i in kept), None)
            if (blank and after is not None and after not in headed
                    and not self.heads.get(after, "").startswith("\n")):
                self.heads[after] = blank + self.heads.get(after, "")
        for n, (key, identity) in enumerate(zip(keys, ids, strict=True)):
            following = ids[n + 1] if n + 1 < len(ids) else _END
            block = _is_block(_value_at(node, key))
            own = "" if block else self.ends.get(identity) or "\n"
            text = own + self.heads.get(following, "")
            if not text or (identity not in self.ends and text == "\n"):
                continue
            if block and not text.startswith("\n"):  # see `take`: the column indents it
                column = len(text) - len(text.lstrip(" "))
                token = CommentToken(text[column:], CommentMark(column), None)
            else:
                token = copy.copy(self.model)
                token.value = text
            _put_token(node, key, token)


def _owner(node: CommentedMap | CommentedSeq, key: Any) -> tuple[Any, Any, int]:
    """Where ruamel keeps the text after item `key`: on the last scalar of a block inside it."""
    child = node[key]
    if isinstance(child, CommentedMap | CommentedSeq) and child and not child.fa.flow_style():
        return _owner(child, next(reversed(child)) if isinstance(child, CommentedMap)
                      else len(child) - 1)
    return node, key, 2 if isinstance(node, CommentedMap) else 0


def _is_block(value: Any) -> bool:
    return isinstance(value, LiteralScalarString | FoldedScalarString)


def _value_at(node: CommentedMap | CommentedSeq, key: Any) -> Any:
    owner, key, _ = _owner(node, key)
    return owner[key]


def _take_token(node: CommentedMap | CommentedSeq, key: Any) -> Any:
    owner, key, slot = _owner(node, key)
    entry = owner.ca.items.get(key)
    if not entry or len(entry) <= slot or entry[slot] is None:
        return None
    token, entry[slot] = entry[slot], None
    return token


def _put_token(node: CommentedMap | CommentedSeq, key: Any, token: Any) -> None:
    owner, key, slot = _owner(node, key)
    entry = owner.ca.items.setdefault(key, [None] * (4 if isinstance(owner, CommentedMap) else 2))
    entry[slot] = token
