"""The document pack of every example, read from the Word files as a juriste reads them.

Every example of `examples/` is built once (the real `build` path, templates included); the
tests then read only the text of the .docx files (paragraphs, table cells, headers, footers):

- the documents agree on who signs, who votes with how many seats and votes, who presides and
  who pays how much (each document is compared with the project file, so all agree together);
- no document gives advice to the user: what is missing is a « [À compléter…] » marker, and
  the markers are exactly the gaps `validate` warns about;
- the French is finished: no straight apostrophe, no breakable space inside a date, an amount,
  « n° 12 » or « art. 4 », no « 0 jours »-style plural, « 1er » never as a Unicode letter;
- a schema walk: every free-text field of the format is printed in some document, unless it is
  listed below with the reason it is not.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from reading import plain as plain_characters
from reading import word_text

from coopdocs.build.project import BuildOptions, build_project
from coopdocs.check.parties import build_model
from coopdocs.check.project import load_project
from coopdocs.check.schema import schema_rules
from coopdocs.context.votes import presidency_text
from coopdocs.french.figures import montant
from coopdocs.french.finishing import finish_text
from coopdocs.french.grammar import SAME_IN_SINGULAR
from coopdocs.french.names import full_name, short_name, signature_name
from coopdocs.french.words import counted

EXAMPLES = sorted((Path(__file__).resolve().parents[1] / "examples").glob("*.yaml"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
TEXT_PART = re.compile(r"word/(document|header\d*|footer\d*|footnotes)\.xml")
NBSP, NNBSP = "\u00a0", "\u202f"


# --- reading the documents ---------------------------------------------------------------------


class Doc:
    """The text of one .docx: its paragraphs in order (table cells included) and its tables."""

    def __init__(self, path: Path) -> None:
        from lxml import etree

        self.path = path
        self.raw: list[str] = []  # as Word stores it (typography checks)
        self.tables: list[list[list[str]]] = []
        with zipfile.ZipFile(path) as package:
            for name in sorted(package.namelist()):
                if not TEXT_PART.fullmatch(name):
                    continue
                root = etree.fromstring(package.read(name))
                self.raw += [word_text(p) for p in root.iter(f"{W}p")]
                for table in root.iter(f"{W}tbl"):
                    self.tables.append([
                        [plain("\n".join(word_text(p) for p in cell.iter(f"{W}p")))
                         for cell in row.iter(f"{W}tc")]
                        for row in table.iter(f"{W}tr")])
        self.lines = [plain(text) for text in self.raw if text.strip()]
        self.text = "\n".join(self.lines)

    def table(self, *header: str) -> list[list[str]]:
        """The rows (header excluded) of the first table whose header row starts so."""
        for table in self.tables:
            if table and tuple(table[0][:len(header)]) == header:
                return table[1:]
        raise AssertionError(f"{self.path.name}: no table {header}")


def plain(text: str) -> str:
    """Compare on plain characters, a value as the documents print it (`finish_text`: its
    quotes made French) and then no-break spaces as spaces, ’ as ', the no-break hyphen of a
    code as the keyboard's."""
    return plain_characters(finish_text(text))


@pytest.fixture(scope="session")
def pack(tmp_path_factory: pytest.TempPathFactory) -> Callable[[Path], dict[str, Doc]]:
    """The documents of one example, built once per session, by document code."""
    built: dict[Path, dict[str, Doc]] = {}

    def get(example: Path) -> dict[str, Doc]:
        if example not in built:
            out = tmp_path_factory.mktemp(example.stem)
            result = build_project(str(example), BuildOptions(outdir=out))
            assert result.ok, [p.format() for p in result.problems]
            folder = out / example.stem
            built[example] = {path.stem: Doc(path) for path in folder.glob("*.docx")}
        return built[example]

    return get


def _example(pack: Any, stem: str) -> dict[str, Any]:
    """The built pack of the example named `stem` (« exemple-scic »…)."""
    return pack(next(p for p in EXAMPLES if p.stem == stem))


def _data(example: Path) -> dict[str, Any]:
    return load_project(example).data


def _partners(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["id"]: p for p in data["partenaires"]}


# --- the examples -----------------------------------------------------------------------------


def test_the_examples_cover_every_shape() -> None:
    names = {path.stem for path in EXAMPLES}
    assert {"exemple-complet", "exemple-minimal", "exemple-reseau",
            "exemple-caracteres"} <= names
    network = _data(next(p for p in EXAMPLES if p.stem == "exemple-reseau"))
    assert len(network["partenaires"]) >= 10
    assert any(not p["signataire_convention"] for p in network["partenaires"])


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_is_valid(example: Path) -> None:
    project = load_project(example)
    assert all(not w.is_error for w in project.warnings)


# --- who signs, votes, presides, pays ----------------------------------------------------------


def _signature_names(doc: Doc) -> set[str]:
    """The « Pour … » of the signature blocks (table cells that end with the signature)."""
    return {cell.split("\n", 1)[0].removeprefix("Pour ") for table in doc.tables
            for row in table for cell in row
            if cell.startswith("Pour ") and "Signature" in cell}


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_documents_agree_on_who_signs(pack, example: Path) -> None:
    data, docs = _data(example), pack(example)
    for code, flag in (("convention-de-partenariat", "signataire_convention"),
                       ("charte-de-cooperation", "signataire_charte")):
        if code in docs:
            expected = {plain(signature_name(p)) for p in data["partenaires"] if p[flag]}
            assert _signature_names(docs[code]) == expected, code
    model = build_model(data)
    if "convention-de-partenariat" in docs and "gouvernance" in docs:
        # A structure that does not sign is named as such wherever it has a seat or a role.
        for pid, partner in _partners(data).items():
            if not model.signs_convention(pid) and model.seated(pid):
                assert f"{plain(full_name(partner))} (non partie à la convention)" in (
                    docs["gouvernance"].text), pid


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_documents_agree_on_who_votes_and_presides(pack, example: Path) -> None:
    data, docs = _data(example), pack(example)
    if "gouvernance" not in docs:
        return
    model = build_model(data)
    partners = _partners(data)
    gov = docs["gouvernance"].text
    convention = docs.get("convention-de-partenariat")
    carto = docs.get("cartographie-des-parties-prenantes")
    for instance in model.instances:
        for seat in instance.seats:
            votes = (counted(seat.votes, "voix", genre="f") if seat.votes
                     else "sans voix délibérative")
            assert f"{counted(seat.seats, 'siège')}, {votes}" in gov
        chair = plain(presidency_text(instance.presidency, partners))
        if chair:
            assert chair in gov, (instance.name, chair)
            if convention is not None and instance.decisive:
                assert chair in convention.text, (instance.name, chair)
        if convention is not None and instance.decisive:
            composition = next(line for line in convention.lines
                               if line.startswith("Composition :")
                               and all(plain(short_name(partners[s.partner])) in line
                                       for s in instance.seats))
            for seat in instance.seats:
                assert plain(short_name(partners[seat.partner])) in composition
    if carto is not None:
        core = next(row for row in carto.table("Cercle", "Qui s'y trouve ?", "Acteurs")
                    if row[0].startswith("Cœur"))[2]
        for pid, partner in partners.items():
            voter = model.votes_in_decisions(pid)
            assert (plain(full_name(partner)) in core) == voter, (pid, core)


def _apports_in_article(doc: Doc, names: dict[str, str]) -> dict[str, str]:
    """Each Party's « apport financier de … (X €) » in the commitments article, by id."""
    found, current, started = {}, None, False
    heading = {name: pid for pid, name in names.items()}
    for line in doc.lines:
        if not started:
            started = line.startswith("Article ") and "Engagements de chaque Partie" in line
        elif line in heading:
            current = heading[line]
        elif current and (match := re.search(r"apport financier d.+ \(([\d ,]+ €)\)", line)):
            found[current] = match.group(1)
        elif line.startswith("Article ") and current and "Engagements" not in line:
            break  # the article after the Parties' commitments
    return found


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_documents_agree_on_who_pays_how_much(pack, example: Path) -> None:
    data, docs = _data(example), pack(example)
    model = build_model(data)
    if model.explained_gap:
        return  # the convention prints why the figures differ (test_coherence.py)
    partners = _partners(data)
    names = {pid: plain(full_name(p)) for pid, p in partners.items()}
    money = {pid: plain(montant(m.figures()["apport"])) for pid, m in model.money.items()
             if m.apport is not None}
    convention, plan = docs.get("convention-de-partenariat"), docs.get("plan-d-action")
    if convention is not None:
        assert _apports_in_article(convention, names) == money
        if data.get("budget") and data["budget"].get("repartition"):
            rows = convention.table("Partie", "Montant", "Montant en lettres", "Part")
            shares = {next(pid for pid, n in names.items() if n == row[0]): row[1]
                      for row in rows if row[0] in names.values()}
            assert {pid: v for pid, v in shares.items() if pid in money} == money
    if plan is not None and money:  # a plan without money (a GME's) has no financing table
        rows = plan.table("Financeur", "Acquis", "Sollicité ou à solliciter", "Total")
        totals = {next(pid for pid, n in names.items() if n == row[0]): row[3]
                  for row in rows if row[0] in names.values()}
        assert {pid: v for pid, v in totals.items() if pid in money} == money


# --- no advice, gaps as markers, finished French ---------------------------------------------

# Words a document uses only to talk to its user: second person and instructions.
ADVICE = re.compile(r"\b(?:vous|votre|vos|Pensez|Mieux vaut|Découpez|Renseignez|Complétez|"
                    r"N'oubliez|reste à écrire|restent à évaluer|ajoutera ici|Les renseigner)\b")
MONTH = ("janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
         "décembre")
BREAKABLE = [
    ("date", re.compile(rf"\d(?:er)? (?:{MONTH})\b|\b(?:{MONTH}) \d{{4}}")),
    ("montant", re.compile(r"\d [\d]{3}\b|\d (?:€|%)")),
    ("numéro", re.compile(r"\b(?:n°|art\.|[aA]rticles?) \d")),
]
PLURAL_AFTER_0_OR_1 = re.compile(r"(?<![\d,.\u202f])[01] ([a-zéèêàâîôûç·]+s)\b")
# Words after « 1 » that are not its noun (« n° 1 des priorités », « 1 bis, quai… »).
NOT_A_NOUN = frozenset({"bis", "des", "les", "ses", "nos", "vos", "leurs", "dans", "sous",
                        "sans", "vers", "chez", "après", "plus", "moins", "très"})
MARKER = re.compile(r"\[À compléter[^\]]*\]")


def _texts(docs: dict[str, Doc]) -> Iterator[tuple[str, str]]:
    for code, doc in docs.items():
        for text in doc.raw:
            if text.strip():
                yield code, text


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_no_advice_and_every_gap_is_a_listed_marker(pack, example: Path) -> None:
    docs = pack(example)
    for code, text in _texts(docs):
        assert not ADVICE.search(plain(text)), (code, text)
    shown = {plain(m) for _, text in _texts(docs) for m in MARKER.findall(text)}
    warned = {plain(m) for w in load_project(example).warnings
              if w.code == "document-a-completer" for m in MARKER.findall(w.message)}
    assert shown == warned


# The examples written for the legal families are complete projects: `validate --strict` passes
# and no document of theirs prints a marker.
COMPLETE = ["exemple-gme", "exemple-scic", "exemple-financeur-public"]


@pytest.mark.parametrize("name", COMPLETE)
def test_the_family_examples_are_complete_in_every_document(pack, name: str) -> None:
    example = next(p for p in EXAMPLES if p.stem == name)
    # The GME's ETTI is jointly liable: the juriste checks with the buyer that its liability
    # may be financial only (the convention says so).
    assert [p.code for p in load_project(example).warnings] == (
        ["siae-solidarite"] if name == "exemple-gme" else [])
    docs = pack(example)
    assert set(docs) == {"convention-de-partenariat", "charte-de-cooperation", "gouvernance",
                         "cartographie-des-parties-prenantes", "plan-d-action"}
    assert [(code, text) for code, text in _texts(docs) if "À compléter" in text] == []


# --- two Parties or more ---------------------------------------------------------------------

# What the convention says of the other Parties: between two (exemple-minimal), then between
# more (exemple-complet).
TWO_PARTIES = [
    "agir loyalement et de bonne foi l'une envers l'autre ;",
    "et en rend compte régulièrement à l'autre Partie.",
    "Le chef de file ne peut engager l'autre Partie sans son accord écrit préalable.",
    "Chaque Partie autorise l'autre à utiliser son nom et son logo",
    "Aucune Partie ne répond des engagements pris par l'autre à l'égard des tiers",
    "chaque Partie désigne le correspondant suivant, interlocuteur quotidien de l'autre "
    "Partie :",
    "Chaque Partie informe l'autre par écrit de tout changement",
    "sous réserve de sa signature par les deux Parties.",
    "Une nouvelle structure peut rejoindre le projet avec l'accord des deux Parties.",
    "adressée à l'autre Partie, moyennant un préavis",
    "fait l'objet d'un avenant écrit signé par les deux Parties.",
    "La Partie empêchée en informe l'autre sans délai",
]
MORE_PARTIES = [
    "agir loyalement et de bonne foi les unes envers les autres ;",
    "Le chef de file ne peut engager les autres Parties sans leur accord écrit préalable.",
    "Chaque Partie autorise les autres à utiliser son nom et son logo",
    "interlocuteur quotidien des autres Parties :",
    "sous réserve de sa signature par l'ensemble des Parties.",
    "fait l'objet d'un avenant écrit signé par l'ensemble des Parties.",
]
# Wordings that only a contract between more than two Parties may print.
PLURAL_ONLY = ["les unes envers les autres", "autres Parties", "l'ensemble des Parties",
               "accord unanime des Parties", "informe les autres", "autorise les autres",
               "pris par une autre", "d'une autre Partie", "Lorsque des Parties"]


def test_two_parties_read_the_other_party(pack) -> None:
    text = _example(pack, "exemple-minimal")["convention-de-partenariat"].text
    for sentence in TWO_PARTIES:
        assert sentence in text, sentence
    for wording in PLURAL_ONLY:
        assert wording not in text, wording
    charte = _example(pack, "exemple-minimal")["charte-de-cooperation"].text
    assert "Elle peut être modifiée avec l'accord des deux signataires." in charte


def test_reserved_decisions_read_as_french_after_their_lead_in(pack) -> None:
    docs = _example(pack, "exemple-complet")
    lead_in = "l'unanimité des membres ayant voix délibérative, présents ou non, est requise"
    items = "pour : l'entrée d'un nouveau partenaire et la modification du budget"
    assert f"{lead_in} {items}" in docs["convention-de-partenariat"].text
    assert f"{lead_in[0].upper()}{lead_in[1:]} {items}." in docs["gouvernance"].text
    # A single reserved decision is no list: no colon after « pour ».
    network = _example(pack, "exemple-reseau")
    single = f"{lead_in} pour l'admission d'un nouveau membre"
    assert single in network["convention-de-partenariat"].text
    assert f"{lead_in[0].upper()}{lead_in[1:]} pour l'admission d'un nouveau membre." in network[
        "gouvernance"].text


def test_a_single_contribution_or_mobilisation_reads_as_a_sentence(pack) -> None:
    """A Party's card in art. « Engagements de chaque Partie »: a colon and one bullet read as a
    list that lost its other items; one item is a sentence, two or more keep the list."""
    text = _example(pack, "exemple-reseau")["convention-de-partenariat"].text
    assert ("LSB contribue au projet par un apport financier de quinze mille euros "
            "(15 000,00 €).") in text
    assert "LSB mobilise sa structure en matière de communication interne : réunion d'équipe." \
        in text
    assert ("AIO mobilise sa structure en matière d'instances d'échange : bureau de "
            "l'association.") in text
    # Two lines or more: the lead-in, its colon and one bullet each.
    assert ("Mobilisation de sa structure :\ncommunication interne : note aux équipes ;\n"
            "instances d'échange : conseil d'administration de mars 2027.\n") in text
    for lead in ("Apports au projet :\n", "Mobilisation de sa structure :\n"):
        for part in text.split(lead)[1:]:
            assert part.split("\n")[0].endswith(";"), part[:120]


def test_a_late_action_says_so_in_its_card_and_in_the_note(pack) -> None:
    """exemple-complet: its training runs to 31/12/2027, after the date butoir of 30/06/2027:
    its card's « Calendrier » says so under its dates, and the rétroplanning's note names it
    as it names a late task."""
    plan = _example(pack, "exemple-complet")["plan-d-action"]
    calendars = [row[1] for table in plan.tables for row in table if row[0] == "Calendrier"]
    assert calendars == [
        "Du 01/01/2027 au 31/05/2027",
        "Du 01/03/2027 au 31/12/2027\nAttention : l'action se termine 184 jours après la date "
        "butoir (30/06/2027)."]
    assert ("Attention : l'action « Former les salarié·e·s à la réparation » se termine après "
            "la date butoir.") in plan.text


def test_a_partys_money_of_the_plan_is_in_its_own_commitments(pack) -> None:
    """exemple-scic: the Parties fund actions of the plan (annex 2) without an apport_financier:
    the body of the act states that money among each one's commitments."""
    text = _example(pack, "exemple-scic")["convention-de-partenariat"].text
    assert ("la participation au financement des actions « Faire rédiger les statuts », à "
            "hauteur de 3 000,00 €, et « Mobiliser les habitant·e·s bénéficiaires », à hauteur "
            "de 2 000,00 €, du plan d'action, soit au total cinq mille euros (5 000,00 €) ;"
            ) in text
    # The budget article points to it, as it does to an apport.
    assert "Les apports financiers de chaque Partie sont précisés à l'article 7." in text


def test_an_instance_of_some_parties_decides_by_their_delegation(pack) -> None:
    """exemple-reseau: four of the eight Parties vote in the comité de pilotage."""
    text = _example(pack, "exemple-reseau")["convention-de-partenariat"].text
    assert ("Les Parties délèguent à l'instance « Comité de pilotage », où quatre d'entre elles "
            "sur huit siègent avec voix délibérative, les attributions suivantes : transmettre "
            "chaque demande d'entreprise à toutes les structures membres compétentes, sans "
            "échange d'information sur les prix, chacune restant libre d'y répondre et "
            "l'entreprise de choisir sa ou ses structures ; arrêter le "
            "calendrier des actions de communication du guichet unique. Ses décisions engagent "
            "toutes les Parties dans cette limite, sans préjudice des droits que l'article 8 "
            "reconnaît à chaque Partie, et sont communiquées à celles qui n'y ont pas voix "
            "délibérative avec le compte rendu de la réunion. Ne relèvent pas de cette "
            "délégation : la modification de la présente convention (article 19), les "
            "engagements financiers des Parties (article 8) et l'entrée d'une nouvelle Partie "
            "(article 18), qui suivent les règles de ces articles. Toute autre décision qui "
            "excède cette délégation relève de l'instance « Assemblée des membres », où "
            "siègent toutes les Parties.") in text
    # Where every Party votes in every deciding instance, nothing is delegated.
    for name in ("exemple-complet", "exemple-minimal", "exemple-gme"):
        convention = pack(next(p for p in EXAMPLES if p.stem == name))["convention-de-partenariat"]
        assert "délèguent" not in convention.text, name


def _signature_groups(doc: Doc) -> list[tuple[str, set[str]]]:
    """Each signature table of a document with the line that introduces it."""
    groups = []
    for table in doc.tables:
        names = {cell.split("\n", 1)[0].removeprefix("Pour ") for row in table for cell in row
                 if cell.startswith("Pour ") and "Signature" in cell}
        if names:
            groups.append(names)
    intros = [line for line in doc.lines if line == "Les signataires :" or line.startswith(
        ("Les signataires parties à", "Les signataires qui ne sont pas parties"))]
    assert len(intros) == len(groups), (intros, groups)
    return list(zip(intros, groups, strict=True))


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_the_charte_says_who_signs_it_without_being_a_party(pack, example: Path) -> None:
    """The parties model (check.parties) says who signs the convention and who the charte; a
    non-party signs the charte as a moral commitment, and both documents say so."""
    docs = pack(example)
    if "charte-de-cooperation" not in docs or "convention-de-partenariat" not in docs:
        return
    data = _data(example)
    model = build_model(data)
    partners = _partners(data)
    parties = {signature_name(partners[p]) for p in model.convention_signatories}
    alone = [p for p in model.charter_signatories if p not in model.convention_signatories]
    groups = _signature_groups(docs["charte-de-cooperation"])
    if not alone:
        assert [intro for intro, _ in groups] == ["Les signataires :"]
        return
    assert groups == [
        ("Les signataires parties à la convention de partenariat :",
         {signature_name(partners[p]) for p in model.charter_signatories} & parties),
        ("Les signataires qui ne sont pas parties à la convention de partenariat, pour qui la "
         "présente charte n'est qu'un engagement moral :",
         {signature_name(partners[p]) for p in alone})]
    convention = docs["convention-de-partenariat"].text
    assert "sans être partie" in convention and "qu'un engagement moral." in convention


def test_the_scic_exists_only_once_its_statuts_are_signed_and_registered(pack) -> None:
    """The accord prepares the statuts: the founding associates adopt and sign them, and the
    company is a legal person only from its registration (C. com. L. 210-6)."""
    convention = plain(_example(pack, "exemple-scic")["convention-de-partenariat"].text)
    assert ("ils ne seront arrêtés que par les statuts, adoptés et signés par l'ensemble des "
            "associés fondateurs. La société n'acquiert la personnalité morale qu'à compter de "
            "son immatriculation au registre du commerce et des sociétés (article L. 210-6 du "
            "code de commerce).") in convention
    assert "Objectif 1 – Présenter aux Parties le projet de statuts de la SCIC" in convention


def test_the_annexes_name_the_act_they_are_annexed_to(pack) -> None:
    """The SCIC's act is an « accord préalable »: its charte and fiche never say convention."""
    docs = _example(pack, "exemple-scic")
    charte, fiche = docs["charte-de-cooperation"].text, docs["gouvernance"].text
    assert ("Les engagements juridiques des signataires qui sont parties à l'accord préalable "
            "figurent dans cet accord.") in charte
    assert "fiche d'organisation de la gouvernance, annexée à l'accord préalable." in charte
    assert ("suivent l'article 21 (Entrée et retrait d'une Partie) de l'accord préalable."
            in fiche)
    assert "convention" not in charte.lower() and "convention" not in fiche.lower()


def test_no_majority_makes_a_party_pay_more_and_the_common_fund_is_accounted_for(pack) -> None:
    """The network's assembly adopts the budget by a majority: no Party pays more than it
    agreed, and the Party that holds the contributions keeps them apart and accounts yearly."""
    convention = plain(_example(pack, "exemple-reseau")["convention-de-partenariat"].text)
    assert ("Cette répartition fixe l'engagement financier de chaque Partie. Aucune décision des "
            "instances de gouvernance, quelle que soit sa règle d'adoption, ne peut augmenter la "
            "contribution d'une Partie ni lui imposer une dépense nouvelle sans son accord écrit, "
            "donné par ses organes compétents.") in convention
    assert ("Les contributions des autres Parties sont versées à l'association Les Jardins de "
            "l'Ourcq, qui les gère pour le compte des autres Parties : les sommes reçues sont "
            "inscrites dans une comptabilité distincte de ses propres opérations") in convention
    assert ("Le solde non employé au terme de la présente convention est restitué aux Parties "
            "qui l'ont versé, au prorata de leurs contributions.") in convention


def test_an_unspent_subsidy_goes_back_whole_to_the_public_person(pack) -> None:
    """The public person's unspent subsidy is paid back in full by its own article (loi
    n° 2000-321, art. 10); nothing else is pooled in exemple-financeur-public, so no pooled
    balance is shared (juriste-C #18; tests/render/test_families_text.py pools some)."""
    convention = plain(pack(next(p for p in EXAMPLES if p.stem == "exemple-financeur-public"))[
        "convention-de-partenariat"].text)
    assert "Le solde non employé au terme" not in convention
    assert ("Les sommes non employées, ou employées à un autre objet, lui sont reversées par "
            "chaque Partie bénéficiaire, à hauteur de la part de la subvention qu'elle a "
            "reçue.") in convention  # the whole is paid to one, which passes a share on


@pytest.mark.parametrize(("name", "signers"), [("exemple-minimal", "les deux Parties"),
                                               ("exemple-reseau", "l'ensemble des Parties")])
def test_a_new_party_signs_the_amendment_that_lets_it_in(pack, name: str, signers: str) -> None:
    convention = plain(pack(next(p for p in EXAMPLES if p.stem == name))[
        "convention-de-partenariat"].text)
    assert (f"L'entrée d'une nouvelle Partie est formalisée par un avenant signé par {signers} "
            "et par la structure qui les rejoint.") in convention


def test_the_network_names_its_facilitator_and_mediator_as_it_is_named(pack) -> None:
    convention = plain(pack(next(p for p in EXAMPLES if p.stem == "exemple-reseau"))[
        "convention-de-partenariat"].text)
    # A function inside the parenthesis is lower case, mid-sentence.
    assert ("Réseau des SIAE de Seine-Saint-Denis (animation, sans voix "
            "délibérative)") in convention
    assert ("médiation, confiée, sous réserve de son acceptation, au Réseau des SIAE de "
            "Seine-Saint-Denis ou, à défaut, à un médiateur choisi d'un commun accord par les "
            "Parties.") in convention


def test_a_partner_named_as_mediator_is_spelt_as_everywhere_else(pack) -> None:
    """exemple-complet writes « Le réseau des SIAE de l'Est francilien » as mediator: the
    partner's own name, capital included, in the convention and in the fiche."""
    docs = _example(pack, "exemple-complet")
    assert ("médiation, confiée, sous réserve de son acceptation, au Réseau des SIAE de l'Est "
            "francilien ou, à défaut,"
            in plain(docs["convention-de-partenariat"].text))
    assert ("Tiers médiateur : le Réseau des SIAE de l'Est francilien, sous réserve de son "
            "acceptation ou, à défaut, un médiateur choisi d'un commun accord."
            in plain(docs["gouvernance"].text))
    assert "réseau des SIAE" not in plain(docs["convention-de-partenariat"].text)


def test_the_scic_steering_committee_prepares_what_only_the_statuts_decide(pack) -> None:
    """The accord says its choices are intentions the statuts alone settle: its committee
    prepares them, it does not « arrêter » them."""
    docs = pack(next(p for p in EXAMPLES if p.stem == "exemple-scic"))
    for name in ("convention-de-partenariat", "gouvernance", "plan-d-action"):
        assert "arrêter les choix" not in plain(docs[name].text).lower(), name
    assert ("Rôle : préparer les choix à proposer pour les statuts et suivre les travaux "
            "préparatoires.") in plain(docs["convention-de-partenariat"].text)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_one_name_for_each_formality_and_code(pack, example: Path) -> None:
    """One contract names the registered letter one way, and the codes in lower case as the
    texts of law cite them."""
    docs = pack(example)
    for name in ("convention-de-partenariat", "gouvernance"):
        text = plain(docs[name].text) if name in docs else ""
        assert "accusé de réception" not in text, name
        assert "Code du travail" not in text and "Code civil" not in text, name
    assert "lettre recommandée avec demande d'avis de réception" in plain(
        docs["convention-de-partenariat"].text)


def test_the_network_names_who_signs_the_charte_alone(pack) -> None:
    docs = _example(pack, "exemple-reseau")
    assert ("; pour le Réseau des SIAE de Seine-Saint-Denis, la société Canal Construction et le "
            "Département de la Seine-Saint-Denis, qui n'y sont pas parties, la présente charte "
            "n'est qu'un engagement moral.") in docs["charte-de-cooperation"].text
    assert ("Le Réseau des SIAE de Seine-Saint-Denis, la société Canal Construction et le "
            "Département de la Seine-Saint-Denis la signent sans être parties à la présente "
            "convention : elle n'est pour eux qu'un engagement moral.") in docs[
                "convention-de-partenariat"].text


def test_more_parties_read_the_other_parties(pack) -> None:
    text = _example(pack, "exemple-complet")["convention-de-partenariat"].text
    for sentence in MORE_PARTIES:
        assert sentence in text, sentence


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_french_is_finished(pack, example: Path) -> None:
    for code, text in _texts(pack(example)):
        assert "'" not in text, (code, text)
        for what, pattern in BREAKABLE:
            assert not pattern.search(text), (code, what, text)
        for match in PLURAL_AFTER_0_OR_1.finditer(text):
            assert match.group(1) in SAME_IN_SINGULAR | NOT_A_NOUN, (code, text)
        assert "ᵉʳ" not in text and "ʳᵉ" not in text, (code, text)


def test_ordinals_are_superscript_runs(pack) -> None:
    docs = _example(pack, "exemple-complet")
    with zipfile.ZipFile(docs["convention-de-partenariat"].path) as package:
        xml = package.read("word/document.xml").decode()
    # « 1er juillet 1901 »: « er » in a run of its own, raised by w:vertAlign.
    assert re.search(r'<w:vertAlign w:val="superscript"/></w:rPr><w:t xml:space="preserve">'
                     r"er</w:t>", xml)
    assert 'w:highlight w:val="yellow"' not in xml or "[À compléter" in xml


# --- layout -----------------------------------------------------------------------------------

R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


def _xml(path: Path, name: str) -> Any:
    from lxml import etree

    with zipfile.ZipFile(path) as package:
        return etree.fromstring(package.read(name))


def _style_ppr(styles: Any, style_id: str) -> Any:
    return next(s for s in styles.iter(f"{W}style")
                if s.get(f"{W}styleId") == style_id).find(f"{W}pPr")


def _tabs(ppr: Any) -> dict[int, str]:
    found = ppr.find(f"{W}tabs") if ppr is not None else None
    return {int(t.get(f"{W}pos")): t.get(f"{W}val")
            for t in (found if found is not None else [])}


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_footers_are_centred_and_flush_right_on_every_page(pack, example: Path) -> None:
    """« Page X / Y » centred and « Paraphes » flush with the right margin, in every section
    (a portrait page after a landscape one included)."""
    for code, doc in pack(example).items():
        body = _xml(doc.path, "word/document.xml")
        rels = {r.get("Id"): r.get("Target")
                for r in _xml(doc.path, "word/_rels/document.xml.rels")}
        style = _tabs(_style_ppr(_xml(doc.path, "word/styles.xml"), "Footer"))
        for sect in body.iter(f"{W}sectPr"):
            size, margins = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
            width = (int(size.get(f"{W}w")) - int(margins.get(f"{W}left"))
                     - int(margins.get(f"{W}right")))
            for ref in sect.iter(f"{W}footerReference"):
                footer = _xml(doc.path, "word/" + rels[ref.get(f"{R}id")])
                for paragraph in footer.iter(f"{W}p"):
                    tabs = {**style, **_tabs(paragraph.find(f"{W}pPr"))}
                    stops = sorted((pos, kind) for pos, kind in tabs.items() if kind != "clear")
                    assert [kind for _, kind in stops] == ["center", "right"], (code, stops)
                    assert abs(stops[0][0] - width / 2) <= 2, (code, stops, width)
                    assert abs(stops[1][0] - width) <= 2, (code, stops, width)


def _keeps_next(paragraph: Any, styles: Any) -> bool:
    ppr = paragraph.find(f"{W}pPr")
    if ppr is not None and ppr.find(f"{W}keepNext") is not None:
        return True
    style = ppr.find(f"{W}pStyle") if ppr is not None else None
    if style is None:
        return False
    return _style_ppr(styles, style.get(f"{W}val")).find(f"{W}keepNext") is not None


def _bodies(pack: Any, example: Path) -> Iterator[tuple[str, Any, Any]]:
    """(document code, body, styles part) of each document of an example's pack."""
    for code, doc in pack(example).items():
        yield (code, _xml(doc.path, "word/document.xml").find(f"{W}body"),
               _xml(doc.path, "word/styles.xml"))


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_a_table_is_never_left_without_its_lead_in_nor_signatures_split(
        pack, example: Path) -> None:
    for code, body, styles in _bodies(pack, example):
        for table in body.iter(f"{W}tbl"):
            before = table.getprevious()
            if before is not None and before.tag == f"{W}p" and "".join(before.itertext()):
                assert _keeps_next(before, styles), (code, "".join(before.itertext()))
        # Every line of the signature blocks keeps with the next: the block is never split
        # and never alone on a page without « Fait à » and the end of the text.
        blocks = [p for p in body.iter(f"{W}p")
                  if (p.find(f"{W}pPr/{W}pStyle") is not None
                      and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Blocsignature")]
        assert all(_keeps_next(p, styles) for p in blocks), code


def _row_keeps(row: Any, styles: Any) -> bool:
    """Whether a table row keeps with the next one: every paragraph of its cells does."""
    paragraphs = list(row.iter(f"{W}p"))
    return bool(paragraphs) and all(_keeps_next(p, styles) for p in paragraphs)


def _first_text(table: Any) -> str:
    return "".join(next(table.iter(f"{W}tc")).itertext())


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_a_table_header_keeps_with_its_first_row_and_short_tables_stay_whole(
        pack, example: Path) -> None:
    for code, body, styles in _bodies(pack, example):
        for table in body.iter(f"{W}tbl"):
            rows = table.findall(f"{W}tr")
            headers = [r for r in rows if r.find(f"{W}trPr/{W}tblHeader") is not None]
            if headers and len(rows) > len(headers):
                # A header never ends a page without the first row under it.
                assert all(_row_keeps(r, styles) for r in headers), (code, _first_text(table))
        if code != "gouvernance":
            continue
        tables = {_first_text(t): t for t in body.iter(f"{W}tbl")}
        # Instances' rows grow with the members: they may split, so that the table starts
        # under its lead-in instead of leaving the first page empty.
        instances = tables["Instance"].findall(f"{W}tr")[1:]
        assert instances and all(r.find(f"{W}trPr/{W}cantSplit") is None for r in instances)
        if "Domaine" in tables:  # seven rows at most: never cut, never one row alone
            domains = tables["Domaine"].findall(f"{W}tr")[1:]
            assert domains and all(_row_keeps(r, styles) for r in domains)
            assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in domains)


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_no_word_is_wider_than_its_column(pack, example: Path) -> None:
    """In the templates' tables (9.5-point text, 1.5 mm margins each side), every word fits its
    column: a narrower column makes Word and LibreOffice cut it without a hyphen
    (« Ressourceri / e »). Measured in Arial, the documents' font."""
    from coopdocs.context.charts.metrics import text_width

    for code, doc in pack(example).items():
        body = _xml(doc.path, "word/document.xml").find(f"{W}body")
        for table in body.iter(f"{W}tbl"):
            if table.find(f"{W}tblPr/{W}tblStyle") is None:
                continue  # a picture (Gantt chart, grid): its own sizes, tested in context
            grid = [int(c.get(f"{W}w")) for c in table.iter(f"{W}gridCol")]
            for row in table.findall(f"{W}tr"):
                column = 0
                for cell in row.findall(f"{W}tc"):
                    span_el = cell.find(f"{W}tcPr/{W}gridSpan")
                    span = int(span_el.get(f"{W}val")) if span_el is not None else 1
                    room = sum(grid[column:column + span]) / 1440 * 25.4 - 2 * 85 / 1440 * 25.4
                    column += span
                    for run in cell.iter(f"{W}r"):
                        bold = (run.find(f"{W}rPr/{W}b") is not None
                                or run.find(f"{W}rPr/{W}rStyle") is not None)
                        for word in "".join(run.itertext()).split():
                            if "@" in word or "://" in word:
                                continue  # an address breaks at its dots, as it should
                            assert text_width(word, 9.5, bold) <= room, (
                                code, word, round(text_width(word, 9.5, bold), 1), round(room, 1))


# --- every field printed somewhere -------------------------------------------------------------

# Free-text fields no document prints, and why.
NOT_PRINTED = {
    "modeles": "chemin du dossier de modèles, lu par build : pas un contenu",
    "ecosysteme.notes": "notes de travail de l'étape 1 : alimentent seulement `progress`",
}


def _free_text_fields(rules: dict[str, Any], prefix: str = "") -> Iterator[str]:
    for key, rule in rules.items():
        path = f"{prefix}.{key}" if prefix else key
        kind, sub = rule.get("type"), rule.get("schema")
        if kind == "dict" and isinstance(sub, dict):
            yield from _free_text_fields(sub, path)
        elif kind == "list" and isinstance(sub, dict):
            if sub.get("type") == "dict" and isinstance(sub.get("schema"), dict):
                yield from _free_text_fields(sub["schema"], f"{path}[]")
            elif sub.get("type") in ("string", "texte") and not sub.get("allowed") \
                    and not (sub.get("meta") or {}).get("ref"):
                yield f"{path}[]"
        elif kind in ("string", "texte", "email") and not rule.get("allowed") \
                and not (rule.get("meta") or {}).get("ref"):
            yield path


def _plant(data: Any, parts: list[str], value: str) -> bool:
    """Put ``value`` at the first place ``parts`` (« a[].b ») reaches; False when none does."""
    head, rest = parts[0], parts[1:]
    key, is_list = head.removesuffix("[]"), head.endswith("[]")
    if not isinstance(data, dict):
        return False
    if key not in data or data[key] in (None, [], {}):
        if not rest:
            data[key] = [value] if is_list else value
            return True
        data[key] = [{}] if is_list else {}  # a block the example lacks: start one
    if is_list and rest and not data[key][0] and not isinstance(data[key][0], dict):
        return False
    if is_list:
        items = data[key]
        if not rest:
            items[0] = value
            return True
        # An item that already has the field first: a company's « rcs », not an association's.
        following = rest[0].removesuffix("[]")
        ordered = sorted(items, key=lambda item: not (isinstance(item, dict)
                                                      and following in item))
        return any(_plant(item, rest, value) for item in ordered)
    if not rest:
        data[key] = value
        return True
    return _plant(data[key], rest, value)


# The fields of a legal family are printed only for that family: they are planted in its example
# (a company's registration, an établissement and a GME's marché in exemple-gme, the company to
# create in exemple-scic; the others in exemple-complet).
FAMILY_EXAMPLES = {
    "partenaires[].rcs": "exemple-gme",
    "partenaires[].etablissement": "exemple-gme",
    "statut_juridique.marche": "exemple-gme",
    "statut_juridique.repartition_prestations": "exemple-gme",
    "statut_juridique.societe": "exemple-scic",
    # A named court is printed between merchants only (CPC art. 48).
    "clauses.litiges": "exemple-minimal-marchands",
    # The registre des associations of a tribunal, for the associations of Alsace-Moselle only.
    "partenaires[].registre_": "exemple-minimal-droit-local",
}
# An example whose name ends so has every partner of that legal form.
VARIANTS = {"-marchands": "sas", "-droit-local": "association_droit_local"}


def _base(field: str) -> str:
    return next((name for prefix, name in FAMILY_EXAMPLES.items()
                 if field.startswith(prefix)), "exemple-complet")


def test_every_free_text_field_is_printed(tmp_path: Path) -> None:
    fields = sorted(_free_text_fields(schema_rules()))
    assert len(fields) > 60
    assert set(NOT_PRINTED) <= set(fields)
    planted: dict[str, dict[str, str]] = {}
    projects: dict[str, Any] = {}
    for number, field in enumerate(fields):
        if field in NOT_PRINTED:
            continue
        name = _base(field)
        if name not in projects:
            variant = next((v for v in VARIANTS if name.endswith(v)), "")
            projects[name] = yaml.safe_load((EXAMPLES[0].parent /
                                             f"{name.removesuffix(variant)}.yaml")
                                            .read_text("utf-8"))
            for partner in projects[name]["partenaires"] if variant else []:
                partner["forme_juridique"] = VARIANTS[variant]
        sentinel = f"zq{number:03d}x@exemple.fr" if field.endswith("email") else f"Zq{number:03d}x"
        if _plant(projects[name], field.split("."), sentinel):
            planted.setdefault(name, {})[field] = sentinel
    unplanted = set(fields) - {f for p in planted.values() for f in p} - set(NOT_PRINTED)
    assert not unplanted, f"add these fields to the test's project: {sorted(unplanted)}"
    projects["exemple-complet"]["budget"]["explication_ecarts"] = \
        planted["exemple-complet"]["budget.explication_ecarts"]
    missing: dict[str, str] = {}
    for name, data in projects.items():
        source = tmp_path / name / "projet.yaml"
        source.parent.mkdir()
        source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
        result = build_project(str(source), BuildOptions(outdir=tmp_path / name / "sortie"))
        assert result.ok, [p.format() for p in result.problems if p.is_error]
        assert result.outdir is not None
        text = "\n".join(Doc(p).text for p in result.outdir.glob("*.docx"))
        missing |= {f: s for f, s in planted[name].items() if s.lower() not in text.lower()}
    assert not missing, f"printed by no document (print them, or list them in NOT_PRINTED): " \
                        f"{sorted(missing)}"


def test_the_terms_of_payment_speak_of_contributions_only_where_the_budget_splits_them(
        pack, tmp_path: Path) -> None:
    """A convention that splits no budget between the Parties sets no contribution: it speaks of
    them « le cas échéant », never as if it had fixed them."""
    sentence = ("les modalités de versement des contributions financières des Parties sont "
                "arrêtées par les instances de gouvernance")
    data = yaml.safe_load((EXAMPLES[0].parent / "exemple-gme.yaml").read_text("utf-8"))
    del data["budget"]  # the example states its terms of payment
    source = tmp_path / "projet.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    result = build_project(str(source), BuildOptions(outdir=tmp_path / "sortie"))
    assert result.ok and result.outdir is not None
    bare = plain(Doc(result.outdir / "convention-de-partenariat.docx").text)
    assert f"Le cas échéant, {sentence}" in bare
    gme = plain(_example(pack, "exemple-gme")["convention-de-partenariat"].text)
    assert ("versées selon les modalités suivantes : chaque membre autre que le pilote verse sa "
            "participation") in gme
    # A budget split without terms of payment: the instances fix them, with no « le cas échéant ».
    split = plain(_example(pack, "exemple-caracteres")["convention-de-partenariat"].text)
    assert ("Les modalités de versement des contributions financières sont arrêtées par les "
            "instances de gouvernance") in split and "Le cas échéant, les modalités" not in split


def test_the_party_that_holds_contributions_answers_to_the_others_agreed_with_their_number(
        pack) -> None:
    """Between two Parties the holder of the contributions answers to « l'autre Partie », for
    its account (« pour le compte de l'autre Partie »: « son compte » would read as the
    holder's own); between four, to « les autres Parties »."""
    two = plain(_example(pack, "exemple-caracteres")["convention-de-partenariat"].text)
    assert ("La Partie qui reçoit des contributions de l'autre Partie pour les employer au projet "
            "les gère pour le compte de l'autre Partie : elle les inscrit dans une comptabilité "
            "distincte de ses propres opérations et ne les emploie qu'aux dépenses de l'action "
            "du plan d'action (annexe 2), dans la limite de son besoin financier ; chaque "
            "année, elle rend compte à l'autre Partie de leur emploi, par un état des recettes et "
            "des dépenses accompagné des justificatifs demandés.") in two
    four = plain(_example(pack, "exemple-complet")["convention-de-partenariat"].text)
    assert ("La Partie qui reçoit des contributions des autres Parties pour les employer au "
            "projet les gère pour le compte des autres Parties") in four
    assert "chaque année, elle rend compte aux autres Parties de leur emploi" in four


def test_a_single_instance_and_two_partners_are_agreed_with_in_the_charte_and_the_fiche(
        pack) -> None:
    """exemple-caracteres: one instance (« sa composition »), two Parties (the notice of a
    withdrawal goes to « l'autre Partie »); exemple-complet: two instances, four Parties."""
    docs = _example(pack, "exemple-caracteres")
    charte = plain(docs["charte-de-cooperation"].text)
    assert ("La coopération s'appuie sur l'instance suivante : Comité « Quai & Co » (chaque "
            "mois).") in charte
    assert "Sa composition, son rôle et ses règles de décision sont précisés" in charte
    assert ("Une Partie peut se retirer du projet en respectant un préavis de trente (30) "
            "jours, notifié à l'autre Partie par lettre recommandée avec demande d'avis de "
            "réception.") in plain(docs["gouvernance"].text)
    complet = _example(pack, "exemple-complet")
    assert "Leur composition, leur rôle et leurs règles de décision sont précisés" in plain(
        complet["charte-de-cooperation"].text)
    assert "notifié aux autres Parties par lettre recommandée" in plain(
        complet["gouvernance"].text)
