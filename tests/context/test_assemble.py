"""coopdocs.context.assemble.build_context: the derived values the convention and the charte
print (the contexts of the examples are conftest's `complet` and `minimal`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from coopdocs.check.project import load_project
from coopdocs.context.assemble import build_context
from coopdocs.context.convention import annexes_lead, preamble_part
from coopdocs.context.documents import by_code
from coopdocs.context.parties import proper_names
from coopdocs.french.labels import labels


def plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


@pytest.fixture
def variant(project_file):
    """The context of a copy of an example with top-level blocks replaced."""
    def make(name: str, **changes: Any) -> dict[str, Any]:
        path = project_file(name, edits=changes, filename=f"{name}-variante.yaml")
        return build_context(load_project(path))

    return make


@pytest.fixture(scope="module")
def complet(complet_context) -> dict[str, Any]:
    """Here `complet` is the context of exemple-complet.yaml (not its data)."""
    return complet_context


@pytest.fixture(scope="module")
def minimal(minimal_context) -> dict[str, Any]:
    """Here `minimal` is the context of exemple-minimal.yaml (not its data)."""
    return minimal_context


@pytest.fixture
def minimal_data(example_data) -> dict[str, Any]:
    return example_data("minimal")


def raw_signatories(data: dict[str, Any]) -> int:
    """Count the convention signatories straight from the YAML (MODELE.md defaults)."""
    return sum(1 for p in data["partenaires"]
               if p.get("signataire_convention", p["role"] not in ("soutien", "observateur")))


def test_accepts_project_or_data(complet, example_path):
    project = load_project(example_path("exemple-complet"))
    from_project = build_context(project)
    assert from_project["fait_a"] == complet["fait_a"]
    assert build_context(project.data)["fait_a"] == complet["fait_a"]
    with pytest.raises(TypeError):
        build_context(["pas", "un", "projet"])


def test_partners_ordered_chef_de_file_first_then_by_role(complet):
    assert [p["id"] for p in complet["partenaires"]] == [
        "recycl", "reseau", "repar", "ai-courneuve", "plaine"]
    assert [p["id"] for p in complet["signataires_convention"]] == [
        "recycl", "repar", "ai-courneuve", "plaine"]
    assert len(complet["signataires_charte"]) == 5


def test_signatories_and_fait_a(complet, minimal, complet_raw):
    assert complet["nb_signataires"] == raw_signatories(complet_raw) == 4
    assert complet["nb_signataires_lettres"] == "quatre"
    assert complet["fait_a"] == ("Fait à Saint-Denis, le 15 décembre 2026, "
                                 "en quatre exemplaires originaux.")
    assert complet["fait_a_charte"] == "Fait à Saint-Denis, le 15 décembre 2026."
    assert minimal["fait_a"] == "Fait à Bondy, le ____________, en deux exemplaires originaux."
    assert minimal["deux_parties"] and not complet["deux_parties"]
    assert [c["apres"] for c in minimal["comparants"]] == ["d'une part,", "d'autre part,"]


def test_partner_identification_texts(complet):
    by_id = {p["id"]: p for p in complet["partenaires"]}
    recycl, repar, aic, plaine = (by_id[k] for k in ("recycl", "repar", "ai-courneuve", "plaine"))
    assert recycl["forme_libelle"] == "association régie par la loi du 1er juillet 1901"
    assert repar["forme_libelle"] == "société par actions simplifiée"
    assert plaine["forme_libelle"] == "établissement public de coopération intercommunale"
    assert plain(recycl["siret"]) == "412 783 904 00003"
    assert plain(recycl["siege"]) == "12 rue de la Briche, 93200 Saint-Denis"
    assert recycl["representant"] == "Madame Nadia HADDAD, en sa qualité de Présidente"
    assert recycl["habilitation"] == ("dûment habilitée par délibération du conseil "
                                      "d'administration du 4 novembre 2026")
    # Its directeur général represents a SAS only if the statuts say so (C. com. L. 227-6):
    # the act is to be cited, his powers are not asserted.
    assert repar["habilitation"] == (
        "[À compléter avant signature\u00a0: pouvoir du signataire (clause des statuts ou "
        "délégation du représentant légal)]")
    # Civilité neutre: an epicene phrase, no « habilité·e » in a contract (domain.md §9.6).
    assert aic["habilitation"] == "ayant tous pouvoirs à l'effet des présentes"
    assert aic["representant"] == "Camille DURAND, en sa qualité de Président·e"
    assert recycl["feminin"] and recycl["denomme"] == "dénommée"
    assert not plaine["feminin"] and plaine["represente"] == "représenté"
    assert recycl["designation"] == "RA93" and repar["designation"] == "Répar'Tout"
    assert "W931234567" in recycl["identifiants"]
    assert by_id["reseau"]["de_appellation"] == "du Réseau des SIAE de l'Est francilien"


def test_project_texts(complet, minimal):
    projet = complet["projet"]
    assert projet["periode"] == "du 1er janvier 2027 au 31 décembre 2029"
    assert projet["duree_texte"] == "trois ans"
    assert minimal["projet"]["duree_de"] == "d'un an"
    assert minimal["projet"]["date_fin_texte"] == "31 janvier 2028"
    assert complet["pilotage"]["egide"] == "Sous l'égide du Réseau des SIAE de l'Est francilien"
    assert minimal["pilotage"]["egide"] == ""


def test_budget_amounts_and_percentages(complet, minimal):
    budget = complet["budget"]
    assert budget["total"] == Decimal("80000.00")
    assert plain(budget["somme"]) == "la somme de quatre-vingt mille euros (80 000,00 €)"
    rows = {r["partenaire"]: r for r in budget["repartition"]}
    assert rows["RA93"]["montant"] == Decimal("20000.00")
    assert rows["RA93"]["pourcentage"] == Decimal("25")
    assert rows["Établissement public territorial Plaine Commune"]["montant_lettres"] == (
        "quarante mille euros")
    assert sum(r["montant"] for r in budget["repartition"]) == budget["total"]
    assert not minimal["budget"]["present"]


def test_article_numbers_are_consecutive(complet, minimal):
    for context in (complet, minimal):
        numbers = [a["numero"] for a in context["articles_liste"]]
        assert numbers == list(range(1, len(numbers) + 1))
        present = {k: v for k, v in context["articles"].items() if v}
        assert sorted(present.values()) == numbers
    assert complet["articles"]["plan_action"] and not minimal["articles"]["plan_action"]
    assert complet["articles"]["mandataire"] is None
    assert minimal["articles"]["moyens"] is None and minimal["articles"]["financier"]


def test_charte_never_states_values_the_signatories_did_not_choose(complet, minimal):
    # No default ESS values in the signatories' name: what the file lacks is a marker.
    assert minimal["valeurs"] == [] and minimal["principes"] == [] and minimal["engagements"] == []
    for key in ("valeurs", "principes", "engagements"):
        assert minimal["charte_manque"][key].startswith("[À compléter avant signature")
    assert complet["valeurs"] and complet["charte_manque"]["valeurs"] == ""
    assert complet["principes"] == [] and "principes" in complet["charte_manque"]["principes"]
    assert complet["engagements"][0].startswith("participer aux instances")


def test_clauses_texts(complet, minimal):
    clauses = complet["clauses"]
    assert clauses["confidentialite"]["duree"] == "trois (3) ans"
    assert clauses["resiliation"]["preavis"] == "quatre-vingt-dix (90) jours"
    # A named court binds only merchants (CPC art. 48): a public person signs here.
    assert clauses["litiges"]["juridiction"] == "la juridiction compétente"
    assert minimal["clauses"]["litiges"]["juridiction"] == "le tribunal compétent"
    assert clauses["propriete_intellectuelle"]["code"] == "copropriete"
    assert "renouvelée par décision expresse" in clauses["renouvellement"]


def test_annexes_are_the_other_documents_produced(complet, minimal, minimal_data):
    # Contractual annexes, then the charte for information; the cartographie is a working
    # document of the collective, never annexed (docs/modeles.md).
    assert [a["code"] for a in complet["documents_annexes"]] == [
        "gouvernance", "plan-action", "charte"]
    assert "plan-action" not in [a["code"] for a in minimal["documents_annexes"]]
    assert minimal["annexe"]["plan_action"] is None
    assert by_code("plan-action").applies(minimal_data) == (
        "pas de plan d'action (bloc « plan_action » absent)")
    assert by_code("convention").applies(minimal_data) is None


def test_gme_solidaire_variant(variant):
    context = variant("exemple-complet", statut_juridique={
        "forme": "gme_solidaire", "mandataire": "recycl",
        "marche": {"acheteur": "Ville de Saint-Denis", "objet": "Collecte des encombrants",
                   "date_limite_depot": "2026-12-20"},
        "repartition_prestations": [
            {"partenaire": pid, "prestations": "Collecte", "pourcentage": share}
            for pid, share in (("recycl", 50), ("repar", 50), ("ai-courneuve", 0),
                               ("plaine", 0))]})
    assert context["statut"]["gme"] and context["statut"]["solidaire"]
    assert context["statut"]["mandataire"]["id"] == "recycl"
    assert context["articles"]["mandataire"] and context["articles"]["solidarite"]
    assert context["articles"]["solidarite"] == context["articles"]["mandataire"] + 1


def test_scic_variant_prepares_statuts(variant):
    context = variant("exemple-minimal", statut_juridique={"forme": "scic"})
    assert context["statut"]["personne_morale"]
    assert context["acte"]["titre"] == "ACCORD PRÉALABLE"
    assert context["acte"]["mention"] == (
        "à la constitution d'une société coopérative d'intérêt collectif (SCIC)")
    assert context["acte"]["la"] == "le présent accord"
    assert context["articles"]["constitution"] == 2


def test_labels_cover_the_enums():
    found = labels()
    for kind in ("forme_juridique", "type_structure", "role_partenaire", "statut_juridique",
                 "type_instance", "frequence", "mode_vote", "domaine", "cercle",
                 "niveau_participation", "statut_financement", "statut_action",
                 "type_indicateur", "propriete_intellectuelle", "type_cooperation"):
        assert found[kind], kind
    assert found["statut_juridique"]["gme_solidaire"]["famille"] == "gme"
    assert len(found["forme_juridique"]) == 18


def test_budget_split_in_amounts_without_total_gets_percentages(variant) -> None:
    """Regression (generated projects): shares given as amounts, no total and no plan needs:
    the total comes from the shares, but the percentages stayed empty and the convention's
    budget table failed to render (« Pourcentage manquant ou invalide : None »)."""
    from coopdocs.render.template import PreparedTemplate, render_document
    from coopdocs.render.templates import resolve_template

    budget = {"repartition": [{"partenaire": "jardins", "montant": 3000},
                              {"partenaire": "batir", "montant": 1000}]}
    context = variant("exemple-minimal", budget=budget)
    assert context["budget"]["total"] == Decimal("4000.00")
    assert [r["pourcentage"] for r in context["budget"]["repartition"]] == [
        Decimal("75.00"), Decimal("25.00")]
    template = PreparedTemplate.from_path(resolve_template("convention-de-partenariat.docx").path)
    assert render_document(template, context)

    nothing = {"repartition": [{"partenaire": "jardins", "montant": 0}]}
    context = variant("exemple-minimal", budget=nothing)
    assert context["budget"]["repartition"][0]["pourcentage"] == 0


def test_a_lead_in_with_a_single_item_agrees_with_it(complet, minimal):
    """One collective, one instance, one annex: no « suivants » before a single item."""
    assert complet["preambule"]["ecosysteme"] == [
        "Les structures ont notamment pu échanger lors des événements suivants\u00a0: Rencontres "
        "annuelles du réseau 2025 et Forum du réemploi de Plaine Commune.",
        "Elles participent au collectif suivant, qui a nourri le projet\u00a0: Réseau des SIAE "
        "de l'Est francilien."]
    # One event is « l'événement suivant » (juriste-8: « lors du temps suivant » is clumsy).
    assert preamble_part({"projet": {}, "ecosysteme": {"evenements": ["Forum 2025"]}}, {})[
        "ecosysteme"] == ["Les structures ont notamment pu échanger lors de l'événement "
                          "suivant\u00a0: Forum 2025."]
    assert complet["pilotage"]["instances_annonce"] == (
        "les instances suivantes\u00a0: Comité de pilotage (chaque trimestre) et Comité "
        "technique (chaque mois)")
    assert minimal["pilotage"]["instances_annonce"] == (
        "l'instance suivante\u00a0: Comité de suivi (chaque semestre)")
    assert complet["annexes_annonce"] == (
        "Sont annexés à la présente convention les documents suivants\u00a0:")
    assert annexes_lead(complet["documents_annexes"][:1], complet["acte"]) == (
        "Est annexé à la présente convention le document suivant\u00a0:")


def test_a_party_funding_actions_without_an_apport_commits_that_money_in_its_card(
        example_data):
    """Its decided money is a commitment of the act's body, not only of the plan (annex);
    money only asked of it commits it to nothing and is left to the plan; with an
    `apport_financier`, which would be the same money told twice, nothing is repeated."""
    data = example_data("complet")
    repar = next(p for p in data["partenaires"] if p["id"] == "repar")
    repar["contribution"]["apport_financier"] = None
    data["plan_action"][0]["financements"].append(
        {"source": "repar", "montant": Decimal("2500"), "statut": "sollicite"})
    cards = {p["id"]: p["contribution"]["lignes"] for p in build_context(data)["partenaires"]}
    assert [plain(line) for line in cards["repar"]] == [
        "le pilotage de l'action « Former les salarié·e·s à la réparation » du plan d'action ;",
        "la participation au financement de l'action « Former les salarié·e·s à la "
        "réparation » du plan d'action, à hauteur de vingt mille euros (20 000,00 €) ;",
        "la mobilisation d'un équivalent temps plein (ETP)."]
    # Two lines for one action add up; two actions are listed, with their total.
    data["plan_action"][1]["financements"].append(
        {"source": "repar", "montant": Decimal("1000"), "statut": "acquis"})
    data["plan_action"][0]["financements"][-1]["statut"] = "acquis"
    cards = {p["id"]: p["contribution"]["lignes"] for p in build_context(data)["partenaires"]}
    assert plain(cards["repar"][1]) == (
        "la participation au financement des actions « Aménager le local commun », à hauteur "
        "de 2 500,00 €, et « Former les salarié·e·s à la réparation », à hauteur de "
        "21 000,00 €, du plan d'action, soit au total vingt-trois mille cinq cents euros "
        "(23 500,00 €) ;")
    # Two actions of the same title stay two (the warning intitule-duplique says why).
    data["plan_action"][0]["intitule"] = data["plan_action"][1]["intitule"]
    cards = {p["id"]: p["contribution"]["lignes"] for p in build_context(data)["partenaires"]}
    assert plain(cards["repar"][1]).count("« Former les salarié·e·s à la réparation »") == 2
    recycl = {p["id"]: p for p in build_context(example_data("complet"))["partenaires"]}[
        "recycl"]  # 20 000 € of apport, and 20 000 € of the plan's lines: told once
    assert not any("financement" in line for line in recycl["contribution"]["lignes"])


def test_a_public_signatory_s_block_in_the_charte_cites_its_act(example_context):
    """exemple-reseau: the Département signs the charte only. The charte has no appearance of
    the parties: its block cites the act as the convention's appearance words it."""
    context = example_context("reseau")
    cells = [cell for row in context["signatures_charte_seule"]
             for cell in (row["gauche"], row["droite"])]
    department = next(c for c in cells if c["pour"].endswith("Seine-Saint-Denis")
                      and "Département" in c["pour"])
    assert department["qualite"] == "Vice-présidente chargée de l'insertion"
    assert plain(department["qualite_acte"]) == (
        "Vice-présidente chargée de l'insertion, agissant en vertu de la délibération de la "
        "commission permanente du 14 janvier 2027 et de l'arrêté de délégation n° 2021-118 du "
        "2 juillet 2021")
    # Anyone else's block, and a public person's whose act the file does not give, as before.
    network = next(c for c in cells if "Réseau" in c["pour"])
    assert network["qualite_acte"] == network["qualite"] == "Délégué général"
    complet = example_context("complet")
    plaine = next(c for row in complet["signatures_charte"] for c in (row["gauche"],
                                                                      row["droite"])
                  if "Plaine Commune" in c["pour"])
    assert plaine["qualite_acte"] == plaine["qualite"]


def test_the_charte_gives_the_entry_conditions_for_what_they_are(example_context):
    """With a convention, the entry conditions are those to become a Party (its entry article):
    read as conditions to sign the charte, they would shut out exemple-reseau's Département,
    company and network, which sign it."""
    assert plain(example_context("reseau")["charte_conditions_annonce"]) == (
        "Pour devenir Partie à la convention de partenariat, une structure remplit les "
        "conditions d'entrée que fixe son article 18 :")
    assert plain(example_context("gme")["charte_conditions_annonce"]) == (
        "Sous ces réserves, les conditions d'entrée convenues sont les suivantes :")


def test_a_charte_alone_gives_its_own_entry_conditions(variant):
    context = variant("exemple-minimal", statut_juridique={"forme": "charte"})
    assert plain(context["charte_conditions_annonce"]) == (
        "Les conditions d'entrée convenues sont les suivantes :")


def test_the_project_s_proper_names_longest_first(example_data) -> None:
    """The names a user's text may open with after a colon: partners' names and acronyms, the
    project's, its collectives, a groupement's buyer; the longest is tried first."""
    names = proper_names(example_data("complet"))
    assert {"Recycl'Action 93", "RA93", "Réseau des SIAE de l'Est francilien",
            "Ressourcerie partagée de la Plaine", "RPP"} <= set(names)
    assert [len(n) for n in names] == sorted((len(n) for n in names), reverse=True)
    assert "Département de la Seine-Saint-Denis" in proper_names(example_data("gme"))
