"""The checks of the trame méthodologique, one per step (see `method.evaluate`).

``check_<step id>(data, found)`` reads the project data — normalised, or raw when the file does
not validate yet, hence the defensive helpers — and records facts (``found.ok``) and gaps
(``found.gap(text, *means)``, the means being positions in the step's ``moyens`` of
``data/trame.yaml``). Messages are French and name the project's own things, the way its
collective talks about them: partners by sigle, objectives and actions by their id.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from coopdocs.french.dates import date_longue
from coopdocs.french.figures import montant
from coopdocs.french.grammar import count, liste, liste_noms
from coopdocs.french.names import short_name
from coopdocs.french.typography import quote
from coopdocs.method.reading import (
    Findings,
    amount_of,
    as_map,
    code,
    date_of,
    decisive,
    dicts,
    entry_label,
    label_of,
    names_by_id,
    partners,
    signs,
    text,
    texts,
)
from coopdocs.vocabulary import GME_FORMS, LEGAL_PERSON_FORMS, NON_SIGNING_ROLES, convention_applies

__all__ = ["OBJECTIF_COMMUN_MAX", "sentences"]  # and check_<step id> for each step

Data = dict[str, Any]
OBJECTIF_COMMUN_MAX = 400
_NOT_CARRYING = NON_SIGNING_ROLES | {"financeur"}
_SENTENCE_END = re.compile(r"[.!?…]\s+(?=[A-ZÀÂÉÈÊÎÔÛÇ«])")
_MOBILISATION_KINDS = (("communication", "communication interne"),
                       ("instances_echange", "temps d'échange"), ("formations", "formation"))
_CONTRIBUTION_KEYS = ("description", "apport_financier", "apport_nature", "valorisation")


def sentences(text: str) -> int:
    """How many sentences ``text`` holds (a full stop followed by a capital starts a new one)."""
    return len(_SENTENCE_END.findall(text.strip())) + 1 if text.strip() else 0


def _objective_label(objective: dict[str, Any], i: int) -> str:
    return entry_label(objective, ("id", "intitule"), i)


# --- 1. écosystème ----------------------------------------------------------------------------


def check_ecosysteme(data: Data, found: Findings) -> None:
    eco = as_map(data.get("ecosysteme"))
    events, collectives = texts(eco.get("evenements")), texts(eco.get("collectifs"))
    if events:
        found.ok(f"temps d'interconnaissance : {liste(events)}")
    else:
        found.gap("aucun temps d'interconnaissance (journée de travail, séminaire, rencontre) "
                  "n'est noté dans « ecosysteme.evenements »", 0)
    if collectives:
        found.ok(f"collectifs et réseaux fréquentés : {liste(collectives)}")
    else:
        found.gap("aucun réseau ni collectif du territoire n'est noté dans "
                  "« ecosysteme.collectifs »", 1)


# --- 2. initiation ----------------------------------------------------------------------------


def check_initiation(data: Data, found: Findings) -> None:
    projet = as_map(data.get("projet"))
    initiateur = as_map(projet.get("initiateur"))
    kind = code(initiateur.get("type"))
    if kind:
        who = names_by_id(data).get(code(initiateur.get("partenaire")) or "")
        found.ok(f"projet initié par {label_of('initiateur', kind)}" + (f" ({who})" if who else ""))
    else:
        found.gap("l'initiateur du projet n'est pas indiqué (« projet.initiateur » : tête de "
                  "réseau, structure, pouvoirs publics…)", 0)
    founders = len(partners(data))
    if founders >= 2:
        found.ok(f"{founders} structures fondatrices réunies")
    else:
        found.gap("le collectif fondateur n'est pas encore réuni : il faut au moins deux "
                  "structures dans « partenaires »", 1)
    start, end = date_of(projet.get("date_debut")), date_of(projet.get("date_fin"))
    if start:
        found.ok(f"démarrage prévu le {date_longue(start)}")
    else:
        found.gap("la date de démarrage n'est pas fixée (« projet.date_debut »)", 1)
    months = projet.get("duree_mois")
    if end:
        found.ok(f"fin prévue le {date_longue(end)}")
    elif isinstance(months, int) and not isinstance(months, bool) and months > 0:
        found.ok(f"durée prévue : {months} mois")
    else:
        found.gap("la durée du projet n'est pas fixée (« projet.date_fin » ou "
                  "« projet.duree_mois »)", 1)


# --- 3. mobilisation --------------------------------------------------------------------------


def check_mobilisation(data: Data, found: Findings) -> None:
    kinds_by_partner: dict[str, set[str]] = {}
    for entry in dicts(data.get("mobilisation")):
        pid = entry.get("partenaire")
        if isinstance(pid, str):
            kinds = kinds_by_partner.setdefault(pid, set())
            kinds.update(k for k, _ in _MOBILISATION_KINDS if texts(entry.get(k)))
    # Funders, supporters and observers back the project from outside: the memo's internal
    # mobilisation (board, staff, volunteers) concerns the structures that carry it.
    expected = [p for p in partners(data) if p.get("role") not in _NOT_CARRYING]
    missing = []
    for partner in expected:
        kinds = kinds_by_partner.get(code(partner.get("id")) or "", set())
        if kinds:
            shown = [word for k, word in _MOBILISATION_KINDS if k in kinds]
            found.ok(f"{short_name(partner)} mobilise sa structure : {liste(shown)}")
        else:
            missing.append(short_name(partner))
    if missing:
        found.gap(f"aucune action de mobilisation décrite pour {liste_noms(missing)} (bloc "
                  "« mobilisation » : communication, instances d'échange, formations)", 0, 1, 2)
    elif expected and not any("formations" in k for k in kinds_by_partner.values()):
        found.suggest(2)  # done, but nobody trains their team to cooperate: the memo's third lever


# --- 4. périmètre -----------------------------------------------------------------------------


def _has_contribution(partner: dict[str, Any]) -> bool:
    contribution = as_map(partner.get("contribution"))
    if any(text(contribution.get(k)) for k in _CONTRIBUTION_KEYS):
        return True
    etp = contribution.get("etp")
    return isinstance(etp, int | float | Decimal) and not isinstance(etp, bool) and etp > 0


def check_perimetre(data: Data, found: Findings) -> None:
    listed = partners(data)
    with_role = [p for p in listed if code(p.get("role"))]
    if len(with_role) >= 2:
        roles = [f"{short_name(p)} ({label_of('role_partenaire', p['role'])})" for p in with_role]
        found.ok(f"{len(with_role)} partenaires et leur rôle : {liste_noms(roles)}")
    elif len(listed) < 2:
        found.gap("le collectif compte moins de deux partenaires (« partenaires »)", 0)
    without_role = [short_name(p) for p in listed if not code(p.get("role"))]
    if without_role:
        found.gap(f"rôle non précisé pour {liste_noms(without_role)} (« role »)", 0)
    if listed and not any(p.get("role") in ("chef_de_file", "coordinateur") for p in listed):
        found.gap("aucun partenaire n'a le rôle de chef de file ni de coordination", 0)
    concerned = [p for p in listed if p.get("role") != "observateur"]
    missing = [short_name(p) for p in concerned if not _has_contribution(p)]
    described = [short_name(p) for p in concerned if _has_contribution(p)]
    if described:
        found.ok(f"contribution décrite pour {liste_noms(described)}")
    if missing:
        found.gap(f"contribution non décrite pour {liste_noms(missing)} (« contribution » : "
                  "description, apports, valorisation, temps investi)", 2)


# --- 5. objectif commun -----------------------------------------------------------------------


def check_objectif_commun(data: Data, found: Findings) -> None:
    goal = " ".join(text(data.get("objectif_commun")).split())
    if not goal:
        found.gap("l'objectif commun n'est pas formulé (« objectif_commun », en une phrase)", 0, 1)
    else:
        found.ok(f"cap commun : « {goal} »")
        if len(goal) > OBJECTIF_COMMUN_MAX:
            found.gap(f"l'objectif commun fait {len(goal)} caractères : resserrez-le en une "
                      f"phrase de {OBJECTIF_COMMUN_MAX} caractères au plus", 1)
        if (many := sentences(goal)) > 1:
            found.gap(f"l'objectif commun tient en {many} phrases : le mémo demande de dire en "
                      "une seule phrase ce qui rassemble les partenaires", 1)
    values = [text(v.get("libelle")) for v in dicts(data.get("valeurs"))]
    values = [v for v in values if v] or texts(data.get("valeurs"))
    if values:
        found.ok(f"valeurs partagées : {liste(values)}")
    else:
        # No values: the charte shows a « [À compléter…] » marker, which `validate` lists and
        # `evaluate` counts in this step; the memo's debate on values is the way to fill it.
        found.suggest(0)


# --- 6. enjeux partagés -----------------------------------------------------------------------


def check_enjeux(data: Data, found: Findings) -> None:
    stakes = texts(data.get("enjeux_partages"))
    if not stakes:
        found.gap("aucun enjeu partagé n'est écrit (« enjeux_partages »)", 0)
        return
    found.ok(f"{count(len(stakes), 'enjeu partagé', 'enjeux partagés')} : "
             f"{liste(quote(s) for s in stakes)}")
    if len(stakes) == 1:
        found.suggest("Un seul enjeu est écrit : en croisant les diagnostics de chaque "
                      "structure, les collectifs en repèrent d'ordinaire plusieurs (économiques, "
                      "sociaux, environnementaux)")


# --- 7. objectifs opérationnels ---------------------------------------------------------------


def check_objectifs_operationnels(data: Data, found: Findings) -> None:
    objectives = dicts(data.get("objectifs_operationnels"))
    if not objectives:
        found.gap("aucun objectif opérationnel n'est défini (« objectifs_operationnels »)", 0, 1)
        return
    total = quantified = 0
    for i, objective in enumerate(objectives):
        name = _objective_label(objective, i)
        indicators = dicts(objective.get("indicateurs"))
        if not indicators:
            found.gap(f"l'objectif {name} n'a pas d'indicateur de suivi", 1)
        for j, indicator in enumerate(indicators):
            total += 1
            ind = entry_label(indicator, ("libelle",), j)
            # Qualitative indicators have no target by design: only figures need one.
            if indicator.get("type") == "quantitatif":
                if indicator.get("valeur_cible") is None:
                    found.gap(f"l'objectif {name} n'a pas de valeur cible pour l'indicateur "
                              f"{ind}", 1)
                else:
                    quantified += 1
                if not text(indicator.get("unite")):
                    found.gap(f"l'indicateur {ind} de l'objectif {name} n'a pas d'unité", 1)
            elif indicator.get("type") != "qualitatif":
                found.gap(f"l'indicateur {ind} de l'objectif {name} n'indique pas s'il est "
                          "quantitatif ou qualitatif", 1)
            if not code(indicator.get("responsable")):
                found.gap(f"personne n'est responsable du suivi de l'indicateur {ind} "
                          f"(objectif {name})", 1)
    found.ok(f"{count(len(objectives), 'objectif opérationnel', 'objectifs opérationnels')}, "
             f"{count(total, 'indicateur')} dont {quantified} chiffré"
             f"{'s' if quantified > 1 else ''} avec une valeur cible")


# --- 8. plan d'action et rétroplanning --------------------------------------------------------


def _check_action(action: dict[str, Any], name: str, found: Findings) -> int:
    """Gaps of one action; returns its number of dated tasks."""
    if not code(action.get("pilote")):
        found.gap(f"l'action {name} n'a pas de pilote", 0)
    if not texts(action.get("competences_requises")):
        found.gap(f"les compétences requises pour l'action {name} ne sont pas précisées", 1)
    lacking = texts(action.get("competences_manquantes"))
    if lacking and not texts(action.get("partenaires_a_mobiliser")):
        found.gap(f"l'action {name} manque de compétences ({liste(lacking)}) sans partenaire à "
                  "mobiliser pour les apporter (« partenaires_a_mobiliser »)", 3)
    if not text(action.get("ressources")):
        found.gap(f"les ressources nécessaires à l'action {name} ne sont pas décrites", 2)
    need = amount_of(action.get("besoin_financier"))
    if need is None:
        found.gap(f"le besoin financier de l'action {name} n'est pas chiffré (mettez 0 si elle "
                  "ne coûte rien)", 2)
    else:
        funded = sum((amount_of(f.get("montant")) or Decimal(0)
                      for f in dicts(action.get("financements"))), Decimal(0))
        if funded < need:
            found.gap(f"l'action {name} a besoin de {montant(need)} mais ses financements "
                      f"n'en couvrent que {montant(funded)} : {montant(need - funded)} restent à "
                      "trouver", 2)
    tasks = dicts(action.get("taches"))
    dated = [t for t in tasks if date_of(t.get("date_debut")) and date_of(t.get("date_fin"))]
    if not tasks:
        found.gap(f"l'action {name} n'a pas encore de tâches datées pour le rétroplanning "
                  "(« taches »)", 4)
    elif len(dated) < len(tasks):
        found.gap(f"{count(len(tasks) - len(dated), 'tâche')} de l'action {name} sans dates "
                  "de début et de fin", 4)
    return len(dated)


def check_plan_action(data: Data, found: Findings) -> None:
    actions = [a for a in dicts(data.get("plan_action")) if a.get("statut") != "abandonne"]
    deadline = date_of(as_map(data.get("retroplanning")).get("date_butoir"))
    if not actions:
        found.gap("aucune action n'est décrite (« plan_action »)", 0, 1, 2, 3)
    else:
        piloted = [a for a in actions if code(a.get("pilote"))]
        found.ok(f"{count(len(actions), 'action')} au plan d'action, "
                 + ("chacune avec un pilote" if len(piloted) == len(actions)
                    else f"dont {len(piloted)} avec un pilote"))
        targeted = {a.get("objectif") for a in actions}
        for i, objective in enumerate(dicts(data.get("objectifs_operationnels"))):
            if objective.get("id") not in targeted:
                found.gap(f"aucune action ne sert l'objectif {_objective_label(objective, i)}", 0)
        dated = sum(_check_action(a, entry_label(a, ("id", "intitule"), i), found)
                    for i, a in enumerate(actions))
        if dated:
            found.ok(f"rétroplanning : {count(dated, 'tâche datée', 'tâches datées')}")
        needs = [n for a in actions if (n := amount_of(a.get("besoin_financier"))) is not None]
        if needs:
            found.ok(f"besoin financier chiffré : {montant(sum(needs, Decimal(0)))}")
    if deadline:
        found.ok(f"date butoir du rétroplanning : {date_longue(deadline)}")
    else:
        found.gap("le rétroplanning n'a pas de date butoir (« retroplanning.date_butoir »)", 4)


# --- 9. statut juridique ----------------------------------------------------------------------


def check_statut_juridique(data: Data, found: Findings) -> None:
    statut = as_map(data.get("statut_juridique"))
    forme = code(statut.get("forme"))
    if not forme:
        found.gap("la forme de la coopération n'est pas choisie (« statut_juridique.forme »)", 0)
    else:
        found.ok(f"forme retenue : {label_of('statut_juridique', forme)}")
        if text(statut.get("justification")):
            found.ok("le choix de la forme est justifié")
        else:
            found.gap("le choix de la forme n'est pas justifié (« statut_juridique."
                      "justification » : pourquoi elle plutôt qu'une autre)", 0)
        if forme in GME_FORMS:
            mandataire = names_by_id(data).get(code(statut.get("mandataire")) or "")
            if mandataire:
                found.ok(f"mandataire du groupement : {mandataire}")
            else:
                found.gap("le groupement momentané d'entreprises n'a pas de mandataire "
                          "(« statut_juridique.mandataire »)", 1)
        if forme in LEGAL_PERSON_FORMS:
            found.suggest("Faire rédiger les statuts de la nouvelle structure avec un conseil "
                          "juridique : coopdocs ne les produit pas")
    projet = as_map(data.get("projet"))
    signed, place = date_of(projet.get("date_signature")), text(projet.get("lieu_signature"))
    if signed:
        found.ok(f"signature prévue le {date_longue(signed)}" + (f" à {place}" if place else ""))
    else:
        found.gap("la date de la signature commune n'est pas fixée (« projet.date_signature ») : "
                  "les documents laisseront la date en blanc", 2)


# --- 10. gouvernance --------------------------------------------------------------------------


def _signatories(data: Data) -> list[dict[str, Any]]:
    flag = "signataire_convention" if convention_applies(data) else "signataire_charte"
    return [p for p in partners(data) if signs(p, flag)]


def _check_instances(data: Data, found: Findings) -> None:
    gov = as_map(data.get("gouvernance"))
    deciding = [i for i in dicts(gov.get("instances")) if decisive(i)]
    if not deciding:
        found.gap("aucune instance de décision n'est définie (« gouvernance.instances »)", 2)
    for k, instance in enumerate(deciding):
        name = entry_label(instance, ("nom", "id"), k)
        mode = code(as_map(instance.get("regles_de_vote")).get("mode"))
        if mode:
            found.ok(f"instance de décision {name} : décisions par {label_of('mode_vote', mode)}")
        else:
            found.gap(f"l'instance {name} n'a pas de règles de vote (« regles_de_vote »)", 2)
    seated = {s.get("partenaire") for i in deciding for s in dicts(i.get("composition"))}
    # Without any deciding instance, naming every signatory would only repeat that gap.
    absent = [p for p in _signatories(data) if p.get("id") not in seated] if deciding else []
    for partner in absent:
        found.gap(f"{short_name(partner)} ne siège dans aucune instance de décision", 2)
    if deciding and not absent:
        found.ok("chaque structure signataire siège dans une instance de décision")
    if dicts(gov.get("roles")):
        found.ok("la répartition des rôles (qui fait quoi) est écrite")
    else:
        found.gap("la répartition des rôles n'est pas écrite (« gouvernance.roles » : qui "
                  "fait quoi)", 2)


def check_gouvernance(data: Data, found: Findings) -> None:
    gov = as_map(data.get("gouvernance"))
    outside = [text(p.get("nom")) or text(p.get("id")) for p in
               dicts(data.get("parties_prenantes")) if not code(p.get("partenaire"))]
    if outside:
        stakeholders = count(len(outside), "partie prenante", "parties prenantes")
        found.ok(f"cartographie : {stakeholders} en plus des partenaires ({liste(outside)})")
    else:
        found.gap("la cartographie ne compte que les partenaires : ajoutez les autres parties "
                  "prenantes (bénéficiaires, financeurs, services de l'État…) dans "
                  "« parties_prenantes »", 0)
    _check_instances(data, found)
    alive = dicts(gov.get("faire_vivre"))
    if not alive:
        found.gap("aucune action pour faire vivre la gouvernance (« gouvernance.faire_vivre » : "
                  "action, outils, fréquence, référent·e·s, objectif)", 3)
    for k, action in enumerate(alive):
        name = entry_label(action, ("action",), k)
        referents = [names_by_id(data).get(r, r) for r in texts(action.get("referents"))]
        if referents:
            found.ok(f"pour faire vivre la gouvernance, {name} (référent·e : {liste(referents)})")
        else:
            found.gap(f"l'action {name} pour faire vivre la gouvernance n'a pas de référent·e", 3)
    if texts(as_map(gov.get("gestion_des_conflits")).get("etapes")):
        found.ok("la gestion des conflits est prévue")
    else:
        found.gap("la gestion des conflits n'est pas prévue (« gouvernance.gestion_des_conflits »"
                  " : étapes, médiation)", 1)
    exit_rules = as_map(gov.get("entree_sortie"))
    if any(v is not None and v != "" for v in exit_rules.values()):
        found.ok("les conditions d'entrée et de sortie des partenaires sont écrites")
    else:
        found.gap("les conditions d'entrée et de sortie des partenaires ne sont pas écrites "
                  "(« gouvernance.entree_sortie »)", 1)
