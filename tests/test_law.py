"""`coopdocs.law`: the law kept in one place (data/droit.yaml), with a source and a date of
verification for each rule, cited the same way by the rules, the clauses and the docs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from coopdocs import law, vocabulary
from coopdocs.check.schema import schema_rules
from coopdocs.errors import CoopdocsError
from coopdocs.law import LawError, entries, entry, reference, threshold

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "formes-juridiques.md"


def test_every_rule_has_its_source_and_date() -> None:
    found = entries()
    assert len(found) >= 15
    for key, rule in found.items():
        assert rule.key == key
        assert rule.objet and rule.texte and rule.source, key
        assert isinstance(rule.verifie_le, date), key
        assert rule.borne in ("incluse", "exclue"), key


def test_thresholds_of_the_law() -> None:
    assert threshold("subvention_convention") == Decimal(23000)
    assert threshold("compte_rendu_financier") == Decimal(6)
    assert threshold("scic_categories") == Decimal(3)
    assert threshold("scic_collectivites_capital") == Decimal(50)
    low, high = entry("scic_college_minimum"), entry("scic_college_maximum")
    assert low.allows(Decimal(10), upper=False) and not low.allows(Decimal("9.99"), upper=False)
    assert high.allows(Decimal("49.99"), upper=True) and not high.allows(Decimal(50), upper=True)
    assert entry("scic_collectivites_capital").allows(Decimal(50), upper=True)


def test_references_read_as_in_a_sentence() -> None:
    assert reference("reversement_subvention") == (
        "article L. 1611-4 du code général des collectivités territoriales")
    assert reference("subvention") == "article 10 de la loi n° 2000-321 du 12 avril 2000"
    assert reference("societe_en_formation") == "article L. 210-6 du code de commerce"


def test_a_reference_is_not_a_threshold() -> None:
    with pytest.raises(LawError) as caught:
        threshold("subvention")
    assert "n'est pas un seuil" in caught.value.problems[0].message


def test_an_unknown_rule_is_reported_in_french() -> None:
    with pytest.raises(LawError) as caught:
        entry("inconnue")
    assert caught.value.problems[0].message == (
        "La règle « inconnue » manque dans le fichier du droit.")


@pytest.fixture
def law_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of droit.yaml that a test may break; the cache is cleared before and after."""
    copy = tmp_path / "droit.yaml"
    copy.write_text(law.LAW_FILE.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setattr(law, "LAW_FILE", copy)
    entries.cache_clear()
    yield copy
    entries.cache_clear()


@pytest.mark.parametrize(("old", "new", "words"), [
    ('    source: "Légifrance : code de commerce, article L. 210-6"\n', "",
     "« references.societe_en_formation » du fichier du droit n'a pas de source"),
    ("    valeur: 23000\n", '    valeur: "vingt-trois mille"\n',
     "Le seuil « seuils.subvention_convention » (vingt-trois mille) n'est pas un nombre"),
    ("    valeur: 23000\n", "", "n'a pas de valeur"),
    ("    borne: exclue\n", "    borne: ouverte\n", "La borne de « seuils.scic_college_maximum »"),
    ("  scic:\n", "  scic_categories:\n", "La clé « scic_categories » est définie deux fois"),
    ("references:\n", "references:\n  : [\n", "Le fichier du droit ne se lit pas"),
])
def test_a_broken_law_file_is_reported_in_french(law_file: Path, old: str, new: str,
                                                 words: str) -> None:
    text = law_file.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    law_file.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CoopdocsError) as caught:
        entries()
    problem = caught.value.problems[0]
    assert words in problem.message, problem.message
    assert problem.hint and problem.file == str(law_file)


def test_a_date_of_verification_must_be_a_date(law_file: Path) -> None:
    text = law_file.read_text(encoding="utf-8")
    law_file.write_text(text.replace("verifie_le: 2026-11-30", "verifie_le: hier", 1),
                        encoding="utf-8")
    with pytest.raises(LawError) as caught:
        entries()
    assert "n'est pas une date" in caught.value.problems[0].message


def test_the_legal_advisers_page_cites_every_rule() -> None:
    page = DOC.read_text(encoding="utf-8")
    for key, rule in entries().items():
        assert f"`{key}`" in page, key
        assert rule.texte in page, rule.texte


def _allowed(*path: str) -> set[str]:
    rules: dict = {"type": "dict", "schema": schema_rules()}
    for part in path:
        rules = rules["schema"][part] if rules["type"] == "dict" else rules["schema"]
        if rules.get("type") == "list":
            rules = rules["schema"]
    return set(rules["allowed"])


@pytest.mark.parametrize(("codes", "path"), [
    (vocabulary.ASSOCIATION_FORMS, ("partenaires", "forme_juridique")),
    (vocabulary.PUBLIC_PERSON_FORMS, ("partenaires", "forme_juridique")),
    (vocabulary.COOPERATIVE_FORMS, ("partenaires", "forme_juridique")),
    (vocabulary.RCS_FORMS, ("partenaires", "forme_juridique")),
    (vocabulary.COMMERCIAL_FORMS, ("partenaires", "forme_juridique")),
    (vocabulary.PLACING_SIAE_TYPES, ("partenaires", "type_structure")),
    (vocabulary.COMPANY_CREATING_FORMS, ("statut_juridique", "forme")),
    (set(vocabulary.SCIC_REQUIRED_CATEGORIES),
     ("statut_juridique", "societe", "categories", "type")),
])
def test_the_legal_classifications_name_schema_codes(codes: frozenset[str],
                                                     path: tuple[str, ...]) -> None:
    assert set(codes) <= _allowed(*path)
