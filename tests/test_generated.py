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

The properties are split into shards (distinct test functions) so that pytest-xdist runs
them in parallel. Under CI (CI=true) each shard has a fixed seed, so a failure reproduces;
elsewhere the examples are random (and remembered in .hypothesis/). `COOPDOCS_EXEMPLES=N`
changes the number of examples of each property (300 by default). The documents of the valid
projects are rendered with their pictures (Word tables and drawings); a property of its own
checks that hostile names never cross a ring nor each other in the circles of engagement.
"""

from __future__ import annotations

import collections
import functools
import io
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import strategies as S
from click.testing import CliRunner
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from lxml import etree
from reading import word_text

from coopdocs.check.project import check_project
from coopdocs.cli.main import cli
from coopdocs.context.assemble import build_context
from coopdocs.context.documents import CATALOGUE, produced
from coopdocs.context.picture import Drawing
from coopdocs.render.explain import count_tags
from coopdocs.render.template import PreparedTemplate, render_document
from coopdocs.render.templates import resolve_template
from coopdocs.render.verify import verify_document
from coopdocs.render.xmltext import ILLEGAL_XML  # what every printed value is cleaned of
from coopdocs.source.reader import read_source
from coopdocs.vocabulary import merchants_only

CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
EXAMPLES = int(os.environ.get("COOPDOCS_EXEMPLES", "300"))

SHARDS = 6  # valid projects: one test function each, so xdist spreads them

settings.register_profile(
    "coopdocs-generated",
    database=None if CI else settings.default.database,
    deadline=None,
    max_examples=EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                           HealthCheck.filter_too_much],
    print_blob=True,
)
PROFILE = settings.get_profile("coopdocs-generated")



def fixed_seed(number: int) -> Any:
    """Under CI, a seed of its own for each property (reproducible); elsewhere, random."""
    return seed(20261130 + number) if CI else (lambda test: test)

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
    **dict.fromkeys(["projet.territoire", "statut_juridique.justification"], frozenset({CONV})),
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
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n(?:[^\S\n]*\n)*")
_SPACES = re.compile(r"\s+")  # str.isspace's characters: Unicode whitespace, NBSP included
# The documents print a value's quotes the French way (`french.finishing`): compared as one.
# A no-break hyphen typed in a value is read back as the hyphen Word draws (`document_text`).
_QUOTES = str.maketrans({"’": "'", "‘": "'", "«": '"', "»": '"', "“": '"', "”": '"',
                         "\u2011": "-"})


def squash(text: str) -> str:
    """Text as compared: no XML-forbidden character, no whitespace (NBSP included), upper-cased
    then case-folded (templates capitalise surnames, lower-case list items: « ı » → « I » →
    « i »), quotes of every kind as one, without the final punctuation the templates drop
    before adding their own."""
    text = _SPACES.sub("", ILLEGAL_XML.sub("", text)).translate(_QUOTES)
    return text.upper().casefold().rstrip(".;,:")


@functools.cache
def templates() -> dict[str, PreparedTemplate]:
    return {d.code: PreparedTemplate.from_path(resolve_template(d.template).path)
            for d in CATALOGUE}


def document_text(data: bytes) -> str:
    """The text of every part of a .docx (body, tables, headers, footers, notes), joined."""
    out = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for member in archive.namelist():
            if member.startswith("word/") and member.endswith(".xml"):
                root = etree.fromstring(archive.read(member))
                out.append(word_text(root).replace("\u2011", "-"))
    return "\n".join(out)


def expected_in(path: S.Path, data: dict[str, Any]) -> set[str]:
    """The documents that must print the text field at `path` (normalised `data`)."""
    key = S.pattern(path)
    if key == "clauses.litiges.juridiction":
        # A named court binds merchants only (CPC art. 48): printed between them alone.
        return {CONV} if merchants_only(data) else set()
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


def build_in_memory(project: Any) -> dict[str, bytes]:
    """Build the context and render every applicable document: {code: .docx bytes}."""
    context = build_context(project)
    return {d.code: render_document(templates()[d.code], context)
            for d in produced(project.data)}


def check_documents(project: Any, rendered: dict[str, bytes]) -> None:
    values = list(S.text_values(project.source.data))
    value_tags = sum(count_tags(v) for _, v in values)
    texts = {}
    for code, data in rendered.items():
        # Full re-check of the package: strict XML in every part, python-docx opens it, no tag
        # left (beyond the `{{`/`{%` the project's own texts bring).
        allowed = 0 if not value_tags else count_tags(document_text(data))
        verify_document(data, f"{code}.docx", allowed_tags=allowed)  # python-docx opens it too
        texts[code] = squash(document_text(data))
    for path_, value in values:
        for code in expected_in(path_, project.data) & set(rendered):
            for chunk in chunks(value):
                assert chunk in texts[code], (
                    f"{S.pattern(path_)} ({path_}) absent de {code} : {value!r}")


# --- valid projects ----------------------------------------------------------------------------


def check_valid_project(data: dict[str, Any]) -> set[str]:
    """The property of a valid project; returns the codes of the documents it rendered."""
    with tempfile.TemporaryDirectory() as folder:
        path = write_project(Path(folder), data)
        project, problems = check_project(path)
        assert project is not None, [p.format() for p in problems if p.is_error]
        rendered = build_in_memory(project)
        assert rendered, "aucun document produit"
        check_documents(project, rendered)
    return set(rendered)


def _valid_shard(shard: int) -> Any:
    rendered: collections.Counter[str] = collections.Counter()

    @fixed_seed(shard)
    @settings(PROFILE, max_examples=-(-EXAMPLES // SHARDS))
    @given(S.valid_projects())
    def run(data: dict[str, Any]) -> None:
        rendered.update(check_valid_project(data))
        rendered["projets"] += 1

    def test() -> None:
        run()
        # A property that never renders a document would test nothing about it.
        for code in ALL:
            assert rendered[code] >= rendered["projets"] // 5, (code, rendered)

    test.__name__ = test.__qualname__ = f"test_generated_valid_projects_{shard}"
    test.__doc__ = f"Shard {shard} of the valid projects: every document intact and complete."
    return test


for _shard in range(SHARDS):
    globals()[f"test_generated_valid_projects_{_shard}"] = _valid_shard(_shard)


@fixed_seed(100)
@settings(PROFILE, max_examples=max(EXAMPLES // 15, 5))
@given(S.valid_projects(max_partners=30))
def test_generated_hostile_names_are_drawn(data: dict[str, Any]) -> None:
    """Hostile names (emoji, right-to-left, combining marks, `$`…) in the circles of
    engagement: every name box lies between the same two ellipses, apart from the others."""
    with tempfile.TemporaryDirectory() as folder:
        project, problems = check_project(write_project(Path(folder), data))
        assert project is not None, [p.format() for p in problems if p.is_error]
        drawing = build_context(project)["cartographie"]["image_cercles"]
    assert isinstance(drawing, Drawing)

    def depth(x: float, y: float) -> int:
        return sum(((x - e.centre[0]) / (e.width / 2)) ** 2
                   + ((y - e.centre[1]) / (e.height / 2)) ** 2 < 1 for e in drawing.ellipses)

    for label in drawing.labels:
        x0, y0, x1, y1 = label.box
        edge = [(x0 + (x1 - x0) * t / 16, y) for t in range(17) for y in (y0, y1)]
        edge += [(x, y0 + (y1 - y0) * t / 16) for t in range(17) for x in (x0, x1)]
        assert len({depth(x, y) for x, y in edge}) == 1, label
    boxes = [label.box for label in drawing.labels]
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)


LARGE = [*PROFILE.suppress_health_check, HealthCheck.large_base_example]


@pytest.mark.usefixtures("soffice")  # conftest.py: a failure, not a skip, under CI=true
@fixed_seed(300)
@settings(PROFILE, max_examples=1, phases=[Phase.generate], suppress_health_check=LARGE)
@given(st.lists(S.valid_projects(min_partners=2, max_partners=12), min_size=3, max_size=3))
def test_sample_of_generated_projects_converts_to_pdf(projects: list[dict[str, Any]]) -> None:
    """Three generated projects through LibreOffice, in one call (its start-up dominates): what
    a Word-compatible reader makes of the XML, beyond python-docx."""
    from coopdocs.build.pdf import convert_to_pdf

    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for number, data in enumerate(projects):
            folder = Path(tmp) / f"projet-{number}"
            folder.mkdir()
            project, problems = check_project(write_project(folder, data))
            assert project is not None, [p.format() for p in problems if p.is_error]
            for code, payload in build_in_memory(project).items():
                (folder / f"{code}.docx").write_bytes(payload)
                files.append(folder / f"{code}.docx")
        conversion = convert_to_pdf(files, timeout=600)
        assert conversion.problems == []
        assert len(conversion.pdfs) == len(files)
        for source, pdf in conversion.pdfs.items():
            assert pdf.startswith(b"%PDF"), source


# --- invalid projects --------------------------------------------------------------------------


def _snapshot(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")} if folder.exists() else set()


@pytest.mark.parametrize("wanted", S.KINDS)
def test_generated_invalid_project_is_refused_cleanly(wanted: str) -> None:
    """Each kind of mutation gets its share of the examples (300 in all by default). A kind
    with no place in a project (no date to swap…) falls back to a removal: it must still happen
    as itself in a third of the projects at least."""
    kinds: collections.Counter[str] = collections.Counter()

    @fixed_seed(400 + S.KINDS.index(wanted))
    @settings(PROFILE, max_examples=-(-EXAMPLES // len(S.KINDS)))
    @given(data=S.valid_projects(max_partners=12), choice=st.integers(0, 10**6),
           variant=st.integers(0, 10**6))
    def run(data: dict[str, Any], choice: int, variant: int) -> None:
        kinds[check_invalid_project(wanted, data, choice, variant)] += 1

    run()
    assert kinds[wanted] >= sum(kinds.values()) // 3, (wanted, kinds)


def check_invalid_project(wanted: str, data: dict[str, Any], choice: int, variant: int) -> str:
    """The property of a broken project; returns the kind of mutation really applied."""
    broken, dotted, kind = S.apply_mutation(data, S.Mutation(wanted, choice, variant))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = write_project(folder, broken)
        runner = CliRunner()
        result = runner.invoke(cli, ["validate", "--json", str(path)])
        assert result.exit_code == 1, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        report = json.loads(result.stdout)
        [checked] = report["fichiers"]
        errors = [p for p in checked["problemes"] if p["gravite"] == "erreur"]
        assert not report["valide"] and errors, f"{kind} {dotted}: accepté"
        named = [p for p in errors if p["chemin"] == dotted]
        assert named, f"{kind}: « {dotted} » non nommé dans {[p['message'] for p in errors]}"
        for problem in named:
            assert problem["fichier"] == str(path)
            # The line given is where the field (or, when it was removed, its parent) is written.
            found = read_source(path).locate(field_path(dotted))
            assert found is not None and found[0] == problem["ligne"], (problem, found)

        out = folder / "sortie"
        before = _snapshot(folder)
        result = runner.invoke(cli, ["build", str(path), "-o", str(out)])
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output
        assert f"{path}:{named[0]['ligne']}" in result.output
        assert not list(out.rglob("*.docx")), "build a écrit un document pour un projet invalide"
        assert _snapshot(folder) - before <= {"sortie"}
    return kind


def field_path(dotted: str) -> tuple[str | int, ...]:
    """``partenaires[2].siret`` (positions shown from 1) → ``("partenaires", 1, "siret")``."""
    return tuple(int(index) - 1 if index else name
                 for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", dotted))


# --- the strategies themselves -----------------------------------------------------------------


@given(st.integers(0, 10**13 - 1))
def test_generated_sirets_are_luhn_valid(body: int) -> None:
    from coopdocs.check.values import siret_is_valid

    digits = f"{body:013d}"
    siret = digits + S.luhn_digit(digits)
    if not siret.startswith("356000000"):
        assert siret_is_valid(siret)
    assert S.siret_is_valid_here(S.siret_for(body % 100_000, body // 100_000))
