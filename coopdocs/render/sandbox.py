"""The only Jinja environment coopdocs renders with: sandboxed, strict, autoescaping, bounded.

`finalize` is where every printed value passes: ``None`` is refused (never "None", never a
silent blank), text is cleaned of what XML forbids, a picture (`context.picture.Table` or
`Drawing`) becomes its WordprocessingML (`render.figures`), and the ``{{``/``{%`` a user typed
are counted so the output check does not blame the template for them.
"""

from __future__ import annotations

import contextvars
import re
from collections.abc import Callable, Mapping
from typing import Any

from jinja2 import StrictUndefined, Undefined
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment
from markupsafe import Markup

from coopdocs.context.picture import Drawing, Table
from coopdocs.french.filters import FILTERS
from coopdocs.render.explain import EmptyValueError, count_tags
from coopdocs.render.figures import wordml

__all__ = ["MAX_POWER_BITS", "MAX_REPEAT", "Filters", "clean_text", "make_environment",
           "value_tags"]

Filters = Mapping[str, Callable[..., Any]]

# XML 1.0 forbids these; lxml refuses them and Word declares the file corrupt.
_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Paragraphs come from the template (`paragraphes` filter + {%p for %}), never from "\n".
_BREAKS = re.compile("\r\n|[\t\n\r]")

# `{{`/`{%` that the data of the render running in this context brought into the text, so the
# "unprocessed tag" check does not blame the template for something a user typed.
value_tags: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "coopdocs_value_tags", default=None
)


def clean_text(text: str) -> str:
    """Drop characters XML 1.0 forbids and turn tabs and line breaks into spaces."""
    return _BREAKS.sub(" ", _ILLEGAL_XML.sub("", text))


def _finalize(value: Any) -> Any:
    if value is None:
        # Printing "None", or a silent blank, in a document people sign is never right.
        raise EmptyValueError
    if isinstance(value, Undefined):
        return value  # let Jinja raise its own UndefinedError with the missing name
    if isinstance(value, Table | Drawing):
        markup = wordml(value)
        counter = value_tags.get()
        if counter is not None and "{" in markup:  # names typed with {{ or {% in a picture
            counter[0] += count_tags(markup)
        return Markup(markup)
    if hasattr(value, "__html__"):
        if isinstance(value, str):  # Markup from a filter: markup is intended, keep line breaks
            return type(value)(_ILLEGAL_XML.sub("", value))
        return value
    text = clean_text(value if isinstance(value, str) else str(value))
    counter = value_tags.get()
    if counter is not None and "{" in text:
        counter[0] += count_tags(text)
    return text


MAX_REPEAT = 1_000_000  # characters or items a template may build with `*`
MAX_POWER_BITS = 4_096  # size of an integer a template may build with `**`


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, plus bounds on `*` and `**`.

    Jinja's sandbox bounds `range()` but not ``'a' * 10**10``: one tag could ask for gigabytes.
    Intercepting the operators also stops Jinja from folding them at compile time.
    """

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(count, int) and \
                        len(seq) * count > MAX_REPEAT:
                    raise SecurityError(f"repetition too large ({len(seq)} × {count})")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and \
                abs(left) > 1 and right * max(abs(left).bit_length(), 1) > MAX_POWER_BITS:
            raise SecurityError(f"power too large ({left} ** {right})")
        return super().call_binop(context, operator, left, right)


def make_environment(filters: Filters | None = None) -> SandboxedEnvironment:
    """The only Jinja environment coopdocs renders with: sandboxed, strict, autoescaping.

    The immutable sandbox also stops a template from modifying the project data
    (``liste.append(…)``), which is shared by every document of a project. Jinja's ``safe``
    filter is removed: it would let data inject raw WordprocessingML.
    """
    env = _Sandbox(undefined=StrictUndefined, autoescape=True, finalize=_finalize)
    env.filters.pop("safe", None)
    env.filters.update(FILTERS if filters is None else filters)
    return env
