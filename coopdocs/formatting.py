"""French legal formatting helpers, exposed to the document templates as Jinja filters.

Every function here is pure: it takes a value from the normalised project data (see
``docs/dev/contrat-interne.md``) and returns the text a lawyer expects to read in a signed
document — « 1er janvier 2027 », « 12 500,00 € », « douze mille cinq cents euros »,
« des deux tiers »... The mapping ``FILTERS`` is what the renderer registers in Jinja.

Non-breaking spaces are deliberate and must survive to Word: Babel (CLDR) puts U+202F NARROW
NO-BREAK SPACE between thousands groups and U+00A0 NO-BREAK SPACE before « € » and « % », and
``siret`` uses U+00A0 between its groups, so a figure is never split across two lines.

Wrong input raises ``ValueError`` with a French message, because it ends up in front of the
person who wrote the project file or the template, not of a developer.

This module imports Babel and num2words at import time; only the document builder imports it,
never the ``coopdocs validate`` path.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from typing import Any, Literal

from babel.core import Locale
from babel.dates import format_date
from babel.numbers import format_currency, format_decimal
from num2words import num2words

__all__ = [
    "FILTERS",
    "civilite",
    "date_courte",
    "date_longue",
    "liste",
    "majuscule_initiale",
    "mois_annee",
    "montant",
    "montant_lettres",
    "nom_personne",
    "nombre",
    "nombre_lettres",
    "ordinal",
    "paragraphes",
    "pourcentage",
    "proportion",
    "siret",
]

Genre = Literal["m", "f"]
Number = Decimal | int | float | str

_LOCALE = Locale.parse("fr_FR")
NBSP = "\u00a0"
NNBSP = "\u202f"

_CENT = Decimal("0.01")
# Separators a human (or Babel) may have typed inside a number: "40 000", "40\u202f000".
_NUMBER_SPACES = re.compile(r"[\s\u00a0\u202f\u2009]+")
# num2words' cardinal ends with one of these nouns when nothing follows them; French then
# needs « d'euros » (« un million d'euros ») instead of « euros ».
_LARGE_NOUN_END = re.compile(r"(?:illion|illiard)s?$")
_FINAL_UN = re.compile(r"(^|[ -])un$")
# Only ASCII whitespace is collapsed in running text: NBSP/NNBSP typed on purpose (« 50 % »)
# must stay non-breaking.
_ASCII_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n(?:[^\S\n]*\n)*")


# --------------------------------------------------------------------------- input helpers


def _to_decimal(value: Any, what: str = "nombre") -> Decimal:
    """Convert an already-normalised number to ``Decimal`` without any binary float arithmetic.

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
        text = _NUMBER_SPACES.sub("", value)
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


def _to_cents(value: Any) -> Decimal:
    """Quantize an amount to the cent, half up, so figures and words can never disagree."""
    return _to_decimal(value, "montant").quantize(_CENT, rounding=ROUND_HALF_UP)


def _to_int(value: Any, what: str = "nombre") -> int:
    number = _to_decimal(value, what)
    if number != number.to_integral_value():
        raise ValueError(f"{what.capitalize()} invalide : {value!r} (attendu un nombre entier).")
    return int(number)


def _check_genre(genre: str) -> None:
    if genre not in ("m", "f"):
        raise ValueError(f"Genre invalide : {genre!r} (attendu « m » ou « f »).")


def _field(obj: Any, name: str) -> Any:
    """Read ``name`` from a mapping or an object; absent means ``None``."""
    if isinstance(obj, Mapping):
        return obj.get(name)
    return getattr(obj, name, None)


def _to_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):  # datetime is a subclass of date
        return value
    if value is None:
        raise ValueError(
            "Date manquante : le modèle doit traiter lui-même le cas d'une date absente."
        )
    raise ValueError(f"Date invalide : {value!r} (attendu une date).")


# --------------------------------------------------------------------------- dates


def date_longue(value: dt.date | dt.datetime) -> str:
    """« 27 novembre 2026 », with « 1er » for the first day of a month (Babel omits it)."""
    day = _to_date(value)
    month_year = format_date(day, "MMMM y", locale=_LOCALE)
    return f"{'1er' if day.day == 1 else day.day} {month_year}"


def date_courte(value: dt.date | dt.datetime) -> str:
    """« 01/01/2027 », for tables."""
    return format_date(_to_date(value), "dd/MM/yyyy", locale=_LOCALE)


def mois_annee(value: dt.date | dt.datetime) -> str:
    """« janvier 2027 », for planning headers."""
    return format_date(_to_date(value), "MMMM y", locale=_LOCALE)


# --------------------------------------------------------------------------- numbers


def montant(value: Number) -> str:
    """« 12 500,00 € » exactly as Babel's fr_FR currency format (NNBSP groups, NBSP before €)."""
    return format_currency(_to_cents(value), "EUR", locale=_LOCALE)


def _cardinal(number: int) -> str:
    # Traditional spelling (num2words' default): « vingt et un », « deux cent un ».
    return num2words(number, lang="fr")


def montant_lettres(value: Number) -> str:
    """« douze mille cinq cents euros et cinquante centimes ».

    Built from the plain cardinal, never from num2words' ``to="currency"``, which reads ints as
    cents, prints « zéro centimes » and « un million euros ». The cents part only appears when
    non-zero; below one euro only the cents are written (« cinquante centimes »).
    """
    amount = _to_cents(value)
    if amount < 0:
        raise ValueError(f"Montant négatif : {value!r} (une somme en lettres doit être positive).")
    euros = int(amount)
    cents = int((amount - euros) * 100)

    words = _cardinal(euros)
    if euros == 1:
        euro_part = f"{words} euro"
    elif _LARGE_NOUN_END.search(words):
        euro_part = f"{words} d'euros"
    else:
        euro_part = f"{words} euros"

    if cents == 0:
        return "zéro euro" if euros == 0 else euro_part
    cent_part = f"{_cardinal(cents)} centime{'s' if cents > 1 else ''}"
    return cent_part if euros == 0 else f"{euro_part} et {cent_part}"


def nombre(value: Number) -> str:
    """« 0,5 », « 1 234,5 »: French decimal, every significant decimal kept, no trailing zeros.

    Thousands are grouped (NNBSP), so do not use it for years, postal codes or article numbers.
    """
    number = _to_decimal(value)
    return format_decimal(number, locale=_LOCALE, decimal_quantization=False)


def nombre_lettres(value: int | Decimal | str, genre: Genre = "m") -> str:
    """« trois », « vingt et un »; ``genre="f"`` only turns a final « un » into « une »."""
    _check_genre(genre)
    words = _cardinal(_to_int(value))
    if genre == "f":
        words = _FINAL_UN.sub(r"\1une", words)
    return words


def pourcentage(value: Number) -> str:
    """« 50 % », « 33,33 % », « 12,5 % » from a number on a 0–100 scale (not a ratio).

    Rounded half up to two decimals, trailing zeros dropped, NBSP before « % » like Babel.
    """
    number = _to_decimal(value, "pourcentage").quantize(_CENT, rounding=ROUND_HALF_UP)
    number = number.copy_abs() if number.is_zero() else number
    return f"{format_decimal(number, format='#,##0.##', locale=_LOCALE)}{NBSP}%"


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
            ratio = Fraction(_NUMBER_SPACES.sub("", value))
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"Proportion invalide : {value!r}.") from None
    else:
        ratio = Fraction(_to_decimal(value, "proportion"))
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


def ordinal(value: int | str, genre: Genre = "m") -> str:
    """« 1er » (« 1re » with ``genre="f"``), then « 2e », « 3e »... never « 2ème »."""
    _check_genre(genre)
    number = _to_int(value, "numéro")
    if number < 1:
        raise ValueError(f"Numéro invalide : {value!r} (attendu un entier à partir de 1).")
    if number == 1:
        return "1er" if genre == "m" else "1re"
    return f"{number}e"


# --------------------------------------------------------------------------- identifiers, people


def siret(value: str | int) -> str:
    """« 412 783 904 00003 » (3-3-3-5) from 14 digits, spaces allowed in the input.

    Groups are joined by U+00A0 so Word never breaks a SIRET across two lines. The Luhn check
    belongs to validation, not here.
    """
    if value is None or isinstance(value, bool):
        raise ValueError("Numéro SIRET manquant.")
    digits = _NUMBER_SPACES.sub("", str(value))
    if not (len(digits) == 14 and digits.isascii() and digits.isdigit()):
        raise ValueError(
            f"Numéro SIRET invalide : {value!r} "
            "(attendu 14 chiffres, par exemple 412 783 904 00003)."
        )
    return NBSP.join((digits[:3], digits[3:6], digits[6:9], digits[9:]))


def _clean_spaces(text: str) -> str:
    return _ASCII_SPACES.sub(" ", text).strip()


def nom_personne(person: Mapping[str, Any] | Any) -> str:
    """« Nadia HADDAD »: first name as written, surname in capitals with accents (« LEFÈVRE »)."""
    if person is None:
        raise ValueError("Personne manquante : impossible d'écrire son nom.")
    nom = _field(person, "nom")
    if not nom or not str(nom).strip():
        raise ValueError(f"Nom manquant pour la personne {person!r}.")
    prenom = _field(person, "prenom")
    parts = [_clean_spaces(str(prenom)) if prenom else "", _clean_spaces(str(nom)).upper()]
    return " ".join(part for part in parts if part)


_CIVILITES = {"madame": "Madame", "monsieur": "Monsieur", "neutre": ""}


def civilite(person: Mapping[str, Any] | str | Any) -> str:
    """« Madame », « Monsieur », or "" for ``neutre``; takes a person or the value itself."""
    raw = person if isinstance(person, str) else _field(person, "civilite")
    if raw is None:
        return ""
    key = str(raw).strip().lower()
    if key not in _CIVILITES:
        raise ValueError(
            f"Civilité invalide : {raw!r} (attendu « madame », « monsieur » ou « neutre »)."
        )
    return _CIVILITES[key]


# --------------------------------------------------------------------------- text


def liste(items: Iterable[Any] | None, conjonction: str = "et") -> str:
    """« A », « A et B », « A, B et C » (no comma before the conjunction, French usage).

    ``None`` and blank items are skipped so a missing optional value never leaves « A, , B ».
    """
    if items is None:
        return ""
    if isinstance(items, str):
        items = [items]
    words = [str(item).strip() for item in items if item is not None and str(item).strip()]
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjonction} {words[-1]}"


def paragraphes(text: str | Iterable[str] | None) -> list[str]:
    """Split free text on blank lines into clean paragraphs.

    Used as ``{%p for para in x|paragraphes %}{{ para }}{%p endfor %}``. Inside a paragraph
    line breaks become spaces and runs of ASCII whitespace are collapsed (NBSP is kept on
    purpose); empty paragraphs are dropped. A list of strings is accepted and
    each item is treated the same way, the results being concatenated.
    """
    if text is None:
        return []
    if not isinstance(text, str):
        return [para for item in text if item is not None for para in paragraphes(str(item))]
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = _BLANK_LINES.split(normalised)
    return [cleaned for chunk in chunks if (cleaned := _clean_spaces(chunk))]


def majuscule_initiale(text: str | None) -> str:
    """Upper-case the first letter, leave the rest untouched: « été » → « Été ».

    Leading quotes and punctuation are skipped (« « été » » → « « Été » »); if the text starts
    with a digit nothing changes.
    """
    if not text:
        return ""
    for index, char in enumerate(text):
        if char.isalnum():
            if char.isalpha():
                return text[:index] + char.upper() + text[index + 1 :]
            return text
    return text


FILTERS: dict[str, Callable[..., Any]] = {
    "date_longue": date_longue,
    "date_courte": date_courte,
    "mois_annee": mois_annee,
    "montant": montant,
    "montant_lettres": montant_lettres,
    "nombre": nombre,
    "nombre_lettres": nombre_lettres,
    "pourcentage": pourcentage,
    "proportion": proportion,
    "ordinal": ordinal,
    "siret": siret,
    "nom_personne": nom_personne,
    "civilite": civilite,
    "liste": liste,
    "paragraphes": paragraphes,
    "majuscule_initiale": majuscule_initiale,
}
