"""Which column holds which field: French header names, whatever their case, accents or
spacing, grouped under a merged header (« Représentant » over « Nom », « Prénom »), or named by
the user's `--colonnes` file.

A header is reduced to its words (`words`): lower case, no accent, no punctuation, no article
(« Nom du représentant » → « nom representant »). A field is found by those words, alone, with
its group before or after them (« representant nom », « nom representant »), or under the
group written in the row above.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from coopdocs.check.schema import field_rules
from coopdocs.errors import Problem
from coopdocs.sheets.reading import Sheet, SheetError

__all__ = ["PARTNER_FIELDS", "STAKEHOLDER_FIELDS", "Columns", "Field", "find_header",
           "read_mapping", "words"]

Field = tuple[str, ...]  # a field path inside one partner (or stakeholder)

_ARTICLES = frozenset({"de", "du", "des", "d", "la", "le", "les", "l", "en", "a", "au", "aux",
                       "dans", "n", "no", "num", "numero", "et"})
# Whole-name columns: « Mme Nadia HADDAD » fills civilité, prénom and nom.
PERSON = "personne"

# Top-level words → field. Keys are reduced with `words`.
_PARTNER: dict[str, Field] = {
    "raison sociale": ("raison_sociale",), "denomination": ("raison_sociale",),
    "denomination sociale": ("raison_sociale",), "nom structure": ("raison_sociale",),
    "structure": ("raison_sociale",), "nom partenaire": ("raison_sociale",),
    "partenaire": ("raison_sociale",), "organisme": ("raison_sociale",),
    "nom organisme": ("raison_sociale",), "nom": ("raison_sociale",),
    "id": ("id",), "identifiant": ("id",),
    "sigle": ("sigle",), "acronyme": ("sigle",),
    "forme juridique": ("forme_juridique",), "statut juridique": ("forme_juridique",),
    "statut": ("forme_juridique",), "forme": ("forme_juridique",),
    "type structure": ("type_structure",), "type": ("type_structure",),
    "type siae": ("type_structure",), "categorie": ("type_structure",),
    "siret": ("siret",), "rna": ("rna",), "rcs": ("rcs",), "ville rcs": ("rcs",),
    "greffe": ("rcs",), "capital": ("capital_social",), "capital social": ("capital_social",),
    # An association of Alsace-Moselle: its tribunal and number in the registre des associations.
    "tribunal": ("registre_tribunal",), "registre tribunal": ("registre_tribunal",),
    "tribunal registre": ("registre_tribunal",), "registre": ("registre_numero",),
    "registre associations": ("registre_numero",), "amalia": ("registre_numero",),
    "capital variable": ("capital_variable",),
    "adresse": ("adresse", "ligne1"), "adresse siege": ("adresse", "ligne1"),
    "rue": ("adresse", "ligne1"), "voie": ("adresse", "ligne1"),
    "complement adresse": ("adresse", "ligne2"), "complement": ("adresse", "ligne2"),
    "cp": ("adresse", "code_postal"), "code postal": ("adresse", "code_postal"),
    "ville": ("adresse", "commune"), "commune": ("adresse", "commune"),
    "representant": ("representant", PERSON), "representant legal": ("representant", PERSON),
    "representante": ("representant", PERSON), "signataire": ("representant", PERSON),
    "civilite": ("representant", "civilite"), "qualite": ("representant", "qualite"),
    "prenom": ("representant", "prenom"), "fonction": ("representant", "qualite"),
    "habilitation": ("representant", "habilitation"),
    "referent": ("referent", PERSON), "referente": ("referent", PERSON),
    "contact": ("referent", PERSON),
    "courriel": ("referent", "email"), "email": ("referent", "email"),
    "e mail": ("referent", "email"), "mail": ("referent", "email"),
    "adresse electronique": ("referent", "email"), "telephone": ("referent", "telephone"),
    "tel": ("referent", "telephone"),
    "presentation": ("presentation",), "role": ("role",), "role projet": ("role",),
    "signe convention": ("signataire_convention",),
    "signataire convention": ("signataire_convention",),
    "signe charte": ("signataire_charte",), "signataire charte": ("signataire_charte",),
    "apport financier": ("contribution", "apport_financier"),
    "apport nature": ("contribution", "apport_nature"),
    "valorisation": ("contribution", "valorisation"), "etp": ("contribution", "etp"),
    "contribution": ("contribution", "description"),
    "debut conventionnement": ("conventionnement", "date_debut"),
    "date conventionnement": ("conventionnement", "date_debut"),
    "fin conventionnement": ("conventionnement", "date_fin"),
    "echeance conventionnement": ("conventionnement", "date_fin"),
}

# Groups (a merged header above, or the group's word inside the header) and their fields.
_GROUPS: dict[str, str] = {
    "representant": "representant", "representante": "representant",
    "representant legal": "representant", "signataire": "representant",
    "referent": "referent", "referente": "referent", "contact": "referent",
    "adresse": "adresse", "siege": "adresse", "adresse siege": "adresse",
    "contribution": "contribution", "apports": "contribution",
    "conventionnement": "conventionnement", "conventionnement iae": "conventionnement",
}
_IN_GROUP: dict[str, dict[str, str]] = {
    "representant": {"civilite": "civilite", "prenom": "prenom", "nom": "nom",
                     "qualite": "qualite", "fonction": "qualite", "titre": "qualite",
                     "habilitation": "habilitation", "nom complet": PERSON,
                     "nom prenom": PERSON, "prenom nom": PERSON},
    "referent": {"prenom": "prenom", "nom": "nom", "fonction": "fonction",
                 "courriel": "email", "email": "email", "e mail": "email", "mail": "email",
                 "telephone": "telephone", "tel": "telephone", "nom complet": PERSON,
                 "nom prenom": PERSON, "prenom nom": PERSON},
    "adresse": {"ligne 1": "ligne1", "rue": "ligne1", "voie": "ligne1", "numero voie": "ligne1",
                "ligne 2": "ligne2", "complement": "ligne2", "cp": "code_postal",
                "code postal": "code_postal", "ville": "commune", "commune": "commune"},
    "contribution": {"description": "description", "financier": "apport_financier",
                     "apport financier": "apport_financier", "nature": "apport_nature",
                     "apport nature": "apport_nature", "valorisation": "valorisation",
                     "etp": "etp"},
    "conventionnement": {"debut": "date_debut", "date debut": "date_debut",
                         "fin": "date_fin", "date fin": "date_fin"},
}

_STAKEHOLDER: dict[str, Field] = {
    "id": ("id",), "identifiant": ("id",), "nom": ("nom",), "partie prenante": ("nom",),
    "acteur": ("nom",), "structure": ("nom",), "partenaire": ("partenaire",),
    "categorie": ("categorie",), "type": ("categorie",), "cercle": ("cercle",),
    "niveau participation": ("niveau_participation",), "participation": ("niveau_participation",),
    "influence": ("influence",), "interet": ("interet",), "role": ("role",),
    "attentes": ("attentes",), "apports": ("apports",), "risques": ("risques",),
    "modalites": ("modalites",), "modalites relation": ("modalites",),
    "frequence": ("frequence_contact",), "frequence contact": ("frequence_contact",),
    "frequence contacts": ("frequence_contact",), "referent": ("referent",),
}

PARTNER_FIELDS = _PARTNER
STAKEHOLDER_FIELDS = _STAKEHOLDER


def words(text: Any) -> str:
    """« Nom du Représentant » → « nom representant »: what a header means, spelling aside."""
    if text is None:
        return ""
    plain = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    parts = re.split(r"[^a-z0-9]+", plain.replace("œ", "oe"))
    return " ".join(p for p in parts if p and p not in _ARTICLES)


@dataclass
class Columns:
    """Where a table's header is, and the field each of its columns fills."""

    header_row: int
    fields: dict[int, Field]  # column → field
    titles: dict[int, str]  # column → the header as written
    ignored: dict[int, str] = field(default_factory=dict)  # columns no field was found for

    def column_of(self, path: Field) -> int | None:
        """The column that fills `path`, or one of its parts (a whole name fills three)."""
        for column, found in self.fields.items():
            if found == path:
                return column
        for column, found in self.fields.items():
            if found[-1] == PERSON and path[:-1] == found[:-1] and path[-1] in (
                    "civilite", "prenom", "nom"):
                return column
        for column, found in self.fields.items():
            if found[:len(path)] == path:
                return column
        return None


def _lookup(text: str, group: str | None, top: Mapping[str, Field],
            stakeholders: bool) -> Field | None:
    if stakeholders:
        return top.get(text)
    if group is not None:
        inner = _IN_GROUP.get(group, {})
        if text in inner:
            return (group, inner[text])
    if text in top:
        return top[text]
    # « Nom du représentant », « Représentant nom », « Code postal siège »…
    for name, key in _GROUPS.items():
        for rest in (text.removeprefix(name + " "), text.removesuffix(" " + name)):
            if rest != text and rest in _IN_GROUP.get(key, {}):
                return (key, _IN_GROUP[key][rest])
    return None


def _group_cells(sheet: Sheet, row: int) -> dict[int, str]:
    """The group written above each column of `row`: a merged cell's value over all its
    columns, else the cell right above (LibreOffice's .ods keeps no merge here: `_columns`
    carries a group to the right while the headers below belong to it)."""
    if row <= 1:
        return {}
    above: dict[int, str] = {}
    for (first_row, first_col), (last_row, last_col) in sheet.merged:
        if first_row <= row - 1 <= last_row:
            value = words(sheet.cell(first_row, first_col))
            for column in range(first_col, last_col + 1):
                above[column] = value
    for column in range(1, sheet.width + 1):
        text = words(sheet.cell(row - 1, column))
        if text and column not in above:
            above[column] = text
    return {c: _GROUPS[g] for c, g in above.items() if g in _GROUPS}


def _columns(sheet: Sheet, row: int, mapping: Mapping[str, Field], stakeholders: bool,
             top: Mapping[str, Field]) -> Columns:
    groups = _group_cells(sheet, row)
    found = Columns(row, {}, {})
    carried: str | None = None
    for column in range(1, sheet.width + 1):
        title = sheet.cell(row, column)
        text = words(title)
        if column in groups:
            carried = groups[column]
        elif carried is not None and text not in _IN_GROUP[carried]:
            carried = None
        if not text:
            continue
        found.titles[column] = str(title).strip()
        target = mapping.get(text)
        if target is None:
            target = _lookup(text, carried, top, stakeholders)
        if target == ("raison_sociale",) and target in found.fields.values() and text == "nom":
            target = ("representant", "nom")  # « Structure | Nom | Prénom »: the signatory's
        if target is None or target in found.fields.values():
            found.ignored[column] = str(title).strip()
        else:
            found.fields[column] = target
    return found


def find_header(sheet: Sheet, *, mapping: Mapping[str, Field] | None = None,
                stakeholders: bool = False, scan: int = 20) -> Columns | None:
    """The header among the first `scan` rows: the row where most columns are recognised
    (two at least, the name among them); None when no row looks like one."""
    top = _STAKEHOLDER if stakeholders else _PARTNER
    name = ("nom",) if stakeholders else ("raison_sociale",)
    best: Columns | None = None
    for row in range(1, min(scan, len(sheet.rows)) + 1):
        candidate = _columns(sheet, row, mapping or {}, stakeholders, top)
        if len(candidate.fields) < 2 or name not in candidate.fields.values():
            continue
        if best is None or len(candidate.fields) > len(best.fields):
            best = candidate
    return best


def read_mapping(path: str | os.PathLike[str], *, stakeholders: bool = False) -> dict[str, Field]:
    """The `--colonnes` file: ``"Intitulé de la colonne": champ`` lines (YAML), where champ is
    a field of a partner (``raison_sociale``, ``representant.nom``…) or of a stakeholder."""
    file = os.fspath(path)
    where = "parties_prenantes" if stakeholders else "partenaires"
    try:
        data = yaml.safe_load(Path(file).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        raise SheetError([Problem(
            f"Le fichier de colonnes « {file} » n'a pas pu être lu : {error}.", file=file,
            code="colonnes-illisible",
            hint='écrivez une ligne par colonne, par exemple : "Nom de la structure": '
            "raison_sociale")], file=file) from None
    if isinstance(data, dict) and isinstance(data.get("colonnes"), dict):
        data = data["colonnes"]
    if not isinstance(data, dict):
        raise SheetError([Problem(
            f"Le fichier de colonnes « {file} » doit associer chaque intitulé de colonne à un "
            "champ.", file=file, code="colonnes-forme",
            hint='par exemple : "Nom de la structure": raison_sociale')], file=file)
    mapping: dict[str, Field] = {}
    problems = []
    for title, target in data.items():
        wanted: Field = tuple(str(target).strip().split(".")) if target is not None else ()
        known = bool(wanted) and field_rules((where, 0, *wanted)) is not None
        person = len(wanted) == 2 and wanted[0] in ("representant", "referent") and \
            wanted[1] == PERSON
        if not (known or person):
            problems.append(Problem(
                f"« {title} » : « {target} » n'est pas un champ des {where}.", file=file,
                code="colonnes-champ-inconnu",
                hint="écrivez le chemin du champ comme dans le fichier de projet, par exemple "
                "raison_sociale, adresse.code_postal ou representant.nom "
                "(liste : coopdocs schema)"))
            continue
        mapping[words(title)] = wanted
    if problems:
        raise SheetError(problems, file=file)
    return mapping
