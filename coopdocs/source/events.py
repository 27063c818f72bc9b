"""Build plain data from PyYAML's event stream, recording where each field sits in the file.

An explicit stack rather than PyYAML's recursive composer keeps depth, node count and alias
expansion under our control (see the limits in `source.messages`) and lets us note each node's
position as we go. Used by `source.reader.read_source_text`, which owns the loader.
"""

from __future__ import annotations

import re
from datetime import date
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

from coopdocs.errors import FieldPath, Problem, SourceError
from coopdocs.source.messages import (
    MAX_ALIAS_NODES,
    MAX_ALIASES,
    MAX_DEPTH,
    MAX_NODES,
    problem,
    syntax_error,
)

_Y = "tag:yaml.org,2002:"
_STR, _MAP, _SEQ, _TS = _Y + "str", _Y + "map", _Y + "seq", _Y + "timestamp"
_MERGE = _Y + "merge"  # the "<<" key, reported as not accepted
_INT, _FLOAT = _Y + "int", _Y + "float"
_LEADING_ZERO = re.compile(r"^0[0-9_]+$")
# YAML 1.1 numbers that YAML 1.2 reads as text: base 60 (1:30 → 90), hexadecimal (0x1F → 31),
# binary. Written by a user, they are a time, a reference or a typo, never a number.
_NOT_YAML_12 = re.compile(r"^[-+]?(?:0[xXbB].*|[0-9][0-9_]*(?::[0-9_.]*)+)$")
# 20.000 is 20 for YAML, 20 000 for a French reader: refused as ambiguous, never guessed.
_THOUSANDS = re.compile(r"^[-+]?[1-9][0-9]{0,2}\.[0-9]{3}$")
# Invisible format characters (Unicode category Cf, UCD 14): bidi controls that reverse a
# contract's text, zero-width spaces and joiners, soft hyphens, tags. Refused as raw text by
# `source.reader`; here when YAML escapes wrote them ("\u202e").
FORMAT_CHARACTERS = (
    "\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f"
    "\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd"
    "\U00013430-\U00013438\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001"
    "\U000e0020-\U000e007f")
_FORMAT = re.compile(f"[{FORMAT_CHARACTERS}]")
_SCALAR_TAGS = {_STR, _Y + "int", _Y + "float", _Y + "bool", _Y + "null", _TS, _MERGE}
_PLAIN_DATE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")

# --- building data from parser events --------------------------------------------------------

_NO_KEY = object()

# What the builder does with each kind of event; looked up by the event's exact class (a
# project is thousands of events, and a chain of isinstance tests costs on each).
_END, _DOCUMENT, _LEAF, _OPEN, _CLOSE, _SKIP = "end", "document", "leaf", "open", "close", "skip"
_KINDS: dict[type, str] = {StreamEndEvent: _END, DocumentStartEvent: _DOCUMENT,
                           ScalarEvent: _LEAF, AliasEvent: _LEAF, CollectionStartEvent: _OPEN,
                           CollectionEndEvent: _CLOSE}


def _kind(event: Any) -> str | None:
    """The kind of `event`, None for those the builder skips (stream and document ends)."""
    kind = _KINDS.get(type(event))
    if kind is None:  # another class (a subclass, or one skipped): decided once per class
        kind = next((k for cls, k in _KINDS.items() if isinstance(event, cls)), _SKIP)
        _KINDS[type(event)] = kind
    return None if kind is _SKIP else kind


class _Frame:
    __slots__ = ("anchor", "key", "key_path", "keys", "mapping", "path", "size", "value")

    def __init__(self, value: dict[str, Any] | list[Any], path: FieldPath,
                 anchor: str | None) -> None:
        self.value, self.path, self.anchor = value, path, anchor
        self.mapping = isinstance(value, dict)
        self.key: Any = _NO_KEY
        self.key_path: FieldPath = ()  # the path of the value under `key`
        self.keys: dict[str, int] = {}  # key → line of its first occurrence
        self.size = 1  # nodes once aliases are expanded


class Builder:
    def __init__(self, name: str, lines: list[str]) -> None:
        self.name, self.lines = name, lines
        self.positions: dict[FieldPath, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.aliases = self.alias_nodes = self.nodes = 0
        # 1-based lines that continue a scalar begun on an earlier line (folded or block text):
        # what starts them is text, not layout.
        self.continuation_lines: set[int] = set()

    def report(self, code: str, mark: Any, path: FieldPath = (), **details: Any) -> None:
        line, column = mark.line + 1, mark.column + 1
        self.problems.append(problem(code, self.name, line, column, path, **details))

    def fatal(self, code: str, mark: Any, **details: Any) -> SourceError:
        self.report(code, mark, **details)
        return SourceError(self.problems, file=self.name)

    def build(self, text: str, loader_class: Any) -> Any:
        loader = loader_class(text)
        stack: list[_Frame] = []
        root: Any = None
        documents = 0
        # Most events of a project are text, as a key or as a value: they take the short way
        # (`_plain_key`, `_plain_value`), which does what `key` and `leaf` would do with them.
        # Quoted text is text; plain text too when its first character starts no implicit type.
        starts = _starts(type(loader))
        short = starts is not None and not loader.yaml_path_resolvers
        starts = starts or frozenset()
        try:
            while True:
                try:
                    event = loader.get_event()
                except yaml.YAMLError as exc:
                    raise syntax_error(exc, self.name, self.lines) from None
                if short and type(event) is ScalarEvent and stack and event.tag is None and \
                        event.anchor is None and (not event.implicit[0] or (
                            event.value and event.value[0] not in starts)):
                    owner = stack[-1]
                    if owner.mapping and owner.key is _NO_KEY:
                        self._plain_key(owner, event)
                    else:
                        self._plain_value(owner, event)
                    continue
                kind = _kind(event)
                if kind is _END:
                    return root
                if kind is _DOCUMENT:
                    documents += 1
                    if documents > 1:
                        raise self.fatal("documents", event.start_mark)
                    continue
                if kind is None:
                    continue
                parent = stack[-1] if stack else None
                if kind is _CLOSE:
                    frame = stack.pop()
                    if frame.anchor is not None:
                        self.open_anchors.discard(frame.anchor)
                        self.anchors[frame.anchor] = (frame.value, frame.size)
                    value, size, parent = frame.value, frame.size, stack[-1] if stack else None
                elif parent and parent.mapping and parent.key is _NO_KEY:
                    self.key(parent, event, loader)
                    continue
                else:
                    path = self.child_path(parent)
                    if kind is _OPEN:
                        stack.append(self.open(event, path, len(stack)))
                        continue
                    value, size = self.leaf(event, path, loader)
                if parent is None:
                    root = value
                    continue
                parent.size += size
                if parent.mapping:
                    parent.value[parent.key] = value
                else:
                    parent.value.append(value)  # type: ignore[union-attr]
                parent.key = _NO_KEY
        finally:
            loader.dispose()

    def _plain_key(self, parent: _Frame, event: Any) -> None:
        """`key` for a text key (no tag, no anchor, no implicit type: see `build`)."""
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fatal("nombre", event.start_mark)
        key = event.value
        mark = event.start_mark
        if key == "<<":  # quoted: `key` reports it as a merge all the same
            self.report("fusion", mark, parent.path)
        first = parent.keys.get(key)
        path = (*parent.path, key)
        if first is not None:
            self.report("cle_dupliquee", mark, path, key=key, first=first)
        else:
            parent.keys[key] = mark.line + 1
            self.positions.setdefault(path, (mark.line + 1, mark.column + 1))
        parent.key = key
        parent.key_path = path

    def _plain_value(self, parent: _Frame, event: Any) -> None:
        """`leaf` for text (no tag, no anchor, no implicit type: see `build`), put in its
        parent."""
        if parent.mapping:
            path = parent.key_path  # its key recorded the position users should see
        else:
            path = (*parent.path, len(parent.value))
            self.mark_position(path, event.start_mark)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.fatal("nombre", event.start_mark)
        first, last = event.start_mark.line, event.end_mark.line
        if last > first:
            self.continuation_lines.update(range(first + 2, last + 2))
        value = event.value
        if hidden := _FORMAT.search(value):
            self.report("caractere", event.start_mark, path, char=ord(hidden.group()))
        parent.size += 1
        if parent.mapping:
            parent.value[parent.key] = value
        else:
            parent.value.append(value)  # type: ignore[union-attr]
        parent.key = _NO_KEY

    def child_path(self, parent: _Frame | None) -> FieldPath:
        if parent is None:
            return ()
        if not parent.mapping:
            return (*parent.path, len(parent.value))
        return (*parent.path, parent.key)

    def mark_position(self, path: FieldPath, mark: Any) -> None:
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

    def open(self, event: Any, path: FieldPath, depth: int) -> _Frame:
        if depth >= MAX_DEPTH:
            raise self.fatal("profondeur", event.start_mark)
        self.count(event)
        is_map = isinstance(event, MappingStartEvent)
        self.check_tag(event, {_MAP} if is_map else {_SEQ}, path)
        self.mark_position(path, event.start_mark)
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        return _Frame({} if is_map else [], path, event.anchor)

    def check_tag(self, event: Any, allowed: set[str], path: FieldPath) -> bool:
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

    def leaf(self, event: Any, path: FieldPath, loader: Any) -> tuple[Any, int]:
        self.mark_position(path, event.start_mark)
        if isinstance(event, AliasEvent):
            return self.alias(event)
        self.count(event)
        first, last = event.start_mark.line, event.end_mark.line
        if last > first:
            self.continuation_lines.update(range(first + 2, last + 2))
        value = self.scalar(event, path, loader)
        if isinstance(value, str) and (hidden := _FORMAT.search(value)):
            self.report("caractere", event.start_mark, path, char=ord(hidden.group()))
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        return value, 1

    def scalar(self, event: Any, path: FieldPath, loader: Any) -> Any:
        tag = event.tag
        if not self.check_tag(event, _SCALAR_TAGS, path):
            return event.value
        if tag is None or tag == "!":
            plain, text = event.implicit[0], event.value
            starts = _starts(type(loader))
            if (not plain or (text and starts is not None and text[0] not in starts)) and \
                    not loader.yaml_path_resolvers:
                return text  # what `resolve` would find: no implicit type starts that way
            tag = loader.resolve(ScalarNode, text, event.implicit)
        if tag in (_STR, _MERGE) or tag not in _SCALAR_TAGS:
            return event.value
        text = event.value
        if tag in (_INT, _FLOAT) and event.implicit[0] and not (text.isdigit() and text[0] != "0"):
            # (12500, by far the most frequent number, needs none of these looks.)
            if (tag == _INT and _LEADING_ZERO.match(text)) or _NOT_YAML_12.match(text):
                # YAML 1.1 reads 01000 as an octal number; here it is a postal code or a SIRET.
                return text
            if tag == _FLOAT and _THOUSANDS.match(text):
                units, thousands = text.split(".")
                short = f"{float(text):g}"
                self.report("nombre_ambigu", event.start_mark, path, value=text,
                            whole=units + thousands, spaced=f"{units} {thousands}",
                            short=short, decimal=short.replace(".", ","))
        if tag == _TS and (match := _PLAIN_DATE.match(event.value)):
            return self.plain_date(event, path, *map(int, match.groups()))
        try:
            return loader.yaml_constructors[tag](loader, ScalarNode(tag, event.value))
        except (ValueError, KeyError, TypeError, OverflowError):
            shown = tag.replace(_Y, "!!")
            self.report("valeur", event.start_mark, path, value=event.value, tag=shown)
            return event.value

    def plain_date(self, event: Any, path: FieldPath, year: int, month: int, day: int) -> Any:
        """A date, or the text as written when the date does not exist (2027-02-30).

        The schema explains impossible dates in the fields that expect one, so that the other
        problems of the file are reported in the same run; elsewhere the text is just text.
        """
        try:
            return date(year, month, day)
        except ValueError:
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
        parent.key_path = (*parent.path, key)


_STARTS: dict[Any, frozenset[str] | None] = {}


def _starts(loader: Any) -> frozenset[str] | None:
    """The first characters of the plain scalars the loader class may read as something other
    than text (numbers, booleans, null, dates…); None when a resolver may match any."""
    if loader not in _STARTS:
        resolvers = loader.yaml_implicit_resolvers
        _STARTS[loader] = None if resolvers.get(None) else frozenset(k for k in resolvers if k)
    return _STARTS[loader]


def _clone(value: Any) -> Any:
    # Aliased blocks are copied so that later stages can change one without the other.
    if isinstance(value, dict):
        return {k: _clone(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clone(v) for v in value]
    return value
