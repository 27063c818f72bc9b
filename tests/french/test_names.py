"""`coopdocs.french.names`: which partner free text designates, and which titles represent
their body by law."""

from __future__ import annotations

from typing import Any

import pytest

from coopdocs.french.names import legal_office, named_partner

PARTNERS: list[dict[str, Any]] = [
    {"id": "reseau", "raison_sociale": "Réseau des SIAE de Seine-Saint-Denis", "sigle": None},
    {"id": "recycl", "raison_sociale": "Recycl'Action 93", "sigle": "RA93"},
]


@pytest.mark.parametrize(("text", "exact", "within"), [
    ("Le Réseau des SIAE de Seine-Saint-Denis", "reseau", "reseau"),
    ("RA93", "recycl", "recycl"),
    ("Le délégué général du Réseau des SIAE de Seine-Saint-Denis", None, "reseau"),
    ("la directrice de RA93", None, "recycl"),
    # Another body whose name only begins like a partner's, a sigle in lower case, nobody.
    ("Réseau des SIAE de Seine-Saint-Denis-Nord", None, None),
    ("les ra93 du quartier", None, None),
    ("L'Union régionale des SIAE", None, None),
    ("", None, None),
])
def test_the_partner_a_text_designates(text: str, exact: str | None,
                                       within: str | None) -> None:
    found = named_partner(text, PARTNERS)
    assert (found or {}).get("id") == exact
    found = named_partner(text, PARTNERS, within=True)
    assert (found or {}).get("id") == within


@pytest.mark.parametrize(("quality", "by_law"), [
    ("Présidente", True),
    ("Président du conseil départemental", True),
    ("Maire", True),
    ("Gérante", True),
    ("Vice-présidente chargée de l'insertion", False),
    # « Maire adjoint » is « adjoint au maire » (CGCT L. 2122-1): a delegate.
    ("Maire adjoint", False),
    ("Première adjointe", False),
    ("Conseillère déléguée à l'emploi", False),
    ("Directrice générale", False),
    # A maire of a commune déléguée, a delegate president, the head of a commission.
    ("Maire délégué de Saint-Martin", False),
    ("Président délégué", False),
    ("Président de la commission insertion", False),
    ("", False),
])
def test_a_title_that_represents_its_body_by_law(quality: str, by_law: bool) -> None:
    assert legal_office(quality) is by_law
