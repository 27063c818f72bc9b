"""The progress report (`coopdocs.method.Report`) for people: terminal, markdown, JSON, Word.

* ``format_report(report, "texte" | "markdown" | "json", color=…)`` → ``str``;
  ``print_report(report, fmt)`` prints it with colours only when stdout is a terminal.
* ``write_roadmap(report, outdir)`` writes ``<outdir>/<nom du fichier>/feuille-de-route.docx``
  (atomically) from ``templates/feuille-de-route.docx``, rendered like every other document;
  ``roadmap_bytes(report)`` gives the same document in memory (for ``build``).

Everything shown is French; the terminal text stays readable without colour (symbols and words
carry the status, colour only repeats it).
"""

from __future__ import annotations

import functools
import json
import re
import shutil
import textwrap
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import click

from coopdocs.errors import Problem
from coopdocs.formatting import date_longue
from coopdocs.method import Report, StepStatus, report_to_dict

__all__ = [
    "FORMATS",
    "ROADMAP_FILE",
    "format_json",
    "format_markdown",
    "format_report",
    "format_text",
    "print_report",
    "roadmap_bytes",
    "roadmap_context",
    "summary_sentence",
    "write_roadmap",
]

FORMATS: tuple[str, ...] = ("texte", "markdown", "json")
ROADMAP_FILE = "feuille-de-route.docx"
SYMBOLS = {"fait": "✔", "en_cours": "◐", "a_faire": "✘"}
COLOURS = {"fait": "green", "en_cours": "yellow", "a_faire": "red"}
# Light cell shadings of the Word summary table (green, yellow, red), dark text stays readable.
SHADES = {"fait": "E2EFDA", "en_cours": "FFF2CC", "a_faire": "F8D7DA"}
MAX_WIDTH = 100


def summary_sentence(report: Report) -> str:
    """« 6 étapes faites, 4 en cours, aucune à faire. » (or why there is no step at all)."""
    if not report.lisible:
        return ("Le fichier projet n'a pas pu être lu : corrigez le point signalé ci-dessous, "
                "puis relancez coopdocs progress.")
    counts = report.resume

    def part(n: int, one: str, many: str) -> str:
        return "aucune " + one if n == 0 else f"{n} {one if n == 1 else many}"

    text = (f"{part(counts['fait'], 'étape faite', 'étapes faites')}, "
            f"{part(counts['en_cours'], 'en cours', 'en cours')}, "
            f"{part(counts['a_faire'], 'à faire', 'à faire')}.")
    return text[0].upper() + text[1:]


def _validity(report: Report) -> str:
    if not report.lisible:
        return "fichier illisible"
    if report.valide:
        return "projet valide"
    n = report.resume["erreurs"]
    return f"projet pas encore valide : {n} erreur{'s' if n > 1 else ''} à corriger"


def _problem_line(problem: Problem) -> str:
    """A problem for readers who already know the file: line, field, message, advice."""
    pieces = []
    if problem.line is not None:
        pieces.append(f"ligne {problem.line}")
    if problem.path:
        pieces.append(problem.chemin)
    head = ", ".join(pieces)
    label = "" if problem.is_error else "avertissement : "
    text = f"{head} — {label}{problem.message}" if head else label + problem.message
    return f"{text} ({problem.hint})" if problem.hint else text


# --- terminal --------------------------------------------------------------------------------


def _wrap(text: str, indent: str, bullet: str, width: int) -> list[str]:
    return textwrap.wrap(typo(text), width=width, initial_indent=indent + bullet,
                         subsequent_indent=indent + " " * len(bullet),
                         break_on_hyphens=False) or [indent + bullet]


def _text_step(step: StepStatus, color: bool, width: int) -> list[str]:
    status = f"{SYMBOLS[step.statut]} {step.numero}. {step.titre} — {step.statut_libelle}"
    lines = [click.style(status, fg=COLOURS[step.statut], bold=True) if color else status]
    blocks = (("Fait", step.faits, "• "), ("Manque", step.manques, "• "),
              ("Prochains moyens", step.prochains_moyens, "→ "),
              ("À corriger dans le fichier", [_problem_line(p) for p in step.problemes], "! "))
    for title, items, bullet in blocks:
        if items:
            lines.append(f"    {title} :")
            for item in items:
                lines.extend(_wrap(item, "      ", bullet, width))
    return lines


def format_text(report: Report, *, color: bool = False, width: int | None = None) -> str:
    """The report for a terminal: one block per step, ✔ / ◐ / ✘ and the status in words."""
    width = width or min(MAX_WIDTH, shutil.get_terminal_size((MAX_WIDTH, 24)).columns)
    title = f"Feuille de route : {report.nom}"
    lines = [click.style(title, bold=True) if color else title,
             f"{report.fichier} ({_validity(report)})", summary_sentence(report), ""]
    for step in report.etapes:
        lines.extend(_text_step(step, color, width))
        lines.append("")
    if report.problemes:
        lines.append("Autres points à corriger dans le fichier :")
        for problem in report.problemes:
            lines.extend(_wrap(_problem_line(problem), "  ", "! ", width))
    return "\n".join(lines).rstrip() + "\n"


# --- markdown --------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*<\[\]|#])|(?<!\w)_|_(?!\w)")


def _md(text: str) -> str:
    """Escape what markdown would read as markup (user text may hold * or |)."""
    return _MD_SPECIAL.sub(lambda m: "\\" + m.group(0), text)


def _md_list(title: str, items: Iterable[str]) -> list[str]:
    items = list(items)
    return [f"**{title}**", "", *(f"- {_md(i)}" for i in items), ""] if items else []


def format_markdown(report: Report) -> str:
    """The report as markdown (for a wiki, a pad or an e-mail)."""
    lines = [f"# Feuille de route : {_md(report.nom)}", "",
             f"Fichier `{report.fichier}` ({_validity(report)}). {summary_sentence(report)}", ""]
    if report.etapes:
        lines += ["| Étape | Statut |", "|---|---|"]
        lines += [f"| {s.numero}. {_md(s.titre)} | {SYMBOLS[s.statut]} {s.statut_libelle} |"
                  for s in report.etapes]
        lines.append("")
    for s in report.etapes:
        lines += [f"## {s.numero}. {_md(s.titre)} — {SYMBOLS[s.statut]} {s.statut_libelle}", ""]
        lines += _md_list("Objectifs de l'étape", s.objectifs)
        lines += _md_list("Ce qui est fait", s.faits)
        lines += _md_list("Ce qui manque", s.manques)
        lines += _md_list("Prochains moyens", s.prochains_moyens)
        lines += _md_list("À corriger dans le fichier", map(_problem_line, s.problemes))
        if s.ressources:
            lines += [f"_Pour aller plus loin : {_md('; '.join(s.ressources))}_", ""]
    lines += _md_list("Autres points à corriger dans le fichier",
                      map(_problem_line, report.problemes))
    return "\n".join(lines).rstrip() + "\n"


# --- json and dispatch -----------------------------------------------------------------------


def format_json(report: Report) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


def format_report(report: Report, fmt: str = "texte", *, color: bool = False) -> str:
    """The report in one of `FORMATS` (``texte``, ``markdown``, ``json``)."""
    if fmt == "markdown":
        return format_markdown(report)
    if fmt == "json":
        return format_json(report)
    if fmt == "texte":
        return format_text(report, color=color)
    raise ValueError(f"format inconnu : {fmt!r} (formats possibles : {', '.join(FORMATS)})")


def print_report(report: Report, fmt: str = "texte") -> None:
    """Print the report; click drops the colours when stdout is not a terminal."""
    click.echo(format_report(report, fmt, color=fmt == "texte"), nl=False)


# --- the Word « feuille de route » -----------------------------------------------------------


_NBSP_BEFORE = re.compile(r" ([:;!?»])")
_NBSP_AFTER = re.compile(r"« ")


def typo(text: str) -> str:
    """French typography: no line break inside « … » nor before « : » (non-breaking spaces)."""
    return _NBSP_AFTER.sub("«\u00a0", _NBSP_BEFORE.sub("\u00a0\\1", text))


def _typo_all(value: Any) -> Any:
    if isinstance(value, str):
        return typo(value)
    if isinstance(value, list):
        return [_typo_all(v) for v in value]
    if isinstance(value, dict):
        return {k: _typo_all(v) for k, v in value.items()}
    return value


def roadmap_context(report: Report, today: date | None = None) -> dict[str, Any]:
    """What ``templates/feuille-de-route.docx`` prints (see tools/tpl_feuille_de_route.py)."""
    return _typo_all({
        "projet": {"nom": report.nom},
        "date_du_jour": date_longue(today or date.today()),
        "fichier": Path(report.fichier).name,
        "lisible": report.lisible,
        "valide": report.valide,
        "resume": summary_sentence(report),
        "etapes": [
            {"numero": s.numero, "titre": s.titre, "statut": s.statut,
             "statut_libelle": s.statut_libelle[0].upper() + s.statut_libelle[1:],
             "couleur": SHADES[s.statut], "objectifs": s.objectifs, "faits": s.faits,
             "manques": s.manques, "prochains_moyens": s.prochains_moyens,
             "ressources": " ; ".join(s.ressources),
             "problemes": [_problem_line(p) for p in s.problemes]}
            for s in report.etapes
        ],
        "problemes": [_problem_line(p) for p in report.problemes],
    })


@functools.cache
def _prepared(path: Path) -> Any:
    from coopdocs.render import PreparedTemplate

    return PreparedTemplate.from_path(path)


def roadmap_template() -> Path:
    """The built-in template (``coopdocs/templates/feuille-de-route.docx``)."""
    from coopdocs.templates import resolve_template

    return resolve_template(ROADMAP_FILE).path


def roadmap_bytes(report: Report, today: date | None = None,
                  template: str | Path | None = None) -> bytes:
    """The feuille de route as the bytes of a verified .docx (raises RenderError/TemplateError).

    ``template``: another .docx to use (a ``modeles:`` or ``--templates`` override).
    """
    from coopdocs.render import render_document

    path = Path(template) if template is not None else roadmap_template()
    return render_document(_prepared(path.resolve()), roadmap_context(report, today))


def write_roadmap(report: Report, outdir: str | Path, today: date | None = None,
                  template: str | Path | None = None, *, force: bool = False) -> Path:
    """Write ``<outdir>/<nom du fichier>/feuille-de-route.docx``; return its path.

    Like ``coopdocs build``: recorded in the folder's manifest, and refused (OutputError) when
    the file there was edited by hand since coopdocs wrote it, unless ``force``.
    """
    from coopdocs.batch import output_folder
    from coopdocs.manifest import Planned, on_disk_sha256, replace_document, sha256

    path = (Path(template) if template is not None else roadmap_template()).resolve()
    data = roadmap_bytes(report, today, path)
    folder = output_folder(Path(outdir), report.fichier)
    target = folder / ROADMAP_FILE
    planned = Planned(ROADMAP_FILE, data, path, "feuille de route", _prepared(path).sha256,
                      sha256(data), on_disk_sha256(target))
    project_sha = on_disk_sha256(Path(report.fichier)) or ""
    replace_document(planned, folder, report.fichier, project_sha, force=force)
    return target
