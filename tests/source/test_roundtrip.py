"""Writing data back into a user's project file keeps what the user wrote."""

from __future__ import annotations

import copy
import hashlib
from pathlib import Path

import pytest

from coopdocs.errors import ChangedOnDisk, SourceError
from coopdocs.source.reader import read_source, read_source_text
from coopdocs.source.roundtrip import new_text, save_project, update_text

EXAMPLES = sorted((Path(__file__).parents[2] / "coopdocs" / "examples").glob("*.yaml"))

COMMENTED = """\
# Projet de test : chaque commentaire doit survivre aux modifications des autres champs.
version: 1

projet:
  nom: "Atelier commun"   # le nom court
  # La date se discute encore avec le département.
  date_debut: 2027-01-01
  types_cooperation: [faire_ensemble]

partenaires:
  # Premier partenaire : le chef de file.
  - id: alpha
    raison_sociale: 'Alpha'   # entre apostrophes exprès
    siret: "88541209800018"

  # Deuxième partenaire.
  - id: beta
    raison_sociale: "Bêta"
    composition: [{partenaire: alpha}]

  # Troisième partenaire, venu en 2026.
  - id: gamma
    raison_sociale: "Gamma"

# Les actions viennent après les partenaires.
actions: []
"""


def _data(text: str) -> dict:
    return copy.deepcopy(read_source_text(text, "x.yaml").data)


def _comments(text: str) -> list[str]:
    return [line[line.index("#"):] for line in text.splitlines() if "#" in line]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_unchanged_data_writes_the_same_text(example: Path) -> None:
    text = example.read_text(encoding="utf-8-sig")
    assert update_text(text, _data(text)) == text


def test_changing_one_field_changes_one_line_and_keeps_every_comment() -> None:
    data = _data(COMMENTED)
    data["projet"]["date_debut"] = data["projet"]["date_debut"].replace(year=2028)
    out = update_text(COMMENTED, data)
    changed = [(a, b) for a, b in zip(COMMENTED.splitlines(), out.splitlines(), strict=True)
               if a != b]
    assert changed == [("  date_debut: 2027-01-01", "  date_debut: 2028-01-01")]
    assert _comments(out) == _comments(COMMENTED)


def test_reordered_partners_take_their_comments_and_blank_lines_with_them() -> None:
    data = _data(COMMENTED)
    partners = data["partenaires"]
    partners[1], partners[2] = partners[2], partners[1]
    out = update_text(COMMENTED, data)
    assert out.index("# Premier partenaire") < out.index("- id: alpha") < out.index(
        "# Troisième partenaire") < out.index("- id: gamma") < out.index(
        "# Deuxième partenaire.") < out.index("- id: beta") < out.index("# Les actions")
    assert "\n\n# Les actions viennent après les partenaires." in out
    assert "\n\n  # Deuxième partenaire." in out and "\n\n  # Troisième partenaire" in out
    assert sorted(_comments(out)) == sorted(_comments(COMMENTED))
    assert read_source_text(out, "x.yaml").data == data


def test_added_and_removed_items_keep_the_next_section_apart() -> None:
    data = _data(COMMENTED)
    data["partenaires"].append({"id": "delta", "raison_sociale": "Delta"})
    out = update_text(COMMENTED, data)
    assert "    raison_sociale: Delta\n\n# Les actions viennent après" in out
    del data["partenaires"][1]  # beta, and the comment that heads it
    out = update_text(COMMENTED, data)
    assert "beta" not in out and "Deuxième" not in out
    assert '    siret: "88541209800018"\n\n  # Troisième partenaire' in out
    data["partenaires"] = data["partenaires"][:1]
    out = update_text(COMMENTED, data)
    assert "gamma" not in out and "delta" not in out
    assert '    siret: "88541209800018"\n\n# Les actions viennent après' in out


def test_new_keys_follow_their_predecessor_and_keep_quoting_elsewhere() -> None:
    data = _data(COMMENTED)
    projet = data["projet"]
    data["projet"] = {"nom": projet["nom"], "acronyme": "AC", **projet}
    out = update_text(COMMENTED, data)
    assert '  nom: "Atelier commun"   # le nom court\n  acronyme: AC\n' in out
    assert "raison_sociale: 'Alpha'   # entre apostrophes exprès" in out
    assert "composition: [{partenaire: alpha}]" in out


@pytest.mark.parametrize("text", ["yes", "on", "no", "0755", "2027-01-01", "12", "1_000", "~",
                                  "true", "3.5", "null"])
def test_texts_yaml_11_would_read_otherwise_are_quoted(text: str) -> None:
    data = _data(COMMENTED)
    data["projet"]["nom"] = text
    out = update_text(COMMENTED, data)
    assert read_source_text(out, "x.yaml").data["projet"]["nom"] == text


def test_hostile_text_is_refused_by_the_reader_before_ruamel() -> None:
    bomb = "version: 1\n" + "".join(
        f"l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9) if n else 'x'}]\n" for n in range(9))
    with pytest.raises(SourceError):
        update_text(bomb, {"version": 1})


def test_new_text_reads_back_as_the_data() -> None:
    data = {"version": 1, "projet": {"nom": "Nouveau", "date_debut": _data(COMMENTED)["projet"][
        "date_debut"]}, "partenaires": [{"id": "a", "raison_sociale": "on"}]}
    assert read_source_text(new_text(data), "x.yaml").data == data


def test_save_project_writes_and_returns_the_new_digest(tmp_path: Path) -> None:
    path = tmp_path / "projet.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    source = read_source(path)
    data = copy.deepcopy(source.data)
    data["projet"]["nom"] = "Atelier partagé"
    digest = save_project(path, data, expected_sha256=source.sha256)
    assert digest == hashlib.sha256(path.read_bytes()).hexdigest()
    assert read_source(path).data == data
    assert _comments(path.read_text(encoding="utf-8")) == _comments(COMMENTED)
    assert [p.name for p in tmp_path.iterdir()] == ["projet.yaml"]


def test_save_project_refuses_a_file_changed_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "projet.yaml"
    path.write_text(COMMENTED, encoding="utf-8")
    source = read_source(path)
    by_hand = COMMENTED.replace("Atelier commun", "Atelier modifié à la main")
    path.write_text(by_hand, encoding="utf-8")
    with pytest.raises(ChangedOnDisk) as caught:
        save_project(path, source.data, expected_sha256=source.sha256)
    assert path.read_text(encoding="utf-8") == by_hand
    assert caught.value.problems[0].message.startswith("Le fichier a été modifié sur le disque")
    assert caught.value.problems[0].code == "source.modifie-entre-temps"


@pytest.mark.parametrize("text", ["ligne 1\nligne 2", "ligne 1\nligne 2\n",
                                  "x\n# pas un commentaire\n",
                                  "fin avec espace \nx", "a\n\nb"])
def test_texts_of_several_lines_become_blocks_and_keep_the_next_comment(text: str) -> None:
    data = _data(COMMENTED)
    data["projet"]["nom"] = text
    out = update_text(COMMENTED, data)
    assert "  nom: |" in out
    assert "\n  # La date se discute encore avec le département.\n  date_debut:" in out
    assert "|\n" in out or "|-\n" in out
    assert read_source_text(out, "x.yaml").data == data
    # and back to one line: the comment stays where it was, without a blank line
    data["projet"]["nom"] = "Atelier commun"
    back = update_text(out, data)
    assert '  nom: Atelier commun\n  # La date se discute encore avec le département.\n' in back


@pytest.mark.parametrize("text", ["  indenté\nsuite", "\ttab\nx", "a\n\n\nb\n\n", "a\r\nb",
                                  "a\u2028b\nc"])
def test_texts_a_block_would_not_hold_are_quoted_and_read_back(text: str) -> None:
    data = _data(COMMENTED)
    data["projet"]["nom"] = text
    out = update_text(COMMENTED, data)
    assert "  nom: |" not in out
    assert read_source_text(out, "x.yaml").data == data
