"""The French figures agree with CLDR (Babel) to the character, without Babel at run time."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from hypothesis import given
from hypothesis import strategies as st

from coopdocs.french.dates import date_courte, date_longue, mois_annee
from coopdocs.french.figures import montant, nombre, pourcentage

AMOUNTS = st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2,
                      allow_nan=False, allow_infinity=False)
NUMBERS = st.decimals(min_value=Decimal("-99999999.999999"), max_value=Decimal("99999999.999999"),
                      places=6, allow_nan=False, allow_infinity=False)
DAYS = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31))


@given(AMOUNTS)
def test_montant_is_babel_currency(amount: Decimal) -> None:
    assert montant(amount) == format_currency(amount, "EUR", locale="fr_FR")


@given(NUMBERS)
def test_nombre_is_babel_decimal(number: Decimal) -> None:
    expected = format_decimal(number, locale="fr_FR", decimal_quantization=False)
    if number.is_zero():  # coopdocs never prints « -0 » in a document
        expected = expected.removeprefix("-")
    assert nombre(number) == expected


@given(st.decimals(min_value=0, max_value=100, places=4, allow_nan=False, allow_infinity=False))
def test_pourcentage_is_babel_pattern(value: Decimal) -> None:
    rounded = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    expected = format_decimal(rounded, format="#,##0.##", locale="fr_FR")
    assert pourcentage(value) == f"{expected}\u00a0%"


@given(DAYS)
def test_dates_are_babel_dates(day: dt.date) -> None:
    assert date_courte(day) == format_date(day, "dd/MM/yyyy", locale="fr_FR")
    assert mois_annee(day) == format_date(day, "MMMM y", locale="fr_FR")
    expected = format_date(day, "d MMMM y", locale="fr_FR")
    assert date_longue(day) == (expected.replace("1 ", "1er ", 1) if day.day == 1 else expected)


def test_characters_are_the_ones_word_keeps_together() -> None:
    assert montant(Decimal("12500")) == "12\u202f500,00\u00a0€"
    assert nombre(Decimal("1234567.891")) == "1\u202f234\u202f567,891"
    assert pourcentage(50) == "50\u00a0%"
