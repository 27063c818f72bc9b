"""The layouts of the pictures (coopdocs.context.charts): names that never overlap nor cross a
ring, Gantt periods that fit the page, every name accounted for, text never under 8 points."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest

from coopdocs.context.charts.circles import GAP, GAP_ACROSS, engagement_circles
from coopdocs.context.charts.gantt import LANDSCAPE_MM, PORTRAIT_MM, Line, gantt_chart
from coopdocs.context.charts.grid import influence_grid
from coopdocs.context.charts.metrics import clean, text_width, wrap
from coopdocs.context.picture import Drawing, Ellipse, Label, Table
from coopdocs.vocabulary import STRATEGIES, strategy

AWKWARD = [
    "Habitant·e·s des quartiers riverains",
    "Établissement public territorial Plaine Commune",
    "Café ☕ & Répar'Tout 🔧😀",
    "A & B <SARL> > 3 $ 5 $ 100 %",
    "Coopérative " + "très " * 40 + "longue",
    "Sansespacesnullepartpendantquatrevingtscaractèresaumoinsvoilàvoilàvoilàvoilàfin",
    "  multi\nligne\tavec   blancs  ",
    "مرحبا שלום Zoé",
    "",
]
EXAMPLES = Path(__file__).resolve().parents[2] / "coopdocs" / "examples"
TITLES = ("Cœur", "Opérationnel", "Soutien", "Environnement")


def _names(n: int) -> list[str]:
    return [*AWKWARD, *(f"Partie prenante n° {i} de la coopération" for i in range(n))][:n]


def _circles(n: int, spread: tuple[int, ...] = (1, 2, 3, 4)) -> list[tuple[str, list[Any]]]:
    """``n`` stakeholders shared between the circles in the proportions ``spread``."""
    slots = [ring for ring, weight in enumerate(spread) for _ in range(weight)]
    rings: list[list[Any]] = [[], [], [], []]
    for i, name in enumerate(_names(n)):
        rings[slots[i % len(slots)]].append((name, i % 3 == 0))
    return list(zip(TITLES, rings, strict=True))


def _text(label: Label) -> str:
    return " ".join(run.text for p in label.paragraphs for run in p.runs)


def _inside(ellipse: Ellipse, x: float, y: float) -> bool:
    cx, cy = ellipse.centre
    return ((x - cx) / (ellipse.width / 2)) ** 2 + ((y - cy) / (ellipse.height / 2)) ** 2 < 1


def _depth(drawing: Drawing, x: float, y: float) -> int:
    """How many ellipses hold the point: 0 outside them all, 4 in the core."""
    return sum(_inside(e, x, y) for e in drawing.ellipses)


def _outline(label: Label, steps: int = 24) -> list[tuple[float, float]]:
    x0, y0, x1, y1 = label.box
    edge = [i / steps for i in range(steps + 1)]
    return ([(x0 + t * (x1 - x0), y) for t in edge for y in (y0, y1)]
            + [(x, y0 + t * (y1 - y0)) for t in edge for x in (x0, x1)])


def assert_clear(drawing: Drawing) -> None:
    """Checked on the drawing itself, independently of the layout's own tests: every box's
    outline lies between the same two ellipses (no line crosses a name), and boxes keep
    their distance from each other."""
    for label in drawing.labels:
        depths = {_depth(drawing, x, y) for x, y in _outline(label)}
        assert len(depths) == 1, f"« {_text(label)} » crosses a ring"
        assert label.x >= 0 and label.x + label.width <= drawing.width
        assert label.y >= 0 and label.y + label.height <= drawing.height
    for a, b in itertools.combinations(drawing.labels, 2):
        across = GAP_ACROSS * 0.99  # side by side, farther apart: two names never read as one
        apart = (a.x + a.width + across <= b.x or b.x + b.width + across <= a.x
                 or a.y + a.height + GAP * 0.99 <= b.y or b.y + b.height + GAP * 0.99 <= a.y)
        assert apart, f"« {_text(a)} » and « {_text(b)} » overlap"


@pytest.mark.parametrize("n", [1, 2, 5, 9, 12, 30, 60, 90])
@pytest.mark.parametrize("spread", [(1, 2, 3, 4), (4, 1, 1, 1), (0, 0, 0, 1)])
def test_names_never_overlap_nor_cross_a_ring(n: int, spread: tuple[int, ...]) -> None:
    assert_clear(engagement_circles(_circles(n, spread)))


@pytest.mark.parametrize("name", sorted(p.stem for p in EXAMPLES.glob("*.yaml")))
def test_the_circles_of_every_example_are_clear(name: str, example_context) -> None:
    """Every shipped example, as built: its names clear of each other and of the rings."""
    drawing = example_context(name)["cartographie"]["image_cercles"]
    assert isinstance(drawing, Drawing)
    assert len(drawing.labels) > 5  # four titles, the legend and names
    assert_clear(drawing)


@pytest.mark.parametrize("n", [2, 12, 60, 90])
def test_every_name_is_drawn_or_counted(n: int) -> None:
    circles = _circles(n)
    drawing = engagement_circles(circles)
    texts = [_text(label) for label in drawing.labels]
    for depth, (title, members) in zip((4, 3, 2, 1), circles, strict=True):
        inside = [_text(lbl) for lbl in drawing.labels
                  if _depth(drawing, lbl.x + lbl.width / 2, lbl.y + lbl.height / 2) == depth]
        assert title in inside
        grouped = sum(int(t.split("\u00a0")[1]) for t in inside if t.startswith("+\u00a0"))
        assert len(inside) - 1 - (1 if grouped else 0) + grouped == len(members), title
        # The legend gives each ring's own count, never a letter: « « + 7 autres » regroupe,
        # dans le cercle « Soutien », … » (unless three lines could not hold that far).
        clause = (f"«\u00a0+\u00a0{grouped}\u00a0autres\u00a0» regroupe, "
                  f"dans le cercle «\u00a0{title}\u00a0»")
        legend = texts[-1].replace("\n", " ")
        assert (clause in legend) == bool(grouped) or legend.endswith("tableau des cercles).")
    assert "N autres" not in texts[-1]


@pytest.mark.parametrize("n", range(2, 61))
@pytest.mark.parametrize("spread", [(4, 1, 1, 1), (1, 1, 1, 1), (2, 1, 1, 0)])
def test_a_group_holds_two_names_at_least(n: int, spread: tuple[int, ...]) -> None:
    """« + 1 autre » would hide a name in a box that saves nothing: never drawn, from 2 to 60
    stakeholders (these spreads drew it at 5 to 11, 32 to 35 and 5 stakeholders), and the
    names stay clear of each other and of the rings."""
    drawing = engagement_circles(_circles(n, spread))
    assert not [text for text in map(_text, drawing.labels) if text.startswith("+\u00a01\u00a0")]
    assert_clear(drawing)


def test_a_single_name_without_room_is_grouped_with_another() -> None:
    """exemple-reseau's ring « Opérationnel », thinned by its core of eight Parties: three
    names, room for two. The last placed joins the one without room under « + 2 autres »."""
    core = ["Association Intermédiaire de l'Ourcq (AIO)", "Bois et Bâti de Bondy (BBB)",
            "Fil d'Ariane Noisy", "Les Jardins de l'Ourcq", "Logistique Solidaire de Bobigny (LSB)",
            "Net Services Insertion (NSI)", "Ourcq Intérim Insertion", "Vélo Solidaire 93"]
    ring = ["Canal Construction", "Département de la Seine-Saint-Denis",
            "Réseau des SIAE de Seine-Saint-Denis"]
    drawing = engagement_circles(list(zip(TITLES, [[(n, True) for n in core],
                                                   [(n, False) for n in ring], [], []],
                                          strict=True)))
    assert_clear(drawing)
    texts = [_text(label) for label in drawing.labels]
    assert "+\u00a02\u00a0autres" in texts
    assert texts[-1] == (
        "En gras\u00a0: les Parties à la convention. «\u00a0+\u00a02\u00a0autres\u00a0» "
        "regroupe, dans le cercle «\u00a0Opérationnel\u00a0», le Département de la "
        "Seine-Saint-Denis et le Réseau des SIAE de Seine-Saint-Denis.")


def test_a_name_alone_in_its_ring_is_drawn_cut_rather_than_grouped() -> None:
    """A name too long for its ring even alone is drawn on one line cut with « … » (the table
    gives it in full): « + 1 autre » would say less in the same room."""
    long_name = "Coopérative " + "très " * 40 + "longue"
    drawing = engagement_circles(list(zip(TITLES, [[("Ville de Bondy", True)],
                                                   [(long_name, False)], [], []], strict=True)))
    assert_clear(drawing)
    texts = [_text(label) for label in drawing.labels]
    assert [t for t in texts if t.startswith("Coopérative très")] == [
        next(t for t in texts if t.startswith("Coopérative très") and t.endswith("…"))]
    assert "autre" not in " ".join(texts)


@pytest.mark.parametrize("n", [12, 30, 60, 90])
def test_grouped_names_are_in_the_legend_and_parties_are_drawn_first(n: int) -> None:
    """Every name grouped under « + N autres » is named in the legend (or the legend says the
    table lists them, when three lines cannot hold them all); a Party is never grouped while a
    name that is not one is drawn in its ring."""
    circles = _circles(n, (4, 1, 1, 1))
    drawing = engagement_circles(circles)
    drawn = {_text(label).replace("-\u0020", "") for label in drawing.labels}
    legend = "\n".join(run.text for p in drawing.labels[-1].paragraphs for run in p.runs)
    assert legend.startswith("En gras\u00a0: les Parties à la convention.")
    flat = legend.replace("\n", " ")
    for title, members in circles:
        # A name too long for three lines is drawn cut with « … »: its start identifies it.
        cut = [text.removesuffix("…") for text in drawn if text.endswith("…")]
        hidden = [(name, bold) for name, bold in members if clean(name) not in drawn
                  and not any(clean(name).startswith(start) for start in cut)]
        shown = [member for member in members if member not in hidden]
        if any(bold for _, bold in hidden):
            assert all(bold for _, bold in shown), title
        if hidden and not flat.endswith("(liste complète dans le tableau des cercles)."):
            assert f"dans le cercle «\u00a0{title}\u00a0», " in flat
            assert all(clean(name) in flat for name, _ in hidden), title
    assert drawing.height <= 158.0  # on its landscape page, legend included


def test_a_core_of_eight_parties_draws_them_all() -> None:
    """The réseau example's core: eight Parties with long names. The standard core holds four;
    the wider one draws all eight, none behind « + N autres »."""
    core = ["Association Intermédiaire de l'Ourcq (AIO)", "Bois et Bâti de Bondy (BBB)",
            "Fil d'Ariane Noisy", "Les Jardins de l'Ourcq", "Logistique Solidaire de Bobigny (LSB)",
            "Net Services Insertion (NSI)", "Ourcq Intérim Insertion", "Vélo Solidaire 93"]
    drawing = engagement_circles(list(zip(TITLES, [[(n, True) for n in core],
                                                   [("Canal Construction", False)], [], []],
                                          strict=True)))
    assert_clear(drawing)
    drawn = {_text(label) for label in drawing.labels}
    assert set(core) <= drawn
    assert not any(text.startswith("+") for text in drawn)


def test_sixty_stakeholders_are_mostly_named() -> None:
    """Sixty names as projects write them (one to five words): most are drawn, the others are
    counted under « + N autres »."""
    kinds = ("Mission locale", "CCAS", "Régie de quartier", "Fondation", "Ville",
             "Conseil départemental", "Atelier chantier d'insertion", "Bailleur social",
             "Entreprise d'insertion", "France Travail")
    cities = ("Bondy", "Saint-Denis", "Montreuil", "Aubervilliers", "La Courneuve", "Pantin")
    rings: list[list[Any]] = [[], [], [], []]
    for i in range(60):
        rings[(0, 1, 1, 2, 2, 2, 3, 3, 3, 3)[i % 10]].append(
            (f"{kinds[i % len(kinds)]} de {cities[i % len(cities)]}", i % 3 == 0))
    drawing = engagement_circles(list(zip(TITLES, rings, strict=True)))
    named = [lbl for lbl in drawing.labels if " de " in _text(lbl)]
    assert len(named) >= 45


def test_circles_are_deterministic_and_bold_for_partners() -> None:
    first = engagement_circles(_circles(12))
    assert engagement_circles(_circles(12)) == first
    bold = {_text(lbl) for lbl in first.labels if lbl.paragraphs[0].runs[0].bold}
    assert set(TITLES) <= bold
    assert "Partie prenante n° 1 de la coopération" not in " ".join(bold)  # 10: not a partner


def test_wrong_number_of_circles() -> None:
    with pytest.raises(ValueError, match="4"):
        engagement_circles(_circles(3)[:3])


# --------------------------------------------------------------------------- the Gantt chart


def _lines(n: int, days: int, first: dt.date = dt.date(2027, 1, 4)) -> list[Line]:
    lines = [Line("Action 1 – Préparer", "RA93", first, first + dt.timedelta(days=days), "J-0",
                  action=True)]
    for i in range(n):
        start = first + dt.timedelta(days=days * i // max(n, 1))
        end = min(start + dt.timedelta(days=20), first + dt.timedelta(days=days))
        lines.append(Line(AWKWARD[i % len(AWKWARD)] or "Tâche", "AIC", start, end, f"J-{i}",
                          milestone=i % 4 == 0, late=i % 7 == 6))
    return lines


def _width(table: Table) -> float:
    return sum(table.widths)


@pytest.mark.parametrize(("days", "unit", "landscape"), [
    (0, "semaine", False), (120, "semaine", False), (300, "mois", False),
    (420, "mois", True), (3 * 365, "mois", True), (6 * 365, "trimestre", True),
    (15 * 365, "année", True)])
def test_periods_fit_the_page(days: int, unit: str, landscape: bool) -> None:
    gantt = gantt_chart(_lines(10, days), dt.date(2027, 1, 4) + dt.timedelta(days=days))
    assert (gantt.unit, gantt.landscape) == (unit, landscape)
    assert _width(gantt.table) == pytest.approx(LANDSCAPE_MM if landscape else PORTRAIT_MM)
    periods = len(gantt.table.widths) - 2
    assert min(gantt.table.widths[2:]) >= 4.2
    assert periods >= (4 if unit == "semaine" else 1)


def test_five_hundred_tasks_stay_a_table_of_few_cells() -> None:
    """One row per task, header rows repeated, rows never split, at most seven cells a row
    (LibreOffice's layout time grows with the cells)."""
    gantt = gantt_chart(_lines(500, 3 * 365), dt.date(2029, 6, 30))
    rows = gantt.table.rows
    assert len(rows) == 2 + 501 + 1
    assert [r.header for r in rows[:3]] == [True, True, False]
    assert all(r.whole for r in rows)
    # The legend (last row) is never alone on a page: the row before it keeps with it.
    assert [r.keep for r in rows[-3:]] == [False, True, False]
    # Far more tasks than a page holds: the action keeps with its first task only, never a
    # chain of kept rows longer than a page (LibreOffice would drop it whole).
    assert [r.keep for r in rows[2:5]] == [True, False, False]
    assert max(len(r.cells) for r in rows[2:]) <= 7


def _action(number: int, tasks: int, label: str = "Préparer") -> list[Line]:
    first = dt.date(2027, 1, 4)
    return [Line(f"Action {number} – {label}", "RA93", first, first + dt.timedelta(days=90),
                 "J-0", action=True),
            *(Line(f"Tâche {number}.{i}", "AIC", first, first + dt.timedelta(days=30), "J-60")
              for i in range(tasks))]


def test_an_action_keeps_with_its_tasks_when_a_page_holds_them() -> None:
    """An action's row alone at the foot of a page, its tasks on the next (juriste-8): every
    row of an action keeps with the next but its last, so that the page breaks between two
    actions; an action of more tasks than a page holds keeps with its first task only."""
    lines = [*_action(1, 3), *_action(2, 0), *_action(3, 2), *_action(4, 80), *_action(5, 4)]
    rows = gantt_chart(lines, dt.date(2027, 6, 30)).table.rows[2:-1]
    assert [r.keep for r in rows[:10]] == [True, True, True, False,  # action 1, its 3 tasks
                                           False,  # action 2, no task
                                           True, True, False,  # action 3
                                           True, False]  # action 4 and its first task
    assert not any(r.keep for r in rows[10:-5])
    assert [r.keep for r in rows[-5:]] == [True] * 5  # action 5, its tasks, then the legend
    # Each chain of kept rows holds one action at most: a page never has to hold two.
    chain = 0
    for line, row in zip(lines, rows, strict=True):
        chain = chain + 1 if row.keep else 0
        assert chain <= 5 and not (line.action and chain > 1)


def test_bars_milestones_and_late_tasks() -> None:
    first = dt.date(2027, 3, 1)
    lines = [Line("Livrer", "AIC", first, dt.date(2027, 3, 31), "J-0", milestone=True),
             Line("Trop tard", "AIC", dt.date(2027, 4, 1), dt.date(2027, 5, 31), "J+61",
                  late=True),
             Line("Sans date", "", None, None, "—", action=True)]
    table = gantt_chart(lines, dt.date(2027, 3, 31)).table
    livrer, tard, sans = table.rows[2:5]
    marks = [c for c in livrer.cells if c.paragraphs]
    texts = ["".join(r.text for r in p.runs) for c in marks for p in c.paragraphs]
    assert texts == ["Livrer – AIC", "J-0", "◆"]
    assert tard.cells[1].paragraphs[0].runs[0].colour == "C00000"
    assert all(c.fill is None for c in sans.cells)


def test_a_gantt_needs_a_date() -> None:
    with pytest.raises(ValueError, match="Aucune date"):
        gantt_chart([Line("Rien", "", None, None, "—")], None)


# --------------------------------------------------------------------------- the grid


def test_grid_lists_each_quadrant_and_runs_on_past_ten_names() -> None:
    members = [(f"Structure {i}", i % 2 == 0, "gérer étroitement") for i in range(12)]
    members.append(("Seule", False, "informer"))
    grid = influence_grid(members, 250.0)
    assert _width(grid) == pytest.approx(250.0)
    high, low = grid.rows[1], grid.rows[2]
    close = high.cells[2].paragraphs
    assert close[0].runs[0].text == "Gérer étroitement"
    assert len(close) == 2  # the title, then one running paragraph of twelve names
    assert [r.bold for r in close[1].runs if r.text.startswith("Structure")][:2] == [True, False]
    assert [p.runs[0].text for p in low.cells[2].paragraphs] == ["Informer", "Seule"]
    assert low.cells[1].paragraphs[1].runs[0].text == "Aucun acteur"


@pytest.mark.parametrize(("influence", "interet", "expected"), [
    ("fort", "fort", "gérer étroitement"), ("fort", "moyen", "satisfaire"),
    ("fort", "faible", "satisfaire"), ("moyen", "fort", "informer"),
    ("moyen", "moyen", "surveiller"), ("moyen", "faible", "surveiller"),
    ("faible", "fort", "informer"), ("faible", "moyen", "surveiller"),
    ("faible", "faible", "surveiller")])
def test_strategy_table(influence: str, interet: str, expected: str) -> None:
    assert strategy(influence, interet) == expected
    assert expected in STRATEGIES


def test_strategy_accepts_feminine_and_case() -> None:
    assert strategy("Forte", " FORT ") == "gérer étroitement"
    assert strategy("moyenne", "fort") == "informer"


def test_strategy_rejects_unknown_level() -> None:
    with pytest.raises(ValueError, match="inconnu"):
        strategy("élevé", "fort")


# --------------------------------------------------------------------------- text


def test_every_picture_prints_at_eight_points_at_least() -> None:
    gantt = gantt_chart(_lines(30, 400), dt.date(2027, 6, 30)).table
    grid = influence_grid([(n, True, "satisfaire") for n in _names(20)], 250.0)
    drawing = engagement_circles(_circles(60))
    texts = [p for row in (*gantt.rows, *grid.rows) for c in row.cells for p in c.paragraphs]
    texts += [p for label in drawing.labels for p in label.paragraphs]
    assert min(t.size for t in texts) >= 8


def test_clean_keeps_what_prints() -> None:
    assert clean("  multi\nligne\tavec   blancs \x00\ud800\ufffe ") == "multi ligne avec blancs"
    assert clean("Article\u00a01") == "Article\u00a01"  # a no-break space stays one
    assert clean("") == clean(None) == "(sans nom)"


def test_widths_are_arial_s() -> None:
    # « janv. » at 8 points: 4 326 units of 2 048 to the em (Liberation Sans = Arial).
    assert text_width("janv.", 8) == pytest.approx(4326 / 2048 * 8 * 25.4 / 72)
    assert text_width("W", 10, bold=True) == text_width("W", 10)  # same advance in bold
    assert text_width("中", 10) == pytest.approx(10 * 25.4 / 72)  # unknown: one em


@pytest.mark.parametrize("text", AWKWARD)
def test_wrap_never_passes_the_width(text: str) -> None:
    for lines in wrap(clean(text), 30.0, 9, max_lines=3):
        assert text_width(lines, 9) <= 30.0
    assert len(wrap(clean(text), 30.0, 9, max_lines=3)) <= 3


@pytest.mark.parametrize("text", [*AWKWARD[:-1], "La Ressourcerie de l'Ourcq"])
@pytest.mark.parametrize("width", [12.0, 20.0, 30.0])
def test_wrap_never_splits_a_word_silently(text: str, width: float) -> None:
    """A line ends between two words or, inside a word wider than a line, with a hyphen, and
    never leaves a lone letter (« Ressource- / rie », never « Ressourceri / e »)."""
    lines = wrap(clean(text), width, 9, max_lines=100)
    rebuilt = lines[0]
    for line in lines[1:]:
        if rebuilt.endswith("-"):  # a cut: the word goes on
            assert len(line.split(" ")[0]) >= 2 or len(line) == 1, lines
            rebuilt = rebuilt[:-1] + line
        else:
            rebuilt += " " + line
    assert rebuilt == clean(text)


@pytest.mark.parametrize("text", ["é" * 20_000, "mot " * 5_000, "x" * 300 + " fin"])
def test_wrap_of_a_huge_text_stops_at_its_last_line(text: str) -> None:
    """A generated 20 000-letter name once took minutes to wrap (each cut measured every
    prefix); now it gives its three lines, the last ending with « … »."""
    lines = wrap(text, 30.0, 9, max_lines=3)
    assert len(lines) == 3 and lines[-1].endswith("…")
    assert all(text_width(line, 9) <= 30.0 for line in lines)
