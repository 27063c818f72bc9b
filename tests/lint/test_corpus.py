"""Linter = renderer, on a corpus of real-world templates (tests/lint/corpus.py).

For each template: `templates check` (lint_template) and `build` (the template cache, then the
render) give the same verdict with the same messages; plain docxtpl, run live with the same
context, gives the verdict the corpus records; and when both render, the two documents hold
the same text. One real build with the whole corpus in a templates folder then shows that
every broken template is reported at once.
"""

from __future__ import annotations

import copy
import io
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest
from corpus import ENTRIES, Entry, document_text
from docxtpl import DocxTemplate, RichText, RichTextParagraph
from jinja2 import Environment
from lxml import etree

from coopdocs.build.cache import TemplateCache
from coopdocs.build.project import BuildOptions, build_project
from coopdocs.errors import TemplateError
from coopdocs.french.filters import FILTERS
from coopdocs.lint.checker import lint_template
from coopdocs.render.finish import finish_part

BY_NAME = {entry.name: entry for entry in ENTRIES}
# The parts coopdocs renders, and finishes (render.template).
RENDERED_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes)\.xml")


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for entry in ENTRIES:
        (folder / entry.filename).write_bytes(entry.make().build())
    return folder


def _wrapped(context: dict[str, Any], riche: dict[str, str]) -> dict[str, Any]:
    """The context docxtpl needs for {{r}}/{{p}}: those values as RichText(Paragraph)."""
    context = copy.deepcopy(context)
    for path, kind in riche.items():
        *parents, last = path.split(".")
        node = context
        for key in parents:
            node = node[key]
        text = RichText(node[last])
        node[last] = text if kind == "r" else RichTextParagraph(text)
    return context


def docxtpl_render(data: bytes, context: dict[str, Any],
                   riche: dict[str, str] | None = None) -> dict[str, list[str]] | None:
    """Plain docxtpl 0.20 with the same context (autoescape on, coopdocs' filters known);
    None when it raises."""
    env = Environment(autoescape=True)
    env.filters.update(FILTERS)
    template = DocxTemplate(io.BytesIO(data))
    try:
        template.render(_wrapped(context, riche or {}), env)
        out = io.BytesIO()
        template.save(out)
    except Exception:  # docxtpl's verdict is « échoue », whatever the exception
        return None
    return document_text(_finished(out.getvalue()))


def _finished(data: bytes) -> bytes:
    """docxtpl's output with the French finishing coopdocs gives every text part it renders
    (render.finish: apostrophes, no-break spaces…), so that only the rendering is compared."""
    source = io.BytesIO(data)
    out = io.BytesIO()
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(out, "w") as copy_:
        for name in archive.namelist():
            payload = archive.read(name)
            if RENDERED_PART.fullmatch(name):
                root = etree.fromstring(payload)
                if finish_part(root):
                    payload = etree.tostring(root, encoding="UTF-8", xml_declaration=True)
            copy_.writestr(name, payload)
    return out.getvalue()


def _joined(text: dict[str, list[str]]) -> str:
    return "\n".join(line for lines in text.values() for line in lines)


def docxtpl_verdict(entry: Entry, text: dict[str, list[str]] | None) -> str:
    if text is None:
        return "echoue"
    return "perd" if entry.lost and entry.lost not in _joined(text) else "rend"


def test_the_corpus_covers_what_advisers_bring() -> None:
    assert len(ENTRIES) >= 40
    assert len({e.name for e in ENTRIES}) == len(ENTRIES)
    special = [e.name for e in ENTRIES if e.special()]
    assert len(special) >= 10, special
    packages = [e.make() for e in ENTRIES]
    assert {p.flavour for p in packages} == {"python-docx", "word", "libreoffice"}
    assert any(p.footnote for p in packages) and any(p.header for p in packages)
    assert any(p.footer for p in packages) and any(p.title for p in packages)
    for needle in ("{_{", "{#tr", "{#p", "{{r ", "{{p ", "w:ins", "w:del", "mc:AlternateContent"):
        assert any(needle in p.body for p in packages), needle
    verdicts = {e.docxtpl for e in ENTRIES}
    assert verdicts == {"rend", "echoue", "perd"}


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.name for e in ENTRIES])
def test_check_build_and_docxtpl_agree(entry: Entry, corpus_dir: Path,
                                       complet_context: dict[str, Any]) -> None:
    path = corpus_dir / entry.filename
    data = path.read_bytes()

    # templates check
    problems = lint_template(path)
    errors = sorted({p.code for p in problems if p.is_error})
    warnings = sorted({p.code for p in problems if not p.is_error})
    assert errors == ([entry.refused] if entry.refused else []), [p.format() for p in problems]
    assert warnings == sorted(entry.warnings), [p.format() for p in problems]

    # build: the same problems, then the render
    cache = TemplateCache()
    ours: dict[str, list[str]] | None = None
    if entry.refused:
        with pytest.raises(TemplateError) as caught:
            cache.check([path])
        assert caught.value.problems == problems
    else:
        assert cache.check([path]) == problems
        ours = document_text(cache.get(path).render(complet_context))

    # plain docxtpl, with the same context
    theirs = docxtpl_render(data, complet_context)
    assert docxtpl_verdict(entry, theirs) == entry.docxtpl
    if ours is None:
        return
    if entry.lost:  # docxtpl loses it; coopdocs keeps it
        assert entry.lost in _joined(ours)
    expected = docxtpl_render(data, complet_context, entry.riche) if entry.riche else theirs
    assert expected is not None, "docxtpl échoue là où coopdocs produit le document"
    assert ours == expected


def test_build_reports_every_broken_template_at_once(corpus_dir: Path, project_file: Any,
                                                     tmp_path: Path) -> None:
    folder = tmp_path / "modeles"
    shutil.copytree(corpus_dir, folder)
    result = build_project(str(project_file()), BuildOptions(tmp_path / "sortie",
                                                             templates=str(folder),
                                                             dry_run=True))
    assert not result.ok
    refused = {e.filename for e in ENTRIES if e.refused}
    failing = {p.file for p in result.problems if p.is_error}
    assert failing == refused
    for entry in ENTRIES:  # each with exactly the messages of templates check
        mine = [p for p in result.problems if p.file == entry.filename]
        assert mine == lint_template(folder / entry.filename), entry.name


def test_build_renders_every_accepted_template_as_docxtpl_does(
        corpus_dir: Path, project_file: Any, tmp_path: Path,
        complet_context: dict[str, Any]) -> None:
    folder = tmp_path / "modeles"
    folder.mkdir()
    accepted = [e for e in ENTRIES if not e.refused]
    for entry in accepted:
        shutil.copy(corpus_dir / entry.filename, folder)
    result = build_project(str(project_file()), BuildOptions(tmp_path / "sortie",
                                                             templates=str(folder)))
    assert result.ok, [p.format() for p in result.problems]
    shown = sorted({p.code for p in result.problems if p.file in {e.filename for e in accepted}})
    assert shown == sorted({w for e in accepted for w in e.warnings})
    assert result.outdir is not None
    for entry in accepted:
        built = document_text((result.outdir / entry.filename).read_bytes())
        data = (corpus_dir / entry.filename).read_bytes()
        assert built == docxtpl_render(data, complet_context, entry.riche), entry.name
