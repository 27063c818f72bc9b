"""Hypothesis strategies for coopdocs projects, derived from `coopdocs/schemas/projet.yaml`.

`valid_projects()` draws project dicts (plain YAML data: str, int, float, bool, date, list,
dict) that pass the schema and every blocking rule of MODELE.md, with arbitrary Unicode in every
free-text field: accents, ``& < > " '``, emoji, right-to-left text, combining marks, NBSP,
control characters, ``{{``/``{%``, very long strings. Enumerations come from the schema file
itself, so a value added there is drawn here without touching this module.

`mutations()` draws one way to break a valid project (remove a required field, wrong type, bad
enum, dangling reference, bad SIRET, unordered dates, percentages not summing to 100, duplicate
id); `apply_mutation` applies it and says which path (as `Problem.dotted_path` shows it) must be
named in the error.

`to_yaml` writes a project the way a user's file looks: block style, one key per line.
"""

from __future__ import annotations

import copy
import functools
import random
import re
import unicodedata
from calendar import monthrange
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import yaml
from hypothesis import strategies as st

from coopdocs.check.schema import schema_rules
from coopdocs.errors import format_path

Data = dict[str, Any]
Path = tuple[str | int, ...]

# --- the schema, read once -------------------------------------------------------------------


def rules_at(path: Path) -> dict[str, Any]:
    """The schema rules of a field path (list positions as ints)."""
    rules: dict[str, Any] = {"type": "dict", "schema": schema_rules()}
    for part in path:
        rules = rules["schema"] if isinstance(part, int) else rules["schema"][part]
    return rules


@functools.cache
def one_allowed(*path: str) -> st.SearchStrategy[str]:
    """One of the values the schema allows at `path` (built once)."""
    return st.sampled_from(allowed(*path))


def allowed(*path: str) -> list[str]:
    """The enumeration of a field, as written in the schema (``*`` stands for a list item)."""
    rules = rules_at(tuple(0 if p == "*" else p for p in path))
    if rules.get("type") == "list":
        rules = rules["schema"]
    return list(rules["allowed"])


# --- text -------------------------------------------------------------------------------------

# Pieces a generic Unicode draw would rarely hit, but that break documents when mishandled.
# No invisible format character (bidi controls, zero-width spaces, joiners): a project file
# holding one is refused by the reader (tests/source), so a valid project never does.
HOSTILE_PIECES = (
    "é", "È", "ç", "œ", "Æ", "ñ", "ß", "ﬁ", "İ", "ǅ",
    "&", "<", ">", '"', "'", "’", "«", "»", "&amp;", "<w:br/>", "]]>", "<!--",
    "😀", "👩🏽", "🇫🇷", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "שלום", "مرحبا",
    "e\u0301", "a\u0308\u0323", "\u0301",
    "\u00a0", "\u202f", "\u2009", "\u3000",
    "\t", "\n", "\n\n", "\r\n", "\x85", "\u2028", "\u2029",
    "\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x1f", "\x7f", "\x9f", "\ufffe", "\uffff",
    "{{", "}}", "{%", "%}", "{#", "{{ x }}", "{% if %}", "$", "$x^$", "\\", "%", "%s", "{0}",
    "None", "null", "~", "true", "- ", ": ", " #", "---", "...", "*a", "&a", "!!str",
)

def _char(rng: random.Random) -> str:
    """One code point: mostly letters, often accents, sometimes anything but a lone surrogate
    or an invisible format character (refused by the reader, see HOSTILE_PIECES)."""
    char = _any_char(rng)
    return "\u00e9" if unicodedata.category(char) == "Cf" else char


def _any_char(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.35:
        return rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ")
    if roll < 0.55:
        return chr(rng.randint(0xA0, 0x17F))
    if roll < 0.65:
        return chr(rng.randint(0, 0x9F))  # C0 and C1 controls, ASCII
    if roll < 0.9:
        code = rng.randint(0x180, 0xFFFF)
        return chr(code) if not 0xD800 <= code <= 0xDFFF else "\u00e9"
    return chr(rng.randint(0x10000, 0x10FFFF))


def text_from_seed(seed: int, min_size: int = 0, max_size: int | None = None) -> str:
    """Hostile text from one drawn integer.

    Projects hold hundreds of text fields: drawing each character through Hypothesis would
    make one example cost seconds. One integer per field keeps examples cheap and
    reproducible (`derandomize`), and shrinking still goes towards seed 0, plain "a".
    """
    if seed == 0:
        text = "a" * max(min_size, 1)
    else:
        rng = random.Random(seed)
        pieces = []
        for _ in range(rng.randint(1, 6)):
            if rng.random() < 0.45:
                pieces.append(rng.choice(HOSTILE_PIECES))
            else:
                pieces.append("".join(_char(rng) for _ in range(rng.randint(1, 8))))
        text = "".join(pieces)
        if rng.random() < 0.08:  # very long
            text = text * rng.randint(40, 300)
    if max_size is not None:
        text = text[:max_size]
    if not text.strip():
        text = (text + "x")[-(max_size or len(text) + 1):]
    if len(text) < min_size:
        text += "z" * (min_size - len(text))
    return text


_SEEDS = st.integers(0, 2**48)


# The strategies below are built once and reused: Hypothesis validates and labels every new
# strategy object, which cost more than half of the examples' time when they were rebuilt at
# each draw.
@functools.cache
def free_text(min_size: int = 0, max_size: int | None = None) -> st.SearchStrategy[str]:
    """Arbitrary non-blank text within the schema's length limits (see `text_from_seed`)."""
    return _SEEDS.map(lambda seed: text_from_seed(seed, min_size, max_size))


# What no legal name holds (`validate`'s error `pictogramme-nom`): a symbol, a modifier, an
# enclosing mark, a private or unassigned code, anything of the astral planes, a variation
# selector. Written here, not taken from coopdocs: a wider net than the rule's.
_NOT_IN_A_NAME = frozenset({"So", "Sk", "Me", "Co", "Cn"})


def _without_pictographs(text: str) -> str:
    kept = "".join(c for c in text if ord(c) < 0x10000 and not 0xFE00 <= ord(c) <= 0xFE0F
                   and unicodedata.category(c) not in _NOT_IN_A_NAME)
    return kept if kept.strip() else kept + "x"


@functools.cache
def legal_name() -> st.SearchStrategy[str]:
    """Hostile text that a register could hold: `free_text` without its pictographs (the
    raison sociale, the first and last names of the person who signs)."""
    return free_text().map(_without_pictographs)


@functools.cache
def paragraphs() -> st.SearchStrategy[str]:
    """Multi-paragraph text (`texte` fields): blank lines separate paragraphs."""
    return st.lists(free_text(), min_size=1, max_size=3).map("\n\n".join)


@functools.lru_cache(maxsize=512)  # bounded: some callers build a new strategy at each draw
def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A value or ``None``; ``None`` keys are dropped from the file (absent field)."""
    return st.one_of(st.none(), strategy)


def prune(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v is not None and v != []}


# --- formats ----------------------------------------------------------------------------------


def luhn_digit(body: str) -> str:
    """The check digit that makes ``body + digit`` Luhn-valid (computed here, not by coopdocs)."""
    total = 0
    for i, char in enumerate(reversed(body)):
        n = int(char) * (2 if i % 2 == 0 else 1)  # the digit to add will sit at position 0
        total += n - 9 if n > 9 else n
    return str((10 - total % 10) % 10)


def siret_for(index: int, prefix: int) -> str:
    """A Luhn-valid SIRET unique per `index` (its last five digits before the key)."""
    body = f"{prefix % 10**8:08d}{index:05d}"
    if body.startswith("35600000"):  # La Poste's establishments follow another rule
        body = "4" + body[1:]
    return body + luhn_digit(body)


def spell_siret(digits: str, style: int) -> str:
    if style == 1:
        return f"{digits[:3]} {digits[3:6]} {digits[6:9]} {digits[9:]}"
    if style == 2:
        return f"{digits[:3]}.{digits[3:6]}.{digits[6:9]}.{digits[9:]}"
    return digits


@st.composite
def amounts(draw: st.DrawFn, high: int = 10**8) -> int | str:
    """An amount in € in one of the spellings the format accepts."""
    cents = draw(st.integers(0, high))
    euros, rest = divmod(cents, 100)
    style = draw(st.integers(0, 3))
    if style == 0 or (style == 1 and rest == 0):
        return euros
    if style == 1:
        return f"{euros}.{rest:02d}"
    grouped = f"{euros:,}".replace(",", draw(st.sampled_from([" ", "\u00a0", "\u202f", ""])))
    return f"{grouped},{rest:02d}" + draw(st.sampled_from(["", " €", "€", "\u00a0€"]))


_ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_-"


def _word(seed: int, alphabet: str, low: int, high: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(alphabet) for _ in range(rng.randint(low, high)))


emails = st.tuples(_SEEDS, _SEEDS, st.sampled_from(["fr", "org", "example"])).map(
    lambda t: f"{_word(t[0], _ID_CHARS, 1, 12)}@{_word(t[1], 'abcdefghij0123-', 1, 12)}.{t[2]}")
code_postal = st.integers(0, 99_999).map(lambda n: f"{n:05d}")
rna = st.integers(0, 999_999_999).map(lambda n: f"W{n:09d}")
id_suffix = _SEEDS.map(lambda seed: _word(seed, _ID_CHARS, 0, 8))
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2070, 12, 31)


def add_months(start: date, months: int) -> date:
    year, month0 = divmod(start.month - 1 + months, 12)
    year += start.year
    return date(year, month0 + 1, min(start.day, monthrange(year, month0 + 1)[1]))


# --- a valid project --------------------------------------------------------------------------


@st.composite
def partner(draw: st.DrawFn, index: int) -> Data:
    suffix = draw(id_suffix)
    forme = draw(one_allowed("partenaires", "*", "forme_juridique"))
    kind = draw(one_allowed("partenaires", "*", "type_structure"))
    with_siret = draw(st.booleans()) or kind in {"aci", "ei", "etti", "ai", "eiti", "entreprise"} \
        or forme in {"sarl", "sas", "sasu", "sa", "eurl", "scop", "scic"}
    siret = spell_siret(siret_for(index, draw(st.integers(0, 10**8 - 1))),
                        draw(st.integers(0, 2))) if with_siret else None
    referent = None
    if draw(st.booleans()):
        referent = prune({"prenom": draw(free_text()), "nom": draw(free_text()),
                          "fonction": draw(optional(free_text())),
                          "email": draw(optional(emails)),
                          "telephone": draw(optional(free_text()))})
    contribution = None
    if draw(st.booleans()):
        contribution = prune({
            "description": draw(optional(paragraphs())),
            "apport_financier": draw(optional(amounts())),
            "apport_nature": draw(optional(paragraphs())),
            "valorisation": draw(optional(amounts())),
            "etp": draw(optional(st.integers(0, 400).map(lambda n: n / 4))),
            "subvention": draw(optional(st.booleans())),
        }) or None
    etablissement = None
    if draw(st.integers(0, 4)) == 0:
        etablissement = prune({
            "libelle": draw(optional(free_text())),
            "adresse": prune({"ligne1": draw(free_text()), "ligne2": draw(optional(free_text())),
                              "code_postal": draw(code_postal), "commune": draw(free_text())})})
    return prune({
        "id": f"p{index}_{suffix}",
        "raison_sociale": draw(legal_name()),
        "sigle": draw(optional(free_text())),
        "forme_juridique": forme,
        "type_structure": kind,
        "siret": siret,
        "rna": draw(optional(rna)),
        "rcs": draw(optional(free_text())),
        "capital_social": draw(optional(amounts())),
        "capital_variable": draw(optional(st.booleans())),
        "etablissement": etablissement,
        "adresse": prune({"ligne1": draw(free_text()), "ligne2": draw(optional(free_text())),
                          "code_postal": draw(code_postal), "commune": draw(free_text())}),
        "representant": prune({
            "civilite": draw(one_allowed("partenaires", "*", "representant",
                                                     "civilite")),
            "prenom": draw(legal_name()), "nom": draw(legal_name()),
            "qualite": draw(free_text()), "habilitation": draw(optional(free_text())),
        }),
        "referent": referent,
        "presentation": draw(optional(paragraphs())),
        "role": draw(one_allowed("partenaires", "*", "role")),
        "signataire_convention": draw(optional(st.booleans())),
        "signataire_charte": draw(optional(st.booleans())),
        "contribution": contribution,
    })


def _signs(p: Data, flag: str) -> bool:
    if p.get(flag) is not None:
        return bool(p[flag])
    return flag == "signataire_charte" or p["role"] not in {"soutien", "observateur"}


@st.composite
def indicator(draw: st.DrawFn, partner_ids: list[str]) -> Data:
    kind = draw(one_allowed("objectifs_operationnels", "*", "indicateurs", "*",
                                        "type"))
    quanti = kind == "quantitatif"
    number = st.integers(0, 10**6).map(lambda n: n / 4)
    return prune({
        "libelle": draw(free_text()),
        "type": kind,
        "unite": draw(free_text()) if quanti else draw(optional(free_text())),
        "valeur_initiale": draw(optional(number)),
        "valeur_cible": draw(number) if quanti else draw(optional(number)),
        "frequence": draw(optional(one_allowed("objectifs_operationnels", "*",
                                                           "indicateurs", "*", "frequence"))),
        "source": draw(optional(free_text())),
        "responsable": draw(optional(st.sampled_from(partner_ids))),
    })


@st.composite
def action(draw: st.DrawFn, index: int, partner_ids: list[str], objective_ids: list[str],
           start: date) -> Data:
    # An action may start a little before the project, but never before the years a project
    # date can have (check.values.FIRST_YEAR): a project starting on FIRST_DAY has none earlier.
    begin = max(FIRST_DAY, start + timedelta(days=draw(st.integers(-30, 700))))
    end = begin + timedelta(days=draw(st.integers(0, 400)))
    tasks: list[Data] = []
    for t in range(draw(st.integers(0, 4))):
        t_start = begin + timedelta(days=draw(st.integers(0, 200)))
        done_before = [x["id"] for x in tasks if x["date_fin"] <= t_start]
        tasks.append(prune({
            "id": f"t{index}_{t}{draw(id_suffix)}",
            "libelle": draw(free_text()),
            "responsable": draw(st.sampled_from(partner_ids)),
            "date_debut": t_start,
            "date_fin": t_start + timedelta(days=draw(st.integers(0, 120))),
            "depend_de": draw(st.lists(st.sampled_from(done_before), unique=True, max_size=2))
            if done_before else None,
            "jalon": draw(optional(st.booleans())),
        }))
    financing = draw(st.lists(st.fixed_dictionaries({
        "source": st.one_of(st.sampled_from(partner_ids),
                            free_text().map(lambda s: "Financeur " + s)),
        "montant": amounts(),
        "statut": one_allowed("plan_action", "*", "financements", "*", "statut"),
    }), max_size=3))
    texts = st.lists(free_text(), max_size=3)
    return prune({
        "id": f"a{index}_{draw(id_suffix)}",
        "intitule": draw(free_text()),
        "objectif": draw(st.sampled_from(objective_ids)),
        "pilote": draw(st.sampled_from(partner_ids)),
        "contributeurs": draw(st.lists(st.sampled_from(partner_ids), unique=True, max_size=3)),
        "description": draw(optional(paragraphs())),
        "competences_requises": draw(texts),
        "competences_manquantes": draw(texts),
        "ressources": draw(optional(paragraphs())),
        "partenaires_a_mobiliser": draw(texts),
        "besoin_financier": draw(optional(amounts())),
        "financements": financing,
        "date_debut": begin,
        "echeance": end,
        "statut": draw(optional(one_allowed("plan_action", "*", "statut"))),
        "taches": tasks,
    })


@st.composite
def vote_rules(draw: st.DrawFn) -> Data:
    mode = draw(one_allowed("gouvernance", "instances", "*", "regles_de_vote",
                                        "mode"))
    seuil = None
    if mode == "majorite_qualifiee":
        seuil = draw(st.sampled_from([0.51, 0.6, 0.66, 0.67, 0.75, 0.8, 0.9, 1]))
    elif mode in {"majorite_simple", "majorite_absolue"}:
        seuil = draw(optional(st.sampled_from([0.5, 0.51, 0.6, 1])))
    return prune({
        "mode": mode, "seuil": seuil,
        "quorum": draw(optional(st.sampled_from([0.01, 0.25, 1 / 3, 0.5, 0.66, 1]))),
        "voix_preponderante": draw(optional(st.sampled_from(["aucune", "presidence"]))),
        "procurations_max": draw(optional(st.integers(0, 5))),
        "decisions_unanimite": draw(st.lists(free_text(), max_size=3)),
    })


@st.composite
def instance(draw: st.DrawFn, index: int, partner_ids: list[str]) -> Data:
    members = draw(st.lists(st.sampled_from(partner_ids), min_size=1, max_size=8, unique=True))
    composition = []
    for member in members:
        seats = draw(optional(st.integers(1, 5)))
        composition.append(prune({"partenaire": member, "sieges": seats,
                                  "voix": draw(optional(st.integers(0, 5))),
                                  "fonction": draw(optional(free_text()))}))
    fonctionnement = None
    if draw(st.booleans()):
        fonctionnement = prune({
            "convocation_delai_jours": draw(optional(st.integers(0, 90))),
            "compte_rendu": draw(optional(st.fixed_dictionaries({}, optional={
                "redacteur": st.sampled_from(["tournant", *partner_ids]),
                "delai_jours": st.integers(0, 60)}))) or None,
            "distanciel": draw(optional(st.booleans())),
        }) or None
    return prune({
        "id": f"i{index}_{draw(id_suffix)}",
        "nom": draw(free_text()),
        "type": draw(one_allowed("gouvernance", "instances", "*", "type")),
        "role": draw(paragraphs()),
        "attributions": draw(st.lists(free_text(), max_size=3)),
        "composition": composition,
        "invites": draw(st.lists(free_text(), max_size=2)),
        "presidence": draw(optional(st.sampled_from(["tournante", "co_presidence",
                                                     *partner_ids]))),
        "frequence": draw(one_allowed("gouvernance", "instances", "*",
                                                  "frequence")),
        "fonctionnement": fonctionnement,
        "regles_de_vote": draw(vote_rules()),
        "decisionnelle": draw(optional(st.booleans())),
    })


@st.composite
def stakeholder(draw: st.DrawFn, index: int, partner_ids: list[str]) -> Data:
    linked = draw(optional(st.sampled_from(partner_ids)))
    categories = allowed("parties_prenantes", "*", "categorie")
    return prune({
        "id": f"s{index}_{draw(id_suffix)}",
        "nom": draw(free_text()) if linked is None else draw(optional(free_text())),
        "partenaire": linked,
        "categorie": draw(st.sampled_from(categories)) if linked is None
        else draw(optional(st.sampled_from(categories))),
        "cercle": draw(one_allowed("parties_prenantes", "*", "cercle")),
        "niveau_participation": draw(optional(st.sampled_from(
            allowed("parties_prenantes", "*", "niveau_participation")))),
        "influence": draw(optional(one_allowed("parties_prenantes", "*",
                                                           "influence"))),
        "interet": draw(optional(one_allowed("parties_prenantes", "*", "interet"))),
        **{key: draw(optional(paragraphs()))
           for key in ("role", "attentes", "apports", "risques", "modalites")},
        "frequence_contact": draw(optional(st.sampled_from(
            allowed("parties_prenantes", "*", "frequence_contact")))),
        "referent": draw(optional(st.sampled_from(partner_ids))),
    })


def _percent_split(draw: st.DrawFn, count: int) -> list[float | int]:
    """`count` percentages (two decimals at most) that add up to exactly 100."""
    cuts = sorted(draw(st.lists(st.integers(0, 10_000), min_size=count - 1,
                                max_size=count - 1)))
    bounds = [0, *cuts, 10_000]
    parts = [bounds[i + 1] - bounds[i] for i in range(count)]
    return [p // 100 if p % 100 == 0 else p / 100 for p in parts]


@st.composite
def budget(draw: st.DrawFn, partner_ids: list[str]) -> Data:
    total = draw(optional(st.integers(1, 10**7)))
    shares = draw(st.lists(st.sampled_from(partner_ids), unique=True, max_size=6))
    repartition: list[Data] = []
    if shares:
        style = draw(st.sampled_from(["pourcentage", "montant", "les deux"]))
        if style != "pourcentage" and total is None:
            # A share given as an amount needs a known total it fits in (the plan's needs
            # would count otherwise, and they are drawn elsewhere).
            total = draw(st.integers(1, 10**7))
        percents = _percent_split(draw, len(shares))
        for pid, pct in zip(shares, percents, strict=True):
            row: Data = {"partenaire": pid}
            if style != "montant":
                row["pourcentage"] = pct
            if style == "montant":
                assert total is not None
                row["montant"] = draw(st.integers(0, total // len(shares)))
            elif style == "les deux":
                assert total is not None
                row["montant"] = str((Decimal(total) * Decimal(repr(pct)) / 100)
                                     .quantize(Decimal("0.01")))
            repartition.append(row)
    return prune({"total": total, "repartition": repartition,
                  "modalites_versement": draw(optional(paragraphs()))}) or {"total": 1000}


def _shares(count: int) -> list[int]:
    """Whole percentages of 100 split as evenly as possible (the first gets the remainder)."""
    return [100 // count + (100 % count if i == 0 else 0) for i in range(count)]


@st.composite
def legal_family(draw: st.DrawFn, forme: str, signers: list[str], ids: list[str],
                 signature: date | None) -> Data:
    """What a GME or a company to create must add to `statut_juridique` to pass the rules of
    the law by legal form (check.rules.legal): the marché, signed no later than the dépôt, and
    the prestations of every member; the société and lawful SCIC categories."""
    if forme in {"gme_conjoint", "gme_solidaire"}:
        deadline = (signature + timedelta(days=draw(st.integers(0, 90))) if signature
                    else draw(st.dates(FIRST_DAY, LAST_DAY)))
        by_amount = draw(st.booleans())
        rows = [prune({"partenaire": pid, "prestations": draw(paragraphs()),
                       "pourcentage": None if by_amount else share,
                       "montant": draw(amounts()) if by_amount else None})
                for pid, share in zip(signers, _shares(len(signers)), strict=True)]
        return prune({
            "marche": prune({"acheteur": draw(free_text()), "objet": draw(paragraphs()),
                             "reference": draw(optional(free_text())),
                             "procedure": draw(optional(free_text())),
                             "date_limite_depot": deadline}),
            "repartition_prestations": rows,
            "compte_paiement": draw(optional(one_allowed("statut_juridique",
                                                         "compte_paiement"))),
        })
    if forme not in {"scic", "societe_commune"} or not draw(st.booleans()):
        return {}
    if forme == "scic":
        # At most one category of public persons: their shares of the capital stay ≤ 50 %.
        kinds = ["salaries", "beneficiaires",
                 *draw(st.lists(st.sampled_from(["autres", "collectivites"]), min_size=1,
                                max_size=3).map(lambda k: k if k.count("collectivites") < 2
                                                else ["autres"] * len(k)))]
    else:
        kinds = draw(st.lists(one_allowed("statut_juridique", "societe", "categories", "*",
                                          "type"), min_size=1, max_size=3))
    colleges, capital = draw(st.booleans()), draw(st.booleans())
    shares = _shares(len(kinds))
    categories = [prune({
        "libelle": draw(free_text()), "type": kind,
        "membres": draw(st.lists(st.sampled_from(ids), max_size=2, unique=True)),
        "college_pourcentage": share if colleges else None,
        "part_capital_pourcentage": share if capital else None,
    }) for kind, share in zip(kinds, shares, strict=True)]
    return {"societe": prune({
        "forme": draw(one_allowed("statut_juridique", "societe", "forme")),
        "capital_prevu": draw(optional(amounts())),
        "capital_variable": True if forme == "scic" else draw(optional(st.booleans())),
        "categories": categories,
        # Drafting the statuts and acting for the company bind: a Party only (art. 1199).
        "redaction_statuts": draw(optional(st.fixed_dictionaries({}, optional={
            "partenaire": st.sampled_from(signers), "echeance": st.dates(FIRST_DAY, LAST_DAY),
            "conseil": free_text()}))) or None,
        "representant_formation": draw(optional(st.sampled_from(signers))),
    })}


@st.composite
def valid_projects(draw: st.DrawFn, min_partners: int = 2, max_partners: int = 30) -> Data:
    """A project that passes the schema and every blocking rule, with hostile text everywhere."""
    count = draw(st.integers(min_partners, max_partners))
    partners = [draw(partner(i)) for i in range(count)]
    ids = [p["id"] for p in partners]
    # Rule 9: one chef de file at most.
    leaders = [p for p in partners if p["role"] == "chef_de_file"]
    for extra in leaders[1:]:
        extra["role"] = "partenaire_operationnel"
    leader = leaders[0]["id"] if leaders else None
    # Rule 2: two signatories of each document at least.
    for flag in ("signataire_convention", "signataire_charte"):
        signers = [p for p in partners if _signs(p, flag)]
        for p in partners[: max(0, 2 - len(signers)) + 2]:
            if len(signers) >= 2:
                break
            if p not in signers:
                p[flag] = True
                signers.append(p)

    start = draw(st.dates(FIRST_DAY, LAST_DAY))
    months = draw(st.integers(1, 120))
    end = add_months(start, months) - timedelta(days=1)
    duration = draw(st.sampled_from(["date_fin", "duree_mois", "les deux"]))
    objectives = []
    for o in range(draw(st.integers(1, 4))):
        objectives.append(prune({
            "id": f"o{o}_{draw(id_suffix)}",
            "intitule": draw(free_text()),
            "description": draw(optional(paragraphs())),
            "echeance": draw(optional(st.dates(start, end))),
            "indicateurs": draw(st.lists(indicator(ids), min_size=1, max_size=3)),
        }))
    objective_ids = [o["id"] for o in objectives]
    plan = [draw(action(a, ids, objective_ids, start)) for a in range(draw(st.integers(0, 4)))]

    forme = draw(one_allowed("statut_juridique", "forme"))
    convention_signers = [p["id"] for p in partners if _signs(p, "signataire_convention")]
    # What binds (piloting an action, a task, money pledged, a share of the budget) is given
    # to a Party only: a non-party cannot be bound (rule engagement-non-partie).
    for item in plan:
        if item["pilote"] not in convention_signers:
            item["pilote"] = draw(st.sampled_from(convention_signers))
        for task in item.get("taches") or []:
            if task["responsable"] not in convention_signers:
                task["responsable"] = draw(st.sampled_from(convention_signers))
    for p in partners:
        if p["id"] not in convention_signers and "contribution" in p:
            p["contribution"].pop("apport_financier", None)
            if not p["contribution"]:
                del p["contribution"]
    mandataire = None
    if forme in {"gme_conjoint", "gme_solidaire"} or draw(st.booleans()):
        mandataire = draw(st.sampled_from(convention_signers))
    signature = draw(optional(st.dates(FIRST_DAY, LAST_DAY)))
    statut = prune({"forme": forme, "justification": draw(optional(paragraphs())),
                    "mandataire": mandataire,
                    **draw(legal_family(forme, convention_signers, ids, signature))})

    gestion = None
    if draw(st.booleans()):
        gestion = prune({"etapes": draw(st.lists(free_text(), min_size=1, max_size=3)),
                         "mediation": draw(optional(st.booleans())),
                         "mediateur": draw(optional(free_text()))})
    entree = None
    if draw(st.booleans()):
        entree = prune({"conditions_entree": draw(optional(paragraphs())),
                        "preavis_retrait_jours": draw(optional(st.integers(0, 365)))}) or None
    gouvernance = prune({
        "chef_de_file": leader if leader and draw(st.booleans()) else None,
        "coordinateur": draw(optional(st.sampled_from(ids))),
        "instances": [draw(instance(i, ids)) for i in range(draw(st.integers(1, 3)))],
        "roles": draw(st.lists(st.fixed_dictionaries({
            "domaine": one_allowed("gouvernance", "roles", "*", "domaine"),
            "partenaire": st.sampled_from(ids)}), max_size=4)),
        "faire_vivre": draw(st.lists(st.fixed_dictionaries({
            "action": free_text(), "outils": st.lists(free_text(), max_size=2),
            "frequence": one_allowed("gouvernance", "faire_vivre", "*",
                                                 "frequence"),
            "referents": st.lists(st.sampled_from(ids), min_size=1, max_size=2, unique=True),
            "objectif": free_text(),
        }, optional={"indicateurs": st.lists(free_text(), min_size=1, max_size=2)}),
            max_size=2)),
        "gestion_des_conflits": gestion,
        "entree_sortie": entree,
    })
    projet = prune({
        "nom": draw(free_text(3, 150)),
        "acronyme": draw(optional(free_text())),
        "description": draw(paragraphs().map(lambda s: s[:1000].rstrip() or "a")),
        "contexte": draw(paragraphs()),
        "territoire": draw(free_text()),
        "types_cooperation": draw(st.lists(st.sampled_from(
            allowed("projet", "types_cooperation")), min_size=1, max_size=3, unique=True)),
        "initiateur": draw(optional(st.fixed_dictionaries(
            {"type": one_allowed("projet", "initiateur", "type")},
            optional={"partenaire": st.sampled_from(ids)}))),
        "date_debut": start,
        "date_fin": end if duration != "duree_mois" else None,
        "duree_mois": months if duration != "date_fin" else None,
        "reconduction": draw(optional(one_allowed("projet", "reconduction"))),
        "lieu_signature": draw(free_text()),
        "date_signature": signature,
    })
    clauses = None
    if draw(st.booleans()):
        clauses = prune({
            "propriete_intellectuelle": draw(optional(st.sampled_from(
                allowed("clauses", "propriete_intellectuelle")))),
            "confidentialite": draw(optional(st.fixed_dictionaries({}, optional={
                "active": st.booleans(), "duree_ans": st.integers(0, 20)}))) or None,
            "litiges": {"juridiction": draw(free_text())} if draw(st.booleans()) else None,
            "nombre_exemplaires": draw(optional(st.integers(1, 40))),
            "donnees_personnelles": draw(optional(st.booleans())),
        }) or None
    entries = st.fixed_dictionaries({"libelle": free_text()},
                                    optional={"description": paragraphs()})
    return prune({
        "version": draw(optional(st.just(1))),
        "projet": projet,
        "partenaires": partners,
        "objectif_commun": draw(free_text(max_size=400)),
        "enjeux_partages": draw(st.lists(free_text(), min_size=1, max_size=3)),
        "valeurs": draw(st.lists(entries, max_size=3)),
        "principes": draw(st.lists(entries, max_size=3)),
        "engagements": draw(st.lists(free_text(), max_size=3)),
        "objectifs_operationnels": objectives,
        "plan_action": plan,
        "retroplanning": draw(optional(st.builds(lambda d: {"date_butoir": d},
                                                 st.dates(start, end)))),
        # The figures (apports, financements, shares, needs) are drawn independently: the file
        # explains why they differ (otherwise argent-incoherent and budget-incoherent refuse
        # it), so a budget block is always there; exemple-minimal builds without one.
        "budget": {**draw(budget(convention_signers)),
                   "explication_ecarts": "Les montants sont des estimations."},
        "statut_juridique": statut,
        "gouvernance": gouvernance,
        "parties_prenantes": [draw(stakeholder(s, ids)) for s in range(draw(st.integers(0, 4)))],
        "clauses": clauses,
        "ecosysteme": draw(optional(st.fixed_dictionaries({}, optional={
            "evenements": st.lists(free_text(), min_size=1, max_size=2),
            "collectifs": st.lists(free_text(), min_size=1, max_size=2),
            "notes": paragraphs()}))) or None,
        "mobilisation": draw(st.lists(st.fixed_dictionaries({"partenaire": st.sampled_from(ids)},
                                                            optional={
            "communication": st.lists(free_text(), min_size=1, max_size=2),
            "formations": st.lists(free_text(), min_size=1, max_size=2)}), max_size=2)),
    })


def to_yaml(data: Data) -> str:
    """The project as a user's file: block style, one key per line, in the order given."""
    # libyaml's emitter when PyYAML has it: the pure-Python one was a third of the run time.
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100)


# --- text fields of a project -----------------------------------------------------------------


def _walk(value: Any, rules: dict[str, Any], path: Path) -> Iterator[tuple[Path, Any, dict]]:
    yield path, value, rules
    kind = rules.get("type")
    if kind == "dict" and isinstance(value, dict):
        for key, item in value.items():
            if key in (rules.get("schema") or {}):
                yield from _walk(item, rules["schema"][key], (*path, key))
    elif kind == "list" and isinstance(value, list) and rules.get("schema"):
        for i, item in enumerate(value):
            yield from _walk(item, rules["schema"], (*path, i))


def fields(data: Data) -> Iterator[tuple[Path, Any, dict[str, Any]]]:
    """Every (path, value, schema rules) of a project, containers included."""
    yield from _walk(data, {"type": "dict", "schema": schema_rules()}, ())


def is_free_text(rules: dict[str, Any]) -> bool:
    meta = rules.get("meta") or {}
    return (rules.get("type") in ("string", "texte") and "allowed" not in rules
            and "ref" not in meta)


def text_values(data: Data) -> Iterator[tuple[Path, str]]:
    """(path, value) of every free-text field: what the documents must show intact."""
    for path, value, rules in fields(data):
        if isinstance(value, str) and is_free_text(rules):
            yield path, value


def pattern(path: Path) -> str:
    """``partenaires.*.adresse.ligne1``: a path with its list positions hidden."""
    return ".".join("*" if isinstance(p, int) else p for p in path)


# --- mutations that make a project invalid ----------------------------------------------------

KINDS = ("supprime", "type", "enum", "reference", "siret", "dates", "pourcentages", "doublon")
DANGLING = "inconnu-zz9"


@dataclass(frozen=True)
class Mutation:
    kind: str
    choice: int  # which of the candidate places is broken (modulo their number)
    variant: int  # a second free choice (which wrong value, which date…)


mutations = st.builds(Mutation, st.sampled_from(KINDS), st.integers(0, 10**6),
                      st.integers(0, 10**6))


def _get(data: Any, path: Path) -> Any:
    for part in path:
        data = data[part]
    return data


def _set(data: Any, path: Path, value: Any) -> None:
    _get(data, path[:-1])[path[-1]] = value


def _required_paths(data: Data) -> list[Path]:
    found = []
    for path, value, rules in fields(data):
        if rules.get("type") in ("dict",) and isinstance(value, dict):
            for key, sub in (rules.get("schema") or {}).items():
                if sub.get("required") and key in value:
                    found.append((*path, key))
    return found


_WRONG = {
    "string": [["une", "liste"], {"un": "bloc"}],
    "texte": [["une", "liste"], {"un": "bloc"}],
    "integer": ["douze", 1.5, True, [1]],
    "boolean": ["peut-être", 2, [True]],
    "date": ["bientôt", "2027-02-30", "31/04/2027", True, 20270101],
    "montant": ["beaucoup", -5, "12,345", True],
    "list": ["un texte", {"un": "bloc"}, 12],
    "dict": ["un texte", ["une", "liste"], 7],
    "id": ["Avec Espace", "accentué", ["x"]],
    "siret": [True, ["x"], 3.5],
    "decimal": ["beaucoup", [1], True],
    "ratio": ["moitié", True],
    "pourcentage": ["cinquante", True],
    "email": ["pas-une-adresse", "a@b", 12],
    "code_postal": ["9300", "ABCDE", True],
    "rna": ["W12", "123456789"],
}


def _replace(data: Data, path: Path, value: Any) -> tuple[Data, Path]:
    _set(data, path, value)
    return data, path


def apply_mutation(valid: Data, mutation: Mutation) -> tuple[Data, str, str]:
    """Break one thing in a copy of `valid`: (invalid data, chemin to be named, kind done).

    When a project has no place for the kind drawn (no plan d'action for unordered action
    dates…), a fallback kind that always applies is used, and returned.
    """
    data = copy.deepcopy(valid)
    n, v = mutation.choice, mutation.variant
    kind = mutation.kind
    for attempt in (kind, "supprime"):
        done = _MUTATORS[attempt](data, n, v)
        if done is not None:
            data, path = done
            return data, format_path(path), attempt
    raise AssertionError("unreachable: a valid project always has a required field")


def _remove(data: Data, n: int, v: int) -> tuple[Data, Path] | None:
    candidates = _required_paths(data)
    path = candidates[n % len(candidates)]
    del _get(data, path[:-1])[path[-1]]
    return data, path


def _wrong_type(data: Data, n: int, v: int) -> tuple[Data, Path] | None:
    candidates = [(p, r) for p, val, r in fields(data)
                  if p and r.get("type") in _WRONG and val is not None]
    path, rules = candidates[n % len(candidates)]
    choices = _WRONG[rules["type"]]
    return _replace(data, path, choices[v % len(choices)])


def _bad_enum(data: Data, n: int, v: int) -> tuple[Data, Path] | None:
    candidates = [p for p, val, r in fields(data)
                  if p and "allowed" in r and isinstance(val, str) and r.get("type") == "string"]
    if not candidates:
        return None
    path = candidates[n % len(candidates)]
    return _replace(data, path, ["valeur_inconnue", "Association", "faire ensemble"][v % 3])


def _dangling(data: Data, n: int, v: int) -> tuple[Data, Path] | None:
    candidates = []
    for path, value, rules in fields(data):
        meta = rules.get("meta") or {}
        if meta.get("ref") and not meta.get("texte_libre") and isinstance(value, str):
            candidates.append(path)
    if not candidates:
        return None
    return _replace(data, candidates[n % len(candidates)], DANGLING)


def _bad_siret(data: Data, n: int, v: int) -> tuple[Data, Path] | None:
    partners = [i for i, p in enumerate(data["partenaires"]) if p.get("siret")]
    if not partners:
        return None
    i = partners[n % len(partners)]
    digits = re.sub(r"[^0-9]", "", data["partenaires"][i]["siret"])
    wrong = [
        digits[:-1] + str((int(digits[-1]) + 1 + v % 9) % 10),  # key digit off: Luhn fails
        digits[:-1],  # 13 digits
        digits + "0",  # 15 digits
        digits[:5] + "O" + digits[6:],  # a letter O for a zero
        "",
    ][v % 5]
    if v % 5 == 0 and siret_is_valid_here(wrong):
        wrong = digits[:-1]
    return _replace(data, ("partenaires", i, "siret"), wrong)


def siret_is_valid_here(digits: str) -> bool:
    return len(digits) == 14 and luhn_digit(digits[:-1]) == digits[-1] and \
        not digits.startswith("356000000")


def _unordered_dates(data: Data, n: int, v: int) -> tuple[Data, Path] | None:
    places: list[tuple[Path, Path]] = []
    projet = data["projet"]
    if "date_fin" in projet:
        places.append((("projet", "date_debut"), ("projet", "date_fin")))
    for i, act in enumerate(data.get("plan_action") or []):
        places.append((("plan_action", i, "date_debut"), ("plan_action", i, "echeance")))
        for j, _ in enumerate(act.get("taches") or []):
            places.append((("plan_action", i, "taches", j, "date_debut"),
                           ("plan_action", i, "taches", j, "date_fin")))
    if not places:
        projet.pop("duree_mois", None)
        places.append((("projet", "date_debut"), ("projet", "date_fin")))
    start_path, end_path = places[n % len(places)]
    start = _get(data, start_path)
    gap = 1 + v % 400
    # The project's end must be strictly after its start; an action or a task may end the day
    # it starts: both go one day or more before.
    if end_path == ("projet", "date_fin"):
        projet.pop("duree_mois", None)
        gap = v % 400
    _set(data, end_path, start - timedelta(days=gap))
    if end_path[0] == "plan_action" and len(end_path) == 5:
        # No other task may depend on the broken one: that would be a second, unrelated error.
        for act in data["plan_action"]:
            for task in act.get("taches") or []:
                task.pop("depend_de", None)
    return data, end_path


def _percentages(data: Data, n: int, v: int) -> tuple[Data, Path] | None:
    ids = [p["id"] for p in data["partenaires"]]
    budget_block = data.setdefault("budget", {})
    total = 100 + (1 + v % 50) * (1 if v % 2 else -1)
    # Each share stays a valid percentage (≤ 100): only their sum is wrong.
    count = 2 + n % (len(ids) - 1) if total > 100 else 1 + n % len(ids)
    shares = [total // count] * count
    shares[0] += total - sum(shares)
    budget_block["repartition"] = [{"partenaire": pid, "pourcentage": pct}
                                   for pid, pct in zip(ids[:count], shares, strict=True)]
    return data, ("budget", "repartition")


def _duplicate(data: Data, n: int, v: int) -> tuple[Data, Path] | None:
    lists: list[Path] = [("partenaires",), ("objectifs_operationnels",),
                         ("gouvernance", "instances"), ("plan_action",), ("parties_prenantes",)]
    lists = [p for p in lists if len(_get(data, p[:-1]).get(p[-1]) or []) >= 2]
    if not lists:
        return None
    where = lists[n % len(lists)]
    items = _get(data, where)
    second = 1 + v % (len(items) - 1)
    first = (v // 7) % second
    items[second]["id"] = items[first]["id"]
    return data, (*where, second, "id")


_MUTATORS: dict[str, Callable[[Data, int, int], tuple[Data, Path] | None]] = {
    "supprime": _remove, "type": _wrong_type, "enum": _bad_enum, "reference": _dangling,
    "siret": _bad_siret, "dates": _unordered_dates, "pourcentages": _percentages,
    "doublon": _duplicate,
}
