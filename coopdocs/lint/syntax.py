"""Jinja syntax errors of a template part, located to the paragraph where the bad tag is.

Each part is given to Jinja as ONE LINE PER PARAGRAPH holding that paragraph's tags (docxtpl's
special spellings normalised the way docxtpl does it). Jinja's line numbers are therefore
paragraph numbers, and every node of the AST points back to the paragraph an adviser can find.
docxtpl's own source is one line per ``w:p`` of XML whose lines merge around ``{%p`` tags: its
numbers mean nothing to a legal adviser, and for an unclosed block Jinja blames the last line.

Jinja stops at the first syntax error; the broken tag is then left out and the part parsed
again, so that one run reports every error.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError

from coopdocs.errors import Problem
from coopdocs.lint.parts import Para, Part, Tag, problem

__all__ = ["parse_part"]

_MAX_ROUNDS = 50
_OPENERS = {"if", "for", "macro", "call", "filter", "with", "block", "autoescape", "raw", "trans"}
_KNOWN_TAGS = ["if", "elif", "else", "endif", "for", "endfor", "set", "endset", "with",
               "endwith", "macro", "endmacro"]


def _is_opener(tag: Tag) -> bool:
    return tag.opener == "{%" and (tag.word in _OPENERS or (tag.word == "set"
                                                            and "=" not in tag.source))


def _active(part: Part, removed: set[tuple[int, int]]) -> list[tuple[Para, int, Tag]]:
    return [(para, i, tag) for para in part.paragraphs for i, tag in enumerate(para.tags)
            if tag.source and (para.index, i) not in removed and not para.unclosed]


def _source(part: Part, removed: set[tuple[int, int]]) -> str:
    lines = [[] for _ in part.paragraphs]  # type: list[list[str]]
    for para, _, tag in _active(part, removed):
        lines[para.index].append(tag.source)
    return "\n".join(" ".join(line) for line in lines)


def _open_blocks(active: list[tuple[Para, int, Tag]],
                 stop: tuple[int, int] | None = None) -> list[tuple[Para, int, Tag]]:
    """Blocks still open (innermost last), scanning up to `stop` (excluded)."""
    stack: list[tuple[Para, int, Tag]] = []
    for para, i, tag in active:
        if stop is not None and (para.index, i) == stop:
            break
        if _is_opener(tag):
            stack.append((para, i, tag))
        elif tag.word.startswith("end"):
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][2].word == tag.word[3:]:
                    del stack[depth:]
                    break
    return stack


def _stand_in(tag: Tag, *, closed: bool) -> str | None:
    """What Jinja is given instead of a broken block opener, so that one error does not
    cascade: its end tag still closes something and its loop variable stays defined."""
    inner = tag.source[2:-2]
    loop = re.search(r"\bfor\s+([\w\s,]+?)\s+in\b", inner)
    if loop:
        target = loop[1].strip()
        return f"{{% for {target} in [] %}}" if closed else f"{{% set {target} = dict() %}}"
    if closed and (word := re.search(r"\b(if|elif)\b", inner)):
        return f"{{% {word[1]} true %}}"
    return None


def _unclosed(tag: Tag, para: Para) -> Problem:
    end = f"end{tag.word}"
    special = tag.marker in ("p", "tr", "tc")
    spelt = f"{{%{tag.marker} {end} %}}" if special else f"{{% {end} %}}"
    alone = {"p": ", seule dans son paragraphe", "tr": ", seule dans sa ligne de tableau",
             "tc": ", seule dans sa cellule"}.get(tag.marker or "", "")
    message = f"le bloc « {tag.raw} » n'est jamais refermé"
    hint = f"ajoutez {spelt} à l'endroit où le passage concerné se termine{alone}"
    return problem("syntaxe-bloc-non-ferme", message, hint, para, tag.start, tag.end)


def _translate(message: str) -> str:
    if found := re.match(r"unexpected char '(.)'", message):
        return f"caractère « {found[1]} » inattendu dans la balise"
    if found := re.match(r"expected token '([^']+)', got '([^']+)'", message):
        return (f"« {found[2]} » inattendu dans la balise (il manque peut-être un point, une "
                "barre | ou une parenthèse)")
    if found := re.match(r"unexpected '([^']+)'", message):
        return f"« {found[1]} » inattendu dans la balise"
    if "tag name expected" in message:
        return "mot-clé manquant après « {% » (if, for, endif, endfor…)"
    if "expected an expression" in message or "Expected an expression" in message:
        return "balise vide ou incomplète"
    return f"balise mal écrite (le moteur indique : {message})"


def _guilty(env: Any, tags: list[tuple[Para, int, Tag]]) -> tuple[Para, int, Tag] | None:
    """Among the tags of one line, the first one that fails to parse on its own."""
    for entry in tags:
        tag = entry[2]
        source = tag.source + (f"{{% end{tag.word} %}}" if _is_opener(tag) else "")
        if tag.word in ("else", "elif") or tag.word.startswith("end"):
            continue
        try:
            env.parse(source)
        except TemplateSyntaxError:
            return entry
    return tags[0] if tags else None


Explained = tuple[tuple[int, int] | None, Problem | None, str | None]


def _explain(exc: TemplateSyntaxError, part: Part, removed: set[tuple[int, int]],
             env: Any) -> Explained:
    """(the tag to leave out or stand in for, the problem to report, the stand-in)."""
    message = str(exc.message or "")
    active = _active(part, removed)
    line = [e for e in active if e[0].index == (exc.lineno or 1) - 1]
    innermost = re.search(r"innermost block that needs to be closed is '(\w+)'", message)
    unknown = re.match(r"Encountered unknown tag '(\w+)'", message)
    if message.startswith("Unexpected end of template") and innermost:
        opened = [e for e in _open_blocks(active) if e[2].word == innermost[1]]
        if opened:
            para, i, tag = opened[-1]
            return (para.index, i), _unclosed(tag, para), _stand_in(tag, closed=False)
    if unknown:
        word = unknown[1]
        entry = next((e for e in line if e[2].word == word), line[0] if line else None)
        if entry is None:
            return None, Problem(f"balise « {word} » inconnue", code="syntaxe-balise-inconnue",
                                 location=part.label), None
        para, i, tag = entry
        closing = (word.startswith("end") and word[3:] in _OPENERS | {"set"}) or \
            word in ("else", "elif")
        if closing and innermost:
            stack = _open_blocks(active, (para.index, i))
            wanted = word[3:] if word.startswith("end") else "if"
            if stack and any(e[2].word == wanted for e in stack[:-1]):
                opener_para, j, opener = stack[-1]
                return ((opener_para.index, j), _unclosed(opener, opener_para),
                        _stand_in(opener, closed=False))
        if closing:
            text = (f"« {tag.raw} » ne ferme aucun bloc ouvert" if word.startswith("end")
                    else f"« {tag.raw} » sans {{% if %}} ouvert avant elle")
            hint = ("supprimez cette balise, ou ajoutez plus haut le {% if … %} / "
                    "{% for … %} qu'elle devait fermer ; vérifiez l'ordre des fins de blocs")
            return (para.index, i), problem("syntaxe-fin-en-trop", text, hint, para, tag.start,
                                            tag.end), None
        close = difflib.get_close_matches(word, _KNOWN_TAGS, n=1, cutoff=0.6)
        if word in ("p", "tr", "tc"):
            hint = f"collez « {word} » à « {{% » : {{%{word} if … %}}, sans espace entre les deux"
        else:
            spelt = close[0] if close and close[0].startswith(("end", "else")) else \
                f"{close[0]} …" if close else ""
            hint = (f"vouliez-vous dire « {{% {spelt} %}} » ? " if close else "") + (
                "les balises possibles sont if, elif, else, endif, for, endfor et set ; pour "
                "afficher un champ, écrivez {{ champ }}")
        text = f"balise « {word} » inconnue : « {tag.raw} »"
        return (para.index, i), problem("syntaxe-balise-inconnue", text, hint, para, tag.start,
                                        tag.end), None
    entry = _guilty(env, line)
    hint = ("une balise s'écrit {{ champ }} ou {% if … %} : vérifiez les accolades, les "
            "guillemets, les parenthèses et les mots-clés")
    if entry is None:
        return None, Problem(_translate(message), hint=hint, code="syntaxe-erreur",
                             location=part.label), None
    para, i, tag = entry
    stand_in = _stand_in(tag, closed=True)
    if tag.guillemets:  # already reported as guillemets-francais, an error
        return (para.index, i), None, stand_in
    text = _translate(message)
    if tag.curly and re.match(r"unexpected char '[\"']'", message):
        text = "guillemets typographiques mal placés dans la balise"
    found = problem("syntaxe-erreur", text, hint, para, tag.start, tag.end)
    return (para.index, i), found, stand_in


def parse_part(part: Part, env: Any) -> tuple[nodes.Template | None, list[Problem]]:
    """Parse a part, reporting every syntax error; the AST when the part is (made) valid."""
    removed: set[tuple[int, int]] = set()
    replaced: set[tuple[int, int]] = set()
    found: list[Problem] = []
    for _ in range(_MAX_ROUNDS):
        try:
            return env.parse(_source(part, removed)), found
        except TemplateSyntaxError as exc:
            culprit, explained, stand_in = _explain(exc, part, removed, env)
            if explained is not None:
                found.append(explained)
            if culprit is None or culprit in removed:
                return None, found
            if stand_in and culprit not in replaced:
                replaced.add(culprit)
                part.paragraphs[culprit[0]].tags[culprit[1]].source = stand_in
            else:
                removed.add(culprit)
    return None, found
