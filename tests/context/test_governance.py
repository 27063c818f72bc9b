"""Derived values of the governance and stakeholder contexts (coopdocs.context.governance,
coopdocs.context.votes, coopdocs.context.stakeholders)."""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest

from coopdocs.check.parties import build_model
from coopdocs.context.assemble import build_context
from coopdocs.context.governance import governance_context
from coopdocs.context.picture import Drawing, Table
from coopdocs.context.stakeholders import stakeholders_context as _stakeholders_context
from coopdocs.context.votes import decision_phrase, mode_definition, vote_rules_text
from coopdocs.french.names import full_name
from coopdocs.vocabulary import strategy

NBSP, NNBSP = "\u00a0", "\u202f"


def _governance(data: dict) -> dict:
    """The fiche's context as `build_context` makes it: one parties model, the convention's
    article numbers (the fiche refers to its clauses)."""
    articles = build_context(data)["articles"]
    return governance_context(data, build_model(data), articles)


def stakeholders_context(data: dict) -> dict:
    return _stakeholders_context(data, build_model(data))


@pytest.fixture(scope="module")
def gov(complet) -> dict:
    return _governance(complet)


def _walk(value, path="ctx"):
    """Every (path, leaf) of a context, to look for None anywhere."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, f"{path}.{key}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")
    else:
        yield path, value


def _instance(gov: dict, ident: str) -> dict:
    return next(i for i in gov["instances"] if i["id"] == ident)


# --------------------------------------------------------------------------- vote rules


def test_copil_vote_rules_in_words(gov):
    text = _instance(gov, "copil")["regles_vote"]
    assert "majorité qualifiée des trois quarts des voix" in text
    assert "quorum de la moitié des membres" in text
    assert text == (
        "Décisions prises à la majorité qualifiée des trois quarts des voix exprimées, avec un "
        f"quorum de la moitié des membres ayant voix délibérative{NNBSP}; aucune voix "
        f"prépondérante{NNBSP}; une "
        "procuration au plus par membre. L'unanimité des membres ayant voix délibérative, "
        f"présents ou non, est requise pour{NBSP}: l'entrée d'un nouveau partenaire et la "
        "modification du budget."
    )


def test_consultative_instance_says_so(gov):
    cotech = _instance(gov, "cotech")
    assert cotech["decisionnelle"] is False
    assert cotech["nature"] == "Consultative"
    assert cotech["regles_vote"].startswith("Instance consultative")
    assert cotech["regles_vote"].endswith("Avis et propositions arrêtés par consensus.")
    assert "voix prépondérante" not in cotech["regles_vote"]


@pytest.mark.parametrize(
    ("rules", "expected"),
    [
        ({"mode": "consensus"}, "Décisions prises par consensus."),
        ({"mode": "consentement"}, "Décisions prises par consentement."),
        # Consensus means every member agrees: a quorum says which members, those present.
        (
            {"mode": "consensus", "quorum": Decimal("0.75")},
            "Décisions prises par consensus des membres présents ou représentés, pourvu que "
            "soit atteint un quorum des trois quarts des membres ayant voix délibérative.",
        ),
        (
            {"mode": "consensus", "quorum": Decimal("1")},
            "Décisions prises par consensus de tous les membres ayant voix délibérative, "
            "présents ou représentés.",
        ),
        (
            {"mode": "majorite_simple", "quorum": Decimal("0.5")},
            "Décisions prises à la majorité simple des voix exprimées, avec un quorum de la "
            f"moitié des membres ayant voix délibérative{NNBSP}; aucune voix prépondérante.",
        ),
        (
            {"mode": "majorite_absolue", "voix_preponderante": "presidence"},
            # The same words as the convention's article (context.votes.decision_phrase).
            "Décisions prises à la majorité absolue des voix des membres présents ou représentés"
            f"{NNBSP}; en cas d'égalité, la voix de la présidence est prépondérante.",
        ),
        (
            {"mode": "majorite_qualifiee", "seuil": Decimal("0.67"), "procurations_max": 2},
            "Décisions prises à la majorité qualifiée des deux tiers des voix exprimées"
            f"{NNBSP}; aucune voix prépondérante{NNBSP}; deux procurations au plus par membre.",
        ),
        (
            {"mode": "unanimite", "procurations_max": 0, "decisions_unanimite": ["Budget"]},
            f"Décisions prises à l'unanimité{NNBSP}; pas de procuration.",
        ),
    ],
)
def test_every_vote_mode_reads_as_french(rules, expected):
    assert vote_rules_text(rules) == expected


@pytest.mark.parametrize(
    ("reserved", "expected"),
    [
        (["Admettre un nouveau partenaire", "Statuts"],
         f"pour{NBSP}: admettre un nouveau partenaire et les statuts"),
        (["Exclusion d'un membre", "Vote du budget", "Clôture des comptes"],
         f"pour{NBSP}: l'exclusion d'un membre, le vote du budget et la clôture des comptes"),
        # An unknown noun: no article guessed, the items are labels of « les décisions ».
        (["Modification du budget", "Xylophone commun"],
         f"pour les décisions suivantes{NBSP}: modification du budget{NNBSP}; xylophone commun"),
        # A single decision is no list: the lead-in reads on as a sentence, without a colon.
        (["Admission d'un nouveau membre"], "pour l'admission d'un nouveau membre"),
        (["Xylophone commun"], f"pour la décision suivante{NBSP}: xylophone commun"),
    ],
)
def test_reserved_decisions_read_as_french_after_the_lead_in(reserved, expected):
    rules = {"mode": "majorite_simple", "decisions_unanimite": reserved}
    assert vote_rules_text(rules).endswith(f"est requise {expected}.")
    assert decision_phrase(rules).endswith(f"est requise {expected}")


def test_casting_vote_of_a_partner_is_named(complet):
    partners = {p["id"]: p for p in complet["partenaires"]}
    text = vote_rules_text({"mode": "majorite_simple", "voix_preponderante": "recycl"}, partners)
    assert "la voix de Recycl'Action 93 (RA93) est prépondérante" in text


def test_every_mode_has_a_definition(complet):
    data = copy.deepcopy(complet)
    base = data["gouvernance"]["instances"][1]
    modes = [
        "consensus",
        "consentement",
        "majorite_simple",
        "majorite_absolue",
        "majorite_qualifiee",
        "unanimite",
    ]
    data["gouvernance"]["instances"] = []
    for mode in modes:
        inst = copy.deepcopy(base)
        inst["id"] = mode
        inst["regles_de_vote"] = {
            "mode": mode,
            "seuil": Decimal("0.75") if mode == "majorite_qualifiee" else None,
        }
        data["gouvernance"]["instances"].append(inst)
    definitions = _governance(data)["definitions_modes"]
    assert len(definitions) == len(modes)
    assert all(f"{NBSP}: " in d and d.endswith(".") for d in definitions)
    assert definitions[0].startswith("Consensus")
    assert "objection" in definitions[1]
    assert "plus de voix pour que de voix contre" in definitions[2]
    assert "plus de la moitié" in definitions[3]
    assert "tous les membres" in definitions[5]


# --------------------------------------------------------------------------- composition


def test_composition_seats_votes_and_function(gov):
    copil = _instance(gov, "copil")
    # Seats and votes in words, as a contract writes small numbers; RA93's « Présidente » is
    # said once, by the presidency sentence (« assurée d'abord par RA93 »), not next to its name.
    assert copil["composition"][0] == f"Recycl'Action 93 (RA93){NBSP}: un siège, une voix"
    assert copil["composition"][1] == f"Répar'Tout{NBSP}: un siège, une voix"
    assert f"Total{NBSP}: quatre sièges, quatre voix." in copil["composition"]
    assert copil["total_voix"] == 4
    assert copil["invites"] == ["un·e représentant·e du réseau"]


def test_vote_shares_of_the_example_are_balanced(gov):
    copil = _instance(gov, "copil")
    assert [m["part"] for m in copil["membres"]] == [Decimal("0.25")] * 4
    assert copil["equilibre"]["alerte"] is False
    assert copil["equilibre"]["part_max_texte"] == f"25{NBSP}%"
    assert gov["alerte_equilibre"] is False
    # Only decision-making instances are listed under « équilibre des pouvoirs ».
    assert [e["instance"] for e in gov["equilibre"]] == ["Comité de pilotage"]


def _with_copil_votes(complet, votes: dict[str, int]) -> dict:
    data = copy.deepcopy(complet)
    for member in data["gouvernance"]["instances"][0]["composition"]:
        member["voix"] = votes.get(member["partenaire"], member["voix"])
    return data


def test_more_than_half_of_the_votes_is_flagged(complet):
    ctx = _governance(_with_copil_votes(complet, {"recycl": 4}))  # 4 of 7
    copil = _instance(ctx, "copil")
    assert copil["total_voix"] == 7
    assert copil["membres"][0]["part"] > Decimal("0.5")
    assert copil["equilibre"]["alerte"] is True
    assert copil["equilibre"]["dominant"] == "Recycl'Action 93 (RA93)"
    assert "plus de la moitié" in copil["equilibre"]["texte"]
    assert ctx["alerte_equilibre"] is True


def test_exactly_half_is_not_a_majority(complet):
    ctx = _governance(_with_copil_votes(complet, {"recycl": 3}))  # 3 of 6
    copil = _instance(ctx, "copil")
    assert copil["membres"][0]["part"] == Decimal("0.5")
    assert copil["equilibre"]["alerte"] is False


def test_member_without_vote(complet):
    ctx = _governance(_with_copil_votes(complet, {"plaine": 0}))
    copil = _instance(ctx, "copil")
    assert copil["composition"][3].endswith("un siège, sans voix délibérative")
    assert copil["total_voix"] == 3


def test_a_member_s_function_is_written_as_the_convention_writes_it(example_data):
    """exemple-reseau: the network's « Animation » in the assembly, in lower case and in
    brackets as the convention lists it (« (animation, sans voix délibérative) »)."""
    assembly = _instance(_governance(example_data("reseau")), "assemblee")
    assert assembly["composition"][8] == (
        f"Réseau des SIAE de Seine-Saint-Denis (non partie à la convention){NBSP}: un siège, "
        "sans voix délibérative (animation)")


def test_with_a_convention_the_fiche_speaks_of_parties_entering_and_leaving(example_data):
    """exemple-reseau: the entry conditions (« Être une structure de l'insertion… ») are those to
    become a Party; the Département and the company sit without being Parties."""
    entry = _governance(example_data("reseau"))["entree_sortie"]
    assert (entry["titre_entree"], entry["titre_retrait"]) == (
        "Entrée d'une nouvelle Partie", "Retrait d'une Partie")
    data = example_data("minimal")
    data["statut_juridique"]["forme"] = "charte"
    entry = _governance(data)["entree_sortie"]
    assert (entry["titre_entree"], entry["titre_retrait"]) == (
        "Entrée d'un nouveau partenaire", "Retrait d'un partenaire")


def test_operation_in_words(gov):
    assert _instance(gov, "copil")["fonctionnement"] == [
        # `presidence: tournante` and RA93's « Présidente » read together (check.parties).
        "Présidence tournante entre les membres, assurée d'abord par RA93.",
        "Convocation au moins quinze jours à l'avance.",
        "Compte rendu rédigé à tour de rôle et diffusé sous dix jours.",
        "Participation à distance possible.",
    ]
    assert _instance(gov, "copil")["frequence"] == "Trimestrielle"


# --------------------------------------------------------------------------- other blocks


def test_who_does_what(gov):
    rows = gov["qui_fait_quoi"]["lignes"]
    assert rows[0] == {"domaine": "Suivi économique", "partenaire": "Recycl'Action 93 (RA93)"}
    # The réseau does not sign the convention: what it does is support, not an obligation.
    assert {"domaine": "Communication", "partenaire":
            "Réseau des SIAE de l'Est francilien (appui, non partie à la convention)"} in rows
    # A signed annex lists who does what; it does not print a to-do list of unassigned domains.
    assert len(rows) == 4 and gov["qui_fait_quoi"]["manque"] == ""
    assert "a_attribuer" not in gov["qui_fait_quoi"]


def test_keep_alive_rows(gov):
    first, second = gov["faire_vivre"]
    assert first["outils"] == ["Journée sur site", "Tableau de bord partagé"]
    assert first["frequence"] == "Annuelle"
    assert first["referents"] == (
        "Réseau des SIAE de l'Est francilien (appui, non partie à la convention)")
    assert second["referents"] == "AIC"
    assert second["frequence"] == "Tous les deux mois"
    assert second["indicateurs"] == ["—"]


def test_conflicts_and_entry_exit(gov):
    steps = gov["conflits"]["etapes"]
    assert [s["numero"] for s in steps] == ["Étape 1", "Étape 2"]
    assert steps[0]["texte"] == "Discussion entre les référent·e·s concerné·e·s."
    # The file writes « Le réseau des SIAE… »; the partner it names is « Réseau des SIAE… ».
    assert "le Réseau des SIAE de l'Est francilien" in gov["conflits"]["mediation_texte"]
    notice = gov["entree_sortie"]["preavis_texte"]
    assert "quatre-vingt-dix (90) jours" in notice
    assert gov["entree_sortie"]["conditions_entree"] == [
        "Adhésion à la charte et accord unanime du comité de pilotage."
    ]


def test_a_withdrawal_is_notified_to_those_it_binds(complet):
    """With a convention, the other Parties (exemple-complet: four, the coordinating network
    signs none), by registered letter as its article says; with a charte alone, its other
    signatories in writing, as the charte says; with neither, the other partners."""
    days = "quatre-vingt-dix (90) jours"
    assert _governance(complet)["entree_sortie"]["preavis_texte"] == (
        f"Une Partie peut se retirer du projet en respectant un préavis de {days}, notifié aux "
        "autres Parties par lettre recommandée avec demande d'avis de réception.")
    data = copy.deepcopy(complet)
    data["statut_juridique"] = {"forme": "charte"}
    assert _governance(data)["entree_sortie"]["preavis_texte"] == (
        f"Un signataire de la charte peut se retirer du projet en respectant un préavis de "
        f"{days}, notifié par écrit aux autres signataires.")
    assert build_context(data)["pilotage"]["preavis_charte"] == f", avec un préavis de {days}"
    assert build_context(complet)["pilotage"]["preavis_charte"] == ""
    for partner in data["partenaires"][2:]:
        partner["signataire_charte"] = False
    assert _governance(data)["entree_sortie"]["preavis_texte"].endswith(
        "notifié par écrit à l'autre signataire.")
    data["partenaires"][1]["signataire_charte"] = False
    assert _governance(data)["entree_sortie"]["preavis_texte"] == (
        f"Un partenaire peut se retirer du projet en respectant un préavis de {days}, notifié "
        "par écrit aux autres partenaires.")


def test_a_groupement_member_withdraws_only_as_the_convention_allows(example_data):
    """exemple-gme: no member may leave between the offer and the signature of the market; a
    notice agreed in the file is printed under that reserve."""
    data = example_data("gme")
    data["gouvernance"]["entree_sortie"] = {"preavis_retrait_jours": 60}
    notice = _governance(data)["entree_sortie"]["preavis_texte"]
    assert notice == (
        "Sous réserve des règles propres au groupement que fixe l'article 22 (Entrée et retrait "
        "d'une Partie) de la convention, une Partie peut se retirer du projet en respectant un "
        "préavis de soixante (60) jours, notifié aux autres Parties par lettre recommandée avec "
        "demande d'avis de réception.")


def test_chef_de_file_and_coordinator(gov, minimal):
    # Epicene before a named person: « référent·e » would read as if nobody knew who it is.
    assert gov["chef_de_file"] == (
        f"Recycl'Action 93 (RA93) — personne référente{NBSP}: Julien MOREAU, directeur")
    assert gov["coordinateur"] == (
        "Réseau des SIAE de l'Est francilien (non partie à la convention)")
    small = _governance(minimal)
    assert small["chef_de_file"] == "Les Jardins de Bondy"  # from the partner's role
    assert small["coordinateur"] == ""


def test_minimal_example_has_explicit_blanks(minimal):
    small = _governance(minimal)
    assert small["faire_vivre"] == []
    assert small["qui_fait_quoi"]["lignes"] == []
    assert small["conflits"]["defini"] is False
    assert small["entree_sortie"]["defini"] is False
    assert small["instances"][0]["regles_vote"] == "Décisions prises par consensus."


@pytest.mark.parametrize("which", ["complet", "minimal"])
def test_no_none_reaches_the_templates(which, complet, minimal):
    data = complet if which == "complet" else minimal
    for ctx in (_governance(data), stakeholders_context(data)):
        nones = [p for p, v in _walk(ctx) if v is None and not p.endswith("image_grille")]
        assert nones == []


# --------------------------------------------------------------------------- stakeholders


@pytest.fixture(scope="module")
def carto(complet) -> dict:
    return stakeholders_context(complet)


def _row(carto: dict, name_start: str) -> dict:
    return next(r for r in carto["parties_prenantes"] if r["nom"].startswith(name_start))


def test_circles_follow_the_governance(carto):
    # Those who vote in the comité de pilotage decide together: the core, « co-décision ».
    for name in ("Recycl'Action", "Répar'Tout", "Association Intermédiaire",
                 "Établissement public territorial"):
        assert _row(carto, name)["cercle_code"] == "coeur", name
        assert _row(carto, name)["niveau_participation"] == "Co-décision"
    # The réseau coordinates without a vote: the operational circle, not the core.
    assert _row(carto, "Réseau des SIAE")["cercle_code"] == "operationnel"
    assert _row(carto, "Réseau des SIAE")["niveau_participation"] == "Co-construction"


def test_parties_prenantes_entry_overrides_partner(carto):
    plaine = _row(carto, "Établissement public territorial Plaine Commune")
    assert plaine["partenaire"] is True
    # It asks for « soutien » but votes in the copil: the map keeps it at the core (and
    # `validate` warns, cercle-incoherent).
    assert plaine["cercle_code"] == "coeur"
    assert plaine["role"] == "Financeur et propriétaire du local."
    assert (plaine["influence"], plaine["interet"]) == ("Forte", "Fort")
    assert plaine["strategie"] == "Gérer étroitement"
    # The partner is listed once, not once as partner and once as stakeholder.
    names = [r["nom"] for r in carto["parties_prenantes"]]
    assert len(names) == len(set(names)) == 7


def test_override_can_move_a_partner_to_another_circle(complet):
    data = copy.deepcopy(complet)
    entry = next(p for p in data["parties_prenantes"] if p.get("partenaire") == "plaine")
    entry["cercle"], entry["niveau_participation"] = "coeur", None
    rows = stakeholders_context(data)["parties_prenantes"]
    plaine = next(r for r in rows if r["nom"].startswith("Établissement public"))
    assert plaine["cercle_code"] == "coeur"
    assert plaine["niveau_participation"] == "Co-décision"


def test_order_by_circle_then_name(carto):
    rows = carto["parties_prenantes"]
    order = ["coeur", "operationnel", "soutien", "environnement"]
    assert [order.index(r["cercle_code"]) for r in rows] == sorted(
        order.index(r["cercle_code"]) for r in rows
    )
    assert [r["nom"] for r in rows[:5]] == [
        "Association Intermédiaire de La Courneuve (AIC)",
        "Établissement public territorial Plaine Commune",
        "Recycl'Action 93 (RA93)",
        "Répar'Tout",
        "Réseau des SIAE de l'Est francilien",
    ]
    assert rows[-1]["nom"] == "Habitant·e·s des quartiers riverains"


def test_strategy_matches_the_chart(carto):
    for row in carto["parties_prenantes"]:
        if row["influence_code"] and row["interet_code"]:
            expected = strategy(row["influence_code"], row["interet_code"])
            assert row["strategie"].lower() == expected
        else:
            assert row["strategie"] == "—"
    assert _row(carto, "Syndicat")["strategie"] == "Satisfaire"
    assert _row(carto, "Habitant")["strategie"] == "Informer"


def test_stakeholder_columns(carto):
    sictom = _row(carto, "Syndicat")
    assert sictom["type"] == "Collectivité"
    assert sictom["apports"] == ["Orientation des apports volontaires vers la ressourcerie."]
    assert sictom["referent"] == "RA93"
    recycl = _row(carto, "Recycl'Action")
    assert f"Apport financier{NBSP}: 20\u202f000,00{NBSP}€." in recycl["apports"]
    assert recycl["referent"] == "Julien MOREAU, directeur"
    assert recycl["type"] == "Atelier et chantier d'insertion (ACI)"


def test_a_public_partner_is_typed_by_its_legal_form(complet):
    """Plaine Commune, an établissement public territorial filed as an EPCI with the type
    « collectivite », is no « Collectivité » on the map (juriste-A #16): what the law makes it,
    as the convention identifies it; a category the map is asked for still wins."""
    data = copy.deepcopy(complet)
    assert _row(stakeholders_context(data), "Établissement public territorial")["type"] == (
        "Établissement public de coopération intercommunale")
    entry = next(pp for pp in data["parties_prenantes"] if pp.get("partenaire") == "plaine")
    entry["categorie"] = "financeur"
    assert _row(stakeholders_context(data), "Établissement public territorial")["type"] == (
        "Financeur")


def _ring_of(drawing: Drawing, text: str) -> int:
    """Which ring (0: the core) holds the label that starts with ``text``: the number of
    ellipses whose box contains the label's centre, counted from the outside in, minus one."""
    label = next(lbl for lbl in drawing.labels
                 if " ".join(r.text for p in lbl.paragraphs for r in p.runs).startswith(text))
    x, y = label.x + label.width / 2, label.y + label.height / 2
    inside = [e for e in drawing.ellipses
              if ((x - e.centre[0]) / (e.width / 2)) ** 2
              + ((y - e.centre[1]) / (e.height / 2)) ** 2 < 1]
    return len(drawing.ellipses) - len(inside)


def test_circles_place_each_stakeholder_in_the_circle_of_its_row(carto, complet, minimal):
    drawing = carto["image_cercles"]
    assert isinstance(drawing, Drawing)
    rings = {"coeur": 0, "operationnel": 1, "soutien": 2, "environnement": 3}
    for row in carto["parties_prenantes"]:
        assert _ring_of(drawing, row["nom"][:20]) == rings[row["cercle_code"]], row["nom"]
    # Bold means one thing, said in the legend: a Party. The network partner that does not
    # sign the convention is not in bold.
    bold = {" ".join(r.text for p in lbl.paragraphs for r in p.runs)
            for lbl in drawing.labels if lbl.paragraphs[0].runs[0].bold}
    parties = {full_name(p) for p in complet["partenaires"]
               if p["id"] in build_model(complet).convention_signatories}
    assert "Réseau des SIAE de l'Est francilien" not in bold
    assert bold == parties | {"Cœur", "Opérationnel", "Soutien", "Environnement"}
    assert " ".join(r.text for r in drawing.labels[-1].paragraphs[0].runs) == (
        "En gras\u00a0: les Parties à la convention.")
    assert isinstance(stakeholders_context(minimal)["image_cercles"], Drawing)


def test_the_legends_name_the_act_the_parties_sign(example_data):
    """exemple-scic prepares statuts: its Parties sign an accord préalable, not a convention."""
    carto = build_context(example_data("scic"))["cartographie"]
    legend = " ".join(r.text for r in carto["image_cercles"].labels[-1].paragraphs[0].runs)
    assert legend == "En gras\u00a0: les Parties à l'accord préalable."
    last = carto["image_grille"].rows[-1].cells[0].paragraphs[0].runs[0].text
    assert last == "En gras\u00a0: les Parties à l'accord préalable."


def test_grid_puts_each_evaluated_stakeholder_in_its_quadrant(carto, minimal):
    grid = carto["image_grille"]
    assert isinstance(grid, Table)
    cells = {c.paragraphs[0].runs[0].text: [p.runs[0].text for p in c.paragraphs[1:]]
             for row in grid.rows[1:] for c in row.cells[1:]}
    assert cells == {"Satisfaire": ["Syndicat de traitement des déchets"],
                     "Gérer étroitement": ["Établissement public territorial Plaine Commune"],
                     "Surveiller": ["Aucun acteur"],
                     "Informer": ["Habitant·e·s des quartiers riverains"]}
    assert carto["a_grille"] is True
    small = stakeholders_context(minimal)
    assert small["image_grille"] is None and small["a_grille"] is False


def test_circle_legend(carto):
    legend = {c["code"]: c for c in carto["cercles"]}
    assert list(legend) == ["coeur", "operationnel", "soutien", "environnement"]
    assert legend["coeur"]["membres"] == (
        "l'Association Intermédiaire de La Courneuve (AIC), l'Établissement public territorial "
        "Plaine Commune, Recycl'Action 93 (RA93) et Répar'Tout"
    )
    assert legend["coeur"]["niveau"] == "Co-décision"
    # No advice to the reader: the stakeholders not yet evaluated are a visible gap.
    assert carto["non_evaluees_texte"] == (
        "[À compléter\u00a0: l'influence et l'intérêt de Recycl'Action 93 (RA93), de Répar'Tout, "
        "de l'Association Intermédiaire de La Courneuve (AIC) et du Réseau des SIAE de l'Est "
        "francilien]")


def test_the_definition_of_consensus_follows_its_quorum() -> None:
    """Under a quorum, « tous les membres » of the glossary are those present or represented."""
    assert mode_definition({"mode": "consensus", "quorum": Decimal("0.75")}) == (
        f"Consensus{NBSP}: la décision se construit par la discussion jusqu'à ce que tous les "
        "membres ayant voix délibérative présents ou représentés l'acceptent, sans passer par "
        "un vote.")
    # A quorum of all: the rule says « tous les membres ayant voix délibérative, présents ou
    # représentés », and so does the glossary under it.
    assert mode_definition({"mode": "consensus", "quorum": Decimal("1")}) == (
        f"Consensus{NBSP}: la décision se construit par la discussion jusqu'à ce que tous les "
        "membres ayant voix délibérative, présents ou représentés, l'acceptent, sans passer "
        "par un vote.")
    # A member who sits with a consultative voice is heard; no agreement of his is needed
    # (a funder's refusal would otherwise block the consensus it has no vote in).
    assert "tous les membres ayant voix délibérative l'acceptent" in mode_definition(
        {"mode": "consensus"})
    assert "aucun membre ayant voix délibérative, présent ou représenté, n'y oppose" in \
        mode_definition({"mode": "consentement", "quorum": Decimal("1")})


def test_a_single_delegated_attribution_is_no_list(example_data):
    """exemple-reseau's comité de pilotage with one attribution: « l'attribution suivante »."""
    data = example_data("reseau")
    copil = next(i for i in data["gouvernance"]["instances"] if i["id"] == "copil")
    copil["attributions"] = ["Arrêter le calendrier des actions de communication"]
    delegation = build_context(data)["pilotage"]["delegations"][0]
    assert (f"siègent avec voix délibérative, l'attribution suivante{NBSP}: arrêter le "
            "calendrier des actions de communication. Ses décisions") in delegation
