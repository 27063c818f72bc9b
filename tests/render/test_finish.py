"""French finishing in WordprocessingML (`render.finish`): run splits, property order, keepNext.

Every finished document of every example is also validated against wml.xsd with the rest of
the package (tests/build/test_ooxml.py): the inserted properties keep the schema's order.
"""

from __future__ import annotations

import pytest
from lxml import etree
from markupsafe import escape

from coopdocs.render.finish import finish_part, finished_runs

NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = f"{{{NS}}}"


def _body(*paragraphs: str) -> etree._Element:
    return etree.fromstring(f'<w:body xmlns:w="{NS}">{"".join(paragraphs)}</w:body>')


def _runs(root: etree._Element) -> list[tuple[str, list[str]]]:
    """(text, property tags) of each run, in order."""
    out = []
    for run in root.iter(f"{W}r"):
        props = run.find(f"{W}rPr")
        tags = [etree.QName(c).localname for c in props] if props is not None else []
        out.append(("".join(t.text or "" for t in run.iter(f"{W}t")), tags))
    return out


def test_ordinal_suffix_gets_its_own_superscript_run_keeping_the_formatting() -> None:
    root = _body('<w:p><w:r><w:rPr><w:b/><w:sz w:val="20"/><w:lang w:val="fr-FR"/></w:rPr>'
                 "<w:t>le 1er juillet 1901</w:t></w:r></w:p>")
    assert finish_part(root)
    assert _runs(root) == [
        ("le 1", ["b", "sz", "lang"]),
        ("er", ["b", "sz", "vertAlign", "lang"]),  # the schema's order: vertAlign before lang
        ("\u00a0juillet\u00a01901", ["b", "sz", "lang"]),
    ]
    superscript = root.find(f".//{W}vertAlign")
    assert superscript is not None and superscript.get(f"{W}val") == "superscript"


def test_gap_marker_is_highlighted() -> None:
    root = _body("<w:p><w:r><w:t>Seuil : [À compléter avant signature : le seuil].</w:t>"
                 "</w:r></w:p>")
    finish_part(root)
    runs = _runs(root)
    assert runs[1] == ("[À compléter avant signature\u00a0: le seuil]", ["highlight"])
    assert root.find(f".//{W}highlight").get(f"{W}val") == "yellow"


def test_apostrophes_in_every_text_and_runs_with_a_tab_are_not_split() -> None:
    root = _body("<w:p><w:r><w:t>l'article 1er</w:t><w:tab/><w:t>d'abord</w:t></w:r></w:p>")
    finish_part(root)
    assert _runs(root) == [("l’article\u00a01erd’abord", [])]


def test_lead_in_line_keeps_with_next_but_not_in_a_table() -> None:
    root = _body('<w:p><w:pPr><w:pStyle w:val="Normal"/><w:jc w:val="both"/></w:pPr>'
                 "<w:r><w:t>Les Parties s'engagent à :</w:t></w:r></w:p>",
                 "<w:p><w:r><w:t>Texte.</w:t></w:r></w:p>",
                 "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Référent :</w:t></w:r></w:p></w:tc></w:tr>"
                 "</w:tbl>")
    finish_part(root)
    first, second = root.findall(f"{W}p")
    assert [etree.QName(c).localname for c in first.find(f"{W}pPr")] == [
        "pStyle", "keepNext", "jc"]
    assert second.find(f"{W}pPr") is None
    assert root.find(f".//{W}tc//{W}keepNext") is None


def _children(run: etree._Element) -> list[str]:
    """A run's content, in order: the text of each w:t, « ‑ » for each w:noBreakHyphen."""
    return [node.text or "" if node.tag == f"{W}t" else "‑" for node in run
            if node.tag in (f"{W}t", f"{W}noBreakHyphen")]


def test_the_hyphen_of_a_code_is_words_no_break_hyphen() -> None:
    """« L. 2122-/22 », « J-/30 » cut at a line's end (#21): a w:noBreakHyphen between the
    texts of the same run, which Word and LibreOffice draw with the font's hyphen (Liberation
    Sans has no glyph for U+2011)."""
    root = _body('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>article L. 2122-22, à J-30</w:t></w:r>'
                 "</w:p>")
    assert finish_part(root)
    [run] = root.iter(f"{W}r")
    assert _children(run) == ["article L.\u00a02122", "‑", "22, à J", "‑", "30"]
    assert run.find(f"{W}rPr/{W}b") is not None
    assert "\u2011" not in "".join(root.itertext())
    # A text that ends with the hyphen of a code leaves no empty w:t after it.
    end = _body("<w:p><w:r><w:t>J\u2011</w:t></w:r></w:p>")
    assert finish_part(end)
    assert _children(next(end.iter(f"{W}r"))) == ["J", "‑"]
    typed = _body("<w:p><w:r><w:t>J\u20112</w:t></w:r></w:p>")  # U+2011 typed in a value
    assert finish_part(typed)  # changed: the caller serialises the part again
    assert _children(next(typed.iter(f"{W}r"))) == ["J", "‑", "2"]


def test_no_break_hyphens_in_a_run_split_for_a_marker_or_an_ordinal() -> None:
    root = _body("<w:p><w:r><w:t>Le 1er acte, n° 2026-118 : [À compléter : la délibération "
                 "n° 2026-118]</w:t></w:r></w:p>")
    finish_part(root)
    runs = list(root.iter(f"{W}r"))
    assert [_children(r) for r in runs] == [
        ["Le 1"], ["er"], [" acte, n°\u00a02026", "‑", "118\u00a0: "],
        ["[À compléter\u00a0: la délibération n°\u00a02026", "‑", "118]"]]
    assert runs[3].find(f"{W}rPr/{W}highlight") is not None


def test_words_and_names_keep_their_breakable_hyphen() -> None:
    root = _body("<w:p><w:r><w:t>Seine-Saint-Denis, au-delà, Île-de-France</w:t></w:r></w:p>")
    before = etree.tostring(root)
    assert finish_part(root) is False
    assert etree.tostring(root) == before


def test_nothing_to_finish_changes_nothing() -> None:
    root = _body("<w:p><w:r><w:t>Texte sans rien à reprendre.</w:t></w:r></w:p>")
    before = etree.tostring(root)
    assert finish_part(root) is False
    assert etree.tostring(root) == before


def test_last_paragraph_keeps_with_the_signatures() -> None:
    signature = '<w:p><w:pPr><w:pStyle w:val="Signature"/></w:pPr><w:r><w:t>Fait à Paris</w:t>' \
                "</w:r></w:p>"
    root = _body("<w:p><w:r><w:t>Article 1.</w:t></w:r></w:p>",
                 "<w:p><w:r><w:t>Dernier alinéa.</w:t></w:r></w:p>",
                 '<w:bookmarkStart w:id="0" w:name="x"/>', signature,
                 '<w:p><w:pPr><w:pStyle w:val="Signature"/></w:pPr></w:p>')
    finish_part(root)
    kept = [p.find(f"{W}pPr/{W}keepNext") is not None for p in root.findall(f"{W}p")]
    # Only the last text paragraph gains keepNext: the Signature style already keeps its own.
    assert kept == [False, True, False, False]


def test_a_running_header_never_cuts_a_quotation() -> None:
    root = _body("<w:p><w:r><w:t>Convention — Tri « Les Quais du Canal » et suite</w:t>"
                 "</w:r></w:p>")
    finish_part(root, running=True)
    assert _runs(root) == [("Convention — Tri «\u00a0Les\u00a0Quais\u00a0du\u00a0Canal\u00a0» et "
                            "suite", [])]
    body = _body("<w:p><w:r><w:t>Tri « Les Quais du Canal »</w:t></w:r></w:p>")
    finish_part(body)  # in the body, a long quotation may wrap like any text
    assert _runs(body) == [("Tri «\u00a0Les Quais du Canal\u00a0»", [])]


def _signature_table(rows: int) -> str:
    block = ('<w:p><w:pPr><w:pStyle w:val="Blocsignature"/></w:pPr><w:r><w:t>Pour X</w:t>'
             "</w:r></w:p>")
    row = f"<w:tr><w:tc>{block}{block}</w:tc><w:tc>{block}</w:tc></w:tr>"
    return f"<w:tbl>{row * rows}</w:tbl>"


def _released(table: etree._Element) -> list[bool]:
    """Per row: whether its blocks were told not to keep with the next (all or none)."""
    out = []
    for row in table.iter(f"{W}tr"):
        values = {p.find(f"{W}pPr/{W}keepNext").get(f"{W}val")
                  if p.find(f"{W}pPr/{W}keepNext") is not None else None
                  for p in row.iter(f"{W}p")}
        assert len(values) == 1, values
        out.append(values == {"0"})
    return out


def test_a_long_signature_table_keeps_only_its_first_rows_with_fait_a() -> None:
    """Eight signatories or fewer: the whole table keeps with « Fait à » (the style says so).
    More: a chain longer than a page is dropped whole, leaving « Fait à » alone at the bottom
    of a page; the rows from the second on are released, each row staying whole."""
    signature = '<w:p><w:pPr><w:pStyle w:val="Signature"/></w:pPr><w:r><w:t>Fait à Paris</w:t>' \
        "</w:r></w:p>"
    root = _body(signature, _signature_table(4), signature, _signature_table(6))
    assert finish_part(root)
    short, long = root.findall(f"{W}tbl")
    assert _released(short) == [False] * 4
    assert _released(long) == [False] + [True] * 5
    assert [etree.QName(c).localname for c in long.find(f"{W}tr[2]//{W}pPr")] == [
        "pStyle", "keepNext"]  # the schema's order


@pytest.mark.parametrize("text", [
    "le 1er juillet 1901, la 2e séance", "Seuil : [À compléter : le seuil] fixé", "art. L. 2122-22",
    "J-30", "fin en 2026-", "\u2011début", "a & b <c> d'Action", '"cité" par l\'AG', "rien", "",
    "1er", "[À compléter]",
])
def test_finished_runs_are_the_runs_finish_part_makes(text: str) -> None:
    """The pictures' text, finished as it is written, reads as the text of a finished part."""
    props = '<w:b/><w:color w:val="595959"/><w:sz w:val="16"/>'
    written = _body(f"<w:p>{finished_runs(text, props)}</w:p>")
    finished = _body(f'<w:p><w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{escape(text)}'
                     "</w:t></w:r></w:p>")
    finish_part(finished)
    assert etree.canonicalize(written) == etree.canonicalize(finished)
