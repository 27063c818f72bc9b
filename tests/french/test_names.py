"""`coopdocs.french.names`: which partner free text designates, which titles represent
their body by law, and the titles of one person a title in inclusive writing stands for."""

from __future__ import annotations

from typing import Any

import pytest

from coopdocs.french.names import (
    gendered_titles,
    legal_office,
    named_partner,
    statutory_representative,
)

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


@pytest.mark.parametrize(("quality", "forme", "by_law"), [
    # The président represents a SAS (C. com. L. 227-6); a DG only if the statuts say so.
    ("Présidente", "sas", True),
    ("Président-directeur général", "sasu", True),
    ("Directeur général", "sas", False),
    ("Directrice générale déléguée", "sas", False),
    ("Directeur·rice général·e", "sas", False),
    ("DG", "sas", False),
    # A SA: its directeur général (or PDG) and its directeurs généraux délégués (L. 225-56),
    # not the président of a conseil d'administration that does not run it.
    ("PDG", "sa", True),
    ("Directrice générale déléguée", "sa", True),
    ("Directeur général adjoint", "sa", False),
    ("Président du conseil d'administration", "sa", False),
    ("Président du directoire", "sa", True),
    # Each gérant of a SARL (L. 223-18).
    ("Co-gérante", "sarl", True),
    ("Gérant", "eurl", True),
    ("Directeur", "sarl", False),
    # An association: its président, as its statuts name him as a rule.
    ("Présidente de l'association", "association", True),
    ("Président délégué", "association", False),
    ("Président d'honneur", "association", False),
    ("Vice-président", "association", False),
    ("Directrice", "association", False),
    # A cooperative is a SAS, a SARL or a SA: any of their representatives.
    ("Gérante", "scop", True),
    ("Directeur général", "scic", True),
    ("Administratrice", "gie", True),
    # Public persons sign under a délibération (the gap `habilitation`); `autre` is unknown.
    ("Vice-présidente", "epci", None),
    ("Directeur", "autre", None),
    # The starter's example left in place is no title yet (`valeur-exemple` asks for one).
    ("[Qualité, par exemple Président]", "sas", None),
])
def test_a_statutory_representative_by_legal_form(quality: str, forme: str,
                                                  by_law: bool | None) -> None:
    assert statutory_representative(quality, forme) is by_law


@pytest.mark.parametrize(("title", "feminine", "masculine"), [
    ("Directeur·rice", "Directrice", "Directeur"),
    ("Président·e", "Présidente", "Président"),
    ("Président.e", "Présidente", "Président"),
    ("directeur(trice)", "directrice", "directeur"),
    ("Président(e)", "Présidente", "Président"),
    # The inclusive plural mark is dropped: a title names the one person who holds it.
    ("Co-président·e·s", "Co-présidente", "Co-président"),
    ("Chargé.e.s de mission", "Chargée de mission", "Chargé de mission"),
    ("Animateur·trices", "Animatrice", "Animateur"),
    # Every word of the title, and the endings that replace the masculine one's end.
    ("Directeur·rice général·e", "Directrice générale", "Directeur général"),
    ("Coordinateur·ice", "Coordinatrice", "Coordinateur"),
    ("Trésorier·ère", "Trésorière", "Trésorier"),
    ("Conseiller.ère", "Conseillère", "Conseiller"),
    ("Chercheur·euse", "Chercheuse", "Chercheur"),
    ("Administratif·ve", "Administrative", "Administratif"),
    ("Chef·fe de projet", "Cheffe de projet", "Chef de projet"),
    ("Adjoint(e) au maire", "Adjointe au maire", "Adjoint au maire"),
    # The look-alikes of the point médian.
    ("Président‧e", "Présidente", "Président"),
    ("Président•e", "Présidente", "Président"),
])
def test_the_titles_of_one_person_an_inclusive_title_stands_for(
        title: str, feminine: str, masculine: str) -> None:
    assert gendered_titles(title) == (feminine, masculine)


@pytest.mark.parametrize("title", [
    "Présidente", "Directeur général", "Vice-présidente déléguée à l'économie sociale",
    # Abbreviations, initials and acronyms: a full stop that ends a word is no inclusive mark.
    "M. le Maire", "Dr. Martin", "Resp. insertion", "Gérant de la S.A.S.", "E.I.", "SIAE",
    "St. Denis", "contact@asso.fr",
    # A bracket after a space is a complement, not an ending.
    "Directeur (pôle insertion)", "Présidente (par intérim)",
    "", "Délégué général",
])
def test_a_title_without_inclusive_writing_has_no_other_form(title: str) -> None:
    assert gendered_titles(title) is None
