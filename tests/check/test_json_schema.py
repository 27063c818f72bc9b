"""The exported JSON Schema and `coopdocs validate` agree on a corpus of mistakes (issue 15).

Each case is a real file: one of the shipped examples with one mistake written the way a user
writes it. `coopdocs validate` reads it; a real JSON Schema validator (jsonschema, draft
2020-12) checks it as an editor would, after reading the YAML in version 1.2 like
yaml-language-server (unquoted dates are text, `01000` is the number 1000, `yes` is a word).

Every disagreement is listed. The only ones allowed are the mistakes JSON Schema cannot see,
each with its reason (`ONLY_VALIDATE`, documented in docs/validation.md): the schema must never
refuse what `coopdocs validate` accepts, and must refuse everything else it can express.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator

from coopdocs.check.export import json_schema
from coopdocs.check.project import validate_file

ROOT = Path(__file__).resolve().parents[2]
COMPLET, MINIMAL = "exemple-complet", "exemple-minimal"


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2 core schema, as yaml-language-server reads a file: no timestamps, no yes/no
    booleans, no octal 0123, no base 60."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("null", r"^(?:~|null|Null|NULL|)$", "~nN\x00"),
    ("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    ("float", r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
              r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789."),
):
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern),
                                       list(first))


def _int12(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> int:
    text = str(loader.construct_scalar(node))
    if text.startswith(("0o", "0x")):
        return int(text, 0)
    return int(text)  # « 01000 » is 1000 in YAML 1.2, not octal


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", _int12)

# Mistakes JSON Schema cannot express, and why (docs/validation.md lists the same kinds).
RULE = "règle entre champs"
ONLY_VALIDATE = {
    "date-30-fevrier": "date impossible : le jour n'existe pas dans ce mois",
    "date-31-avril": "date impossible : le jour n'existe pas dans ce mois",
    "siret-cle": "clé de contrôle du SIRET",
    "code-postal-4-chiffres-sans-guillemets": "nombre sans guillemets : l'éditeur ne peut pas "
                                              "savoir si un zéro initial a été perdu",
    "siret-13-chiffres-sans-guillemets": "nombre sans guillemets : l'éditeur ne peut pas savoir "
                                         "si un zéro initial a été perdu",
    "montant-trois-decimales-nombre": "décimales d'un nombre (JSON Schema compte en virgule "
                                      "flottante)",
    "reference-inconnue": RULE,
    "id-duplique": RULE,
    "tache-finit-avant-de-commencer": RULE,
    "duree-et-date-de-fin-incoherentes": RULE,
    "repartition-ne-fait-pas-100": RULE,
    "indicateur-quantitatif-sans-unite": RULE,
    "siae-sans-siret": RULE,
    "un-seul-signataire": RULE,
    "majorite-qualifiee-sans-seuil": RULE,
    "gme-sans-mandataire": RULE,
}

# (case, example, {text: replacement}); each replacement must occur in the example.
CASES: list[tuple[str, str, dict[str, str]]] = [
    # --- valid files, written in every accepted way ------------------------------------------
    ("exemple-complet", COMPLET, {}),
    ("exemple-minimal", MINIMAL, {}),
    ("oui-non", COMPLET, {"mediation: true": "mediation: oui"}),
    ("vrai-majuscules", COMPLET, {"mediation: true": "mediation: VRAI"}),
    ("yes", COMPLET, {"mediation: true": "mediation: yes"}),
    ("code-postal-sans-guillemets", MINIMAL, {'code_postal: "93140", commune: "Bondy"}\n'
                                             "    representant: {civilite: monsieur":
                                             'code_postal: 01000, commune: "Bondy"}\n'
                                             "    representant: {civilite: monsieur"}),
    ("siret-sans-guillemets", MINIMAL, {'siret: "88541209800018"': "siret: 88541209800018"}),
    ("siret-avec-points", MINIMAL, {'siret: "88541209800018"': 'siret: "885.412.098.00018"'}),
    ("date-francaise", MINIMAL, {"date_debut: 2027-02-01": "date_debut: 01/02/2027"}),
    ("date-chiffre-unique", MINIMAL, {"date_debut: 2027-02-01": "date_debut: 1/2/2027"}),
    ("montant-texte", COMPLET, {"apport_financier: 20000": 'apport_financier: "20 000,00 €"'}),
    ("rna-minuscule", COMPLET, {'rna: "W931234567"': 'rna: "w931234567"'}),
    ("texte-facultatif-vide", COMPLET, {'mediateur: "Le réseau des SIAE de l\'Est francilien"':
                                        'mediateur: ""'}),
    # --- one mistake each, both must refuse ---------------------------------------------------
    ("cle-inconnue", MINIMAL, {'raison_sociale: "Bâtir': 'raison_social: "Bâtir'}),
    ("cle-inconnue-premier-niveau", MINIMAL, {"objectif_commun:": "objectif_comun:"}),
    ("champ-obligatoire-absent", MINIMAL, {'  lieu_signature: "Bondy"\n': ""}),
    ("texte-obligatoire-vide", MINIMAL, {'lieu_signature: "Bondy"': 'lieu_signature: ""'}),
    ("texte-obligatoire-espaces", MINIMAL, {'lieu_signature: "Bondy"': 'lieu_signature: "  "'}),
    ("texte-obligatoire-sans-valeur", MINIMAL, {'lieu_signature: "Bondy"': "lieu_signature:"}),
    ("element-de-liste-vide", MINIMAL, {'enjeux_partages: ["Maîtriser': 'enjeux_partages: ["", '
                                        '"Maîtriser'}),
    ("texte-trop-court", MINIMAL, {"nom: \"Groupement d'achat de vêtements de travail\"":
                                   'nom: "AB"'}),
    ("liste-au-lieu-de-texte", MINIMAL, {'lieu_signature: "Bondy"': "lieu_signature: [Bondy]"}),
    ("texte-au-lieu-de-bloc", MINIMAL, {'adresse: {ligne1: "2 chemin des Marais", code_postal: '
                                        '"93140", commune: "Bondy"}': 'adresse: "2 chemin"'}),
    ("choix-inconnu", COMPLET, {"reconduction: expresse": "reconduction: express"}),
    ("version-inconnue", COMPLET, {"version: 1": "version: 2"}),
    ("identifiant-majuscules", MINIMAL, {"  - id: jardins": "  - id: Jardins"}),
    ("date-texte", MINIMAL, {"date_debut: 2027-02-01": "date_debut: demain"}),
    ("date-mois-en-premier", MINIMAL, {"date_debut: 2027-02-01": "date_debut: 09/30/2027"}),
    ("date-mois-13", MINIMAL, {"date_debut: 2027-02-01": "date_debut: 2027-13-01"}),
    ("date-annee-zero", MINIMAL, {"date_debut: 2027-02-01": "date_debut: 0000-02-01"}),
    ("date-30-fevrier", MINIMAL, {"date_debut: 2027-02-01": "date_debut: 30/02/2027"}),
    ("date-31-avril", MINIMAL, {"date_debut: 2027-02-01": "date_debut: 2027-04-31"}),
    ("siret-trop-court", MINIMAL, {'siret: "88541209800018"': 'siret: "8854120980"'}),
    ("siret-cle", MINIMAL, {'siret: "88541209800018"': 'siret: "88541209800019"'}),
    ("siret-13-chiffres-sans-guillemets", MINIMAL, {'siret: "88541209800018"':
                                                    "siret: 8854120980001"}),
    ("siret-lettres", MINIMAL, {'siret: "88541209800018"': 'siret: "885412098000AB"'}),
    ("code-postal-4-chiffres", MINIMAL, {'code_postal: "93140", commune: "Bondy"}\n'
                                         "    representant: {civilite: monsieur":
                                         'code_postal: "9314", commune: "Bondy"}\n'
                                         "    representant: {civilite: monsieur"}),
    ("code-postal-4-chiffres-sans-guillemets", MINIMAL, {
        'code_postal: "93140", commune: "Bondy"}\n    representant: {civilite: monsieur':
        'code_postal: 9314, commune: "Bondy"}\n    representant: {civilite: monsieur'}),
    ("email", COMPLET, {'email: "j.moreau@recyclaction93.example"': 'email: "j.moreau@"'}),
    ("rna", COMPLET, {'rna: "W931234567"': 'rna: "W93"'}),
    ("montant-negatif", COMPLET, {"apport_financier: 20000": "apport_financier: -20000"}),
    ("montant-texte-negatif", COMPLET, {"apport_financier: 20000": 'apport_financier: "-20"'}),
    ("montant-mots", COMPLET, {"apport_financier: 20000": "apport_financier: vingt mille"}),
    ("montant-trois-decimales-texte", COMPLET, {"apport_financier: 20000":
                                                'apport_financier: "20000,123"'}),
    ("montant-trois-decimales-nombre", COMPLET, {"apport_financier: 20000":
                                                 "apport_financier: 20000.123"}),
    ("seuil-en-pourcentage", COMPLET, {"seuil: 0.75": "seuil: 75"}),
    ("quorum-nul", COMPLET, {"quorum: 0.5": "quorum: 0"}),
    ("pourcentage-trop-grand", COMPLET, {"{partenaire: plaine, pourcentage: 50}":
                                         "{partenaire: plaine, pourcentage: 150}"}),
    ("entier-en-mots", MINIMAL, {"duree_mois: 12": "duree_mois: douze"}),
    ("entier-trop-grand", MINIMAL, {"duree_mois: 12": "duree_mois: 200"}),
    ("entier-nul", MINIMAL, {"duree_mois: 12": "duree_mois: 0"}),
    ("nombre-en-mots", COMPLET, {"etp: 0.5": "etp: un demi"}),
    ("booleen-mot", COMPLET, {"mediation: true": "mediation: peut-être"}),
    ("booleen-nombre", COMPLET, {"mediation: true": "mediation: 1"}),
    ("un-seul-partenaire", MINIMAL, {
        '  - id: batir\n    raison_sociale: "Bâtir & Insérer"\n    forme_juridique: association'
        '\n    type_structure: aci\n    siret: "66732145900014"\n    adresse: {ligne1: "17 rue '
        'Roger Salengro", code_postal: "93140", commune: "Bondy"}\n    representant: {civilite:'
        ' madame, prenom: "Inès", nom: "Traoré", qualite: "Présidente"}\n    role: '
        'partenaire_operationnel\n': ""}),
    ("ni-duree-ni-date-de-fin", MINIMAL, {"  duree_mois: 12\n": ""}),
    ("duree-sans-valeur", MINIMAL, {"  duree_mois: 12\n": "  duree_mois:\n"}),
    ("partie-prenante-sans-nom", COMPLET, {'    nom: "Habitant·e·s des quartiers riverains"\n':
                                           ""}),
    # --- rules between fields: only `coopdocs validate` can see them ------------------------
    ("reference-inconnue", COMPLET, {"    pilote: recycl\n": "    pilote: recyclage\n"}),
    ("id-duplique", COMPLET, {"  - id: repar\n": "  - id: recycl\n"}),
    ("tache-finit-avant-de-commencer", COMPLET, {"date_debut: 2027-01-04, date_fin: 2027-01-29":
                                                 "date_debut: 2027-01-04, date_fin: 2027-01-02"}),
    ("duree-et-date-de-fin-incoherentes", MINIMAL, {"  duree_mois: 12\n": "  duree_mois: 12\n"
                                                    "  date_fin: 2029-01-31\n"}),
    ("repartition-ne-fait-pas-100", COMPLET, {"{partenaire: repar, pourcentage: 25}":
                                              "{partenaire: repar, pourcentage: 20}"}),
    ("indicateur-quantitatif-sans-unite", MINIMAL, {'type: quantitatif, unite: "%", ':
                                                    "type: quantitatif, "}),
    ("siae-sans-siret", MINIMAL, {'    siret: "66732145900014"\n': ""}),
    ("un-seul-signataire", MINIMAL, {"    role: partenaire_operationnel\n":
                                     "    role: partenaire_operationnel\n"
                                     "    signataire_charte: non\n"}),
    ("majorite-qualifiee-sans-seuil", COMPLET, {"        seuil: 0.75\n": ""}),
    ("gme-sans-mandataire", MINIMAL, {"statut_juridique: {forme: convention_partenariat}":
                                      "statut_juridique: {forme: gme_conjoint}"}),
]


@pytest.fixture(scope="module")
def schema() -> Draft202012Validator:
    document = json_schema()
    Draft202012Validator.check_schema(document)
    return Draft202012Validator(document)


def _verdicts(tmp_path: Path, schema: Draft202012Validator, example_text: Any,
              case: tuple[str, str, dict[str, str]]) -> tuple[bool, bool, list[str]]:
    name, example, replacements = case
    text = example_text(example)
    for old, new in replacements.items():
        assert old in text, f"{name} : « {old} » absent de {example}"
        text = text.replace(old, new)
    path = tmp_path / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    validated = validate_file(path)
    data = yaml.load(text, Loader=Yaml12Loader)  # a SafeLoader subclass: no arbitrary objects
    errors = [f"{'.'.join(map(str, e.absolute_path))} : {e.message}"
              for e in schema.iter_errors(data)]
    return validated.valid, not errors, [p.format() for p in validated.errors] + errors


def test_json_schema_and_validate_agree_but_on_the_documented_exceptions(
        tmp_path: Path, schema: Draft202012Validator, example_text: Any) -> None:
    disagreements: dict[str, str] = {}
    for case in CASES:
        by_validate, by_schema, details = _verdicts(tmp_path, schema, example_text, case)
        if by_validate != by_schema:
            who = ("refusé par validate seulement" if by_schema
                   else "refusé par le JSON Schema seulement")
            disagreements[case[0]] = f"{who} : {details}"
    wrong = {name: why for name, why in disagreements.items()
             if name not in ONLY_VALIDATE or "JSON Schema seulement" in why}
    assert wrong == {}, "\n".join(f"{name} — {why}" for name, why in wrong.items())
    assert sorted(disagreements) == sorted(ONLY_VALIDATE)


def test_the_corpus_covers_every_kind_of_field() -> None:
    """At least one mistake per type of the schema, so a new type cannot slip through."""
    kinds = {"string", "texte", "integer", "boolean", "decimal", "id", "ratio", "pourcentage",
             "montant", "date", "siret", "email", "code_postal", "rna", "list", "dict"}
    from coopdocs.check.schema import schema_rules

    def walk(rules: dict[str, Any]) -> set[str]:
        found = set()
        for field in rules.values():
            found.add(field.get("type", "string"))
            inner = field.get("schema") or {}
            if field.get("type") == "list" and inner.get("type") == "dict":
                found |= walk(inner.get("schema") or {})
            elif field.get("type") == "dict":
                found |= walk(inner)
        return found

    assert walk(schema_rules()) <= kinds, walk(schema_rules()) - kinds
    assert len([c for c in CASES if c[0] not in ONLY_VALIDATE]) >= 50


def test_the_exceptions_are_documented_for_users() -> None:
    """docs/validation.md (`coopdocs aide validation`) names each kind of mistake that only
    `coopdocs validate` catches, with the words of `ONLY_VALIDATE`."""
    guide = " ".join((ROOT / "docs" / "validation.md").read_text(encoding="utf-8").split())
    section = guide.split("## Ce que seul `coopdocs validate` peut voir")[1]
    missing = sorted({why for why in ONLY_VALIDATE.values() if f"**{why}**" not in section})
    assert missing == []
