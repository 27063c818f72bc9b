"""Bounded templates (coopdocs.render.sandbox, issue 14): a template edited by someone can
neither hang a batch nor eat the memory; the renderer stops it with a French message, and
`templates check` (coopdocs.lint) finds beforehand what is visible in the template."""

from __future__ import annotations

import io
import time
from pathlib import Path
from typing import Any

import docx
import pytest

from coopdocs.errors import RenderError
from coopdocs.lint.checker import lint_template
from coopdocs.render.template import PreparedTemplate


def template(*paragraphs: str) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def context(example_context) -> dict[str, Any]:
    return example_context("minimal")


# Each one ran until killed (or printed a function) before; each would now be refused.
HOSTILE = {
    "boucles-imbriquees": "{% for i in range(100000) %}{% for j in range(100000) %}x"
                          "{% endfor %}{% endfor %}",
    "center": "{{ 'a'|center(900000000) }}",
    "methode-center": "{{ 'a'.center(900000000) }}",
    "format": "{{ '%200000000s'|format('a') }}",
    "modulo": "{{ '%200000000s' % 'a' }}",
    "str-format": "{{ '{:>200000000}'.format('a') }}",
    "indent": "{{ 'a\nb'|indent(900000000) }}",
    "fonction-affichee": "{{ range }}",
}
# Refused at render time only (nothing constant to see in the template).
GROWING = {
    # What namespace() allowed (3.3 GB in 7 s), here by a macro calling itself.
    "doublement": "{% macro d(s, n) %}{% if n %}{{ d(s ~ s, n - 1) }}{% else %}{{ s|length }}"
                  "{% endif %}{% endmacro %}{{ d(projet.nom, 40) }}",
    "replace": "{{ (projet.nom * 1000)|replace('', projet.nom * 100) }}",
    "join": "{{ (projet.nom * 1000).join(range(100000)|map('string')) }}",
    "boucle-variable": "{% for i in range(projet.nom|length * 10000) %}{% for j in "
                       "range(projet.nom|length * 10000) %}{% endfor %}{% endfor %}",
}


@pytest.mark.parametrize("tag", [*HOSTILE.values(), *GROWING.values()],
                         ids=[*HOSTILE, *GROWING])
def test_a_hostile_template_is_stopped_quickly_with_a_french_message(
        context: dict[str, Any], tag: str) -> None:
    prepared = PreparedTemplate(template("Avant " + tag + " après"), "piege.docx")
    started = time.process_time()
    with pytest.raises(RenderError) as caught:
        prepared.render(context)
    assert time.process_time() - started < 15  # CPU time: the bound is the budget, not the box
    problem = caught.value.problems[0]
    assert problem.code in ("rendu-limite", "rendu-acces-interdit"), problem.format()
    assert "Traceback" not in problem.format() and "Error" not in problem.message


@pytest.mark.parametrize("name", ["lipsum", "cycler", "joiner", "namespace"])
def test_jinja_globals_that_coopdocs_does_not_offer(context: dict[str, Any], name: str) -> None:
    # `{{ lipsum }}` once printed "<function generate_lorem_ipsum at 0x…>" into a document.
    for tag in (f"{{{{ {name} }}}}", f"{{{{ {name}() }}}}"):
        prepared = PreparedTemplate(template(tag), "piege.docx")
        with pytest.raises(RenderError) as caught:
            prepared.render(context)
        assert caught.value.problems[0].code == "rendu-champ-absent"


@pytest.mark.parametrize("tag", HOSTILE.values(), ids=HOSTILE)
def test_templates_check_finds_what_the_renderer_would_refuse(tmp_path: Path, tag: str) -> None:
    path = tmp_path / "piege.docx"
    path.write_bytes(template("Avant " + tag + " après"))
    problems = [p for p in lint_template(path) if p.code == "modele-limite"]
    assert len(problems) == 1, [p.format() for p in lint_template(path)]
    assert problems[0].is_error and problems[0].file == "piege.docx"


@pytest.mark.parametrize("name", ["lipsum", "cycler", "joiner", "namespace"])
def test_templates_check_does_not_know_the_removed_globals(tmp_path: Path, name: str) -> None:
    path = tmp_path / "piege.docx"
    path.write_bytes(template(f"{{{{ {name}() }}}}"))
    assert "champ-inconnu" in [p.code for p in lint_template(path)]


@pytest.mark.parametrize("tag", [
    "{% for p in partenaires %}{{ loop.index }}. {{ p.raison_sociale|center(30) }}{% endfor %}",
    "{{ '%05.2f'|format(3.14159) }} {{ 'x'.ljust(12) }} {{ projet.nom|indent(4) }}",
    "{% for i in range(300) %}{% for j in range(300) %}{% endfor %}{% endfor %}",
])
def test_ordinary_templates_are_not_refused(tmp_path: Path, context: dict[str, Any],
                                            tag: str) -> None:
    path = tmp_path / "modele.docx"
    path.write_bytes(template(tag))
    assert [p for p in lint_template(path) if p.code == "modele-limite"] == []
    PreparedTemplate(path.read_bytes(), "modele.docx").render(context)
