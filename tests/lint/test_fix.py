"""`coopdocs.lint.fix.fix_template`: a corrected copy next to the template, never the original
touched."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest
from docx.document import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from reading import plain
from template_builders import Build, curly, make, paragraphs, proof_err, split_by_bold

from coopdocs.errors import TemplateError
from coopdocs.lint.checker import lint_template
from coopdocs.lint.fix import fix_template


def fixed(tmp_path: Path, build: Build) -> tuple[Path, Path, list[str]]:
    original = make(tmp_path, build)
    before = original.read_bytes()
    target, changes = fix_template(original)
    assert original.read_bytes() == before  # never in place
    assert target == tmp_path / "modele.corrige.docx"
    return original, target, changes


def test_split_runs_are_merged_into_the_first_run(tmp_path: Path) -> None:
    original, target, changes = fixed(tmp_path, split_by_bold)
    assert [p.code for p in lint_template(original)] == ["balise-coupee"]
    assert lint_template(target) == []
    para = docx.Document(str(target)).paragraphs[1]
    assert para.text == "Le projet {{ projet.nom }} réunit les parties."
    # The whole tag is in the first run, with its (non-bold) formatting.
    assert [(r.text, bool(r.bold)) for r in para.runs] == [
        ("Le projet {{ projet.nom }}", False), (" réunit les parties.", False)]
    assert changes == ["corps, paragraphe 2 : balise « {{ projet.nom }} » réparée "
                       "(3 morceaux réunis)"]


def test_curly_quotes_are_straightened(tmp_path: Path) -> None:
    _, target, changes = fixed(tmp_path, curly)
    assert lint_template(target) == []
    assert docx.Document(str(target)).paragraphs[0].text == '{{ projet.nom|default("x") }}'
    assert changes == ['corps : guillemets redressés dans « {{ projet.nom|default("x") }} »']


def test_french_guillemets_are_straightened(tmp_path: Path) -> None:
    _, target, _ = fixed(tmp_path, paragraphs("{{ projet.nom|default(«\u00a0x\u00a0») }} « ok »"))
    assert lint_template(target) == []
    text = docx.Document(str(target)).paragraphs[0].text
    assert text == '{{ projet.nom|default("x") }} « ok »'  # quotes outside tags are kept


def test_proofing_marks_are_dropped(tmp_path: Path) -> None:
    _, target, changes = fixed(tmp_path, proof_err)
    assert lint_template(target) == []
    body = docx.Document(str(target)).element.body
    assert body.find(".//" + qn("w:proofErr")) is None
    assert "marques de correction orthographique retirées" in changes[0]


def test_bookmarks_are_kept_whole(tmp_path: Path) -> None:
    def build(doc: Document) -> None:
        para = doc.add_paragraph()
        para.add_run("{{ projet.")
        para.add_run("nom }} fin")
        w = nsdecls("w")
        para.runs[0]._r.addnext(parse_xml(f'<w:bookmarkEnd {w} w:id="0"/>'))
        para.runs[0]._r.addnext(parse_xml(f'<w:bookmarkStart {w} w:id="0" w:name="_GoBack"/>'))

    _, target, _ = fixed(tmp_path, build)
    assert lint_template(target) == []
    body = docx.Document(str(target)).element.body
    assert body.find(".//" + qn("w:bookmarkStart")) is not None
    assert body.find(".//" + qn("w:bookmarkEnd")) is not None


def test_fixed_template_renders(tmp_path: Path, minimal_context) -> None:
    from coopdocs.render.template import PreparedTemplate

    _, target, _ = fixed(tmp_path, split_by_bold)
    context = minimal_context
    data = PreparedTemplate.from_path(target).render(context)
    text = plain(docx.Document(io.BytesIO(data)).paragraphs[1].text)
    assert text == f"Le projet {context['projet']['nom']} réunit les parties."


def test_nothing_to_fix_still_writes_a_copy(tmp_path: Path) -> None:
    _, target, changes = fixed(tmp_path, paragraphs("{{ projet.nom }}"))
    assert changes == [] and target.is_file()


def test_tag_across_a_hyperlink_is_left_alone_and_said(tmp_path: Path) -> None:
    def build(doc: Document) -> None:
        para = doc.add_paragraph()
        para.add_run("Voir {{ projet.")
        para._p.append(parse_xml(f'<w:hyperlink {nsdecls("w")}><w:r><w:t xml:space="preserve">'
                                 "nom }} ici</w:t></w:r></w:hyperlink>"))

    _, target, changes = fixed(tmp_path, build)
    assert "NON corrigée" in changes[0]
    assert [p.code for p in lint_template(target)] == ["balise-a-cheval"]


def test_not_a_docx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "faux.docx"
    path.write_text("bonjour")
    with pytest.raises(TemplateError) as caught:
        fix_template(path)
    assert caught.value.problems[0].code == "modele-pas-docx"
    assert not (tmp_path / "faux.corrige.docx").exists()
