"""The forms of the page, generated from the schema, and the data a submitted form gives back.

The schema (`schemas/projet.yaml`, read through `check.schema`) is the single source of every
field: its label (the field's French description), its help (example, computed default), its
kind of input (an enumeration is a list of choices labelled by `french.labels`, a reference a
list of the ids that exist, a `texte` a text area…). Nothing here knows a field by name but
the French labels of enumerations, whose kind is not written in the schema.

Reading a form back is the reverse walk: for every field of the step, the submitted text is
turned into the value a person would have typed in the YAML file (a date, a number, oui/non),
and a text left as it was shown gives back the original value untouched, so that saving a
step changes in the file only what the person changed. A value the page cannot show (a list
where a text is expected…) is shown read-only and always kept as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from copy import deepcopy
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from coopdocs.check.schema import field_rules, schema_rules
from coopdocs.errors import FieldPath
from coopdocs.french.labels import label, labels
from coopdocs.method.evaluate import STEP_OF_KEY

__all__ = ["MISSING", "Field", "FormData", "ListAction", "apply_action", "field_name",
           "parse_action", "read_form", "step_fields", "step_keys"]

FormData = Mapping[str, Sequence[str]]  # a submitted form: every value of every name


class _Missing:
    """No value: the key is left out of the YAML file."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()

# The French labels of coded values (`data/libelles.yaml`) by field, where the schema's key is
# not the name of the labels' section.
_LABEL_KINDS = {
    "projet.types_cooperation": "type_cooperation",
    "projet.initiateur.type": "initiateur",
    "partenaires.role": "role_partenaire",
    "statut_juridique.forme": "statut_juridique",
    "statut_juridique.societe.forme": "forme_juridique",
    "statut_juridique.societe.categories.type": "categorie_associes",
    "gouvernance.instances.type": "type_instance",
    "gouvernance.instances.regles_de_vote.mode": "mode_vote",
    "parties_prenantes.frequence_contact": "frequence",
    "parties_prenantes.influence": "niveau",
    "parties_prenantes.interet": "niveau",
    "plan_action.financements.statut": "statut_financement",
    "plan_action.statut": "statut_action",
    "objectifs_operationnels.indicateurs.type": "type_indicateur",
}
# What the lists the schema refers to (`meta.ref`) hold, and how one of their items is named.
_REF_LISTS = {"partenaires": ("raison_sociale",), "objectifs_operationnels": ("intitule",),
              "taches": ("libelle",), "plan_action": ("intitule",)}
# How an item of a list is titled in the page, and the prefix of a new item's id.
_TITLE_KEYS = ("raison_sociale", "nom", "intitule", "libelle", "action", "domaine",
               "partenaire", "source", "id")
_ITEM_NAMES = {"partenaires": "partenaire", "objectifs_operationnels": "objectif",
               "plan_action": "action", "taches": "tache", "instances": "instance",
               "parties_prenantes": "partie-prenante"}
# What an item of each list is called in the page (article, noun).
_NOUNS = {"partenaires": ("un", "partenaire"), "objectifs_operationnels": ("un", "objectif"),
          "plan_action": ("une", "action"), "taches": ("une", "tâche"),
          "instances": ("une", "instance"), "parties_prenantes": ("une", "partie prenante"),
          "composition": ("un", "membre"), "indicateurs": ("un", "indicateur"),
          "financements": ("un", "financement"), "valeurs": ("une", "valeur"),
          "principes": ("un", "principe"), "roles": ("un", "rôle"),
          "faire_vivre": ("une", "action d'animation"), "mobilisation": ("une", "structure"),
          "repartition": ("une", "part"), "repartition_prestations": ("un", "membre"),
          "categories": ("une", "catégorie")}
_NUMBER = re.compile(r"-?\d+(?:[.,]\d+)?")
_INTEGER = re.compile(r"-?\d+")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_ID_NOTE = re.compile(r" \((?:son|leurs) id\)")


@dataclass
class Field:
    """One input of a step's form (or a block, or a list, with its children)."""

    path: FieldPath  # where the value lives in the project data (list positions from 0)
    name: str  # the form's name for it: field_name(path)
    key: str
    kind: str  # ligne, texte, date, nombre, choix, oui_non, reference, cases, lignes,
    #            bloc, liste, element, brut
    label: str
    help: list[str] = field(default_factory=list)
    required: bool = False
    value: str = ""
    values: list[str] = field(default_factory=list)  # cases: the ticked ones
    options: list[tuple[str, str]] = field(default_factory=list)  # (value, French label)
    free_text: bool = False  # reference that also takes a free text (a funder's name)
    children: list[Field] = field(default_factory=list)
    origin: int | None = None  # element: its position in the file when the page was made
    title: str = ""  # element: « Partenaire 2 : Recycl'Action »; liste: « un partenaire »

    def names(self) -> set[str]:
        """Its name and every name below it."""
        found = {self.name}
        for child in self.children:
            found |= child.names()
        return found


def field_name(path: Sequence[str | int]) -> str:
    """``("partenaires", 0, "siret")`` → ``"partenaires.0.siret"``."""
    return ".".join(str(part) for part in path)


def _pattern(path: Sequence[str | int]) -> str:
    return ".".join(str(p) for p in path if isinstance(p, str))


def step_keys(step_id: str) -> list[str]:
    """The top-level keys of the project file a step of the trame fills, in schema order."""
    return [key for key in schema_rules() if STEP_OF_KEY.get(key) == step_id]


# --- from the schema and the data to the form -----------------------------------------------

def _sentence(text: str) -> str:
    # « (son id) » tells a YAML writer what to type; the page offers a list of names instead.
    return _ID_NOTE.sub("", text.strip().rstrip("."))


def display(value: Any) -> str:
    """A value as a form shows it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _label_kind(path: Sequence[str | int]) -> str | None:
    pattern = _pattern(path)
    if pattern in _LABEL_KINDS:
        return _LABEL_KINDS[pattern]
    key = pattern.rsplit(".", 1)[-1]
    return key if isinstance(labels().get(key), Mapping) else None


def _choices(path: Sequence[str | int], allowed: Sequence[Any]) -> list[tuple[str, str]]:
    kind = _label_kind(path)
    return [(str(v), label(kind, str(v), capital=True) if kind
             else str(v).replace("_", " ").capitalize()) for v in allowed]


def _ref_options(data: Mapping[str, Any], target: str,
                 keywords: Sequence[str]) -> list[tuple[str, str]]:
    items: list[Any] = []
    if target == "taches":
        for action in _as_list(data.get("plan_action")):
            items += _as_list(action.get("taches") if isinstance(action, Mapping) else None)
    else:
        items = _as_list(data.get(target))
    options = [(str(k), str(k).replace("_", " ").capitalize()) for k in keywords]
    for item in items:
        if isinstance(item, Mapping) and isinstance(item.get("id"), str) and item["id"]:
            name = next((str(item[k]) for k in _REF_LISTS.get(target, ())
                         if isinstance(item.get(k), str) and item[k].strip()), "")
            options.append((item["id"], f"{name} ({item['id']})" if name else item["id"]))
    return options


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _help(rules: Mapping[str, Any]) -> list[str]:
    meta = rules.get("meta") or {}
    out = []
    if meta.get("exemple") is not None and rules.get("type") not in ("dict", "list"):
        example = str(meta["exemple"]).strip('"')
        if rules.get("type") == "boolean":
            example = {"true": "oui", "false": "non"}.get(example, example)
        out.append(f"Exemple : {example}")
    if meta.get("defaut"):
        out.append(f"Par défaut : {meta['defaut']}")
    elif "default" in rules and rules["default"] not in ({}, None):
        out.append(f"Par défaut : {display(rules['default'])}")
    return out


def _representable(value: Any, rules: Mapping[str, Any]) -> bool:
    """Whether the page can show and give back the value unchanged."""
    if value is None:
        return True
    kind = rules.get("type")
    if kind == "dict":
        return isinstance(value, Mapping)
    if kind == "list":
        item = rules.get("schema") or {}
        if not isinstance(value, list):
            return False
        if item.get("type") == "dict":
            return all(v is None or isinstance(v, Mapping) for v in value)
        return all(isinstance(v, str | int | float) and not isinstance(v, bool)
                   and "\n" not in str(v) for v in value)
    if isinstance(value, Mapping | list):
        return False
    if kind == "boolean":
        return isinstance(value, bool)
    return True


def build_field(path: FieldPath, rules: Mapping[str, Any], value: Any,
                data: Mapping[str, Any]) -> Field:
    """The form field of one schema entry and the value the file holds there."""
    meta = rules.get("meta") or {}
    key = str(path[-1])
    base = Field(path=path, name=field_name(path), key=key, kind="ligne",
                 label=_sentence(str(meta.get("description") or key.replace("_", " "))),
                 help=_help(rules), required=bool(rules.get("required")))
    kind = rules.get("type")
    if not _representable(value, rules):
        return replace(base, kind="brut", value=display(value))
    if kind == "dict":
        mapping = value if isinstance(value, Mapping) else {}
        children = [build_field((*path, k), r, mapping.get(k), data)
                    for k, r in (rules.get("schema") or {}).items()]
        return replace(base, kind="bloc", children=children)
    if kind == "list":
        item = rules.get("schema") or {}
        items = value if isinstance(value, list) else []
        if item.get("type") == "dict":
            elements = [_element((*path, n), item, v if isinstance(v, Mapping) else {}, data,
                                 n) for n, v in enumerate(items)]
            article, noun = _NOUNS.get(key, ("un", "élément"))
            return replace(base, kind="liste", children=elements, title=f"{article} {noun}")
        ref = (item.get("meta") or {}).get("ref") or meta.get("ref")
        if ref or item.get("allowed"):
            options = (_ref_options(data, ref, ()) if ref
                       else _choices(path, item["allowed"]))
            ticked = [str(v) for v in items]
            known = {v for v, _ in options}
            options += [(v, f"{v} (inconnu)") for v in ticked if v not in known]
            return replace(base, kind="cases", values=ticked, options=options)
        return replace(base, kind="lignes", value="\n".join(str(v) for v in items))
    if meta.get("ref"):
        options = _ref_options(data, meta["ref"], meta.get("mots_cles") or ())
        current = display(value)
        if current and current not in {v for v, _ in options} and not meta.get("texte_libre"):
            options.append((current, f"{current} (inconnu)"))
        return replace(base, kind="reference", value=current, options=options,
                       free_text=bool(meta.get("texte_libre")),
                       help=[h for h in base.help if not h.startswith("Exemple")])
    if rules.get("allowed"):
        options = _choices(path, rules["allowed"])
        current = display(value)
        if current and current not in {v for v, _ in options}:
            options.append((current, current))
        return replace(base, kind="choix", value=current, options=options,
                       help=[h for h in base.help if not h.startswith("Exemple")])
    if kind == "boolean":
        return replace(base, kind="oui_non", value=display(value))
    if kind == "date":
        shown = display(value)
        return replace(base, kind="date" if not shown or _ISO_DATE.fullmatch(shown) else "ligne",
                     value=shown)
    if kind == "texte":
        return replace(base, kind="texte", value=display(value))
    if kind in ("integer", "decimal", "ratio", "pourcentage", "montant"):
        return replace(base, kind="nombre", value=display(value))
    return replace(base, kind="ligne", value=display(value))


def _element(path: FieldPath, rules: Mapping[str, Any], value: Mapping[str, Any],
             data: Mapping[str, Any], position: int) -> Field:
    inner = build_field(path, {**rules, "meta": {}}, value, data)
    container = str(next(p for p in reversed(path[:-1]) if isinstance(p, str)))
    noun = _NOUNS.get(container, ("un", "élément"))[1].capitalize()
    key = next((k for k in _TITLE_KEYS if isinstance(value.get(k), str) and value[k].strip()),
               None)
    name = str(value[key]) if key else ""
    if key == "partenaire":  # a member, a share…: named by its structure, not its id
        name = dict(_ref_options(data, "partenaires", ())).get(name, name)
    title = f"{noun} {position + 1}" + (f" : {name}" if name else "")
    return Field(path=path, name=field_name(path), key=str(position), kind="element",
                 label=title, title=title, children=inner.children, origin=position)


def step_fields(step_id: str, data: Mapping[str, Any]) -> list[Field]:
    """The fields of one step of the trame, filled from the project's data as read."""
    rules = schema_rules()
    return [build_field((key,), rules[key], data.get(key), data) for key in step_keys(step_id)]


# --- from a submitted form back to the data ---------------------------------------------------

def _first(form: FormData, name: str) -> str | None:
    values = form.get(name)
    return str(values[0]) if values else None


def _coerce(text: str, rules: Mapping[str, Any]) -> Any:
    """What a person typing `text` in the YAML file would have written."""
    kind = rules.get("type")
    if kind == "boolean":
        return {"oui": True, "non": False}.get(text, text)
    if kind == "integer" and _INTEGER.fullmatch(text):
        return int(text)
    if kind in ("decimal", "ratio", "pourcentage") and _NUMBER.fullmatch(text):
        number = float(text.replace(",", "."))
        return int(number) if number.is_integer() and not re.search("[.,]", text) else number
    if kind == "montant" and _INTEGER.fullmatch(text):
        return int(text)
    if kind == "date" and _ISO_DATE.fullmatch(text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return text
    return text


def _same_text(given: str, original: Any) -> bool:
    return given.strip() == display(original).strip()


def _read(rules: Mapping[str, Any], name: str, original: Any, form: FormData) -> Any:
    """The value of one field from the form, `original` when the form left it as shown."""
    kind = rules.get("type")
    if not _representable(original, rules):
        return original if original is not None else MISSING
    if kind == "dict":
        mapping = original if isinstance(original, Mapping) else {}
        schema = rules.get("schema") or {}
        # Keys the schema does not know (a misspelt key) stay: the page shows their problem.
        out = {k: v for k, v in mapping.items() if k not in schema}
        for key in list(mapping) + [k for k in schema if k not in mapping]:
            if key not in schema:
                continue
            value = _read(schema[key], f"{name}.{key}", mapping.get(key), form)
            if value is not MISSING:
                out[key] = value
        if not out and original is None:
            return MISSING
        return out
    if kind == "list":
        return _read_list(rules, name, original, form)
    given = _first(form, name)
    if given is None:  # not in this form: left as it is
        return original if original is not None else MISSING
    given = given.replace("\r\n", "\n").replace("\r", "\n")
    if _same_text(given, original):
        return original if original is not None else MISSING
    if not given.strip():
        return MISSING
    if kind == "texte":
        return given.strip("\n") + ("\n" if "\n" in given.strip("\n") else "")
    return _coerce(given.strip(), rules)


def _read_list(rules: Mapping[str, Any], name: str, original: Any, form: FormData) -> Any:
    item = rules.get("schema") or {}
    items = original if isinstance(original, list) else None
    if item.get("type") == "dict":
        count = _first(form, f"{name}._n")
        if count is None or not count.isdigit():
            return original if original is not None else MISSING
        out = []
        for n in range(int(count)):
            origin = _first(form, f"{name}.{n}._origine") or ""
            before = (items[int(origin)] if items is not None and origin.isdigit()
                      and int(origin) < len(items) else None)
            value = _read({**item, "meta": {}}, f"{name}.{n}", before, form)
            out.append({} if value is MISSING else value)
        return _list_result(out, original)
    if _first(form, f"{name}._liste") is None:  # not in this form
        return original if original is not None else MISSING
    if (item.get("meta") or {}).get("ref") or (rules.get("meta") or {}).get("ref") \
            or item.get("allowed"):
        ticked = [str(v) for v in form.get(name, ())]
        if items is not None and sorted(map(str, items)) == sorted(ticked):
            return original
        return _list_result([_coerce(v, item) for v in ticked], original)
    text = (_first(form, name) or "").replace("\r\n", "\n")
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    if items is not None and [display(v) for v in items] == lines:
        return original
    return _list_result([_coerce(line, item) for line in lines], original)


def _list_result(values: list[Any], original: Any) -> Any:
    if values:
        return values
    return [] if isinstance(original, list) else MISSING


def read_form(step_id: str, form: FormData, data: Mapping[str, Any]) -> dict[str, Any]:
    """The project's data with the step's fields as the form gives them (a new object, which
    shares nothing with `data`: a list button then changes it in place)."""
    out = dict(data)
    rules = schema_rules()
    for key in step_keys(step_id):
        value = _read(rules[key], key, data.get(key), form)
        if value is MISSING:
            out.pop(key, None)
        else:
            out[key] = value
    return deepcopy(out)


# --- adding, removing and moving the items of a list -------------------------------------------

@dataclass(frozen=True)
class ListAction:
    """A button of a list: ajouter (to the list at `path`), supprimer, monter, descendre (the
    item at `path`)."""

    verb: str
    path: FieldPath


def parse_action(text: str | None) -> ListAction | None:
    """``"monter:partenaires.2"`` → ListAction("monter", ("partenaires", 2)); None if not one."""
    if not text or ":" not in text:
        return None
    verb, _, where = text.partition(":")
    if verb not in ("ajouter", "supprimer", "monter", "descendre") or not where:
        return None
    path = tuple(int(p) if p.isascii() and p.isdigit() else p for p in where.split("."))
    return ListAction(verb, path)


def _node(data: Any, path: Sequence[str | int]) -> Any:
    for part in path:
        if isinstance(data, Mapping) and isinstance(part, str):
            data = data.get(part)
        elif isinstance(data, list) and isinstance(part, int) and part < len(data):
            data = data[part]
        else:
            return None
    return data


def _new_id(container: str, existing: set[str]) -> str:
    prefix = _ITEM_NAMES.get(container, "element")
    number = 1
    while f"{prefix}-{number}" in existing:
        number += 1
    return f"{prefix}-{number}"


def _all_ids(data: Any) -> set[str]:
    found: set[str] = set()
    if isinstance(data, Mapping):
        if isinstance(data.get("id"), str):
            found.add(data["id"])
        for value in data.values():
            found |= _all_ids(value)
    elif isinstance(data, list):
        for value in data:
            found |= _all_ids(value)
    return found


def apply_action(data: dict[str, Any], action: ListAction) -> bool:
    """Apply a list button to `data` in place; False when it points at nothing."""
    rules: Mapping[str, Any] | None
    if action.verb == "ajouter":
        rules = _list_rules(action.path)
        if rules is None:
            return False
        parent = _node(data, action.path[:-1])
        if not isinstance(parent, dict):
            return False
        items = parent.get(action.path[-1])
        if not isinstance(items, list):
            items = parent[action.path[-1]] = []
        item: dict[str, Any] = {}
        if "id" in ((rules.get("schema") or {}).get("schema") or {}):
            item["id"] = _new_id(str(action.path[-1]), _all_ids(data))
        items.append(item)
        return True
    *where, position = action.path
    items = _node(data, where)
    if not isinstance(items, list) or not isinstance(position, int) \
            or position >= len(items) or _list_rules(tuple(where)) is None:
        return False
    if action.verb == "supprimer":
        del items[position]
        return True
    other = position - 1 if action.verb == "monter" else position + 1
    if not 0 <= other < len(items):
        return False
    items[position], items[other] = items[other], items[position]
    return True


def _list_rules(path: FieldPath) -> Mapping[str, Any] | None:
    """The rules of a list of blocks at `path`, or None."""
    rules = field_rules(path)
    if rules is None or rules.get("type") != "list" \
            or (rules.get("schema") or {}).get("type") != "dict":
        return None
    return rules
