"""What a build did, as data: per document, per project, per run, and the run's summary.

The CLI prints these; `--report` writes `BatchResult.to_dict()`; the summary sentence is
shaped here so every door (CLI, web page) says the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coopdocs import __version__
from coopdocs.errors import Problem
from coopdocs.french.grammar import count, plural

__all__ = ["BatchResult", "DocumentResult", "ProjectResult"]


@dataclass
class DocumentResult:
    """One file of a project's output folder and what the run did with it."""

    path: Path
    sha256: str
    action: str  # "ecrit", "inchange", "a-ecrire" (--dry-run), "refuse"

    def to_dict(self) -> dict[str, Any]:
        return {"nom": self.path.name, "chemin": str(self.path), "sha256": self.sha256,
                "action": self.action}


@dataclass
class ProjectResult:
    """What happened to one project file during a build."""

    file: str
    name: str
    outdir: Path | None = None
    documents: list[DocumentResult] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    ok: bool = True

    def fail(self, problems: Iterable[Problem]) -> None:
        self.ok = False
        self.problems.extend(problems)

    @property
    def written(self) -> list[Path]:
        return [d.path for d in self.documents if d.action == "ecrit"]

    @property
    def warnings(self) -> int:
        return sum(1 for p in self.problems if not p.is_error)

    def to_dict(self) -> dict[str, Any]:
        return {"fichier": self.file, "statut": "produit" if self.ok else "echec",
                "dossier": str(self.outdir) if self.outdir else None,
                "documents": [d.to_dict() for d in self.documents],
                "non_produits": [{"document": t, "raison": r} for t, r in self.skipped],
                "problemes": [p.to_dict() for p in self.problems]}


_STOPPED_BY = {"ctrl-c": "Ctrl-C", "sigterm": "un signal d'arrêt (SIGTERM)"}


@dataclass
class BatchResult:
    """A whole run: its projects, and, when it was stopped before the end, by what and how
    many projects it was asked for (`asked`)."""

    projects: list[ProjectResult]
    seconds: float
    dry_run: bool = False
    interrupted: str | None = None  # "ctrl-c", "sigterm"
    asked: int = 0

    @property
    def failed(self) -> list[ProjectResult]:
        return [r for r in self.projects if not r.ok]

    @property
    def summary(self) -> dict[str, Any]:
        return {"projets_produits": sum(r.ok for r in self.projects),
                "en_echec": len(self.failed),
                "non_traites": self.not_done,
                "interrompu": self.interrupted is not None,
                "avertissements": sum(r.warnings for r in self.projects),
                "documents_ecrits": sum(len(r.written) for r in self.projects),
                "duree_s": round(self.seconds, 3)}

    def to_dict(self) -> dict[str, Any]:
        return {"coopdocs": __version__, "simulation": self.dry_run, "resume": self.summary,
                "projets": [r.to_dict() for r in self.projects]}

    @property
    def not_done(self) -> int:
        """Projects asked for that the run never got to (it was interrupted)."""
        return max(self.asked - len(self.projects), 0)

    @property
    def documents_counted(self) -> int:
        """Documents written, or that would be with ``--dry-run``."""
        action = "a-ecrire" if self.dry_run else "ecrit"
        return sum(1 for r in self.projects for d in r.documents if d.action == action)

    def summary_lines(self) -> list[str]:
        """« Résumé : 2 projets produits, 0 en échec, 1 avertissement, 9 documents écrits, en
        4,2 s. », preceded by a line saying nothing was written under ``--dry-run``."""
        s = self.summary
        would = self.dry_run
        seconds = f"{self.seconds:.1f}".replace(".", ",") + "\u00a0s"
        line = (f"Résumé : {_done(s['projets_produits'], 'projet', 'produit', would=would)}, "
                f"{s['en_echec']} en échec, {count(s['avertissements'], 'avertissement')}, "
                f"{_done(self.documents_counted, 'document', 'écrit', would=would)}, "
                f"en {seconds}.")
        lines = ["Simulation (--dry-run) : rien n'a été écrit.", line] if would else [line]
        if self.interrupted is not None:
            done = len(self.projects)
            lines.insert(0, f"Interrompu par {_STOPPED_BY.get(self.interrupted, 'un signal')} "
                         f": {done} {plural(done, 'projet traité', 'projets traités')} sur "
                         f"{self.asked}, chacun en entier ; {count(self.not_done, 'projet')} "
                         f"non {plural(self.not_done, 'traité')}, à relancer.")
        return lines


def _done(n: int, noun: str, participle: str, *, would: bool) -> str:
    """« 2 projets produits », « 1 document serait écrit »: French agreement by number."""
    verb = (plural(n, "serait", "seraient") + " ") if would else ""
    return f"{count(n, noun)} {verb}{plural(n, participle)}"


