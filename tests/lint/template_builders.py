"""Small .docx templates built with python-docx, one per trap (shared by the lint tests)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

Build = Callable[[docx.document.Document], None]


def make(tmp_path: Path, build: Build, name: str = "modele.docx") -> Path:
    doc = docx.Document()
    build(doc)
    path = tmp_path / name
    doc.save(str(path))
    return path


def paragraphs(*texts: str) -> Build:
    def build(doc: docx.document.Document) -> None:
        for text in texts:
            doc.add_paragraph(text)
    return build


def split_by_bold(doc: docx.document.Document) -> None:
    doc.add_paragraph("Préambule.")
    para = doc.add_paragraph()
    para.add_run("Le projet {{ projet.")
    para.add_run("nom").bold = True
    para.add_run(" }} réunit les parties.")


def curly(doc: docx.document.Document) -> None:
    doc.add_paragraph("{{ projet.nom|default(“x”) }}")


def proof_err(doc: docx.document.Document) -> None:
    para = doc.add_paragraph()
    para.add_run("Nom : {{ projet.n")
    para.add_run("om }}")
    para.runs[0]._r.addnext(parse_xml(f'<w:proofErr {nsdecls("w")} w:type="spellStart"/>'))
