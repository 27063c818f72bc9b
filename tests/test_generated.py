"""Generated projects (hypothesis): valid ones build intact documents, broken ones fail cleanly.

Valid projects come from `tests/strategies.py` (2 to 30 partners, hostile Unicode in every text
field). Property: the project validates, every applicable document renders, passes the strict
verification and opens with python-docx, and every text value of the file appears in the
documents that print it (compared without the characters XML forbids, without whitespace/NBSP,
case-folded: templates capitalise names and lower-case list items). A sample also goes through
LibreOffice.

Invalid projects are valid ones with one thing broken (`strategies.apply_mutation`). Property:
`coopdocs validate` exits 1 naming the broken field and its line, without a traceback, and
`coopdocs build` writes nothing.

Profile: `derandomize=True` under CI (CI=true) so that a failure reproduces, random (and
remembered in .hypothesis/) otherwise; `COOPDOCS_EXEMPLES=N` changes the number of examples.
"""

from __future__ import annotations

import collections
import functools
import io
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
import strategies as S
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from lxml import etree

from coopdocs.cli import cli
from coopdocs.documents import CATALOGUE, produced
from coopdocs.load import check_project, load_project
from coopdocs.project import build_context
from coopdocs.render import PreparedTemplate, render_document, verify_document
from coopdocs.render_explain import count_tags
from coopdocs.source import read_source
from coopdocs.templates import resolve_template

CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
EXAMPLES = int(os.environ.get("COOPDOCS_EXEMPLES", "300"))

settings.register_profile(
    "coopdocs-generated",
    derandomize=CI,
    database=None if CI else settings.default.database,
    deadline=None,
    max_examples=EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much],
    print_blob=True,
)
PROFILE = settings.get_profile("coopdocs-generated")

# How many examples each property really ran, and how often each document was rendered:
# checked at the end of the module so the figures quoted in the README stay true.
RUNS: collections.Counter[str] = collections.Counter()

# --- documents ---------------------------------------------------------------------------------

ALL = frozenset(d.code for d in CATALOGUE)
CONV, CHARTE, GOUV, CARTO, PLAN = "convention", "charte", "gouvernance", "cartographie", \
    "plan-action"

# Which documents print a free-text field, whatever the rest of the project says (measured on
# generated projects where every text was a unique marker, then kept as the contract).
PRINTED: dict[str, frozenset[str]] = {
    "projet.nom": ALL,
    **dict.fromkeys(["projet.acronyme", "projet.contexte", "projet.description",
                     "projet.lieu_signature", "objectif_commun", "enjeux_partages.*",
                     "ecosysteme.evenements.*", "ecosysteme.collectifs.*", "ecosysteme.notes"],
                    frozenset({CONV, CHARTE})),
    **dict.fromkeys(["projet.territoire", "clauses.litiges.juridiction",
                     "statut_juridique.justification"], frozenset({CONV})),
    **dict.fromkeys(["engagements.*", "valeurs.*.libelle", "valeurs.*.description",
                     "principes.*.libelle", "principes.*.description"], frozenset({CHARTE})),
    "gouvernance.entree_sortie.conditions_entree": frozenset({CONV, CHARTE, GOUV}),
    "gouvernance.instances.*.nom": frozenset({CONV, CHARTE, GOUV}),
    **dict.fromkeys(["gouvernance.gestion_des_conflits.etapes.*",
                     "gouvernance.instances.*.composition.*.fonction",
                     "gouvernance.instances.*.role"], frozenset({CONV, GOUV})),
    **dict.fromkeys(["gouvernance.faire_vivre.*.action", "gouvernance.faire_vivre.*.objectif",
                     "gouvernance.faire_vivre.*.outils.*",
                     "gouvernance.faire_vivre.*.indicateurs.*",
                     "gouvernance.instances.*.attributions.*",
                     "gouvernance.instances.*.invites.*"], frozenset({GOUV})),
    **dict.fromkeys(["objectifs_operationnels.*.intitule",
                     "objectifs_operationnels.*.description",
                     "objectifs_operationnels.*.indicateurs.*.libelle",
                     "objectifs_operationnels.*.indicateurs.*.source",
                     "plan_action.*.intitule"], frozenset({CONV, PLAN})),
    **dict.fromkeys(["plan_action.*.description", "plan_action.*.ressources",
                     "plan_action.*.competences_requises.*",
                     "plan_action.*.competences_manquantes.*",
                     "plan_action.*.partenaires_a_mobiliser.*",
                     "plan_action.*.taches.*.libelle"], frozenset({PLAN})),
}
# Partner fields printed in the identification and signature blocks of the documents a partner
# signs: document → the partner's flag that makes it a signatory.
_BOTH = {CONV: "signataire_convention", CHARTE: "signataire_charte"}
SIGNED: dict[str, dict[str, str]] = {
    **{key: _BOTH for key in ("partenaires.*.raison_sociale", "partenaires.*.representant.prenom",
                              "partenaires.*.representant.nom",
                              "partenaires.*.representant.qualite")},
    **{key: {CONV: "signataire_convention"}
       for key in ("partenaires.*.adresse.ligne1", "partenaires.*.adresse.ligne2",
                   "partenaires.*.adresse.commune", "partenaires.*.representant.habilitation",
                   "partenaires.*.presentation")},
}

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# What `render.clean_text` drops: characters XML 1.0 forbids.
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n(?:[^\S\n]*\n)*")


def squash(text: str) -> str:
    """Text as compared: no XML-forbidden character, no whitespace (NBSP included), upper-cased
    then case-folded (templates capitalise surnames, lower-case list items: « ı » → « I » →
    « i »), without the final punctuation the templates drop before adding their own."""
    text = "".join(c for c in _XML_FORBIDDEN.sub("", text) if not c.isspace())
    return text.upper().casefold().rstrip(".;,:")


@functools.cache
def templates() -> dict[str, PreparedTemplate]:
    return {d.code: PreparedTemplate.from_path(resolve_template(d.modele).path)
            for d in CATALOGUE}


def document_text(data: bytes) -> str:
    """The text of every part of a .docx (body, tables, headers, footers, notes), joined."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            if member.startswith("word/") and member.endswith(".xml"):
                root = etree.fromstring(archive.read(member))
                out.append("".join(t.text or "" for t in root.iter(f"{_W}t")))
    return "\n".join(out)


def expected_in(path: S.Path, data: dict[str, Any]) -> set[str]:
    """The documents that must print the text field at `path` (normalised `data`)."""
    key = S.pattern(path)
    if key in PRINTED:
        return set(PRINTED[key])
    if key in SIGNED:
        partner = data["partenaires"][path[1]]
        return {code for code, flag in SIGNED[key].items() if partner[flag]}
    return set()


def chunks(value: str) -> Iterator[str]:
    """A value as the documents split it: one paragraph per blank-line-separated block."""
    for chunk in _BLANK_LINES.split(value):
        if squash(chunk):
            yield squash(chunk)


def write_project(folder: Path, data: dict[str, Any], name: str = "projet.yaml") -> Path:
    path = folder / name
    path.write_text(S.to_yaml(data), encoding="utf-8")
    return path


def build_in_memory(path: Path) -> dict[str, bytes]:
    """Load, build the context and render every applicable document: {code: .docx bytes}."""
    project = load_project(path)  # raises with every problem if the project is not valid
    context = build_context(project)
    return {d.code: render_document(templates()[d.code], context)
            for d in produced(project.data)}


def check_documents(path: Path, rendered: dict[str, bytes]) -> None:
    project = load_project(path)
    values = list(S.text_values(read_source(path).data))
    value_tags = sum(count_tags(v) for _, v in values)
    texts = {}
    for code, data in rendered.items():
        # Full re-check of the package: strict XML in every part, python-docx opens it, no tag
        # left (beyond the `{{`/`{%` the project's own texts bring).
        allowed = 0 if not value_tags else count_tags(document_text(data))
        verify_document(data, f"{code}.docx", allowed_tags=allowed)
        docx.Document(io.BytesIO(data))
        texts[code] = squash(document_text(data))
        RUNS[f"document:{code}"] += 1
    for path_, value in values:
        for code in expected_in(path_, project.data) & set(rendered):
            for chunk in chunks(value):
                assert chunk in texts[code], (
                    f"{S.pattern(path_)} ({path_}) absent de {code} : {value!r}")


# --- valid projects ----------------------------------------------------------------------------


@settings(PROFILE)
@given(S.valid_projects())
def test_generated_valid_project_builds_intact_documents(data: dict[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_project(Path(folder), data)
        project, problems = check_project(path)
        assert project is not None, [p.format() for p in problems if p.is_error]
        rendered = build_in_memory(path)
        assert rendered, "aucun document produit"
        check_documents(path, rendered)
    RUNS["valides"] += 1


def test_every_document_type_is_exercised_many_times() -> None:
    if not RUNS["valides"]:
        pytest.skip("la propriété des projets valides n'a pas tourné dans cette session")
    for code in ALL:
        assert RUNS[f"document:{code}"] >= RUNS["valides"] // 5, (code, RUNS)


@pytest.fixture(scope="module")
def soffice_or_skip() -> None:
    from coopdocs.pdf import find_soffice

    if find_soffice() is None:
        if CI:
            pytest.fail("LibreOffice (soffice) est requis en CI pour convertir l'échantillon")
        pytest.skip("LibreOffice (soffice) absent")


@pytest.mark.usefixtures("soffice_or_skip")
@settings(PROFILE, max_examples=3, derandomize=True, database=None, phases=[Phase.generate])
@given(S.valid_projects(min_partners=2, max_partners=30))
def test_sample_of_generated_projects_converts_to_pdf(data: dict[str, Any]) -> None:
    """Three generated projects through LibreOffice: what a Word-compatible reader makes of
    the XML, beyond python-docx. One LibreOffice call per project (its start-up dominates)."""
    from coopdocs.pdf import convert_to_pdf

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rendered = build_in_memory(write_project(folder, data))
        files = []
        for code, payload in rendered.items():
            (folder / f"{code}.docx").write_bytes(payload)
            files.append(folder / f"{code}.docx")
        pdfs = convert_to_pdf(files)
        assert len(pdfs) == len(files)
        for pdf in pdfs:
            assert pdf.read_bytes().startswith(b"%PDF"), pdf
    RUNS["pdf"] += 1


# --- invalid projects --------------------------------------------------------------------------


def _snapshot(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")} if folder.exists() else set()


@pytest.mark.parametrize("wanted", S.KINDS)
@settings(PROFILE, max_examples=-(-EXAMPLES // len(S.KINDS)))
@given(data=S.valid_projects(max_partners=12), choice=st.integers(0, 10**6),
       variant=st.integers(0, 10**6))
def test_generated_invalid_project_is_refused_cleanly(wanted: str, data: dict[str, Any],
                                                      choice: int, variant: int) -> None:
    """Each kind of mutation gets its share of the examples (300 in all by default)."""
    broken, chemin, kind = S.apply_mutation(data, S.Mutation(wanted, choice, variant))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = write_project(folder, broken)
        project, problems = check_project(path)
        errors = [p for p in problems if p.is_error]
        assert project is None and errors, f"{kind} {chemin}: accepté"
        named = [p for p in errors if p.chemin == chemin]
        assert named, f"{kind}: « {chemin} » non nommé dans {[p.format() for p in errors]}"
        for problem in named:
            assert problem.line is not None, problem.format()
            assert problem.file == str(path)
            # The line given is where the field (or, when it was removed, its parent) is written.
            found = read_source(path).locate(problem.path)
            assert found is not None and found[0] == problem.line

        runner = CliRunner()
        result = runner.invoke(cli, ["validate", str(path)])
        assert result.exit_code == 1, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        assert chemin in result.output
        assert f"{path}:{named[0].line}" in result.output

        out = folder / "sortie"
        before = _snapshot(folder)
        result = runner.invoke(cli, ["build", str(path), "-o", str(out)])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert not list(out.rglob("*.docx")), "build a écrit un document pour un projet invalide"
        assert _snapshot(folder) - before <= {"sortie"}
    RUNS["invalides"] += 1
    RUNS[f"mutation:{kind}"] += 1


def test_every_mutation_kind_is_exercised() -> None:
    if not RUNS["invalides"]:
        pytest.skip("la propriété des projets invalides n'a pas tourné dans cette session")
    for kind in S.KINDS:
        # A kind with no place in a project (no date to swap…) falls back to a removal.
        assert RUNS[f"mutation:{kind}"] >= RUNS["invalides"] // (3 * len(S.KINDS)), (kind, RUNS)


# --- the strategies themselves -----------------------------------------------------------------


@given(st.integers(0, 10**13 - 1))
def test_generated_sirets_are_luhn_valid(body: int) -> None:
    from coopdocs.formats import siret_is_valid

    digits = f"{body:013d}"
    siret = digits + S.luhn_digit(digits)
    if not siret.startswith("356000000"):
        assert siret_is_valid(siret)
    assert S.siret_is_valid_here(S.siret_for(body % 100_000, body // 100_000))
