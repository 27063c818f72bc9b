"""Every blocking rule and every warning, from a real file: the exact path and the exact line.

Each case edits one of the contract examples the way a user would, then checks that the
problem points at the line the user must change. The expected line is found in the edited text
itself (the line holding `marker`), independently of coopdocs' own line map.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from coopdocs.check.project import check_project

COMPLET, MINIMAL = "exemple-complet", "exemple-minimal"
GME, SCIC, FINANCEUR = "exemple-gme", "exemple-scic", "exemple-financeur-public"
EXAMPLES = Path(__file__).resolve().parents[2] / "coopdocs" / "examples"


def _block(example: str, start: str, end: str) -> str:
    """The lines of an example from the one starting with `start` to the one before `end`."""
    text = (EXAMPLES / f"{example}.yaml").read_text(encoding="utf-8")
    first = text.index(start)
    return text[first:text.index(end, first + len(start))]


# (example, text to replace, replacement, code, path shown to the user, marker of the line,
#  occurrence of the marker)
CASES = [
    # --- blocking rules -----------------------------------------------------------------------
    (COMPLET, "  - id: repar\n", "  - id: recycl\n", "id-duplique", "partenaires[2].id",
     "  - id: recycl", 2),
    (COMPLET, "    pilote: repar\n", "    pilote: reparr\n", "ref-inconnue",
     "plan_action[2].pilote", "pilote: reparr", 1),
    (MINIMAL, '    role: partenaire_operationnel\n',
     '    role: partenaire_operationnel\n    signataire_charte: false\n',
     "signataires-insuffisants", "partenaires", "partenaires:", 1),
    (MINIMAL, '    siret: "66732145900014"\n', "", "siret-manquant", "partenaires[2].siret",
     "  - id: batir", 1),
    (MINIMAL, '    siret: "66732145900014"\n', '    siret: "88541209800018"\n',
     "siret-duplique", "partenaires[2].siret", 'siret: "88541209800018"', 2),
    (COMPLET, "    echeance: 2027-05-31\n", "    echeance: 2026-12-31\n", "dates-ordre",
     "plan_action[1].echeance", "echeance: 2026-12-31", 1),
    (MINIMAL, "  duree_mois: 12\n", "  duree_mois: 12\n  date_fin: 2029-01-31\n",
     "duree-incoherente", "projet.duree_mois", "duree_mois: 12", 1),
    (MINIMAL, "  duree_mois: 12\n", "  date_fin: 2099-12-31\n", "duree-trop-longue",
     "projet.date_fin", "date_fin: 2099-12-31", 1),
    (COMPLET, "date_fin: 2027-01-29, jalon: true}",
     "date_fin: 2027-01-29, jalon: true, depend_de: [commission]}", "dependance-cycle",
     "plan_action[1].taches[2].depend_de[1]", "depend_de: [bail]", 1),
    (COMPLET, "responsable: recycl, date_debut: 2027-02-01,",
     "responsable: recycl, date_debut: 2027-01-15,", "dependance-chevauchement",
     "plan_action[1].taches[2].depend_de[1]", "date_debut: 2027-01-15", 1),
    (COMPLET, "{partenaire: repar, pourcentage: 25}", "{partenaire: repar, pourcentage: 20}",
     "repartition-somme", "budget.repartition", "  repartition:", 1),
    (COMPLET, "{partenaire: plaine, pourcentage: 50}",
     "{partenaire: plaine, pourcentage: 50, montant: 30000}", "repartition-incoherente",
     "budget.repartition[1].montant", "montant: 30000}", 1),
    (MINIMAL, 'type: quantitatif, unite: "%", ', "type: quantitatif, ", "indicateur-incomplet",
     "objectifs_operationnels[1].indicateurs[1].unite", "libelle: \"Économie réalisée\"", 1),
    (COMPLET, "        seuil: 0.75\n", "        seuil: 0.5\n", "vote-seuil",
     "gouvernance.instances[1].regles_de_vote.seuil", "seuil: 0.5", 1),
    (MINIMAL, "regles_de_vote: {mode: consensus}", "regles_de_vote: {mode: consensus, seuil: 0.6}",
     "vote-seuil-inutile", "gouvernance.instances[1].regles_de_vote.seuil", "seuil: 0.6}", 1),
    (MINIMAL, "statut_juridique: {forme: convention_partenariat}",
     "statut_juridique: {forme: gme_conjoint}", "mandataire-manquant",
     "statut_juridique.mandataire", "statut_juridique:", 1),
    (COMPLET, "  forme: convention_partenariat\n",
     "  forme: gme_solidaire\n  mandataire: reseau\n", "mandataire-non-signataire",
     "statut_juridique.mandataire", "mandataire: reseau", 1),
    (COMPLET, "    role: partenaire_operationnel\n    contribution:\n      description: \"Assure",
     "    role: chef_de_file\n    contribution:\n      description: \"Assure",
     "chef-de-file-multiple", "partenaires[2].role", "    role: chef_de_file", 2),
    (COMPLET, "  chef_de_file: recycl\n", "  chef_de_file: repar\n", "chef-de-file-incoherent",
     "gouvernance.chef_de_file", "chef_de_file: repar", 1),
    # --- warnings -----------------------------------------------------------------------------
    (COMPLET, '{partenaire: recycl, fonction: "Présidente"}',
     '{partenaire: recycl, sieges: 5, fonction: "Présidente"}', "pouvoir-desequilibre",
     "gouvernance.instances[1].composition[1]", "sieges: 5", 1),
    (MINIMAL, "composition: [{partenaire: jardins}, {partenaire: batir}]",
     "composition: [{partenaire: jardins}]", "signataire-sans-instance", "partenaires[2]",
     "  - id: batir", 1),
    (COMPLET, "    echeance: 2027-06-30\n", "    echeance: 2031-06-30\n", "date-hors-periode",
     "objectifs_operationnels[1].echeance", "echeance: 2031-06-30", 1),
    (COMPLET, "    objectif: parcours\n", "    objectif: ouverture\n", "objectif-sans-action",
     "objectifs_operationnels[2]", "  - id: parcours", 1),
    (COMPLET, '    intitule: "Proposer des parcours qualifiants"\n',
     '    intitule: "Proposer des parcours qualifiants"\n    echeance: 2027-02-01\n',
     "action-apres-objectif", "plan_action[2].date_debut", "date_debut: 2027-03-01", 1),
    (COMPLET, '    intitule: "Former les salarié·e·s à la réparation"\n',
     '    intitule: "Aménager le local commun"\n', "intitule-duplique",
     "plan_action[2].intitule", "intitule: \"Aménager le local commun\"", 2),
    (COMPLET, "    Les trois structures partenaires interviennent depuis plusieurs années sur\n",
     "    Les trois structures que réunit la présente convention interviennent sur\n",
     "texte-presente-acte", "projet.contexte", "  contexte: |", 1),
    (COMPLET, "  total: 80000\n", "  total: 90000\n", "financements-total", "budget.total",
     "total: 90000", 1),
    (COMPLET, "{source: plaine, montant: 10000, statut: acquis}",
     "{source: plaine, montant: 10000, statut: a_solliciter}", "financement-a-solliciter",
     "plan_action[2].financements[3].statut", "statut: a_solliciter", 1),
    # Plaine Commune's 40 000 € apport, of which 10 000 € only asked for in the plan.
    (COMPLET, "{source: plaine, montant: 10000, statut: acquis}",
     "{source: plaine, montant: 10000, statut: sollicite}", "apport-non-acquis",
     "partenaires[5].contribution.apport_financier", 'apport_financier: "40 000,00 €"', 1),
    (COMPLET, "  forme: convention_partenariat\n", "  forme: scic\n", "personnalite-morale",
     "statut_juridique.forme", "forme: scic", 1),
    (COMPLET, "", "", "collectivite-financeur", "partenaires[5].contribution.apport_financier",
     'apport_financier: "40 000,00 €"', 1),
    # The budget split between the Parties, paid to nobody at no date.
    (COMPLET, '  modalites_versement: "Versement annuel sur appel de fonds du chef de file."\n',
     "", "versement-non-fixe", "budget", "budget:", 1),
    # « No sum passes between the Parties », and yet the terms say how it is paid.
    (COMPLET, '  modalites_versement: "Versement annuel sur appel de fonds du chef de file."\n',
     '  modalites_versement: "Versement annuel sur appel de fonds du chef de file."\n'
     "  sans_versement: true\n", "sans-versement-contradictoire", "budget.sans_versement",
     "sans_versement: true", 1),
    # A Party as the mediator of the disputes between the Parties.
    (COMPLET, '    mediateur: "Le réseau des SIAE de l\'Est francilien"\n',
     '    mediateur: "Répar\'Tout"\n', "mediateur-partie",
     "gouvernance.gestion_des_conflits.mediateur", "mediateur: \"Répar'Tout\"", 1),
    # --- coherence of the pack (check.parties, check.rules.coherence) ------------------------
    # The comité de pilotage without its attributions nor the vote of Plaine Commune.
    (COMPLET, "      attributions:\n        - \"Valider le plan d'action annuel\"\n"
     "        - \"Admettre un nouveau partenaire\"\n      composition:\n"
     "        - {partenaire: recycl, fonction: \"Présidente\"}\n        - {partenaire: repar}\n"
     "        - {partenaire: ai-courneuve}\n        - {partenaire: plaine}\n",
     "      composition:\n        - {partenaire: recycl, fonction: \"Présidente\"}\n"
     "        - {partenaire: repar}\n        - {partenaire: ai-courneuve}\n"
     "        - {partenaire: plaine, voix: 0}\n", "delegation-imprecise",
     "gouvernance.instances[1]", "    - id: copil", 1),
    # Plaine Commune without a vote in the comité de pilotage, which admits new partners.
    (COMPLET, "        - {partenaire: plaine}\n      invites:",
     "        - {partenaire: plaine, voix: 0}\n      invites:", "delegation-reservee",
     "gouvernance.instances[1].attributions[2]", '"Admettre un nouveau partenaire"', 1),
    (COMPLET, 'apport_financier: "20 000"', 'apport_financier: "25 000"', "argent-incoherent",
     "partenaires[1].contribution.apport_financier", 'apport_financier: "25 000"', 1),
    (COMPLET, "  total: 80000\n", "  total: 85000\n", "budget-incoherent", "budget.total",
     "total: 85000", 1),
    (COMPLET, "    pilote: repar\n", "    pilote: reseau\n", "engagement-non-partie",
     "plan_action[2].pilote", "pilote: reseau", 1),
    (COMPLET, "", "", "appui-non-partie", "gouvernance.roles[4].partenaire",
     "{domaine: communication, partenaire: reseau}", 1),
    (COMPLET, "        - {partenaire: plaine}\n      invites",
     "        - {partenaire: plaine}\n        - {partenaire: reseau}\n      invites",
     "vote-non-partie", "gouvernance.instances[1].composition[5]", "- {partenaire: reseau}", 1),
    (COMPLET, "      presidence: tournante\n", "      presidence: repar\n", "presidence-double",
     "gouvernance.instances[1].presidence", "presidence: repar", 1),
    (COMPLET, "", "", "cercle-incoherent", "parties_prenantes[3].cercle", "cercle: soutien", 2),
    # A commune among the Parties that buy together.
    (MINIMAL, '"Bâtir & Insérer"\n    forme_juridique: association',
     '"Commune de Bondy"\n    forme_juridique: collectivite_territoriale',
     "achats-groupes-acheteur-public", "projet.nom", "nom: \"Groupement d'achat", 1),
    # A pictograph in a legal name is an error; in another text, a warning.
    (MINIMAL, 'raison_sociale: "Les Jardins de Bondy"', 'raison_sociale: "Les Jardins 🌱 de Bondy"',
     "pictogramme-nom", "partenaires[1].raison_sociale", "🌱", 1),
    (MINIMAL, 'objectif_commun: "', 'objectif_commun: "🌱 ', "caractere-sans-glyphe",
     "objectif_commun", "🌱", 1),
    (MINIMAL, 'qualite: "Président"}', 'qualite: "Président.e"}', "qualite-inclusive",
     "partenaires[1].representant.qualite", 'qualite: "Président.e"', 1),
    (COMPLET, '    forme_juridique: association\n    type_structure: aci\n    siret: "412',
     '    forme_juridique: association_droit_local\n    type_structure: aci\n    siret: "412',
     "identifiant-sans-effet", "partenaires[1].rna", 'rna: "W931234567"', 1),
    (COMPLET, "    taches:\n", "    taches:\n" + "".join(
        f"      - {{id: t{n}, libelle: \"Étape {n}\", responsable: recycl, "
        "date_debut: 2027-01-04, date_fin: 2027-01-29}\n" for n in range(70)),
     "retroplanning-illisible", "plan_action", "plan_action:", 1),
    (MINIMAL, 'code_postal: "93140", commune: "Bondy"}\n    representant: {civilite: madame',
     'code_postal: "75011", commune: "Paris"}\n    representant: {civilite: madame',
     "code-postal-territoire", "partenaires[2].adresse.code_postal", '"75011"', 1),
    # --- the law by legal form (check.rules.legal): errors -------------------------------------
    (GME, '    acheteur: "Département de la Seine-Saint-Denis"\n', "", "schema.champ-manquant",
     "statut_juridique.marche.acheteur", "  marche:", 1),
    (GME, "    date_limite_depot: 2027-03-15\n", "", "schema.champ-manquant",
     "statut_juridique.marche.date_limite_depot", "  marche:", 1),
    (GME, _block(GME, "  marche:\n", "  repartition_prestations:"), "", "marche-manquant",
     "statut_juridique", "statut_juridique:", 1),
    (GME, "  date_signature: 2027-03-08\n", "  date_signature: 2027-03-16\n",
     "gme-signature-apres-depot", "projet.date_signature", "date_signature: 2027-03-16", 1),
    (GME, _block(GME, "  repartition_prestations:\n", "  compte_paiement:"), "",
     "prestations-manquantes", "statut_juridique", "statut_juridique:", 1),
    (GME, "    - partenaire: canal\n      prestations: \"Nettoyage quotidien de quatre collèges "
          "(Pantin, Le Pré-Saint-Gervais)\"\n      pourcentage: 30\n", "",
     "prestations-membre", "statut_juridique.repartition_prestations",
     "  repartition_prestations:", 1),
    (GME, "(Bobigny, Drancy)\"\n      pourcentage: 20\n",
     "(Bobigny, Drancy)\"\n      pourcentage: 25\n", "prestations-somme",
     "statut_juridique.repartition_prestations", "  repartition_prestations:", 1),
    (SCIC, "        type: beneficiaires\n", "        type: autres\n",
     "scic-categories-obligatoires", "statut_juridique.societe.categories", "    categories:", 1),
    (SCIC, "        part_capital_pourcentage: 30\n", "        part_capital_pourcentage: 60\n",
     "scic-collectivites-capital",
     "statut_juridique.societe.categories[4].part_capital_pourcentage",
     "part_capital_pourcentage: 60", 1),
    (SCIC, "        type: salaries\n        college_pourcentage: 30\n",
     "        type: salaries\n        college_pourcentage: 50\n", "scic-college",
     "statut_juridique.societe.categories[1].college_pourcentage", "college_pourcentage: 50", 1),
    (SCIC, "        type: beneficiaires\n        college_pourcentage: 20\n",
     "        type: beneficiaires\n        college_pourcentage: 15\n", "colleges-somme",
     "statut_juridique.societe.categories", "    categories:", 1),
    (SCIC, "        part_capital_pourcentage: 50\n", "        part_capital_pourcentage: 40\n",
     "capital-parts-somme", "statut_juridique.societe.categories", "    categories:", 1),
    (SCIC, "        - {partenaire: repar-ourcq, pourcentage: 50}\n",
     "        - {partenaire: repar-ourcq, pourcentage: 40}\n", "frais-constitution-somme",
     "statut_juridique.societe.frais_constitution.repartition", "      repartition:", 1),
    (SCIC, "    capital_variable: true\n", "    capital_variable: false\n",
     "scic-capital-variable", "statut_juridique.societe.capital_variable",
     "capital_variable: false", 1),
    (SCIC, _block(SCIC, '      - libelle: "Structures fondatrices"', "    redaction_statuts:"),
     "", "scic-categories",
     "statut_juridique.societe.categories", "    categories:", 1),
    # --- the law by legal form (check.rules.legal): warnings -----------------------------------
    (FINANCEUR, "      apport_financier: 5000\n",
     "      apport_financier: 5000\n      subvention: true\n", "subvention-non-publique",
     "partenaires[2].contribution.subvention", "subvention: true", 1),
    (FINANCEUR, "      apport_financier: 45000\n      subvention: true\n",
     "      subvention: true\n", "subvention-sans-montant",
     "partenaires[3].contribution.subvention", "subvention: true", 1),
    (FINANCEUR, "        compte: ai-ourcq\n", "        compte: ept\n", "versement-subvention",
     "partenaires[3].contribution.versement_subvention.compte", "compte: ept", 1),
    (FINANCEUR, "statut_juridique:\n  forme: convention_partenariat\n",
     "clauses:\n  litiges:\n    juridiction: \"tribunal judiciaire de Bobigny\"\n\n"
     "statut_juridique:\n  forme: convention_partenariat\n", "juridiction-personne-publique",
     "clauses.litiges.juridiction", 'juridiction: "tribunal judiciaire', 1),
    (GME, "    type_structure: etti\n", "    type_structure: ai\n", "siae-solidarite",
     "partenaires[4].type_structure", "type_structure: ai", 1),
    (MINIMAL, "statut_juridique: {forme: convention_partenariat}\n",
     "statut_juridique: {forme: convention_partenariat}\nclauses:\n  litiges:\n"
     "    juridiction: \"tribunal judiciaire de Créteil\"\n", "juridiction-non-commercants",
     "clauses.litiges.juridiction",
     'juridiction: "tribunal judiciaire', 1),
    (FINANCEUR, "    type: structure\n    partenaire: ai-ourcq\n",
     "    type: pouvoirs_publics\n", "subvention-requalification", "projet.initiateur.type",
     "type: pouvoirs_publics", 1),
    # The EPT's vice-présidente without her arrêté de délégation.
    (FINANCEUR, "du 24 novembre 2026 et de\n        l'arrêté de délégation n° 2026-118 du 2 juin "
                "2026\n", "du 24 novembre 2026\n", "habilitation-delegation",
     "partenaires[3].representant.habilitation", "      habilitation: >-", 1),
    # The GME's ETTI, a SAS, signed by its directrice générale without the clause of its statuts.
    (GME, "      habilitation: \"l'article 17 des statuts\"\n", "", "pouvoir-signataire",
     "partenaires[4].representant.qualite", 'qualite: "Directrice générale"', 1),
    (FINANCEUR, "        - {partenaire: ept, voix: 0}\n", "        - {partenaire: ept}\n",
     "subvention-requalification", "gouvernance.instances[1].composition[3]",
     "- {partenaire: ept}", 1),
    (GME, "        auprès des membres qui exécutent\n      pourcentage: 0\n",
     "        auprès des membres qui exécutent\n      pourcentage: 10\n",
     "siae-mise-a-disposition", "statut_juridique.repartition_prestations[4].pourcentage",
     "pourcentage: 10", 1),
    (SCIC, "  forme: scic\n", "  forme: scic\n  compte_paiement: unique\n",
     "statut-champ-sans-effet", "statut_juridique.compte_paiement", "compte_paiement: unique", 1),
]


# Gaps (« [À compléter…] » in a document) are warnings too: (example, old, new, path shown, words
# of the marker, marker of the line, occurrence).
GAP_CASES = [
    (COMPLET, "        seuil: 0.75\n", "", "gouvernance.instances[1].regles_de_vote",
     "seuil de la majorité qualifiée", "      regles_de_vote:", 1),
    (COMPLET, "    objectif: parcours\n", "    objectif: ouverture\n",
     "objectifs_operationnels[2]", "les actions de l'objectif", "  - id: parcours", 1),
    (COMPLET, "", "", "principes", "les principes de coopération des signataires", "version: 1",
     1),
    (COMPLET, "", "", "gouvernance.instances[2]",
     "le fonctionnement de «\u00a0Comité technique\u00a0»",
     "    - id: cotech", 1),
    (MINIMAL, "", "", "gouvernance.instances[1]",
     "le fonctionnement de «\u00a0Comité de suivi\u00a0»",
     "    - id: comite", 1),
    (MINIMAL, "", "", "gouvernance.roles", "qui fait quoi", "gouvernance:", 1),
    (MINIMAL, "", "", "partenaires[2]", "les engagements propres de Bâtir & Insérer",
     "  - id: batir", 1),
    # The convention's gaps of the law by legal form (check.gaps.legal_gaps).
    (FINANCEUR, "      habilitation: >-\n        délibération n° CT2026-11-24-07 du conseil de "
                "territoire du 24 novembre 2026 et de\n        l'arrêté de délégation n° "
                "2026-118 du 2 juin 2026\n", "", "partenaires[3].representant.habilitation",
     "délibération de l'assemblée délibérante", "    representant:", 3),
    (FINANCEUR, _block(FINANCEUR, "      versement_subvention:", "\nobjectif_commun:"), "",
     "partenaires[3].contribution.subvention",
     "part de la subvention versée en avance à la signature", "      subvention: true", 1),
    (GME, '    rcs: "Bobigny"\n    capital_social: 8000\n', "", "partenaires[3].capital_social",
     "montant du capital social", "  - id: proprete", 1),
    (GME, '    rcs: "Bobigny"\n    capital_social: 8000\n', "", "partenaires[3].rcs",
     "ville du greffe", "  - id: proprete", 1),
    (MINIMAL, "statut_juridique: {forme: convention_partenariat}",
     "statut_juridique: {forme: societe_commune}", "statut_juridique.societe",
     "forme de la société, capital envisagé", "statut_juridique:", 1),
]


def _line_of(text: str, marker: str, occurrence: int) -> int:
    seen = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if marker in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"marker {marker!r} not found {occurrence} time(s)")


@pytest.mark.parametrize(("example", "old", "new", "code", "dotted", "marker", "occurrence"),
                         CASES, ids=[c[3] for c in CASES])
def test_rule_points_at_the_line_to_change(project_file, example_text, example: str, old: str,
                                           new: str, code: str, dotted: str, marker: str,
                                           occurrence: int) -> None:
    if old:
        assert example_text(example).count(old) == 1, f"ambiguous edit {old!r}"
    path = project_file(example, replace={old: new} if old else None)
    text = path.read_text(encoding="utf-8")
    _, problems = check_project(path)
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, [p.format() for p in problems]
    problem = found[0]
    assert problem.dotted_path == dotted
    assert problem.line == _line_of(text, marker, occurrence), problem.format()
    assert problem.file == str(path)
    line = problem.format()
    assert line.startswith(f"{path}:{problem.line}:{problem.column}  {dotted}  ")
    assert "Traceback" not in line and "None" not in line


def test_every_rule_code_is_covered() -> None:
    """A new rule must come with its line test here."""
    import ast
    import importlib
    import inspect
    import pkgutil

    import coopdocs.check.rules as package

    modules = [importlib.import_module(f"{package.__name__}.{info.name}")
               for info in pkgutil.iter_modules(package.__path__)]
    assert {m.__name__.rsplit(".", 1)[1] for m in modules} >= {
        "base", "blocking", "cautions", "dates", "references", "suite"}
    codes: set[str] = set()
    for module in modules:
        for node in ast.walk(ast.parse(inspect.getsource(module))):
            if isinstance(node, ast.keyword) and node.arg == "code" and \
                    isinstance(node.value, ast.Constant):
                codes.add(node.value.value)
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") in {"error", "warning"} \
                    and node.args and isinstance(node.args[0], ast.Constant):
                codes.add(node.args[0].value)
    assert codes, "no rule codes found"
    tested = {case[3] for case in CASES}
    # vote-quorum: the schema refuses a quorum outside (0, 1] first, so no file reaches the rule
    # (test_rules.py calls it on data directly).
    tested |= {"document-a-completer"} if GAP_CASES else set()
    assert codes <= tested | {"vote-quorum"}, sorted(codes - tested)


@pytest.mark.parametrize(("example", "old", "new", "dotted", "words", "marker", "occurrence"),
                         GAP_CASES, ids=[c[3] for c in GAP_CASES])
def test_gap_points_at_the_place_to_complete(project_file, example: str, old: str, new: str,
                                            dotted: str, words: str, marker: str,
                                            occurrence: int) -> None:
    path = project_file(example, replace={old: new} if old else None)
    text = path.read_text(encoding="utf-8")
    _, problems = check_project(path)
    found = [p for p in problems if p.code == "document-a-completer" and words in p.message]
    assert len(found) == 1, [p.format() for p in problems]
    problem = found[0]
    assert problem.severity == "avertissement"
    assert problem.dotted_path == dotted
    assert problem.line == _line_of(text, marker, occurrence), problem.format()
    assert "[À compléter" in problem.message
