"""The page in a real browser: the system's Chromium driven by Playwright (never a downloaded
browser). Skipped without Chromium, a failure under CI=true (`chromium` in conftest.py). One
browser per test worker; each test has its own server, on a free port of 127.0.0.1, in a
thread of the test process.

Set COOPDOCS_CAPTURES to a folder to keep the screenshots there (the README's comes from it).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from playwright.sync_api import Page, expect
from reading import body_lines

from coopdocs.method.steps import trame
from coopdocs.serve.server import Served, prepare
from coopdocs.source.reader import read_source
from coopdocs.source.starter import starter_text

Serve = Callable[[Path], tuple[Served, Page]]


def _capture(page: Page, tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    page.screenshot(path=str(target), full_page=False)
    folder = os.environ.get("COOPDOCS_CAPTURES")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(target, Path(folder) / name)


@pytest.fixture
def serve(browser: Any, tmp_path: Path) -> Iterator[Serve]:
    """Start the page over a file or folder and open it in a new browser page."""
    running: list[tuple[Served, threading.Thread, Any]] = []

    def start(given: Path) -> tuple[Served, Page]:
        served = prepare(given, port=0, outdir=tmp_path / "sortie")
        thread = threading.Thread(target=served.run, daemon=True)
        thread.start()
        deadline = time.monotonic() + 10
        while not served.started:
            assert time.monotonic() < deadline, "le serveur n'a pas démarré"
            time.sleep(0.02)
        context = browser.new_context(viewport={"width": 1280, "height": 900},
                                      accept_downloads=True, locale="fr-FR")
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(served.url)
        running.append((served, thread, context))
        return served, page

    yield start
    for served, thread, context in running:
        context.close()
        served.stop()
        thread.join(timeout=10)


def _base(served: Served) -> str:
    return served.url.split("/?")[0]


# What a person types in the page to replace every example value of the starter (and the one
# fact the plan d'action still lacks then): a project `validate --strict` accepts.
ANSWERS = {
    "ecosysteme.evenements": "Forum de l'insertion de Bondy, mars 2026",
    "ecosysteme.collectifs": "Réseau des SIAE de Seine-Saint-Denis",
    "projet.nom": "Jardins partagés de l'Ourcq",
    "projet.description": "Mutualiser un atelier de réparation de vélos.",
    "projet.contexte": "Deux structures voisines réparent des vélos.\n\nLeur local est trop petit.",
    "projet.territoire": "Seine-Saint-Denis (93)",
    "projet.lieu_signature": "Bondy",
    "mobilisation.0.communication": "Réunion d'équipe mensuelle",
    "mobilisation.1.communication": "Note interne aux salarié·e·s",
    "partenaires.0.raison_sociale": "Les Jardins de Bondy",
    "partenaires.0.siret": "885 412 098 00018",
    "partenaires.0.adresse.ligne1": "2 chemin des Marais",
    "partenaires.0.rna": "W931004512",
    "partenaires.0.adresse.code_postal": "93140",
    "partenaires.0.adresse.commune": "Bondy",
    "partenaires.0.representant.prenom": "Paul",
    "partenaires.0.representant.nom": "Lefèvre",
    "partenaires.0.representant.qualite": "Président",
    "partenaires.0.contribution.description": "Met à disposition son encadrant technique.",
    "partenaires.1.raison_sociale": "Bâtir & Insérer",
    "partenaires.1.siret": "667 321 459 00014",
    "partenaires.1.rcs": "Bobigny",
    "partenaires.1.capital_social": "10000",
    "partenaires.1.adresse.ligne1": "14 rue de la Convention",
    "partenaires.1.adresse.code_postal": "93000",
    "partenaires.1.adresse.commune": "Bobigny",
    "partenaires.1.representant.prenom": "Aïcha",
    "partenaires.1.representant.nom": "Benali",
    # The présidente represents the SAS (C. com. L. 227-6): no act to cite, strictly valid.
    "partenaires.1.representant.qualite": "Présidente",
    "partenaires.1.contribution.description": "Prête son local de 80 m².",
    "objectif_commun": "Réparer ensemble plus de vélos pour les habitant·e·s du canal.",
    "enjeux_partages": "Partager un local adapté\nFormer les salarié·e·s à la mécanique",
    "objectifs_operationnels.0.intitule": "Ouvrir l'atelier commun",
    "objectifs_operationnels.0.indicateurs.0.libelle": "Vélos réparés par mois",
    "plan_action.0.intitule": "Aménager l'atelier commun",
    "plan_action.0.besoin_financier": "5000",
    "plan_action.0.taches.0.libelle": "Signer le bail",
    "plan_action.0.taches.1.libelle": "Installer les établis",
    "statut_juridique.justification": "Une convention suffit pour partager un local.",
    "gouvernance.instances.0.role": "Fixer les orientations et suivre le plan d'action.",
}


def test_create_a_project_from_the_starter_through_the_form(serve: Serve,
                                                           tmp_path: Path) -> None:
    folder = tmp_path / "projets"
    folder.mkdir()
    served, page = serve(folder)
    expect(page.locator("h1")).to_have_text("Les projets du dossier")
    page.get_by_label("Nom du fichier du nouveau projet").fill("Jardins partagés")
    with page.expect_navigation():
        page.get_by_role("button", name="Créer à partir du fichier de départ").click()
    path = folder / "jardins-partages.yaml"
    assert path.read_text(encoding="utf-8") == starter_text()
    expect(page.locator("h1")).to_contain_text("Initiation du projet de coopération")
    expect(page.locator('[data-messages="projet.nom"]')).to_contain_text(
        "Avertissement : Valeur d'exemple laissée : « [Nom du projet] ».")
    expect(page.locator("[data-manques]")).to_contain_text("« projet.nom »")
    page.get_by_label("Nom du projet", exact=False).first.fill(ANSWERS["projet.nom"])
    expect(page.locator('[data-messages="projet.nom"]')).to_be_empty()
    expect(page.locator("[data-manques]")).not_to_contain_text("« projet.nom »")
    # Every step in turn, through the page's own menu: the example values replaced, saved.
    for step in trame():
        with page.expect_navigation():
            page.locator(f'.etapes [data-etape="{step.id}"] a').click()
        for name, value in ANSWERS.items():
            field = page.locator(f'[name="{name}"]')
            if field.count():
                field.fill(value)
        with page.expect_navigation():
            page.get_by_role("button", name="Enregistrer").first.click()
        expect(page.get_by_role("status").first).to_contain_text("Enregistré dans le fichier.")
    data = read_source(path).data
    assert data["projet"]["nom"] == "Jardins partagés de l'Ourcq"
    assert data["partenaires"][1]["capital_social"] == 10000
    text = path.read_text(encoding="utf-8")
    assert "#  Étape 2 — Initiation du projet de coopération" in text
    assert "# acronyme: \"SIGLE\"          # facultatif : le sigle court du projet" in text
    command = [sys.executable, "-m", "coopdocs"]
    checked = subprocess.run([*command, "validate", "--strict", str(path)],
                             capture_output=True, text=True, check=False)
    assert checked.returncode == 0, checked.stderr
    # The page builds what the command line builds.
    with page.expect_navigation():
        page.get_by_role("link", name="Documents", exact=True).click()
    if page.get_by_label("Produire aussi les PDF", exact=False).is_enabled():
        page.get_by_label("Produire aussi les PDF", exact=False).uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="Produire les documents").click()
    expect(page.get_by_role("heading", name="Documents produits")).to_be_visible()
    subprocess.run([*command, "build", str(path), "-o", str(tmp_path / "cli"), "-q"], check=True)
    ours = sorted((tmp_path / "sortie" / "jardins-partages").glob("*.docx"))
    theirs = sorted((tmp_path / "cli" / "jardins-partages").glob("*.docx"))
    assert [p.name for p in ours] == [p.name for p in theirs] and len(ours) >= 5
    for mine, cli in zip(ours, theirs, strict=True):
        assert body_lines(Document(str(mine))) == body_lines(Document(str(cli))), mine.name
    page.goto(_base(served) + "/")
    expect(page.get_by_role("link", name="Jardins partagés de l'Ourcq")).to_be_visible()


def test_an_error_appears_next_to_the_siret_and_goes_when_fixed(serve: Serve,
                                                               project_file: Any,
                                                               tmp_path: Path) -> None:
    path = project_file("exemple-complet")
    served, page = serve(path)
    page.goto(_base(served) + "/projet/projet.yaml/etape/perimetre")
    siret = page.locator('[name="partenaires.0.siret"]')
    messages = page.locator('[data-messages="partenaires.0.siret"]')
    expect(messages).to_be_empty()
    siret.fill("412 783 904")
    expect(messages).to_contain_text("Le SIRET « 412 783 904 » doit compter 14 chiffres "
                                     "(il en a 9).")
    expect(page.locator("[data-resume-texte]")).to_contain_text("non valide")
    assert siret.get_attribute("aria-describedby").endswith("msg-partenaires.0.siret")
    siret.evaluate("e => e.scrollIntoView({block: 'center'})")
    _capture(page, tmp_path, "serve-etape.png")
    siret.fill("412 783 904 00003")
    expect(messages).to_be_empty()
    assert read_source(path).data["partenaires"][0]["siret"] == "412 783 904 00003"


def test_add_a_partner_and_choose_it_as_pilote_of_an_action(serve: Serve, project_file: Any,
                                                            tmp_path: Path) -> None:
    path = project_file("exemple-complet")
    served, page = serve(path)
    count = len(read_source(path).data["partenaires"])
    page.goto(_base(served) + "/projet/projet.yaml/etape/perimetre")
    with page.expect_navigation():
        page.get_by_role("button", name="Ajouter un partenaire").click()
    new = page.locator(f'fieldset[data-chemin="partenaires.{count}"]')
    expect(new.locator("legend").first).to_have_text(f"Partenaire {count + 1} : partenaire-1")
    new.locator(f'[name="partenaires.{count}.id"]').fill("atelier")
    new.locator(f'[name="partenaires.{count}.raison_sociale"]').fill("Atelier du Canal")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer").first.click()
    page.goto(_base(served) + "/projet/projet.yaml/etape/plan_action")
    pilot = page.locator('[name="plan_action.0.pilote"]')
    expect(pilot.locator('option[value="atelier"]')).to_have_text("Atelier du Canal (atelier)")
    pilot.select_option("atelier")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer").first.click()
    data = read_source(path).data
    assert data["partenaires"][count]["raison_sociale"] == "Atelier du Canal"
    assert data["plan_action"][0]["pilote"] == "atelier"
    expect(page.locator('[name="plan_action.0.pilote"]')).to_have_value("atelier")


def test_build_and_download_the_convention(serve: Serve, project_file: Any,
                                           tmp_path: Path) -> None:
    path = project_file("exemple-complet")
    served, page = serve(path)
    page.goto(_base(served) + "/projet/projet.yaml")
    with page.expect_navigation():
        page.get_by_role("link", name="Produire et télécharger les documents").click()
    box = page.get_by_label("Produire aussi les PDF", exact=False)
    if box.is_enabled():
        box.uncheck()  # the PDFs are LibreOffice's, tested in tests/build/
    with page.expect_navigation():
        page.get_by_role("button", name="Produire les documents").click()
    expect(page.get_by_role("heading", name="Documents produits")).to_be_visible()
    with page.expect_download() as downloading:
        page.get_by_role("link", name="convention-de-partenariat.docx", exact=True).click()
    saved = tmp_path / "telecharge.docx"
    downloading.value.save_as(saved)
    lines = body_lines(Document(str(saved)))
    assert any("CONVENTION DE PARTENARIAT" in line.upper() for line in lines)
    assert any("Recycl'Action 93" in line or "Recycl’Action 93" in line for line in lines)
    with page.expect_navigation():
        page.get_by_role("link", name="Aperçu de convention-de-partenariat.docx").click()
    expect(page.locator("h1")).to_have_text("Aperçu : convention-de-partenariat.docx")


def test_a_hand_edit_while_the_page_is_open_is_offered_for_reload(serve: Serve,
                                                                  project_file: Any) -> None:
    path = project_file("exemple-complet")
    served, page = serve(path)
    page.goto(_base(served) + "/projet/projet.yaml/etape/initiation")
    banner = page.locator("#modifie-ailleurs")
    expect(banner).to_be_hidden()
    page.locator('[name="projet.lieu_signature"]').fill("Pantin")
    edited = path.read_text(encoding="utf-8").replace("version: 1", "version: 1  # retouché")
    path.write_text(edited, encoding="utf-8")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Le fichier a été modifié en dehors de cette page")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer").first.click()
    expect(page.locator("#modifie-ailleurs")).to_contain_text("rien n'a été enregistré")
    assert path.read_text(encoding="utf-8") == edited
    with page.expect_navigation():
        page.get_by_role("link", name="Recharger la page").click()
    expect(page.locator("#modifie-ailleurs")).to_be_hidden()
    expect(page.locator('[name="projet.lieu_signature"]')).not_to_have_value("Pantin")


def test_a_step_can_be_used_with_the_keyboard_alone(serve: Serve, project_file: Any) -> None:
    path = project_file("exemple-complet")
    served, page = serve(path)
    page.goto(_base(served) + "/projet/projet.yaml")
    unlabelled = page.evaluate("""() => [...document.querySelectorAll(
        'input:not([type=hidden]), select, textarea')].filter(e => e.labels.length === 0)
        .map(e => e.name || e.id)""")
    assert unlabelled == []

    def tab_to(test: str, limit: int = 400) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(f"() => {{ const e = document.activeElement; return {test}; }}"):
                return
        raise AssertionError(f"jamais atteint au clavier : {test}")

    tab_to("e.tagName === 'A' && e.getAttribute('href').endsWith('/etape/initiation')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    for step in ("initiation", "perimetre", "gouvernance"):
        page.goto(_base(served) + f"/projet/projet.yaml/etape/{step}")
        unlabelled = page.evaluate("""() => [...document.querySelectorAll(
            'input:not([type=hidden]), select, textarea')].filter(e => e.labels.length === 0)
            .map(e => e.name || e.id)""")
        assert unlabelled == [], step
    page.goto(_base(served) + "/projet/projet.yaml/etape/initiation")
    tab_to("e.name === 'projet.reconduction'")
    before = page.evaluate("() => document.activeElement.value")
    page.keyboard.press("ArrowUp")  # the choice before
    tab_to("e.name === 'projet.lieu_signature'")
    page.keyboard.press("Control+A")
    page.keyboard.type("Montreuil")
    with page.expect_navigation():
        page.keyboard.press("Enter")  # the form's first button: Enregistrer
    data = read_source(path).data["projet"]
    assert data["lieu_signature"] == "Montreuil"
    assert data["reconduction"] == {"tacite": "aucune", "expresse": "tacite"}[before]
