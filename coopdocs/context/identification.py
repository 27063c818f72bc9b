"""How the convention identifies each party, one sentence pattern per family (domain.md §12).

- an association is declared, with its RNA number, and identified in the répertoire SIRENE; one
  of Alsace-Moselle is inscribed at the registre des associations of a tribunal, with its
  number there;
- a company gives its form, « au capital de … € » (« à capital variable » for a cooperative),
  « immatriculée au RCS de [ville] sous le numéro [SIREN] » and its siège social;
- a public person is written as what it is (collectivité territoriale, EPCI, établissement
  public) and its signatory acts « en vertu de » the délibération that empowers it;
- a service of the State is « situé », not a siège;
- a local établissement signs for its legal person: the legal person and its siège social
  first, then the établissement and its SIRET.

`identification(partner, gaps)` returns the texts `context.parties` adds to each partner; what
is missing is a gap of `check.gaps` (`legal_gaps`), printed as its visible « [À compléter avant
signature : …] » marker, never left out, and listed by `coopdocs validate`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coopdocs.check.gaps import Gap
from coopdocs.french.figures import montant, siret
from coopdocs.french.grammar import de, lower_first
from coopdocs.french.labels import label, label_entry
from coopdocs.french.names import official_title, titled_name
from coopdocs.vocabulary import (
    ASSOCIATION_FORMS,
    PUBLIC_PERSON_FORMS,
    RCS_FORMS,
    variable_capital,
)

__all__ = ["address_text", "family", "identification", "is_public", "kind_label"]

Partner = Mapping[str, Any]
Gaps = Mapping[str, Gap]


def _marker(gaps: Gaps, code: str, partner: Partner) -> str:
    """The marker of the partner's gap `code` (« capital »…), or "" when it has none."""
    found = gaps.get(f"{code}:{partner['id']}")
    return found.marker if found else ""


def address_text(address: Mapping[str, Any]) -> str:
    """« 12 rue de la Briche, 93200 Saint-Denis » (no-break space after the postal code)."""
    lines = [address.get("ligne1"), address.get("ligne2"),
             f"{address.get('code_postal')}\u00a0{address.get('commune')}"]
    return ", ".join(str(line).strip() for line in lines if line)


def family(partner: Partner) -> str:
    """``association``, ``societe``, ``personne_publique``, ``etat`` or ``autre``."""
    forme = partner.get("forme_juridique")
    if forme in ASSOCIATION_FORMS:
        return "association"
    if forme in RCS_FORMS:
        return "societe"
    if forme == "service_etat":
        return "etat"
    if forme in PUBLIC_PERSON_FORMS:
        return "personne_publique"
    return "autre"


def is_public(partner: Partner) -> bool:
    return partner.get("forme_juridique") in PUBLIC_PERSON_FORMS


def kind_label(partner: Partner) -> str:
    """What kind of structure a partner is, for running text: its SIAE type or role type,
    except for a public person, written as what the law makes it (an établissement public
    territorial is not a « collectivité »)."""
    if is_public(partner):
        return label("forme_juridique", partner.get("forme_juridique"))
    return label("type_structure", partner.get("type_structure"))


def _agreed(partner: Partner, word: str) -> str:
    feminin = bool(label_entry("forme_juridique", partner.get("forme_juridique"))
                   .get("feminin", True))
    return word + ("e" if feminin else "")


def _capital(partner: Partner, gaps: Gaps) -> str:
    """« au capital de 10 000,00 € », « à capital variable », the marker, or nothing."""
    if variable_capital(partner):
        return "à capital variable"
    if partner.get("capital_social") is not None:
        return f"au capital de {montant(partner['capital_social'])}"
    missing = _marker(gaps, "capital", partner)
    return f"au capital de {missing}" if missing else ""


def _siren(partner: Partner, gaps: Gaps) -> str:
    digits = str(partner.get("siret") or "")
    if len(digits) == 14:
        return f"{digits[:3]} {digits[3:6]} {digits[6:9]}"
    return _marker(gaps, "siren", partner)


def _registration(partner: Partner, gaps: Gaps) -> str:
    """« immatriculée au RCS de Bobigny sous le numéro 823 145 677 » (companies, GIE)."""
    where = str(partner.get("rcs") or "").strip() or _marker(gaps, "rcs", partner)
    if not where:
        return ""  # a GIE without its greffe: identified by its SIRET like anyone else
    number = _siren(partner, gaps)
    text = f"{_agreed(partner, 'immatriculé')} au RCS de {where}"
    return f"{text} sous le numéro {number}" if number else text


def _sirene(partner: Partner, *, of_establishment: bool = False) -> str:
    if not partner.get("siret"):
        return ""
    who = "identifié" if of_establishment else _agreed(partner, "identifié")
    return f"{who} au répertoire SIRENE sous le numéro SIRET {siret(partner['siret'])}"


def _declaration(partner: Partner, gaps: Gaps) -> str:
    """How an association has its legal capacity, with the number that attests it:

    - « déclarée et inscrite au répertoire national des associations sous le numéro W… »: one
      of the loi de 1901 has it once declared (art. 5);
    - « inscrite au registre des associations du tribunal judiciaire de Strasbourg sous le
      numéro … »: one of Alsace-Moselle, once inscribed by the tribunal (code civil local,
      art. 21); it is in no RNA.

    A number or a tribunal the file lacks is its gap's marker; "" without either."""
    if partner.get("forme_juridique") == "association_droit_local":
        court = str(partner.get("registre_tribunal") or "").strip()
        if court and not court.lower().startswith("tribunal"):
            court = f"tribunal judiciaire de {court}"
        court = court or _marker(gaps, "registre-tribunal", partner)
        number = str(partner.get("registre_numero") or "").strip()
        if number.lower().startswith(("vol", "n°")):
            number = f", {number}"  # « volume 85, folio 12 » is cited as it is written
        elif number := number or _marker(gaps, "registre-numero", partner):
            number = f" sous le numéro {number}"
        if not court and not number:
            return ""
        where = f" du {court}" if court else ""
        return f"inscrite au registre des associations{where}{number}"
    number = str(partner.get("rna") or "") or _marker(gaps, "rna", partner)
    if not number:
        return ""
    return ("déclarée et inscrite au répertoire national des associations sous le numéro "
            f"{number}")


def _with_article(text: str) -> str:
    """« délibération n° 12 du … » → « la délibération n° 12 du … »: the act, as a noun phrase."""
    first = text.split(" ", 1)[0].lower()
    articles = {"délibération": "la ", "décision": "la ", "arrêté": "l'", "arrêtés": "les ",
                "délibérations": "les ", "décret": "le ", "délégation": "la ", "mandat": "le "}
    return articles.get(first, "") + text


def habilitation_text(partner: Partner, gaps: Gaps) -> str:
    """« dûment habilitée par délibération du … », or for a public person « agissant en vertu
    de la délibération n° … du … » (its signatory's power comes from an act, which is cited);
    for a signatory who is not its body's legal representative and cites no act, the gap's
    marker alone, never « dûment habilité » nor « ayant tous pouvoirs »."""
    rep = partner.get("representant") or {}
    text = str(rep.get("habilitation") or "").strip().rstrip(".,;")
    lowered = lower_first(text) if text else ""
    missing = _marker(gaps, "habilitation", partner)
    if (is_public(partner) or family(partner) == "etat") and (lowered or missing):
        if not lowered:
            return f"agissant en vertu de {missing}"
        if lowered.startswith(("agissant", "en vertu", "par délégation", "conformément")):
            return lowered if lowered.startswith("agissant") else f"agissant {lowered}"
        return f"agissant en vertu de {_with_article(lowered)}"
    if missing and not lowered:
        # A signatory who is not the legal representative of its form: its power is neither
        # asserted nor given a public person's formula; the marker stands where the act that
        # gives it will be cited (`check.gaps`).
        return missing
    agreed = label_entry("civilite", rep.get("civilite")).get("habilite")
    if not agreed:
        return _epicene_habilitation(lowered)
    if not lowered:
        return f"dûment {agreed} à l'effet des présentes"
    starts = ("par ", "en vertu", "aux termes", "conformément", "selon ", "à l'effet")
    return f"dûment {agreed} {'' if lowered.startswith(starts) else 'par '}{lowered}"


def _epicene_habilitation(act: str) -> str:
    """The signatory's power without a word agreed with a gender the file does not give
    (civilité ``neutre``): a contract prefers an epicene phrase to « habilité·e » (domain.md
    §9.6). « ayant tous pouvoirs à l'effet des présentes », « agissant en vertu de la
    délibération du … »."""
    if not act:
        return "ayant tous pouvoirs à l'effet des présentes"
    if act.startswith("à l'effet"):
        return f"ayant tous pouvoirs {act}"
    if act.startswith(("en vertu", "aux termes", "conformément", "selon ")):
        return f"agissant {act}"
    return f"agissant en vertu de {_with_article(act.removeprefix('par '))}"


def _seat(partner: Partner) -> str:
    address = address_text(partner["adresse"])
    kind = family(partner)
    if kind == "etat":
        return f"{_agreed(partner, 'situé')} {address}"
    if kind in ("association", "societe"):
        return f"dont le siège social est situé {address}"
    return f"dont le siège est situé {address}"


def _establishment(partner: Partner) -> list[str]:
    """« agissant par son établissement « Agence de Saint-Denis », situé …, identifié … »."""
    place = partner.get("etablissement")
    if not place:
        return []
    name = str(place.get("libelle") or "").strip()
    text = "agissant par son établissement" + (f" « {name} »" if name else "")
    text += f", situé {address_text(place['adresse'])}"
    sirene = _sirene(partner, of_establishment=True)
    return [f"{text}, {sirene}" if sirene else text]


def identification(partner: Partner, gaps: Gaps) -> dict[str, Any]:
    """The identification texts of one partner (see the module docstring).

    ``identification`` is the whole appearance between the name and « ci-après dénommée »:
    « association régie par la loi du 1er juillet 1901, …, dûment habilitée par … ».
    ``identifiants`` and ``habilitation`` keep their older meaning for templates that build
    the sentence themselves. ``habilitation_acte``: a public person's « agissant en vertu de
    … » when the file cites the act, else "" (the charte's signature block).
    """
    kind = family(partner)
    nature = label("forme_juridique", partner.get("forme_juridique"))
    registration = _registration(partner, gaps) if kind == "societe" else ""
    capital = _capital(partner, gaps) if kind == "societe" else ""
    if capital:
        nature = f"{nature} {capital}"
    parts = [nature]
    ids: list[str] = []
    declaration = _declaration(partner, gaps) if kind == "association" else ""
    if declaration:
        ids.append(declaration)
    if registration:
        ids.append(registration)
    parts.extend(ids)
    parts.append(_seat(partner))
    establishment = _establishment(partner)
    if establishment:
        parts.extend(establishment)
    elif not registration and _sirene(partner):
        parts.append(_sirene(partner))
        ids.append(_sirene(partner))
    rep = partner["representant"]
    title = official_title(str(rep["qualite"]))
    represented = _agreed(partner, "représenté")
    habilitation = habilitation_text(partner, gaps)
    capacity = f"{titled_name(rep)}, en sa qualité {de(title)}"
    # The act a public person's signatory acts under, as the file cites it: the charte, which
    # has no appearance of the parties, prints it under the signatory's title.
    cited = kind in ("personne_publique", "etat") and bool(
        str(rep.get("habilitation") or "").strip())
    parts.append(f"{represented} par {capacity}, {habilitation}")
    return {
        "famille_juridique": kind,
        "personne_publique": kind in ("personne_publique", "etat"),
        "nature": nature,
        "identifiants": (", " + ", ".join(ids)) if ids else "",
        "habilitation": habilitation,
        "habilitation_acte": habilitation if cited else "",
        "qualite": title,
        "representant": capacity,
        "etablissement_texte": establishment[0] if establishment else "",
        "identification": ", ".join(parts),
    }
