"""Coherence of the pack: the documents must tell one story (the parties model of `check.parties`).

Errors where the documents would contradict themselves and no reading settles it: one partner's
money stated as three different amounts, a budget total that is not the sum of the actions'
needs, a contractual obligation (to pay, to carry an action) given to a structure that does not
sign the convention (a contract binds only its parties, art. 1199 C. civ.). Warnings where the
file says one thing two ways and the documents print one reading of it (a presidency both given
and rotating, a voting partner placed outside the core circle of the map), where the convention
would bind a Party to money the plan says is only asked of it, or where a juriste would ask a
question (a structure that does not sign votes on decisions).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from coopdocs.check.gaps import joint_purchase, subsidising
from coopdocs.check.parties import PartiesModel, build_model, money_to_other_pilots
from coopdocs.check.rules.base import error, warning
from coopdocs.errors import Problem
from coopdocs.french.figures import montant
from coopdocs.french.grammar import count, de, liste
from coopdocs.french.labels import label
from coopdocs.french.names import message_name
from coopdocs.vocabulary import DECIDED_FUNDING, FUNDING_STATUSES, RESERVED_DECISIONS

__all__ = ["check_coherence"]

_WHERE = {"apport": "son apport financier", "financements": "les financements des actions",
          "repartition": "la répartition du budget"}
_EXPLAIN = ("Corrigez les montants pour qu'ils concordent, ou expliquez l'écart dans "
            "« budget.explication_ecarts » : la convention l'imprimera.")


def check_coherence(data: dict[str, Any]) -> list[Problem]:
    model = build_model(data)
    names = {p["id"]: message_name(p) for p in data.get("partenaires") or []}
    index = {p["id"]: i for i, p in enumerate(data.get("partenaires") or [])}
    return [*_money(model, names, index), *_asked_apports(model, data, names, index),
            *_totals(model), *_non_parties(model, names, index),
            *_presidencies(model, names), *_circles(model, names),
            *_delegations(model, data), *_reserved_delegations(model, data),
            *_money_said_not_to_move(data, names)]


def _money_said_not_to_move(data: dict[str, Any], names: dict[str, str]) -> list[Problem]:
    """`budget.sans_versement` makes the convention say that no sum passes between the
    Parties; a holder of the contributions, terms of payment, joint purchases, a subsidy or a
    Party's money given to an action another Party pilots make it pay one Party from another's
    money: the financial article would state both."""
    budget = data.get("budget") or {}
    if not budget.get("sans_versement"):
        return []
    reasons, fields, undo = [], [], []
    holder = budget.get("gestionnaire")
    if holder:
        reasons.append("« gestionnaire » fait verser les contributions à "
                       f"{names.get(holder, holder)}")
        fields.append("« gestionnaire »")
    if str(budget.get("modalites_versement") or "").strip():
        reasons.append("« modalites_versement » dit comment elles sont versées")
        fields.append("« modalites_versement »")
    if joint_purchase(data) is not None:
        reasons.append("dans un achat groupé, les autres Parties remboursent celle qui passe les "
                       "commandes")
        if budget.get("achats_groupes"):
            fields.append("« achats_groupes »")
    reasons += [f"{names[funder['id']]} verse une subvention" for _, funder in subsidising(data)]
    given = money_to_other_pilots(data)
    if given:
        _, action, line = given[0]
        others = len(given) - 1
        more = count(others, "autre financement", "autres financements")
        reasons.append(f"{names[line['source']]} finance l'action « {action.get('id')} », que "
                       f"pilote {names[action['pilote']]}"
                       + (f", comme {more} du plan d'action" if others else ""))
        undo.append("faites financer chaque action par la seule Partie qui la pilote")
    if not reasons:
        return []
    if fields:
        undo.insert(0, f"retirez {liste(fields)}")
    return [error(
        "sans-versement-contradictoire", ("budget", "sans_versement"),
        "« sans_versement: true » fait dire à la convention qu'aucune somme ne passe entre les "
        f"Parties, mais {liste(reasons)} : la convention dirait les deux.",
        "Si de l'argent passe bien d'une Partie à une autre, retirez « sans_versement » et "
        "dites dans « modalites_versement » comment il est versé"
        + (f" ; sinon, {liste(undo)}." if undo else "."))]


def _delegations(model: PartiesModel, data: dict[str, Any]) -> list[Problem]:
    """An instance that decides without every Party decides for the absent ones by their
    delegation: the convention writes it, bounded by the instance's `attributions`; with none,
    only its role bounds it, which a juriste finds too vague to bind the absent Parties."""
    problems = []
    raw = (data.get("gouvernance") or {}).get("instances") or []
    for instance in model.instances:
        absent = model.absent_parties(instance)
        if not absent or instance.position >= len(raw) \
                or (raw[instance.position] or {}).get("attributions"):
            continue
        parties = len(model.convention_signatories)
        problems.append(warning(
            "delegation-imprecise", ("gouvernance", "instances", instance.position),
            f"« {instance.name} » décide sans réunir toutes les Parties ({parties - len(absent)} "
            f"sur {parties} y votent) : la convention indique que les autres lui délèguent les "
            "décisions qui relèvent de son rôle, sans dire lesquelles.",
            "Listez dans « attributions » les décisions que les Parties lui confient ; la "
            "convention les imprimera comme l'étendue de la délégation."))
    return problems


# The decisions the convention keeps for all the Parties (vocabulary.RESERVED_DECISIONS) that
# free text can be recognised to give: an attribution that gives one of these to an instance
# where some Parties do not vote contradicts that clause. Preparing, proposing or examining such
# a decision is no decision: « proposer l'admission d'un nouveau membre » is fine. (The Parties'
# financial commitments are not looked for: « engager les dépenses du plan » spends what the
# Parties committed, it commits none of them.)
_RECOGNISED = (
    # The admission word must govern a partner noun (« admettre un nouveau partenaire »,
    # « l'entrée d'une nouvelle structure »): « accueillir les nouveaux bénévoles » or « suivre
    # l'adhésion des nouveaux usagers » admit no Party.
    ("entree",
     re.compile(r"\b(admettre|admission|entrée|adhésion)\s+(?:(?:d['’]|de|des|du|un|une|les|"
                r"la|le|l['’])\s*)*(?:nouve\w+\s+)?(partenaires?|membres?|parties?|"
                r"structures?)\b", re.IGNORECASE)),
    # The convention itself, or an avenant: « modifier le calendrier d'un commun accord » is not.
    ("modification",
     re.compile(r"\b(modifi\w*|réviser|révision)\b.*\bconvention\b|\bavenants?\b",
                re.IGNORECASE)),
)
# « Donner son accord à l'entrée… » and « rendre un avis conforme » decide: not listed here.
_PREPARING = re.compile(r"^\s*(proposer|préparer|instruire|examiner|étudier|émettre un avis|"
                        r"recevoir|recueillir|présenter)\b", re.IGNORECASE)


def _reserved_delegations(model: PartiesModel, data: dict[str, Any]) -> list[Problem]:
    """An instance that decides without every Party given, among its attributions, a decision
    the convention keeps for all of them (the entry of a new Party, the modification of the
    convention): the same article would delegate it and reserve it."""
    problems = []
    raw = (data.get("gouvernance") or {}).get("instances") or []
    for instance in model.instances:
        if not model.absent_parties(instance) or instance.position >= len(raw):
            continue
        # The attributions only: they are what the convention says is delegated (a unanimity
        # rule on the entry of a partner may read as a step before the Parties' avenant).
        for n, text in enumerate((raw[instance.position] or {}).get("attributions") or []):
            code = next((code for code, pattern in _RECOGNISED
                         if pattern.search(str(text)) and not _PREPARING.match(str(text))), None)
            if code is None:
                continue
            what = RESERVED_DECISIONS[code].format(de_la="de la convention")
            problems.append(warning(
                "delegation-reservee", ("gouvernance", "instances", instance.position,
                                        "attributions", n),
                f"« {instance.name} » décide sans réunir toutes les Parties, et le fichier lui "
                f"confie « {str(text).strip()} » : la convention réserve pourtant "
                f"{what} à l'ensemble des Parties. Le même article la déléguerait et la "
                "réserverait.",
                "Retirez cette décision de l'instance (elle se prend par un avenant signé de "
                "toutes les Parties), ou dites ce que l'instance en fait sans décider : "
                "« proposer l'admission d'un nouveau partenaire », « instruire les demandes "
                "d'entrée »."))
    return problems


def _money(model: PartiesModel, names: dict[str, str],
           index: dict[str, int]) -> list[Problem]:
    problems = []
    for pid, money in model.money.items():
        if money.agrees or model.explained_gap:
            continue
        figures = "; ".join(f"{_WHERE[k]} : {montant(v)}" for k, v in money.figures().items())
        path = (("partenaires", index[pid], "contribution", "apport_financier")
                if money.apport is not None else money.share_path or ("partenaires", index[pid]))
        problems.append(error(
            "argent-incoherent", path,
            f"Les documents donneraient plusieurs montants pour ce qu'apporte {names[pid]} "
            f"({figures}).", _EXPLAIN))
    return problems


def _asked_apports(model: PartiesModel, data: dict[str, Any], names: dict[str, str],
                   index: dict[str, int]) -> list[Problem]:
    """A Party's `apport_financier`, or failing one its share of `budget.repartition`, that
    counts money the plan only asks of it.

    The convention's card states the apport as a firm commitment (« … s'engage à … un apport
    financier de … »); a plan line « sollicité » or « à solliciter » is money the Party gives
    only if it so decides, which binds it to nothing (art. 1304-2 of the civil code). The rule:
    a Party that signs the convention, has plan lines not yet « acquis », and whose apport is
    above its « acquis » plan money but not above all its plan money (decided + asked). Then the
    apport can only be read as counting asked money, and the two documents contradict each
    other; without `budget.explication_ecarts`, the only such apport `argent-incoherent` lets
    through is the sum of every line, the case this rule is for.

    Silent otherwise, to keep false alarms rare: an apport equal to its decided money (the asked
    part is then on top of it, as the plan shows), a Party without plan lines (nothing says its
    money is only asked for), and an apport above all its plan money: it then covers costs
    outside the plan too (which the file must explain), and whether it also counts the asked
    money or leaves it aside cannot be told; a warning there could not be answered by a right
    file, and would block `validate --strict` for good.

    The budget article says the split of the budget « fixe l'engagement financier de chaque
    Partie »: a share is a firm commitment too, and the same range applies to it. Its way out is
    not a lower share (the split adds up to the whole budget, asked money included) but no split:
    each Party's card then states the money it has decided, and the plan keeps the asked part.
    """
    problems = []
    plan = data.get("plan_action") or []
    for pid, money in model.money.items():
        apport, decided, asked = money.apport, money.decided or Decimal(0), money.asked
        committed = apport if apport is not None else money.share
        if committed is None or money.financings is None or not model.signs_convention(pid) \
                or not decided < committed <= money.financings:
            continue
        lines = [(action, line) for action in plan for line in action.get("financements") or []
                 if line.get("source") == pid and line.get("statut") != DECIDED_FUNDING]
        statuses = liste((f"« {label('statut_financement', s)} »" for s in FUNDING_STATUSES
                          if any(line.get("statut") == s for _, line in lines)), "ou")
        actions = list(dict.fromkeys(f"« {action.get('id')} »" for action, _ in lines))
        where = ("de l'action " if len(actions) == 1 else "des actions ") + liste(actions)
        # The budget article says the split « fixe l'engagement financier de chaque Partie »:
        # a lower share would no longer add up to the budget (repartition-somme), so the split
        # goes as a whole, and each card states the decided money.
        whole_split = "« budget.repartition » (la répartition du budget compte la part demandée)"
        split = f", retirez {whole_split}" if money.share is not None else ""
        if decided:
            plan_says = (f"le plan d'action ne donne comme « acquis » que {montant(decided)} de "
                         f"ses financements, le reste ({montant(asked)}) au statut {statuses}")
            lower = f"ramenez « apport_financier » à l'argent décidé ({montant(decided)}){split}"
        else:
            plan_says = (f"le plan d'action laisse tous ses financements ({montant(asked)}) au "
                         f"statut {statuses}")
            lower = "retirez « apport_financier »" + (
                f" et {whole_split}" if money.share is not None else "")
        partner = (data.get("partenaires") or [])[index[pid]]
        if (partner.get("contribution") or {}).get("subvention"):
            # A subsidy's amount is what the convention allocates: it is never removed, the
            # lines become « acquis » when the subsidy is voted.
            lower = ""
        if apport is None:
            problems.append(warning(
                "apport-non-acquis", money.share_path or ("budget", "repartition"),
                f"La convention fixe l'engagement financier {de(names[pid])} à "
                f"{montant(committed)}, sa part de la répartition du budget, mais {plan_says}, "
                "c'est-à-dire encore soumis à sa décision : les deux documents se "
                "contrediraient.",
                f"Si {names[pid]} a décidé cette somme, passez au statut « acquis » ses "
                f"financements {where} ; sinon, retirez « budget.repartition » : chaque Partie "
                "s'engage alors, dans ses engagements propres, sur l'argent qu'elle a décidé, et "
                "le plan d'action garde la part demandée."))
            continue
        problems.append(warning(
            "apport-non-acquis", ("partenaires", index[pid], "contribution", "apport_financier"),
            f"La convention engage fermement {names[pid]} à un apport financier de "
            f"{montant(committed)}, mais {plan_says}, c'est-à-dire encore soumis à sa décision : "
            "les deux documents se contrediraient.",
            f"Si {names[pid]} a décidé cet apport, passez au statut « acquis » ses financements "
            f"{where} ; sinon, {lower} et laissez la part demandée dans le plan d'action, où "
            "elle reste soumise à sa décision." if lower else
            f"Passez au statut « acquis » ses financements {where} dès que la subvention est "
            "votée : la convention ne peut attribuer qu'une subvention décidée."))
    return problems


def _totals(model: PartiesModel) -> list[Problem]:
    total, needs = model.budget_total, model.needs_total
    if total is None or needs is None or total == needs or model.explained_gap:
        return []
    return [error(
        "budget-incoherent", ("budget", "total"),
        f"Le budget total ({montant(total)}) n'est pas la somme des besoins financiers des "
        f"actions du plan d'action ({montant(needs)}) : la convention et le plan d'action "
        "donneraient deux budgets.", _EXPLAIN)]


def _non_parties(model: PartiesModel, names: dict[str, str],
                 index: dict[str, int]) -> list[Problem]:
    if not model.convention:
        return []
    problems = []
    for pid, duties in model.duties.items():
        if pid not in names or model.signs_convention(pid):
            continue
        binding = [d for d in duties if d.binding]
        for duty in binding:
            problems.append(error(
                "engagement-non-partie", duty.path,
                f"{names[pid]} ne signe pas la convention mais le fichier lui confie "
                f"{duty.what} : une structure qui n'est pas partie au contrat ne peut pas y "
                "être engagée (art. 1199 du Code civil).",
                f"Faites signer la convention à {names[pid]} (signataire_convention: true), ou "
                "confiez cette charge à une Partie."))
        support = [d for d in duties if not d.binding]
        if support:
            what = liste(sorted({d.what for d in support}))
            problems.append(warning(
                "appui-non-partie", support[0].path,
                f"{names[pid]} ne signe pas la convention ; les documents présentent ce que le "
                f"fichier lui confie ({what}) comme un appui apporté à la demande des Parties, "
                "sans engagement de sa part.",
                f"Si ces missions doivent l'engager, faites signer la convention à {names[pid]}, "
                "ou demandez-lui une lettre d'engagement séparée."))
    for instance in model.instances:
        if not instance.decisive:
            continue
        for seat in instance.seats:
            if seat.votes and not seat.signatory and seat.partner in names:
                problems.append(warning(
                    "vote-non-partie",
                    ("gouvernance", "instances", instance.position, "composition",
                     seat.position),
                    f"{names[seat.partner]} ne signe pas la convention mais vote au sein de "
                    f"« {instance.name} », qui prend des décisions : la convention le dit "
                    "expressément, et ses décisions engageront les Parties.",
                    "Vérifiez que les Parties l'acceptent ; sinon donnez-lui une voix "
                    "consultative (voix: 0) ou faites-lui signer la convention."))
    return problems


def _presidencies(model: PartiesModel, names: dict[str, str]) -> list[Problem]:
    problems = []
    for instance in model.instances:
        presidency = instance.presidency
        if not presidency.conflict:
            continue
        chair = names.get(presidency.partner or "", presidency.partner)
        settled = f"la présidence confiée à {chair}"
        named = liste(names.get(p, p) for p in presidency.conflict)
        problems.append(warning(
            "presidence-double", ("gouvernance", "instances", instance.position, "presidence"),
            f"La présidence de « {instance.name} » est décrite deux fois (« presidence » et la "
            f"fonction de {named} dans la composition) : les documents indiquent {settled}.",
            "Gardez une seule description : « presidence » (un partenaire, tournante ou "
            "co_presidence), ou la fonction du membre dans « composition »."))
    return problems


def _circles(model: PartiesModel, names: dict[str, str]) -> list[Problem]:
    problems = []
    for pid, (asked, path) in model.requested_circles.items():
        placed = model.circles.get(pid)
        if placed is None or placed == asked:
            continue
        why = ("cette structure vote au sein d'une instance de décision" if placed == "coeur"
               else "cette structure ne vote dans aucune instance de décision")
        problems.append(warning(
            "cercle-incoherent", path,
            f"La cartographie place {names.get(pid, pid)} dans le cercle « "
            f"{label('cercle', placed)} » et non « {label('cercle', asked)} » : {why}.",
            "Le cœur de la cartographie réunit les structures qui décident ensemble : "
            "changez le cercle demandé, ou la composition des instances."))
    return problems
