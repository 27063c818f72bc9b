"""The pictures (coopdocs.context.charts): valid, deterministic PNGs that survive awkward names
and sizes; and the strategy table they share with the stakeholder context."""

from __future__ import annotations

import io
import subprocess
import sys
import warnings
from datetime import date, timedelta
from typing import Any

import pytest

from coopdocs.context.charts.base import DPI
from coopdocs.context.charts.circles import circles_png
from coopdocs.context.charts.gantt import gantt_png
from coopdocs.context.charts.grid import grid_png
from coopdocs.vocabulary import CIRCLES, STRATEGIES, strategy

AWKWARD = [
    "Habitant·e·s des quartiers riverains",
    "Établissement public territorial Plaine Commune",
    "Café ☕ & Répar'Tout 🔧😀",
    "A & B <SARL> > 3 $ 5 $ 100 %",
    "Coopérative " + "très " * 40 + "longue",
    "Sansespacesnullepartpendantquatrevingtscaractèresaumoinsvoilàvoilàvoilàvoilàfin",
    "  multi\nligne\tavec   blancs  ",
    "",
]
LEVELS = ("faible", "moyen", "fort")


def _size(png: bytes) -> tuple[int, int]:
    from matplotlib import image

    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    height, width = image.imread(io.BytesIO(png), format="png").shape[:2]
    return width, height


def _stakeholders(n: int) -> list[dict[str, Any]]:
    names = [*AWKWARD, *(f"Partie prenante n° {i} de la coopération" for i in range(n))][:n]
    return [
        {
            "nom": name,
            "cercle": CIRCLES[i % 4],
            "partenaire": i % 3 == 0,
            "influence": LEVELS[i % 3],
            "interet": LEVELS[(i // 3) % 3],
        }
        for i, name in enumerate(names)
    ]


def _tasks(n: int) -> list[dict[str, Any]]:
    first = date(2027, 1, 4)
    return [
        {
            "libelle": (AWKWARD[i] if i < len(AWKWARD) else f"Tâche n° {i} à réaliser") or "",
            "groupe": f"Action {i // 8 + 1} : aménager & ouvrir <le local>",
            "date_debut": first + timedelta(days=9 * i),
            "date_fin": first + timedelta(days=9 * i + (i % 5) * 12),
            "jalon": i % 4 == 0,
            "responsable": "Recycl'Action 93",
        }
        for i in range(n)
    ]


CALLS = {
    "circles": lambda n: circles_png(_stakeholders(n)),
    "grid": lambda n: grid_png(_stakeholders(n)),
    "gantt": lambda n: gantt_png(_tasks(2 * n), deadline=date(2027, 6, 30)),
}


@pytest.mark.parametrize("kind", CALLS)
@pytest.mark.parametrize("n", [1, 5, 30])
def test_valid_deterministic_png(kind: str, n: int) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an emoji must not make matplotlib warn per glyph
        first = CALLS[kind](n)
    width, height = _size(first)
    assert width == int(17 / 2.54 * DPI)  # A4 text width at the declared dpi
    assert 0.1 * width < height <= round(25.7 / 2.54 * DPI)  # fits the A4 text height
    assert CALLS[kind](n) == first


def test_png_has_no_software_stamp() -> None:
    assert b"matplotlib" not in circles_png(_stakeholders(2))


@pytest.mark.parametrize(
    ("influence", "interet", "expected"),
    [
        ("fort", "fort", "gérer étroitement"),
        ("fort", "moyen", "satisfaire"),
        ("fort", "faible", "satisfaire"),
        ("moyen", "fort", "informer"),
        ("moyen", "moyen", "surveiller"),
        ("moyen", "faible", "surveiller"),
        ("faible", "fort", "informer"),
        ("faible", "moyen", "surveiller"),
        ("faible", "faible", "surveiller"),
    ],
)
def test_strategy_table(influence: str, interet: str, expected: str) -> None:
    assert strategy(influence, interet) == expected
    assert expected in STRATEGIES


def test_strategy_accepts_feminine_and_case() -> None:
    assert strategy("Forte", " FORT ") == "gérer étroitement"
    assert strategy("moyenne", "fort") == "informer"


def test_strategy_rejects_unknown_level() -> None:
    with pytest.raises(ValueError, match="inconnu"):
        strategy("élevé", "fort")


@pytest.mark.parametrize(
    "call",
    [
        lambda: circles_png([]),
        lambda: grid_png([]),
        lambda: grid_png([{"nom": "Sans niveaux"}]),
        lambda: gantt_png([]),
    ],
)
def test_nothing_to_draw_is_a_french_error(call: Any) -> None:
    with pytest.raises(ValueError, match="Aucune"):
        call()


def test_unknown_circle_names_the_stakeholder() -> None:
    with pytest.raises(ValueError, match=r"Syndicat.*planète"):
        circles_png([{"nom": "Syndicat", "cercle": "planète"}])


def test_circle_accepts_the_ligature() -> None:
    assert circles_png([{"nom": "Réseau", "cercle": "Cœur", "partenaire": True}])


def test_grid_skips_stakeholders_without_levels() -> None:
    rated = [{"nom": "Plaine Commune", "influence": "fort", "interet": "fort"}]
    assert grid_png([*rated, {"nom": "Sans avis"}]) == grid_png(rated)


def test_grid_overflowing_cell_is_summarised() -> None:
    crowd = [{"nom": f"Structure {i}", "influence": "fort", "interet": "fort"} for i in range(120)]
    _size(grid_png(crowd))


def test_gantt_rejects_end_before_start() -> None:
    task = {"libelle": "Travaux", "date_debut": date(2027, 5, 1), "date_fin": date(2027, 4, 1)}
    with pytest.raises(ValueError, match=r"Travaux.*précède"):
        gantt_png([task])


def test_gantt_window_and_iso_strings() -> None:
    task = {"libelle": "Signer", "date_debut": "2027-01-04", "date_fin": "2027-01-29", "jalon": 1}
    windowed = gantt_png([task], start=date(2026, 12, 1), end=date(2027, 12, 31))
    assert windowed != gantt_png([task])
    # A deadline outside the window is simply not drawn.
    window = {"start": date(2027, 1, 1), "end": date(2027, 3, 1)}
    _size(gantt_png([task], deadline=date(2030, 1, 1), **window))


def test_gantt_single_day_milestone_without_group() -> None:
    task = {"libelle": "Signature", "date_fin": date(2027, 6, 30), "jalon": True}
    _size(gantt_png([task], deadline=date(2027, 6, 30)))


def test_gantt_tall_chart_is_capped_to_a_page() -> None:
    many = [dict(t, groupe=f"Action {i}") for i, t in enumerate(_tasks(60))]  # 120 rows
    _width, height = _size(gantt_png(many))
    assert height <= round(25.7 / 2.54 * DPI)


def test_only_the_painter_imports_matplotlib(example_path) -> None:
    """The charts package and a whole context with placeholder pictures load no matplotlib:
    only `coopdocs.context.charts.painter` (used by `coopdocs.build`) does."""
    code = ("import sys, coopdocs.context.charts; "
            "from coopdocs.check.project import load_project; "
            "from coopdocs.context.assemble import build_context; "
            "from coopdocs.context.picture import SKETCH; "
            f"build_context(load_project({str(example_path('exemple-complet'))!r}), "
            "painter=SKETCH); "
            "print('matplotlib' in sys.modules); "
            "import coopdocs.context.charts.painter; "
            "print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "True"]


def test_names_are_drawable_in_every_face_of_the_font() -> None:
    """Regression (generated projects): DejaVu Sans Oblique has no Arabic letters, so an
    Arabic name in italics (stakeholders that are not partners) warned once per glyph."""
    people = [{"nom": "مرحبا שלום Zoé 😀", "influence": "fort", "interet": "fort"},
              {"nom": "مرحبا", "influence": "faible", "interet": "fort", "partenaire": "x",
               "cercle": "coeur"}]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        grid_png(people)
        circles_png([{**p, "cercle": "coeur"} for p in people])
