"""The influence × intérêt grid as a Word table: Mendelow's four quadrants, two by two.

« Moyen » sits on the low side (`vocabulary.strategy`), which the headers say in words. Each
quadrant lists its stakeholders, the signatories in bold (a last row says so): one a line
while they are few, then in a running paragraph, so that sixty names still fit a page and the
table simply grows.
"""

from __future__ import annotations

from collections.abc import Sequence

from coopdocs.context.charts.metrics import clean
from coopdocs.context.picture import Align, Cell, Row, Run, Table, Text
from coopdocs.french.grammar import majuscule_initiale

__all__ = ["influence_grid"]

_HEADER = "D9E2F3"  # the header shading of the documents' tables
_FILLS = {"gérer étroitement": "F8D9CF", "satisfaire": "FCEBCB", "informer": "DDEBF7",
          "surveiller": "F2F2F2"}
_LAYOUT = (("Influence forte", ("satisfaire", "gérer étroitement")),
           ("Influence faible ou moyenne", ("surveiller", "informer")))
_SIZE = 9.0
_ONE_PER_LINE = 10  # beyond, the names of a quadrant run on in one paragraph


def _header(text: str, align: Align = "center") -> Cell:
    return Cell((Text((Run(text, bold=True),), _SIZE, align),), fill=_HEADER)


def _quadrant(strategy: str, members: Sequence[tuple[str, bool]]) -> Cell:
    title = Text((Run(majuscule_initiale(strategy), bold=True),), _SIZE + 1)
    names: tuple[Text, ...]
    if not members:
        names = (Text((Run("Aucun acteur", italic=True, colour="595959"),), _SIZE),)
    elif len(members) <= _ONE_PER_LINE:
        names = tuple(Text((Run(name, bold=partner),), _SIZE) for name, partner in members)
    else:
        runs: list[Run] = []
        for name, partner in members:
            if runs:
                runs.append(Run(" · "))
            runs.append(Run(name.replace(" ", "\u00a0") if len(name) < 30 else name,
                            bold=partner))
        names = (Text(tuple(runs), _SIZE),)
    return Cell((title, *names), fill=_FILLS[strategy])


def influence_grid(members: Sequence[tuple[str, bool, str]], width: float,
                   emphasis: str = "les Parties à la convention") -> Table:
    """The grid ``width`` mm wide: ``(name, emphasised, strategy)`` for each stakeholder whose
    influence and intérêt are known, in the order they are listed; the emphasised (``emphasis``
    says who, in the last row) in bold."""
    by_strategy: dict[str, list[tuple[str, bool]]] = {s: [] for s in _FILLS}
    for name, partner, strategy in members:
        by_strategy[strategy].append((clean(name), partner))
    side = 38.0
    half = (width - side) / 2
    rows = [Row((Cell(fill=_HEADER), _header("Intérêt faible ou moyen"),
                 _header("Intérêt fort")), header=True)]
    for heading, strategies in _LAYOUT:
        quadrants = tuple(_quadrant(s, by_strategy[s]) for s in strategies)
        rows.append(Row((_header(heading, "left"), *quadrants), whole=False))
    if any(bold for _, bold, _ in members):
        rows[-1] = Row(rows[-1].cells, whole=False, keep=True)  # never a legend alone
        rows.append(Row((Cell((Text((Run(f"En gras\u00a0: {emphasis}."),), _SIZE - 1),),
                              span=3),)))
    return Table((side, half, half), tuple(rows), "Matrice influence × intérêt")
