"""The findings of the security test of `coopdocs serve` (brief of the serve-hardening branch):
files named by a hand-edited manifest, special and huge project files, blocking work, links out
of the served folder, odd tokens, odd file names, odd form fields and buttons, redirects."""

from __future__ import annotations

import io
import json
import os
import threading
import tracemalloc
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from starlette.testclient import TestClient

from coopdocs.build.write import output_folder
from coopdocs.serve.app import create_app
from coopdocs.serve.guard import Keys
from coopdocs.serve.workspace import Workspace
from coopdocs.source.reader import MAX_BYTES, read_source

KEYS = Keys(8750, "le-jeton", "le-csrf")
BASE = "http://127.0.0.1:8750"


def _client(given: Path, outdir: Path, workspace: Workspace | None = None) -> TestClient:
    client = TestClient(create_app(workspace or Workspace(given, outdir), KEYS), base_url=BASE,
                        raise_server_exceptions=False)
    assert client.get("/?jeton=le-jeton", follow_redirects=False).status_code == 303
    return client


def _french_page(answer: Any, status: int, title: str) -> None:
    assert answer.status_code == status
    assert f"<h1>{title}</h1>" in answer.text
    assert "Traceback" not in answer.text and 'lang="fr"' in answer.text


# --- 1. the manifest names only files of its own folder ----------------------------------------

def test_a_manifest_naming_files_elsewhere_serves_none_of_them(project_file: Any,
                                                               tmp_path: Path) -> None:
    path = project_file("exemple-complet")
    client = _client(path, tmp_path / "sortie")
    assert client.post("/projet/projet.yaml/documents", data={"_csrf": "le-csrf"}) \
        .status_code == 200
    folder = output_folder(tmp_path / "sortie", str(path))
    (tmp_path / "secret.docx").write_bytes(b"secret relatif")
    (tmp_path / "absolu.pdf").write_bytes(b"secret absolu")
    (folder / "lien.docx").symlink_to(tmp_path / "secret.docx")
    manifest = json.loads((folder / ".coopdocs.json").read_text(encoding="utf-8"))
    entry = next(iter(manifest["documents"].values()))
    evil = [os.path.relpath(tmp_path / "secret.docx", folder), str(tmp_path / "absolu.pdf"),
            "lien.docx"]
    for name in evil:
        manifest["documents"][name] = entry
    (folder / ".coopdocs.json").write_text(json.dumps(manifest), encoding="utf-8")
    archive = zipfile.ZipFile(io.BytesIO(client.get("/projet/projet.yaml/documents.zip").content))
    assert "convention-de-partenariat.docx" in archive.namelist()
    assert all("/" not in n and "secret" not in n and "absolu" not in n and "lien" not in n
               for n in archive.namelist())
    assert not any(b"secret" in archive.read(n) for n in archive.namelist())
    page = client.get("/projet/projet.yaml/documents").text
    assert "absolu" not in page and "secret.docx" not in page and "lien.docx" not in page
    assert client.get("/projet/projet.yaml/documents/lien.docx").status_code == 404


def test_an_output_folder_that_is_a_link_is_not_followed(project_file: Any,
                                                         tmp_path: Path) -> None:
    path = project_file("exemple-complet")
    client = _client(path, tmp_path / "sortie")
    client.post("/projet/projet.yaml/documents", data={"_csrf": "le-csrf"})
    folder = output_folder(tmp_path / "sortie", str(path))
    folder.rename(tmp_path / "ailleurs")
    folder.symlink_to(tmp_path / "ailleurs", target_is_directory=True)
    name = "convention-de-partenariat.docx"
    assert client.get(f"/projet/projet.yaml/documents/{name}").status_code == 404
    archive = zipfile.ZipFile(io.BytesIO(client.get("/projet/projet.yaml/documents.zip").content))
    assert archive.namelist() == []


# --- 2. special and huge project files ----------------------------------------------------------

@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_pipe_in_place_of_the_project_file_freezes_nothing(tmp_path: Path) -> None:
    served = tmp_path / "servi"
    served.mkdir()
    os.mkfifo(served / "tuyau.yaml")
    client = _client(served / "tuyau.yaml", tmp_path / "sortie")  # `coopdocs serve tuyau.yaml`
    answers: list[Any] = []

    def ask() -> None:
        answers.append(client.get("/projet/tuyau.yaml/empreinte"))
        answers.append(client.get("/projet/tuyau.yaml"))

    asking = threading.Thread(target=ask, daemon=True)
    asking.start()
    asking.join(20)
    if asking.is_alive():  # stuck opening the pipe: release it so that the test can end
        writer = os.open(served / "tuyau.yaml", os.O_WRONLY | os.O_NONBLOCK)
        os.close(writer)
        asking.join(20)
        pytest.fail("reading the pipe froze the server")
    assert [a.status_code for a in answers] == [200, 200]
    assert "tuyau" in answers[1].text and "Traceback" not in answers[1].text


def test_a_huge_project_file_is_never_read_into_memory(tmp_path: Path) -> None:
    served = tmp_path / "servi"
    served.mkdir()
    huge = served / "enorme.yaml"
    with huge.open("wb") as handle:  # sparse: 40 times the limit, nothing on disk
        handle.truncate(40 * MAX_BYTES)
    client = _client(served, tmp_path / "sortie")
    tracemalloc.start()
    try:
        first = client.get("/projet/enorme.yaml/empreinte")
        second = client.get("/projet/enorme.yaml/empreinte")
        page = client.get("/projet/enorme.yaml")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 4 * MAX_BYTES
    assert first.status_code == 200 and first.json() == second.json()
    assert first.json()["empreinte"]
    assert "au-delà de la limite de 5 Mo" in page.text
    with huge.open("r+b") as handle:  # it changes: the page sees it
        handle.truncate(41 * MAX_BYTES)
    assert client.get("/projet/enorme.yaml/empreinte").json() != first.json()


# --- 3. blocking work runs off the event loop ---------------------------------------------------

def test_a_slow_request_does_not_hold_the_others(project_file: Any, tmp_path: Path,
                                                 monkeypatch: Any) -> None:
    path = project_file("exemple-complet")
    workspace = Workspace(path, tmp_path / "sortie")
    entered, released = threading.Event(), threading.Event()
    waited: list[bool] = []
    look = workspace.look

    def slow_look(project: Any) -> Any:
        entered.set()
        waited.append(released.wait(10))  # True only if released while it was working
        return look(project)

    monkeypatch.setattr(workspace, "look", slow_look)
    with _client(path, tmp_path / "sortie", workspace) as client:
        slow = threading.Thread(target=client.get, args=("/projet/projet.yaml",), daemon=True)
        slow.start()
        assert entered.wait(10)
        assert client.get("/favicon.ico").status_code == 204
        assert client.get("/statique/coopdocs.js").status_code == 200
        released.set()
        slow.join(20)
    assert waited == [True]


# --- 4. links out of the served folder ------------------------------------------------------------

def test_a_link_to_a_file_outside_the_folder_takes_no_page_down(project_file: Any,
                                                                tmp_path: Path) -> None:
    served = tmp_path / "servi"
    project_file("exemple-minimal", filename="minimal.yaml", folder=served)
    outside = project_file("exemple-complet", filename="dehors.yaml", folder=tmp_path / "ailleurs")
    (served / "lien.yaml").symlink_to(outside)
    client = _client(served, tmp_path / "sortie")
    page = client.get("/")
    assert page.status_code == 200
    assert 'href="/projet/minimal.yaml"' in page.text and "lien.yaml" not in page.text
    assert client.get("/projet/lien.yaml").status_code == 404
    assert client.get("/projet/minimal.yaml").status_code == 200


# --- 5. any token, any text -----------------------------------------------------------------------

def test_a_token_that_is_not_ascii_is_refused_not_a_crash(project_file: Any,
                                                          tmp_path: Path) -> None:
    path = project_file("exemple-complet")
    before = path.read_bytes()
    fresh = TestClient(create_app(Workspace(path, tmp_path / "sortie"), KEYS), base_url=BASE,
                       raise_server_exceptions=False)
    _french_page(fresh.get("/?jeton=%C3%A9"), 403, "Accès refusé")
    cookie = f"{KEYS.cookie}=é".encode()
    _french_page(fresh.get("/", headers={b"cookie": cookie}), 403, "Accès refusé")
    client = _client(path, tmp_path / "sortie")
    route = "/projet/projet.yaml/etape/initiation"
    _french_page(client.post(route, data={"_csrf": "é"}), 403, "Envoi refusé")
    _french_page(client.post(route, data={"projet.nom": "x"},
                             headers={b"x-coopdocs-csrf": "é".encode()}),
                 403, "Envoi refusé")
    assert path.read_bytes() == before


# --- 6. any file name in a download ------------------------------------------------------------

@pytest.mark.parametrize("name", ["fête 🎉.yaml", 'dq".yaml'])
def test_the_zip_of_a_project_with_any_name_downloads(project_file: Any, tmp_path: Path,
                                                      name: str) -> None:
    served = tmp_path / "servi"
    project_file("exemple-minimal", filename=name, folder=served)
    client = _client(served, tmp_path / "sortie")
    answer = client.get(f"/projet/{name}/documents.zip")
    assert answer.status_code == 200
    disposition = answer.headers["content-disposition"]
    assert disposition.startswith('attachment; filename="')
    assert disposition.count('"') == 2  # the fallback's quotes only
    stem = Path(name).stem
    assert f"filename*=UTF-8''{quote(stem + '-documents.zip', safe='')}" in disposition
    zipfile.ZipFile(io.BytesIO(answer.content))


# --- 7. and 8. odd buttons and odd forms -------------------------------------------------------

def test_a_list_button_with_an_odd_number_is_no_crash(project_file: Any, tmp_path: Path) -> None:
    path = project_file("exemple-complet")
    client = _client(path, tmp_path / "sortie")
    form = {"_csrf": "le-csrf", "_empreinte": read_source(path).sha256,
            "_action": "supprimer:partenaires.²"}
    answer = client.post("/projet/projet.yaml/etape/perimetre", data=form)
    assert answer.status_code < 500


def test_a_form_the_page_cannot_read_says_so(project_file: Any, tmp_path: Path) -> None:
    path = project_file("exemple-complet")
    before = path.read_bytes()
    client = _client(path, tmp_path / "sortie")
    route = "/projet/projet.yaml/etape/initiation"
    with_file = client.post(route, data={"_csrf": "le-csrf"},
                            files={"piece": ("a.txt", b"x", "text/plain")})
    _french_page(with_file, 400, "Envoi illisible")
    assert "Ce n'est pas votre faute" not in with_file.text
    long_field = client.post(route, data={"_csrf": "le-csrf"},
                             files={"projet.nom": (None, b"x" * (1024 * 1024 + 10))})
    _french_page(long_field, 400, "Envoi illisible")
    assert path.read_bytes() == before


# --- 9. the token's address and its cookie -----------------------------------------------------

def test_the_token_address_never_sends_to_another_site(project_file: Any,
                                                       tmp_path: Path) -> None:
    path = project_file("exemple-complet")
    client = TestClient(create_app(Workspace(path, tmp_path / "sortie"), KEYS), base_url=BASE)
    for path in ("//evil.example/x", "///evil.example/x", "/\\evil.example/x"):
        address = f"{BASE}{path}?jeton=le-jeton"  # in full: the client keeps the slashes
        location = client.get(address, follow_redirects=False).headers["location"]
        assert location.startswith("/") and location[1:2] not in ("/", "\\")


def test_each_server_has_its_own_cookie_name() -> None:
    first, second = Keys.new(8750), Keys.new(8750)
    assert first.cookie != second.cookie
    assert first.token not in first.cookie and "8750" in first.cookie


# --- 10. what the person typed is never lost ----------------------------------------------------

def test_a_conflict_keeps_what_was_typed_and_creating_twice_says_what_to_do(
        project_file: Any, tmp_path: Path) -> None:
    served = tmp_path / "servi"
    path = project_file("exemple-complet", folder=served)
    client = _client(served, tmp_path / "sortie")
    form = {"_csrf": "le-csrf", "_empreinte": read_source(path).sha256,
            "projet.lieu_signature": "Aubervilliers-sur-Texte-Tapé"}
    path.write_text(path.read_text(encoding="utf-8") + "# à la main\n", encoding="utf-8")
    answer = client.post("/projet/projet.yaml/etape/initiation", data=form)
    assert answer.status_code == 409
    assert "Aubervilliers-sur-Texte-Tapé</textarea>" in answer.text
    assert "<dt>projet.lieu_signature</dt>" not in answer.text  # its label, as on the form
    created = client.post("/nouveau", data={"_csrf": "le-csrf", "nom": "Projet"})
    assert "existe déjà" in created.text and "--force" not in created.text
