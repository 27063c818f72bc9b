"""The "Rules that warn" of MODELE.md: the documents are still built, but someone should look.

Every check is silent when what it needs is missing (no budget, no plan d'action, territoire
without "(NN)"…): a warning must point at a real risk, never at an optional block left out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any

from coopdocs.check.gaps import joint_purchase, subsidising
from coopdocs.check.parties import money_to_other_pilots
from coopdocs.check.rules.base import effective_budget_total, inputs, items, mapping, warning
from coopdocs.errors import FieldPath, Problem
from coopdocs.french.dates import date_courte
from coopdocs.french.figures import montant, ordinal, pourcentage
from coopdocs.french.grammar import liste
from coopdocs.french.labels import label
from coopdocs.french.names import gendered_titles, message_name, named_partner
from coopdocs.law import reference, threshold
from coopdocs.vocabulary import (
    LEGAL_PERSON_FORMS,
    PUBLIC_PERSON_FORMS,
    charter_applies,
    convention_applies,
    signs_charter,
)

MAJORITY = Decimal("0.5")
_PARENTHESES = re.compile(r"\(([^()]*)\)")
_DEPARTEMENT = re.compile(r"^(?:\d{2}|97[1-6]|2[AB])$")


def check_warnings(data: dict[str, Any]) -> list[Problem]:
    """Every warning of `WARNINGS`, in order."""
    problems: list[Problem] = []
    for rule in WARNINGS:
        problems.extend(rule(data))
    return problems


# -- Governance -------------------------------------------------------------------------------


def _decision_instances(data: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    instances = mapping(data.get("gouvernance")).get("instances")
    return [(i, inst) for i, inst in items(instances) if inst.get("decisionnelle")]


@inputs(needs=("gouvernance.instances[].composition", "gouvernance.instances[].decisionnelle",
                "gouvernance.instances[].type"))
def _balance_of_power(data: dict[str, Any]) -> list[Problem]:
    """No structure should decide alone (§1.4): > 50 % of an instance's votes is a warning."""
    names = {p.get("id"): message_name(p) for _, p in items(data.get("partenaires"))}
    problems: list[Problem] = []
    for i, instance in _decision_instances(data):
        votes: dict[str, int] = {}
        first_seat: dict[str, int] = {}
        for j, seat in items(instance.get("composition")):
            pid = seat.get("partenaire")
            weight = seat.get("voix")
            if weight is None:
                weight = seat.get("sieges") or 1
            votes[pid] = votes.get(pid, 0) + weight
            first_seat.setdefault(pid, j)
        total = sum(votes.values())
        for pid, held in votes.items():
            if total and Decimal(held) / total > MAJORITY:
                share = pourcentage((Decimal(held) * 100 / total).quantize(Decimal("0.1")))
                problems.append(
                    warning(
                        "pouvoir-desequilibre",
                        ("gouvernance", "instances", i, "composition", first_seat[pid]),
                        f"{names.get(pid, pid)} détient {held} voix sur {total} ({share}) dans "
                        f"« {instance.get('nom') or instance.get('id')} » : cette structure "
                        "peut décider seule.",
                        "Dans une gouvernance partagée, aucune structure ne prend le pas sur les "
                        "autres : rééquilibrez les sièges ou les voix (sieges, voix) des membres.",
                    )
                )
    return problems


@inputs(needs=("partenaires[].id", "partenaires[].signataire_convention", "partenaires[].role",
                "gouvernance.instances[].composition[].partenaire",
                "gouvernance.instances[].decisionnelle", "gouvernance.instances[].type",
                "statut_juridique.forme"))
def _signatories_without_instance(data: dict[str, Any]) -> list[Problem]:
    """A convention signatory with no seat where decisions are taken commits without a say."""
    if not convention_applies(data):
        return []
    seated = {
        seat.get("partenaire")
        for _, inst in _decision_instances(data)
        for _, seat in items(inst.get("composition"))
    }
    return [
        warning(
            "signataire-sans-instance",
            ("partenaires", i),
            f"{message_name(p)} signe la convention mais ne siège dans aucune instance qui "
            "décide.",
            "Ajoutez-le à la composition d'une instance décisionnelle (comité de pilotage…), "
            "ou mettez « signataire_convention: false » s'il soutient seulement le projet.",
        )
        for i, p in items(data.get("partenaires"))
        if p.get("signataire_convention") and p.get("id") not in seated
    ]


@inputs(needs=("partenaires[].id", "partenaires[].raison_sociale", "partenaires[].sigle",
                "partenaires[].signataire_convention", "gouvernance.instances[].composition",
                "gouvernance.instances[].nom", "gouvernance.gestion_des_conflits",
                "statut_juridique.forme"))
def _partial_mediator(data: dict[str, Any]) -> list[Problem]:
    """A mediation is led by a third party, impartial (loi n° 95-125, art. 21 and 21-2): a
    mediator who is a Party, or who sits in an instance, takes part in the decisions the
    disputes are about, and the fiche still calls it « tiers médiateur »."""
    conflicts = mapping(mapping(data.get("gouvernance")).get("gestion_des_conflits"))
    text = str(conflicts.get("mediateur") or "").strip()
    if not text or conflicts.get("mediation") is False:
        return []  # no mediation is printed: nobody to challenge
    partners = [p for _, p in items(data.get("partenaires"))]
    mediator = named_partner(text, partners, within=True)
    if mediator is None:
        return []
    seats = [str(inst.get("nom") or inst.get("id") or "").strip()
             for _, inst in items(mapping(data.get("gouvernance")).get("instances"))
             if any(seat.get("partenaire") == mediator.get("id")
                    for _, seat in items(inst.get("composition")))]
    party = convention_applies(data) and bool(mediator.get("signataire_convention"))
    if not (party or seats):
        return []
    where = liste(f"« {name} »" for name in seats)
    place = ("est Partie à la convention" + (f" et siège dans {where}" if seats else "")
             if party else f"siège dans {where}")
    return [warning(
        "mediateur-partie", ("gouvernance", "gestion_des_conflits", "mediateur"),
        f"Le médiateur des désaccords, {message_name(mediator)}, {place} : associé à la "
        "coopération dont il aurait à apaiser les désaccords, il n'est pas le tiers impartial "
        "qu'une médiation suppose, et une Partie pourrait contester son impartialité "
        f"({reference('mediation')}).",
        "Confiez la médiation à un tiers qui ne prend part ni à la convention ni aux instances "
        "(médiateur ou médiatrice professionnel·le, centre de médiation, réseau qui n'y siège "
        "pas), ou écrivez dans « mediateur: » qu'il est choisi d'un commun accord au moment du "
        "désaccord.")]


# -- Planning ---------------------------------------------------------------------------------


@inputs(reads=("objectifs_operationnels[].echeance", "plan_action[].date_debut",
               "plan_action[].echeance", "plan_action[].taches[].date_debut",
               "plan_action[].taches[].date_fin"),
        needs=("projet.date_debut", "projet.date_fin", "projet.duree_mois"))
def _dates_outside_period(data: dict[str, Any]) -> list[Problem]:
    projet = mapping(data.get("projet"))
    start, end = projet.get("date_debut"), projet.get("date_fin")
    if not (isinstance(start, date) and isinstance(end, date)) or end < start:
        return []  # no period, or a wrong one already reported as an error
    dated: list[tuple[FieldPath, Any, str]] = []
    for i, objective in items(data.get("objectifs_operationnels")):
        dated.append(
            (
                ("objectifs_operationnels", i, "echeance"),
                objective.get("echeance"),
                f"L'échéance de l'objectif « {objective.get('id')} »",
            )
        )
    for i, action in items(data.get("plan_action")):
        for key, what in (("date_debut", "Le début"), ("echeance", "L'échéance")):
            dated.append(
                (
                    ("plan_action", i, key),
                    action.get(key),
                    f"{what} de l'action « {action.get('id')} »",
                )
            )
        for j, task in items(action.get("taches")):
            for key, what in (("date_debut", "Le début"), ("date_fin", "La fin")):
                dated.append(
                    (
                        ("plan_action", i, "taches", j, key),
                        task.get(key),
                        f"{what} de la tâche « {task.get('id')} »",
                    )
                )
    return [
        warning(
            "date-hors-periode",
            path,
            f"{what} ({date_courte(value)}) tombe hors de la période du projet "
            f"({date_courte(start)} – {date_courte(end)}).",
            "Vérifiez cette date, ou élargissez la période du projet (projet.date_debut, "
            "projet.date_fin ou duree_mois).",
        )
        for path, value, what in dated
        if isinstance(value, date) and not start <= value <= end
    ]


@inputs(needs=("plan_action[].objectif", "objectifs_operationnels[].id"))
def _objectives_without_action(data: dict[str, Any]) -> list[Problem]:
    actions = [a for _, a in items(data.get("plan_action"))]
    if not actions:
        return []  # no plan d'action document at all: nothing to cross-check
    targeted = {a.get("objectif") for a in actions}
    return [
        warning(
            "objectif-sans-action",
            ("objectifs_operationnels", i),
            f"Aucune action du plan d'action ne sert l'objectif « {o.get('id')} » "
            f"({o.get('intitule')}).",
            f"Ajoutez une action avec « objectif: {o.get('id')} », ou retirez cet objectif.",
        )
        for i, o in items(data.get("objectifs_operationnels"))
        if o.get("id") not in targeted
    ]


@inputs(reads=("plan_action[].date_debut", "objectifs_operationnels[].echeance"),
        needs=("plan_action[].objectif", "objectifs_operationnels[].id"))
def _actions_after_their_objective(data: dict[str, Any]) -> list[Problem]:
    """An action that starts after the deadline of the objective it serves cannot help reach
    it. (One that goes on after it may: « ouvrir et animer l'accueil » serves the opening.)"""
    deadlines = {o.get("id"): o.get("echeance")
                 for _, o in items(data.get("objectifs_operationnels"))}
    problems = []
    for i, action in items(data.get("plan_action")):
        start, deadline = action.get("date_debut"), deadlines.get(action.get("objectif"))
        if isinstance(start, date) and isinstance(deadline, date) and start > deadline:
            problems.append(warning(
                "action-apres-objectif", ("plan_action", i, "date_debut"),
                f"L'action « {action.get('intitule')} » commence le {date_courte(start)}, après "
                f"l'échéance de l'objectif « {action.get('objectif')} » qu'elle sert "
                f"({date_courte(deadline)}) : elle ne peut pas concourir à l'atteindre.",
                "Reportez l'échéance de l'objectif, avancez le début de l'action, ou rattachez "
                "l'action à l'objectif qu'elle sert vraiment."))
    return problems


@inputs(reads=("plan_action[].intitule",))
def _same_action_titles(data: dict[str, Any]) -> list[Problem]:
    """Two actions with one title: the convention lists each Party's actions by title, the
    Gantt and the tasks name them so; the reader cannot tell them apart."""
    first: dict[str, int] = {}
    problems = []
    for i, action in items(data.get("plan_action")):
        title = " ".join(str(action.get("intitule") or "").split())
        if not title:
            continue
        key = title.casefold()
        if key in first:
            problems.append(warning(
                "intitule-duplique", ("plan_action", i, "intitule"),
                f"Deux actions s'intitulent « {title} » (la {ordinal(first[key] + 1, 'f')} et la "
                f"{ordinal(i + 1, 'f')}) : "
                "la convention, le plan d'action et le rétroplanning ne permettront pas de les "
                "distinguer.",
                "Précisez l'intitulé de l'une d'elles (par exemple avec l'année ou l'étape : "
                "« Préparer la collecte 2028 »)."))
        else:
            first[key] = i
    return problems


# Free texts the convention's preamble and the charte both print: « la présente convention »
# written in one of them designates, in the charte, the charte itself.
_SHARED_TEXTS = (("projet", "contexte"), ("projet", "description"), ("ecosysteme", "notes"))
_SELF_REFERENCE = re.compile(r"\b(?:la\s+|le\s+)?présente?\s+(convention|charte|accord|lettre)\b",
                             re.IGNORECASE)


@inputs(reads=("projet.contexte", "projet.description", "ecosysteme.notes"),
        needs=("statut_juridique.forme", "partenaires[].signataire_charte"))
def _self_references(data: dict[str, Any]) -> list[Problem]:
    """A shared text that calls one document « présent »: printed in the other, it names the
    wrong act (« la présente convention » in the charte designates the charte)."""
    convention = convention_applies(data)
    charter = charter_applies(data)
    problems = []
    for path in _SHARED_TEXTS:
        text = mapping(data.get(path[0])).get(path[1])
        found = _SELF_REFERENCE.search(text) if isinstance(text, str) else None
        if found is None:
            continue
        names_charter = found.group(1).lower() == "charte"
        # Without a convention nor a charte, no document prints these texts.
        wrong = ("la convention" if names_charter and convention
                 else "la charte" if not names_charter and charter else None)
        if wrong is None:
            continue
        said = f"« {'.'.join(path)} » dit « {found.group(0).strip()} »"
        problems.append(warning(
            "texte-presente-acte", path,
            (f"{said} : ce texte est imprimé dans la convention et dans la charte, et dans "
             f"{wrong} ces mots désigneraient {wrong} elle-même." if convention else
             f"{said} : le projet n'a pas de convention, et la charte imprime ce texte."),
            "Nommez le document sans « présent » : « la convention de partenariat », « la charte "
            "de coopération »."))
    return problems


# -- Money ------------------------------------------------------------------------------------


def _financings(data: dict[str, Any]) -> list[tuple[FieldPath, dict[str, Any], dict[str, Any]]]:
    return [
        (("plan_action", i, "financements", j), f, a)
        for i, a in items(data.get("plan_action"))
        for j, f in items(a.get("financements"))
    ]


@inputs(needs=("budget.total", "plan_action[].besoin_financier", "plan_action[].financements"))
def _financing_total(data: dict[str, Any]) -> list[Problem]:
    budget = data.get("budget")
    total = effective_budget_total(data)
    financings = _financings(data)
    if budget is None or total is None or not financings:
        return []
    funded = sum((f.get("montant") or Decimal(0) for _, f, _ in financings), Decimal(0))
    if funded == total:
        return []
    gap = total - funded
    where = (
        "le budget total (budget.total)"
        if mapping(budget).get("total") is not None
        else "la somme des besoins financiers des actions"
    )
    return [
        warning(
            "financements-total",
            ("budget", "total") if mapping(budget).get("total") is not None else ("budget",),
            f"Les financements des actions totalisent {montant(funded)} alors que {where} est de "
            f"{montant(total)} ({'il manque' if gap > 0 else 'excédent de'} {montant(abs(gap))}).",
            "Complétez ou corrigez les financements des actions (plan_action[].financements), ou "
            "ajustez le budget total.",
        )
    ]


@inputs(reads=("plan_action[].financements[].statut",),
        needs=("budget.total", "plan_action[].besoin_financier"))
def _financing_to_request(data: dict[str, Any]) -> list[Problem]:
    if data.get("budget") is None or effective_budget_total(data) is None:
        return []
    return [
        warning(
            "financement-a-solliciter",
            (*path, "statut"),
            f"Le financement de {montant(f.get('montant') or Decimal(0))} (source : "
            f"{f.get('source')}) de l'action « {a.get('id')} » n'est pas encore demandé, mais "
            "il compte dans le budget.",
            "Le budget repose sur une somme qui n'est pas acquise : déposez la demande avant "
            "la signature (statut « sollicite »), ou présentez cette somme à part.",
        )
        for path, f, a in _financings(data)
        if f.get("statut") == "a_solliciter"
    ]


@inputs(needs=("partenaires[].id", "partenaires[].signataire_convention",
                "partenaires[].forme_juridique", "partenaires[].contribution",
                "budget.repartition", "budget.total", "budget.gestionnaire",
                "budget.modalites_versement", "budget.sans_versement", "plan_action[].financements",
                "plan_action[].besoin_financier", "gouvernance.chef_de_file",
                "partenaires[].role", "statut_juridique.forme"))
def _payments_unsettled(data: dict[str, Any]) -> list[Problem]:
    """Money the Parties commit (their shares of `budget.repartition`, their apports, or the
    plan money they have decided to give to an action another Party pilots) is owed to
    someone at some date. Without `modalites_versement`, the convention leaves the dates to a
    later decision of the instances (« arrêtées par les instances »), and without `gestionnaire`
    it names no Party that receives the money (« la Partie qui reçoit des contributions… »): no
    Party could claim a payment. Silent once `modalites_versement` says how the money moves,
    or `sans_versement` that none moves (each Party pays its own expenses; the coherence rule
    `sans-versement-contradictoire` checks that nothing else makes it move). A subsidy is left
    out: its article has terms of its own, which the gaps `subvention-avance` and
    `subvention-compte` ask for; the other Parties' money still needs `modalites_versement`."""
    if not convention_applies(data):
        return []
    subsidisers = {partner.get("id") for _, partner in subsidising(data)}
    budget = mapping(data.get("budget"))
    if str(budget.get("modalites_versement") or "").strip() or budget.get("sans_versement"):
        return []
    parties = {p.get("id"): (i, p) for i, p in items(data.get("partenaires"))
               if p.get("signataire_convention")}
    total = effective_budget_total(data)
    committed: dict[Any, Decimal] = {}
    for _, row in items(budget.get("repartition")):
        amount, share = row.get("montant"), row.get("pourcentage")
        if amount is None and share is not None and total is not None:
            amount = total * share / 100
        if row.get("partenaire") in parties and row.get("partenaire") not in subsidisers \
                and amount:
            committed[row["partenaire"]] = committed.get(row["partenaire"], Decimal(0)) + amount
    first_apport: FieldPath | None = None
    for pid, (i, partner) in parties.items():
        apport = mapping(partner.get("contribution")).get("apport_financier")
        if apport and pid not in committed and pid not in subsidisers:
            committed[pid] = apport
            first_apport = first_apport or ("partenaires", i, "contribution", "apport_financier")
    # Failing both, the money a Party has decided to give to an action another Party pilots
    # (its card in the convention states it): that money moves from one Party to another too.
    given: dict[Any, Decimal] = {}
    moving = money_to_other_pilots(data)
    for where, _, line in moving:
        source = line["source"]
        if source not in committed and source not in subsidisers:
            given[source] = given.get(source, Decimal(0)) + line["montant"]
            first_apport = first_apport or where
    committed.update(given)
    if not any(amount > 0 for amount in committed.values()):
        return []
    whole = montant(sum(committed.values(), Decimal(0)))
    what = (f"La convention fixe l'argent que chaque Partie apporte au projet ({whole} en tout)"
            if len(committed) > 1 else
            f"La convention fixe l'argent qu'une Partie apporte au projet ({whole})")
    path: FieldPath = ("budget",) if budget or first_apport is None else first_apport
    # The convention names the holder only with a split of the budget (its paragraph on the
    # contributions held for the others is printed there): without one, naming it prints nothing.
    holder = parties.get(budget.get("gestionnaire")) if budget.get("repartition") else None
    later = ("elle renvoie les modalités de versement à une décision des instances de "
             "gouvernance")
    schedule = ("« modalites_versement: » avec l'échéancier (montant ou part de chaque "
                "versement, date ou événement qui le déclenche : signature, appel de fonds…)")
    if holder is not None:
        name = message_name(holder[1])
        return [warning(
            "versement-non-fixe", path,
            f"{what} et le fait verser à {name}, mais sans date : {later}. En l'état, "
            f"{name} ne pourrait exiger aucun versement à une date donnée.",
            f"Ajoutez dans « budget » {schedule}.")]
    gouvernance = mapping(data.get("gouvernance"))
    chef = gouvernance.get("chef_de_file") or next(
        (pid for pid, (_, p) in parties.items() if p.get("role") == "chef_de_file"), None)
    usual = f", souvent le chef de file « {chef} »" if chef in parties else ""
    receiver = (f"« gestionnaire: » (l'id de la Partie qui reçoit les contributions et les gère "
                f"pour le compte des autres{usual}) et {schedule}" if budget.get("repartition")
                else f"{schedule}, en disant à quelle Partie chaque somme est versée")
    # Money a Party gives to an action another Party pilots moves for sure, and a holder or
    # joint purchases make money move too: no « sans versement » to offer then (the rule
    # sans-versement-contradictoire would refuse it).
    offer = not moving and not budget.get("gestionnaire") and joint_purchase(data) is None
    own = (" Si chaque Partie règle elle-même les dépenses de sa part, sans rien verser aux "
           "autres, ajoutez plutôt dans « budget » « sans_versement: true » : la convention le "
           "dira." if offer else "")
    return [warning(
        "versement-non-fixe", path,
        f"{what}, mais ne dit ni à quelle Partie cet argent est versé, ni quand : {later}. En "
        "l'état, aucune Partie ne pourrait en exiger le paiement.",
        f"Ajoutez dans « budget » {receiver}.{own}")]


@inputs(reads=("statut_juridique.forme", "statut_juridique.societe.redaction_statuts.conseil"))
def _legal_person(data: dict[str, Any]) -> list[Problem]:
    """The statuts are to be drafted by a legal adviser: silent once the project names one,
    since the warning would then ask for what is done and block `validate --strict` forever."""
    legal = mapping(data.get("statut_juridique"))
    forme = legal.get("forme")
    if forme not in LEGAL_PERSON_FORMS:
        return []
    drafting = mapping(mapping(legal.get("societe")).get("redaction_statuts"))
    if drafting.get("conseil"):
        return []
    return [
        warning(
            "personnalite-morale",
            ("statut_juridique", "forme"),
            f"La forme « {forme} » crée une nouvelle personne morale : son acte fondateur, ce "
            "sont ses statuts, que coopdocs ne rédige pas.",
            "Faites rédiger les statuts avec un conseil juridique ; la convention produite sert "
            "d'accord préparatoire entre les futurs membres.",
        )
    ]


@inputs(needs=("partenaires[].id", "partenaires[].type_structure", "partenaires[].forme_juridique",
                "partenaires[].contribution.apport_financier", "plan_action[].financements",
                "budget.repartition"))
def _local_authority_money(data: dict[str, Any]) -> list[Problem]:
    """A public person that pays may fall under public procurement or subsidy rules (§3.5).

    Silent once `contribution.subvention: true` says the money is a subsidy: the rules of
    `check.rules.legal` then check what the convention must say of it.
    """
    problems: list[Problem] = []
    budget = mapping(data.get("budget"))
    for i, partner in items(data.get("partenaires")):
        if (
            partner.get("type_structure") != "collectivite"
            and partner.get("forme_juridique") not in PUBLIC_PERSON_FORMS
        ):
            continue
        pid = partner.get("id")
        evidence: list[tuple[FieldPath, str]] = []
        contribution = mapping(partner.get("contribution"))
        if contribution.get("subvention"):
            continue
        if (contribution.get("apport_financier") or 0) > 0:
            evidence.append(
                (
                    ("partenaires", i, "contribution", "apport_financier"),
                    f"apport financier de {montant(contribution['apport_financier'])}",
                )
            )
        for path, f, a in _financings(data):
            if f.get("source") == pid and (f.get("montant") or 0) > 0:
                evidence.append(
                    (
                        (*path, "source"),
                        f"financement de {montant(f['montant'])} pour l'action « {a.get('id')} »",
                    )
                )
        for j, share in items(budget.get("repartition")):
            if share.get("partenaire") != pid:
                continue
            if (share.get("pourcentage") or 0) > 0:
                evidence.append(
                    (
                        ("budget", "repartition", j, "partenaire"),
                        f"{pourcentage(share['pourcentage'])} du budget",
                    )
                )
            elif (share.get("montant") or 0) > 0:
                evidence.append(
                    (
                        ("budget", "repartition", j, "partenaire"),
                        f"{montant(share['montant'])} dans la répartition du budget",
                    )
                )
        if evidence:
            nature = label("forme_juridique", partner.get("forme_juridique"))
            limit = montant(threshold("subvention_convention"), centimes=False)
            if partner.get("forme_juridique") not in PUBLIC_PERSON_FORMS:
                nature = label("type_structure", partner.get("type_structure"))
            problems.append(
                warning(
                    "collectivite-financeur",
                    evidence[0][0],
                    f"{message_name(partner)} est une personne publique ({nature}) et apporte "
                    f"de l'argent au projet ({', '.join(text for _, text in evidence)}).",
                    "Si elle paie un service, les règles de la commande publique peuvent "
                    "s'appliquer ; si c'est une subvention, indiquez « subvention: true » sous "
                    f"contribution : au-delà de {limit}, la convention en porte alors le "
                    f"contenu obligatoire ({reference('subvention')}). Faites vérifier le "
                    "montage par ses services juridiques.",
                )
            )
    return problems


# -- People -----------------------------------------------------------------------------------


def _titles_hint(who: str, title: str, civilite: Any = None) -> str | None:
    """« Écrivez la qualité de la personne qui signe : « Directrice » » (one form when the
    civilité tells it, both otherwise), or None when ``title`` is not in inclusive writing."""
    forms = gendered_titles(title)
    if forms is None:
        return None
    feminine, masculine = forms
    if civilite == "neutre":  # the file asks for no gendered word: an epicene title then
        return (f"Écrivez {who} telle que cette personne la porte (« {feminine} » ou "
                f"« {masculine} »), ou une qualité épicène qui ne s'accorde pas (par exemple "
                "« Responsable de la structure »).")
    chosen = {"madame": f"« {feminine} »", "monsieur": f"« {masculine} »"}.get(
        civilite, f"« {feminine} » ou « {masculine} »")
    return f"Écrivez {who} : {chosen}."


@inputs(reads=("partenaires[].representant.qualite", "partenaires[].representant.civilite",
               "partenaires[].referent.fonction",
               "gouvernance.instances[].composition[].fonction", "gouvernance.instances[].nom"),
        needs=("statut_juridique.forme", "partenaires[].signataire_convention",
               "partenaires[].signataire_charte", "partenaires[].id",
               "gouvernance.instances[].composition[].partenaire"))
def _inclusive_titles(data: dict[str, Any]) -> list[Problem]:
    """A title in inclusive writing (« Directeur·rice », « Président.e », « directeur(trice) »)
    printed in a signed act: the act names one person, whose quality it must give (#18).
    The signatory's quality wherever the partner signs the convention or the charte; the
    référent's function and a member's function in an instance when there is a convention,
    whose clauses and annexes print them."""
    convention, charter = convention_applies(data), charter_applies(data)
    problems: list[Problem] = []
    partners = {p.get("id"): p for _, p in items(data.get("partenaires"))}
    for i, partner in items(data.get("partenaires")):
        rep = mapping(partner.get("representant"))
        title = str(rep.get("qualite") or "")
        signs = (convention and partner.get("signataire_convention")) or (
            charter and signs_charter(partner))
        hint = _titles_hint("la qualité de la personne qui signe", title, rep.get("civilite"))
        if signs and hint:
            problems.append(warning(
                "qualite-inclusive", ("partenaires", i, "representant", "qualite"),
                f"Pour {message_name(partner)}, la qualité de la personne qui signe, "
                f"« {title} », est en écriture inclusive : les documents signés l'impriment "
                "telle quelle, alors qu'un acte signé donne la qualité de cette personne.", hint))
        function = str(mapping(partner.get("referent")).get("fonction") or "")
        hint = _titles_hint("la fonction de la personne référente", function)
        if convention and hint:
            problems.append(warning(
                "qualite-inclusive", ("partenaires", i, "referent", "fonction"),
                f"Pour {message_name(partner)}, la fonction de la personne référente, "
                f"« {function} », est en écriture inclusive : les documents signés "
                "l'impriment telle quelle, à côté du nom d'une seule personne.", hint))
    if not convention:
        return problems
    for i, instance in items(mapping(data.get("gouvernance")).get("instances")):
        for j, seat in items(instance.get("composition")):
            function = str(seat.get("fonction") or "")
            hint = _titles_hint("la fonction de la personne qui y siège", function)
            partner = partners.get(seat.get("partenaire"))
            if hint is None:
                continue
            who = message_name(partner) if partner else f"« {seat.get('partenaire')} »"
            problems.append(warning(
                "qualite-inclusive",
                ("gouvernance", "instances", i, "composition", j, "fonction"),
                f"{who} siège dans « {instance.get('nom') or instance.get('id')} » avec la "
                f"fonction « {function} », en écriture inclusive : les documents signés "
                "l'impriment telle quelle, alors qu'elle est celle de la personne qui y "
                "siège.", hint))
    return problems


# -- Territory --------------------------------------------------------------------------------


def postal_prefixes(territoire: str | None) -> list[str]:
    """Postal-code prefixes of the départements named in parentheses in `territoire`.

    "Seine-Saint-Denis (93)" → ["93"]; "Corse-du-Sud (2A)" → ["20"]; "Guadeloupe (971)" →
    ["971"]; "Paris et petite couronne (75, 92, 93)" → ["75", "92", "93"]; no "(NN)" → [].
    """
    prefixes: list[str] = []
    for group in _PARENTHESES.findall(territoire or ""):
        for token in re.split(r"[\s,;/]+", group):
            token = token.upper()
            if not _DEPARTEMENT.match(token):
                continue
            # Corsica's two départements share the 20xxx codes; 2-digit 97 covers all DOM.
            prefixes.append("20" if token in ("2A", "2B") else token)
    return prefixes


@inputs(reads=("partenaires[].adresse.code_postal",), needs=("projet.territoire",))
def _postal_codes(data: dict[str, Any]) -> list[Problem]:
    territoire = mapping(data.get("projet")).get("territoire")
    prefixes = postal_prefixes(territoire)
    if not prefixes:
        return []
    problems: list[Problem] = []
    for i, partner in items(data.get("partenaires")):
        code = str(mapping(partner.get("adresse")).get("code_postal") or "")
        if code and not code.startswith(tuple(prefixes)):
            problems.append(
                warning(
                    "code-postal-territoire",
                    ("partenaires", i, "adresse", "code_postal"),
                    f"Le code postal {code} du partenaire {message_name(partner)} est hors "
                    f"du territoire du projet ({territoire}).",
                    "Vérifiez le code postal ; si ce partenaire intervient depuis un autre "
                    "département, vous pouvez ignorer cet avertissement ou élargir "
                    "projet.territoire (ex. « Île-de-France (75, 93) »).",
                )
            )
    return problems


# The rétroplanning's Gantt chart is a table, one row per action and task (see
# `context.charts.gantt`), some thirty to a page. Past this many, it runs over several pages
# (and so does the dated list after it): no one reads the plan at a glance any more.
MAX_PLANNING_ROWS = 70


@inputs(reads=("plan_action", "plan_action[].taches"))
def _readable_planning(data: dict[str, Any]) -> list[Problem]:
    """A rétroplanning of hundreds of tasks would print as pages of rows: say so."""
    actions = items(data.get("plan_action"))
    rows = sum(1 + sum(1 for _ in items(action.get("taches"))) for _, action in actions)
    if rows <= MAX_PLANNING_ROWS:
        return []
    return [warning(
        "retroplanning-illisible", ("plan_action",),
        f"Le rétroplanning aurait {rows} lignes (actions et tâches) : au-delà de "
        f"{MAX_PLANNING_ROWS}, son calendrier s'étend sur plusieurs pages et le plan ne se "
        "lit plus d'un coup d'œil.",
        "Regroupez les tâches en étapes plus larges (les détails restent dans le plan "
        "d'action de chaque structure), ou répartissez-les entre plusieurs projets.")]
# Run in this order by `check_warnings` (and one by one by `check.rules.suite`, which skips a
# warning whose inputs are broken).
WARNINGS: tuple[Callable[[dict[str, Any]], list[Problem]], ...] = (
    _balance_of_power,
    _signatories_without_instance,
    _partial_mediator,
    _dates_outside_period,
    _objectives_without_action,
    _actions_after_their_objective,
    _same_action_titles,
    _self_references,
    _financing_total,
    _financing_to_request,
    _payments_unsettled,
    _legal_person,
    _local_authority_money,
    _postal_codes,
    _readable_planning,
    _inclusive_titles,
)
