"""The rules that block (MODELE.md rules 2, 3 and 5 to 9): signatories, SIRET, budget split,
indicators, votes, mandataire, chef de file. Run on normalised data by `check.rules.suite`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from coopdocs.check.rules.base import (
    CENT,
    effective_budget_total,
    error,
    inputs,
    items,
    mapping,
    partners_by_id,
)
from coopdocs.errors import FieldPath, Problem, format_path
from coopdocs.french.figures import montant, nombre, pourcentage
from coopdocs.french.names import message_name
from coopdocs.vocabulary import (
    COMPANY_FORMS,
    GME_FORMS,
    NO_THRESHOLD_MODES,
    SIAE_TYPES,
    convention_applies,
    signs_charter,
)

__all__ = [
    "check_budget_split",
    "check_chef_de_file",
    "check_indicators",
    "check_mandataire",
    "check_signatories",
    "check_sirets",
    "check_votes",
]

HUNDRED = Decimal(100)


# -- Rule 2: signatories ----------------------------------------------------------------------


@inputs(needs=("partenaires[].signataire_convention", "partenaires[].signataire_charte",
                "partenaires[].role", "statut_juridique.forme"))
def check_signatories(data: dict[str, Any]) -> list[Problem]:
    partners = [p for _, p in items(data.get("partenaires"))]
    problems: list[Problem] = []
    documents = [("signataire_charte", "la charte")]
    if convention_applies(data):
        documents.insert(0, ("signataire_convention", "la convention"))
    for flag, document in documents:
        # The charte's count is vocabulary's, as for the catalogue (a flag the schema removed
        # as malformed signs by default).
        signers = [p for p in partners if (signs_charter(p) if flag == "signataire_charte"
                                           else p.get(flag))]
        if len(signers) < 2:
            names = ", ".join(message_name(p) for p in signers) or "aucun"
            problems.append(
                error(
                    "signataires-insuffisants",
                    ("partenaires",),
                    f"Il faut au moins deux partenaires signataires de {document} "
                    f"(actuellement : {names}).",
                    f"Mettez « {flag}: true » pour au moins deux partenaires.",
                )
            )
    return problems


# -- Rule 3: SIRET ----------------------------------------------------------------------------


@inputs(reads=("partenaires[].siret", "partenaires[].type_structure",
                "partenaires[].forme_juridique"))
def check_sirets(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    first_owner: dict[str, dict[str, Any]] = {}
    for i, partner in items(data.get("partenaires")):
        siret = partner.get("siret")
        if not siret:
            reason = _siret_reason(partner)
            if reason:
                problems.append(
                    error(
                        "siret-manquant",
                        ("partenaires", i, "siret"),
                        f"Le SIRET du partenaire {message_name(partner)} est obligatoire : "
                        f"{reason}.",
                        "Ajoutez « siret: » avec les 14 chiffres de l'établissement (avis de "
                        "situation INSEE ou annuaire-entreprises.data.gouv.fr).",
                    )
                )
            continue
        if siret in first_owner:
            problems.append(
                error(
                    "siret-duplique",
                    ("partenaires", i, "siret"),
                    f"Le SIRET {_show_siret(siret)} du partenaire {message_name(partner)} "
                    f"est déjà celui de {message_name(first_owner[siret])}.",
                    "Chaque partenaire a son propre établissement : vérifiez le numéro, ou "
                    "supprimez le partenaire déclaré deux fois.",
                )
            )
        else:
            first_owner[siret] = partner
    return problems


def _show_siret(siret: str) -> str:
    """``41278390400003`` → ``412 783 904 00003``, the grouping printed on INSEE notices."""
    if len(siret) == 14 and siret.isdigit():
        return f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}"
    return siret


def _siret_reason(partner: dict[str, Any]) -> str | None:
    if partner.get("type_structure") in SIAE_TYPES:
        return "une SIAE est un employeur conventionné par l'État"
    if (
        partner.get("type_structure") == "entreprise"
        or partner.get("forme_juridique") in COMPANY_FORMS
    ):
        return "une entreprise immatriculée a toujours un SIRET"
    return None


# -- Rule 5: budget split ---------------------------------------------------------------------


@inputs(needs=("budget", "plan_action[].besoin_financier"))
def check_budget_split(data: dict[str, Any]) -> list[Problem]:
    shares = [(i, s) for i, s in items(mapping(data.get("budget")).get("repartition"))]
    total = effective_budget_total(data)
    problems: list[Problem] = []
    if total is not None:
        for i, share in shares:
            amount, percent = share.get("montant"), share.get("pourcentage")
            if amount is not None and percent is None and amount > total:
                problems.append(
                    error(
                        "repartition-incoherente",
                        ("budget", "repartition", i, "montant"),
                        f"La part de {montant(amount)} dépasse le budget total "
                        f"({montant(total)}).",
                        "Corrigez le montant ou le total du budget (budget.total).",
                    )
                )
            if amount is None or percent is None:
                continue
            expected = (total * percent / HUNDRED).quantize(CENT)
            if abs(amount - expected) > CENT:
                actual_pct = (amount * HUNDRED / total).quantize(CENT) if total else None
                other = f" ou {pourcentage(actual_pct)}" if actual_pct is not None else ""
                problems.append(
                    error(
                        "repartition-incoherente",
                        ("budget", "repartition", i, "montant"),
                        f"Le montant {montant(amount)} ne correspond pas à "
                        f"{pourcentage(percent)} du budget total ({montant(total)}), soit "
                        f"{montant(expected)}.",
                        f"Indiquez {montant(expected)}{other}, ou ne gardez que le montant ou que "
                        "le pourcentage.",
                    )
                )
    if not any(s.get("pourcentage") is not None for _, s in shares):
        return problems
    # Entries given as an amount only count through the total, when it is known.
    known: list[Decimal] = []
    complete = True
    for _, share in shares:
        if share.get("pourcentage") is not None:
            known.append(share["pourcentage"])
        elif share.get("montant") is not None and total:
            known.append(share["montant"] * HUNDRED / total)
        else:
            complete = False
    current = sum(known, Decimal(0))
    if (complete and abs(current - HUNDRED) > CENT) or (not complete and current > HUNDRED + CENT):
        gap = HUNDRED - current
        fix = (
            f"il manque {pourcentage(gap.quantize(CENT))}"
            if gap > 0
            else f"il y a {pourcentage((-gap).quantize(CENT))} de trop"
        )
        problems.append(
            error(
                "repartition-somme",
                ("budget", "repartition"),
                "Les parts de la répartition du budget totalisent "
                f"{pourcentage(current.quantize(CENT))} au lieu de 100 %.",
                f"Ajustez les pourcentages pour que leur somme fasse 100 % ({fix}).",
            )
        )
    return problems


# -- Rule 6: indicators -----------------------------------------------------------------------


@inputs(reads=("objectifs_operationnels[].indicateurs[].type",
                "objectifs_operationnels[].indicateurs[].unite",
                "objectifs_operationnels[].indicateurs[].valeur_cible"))
def check_indicators(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for i, objective in items(data.get("objectifs_operationnels")):
        for j, indicator in items(objective.get("indicateurs")):
            if indicator.get("type") != "quantitatif":
                continue
            for key, what in (
                ("unite", "son unité (ex. « personnes », « tonnes », « % »)"),
                ("valeur_cible", "sa valeur cible (le chiffre à atteindre)"),
            ):
                if indicator.get(key) is None:
                    problems.append(
                        error(
                            "indicateur-incomplet",
                            ("objectifs_operationnels", i, "indicateurs", j, key),
                            f"L'indicateur quantitatif « {indicator.get('libelle')} » n'a pas de "
                            f"« {key} ».",
                            f"Ajoutez « {key}: » avec {what}, ou passez l'indicateur en "
                            "« type: qualitatif ».",
                        )
                    )
    return problems


# -- Rule 7: voting rules ---------------------------------------------------------------------


@inputs(reads=("gouvernance.instances[].regles_de_vote",))
def check_votes(data: dict[str, Any]) -> list[Problem]:
    problems: list[Problem] = []
    for i, instance in items(mapping(data.get("gouvernance")).get("instances")):
        vote = mapping(instance.get("regles_de_vote"))
        base: FieldPath = ("gouvernance", "instances", i, "regles_de_vote")
        name = instance.get("nom") or instance.get("id")
        mode, threshold, quorum = vote.get("mode"), vote.get("seuil"), vote.get("quorum")
        if mode == "majorite_qualifiee" and (
            threshold is None or not Decimal("0.5") < threshold <= 1
        ):
            shown = "absent" if threshold is None else f"de {nombre(threshold)}"
            problems.append(
                error(
                    "vote-seuil",
                    (*base, "seuil"),
                    f"« {name} » vote à la majorité qualifiée mais son seuil est {shown}.",
                    "Indiquez un seuil entre 0,5 (exclu) et 1, sous forme de proportion : 0.66 "
                    "pour deux tiers, 0.75 pour trois quarts (et non 75).",
                )
            )
        if mode in NO_THRESHOLD_MODES and threshold is not None:
            problems.append(
                error(
                    "vote-seuil-inutile",
                    (*base, "seuil"),
                    f"« {name} » décide par {mode} : un seuil de vote n'a pas de sens.",
                    "Retirez « seuil », ou choisissez le mode « majorite_qualifiee » si une "
                    "majorité renforcée suffit.",
                )
            )
        if quorum is not None and not 0 < quorum <= 1:
            problems.append(
                error(
                    "vote-quorum",
                    (*base, "quorum"),
                    f"Le quorum de « {name} » ({nombre(quorum)}) n'est pas une proportion "
                    "valable.",
                    "Indiquez une proportion supérieure à 0 et au plus égale à 1 : 0.5 pour la "
                    "moitié des membres, 1 pour tous.",
                )
            )
    return problems


# -- Rule 8: GME mandataire -------------------------------------------------------------------


@inputs(needs=("statut_juridique.forme", "statut_juridique.mandataire", "partenaires[].id",
                "partenaires[].signataire_convention", "partenaires[].role"))
def check_mandataire(data: dict[str, Any]) -> list[Problem]:
    statut = mapping(data.get("statut_juridique"))
    forme = statut.get("forme")
    if forme not in GME_FORMS:
        return []
    mandataire = statut.get("mandataire")
    if not mandataire:
        return [
            error(
                "mandataire-manquant",
                ("statut_juridique", "mandataire"),
                f"Un groupement momentané d'entreprises ({forme}) doit désigner son mandataire.",
                "Ajoutez « mandataire: » avec l'identifiant du partenaire qui représente le "
                "groupement auprès de l'acheteur.",
            )
        ]
    found = partners_by_id(data).get(mandataire)
    if found is None:
        return []  # reported by the reference rule
    index, partner = found
    if not partner.get("signataire_convention"):
        return [
            error(
                "mandataire-non-signataire",
                ("statut_juridique", "mandataire"),
                f"Le mandataire {message_name(partner)} ne signe pas la convention de groupement.",
                f"Mettez « signataire_convention: true » pour {format_path(('partenaires', index))}"
                ", ou choisissez un mandataire signataire.",
            )
        ]
    return []


# -- Rule 9: chef de file ---------------------------------------------------------------------


@inputs(needs=("partenaires[].role", "partenaires[].id", "gouvernance.chef_de_file"))
def check_chef_de_file(data: dict[str, Any]) -> list[Problem]:
    leaders = [(i, p) for i, p in items(data.get("partenaires")) if p.get("role") == "chef_de_file"]
    problems: list[Problem] = []
    if len(leaders) > 1:
        first = message_name(leaders[0][1])
        for i, partner in leaders[1:]:
            problems.append(
                error(
                    "chef-de-file-multiple",
                    ("partenaires", i, "role"),
                    f"{message_name(partner)} a le rôle chef_de_file, déjà tenu par {first}.",
                    "Un seul partenaire peut être chef de file : donnez aux autres un autre rôle "
                    "(partenaire_operationnel, coordinateur…).",
                )
            )
    declared = mapping(data.get("gouvernance")).get("chef_de_file")
    known = partners_by_id(data)
    if declared and declared in known and not any(p.get("id") == declared for _, p in leaders):
        if leaders:
            message = (
                f"Le chef de file de la gouvernance ({declared}) n'est pas le partenaire "
                f"qui a le rôle chef_de_file ({leaders[0][1].get('id')})."
            )
            hint = (
                f"Indiquez « chef_de_file: {leaders[0][1].get('id')} », ou changez le rôle "
                "des partenaires."
            )
        else:
            message = (
                f"Le chef de file de la gouvernance ({declared}) n'a pas le rôle "
                "chef_de_file dans la liste des partenaires."
            )
            where = format_path(("partenaires", known[declared][0]))
            hint = f"Donnez « role: chef_de_file » à {where}, ou retirez gouvernance.chef_de_file."
        problems.append(
            error("chef-de-file-incoherent", ("gouvernance", "chef_de_file"), message, hint)
        )
    return problems
