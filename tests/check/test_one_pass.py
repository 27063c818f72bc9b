"""One pass: every mistake of a file in one `validate` run, not in rounds (issue 15).

The reading gets past a tab, the schema keeps what is well-formed, the rules run on it and skip
only what depends on a broken field; « d'autres vérifications suivront » is said only when
something had to wait.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coopdocs.check.project import examine, validate_file
from coopdocs.check.schema import check_schema

# A user's file with six mistakes of six kinds, as new users make them: a tab (line 9), a SIRET
# with a wrong key, « raison_social », a month-first date, a task that ends before it starts and
# a partner id that does not exist.
SIX_MISTAKES = """\
projet:
  nom: "Groupement d'achat de vêtements de travail"
  description: "Acheter ensemble les équipements de protection de nos salarié·e·s."
  contexte: "Deux chantiers d'insertion voisins achètent séparément les mêmes équipements."
  territoire: "Seine-Saint-Denis (93)"
  types_cooperation: [faire_avec]
  date_debut: 2027-02-01
  duree_mois: 12
\tlieu_signature: "Bondy"

partenaires:
  - id: jardins
    raison_sociale: "Les Jardins de Bondy"
    forme_juridique: association
    type_structure: aci
    siret: "88541209800019"
    adresse: {ligne1: "2 chemin des Marais", code_postal: "93140", commune: "Bondy"}
    representant: {civilite: monsieur, prenom: "Paul", nom: "Lefèvre", qualite: "Président"}
    role: chef_de_file
  - id: batir
    raison_social: "Bâtir & Insérer"
    forme_juridique: association
    type_structure: aci
    siret: "66732145900014"
    adresse: {ligne1: "17 rue Roger Salengro", code_postal: "93140", commune: "Bondy"}
    representant: {civilite: madame, prenom: "Inès", nom: "Traoré", qualite: "Présidente"}
    role: partenaire_operationnel

objectif_commun: "Réduire le coût des équipements de protection en les achetant ensemble."
enjeux_partages: ["Maîtriser les dépenses des deux chantiers"]

objectifs_operationnels:
  - id: achat
    intitule: "Passer une commande groupée par semestre"
    echeance: 09/30/2027
    indicateurs:
      - {libelle: "Économie réalisée", type: quantitatif, unite: "%", valeur_cible: 15}

plan_action:
  - id: commande
    intitule: "Passer la première commande"
    objectif: achat
    pilote: jardin
    date_debut: 2027-03-01
    echeance: 2027-06-30
    taches:
      - {id: devis, libelle: "Demander les devis", responsable: batir,
         date_debut: 2027-04-15, date_fin: 2027-03-15}

statut_juridique: {forme: convention_partenariat}

gouvernance:
  instances:
    - id: comite
      nom: "Comité de suivi"
      type: copil
      role: "Choisir les fournisseurs et valider les commandes."
      composition: [{partenaire: jardins}, {partenaire: batir}]
      frequence: semestrielle
      regles_de_vote: {mode: consensus}
"""


def test_six_mistakes_in_one_run(project_file) -> None:
    path = project_file(text=SIX_MISTAKES)
    result = validate_file(path)
    found = [(p.line, p.dotted_path, p.code) for p in result.problems]
    assert found == [
        (9, "", "source.tabulation"),
        (16, "partenaires[1].siret", "schema.siret-cle"),
        (21, "partenaires[2].raison_social", "schema.cle-inconnue"),
        (35, "objectifs_operationnels[1].echeance", "schema.date-impossible"),
        (43, "plan_action[1].pilote", "ref-inconnue"),
        (48, "plan_action[1].taches[1].date_fin", "dates-ordre"),
    ], [p.format() for p in result.problems]
    date = result.problems[3]
    assert date.hint == "Le jour s'écrit avant le mois : écrivez 30/09/2027 ou 2027-09-30."
    # The date could not be compared with the project's period: that check follows its fix.
    assert result.summary().endswith(
        " : non valide, 6 erreurs ; d'autres vérifications suivront une fois ces erreurs "
        "corrigées")


def test_nothing_waits_when_no_rule_reads_what_is_wrong(project_file) -> None:
    unknown = {'raison_sociale: "Bâtir & Insérer"':
               'raison_sociale: "Bâtir & Insérer"\n    couleur: bleu'}
    path = project_file("exemple-minimal", replace={
        **unknown,
        '  territoire: "Seine-Saint-Denis (93)"\n': ""})
    examined = examine(path)
    assert [p.code for p in examined.problems] == ["schema.champ-manquant",
                                                   "schema.cle-inconnue"]
    # The postal codes are compared with the territoire: that warning waits for it.
    assert not examined.complete
    path = project_file("exemple-minimal", replace=unknown)
    result = validate_file(path)
    assert [p.code for p in result.problems if p.is_error] == ["schema.cle-inconnue"]
    # Even the rules that read the whole project ran: the gaps of the documents are listed.
    assert "document-a-completer" in {p.code for p in result.warnings}
    assert result.complete and "suivront" not in result.summary()


def test_rules_skip_a_broken_field_and_keep_checking_the_others(project_file) -> None:
    """A wrong SIRET is the schema's error only (no « SIRET manquant » after it), and the
    SIRETs left are still compared (a duplicate is still found)."""
    path = project_file("exemple-complet", replace={
        'siret: "412 783 904 00003"': 'siret: "412 783 904 00004"',
        'siret: "53299871300012"': 'siret: "77543019200028"'})
    codes = [(p.dotted_path, p.code) for p in examine(path).problems if p.is_error]
    assert codes == [("partenaires[1].siret", "schema.siret-cle"),
                     ("partenaires[4].siret", "siret-duplique")]


def test_a_rule_that_needs_a_broken_field_waits(project_file) -> None:
    """A budget share that is not a number: the sum of the shares would be wrong, so the rule
    that adds them waits instead of saying « 75 % au lieu de 100 % »."""
    path = project_file("exemple-complet", replace={
        "{partenaire: repar, pourcentage: 25}": "{partenaire: repar, pourcentage: vingt-cinq}"})
    examined = examine(path)
    assert [p.code for p in examined.problems if p.is_error] == ["schema.type"]
    assert not examined.complete


def test_missing_block_leaves_the_rest_checked(project_file) -> None:
    path = project_file("exemple-complet", edits=lambda data: data.pop("gouvernance") and None)
    problems = examine(path).problems
    codes = [p.code for p in problems]
    assert "schema.champ-manquant" in codes
    assert "collectivite-financeur" in codes  # a warning about partners, still there


def test_schema_keeps_the_well_formed_data(complet_raw) -> None:
    import copy

    raw = copy.deepcopy(complet_raw)
    raw["projet"]["date_debut"] = "01/13/2027"
    raw["partenaires"][0] = "pas un bloc"
    checked = check_schema(raw)
    assert not checked.valid and checked.data is not None
    assert checked.data["projet"]["date_debut"] is None
    assert checked.data["partenaires"][0]["id"] is None  # an empty block keeps the positions
    assert checked.data["partenaires"][1]["id"] == "repar"
    assert ("projet", "date_debut") in checked.removed
    assert ("partenaires", 0) in checked.removed


@pytest.mark.parametrize(("written", "read"), [
    ("oui", True), ("non", False), ("Oui", True), ("NON", False), ("vrai", True),
    ("faux", False), ("true", True), ("false", False)])
def test_booleans_in_french(project_file, written: str, read: bool) -> None:
    path = project_file("exemple-complet", replace={"mediation: true": f"mediation: {written}"})
    project = examine(path).project
    assert project is not None
    assert project.data["gouvernance"]["gestion_des_conflits"]["mediation"] is read


def test_a_word_that_is_neither_oui_nor_non(project_file) -> None:
    path = project_file("exemple-complet", replace={"mediation: true": "mediation: peut-être"})
    [problem] = [p for p in examine(path).problems if p.is_error]
    assert problem.message == "« peut-être » n'est ni oui ni non."
    assert problem.hint == "Écrivez oui ou non (true et false sont aussi acceptés)."


def test_unreadable_file_says_more_checks_will_follow(tmp_path: Path) -> None:
    path = tmp_path / "projet.yaml"
    path.write_text('projet:\n  nom: "pas fermé\n', encoding="utf-8")
    result = validate_file(path)
    assert not result.valid and not result.complete
