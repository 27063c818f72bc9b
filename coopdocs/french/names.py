"""How people and partners are named, in documents and in messages alike.

Partners:
- `short_name`: the sigle, else the raison sociale (« RA93 »): tables, messages, reports;
- `full_name`: « Recycl'Action 93 (RA93) »: the first mention, a member of an instance;
- `running_name`: `full_name` with the article of a common noun, « le Réseau des SIAE… »;
- `appellation`: with its article, « l'association Recycl'Action 93 »: running text;
- `signature_name`: the « Pour … » line of a signature block;
- `referenced_name`: a partner reference (an id) or free text, as a document shows it;
- `named_partner`: the partner free text designates (the mediator of disputes…);
- `mentioned_name`: free text that names a partner (« Le réseau des SIAE… »), written as the
  documents write that partner, so one body never has two spellings in a pack;
- `message_name`: « Recycl'Action 93 (recycl) »: in a validation message, with its id so the
  user finds it in the file.

Each reads raw data defensively (a project that does not validate yet still gets its report).

People: `nom_personne` (« Nadia HADDAD »), `civilite`, `titled_name` (« Madame Nadia
HADDAD »), `name_and_function` (« Nadia HADDAD, chargée de mission »), `official_title`
(« Adjointe au maire », never « Maire adjointe »), `legal_office` (a title that represents its
body by law, not by delegation), `statutory_representative` (a title that represents a
partner of its private form by law, « Présidente » of a SAS, not « Directeur général »),
`gendered_titles` (the two titles of one person an inclusive
title stands for: « Directeur·rice » → « Directrice », « Directeur »).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from coopdocs.french.grammar import clean_spaces, lower_first, name_article
from coopdocs.french.labels import label_entry
from coopdocs.vocabulary import LEGAL_REPRESENTATIVES

__all__ = [
    "appellation",
    "civilite",
    "full_name",
    "gendered_titles",
    "legal_office",
    "mentioned_name",
    "message_name",
    "name_and_function",
    "named_partner",
    "nom_personne",
    "official_title",
    "referenced_name",
    "running_name",
    "short_name",
    "signature_name",
    "statutory_representative",
    "titled_name",
]

Partner = Mapping[str, Any]

_CIVILITES = {"madame": "Madame", "monsieur": "Monsieur", "neutre": ""}


def _text(value: Any) -> str:
    """A field as text: trimmed strings, numbers as written; anything else is no text."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return str(value)
    return ""


def _field(obj: Any, name: str) -> Any:
    """Read ``name`` from a mapping or an object; absent means ``None``."""
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


# --------------------------------------------------------------------------- partners


def short_name(partner: Partner) -> str:
    """The sigle (« RA93 »), else the raison sociale, else the id."""
    for key in ("sigle", "raison_sociale", "id"):
        if text := _text(partner.get(key)):
            return text
    return "un partenaire sans nom"


def full_name(partner: Partner) -> str:
    """« Recycl'Action 93 (RA93) », or the raison sociale alone without a distinct sigle."""
    name = _text(partner.get("raison_sociale")) or short_name(partner)
    sigle = _text(partner.get("sigle"))
    return f"{name} ({sigle})" if sigle and sigle != name else name


def appellation(partner: Partner) -> str:
    """« l'association Recycl'Action 93 », « le Réseau des SIAE… », « la société Répar'Tout »."""
    name = _text(partner.get("raison_sociale")) or short_name(partner)
    article = name_article(name)
    if article:
        return f"{article}{name}"
    noun = label_entry("forme_juridique", partner.get("forme_juridique")).get("nom", "la structure")
    return f"{noun} {name}"


def running_name(partner: Partner) -> str:
    """`full_name` as running text writes it: with its article when the raison sociale starts
    with a common noun (« le Réseau des SIAE… », « l'Association Intermédiaire… (AIC) »), so
    that `grammar.de` and `grammar.a` can contract it (« du Réseau », « de l'Association »)."""
    name = full_name(partner)
    article = name_article(_text(partner.get("raison_sociale")) or short_name(partner))
    return f"{article}{name}" if article else name


def signature_name(partner: Partner) -> str:
    """The raison sociale, with its article when it starts with a common noun
    (« l'Établissement public territorial Plaine Commune »), for « Pour … » lines."""
    name = _text(partner.get("raison_sociale")) or short_name(partner)
    return appellation(partner) if name_article(name) else name


def referenced_name(partners: Mapping[str, Partner], ref: Any, *, short: bool = False) -> str:
    """A partner reference shown by name; free text (a financing source) is kept as is."""
    if not ref:
        return ""
    partner = partners.get(ref) if isinstance(ref, str) else None
    if partner is None:
        return str(ref)
    return short_name(partner) if short else full_name(partner)


_LEADING_ARTICLE = re.compile(r"^(?:(?:les|le|la)\s+|l['’]\s*)", re.IGNORECASE)


def _bare(name: str) -> str:
    return _LEADING_ARTICLE.sub("", clean_spaces(name).strip()).casefold()


def named_partner(text: str, partners: Iterable[Partner], *,
                  within: bool = False) -> Partner | None:
    """The partner free text designates: the text is its raison sociale, its full name or its
    sigle, article aside (« Le réseau des SIAE de l'Est francilien »); with ``within``, the
    text may also only contain its raison sociale or its sigle (« le délégué général du Réseau
    des SIAE… », « un membre du bureau de RA93 »). None when it names no partner."""
    bare = _bare(text)
    if not bare:
        return None
    for partner in partners:
        names = (_text(partner.get("raison_sociale")), full_name(partner), short_name(partner))
        if bare in {_bare(name) for name in names if name}:
            return partner
    if not within:
        return None
    for partner in partners:
        name = _bare(_text(partner.get("raison_sociale")))
        sigle = _text(partner.get("sigle"))
        if name and re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", bare):
            return partner
        # A sigle is written in capitals: matched as written, as a whole word.
        if len(sigle) >= 2 and re.search(rf"(?<![\w-]){re.escape(sigle)}(?![\w-])", text):
            return partner
    return None


def mentioned_name(text: str, partners: Iterable[Partner]) -> str:
    """``text`` as the documents name the partner it designates, article included (« Le réseau
    des SIAE de l'Est francilien » → « le Réseau des SIAE de l'Est francilien », as the
    preamble and the signatures write it); text that names no partner comes back as it is."""
    partner = named_partner(text, partners)
    return running_name(partner) if partner is not None else text


def message_name(partner: Partner) -> str:
    """How a validation message names a partner: « Recycl'Action 93 (recycl) »."""
    name = _text(partner.get("raison_sociale"))
    pid = partner.get("id")
    return f"{name} ({pid})" if name else f"« {pid} »"


# --------------------------------------------------------------------------- people


def nom_personne(person: Mapping[str, Any] | Any) -> str:
    """« Nadia HADDAD »: first name as written, surname in capitals with accents (« LEFÈVRE »)."""
    if person is None:
        raise ValueError("Personne manquante : impossible d'écrire son nom.")
    nom = _field(person, "nom")
    if not nom or not str(nom).strip():
        raise ValueError(f"Nom manquant pour la personne {person!r}.")
    prenom = _field(person, "prenom")
    parts = [clean_spaces(str(prenom)) if prenom else "", clean_spaces(str(nom)).upper()]
    return " ".join(part for part in parts if part)


def civilite(person: Mapping[str, Any] | str | Any) -> str:
    """« Madame », « Monsieur », or "" for ``neutre``; takes a person or the value itself."""
    raw = person if isinstance(person, str) else _field(person, "civilite")
    if raw is None:
        return ""
    key = str(raw).strip().lower()
    if key not in _CIVILITES:
        raise ValueError(
            f"Civilité invalide : {raw!r} (attendu « madame », « monsieur » ou « neutre »)."
        )
    return _CIVILITES[key]


def titled_name(person: Mapping[str, Any]) -> str:
    """« Madame Nadia HADDAD » (no title for ``neutre``)."""
    return f"{civilite(person)} {nom_personne(person)}".strip()


def name_and_function(person: Mapping[str, Any] | None) -> str:
    """« Jeanne MARTIN, chargée de mission »: a referent, for the governance and the map."""
    if not person or not person.get("nom"):
        return ""
    text = nom_personne(person)
    if person.get("fonction"):
        text += f", {lower_first(person['fonction'])}"
    return text


# « Maire adjoint(e) » is a common slip: the title the law gives is « adjoint(e) au maire »
# (CGCT L. 2122-1). Group 1 is the capital or not, group 2 the feminine « e ».
_DEPUTY_MAYOR = re.compile(r"^(m)aire[\s-]+adjoint(e?)\b", re.IGNORECASE)


def official_title(qualite: str) -> str:
    """A signatory's title as the law writes it: « Maire adjointe déléguée à la culture »
    → « Adjointe au maire déléguée à la culture »; any other title is only trimmed."""
    text = clean_spaces(str(qualite or ""))
    match = _DEPUTY_MAYOR.match(text)
    if not match:
        return text
    initial = "A" if match[1] == "M" else "a"
    return f"{initial}djoint{match[2].lower()} au maire{text[match.end():]}"


# The offices that represent their body by law (the president of an association, a SAS, a
# département or an EPCI, the gérant, the maire): any other title (adjointe, vice-présidente,
# conseiller délégué, directrice générale…) signs by delegation or by mandate.
_LEGAL_OFFICES = ("président", "présidente", "président·e", "gérant", "gérante", "gérant·e",
                  "cogérant", "cogérante", "maire")


def legal_office(qualite: str) -> bool:
    """Whether a signatory's title is an office that represents its body by law (« Présidente
    du conseil départemental », « Maire »), not one that signs by delegation (« Vice-présidente
    chargée de l'insertion », « Maire adjoint », which is « adjoint au maire »)."""
    title = official_title(qualite).lower()
    words = title.replace(",", " ").split()
    # « Maire délégué » (of a commune déléguée), « Président délégué », « Président de la
    # commission insertion »: an office by delegation, or of a body within the body.
    return bool(words) and words[0] in _LEGAL_OFFICES and not any(
        word.startswith(("délégu", "commission")) for word in words[1:4])


# Abbreviations of the offices of a société, as signatories write them.
_OFFICE_ABBREVIATIONS = {"pdg": "président directeur général", "dg": "directeur général",
                         "dgd": "directeur général délégué"}
# Words after an office that make it another one: « Président délégué », « Directeur général
# adjoint », « Président d'honneur » represent nobody by law.
_NOT_THE_OFFICE = ("délégu", "adjoint", "d'honneur", "honoraire", "sortant")


def _masculine_word(word: str) -> str:
    """« directrice » → « directeur », « générale » → « général », « déléguée » → « délégué »,
    « présidente » → « président »: the word the offices of `vocabulary` are written with."""
    if word.endswith("rice") and len(word) > 6:
        return word[:-4] + "eur"
    if word.endswith(("ée", "ale", "ante", "ente")):
        return word[:-1]
    return word


def statutory_representative(qualite: str, forme: object) -> bool | None:
    """Whether a signatory whose title is ``qualite`` represents a partner of legal form
    ``forme`` by law (`vocabulary.LEGAL_REPRESENTATIVES`): « Présidente » of a SAS, « Gérant »
    of a SARL, « Directrice générale déléguée » of a SA. False for any other title
    (« Directeur général » of a SAS, whose power comes from the statuts or a délégation);
    None for a form whose representative the law does not name (public persons, `autre`)."""
    offices = LEGAL_REPRESENTATIVES.get(str(forme))
    # « [Qualité, par exemple Présidente] », the starter's example left in place, is no title
    # yet: the rule `valeur-exemple` asks for it.
    if offices is None or qualite.strip().startswith("["):
        return None
    title = official_title(qualite)
    title = (gendered_titles(title) or ("", title))[1].lower()
    title = re.sub(r"[-‐‑–]", " ", title.replace("’", "'")).replace(",", " ")
    words = [_masculine_word(w) for w in title.split()]
    words = [piece for w in words for piece in _OFFICE_ABBREVIATIONS.get(w, w).split()]
    if words[:1] == ["co"]:  # « Co-gérante » is a cogérant
        words = ["co" + "".join(words[1:2]), *words[2:]]
    for office in offices:
        wanted = office.split()
        if words[:len(wanted)] == wanted and not (
                len(words) > len(wanted) and words[len(wanted)].startswith(_NOT_THE_OFFICE)):
            return True
    return False


# Inclusive writing in a title (domain.md §9.6): the point médian and its look-alikes, a full
# stop between a word and a feminine ending, or the ending in brackets, each with an optional
# inclusive plural mark. A full stop is inclusive only after a lower-case letter and before
# one of the endings (« Président.e »), so « M. », « S.A.S. » or « Resp. insertion » are
# not; a bracket only right after the word (« Directeur (pôle insertion) » is not).
_LETTERS = r"[^\W\d_]"
_DOTS = "·‧⋅•∙"
_ENDINGS = (r"(?:e|rice|trice|ice|euse|se|sse|ère|ere|re|ne|le|te|fe|ve)s?")
_INCLUSIVE = re.compile(
    rf"(?P<base>{_LETTERS}+)(?:"
    rf"[{_DOTS}](?P<dotted>{_LETTERS}+?)(?P<dotted_s>[{_DOTS}]s)?"
    rf"|(?<=[a-zà-öø-ÿœæ])\.(?P<stopped>{_ENDINGS})(?P<stopped_s>\.s)?"
    rf"|\((?P<bracketed>{_ENDINGS})\)(?P<bracketed_s>s)?"
    rf")(?!{_LETTERS})")
# Feminine endings that replace the end of the masculine word instead of following it:
# (masculine end, endings written for it, feminine end). « Directeur·rice » → « Directrice »,
# « Chercheur·se » → « Chercheuse », « Trésorier·ère » → « Trésorière », « Actif·ve »
# → « Active ».
_REPLACED_ENDINGS = (
    ("teur", ("rice", "trice", "ice"), "trice"),
    ("eur", ("euse", "se"), "euse"),
    ("eux", ("euse", "se"), "euse"),
    ("er", ("e", "ère", "ere", "re"), "ère"),
    ("f", ("ve",), "ve"),
)


def _feminine(base: str, ending: str) -> str:
    lowered = base.lower()
    for masculine, written, feminine in _REPLACED_ENDINGS:
        if lowered.endswith(masculine) and ending.lower() in written:
            return base[: len(base) - len(masculine)] + feminine
    return base + ending


def _one_person(match: re.Match[str], feminine: bool) -> str:
    """The word of one match for one person: the inclusive plural mark (« ·s », the « s »
    of « ·es ») dropped, since a title names the one person who holds it."""
    ending = match["dotted"] or match["stopped"] or match["bracketed"] or ""
    if ending.endswith("s") and len(ending) > 1 and not ending.endswith("ss"):
        ending = ending[:-1]
    return _feminine(match["base"], ending) if feminine else match["base"]


def gendered_titles(title: str) -> tuple[str, str] | None:
    """The feminine and masculine titles of one person that a title in inclusive writing
    stands for, or None when it has none: « Directeur·rice » → (« Directrice »,
    « Directeur »), « Président.e » → (« Présidente », « Président »), « directeur(trice) » →
    (« directrice », « directeur »), « Co-président·e·s » → (« Co-présidente »,
    « Co-président »). A signed act names the quality of the one person who signs, which such
    a title does not tell."""
    text = clean_spaces(str(title or ""))
    if _INCLUSIVE.search(text) is None:
        return None
    return (_INCLUSIVE.sub(lambda m: _one_person(m, True), text),
            _INCLUSIVE.sub(lambda m: _one_person(m, False), text))
