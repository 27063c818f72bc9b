"""Numbers in words, as contracts write them: « quatre-vingt mille euros », « trois (3) ans ».

Traditional spelling (num2words' French cardinal): « vingt et un », « deux cent un »,
« quatre-vingts » (domain.md §9.3). Amounts are built from the plain cardinal, never from
num2words' ``to="currency"``, which reads ints as cents, prints « zéro centimes » and
« un million euros ».
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from num2words import num2words

from coopdocs.french.figures import Gender, Number, check_gender, montant, to_cents, to_int
from coopdocs.french.grammar import plural

__all__ = [
    "counted",
    "days_in_full",
    "days_in_words",
    "duration_in_words",
    "montant_lettres",
    "nombre_lettres",
    "sum_of_money",
    "years_in_full",
]

# num2words' cardinal ends with one of these nouns when nothing follows them; French then
# needs « d'euros » (« un million d'euros ») instead of « euros ».
_LARGE_NOUN_END = re.compile(r"(?:illion|illiard)s?$")
_FINAL_UN = re.compile(r"(^|[ -])un$")


@lru_cache(maxsize=4096)  # pure; small counts and a project's amounts recur in every document
def _cardinal(number: int) -> str:
    return str(num2words(number, lang="fr"))


def nombre_lettres(value: int | Decimal | str, genre: Gender = "m") -> str:
    """« trois », « vingt et un »; ``genre="f"`` only turns a final « un » into « une »."""
    check_gender(genre)
    words = _cardinal(to_int(value))
    if genre == "f":
        words = _FINAL_UN.sub(r"\1une", words)
    return words


def counted(n: int, singular: str, plural_form: str | None = None, genre: Gender = "m") -> str:
    """« un siège », « quatre voix », « une procuration »: a count in words, as a contract
    writes small numbers, seats and votes."""
    return f"{nombre_lettres(n, genre)} {plural(n, singular, plural_form)}"


def montant_lettres(value: Number) -> str:
    """« douze mille cinq cents euros et cinquante centimes ».

    The cents part only appears when non-zero; below one euro only the cents are written
    (« cinquante centimes »).
    """
    amount = to_cents(value)
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
    cent_part = f"{_cardinal(cents)} {plural(cents, 'centime')}"
    return cent_part if euros == 0 else f"{euro_part} et {cent_part}"


def sum_of_money(amount: Number) -> str:
    """« la somme de quatre-vingt mille euros (80 000,00 €) »."""
    return f"la somme de {montant_lettres(amount)} ({montant(amount)})"


def days_in_full(days: int) -> str:
    """« quatre-vingt-dix (90) jours », « un (1) jour »: a contractual delay."""
    return f"{nombre_lettres(days)} ({days}) {plural(days, 'jour')}"


def days_in_words(days: int) -> str:
    """« quinze jours », « un jour »: a delay in running text."""
    return f"{nombre_lettres(days)} {plural(days, 'jour')}"


def years_in_full(years: int) -> str:
    """« trois (3) ans », « un (1) an »."""
    return f"{nombre_lettres(years)} ({years}) {plural(years, 'an')}"


def duration_in_words(months: int) -> str:
    """« trois ans » when a whole number of years, else « dix-huit mois »."""
    if months % 12 == 0:
        years = months // 12
        return f"{nombre_lettres(years)} {plural(years, 'an')}"
    return f"{nombre_lettres(months)} mois"
