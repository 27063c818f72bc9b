"""A spreadsheet cell → the value a project file holds, normalised the way `validate` reads it.

The parsers are `check.values`' own (dates, amounts, SIRET, postal codes, e-mails…), so a
value is accepted here exactly when `validate` accepts it; what a spreadsheet adds is handled
first: numbers where text is meant (a SIRET or a postal code typed as a number, which lost its
leading zero), date cells, booleans, and coded values written as French words (« Association
loi 1901 » → ``association``), recognised from their labels (`data/libelles.yaml`) and the
spellings people use.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from coopdocs.check.rules.base import closest
from coopdocs.check.values import PARSERS, Issue, is_number
from coopdocs.french.labels import labels
from coopdocs.sheets.columns import words

__all__ = ["code_for", "convert", "split_person"]

# The kind of `data/libelles.yaml` that labels each coded field.
_LABEL_KINDS = {"forme_juridique": "forme_juridique", "type_structure": "type_structure",
                "role": "role_partenaire", "civilite": "civilite", "categorie": "categorie",
                "frequence_contact": "frequence"}

# The words people write for a code, reduced by `columns.words`, beyond the codes and labels.
_SPELLINGS: dict[str, dict[str, str]] = {
    "forme_juridique": {
        "association loi 1901": "association", "association 1901": "association",
        "loi 1901": "association", "asso": "association", "association loi 1908":
        "association_droit_local", "association droit local": "association_droit_local",
        "association inscrite": "association_droit_local",
        "societe responsabilite limitee": "sarl", "societe actions simplifiee": "sas",
        "societe anonyme": "sa", "scop sarl": "scop", "scop sa": "scop", "scop sas": "scop",
        "scic sas": "scic", "scic sarl": "scic", "scic sa": "scic",
        "groupement employeurs": "groupement_employeurs",
        "ge": "groupement_employeurs", "commune": "collectivite_territoriale",
        "mairie": "collectivite_territoriale", "ville": "collectivite_territoriale",
        "departement": "collectivite_territoriale", "region": "collectivite_territoriale",
        "conseil departemental": "collectivite_territoriale",
        "conseil regional": "collectivite_territoriale",
        "collectivite": "collectivite_territoriale",
        "communaute communes": "epci", "communaute agglomeration": "epci",
        "communaute urbaine": "epci", "metropole": "epci", "etablissement public territorial":
        "epci", "ept": "epci", "etat": "service_etat", "prefecture": "service_etat",
        "ddets": "service_etat", "dreets": "service_etat", "ei": "entreprise_individuelle",
        "micro entreprise": "entreprise_individuelle", "auto entrepreneur":
        "entreprise_individuelle", "epic": "etablissement_public",
        "epa": "etablissement_public",
    },
    "type_structure": {
        "atelier chantier insertion": "aci", "chantier insertion": "aci",
        "entreprise insertion": "ei", "entreprise travail temporaire insertion": "etti",
        "association intermediaire": "ai",
        "entreprise insertion par travail independant": "eiti",
        "regie quartier": "regie_de_quartier", "ea": "entreprise_adaptee",
        "reseau": "tete_de_reseau", "tete reseau": "tete_de_reseau",
        "collectivite territoriale": "collectivite", "commune": "collectivite",
        "departement": "collectivite", "region": "collectivite", "epci": "collectivite",
        "france travail": "service_public_emploi", "pole emploi": "service_public_emploi",
        "mission locale": "service_public_emploi", "cap emploi": "service_public_emploi",
        "of": "organisme_formation", "centre formation": "organisme_formation",
        "entreprise classique": "entreprise",
    },
    "role": {"chef file": "chef_de_file", "pilote": "chef_de_file",
             "porteur": "chef_de_file", "coordination": "coordinateur",
             "coordinatrice": "coordinateur", "operationnel": "partenaire_operationnel",
             "associe": "partenaire_associe", "partenaire": "partenaire_operationnel"},
    "civilite": {"mme": "madame", "mlle": "madame", "mademoiselle": "madame", "m": "monsieur",
                 "mr": "monsieur", "monsieur": "monsieur", "madame": "madame"},
}

_WHAT = {"forme_juridique": "une forme juridique", "type_structure": "un type de structure",
         "role": "un rôle de partenaire", "civilite": "une civilité", "categorie":
         "une catégorie", "cercle": "un cercle", "niveau_participation":
         "un niveau de participation", "influence": "un niveau d'influence",
         "interet": "un niveau d'intérêt", "frequence_contact": "une fréquence"}


def _label_text(value: Any) -> str:
    return str(value.get("libelle", "")) if isinstance(value, Mapping) else str(value)


def code_for(field: str, text: str, allowed: list[str]) -> str | None:
    """The code a French word or label stands for (« Association loi 1901 » → association)."""
    said = words(text)
    if not said:
        return None
    by_words = {words(code): code for code in allowed}
    kind = _LABEL_KINDS.get(field)
    if kind:
        for code, value in (labels().get(kind) or {}).items():
            if code in allowed:
                label = _label_text(value)
                by_words.setdefault(words(label), code)
                # « atelier et chantier d'insertion (ACI) »: the label, and its abbreviation.
                if match := re.search(r"\(([^()]+)\)\s*$", label):
                    by_words.setdefault(words(match[1]), code)
                    by_words.setdefault(words(label[:match.start()]), code)
    for spelling, code in _SPELLINGS.get(field, {}).items():
        if code in allowed:
            by_words.setdefault(spelling, code)
    if said in by_words:
        return by_words[said]
    # « SAS au capital de 10 000 € », « Association (loi 1901) » : the first words decide.
    for size in range(len(said.split()) - 1, 0, -1):
        start = " ".join(said.split()[:size])
        if start in by_words:
            return by_words[start]
    return None


def _unknown_code(field: str, value: Any, allowed: list[str]) -> Issue:
    what = _WHAT.get(field, "une valeur prévue")
    guess = closest(words(value).replace(" ", "_"), allowed)
    shown = ", ".join(allowed)
    hint = f"valeurs possibles : {shown}"
    if guess:
        hint = f"vouliez-vous dire « {guess} » ? Valeurs possibles : {shown}"
    return Issue("valeur-non-prevue", f"« {value} » n'est pas {what} que coopdocs connaît",
                 hint)


def _text(value: Any) -> str:
    if isinstance(value, datetime | date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _number(value: Any) -> Decimal | None:
    if is_number(value):
        return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = re.sub(r"\s", "", str(value)).replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _plain_amount(amount: Decimal) -> int | float:
    """An amount as the file writes it: 12500 or 12500.5, never a Decimal's repr."""
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def convert(value: Any, field: str, rules: Mapping[str, Any]) -> Any:
    """The value of one cell for a field of `rules` (the schema's), or an `Issue`."""
    kind = rules.get("type")
    if isinstance(value, time):
        return Issue("type", f"une heure ({value:%H:%M}) n'est pas une valeur de ce champ",
                     "vérifiez la colonne : la cellule a peut-être le format Heure")
    if kind == "date":
        if isinstance(value, int | float) and not isinstance(value, bool):
            return Issue("format-date", f"« {_text(value)} » n'est pas une date",
                         "écrivez-la jour/mois/année (31/01/2027), ou donnez à la cellule le "
                         "format Date")
        return PARSERS["date"](value)
    if kind == "siret":
        if isinstance(value, int) and not isinstance(value, bool):
            # A number cell drops a leading zero: 13 digits were 14 with a 0 in front.
            value = f"{value:014d}" if len(str(value)) == 13 else str(value)
        return PARSERS["siret"](value)
    if kind == "code_postal":
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value < 10000:
            value = f"{value:05d}"  # 01000 typed in a number cell lost its leading zero
        return PARSERS["code_postal"](value)
    if kind == "montant":
        amount = PARSERS["montant"](value)
        return amount if isinstance(amount, Issue) else _plain_amount(amount)
    if kind in ("decimal", "ratio", "pourcentage"):
        number = _number(value)
        checked = PARSERS[str(kind)](number if number is not None else value)
        return checked if isinstance(checked, Issue) else _plain_amount(checked)
    if kind == "integer":
        number = _number(value)
        if number is None or number != number.to_integral_value():
            return Issue("type", f"« {_text(value)} » n'est pas un nombre entier",
                         "par exemple 12")
        return int(number)
    if kind == "boolean":
        if isinstance(value, int | float) and not isinstance(value, bool) and value in (0, 1):
            return bool(value)
        return PARSERS["boolean"](value)
    if kind in ("email", "rna", "id"):
        return PARSERS[str(kind)](_text(value))
    text = _text(value)
    allowed = rules.get("allowed")
    if allowed:
        code = code_for(field, text, list(allowed))
        return code if code is not None else _unknown_code(field, text, list(allowed))
    return text


_CIVILITY = re.compile(r"^(madame|monsieur|mme|mlle|mademoiselle|mr|m)\.?\s+", re.IGNORECASE)


def split_person(value: Any) -> dict[str, str]:
    """« Mme Nadia HADDAD » → civilité, prénom, nom. The name is the words in capitals when
    some are (« Jean-Pierre LE GALL »), else everything after the first name."""
    text = " ".join(_text(value).split())
    person: dict[str, str] = {}
    if match := _CIVILITY.match(text):
        person["civilite"] = _SPELLINGS["civilite"][words(match[1])]
        text = text[match.end():]
    parts = text.split()
    capitals = [p for p in parts if p.isupper() and len(p.strip("-'.")) > 1]
    if capitals and len(capitals) < len(parts):
        person["prenom"] = " ".join(p for p in parts if p not in capitals)
        person["nom"] = " ".join(capitals)
    elif len(parts) >= 2:
        person["prenom"], person["nom"] = parts[0], " ".join(parts[1:])
    elif parts:
        person["nom"] = parts[0]
    return person
