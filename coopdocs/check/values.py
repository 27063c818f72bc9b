"""Reading the values of a project file: each parser returns the normalised value or an `Issue`.

`check.schema` runs them as cerberus' `format` rule, then again to normalise valid data and to
word the error (one function, so the check and its message never disagree). Messages are French
and say what to write instead. Also the calendar arithmetic of durations (`add_months`).
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

from coopdocs.french.figures import montant

CENT = Decimal("0.01")


# --- Formats: each returns the normalised value, or an Issue saying what is wrong -------------

class Issue(NamedTuple):
    code: str
    message: str
    hint: str


_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_FR_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_AMOUNT = re.compile(r"(-?)(\d+)(?:[.,](\d+))?")
_ID = re.compile(r"[a-z0-9_-]+")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_DATE_HINT = "écrivez-la jour/mois/année (31/01/2027) ou année-mois-jour (2027-01-31)"
_AMOUNT_HINT = 'écrivez par exemple 12500, 12500.50 ou "12 500,50 €"'
# "20.000" or "20,000": twenty thousand for one reader, twenty for another.
_AMBIGUOUS = re.compile(r"(-?)([1-9][0-9]{0,2})[.,]([0-9]{3})")
# The years a cooperation project can run in: a date outside is a typo (0001-01-01, 2209) or a
# placeholder (9999-12-31 for "no end"), and would print "une durée de cent quatre-vingts ans".
FIRST_YEAR, LAST_YEAR = 2000, 2100
_SIRET_HINT = 'par exemple "412 783 904 00003" ; les espaces et les points sont acceptés'


def is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _to_decimal(value: Any) -> Decimal | None:
    try:
        # repr() of a float is its shortest exact spelling: 12500.5 stays 12500.5, no binary noise.
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def parse_amount(value: Any) -> Decimal | Issue:
    """``12500``, ``12500.5``, ``"12 500,50 €"`` (NBSP too) → ``Decimal`` to the cent."""
    if not (is_number(value) or isinstance(value, str)):
        return Issue("type", "un montant en euros est attendu", _AMOUNT_HINT)
    if isinstance(value, str):
        text = re.sub(r"\s", "", value).removesuffix("€")
        if ambiguous := _AMBIGUOUS.fullmatch(text):
            return _ambiguous_amount(value, *ambiguous.groups())
        match = _AMOUNT.fullmatch(text)
        number = _to_decimal(f"{match[1]}{match[2]}.{match[3] or 0}") if match else None
        if match and match[3] and len(match[3]) > 2:
            number = Decimal("0.001")  # reported below as too many decimals
    else:
        number = _to_decimal(value)
    if number is None:
        return Issue("format-montant", f"« {value} » n'est pas un montant", _AMOUNT_HINT)
    if number < 0:
        return Issue("montant-negatif", "un montant ne peut pas être négatif",
                     "indiquez un montant positif ou nul")
    if number.as_tuple().exponent < -2:  # type: ignore[operator]
        return Issue("montant-decimales", f"« {value} » a plus de 2 chiffres après la virgule",
                     "arrondissez au centime, par exemple 12500.50")
    return number.quantize(CENT)


def _ambiguous_amount(value: str, sign: str, units: str, thousands: str) -> Issue:
    large, small = Decimal(f"{sign}{units}{thousands}"), Decimal(f"{sign}{units}.{thousands}")
    spelt = f'écrivez {large} (ou "{sign}{units} {thousands}") pour {montant(large)}'
    if small != small.quantize(CENT):  # "12,555": not an amount in cents either way
        return Issue("montant-ambigu",
                     f"« {value} » est ambigu : {montant(large)}, ou un montant à trois "
                     "décimales (un montant en euros en a deux au plus) ?",
                     f"{spelt}, ou arrondissez au centime")
    return Issue("montant-ambigu",
                 f"« {value} » est ambigu : {montant(large)} ou {montant(small)} ?",
                 f"{spelt}, ou {small.normalize():f} pour {montant(small)}")


def parse_date(value: Any) -> date | Issue:
    """A YAML date, ``"2026-09-01"`` or ``"01/09/2026"`` → ``date``; impossible dates refused,
    and dates outside the years a project can run in (`FIRST_YEAR`–`LAST_YEAR`)."""
    if isinstance(value, datetime):
        return plausible_date(value.date(), value)
    if isinstance(value, date):
        return plausible_date(value, value)
    if not isinstance(value, str):
        return Issue("type", "une date est attendue", _DATE_HINT)
    text = value.strip()
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := _FR_DATE.fullmatch(text):
        day, month, year = match.groups()
    else:
        return Issue("format-date", f"« {value} » n'est pas une date", date_hint(text))
    try:
        return plausible_date(date(int(year), int(month), int(day)), value)
    except ValueError:
        why = impossible_date(int(year), int(month), int(day))
        return Issue("date-impossible", f"la date « {value} » est impossible : {why}",
                     date_hint(text))


def plausible_date(day: date, written: Any) -> date | Issue:
    """`day`, or why it cannot be a date of a cooperation project."""
    if FIRST_YEAR <= day.year <= LAST_YEAR:
        return day
    if (day.month, day.day) == (12, 31) and day.year >= 9000:
        return Issue("date-sans-fin",
                     f"« {written} » n'est pas une vraie date : elle sert souvent à dire « sans "
                     "date de fin », mais une convention de coopération est conclue pour une "
                     "durée déterminée",
                     "indiquez la date de fin prévue, ou la durée en mois (duree_mois) ; une "
                     "reconduction se prévoit avec le champ reconduction")
    return Issue("date-improbable",
                 f"la date « {written} » est hors de la période d'un projet (années "
                 f"{FIRST_YEAR} à {LAST_YEAR})",
                 f"vérifiez l'année (faute de frappe ?) ; {_DATE_HINT}")


_NUMBERS = re.compile(r"\d+")
_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"


def _readings(numbers: list[int]) -> tuple[int, list[tuple[int, int]]] | None:
    """(year, [(month, day) in the order the user most likely meant]) for three numbers."""
    if numbers[0] > 31:  # year first, as in 2027-09-30
        year, first, second = numbers
        return year, [(first, second), (second, first)]
    first, second, year = numbers  # day first as in French, then month first as in English
    return (year, [(second, first), (first, second)]) if year > 31 else None


def date_hint(text: str) -> str:
    """How to write the date the user meant, built from their own numbers, in their own style.

    « 09/30/2027 » (month first, as in English) → « le jour s'écrit avant le mois : écrivez
    30/09/2027 (ou 2027-09-30) » ; « 31/04/2027 » → April's last day; « 30.09.2027 » →
    « écrivez 30/09/2027 ». Without three such numbers, the general advice.
    """
    numbers = [int(n) for n in _NUMBERS.findall(text)]
    found = _readings(numbers) if len(numbers) == 3 else None
    if found is None or not 1 <= found[0] <= 9999:
        return _DATE_HINT
    year, readings = found
    iso_first = numbers[0] == year

    def spelled(meant: date) -> str:
        french, iso = f"{meant:%d/%m/%Y}", meant.isoformat()
        return f"{iso} ou {french}" if iso_first else f"{french} ou {iso}"

    for rank, (month, day) in enumerate(readings):
        if 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]:
            order = ("après l'année viennent le mois, puis le jour" if iso_first
                     else "le jour s'écrit avant le mois")
            swapped = f"{order} : " if rank and month != day else ""
            return f"{swapped}écrivez {spelled(date(year, month, day))}"
    for month, _day in readings:
        if 1 <= month <= 12:
            last = calendar.monthrange(year, month)[1]
            return (f"{_MONTHS.split()[month - 1]} {year} compte {last} jours ; pour son dernier "
                    f"jour, écrivez {spelled(date(year, month, last))}")
    return _DATE_HINT


def impossible_date(year: int, month: int, day: int) -> str:
    """Why a date does not exist (French, for the user)."""
    if year < 1:
        return f"l'année {year} n'existe pas"
    if not 1 <= month <= 12:
        return f"le mois {month} n'existe pas"
    name = _MONTHS.split()[month - 1]
    return f"le {'1er' if day == 1 else day} {name} {year} n'existe pas"


def siret_is_valid(digits: str) -> bool:
    """Luhn key, except La Poste's establishments whose digit sum is a multiple of 5 (§8.3 r4)."""
    if digits.startswith("356000000") and digits != "35600000000048":
        return sum(int(c) for c in digits) % 5 == 0
    total = 0
    for i, char in enumerate(reversed(digits)):
        n = int(char) * (2 if i % 2 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def parse_siret(value: Any) -> str | Issue:
    if not (isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))):
        return Issue("type", "un numéro SIRET est attendu", _SIRET_HINT)
    digits = re.sub(r"[\s.-]", "", str(value))
    if not re.fullmatch(r"[0-9]{14}", digits):
        count = sum(c in "0123456789" for c in digits)
        hint = _SIRET_HINT
        if isinstance(value, int):
            hint = "écrivez le numéro entre guillemets (un zéro au début est perdu sinon), " + hint
        return Issue("siret-longueur",
                     f"le SIRET « {value} » doit compter 14 chiffres (il en a {count})", hint)
    if not siret_is_valid(digits):
        return Issue("siret-cle", f"le SIRET « {value} » a une clé de contrôle fausse",
                     "vérifiez une faute de frappe : recopiez-le depuis l'avis de situation "
                     "SIRENE ou annuaire-entreprises.data.gouv.fr")
    return digits


def _slug_hint(value: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9_-]+", "-", ascii_text.lower()).strip("-")
    example = f"« {slug} »" if slug else "« ai-courneuve »"
    return ("lettres minuscules sans accent, chiffres, « - » et « _ » seulement, "
            f"par exemple {example}")


def parse_id(value: Any) -> str | Issue:
    if not isinstance(value, str):
        return Issue("type", "un identifiant est attendu", _slug_hint(str(value)))
    if not _ID.fullmatch(value):
        return Issue("format-id", f"« {value} » n'est pas un identifiant valable",
                     _slug_hint(value))
    return value


def _bounded(low: Decimal, high: Decimal, low_open: bool, hint: str) -> Callable[[Any], Any]:
    def check(value: Any) -> Decimal | Issue:
        number = _to_decimal(value) if is_number(value) else None
        if number is None:
            return Issue("type", "un nombre est attendu", hint)
        if number > high or number < low or (low_open and number == low):
            return Issue("hors-limites",
                         f"{value} doit être compris entre {low} {'(exclu) ' if low_open else ''}"
                         f"et {high}", hint)
        return number
    return check


def parse_decimal(value: Any) -> Decimal | Issue:
    number = _to_decimal(value) if is_number(value) else None
    return number if number is not None else Issue("type", "un nombre est attendu",
                                                   "par exemple 12 ou 0.5 (point décimal)")


def parse_email(value: Any) -> str | Issue:
    if isinstance(value, str) and _EMAIL.fullmatch(value.strip()):
        return value.strip()
    return Issue("format-email", f"« {value} » n'est pas une adresse électronique",
                 "par exemple prenom.nom@structure.fr")


def parse_postal_code(value: Any) -> str | Issue:
    ok = isinstance(value, str | int) and not isinstance(value, bool)
    text = str(value).strip() if ok else ""
    if re.fullmatch(r"[0-9]{5}", text):
        return text
    return Issue("format-code-postal", f"« {value} » n'est pas un code postal (5 chiffres)",
                 'écrivez-le entre guillemets, par exemple "93200"')


def parse_rna(value: Any) -> str | Issue:
    if isinstance(value, str) and re.fullmatch(r"W[0-9]{9}", value.strip().upper()):
        return value.strip().upper()
    return Issue("format-rna", f"« {value} » n'est pas un numéro RNA",
                 'W suivi de 9 chiffres, par exemple "W931234567"')


# French words, and the English ones a YAML 1.1 reader turns into booleans (so that a file means
# the same to coopdocs and to an editor reading YAML 1.2, where `yes` is a word).
TRUE_WORDS = ("true", "oui", "vrai", "yes", "on")
FALSE_WORDS = ("false", "non", "faux", "no", "off")
_TRUE = frozenset(TRUE_WORDS)
_FALSE = frozenset(FALSE_WORDS)
_BOOLEAN_HINT = "écrivez oui ou non (true et false sont aussi acceptés)"


def parse_boolean(value: Any) -> bool | Issue:
    """``true``/``false``, and the French words users write: ``oui``/``non``, ``vrai``/``faux``."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str):
        word = value.strip().lower()
        if word in _TRUE or word in _FALSE:
            return word in _TRUE
        return Issue("format-booleen", f"« {value} » n'est ni oui ni non", _BOOLEAN_HINT)
    return Issue("type", "oui ou non est attendu", _BOOLEAN_HINT)


def parse_text(value: Any) -> str | Issue:
    return value if isinstance(value, str) else Issue(
        "type", "un texte est attendu", 'mettez-le entre guillemets, par exemple "…"')


PARSERS: dict[str, Callable[[Any], Any]] = {
    "montant": parse_amount, "date": parse_date, "siret": parse_siret, "id": parse_id,
    "ratio": _bounded(Decimal(0), Decimal(1), True, "par exemple 0.5 pour la moitié, "
                                                      "0.75 pour les trois quarts"),
    "pourcentage": _bounded(Decimal(0), Decimal(100), False,
                            "un nombre de 0 à 100, par exemple 25"),
    "decimal": parse_decimal, "email": parse_email, "code_postal": parse_postal_code,
    "rna": parse_rna,
    "texte": parse_text,
    "boolean": parse_boolean,
}


# --- Calendar arithmetic (schema normalisation and the date rules) -------------------------

def add_months(start: date, months: int) -> date:
    """Same day `months` later, clamped to the month's end (31 Jan + 1 month → 28/29 Feb);
    `date.max` for a day past the calendar's end (year 9999), never an OverflowError."""
    year, month0 = divmod(start.month - 1 + months, 12)
    year += start.year
    if year > date.max.year:
        return date.max
    return date(year, month0 + 1, min(start.day, calendar.monthrange(year, month0 + 1)[1]))


def months_between(start: date, end: date) -> int:
    """Whole months covered by [start, end], end day included, rounded to the nearest month."""
    if end == date.max:  # the day after does not exist; the month count does
        return (end.year - start.year) * 12 + 13 - start.month + round((1 - start.day) / 30)
    after = end + timedelta(days=1)
    months = (after.year - start.year) * 12 + after.month - start.month
    return max(1, months + round((after.day - start.day) / 30))
