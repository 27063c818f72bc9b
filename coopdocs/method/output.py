"""The progress report for people: terminal text, markdown, JSON.

``format_report(report, "texte" | "markdown" | "json", style=…)`` → ``str``. The terminal text
stays readable without colour (symbols and words carry the status); the CLI passes a ``style``
that colours what this module marks. The Word feuille de route is `method.roadmap`'s.
"""

from __future__ import annotations

import json
import re
import shutil
import textwrap
from collections.abc import Callable, Iterable

from coopdocs.errors import Problem
from coopdocs.french.grammar import count, sentence
from coopdocs.french.typography import typo
from coopdocs.method.report import Report, StepStatus, report_to_dict

Style = Callable[[str, str], str]  # (text, "titre" | a step status) → the text as shown

__all__ = [
    "FORMATS",
    "SYMBOLS",
    "format_json",
    "format_markdown",
    "format_report",
    "format_reports",
    "format_text",
    "problem_line",
    "summary_sentence",
]

FORMATS: tuple[str, ...] = ("texte", "markdown", "json")
SYMBOLS = {"fait": "✔", "en_cours": "◐", "a_faire": "✘"}
MAX_WIDTH = 100


def summary_sentence(report: Report) -> str:
    """« 6 étapes faites, 4 en cours, aucune à faire. » (or why there is no step at all)."""
    if not report.readable:
        return ("Le fichier projet n'a pas pu être lu : corrigez le point signalé ci-dessous, "
                "puis relancez coopdocs progress.")
    counts = report.counts

    def part(n: int, one: str, many: str) -> str:
        return "aucune " + one if n == 0 else f"{n} {one if n == 1 else many}"

    text = (f"{part(counts['fait'], 'étape faite', 'étapes faites')}, "
            f"{part(counts['en_cours'], 'en cours', 'en cours')}, "
            f"{part(counts['a_faire'], 'à faire', 'à faire')}.")
    return text[0].upper() + text[1:]


def _validity(report: Report) -> str:
    if not report.readable:
        return "fichier illisible"
    if report.valid:
        return "projet valide"
    return f"projet pas encore valide : {count(report.counts['erreurs'], 'erreur')} à corriger"


def problem_line(problem: Problem) -> str:
    """A problem for readers who already know the file: line, field, message, advice."""
    pieces = []
    if problem.line is not None:
        pieces.append(f"ligne {problem.line}")
    if problem.path:
        pieces.append(problem.dotted_path)
    head = ", ".join(pieces)
    label = "" if problem.is_error else "avertissement : "
    text = f"{head} — {label}{problem.message}" if head else label + problem.message
    return f"{text} ({problem.hint})" if problem.hint else text


# --- terminal --------------------------------------------------------------------------------


def _wrap(text: str, indent: str, bullet: str, width: int) -> list[str]:
    return textwrap.wrap(typo(text), width=width, initial_indent=indent + bullet,
                         subsequent_indent=indent + " " * len(bullet),
                         break_on_hyphens=False) or [indent + bullet]


def _plain(text: str, kind: str) -> str:
    return text


def _text_step(step: StepStatus, style: Style, width: int) -> list[str]:
    status = f"{SYMBOLS[step.status]} {step.number}. {step.title} — {step.status_label}"
    lines = [style(status, step.status)]
    blocks = (("Fait", step.done, "• "), ("Manque", step.missing, "• "),
              ("Prochains moyens", step.next_means, "→ "),
              ("À corriger dans le fichier", [problem_line(p) for p in step.problems], "! "))
    for title, items, bullet in blocks:
        if items:
            lines.append(f"    {title} :")
            for item in items:
                lines.extend(_wrap(item, "      ", bullet, width))
    return lines


def format_text(report: Report, *, style: Style = _plain, width: int | None = None) -> str:
    """The report for a terminal: one block per step, ✔ / ◐ / ✘ and the status in words."""
    width = width or min(MAX_WIDTH, shutil.get_terminal_size((MAX_WIDTH, 24)).columns)
    title = f"Feuille de route : {report.name}"
    lines = [style(title, "titre"),
             f"{report.file} ({_validity(report)})", summary_sentence(report), ""]
    for step in report.steps:
        lines.extend(_text_step(step, style, width))
        lines.append("")
    if report.problems:
        lines.append("Autres points à corriger dans le fichier :")
        for problem in report.problems:
            lines.extend(_wrap(problem_line(problem), "  ", "! ", width))
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
    lines = [f"# Feuille de route : {_md(report.name)}", "",
             f"Fichier `{report.file}` ({_validity(report)}). {summary_sentence(report)}", ""]
    if report.steps:
        lines += ["| Étape | Statut |", "|---|---|"]
        lines += [f"| {s.number}. {_md(s.title)} | {SYMBOLS[s.status]} {s.status_label} |"
                  for s in report.steps]
        lines.append("")
    for s in report.steps:
        lines += [f"## {s.number}. {_md(s.title)} — {SYMBOLS[s.status]} {s.status_label}", "",
                  f"_{_md(sentence(s.action))}_", ""]
        lines += _md_list("Objectifs de l'étape", s.objectives)
        lines += _md_list("Ce qui est fait", s.done)
        lines += _md_list("Ce qui manque", s.missing)
        lines += _md_list("Prochains moyens", s.next_means)
        lines += _md_list("À corriger dans le fichier", map(problem_line, s.problems))
        if s.resources:
            lines += [f"_Pour aller plus loin : {_md('; '.join(s.resources))}_", ""]
    lines += _md_list("Autres points à corriger dans le fichier",
                      map(problem_line, report.problems))
    return "\n".join(lines).rstrip() + "\n"


# --- json and dispatch -----------------------------------------------------------------------


def format_json(report: Report) -> str:
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=2) + "\n"


def format_report(report: Report, fmt: str = "texte", *, style: Style = _plain) -> str:
    """The report in one of `FORMATS` (``texte``, ``markdown``, ``json``)."""
    if fmt == "markdown":
        return format_markdown(report)
    if fmt == "json":
        return format_json(report)
    if fmt == "texte":
        return format_text(report, style=style)
    raise ValueError(f"format inconnu : {fmt!r} (formats possibles : {', '.join(FORMATS)})")


def format_reports(reports: list[Report], fmt: str = "texte", *, style: Style = _plain) -> str:
    """Several reports (`coopdocs progress projets/`): one after the other in text and markdown;
    in JSON one document, ``{"projets": [report, …]}`` (docs/progression.md)."""
    if fmt == "json":
        return json.dumps({"projets": [report_to_dict(r) for r in reports]}, ensure_ascii=False,
                          indent=2) + "\n"
    separator = "\n---\n\n" if fmt == "markdown" else "\n"
    return separator.join(format_report(r, fmt, style=style) for r in reports)
