"""The convention and the charte rendered from the examples: what a reader finds in them."""

from __future__ import annotations

import io
import re
from functools import cache
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from reading import body_lines, plain

from coopdocs.check.project import load_project
from coopdocs.context.assemble import build_context
from coopdocs.render.template import PreparedTemplate, render_document
from coopdocs.render.templates import BUILTIN_DIR as TEMPLATES

COMPLET, MINIMAL = "exemple-complet", "exemple-minimal"
CONVENTION = "convention-de-partenariat.docx"
CHARTE = "charte-de-cooperation.docx"


@cache
def template(name: str) -> PreparedTemplate:
    return PreparedTemplate.from_path(TEMPLATES / name)


def all_text(data: bytes) -> list[str]:
    """Every paragraph of the body (tables included), headers and footers, spaces normalised."""
    document = docx.Document(io.BytesIO(data))
    out = body_lines(document)
    for section in document.sections:
        out += [p.text for p in section.header.paragraphs + section.footer.paragraphs]
    return [re.sub(r"[\u00a0\u202f ]+", " ", plain(line)) for line in out]


def render(name: str, source: Path) -> list[str]:
    """The text of template `name` rendered for the project file `source`."""
    context = build_context(load_project(source))
    return all_text(render_document(template(name), context))


def signatories(source: Path, flag: str) -> list[dict[str, Any]]:
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    default = {"signataire_convention": lambda p: p["role"] not in ("soutien", "observateur"),
               "signataire_charte": lambda p: True}[flag]
    return [p for p in data["partenaires"] if p.get(flag, default(p))]


NUMBERS = {2: "deux", 3: "trois", 4: "quatre", 5: "cinq"}


@pytest.fixture(scope="module")
def convention_complet(example_path) -> list[str]:
    return render(CONVENTION, example_path(COMPLET))


def assert_clean(lines: list[str]) -> None:
    text = "\n".join(lines)
    assert "{{" not in text and "{%" not in text and "}}" not in text
    assert not re.search(r"\bNone\b", text)


def article_numbers(lines: list[str]) -> list[int]:
    return [int(m.group(1)) for line in lines if (m := re.match(r"Article (\d+) – ", line))]


def test_convention_complet_identifies_every_signatory(convention_complet, example_path):
    text = "\n".join(convention_complet)
    for partner in signatories(example_path(COMPLET), "signataire_convention"):
        assert partner["raison_sociale"] in text
        digits = partner["siret"].replace(" ", "")
        # A company is identified by its SIREN at the RCS, the others by their SIRET.
        siren = f"{digits[:3]} {digits[3:6]} {digits[6:9]}"
        assert (f"sous le numéro {siren}," if partner["forme_juridique"] == "sas"
                else f"{siren} {digits[9:]}") in text
        assert f"Pour {partner['raison_sociale']}" in text or partner["raison_sociale"][1:] in text
    assert "412 783 904 00003" in text
    assert "Madame Nadia HADDAD, en sa qualité de Présidente, dûment habilitée par délibération" \
        in text
    assert "ci-après dénommée « RA93 »," in text
    assert "ci-après désignées ensemble « les Parties »" in text
    assert "Sous l'égide du Réseau des SIAE de l'Est francilien" in text
    # the non-signatory coordinator signs the charte, not the convention
    assert "Pour le Réseau des SIAE de l'Est francilien" not in text


def test_convention_complet_dates_amounts_and_closing(convention_complet, example_path):
    text = "\n".join(convention_complet)
    assert "1er janvier 2027" in text and "31 décembre 2029" in text
    assert "la somme de quatre-vingt mille euros (80 000,00 €)" in text
    assert "quarante mille euros" in text and "40 000,00 €" in text and "50 %" in text
    count = len(signatories(example_path(COMPLET), "signataire_convention"))
    assert (f"Fait à Saint-Denis, le 15 décembre 2026, en {NUMBERS[count]} exemplaires "
            "originaux.") in text
    assert "Il a été préalablement exposé ce qui suit :" in text
    assert "Ceci exposé, il a été convenu et arrêté ce qui suit :" in text
    assert "devant la juridiction compétente" in text
    assert "tribunal judiciaire de Bobigny" not in text
    assert "pendant trois (3) ans après son terme" in text
    assert "préavis de quatre-vingt-dix (90) jours" in text
    assert "Annexe 2 — Plan d'action (actions, calendrier et financements) ;" in text
    assert "Annexe 3 — Charte de coopération, jointe pour information." in text


def test_convention_complet_header_footer_and_hygiene(convention_complet):
    assert_clean(convention_complet)
    assert any("Ressourcerie partagée de la Plaine" in line and "Convention" in line
               for line in convention_complet)
    numbers = article_numbers(convention_complet)
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 20
    assert "Article 1 – Objet" in convention_complet


def test_convention_minimal(example_path):
    lines = render(CONVENTION, example_path(MINIMAL))
    text = "\n".join(lines)
    assert_clean(lines)
    assert "Bâtir & Insérer" in text and "&amp;" not in text
    assert "d'une part," in lines and "d'autre part," in lines
    assert "Fait à Bondy, le ____________, en deux exemplaires originaux." in text
    assert "1er février 2027" in text and "d'un an" in text
    assert "le tribunal compétent" in text
    # Bâtir & Insérer has no contribution, no action, no mobilisation: its own commitments are
    # a gap to complete before signing, never left as a bare role.
    assert ("[À compléter avant signature : les engagements propres de Bâtir & Insérer "
            "(apports, moyens, actions à sa charge)]") in lines
    assert "Le retrait d'une Partie met fin à la présente convention à la date où il prend "\
        "effet." in text
    numbers = article_numbers(lines)
    assert numbers == list(range(1, len(numbers) + 1))
    assert not any("Plan d'action et calendrier" in line for line in lines)


def test_convention_gme_solidaire(project_file):
    path = project_file(COMPLET, edits={"statut_juridique": {
        "forme": "gme_solidaire", "mandataire": "recycl",
        "marche": {"acheteur": "Ville de Saint-Denis", "objet": "Collecte des encombrants",
                   "date_limite_depot": "2026-12-20"},
        "repartition_prestations": [
            {"partenaire": pid, "prestations": "Collecte", "pourcentage": share}
            for pid, share in (("recycl", 50), ("repar", 50), ("ai-courneuve", 0),
                               ("plaine", 0))]}}, filename="variante.yaml")
    lines = render(CONVENTION, path)
    text = "\n".join(lines)
    assert_clean(lines)
    assert any(re.match(r"Article \d+ – Mandataire du groupement", line) for line in lines)
    assert any(re.match(r"Article \d+ – Solidarité des membres du groupement", line)
               for line in lines)
    assert "RA93 est désignée mandataire du groupement" in text
    assert "pour la totalité du marché" in text
    assert "valant convention de groupement momentané d'entreprises solidaire" in text
    numbers = article_numbers(lines)
    assert numbers == list(range(1, len(numbers) + 1))


def test_convention_scic_is_a_pre_statuts_agreement(project_file):
    path = project_file(MINIMAL, edits={"statut_juridique": {"forme": "scic"}},
                        filename="variante.yaml")
    lines = render(CONVENTION, path)
    text = "\n".join(lines)
    assert_clean(lines)
    assert lines[0] == "ACCORD PRÉALABLE"
    assert "à la constitution d'une société coopérative d'intérêt collectif (SCIC)" in text
    assert "Le présent accord a pour objet" in text
    assert "rédigés séparément, avec l'appui d'un conseil juridique" in text
    assert "ne constitue ni un contrat de société" in text
    assert "la présente convention" not in text
    assert "Article 2 – Préparation de la structure commune" in lines


@pytest.mark.parametrize("name", [COMPLET, MINIMAL], ids=["complet", "minimal"])
def test_charte(name, example_path):
    source = example_path(name)
    lines = render(CHARTE, source)
    text = "\n".join(lines)
    assert_clean(lines)
    # Both examples have a convention: the charte is its annex, « jointe pour information ».
    assert lines[0].startswith("Annexe ")
    # juriste-C #20: the annex and its act first, then the document's title.
    assert re.fullmatch(r"Annexe \d à la convention de partenariat du .+ — Charte de "
                        r"coopération", lines[0]), lines[0]
    assert lines[1] == "CHARTE DE COOPÉRATION"
    for partner in signatories(source, "signataire_charte"):
        assert partner["raison_sociale"] in text
    assert "Préambule" in lines and "3. Valeurs partagées" in lines
    assert "elle ne crée pas d'obligation juridique" in text
    for word in ("tribunal", "pénalité", "mise en demeure", "résiliation"):
        assert word not in text.lower()
    if name == MINIMAL:
        # No values chosen in the signatories' name: the file gives none, the charte says so.
        assert ("[À compléter avant signature : les valeurs que les signataires partagent]"
                in text and "Bâtir & Insérer" in text)
        assert "Fait à Bondy, le ____________." in text
    else:
        assert "Pour le Réseau des SIAE de l'Est francilien" in text
        assert "Fait à Saint-Denis, le 15 décembre 2026." in text
        assert "« faire ensemble » (coopération économique)" in text
