"""The rétroplanning Gantt chart: one bar per task, grouped by action, and the date butoir."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from coopdocs.context.charts.base import LEGEND, PT, WIDTH_CM, clean, draw_text, figure, fit, png

__all__ = ["gantt_png"]

# --------------------------------------------------------------------------- rétroplanning Gantt

# CLDR's French abbreviations (Babel's "MMM"), spelled out to spare loading locale data.
_MONTHS = ("janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
           "nov.", "déc.")

_Task = tuple[str, date, date, bool, str]  # label, start, end, milestone, responsible
_Row = tuple[int, str, list[_Task]]  # group index, kind ("group", "action", "task"), tasks
_GROUP_FILLS = ("#8db4da", "#f3b97f", "#9fd09a", "#d3a5d6", "#ecd46e", "#92cfd2")
_DIAMOND: dict[str, Any] = {"marker": "D", "mfc": "black", "mec": "white", "mew": 0.6}
_DEADLINE: dict[str, Any] = {"color": "#b00020", "lw": 1.3, "ls": (0, (4, 2.5))}
_LABEL_COL = 5.6  # cm kept on the left for task labels
_MAX_PLOT_H = 21.5  # cm: with the margins, the tallest chart still fits an A4 text block


def _as_date(value: object, label: str) -> date | None:
    if isinstance(value, date) or value in (None, ""):
        return value.date() if isinstance(value, datetime) else value  # type: ignore[return-value]
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ValueError(f"Tâche « {label} » : date « {value} » illisible (AAAA-MM-JJ).") from None


def _next_month(d: date) -> date:
    return date(d.year + d.month // 12, d.month % 12 + 1, 1)


def _task_rows(tasks: Sequence[Mapping[str, Any]]) -> tuple[list[str], list[_Row]]:
    """Group titles and chart rows: a header row per action, then its tasks by date.

    Groups keep their order of first appearance. An action given as a single task of the same
    name (an action without tasks) is drawn once, as an "action" row, rather than twice.
    """
    groups: dict[str, list[_Task]] = {}
    for task in tasks:
        label = clean(task.get("libelle"), "(tâche sans libellé)")
        d0, d1 = (_as_date(task.get(k), label) for k in ("date_debut", "date_fin"))
        d0, d1 = d0 or d1, d1 or d0
        if d0 is None or d1 is None:
            raise ValueError(f"Tâche « {label} » : ni date de début ni date de fin.")
        if d1 < d0:
            raise ValueError(
                f"Tâche « {label} » : la date de fin ({d1:%d/%m/%Y}) précède la "
                f"date de début ({d0:%d/%m/%Y})."
            )
        resp = clean(task.get("responsable"), "")
        entry = (label, d0, d1, bool(task.get("jalon")), resp)
        groups.setdefault(clean(task.get("groupe"), ""), []).append(entry)
    rows: list[_Row] = []
    for g, (name, items) in enumerate(groups.items()):
        items.sort(key=lambda t: (t[1], t[2]))
        if len(items) == 1 and items[0][0].casefold() == name.casefold():
            rows.append((g, "action", items))
            continue
        if name:
            rows.append((g, "group", items))
        rows.extend((g, "task", [task]) for task in items)
    return list(groups), rows


def gantt_png(
    tasks: Sequence[Mapping[str, Any]],
    *,
    deadline: date | None = None,
    start: date | None = None,
    end: date | None = None,
) -> bytes:
    """Draw the rétroplanning: one row per task, grouped under a header row per action.

    Each task is ``{"libelle", "groupe", "date_debut", "date_fin", "jalon", "responsable"}``.
    Bars run from the start of ``date_debut`` to the end of ``date_fin``; a milestone adds a
    diamond at the end of ``date_fin``. The time axis runs from ``start`` to ``end`` when given,
    otherwise over whole months around the tasks and the deadline; a deadline outside the axis
    is not drawn. Rows are 0.6 cm high until the chart would pass 21.5 cm, then shrink (with
    the type) so that up to about 70 rows still fit one A4 page.
    """
    if not tasks:
        raise ValueError("Aucune tâche à représenter dans le rétroplanning.")
    titles, rows = _task_rows(tasks)
    spans = [(t[1], t[2]) for _, _, items in rows for t in items]
    if deadline:
        spans.append((deadline, deadline))
    lo = start or min(d for d, _ in spans).replace(day=1)
    hi = end or _next_month(max(d for _, d in spans)) - timedelta(days=1)
    if end is None:  # a lone milestone still gets a readable axis: three months at least
        hi = max(hi, _next_month(_next_month(_next_month(lo))) - timedelta(days=1))
    if hi < lo:
        raise ValueError(
            f"Rétroplanning : la fin de l'axe ({hi:%d/%m/%Y}) précède son début ({lo:%d/%m/%Y})."
        )

    row_h = min(0.6, _MAX_PLOT_H / len(rows))
    fontsize = min(7.5, max(4.5, row_h / PT * 0.6))
    top_months = len(rows) > 25  # a tall chart needs month names near its top too
    top, bottom = 0.25 + (0.55 if deadline else 0) + (0.45 if top_months else 0), 1.25
    plot_w, plot_h = WIDTH_CM - _LABEL_COL - 0.35, len(rows) * row_h
    height = top + plot_h + bottom
    fig = figure(height)
    ax = fig.add_axes((_LABEL_COL / WIDTH_CM, bottom / height, plot_w / WIDTH_CM, plot_h / height))
    x_lo, x_hi = lo.toordinal(), hi.toordinal() + 1
    ax.set(xlim=(x_lo, x_hi), ylim=(len(rows), 0), yticks=[])
    ax.spines[["top", "right"]].set_visible(False)

    # Month grid with every other month shaded; names every `step` months, where they fit.
    step = next((k for k in (1, 2, 3, 4, 6) if k * plot_w * 30.4 / (x_hi - x_lo) >= 1.6), 12)
    ticks, labels, month = [], [], lo.replace(day=1)
    while month <= hi:
        m_lo, m_hi = max(month.toordinal(), x_lo), min(_next_month(month).toordinal(), x_hi)
        if month.month % 2:
            ax.axvspan(m_lo, m_hi, color="#f0f0f0", zorder=0, lw=0)
        ax.axvline(m_lo, color="#c8c8c8", lw=0.5, zorder=0.5)
        if month.month % step == 0 or step == 1:
            ticks.append((m_lo + m_hi) / 2)
            labels.append(f"{_MONTHS[month.month - 1]} {month.year}")
        month = _next_month(month)
    ax.set_xticks(ticks, labels, fontsize=6.5)
    ax.tick_params(axis="x", length=0, labeltop=top_months, pad=3)

    label_x = -(_LABEL_COL - 0.2) / plot_w  # axes fraction: the left edge of the label column
    lines = 2 if row_h >= 0.5 else 1
    # DejaVu Sans averages about half an em a character, a little more in bold.
    chars = int((_LABEL_COL - 0.7) / (fontsize * PT * 0.55))
    bold_chars = int((_LABEL_COL - 0.4) / (fontsize * PT * 0.58))
    row_kw = {
        "va": "center",
        "fontsize": fontsize,
        "linespacing": 1.0,
        "transform": ax.get_yaxis_transform(),
    }
    day_per_cm = (x_hi - x_lo) / plot_w
    diamond = min(7.0, row_h / PT * 0.55)
    for y, (g, kind, items) in enumerate(rows):
        fill = _GROUP_FILLS[g % len(_GROUP_FILLS)]
        if kind == "task":
            draw_text(ax, label_x + 0.3 / plot_w, y + 0.5, fit(items[0][0], chars, lines), **row_kw)
        else:
            ax.axhspan(y, y + 1, color=fill, alpha=0.35, lw=0, zorder=0.6)
            title = fit(items[0][0] if kind == "action" else titles[g], bold_chars, lines)
            draw_text(ax, label_x, y + 0.5, title, weight="bold", **row_kw)
        if kind == "group":
            g_lo, g_hi = min(t[1] for t in items).toordinal(), max(t[2] for t in items).toordinal()
            ax.barh(y + 0.5, g_hi + 1 - g_lo, left=g_lo, height=0.22, color="#404040", zorder=2)
            continue
        _label, d0, d1, milestone, resp = items[0]
        b0, b1 = d0.toordinal(), d1.toordinal() + 1
        bar_h = 0.42 if milestone else 0.6
        ax.barh(y + 0.5, b1 - b0, left=b0, height=bar_h, color=fill, ec="black", lw=0.6, zorder=2)
        if milestone:
            ax.plot([b1], [y + 0.5], ms=diamond, zorder=4, clip_on=False, **_DIAMOND)
        if resp:
            # Beside the bar's end (past the diamond), or before its start near the right edge.
            gap = (0.12 + (diamond * PT / 2 if milestone else 0)) * day_per_cm
            after = b1 + gap < x_lo + 0.8 * (x_hi - x_lo)
            x = b1 + gap if after else b0 - 0.12 * day_per_cm
            draw_text(
                ax,
                x,
                y + 0.5,
                fit(resp, 24, 1),
                ha="left" if after else "right",
                va="center",
                fontsize=fontsize - 0.5,
                style="italic",
                color="#333333",
            )

    handles: list[Any] = [
        Patch(facecolor=_GROUP_FILLS[0], ec="black", lw=0.6, label="Tâche"),
        Line2D([], [], ls="", ms=5, label="Jalon", **_DIAMOND),
    ]
    if deadline and x_lo <= deadline.toordinal() + 1 <= x_hi:
        x = deadline.toordinal() + 1
        ax.axvline(x, zorder=5, **_DEADLINE)
        where = (x - x_lo) / (x_hi - x_lo)
        ha = "right" if where > 0.85 else "left" if where < 0.15 else "center"
        y_label = 1.0 + (0.5 if top_months else 0.05) / plot_h  # above the top month names
        text = f"Date butoir\n{deadline:%d/%m/%Y}"
        kw = {"ha": ha, "va": "bottom", "fontsize": 7, "weight": "bold", "linespacing": 1.05}
        draw_text(
            ax, x, y_label, text, color=_DEADLINE["color"], transform=ax.get_xaxis_transform(), **kw
        )
        handles.append(Line2D([], [], label="Date butoir", **_DEADLINE))
    anchor = (0.5, 0.1 / height)
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=anchor, ncol=3, **LEGEND)
    return png(fig)
