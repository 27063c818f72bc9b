"""The page over HTTP (Starlette's test client): reading, live checking, saving, building,
the folder's dashboard, and every guard of item 7 (token, host, CSRF, size, paths, escaping,
French error pages)."""

from __future__ import annotations

import html
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from formdata import submitted
from reading import body_lines
from starlette.testclient import TestClient

from coopdocs.build.write import output_folder
from coopdocs.check.project import examine
from coopdocs.serve.app import create_app
from coopdocs.serve.forms import step_fields
from coopdocs.serve.guard import Keys
from coopdocs.serve.workspace import Workspace
from coopdocs.source.reader import read_source
from coopdocs.source.starter import starter_text

KEYS = Keys(8750, "le-jeton", "le-csrf")
BASE = "http://127.0.0.1:8750"


def _client(given: Path, outdir: Path, *, enter: bool = True) -> TestClient:
    client = TestClient(create_app(Workspace(given, outdir), KEYS), base_url=BASE,
                        raise_server_exceptions=False)
    if enter:
        answer = client.get("/?jeton=le-jeton", follow_redirects=False)
        assert answer.status_code == 303
        assert "HttpOnly" in answer.headers["set-cookie"]
        assert "SameSite=Strict" in answer.headers["set-cookie"]
    return client


def _french_page(answer: Any, status: int, title: str) -> None:
    assert answer.status_code == status
    assert f"<h1>{title}</h1>" in answer.text
    assert "Traceback" not in answer.text and 'lang="fr"' in answer.text


def _form(path: Path, step: str) -> dict[str, list[str]]:
    source = read_source(path)
    form = submitted(step_fields(step, source.data))
    form["_csrf"] = ["le-csrf"]
    form["_empreinte"] = [source.sha256]
    return form


# --- reading and checking ----------------------------------------------------------------------

def test_a_step_page_shows_the_form_status_and_problems(project_file: Any,
                                                        tmp_path: Path) -> None:
    path = project_file("exemple-complet", replace={'siret: "412 783 904 00003"':
                                                     'siret: "412 783 904"'})
    client = _client(path, tmp_path / "sortie")
    assert client.get("/", follow_redirects=False).headers["location"] == "/projet/projet.yaml"
    page = client.get("/projet/projet.yaml/etape/perimetre")
    assert page.status_code == 200
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    assert '<label for="f-partenaires.0.siret">Numéro SIRET' in page.text
    expected = next(p for p in examine(path).problems if p.dotted_path == "partenaires[1].siret")
    box = re.search(r'data-messages="partenaires\.0\.siret"[^>]*>(.*?)</div>', page.text, re.S)
    assert box and expected.message.replace("'", "&#39;") in box.group(1)
    assert '<span class="badge" data-statut>en cours</span>' in page.text


def test_live_checking_says_what_validate_says_next_to_the_field(project_file: Any,
                                                                 tmp_path: Path) -> None:
    path = project_file("exemple-complet")
    client = _client(path, tmp_path / "sortie")
    form = _form(path, "perimetre")
    form["partenaires.0.siret"] = ["123"]
    answer = client.post("/projet/projet.yaml/etape/perimetre/verifier", data=form)
    assert answer.status_code == 200
    found = [p for p in answer.json()["problemes"] if p["ancre"] == "partenaires.0.siret"]
    wrong = project_file("exemple-complet", filename="faux.yaml",
                         replace={'"412 783 904 00003"': '"123"'})
    expected = next(p for p in examine(wrong).problems if p.dotted_path == "partenaires[1].siret")
    assert [(p["message"], p["suggestion"]) for p in found] == [(expected.message, expected.hint)]
    assert answer.json()["resume"].startswith("Le fichier est non valide : 1 erreur")
    assert read_source(path).sha256 == form["_empreinte"][0]


# --- saving ------------------------------------------------------------------------------------

def test_saving_a_step_keeps_every_comment_of_untouched_fields(project_file: Any,
                                                               tmp_path: Path) -> None:
    path = project_file("exemple-complet")
    before = path.read_text(encoding="utf-8").splitlines()
    client = _client(path, tmp_path / "sortie")
    form = _form(path, "initiation")
    form["projet.lieu_signature"] = ["Aubervilliers"]
    answer = client.post("/projet/projet.yaml/etape/initiation", data=form,
                         follow_redirects=False)
    assert answer.status_code == 303
    after = path.read_text(encoding="utf-8").splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert len(changed) == 1 and "Aubervilliers" in changed[0][1]
    assert [line for line in before if "#" in line] == [line for line in after if "#" in line]


def test_list_buttons_add_move_and_remove_in_the_file(project_file: Any,
                                                      tmp_path: Path) -> None:
    path = project_file("exemple-complet")
    before = path.read_text(encoding="utf-8")
    client = _client(path, tmp_path / "sortie")
    ids = [p["id"] for p in read_source(path).data["partenaires"]]
    for action in ("ajouter:partenaires", "descendre:partenaires.0",
                   f"supprimer:partenaires.{len(ids)}"):
        form = _form(path, "perimetre")
        form["_action"] = [action]
        answer = client.post("/projet/projet.yaml/etape/perimetre", data=form,
                             follow_redirects=False)
        assert answer.status_code == 303, answer.text
    assert [p["id"] for p in read_source(path).data["partenaires"]] == [ids[1], ids[0], *ids[2:]]
    # Moved with its partner, every comment is still there.
    comments = sorted(line.split("#", 1)[1] for line in before.splitlines() if "#" in line)
    assert sorted(line.split("#", 1)[1] for line in path.read_text(encoding="utf-8").splitlines()
                  if "#" in line) == comments


def test_a_hand_edit_made_meanwhile_is_never_overwritten(project_file: Any,
                                                         tmp_path: Path) -> None:
    path = project_file("exemple-complet")
    client = _client(path, tmp_path / "sortie")
    form = _form(path, "initiation")
    form["projet.lieu_signature"] = ["Aubervilliers"]
    edited = path.read_text(encoding="utf-8").replace("version: 1", "version: 1  # à la main")
    path.write_text(edited, encoding="utf-8")
    answer = client.post("/projet/projet.yaml/etape/initiation", data=form)
    assert answer.status_code == 409
    assert "Le fichier a été modifié en dehors de cette page" in answer.text
    assert "rien n'a été enregistré" in answer.text
    assert path.read_text(encoding="utf-8") == edited
    assert client.get("/projet/projet.yaml/empreinte").json() == \
        {"empreinte": read_source(path).sha256}


def test_a_project_created_only_through_the_page_validates_strictly_and_builds_as_the_cli(
        tmp_path: Path, example_path: Any) -> None:
    folder = tmp_path / "projets"
    folder.mkdir()
    client = _client(folder, tmp_path / "sortie-page")
    answer = client.post("/nouveau", data={"_csrf": "le-csrf", "nom": "Réseau de l'Ourcq"},
                         follow_redirects=False)
    assert answer.status_code == 303
    path = folder / "reseau-de-l-ourcq.yaml"
    assert path.read_text(encoding="utf-8") == starter_text()
    # What a person types in the page, step by step: the values of a finished project.
    target = read_source(example_path("exemple-reseau")).data
    target["gouvernance"]["roles"][4]["partenaire"] = "jardins-ourcq"
    target["gouvernance"]["faire_vivre"][0]["referents"] = ["jardins-ourcq"]
    # The ETTI's directeur général cites the clause of its statuts that lets him sign for a SAS.
    etti = next(p for p in target["partenaires"] if p["id"] == "interim-ourcq")
    etti["representant"]["habilitation"] = "l'article 14 des statuts"
    for step in ("ecosysteme", "initiation", "mobilisation", "perimetre", "objectif_commun",
                 "enjeux", "objectifs_operationnels", "plan_action", "statut_juridique",
                 "gouvernance"):
        form = submitted(step_fields(step, target))
        form["_csrf"] = ["le-csrf"]
        form["_empreinte"] = [read_source(path).sha256]
        answer = client.post(f"/projet/reseau-de-l-ourcq.yaml/etape/{step}", data=form,
                             follow_redirects=False)
        assert answer.status_code == 303, answer.text
    command = [sys.executable, "-m", "coopdocs"]
    checked = subprocess.run([*command, "validate", "--strict", str(path)],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    built = client.post("/projet/reseau-de-l-ourcq.yaml/documents", data={"_csrf": "le-csrf"})
    assert built.status_code == 200 and "Documents produits" in built.text
    subprocess.run([*command, "build", str(path), "-o", str(tmp_path / "sortie-cli"), "-q"],
                   check=True)
    page_docs = sorted((tmp_path / "sortie-page" / "reseau-de-l-ourcq").glob("*.docx"))
    cli_docs = sorted((tmp_path / "sortie-cli" / "reseau-de-l-ourcq").glob("*.docx"))
    assert [p.name for p in page_docs] == [p.name for p in cli_docs] and len(page_docs) >= 5
    for ours, theirs in zip(page_docs, cli_docs, strict=True):
        assert body_lines(Document(str(ours))) == body_lines(Document(str(theirs))), ours.name


# --- documents ---------------------------------------------------------------------------------

def test_documents_are_built_listed_downloaded_zipped_and_previewed(project_file: Any,
                                                                    tmp_path: Path) -> None:
    path = project_file("exemple-complet")
    client = _client(path, tmp_path / "sortie")
    assert "Aucun document produit" in client.get("/projet/projet.yaml/documents").text
    answer = client.post("/projet/projet.yaml/documents", data={"_csrf": "le-csrf"})
    assert answer.status_code == 200
    folder = output_folder(tmp_path / "sortie", str(path))
    name = "convention-de-partenariat.docx"
    assert (folder / name).is_file() and (folder / ".coopdocs.json").is_file()
    assert "à jour avec le fichier" in answer.text
    download = client.get(f"/projet/projet.yaml/documents/{name}")
    assert download.status_code == 200 and download.content == (folder / name).read_bytes()
    assert "attachment" in download.headers["content-disposition"]
    archive = zipfile.ZipFile(io.BytesIO(client.get("/projet/projet.yaml/documents.zip").content))
    assert name in archive.namelist()
    preview = client.get(f"/projet/projet.yaml/apercu/{name}")
    assert preview.status_code == 200
    assert "CONVENTION DE PARTENARIAT" in preview.text.upper()
    # The no-break hyphen of an article (w:noBreakHyphen) is shown as a hyphen.
    assert "L.\u00a08241-1" in html.unescape(preview.text)


# --- a folder of projects ----------------------------------------------------------------------

def test_a_folder_shows_every_project_with_its_steps_and_counts(project_file: Any,
                                                                tmp_path: Path) -> None:
    folder = tmp_path / "projets"
    project_file("exemple-complet", filename="a/projet.yaml", folder=folder)
    project_file("exemple-minimal", filename="minimal.yaml", folder=folder)
    project_file(text="projet: [\n", filename="casse.yaml", folder=folder)
    client = _client(folder, tmp_path / "sortie")
    page = client.get("/")
    assert page.status_code == 200
    for key in ("a/projet.yaml", "minimal.yaml", "casse.yaml"):
        assert f'href="/projet/{key}"' in page.text
    assert "fichier illisible" in page.text
    assert page.text.count('<td class="statut-') >= 20
    assert page.text.count("<td>jamais</td>") == 3
    assert client.get("/projet/a/projet.yaml/etape/gouvernance").status_code == 200
    built = client.post("/projet/minimal.yaml/documents", data={"_csrf": "le-csrf"})
    assert built.status_code == 200
    page = client.get("/")
    assert page.text.count("<td>jamais</td>") == 2
    assert re.search(r"<td>\d\d/\d\d/\d{4} \d\d:\d\d</td>", page.text)
    (folder / "minimal.yaml").write_text((folder / "minimal.yaml").read_text(encoding="utf-8")
                                         + "# changé\n", encoding="utf-8")
    assert "(le fichier a changé depuis)" in client.get("/").text


# --- safe by default ---------------------------------------------------------------------------

def test_every_request_needs_the_token(project_file: Any, tmp_path: Path) -> None:
    path = project_file("exemple-complet")
    client = _client(path, tmp_path / "sortie", enter=False)
    _french_page(client.get("/projet/projet.yaml"), 403, "Accès refusé")
    _french_page(client.get("/?jeton=pas-le-bon"), 403, "Accès refusé")
    _french_page(client.get("/statique/coopdocs.js"), 403, "Accès refusé")
    client.cookies.set(KEYS.cookie, "pas-le-bon")
    _french_page(client.get("/projet/projet.yaml"), 403, "Accès refusé")


def test_another_host_name_reaches_nothing(project_file: Any, tmp_path: Path) -> None:
    path = project_file("exemple-complet")
    client = _client(path, tmp_path / "sortie")
    for host in ("attaquant.example:8750", "127.0.0.1:9999", "localhost"):
        _french_page(client.get("/projet/projet.yaml", headers={"host": host}), 400,
                     "Adresse refusée")
    assert client.get("/projet/projet.yaml", headers={"host": "localhost:8750"}).status_code \
        == 200


@pytest.mark.parametrize("route", ["/projet/projet.yaml/etape/initiation",
                                   "/projet/projet.yaml/etape/initiation/verifier",
                                   "/projet/projet.yaml/documents", "/nouveau"])
def test_every_write_needs_the_csrf_token_and_our_origin(project_file: Any, tmp_path: Path,
                                                         route: str) -> None:
    path = project_file("exemple-complet")
    before = path.read_bytes()
    client = _client(path, tmp_path / "sortie")
    form = _form(path, "initiation")
    form["projet.nom"] = ["Changé"]
    without = {k: v for k, v in form.items() if k != "_csrf"}
    _french_page(client.post(route, data=without), 403, "Envoi refusé")
    _french_page(client.post(route, data={**form, "_csrf": ["faux"]}), 403, "Envoi refusé")
    _french_page(client.post(route, data=form, headers={"origin": "http://attaquant.example"}),
                 403, "Envoi refusé")
    assert path.read_bytes() == before
    assert not (tmp_path / "sortie").exists()


def test_a_request_too_large_is_refused(project_file: Any, tmp_path: Path) -> None:
    path = project_file("exemple-complet")
    before = path.read_bytes()
    client = _client(path, tmp_path / "sortie")
    big = {"_csrf": "le-csrf", "projet.nom": "x" * (6 * 1024 * 1024)}
    _french_page(client.post("/projet/projet.yaml/etape/initiation", data=big), 413,
                 "Envoi trop volumineux")

    def chunks() -> Any:  # no Content-Length: counted while read
        for _ in range(7):
            yield b"x" * (1024 * 1024)

    _french_page(client.post("/projet/projet.yaml/etape/initiation", content=chunks(),
                             headers={"content-type": "application/x-www-form-urlencoded"}),
                 413, "Envoi trop volumineux")
    assert path.read_bytes() == before


@pytest.mark.parametrize("address", [
    "/projet/../secret.yaml", "/projet/%2e%2e/secret.yaml", "/projet/..%2fsecret.yaml",
    "/projet/%2Ftmp%2Fsecret.yaml", "/projet/secret.yaml/etape/initiation",
    "/projet/projet.yaml/documents/..%2F..%2Fsecret.yaml",
    "/projet/projet.yaml/documents/.coopdocs.json", "/projet/projet.yaml/etape/inconnue",
    "/statique/../app.py", "/nulle-part"])
def test_nothing_outside_the_served_folder_is_reachable(project_file: Any, tmp_path: Path,
                                                        address: str) -> None:
    served = tmp_path / "servi"
    project_file("exemple-complet", folder=served)
    (tmp_path / "secret.yaml").write_text("secret: oui\n", encoding="utf-8")
    client = _client(served, tmp_path / "sortie")
    client.post("/projet/projet.yaml/documents", data={"_csrf": "le-csrf"})
    answer = client.get(address)
    assert answer.status_code == 404
    assert "secret" not in answer.text.replace(address, "") or "Aucun" in answer.text
    assert "Traceback" not in answer.text and "<h1>" in answer.text


def test_the_file_content_is_shown_never_run(project_file: Any, tmp_path: Path) -> None:
    path = project_file("exemple-complet", edits={
        "projet.nom": "{{ 7 * 7 }} <script>alert('x')</script>",
        "partenaires[0].raison_sociale": "{% for x in range(3) %}boucle{% endfor %}"})
    client = _client(path, tmp_path / "sortie")
    page = client.get("/projet/projet.yaml/etape/initiation").text
    assert "{{ 7 * 7 }} &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "<script>alert" not in page and ">49<" not in page
    assert "boucleboucle" not in client.get("/projet/projet.yaml/etape/perimetre").text


def test_an_internal_error_is_a_french_page_without_traceback(project_file: Any,
                                                              tmp_path: Path,
                                                              monkeypatch: Any) -> None:
    path = project_file("exemple-complet")
    client = _client(path, tmp_path / "sortie")

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boum")

    monkeypatch.setattr(Workspace, "look", broken)
    answer = client.get("/projet/projet.yaml")
    _french_page(answer, 500, "Erreur interne de coopdocs")
    assert "boum" not in answer.text


def test_with_libreoffice_the_preview_is_the_pdf(project_file: Any, tmp_path: Path,
                                                 soffice: str) -> None:
    path = project_file("exemple-minimal")
    client = _client(path, tmp_path / "sortie")
    built = client.post("/projet/projet.yaml/documents", data={"_csrf": "le-csrf", "pdf": "1"})
    assert built.status_code == 200, built.text
    assert "convention-de-partenariat.pdf" in built.text
    preview = client.get("/projet/projet.yaml/apercu/convention-de-partenariat.docx")
    assert '<iframe class="apercu-pdf" title="Aperçu de convention-de-partenariat.docx" ' \
        'src="/projet/projet.yaml/documents/convention-de-partenariat.pdf?voir=1">' in preview.text
    shown = client.get("/projet/projet.yaml/documents/convention-de-partenariat.pdf?voir=1")
    assert shown.headers["content-disposition"].startswith("inline")
    assert shown.content.startswith(b"%PDF")
