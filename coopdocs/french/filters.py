"""The French filters of the document templates (``{{ x|montant }}``), registered by `render`.

Each is a pure function of `coopdocs.french`; docs/modeles.md lists them for legal advisers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from coopdocs.french.dates import date_courte, date_longue, mois_annee
from coopdocs.french.figures import montant, nombre, ordinal, pourcentage, proportion, siret
from coopdocs.french.grammar import liste, majuscule_initiale, paragraphes
from coopdocs.french.names import civilite, nom_personne
from coopdocs.french.words import montant_lettres, nombre_lettres

__all__ = ["FILTERS"]

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
