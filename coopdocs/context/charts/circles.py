"""The circles of engagement as a Word drawing: four concentric ellipses, each name in its ring.

Every name is a text box placed by `_Ring.place`: wholly inside its ring (never across a line),
clear of every other box, as near as it can to an even spread around the ring, on one line
when that fits and on two or three otherwise (a word is cut only when wider than a line, between
syllables and with a hyphen). The Parties come first, in bold; a name that finds no room joins
« + N autres », placed the same way, and never a Party while a name that is not one is drawn;
« + N » always groups two names at least (a group of one would hide a name and save nothing).
The legend says what bold means and names those grouped under « + N », ring by ring, with the
count of that ring's box (« « + 2 autres » regroupe, dans le cercle … »; the table of the
circles the documents print lists everyone). The same input always gives the same
drawing; nothing here draws pixels.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Iterator, Sequence

from coopdocs.context.charts.metrics import ELLIPSIS, MM_PER_PT, clean, text_width, wrap
from coopdocs.context.picture import Drawing, Ellipse, Label, Run, Text
from coopdocs.french.grammar import liste_noms, majuscule_initiale, plural
from coopdocs.french.typography import quote

__all__ = ["GAP", "GAP_ACROSS", "MARGIN", "engagement_circles"]

# A landscape page of its own (252 × 163 mm of text): rings about 17 mm deep at the top and
# bottom (two lines of 8-point names, with room for the rings' curve) and 29 mm at the sides
# (three lines 26 mm wide). On a portrait page the rings would be too thin for most names.
WIDTH = 250.0  # mm
_CENTRE = (125.0, 72.0)
# Semi-axes of the ellipses, core first. The core holds four or five names; when more Parties
# share it, a wider core (rings 14 mm deep at the top: still two lines) draws eight to ten.
_LAYOUTS = (((38.0, 21.0), (67.0, 38.0), (96.0, 55.0), (124.5, 71.5)),
            ((52.0, 29.0), (76.0, 43.0), (100.0, 57.5), (124.5, 71.5)))
_FILLS = ("9EC2DF", "C0D8EC", "DBE8F4", "F2F7FB")  # lightness steps survive greyscale printing
SIZE = 9.0  # points: names
_TITLE_SIZE = 10.0
MARGIN = 1.2  # mm between a name and any ring line
GAP = 1.0  # mm between two names
# Side by side, two names 1 mm apart read as one (« Vélo Solidaire 93 Les Jardins de l'Ourcq »).
GAP_ACROSS = 3.5
_LONGEST = 80.0  # mm: the widest line of a name
_LEGEND_Y = _CENTRE[1] + _LAYOUTS[0][-1][1] + 1.5  # the outer ellipse is the same in both
# The legend names the names grouped under « + N » in up to three lines of 8 points: the
# drawing, its legend included, stays within the 158 mm a landscape page leaves it.
_LEGEND_SIZE = 8.0
_LEGEND_LINES = 3
HEIGHT = _LEGEND_Y + 5.0
_ANGLES = 96  # candidate spots per track of a ring
# Where across the ring's depth a name may sit: a wide name fits the bottom of a ring only in a
# narrow band of depths, which coarse tracks would miss.
_TRACKS = (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74)

Box = tuple[float, float, float, float]  # left, top, right, bottom
Member = tuple[str, bool]  # name, emphasised (a Party: drawn first, in bold)


def _para(lines: Sequence[str], size: float, bold: bool = False, italic: bool = False,
          colour: str | None = None) -> tuple[Text, ...]:
    return tuple(Text((Run(line, bold=bold, italic=italic, colour=colour),), size, "center")
                 for line in lines)


def _label(lines: Sequence[str], centre: tuple[float, float], size: float, bold: bool = False,
           italic: bool = False) -> Label:
    # Room to spare: Word and LibreOffice wrap a line that overflows its box by a hair.
    measured = max(text_width(line, size, bold) for line in lines)
    width = measured * 1.06 + 1.5
    height = len(lines) * size * 1.2 * 25.4 / 72
    return Label(centre[0] - width / 2, centre[1] - height / 2, width, height,
                 _para(lines, size, bold, italic))


_ANGLE_STEP = 2 * math.pi / _ANGLES
_CORE_STEP = (1.5, 0.8)  # mm between candidate centres in the core, across and down
_CORE_SPANS = ((16, 22), (24, 30))  # candidate steps each side of the centre, per layout


@functools.cache
def _ring_order() -> tuple[tuple[float, int], ...]:
    """(cost, offset) of a ring's candidates, cheapest first: the candidate at ``offset`` from
    the ideal one in `_ring_points` (angle steps × tracks, the angle turning round)."""
    half, tracks = _ANGLES // 2, len(_TRACKS)
    order = [(k, t, abs(k) * _ANGLE_STEP + 0.3 * abs(track - 0.5))
             for k in range(-half + 1, half + 1) for t, track in enumerate(_TRACKS)]
    order.sort(key=lambda o: (o[2], o[0], o[1]))
    return tuple((cost, (k % _ANGLES) * tracks + t) for k, t, cost in order)


@functools.cache
def _core_order(layout: int) -> tuple[tuple[int, int, float], ...]:
    """(steps across, steps down, cost) around the core's ideal spot, cheapest first: a name
    moves down or up before it moves aside."""
    (sx, sy), (nx, ny) = _CORE_STEP, _CORE_SPANS[layout]
    order = [(i, j, abs(i) * sx * 0.2 + abs(j) * sy)
             for i in range(-nx, nx + 1) for j in range(-2 * ny, 2 * ny + 1)]
    return tuple(sorted(order, key=lambda o: (o[2], abs(o[0]), o[0], o[1])))


# The candidates of a spot are the same for every name and every project: computed once.
# A point: (x, y, |x - centre|, |y - centre|), the distances for the ring tests; a candidate
# spot: (cost, *point).
Point = tuple[float, float, float, float]
Spot = tuple[float, float, float, float, float]


def _point(x: float, y: float) -> Point:
    return x, y, abs(x - _CENTRE[0]), abs(y - _CENTRE[1])


def _room(points: Sequence[Point], half_height: float, outer: tuple[float, float],
          inner: tuple[float, float] | None) -> list[float]:
    """For each point, the widest half-width of a box of ``half_height`` centred there that
    stays MARGIN inside ``outer`` and MARGIN outside ``inner`` (-1 when none does), a hair
    generous: a prefilter that spares most candidates the ring tests of `_Ring.place`, never
    one that passes them. Two ellipses and two tests of the box's corners: see `place`."""
    ox, oy = 1 / (outer[0] - MARGIN) ** 2, 1 / (outer[1] - MARGIN) ** 2
    ix, iy = (1 / (inner[0] + MARGIN) ** 2, 1 / (inner[1] + MARGIN) ** 2) if inner else (0, 0)
    room = []
    for _, _, dx, dy in points:
        far_y = dy + half_height
        left = 1 - far_y * far_y * oy  # what the outer ellipse leaves for the far corner's x
        if left < 0:
            room.append(-1.0)
            continue
        widest = math.sqrt(left / ox) - dx
        near_y = dy - half_height if dy > half_height else 0.0
        left = 1 - near_y * near_y * iy  # what the near corner's x must still cover
        if inner is not None and left > 0:
            widest = min(widest, dx - math.sqrt(left / ix))
        room.append(widest + 1e-9)
    return room


@functools.lru_cache(maxsize=64)
def _core_spots(layout: int, row: int) -> tuple[Spot, ...]:
    cx, cy = _CENTRE
    (sx, sy), (_, ny) = _CORE_STEP, _CORE_SPANS[layout]
    return tuple((cost, *_point(cx + i * sx, cy + (row + j) * sy))
                 for i, j, cost in _core_order(layout) if -ny <= row + j <= ny)


@functools.lru_cache(maxsize=256)
def _core_room(layout: int, row: int, half_height: float) -> list[float]:
    return _room([spot[1:] for spot in _core_spots(layout, row)], half_height,
                 _LAYOUTS[layout][0], None)


def _core_candidates(layout: int, row: int, half_width: float, half_height: float
                     ) -> Iterator[Spot]:
    room = _core_room(layout, row, half_height)
    for spot, widest in zip(_core_spots(layout, row), room, strict=True):
        if half_width <= widest:
            yield spot


@functools.cache
def _ring_points(layout: int, index: int) -> tuple[Point, ...]:
    """Candidate centres of a ring, ``angle step × len(_TRACKS) + track`` → point, and the
    same again: an offset from any angle step needs no modulo."""
    cx, cy = _CENTRE
    (ai, bi), (ao, bo) = _LAYOUTS[layout][index - 1], _LAYOUTS[layout][index]
    points = tuple(_point(cx + (ai + t * (ao - ai)) * math.cos(step * _ANGLE_STEP),
                          cy + (bi + t * (bo - bi)) * math.sin(step * _ANGLE_STEP))
                   for step in range(_ANGLES) for t in _TRACKS)
    return points + points


@functools.lru_cache(maxsize=64)
def _ring_room(layout: int, index: int, half_height: float) -> list[float]:
    """`_room` of each of `_ring_points` (a name is one to three lines: three heights)."""
    return _room(_ring_points(layout, index), half_height, _LAYOUTS[layout][index],
                 _LAYOUTS[layout][index - 1])


def _ring_candidates(layout: int, index: int, first: int, half_width: float,
                     half_height: float) -> Iterator[Spot]:
    """A ring's candidates around angle step ``first``, cheapest first, where a box of that
    half size may fit (`_room`): made as the placing loop asks for them, it stops at the
    first that fits, long before the 672th."""
    points, room = _ring_points(layout, index), _ring_room(layout, index, half_height)
    base = first * len(_TRACKS)
    for cost, offset in _ring_order():
        at = base + offset
        if half_width <= room[at]:
            yield (cost, *points[at])


class _Ring:
    """One circle: the core (no inner ellipse) or a ring, and the boxes placed in it."""

    def __init__(self, index: int, layout: int = 0) -> None:
        self.index = index
        self.layout = layout
        self.taken: list[Box] = []
        self.failed: list[tuple[float, float]] = []  # box sizes that fit nowhere any more
        axes = _LAYOUTS[layout]
        self.outer = axes[index]
        self.inner = axes[index - 1] if index else None
        # Squared inverse semi-axes of the ellipses a name must stay MARGIN away from.
        self._out = (1 / (self.outer[0] - MARGIN) ** 2, 1 / (self.outer[1] - MARGIN) ** 2)
        self._in = (1 / (self.inner[0] + MARGIN) ** 2,
                    1 / (self.inner[1] + MARGIN) ** 2) if self.inner else (0.0, 0.0)

    def spots(self, rank: int, count: int, half_width: float, half_height: float
              ) -> Iterable[Spot]:
        """Candidate centres (cost, x, y, dx, dy), cheapest first, where a box of that half
        size may fit: nearest an even spread of ``count`` names, the first at the bottom (the
        ring's title is at the top)."""
        if self.inner is None:  # the core: a column under its title
            # Rows closer together when many names share the core: an ideal spot outside it
            # had no candidate at all, and thirty names drew none.
            step = min(4.6, 2 * (self.outer[1] - 6.0) / max(count - 1, 1))
            span = _CORE_SPANS[self.layout][1]
            row = round((3.0 + (rank - (count - 1) / 2) * step) / _CORE_STEP[1])
            return _core_candidates(self.layout, max(-span, min(span, row)), half_width,
                                    half_height)
        # Around the bottom first, then up both sides: the top holds the ring's title.
        ideal = math.pi / 2 + (rank - (count - 1) / 2) * 2 * math.pi / (count + 1)
        return _ring_candidates(self.layout, self.index, round(ideal / _ANGLE_STEP) % _ANGLES,
                                half_width, half_height)

    def place(self, variants: Sequence[Label], rank: int, count: int) -> Label | None:
        """The cheapest free spot for any of ``variants`` (the same name on 1, 2, 3 lines; a
        line more costs a little), or None when the ring has no room left for it. A size that
        found no room never will (the ring only fills up): it is not tried again."""
        best: tuple[float, int, float, float] | None = None
        (out_x, out_y), (in_x, in_y), core = self._out, self._in, self.inner is None
        # The placed boxes grown by the gaps a new box must keep: one comparison per side.
        grown = [(x0 - GAP_ACROSS, y0 - GAP, x1 + GAP_ACROSS, y1 + GAP)
                 for x0, y0, x1, y1 in self.taken]
        for extra, label in enumerate(variants):
            w, h = label.width, label.height
            if any(fw <= w and fh <= h for fw, fh in self.failed):
                continue
            hw, hh, penalty = w / 2, h / 2, 0.35 * extra
            limit = best[0] - penalty if best is not None else math.inf
            for cost, x, y, dx, dy in self.spots(rank, count, hw, hh):
                if cost >= limit:
                    break
                # Whether the box lies inside the outer ellipse and outside the inner one,
                # MARGIN away from both (dx, dy ≥ 0: the rings are symmetric). Scaling x and y
                # by the semi-axes turns an ellipse into a circle and keeps the box a box: its
                # corner farthest from the centre tests the outer ellipse (it is convex), its
                # point nearest the centre the inner one. Exact, where `_room` only
                # prefilters: the same spots as without it, to the last bit.
                far_x, far_y = dx + hw, dy + hh
                if far_x * far_x * out_x + far_y * far_y * out_y > 1:
                    continue
                if not core:
                    near_x = dx - hw if dx > hw else 0.0
                    near_y = dy - hh if dy > hh else 0.0
                    if near_x * near_x * in_x + near_y * near_y * in_y < 1:
                        continue
                x0, y0, x1, y1 = x - hw, y - hh, x + hw, y + hh
                for o0, o1, o2, o3 in grown:  # closer than the gaps to a placed box?
                    if x0 < o2 and o0 < x1 and y0 < o3 and o1 < y1:
                        break
                else:
                    best = (cost + penalty, extra, x, y)
                    break
            else:
                self.failed.append((w, h))
        if best is None:
            return None
        label = variants[best[1]]
        placed = Label(best[2] - label.width / 2, best[3] - label.height / 2, label.width,
                       label.height, label.paragraphs)
        self.taken.append(placed.box)
        return placed


def _variants(name: str, bold: bool) -> list[Label]:
    """The name on one line, then on two and on three narrower ones: whole, except a name too
    long for three lines of 50 mm, which ends with « … » (the table gives it in full)."""
    out: list[list[str]] = []
    full = text_width(name, SIZE, bold)
    # Never narrower than the longest word: a word is cut only when it is wider than any line.
    word = max((text_width(w, SIZE, bold) for w in name.split(" ")), default=0.0)
    if full <= _LONGEST:
        out.append([name])
    for lines in (2, 3):
        # Lines of even length first; wider ones when the words do not split evenly, so a name
        # that fits three lines of 50 mm is never cut.
        cap = _LONGEST if lines == 2 else 50.0
        width = min(max(full / lines * 1.15 + 1.0, word), cap)
        wrapped = wrap(name, width, SIZE, bold, max_lines=lines + 1)
        while len(wrapped) > lines and width < cap:
            width = min(width * 1.15, cap)
            wrapped = wrap(name, width, SIZE, bold, max_lines=lines + 1)
        if len(wrapped) > lines:
            wrapped = wrap(name, width, SIZE, bold, max_lines=lines)
        if (lines == 3 or len(wrapped) == lines) and wrapped not in out:
            out.append(wrapped)
    return [_label(lines, (0.0, 0.0), SIZE, bold) for lines in out]


def _last_resort(name: str, bold: bool) -> list[Label]:
    """A name that found no room in its ring, on one line cut with « … »."""
    return [_label(wrap(name, width, SIZE, bold, max_lines=1), (0.0, 0.0), SIZE, bold)
            for width in (50.0, 25.0)]


def _title(ring: _Ring, title: str) -> Label:
    cx, cy = _CENTRE
    if ring.inner is None:
        y = cy - ring.outer[1] + MARGIN + 0.5 + _TITLE_SIZE * 0.6 * 25.4 / 72
    else:
        y = cy - (ring.inner[1] + ring.outer[1]) / 2
    label = _label([title], (cx, y), _TITLE_SIZE, bold=True)
    ring.taken.append(label.box)
    return label


def _lay_out(ring: _Ring, order: Sequence[Member]) -> tuple[list[tuple[Label, int]], list[int]]:
    """The names of ``order`` placed in ``ring`` in turn, with their ranks, and the ranks of
    those that found no room. Once an emphasised name finds no room, no other name is drawn in
    its place: a Party is never grouped while a name that is not one is drawn."""
    placed: list[tuple[Label, int]] = []
    left: list[int] = []
    blocked = False  # an emphasised name found no room
    for rank, (name, emphasis) in enumerate(order):
        label = None if blocked and not emphasis else ring.place(
            _variants(name, emphasis), rank, len(order))
        if label is None:
            left.append(rank)
            blocked = blocked or emphasis
        else:
            placed.append((label, rank))
    return placed, left


def _more(count: int) -> str:
    """« + 2 autres »: the box that stands for ``count`` names, and its name in the legend."""
    return f"+\u00a0{count}\u00a0{plural(count, 'autre')}"


def _fill(ring: _Ring, members: Sequence[Member]) -> tuple[list[Label], list[str], bool]:
    """Labels of ``members`` in ``ring``, emphasised ones (the Parties) first, the names
    grouped under « + N »: those that found no room, and as many of the last placed as « + N »
    needs, and whether the box « + N » is drawn (not when even it finds no room). A group
    holds two names at least: « + 1 autre » would hide a name in a box that saves nothing. A
    single name without room is drawn cut on one line where it finds room (as a name too long
    for three lines is: the table of the circles gives it in full), and only when it finds
    none is it grouped with the last placed one (« + 2 autres »)."""
    order = sorted(members, key=lambda m: not m[1])
    placed, left = _lay_out(ring, order)
    if len(left) == 1:
        name, emphasis = order[left[0]]
        # Beside other names, only the longer cut: « Réseau des… » would name nobody.
        label = ring.place(_last_resort(name, emphasis)[:1 if placed else 2], left[0],
                           len(order))
        if label is not None:
            return [*(lbl for lbl, _ in placed), label], [], False
        if not placed:
            return [], [name], False
    while left:
        if len(left) == 1:
            _, dropped = placed.pop()  # a group of one: group the last placed name with it
            ring.taken.pop()
            ring.failed.clear()
            left.append(dropped)
        more = _label([_more(len(left))], (0.0, 0.0), SIZE)
        label = ring.place([more], len(placed), len(placed) + 1)
        names = [order[rank][0] for rank in sorted(left)]
        if label is not None:
            return [*(lbl for lbl, _ in placed), label], names, True
        if not placed:
            return [], names, False  # not even one line fits: the legend names them all
        _, dropped = placed.pop()
        ring.taken.pop()  # the box of the label just dropped
        ring.failed.clear()  # room was freed: a size that failed may fit now
        left.append(dropped)
    return [lbl for lbl, _ in placed], [], False


Group = tuple[str, list[str], bool]  # a ring's title, the names it groups, « + N » drawn


def _grouped(title: str, names: Sequence[str], drawn: bool) -> str:
    """The legend's clause for the names a ring does not draw: « « + 2 autres » regroupe, dans
    le cercle « Opérationnel », A et B », with the count of that ring's box."""
    if drawn:
        return (f"{quote(_more(len(names)))} regroupe, dans le cercle {quote(title)}, "
                f"{liste_noms(names)}")
    return (f"faute de place, le dessin ne nomme pas, dans le cercle {quote(title)}, "
            f"{liste_noms(names)}")


def _legend(emphasis: str, grouped: Sequence[Group]) -> Label:
    """The lines under the drawing: what bold means, then the names grouped under « + N »,
    ring by ring, in as many lines as the page has room for (the table of the circles lists
    every name, should they not all fit)."""
    text = f"En gras\u00a0: {emphasis}."
    if grouped:
        text += " " + majuscule_initiale("\u202f; ".join(
            _grouped(title, names, drawn) for title, names, drawn in grouped)) + "."
    room = (WIDTH - 2.0 - 1.5) / 1.06  # what `_label` adds to a line's width must fit too
    lines = wrap(text, room, _LEGEND_SIZE, max_lines=_LEGEND_LINES)
    if lines[-1].endswith(ELLIPSIS):
        # Cut: say where the rest is, in room taken from the last line.
        tail = " (liste complète dans le tableau des cercles)."
        last = lines[-1].removesuffix(ELLIPSIS)
        while last and text_width(last + ELLIPSIS + tail, _LEGEND_SIZE) > room:
            last = last[:-1]
        lines[-1] = last.rstrip(" ,;:\u00a0\u202f") + ELLIPSIS + tail
    height = len(lines) * _LEGEND_SIZE * 1.2 * MM_PER_PT
    return _label(lines, (WIDTH / 2, _LEGEND_Y + height / 2), _LEGEND_SIZE)


def _names(circles: Sequence[tuple[str, Sequence[Member]]], layout: int
           ) -> tuple[list[Label], list[Group], list[int]]:
    """The titles and names of ``circles`` drawn on ``layout``, the names grouped ring by ring,
    and how many Parties each ring groups."""
    labels: list[Label] = []
    grouped: list[Group] = []
    parties: list[int] = []
    for index, (title, members) in enumerate(circles):
        ring = _Ring(index, layout)
        labels.append(_title(ring, title))
        placed, left, drawn = _fill(ring, members)
        labels += placed
        emphasised = {name for name, bold in members if bold}
        parties.append(sum(name in emphasised for name in left))
        if left:
            grouped.append((title, left, drawn))
    return labels, grouped, parties


def engagement_circles(circles: Sequence[tuple[str, Sequence[Member]]],
                       emphasis: str = "les Parties à la convention") -> Drawing:
    """The drawing of the four circles, core first: ``(title, [(name, emphasised), …])`` each.

    Emphasised names (the Parties, as ``emphasis`` says in the legend) are in bold and drawn
    first; the legend under the ellipses says what bold means and names those grouped under
    « + N autres ». When the core must group a Party, a wider core is tried, and kept if it
    groups fewer Parties.
    """
    if len(circles) != len(_LAYOUTS[0]):
        raise ValueError(f"the circles of engagement are {len(_LAYOUTS[0])}, not {len(circles)}")
    cleaned = [(clean(title), [(clean(name), bold) for name, bold in members])
               for title, members in circles]
    # The wider core thins the rings (a crowded ring then groups more). It is taken at once
    # when the core's Parties need more room than half the standard core (which they never
    # find there: trying costs as much as the whole drawing); otherwise it is tried when the
    # standard core groups a Party, and kept only when it groups fewer Parties in all.
    (a, b), core = _LAYOUTS[0][0], cleaned[0][1]
    need = sum(min((v.width + GAP) * (v.height + GAP) for v in _variants(name, True))
               for name, bold in core if bold)
    layout = 1 if need > 0.5 * math.pi * (a - MARGIN) * (b - MARGIN) else 0
    labels, grouped, parties = _names(cleaned, layout)
    if layout == 0 and parties[0]:
        wide = _names(cleaned, 1)
        if sum(wide[2]) < sum(parties):
            layout, (labels, grouped, parties) = 1, wide
    cx, cy = _CENTRE
    ellipses = tuple(Ellipse(cx - a, cy - b, 2 * a, 2 * b, fill)
                     for (a, b), fill in reversed(list(zip(_LAYOUTS[layout], _FILLS,
                                                           strict=True))))
    legend = _legend(emphasis, grouped)
    labels.append(legend)
    height = max(HEIGHT, legend.y + legend.height + 0.5)
    summary = ". ".join(f"{title}\u00a0: " + (", ".join(n for n, _ in members) or "aucun")
                        for title, members in cleaned)
    return Drawing(WIDTH, height, ellipses, tuple(labels), "Cercles d'engagement",
                   "Cercles d'engagement, du cœur vers l'environnement. " + summary + ".")
