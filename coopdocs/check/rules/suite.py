"""Every cross-field rule of MODELE.md, run on NORMALISED project data.

`check_rules(data, broken)` runs them in the same pass as the schema: on a file the schema
refused, `data` is what the schema could keep and `broken` what it could not, and each rule runs
on the well-formed rest. A rule skips a broken field it reads one by one, and waits whole when
it needs a broken field together with others (a sum, a count, who is who by id): the outcome
then says that more checks will follow (`complete` False). A repeated id is one error: the rules
that find partners, objectives or tasks by id wait for it.

`run_rules(data)` is the same on valid data. Each problem carries a path (0-based) and a stable
code; `check.project` turns paths into YAML lines, so no rule knows about lines. Rule 1 (ids
and references) lives in `references`, rule 4 (dates, depend_de) in `dates`, the other blocking
rules in `blocking`, the coherence of the pack in `coherence`, the gaps of the documents in
`gaps`, the warnings in `cautions`, the law by legal form in `legal`, the characters no
document can print in `glyphs`, the starter's leftovers in `placeholders`, shared helpers in
`base`. The coherence, gaps, legal and glyphs rules read the whole project (the parties model,
the families of every party): they declare no inputs, so they wait for a file the schema
accepts whole.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from coopdocs.check.rules.base import EVERYTHING, INPUTS, Broken, pattern
from coopdocs.check.rules.blocking import (
    check_budget_split,
    check_chef_de_file,
    check_indicators,
    check_mandataire,
    check_signatories,
    check_sirets,
    check_votes,
)
from coopdocs.check.rules.cautions import WARNINGS
from coopdocs.check.rules.coherence import check_coherence
from coopdocs.check.rules.dates import check_dates, check_dependencies
from coopdocs.check.rules.gaps import check_gaps
from coopdocs.check.rules.glyphs import check_glyphs
from coopdocs.check.rules.legal import check_legal_forms
from coopdocs.check.rules.placeholders import check_placeholders
from coopdocs.check.rules.references import (
    ID_FIELDS,
    check_references,
    check_unique_ids,
    duplicated_ids,
)
from coopdocs.errors import Problem

__all__ = ["RULES", "RulesOutcome", "check_rules", "run_rules"]

# After ids and references, in the order of MODELE.md (rules 2–9), then the warnings.
RULES: tuple[Callable[[dict[str, Any]], list[Problem]], ...] = (
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
    *WARNINGS,
    # The law by legal form (domain.md §12): errors and warnings of its own module.
    check_legal_forms,
    check_glyphs,
    check_placeholders,
)


@dataclass
class RulesOutcome:
    problems: list[Problem] = field(default_factory=list)
    complete: bool = True  # False: some checks wait for a broken field to be fixed


def check_rules(data: dict[str, Any], broken: Broken | None = None) -> RulesOutcome:
    """Run every cross-field rule on what is well-formed; errors first, then warnings."""
    broken = broken or Broken()
    outcome = RulesOutcome()
    outcome.problems.extend(p for p in check_unique_ids(data) if not broken.hides(p.path))
    repeated = duplicated_ids(data)
    # Ids declared twice point nowhere for sure: whatever finds things by id waits for them.
    broken = broken.with_paths(path for pairs in repeated.values() for path, _ in pairs)
    skip = frozenset(target for target, ids in ID_FIELDS.items()
                     if target in repeated or broken.touches([pattern(ids)]))
    outcome.complete = not skip and not repeated
    references = [p for p in check_references(data, skip=skip) if not broken.hides(p.path)]
    outcome.problems.extend(references)
    # A reference to nobody is as broken as a wrong value for the rules that follow it.
    broken = broken.with_paths(p.path for p in references)
    for rule in RULES:
        declared = INPUTS.get(rule, EVERYTHING)
        if broken.touches(declared.needs):
            outcome.complete = False
            continue
        if broken.touches(declared.reads):
            outcome.complete = False
        outcome.problems.extend(p for p in rule(data) if not broken.hides(p.path))
    errors = [p for p in outcome.problems if p.is_error]
    outcome.problems = errors + [p for p in outcome.problems if not p.is_error]
    return outcome


def run_rules(data: dict[str, Any]) -> list[Problem]:
    """Every cross-field rule on valid, normalised data: errors first, then warnings."""
    return check_rules(data).problems
