"""French finishing of printed text (`french.finishing`), agreement (`french.grammar`,
`french.figures.quantite`) and the characters the documents' font prints (`french.glyphs`)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from coopdocs.french.figures import quantite
from coopdocs.french.finishing import finish_text, spans
from coopdocs.french.glyphs import unprintable
from coopdocs.french.grammar import (
    a,
    announce,
    announce_bullets,
    de,
    definite,
    lower_first,
    other_parties,
    plural,
    singulier,
)

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(("raw", "finished"), [
    ("Recycl'Action 93", "Recycl’Action 93"),
    ("le 15 décembre 2026", f"le 15{NBSP}décembre{NBSP}2026"),
    ("le 1er janvier 2027", f"le 1er{NBSP}janvier{NBSP}2027"),
    ("en août 2027", f"en août{NBSP}2027"),
    ("40 000,00 €", f"40{NNBSP}000,00{NBSP}€"),
    (f"40{NNBSP}000,00{NNBSP}€", f"40{NNBSP}000,00{NBSP}€"),
    ("1 200 000 euros", f"1{NNBSP}200{NNBSP}000{NBSP}euros"),
    ("50 %", f"50{NBSP}%"),
    ("loi n° 78-17, art. 4 et article 12", f"loi n°{NBSP}78-17, art.{NBSP}4 et article{NBSP}12"),
    ("Qui fait quoi ? Voici : tout", f"Qui fait quoi{NNBSP}? Voici{NBSP}: tout"),
    ("« x »", f"«{NBSP}x{NBSP}»"),
    ('Tri "Les Quais" et "on verra"', f"Tri «{NBSP}Les Quais{NBSP}» et «{NBSP}on verra{NBSP}»"),
    ("'apostrophe' l'été", "‘apostrophe’ l’été"),
    ("« Trier les « biodéchets » ensemble »", f"«{NBSP}Trier les “biodéchets” ensemble{NBSP}»"),
    ("01 48 20 00 01", f"01{NBSP}48{NBSP}20{NBSP}00{NBSP}01"),
    ("+33 1 40 11 22 33", f"+33{NBSP}1{NBSP}40{NBSP}11{NBSP}22{NBSP}33"),
])
def test_finish_text(raw: str, finished: str) -> None:
    assert finish_text(raw) == finished
    assert finish_text(finished) == finished  # idempotent


def test_finish_leaves_other_numbers_alone() -> None:
    # A postal code, a year alone, an address: nothing to join or to change.
    for text in ("93200 Saint-Denis", "en 2027", "12 rue de la Briche"):
        assert finish_text(text) == text


def test_spans_raise_ordinals_and_mark_gaps() -> None:
    text = "le 1er mai, la 2e étape, 3es ; [À compléter avant signature : le 1er acte]"
    found = list(spans(text))
    assert [(text[a:b], kind) for a, b, kind in found] == [
        ("er", "ordinal"), ("e", "ordinal"), ("es", "ordinal"),
        ("[À compléter avant signature : le 1er acte]", "marker")]


@pytest.mark.parametrize("text", ["A1er", "12.5e", "1,5e", "2ème", "1erement", "V2e2"])
def test_spans_ignore_what_is_not_an_ordinal(text: str) -> None:
    assert list(spans(text)) == []


@pytest.mark.parametrize(("n", "word", "expected"), [
    (0, "jour", "jour"), (1, "jour", "jour"), (2, "jour", "jours"), (2, "voix", "voix"),
    (3, "mois", "mois"), (4, "siège", "sièges"), (2, "nez", "nez"), (2, "œil", "yeux"),
])
def test_plural(n: int, word: str, expected: str) -> None:
    assert plural(n, word, "yeux" if word == "œil" else None) == expected


@pytest.mark.parametrize(("phrase", "expected"), [
    ("Entrée d'un nouveau partenaire", "l'entrée d'un nouveau partenaire"),
    ("Modification du budget", "la modification du budget"),
    ("Recrutement du coordinateur", "le recrutement du coordinateur"),
    ("Statuts", "les statuts"), ("Choix du prestataire", "le choix du prestataire"),
    ("Hausse des cotisations", "la hausse des cotisations"),
    ("Habilitation du mandataire", "l'habilitation du mandataire"),
    ("Clôture des comptes", "la clôture des comptes"),
    ("Dossier de financement", "le dossier de financement"),
    # Infinitives and phrases with their own determiner are left as they are.
    ("Admettre un nouveau partenaire", "admettre un nouveau partenaire"),
    ("Exclure un membre", "exclure un membre"), ("La charte", "la charte"),
    # Nothing tells the gender: no article guessed.
    ("Xylophone commun", None), ("", None),
])
def test_definite(phrase: str, expected: str | None) -> None:
    assert definite(phrase) == expected


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        # Two items or more: the lead-in, a colon, the list.
        (["l'entrée d'un partenaire", "la modification du budget"],
         f"pour{NBSP}: l'entrée d'un partenaire et la modification du budget"),
        (["A", "B", "C"], f"pour{NBSP}: A, B et C"),
        # One item is no list: no colon between « pour » and what it governs.
        (["l'admission d'un nouveau membre"], "pour l'admission d'un nouveau membre"),
        (["l'admission d'un nouveau membre", "  "], "pour l'admission d'un nouveau membre"),
        ([], ""),
    ],
)
def test_announce_a_preposition(items: list[str], expected: str) -> None:
    assert announce(items, "pour", "pour") == expected


def test_announce_agrees_suivant_with_a_single_item() -> None:
    many, one = "les collectifs suivants", f"le collectif suivant{NBSP}:"
    assert announce(["A"], many, one) == f"le collectif suivant{NBSP}: A"
    assert announce(["A", "B"], many, one, f"{NNBSP}; ".join) == (
        f"les collectifs suivants{NBSP}: A{NNBSP}; B")


def test_announce_bullets_makes_one_item_a_sentence() -> None:
    lead, single = "Apports au projet", "RA93 contribue au projet par"
    assert announce_bullets(["un apport financier"], lead, single) == (
        "RA93 contribue au projet par un apport financier.", [])
    assert announce_bullets(["un apport financier", "un local", " "], lead, single) == (
        f"Apports au projet{NBSP}:", [f"un apport financier{NNBSP};", "un local."])
    assert announce_bullets([], lead, single) == ("", [])


def test_other_parties_agree_with_their_number() -> None:
    two, three = other_parties(2), other_parties(3)
    assert set(two) == set(three)
    assert (two["reciproque"], three["reciproque"]) == ("l'une envers l'autre",
                                                        "les unes envers les autres")
    assert (two["aux_parties"], three["aux_parties"]) == ("à l'autre Partie",
                                                          "aux autres Parties")
    assert (two["toutes"], three["toutes"]) == ("les deux Parties", "l'ensemble des Parties")
    assert other_parties(12) == three


@pytest.mark.parametrize(("phrase", "expected"), [
    ("jours", "jour"), ("mois", "mois"), ("heures de formation", "heure de formation"),
    ("salarié·e·s formé·e·s", "salarié·e formé·e"), ("tonnes", "tonne"), ("%", "%"),
    ("bureaux", "bureau"), ("m²", "m²"),
])
def test_singulier(phrase: str, expected: str) -> None:
    assert singulier(phrase) == expected


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (0, "jours", f"0{NBSP}jour"), (Decimal("1.5"), "heures", f"1,5{NBSP}heure"),
    (5, "jours", f"5{NBSP}jours"), (24, "personnes", f"24{NBSP}personnes"),
    (15, "%", f"15{NBSP}%"), (1200, None, f"1{NNBSP}200"),
])
def test_quantite(value: object, unit: str | None, expected: str) -> None:
    assert quantite(value, unit) == expected  # type: ignore[arg-type]


def test_unprintable_characters() -> None:
    assert unprintable("Recycl’Action « 93 » — œuvre, Ærø, Ελλάδα, Москва, 40 €") == []
    assert unprintable(f"50{NBSP}%, 40{NNBSP}000") == []
    assert unprintable("Île & Ailes 🌱 et 🌱, 東京, عربي") == ["🌱", "東", "京", "ع", "ر", "ب", "ي"]
    assert unprintable("mot\u200bcollé") == []  # invisible on paper: nothing to warn about


@pytest.mark.parametrize(("phrase", "lowered"), [
    ("Entrée d'un partenaire", "entrée d'un partenaire"),
    ("Note aux équipes", "note aux équipes"),
    ("COPIL mensuel", "COPIL mensuel"),
    ("France Travail", "France Travail"),
    ("Réseau des SIAE de l'Est francilien", "Réseau des SIAE de l'Est francilien"),
    ("L'Union régionale des SIAE", "l'Union régionale des SIAE"),
    ("Les Jardins de Bondy", "les Jardins de Bondy"),
    ("Met à disposition le local « Quai & Co »", "met à disposition le local « Quai & Co »"),
    # A comma after the first word does not make it a name (the SCIC example's principle).
    ("Salarié·e·s, habitant·e·s et commune seront décideurs",
     "salarié·e·s, habitant·e·s et commune seront décideurs"),
    ("Paris, Lyon et Lille", "Paris, Lyon et Lille"),
    ("RGPD, conformité", "RGPD, conformité"),
])
def test_lower_first_keeps_proper_names(phrase: str, lowered: str) -> None:
    assert lower_first(phrase) == lowered


@pytest.mark.parametrize(("phrase", "with_de", "with_a"), [
    ("Les Jardins de Bondy", "des Jardins de Bondy", "aux Jardins de Bondy"),
    ("Le Relais", "du Relais", "au Relais"),
    ("L'Union régionale", "de l'Union régionale", "à l'Union régionale"),
    ("la société Répar'Tout", "de la société Répar'Tout", "à la société Répar'Tout"),
    ("Plaine Commune", "de Plaine Commune", "à Plaine Commune"),
])
def test_prepositions_contract_a_name_s_article(phrase: str, with_de: str, with_a: str) -> None:
    assert (de(phrase), a(phrase)) == (with_de, with_a)
