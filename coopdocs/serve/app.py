"""The web page of `coopdocs serve`: routes, pages and their French texts.

Why Starlette: a small, well-kept ASGI toolkit whose only required dependency is anyio, with
Jinja2 (already used for the documents) for the pages; uvicorn serves it. The pages work as
plain HTML forms (every button is a submit button handled here, lists included); the little
JavaScript of `static/coopdocs.js` only adds the live checking and the warning that the file
changed on disk. No template or YAML content is ever executed: the pages are our templates,
autoescaped, and the project file is read by the same safe reader as `coopdocs validate`.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast
from urllib.parse import quote

from docx import Document as WordDocument
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from coopdocs.errors import ChangedOnDisk, CoopdocsError, Problem
from coopdocs.french.figures import nombre
from coopdocs.french.grammar import count
from coopdocs.method.report import STATUS_LABELS, StepStatus
from coopdocs.method.steps import trame
from coopdocs.serve.forms import Field, FormData, field_name, parse_action, step_fields
from coopdocs.serve.guard import Guard, Keys, TooLarge
from coopdocs.serve.workspace import Look, NotServed, ProjectFile, Workspace
from coopdocs.source.reader import MAX_BYTES

__all__ = ["PAGE_HEADERS", "create_app"]

HERE = Path(__file__).resolve().parent
STEP_IDS = tuple(step.id for step in trame())
# Nothing but our own files runs or loads in the page; the preview frame shows our PDFs.
PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; object-src 'self'; frame-ancestors 'self'; "
                               "base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",  # the browser then says where a form comes from
    "Cache-Control": "no-store",
}

Handler = Callable[[Request], Awaitable[Response]]
# A form's limits, said in docs/page-web.md: the whole body is at most `MAX_BYTES` (the guard),
# one field at most 1 Mo (a project's longest text is far shorter), no file, and as many
# fields as a project of several hundred partners and actions has.
MAX_FIELDS = 20000
MAX_PART_BYTES = 1024 * 1024


def _environment() -> Environment:
    env = Environment(loader=FileSystemLoader(HERE / "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["url"] = lambda key: quote(str(key), safe="/")
    env.filters["compte"] = count
    return env


@dataclass
class Page:
    """Everything a page's template needs besides its own values."""

    env: Environment
    keys: Keys
    workspace: Workspace

    def render(self, template: str, status: int = 200, **values: Any) -> HTMLResponse:
        text = self.env.get_template(template).render(csrf=self.keys.csrf,
                                                       labels=STATUS_LABELS, **values)
        return HTMLResponse(text, status_code=status, headers=PAGE_HEADERS)

    def error(self, status: int, title: str, message: str, hint: str = "") -> bytes:
        text = self.env.get_template("erreur.html").render(
            title=title, message=message, hint=hint, status=status, csrf="", labels={})
        return text.encode("utf-8")


def _anchor(path: Iterable[str | int], names: set[str]) -> str | None:
    """The form field nearest to a problem's path (the field itself, or its block)."""
    parts = list(path)
    while parts:
        name = field_name(parts)
        if name in names:
            return name
        parts.pop()
    return None


def _step_of(look: Look) -> dict[int, str]:
    """id(problem) → the step it is filed under."""
    return {id(p): s.id for s in look.report.steps for p in s.problems}


def _listed(look: Look, names: set[str] | None = None,
            step: str | None = None) -> list[dict[str, Any]]:
    """The problems of the summary: each with its step, and its field when it is on the page."""
    where = _step_of(look)
    return [{"p": p, "etape": where.get(id(p)),
             "ancre": _anchor(p.path, names) if names and where.get(id(p)) == step else None}
            for p in look.problems]


def _problem_json(problem: Problem, anchor: str | None, step: str | None) -> dict[str, Any]:
    return {"ancre": anchor, "etape": step, "gravite": problem.severity,
            "chemin": problem.dotted_path, "message": problem.message,
            "suggestion": problem.hint, "ligne": problem.line}


def _step_json(status: StepStatus) -> dict[str, Any]:
    return {"id": status.id, "statut": status.status, "statut_libelle": status.status_label,
            "manques": status.missing, "problemes": len(status.problems)}


def _summary(look: Look) -> str:
    errors = sum(1 for p in look.problems if p.is_error)
    warnings = len(look.problems) - errors
    if not errors and not warnings:
        return "Le fichier est valide : aucune erreur, aucun avertissement."
    words = []
    if errors:
        words.append(count(errors, "erreur"))
    if warnings:
        words.append(count(warnings, "avertissement"))
    verdict = "non valide" if errors else "valide"
    return f"Le fichier est {verdict} : {' et '.join(words)}."


async def _form(request: Request, keys: Keys) -> FormData:
    """The submitted form, once its CSRF token and origin are checked."""
    if not keys.origin_ok(request.headers.get("origin")):
        raise HTTPException(403, "origine")
    form = await request.form(max_files=0, max_fields=MAX_FIELDS,
                              max_part_size=MAX_PART_BYTES)
    given = form.get("_csrf")
    if not keys.csrf_ok(given if isinstance(given, str) else
                        request.headers.get("x-coopdocs-csrf")):
        raise HTTPException(403, "csrf")
    collected: dict[str, list[str]] = {}
    for name, value in form.multi_items():
        if isinstance(value, str):
            collected.setdefault(name, []).append(value)
    return collected


def _text_of(element: Any) -> str:
    """The text Word shows of an element: its w:t, and « - » for each w:noBreakHyphen (the
    no-break hyphen of a code, « L. 2122-22 »)."""
    return "".join("-" if node.tag.endswith("}noBreakHyphen") else node.text or ""
                   for node in element.iter() if node.tag.endswith(("}t", "}noBreakHyphen")))


def _docx_text(path: Path) -> list[tuple[str, str]]:
    """(style, text) of each paragraph of a Word document, tables included, in reading order."""
    document = WordDocument(str(path))
    lines: list[tuple[str, str]] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = _text_of(child)
            style = child.xpath("string(./w:pPr/w:pStyle/@w:val)")
            lines.append(("titre" if str(style).lower().startswith(("heading", "titre", "title"))
                          else "texte", text))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = [_text_of(cell) for cell in row if cell.tag.endswith("}tc")]
                    lines.append(("cellule", " | ".join(cells)))
    return lines


def _labels(fields: Iterable[Field], within: str = "") -> dict[str, str]:
    """form name → the label the person saw (« Partenaire 2 : … — Numéro SIRET »)."""
    labels: dict[str, str] = {}
    for f in fields:
        labels[f.name] = f"{within} — {f.label}" if within and f.label else f.label or within
        inner = f.title if f.kind == "element" and f.title else labels[f.name]
        labels |= _labels(f.children, inner if f.kind != "liste" else within)
    return labels


def _typed(form: FormData, labels: Mapping[str, str]) -> list[tuple[str, str]]:
    """What the person typed in a form that could not be saved, to copy it back: each filled
    field once, under its label, without the page's own fields."""
    return [(labels.get(name) or name, "\n".join(values)) for name, values in form.items()
            if not name.startswith("_") and any(v.strip() for v in values)]


def _disposition(kind: str, name: str) -> str:
    """A Content-Disposition for any file name: an ASCII fallback, and the name in UTF-8."""
    fallback = "".join(c if c.isascii() and c.isprintable() and c not in '"\\' else "_"
                       for c in name)
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def create_app(workspace: Workspace, keys: Keys) -> Any:
    """The ASGI application of the page over `workspace`, guarded by `keys`."""
    page = Page(_environment(), keys, workspace)

    def project_of(request: Request) -> ProjectFile:
        return workspace.resolve(str(request.path_params["key"]))

    def nav(look: Look) -> list[StepStatus]:
        return look.report.steps

    # Reading, checking and building are blocking work (files, validation, LibreOffice): the
    # handlers below are plain functions run in Starlette's threadpool, so that one slow
    # request never holds the others (the workspace's lock is a thread lock).
    def home(request: Request) -> Response:
        if workspace.single is not None:
            project = workspace.files()[0]
            if not workspace.exists(project):
                return page.render("creer.html", project=project, single=True)
            return RedirectResponse(f"/projet/{quote(project.key)}", 303)
        rows = []
        for project in workspace.files():
            look = workspace.look(project)
            counts = look.report.counts
            rows.append({"project": project, "look": look, "counts": counts,
                         "built": workspace.built(project, look.sha256)})
        return page.render("tableau.html", rows=rows, root=str(workspace.root),
                           columns=trame())

    async def create(request: Request) -> Response:
        form = await _form(request, keys)
        return await run_in_threadpool(create_project, form)

    def create_project(form: FormData) -> Response:
        name = (form.get("nom") or [""])[0]
        if workspace.single is None and not name.strip():
            return page.render("erreur.html", 400, title="Nom manquant",
                               message="Donnez un nom au nouveau projet.",
                               hint="par exemple « Ressourcerie partagée »")
        project = workspace.create(name)
        return RedirectResponse(f"/projet/{quote(project.key)}/etape/{STEP_IDS[1]}", 303)

    def overview(request: Request) -> Response:
        project = project_of(request)
        look = workspace.look(project)
        return page.render("projet.html", project=project, look=look, steps=nav(look),
                           summary=_summary(look), listed=_listed(look),
                           built=workspace.built(project, look.sha256), current=None)

    def step_page(project: ProjectFile, look: Look, step: str, *, status: int = 200,
                  notice: str = "", conflict: bool = False,
                  typed: FormData | None = None) -> Response:
        fields: list[Field] = step_fields(step, look.data) if look.source is not None else []
        names: set[str] = set()
        for f in fields:
            names |= f.names()
        located: dict[str, list[Problem]] = {}
        current = next((s for s in look.report.steps if s.id == step), None)
        where = _step_of(look)
        elsewhere = []
        for problem in look.problems:
            anchor = _anchor(problem.path, names) if where.get(id(problem)) == step else None
            if anchor is None:
                elsewhere.append(problem)
            else:
                located.setdefault(anchor, []).append(problem)
        info = next(s for s in trame() if s.id == step)
        return page.render("etape.html", status, project=project, look=look, step=info,
                           status_of=current, fields=fields, located=located,
                           elsewhere=elsewhere, listed=_listed(look, names, step),
                           steps=nav(look),
                           summary=_summary(look), notice=notice, conflict=conflict,
                           typed=_typed(typed or {}, _labels(fields)), current=step)

    def known_step(request: Request) -> str:
        step = str(request.path_params["step"])
        if step not in STEP_IDS:
            raise NotServed([Problem(f"La trame n'a pas d'étape « {step} ».",
                                     code="page-introuvable")])
        return step

    def show_step(request: Request) -> Response:
        project = project_of(request)
        step = known_step(request)
        notice = "Enregistré dans le fichier." if request.query_params.get("enregistre") else ""
        return step_page(project, workspace.look(project), step, notice=notice)

    async def save_step(request: Request) -> Response:
        form = await _form(request, keys)
        return await run_in_threadpool(save_form, request, form)

    def save_form(request: Request, form: FormData) -> Response:
        project = project_of(request)
        step = known_step(request)
        expected = (form.get("_empreinte") or [""])[0]
        action = parse_action((form.get("_action") or [""])[0])
        try:
            workspace.save(project, step, form, expected, action)
        except ChangedOnDisk:
            look = workspace.look(project)
            return step_page(project, look, step, status=409, conflict=True, typed=form)
        anchor = ""
        if action is not None:  # back where the button was
            anchor = "#f-" + field_name(action.path[:-1] if action.verb == "supprimer"
                                        else action.path)
        return RedirectResponse(
            f"/projet/{quote(project.key)}/etape/{step}?enregistre=1{anchor}", 303)

    async def check_step(request: Request) -> Response:
        form = await _form(request, keys)
        return await run_in_threadpool(check_form, request, form)

    def check_form(request: Request, form: FormData) -> Response:
        project = project_of(request)
        step = known_step(request)
        look = workspace.check(project, step, form)
        fields = step_fields(step, look.data) if look.source is not None else []
        names: set[str] = set()
        for f in fields:
            names |= f.names()
        current = next((s for s in look.report.steps if s.id == step), None)
        where = _step_of(look)
        problems = [_problem_json(p, _anchor(p.path, names)
                                  if current and where.get(id(p)) == step else None,
                                  where.get(id(p))) for p in look.problems]
        return JSONResponse({"resume": _summary(look), "problemes": problems,
                             "etapes": [_step_json(s) for s in look.report.steps]},
                            headers=PAGE_HEADERS)

    def fingerprint(request: Request) -> Response:
        project = project_of(request)
        look = workspace.look(project)
        return JSONResponse({"empreinte": look.sha256}, headers=PAGE_HEADERS)

    def documents(request: Request) -> Response:
        project = project_of(request)
        look = workspace.look(project)
        return page.render("documents.html", project=project, look=look, steps=nav(look),
                           built=workspace.built(project, look.sha256), result=None,
                           pdf_possible=workspace.can_make_pdf(), current="documents",
                           summary=_summary(look), listed=_listed(look))

    async def build(request: Request) -> Response:
        form = await _form(request, keys)
        return await run_in_threadpool(build_form, request, form)

    def build_form(request: Request, form: FormData) -> Response:
        project = project_of(request)
        pdf = bool(form.get("pdf")) and workspace.can_make_pdf()
        result = workspace.build(project, pdf=pdf)
        look = workspace.look(project)
        return page.render("documents.html", 200 if result.ok else 422, project=project,
                           look=look, steps=nav(look), result=result,
                           built=workspace.built(project, look.sha256),
                           pdf_possible=workspace.can_make_pdf(), current="documents",
                           summary=_summary(look), listed=_listed(look))

    def download(request: Request) -> Response:
        project = project_of(request)
        name = str(request.path_params["name"])
        path = workspace.document(project, name)
        inline = request.query_params.get("voir") == "1" and path.suffix == ".pdf"
        return FileResponse(path, filename=name,
                            content_disposition_type="inline" if inline else "attachment",
                            headers={"Cache-Control": "no-store",
                                     "X-Content-Type-Options": "nosniff"})

    def archive(request: Request) -> Response:
        project = project_of(request)
        data = workspace.archive(project)
        name = Path(project.key).stem + "-documents.zip"
        return Response(data, media_type="application/zip",
                        headers={"Content-Disposition": _disposition("attachment", name),
                                 "Cache-Control": "no-store"})

    def preview(request: Request) -> Response:
        project = project_of(request)
        name = str(request.path_params["name"])
        path = workspace.document(project, name)
        look = workspace.look(project)
        built = workspace.built(project, look.sha256)
        pdf = next((d.name for d in built.documents
                    if d.kind == "pdf" and Path(d.name).stem == path.stem), None)
        lines = _docx_text(path) if path.suffix == ".docx" and pdf is None else []
        return page.render("apercu.html", project=project, look=look, steps=nav(look),
                           name=name, pdf=pdf, lines=lines, current="documents",
                           summary=_summary(look), listed=_listed(look))

    def french_errors(handler: Handler | Callable[[Request], Response]) -> Handler:
        async def wrapped(request: Request) -> Response:
            try:
                if inspect.iscoroutinefunction(handler):
                    return cast(Response, await handler(request))
                return await run_in_threadpool(cast(Callable[[Request], Response], handler),
                                               request)
            except NotServed as error:
                return _problem_page(404, error)
            except TooLarge as error:
                return HTMLResponse(page.error(413, "Envoi trop volumineux", str(error), ""),
                                    413, headers=PAGE_HEADERS)
            except CoopdocsError as error:
                return _problem_page(422, error)

        return wrapped

    def _problem_page(status: int, error: CoopdocsError) -> Response:
        first = error.problems[0] if error.problems else Problem(error.title)
        message = " ".join(p.message for p in error.problems) or error.title
        return HTMLResponse(page.error(status, error.title, message, first.hint or ""),
                            status, headers=PAGE_HEADERS)

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        titles = {400: ("Envoi illisible", "La page a reçu un envoi qu'elle ne sait pas lire "
                        f"(un fichier joint, un champ de plus de {MAX_PART_BYTES // 1024 // 1024} "
                        f"Mo ou plus de {nombre(MAX_FIELDS)} champs) : rien n'a été "
                        "enregistré.",
                        "rechargez la page, puis enregistrez l'étape depuis ses champs"),
                  403: ("Envoi refusé", "La page n'a pas pu prouver qu'elle venait de "
                        "coopdocs (jeton de formulaire absent ou périmé) : rien n'a été "
                        "enregistré.", "rechargez la page, puis recommencez"),
                  404: ("Page introuvable", "Cette adresse ne correspond à aucune page.",
                        "revenez à la page d'accueil"),
                  405: ("Action impossible", "Cette adresse ne s'utilise pas ainsi.",
                        "revenez à la page d'accueil")}
        title, message, hint = titles.get(status, (
            "Erreur interne de coopdocs", "Ce n'est pas votre faute : l'opération n'a pas "
            "abouti et rien n'a été écrit à moitié.",
            "rechargez la page ; si cela recommence, signalez-le aux mainteneurs"))
        return HTMLResponse(page.error(status, title, message, hint), status,
                            headers=PAGE_HEADERS)

    async def too_large(request: Request, exc: Exception) -> Response:
        return HTMLResponse(page.error(413, "Envoi trop volumineux", str(exc), ""), 413,
                            headers=PAGE_HEADERS)

    async def no_icon(request: Request) -> Response:
        return Response(status_code=204)  # browsers ask for one; the page has none

    project_path = "/projet/{key:path}"
    routes = [
        Route("/", french_errors(home)),
        Route("/favicon.ico", no_icon),
        Route("/nouveau", french_errors(create), methods=["POST"]),
        Route(project_path + "/etape/{step}/verifier", french_errors(check_step),
              methods=["POST"]),
        Route(project_path + "/etape/{step}", french_errors(show_step)),
        Route(project_path + "/etape/{step}", french_errors(save_step), methods=["POST"]),
        Route(project_path + "/empreinte", french_errors(fingerprint)),
        Route(project_path + "/documents.zip", french_errors(archive)),
        Route(project_path + "/documents/{name}", french_errors(download)),
        Route(project_path + "/apercu/{name}", french_errors(preview)),
        Route(project_path + "/documents", french_errors(documents)),
        Route(project_path + "/documents", french_errors(build), methods=["POST"]),
        Route(project_path, french_errors(overview)),
        Mount("/statique", StaticFiles(directory=HERE / "static"), name="statique"),
    ]
    handlers: Mapping[Any, Any] = {HTTPException: http_error, Exception: http_error,
                                   TooLarge: too_large}
    return Starlette(routes=routes, exception_handlers=dict(handlers),
                     middleware=[Middleware(Guard, keys=keys, error_page=page.error,
                                            max_bytes=MAX_BYTES)])
