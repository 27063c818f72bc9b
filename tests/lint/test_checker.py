"""The template linter (coopdocs.lint): one broken template per trap, built with python-docx,
and the built-ins.

Every test asserts the code, the part and paragraph (or cell) of the problem, and the hint the
legal adviser reads.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from template_builders import Build, curly, make, paragraphs, proof_err, split_by_bold

from coopdocs.errors import Problem, TemplateError
from coopdocs.lint.checker import check_templates, lint_builtin, lint_folder, lint_template
from coopdocs.lint.shape import default_shape, template_variables, variables_markdown
from coopdocs.render.templates import BUILTIN_DIR


def only(problems: list[Problem], code: str) -> Problem:
    found = [p for p in problems if p.code == code]
    assert len(found) == 1, [p.format() for p in problems]
    return found[0]


def codes(problems: list[Problem]) -> list[str]:
    return [p.code for p in problems]


def lint(tmp_path: Path, build: Build) -> list[Problem]:
    return lint_template(make(tmp_path, build))


# --- Word damage ---------------------------------------------------------------------------


def test_tag_split_across_three_runs_by_a_bold_word(tmp_path: Path) -> None:
    problems = lint(tmp_path, split_by_bold)
    found = only(problems, "balise-coupee")
    assert codes(problems) == ["balise-coupee"]
    assert found.file == "modele.docx"
    assert found.location == "corps, paragraphe 2"
    assert "coupée en 3 morceaux de mise en forme différente" in found.message
    assert "« Le projet {{ projet.nom }} réunit les parties. »" in found.message
    assert "d'un seul tenant" in (found.hint or "")
    assert "Ctrl+Maj+V" in (found.hint or "")
    assert found.severity == "avertissement"  # docxtpl still renders it, the bold is lost


def test_same_formatting_split_is_reported_as_word_noise(tmp_path: Path) -> None:
    def build(doc: docx.document.Document) -> None:
        para = doc.add_paragraph()
        para.add_run("{{ projet.")
        para.add_run("nom }}")

    found = only(lint(tmp_path, build), "balise-coupee")
    assert ("2 morceaux par le traitement de texte (sans différence de mise en forme "
            "visible)") in found.message


def test_autocorrect_curly_quote_inside_a_tag(tmp_path: Path) -> None:
    found = only(lint(tmp_path, curly), "guillemets-courbes")
    assert found.location == "corps"  # the only paragraph of the body
    assert "“" in found.message and "guillemets droits" in (found.hint or "")
    assert found.severity == "avertissement"  # docxtpl straightens “ ” itself


def test_french_guillemets_inside_a_tag_are_an_error(tmp_path: Path) -> None:
    problems = lint(tmp_path, paragraphs("Intro", "{{ projet.nom|default(«\u00a0x\u00a0») }}"))
    assert codes(problems) == ["guillemets-francais"]
    assert problems[0].location == "corps, paragraphe 2"
    assert problems[0].is_error


def test_guillemets_inside_a_string_are_text(tmp_path: Path) -> None:
    assert lint(tmp_path, paragraphs('{{ projet.nom|default("« sans nom »") }}')) == []


def test_proofing_mark_inside_a_tag(tmp_path: Path) -> None:
    found = only(lint(tmp_path, proof_err), "balise-marques-word")
    assert found.location == "corps"
    assert "vérification orthographique" in found.message
    assert "Ctrl+Maj+V" in (found.hint or "")


def test_tag_across_a_hyperlink_would_damage_the_document(tmp_path: Path) -> None:
    def build(doc: docx.document.Document) -> None:
        para = doc.add_paragraph()
        para.add_run("Voir {{ projet.")
        link = parse_xml(f'<w:hyperlink {nsdecls("w")}><w:r><w:t xml:space="preserve">nom }}}} '
                         "ici</w:t></w:r></w:hyperlink>")
        para._p.append(link)

    found = only(lint(tmp_path, build), "balise-a-cheval")
    assert found.is_error and "lien hypertexte" in found.message


# --- Jinja syntax --------------------------------------------------------------------------


def test_unclosed_if_is_located_at_the_if(tmp_path: Path) -> None:
    problems = lint(tmp_path, paragraphs("Intro", "{% if projet.nom %}Bonjour", "Fin."))
    found = only(problems, "syntaxe-bloc-non-ferme")
    assert found.location == "corps, paragraphe 2"
    assert "{% if projet.nom %}" in found.message
    assert "{% endif %}" in (found.hint or "")


def test_unclosed_p_if_suggests_p_endif(tmp_path: Path) -> None:
    problems = lint(tmp_path, paragraphs("{%p if projet.nom %}", "Texte", "{%p for x in "
                                         "partenaires %}", "{{ x.sigle }}", "{%p endfor %}"))
    found = only(problems, "syntaxe-bloc-non-ferme")
    assert found.location == "corps, paragraphe 1"
    assert "{%p endif %}" in (found.hint or "")


def test_unknown_tag(tmp_path: Path) -> None:
    found = only(lint(tmp_path, paragraphs("A", "B", "Texte {% foo %} suite")),
                 "syntaxe-balise-inconnue")
    assert found.location == "corps, paragraphe 3"
    assert "« foo »" in found.message and "if, elif, else, endif, for" in (found.hint or "")


def test_misspelt_end_tag_gets_a_suggestion(tmp_path: Path) -> None:
    problems = lint(tmp_path, paragraphs("{% if projet.nom %}", "x", "{% endfi %}"))
    assert "syntaxe-balise-inconnue" in codes(problems)
    found = only(problems, "syntaxe-balise-inconnue")
    assert found.location == "corps, paragraphe 3" and "endif" in (found.hint or "")


def test_stray_closing_braces(tmp_path: Path) -> None:
    found = only(lint(tmp_path, paragraphs("Nom : {{ projet.nom }} }}")),
                 "syntaxe-accolades-orphelines")
    assert found.location == "corps" and "« }} »" in found.message


def test_unbalanced_opening_braces(tmp_path: Path) -> None:
    problems = lint(tmp_path, paragraphs("Intro", "Nom : {{ projet.nom }", "{{ projet.nom }}"))
    assert codes(problems) == ["syntaxe-balise-non-fermee"]
    assert problems[0].location == "corps, paragraphe 2"
    assert "}}" in (problems[0].hint or "")


def test_stray_end_tag(tmp_path: Path) -> None:
    found = only(lint(tmp_path, paragraphs("a", "{% endif %}")), "syntaxe-fin-en-trop")
    assert found.location == "corps, paragraphe 2"


def test_every_error_of_a_template_in_one_run(tmp_path: Path) -> None:
    problems = lint(tmp_path, paragraphs("{% foo %}", "{{ projet.nmo }}", "{% if x %}",
                                         "{{ projet.nom|montnat }}", "{% bar %}"))
    assert sorted(codes(problems)) == sorted(["syntaxe-balise-inconnue", "champ-inconnu",
                                              "syntaxe-bloc-non-ferme", "filtre-inconnu",
                                              "syntaxe-balise-inconnue"])


# --- fields, filters, methods --------------------------------------------------------------


def test_unknown_field_suggests_the_closest(tmp_path: Path) -> None:
    found = only(lint(tmp_path, paragraphs("Titre", "Projet {{ projet.nmo }}.")),
                 "champ-inconnu")
    assert found.location == "corps, paragraphe 2"
    assert "« projet.nmo »" in found.message
    assert "« projet.nom »" in (found.hint or "")


def test_unknown_field_of_a_loop_variable(tmp_path: Path) -> None:
    problems = lint(tmp_path, paragraphs(
        "{% for p in partenaires %}{{ p.raison_socale }}{% endfor %}"))
    found = only(problems, "champ-inconnu")
    assert "« p.raison_socale » inconnu (partenaires[].raison_socale)" in found.message
    assert "« p.raison_sociale »" in (found.hint or "")


def test_unknown_field_in_a_table_cell(tmp_path: Path) -> None:
    def build(doc: docx.document.Document) -> None:
        doc.add_paragraph("Les partenaires :")
        doc.add_table(rows=1, cols=1)
        table = doc.add_table(rows=3, cols=2)
        table.cell(0, 0).text = "{%tr for p in partenaires %}"
        table.cell(1, 0).text = "{{ p.designation }}"
        table.cell(1, 1).paragraphs[0].text = "Siège"
        table.cell(1, 1).add_paragraph("{{ p.siegee }}")
        table.cell(2, 0).text = "{%tr endfor %}"

    found = only(lint(tmp_path, build), "champ-inconnu")
    assert found.location == "corps, tableau 2, ligne 2, cellule 2, paragraphe 2"
    assert "« p.siege »" in (found.hint or "")


def test_unknown_top_level_name(tmp_path: Path) -> None:
    found = only(lint(tmp_path, paragraphs("{{ partenaire }}")), "champ-inconnu")
    assert "« partenaires »" in (found.hint or "")


def test_field_under_a_simple_value(tmp_path: Path) -> None:
    found = only(lint(tmp_path, paragraphs("{{ projet.nom.court }}")), "champ-inconnu")
    assert "valeur simple" in found.message


def test_unknown_filter_suggests_montant(tmp_path: Path) -> None:
    found = only(lint(tmp_path, paragraphs("x", "y", "Total : {{ budget.total|montnat }}")),
                 "filtre-inconnu")
    assert found.location == "corps, paragraphe 3"
    assert "« montnat »" in found.message and "« montant »" in (found.hint or "")


def test_filters_parameter_replaces_coopdocs_filters(tmp_path: Path) -> None:
    path = make(tmp_path, paragraphs("{{ budget.total|montant }} {{ projet.nom|upper }}"))
    assert lint_template(path) == []
    assert codes(lint_template(path, filters=["autre"])) == ["filtre-inconnu"]


def test_sandbox_escape_is_refused(tmp_path: Path) -> None:
    found = only(lint(tmp_path, paragraphs("{{ ''.__class__.__mro__ }}")), "acces-interdit")
    assert found.is_error


def test_only_whitelisted_methods(tmp_path: Path) -> None:
    problems = lint(tmp_path, paragraphs("{{ projet.nom.upper() }} {{ projet.nom.format(1) }}"))
    assert codes(problems) == ["methode-interdite"]
    assert "projet.nom.format()" in problems[0].message


def test_unknown_test(tmp_path: Path) -> None:
    found = only(lint(tmp_path, paragraphs("{% if projet.nom is definied %}x{% endif %}")),
                 "test-inconnu")
    assert "defined" in (found.hint or "")


def test_valid_constructs_are_clean(tmp_path: Path) -> None:
    assert lint(tmp_path, paragraphs(
        "{% for p in partenaires %}{{ loop.index }}. {{ p.nom_complet|upper }}"
        "{% if not loop.last %}, {% endif %}{% endfor %}",
        "{% set chef = pilotage.chef_de_file %}{% if chef %}{{ chef.designation }}{% endif %}",
        "{% for cle, valeur in acte.items() %}{{ cle }} {{ valeur }}{% endfor %}",
        "{{ partenaires|map(attribute='designation')|join(', ') }}",
        "{{ (partenaires|first).adresse.commune }} {{ projet.date_debut.year }}",
        "{% for p in partenaires if p.est_siae %}{{ p.designation }}{% endfor %}",
        "{{ projet.get('nom') }} {{ budget.total|montant }} {{ projet.nom is defined }}",
        "{% for p in partenaires %}{{ loop.index }}/{{ loop.length }}{% endfor %}",
    )) == []


def test_attribute_of_a_filter_is_checked(tmp_path: Path) -> None:
    found = only(lint(tmp_path, paragraphs("{{ partenaires|map(attribute='designaton')|join }}")),
                 "champ-inconnu")
    assert "designation" in (found.hint or "")


# --- docxtpl's special tags ----------------------------------------------------------------


def test_tr_outside_a_table_row(tmp_path: Path) -> None:
    problems = lint(tmp_path, paragraphs("x", "{%tr for p in partenaires %}", "{{ p.sigle }}",
                                         "{%tr endfor %}"))
    found = [p for p in problems if p.code == "speciale-hors-tableau"]
    assert [p.location for p in found] == ["corps, paragraphe 2", "corps, paragraphe 4"]
    assert "{%p" in (found[0].hint or "")
    assert codes(problems) == ["speciale-hors-tableau", "speciale-hors-tableau"]


def test_two_p_tags_in_one_paragraph(tmp_path: Path) -> None:
    problems = lint(tmp_path, paragraphs(
        "{%p if projet.nom %} {%p for p in partenaires %}", "{{ p.sigle }}", "{%p endfor %}",
        "{%p endif %}"))
    found = only(problems, "speciale-plusieurs")
    assert found.location == "corps, paragraphe 1"
    assert "seule dans son propre paragraphe" in (found.hint or "")
    assert codes(problems) == ["speciale-plusieurs"]


def test_p_if_and_its_endif_in_one_paragraph(tmp_path: Path) -> None:
    problems = lint(tmp_path, paragraphs("Intro", "{%p if projet.acronyme %}({{ projet.acronyme "
                                         "}}){%p endif %}"))
    found = only(problems, "speciale-bloc-meme-paragraphe")
    assert found.location == "corps, paragraphe 2"
    assert "{% if … %}…{% endif %} (sans p)" in (found.hint or "")
    assert codes(problems) == ["speciale-bloc-meme-paragraphe"]


def test_text_next_to_a_p_tag_would_be_lost(tmp_path: Path) -> None:
    found = only(lint(tmp_path, paragraphs("Article 2 {%p if projet.nom %}", "x",
                                           "{%p endif %}")), "speciale-texte-perdu")
    assert found.location == "corps, paragraphe 1" and "Article 2" in found.message


def test_glued_special_tag(tmp_path: Path) -> None:
    problems = lint(tmp_path, paragraphs("{%pif projet.nom %}", "x", "{%p endif %}"))
    found = only(problems, "speciale-mal-ecrite")
    assert "{%p if … %}" in (found.hint or "")
    assert codes(problems) == ["speciale-mal-ecrite"]  # no cascade of syntax errors


def test_special_tag_with_a_percent_sign(tmp_path: Path) -> None:
    problems = lint(tmp_path, paragraphs("{%p if budget.total > 50 and '%' %}", "x",
                                         "{%p endif %}"))
    assert "speciale-caractere-interdit" in codes(problems)


def loop_variable_in_header(doc: docx.document.Document) -> None:
    for text in ("{%p for p in partenaires %}", "{{ p.nom_complet }}", "{%p endfor %}"):
        doc.add_paragraph(text)
    doc.sections[0].header.paragraphs[0].text = "Convention — {{ p.nom_complet }}"
    doc.sections[0].footer.paragraphs[0].text = "{{ projet.nom }}"


def test_loop_variable_in_a_header(tmp_path: Path) -> None:
    problems = lint(tmp_path, loop_variable_in_header)
    found = only(problems, "champ-boucle-en-tete")
    assert found.location == "en-tête"
    assert "l'en-tête" in found.message and "premier niveau" in (found.hint or "")
    assert codes(problems) == ["champ-boucle-en-tete"]


def numbered_in_loop(doc: docx.document.Document) -> None:
    doc.add_paragraph("{%p for p in partenaires %}")
    doc.add_paragraph("{{ p.designation }} s'engage à :")
    doc.add_paragraph("participer au comité ;", style="List Number")
    doc.add_paragraph("partager ses données.", style="List Number")
    doc.add_paragraph("{%p endfor %}")


def test_numbered_paragraphs_inside_a_p_for_loop(tmp_path: Path) -> None:
    found = only(lint(tmp_path, numbered_in_loop), "numerotation-dans-boucle")
    assert found.location == "corps, paragraphe 3"
    assert "{{ loop.index }}" in (found.hint or "") and "puces" in (found.hint or "")


def test_one_numbered_item_per_repetition_and_bullets_are_fine(tmp_path: Path) -> None:
    def build(doc: docx.document.Document) -> None:
        doc.add_paragraph("{%p for o in objectifs %}")
        doc.add_paragraph("{{ o.titre }}", style="List Number")
        doc.add_paragraph("{{ o.echeance_texte }}")
        doc.add_paragraph("a", style="List Bullet")
        doc.add_paragraph("b", style="List Bullet")
        doc.add_paragraph("{%p endfor %}")

    assert lint(tmp_path, build) == []


# --- files ---------------------------------------------------------------------------------


def test_not_a_docx(tmp_path: Path) -> None:
    path = tmp_path / "faux.docx"
    path.write_text("bonjour")
    problems = lint_template(path)
    assert codes(problems) == ["modele-pas-docx"] and problems[0].file == "faux.docx"


def test_zip_without_document(tmp_path: Path) -> None:
    path = tmp_path / "vide.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/styles.xml", "<x/>")
    problems = lint_template(path)
    assert codes(problems) == ["modele-pas-docx"] and "document.xml" in problems[0].message


def test_damaged_xml(tmp_path: Path) -> None:
    path = make(tmp_path, paragraphs("x"))
    broken = tmp_path / "abime.docx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, data[:100] if info.filename == "word/document.xml" else data)
    assert codes(lint_template(broken)) == ["modele-xml-invalide"]


def test_missing_file(tmp_path: Path) -> None:
    assert codes(lint_template(tmp_path / "absent" / "modele.docx")) == ["modele-illisible"]


def test_folder_reports_every_template_and_skips_word_lock_files(tmp_path: Path) -> None:
    make(tmp_path, paragraphs("{{ projet.nmo }}"), "a.docx")
    make(tmp_path, paragraphs("{% foo %}"), "b.docx")
    (tmp_path / "~$a.docx").write_bytes(b"lock")
    problems = lint_folder(tmp_path)
    assert [(p.file, p.code) for p in problems] == [("a.docx", "champ-inconnu"),
                                                    ("b.docx", "syntaxe-balise-inconnue")]
    assert codes(lint_folder(tmp_path / "absent")) == ["modeles-dossier-introuvable"]


def test_check_templates_raises_on_errors_only(tmp_path: Path) -> None:
    fragile = make(tmp_path, split_by_bold, "fragile.docx")
    assert codes(check_templates([fragile])) == ["balise-coupee"]
    broken = make(tmp_path, paragraphs("{{ projet.nmo }}"), "casse.docx")
    with pytest.raises(TemplateError) as caught:
        check_templates([fragile, broken])
    # The warnings come with the errors: build shows everything there is to fix at once.
    assert codes(caught.value.problems) == ["balise-coupee", "champ-inconnu"]
    assert [p.is_error for p in caught.value.problems] == [False, True]


def test_tags_in_endnote_like_parts_are_reported(tmp_path: Path) -> None:
    path = make(tmp_path, paragraphs("x"))
    with_comments = tmp_path / "commentaires.docx"
    xml = (f'<w:comments {nsdecls("w")}><w:comment w:id="0"><w:p><w:r><w:t>{{{{ projet.nom }}}}'
           "</w:t></w:r></w:p></w:comment></w:comments>")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(with_comments, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("word/comments.xml", xml)
    found = only(lint_template(with_comments), "balise-zone-non-traitee")
    assert found.location == "commentaires"


# --- built-in templates, shape, variables --------------------------------------------------

BUILTINS = sorted(BUILTIN_DIR.glob("*.docx"))


@pytest.mark.skipif(not BUILTINS, reason="no built-in template yet")
def test_builtin_templates_lint_clean() -> None:
    # How long it takes is measured by benchmarks/, never by a timed test.
    assert [p.format() for p in lint_builtin()] == []


@pytest.mark.parametrize("path", BUILTINS, ids=[p.name for p in BUILTINS])
def test_a_builtin_with_a_typo_is_caught(path: Path, tmp_path: Path) -> None:
    doc = docx.Document(str(path))
    para = next(p for p in doc.paragraphs if "{{" in p.text and "{%" not in p.text)
    run = next(r for r in para.runs if "{{" in r.text)
    run.text = run.text.replace("}}", "|montnat }}", 1)
    copy_path = tmp_path / path.name
    doc.save(str(copy_path))
    assert "filtre-inconnu" in codes(lint_template(copy_path))


def test_the_two_copies_of_the_plans_action_card_must_say_the_same(tmp_path: Path) -> None:
    """The card is held twice (kept whole / free to break): a label corrected in one copy only
    would print two wordings of the same card in one plan, by the length of each action."""
    doc = docx.Document(str(BUILTIN_DIR / "plan-d-action.docx"))
    cells = [c for t in doc.tables for c in t.column_cells(0) if c.text == "Ressources"]
    assert len(cells) == 2  # one per copy
    cells[1].paragraphs[0].runs[0].text = "Moyens"
    edited = tmp_path / "plan-d-action.docx"
    doc.save(str(edited))
    found = only(lint_template(edited), "exemplaires-differents")
    assert found.severity == "avertissement"
    assert found.message.startswith(
        "les deux exemplaires du bloc « {%p if a.tient_sur_une_page %} » diffèrent (celui qui "
        "précède le « {%p else %} » et celui qui le suit) : coopdocs imprime l'un ou l'autre "
        "selon la longueur de la fiche, deux actions seraient donc présentées avec des textes "
        "différents (« Ressources » dans le premier, « Moyens » dans le second) — texte "
        "concerné : « Ressources »")
    assert found.location == "corps, tableau 2, ligne 13, cellule 1"
    cells[0].paragraphs[0].runs[0].text = "Moyens"
    doc.save(str(edited))
    assert "exemplaires-differents" not in codes(lint_template(edited))


def test_context_shape_and_variables() -> None:
    shape = default_shape()
    assert shape.keys["projet"].keys["nom"].kind == "leaf"
    assert shape.keys["partenaires"].item is not None
    variables = {v.path: v for v in template_variables()}
    assert variables["projet.nom"].example
    assert variables["partenaires[].raison_sociale"].kind == "texte"
    assert "projet.date_debut" in variables and variables["projet.date_debut"].kind == "date"
    assert all(v.path for v in variables.values())


def test_image_values_are_leaves() -> None:
    images = [v for v in template_variables() if v.kind == "image"]
    assert images and all(v.example == "(image)" for v in images)


def test_problem_snippet_is_short(tmp_path: Path) -> None:
    long = "Lorem ipsum dolor sit amet. " * 10
    found = only(lint(tmp_path, paragraphs(long + "{{ projet.nmo }}" + long)), "champ-inconnu")
    quoted = found.message.split("texte concerné : « ", 1)[1]
    assert quoted.startswith("…") and len(quoted) < 110



def test_variables_markdown_table() -> None:
    table = variables_markdown()
    assert table.startswith("| Variable | Type | Exemple |\n|---|---|---|\n")
    assert "| `projet.nom` | texte | " in table
    assert "| `partenaires[].raison_sociale` | texte |" in table
