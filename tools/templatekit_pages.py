"""Page orientation for template builders: landscape sections with fitted header and footer."""

from __future__ import annotations

import copy

from docx.enum.section import WD_ORIENT, WD_SECTION_START
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Cm, Twips

__all__ = ["LANDSCAPE_TEXT_CM", "PORTRAIT_TEXT_CM", "orient"]

PORTRAIT_TEXT_CM = 16.5  # A4 portrait minus templatekit's 2.5 + 2.0 cm margins
LANDSCAPE_TEXT_CM = 25.2  # A4 landscape with the same margins
# Tab stops of templatekit's Header/Footer styles (twips), set for a portrait page.
_STYLE_TABS = (4677, 9354)


def _retab(paragraph, width_cm: float, centre: bool) -> None:
    """Move the header/footer tab stops of ``paragraph`` to a page ``width_cm`` wide.

    The header has one tab (project name flush right); the footer a centre tab (« Page X / Y »)
    and a right one.
    """
    stops = paragraph.paragraph_format.tab_stops
    # A copied header/footer brings the previous section's own stops: left there, the footer
    # of a portrait page after a landscape one centred « Paraphes » on the old centre stop.
    stops.clear_all()
    wanted = {Cm(width_cm).twips: WD_TAB_ALIGNMENT.RIGHT}
    if centre:
        wanted[Cm(width_cm / 2).twips] = WD_TAB_ALIGNMENT.CENTER
    for pos in _STYLE_TABS:
        if pos not in wanted:
            stops.add_tab_stop(Twips(pos), WD_TAB_ALIGNMENT.CLEAR)
    for pos, alignment in sorted(wanted.items()):
        stops.add_tab_stop(Twips(pos), alignment)


def _own_header_footer(section, previous, width_cm: float) -> None:
    """Give ``section`` its own copy of the previous header/footer, with tabs fitted to it."""
    for name in ("header", "footer"):
        mine, theirs = getattr(section, name), getattr(previous, name)
        mine.is_linked_to_previous = False
        body = mine._element
        for child in list(body):
            body.remove(child)
        for p in theirs._element.findall(qn("w:p")):
            body.append(copy.deepcopy(p))
        for paragraph in mine.paragraphs:
            _retab(paragraph, width_cm, centre=name == "footer")


def orient(doc, landscape: bool, new_section: bool = True):
    """Switch to landscape (or back to portrait) in a new section, or for the current one.

    Margins stay templatekit's; the header and footer keep their content with tab stops moved
    to the new text width, so « Page X / Y » stays centred and the project name flush right.
    """
    if new_section:
        doc.add_section(WD_SECTION_START.NEW_PAGE)
        # python-docx keeps the body-level sectPr for the NEW section: the previous one is -2.
        section, previous = doc.sections[-1], doc.sections[-2]
    else:
        section = previous = doc.sections[-1]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    long_side, short_side = Cm(29.7), Cm(21)
    if landscape:
        section.page_width, section.page_height = long_side, short_side
    else:
        section.page_width, section.page_height = short_side, long_side
    width = LANDSCAPE_TEXT_CM if landscape else PORTRAIT_TEXT_CM
    if new_section:
        _own_header_footer(section, previous, width)
    elif landscape:
        for paragraph in section.header.paragraphs:
            _retab(paragraph, width, centre=False)
        for paragraph in section.footer.paragraphs:
            _retab(paragraph, width, centre=True)
    return section
