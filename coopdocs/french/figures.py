"""Numbers in figures, the French way: « 12 500,00 € », « 1 234,5 », « 50 % », « 1er », SIRET.

The characters are CLDR's for fr_FR (what Babel prints, checked against it in the tests):
U+202F NARROW NO-BREAK SPACE between groups of thousands, a decimal comma, U+00A0 NO-BREAK
SPACE before « € » and « % ». A figure is therefore never split across two lines. Written
here rather than asked of Babel so that `coopdocs validate`, whose messages quote amounts,
loads no locale data.

Wrong input raises ``ValueError`` with a French message: it ends up in front of the person who
wrote the project file or the template, not of a developer.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Literal

from coopdocs.french.grammar import singulier
from coopdocs.french.typography import NBSP, NNBSP

__all__ = [
    "CENT",
    "Gender",
    "Number",
    "check_gender",
    "montant",
    "nombre",
    "ordinal",
    "pourcentage",
    "proportion",
    "quantite",
    "siret",
    "to_cents",
    "to_decimal",
    "to_int",
]

Gender = Literal["m", "f"]
Number = Decimal | int | float | str

CENT = Decimal("0.01")
# Separators a human (or CLDR) may have typed inside a number: "40 000", "40\u202f000".
NUMBER_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")


def to_decimal(value: Any, what: str = "nombre") -> Decimal:
    """An already-normalised number as ``Decimal``, without any binary float arithmetic.

    Floats go through ``str()`` (their shortest repr), so 0.1 stays exactly 0.1. Strings may
    carry group separators ("40 000") and a decimal comma ("12,5") when no dot is present.
    """
    if isinstance(value, bool) or value is None:
        raise ValueError(f"{what.capitalize()} manquant ou invalide : {value!r}.")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float):
        result = Decimal(str(value))
    elif isinstance(value, str):
        text = NUMBER_SPACES.sub("", value)
        if "," in text:
            if "." in text:
                raise ValueError(
                    f"{what.capitalize()} ambigu : {value!r} (utilisez soit la virgule, "
                    "soit le point comme séparateur décimal)."
                )
            text = text.replace(",", ".")
        try:
            result = Decimal(text)
        except InvalidOperation:
            raise ValueError(
                f"{what.capitalize()} invalide : {value!r} "
                "(attendu un nombre, par exemple 12500.50)."
            ) from None
    else:
        raise ValueError(f"{what.capitalize()} invalide : {value!r} (attendu un nombre).")
    if not result.is_finite():
        raise ValueError(f"{what.capitalize()} invalide : {value!r}.")
    # Avoid « -0 » or « -0,00 € » in a document.
    return result.copy_abs() if result.is_zero() else result


def to_cents(value: Any) -> Decimal:
    """An amount quantized to the cent, half up, so figures and words can never disagree."""
    return to_decimal(value, "montant").quantize(CENT, rounding=ROUND_HALF_UP)


def to_int(value: Any, what: str = "nombre") -> int:
    number = to_decimal(value, what)
    if number != number.to_integral_value():
        raise ValueError(f"{what.capitalize()} invalide : {value!r} (attendu un nombre entier).")
    return int(number)


def check_gender(genre: str) -> None:
    if genre not in ("m", "f"):
        raise ValueError(f"Gender invalide : {genre!r} (attendu « m » ou « f »).")


def _figures(number: Decimal, decimals: int | None) -> str:
    """Digits grouped by three (U+202F), decimal comma; ``decimals=None`` keeps every
    significant decimal and drops trailing zeros."""
    sign = "-" if number.is_signed() and not number.is_zero() else ""
    whole, _, fraction = format(abs(number), "f").partition(".")
    if decimals is None:
        fraction = fraction.rstrip("0")
    else:
        fraction = fraction.ljust(decimals, "0")[:decimals]
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = NNBSP.join([whole, *groups])
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def montant(value: Number, *, centimes: bool = True) -> str:
    """« 12 500,00 € »: two decimals, groups of thousands, no-break space before €.

    ``centimes=False`` writes a round amount without them (« 23 000 € »): a legal threshold,
    as the law states it. An amount with cents keeps them either way.
    """
    cents = to_cents(value)
    decimals = 2 if centimes or cents != cents.to_integral_value() else 0
    return f"{_figures(cents, decimals)}{NBSP}€"


def nombre(value: Number) -> str:
    """« 0,5 », « 1 234,5 »: every significant decimal kept, no trailing zeros.

    Thousands are grouped, so do not use it for years, postal codes or article numbers.
    """
    return _figures(to_decimal(value), None)


def quantite(value: Number, unit: str | None) -> str:
    """« 5 jours », « 0 jour », « 1,5 heure », « 24 personnes », « 80 % »: a number with its
    unit on one line (no-break space), the unit in the singular below 2 as French wants."""
    number = to_decimal(value)
    figures = _figures(number, None)
    unit = (unit or "").strip()
    if not unit:
        return figures
    return f"{figures}{NBSP}{singulier(unit) if abs(number) < 2 else unit}"


def pourcentage(value: Number) -> str:
    """« 50 % », « 33,33 % », « 12,5 % » from a number on a 0–100 scale (not a ratio).

    Rounded half up to two decimals, trailing zeros dropped, no-break space before « % ».
    """
    number = to_decimal(value, "pourcentage").quantize(CENT, rounding=ROUND_HALF_UP)
    return f"{_figures(number, None)}{NBSP}%"


# Fractions lawyers actually write after « majorité » / « quorum ». Fifths are left out on
# purpose: « trois cinquièmes » and « quatre cinquièmes » are rare in association practice and
# a percentage reads unambiguously.
_FRACTIONS: tuple[tuple[Fraction, str], ...] = (
    (Fraction(1), "de la totalité"),
    (Fraction(1, 2), "de la moitié"),
    (Fraction(1, 3), "du tiers"),
    (Fraction(2, 3), "des deux tiers"),
    (Fraction(1, 4), "du quart"),
    (Fraction(3, 4), "des trois quarts"),
)
# Thirds have no finite decimal form, so people write 0.66, 0.666, 0.6667 or 0.67: they are
# accepted within 0.01. Halves and quarters must match exactly, because 0.51 (« 51 % ») is a
# different rule from « la moitié ».
_THIRDS_TOLERANCE = Fraction(1, 100)


def proportion(value: Number | Fraction) -> str:
    """The phrase after « majorité » / « quorum »: 0.75 → « des trois quarts ».

    ``value`` is a ratio in (0, 1]. Halves, quarters and the whole match exactly; thirds match
    within ±0.01 (0.66 and 0.67 both mean two thirds); anything else falls back to a percentage
    (0.6 → « de 60 % »).
    """
    if isinstance(value, Fraction):
        ratio = value
    elif isinstance(value, str) and "/" in value:
        try:
            ratio = Fraction(NUMBER_SPACES.sub("", value))
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"Proportion invalide : {value!r}.") from None
    else:
        ratio = Fraction(to_decimal(value, "proportion"))
    if not 0 < ratio <= 1:
        raise ValueError(
            f"Proportion invalide : {value!r} (attendu un rapport entre 0 exclu et 1, "
            "par exemple 0.5 pour la moitié)."
        )
    for fraction, phrase in _FRACTIONS:
        tolerance = _THIRDS_TOLERANCE if fraction.denominator == 3 else 0
        if abs(ratio - fraction) <= tolerance:
            return phrase
    percent = Decimal(ratio.numerator) * 100 / Decimal(ratio.denominator)
    return f"de {pourcentage(percent)}"


def ordinal(value: int | str, genre: Gender = "m") -> str:
    """« 1er » (« 1re » with ``genre="f"``), then « 2e », « 3e »... never « 2ème »."""
    check_gender(genre)
    number = to_int(value, "numéro")
    if number < 1:
        raise ValueError(f"Numéro invalide : {value!r} (attendu un entier à partir de 1).")
    if number == 1:
        return "1er" if genre == "m" else "1re"
    return f"{number}e"


def siret(value: str | int) -> str:
    """« 412 783 904 00003 » (3-3-3-5) from 14 digits, spaces allowed in the input.

    Groups are joined by U+00A0 so Word never breaks a SIRET across two lines. The Luhn check
    belongs to validation, not here.
    """
    if value is None or isinstance(value, bool):
        raise ValueError("Numéro SIRET manquant.")
    digits = NUMBER_SPACES.sub("", str(value))
    if not (len(digits) == 14 and digits.isascii() and digits.isdigit()):
        raise ValueError(
            f"Numéro SIRET invalide : {value!r} "
            "(attendu 14 chiffres, par exemple 412 783 904 00003)."
        )
    return NBSP.join((digits[:3], digits[3:6], digits[6:9], digits[9:]))
