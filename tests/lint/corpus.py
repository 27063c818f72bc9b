"""A corpus of real-world templates, written here with lxml-level XML, and docxtpl's verdict on
each: what `templates check`, `build` and plain docxtpl must agree on (tests/lint/test_corpus.py).

Legal advisers bring templates written for docxtpl or docassemble, saved by Word or by
LibreOffice. Each entry is one such template: the package is written part by part as those
programs write it (see `Flavour`), with the tags a template author types. The ideas come from
the traps docxtpl's own tests and issues describe; every file is written here.

An entry says:

- `refused`: the error code `templates check` reports, which makes `build` refuse the template
  with the same problems; None when both accept it (and `warnings`: the codes it warns about);
- `docxtpl`: what plain docxtpl 0.20 does with the same template and the same context,
  measured live by the test: "rend" (renders), "echoue" (raises), "perd" (renders, but words
  of the document are missing: `lost` says which);
- `riche`: for ``{{r``/``{{p`` tags, the context paths docxtpl needs wrapped in RichText or
  RichTextParagraph (the only values it places there); the text is compared with that render.

For every entry that renders in coopdocs and in docxtpl, the two documents must hold the same
text, paragraph by paragraph (`document_text`).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from lxml import etree

Flavour = Literal["python-docx", "word", "libreoffice"]

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = f"{{{W_NS}}}"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml"

# The namespaces each program declares on the root of every part.
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_WP14 = "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"
_ROOTS = {
    "python-docx": f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
                   f'xmlns:wp="{_WP}" '
                   'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
                   'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"',
    # Word 2016+: extension namespaces declared ignorable, text boxes as AlternateContent.
    "word": f'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas" '
            f'xmlns:mc="{MC_NS}" xmlns:o="urn:schemas-microsoft-com:office:office" '
            f'xmlns:r="{R_NS}" '
            'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math" '
            'xmlns:v="urn:schemas-microsoft-com:vml" '
            f'xmlns:wp14="{_WP14}" '
            f'xmlns:wp="{_WP}" '
            'xmlns:w10="urn:schemas-microsoft-com:office:word" '
            f'xmlns:w="{W_NS}" '
            'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
            'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
            'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
            'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'mc:Ignorable="w14 w15 wp14"',
    # LibreOffice 7: the same extension namespaces, fewer of them.
    "libreoffice": 'xmlns:o="urn:schemas-microsoft-com:office:office" '
                   f'xmlns:r="{R_NS}" xmlns:v="urn:schemas-microsoft-com:vml" '
                   f'xmlns:w="{W_NS}" xmlns:w10="urn:schemas-microsoft-com:office:word" '
                   f'xmlns:wp="{_WP}" '
                   'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
                   'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" '
                   f'xmlns:mc="{MC_NS}" '
                   f'xmlns:wp14="{_WP14}" '
                   'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
                   'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
                   'mc:Ignorable="w14 wp14 w15"',
}


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# --- runs, paragraphs, tables, as each program writes them ----------------------------------


def r(text: str, rpr: str = "", flavour: Flavour = "python-docx") -> str:
    """One run. Word adds an rsid and the language; LibreOffice writes an empty <w:rPr>."""
    space = ' xml:space="preserve"' if text != text.strip() or flavour == "python-docx" else ""
    t = f"<w:t{space}>{_escape(text)}</w:t>"
    if flavour == "word":
        return f'<w:r w:rsidRPr="00B1C2D3"><w:rPr>{rpr}<w:lang w:val="fr-FR"/></w:rPr>{t}</w:r>'
    if flavour == "libreoffice":
        return f"<w:r><w:rPr>{rpr}</w:rPr>{t}</w:r>"
    return f"<w:r>{'<w:rPr>' + rpr + '</w:rPr>' if rpr else ''}{t}</w:r>"


_PARA_IDS = iter(range(0x1A2B3C00, 0x1A2BFFFF))


def p(*content: str, ppr: str = "", flavour: Flavour = "python-docx") -> str:
    """A paragraph; a str item that does not start with « < » is a plain run."""
    inner = "".join(c if c.startswith("<") else r(c, flavour=flavour) for c in content)
    if flavour == "word":
        ids = f'w14:paraId="{next(_PARA_IDS):08X}" w14:textId="77777777" '
        return (f'<w:p {ids}w:rsidR="00A4F1E2" w:rsidRDefault="00A4F1E2">'
                f"{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{inner}</w:p>")
    if flavour == "libreoffice":
        return (f'<w:p><w:pPr><w:pStyle w:val="Normal"/>{ppr}<w:rPr></w:rPr></w:pPr>'
                f"{inner}</w:p>")
    return f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{inner}</w:p>"


def table(rows: Sequence[Sequence[str | Sequence[str]]], flavour: Flavour = "python-docx",
          tblpr: str | None = None) -> str:
    """A table; each cell is a text (one paragraph) or a list of paragraph XML strings."""
    columns = max(len(row) for row in rows)
    width = 9000 // columns
    props = tblpr if tblpr is not None else (
        f'<w:tblStyle w:val="TableGrid"/><w:tblW w:w="{width * columns}" w:type="dxa"/>'
        '<w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0"/>')
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for _ in range(columns))
    out = [f"<w:tbl><w:tblPr>{props}</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"]
    for row in rows:
        out.append("<w:tr><w:trPr></w:trPr>" if flavour == "libreoffice" else "<w:tr>")
        for cell in row:
            paragraphs = [p(cell, flavour=flavour)] if isinstance(cell, str) else list(cell)
            borders = "<w:tcBorders></w:tcBorders>" if flavour == "libreoffice" else ""
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{borders}</w:tcPr>'
                       f"{''.join(paragraphs)}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def ins(*runs: str, author: str = "Juriste") -> str:
    return (f'<w:ins w:id="{next(_IDS)}" w:author="{author}" w:date="2026-03-02T10:00:00Z">'
            f"{''.join(runs)}</w:ins>")


def dele(text: str, author: str = "Juriste") -> str:
    return (f'<w:del w:id="{next(_IDS)}" w:author="{author}" w:date="2026-03-02T10:00:00Z">'
            f'<w:r><w:delText xml:space="preserve">{_escape(text)}</w:delText></w:r></w:del>')


def deleted_mark() -> str:
    """Run properties of a paragraph mark deleted under tracking (inside w:pPr)."""
    return (f'<w:rPr><w:del w:id="{next(_IDS)}" w:author="Juriste" '
            'w:date="2026-03-02T10:00:00Z"/></w:rPr>')


_IDS = iter(range(100, 100_000))

BOLD = "<w:b/>"


# --- the package ----------------------------------------------------------------------------

_STYLES = (
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Liberation Serif" '
    'w:hAnsi="Liberation Serif"/><w:sz w:val="22"/><w:lang w:val="fr-FR"/></w:rPr>'
    '</w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120"/></w:pPr></w:pPrDefault>'
    '</w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
    '<w:name w:val="Normal"/><w:qFormat/></w:style>'
    '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/>'
    '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
    '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders>'
    "</w:tblPr></w:style>"
    '<w:style w:type="paragraph" w:styleId="ListNumber"><w:name w:val="List Number"/>'
    '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>'
    "</w:style>"
    '<w:style w:type="character" w:styleId="FootnoteReference">'
    '<w:name w:val="footnote reference"/><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
    "</w:style>"
)
_NUMBERING = (
    '<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1."/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
)


@dataclass(frozen=True)
class Package:
    """The parts of one template; `body` is the XML inside <w:body> (no sectPr)."""

    body: str
    flavour: Flavour = "python-docx"
    header: str | None = None  # the paragraphs of the default header
    footer: str | None = None
    footnote: str | None = None  # the paragraphs of footnote 1
    title: str | None = None  # core property « titre »
    sect: str = ""  # extra sectPr children (after the references)

    def build(self) -> bytes:
        root = _ROOTS[self.flavour]
        decl = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        rels = [("rIdStyles", "styles", "styles.xml"), ("rIdSettings", "settings",
                                                          "settings.xml"),
                ("rIdNumbering", "numbering", "numbering.xml")]
        types = [("/word/document.xml", f"{_CT}.document.main+xml"),
                 ("/word/styles.xml", f"{_CT}.styles+xml"),
                 ("/word/settings.xml", f"{_CT}.settings+xml"),
                 ("/word/numbering.xml", f"{_CT}.numbering+xml"),
                 ("/docProps/core.xml",
                  "application/vnd.openxmlformats-package.core-properties+xml")]
        parts: dict[str, str] = {}
        refs = ""
        for kind, content in (("header", self.header), ("footer", self.footer)):
            if content is None:
                continue
            tag = "hdr" if kind == "header" else "ftr"
            parts[f"word/{kind}1.xml"] = f"{decl}<w:{tag} {root}>{content}</w:{tag}>"
            rels.append((f"rId{kind.title()}", kind, f"{kind}1.xml"))
            types.append((f"/word/{kind}1.xml", f"{_CT}.{kind}+xml"))
            refs += f'<w:{kind}Reference w:type="default" r:id="rId{kind.title()}"/>'
        if self.footnote is not None:
            separator = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
                         '</w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" '
                         'w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p>'
                         "</w:footnote>")
            parts["word/footnotes.xml"] = (f"{decl}<w:footnotes {root}>{separator}"
                                           f'<w:footnote w:id="1">{self.footnote}</w:footnote>'
                                           "</w:footnotes>")
            rels.append(("rIdFootnotes", "footnotes", "footnotes.xml"))
            types.append(("/word/footnotes.xml", f"{_CT}.footnotes+xml"))
        sect = (f"<w:sectPr>{refs}{self.sect}<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
                '<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" '
                'w:header="708" w:footer="708" w:gutter="0"/></w:sectPr>')
        parts["word/document.xml"] = (f"{decl}<w:document {root}><w:body>{self.body}{sect}"
                                      "</w:body></w:document>")
        parts["word/styles.xml"] = f"{decl}<w:styles {root}>{_STYLES}</w:styles>"
        parts["word/numbering.xml"] = f"{decl}<w:numbering {root}>{_NUMBERING}</w:numbering>"
        settings = ('<w:zoom w:percent="100"/><w:defaultTabStop w:val="708"/>'
                    '<w:characterSpacingControl w:val="doNotCompress"/>')
        if self.flavour == "word":
            settings = ('<w:zoom w:percent="100"/><w:proofState w:spelling="clean" '
                        'w:grammar="clean"/><w:trackRevisions/><w:defaultTabStop w:val="708"/>'
                        '<w:characterSpacingControl w:val="doNotCompress"/>'
                        '<w:rsids><w:rsidRoot w:val="00A4F1E2"/><w:rsid w:val="00A4F1E2"/>'
                        '<w:rsid w:val="00B1C2D3"/></w:rsids>')
        parts["word/settings.xml"] = f"{decl}<w:settings {root}>{settings}</w:settings>"
        title = f"<dc:title>{_escape(self.title)}</dc:title>" if self.title else ""
        parts["docProps/core.xml"] = (
            f"{decl}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/"
            '2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"{title}<dc:creator>Juriste</dc:creator></cp:coreProperties>")
        parts["word/_rels/document.xml.rels"] = (
            f'{decl}<Relationships xmlns="{_PKG_REL}">'
            + "".join(f'<Relationship Id="{i}" Type="{_REL}/{t}" Target="{target}"/>'
                      for i, t, target in rels) + "</Relationships>")
        parts["_rels/.rels"] = (
            f'{decl}<Relationships xmlns="{_PKG_REL}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="word/document.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/'
            'relationships/metadata/core-properties" Target="docProps/core.xml"/>'
            "</Relationships>")
        parts["[Content_Types].xml"] = (
            f'{decl}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{n}" ContentType="{t}"/>' for n, t in types)
            + "</Types>")
        for xml in parts.values():  # every part must be well formed, as Word writes it
            etree.fromstring(xml.encode("utf-8"))
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in ("[Content_Types].xml", "_rels/.rels", *sorted(
                    n for n in parts if n not in ("[Content_Types].xml", "_rels/.rels"))):
                archive.writestr(name, parts[name])
        return buffer.getvalue()


# --- the text of a document, to compare two renders ----------------------------------------

_SPACES = re.compile(r"[ \t\r\n]+")
_BREAKS = {f"{W}br", f"{W}tab", f"{W}cr"}
_SKIPPED = {f"{W}del", f"{W}moveFrom", f"{{{MC_NS}}}Fallback"}


def _paragraph_text(paragraph: etree._Element) -> str:
    pieces = []
    for node in paragraph.iter(f"{W}t", *_BREAKS):
        owner = next(node.iterancestors(f"{W}p"))
        if owner is not paragraph or any(a.tag in _SKIPPED for a in node.iterancestors()):
            continue
        pieces.append(node.text or "" if node.tag == f"{W}t" else " ")
    return _SPACES.sub(" ", "".join(pieces)).strip()


def _part_texts(xml: bytes) -> list[str]:
    root = etree.fromstring(xml, etree.XMLParser(recover=True))
    texts = []
    for paragraph in root.iter(f"{W}p"):
        if any(a.tag in _SKIPPED for a in paragraph.iterancestors()):
            continue
        text = _paragraph_text(paragraph)
        if text:
            texts.append(text)
    return texts


def document_text(data: bytes) -> dict[str, list[str]]:
    """The visible, accepted text of each part: body, headers, footers, footnotes, title."""
    out: dict[str, list[str]] = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            if re.fullmatch(r"word/(document|header\d*|footer\d*|footnotes)\.xml", name):
                out[name] = _part_texts(archive.read(name))
        core = etree.fromstring(archive.read("docProps/core.xml"))
        title = core.find("{http://purl.org/dc/elements/1.1/}title")
        out["titre"] = [title.text] if title is not None and title.text else []
    return out


# --- the corpus -----------------------------------------------------------------------------

Verdict = Literal["rend", "echoue", "perd"]


@dataclass(frozen=True)
class Entry:
    name: str
    make: Callable[[], Package]
    docxtpl: Verdict
    refused: str | None = None
    warnings: tuple[str, ...] = ()
    lost: str = ""  # for docxtpl "perd": a text of the document its output lacks
    riche: dict[str, str] = field(default_factory=dict)  # path → "r" or "p"
    note: str = ""

    @property
    def filename(self) -> str:
        return f"corpus-{self.name}.docx"

    def special(self) -> bool:
        """Uses docxtpl's paragraph, row or run tags ({{r, {{p, {%p, {%tr…)."""
        text = self.make().body
        return bool(re.search(r"\{[{%#](p|tr|tc|r) ", re.sub(r"<[^>]*>", "", text)))


NOM = "Ressourcerie partagée de la Plaine"  # projet.nom in exemple-complet


def _body(*paragraphs: str, flavour: Flavour = "python-docx", **kw: object) -> Callable[
        [], Package]:
    def make() -> Package:
        return Package("".join(p(x, flavour=flavour) if not x.startswith("<") else x
                               for x in paragraphs), flavour, **kw)  # type: ignore[arg-type]
    return make


def _text_box(text: str) -> str:
    """A Word text box: the DrawingML shape, and the VML copy Word keeps for old readers."""
    content = f"<w:txbxContent>{p(text, flavour='word')}</w:txbxContent>"
    return (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="2743200" '
        'cy="457200"/><wp:docPr id="1" name="Zone de texte 1"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        'wordprocessingShape"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" '
        'y="0"/><a:ext cx="2743200" cy="457200"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        f"</a:prstGeom></wps:spPr><wps:txbx>{content}</wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice><mc:Fallback>"
        '<w:pict><v:shape id="Zone de texte 1" style="width:216pt;height:36pt" '
        f'type="#_x0000_t202"><v:textbox>{content}</v:textbox></v:shape></w:pict>'
        "</mc:Fallback></mc:AlternateContent></w:r>")


def _word_saved() -> Package:
    """What Word 2016 writes for a two-paragraph template typed with spelling on: rsids,
    paragraph ids, proofing marks around a tag, the « _GoBack » bookmark, a rendered page
    break, a text box holding a tag."""
    f: Flavour = "word"
    body = (
        p(r("Projet ", flavour=f), '<w:proofErr w:type="spellStart"/>',
          r("{{ projet.nom }}", flavour=f), '<w:proofErr w:type="spellEnd"/>',
          r(", à ", flavour=f), r("{{ projet.lieu_signature }}", flavour=f), flavour=f)
        + p('<w:r><w:lastRenderedPageBreak/></w:r>', '<w:bookmarkStart w:id="0" '
            'w:name="_GoBack"/>', r("Signé le {{ projet.date_signature_texte }}.", flavour=f),
            '<w:bookmarkEnd w:id="0"/>', flavour=f)
        + p(_text_box("Encadré : {{ projet.acronyme }}"), flavour=f))
    return Package(body, f, header=p(r("{{ projet.nom }}", flavour=f), flavour=f),
                   footer=p(r("Page ", flavour=f), flavour=f))


def _libreoffice_saved() -> Package:
    """What LibreOffice 7 writes: a table of partners with a row loop, empty run properties,
    an empty trPr in each row, and a tag split by a font change LibreOffice keeps apart."""
    f: Flavour = "libreoffice"
    rows = [["{%tr for x in partenaires %}", ""], ["{{ x.nom_complet }}",
                                                   "{{ x.adresse.commune }}"],
            ["{%tr endfor %}", ""]]
    body = (p(r("Partenaires du projet ", flavour=f),
              r("{{ projet.", "<w:rFonts w:ascii=\"Liberation Sans\"/>", flavour=f),
              r("acronyme }}", "<w:rFonts w:ascii=\"Liberation Sans\"/>", flavour=f),
              flavour=f)
            + table(rows, f) + p(r("Fin de la liste.", flavour=f), flavour=f))
    return Package(body, f, footer=p(r("{{ projet.nom_complet }}", flavour=f), flavour=f))


def _numbered_in_loop() -> Package:
    numbered = '<w:pStyle w:val="ListNumber"/>'
    body = (p("{%p for x in partenaires %}") + p("{{ x.nom_complet }}", ppr=numbered)
            + p("{{ x.designation }}", ppr=numbered) + p("{%p endfor %}"))
    return Package(body)


def _tracked(*paragraphs: str) -> Callable[[], Package]:
    return lambda: Package("".join(paragraphs), "word")


def _entries() -> list[Entry]:
    f: Flavour = "word"
    rows_tr = [["Partenaire", "Commune"], ["{%tr for x in partenaires %}", ""],
               ["{{ x.nom_complet }}", "{{ x.adresse.commune }}"], ["{%tr endfor %}", ""]]
    nested = [["{%tr for o in objectifs %}"], ["{{ o.intitule }}"],
              ["{%tr for i in o.indicateurs %}"], ["{{ i.libelle }}"], ["{%tr endfor %}"],
              ["{%tr endfor %}"]]
    return [
        # --- plain tags ----------------------------------------------------------------------
        Entry("champ-simple", _body("Le projet {{ projet.nom }} réunit "
                                    "{{ partenaires|length }} partenaires."), "rend"),
        Entry("filtre-montant", _body("Budget : {{ budget.total|montant }} "
                                      "({{ budget.total|montant_lettres }})."), "rend"),
        Entry("condition-phrase", _body("Le projet {{ projet.nom }}{% if projet.acronyme %} "
                                        "({{ projet.acronyme }}){% endif %} débute le "
                                        "{{ projet.date_debut_texte }}."), "rend"),
        Entry("boucle-phrase", _body("Partenaires : {% for x in partenaires %}"
                                     "{{ x.designation }}{% if not loop.last %}, {% endif %}"
                                     "{% endfor %}."), "rend"),
        Entry("balisage-dans-valeur", _body('{{ "<w:t>" ~ projet.nom ~ "</w:t>" }}'), "rend",
              note="une valeur est toujours du texte : ses < > ne deviennent pas du XML"),
        Entry("bloc-filter", _body("{% filter upper %}{{ projet.nom }}{% endfilter %}"),
              "rend", note="le garde-fou n'attend pas la valeur telle quelle"),
        Entry("macro", _body("{% macro nom(x) %}[{{ x.designation }}]{% endmacro %}"
                             "{% for x in partenaires %}{{ nom(x) }}{% endfor %}"), "rend"),
        Entry("set-bloc", _body("{% set titre %}{{ projet.acronyme }} – {{ projet.nom }}"
                                "{% endset %}Titre : {{ titre|upper }}"), "rend"),
        Entry("echappements", _body("Écrire {_{ projet.nom }_} affiche la balise ; "
                                    "{_% if x %_} aussi."), "rend"),
        # --- docxtpl's paragraph, row and run tags ---------------------------------------------
        Entry("p-if", _body("Intro.", "{%p if projet.acronyme %}",
                            "Sigle : {{ projet.acronyme }}.", "{%p endif %}", "Fin."), "rend"),
        Entry("p-if-else", _body("{%p if not budget.present %}", "Sans budget.",
                                 "{%p else %}", "Budget de {{ budget.total|montant }}.",
                                 "{%p endif %}"), "rend"),
        Entry("p-for", _body("{%p for x in partenaires %}", "{{ loop.index }}. "
                             "{{ x.nom_complet }}", "{%p endfor %}"), "rend"),
        Entry("p-commentaire", _body("{%p if projet.acronyme %}{# visible seulement avec un "
                                     "sigle #}", "Sigle : {{ projet.acronyme }}",
                                     "{%p endif %}"), "rend",
              note="un commentaire n'est pas du texte perdu"),
        Entry("commentaire-guillemets", _body("Texte{# l’article « 3 » est à revoir #} suivi."),
              "rend", note="ni guillemets courbes ni « » signalés dans un commentaire"),
        Entry("p-commentaire-paragraphe", _body("Avant.", "{#p paragraphe retiré du document #}"
                                                " Brouillon à ne pas imprimer.", "Après."),
              "rend", note="{#p #} retire tout le paragraphe, exprès"),
        Entry("tr-for", lambda: Package(table(rows_tr)), "rend"),
        Entry("tr-for-imbrique", lambda: Package(table(nested)), "rend",
              note="deux boucles de lignes imbriquées dans un tableau"),
        Entry("tr-if", lambda: Package(table([["Budget"], ["{%tr if budget.present %}"],
                                              ["{{ budget.total|montant }}"],
                                              ["{%tr endif %}"]])), "rend"),
        Entry("tr-commentaire", lambda: Package(table([["Partenaire"],
                                                       ["{#tr ligne masquée #}", "note"],
                                                       ["{{ projet.nom }}"]])), "rend",
              note="{#tr #} retire toute la ligne, exprès"),
        Entry("tc-for", lambda: Package(table([["{%tc for x in partenaires %}",
                                                "{{ x.designation }}", "{%tc endfor %}"]])),
              "rend", note="colonnes répétées : docxtpl répare la grille du tableau"),
        Entry("cellbg", lambda: Package(table([["{% cellbg \"D9E2F3\" %}{{ projet.nom }}"]])),
              "rend", note="une valeur imprimée dans un attribut"),
        Entry("r-champ", _body(p(r("Projet : ", BOLD), r("{{r projet.nom }}", BOLD), r("."))),
              "perd", lost=NOM, riche={"projet.nom": "r"},
              note="docxtpl attend un RichText ; un texte simple est écrit hors de tout run"),
        Entry("r-champ-coupe", _body(p(r("Projet : {{r projet."), r("nom", BOLD), r(" }}."))),
              "perd", lost=NOM, riche={"projet.nom": "r"}, warnings=("balise-coupee",)),
        Entry("p-champ", _body("Avant.", "{{p projet.nom }}", "Après."), "perd", lost=NOM,
              riche={"projet.nom": "p"}),
        Entry("p-champ-cellule", lambda: Package(table([["Projet"], ["{{p projet.nom }}"]])),
              "perd", lost=NOM, riche={"projet.nom": "p"}),
        Entry("r-if", _body(p(r("Projet"), r("{%r if projet.acronyme %}"),
                              r(" ({{ projet.acronyme }})", BOLD), r("{%r endif %}"),
                              r(" en cours."))), "rend"),
        Entry("r-for", _body(p(r("Sigles :"), r("{%r for x in partenaires %}"),
                               r(" {{ x.designation }}", BOLD), r("{%r endfor %}"))), "rend"),
        # --- refused by coopdocs --------------------------------------------------------------
        Entry("tr-valeur", lambda: Package(table([["{{tr projet.nom }}"], ["x"]])), "perd",
              lost=NOM, refused="speciale-valeur-impossible"),
        Entry("tc-valeur", lambda: Package(table([["{{tc projet.nom }}", "x"]])), "perd",
              lost=NOM, refused="speciale-valeur-impossible"),
        Entry("p-texte-perdu", _body("{%p if projet.acronyme %} Sigle retenu :",
                                     "{{ projet.acronyme }}", "{%p endif %}"), "perd",
              lost="Sigle retenu", refused="speciale-texte-perdu"),
        Entry("p-champ-texte", _body("Nom du projet : {{p projet.nom }}"), "perd",
              lost="Nom du projet", riche={"projet.nom": "p"}, refused="speciale-texte-perdu"),
        Entry("tr-texte-perdu", lambda: Package(table([
            ["{%tr for x in partenaires %}", "Total"], ["{{ x.designation }}", ""],
            ["{%tr endfor %}", ""]])), "perd", lost="Total", refused="speciale-texte-perdu"),
        Entry("p-plusieurs", _body("{%p if projet.acronyme %} {%p if projet.nom %}", "Texte",
                                   "{%p endif %}", "{%p endif %}"), "echoue",
              refused="speciale-plusieurs"),
        Entry("p-bloc-meme-paragraphe", _body("{%p if projet.acronyme %}({{ projet.acronyme }})"
                                              "{%p endif %}"), "echoue",
              refused="speciale-bloc-meme-paragraphe"),
        Entry("tr-hors-tableau", _body("{%tr for x in partenaires %}", "{{ x.designation }}",
                                       "{%tr endfor %}"), "echoue",
              refused="speciale-hors-tableau"),
        Entry("speciale-mal-ecrite", _body("{%pif projet.acronyme %}", "x", "{%p endif %}"),
              "echoue", refused="speciale-mal-ecrite"),
        Entry("guillemets-francais", _body("{{ projet.nom|default(« sans nom ») }}"),
              "echoue", refused="guillemets-francais"),
        Entry("balise-non-fermee", _body("Le projet {{ projet.nom est lancé."), "echoue",
              refused="syntaxe-balise-non-fermee"),
        Entry("bloc-non-ferme", _body("{% if projet.acronyme %}Sigle", "Fin."), "echoue",
              refused="syntaxe-bloc-non-ferme"),
        Entry("champ-inconnu", _body("Le projet {{ projet.nmo }}."), "rend",
              refused="champ-inconnu", note="docxtpl imprime un blanc"),
        Entry("filtre-inconnu", _body("{{ projet.nom|majuscules }}"), "echoue",
              refused="filtre-inconnu"),
        Entry("include", _body("{% include 'clauses.docx' %}"), "echoue",
              refused="balise-non-prise-en-charge"),
        Entry("acces-interdit", _body("{{ projet.__class__ }}"), "rend",
              refused="acces-interdit", note="docxtpl sans bac à sable imprime <class 'dict'>"),
        Entry("lien-a-cheval", _body(p(r("Écrire à {{ projet."),
                                       f'<w:hyperlink w:anchor="x">{r("nom }} ici")}'
                                       "</w:hyperlink>")), "rend",
              refused="balise-a-cheval",
              note="docxtpl répare le XML en silence : le lien et la mise en page disparaissent"),
        # --- Word's damage, warned about ------------------------------------------------------
        Entry("guillemets-courbes", _body("{{ projet.acronyme|default(“RPP”) }} : "
                                          "{{ projet.nom }}"), "rend",
              warnings=("guillemets-courbes",)),
        Entry("balise-coupee", _body(p(r("Le projet {{ projet."), r("nom", BOLD),
                                       r(" }} réunit les parties."))), "rend",
              warnings=("balise-coupee",)),
        Entry("marques-word", _body(p(r("Nom : {{ projet.n"), '<w:proofErr w:type="spellStart"/>',
                                      r("om }}"), '<w:proofErr w:type="spellEnd"/>')), "rend",
              warnings=("balise-marques-word",)),
        Entry("numerotation-boucle", _numbered_in_loop, "rend",
              warnings=("numerotation-dans-boucle",)),
        Entry("ordre-elements", lambda: Package(table(
            [["{{ projet.nom }}"]], tblpr='<w:tblLayout w:type="fixed"/>'
                                         '<w:tblW w:w="9000" w:type="dxa"/>')), "rend",
              warnings=("modele-non-conforme",),
              note="w:tblW après w:tblLayout : LibreOffice l'accepte, Word peut refuser"),
        # --- headers, footers, footnotes, properties ------------------------------------------
        Entry("en-tete-pied", lambda: Package(p("Corps : {{ projet.nom }}"),
                                              header=p("{{ projet.nom_complet }}"),
                                              footer=p("{% if projet.acronyme %}"
                                                       "{{ projet.acronyme }}{% endif %}")),
              "rend"),
        Entry("note-de-bas-de-page", lambda: Package(
            p("Le projet", '<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                           '<w:footnoteReference w:id="1"/></w:r>', " est signé."),
            footnote=p("Signé à {{ projet.lieu_signature }} le "
                       "{{ projet.date_signature_texte }}.")), "rend"),
        Entry("proprietes", lambda: Package(p("{{ projet.nom }}"),
                                            title="Convention – {{ projet.acronyme }}"), "rend"),
        # --- tracked changes (Word) -----------------------------------------------------------
        Entry("suivi-insertion", _tracked(p(r("Le projet ", flavour=f),
                                            ins(r("{{ projet.nom }} ", flavour=f)),
                                            r("est signé.", flavour=f), flavour=f)), "rend",
              warnings=("modifications-suivies",)),
        Entry("suivi-suppression", _tracked(p(r("Le projet {{ projet.nom }} ", flavour=f),
                                              dele("(ancien nom) "),
                                              r("est signé.", flavour=f), flavour=f)), "rend",
              warnings=("modifications-suivies",)),
        Entry("suivi-balise", _tracked(p(r("Projet {{ projet.", flavour=f), dele("nmo"),
                                         ins(r("nom", flavour=f)), r(" }}.", flavour=f),
                                         flavour=f)), "rend",
              warnings=("balise-coupee", "modifications-suivies"),
              note="balise corrigée sous suivi"),
        Entry("suivi-paragraphe-supprime", _tracked(
            p(r("Premier.", flavour=f), flavour=f),
            p(dele("Paragraphe retiré."), ppr=deleted_mark(), flavour=f),
            p(r("Dernier : {{ projet.acronyme }}.", flavour=f), flavour=f)), "rend",
              warnings=("modifications-suivies",)),
        Entry("suivi-mise-en-forme", _tracked(p(
            '<w:r><w:rPr><w:b/><w:rPrChange w:id="7" w:author="Juriste" '
            'w:date="2026-03-02T10:00:00Z"><w:rPr/></w:rPrChange></w:rPr>'
            "<w:t>{{ projet.nom }}</w:t></w:r>", flavour=f)), "rend",
              warnings=("modifications-suivies",)),
        Entry("suivi-fusion", _tracked(
            p(r("Début de phrase", flavour=f), ppr=deleted_mark(), flavour=f),
            p(r(" et sa fin : {{ projet.nom }}.", flavour=f), flavour=f)), "rend",
              refused="modification-suivie-complexe", warnings=("modifications-suivies",),
              note="deux paragraphes réunis : la mise en forme gardée dépend de Word"),
        # --- saved by Word, by LibreOffice -----------------------------------------------------
        Entry("word-sauve", _word_saved, "rend"),
        Entry("libreoffice-sauve", _libreoffice_saved, "rend", warnings=("balise-coupee",)),
    ]


ENTRIES = _entries()
