"""Dates the French way: « 1er janvier 2027 », « 01/01/2027 », « janvier 2027 » (domain.md §9.1).

Month names and their abbreviations are CLDR's for fr_FR (lower case); the first day of a
month is « 1er », which CLDR itself does not print.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

__all__ = ["MONTHS", "MONTHS_SHORT", "date_courte", "date_longue", "mois_annee", "to_date"]

MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
          "octobre", "novembre", "décembre")
# CLDR's abbreviated format (« MMM »), for the column headers of a Gantt chart.
MONTHS_SHORT = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.",
                "oct.", "nov.", "déc.")


def to_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):  # datetime is a subclass of date
        return value
    if value is None:
        raise ValueError(
            "Date manquante : le modèle doit traiter lui-même le cas d'une date absente."
        )
    raise ValueError(f"Date invalide : {value!r} (attendu une date).")


def date_longue(value: dt.date | dt.datetime) -> str:
    """« 27 novembre 2026 », with « 1er » for the first day of a month."""
    day = to_date(value)
    return f"{'1er' if day.day == 1 else day.day} {mois_annee(day)}"


def date_courte(value: dt.date | dt.datetime) -> str:
    """« 01/01/2027 », for tables and messages."""
    day = to_date(value)
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def mois_annee(value: dt.date | dt.datetime) -> str:
    """« janvier 2027 », for planning headers."""
    day = to_date(value)
    return f"{MONTHS[day.month - 1]} {day.year}"
