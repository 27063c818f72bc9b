"""Write ``coopdocs/context/charts/arial_widths.py``: the advance widths of Arial's letters.

    python tools/gen_font_metrics.py [--fonts DIR]

The figures are laid out in Python (labels must never cross a ring or each other), so the
layout needs the width of a name in the documents' font before Word or LibreOffice draws it.
Liberation Sans has exactly Arial's advance widths (it was made metric-compatible), so its
files give Arial's. Needs fontTools (a developer tool, not a dependency of coopdocs); Debian's
``fonts-liberation2`` provides the fonts.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
TARGET = ROOT / "coopdocs" / "context" / "charts" / "arial_widths.py"
# Latin (French, and the names of partners from elsewhere in Europe), general punctuation,
# the euro sign: what the names of a project hold. Other scripts get a conservative width.
RANGES = ((0x20, 0x250), (0x2000, 0x2070), (0x20AC, 0x20AD), (0x2122, 0x2123))

HEADER = '''"""Advance widths of Arial (regular and bold), in 1/2048 em: generated, do not edit.

Written by ``tools/gen_font_metrics.py`` from Liberation Sans, which has Arial's metrics.
``WIDTHS[bold][code point]``; code points outside the table are measured by
`coopdocs.context.charts.metrics`. Stored as text, one string per range of code points (0: no
glyph), because a large dict literal costs milliseconds to compile at every start.
"""

from __future__ import annotations

__all__ = ["UNITS_PER_EM", "WIDTHS"]

UNITS_PER_EM = 2048


def _table(ranges: tuple[tuple[int, str], ...]) -> dict[int, int]:
    return {start + i: int(width) for start, text in ranges
            for i, width in enumerate(text.split()) if width != "0"}


'''


def _ranges(path: Path) -> str:
    """The font's widths as the source of a tuple of (first code point, "w w w …") pairs."""
    font = TTFont(path)
    cmap, metrics = font.getBestCmap(), font["hmtx"]
    out = []
    for start, end in RANGES:
        widths = [str(metrics[cmap[code]][0]) if code in cmap else "0"
                  for code in range(start, end)]
        lines, line = [], ""
        for width in widths:
            if len(line) + len(width) + 1 > 84:
                lines.append(f'            "{line}"')
                line = ""
            line += width + " "
        lines.append(f'            "{line.rstrip()}"')
        out.append(f"        ({start:#06x},\n" + "\n".join(lines) + "),")
    return "(\n" + "\n".join(out) + "\n    )"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fonts", type=Path,
                        default=Path("/usr/share/fonts/truetype/liberation2"))
    args = parser.parse_args()
    regular = _ranges(args.fonts / "LiberationSans-Regular.ttf")
    bold = _ranges(args.fonts / "LiberationSans-Bold.ttf")
    text = (HEADER + f"WIDTHS = (\n    _table({regular}),\n    _table({bold}),\n)\n")
    TARGET.write_text(text, encoding="utf-8")
    print(TARGET.relative_to(ROOT))


if __name__ == "__main__":
    main()
