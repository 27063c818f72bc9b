"""`context.families`: the clauses of a family of parties or of cooperation, written from the
data and present only when they apply (subsidy, GME, company to create; court, IP)."""

from __future__ import annotations

from typing import Any

import pytest
from reading import plain

from coopdocs.check.project import load_project
from coopdocs.context.assemble import build_context
from coopdocs.context.families import lapse_costs
from coopdocs.law import reference


@pytest.fixture
def variant(project_file):
    """The context of an example edited by dotted paths (or a callable)."""
    def make(name: str, edits: Any = None) -> dict[str, Any]:
        path = project_file(name, edits=edits, filename=f"{name}-variante.yaml")
        return build_context(load_project(path))

    return make


def _titles(context: dict[str, Any]) -> list[str]:
    return [a["cle"] for a in context["articles_liste"]]


def test_the_law_is_cited_from_its_data_file(example_context) -> None:
    context = example_context("exemple-minimal")
    assert context["droit"]["reversement_subvention"] == reference("reversement_subvention")
    assert context["droit"]["gme_composition"] == (
        "articles R. 2142-26 et suivants du code de la commande publique")


# -- Public funders ---------------------------------------------------------------------------


def test_a_subsidy_above_the_threshold(example_context) -> None:
    context = example_context("exemple-financeur-public")
    [subsidy] = context["subventions"]
    assert subsidy["au_dela_du_seuil"] and subsidy["seuil"] == "23\u202f000\u00a0€"
    assert subsidy["somme"] == "quarante-cinq mille euros (45\u202f000,00\u00a0€)"
    assert [(a["action"], a["pilote"], str(a["montant"])) for a in subsidy["affectations"]] == [
        ("Ouvrir et animer l'accueil commun", "AIO", "30000.00"),
        ("Organiser les ateliers de découverte et les immersions", "Les Jardins du Canal",
         "15000.00")]
    assert subsidy["affectation_a_completer"] == ""
    assert subsidy["transfert_titre"] == "Transfert à l'autre Partie bénéficiaire"
    assert subsidy["solde"]
    assert subsidy["transfert"].endswith(f"({reference('reversement_subvention')}).")
    assert subsidy["compte_rendu_delai"] == "six mois"
    assert plain(subsidy["versement"]).startswith(
        "La subvention est versée en deux fois : une avance de 60 %, soit vingt-sept mille "
        "euros (27 000,00 €), dans les trente jours suivant la signature de la présente "
        "convention")
    assert subsidy["a_financeur"] == "à l'Établissement public territorial du Canal de l'Ourcq"
    assert _titles(context).index("subvention") + 1 == _titles(context).index("financier")


def test_a_subsidy_without_its_content_shows_markers(variant) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["budget"].pop("modalites_versement")
        data["partenaires"][2]["contribution"].pop("versement_subvention")
        for action in data["plan_action"]:
            action["financements"] = [f for f in action["financements"] if f["source"] != "ept"]
        data["budget"]["repartition"] = None
    [subsidy] = variant("exemple-financeur-public", edit)["subventions"]
    assert subsidy["affectations"] == []
    assert subsidy["affectation_a_completer"].startswith("[À compléter avant signature")
    assert "une avance de [À compléter avant signature" in subsidy["versement"]
    assert "sur le compte bancaire de [À compléter avant signature" in subsidy["versement"]


def test_money_that_is_not_a_subsidy_gets_no_subsidy_article(example_context) -> None:
    context = example_context("exemple-complet")  # Plaine Commune pays, `subvention` unset
    assert context["subventions"] == [] and context["articles"]["subvention"] is None


def test_a_state_service_subsidy_does_not_cite_the_cgct(variant) -> None:
    [subsidy] = variant("exemple-financeur-public",
                        {"partenaires[2].forme_juridique": "service_etat"})["subventions"]
    assert subsidy["transfert"].endswith("dans les quinze jours de chaque encaissement.")


def test_the_court_with_a_public_person(example_context, variant) -> None:
    assert example_context("exemple-scic")["clauses"]["litiges"]["juridiction"] == (
        "la juridiction compétente")
    assert example_context("exemple-gme")["clauses"]["litiges"]["juridiction"] == (
        "le tribunal compétent")
    named = variant("exemple-scic", {"clauses": {"litiges": {
        "juridiction": "tribunal administratif de Montreuil"}}})
    # Only merchants may choose their court (CPC art. 48); a public person never is one.
    assert named["clauses"]["litiges"]["juridiction"] == "la juridiction compétente"


# -- GME --------------------------------------------------------------------------------------


def test_the_groupement_of_the_gme_example(example_context) -> None:
    context = example_context("exemple-gme")
    group = context["groupement"]
    assert group["present"] and group["compte_unique"] and group["mandataire"] == "Net'Insert 93"
    assert group["marche"]["acheteur"] == "Département de la Seine-Saint-Denis"
    assert group["marche"]["date_limite_texte"] == "15 mars 2027"
    assert [(r["membre"], r["part"]) for r in group["prestations"]["lignes"]] == [
        ("Net'Insert 93", "50\u00a0%"), ("Les Ateliers du Canal", "30\u00a0%"),
        ("Propreté & Parcours", "20\u00a0%"), ("Intérim Solidaire de l'Est (ISE)", "0\u00a0%")]
    assert group["prestations"]["part_nulle"]
    titles = _titles(context)
    assert titles.index("marche") == titles.index("objet") + 1
    assert titles.index("prestations") == titles.index("solidarite") + 1


@pytest.mark.parametrize(("forme", "unique"), [("gme_solidaire", True), ("gme_conjoint", False)])
def test_the_payment_account_by_default(variant, forme: str, unique: bool) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["statut_juridique"]["forme"] = forme
        del data["statut_juridique"]["compte_paiement"]
    assert variant("exemple-gme", edit)["groupement"]["compte_unique"] is unique


def test_no_groupement_outside_a_gme(example_context) -> None:
    context = example_context("exemple-complet")
    assert not context["groupement"]["present"]
    assert context["articles"]["marche"] is None and context["articles"]["prestations"] is None


def test_intellectual_property_for_parties_that_trade(example_context) -> None:
    traders = example_context("exemple-gme")["clauses"]["propriete_intellectuelle"]
    assert "non lucratives" not in " ".join(traders["paragraphes"])
    assert "pour ses propres activités" in traders["paragraphes"][1]
    associations = example_context("exemple-minimal")["clauses"]["propriete_intellectuelle"]
    assert "activités non lucratives" in associations["paragraphes"][1]


# -- A company to create ----------------------------------------------------------------------


def test_the_scic_of_the_example(example_context) -> None:
    context = example_context("exemple-scic")
    company = context["societe"]
    assert company["present"] and company["scic"] and company["colleges"]
    assert company["intention"].startswith(
        "Les Parties envisagent de constituer une société coopérative d'intérêt collectif (SCIC) "
        "sous forme de société par actions simplifiée à capital variable, régie par les "
        "articles 19 quinquies à 19 sexdecies")
    assert [(c["libelle"], c["capital"], c["college"]) for c in company["categories"]][2] == (
        "Structures fondatrices", "50\u00a0%", "30\u00a0%")
    assert company["categories"][2]["membres"] == "La Ressourcerie de l'Ourcq et Répar'Ourcq"
    assert company["redaction"] == (
        "L'association La Ressourcerie de l'Ourcq fait rédiger le projet de statuts avec "
        "l'appui de l'Union régionale des Scop et Scic d'Île-de-France et le présente aux "
        "Parties au plus tard le 30 juin 2027.")
    assert company["formation"].startswith(
        "Jusqu'à l'immatriculation de la société, l'association La Ressourcerie de l'Ourcq "
        "accomplit")
    assert reference("societe_en_formation") in company["reprise"]
    # The accord prepares the statuts: it states the law they respect and leaves the collèges
    # and their weights to them (loi n° 47-1775, art. 19 octies).
    assert plain(company["regles_colleges"]) == (
        "Les Parties proposeront que les statuts répartissent les associés en collèges de vote, "
        "un par catégorie, avec le poids indiqué dans la colonne « Collège » du tableau. Seuls "
        "les statuts fixent les collèges, au nombre de trois au moins, la répartition des "
        "associés entre eux et le nombre de voix de chacun ; s'ils ne pondèrent pas les voix, "
        "chaque collège dispose du même nombre de voix à l'assemblée générale. S'ils les "
        "pondèrent, aucun collège ne peut détenir à lui seul 50 % ou plus du total des "
        "droits de vote, ni moins de 10 % (article 19 octies de la loi n° 47-1775 du 10 "
        "septembre 1947).")
    assert "ou, si les statuts répartissent les associés en collèges, dans le collège auquel il "\
        "est affecté" in plain(company["regles_scic"])
    # Staff never moves by the accord (C. trav. L. 1224-1 or each employee's agreement).
    assert plain(company["salaries"]).startswith(
        "Le présent accord n'emporte par lui-même aucun transfert du personnel des Parties "
        "vers la société.")
    assert "(article L. 1224-1 du code du travail)" in company["salaries"]
    # Who advances the costs of the constitution, who bears them, and if the SCIC never exists.
    assert plain(company["frais"]).startswith(
        "Les frais de constitution de la société (conseil juridique, rédaction des statuts, "
        "formalités de publicité et d'immatriculation), dans la limite de la somme de six mille "
        "euros (6 000,00 €), sont avancés par l'association La Ressourcerie de "
        "l'Ourcq. Au-delà de ce plafond, aucune dépense n'est engagée sans l'accord écrit "
        "préalable des Parties. Entre les Parties, ils sont supportés en définitive dans les "
        "proportions suivantes : l'association La Ressourcerie de l'Ourcq (50 %) et la société "
        "Répar'Ourcq (50 %).")
    # What the registered company does not take over stays shared, beyond the accord's end.
    assert ("Les frais que la société ne reprend pas restent répartis entre les Parties dans "
            "ces mêmes proportions.") in plain(company["frais_reglement"])
    # Juriste-A #18, juriste-C #10: the Parties also finance « Faire rédiger les statuts »
    # under the financial article (11): the action is named, what each pays there counts
    # towards its share, not twice, and what exceeds it comes back.
    assert plain(company["frais_imputation"]) == (
        "L'action « Faire rédiger les statuts » du plan d'action finance ces frais : la "
        "participation de chaque Partie à cette action, versée selon l'article 11, s'impute "
        "sur sa part, et l'excédent éventuel lui est restitué.")
    assert plain(company["frais_survie"]) == (
        "Ces stipulations survivent à la fin du présent accord jusqu'au règlement complet des "
        "frais.")
    titles = _titles(context)
    assert titles[:5] == ["objet", "constitution", "societe", "formation", "objectifs"]


def test_a_company_to_create_without_its_description(variant) -> None:
    def edit(data: dict[str, Any]) -> None:
        del data["statut_juridique"]["societe"]
        data["gouvernance"].pop("chef_de_file")
        data["partenaires"][0]["role"] = "partenaire_operationnel"
    company = variant("exemple-scic", edit)["societe"]
    assert company["present"] and not company["decrite"]
    assert company["categories_a_completer"].startswith("[À compléter avant signature")
    # The context is typeset: a no-break space before the colon.
    assert "[À compléter avant signature\u00a0: Partie chargée des statuts]" in (
        company["redaction"])
    assert "[À compléter avant signature\u00a0: date de présentation du projet de statuts]" in (
        company["redaction"])
    assert plain(company["frais"]) == (
        "Les frais de constitution de la société (conseil juridique, rédaction des statuts, "
        "formalités de publicité et d'immatriculation) sont avancés par [À compléter avant "
        "signature : Partie qui avance les frais de constitution de la société]. Entre les "
        "Parties, ils sont supportés en définitive dans les proportions suivantes : [À "
        "compléter avant signature : part des frais de constitution supportée par chaque "
        "Partie].")
    # Each Party is repaid what it bore, in sentences of their own (juriste-C #10).
    assert plain(company["frais_reglement"]) == (
        "Une fois immatriculée, la société rembourse à chaque Partie la part des frais "
        "afférents aux actes repris que cette Partie a supportée. Les frais que la société ne "
        "reprend pas restent répartis entre les Parties dans ces mêmes proportions. Si la "
        "société n'est pas immatriculée, notamment parce que les Parties renoncent à sa "
        "constitution, l'ensemble des frais engagés avec leur accord reste réparti de la "
        "même manière. Dans l'un et l'autre cas, chaque Partie verse à celle qui a avancé les "
        "frais, sur présentation des justificatifs, la part qui lui incombe, déduction faite "
        "de ce qu'elle a déjà versé pour ces frais.")


def test_no_company_article_for_an_association_to_create(variant) -> None:
    context = variant("exemple-minimal", {"statut_juridique.forme": "association"})
    assert not context["societe"]["present"] and context["articles"]["societe"] is None
    assert context["articles"]["constitution"] == 2


def test_only_a_legal_office_is_called_legal_representative(example_context) -> None:
    rows = {r["partie"]: r["correspondant"]
            for r in example_context("exemple-financeur-public")["correspondants"]}
    assert rows["AIO"] == "Monsieur Bruno GARNIER, président (représentant légal)"
    # Her file cites the arrêté de délégation she signs under.
    assert rows["Établissement public territorial du Canal de l'Ourcq"] == (
        "Madame Martine LEROY, vice-présidente déléguée à l'emploi et à l'insertion (agissant "
        "par délégation)")
    rows = {r["partie"]: r["correspondant"]
            for r in example_context("exemple-gme")["correspondants"]}
    assert rows["ISE"] == "Madame Agnès LAMBERT, directrice générale"


# -- Joint purchases --------------------------------------------------------------------------


# The instances decide the purchases within a ceiling each Party accepts by signing, while the
# financial article asks each Party's written consent to a new expense (juriste-B #5), for
# every twelve months from the taking effect (juriste-C #13).
CEILING = ("Chaque Partie donne, par sa signature de la présente convention, son accord écrit "
           "aux achats groupés que les instances de gouvernance décident pour son compte, dans "
           "la limite, par période de douze mois à compter de la prise d'effet de la présente "
           "convention, {}. Au-delà de ce plafond, une commande n'engage une Partie qu'avec son "
           "accord écrit, donné par ses organes compétents.")
NO_CEILING = ("du plafond fixé pour chacune : [À compléter avant signature : plafond des achats "
              "groupés de chaque Partie]")


def test_a_joint_purchase_says_who_orders_pays_and_how_the_cost_is_shared(variant) -> None:
    """The minimal example buys together: without « achats_groupes » the convention prints
    a gap for each fact, in its place in the sentence (juriste-C #13); with it, who orders and
    pays the supplier, how the Parties share the cost and repay within thirty days."""
    bare = variant("exemple-minimal")["achats"]
    assert bare["present"] and plain(bare["texte"]) == (
        "Les commandes groupées sont passées et payées par [À compléter avant signature : "
        "Partie qui passe les commandes groupées et paie les fournisseurs], en son nom et pour "
        "le compte des Parties, auprès des fournisseurs choisis par celles-ci. Le coût de "
        "chaque commande est réparti entre les Parties [À compléter avant signature : "
        "répartition du coût des achats groupés entre les Parties] ; chaque autre Partie "
        "rembourse sa part à cette Partie dans les trente jours de la présentation de la "
        "facture du fournisseur. " + CEILING.format(NO_CEILING))
    told = variant("exemple-minimal", {"budget": {"achats_groupes": {
        "acheteur": "jardins", "repartition_cout": "quantites"}}})["achats"]
    assert plain(told["texte"]) == (
        "L'association Les Jardins de Bondy passe les commandes groupées auprès des "
        "fournisseurs choisis par les Parties, en son nom et pour le compte de celles-ci, et en "
        "règle le prix aux fournisseurs. Le coût de chaque commande est réparti entre les "
        "Parties au prorata des quantités commandées pour le compte de chacune ; chaque autre "
        "Partie rembourse sa part à l'association Les Jardins de Bondy dans les trente jours de "
        "la présentation de la facture du fournisseur. " + CEILING.format(NO_CEILING))
    half = variant("exemple-minimal", {"budget": {"achats_groupes": {"acheteur": "batir"}}})
    assert "[À compléter avant signature : répartition du coût des achats groupés entre les "\
        "Parties]" in plain(half["achats"]["texte"])


def test_the_instances_buy_for_each_party_within_its_ceiling(variant) -> None:
    """exemple-minimal (juriste-B #5): the comité de suivi validates the orders, while no new
    expense binds a Party without its written consent. Each Party consents by signing, up to
    the ceiling the file gives it; the financial article says so where it states the rule."""
    ceilings = [{"partenaire": "jardins", "montant": 3000},
                {"partenaire": "batir", "montant": 2500}]
    told = variant("exemple-minimal", {"budget": {"achats_groupes": {
        "acheteur": "jardins", "repartition_cout": "parts_egales",
        "plafonds_annuels": ceilings}}})
    assert plain(told["achats"]["texte"]).endswith(CEILING.format(
        "d'un plafond de trois mille euros (3 000,00 €) pour l'association Les Jardins de "
        "Bondy et de deux mille cinq cents euros (2 500,00 €) pour l'association Bâtir & "
        "Insérer"))
    # One Party without its ceiling: the others' are printed, its own is a gap.
    half = variant("exemple-minimal", {"budget": {"achats_groupes": {
        "acheteur": "jardins", "repartition_cout": "parts_egales",
        "plafonds_annuels": ceilings[:1]}}})
    assert plain(half["achats"]["texte"]).endswith(CEILING.format(
        "d'un plafond de trois mille euros (3 000,00 €) pour l'association Les Jardins de "
        "Bondy et [À compléter avant signature : plafond des achats groupés de Bâtir & "
        "Insérer]"))


def test_responsible_purchasing_by_companies_is_no_joint_purchase(example_context) -> None:
    """« Plateforme emploi-achats »: companies buying from the SIAE, not the Parties buying."""
    assert not example_context("exemple-reseau")["achats"]["present"]


def test_a_lapsed_groupement_without_a_split_refunds_nothing() -> None:
    """Parties that each pay their own expenses (or share none) keep what they spent on the
    answer; another project has no groupement to lapse."""
    present = {"present": True}
    assert lapse_costs(present, {"sans_versement": True, "apports_precises": True},
                       {"financier": 9}) == (
        "Chaque Partie conserve alors la charge des frais qu'elle a engagés pour la "
        "candidature et l'offre, sans remboursement entre les Parties. Ces stipulations, "
        "ainsi que celles relatives aux recours, survivent à la caducité de la présente "
        "convention.")
    assert lapse_costs(present, {"repartition": [], "apports_precises": False},
                       {"financier": 9}).startswith(
        "Chaque Partie conserve alors la charge des frais")
    assert lapse_costs({"present": False}, {"repartition": [{}]}, {"financier": 9}) == ""
