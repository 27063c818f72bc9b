"""The French legal formatting filters of the templates (coopdocs.french.filters.FILTERS).

The filters are tested as templates see them, by their names in FILTERS (their functions live
in the modules of coopdocs.french). Expected strings spell out U+00A0 (NBSP) and U+202F (NNBSP)
explicitly: they are what must reach the Word documents (the figures Babel used to produce).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdocs.french.filters import FILTERS

f = SimpleNamespace(**FILTERS)  # f.montant is the filter `|montant` of the templates

NBSP = "\u00a0"
NNBSP = "\u202f"

MOIS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


# --------------------------------------------------------------------------- FILTERS


def test_filters_has_exactly_the_contract_names() -> None:
    expected = {
        "date_longue",
        "date_courte",
        "mois_annee",
        "montant",
        "montant_lettres",
        "nombre",
        "nombre_lettres",
        "pourcentage",
        "proportion",
        "ordinal",
        "siret",
        "nom_personne",
        "civilite",
        "liste",
        "paragraphes",
        "majuscule_initiale",
    }
    assert set(FILTERS) == expected
    assert all(callable(func) for func in FILTERS.values())


def test_filters_work_in_jinja() -> None:
    jinja2 = pytest.importorskip("jinja2")
    env = jinja2.Environment()
    env.filters.update(FILTERS)
    template = env.from_string(
        "Fait le {{ d|date_longue }}, en {{ n|nombre_lettres('m') }} exemplaires, "
        "pour {{ m|montant_lettres }} ({{ m|montant }}), {{ xs|liste('ou') }}."
    )
    out = template.render(d=dt.date(2027, 1, 1), n=3, m=Decimal("12500.00"), xs=["A", "B"])
    assert out == (
        "Fait le 1er janvier 2027, en trois exemplaires, pour douze mille cinq cents euros "
        f"(12{NNBSP}500,00{NBSP}€), A ou B."
    )


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize("month", range(1, 13))
def test_date_longue_first_of_each_month(month: int) -> None:
    assert f.date_longue(dt.date(2027, month, 1)) == f"1er {MOIS[month - 1]} 2027"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2026, 11, 27), "27 novembre 2026"),
        (dt.date(2027, 1, 2), "2 janvier 2027"),
        (dt.date(2027, 12, 31), "31 décembre 2027"),
        (dt.date(2028, 2, 29), "29 février 2028"),
        (dt.datetime(2027, 1, 1, 23, 59), "1er janvier 2027"),
        (dt.datetime(2026, 8, 15, 9, 30), "15 août 2026"),
    ],
)
def test_date_longue(value: dt.date, expected: str) -> None:
    assert f.date_longue(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2027, 1, 1), "01/01/2027"),
        (dt.date(2026, 11, 27), "27/11/2026"),
        (dt.datetime(2027, 9, 5, 12, 0), "05/09/2027"),
    ],
)
def test_date_courte(value: dt.date, expected: str) -> None:
    assert f.date_courte(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (dt.date(2027, 1, 1), "janvier 2027"),
        (dt.date(2026, 8, 31), "août 2026"),
        (dt.date(2026, 12, 15), "décembre 2026"),
    ],
)
def test_mois_annee(value: dt.date, expected: str) -> None:
    assert f.mois_annee(value) == expected


@pytest.mark.parametrize("func", [f.date_longue, f.date_courte, f.mois_annee])
@pytest.mark.parametrize("value", [None, "2027-01-01", 20270101])
def test_dates_reject_non_dates_in_french(func: Any, value: Any) -> None:
    with pytest.raises(ValueError, match="Date"):
        func(value)


def test_date_none_message_is_explicit() -> None:
    with pytest.raises(ValueError, match="Date manquante"):
        f.date_longue(None)


# --------------------------------------------------------------------------- montant


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, f"0,00{NBSP}€"),
        (1, f"1,00{NBSP}€"),
        (Decimal("1.01"), f"1,01{NBSP}€"),
        (80, f"80,00{NBSP}€"),
        (1000, f"1{NNBSP}000,00{NBSP}€"),
        (12500, f"12{NNBSP}500,00{NBSP}€"),
        (Decimal("12500.50"), f"12{NNBSP}500,50{NBSP}€"),
        (Decimal("40000.00"), f"40{NNBSP}000,00{NBSP}€"),
        ("40000", f"40{NNBSP}000,00{NBSP}€"),
        ("40000.00", f"40{NNBSP}000,00{NBSP}€"),
        ("40 000", f"40{NNBSP}000,00{NBSP}€"),
        (f"40{NNBSP}000,00", f"40{NNBSP}000,00{NBSP}€"),
        (f"40{NBSP}000", f"40{NNBSP}000,00{NBSP}€"),
        (1_000_000, f"1{NNBSP}000{NNBSP}000,00{NBSP}€"),
        (1_000_000_000, f"1{NNBSP}000{NNBSP}000{NNBSP}000,00{NBSP}€"),
        (Decimal("1E+3"), f"1{NNBSP}000,00{NBSP}€"),
        (Decimal("-0.00"), f"0,00{NBSP}€"),
        (Decimal("-250.00"), f"-250,00{NBSP}€"),
        # Half up, the same rounding as montant_lettres.
        (Decimal("0.005"), f"0,01{NBSP}€"),
        (Decimal("2.675"), f"2,68{NBSP}€"),
        # A float is read through its shortest repr, never through binary arithmetic.
        (0.1, f"0,10{NBSP}€"),
    ],
)
def test_montant(value: Any, expected: str) -> None:
    assert f.montant(value) == expected


@given(cents=st.integers(-10**14, 10**14))
def test_montant_and_nombre_write_figures_as_babel_did(cents: int) -> None:
    """The figures are computed without Babel now: the same characters as Babel's fr_FR (CLDR)
    for any amount in cents, and for numbers with up to three decimals."""
    from babel.numbers import format_currency, format_decimal

    amount = Decimal(cents).scaleb(-2)
    assert f.montant(amount) == format_currency(amount, "EUR", locale="fr_FR")
    number = Decimal(cents).scaleb(-3)
    assert f.nombre(number) == format_decimal(number, locale="fr_FR")


@pytest.mark.parametrize("value", [None, True, "abc", "12,500.00", "", Decimal("NaN"), [1]])
def test_montant_rejects_garbage_in_french(value: Any) -> None:
    with pytest.raises(ValueError, match="Montant"):
        f.montant(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "zéro euro"),
        (Decimal("0.00"), "zéro euro"),
        (1, "un euro"),
        (Decimal("1.01"), "un euro et un centime"),
        (2, "deux euros"),
        (21, "vingt et un euros"),
        (71, "soixante et onze euros"),
        (80, "quatre-vingts euros"),
        (81, "quatre-vingt-un euros"),
        (91, "quatre-vingt-onze euros"),
        (100, "cent euros"),
        (101, "cent un euros"),
        (200, "deux cents euros"),
        (1000, "mille euros"),
        (2000, "deux mille euros"),
        (12500, "douze mille cinq cents euros"),
        (Decimal("12500.50"), "douze mille cinq cents euros et cinquante centimes"),
        (Decimal("12500.5"), "douze mille cinq cents euros et cinquante centimes"),
        (80000, "quatre-vingt mille euros"),
        (200000, "deux cent mille euros"),
        (1_000_000, "un million d'euros"),
        (2_000_000, "deux millions d'euros"),
        (1_200_000, "un million deux cent mille euros"),
        (80_000_000, "quatre-vingts millions d'euros"),
        (1_000_000_000, "un milliard d'euros"),
        (2_000_000_000, "deux milliards d'euros"),
        (1_000_001, "un million un euros"),
        (Decimal("40000.00"), "quarante mille euros"),
        ("40 000", "quarante mille euros"),
        ("40000.00", "quarante mille euros"),
        (Decimal("0.50"), "cinquante centimes"),
        (Decimal("0.01"), "un centime"),
        (Decimal("2.80"), "deux euros et quatre-vingts centimes"),
        (Decimal("3.99"), "trois euros et quatre-vingt-dix-neuf centimes"),
        (Decimal("1000000.21"), "un million d'euros et vingt et un centimes"),
    ],
)
def test_montant_lettres(value: Any, expected: str) -> None:
    assert f.montant_lettres(value) == expected


@pytest.mark.parametrize("value", [-1, Decimal("-0.01"), "-12500"])
def test_montant_lettres_rejects_negative(value: Any) -> None:
    with pytest.raises(ValueError, match="Montant négatif"):
        f.montant_lettres(value)


@pytest.mark.parametrize(
    ("value", "figures", "words"),
    [
        (
            "12500.505",
            f"12{NNBSP}500,51{NBSP}€",
            "douze mille cinq cents euros et cinquante et un centimes",
        ),
        ("0.999", f"1,00{NBSP}€", "un euro"),
        ("0.004", f"0,00{NBSP}€", "zéro euro"),
    ],
)
def test_montant_figures_and_words_round_alike(value: str, figures: str, words: str) -> None:
    assert (f.montant(value), f.montant_lettres(value)) == (figures, words)


# --------------------------------------------------------------------------- nombre


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("0.5"), "0,5"),
        ("0.5", "0,5"),
        (0.5, "0,5"),
        (Decimal("1234.5"), f"1{NNBSP}234,5"),
        (Decimal("1234.50"), f"1{NNBSP}234,5"),
        (Decimal("40000.00"), f"40{NNBSP}000"),
        (3, "3"),
        (0, "0"),
        (Decimal("-0"), "0"),
        (Decimal("1.125"), "1,125"),
        (Decimal("1234567.891"), f"1{NNBSP}234{NNBSP}567,891"),
        (Decimal("0.333333"), "0,333333"),
        ("2,5", "2,5"),
    ],
)
def test_nombre(value: Any, expected: str) -> None:
    assert f.nombre(value) == expected


@pytest.mark.parametrize(
    ("value", "genre", "expected"),
    [
        (0, "m", "zéro"),
        (1, "m", "un"),
        (1, "f", "une"),
        (3, "m", "trois"),
        (3, "f", "trois"),
        (21, "m", "vingt et un"),
        (21, "f", "vingt et une"),
        (81, "f", "quatre-vingt-une"),
        (101, "f", "cent une"),
        (71, "m", "soixante et onze"),
        (80, "m", "quatre-vingts"),
        (90, "m", "quatre-vingt-dix"),
        (200, "m", "deux cents"),
        (1000, "f", "mille"),
        (Decimal("4.00"), "m", "quatre"),
        ("12", "m", "douze"),
    ],
)
def test_nombre_lettres(value: Any, genre: str, expected: str) -> None:
    assert f.nombre_lettres(value, genre) == expected  # type: ignore[arg-type]


def test_nombre_lettres_default_is_masculine() -> None:
    assert f.nombre_lettres(1) == "un"


@pytest.mark.parametrize(("value", "genre"), [(Decimal("2.5"), "m"), (2, "x"), (None, "m")])
def test_nombre_lettres_rejects(value: Any, genre: str) -> None:
    with pytest.raises(ValueError):
        f.nombre_lettres(value, genre)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- pourcentage, ratio


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (50, f"50{NBSP}%"),
        (Decimal("50.00"), f"50{NBSP}%"),
        (Decimal("33.33"), f"33,33{NBSP}%"),
        (Decimal("33.333333"), f"33,33{NBSP}%"),
        (Decimal("66.666"), f"66,67{NBSP}%"),
        (Decimal("12.5"), f"12,5{NBSP}%"),
        (Decimal("12.50"), f"12,5{NBSP}%"),
        ("12.5", f"12,5{NBSP}%"),
        (0, f"0{NBSP}%"),
        (100, f"100{NBSP}%"),
        (0.5, f"0,5{NBSP}%"),
    ],
)
def test_pourcentage(value: Any, expected: str) -> None:
    assert f.pourcentage(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1"), "de la totalité"),
        (1, "de la totalité"),
        (Decimal("0.5"), "de la moitié"),
        (0.5, "de la moitié"),
        ("0.50", "de la moitié"),
        (Decimal("0.75"), "des trois quarts"),
        (Decimal("0.25"), "du quart"),
        # Thirds, within the ±0.01 tolerance.
        (Decimal("0.66"), "des deux tiers"),
        (Decimal("0.666"), "des deux tiers"),
        (Decimal("0.6667"), "des deux tiers"),
        (Decimal("0.67"), "des deux tiers"),
        (0.6666666666666666, "des deux tiers"),
        (Fraction(2, 3), "des deux tiers"),
        ("2/3", "des deux tiers"),
        (Decimal("0.33"), "du tiers"),
        (Decimal("0.3333"), "du tiers"),
        (Decimal("0.34"), "du tiers"),
        # Outside the tolerance, or not a fraction lawyers write → percentage.
        (Decimal("0.65"), f"de 65{NBSP}%"),
        (Decimal("0.68"), f"de 68{NBSP}%"),
        (Decimal("0.6"), f"de 60{NBSP}%"),
        (Decimal("0.8"), f"de 80{NBSP}%"),
        (Decimal("0.51"), f"de 51{NBSP}%"),
        (Decimal("0.49"), f"de 49{NBSP}%"),
        (Decimal("0.74"), f"de 74{NBSP}%"),
        (Decimal("0.555"), f"de 55,5{NBSP}%"),
        (Decimal("0.01"), f"de 1{NBSP}%"),
    ],
)
def test_proportion(value: Any, expected: str) -> None:
    assert f.proportion(value) == expected


@pytest.mark.parametrize("value", [0, Decimal("0"), Decimal("1.01"), 50, -0.5, None, "1/0", "x"])
def test_proportion_rejects_out_of_range(value: Any) -> None:
    with pytest.raises(ValueError, match=r"(?i)proportion"):
        f.proportion(value)


# --------------------------------------------------------------------------- ordinal, siret


@pytest.mark.parametrize(
    ("value", "genre", "expected"),
    [
        (1, "m", "1er"),
        (1, "f", "1re"),
        (2, "m", "2e"),
        (2, "f", "2e"),
        (3, "m", "3e"),
        (11, "m", "11e"),
        (21, "m", "21e"),
        ("4", "m", "4e"),
    ],
)
def test_ordinal(value: Any, genre: str, expected: str) -> None:
    assert f.ordinal(value, genre) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [0, -1, Decimal("1.5"), None])
def test_ordinal_rejects(value: Any) -> None:
    with pytest.raises(ValueError):
        f.ordinal(value)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("41278390400003", f"412{NBSP}783{NBSP}904{NBSP}00003"),
        ("412 783 904 00003", f"412{NBSP}783{NBSP}904{NBSP}00003"),
        (f"412{NBSP}783{NBSP}904{NBSP}00003", f"412{NBSP}783{NBSP}904{NBSP}00003"),
        ("356 000 000 09075", f"356{NBSP}000{NBSP}000{NBSP}09075"),
        (" 73282932000074 ", f"732{NBSP}829{NBSP}320{NBSP}00074"),
        (73282932000074, f"732{NBSP}829{NBSP}320{NBSP}00074"),
    ],
)
def test_siret(value: Any, expected: str) -> None:
    assert f.siret(value) == expected


@pytest.mark.parametrize(
    "value", ["4127839040000", "412783904000030", "41278390400A03", "", None, "٤١٢٧٨٣٩٠٤٠٠٠٠٣"]
)
def test_siret_rejects_in_french(value: Any) -> None:
    with pytest.raises(ValueError, match="SIRET"):
        f.siret(value)


# --------------------------------------------------------------------------- people


@dataclass
class Personne:
    prenom: str | None
    nom: str | None
    civilite: str | None = None


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ({"prenom": "Nadia", "nom": "Haddad"}, "Nadia HADDAD"),
        ({"prenom": "Claire", "nom": "Lefèvre"}, "Claire LEFÈVRE"),
        ({"prenom": "Jean-Pierre", "nom": "Dupont"}, "Jean-Pierre DUPONT"),
        ({"prenom": "Marie Hélène", "nom": "de La Fontaine"}, "Marie Hélène DE LA FONTAINE"),
        ({"prenom": "Éloïse", "nom": "N'Diaye-Çelik"}, "Éloïse N'DIAYE-ÇELIK"),
        ({"prenom": " Nadia ", "nom": "  Haddad  "}, "Nadia HADDAD"),
        ({"prenom": None, "nom": "Haddad"}, "HADDAD"),
        ({"nom": "Haddad"}, "HADDAD"),
        (Personne("Camille", "Martin"), "Camille MARTIN"),
    ],
)
def test_nom_personne(person: Any, expected: str) -> None:
    assert f.nom_personne(person) == expected


@pytest.mark.parametrize("person", [None, {"prenom": "Nadia"}, {"prenom": "Nadia", "nom": " "}])
def test_nom_personne_rejects_missing_surname(person: Any) -> None:
    with pytest.raises(ValueError, match=r"(?i)nom|personne"):
        f.nom_personne(person)


@pytest.mark.parametrize(
    ("person", "expected"),
    [
        ({"civilite": "madame"}, "Madame"),
        ({"civilite": "monsieur"}, "Monsieur"),
        ({"civilite": "neutre"}, ""),
        ({"civilite": None}, ""),
        ({}, ""),
        ("madame", "Madame"),
        ("Monsieur", "Monsieur"),
        ("neutre", ""),
        (Personne("Camille", "Martin", "madame"), "Madame"),
    ],
)
def test_civilite(person: Any, expected: str) -> None:
    assert f.civilite(person) == expected


def test_civilite_rejects_unknown_value() -> None:
    with pytest.raises(ValueError, match="Civilité invalide"):
        f.civilite({"civilite": "mademoiselle"})


# --------------------------------------------------------------------------- text


@pytest.mark.parametrize(
    ("items", "conjonction", "expected"),
    [
        ([], "et", ""),
        (None, "et", ""),
        (["A"], "et", "A"),
        (["A", "B"], "et", "A et B"),
        (["A", "B", "C"], "et", "A, B et C"),
        (["A", "B", "C", "D"], "et", "A, B, C et D"),
        (["A", "B"], "ou", "A ou B"),
        (["A", "B", "C"], "ou", "A, B ou C"),
        (["A", "B", "C", "D"], "ou", "A, B, C ou D"),
        (("A", "B"), "et", "A et B"),
        (iter(["A", "B", "C"]), "et", "A, B et C"),
        (["A", None, " ", "C"], "et", "A et C"),
        ([1, 2, 3], "et", "1, 2 et 3"),
        ("Seul", "et", "Seul"),
    ],
)
def test_liste(items: Any, conjonction: str, expected: str) -> None:
    assert f.liste(items, conjonction) == expected


def test_liste_default_conjunction_is_et() -> None:
    assert f.liste(["A", "B"]) == "A et B"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, []),
        ("", []),
        ("   \n \n", []),
        ("Un seul paragraphe.", ["Un seul paragraphe."]),
        ("Ligne un\nligne deux", ["Ligne un ligne deux"]),
        ("Premier.\n\nSecond.", ["Premier.", "Second."]),
        ("Premier.\n   \n\t\n\nSecond.", ["Premier.", "Second."]),
        ("  Premier   avec\tespaces  \n\n\n  Second  ", ["Premier avec espaces", "Second"]),
        ("Premier.\r\n\r\nSecond.\r\nsuite", ["Premier.", "Second. suite"]),
        ("\n\nA\n\n\n\nB\n\n", ["A", "B"]),
        (f"Quorum de 50{NBSP}%.", [f"Quorum de 50{NBSP}%."]),
        (["  A  b ", "", "C\nd", None, "E\n\nF"], ["A b", "C d", "E", "F"]),
        ([], []),
    ],
)
def test_paragraphes(text: Any, expected: list[str]) -> None:
    assert f.paragraphes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("été", "Été"),
        ("à compter du", "À compter du"),
        ("association ABC", "Association ABC"),
        ("Déjà", "Déjà"),
        ("l'été", "L'été"),
        ("« été »", "« Été »"),
        ("3 partenaires", "3 partenaires"),
        ("", ""),
        (None, ""),
        ("œuvre", "Œuvre"),
        ("éTÉ", "ÉTÉ"),
    ],
)
def test_majuscule_initiale(text: Any, expected: str) -> None:
    assert f.majuscule_initiale(text) == expected
