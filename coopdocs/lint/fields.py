"""The fields a template reads, checked against the context shape by walking the Jinja AST.

The AST comes from `lint_syntax.parse_part`, whose line numbers are paragraph numbers. The walk
collects attribute and item chains (``projet.nom``, ``p.raison_sociale`` inside
``{% for p in partenaires %}``) with loop-variable scoping and compares them with the context
shape (`lint_shape`), suggesting the closest name. Method calls are limited to a short list of
read-only ones; anything starting with ``_`` is refused, like the sandbox does at render time.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from jinja2 import nodes
from jinja2.filters import FILTERS as DEFAULT_FILTERS

from coopdocs.errors import Problem, Severity
from coopdocs.lint.parts import Part, problem
from coopdocs.lint.shape import Shape
from coopdocs.render.sandbox import refusals

__all__ = ["FieldChecker", "builtin_filters"]

_FIELDS_DOC = ("la liste des champs disponibles est dans le guide des modèles (coopdocs aide "
               "modeles)")
LOOP_ATTRS = ("index", "index0", "revindex", "revindex0", "first", "last", "length", "cycle",
              "depth", "depth0", "previtem", "nextitem", "changed")
# Methods a template may call: read-only, no side effect, harmless on any value.
DICT_METHODS = frozenset({"items", "keys", "values", "get"})
TEXT_METHODS = frozenset({"upper", "lower", "capitalize", "title", "strip", "lstrip", "rstrip",
                          "startswith", "endswith", "replace", "split"})
METHODS = DICT_METHODS | TEXT_METHODS
DATE_ATTRS = frozenset({"year", "month", "day"})
_ATTRIBUTE_FILTERS = {"map", "selectattr", "rejectattr", "sort", "groupby", "sum", "unique",
                      "min", "max"}
_SAME_LIST_FILTERS = {"list", "sort", "reverse", "unique", "select", "reject", "selectattr",
                      "rejectattr"}
_UNSUPPORTED: dict[type[nodes.Node], str] = {
    nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from",
    nodes.Extends: "extends", nodes.Block: "block"}


def builtin_filters() -> set[str]:
    """Jinja's own filters, without ``safe`` (render.make_environment removes it too)."""
    return set(DEFAULT_FILTERS) - {"safe"}


# --- fields --------------------------------------------------------------------------------


@dataclass
class Val:
    """What an expression is known to be: its shape, how the template wrote it, or a role."""

    shape: Shape | None = None
    text: str | None = None
    role: str | None = None  # loop, function, pairs, method
    owner: Val | None = None


def _leaf(kind: str = "texte") -> Shape:
    return Shape("leaf", types=frozenset({kind}))


class FieldChecker:
    """Walks a part's AST, checking fields, filters, tests and method calls."""

    def __init__(self, part: Part, shape: Shape, env: Any, filters: Iterable[str],
                 body_loop_names: set[str] | None = None) -> None:
        self.part = part
        self.shape = shape
        self.env = env
        self.coopdocs_filters = set(filters)
        self.filters = self.coopdocs_filters | builtin_filters()
        self.body_loop_names = body_loop_names or set()
        self.loop_names: set[str] = set()
        self.problems: list[Problem] = []

    # reporting ---------------------------------------------------------------------------

    def _report(self, node: nodes.Node, code: str, message: str, hint: str,
                needle: str | None = None, severity: Severity = "erreur") -> None:
        index = (getattr(node, "lineno", 1) or 1) - 1
        para = self.part.paragraphs[index] if index < len(self.part.paragraphs) else None
        start = end = 0
        if para is not None:
            at = para.text.find(needle) if needle else -1
            if at >= 0:
                start, end = at, at + len(needle or "")
            elif para.tags:
                start, end = para.tags[0].start, para.tags[0].end
        found = problem(code, message, hint, para, start, end, severity=severity,
                        part=self.part.label)
        if found not in self.problems:
            self.problems.append(found)

    def _unknown(self, node: nodes.Node, base: Val, key: str, candidates: Iterable[str],
                 text: str | None) -> None:
        shown = text or key
        message = f"champ « {shown} » inconnu"
        canonical = f"{base.shape.path}.{key}" if base.shape and base.shape.path else None
        if canonical and canonical != shown:
            message += f" ({canonical})"
        close = difflib.get_close_matches(key, sorted(candidates), n=1, cutoff=0.6)
        if close:
            prefix = f"{base.text}." if base.text else ""
            hint = f"vouliez-vous dire « {prefix}{close[0]} » ? {_FIELDS_DOC}"
        else:
            hint = f"vérifiez l'orthographe ; {_FIELDS_DOC}"
        self._report(node, "champ-inconnu", message, hint, shown)

    # statements --------------------------------------------------------------------------

    def run(self, template: nodes.Template) -> list[Problem]:
        self.body(template.body, {})
        for refused in refusals(template):  # what the renderer's bounds would refuse
            self._report(refused.node, refused.code, refused.message, refused.hint,
                         refused.needle)
        return self.problems

    def body(self, statements: list[nodes.Node], scope: dict[str, Val]) -> None:
        for node in statements:
            self.stmt(node, scope)

    def stmt(self, node: nodes.Node, scope: dict[str, Val]) -> None:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                self.expr(child, scope)
        elif isinstance(node, nodes.For):
            self._for(node, scope)
        elif isinstance(node, nodes.If):
            self.expr(node.test, scope)
            self.body(node.body, scope)
            for branch in node.elif_:
                self.stmt(branch, scope)
            self.body(node.else_, scope)
        elif isinstance(node, nodes.Assign):
            self.bind(node.target, self.expr(node.node, scope), scope)
        elif isinstance(node, nodes.AssignBlock):
            self.body(node.body, dict(scope))
            if node.filter is not None:
                self.expr(node.filter, scope)
            self.bind(node.target, Val(_leaf()), scope)
        elif isinstance(node, nodes.With):
            inner = dict(scope)
            for target, value in zip(node.targets, node.values, strict=False):
                self.bind(target, self.expr(value, scope), inner)
            self.body(node.body, inner)
        elif isinstance(node, nodes.Macro | nodes.CallBlock):
            if isinstance(node, nodes.Macro):
                scope[node.name] = Val(role="function")
            else:
                self.expr(node.call, scope)
            inner = dict(scope)
            for name in ("varargs", "kwargs", "caller"):
                inner[name] = Val(role="function")
            for arg in node.args:
                inner[arg.name] = Val()
            for default in node.defaults:
                self.expr(default, scope)
            self.body(node.body, inner)
        elif isinstance(node, nodes.FilterBlock):
            self.expr(node.filter, scope)
            self.body(node.body, scope)
        elif type(node) in _UNSUPPORTED:
            word = _UNSUPPORTED[type(node)]
            self._report(node, "balise-non-prise-en-charge",
                         f"la balise « {word} » n'est pas prise en charge dans un modèle Word",
                         "chaque modèle doit se suffire à lui-même : retirez cette balise",
                         word)
        else:
            for inner_node in node.iter_child_nodes():
                if isinstance(inner_node, nodes.Stmt | nodes.Template):
                    self.stmt(inner_node, scope)
                elif isinstance(inner_node, nodes.Expr):
                    self.expr(inner_node, scope)

    def _for(self, node: nodes.For, scope: dict[str, Val]) -> None:
        source = self.expr(node.iter, scope)
        inner = dict(scope)
        if isinstance(node.target, nodes.Tuple):
            pairs = source.role == "pairs" and len(node.target.items) == 2
            for position, target in enumerate(node.target.items):
                self.bind(target, Val(_leaf()) if pairs and position == 0 else Val(), inner)
        else:
            shape = source.shape
            item = None
            if shape is not None and shape.kind == "list":
                item = shape.item
            elif shape is not None and shape.kind == "dict":
                item = _leaf()
            self.bind(node.target, Val(item), inner)
        targets = [node.target, *node.target.find_all(nodes.Name)]  # find_all skips itself
        self.loop_names.update(t.name for t in targets if isinstance(t, nodes.Name))
        inner["loop"] = Val(role="loop", text="loop")
        if node.test is not None:
            self.expr(node.test, inner)
        self.body(node.body, inner)
        self.body(node.else_, scope)

    def bind(self, target: nodes.Node, value: Val, scope: dict[str, Val]) -> None:
        if isinstance(target, nodes.Name):
            scope[target.name] = Val(value.shape, target.name, value.role, value.owner)
        elif isinstance(target, nodes.Tuple):
            for item in target.items:
                self.bind(item, Val(), scope)
        elif isinstance(target, nodes.NSRef) and target.name not in scope:
            self.expr(nodes.Name(target.name, "load", lineno=target.lineno), scope)

    # expressions -------------------------------------------------------------------------

    def expr(self, node: nodes.Node, scope: dict[str, Val]) -> Val:
        if isinstance(node, nodes.Name):
            return self._name(node, scope)
        if isinstance(node, nodes.Getattr):
            base = self.expr(node.node, scope)
            return self.member(node, base, node.attr)
        if isinstance(node, nodes.Getitem):
            base = self.expr(node.node, scope)
            if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
                return self.member(node, base, node.arg.value, item=True)
            self.expr(node.arg, scope)
            shape = base.shape
            if shape is not None and shape.kind == "list" and not isinstance(node.arg,
                                                                             nodes.Slice):
                return Val(shape.item, f"{base.text}[…]" if base.text else None)
            return Val(shape if isinstance(node.arg, nodes.Slice) else None)
        if isinstance(node, nodes.Call):
            return self._call(node, scope)
        if isinstance(node, nodes.Filter):
            return self._filter(node, scope)
        if isinstance(node, nodes.Test):
            self.expr(node.node, scope)
            for child in [*node.args, *node.kwargs]:
                self.expr(child, scope)
            if node.name not in self.env.tests:
                close = difflib.get_close_matches(node.name, sorted(self.env.tests), n=1)
                hint = (f"vouliez-vous dire « {close[0]} » ?" if close else
                        "les tests courants sont defined, none, true, false, even, odd")
                self._report(node, "test-inconnu", f"test « is {node.name} » inconnu", hint,
                             node.name)
            return Val(_leaf("booleen"))
        if isinstance(node, nodes.Const):
            return Val(_leaf())
        for child in node.iter_child_nodes():
            self.expr(child, scope)
        return Val()

    def _name(self, node: nodes.Name, scope: dict[str, Val]) -> Val:
        name = node.name
        if name in scope:
            return scope[name]
        if self.shape.kind != "dict":  # no context to compare with: nothing to say
            return Val(text=name)
        if name in self.shape.keys:
            return Val(self.shape.keys[name], name)
        if name in self.env.globals:
            return Val(role="function", text=name)
        if self.part.header_footer and name in self.body_loop_names:
            label = self.part.label
            where = ("le " if label.startswith("pied") else "les " if label.startswith(
                "propriétés") else "l'") + label
            message = (f"« {name} » est une variable de boucle du corps du document : elle "
                       f"n'existe pas dans {where}")
            hint = ("hors du corps du document (en-têtes, pieds de page, propriétés), seuls "
                    "les champs de premier niveau existent ({{ projet.nom }}) : remplacez la "
                    "variable par un tel champ")
            self._report(node, "champ-boucle-en-tete", message, hint, name)
            return Val()
        root = Val(Shape("dict", keys=self.shape.keys))
        self._unknown(node, root, name, [*self.shape.keys, *scope], name)
        return Val()

    def member(self, node: nodes.Node, base: Val, key: str, item: bool = False) -> Val:
        text = f"{base.text}.{key}" if base.text else None
        if base.role == "blocked":
            return base
        if key.startswith("_"):
            self._report(node, "acces-interdit",
                         f"accès interdit « {text or key} » : un modèle ne peut lire que les "
                         "champs du projet",
                         "retirez cette balise et vérifiez qui a modifié le modèle", key)
            return Val(role="blocked")
        if base.role == "loop":
            if key not in LOOP_ATTRS:
                self._unknown(node, base, key, LOOP_ATTRS, text)
            return Val(role="method" if key == "cycle" else None, text=text)
        shape = base.shape
        if shape is None or not shape.checkable:
            return Val(text=text, role="method" if key in METHODS else None, owner=base)
        if shape.kind == "dict":
            if key in shape.keys:
                return Val(shape.keys[key], text)
            if key in DICT_METHODS and not item:
                return Val(text=text, role="method", owner=base)
            self._unknown(node, base, key, shape.keys, text)
        elif shape.kind == "list":
            message = (f"« {base.text} » est une liste : « {key} » ne s'y lit pas directement"
                       if base.text else f"champ « {key} » lu sur une liste")
            hint = (f"parcourez-la avec {{% for x in {base.text or 'liste'} %}}…{{{{ x.{key} "
                    "}}…{% endfor %}, ou prenez un élément avec |first")
            self._report(node, "champ-inconnu", message, hint, text or key)
        else:
            if "date" in shape.types and key in DATE_ATTRS:
                return Val(_leaf("nombre"), text)
            if key in TEXT_METHODS and "texte" in shape.types and not item:
                return Val(text=text, role="method", owner=base)
            kind = "/".join(sorted(shape.types))
            message = f"« {base.text} » est une valeur simple ({kind}) : elle n'a pas de champ " \
                      f"« {key} »"
            hint = f"écrivez seulement {{{{ {base.text} }}}} ; {_FIELDS_DOC}"
            self._report(node, "champ-inconnu", message, hint, text or key)
        return Val()

    def _call(self, node: nodes.Call, scope: dict[str, Val]) -> Val:
        for child in [*node.args, *node.kwargs]:
            self.expr(child, scope)
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                self.expr(extra, scope)
        if isinstance(node.node, nodes.Getattr):
            base = self.expr(node.node.node, scope)
            method = node.node.attr
            known = base.shape is not None and base.shape.checkable
            if method not in METHODS and not (base.role == "loop" and method == "cycle"):
                if method.startswith("_"):
                    self.member(node, base, method)
                    return Val()
                shown = f"{base.text}.{method}()" if base.text else f"{method}()"
                self._report(node, "methode-interdite",
                             f"appel « {shown} » non autorisé dans un modèle",
                             "un modèle ne peut appeler que quelques méthodes simples "
                             f"({', '.join(sorted(METHODS))}) ; utilisez plutôt un filtre",
                             method)
                return Val()
            if known or base.role == "loop":
                self.member(node, base, method)
            return self._method_result(node, base, method)
        callee = self.expr(node.node, scope)
        if callee.role not in ("function", "method") and callee.shape is not None:
            shown = f"{callee.text}()" if callee.text else "()"
            self._report(node, "methode-interdite", f"appel « {shown} » non autorisé",
                         "retirez les parenthèses : un champ s'écrit {{ champ }}", callee.text)
        return Val()

    def _method_result(self, node: nodes.Call, base: Val, method: str) -> Val:
        shape = base.shape
        if method == "items":
            return Val(role="pairs", owner=base)
        if method == "keys":
            return Val(Shape("list", item=_leaf()))
        if method == "get" and shape is not None and shape.kind == "dict" and node.args:
            key = node.args[0]
            if isinstance(key, nodes.Const) and isinstance(key.value, str):
                if key.value in shape.keys:
                    return Val(shape.keys[key.value], f"{base.text}.{key.value}")
                self._unknown(node, base, key.value, shape.keys, f"{base.text}.{key.value}")
            return Val()
        if method in TEXT_METHODS:
            return Val(Shape("list", item=_leaf()) if method == "split" else _leaf())
        return Val()

    def _filter(self, node: nodes.Filter, scope: dict[str, Val]) -> Val:
        base = self.expr(node.node, scope) if node.node is not None else Val()
        for child in [*node.args, *node.kwargs]:
            self.expr(child, scope)
        for extra in (node.dyn_args, node.dyn_kwargs):
            if extra is not None:
                self.expr(extra, scope)
        name = node.name
        if name not in self.filters:
            close = (difflib.get_close_matches(name, sorted(self.coopdocs_filters), n=1)
                     or difflib.get_close_matches(name, sorted(self.filters), n=1))
            hint = (f"vouliez-vous dire « {close[0]} » ? " if close else "") + \
                "la liste des filtres est dans le guide des modèles (coopdocs aide modeles)"
            self._report(node, "filtre-inconnu", f"filtre « {name} » inconnu", hint, name)
            return Val()
        item = base.shape.item if base.shape is not None and base.shape.kind == "list" else None
        attribute = self._attribute_arg(node)
        if attribute and item is not None:
            value = Val(item, f"{base.text}[]" if base.text else None)
            for key in attribute.split("."):
                value = self.member(node, value, key, item=True)
            if name == "map":
                return Val(Shape("list", item=value.shape))
        if name in ("default", "d"):
            return base
        if name in ("first", "last", "random"):
            return Val(item)
        if name in _SAME_LIST_FILTERS:
            return Val(base.shape)
        if name == "paragraphes":
            return Val(Shape("list", item=_leaf()))
        if name in ("dictsort", "items"):
            return Val(role="pairs")
        return Val(None if name in ("map", "groupby", "batch", "slice") else _leaf())

    @staticmethod
    def _attribute_arg(node: nodes.Filter) -> str | None:
        if node.name not in _ATTRIBUTE_FILTERS:
            return None
        for keyword in node.kwargs:
            if keyword.key == "attribute" and isinstance(keyword.value, nodes.Const):
                return str(keyword.value.value)
        if node.name in ("selectattr", "rejectattr", "groupby") and node.args:
            first = node.args[0]
            if isinstance(first, nodes.Const) and isinstance(first.value, str):
                return first.value
        return None
