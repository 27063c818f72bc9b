"""French finishing of printed text (`french.finishing`), agreement (`french.grammar`,
`french.figures.quantite`) and the characters the documents' font prints (`french.glyphs`)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from coopdocs.french.figures import quantite
from coopdocs.french.finishing import finish_text, spans
from coopdocs.french.glyphs import pictographs, unprintable
from coopdocs.french.grammar import (
    a,
    announce,
    announce_bullets,
    announce_text,
    de,
    definite,
    full_sentence,
    liste,
    lower_first,
    other_parties,
    plural,
    singulier,
)

NBSP, NNBSP, NBHY = "\u00a0", "\u202f", "\u2011"


@pytest.mark.parametrize(("raw", "finished"), [
    ("Recycl'Action 93", "Recycl’Action 93"),
    ("le 15 décembre 2026", f"le 15{NBSP}décembre{NBSP}2026"),
    ("le 1er janvier 2027", f"le 1er{NBSP}janvier{NBSP}2027"),
    ("en août 2027", f"en août{NBSP}2027"),
    ("40 000,00 €", f"40{NNBSP}000,00{NBSP}€"),
    (f"40{NNBSP}000,00{NNBSP}€", f"40{NNBSP}000,00{NBSP}€"),
    ("1 200 000 euros", f"1{NNBSP}200{NNBSP}000{NBSP}euros"),
    ("50 %", f"50{NBSP}%"),
    ("loi n° 78-17, art. 4 et article 12",
     f"loi n°{NBSP}78{NBHY}17, art.{NBSP}4 et article{NBSP}12"),
    # The hyphen of a code or a number never breaks (#21); the sign before it is bound too.
    ("article L. 2122-22", f"article L.{NBSP}2122{NBHY}22"),
    ("articles R. 2142-19 à R. 2142-27", f"articles R.{NBSP}2142{NBHY}19 à R.{NBSP}2142{NBHY}27"),
    ("R2142-19, J-30, J+30, J-0", f"R2142{NBHY}19, J{NBHY}30, J+30, J{NBHY}0"),
    ("2026-2027, COVID-19", f"2026{NBHY}2027, COVID{NBHY}19"),
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
    # A postal code, a year alone, an address: nothing to join or to change; a compound word
    # or a name breaks at its hyphen (French typography allows it), a minus sign is no code.
    for text in ("93200 Saint-Denis", "en 2027", "12 rue de la Briche", "Seine-Saint-Denis",
                 "au-delà", "Île-de-France", "a-1", "-5", "M. L. Dupont"):
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


@pytest.mark.parametrize(("items", "listed"), [
    # A name that opens with a common noun takes its article in a list (juriste-A #17), as
    # the convention writes it elsewhere (« la Commune de Pantin intervient… »).
    (["La Ressourcerie de l'Ourcq", "Répar'Ourcq", "Commune de Pantin"],
     "La Ressourcerie de l'Ourcq, Répar'Ourcq et la Commune de Pantin"),
    (["Établissement public territorial Plaine Commune", "Réseau des SIAE"],
     "l'Établissement public territorial Plaine Commune et le Réseau des SIAE"),
    (["Département de la Seine-Saint-Denis", "RA93"],
     "le Département de la Seine-Saint-Denis et RA93"),
    # Names without a common noun, words already articled, lower-case words: as they are.
    (["Recycl'Action 93 (RA93)", "Les Jardins de Bondy"],
     "Recycl'Action 93 (RA93) et Les Jardins de Bondy"),
    (["la modification du budget", "l'entrée d'une Partie"],
     "la modification du budget et l'entrée d'une Partie"),
    (["commune", "ville"], "commune et ville"),
    # One name alone is no list: a table cell keeps it as it is.
    (["Commune de Pantin"], "Commune de Pantin"),
])
def test_a_list_of_names_gives_each_its_article(items: list[str], listed: str) -> None:
    assert liste(items) == listed


def test_pictographs_are_the_symbols_a_name_never_holds() -> None:
    """An emoji, a dingbat, an icon font's private character: never a letter of a name. The
    letters of another script are not pictographs, nor the symbols the font prints."""
    assert pictographs("Île & Ailes 🌱, ☀ et ✿, 東京, \ue000") == ["🌱", "☀", "✿", "\ue000"]
    assert pictographs("Régie n° 3 — Quai™ © № ♥ ☺") == []
    # The variation selector and the skin tone belong to the emoji they follow.
    assert pictographs("❤️ 👍🏽") == ["❤", "👍"]
    assert pictographs("1️⃣") == ["\ufe0f", "\u20e3"]  # a digit made an emoji: still named


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
    # A first name or a city that ends like a verb, followed by a name (the review).
    ("Pierre Dubois", "Pierre Dubois"),
    ("Claire Martin (DDETS)", "Claire Martin (DDETS)"),
    ("Montpellier Méditerranée Métropole", "Montpellier Méditerranée Métropole"),
])
def test_lower_first_keeps_proper_names(phrase: str, lowered: str) -> None:
    assert lower_first(phrase) == lowered


@pytest.mark.parametrize(("phrase", "lowered"), [
    # juriste #8: another capitalised word far in the phrase made it « a name ».
    ("Être une structure de l'insertion par l'activité économique du territoire de l'Ourcq, "
     "adhérer à la charte", "être une structure de l'insertion par l'activité économique du "
     "territoire de l'Ourcq, adhérer à la charte"),
    ("Accord unanime du comité.", "accord unanime du comité."),
    ("Modification du budget de la Plateforme", "modification du budget de la Plateforme"),
    ("Tableau de bord de France Travail", "tableau de bord de France Travail"),
    ("Œuvre commune", "œuvre commune"),
    ("À définir par le comité", "à définir par le comité"),
    ("Dans le respect de la charte", "dans le respect de la charte"),
    # A verb opens no name, whatever follows it.
    ("Être SIAE conventionnée", "être SIAE conventionnée"),
    ("Adhérer à la CRESS", "adhérer à la CRESS"),
    ("Animation « Café du quai »", "animation « Café du quai »"),
    # Acronyms, words with another capital, names reached through the small words of a name.
    ("SIAE du territoire", "SIAE du territoire"),
    ("ETTI ou AI du bassin", "ETTI ou AI du bassin"),
    ("ReSSources partagées", "ReSSources partagées"),
    ("Net'Insert 93 exécute le marché", "Net'Insert 93 exécute le marché"),
    ("Éloïse-Anaïs préside", "Éloïse-Anaïs préside"),
    ("Île-de-France Active", "Île-de-France Active"),
    ("Département de la Seine-Saint-Denis", "Département de la Seine-Saint-Denis"),
    ("Maison de l'Emploi de Pantin", "Maison de l'Emploi de Pantin"),
    ("Fédération des ACI d'Île-de-France", "Fédération des ACI d'Île-de-France"),
])
def test_lower_first_after_a_colon(phrase: str, lowered: str) -> None:
    assert lower_first(phrase) == lowered


def test_lower_first_keeps_the_project_s_names_and_the_user_s_sentences() -> None:
    """A partner's name (« Les Jardins de Bondy », a leading article it cannot tell from the
    ordinary one) keeps its capital when the project names it; a full sentence the user wrote
    keeps it when printed as a paragraph of its own."""
    names = ["Les Jardins de Bondy", "L'Œuvre d'Insertion & de Tri \"Les Quais\" <SO>"]
    assert lower_first("Les Jardins de Bondy accueillent", names) == (
        "Les Jardins de Bondy accueillent")
    assert lower_first("Les Jardins de Bondy accueillent") == "les Jardins de Bondy accueillent"
    assert lower_first("L’Œuvre d’Insertion & de Tri \"Les Quais\" <SO> présente", names) == (
        "L’Œuvre d’Insertion & de Tri \"Les Quais\" <SO> présente")
    assert lower_first("Les Jardins de Bondyville", names) == "les Jardins de Bondyville"
    sentence = "La structure adhère à la charte."
    assert lower_first(sentence, paragraph=True) == sentence
    assert lower_first(sentence) == "la structure adhère à la charte."
    assert lower_first("Être une SIAE. Adhérer à la charte.", paragraph=True) == (
        "Être une SIAE. Adhérer à la charte.")
    assert lower_first("Accord unanime du comité.", paragraph=True) == (
        "accord unanime du comité.")
    assert [full_sentence(t) for t in ("Toute structure adhère.", "Adhésion à la charte.",
                                       "Chaque membre vote", "Être une SIAE ! Et adhérer.")] == [
        True, False, False, True]


def test_a_user_text_announced_by_a_colon() -> None:
    """One paragraph runs on after the colon, lowered, and ends the sentence; several stay
    paragraphs, each lowered unless it is a full sentence; nothing gives nothing."""
    lead = "Une nouvelle structure peut rejoindre le projet aux conditions suivantes"
    assert announce_text("Être une SIAE du territoire, adhérer à la charte.", lead) == (
        f"{lead}{NBSP}: être une SIAE du territoire, adhérer à la charte.", [])
    assert announce_text("Accord du comité ?", lead)[0].endswith(": accord du comité ?")
    assert announce_text("Être une SIAE.\n\nLa structure adhère à la charte.", lead) == (
        f"{lead}{NBSP}:", ["être une SIAE.", "La structure adhère à la charte."])
    assert announce_text("Les Jardins de Bondy l'admettent", lead, ["Les Jardins de Bondy"]) == (
        f"{lead}{NBSP}: Les Jardins de Bondy l'admettent.", [])
    assert announce_text("  \n", lead) == ("", [])


@pytest.mark.parametrize(("phrase", "with_de", "with_a"), [
    ("Les Jardins de Bondy", "des Jardins de Bondy", "aux Jardins de Bondy"),
    ("Le Relais", "du Relais", "au Relais"),
    ("L'Union régionale", "de l'Union régionale", "à l'Union régionale"),
    ("la société Répar'Tout", "de la société Répar'Tout", "à la société Répar'Tout"),
    ("Plaine Commune", "de Plaine Commune", "à Plaine Commune"),
])
def test_prepositions_contract_a_name_s_article(phrase: str, with_de: str, with_a: str) -> None:
    assert (de(phrase), a(phrase)) == (with_de, with_a)
