"""The trame méthodologique progress report (`coopdocs progress`): statuses, gaps in the
project's own words, validation problems under their step, and its four outputs (terminal,
markdown, JSON, Word « feuille de route »)."""

from __future__ import annotations

import copy
import functools
import io
import json
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from click.testing import CliRunner
from reading import plain

from coopdocs.build import roadmap as build_roadmap
from coopdocs.cli.main import cli
from coopdocs.context.documents import ROADMAP
from coopdocs.errors import Problem
from coopdocs.method.evaluate import evaluate, progress
from coopdocs.method.output import format_json, format_markdown, format_report, format_text
from coopdocs.method.report import Report, StepStatus, report_to_dict
from coopdocs.method.roadmap import roadmap_context
from coopdocs.method.steps import trame
from coopdocs.render.template import PreparedTemplate
from coopdocs.render.templates import BUILTIN_DIR, resolve_template

ROOT = Path(__file__).resolve().parents[2]
COMPLET, MINIMAL = "exemple-complet", "exemple-minimal"
STEP_IDS = ["ecosysteme", "initiation", "mobilisation", "perimetre", "objectif_commun",
            "enjeux", "objectifs_operationnels", "plan_action", "statut_juridique",
            "gouvernance"]
Data = dict[str, Any]
NBSP = "\u00a0"


@pytest.fixture
def write(project_file) -> Callable[[Data], Path]:
    """``write(data)``: a project file of this data (written as a user would) in tmp_path."""
    def make(data: Data, name: str = "projet.yaml") -> Path:
        return project_file(edits=lambda _: copy.deepcopy(data), filename=name)

    return make


@pytest.fixture
def raw(example_text) -> Callable[[str], Data]:
    """``raw(COMPLET)``: a fresh copy of an example as YAML reads it (before the schema)."""
    return lambda name: yaml.safe_load(example_text(name))


@pytest.fixture
def full(raw) -> Callable[[], Data]:
    return lambda: _full(raw(COMPLET))


@functools.cache
def _roadmap_template() -> PreparedTemplate:
    return PreparedTemplate.from_path(resolve_template(ROADMAP.template).path)


def roadmap_bytes(report: Report, today: date) -> bytes:
    """The Word feuille de route of a report, rendered with the built-in template."""
    return _roadmap_template().render(roadmap_context(report, today))


def _plain(text: str) -> str:
    """Amounts and French punctuation carry (narrow) non-breaking spaces: compare on spaces."""
    return text.replace("\u202f", " ").replace("\u00a0", " ")


def _step(report: Report, step_id: str) -> StepStatus:
    return next(s for s in report.steps if s.id == step_id)


def _statuses(report: Report) -> dict[str, str]:
    return {s.id: s.status for s in report.steps}


def _full(data: Data) -> Data:
    """exemple-complet (as read) with its real gaps filled: every step of the trame done."""
    for pid in ("repar", "ai-courneuve", "reseau"):
        data["mobilisation"].append({"partenaire": pid,
                                     "communication": ["Note d'information aux équipes"],
                                     "instances_echange": ["Point en réunion de service"],
                                     "formations": []})
    reseau = next(p for p in data["partenaires"] if p["id"] == "reseau")
    reseau["contribution"] = {"description": "Anime le collectif et la gouvernance."}
    satisfaction = data["objectifs_operationnels"][1]["indicateurs"][1]
    satisfaction["responsable"] = "ai-courneuve"
    formation = data["plan_action"][1]
    formation["competences_requises"] = ["Pédagogie de la réparation"]
    formation["ressources"] = "Atelier de la ressourcerie et formateur de Répar'Tout."
    formation["taches"] = [{"id": "programme", "libelle": "Écrire le programme",
                            "responsable": "repar", "date_debut": date(2027, 3, 1),
                            "date_fin": date(2027, 3, 31)}]
    # The documents' gaps: the charte's principles, how the comité technique meets, the
    # influence and interest of the partners on the map, the SAS's registration, the AI's
    # RNA number, the acts that empower the public person's signatory and the SAS's directeur
    # général in the convention.
    repar = next(p for p in data["partenaires"] if p["id"] == "repar")
    repar.update(rcs="Bobigny", capital_social=10000)
    repar["representant"]["habilitation"] = "l'article 14 des statuts"
    next(p for p in data["partenaires"] if p["id"] == "ai-courneuve")["rna"] = "W932000481"
    plaine = next(p for p in data["partenaires"] if p["id"] == "plaine")
    plaine["representant"]["habilitation"] = ("délibération n° CT2026-11-24-07 du conseil de "
                                              "territoire du 24 novembre 2026")
    data["gouvernance"]["instances"][1]["fonctionnement"] = {
        "convocation_delai_jours": 7, "compte_rendu": {"redacteur": "tournant"}}
    data["principes"] = [{"libelle": "Équilibre entre les structures",
                          "description": "Aucune structure ne décide seule pour les autres."}]
    for pid, circle in (("recycl", "coeur"), ("repar", "coeur"), ("ai-courneuve", "coeur"),
                        ("reseau", "operationnel")):
        data["parties_prenantes"].append({"id": f"{pid}-pp", "partenaire": pid,
                                          "categorie": "aci", "cercle": circle,
                                          "influence": "fort", "interet": "fort"})
    return data


# --- the trame itself --------------------------------------------------------------------------


def test_trame_has_the_ten_steps_of_the_memo_in_order() -> None:
    steps = trame()
    assert [s.id for s in steps] == STEP_IDS
    assert [s.number for s in steps] == list(range(1, 11))
    for step in steps:
        assert step.title and step.objectives and step.means and step.resources
    # The checks point at means by position: reordering trame.yaml must be deliberate.
    assert [len(s.means) for s in steps] == [2, 2, 3, 3, 2, 1, 2, 5, 3, 4]
    plan = steps[7]
    assert any("rétroplanning" in m for m in plan.means)
    assert any("Planifier" in o for o in plan.objectives)


# --- the two examples --------------------------------------------------------------------------


def test_complete_example_is_done_except_its_true_gaps(example_path) -> None:
    report = progress(example_path(COMPLET))
    assert report.valid and report.readable and report.name == "Ressourcerie partagée de la Plaine"
    assert _statuses(report) == {
        "ecosysteme": "fait", "initiation": "fait", "mobilisation": "en_cours",
        "perimetre": "en_cours", "objectif_commun": "en_cours", "enjeux": "fait",
        "objectifs_operationnels": "en_cours", "plan_action": "en_cours",
        "statut_juridique": "fait", "gouvernance": "en_cours",
    }
    # What the documents would show as « [À compléter…] » is missing in its step.
    assert _step(report, "objectif_commun").missing == [
        "les principes de coopération des signataires, à compléter avant la signature du "
        "document "
        f"«{NBSP}Charte de coopération{NBSP}» («{NBSP}principes{NBSP}»)"]
    mobilisation = _step(report, "mobilisation")
    assert mobilisation.missing == [
        "aucune action de mobilisation décrite pour Répar'Tout, AIC et le Réseau des SIAE de "
        "l'Est francilien (bloc « mobilisation » : communication, instances d'échange, formations)"]
    assert mobilisation.done == ["RA93 mobilise sa structure : communication interne, temps "
                                  "d'échange et formation"]
    assert any("Former les équipes" in m for m in mobilisation.next_means)
    assert _step(report, "perimetre").missing[0].startswith(
        "contribution non décrite pour Réseau des SIAE de l'Est francilien")
    # Quoted names carry no-break spaces inside the guillemets (« text »).
    assert _step(report, "objectifs_operationnels").missing == [
        f"personne n'est responsable du suivi de l'indicateur «{NBSP}Satisfaction des salarié·e·s "
        f"sur leur parcours{NBSP}» (objectif «{NBSP}parcours{NBSP}»)"]
    plan = _step(report, "plan_action").missing
    formation = f"«{NBSP}formation{NBSP}»"
    assert f"les compétences requises pour l'action {formation} ne sont pas précisées" in plan
    assert len(plan) == 3 and all(formation in m for m in plan)
    gouvernance = _step(report, "gouvernance")
    assert len(gouvernance.missing) == 2
    assert gouvernance.missing[0].startswith(
        f"le fonctionnement de «{NBSP}Comité technique{NBSP}» (présidence, délai de "
        "convocation")
    assert gouvernance.missing[1].startswith("l'influence et l'intérêt de Recycl'Action 93")
    assert "chaque structure signataire siège dans une instance de décision" in gouvernance.done
    # Done steps carry facts, no gaps and (here) no advice.
    statut = _step(report, "statut_juridique")
    assert statut.status == "fait" and not statut.missing and not statut.next_means
    # The rules' warnings on the partners land under the périmètre: a directeur général who
    # signs for a SAS, a signatory's quality in inclusive writing, the collectivité's money.
    assert [p.code for p in _step(report, "perimetre").problems] == [
        "pouvoir-signataire", "qualite-inclusive", "collectivite-financeur"]
    assert report.problems == []


def test_minimal_example_names_missing_steps_and_what_to_fill(example_path) -> None:
    report = progress(example_path(MINIMAL))
    assert report.valid
    assert _statuses(report) == {
        "ecosysteme": "a_faire", "initiation": "en_cours", "mobilisation": "a_faire",
        "perimetre": "en_cours", "objectif_commun": "en_cours", "enjeux": "fait",
        "objectifs_operationnels": "en_cours", "plan_action": "a_faire",
        "statut_juridique": "en_cours", "gouvernance": "en_cours",
    }
    # The six gaps `validate` warns about are counted as missing, not as warnings.
    assert report.counts == {"fait": 1, "en_cours": 6, "a_faire": 3, "erreurs": 0,
                             "avertissements": 0}
    text = format_text(report)
    for expected in ("« ecosysteme.evenements »", "« projet.initiateur »",
                     "Les Jardins de Bondy et Bâtir & Insérer", "« plan_action »",
                     "« statut_juridique.justification »", "« gouvernance.faire_vivre »",
                     "« projet.date_signature »"):
        assert expected in _plain(text)
    # A step with nothing done suggests all of the memo's means.
    assert len(_step(report, "plan_action").next_means) == 5
    # No default values: the charte's three gaps are missing, the memo's debate comes next.
    objectif = _step(report, "objectif_commun")
    assert [m.split(",")[0] for m in objectif.missing] == [
        "les engagements de chaque signataire", "les principes de coopération des signataires",
        "les valeurs que les signataires partagent"]
    assert objectif.next_means and "débat" in objectif.next_means[0]
    assert "Un seul enjeu est écrit" in _step(report, "enjeux").next_means[0]


def test_a_fully_described_project_has_every_step_done(write, full) -> None:
    report = progress(write(full()))
    assert report.valid, [p.format() for s in report.steps for p in s.problems]
    assert set(_statuses(report).values()) == {"fait"}, {
        s.id: s.missing for s in report.steps if s.missing}


# --- each step: done above, not done here -------------------------------------------------------


def _drop_partner_from_copil(d: Data) -> None:
    copil = d["gouvernance"]["instances"][0]
    copil["composition"] = [c for c in copil["composition"] if c["partenaire"] != "repar"]


def _gme_without_mandataire(d: Data) -> None:
    d["statut_juridique"] = {"forme": "gme_solidaire", "justification": "Marché public."}


def _no_qualitative_gap(d: Data) -> None:
    del d["objectifs_operationnels"][1]["indicateurs"][0]["valeur_cible"]


CASES: list[tuple[str, Callable[[Data], Any], str, str]] = [
    ("ecosysteme", lambda d: d.pop("ecosysteme"), "a_faire",
     "aucun temps d'interconnaissance (journée de travail, séminaire, rencontre) n'est noté dans "
     "« ecosysteme.evenements »"),
    ("ecosysteme", lambda d: d["ecosysteme"].pop("collectifs"), "en_cours",
     "aucun réseau ni collectif du territoire n'est noté dans « ecosysteme.collectifs »"),
    ("initiation", lambda d: d["projet"].pop("initiateur"), "en_cours",
     "l'initiateur du projet n'est pas indiqué"),
    ("mobilisation", lambda d: d["mobilisation"].pop(1), "en_cours",
     "aucune action de mobilisation décrite pour Répar'Tout (bloc « mobilisation »"),
    ("mobilisation", lambda d: d.pop("mobilisation"), "a_faire",
     "aucune action de mobilisation décrite pour RA93, Répar'Tout, AIC et le Réseau"),
    ("perimetre", lambda d: d["partenaires"][1].pop("contribution"), "en_cours",
     "contribution non décrite pour Répar'Tout"),
    ("objectif_commun", lambda d: d.update(objectif_commun="Réemployer. Former ensemble."),
     "en_cours", "l'objectif commun tient en 2 phrases"),
    ("objectif_commun", lambda d: d.update(objectif_commun="x" * 450), "en_cours",
     "l'objectif commun fait 450 caractères"),
    ("enjeux", lambda d: d.update(enjeux_partages=[]), "a_faire",
     "aucun enjeu partagé n'est écrit (« enjeux_partages »)"),
    ("objectifs_operationnels", _no_qualitative_gap, "en_cours",
     "l'objectif « parcours » n'a pas de valeur cible pour l'indicateur « Salarié·e·s en "
     "insertion formé·e·s à la réparation »"),
    ("objectifs_operationnels", lambda d: d["objectifs_operationnels"][0]["indicateurs"][0]
     .pop("responsable"), "en_cours",
     "personne n'est responsable du suivi de l'indicateur « Jours d'ouverture par semaine » "
     "(objectif « ouverture »)"),
    ("plan_action", lambda d: d["plan_action"][0].pop("taches"), "en_cours",
     "l'action « local » n'a pas encore de tâches datées pour le rétroplanning"),
    ("plan_action", lambda d: d.pop("retroplanning"), "en_cours",
     "le rétroplanning n'a pas de date butoir (« retroplanning.date_butoir »)"),
    ("plan_action", lambda d: d["plan_action"][0]["financements"].pop(0), "en_cours",
     "l'action « local » a besoin de 40 000,00 € mais ses financements n'en couvrent que "
     "10 000,00 € : 30 000,00 € restent à trouver"),
    ("plan_action", lambda d: d["plan_action"][1].pop("objectif") and None, "en_cours",
     "aucune action ne sert l'objectif « parcours »"),
    ("statut_juridique", lambda d: d["statut_juridique"].pop("justification"), "en_cours",
     "le choix de la forme n'est pas justifié"),
    ("statut_juridique", _gme_without_mandataire, "en_cours",
     "le groupement momentané d'entreprises n'a pas de mandataire"),
    ("statut_juridique", lambda d: d["projet"].pop("date_signature"), "en_cours",
     "la date de la signature commune n'est pas fixée"),
    ("gouvernance", _drop_partner_from_copil, "en_cours",
     "Répar'Tout ne siège dans aucune instance de décision"),
    ("gouvernance", lambda d: d.update(parties_prenantes=d["parties_prenantes"][2:]),
     "en_cours", "la cartographie ne compte que les partenaires"),
    ("gouvernance", lambda d: d["gouvernance"]["faire_vivre"][1].update(referents=[]),
     "en_cours", "l'action « Lettre d'information interne » pour faire vivre la gouvernance "
     "n'a pas de référent·e"),
    ("gouvernance", lambda d: d["gouvernance"].pop("gestion_des_conflits"), "en_cours",
     "la gestion des conflits n'est pas prévue"),
    ("gouvernance", lambda d: d["gouvernance"]["instances"][0].pop("regles_de_vote"),
     "en_cours", "l'instance « Comité de pilotage » n'a pas de règles de vote"),
]


@pytest.mark.parametrize(("step_id", "mutate", "status", "gap"), CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_step_not_done_names_the_gap(write, full, step_id: str,
                                          mutate: Callable[[Data], Any], status: str,
                                          gap: str) -> None:
    data = full()
    mutate(data)
    report = progress(write(data))
    step = _step(report, step_id)
    assert step.status == status, step.missing
    assert any(gap in _plain(m) for m in step.missing), step.missing
    assert step.next_means  # the memo always has a next means for a gap
    others = {s.id for s in report.steps if s.status != "fait"} - {step_id}
    # A gap of one step never leaks into another one (plan d'action may also see an objective).
    assert others <= {"plan_action", "objectifs_operationnels"}, others


def test_qualitative_indicators_need_no_target(example_path) -> None:
    report = progress(example_path(COMPLET))
    assert not any("valeur cible" in m for m in _step(report, "objectifs_operationnels").missing)


def test_legal_person_form_advises_statuts(write, full) -> None:
    data = full()
    data["statut_juridique"] = {"forme": "scic", "justification": "Pérenniser l'activité."}
    step = _step(progress(write(data)), "statut_juridique")
    assert any("statuts" in m and "conseil juridique" in m for m in step.next_means)
    # The société not yet described is a gap of the convention: the step is not done.
    assert step.status == "en_cours"
    assert [m.split(",")[0] for m in step.missing] == [
        "forme de la société", "Partie qui avance les frais de constitution de la société",
        "part des frais de constitution supportée par chaque Partie",
        "date de présentation du projet de statuts"]
    # The statuts to draft and (exemple-complet names a tribunal judiciaire while a public
    # person signs) the court.
    assert [p.code for p in step.problems] == [
        "personnalite-morale", "juridiction-personne-publique"]


# --- projects that do not validate yet ---------------------------------------------------------


def test_invalid_project_still_gets_its_report_with_problems_under_their_step(
        write, raw) -> None:
    data = raw(COMPLET)
    data["partenaires"][0]["siret"] = "412 783 904 00004"  # wrong Luhn key
    data["partenaires"][1]["couleur"] = "bleu"  # unknown key
    data["projett"] = "typo"  # unknown top-level key: belongs to no step
    del data["gouvernance"]  # missing required block
    data["projet"]["date_signature"] = "31/02/2027"  # impossible date: the signature's step
    report = progress(write(data))
    assert report.readable and not report.valid
    codes = {s.id: sorted(p.code for p in s.problems) for s in report.steps if s.problems}
    # The rules run in the same pass on what is well-formed: the example's own warning is there.
    assert codes == {"perimetre": ["collectivite-financeur", "schema.cle-inconnue",
                                   "schema.siret-cle"],
                     "statut_juridique": ["schema.date-impossible"],
                     "gouvernance": ["schema.champ-manquant"]}
    assert [p.dotted_path for p in report.problems] == ["projett"]
    perimetre = _step(report, "perimetre")
    assert perimetre.status == "en_cours"
    assert "2 erreurs à corriger dans le fichier pour cette étape" in perimetre.missing[-1]
    gouvernance = _step(report, "gouvernance")
    assert "aucune instance de décision n'est définie" in " ".join(gouvernance.missing)
    assert not any("ne siège" in m for m in gouvernance.missing)
    assert _step(report, "statut_juridique").status == "en_cours"
    assert report.counts["erreurs"] == 5
    # Every line of the problems points at the file.
    assert all(p.line for s in report.steps for p in s.problems)
    assert "projet pas encore valide : 5 erreurs à corriger" in format_text(report)


def test_raw_data_of_any_shape_never_crashes(write) -> None:
    data = {
        "projet": {"nom": ["liste"], "initiateur": "tete_de_reseau", "date_debut": "bientôt"},
        "partenaires": "deux structures",
        "objectif_commun": 42,
        "enjeux_partages": "un seul",
        "objectifs_operationnels": [{"id": "a", "indicateurs": "aucun"}, "b"],
        "plan_action": {"id": "x"},
        "retroplanning": ["2027"],
        "statut_juridique": "convention",
        "gouvernance": [1, 2],
        "parties_prenantes": [{"partenaire": ["x"]}],
        "mobilisation": [{"partenaire": {"id": "x"}}],
        "ecosysteme": {"evenements": "Forum 2025", "collectifs": [None, 3]},
    }
    report = progress(write(data))
    assert report.readable and not report.valid and len(report.steps) == 10
    assert report.name == "projet"  # the file stem when projet.nom is unusable
    assert _step(report, "ecosysteme").status == "en_cours"  # the one string is an event
    json.loads(format_json(report))
    assert roadmap_bytes(report, date(2026, 3, 12))


def test_broken_yaml_gives_a_report_level_error(tmp_path: Path) -> None:
    path = tmp_path / "casse.yaml"
    path.write_text('projet:\n  nom: "Ressourcerie\n  territoire: 93\n', encoding="utf-8")
    report = progress(path)
    assert not report.readable and not report.valid and report.steps == []
    assert report.problems and report.problems[0].code == "source.syntaxe"
    assert report.problems[0].line == 2
    text = format_text(report)
    assert "n'a pas pu être lu" in text and "ligne 2" in text
    assert report_to_dict(report)["etapes"] == []
    doc = _docx_text(roadmap_bytes(report, date(2026, 3, 12)))
    assert "n'a pas pu être lu" in doc and "ligne 2" in doc


def test_missing_file_is_a_report_level_error(tmp_path: Path) -> None:
    report = progress(tmp_path / "absent.yaml")
    assert not report.readable and report.problems[0].code.startswith("source.")


def test_problems_are_attributed_by_their_path_and_code() -> None:
    def step_of(path: tuple[Any, ...], code: str = "") -> str | None:
        report = evaluate({}, "x.yaml", [Problem("m", path=path, code=code)], valid=False)
        owners = [s.id for s in report.steps if s.problems]
        return owners[0] if owners else None

    assert step_of(("projet", "date_debut")) == "initiation"
    assert step_of(("projet", "lieu_signature")) == "statut_juridique"
    assert step_of(("budget", "total")) == "plan_action"
    assert step_of(("retroplanning",)) == "plan_action"
    assert step_of(("parties_prenantes", 0, "cercle")) == "gouvernance"
    assert step_of(("valeurs", 1)) == "objectif_commun"
    assert step_of(("clauses", "litiges")) == "statut_juridique"
    assert step_of(("partenaires", 1), "signataire-sans-instance") == "gouvernance"
    assert step_of(("objectifs_operationnels", 0), "objectif-sans-action") == "plan_action"
    assert step_of(("partenaires", 0, "contribution", "apport_financier"),
                   "apport-non-acquis") == "plan_action"
    assert step_of(("version",)) is None and step_of(()) is None


# --- outputs -------------------------------------------------------------------------------------

PROBLEM_KEYS = {"gravite", "code", "fichier", "ligne", "colonne", "emplacement", "chemin",
                "message", "suggestion"}


def test_json_output_is_stable_and_documented(write, raw) -> None:
    data = raw(COMPLET)
    data["partenaires"][0]["siret"] = "1"
    report = progress(write(data))
    first = format_json(report)
    assert first == format_json(progress(write(data)))
    out = json.loads(first)
    assert set(out) == {"projet", "fichier", "lisible", "valide", "resume", "etapes",
                        "problemes"}
    assert set(out["resume"]) == {"fait", "en_cours", "a_faire", "erreurs", "avertissements"}
    assert [e["id"] for e in out["etapes"]] == STEP_IDS
    for step in out["etapes"]:
        assert set(step) == {"id", "numero", "titre", "action", "statut", "statut_libelle",
                             "objectifs", "faits", "manques", "prochains_moyens", "ressources",
                             "problemes"}
        assert step["statut"] in ("fait", "en_cours", "a_faire")
        for problem in step["problemes"]:
            assert set(problem) == PROBLEM_KEYS
    perimetre = out["etapes"][3]
    assert perimetre["problemes"][0]["chemin"] == "partenaires[1].siret"
    assert "Répar'Tout" in first  # ensure_ascii=False: French stays readable
    # The documented shape (docs/progression.md) names every key.
    doc = (ROOT / "docs" / "progression.md").read_text(encoding="utf-8")
    for key in [*out, *out["resume"], *out["etapes"][0], *PROBLEM_KEYS]:
        assert f"`{key}`" in doc, key


def test_text_output_readable_without_colour_and_coloured_on_request(example_path,
                                                                      project_file) -> None:
    report = progress(example_path(COMPLET))
    plain = format_text(report, width=100)
    assert "\x1b[" not in plain
    assert "✔ 1. Connaissance de son écosystème — fait" in plain
    assert "◐ 3. Mobilisation de sa structure" in plain and "— en cours" in plain
    assert "4 étapes faites, 6 en cours, aucune à faire." in plain
    assert all(len(line) <= 100 for line in plain.splitlines())
    # The text marks the title and each step by its status for the caller's style…
    marked = format_report(report, "texte", style=lambda text, kind: f"<{kind}>{text}")
    assert "<titre>Feuille de route : Ressourcerie" in marked
    assert "<fait>✔ 1. Connaissance de son écosystème — fait" in marked
    assert "<en_cours>◐ 3. Mobilisation de sa structure" in marked
    # … and `coopdocs progress` colours them when the terminal asks for colour.
    runner = CliRunner()
    coloured = runner.invoke(cli, ["progress", str(example_path(COMPLET))], color=True).output
    assert "\x1b[32m" in coloured and "\x1b[33m" in coloured  # green done, yellow in progress
    minimal = runner.invoke(cli, ["progress", str(example_path(MINIMAL))], color=True).output
    assert "\x1b[31m" in minimal and "✘ 1. Connaissance de son écosystème — à faire" in minimal
    assert "\x1b[" not in runner.invoke(cli, ["progress", str(example_path(MINIMAL))]).output


def test_markdown_output(write, raw, example_path) -> None:
    data = raw(MINIMAL)
    data["projet"]["nom"] = "Achats | *groupés*"
    markdown = format_markdown(progress(write(data)))
    assert markdown.startswith("# Feuille de route : Achats \\| \\*groupés\\*\n")
    assert "| Étape | Statut |" in markdown
    assert "| 1. Connaissance de son écosystème | ✘ à faire |" in markdown
    assert ("## 8. Définition du plan d'action — ✘ à faire\n\n"
            "_Bâtir et planifier le plan d'action._") in markdown
    assert "**Ce qui manque**" in markdown and "**Prochains moyens**" in markdown
    with pytest.raises(ValueError, match="format inconnu"):
        format_report(progress(example_path(MINIMAL)), "html")


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
    return plain("\n".join(parts))


@pytest.mark.parametrize("example", [COMPLET, MINIMAL], ids=["complet", "minimal"])
def test_roadmap_docx_renders_every_step(tmp_path: Path, project_file, example: str) -> None:
    source = project_file(example, filename=f"{example}.yaml", folder=tmp_path / "projets")
    written = build_roadmap.progress(source, roadmap=True, outdir=tmp_path / "sortie",
                                     today=date(2026, 3, 12))
    report = written.report
    assert report_to_dict(report) == report_to_dict(progress(source))
    assert written.problems == []
    [path] = written.written
    assert path == tmp_path / "sortie" / example / "feuille-de-route.docx"
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    text = _docx_text(path.read_bytes())
    assert "Feuille de route" in text and report.name in text and "12 mars 2026" in text
    plain = _plain(text)
    for step in trame():
        assert f"Étape {step.number} – {step.title}" in plain  # the memo's name of the step
        assert f"{step.number}. {step.title}" in plain  # summary table
        assert step.action[1:] in plain  # and what one does in it
    for leftover in ("{{", "{%", "None"):
        assert leftover not in text
    xml = zipfile.ZipFile(path).read("word/document.xml").decode()
    assert 'w:fill="E2EFDA"' in xml  # done steps are shaded green in the summary table
    if example == MINIMAL:
        assert 'w:fill="F8D7DA"' in xml and "Rien n'est encore renseigné" in text


def test_roadmap_of_an_invalid_project_lists_what_to_fix(write, raw) -> None:
    data = raw(MINIMAL)
    data["partenaires"][0]["siret"] = "123"
    text = _docx_text(roadmap_bytes(progress(write(data)), date(2026, 3, 12)))
    assert "contient encore des erreurs" in text
    assert "À corriger dans le fichier projet" in text and "partenaires[1].siret" in text


def test_shipped_template_is_built_by_its_builder(tmp_path: Path) -> None:
    import tpl_feuille_de_route  # tools/ is put on sys.path by conftest.py

    built = tpl_feuille_de_route.build(tmp_path)
    shipped = BUILTIN_DIR / "feuille-de-route.docx"
    with zipfile.ZipFile(built) as new, zipfile.ZipFile(shipped) as old:
        assert new.read("word/document.xml") == old.read("word/document.xml"), (
            "run: .venv/bin/python tools/tpl_feuille_de_route.py")


def test_evaluate_on_normalised_data_matches_progress(example_path) -> None:
    from coopdocs.check.project import load_project

    path = example_path(COMPLET)
    project = load_project(path)
    direct = evaluate(copy.deepcopy(project.data), str(path), project.warnings, valid=True)
    assert report_to_dict(direct) == report_to_dict(progress(path))


# --- the starter of `coopdocs init` ------------------------------------------------------------


def test_untouched_starter_has_no_step_done() -> None:
    """The starter's example values are not the project's: no step of an untouched starter is
    done, the steps that hold only examples are « à faire », and each step names the fields
    still to replace."""
    from coopdocs.source.starter import STARTER_FILE

    report = progress(STARTER_FILE)
    assert report.readable and report.valid
    assert report.counts["fait"] == 0
    statuses = {s.id: s.status for s in report.steps}
    assert statuses["ecosysteme"] == statuses["enjeux"] == "a_faire"
    initiation = next(s for s in report.steps if s.id == "initiation")
    assert any(m.startswith("4 valeurs d'exemple du fichier de départ à remplacer : "
                            "« projet.nom », « projet.description », « projet.contexte », …")
               for m in initiation.missing), initiation.missing
    assert report.name == "projet-initial"  # « [Nom du projet] » is not a name


def test_a_step_done_once_its_examples_are_replaced(raw, write) -> None:
    data = raw(COMPLET)
    data["enjeux_partages"] = ["[Premier enjeu partagé]", "Mutualiser les achats"]
    steps = {s.id: s for s in progress(write(data)).steps}
    assert steps["enjeux"].status == "en_cours"
    assert steps["enjeux"].missing == [
        "1 valeur d'exemple du fichier de départ à remplacer : « enjeux_partages[1] »"]
    data["enjeux_partages"] = ["Mutualiser les achats"]
    assert {s.id: s for s in progress(write(data)).steps}["enjeux"].status == "fait"
