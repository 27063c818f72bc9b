"""Every cross-field rule of MODELE.md, run on NORMALISED project data (the schema passed).

`run_rules(data)` returns every problem at once: errors ("Rules that block") and warnings
("Rules that warn"). Each problem carries a path (0-based) and a stable code; `check.project`
turns paths into YAML lines, so no rule knows about lines. Rule 1 (ids and references) lives
in `references`, rule 4 (dates, depend_de) in `dates`, the other blocking rules in `blocking`,
the coherence of the pack in `coherence`, the gaps of the documents in `gaps`, the warnings in
`cautions`, the characters no document can print in `glyphs`, shared helpers in `base`.
"""

from __future__ import annotations

from typing import Any

from coopdocs.check.rules.blocking import (
    check_budget_split,
    check_chef_de_file,
    check_indicators,
    check_mandataire,
    check_signatories,
    check_sirets,
    check_votes,
)
from coopdocs.check.rules.cautions import check_warnings
from coopdocs.check.rules.coherence import check_coherence
from coopdocs.check.rules.dates import check_dates, check_dependencies
from coopdocs.check.rules.gaps import check_gaps
from coopdocs.check.rules.glyphs import check_glyphs
from coopdocs.check.rules.references import check_references, check_unique_ids
from coopdocs.errors import Problem

__all__ = ["run_rules"]


def run_rules(data: dict[str, Any]) -> list[Problem]:
    """Run every cross-field rule; errors first (rules 1–9 in order), then warnings."""
    problems: list[Problem] = []
    for rule in (
        check_unique_ids,
        check_references,
        check_signatories,
        check_sirets,
        check_dates,
        check_dependencies,
        check_budget_split,
        check_indicators,
        check_votes,
        check_mandataire,
        check_chef_de_file,
        check_coherence,
        check_gaps,
    ):
        problems.extend(rule(data))
    problems.extend(check_warnings(data))
    problems.extend(check_glyphs(data))
    return problems
