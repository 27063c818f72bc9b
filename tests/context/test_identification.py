"""`context.identification`: each party identified as French law writes its family
(domain.md §12), with the marker of its gap (`check.gaps.legal_gaps`) where the project file
does not say enough, and nowhere else."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from coopdocs.check.gaps import Gap, legal_gaps
from coopdocs.context.identification import (
    family,
    habilitation_text,
    identification,
    kind_label,
)
from coopdocs.french.markers import gap
from coopdocs.french.names import mentioned_name, official_title


def _partner(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "p", "raison_sociale": "Structure", "sigle": None, "forme_juridique": "association",
        "type_structure": "aci", "siret": "41278390400003", "rna": None, "rcs": None,
        "registre_tribunal": None, "registre_numero": None,
        "capital_social": None, "capital_variable": None, "etablissement": None,
        "adresse": {"ligne1": "12 rue de la Briche", "ligne2": None, "code_postal": "93200",
                    "commune": "Saint-Denis"},
        "representant": {"civilite": "madame", "prenom": "Nadia", "nom": "Haddad",
                         "qualite": "Présidente", "habilitation": None},
    }
    base.update(changes)
    return base


def _gaps(partner: dict[str, Any]) -> dict[str, Gap]:
    """The gaps `validate` lists for this partner when it signs a convention."""
    data = {"statut_juridique": {"forme": "convention_partenariat"},
            "partenaires": [{**partner, "signataire_convention": True}]}
    return {g.code: g for g in legal_gaps(data)}


def _identify(partner: dict[str, Any]) -> dict[str, Any]:
    return identification(partner, _gaps(partner))


def _text(**changes: Any) -> str:
    text = str(_identify(_partner(**changes))["identification"])
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _marker(what: str) -> str:
    return gap(what).replace("\u00a0", " ")


def test_an_association_is_declared_and_identified_in_sirene() -> None:
    assert _text(rna="W931234567") == (
        "association régie par la loi du 1er juillet 1901, déclarée et inscrite au répertoire "
        "national des associations sous le numéro W931234567, dont le siège social est situé "
        "12 rue de la Briche, 93200 Saint-Denis, identifiée au répertoire SIRENE sous le numéro "
        "SIRET 412 783 904 00003, représentée par Madame Nadia HADDAD, en sa qualité de "
        "Présidente, dûment habilitée à l'effet des présentes")
    assert "immatricul" not in _text()


def test_an_association_without_its_rna_number_shows_the_marker_of_its_gap() -> None:
    """A Party of the convention: its declaration is what gives it legal capacity (loi du 1er
    juillet 1901, art. 5), and the number is asked before signature."""
    assert sorted(_gaps(_partner())) == ["rna:p"]
    assert _text().startswith(
        "association régie par la loi du 1er juillet 1901, déclarée et inscrite au répertoire "
        f"national des associations sous le numéro {_marker('numéro RNA')}, dont le siège")
    # Without the gap (it signs no convention), nothing is invented.
    text = str(identification(_partner(), {})["identification"])
    assert text.startswith("association régie par la loi du 1er juillet 1901, dont le siège")


@pytest.mark.parametrize(("court", "number", "expected"), [
    ("Strasbourg", "12345", "inscrite au registre des associations du tribunal judiciaire de "
     "Strasbourg sous le numéro 12345, "),
    ("tribunal de proximité de Haguenau", "volume 85, folio 12", "inscrite au registre des "
     "associations du tribunal de proximité de Haguenau, volume 85, folio 12, "),
])
def test_an_association_of_alsace_moselle_is_inscribed_at_a_tribunal(
        court: str, number: str, expected: str) -> None:
    """Code civil local, art. 21: inscribed at the registre des associations a tribunal keeps,
    never declared nor in the RNA; an RNA number given for it is not printed (a warning of
    check.rules.legal says so)."""
    text = _text(forme_juridique="association_droit_local", registre_tribunal=court,
                 registre_numero=number, rna="W931234567")
    assert text.startswith(f"association de droit local (Alsace-Moselle), {expected}dont le "
                           "siège social est situé ")
    assert "déclarée" not in text and "répertoire national" not in text


NUMBER = "numéro d'inscription au registre des associations"


def test_an_association_of_alsace_moselle_without_its_inscription_shows_its_markers() -> None:
    partner = _partner(forme_juridique="association_droit_local")
    assert sorted(_gaps(partner)) == ["registre-numero:p", "registre-tribunal:p"]
    assert _text(forme_juridique="association_droit_local").startswith(
        "association de droit local (Alsace-Moselle), inscrite au registre des associations du "
        f"{_marker('tribunal qui tient le registre des associations')} sous le numéro "
        f"{_marker(NUMBER)}, dont le siège")
    assert _text(forme_juridique="association_droit_local", registre_tribunal="Colmar") \
        .startswith("association de droit local (Alsace-Moselle), inscrite au registre des "
                    "associations du tribunal judiciaire de Colmar sous le numéro "
                    f"{_marker(NUMBER)}, ")


@pytest.mark.parametrize(("act", "expected"), [
    (None, "ayant tous pouvoirs à l'effet des présentes"),
    ("par délibération du conseil d'administration du 4 novembre 2026",
     "agissant en vertu de la délibération du conseil d'administration du 4 novembre 2026"),
    ("Délibération du bureau du 2 mars 2027",
     "agissant en vertu de la délibération du bureau du 2 mars 2027"),
    ("en vertu des statuts", "agissant en vertu des statuts"),
    ("à l'effet des présentes", "ayant tous pouvoirs à l'effet des présentes")])
def test_a_signatory_of_unknown_gender_is_empowered_in_epicene_words(act, expected) -> None:
    """Civilité ``neutre``: the contract agrees no word with a gender the file does not give,
    and writes no « habilité·e » either (juriste-8, domain.md §9.6)."""
    rep = {"civilite": "neutre", "prenom": "Camille", "nom": "Durand", "qualite": "Président·e",
           "habilitation": act}
    assert _text(representant=rep).endswith(
        f"représentée par Camille DURAND, en sa qualité de Président·e, {expected}")


def test_a_directeur_general_of_a_sas_cites_the_act_that_gives_him_power() -> None:
    """Only the président represents a SAS (C. com. L. 227-6): a directeur général signs under
    the statuts or a délégation, which the convention cites instead of « dûment habilité à
    l'effet des présentes » or « ayant tous pouvoirs » (juriste-B #4); without it, the marker
    stands where the act will be cited."""
    sas = {"forme_juridique": "sas", "rcs": "Bobigny", "capital_social": Decimal(10000),
           "siret": "82314567700014"}
    rep = {"civilite": "monsieur", "prenom": "Paul", "nom": "Roussel",
           "qualite": "Directeur général", "habilitation": None}
    missing = _marker("pouvoir du signataire (clause des statuts ou délégation du "
                      "représentant légal)")
    assert _text(**sas, representant=rep).endswith(
        f"représentée par Monsieur Paul ROUSSEL, en sa qualité de Directeur général, {missing}")
    assert _text(**sas, representant={**rep, "civilite": "neutre"}).endswith(
        f"Paul ROUSSEL, en sa qualité de Directeur général, {missing}")
    cited = {**rep, "habilitation": "l'article 14 des statuts"}
    assert _text(**sas, representant=cited).endswith(
        "en sa qualité de Directeur général, dûment habilité par l'article 14 des statuts")
    assert _text(**sas, representant={**cited, "civilite": "neutre"}).endswith(
        "en sa qualité de Directeur général, agissant en vertu de l'article 14 des statuts")
    # Its président needs no act.
    assert _text(**sas, representant={**rep, "qualite": "Président"}).endswith(
        "en sa qualité de Président, dûment habilité à l'effet des présentes")
    # Neither does the Présidente of an association; its directrice does.
    assert "pouvoir du signataire" not in _text()
    assert _text(representant={**rep, "civilite": "madame", "qualite": "Directrice"}).endswith(
        f"en sa qualité de Directrice, {missing}")


def test_a_company_gives_its_capital_and_its_rcs() -> None:
    text = _text(forme_juridique="sas", rcs="Bobigny", capital_social=Decimal(10000),
                 siret="82314567700014")
    assert text.startswith(
        "société par actions simplifiée au capital de 10 000,00 €, immatriculée au RCS de "
        "Bobigny sous le numéro 823 145 677, dont le siège social est situé ")
    assert "SIRENE" not in text  # the RCS number identifies it


def test_a_company_without_rcs_or_capital_shows_the_markers_of_its_gaps() -> None:
    partner = _partner(forme_juridique="sarl", siret="82314567700014",
                       representant={**_partner()["representant"], "qualite": "Gérante"})
    assert sorted(_gaps(partner)) == ["capital:p", "rcs:p"]
    text = str(_identify(partner)["identification"]).replace("\u00a0", " ")
    assert f"au capital de {_marker('montant du capital social')}" in text
    assert f"au RCS de {_marker('ville du greffe')} sous le numéro 823 145 677" in text


def test_no_marker_without_its_gap() -> None:
    """A company that signs no convention has no gap: nothing to complete is printed."""
    partner = _partner(forme_juridique="sarl", siret="82314567700014")
    text = str(identification(partner, {})["identification"])
    assert "[" not in text
    assert text.startswith("société à responsabilité limitée, dont le siège social")


@pytest.mark.parametrize(("forme", "variable", "expected"), [
    ("scic", None, "société coopérative d'intérêt collectif (SCIC) à capital variable, "),
    ("scop", True, "société coopérative et participative (SCOP) à capital variable, "),
    ("scop", None, "société coopérative et participative (SCOP) au capital de 5 000,00 €, "),
])
def test_a_cooperative_with_variable_capital(forme: str, variable: bool | None,
                                             expected: str) -> None:
    text = _text(forme_juridique=forme, capital_variable=variable, rcs="Bobigny",
                 capital_social=Decimal(5000))
    assert text.startswith(expected)


def test_a_gie_without_its_greffe_is_identified_by_its_siret() -> None:
    text = _text(forme_juridique="gie")
    assert text.startswith("groupement d'intérêt économique, dont le siège social est situé")
    assert "identifié au répertoire SIRENE" in text and "RCS" not in text


def test_a_public_person_acts_under_its_deliberation() -> None:
    text = _text(forme_juridique="epci", raison_sociale="Établissement public territorial X",
                 representant={"civilite": "madame", "prenom": "Hélène", "nom": "Roux",
                               "qualite": "Vice-présidente",
                               "habilitation": "Délibération n° 12 du conseil de territoire du "
                                               "3 mars 2026."})
    assert text == (
        "établissement public de coopération intercommunale, dont le siège est situé 12 rue de "
        "la Briche, 93200 Saint-Denis, identifié au répertoire SIRENE sous le numéro SIRET "
        "412 783 904 00003, représenté par Madame Hélène ROUX, en sa qualité de "
        "Vice-présidente, agissant en vertu de la délibération n° 12 du conseil de territoire "
        "du 3 mars 2026")


def test_a_public_signatory_without_its_act_shows_a_marker() -> None:
    partner = _partner(forme_juridique="collectivite_territoriale")
    text = habilitation_text(partner, _gaps(partner)).replace("\u00a0", " ")
    assert text.startswith("agissant en vertu de [À compléter avant signature : délibération")
    assert "dûment" not in text
    state = _partner(forme_juridique="service_etat")
    assert habilitation_text(state, _gaps(state)).replace("\u00a0", " ") == (
        "agissant en vertu de [À compléter avant signature : acte de délégation de signature "
        "habilitant le signataire]")


@pytest.mark.parametrize(("act", "expected"), [
    ("arrêté préfectoral n° 2026-4 du 2 janvier 2026",
     "agissant en vertu de l'arrêté préfectoral n° 2026-4 du 2 janvier 2026"),
    ("par délégation du préfet", "agissant par délégation du préfet"),
    ("en vertu de la décision du 3 mai 2026", "agissant en vertu de la décision du 3 mai 2026"),
])
def test_the_act_of_a_state_service(act: str, expected: str) -> None:
    partner = _partner(forme_juridique="service_etat",
                       representant={"civilite": "monsieur", "prenom": "Paul", "nom": "Martin",
                                     "qualite": "Directeur", "habilitation": act})
    assert habilitation_text(partner, _gaps(partner)) == expected
    assert str(_identify(partner)["identification"]).startswith(
        "service de l'État, situé 12 rue de la Briche")


def test_an_establishment_signs_for_its_legal_person() -> None:
    text = _text(forme_juridique="sarl", rcs="Bobigny", capital_social=Decimal(8000),
                 etablissement={"libelle": "Agence de Bobigny", "adresse": {
                     "ligne1": "9 avenue Paul Vaillant-Couturier", "ligne2": None,
                     "code_postal": "93000", "commune": "Bobigny"}})
    assert ("dont le siège social est situé 12 rue de la Briche, 93200 Saint-Denis, agissant "
            "par son établissement « Agence de Bobigny », situé 9 avenue Paul "
            "Vaillant-Couturier, 93000 Bobigny, identifié au répertoire SIRENE sous le numéro "
            "SIRET 412 783 904 00003, représentée par") in text


@pytest.mark.parametrize(("written", "law"), [
    ("Maire adjointe déléguée à la culture", "Adjointe au maire déléguée à la culture"),
    ("maire-adjoint", "adjoint au maire"),
    ("Maire", "Maire"),
    ("Adjoint au maire", "Adjoint au maire"),
    ("  Présidente ", "Présidente"),
])
def test_the_title_is_the_one_the_law_gives(written: str, law: str) -> None:
    assert official_title(written) == law


def test_a_deputy_mayor_is_named_in_every_sentence() -> None:
    partner = _partner(forme_juridique="collectivite_territoriale",
                       representant={"civilite": "madame", "prenom": "Claire", "nom": "Dubois",
                                     "qualite": "Maire adjointe", "habilitation": None})
    found = _identify(partner)
    assert found["qualite"] == "Adjointe au maire"
    assert found["representant"] == "Madame Claire DUBOIS, en sa qualité d'Adjointe au maire"


def test_a_public_person_is_not_called_a_collectivite() -> None:
    ept = _partner(forme_juridique="epci", type_structure="collectivite")
    assert kind_label(ept) == "établissement public de coopération intercommunale"
    assert kind_label(_partner()) == "atelier et chantier d'insertion (ACI)"
    assert [family(_partner(forme_juridique=f)) for f in
            ("association", "sas", "gie", "epci", "service_etat", "fondation")] == [
        "association", "societe", "societe", "personne_publique", "etat", "autre"]


def test_the_examples_parties(example_context) -> None:
    context = example_context("exemple-complet")
    by_id = {p["id"]: p for p in context["partenaires"]}
    assert by_id["plaine"]["famille_juridique"] == "personne_publique"
    assert by_id["plaine"]["type_libelle"] == "établissement public de coopération intercommunale"
    assert "collectivité" not in " ".join(by_id["plaine"]["presentation_paragraphes"])
    assert by_id["recycl"]["representant"] == "Madame Nadia HADDAD, en sa qualité de Présidente"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le réseau des SIAE de l'Est francilien", "le Réseau des SIAE de l'Est francilien"),
        ("RÉSEAU DES SIAE DE L'EST FRANCILIEN", "le Réseau des SIAE de l'Est francilien"),
        ("RA93", "Recycl'Action 93 (RA93)"),
        ("l'Union régionale des SIAE", "l'Union régionale des SIAE"),  # no partner: as written
        ("", ""),
    ],
)
def test_a_partner_named_in_free_text_is_spelt_as_the_documents_spell_it(
        text: str, expected: str, complet) -> None:
    assert mentioned_name(text, complet["partenaires"]) == expected


def test_mentioned_name_strips_an_article_as_a_word_only() -> None:
    """« Les Ateliers du Canal » is the partner « Ateliers du Canal »; « Roy Services » is not
    « Leroy Services » (the article is a word of its own, not the start of a name)."""
    partners = [_partner(id="a", raison_sociale="Ateliers du Canal"),
                _partner(id="l", raison_sociale="Leroy Services")]
    assert mentioned_name("Les Ateliers du Canal", partners) != "Les Ateliers du Canal"
    assert mentioned_name("Roy Services", partners) == "Roy Services"
