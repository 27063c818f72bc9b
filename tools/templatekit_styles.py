"""The look of coopdocs' templates, defined once for every builder.

Split out of ``templatekit`` (house rule: no module over ~450 lines) so the builders' helpers
stay readable apart from the raw OOXML. It holds:

* the ``styles.xml``, ``numbering.xml`` and ``settings.xml`` contents that replace python-docx's
  defaults (790 KB of styles nobody uses, and a look we do not want);
* the pruning of the default parts templates never use;
* the header and footer every template shares, with real Word fields (PAGE, NUMPAGES).

Builders do not import this module: ``templatekit`` re-exports the style names they need.
"""

from __future__ import annotations

from typing import Any

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph

__all__ = [
    "BORDERLESS_TABLE",
    "CELL_STYLE",
    "FONT",
    "HEADER_CELL_STYLE",
    "PARAGRAPH_STYLES",
    "TABLE_STYLE",
    "W_NSDECL",
    "add_header_footer",
    "prune_defaults",
]

TABLE_STYLE = "Tableau coopdocs"
BORDERLESS_TABLE = "Tableau sans bordure"
CELL_STYLE = "Texte tableau"
HEADER_CELL_STYLE = "En-tete tableau"

FONT = "Arial"  # LibreOffice substitutes the metric-compatible Liberation Sans.
W_NSDECL = nsdecls("w")  # the w: namespace declaration every XML snippet needs

# Sizes are in half-points (w:sz), spacing in twentieths of a point (w:spacing).
STYLES_XML = f"""<w:styles {W_NSDECL}>
  <w:docDefaults>
    <w:rPrDefault><w:rPr>
      <w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>
      <w:sz w:val="21"/><w:szCs w:val="21"/>
      <w:lang w:val="fr-FR" w:eastAsia="fr-FR" w:bidi="ar-SA"/>
    </w:rPr></w:rPrDefault>
    <w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr>
    </w:pPrDefault>
  </w:docDefaults>
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal">
    <w:name w:val="Normal"/><w:qFormat/>
    <w:pPr><w:widowControl/><w:spacing w:after="120" w:line="264" w:lineRule="auto"/>
      <w:jc w:val="both"/></w:pPr>
    <w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>
      <w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr>
  </w:style>
  <w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
    <w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>
  </w:style>
  <w:style w:type="table" w:default="1" w:styleId="TableNormal">
    <w:name w:val="Normal Table"/><w:semiHidden/>
    <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>
      <w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>
      <w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>
  </w:style>
  <w:style w:type="numbering" w:default="1" w:styleId="NoList">
    <w:name w:val="No List"/><w:semiHidden/>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Title">
    <w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Subtitle"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:spacing w:before="240" w:after="120" w:line="240" w:lineRule="auto"/>
      <w:jc w:val="center"/></w:pPr>
    <w:rPr><w:b/><w:caps/><w:color w:val="1F3864"/><w:spacing w:val="10"/>
      <w:sz w:val="32"/><w:szCs w:val="32"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Subtitle">
    <w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:spacing w:before="0" w:after="360"/><w:jc w:val="center"/></w:pPr>
    <w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="26"/><w:szCs w:val="26"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Heading1">
    <w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="300" w:after="120"/>
      <w:jc w:val="left"/><w:outlineLvl w:val="0"/></w:pPr>
    <w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="23"/><w:szCs w:val="23"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Heading2">
    <w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="80"/>
      <w:jc w:val="left"/><w:outlineLvl w:val="1"/></w:pPr>
    <w:rPr><w:b/><w:sz w:val="21"/><w:szCs w:val="21"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="ListBullet">
    <w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:qFormat/>
    <w:pPr><w:numPr><w:numId w:val="1"/></w:numPr><w:spacing w:after="60"/>
      <w:ind w:left="567" w:hanging="283"/></w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Centre">
    <w:name w:val="Centre"/><w:basedOn w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:spacing w:before="120" w:after="120"/><w:jc w:val="center"/></w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Intertitre">
    <w:name w:val="Intertitre"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="160" w:after="60"/>
      <w:jc w:val="left"/></w:pPr>
    <w:rPr><w:b/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Signature">
    <w:name w:val="Signature"/><w:basedOn w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:after="0"/><w:jc w:val="left"/></w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Blocsignature">
    <w:name w:val="Bloc signature"/><w:basedOn w:val="Normal"/><w:qFormat/>
    <w:pPr><w:keepNext/><w:keepLines/><w:spacing w:after="0"/><w:jc w:val="left"/></w:pPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="Textetableau">
    <w:name w:val="Texte tableau"/><w:basedOn w:val="Normal"/><w:qFormat/>
    <w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/>
      <w:jc w:val="left"/></w:pPr>
    <w:rPr><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:customStyle="1" w:styleId="En-tetetableau">
    <w:name w:val="En-tete tableau"/><w:basedOn w:val="Textetableau"/><w:qFormat/>
    <w:pPr><w:keepNext/></w:pPr>
    <w:rPr><w:b/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Header">
    <w:name w:val="header"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:pBdr><w:bottom w:val="single" w:sz="4" w:space="4" w:color="8EAADB"/></w:pBdr>
      <w:tabs><w:tab w:val="right" w:pos="9354"/></w:tabs><w:spacing w:after="0"/>
      <w:jc w:val="left"/></w:pPr>
    <w:rPr><w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>
  </w:style>
  <w:style w:type="paragraph" w:styleId="Footer">
    <w:name w:val="footer"/><w:basedOn w:val="Normal"/>
    <w:pPr><w:tabs><w:tab w:val="center" w:pos="4677"/><w:tab w:val="right" w:pos="9354"/>
      </w:tabs><w:spacing w:after="0"/><w:jc w:val="left"/></w:pPr>
    <w:rPr><w:color w:val="595959"/><w:sz w:val="16"/><w:szCs w:val="16"/></w:rPr>
  </w:style>
  <w:style w:type="character" w:styleId="Strong">
    <w:name w:val="Strong"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>
    <w:rPr><w:b/><w:bCs/></w:rPr>
  </w:style>
  <w:style w:type="character" w:styleId="Emphasis">
    <w:name w:val="Emphasis"/><w:basedOn w:val="DefaultParagraphFont"/><w:qFormat/>
    <w:rPr><w:i/><w:iCs/></w:rPr>
  </w:style>
  <w:style w:type="table" w:customStyle="1" w:styleId="Tableaucoopdocs">
    <w:name w:val="{TABLE_STYLE}"/><w:basedOn w:val="TableNormal"/><w:qFormat/>
    <w:tblPr>
      <w:tblBorders>
        <w:top w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>
        <w:left w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>
        <w:bottom w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>
        <w:right w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>
        <w:insideH w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>
        <w:insideV w:val="single" w:sz="4" w:space="0" w:color="8EAADB"/>
      </w:tblBorders>
      <w:tblCellMar><w:top w:w="40" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
        <w:bottom w:w="40" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>
    </w:tblPr>
    <w:tblStylePr w:type="firstRow">
      <w:rPr><w:b/><w:bCs/></w:rPr>
      <w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/></w:tcPr>
    </w:tblStylePr>
  </w:style>
  <w:style w:type="table" w:customStyle="1" w:styleId="Tableausansbordure">
    <w:name w:val="{BORDERLESS_TABLE}"/><w:basedOn w:val="TableNormal"/><w:qFormat/>
    <w:tblPr><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="85" w:type="dxa"/>
      <w:bottom w:w="0" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar></w:tblPr>
  </w:style>
</w:styles>"""

# One bullet list (an en dash, the usual mark in French legal texts).
NUMBERING_XML = f"""<w:numbering {W_NSDECL}>
  <w:abstractNum w:abstractNumId="0">
    <w:multiLevelType w:val="singleLevel"/>
    <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="–"/>
      <w:lvlJc w:val="left"/><w:pPr><w:ind w:left="567" w:hanging="283"/></w:pPr>
      <w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:hint="default"/></w:rPr></w:lvl>
  </w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
</w:numbering>"""

SETTINGS_XML = f"""<w:settings {W_NSDECL}>
  <w:defaultTabStop w:val="709"/>
  <w:characterSpacingControl w:val="doNotCompress"/>
  <w:compat><w:compatSetting w:name="compatibilityMode"
    w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>
  <w:themeFontLang w:val="fr-FR"/>
  <w:decimalSymbol w:val=","/>
  <w:listSeparator w:val=";"/>
</w:settings>"""

# Parts of python-docx's default template that templates never use.
DROPPED_RELS = (
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    RT.CUSTOM_XML,
    RT.WEB_SETTINGS,
)


# Paragraph styles a table cell spec may name: ``_fill_cell`` in ``templatekit`` tells a
# ``(text, paragraph_style)`` pair from a ``(text, character_style)`` segment by this set.
PARAGRAPH_STYLES = {"Normal", CELL_STYLE, HEADER_CELL_STYLE, "Signature", "Centre",
                    "List Bullet", "Intertitre", "Bloc signature"}


def _replace_root(part: Any, xml: str) -> None:
    """Swap a part's XML content for ours, keeping the element python-docx holds on to."""
    root = part.element
    new = parse_xml(xml)
    for child in list(root):
        root.remove(child)
    for child in list(new):
        root.append(child)


def prune_defaults(doc: Document) -> None:
    """Drop the default parts templates never use and put our styles, numbering and settings
    in place of python-docx's (a fresh ``docx.Document()`` carries them all)."""
    for rel in list(doc.part.rels.values()):
        if rel.reltype in DROPPED_RELS:
            doc.part.drop_rel(rel.rId)
    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]
    _replace_root(doc.part._styles_part, STYLES_XML)
    _replace_root(doc.part.numbering_part, NUMBERING_XML)
    _replace_root(doc.part._settings_part, SETTINGS_XML)


def _field_run(paragraph: Paragraph, instr: str, placeholder: str) -> None:
    """A real Word field (PAGE, NUMPAGES) as a ``w:fldSimple``, recomputed by Word/LibreOffice."""
    fld = parse_xml(
        f'<w:fldSimple {W_NSDECL} w:instr=" {instr} \\* MERGEFORMAT ">'
        f"<w:r><w:t>{placeholder}</w:t></w:r></w:fldSimple>"
    )
    paragraph._p.append(fld)


def add_header_footer(doc: Document, title_for_header: str, *, initials: bool | str) -> None:
    """Header ``{title_for_header} — {{ projet.nom }}`` and a « Page X / Y » footer.

    Only top-level context fields are used: docxtpl renders headers and footers outside the
    body's loops. With ``initials`` the footer gets a « Paraphes » zone on the right
    (conventions and their annexes are initialled on every page); a string is the Jinja
    condition under which the zone is printed (an annex only when it is one). The tab stops are
    those of the Header and Footer styles above.
    """
    section = doc.sections[0]
    header = section.header.paragraphs[0]
    header.style = doc.styles["Header"]
    header.add_run(f"{title_for_header}\t")
    header.add_run("{{ projet.nom }}")

    footer = section.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    footer.add_run("\tPage ")
    _field_run(footer, "PAGE", "1")
    footer.add_run(" / ")
    _field_run(footer, "NUMPAGES", "1")
    if isinstance(initials, str):
        footer.add_run(f"{{% if {initials} %}}\tParaphes\u00a0: ………{{% endif %}}")
    elif initials:
        footer.add_run("\tParaphes\u00a0: ………")
