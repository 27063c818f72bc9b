"""The only Jinja environment coopdocs renders with: sandboxed, strict, autoescaping, bounded.

`finalize` is where every printed value passes: ``None`` is refused (never "None", never a
silent blank), so is a function (``{{ range }}``), text is cleaned of what XML forbids, a
picture (`context.picture.Table` or `Drawing`) becomes its WordprocessingML
(`render.figures`), and the ``{{``/``{%`` a user typed are counted so the output check does
not blame the template for them.

Bounds: a template edited by someone must not hang a batch or eat the machine's memory. Each
render has a budget (`render_budget`): a wall-clock time, a number of loop turns, and a
number of characters built; every loop turn, call, filter, operator and join spends from it.
Each value a template builds is bounded (`MAX_TEXT`), and so are the widths it asks of
``center``, ``indent``, ``format``… (`MAX_WIDTH`). Jinja's ``lipsum``, ``cycler``, ``joiner``
and ``namespace`` are not offered (``namespace`` is the way to grow a text without end, and
none is documented for templates). `refusals` finds, without rendering, what the renderer
would refuse: `lint` reports it with the other template problems.
"""

from __future__ import annotations

import contextvars
import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from string import Formatter
from typing import Any, TypeVar

from jinja2 import StrictUndefined, Template, Undefined, nodes
from jinja2.compiler import CodeGenerator, Frame, optimizeconst
from jinja2.exceptions import SecurityError
from jinja2.runtime import markup_join, str_join
from jinja2.sandbox import ImmutableSandboxedEnvironment, SandboxedEnvironment
from markupsafe import Markup

from coopdocs.context.picture import Drawing, Table
from coopdocs.french.filters import FILTERS
from coopdocs.render.explain import EmptyValueError, count_tags
from coopdocs.render.figures import held, wordml
from coopdocs.render.xmltext import clean_text, legal_text

__all__ = ["MAX_ITERATIONS", "MAX_POWER_BITS", "MAX_REPEAT", "MAX_SECONDS", "MAX_TEXT",
           "MAX_WIDTH", "Filters", "LimitError", "Refusal", "make_environment",
           "refusals", "render_budget", "value_tags"]

Filters = Mapping[str, Callable[..., Any]]
_T = TypeVar("_T")

# `{{`/`{%` that the data of the render running in this context brought into the text, so the
# "unprocessed tag" check does not blame the template for something a user typed.
value_tags: contextvars.ContextVar[list[int] | None] = contextvars.ContextVar(
    "coopdocs_value_tags", default=None
)

MAX_REPEAT = 1_000_000  # characters or items a template may build with `*`
MAX_POWER_BITS = 4_096  # size of an integer a template may build with `**` or `*`
MAX_TEXT = 5_000_000  # characters of any one value a template builds (a document part too)
MAX_BUILT = 50_000_000  # characters a render may build in all
MAX_ITERATIONS = 1_000_000  # loop turns of one render (nested loops multiply)
MAX_SECONDS = 20.0  # wall-clock time of one render (a document is rendered in milliseconds)
MAX_WIDTH = 10_000  # width a template may ask of center, indent, format, ljust…

_HINT_LOOPS = ("vérifiez les boucles {% for %} du modèle (boucles imbriquées, range trop grand) "
               "et retirez la balise en cause")
_HINT_SIZE = ("un modèle met en forme les champs du projet ; retirez la balise qui fabrique ce "
              "texte et vérifiez qui a modifié le modèle")


class LimitError(SecurityError):
    """A template went beyond a bound of the sandbox; `explanation` says it in French
    (message, hint, code, text to look for in the template), for `render.explain`."""

    def __init__(self, message: str, hint: str, needle: str | None = None,
                 code: str = "rendu-limite") -> None:
        super().__init__(message)
        self.explanation = (message, hint, code, needle)


# --- the budget of one render -----------------------------------------------------------------


@dataclass
class _Budget:
    deadline: float
    turns: int = 0
    built: int = 0

    def tick(self) -> None:
        if time.monotonic() > self.deadline:
            raise LimitError(f"le modèle a mis plus de {MAX_SECONDS:g} secondes à produire le "
                             "document : génération arrêtée (une boucle sans fin ?)",
                             _HINT_LOOPS)

    def turn(self) -> None:
        self.turns += 1
        if self.turns > MAX_ITERATIONS:
            raise LimitError("le modèle fait plus d'un million de tours de boucle pour un seul "
                             "document : génération arrêtée", _HINT_LOOPS, "for")
        if not self.turns % 256:
            self.tick()

    def spend(self, size: int) -> None:
        self.built += size
        if self.built > MAX_BUILT:
            raise LimitError("le modèle fabrique plus de 50 millions de caractères pour un "
                             "seul document : génération arrêtée", _HINT_SIZE)
        self.tick()


# Pieces of a template's output counted at once (`_Sandbox.concat`).
_CONCAT_BATCH = 256

_budget: contextvars.ContextVar[_Budget | None] = contextvars.ContextVar("coopdocs_budget",
                                                                         default=None)


@contextmanager
def render_budget() -> Iterator[None]:
    """One budget for everything rendered inside the block (every part of a document); a
    block inside another shares the outer one."""
    if _budget.get() is not None:
        yield
        return
    token = _budget.set(_Budget(time.monotonic() + MAX_SECONDS))
    try:
        yield
    finally:
        _budget.reset(token)


def _n(number: int) -> str:
    """« 5 000 000 »: digits grouped by a narrow no-break space, as in the documents."""
    return f"{number:,}".replace(",", "\u202f")


def _size(value: Any) -> int:
    return len(value) if isinstance(value, str | list | tuple | dict) else 0


def _built(value: _T, what: str = "un texte") -> _T:
    """`value`, once it is known to be of a reasonable size (and paid for)."""
    size = _size(value)
    if size > MAX_TEXT:
        raise LimitError(f"le modèle fabrique {what} démesuré ({_n(size)} éléments, au-delà "
                         f"de {_n(MAX_TEXT)}) : génération arrêtée", _HINT_SIZE)
    budget = _budget.get()
    if budget is not None:
        budget.spend(size)
    return value


def _width(value: Any, what: str) -> None:
    if isinstance(value, int) and abs(value) > MAX_WIDTH:
        raise LimitError(f"le modèle demande une largeur démesurée ({value} caractères) à "
                         f"« {what} » : refusé", "une mise en forme se compte en dizaines de "
                         f"caractères (au plus {_n(MAX_WIDTH)})", what)


_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(\*|\d+)?(?:\.(\*|\d+))?")


def _format_widths(pattern: str, percent: bool) -> list[str]:
    """The widths and precisions a format string asks for (``*`` when given as an argument)."""
    if percent:
        return [n for match in _PERCENT.finditer(pattern) for n in match.groups() if n]
    try:
        specs = [spec for _, _, spec, _ in Formatter().parse(pattern) if spec]
    except ValueError:
        return []  # Python will refuse the pattern itself
    return [n for spec in specs for n in re.findall(r"\d+|\{", spec)]


def _check_format(pattern: Any, percent: bool) -> None:
    if not isinstance(pattern, str):
        return
    for width in _format_widths(pattern, percent):
        if width in ("*", "{") or int(width) > MAX_WIDTH:
            raise LimitError("le modèle demande une mise en forme démesurée "
                             f"(« {pattern[:40]} ») : refusée",
                             "une largeur ou une précision se compte en dizaines de "
                             f"caractères (au plus {_n(MAX_WIDTH)}), écrite en chiffres",
                             "format")


# Methods of str whose first argument is a width; those that can multiply a text.
_WIDTH_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})


def _check_call(obj: Any, args: tuple[Any, ...]) -> None:
    """Refuse, before it runs, a call that would build something huge."""
    owner, name = getattr(obj, "__self__", None), getattr(obj, "__name__", "")
    if not isinstance(owner, str) or not args:
        return
    if name in _WIDTH_METHODS:
        _width(args[0], name)
    elif name == "expandtabs":
        _width(args[0] * owner.count("\t") if isinstance(args[0], int) else 0, name)
    elif name == "replace" and len(args) >= 2 and all(isinstance(a, str) for a in args[:2]):
        _grown(owner, args[0], args[1])


def _grown(text: str, old: str, new: str) -> None:
    if len(new) > len(old):
        times = text.count(old) if old else len(text) + 1
        _built_size(len(text) + times * (len(new) - len(old)))


def _built_size(size: int) -> None:
    if size > MAX_TEXT:
        raise LimitError(f"le modèle fabrique un texte démesuré ({_n(size)} caractères, "
                         f"au-delà de {_n(MAX_TEXT)}) : génération arrêtée", _HINT_SIZE)


# --- what a render prints -----------------------------------------------------------------------


def _printed_text(text: str) -> str:
    """A value's text as printed; the ``{{``/``{%`` it brings are counted (see `value_tags`)."""
    text = clean_text(text)
    if "{" in text and (counter := value_tags.get()) is not None:
        counter[0] += count_tags(text)
    return text


def _finalize(value: Any) -> Any:
    if type(value) is str:  # most values: none of the tests below applies
        return _printed_text(value)
    if value is None:
        # Printing "None", or a silent blank, in a document people sign is never right.
        raise EmptyValueError
    if isinstance(value, Undefined):
        return value  # let Jinja raise its own UndefinedError with the missing name
    if isinstance(value, Table | Drawing):
        pictures = held.get()
        if pictures is not None:  # written once the part is checked (`figures.Held`)
            return Markup(pictures.hold(value))
        markup = wordml(value)
        counter = value_tags.get()
        if counter is not None and "{" in markup:  # names typed with {{ or {% in a picture
            counter[0] += count_tags(markup)
        return Markup(markup)
    if hasattr(value, "__html__"):
        if isinstance(value, str):  # Markup from a filter: markup is intended, keep line breaks
            return type(value)(legal_text(value))
        return value
    if callable(value):
        # "<function generate_lorem_ipsum at 0x…>" in a contract: never.
        name = getattr(value, "__name__", type(value).__name__)
        raise LimitError(f"le modèle affiche une fonction (« {name} ») au lieu d'une valeur "
                         "du projet : génération arrêtée",
                         "retirez cette balise, ou écrivez le champ du projet voulu "
                         "(la liste des champs est dans la documentation des modèles)", name,
                         "rendu-acces-interdit")
    return _printed_text(value if isinstance(value, str) else str(value))


# --- the environment ----------------------------------------------------------------------------

_TURN = "coopdocs_tour"  # the filter every {% for %} goes through (see _Generator)


def _turns(iterable: Iterable[Any]) -> Iterator[Any]:
    """Each item of a {% for %}, one loop turn spent from the render's budget."""
    budget = _budget.get()
    for item in iterable:
        if budget is not None:
            budget.turn()
        yield item


class _Generator(CodeGenerator):
    """Jinja's code generator, plus a budget: every loop turn and every ``~`` is counted."""

    def visit_Template(self, node: nodes.Template, frame: Frame | None = None) -> None:
        for loop in node.find_all(nodes.For):
            loop.iter = nodes.Filter(loop.iter, _TURN, [], [], None, None,
                                     lineno=loop.iter.lineno)
        super().visit_Template(node, frame)

    @optimizeconst
    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        if frame.eval_ctx.volatile:
            markup = "context.eval_ctx.autoescape"
        else:
            markup = "True" if frame.eval_ctx.autoescape else "False"
        self.write("environment.join_bounded((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write(f"), {markup})")


class _BoundedTemplate(Template):
    def render(self, *args: Any, **kwargs: Any) -> str:
        with render_budget():
            return super().render(*args, **kwargs)


def _bounded_filter(function: Callable[..., Any], name: str) -> Callable[..., Any]:
    """`function`, refusing huge widths first and huge results after (Jinja's pass_* marks,
    kept in `__dict__` by `functools.wraps`, still tell Jinja what to pass)."""
    injected = 1 if hasattr(function, "jinja_pass_arg") else 0  # context, environment…

    def bounded(*args: Any, **kwargs: Any) -> Any:
        values = args[injected:]
        if name == "center" and len(values) > 1:
            _width(values[1], name)
        elif name == "indent":
            width = values[1] if len(values) > 1 else kwargs.get("width", 4)
            text = values[0] if values else ""
            lines = str(text).count("\n") + 1
            _width(width, name)
            if isinstance(width, int):
                _built_size(len(str(text)) + lines * abs(width))
            elif isinstance(width, str):
                _built_size(len(str(text)) + lines * len(width))
        elif name == "format" and values:
            _check_format(values[0], percent=True)
        elif name == "replace" and len(values) > 2 and all(
                isinstance(v, str) for v in values[1:3]):
            _grown(str(values[0]), values[1], values[2])
        elif name == "wordwrap" and len(values) > 1:
            _width(values[1], name)
        return _built(function(*args, **kwargs))

    bounded.__dict__.update(getattr(function, "__dict__", {}))
    bounded.__name__ = getattr(function, "__name__", name)
    bounded.__wrapped__ = function  # type: ignore[attr-defined]
    return bounded


_DICT_ATTRIBUTES = frozenset(dir(dict))


class _Sandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, plus bounds on what a template builds and on how long it runs.

    Jinja's sandbox bounds `range()` but not ``'a' * 10**10`` nor two nested loops of 100 000
    turns: one tag could ask for gigabytes or hours. Intercepting the operators also stops
    Jinja from folding them at compile time.
    """

    intercepted_binops = frozenset({"*", "**", "+", "%"})
    code_generator_class = _Generator
    template_class = _BoundedTemplate

    @staticmethod
    def concat(parts: Iterable[Any]) -> str:
        """Jinja's ``"".join`` of a template's output (a whole part, a macro, a {% set %}
        block), counting as it goes.

        Taken and counted `_CONCAT_BATCH` pieces at a time, in C (a part is thousands of
        pieces: counting each in Python cost a twentieth of a document's render). A batch
        holds references to strings the template already built, each bounded by the sandbox:
        the sizes are summed before anything is joined."""
        budget = _budget.get()
        pieces: list[str] = []
        size = 0
        remaining = iter(parts)
        while batch := list(islice(remaining, _CONCAT_BATCH)):
            pieces += batch
            size += sum(map(len, batch))
            if size > MAX_TEXT:
                _built_size(size)
            if budget is not None:
                budget.tick()
        if budget is not None:
            budget.spend(size)
        return "".join(pieces)

    def getattr(self, obj: Any, attribute: str) -> Any:
        """``x.y``: for a plain dict whose key is not one of dict's own attributes, the item at
        once, as Jinja would find it after its failed attribute lookup (the context is made of
        dicts: this is most lookups of a render, and an exception saved each time)."""
        if type(obj) is dict and attribute not in _DICT_ATTRIBUTES:
            try:
                return obj[attribute]
            except KeyError:
                pass
        return super().getattr(obj, attribute)

    def join_bounded(self, values: Iterable[Any], markup: bool) -> str:
        """``a ~ b``: Jinja's join, once the size of the result is known to be reasonable."""
        values = tuple(values)
        _built_size(sum(len(v) if isinstance(v, str) else 0 for v in values))
        joined: str = markup_join(values) if markup else str_join(values)
        return _built(joined)

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:
        budget = _budget.get()
        if budget is not None:
            budget.tick()
        _check_call(__obj, args)
        if getattr(__obj, "__name__", "") == "join" and isinstance(
                getattr(__obj, "__self__", None), str) and args:
            items = list(args[0])
            _built_size(sum(map(_size, items)) + len(__obj.__self__) * len(items))
            args = (items, *args[1:])
        return _built(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            _check_format(value.__self__, percent=False)
        return wrapped

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        budget = _budget.get()
        if budget is not None:
            budget.tick()
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if isinstance(seq, str | list | tuple) and isinstance(count, int) and \
                        len(seq) * count > MAX_REPEAT:
                    raise SecurityError(f"repetition too large ({len(seq)} × {count})")
            if isinstance(left, int) and isinstance(right, int) and \
                    left.bit_length() + right.bit_length() > 2 * MAX_POWER_BITS:
                raise SecurityError(f"power too large ({left} * {right})")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and \
                abs(left) > 1 and right * max(abs(left).bit_length(), 1) > MAX_POWER_BITS:
            raise SecurityError(f"power too large ({left} ** {right})")
        elif operator == "+" and isinstance(left, str | list | tuple) and \
                isinstance(right, str | list | tuple):
            _built_size(len(left) + len(right))
        elif operator == "%" and isinstance(left, str):
            _check_format(left, percent=True)
        return _built(super().call_binop(context, operator, left, right))


_REMOVED_GLOBALS = ("lipsum", "cycler", "joiner", "namespace")
_FUNCTIONS = ("range", "dict")  # the globals left: called, never printed


def make_environment(filters: Filters | None = None) -> SandboxedEnvironment:
    """The only Jinja environment coopdocs renders with: sandboxed, strict, autoescaping,
    bounded.

    The immutable sandbox also stops a template from modifying the project data
    (``liste.append(…)``), which is shared by every document of a project. Jinja's ``safe``
    filter is removed: it would let data inject raw WordprocessingML.
    """
    env = _Sandbox(undefined=StrictUndefined, autoescape=True, finalize=_finalize)
    env.filters.pop("safe", None)
    env.filters.update(FILTERS if filters is None else filters)
    env.filters = {name: _bounded_filter(function, name)
                   for name, function in env.filters.items()}
    env.filters[_TURN] = _turns
    for name in _REMOVED_GLOBALS:
        env.globals.pop(name, None)
    return env


# --- what the renderer would refuse, found without rendering -----------------------------------


@dataclass(frozen=True)
class Refusal:
    """A tag the renderer would refuse: where (the node), why, what to do, what to look for."""

    node: nodes.Node
    code: str
    message: str
    hint: str
    needle: str | None = None


def _const(node: nodes.Node | None) -> Any:
    if not isinstance(node, nodes.Expr):
        return None
    try:
        return node.as_const()
    except Exception:  # not a constant (nodes.Impossible, or the constant itself fails)
        return None


def _range_size(node: nodes.Node) -> int | None:
    """The number of turns of ``range(…)`` with constant bounds, else None."""
    if not (isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name)
            and node.node.name == "range") or node.kwargs or node.dyn_args:
        return None
    bounds = [_const(a) for a in node.args]
    if not bounds or not all(isinstance(b, int) for b in bounds):
        return None
    return len(range(*bounds)) if len(bounds) <= 3 and bounds[-1] != 0 else None


def refusals(template: nodes.Template) -> list[Refusal]:
    """What `make_environment`'s renderer would refuse in `template`, found statically:
    constant widths and format strings beyond `MAX_WIDTH`, loops whose constant sizes
    multiply beyond `MAX_ITERATIONS`, a function printed. (A name it does not offer, like
    ``lipsum``, is an unknown field for `lint`.)"""
    found: list[Refusal] = []
    _walk(template, 1, found)
    return found


def _walk(node: nodes.Node, turns: int, found: list[Refusal]) -> None:
    if isinstance(node, nodes.For):
        size = _range_size(node.iter)
        inner = turns * (size or 1)
        if size is not None and inner > MAX_ITERATIONS >= turns:
            found.append(Refusal(node, "modele-limite",
                                 f"boucles démesurées : {_n(inner)} tours pour un seul document, "
                                 f"au-delà de {_n(MAX_ITERATIONS)} ; le document ne serait "
                                 "jamais produit", _HINT_LOOPS, "range"))
        _walk(node.iter, turns, found)
        for child in [*node.body, *node.else_]:
            _walk(child, inner, found)
        if node.test is not None:
            _walk(node.test, inner, found)
        return
    if isinstance(node, nodes.Filter) and node.name in ("center", "indent", "wordwrap") \
            and node.args:
        _static(node, lambda: _width(_const(node.args[0]), node.name), found)
    if isinstance(node, nodes.Filter) and node.name == "format" and node.node is not None:
        _static(node, lambda: _check_format(_const(node.node), True), found)
    if isinstance(node, nodes.Mod):
        _static(node, lambda: _check_format(_const(node.left), True), found)
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Getattr):
        method, args = node.node.attr, node.args
        if method in _WIDTH_METHODS and args:
            _static(node, lambda: _width(_const(args[0]), method), found)
        elif method == "format":
            pattern = _const(node.node.node)
            _static(node, lambda: _check_format(pattern, False), found)
    if isinstance(node, nodes.Output):
        for printed in node.nodes:
            if isinstance(printed, nodes.Name) and printed.name in _FUNCTIONS:
                found.append(Refusal(printed, "modele-limite",
                                     f"le modèle affiche une fonction (« {printed.name} ») au "
                                     "lieu d'une valeur du projet",
                                     "retirez cette balise, ou écrivez le champ du projet voulu",
                                     printed.name))
    for child in node.iter_child_nodes():
        _walk(child, turns, found)


def _static(node: nodes.Node, check: Callable[[], object], found: list[Refusal]) -> None:
    """Run a bound `check` on a constant the template gives; its refusal becomes a finding."""
    try:
        check()
    except LimitError as error:
        message, hint, _, needle = error.explanation
        found.append(Refusal(node, "modele-limite", message, hint, needle))
