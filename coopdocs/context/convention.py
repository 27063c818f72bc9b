"""The parts of the context the convention prints: the project, the legal form and how the act
names itself, the parties' appearance, the preamble, objectives, budget, governance summary and
annexes. `context.assemble.build_context` puts them together.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from coopdocs.check.gaps import Gap, joint_purchase, subsidising
from coopdocs.check.parties import (
    Instance,
    PartiesModel,
    money_to_other_pilots,
    printed_function,
)
from coopdocs.context.documents import CATALOGUE, produced
from coopdocs.context.parties import proper_names
from coopdocs.context.votes import decision_phrase, presidency_text
from coopdocs.french.dates import date_longue
from coopdocs.french.figures import montant, quantite
from coopdocs.french.grammar import (
    a,
    announce,
    announce_bullets,
    announce_text,
    de,
    liste,
    liste_noms,
    lower_first,
    majuscule_initiale,
    other_parties,
    puces,
)
from coopdocs.french.labels import label, label_entry
from coopdocs.french.names import legal_office, name_and_function, titled_name
from coopdocs.french.typography import COLON, DASH, SEMI
from coopdocs.french.words import (
    counted,
    days_in_full,
    duration_in_words,
    montant_lettres,
    nombre_lettres,
    sum_of_money,
)
from coopdocs.law import reference
from coopdocs.vocabulary import (
    COMPANY_CREATING_FORMS,
    DOCUMENT_TITLES,
    GME_FORMS,
    PLACING_SIAE_TYPES,
    RESERVED_DECISIONS,
    answers_tenders,
    client_relations,
    competing_parties,
)

__all__ = [
    "BLANK_DATE",
    "RESERVED_ARTICLES",
    "act_part",
    "amendment_text",
    "annexes_part",
    "appearing_parties_part",
    "budget_part",
    "competition_commitment",
    "competition_text",
    "delegations_part",
    "entries_part",
    "follow_up_part",
    "formalisation_text",
    "legal_form_part",
    "no_payment_text",
    "objectives_part",
    "placing_exception",
    "pooled_contributions",
    "preamble_part",
    "produced_part",
    "project_part",
    "purchases_part",
    "quoted_sentence",
    "spending_scope",
    "steering_part",
    "unspent_subsidies",
]

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
BLANK_DATE = "____________"
# The documents annexed to the convention, in order. The fiche de gouvernance and the plan
# d'action (with its financing) bind the Parties; the charte, whose own text says it is not a
# contract, is joined for information. The cartographie and the feuille de route are working
# documents of the collective: never annexed.
ANNEX_ORDER = ("gouvernance", "plan-action", "charte")
ANNEX_LABELS = {
    "gouvernance": DOCUMENT_TITLES["gouvernance"],
    "plan-action": f"{DOCUMENT_TITLES['plan-action']} (actions, calendrier et financements)",
    "charte": f"{DOCUMENT_TITLES['charte']}, jointe pour information",
}


def _cooperations_phrase(cooperations: list[dict[str, Any]]) -> str:
    names = [c["libelle"] for c in cooperations]
    if not names:
        return ""
    if len(names) == 1:
        return f"Leur coopération relève de la forme {names[0]}."
    return f"Leur coopération relève des formes {liste(names)}."


def project_part(projet: Mapping[str, Any]) -> dict[str, Any]:
    start, end = projet["date_debut"], projet["date_fin"]
    months = projet["duree_mois"]  # always set by the schema normaliser
    cooperations = [{"code": code, **label_entry("type_cooperation", code)}
                    for code in projet.get("types_cooperation") or []]
    for n, coop in enumerate(cooperations):
        coop["puce"] = f"{coop['libelle']} : {' '.join(str(coop.get('sens', '')).split())}" + (
            "\u202f;" if n < len(cooperations) - 1 else ".")
    signed = projet.get("date_signature")
    nom = str(projet["nom"]).strip()
    return {
        **projet,
        "nom_complet": f"{nom} ({projet['acronyme']})" if projet.get("acronyme") else nom,
        "nom_cite": f"« {nom} »" + (f" ({projet['acronyme']})" if projet.get("acronyme") else ""),
        "description_cite": quoted_sentence(projet.get("description")),
        "date_debut_texte": date_longue(start),
        "date_fin_texte": date_longue(end),
        "periode": f"du {date_longue(start)} au {date_longue(end)}",
        "duree_mois": months,
        "duree_texte": duration_in_words(int(months)),
        "duree_de": de(duration_in_words(int(months))),
        "reconduction_libelle": label("reconduction", projet.get("reconduction") or "aucune"),
        "cooperations": cooperations,
        "cooperations_texte": liste([c["libelle"] for c in cooperations]),
        "cooperations_phrase": _cooperations_phrase(cooperations),
        "date_signature_texte": date_longue(signed) if signed else BLANK_DATE,
    }


def quoted_sentence(text: Any) -> str:
    """A sentence quoted with « »: no final full stop inside the quotes."""
    return " ".join(str(text or "").split()).rstrip(" .")


def entries_part(items: list[Any] | None, names: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The charte's values or principles as the file gives them (never a default set: the
    document would state it as the signatories' choice); the description runs on after the
    label's colon, lowered unless it opens with a proper name (``names``)."""
    entries = []
    for item in items or []:
        text = " ".join(str(item.get("description") or "").split()).rstrip(" .")
        entries.append({"libelle": str(item["libelle"]).strip(), "description": text,
                        "suite": f" : {lower_first(text, names)}." if text else "."})
    return entries


def _indicator(ind: Mapping[str, Any], by_id: Mapping[str, Any],
               names: Sequence[str]) -> dict[str, Any]:
    name = str(ind["libelle"]).strip()
    parts = []
    if ind.get("type") == "quantitatif":
        target = (f"valeur cible : {quantite(ind['valeur_cible'], ind.get('unite'))}"
                  if ind.get("valeur_cible") is not None else "valeur cible : ")
        if ind.get("valeur_initiale") is not None:
            target += f" (valeur initiale : {quantite(ind['valeur_initiale'], ind.get('unite'))})"
        parts.append(target)
    else:
        name += " (indicateur qualitatif)"
    if ind.get("frequence"):
        parts.append(f"mesuré {label_entry('frequence', ind['frequence'])['periodicite']}")
    if ind.get("source"):
        parts.append(f"source : {lower_first(str(ind['source']), names)}")
    if ind.get("responsable") in by_id:
        parts.append(f"suivi par {by_id[ind['responsable']]['designation']}")
    text = f"{name} – {' ; '.join(parts)}" if parts else name
    return {**ind, "type_libelle": label("type_indicateur", ind.get("type")), "texte": text + "."}


def objectives_part(data: Mapping[str, Any], by_id: Mapping[str, Any]) -> list[dict[str, Any]]:
    def title(n: int, obj: Mapping[str, Any]) -> str:
        due = f" (échéance : {date_longue(obj['echeance'])})" if obj.get("echeance") else ""
        return f"Objectif {n} – {str(obj['intitule']).strip()}{due}"

    names = proper_names(data)
    return [{**obj, "numero": n, "titre": title(n, obj),
             "echeance_texte": date_longue(obj["echeance"]) if obj.get("echeance") else "",
             "indicateurs": [_indicator(i, by_id, names) for i in obj.get("indicateurs") or []]}
            for n, obj in enumerate(data["objectifs_operationnels"], start=1)]


def budget_part(data: Mapping[str, Any], by_id: Mapping[str, Any],
                financed: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The budget article; ``financed``: the money each partner has decided to bring to the
    plan's actions (`check.parties.decided_financings`), which its card states."""
    budget = data.get("budget") or {}
    needs = [a["besoin_financier"] for a in data.get("plan_action") or []
             if a.get("besoin_financier") is not None]
    total = budget.get("total")
    origin = "budget"
    if total is None and needs:
        total, origin = sum(needs, Decimal(0)), "plan"
    shares = budget.get("repartition") or []
    if total is None and shares and all(r.get("montant") is not None for r in shares):
        # Known before the shares are computed: each row's percentage is taken from it.
        total, origin = sum((r["montant"] for r in shares), Decimal(0)), "repartition"
    names = proper_names(data)
    # A subsidy's terms are its own article's (context.families): the file's terms are the
    # other contributions'.
    others = "autres " if subsidising(data) else ""
    payment = announce_text(budget.get("modalites_versement"),
                            f"Les {others}contributions financières sont versées selon les "
                            "modalités suivantes", names)
    gaps_said = announce_text(budget.get("explication_ecarts"),
                              "Le budget, les apports des Parties et les financements des "
                              "actions du plan d'action ne présentent pas les mêmes montants, "
                              "pour la raison suivante", names)
    rows = []
    for row in shares:
        amount, share = row.get("montant"), row.get("pourcentage")
        if amount is None and share is not None and total is not None:
            amount = (total * share / HUNDRED).quantize(CENT, ROUND_HALF_UP)
        if share is None and amount is not None and total:
            share = (amount * HUNDRED / total).quantize(CENT, ROUND_HALF_UP)
        elif share is None and amount == 0 and total == 0:
            share = Decimal(0)  # nothing out of nothing; rules refuse a positive share of 0
        partner = by_id[row["partenaire"]]
        rows.append({"partenaire": partner["designation"], "nom_complet": partner["nom_complet"],
                     "montant": amount, "pourcentage": share,
                     "montant_lettres": montant_lettres(amount) if amount is not None else "",
                     "somme": sum_of_money(amount) if amount is not None else ""})
    apports = [{"partenaire": p["designation"],
                "montant": p["contribution"]["apport_financier"],
                "somme": sum_of_money(p["contribution"]["apport_financier"])}
               for p in by_id.values()
               if p["signataire_convention"] and p["contribution"].get("apport_financier")]
    return {
        "present": total is not None,
        "total": total,
        "origine": origin if total is not None else None,
        "origine_plan": origin == "plan" and total is not None,
        "total_lettres": montant_lettres(total) if total is not None else "",
        "somme": sum_of_money(total) if total is not None else "",
        "repartition": rows,
        "modalites_versement": budget.get("modalites_versement") or "",
        # « des autres contributions » when a subsidy article states its own terms.
        "autres": others,
        # Terms in several paragraphs, each lowered unless a sentence of the user's, under
        # « … selon les modalités suivantes : » (one paragraph is `modalites_phrase`).
        "modalites_paragraphes": payment[1],
        # Each Party pays its own expenses: no money passes between the Parties (the rule
        # `sans-versement-contradictoire` refuses it with a holder, terms or money that moves).
        "sans_versement": bool(budget.get("sans_versement")),
        # One paragraph runs on after the colon, lower-cased, inside the sentence that
        # announces it; several stay paragraphs of their own.
        "modalites_phrase": payment[0] if not payment[1] else "",
        "gestionnaire": (by_id[budget["gestionnaire"]]["appellation"]
                         if budget.get("gestionnaire") in by_id else ""),
        "explication_ecarts": budget.get("explication_ecarts") or "",
        # « … pour la raison suivante : » and the user's reason, run on when one paragraph.
        "ecarts_phrase": gaps_said[0],
        "ecarts_paragraphes": gaps_said[1],
        "apports": apports,
        # Each Party's money is stated in its own commitments: an apport, or its part of the
        # plan's financing (« Engagements de chaque Partie »); the budget article points there.
        "apports_precises": bool(apports) or any(
            p["signataire_convention"] and pid in (financed or {}) for pid, p in by_id.items()),
        # Whether a Party holds another's money: only then is it accounted and returned.
        "mise_en_commun": pooled_contributions(data),
    }


def pooled_contributions(data: Mapping[str, Any]) -> bool:
    """Whether a Party receives another Party's contribution to spend on the project: a
    holder (`budget.gestionnaire`), money a Party gives to an action another pilots, or a
    share of the budget whose destination the plan does not tell (no action of its own to
    pay). A subsidy is no contribution held for others (its article rules it): when every
    other Party pays only for the actions it pilots, nobody holds money for anybody, and the
    convention does not speak of the Party that does (juriste-C #18)."""
    budget = data.get("budget") or {}
    if budget.get("sans_versement"):
        return False
    if budget.get("gestionnaire"):
        return True
    grantors = {p["id"] for _, p in subsidising(data)}
    if any(line["source"] not in grantors for _, _, line in money_to_other_pilots(data)):
        return True
    paying_own = {line.get("source") for action in data.get("plan_action") or []
                  for line in action.get("financements") or []
                  if line.get("source") == action.get("pilote")}
    return any(row.get("partenaire") not in grantors | paying_own
               for row in budget.get("repartition") or [])


def unspent_subsidies(subsidies: Sequence[Mapping[str, Any]], article: int | None) -> str:
    """What becomes of an unspent subsidy when the convention ends early, the public person
    named (« des financeurs concernés » named nobody: juriste-C #18)."""
    if not subsidies or article is None:
        return ""
    if len(subsidies) == 1:
        return ("la part non employée de la subvention est reversée "
                f"{subsidies[0]['a_financeur']}, conformément à l'article {article}")
    return ("la part non employée de chaque subvention est reversée à la personne publique qui "
            f"l'a attribuée, conformément à l'article {article}")


def no_payment_text(acte: Mapping[str, Any], articles: Mapping[str, int | None]) -> str:
    """The financial article of a project whose Parties each pay their own expenses
    (`budget.sans_versement`): no sum passes between them, each accounts for what it spent.
    A groupement's price, paid by the buyer, is organised by its own article."""
    services = articles.get("prestations")
    opening = (f"Hors le règlement du prix du marché, organisé à l'article {services}, aucune"
               if services else "Aucune")
    return (f"{opening} somme n'est versée entre les Parties au titre {acte['de_la']}{COLON} "
            "chaque Partie supporte et règle elle-même les dépenses qu'elle engage pour les "
            "actions du projet, à hauteur de son engagement financier, et en rend compte chaque "
            "année aux instances de gouvernance par un état de ces dépenses.")


def spending_scope(data: Mapping[str, Any], annexe: Mapping[str, str | None],
                   articles: Mapping[str, int | None]) -> str:
    """What the money pooled by the Parties may pay for (« ne sont employées qu'aux … »): the
    convention has no budget of expenses, only the plan's actions and their needs."""
    actions = data.get("plan_action") or []
    if not actions:
        return "dépenses du projet"
    if annexe.get("plan_action"):
        where = f"du plan d'action ({annexe['plan_action']})"
    elif articles.get("plan_action"):
        where = f"prévues à l'article {articles['plan_action']}"
    else:
        where = "du projet"
    limited = all(a.get("besoin_financier") is not None for a in actions)
    # One action is no list: « de l'action », « de son besoin financier ».
    if len(actions) == 1:
        return f"dépenses de l'action {where}" + (
            ", dans la limite de son besoin financier" if limited else "")
    return f"dépenses des actions {where}" + (
        ", dans la limite du besoin financier de chacune" if limited else "")


def purchases_part(data: Mapping[str, Any], by_id: Mapping[str, Any],
                   gaps: Mapping[str, Gap], acte: Mapping[str, Any]) -> dict[str, Any]:
    """Who orders and pays the supplier of a joint purchase, how the Parties share its cost,
    and the yearly ceiling within which the instances decide purchases for each Party
    (``present`` False when the project buys nothing together)."""
    if joint_purchase(data) is None:
        return {"present": False, "texte": ""}
    raw = (data.get("budget") or {}).get("achats_groupes") or {}
    ceilings = _ceilings(raw, by_id, gaps, acte)
    buyer = by_id.get(raw.get("acheteur") or "")
    missing = gaps.get("achats-acheteur")
    marker = missing.marker if missing else ""
    # The buyer's name opens the sentence; a marker cannot be its subject (juriste-C #13).
    ordering = (f"{buyer['Appellation']} passe les commandes groupées auprès des fournisseurs "
                "choisis par les Parties, en son nom et pour le compte de celles-ci, et en "
                "règle le prix aux fournisseurs." if buyer else
                f"Les commandes groupées sont passées et payées par {marker}, en son nom et "
                "pour le compte des Parties, auprès des fournisseurs choisis par celles-ci.")
    payer = buyer["appellation"] if buyer else "cette Partie"
    share = {"quantites": "au prorata des quantités commandées pour le compte de chacune",
             "parts_egales": "à parts égales"}.get(raw.get("repartition_cout") or "")
    if share is None:
        found = gaps.get("achats-repartition")
        share = found.marker if found else ""
    # A repayment without a deadline binds to nothing: thirty days from the invoice.
    return {"present": True, "texte": (
        f"{ordering} Le coût de chaque commande est réparti entre les Parties {share}{SEMI} "
        f"chaque autre Partie rembourse sa part à {payer} dans les trente jours de la "
        f"présentation de la facture du fournisseur. {ceilings}")}


def _ceilings(raw: Mapping[str, Any], by_id: Mapping[str, Any], gaps: Mapping[str, Gap],
              acte: Mapping[str, Any]) -> str:
    """The instances decide the joint purchases, while no new expense binds a Party without
    its written consent (the financial article): each Party gives that consent by signing,
    up to a ceiling of its own for every twelve months from the act's taking effect (a
    « yearly » ceiling would leave open which year: juriste-C #13); beyond it, an order needs
    a consent of its own."""
    amounts = [(by_id[c["partenaire"]], c["montant"]) for c in raw.get("plafonds_annuels") or []
               if c.get("partenaire") in by_id
               and by_id[c["partenaire"]]["signataire_convention"]]
    missing = gaps.get("achats-plafonds")
    if amounts:
        parts = [f"de {montant_lettres(amount)} ({montant(amount)}) pour {who['appellation']}"
                 for who, amount in amounts]
        limit = f"d'un plafond {liste(parts + ([missing.marker] if missing else []))}"
    else:
        limit = f"du plafond fixé pour chacune{COLON} {missing.marker if missing else ''}"
    return (f"Chaque Partie donne, par sa signature {acte['de_la']}, son accord écrit aux achats "
            "groupés que les instances de gouvernance décident pour son compte, dans la limite, "
            f"par période de douze mois à compter de la prise d'effet {acte['de_la']}, {limit}. "
            "Au-delà de ce plafond, une commande n'engage une Partie qu'avec son accord écrit, "
            "donné par ses organes compétents.")


def legal_form_part(raw: Mapping[str, Any], by_id: Mapping[str, Any]) -> dict[str, Any]:
    forme = raw["forme"]
    entry = label_entry("statut_juridique", forme)
    famille = entry.get("famille", "conventionnelle")
    mandataire = by_id.get(raw["mandataire"]) if raw.get("mandataire") else None
    return {
        "forme": forme, "libelle": entry["libelle"], "famille": famille,
        "conventionnelle": famille == "conventionnelle", "gme": famille == "gme",
        "personne_morale": famille == "personne_morale", "solidaire": forme == "gme_solidaire",
        "structure": entry.get("structure", ""), "mandataire": mandataire,
        "de_structure": de(entry["structure"]) if entry.get("structure") else "",
        "justification": raw.get("justification") or "",
    }


def act_part(statut: Mapping[str, Any], projet: Mapping[str, Any]) -> dict[str, Any]:
    """How the convention names itself: title, and « la présente convention » or « le présent
    accord » (agreements preparing statuts), in every grammatical position."""
    if statut["personne_morale"]:
        titre, mention = "ACCORD PRÉALABLE", f"à la constitution {de(statut['structure'])}"
        la, de_la, a_la, nom = "le présent accord", "du présent accord", "au présent accord", \
            "accord"
        e, elle = "", "il"
    else:
        titre = ("LETTRE D'INTENTION" if statut["forme"] == "lettre_intention"
                 else "CONVENTION DE PARTENARIAT")
        nom = "lettre d'intention" if statut["forme"] == "lettre_intention" else "convention"
        mention = (f"valant convention de {statut['libelle']}" if statut["gme"] else "")
        la, de_la, a_la, e = f"la présente {nom}", f"de la présente {nom}", \
            f"à la présente {nom}", "e"
        elle = "elle"
    en_tete = {"ACCORD PRÉALABLE": "Accord préalable", "LETTRE D'INTENTION": "Lettre d'intention"}
    # How the other documents (charte, fiche de gouvernance) name the act.
    other = {"accord": ("de l'accord préalable", "à l'accord préalable", "cet accord",
                        "à l'accord préalable"),
             "lettre d'intention": ("de la lettre d'intention", "à la lettre d'intention",
                                    "cette lettre d'intention", "à la lettre d'intention")}
    de_nom, a_designation, cette, a_court = other.get(
        nom, ("de la convention", "à la convention de partenariat", "cette convention",
              "à la convention"))
    return {"titre": titre, "en_tete": en_tete.get(titre, "Convention de partenariat"),
            "de_nom": de_nom, "a_designation": a_designation, "cette": cette,
            "a_court": a_court,
            "mention": mention, "nom": nom, "la": la, "La": la[0].upper() + la[1:],
            "de_la": de_la, "a_la": a_la, "e": e, "elle": elle, "Elle": elle.capitalize(),
            "objet_projet": f"le projet « {projet['nom']} »"}


def formalisation_text(statut: Mapping[str, Any]) -> str:
    if statut["gme"]:
        kind = "solidaire" if statut["solidaire"] else "conjoint"
        return ("Les Parties ont choisi de répondre ensemble sous la forme d'un groupement "
                f"momentané d'entreprises {kind}, dépourvu de personnalité morale : chacune reste "
                "cocontractante de l'acheteur, et la présente convention organise leurs relations "
                "au sein du groupement, désigne le mandataire et précise la répartition des "
                "prestations.")
    if statut["personne_morale"]:
        return (f"Les Parties envisagent de porter le projet au sein {de(statut['structure'])}. "
                "La création d'une personne morale suppose l'adoption de statuts, qui seront "
                "rédigés séparément avec l'appui d'un conseil juridique. Dans l'attente, le "
                "présent accord organise la préparation de cette constitution et la coopération "
                "des Parties.")
    libelle = statut["libelle"]
    article = "une" if libelle.split(" ", 1)[0] in ("convention", "lettre", "charte",
                                                     "pratique") else "un"
    return (f"Les Parties ont choisi de formaliser leur coopération par {article} {libelle} : "
            "chacune conserve son autonomie juridique et sa propre gouvernance, tandis que le "
            "présent écrit fixe les engagements de chacune, organise les décisions communes et "
            "garantit la continuité du projet au-delà des changements d'équipes.")


def steering_part(data: Mapping[str, Any], by_id: Mapping[str, Any], model: PartiesModel,
                  acte: Mapping[str, Any], *, groupement: bool = False) -> dict[str, Any]:
    """The convention's view of the governance: the instances as the parties model settles
    them (the fiche de gouvernance prints the same model in detail). ``groupement``: the
    Parties form a GME, whose composition article comes before the entry conditions."""
    gov = data["gouvernance"]
    names = proper_names(data)
    instances = []
    guests = []
    for raw, settled in zip(gov["instances"], model.instances, strict=True):
        members = []
        for seat in settled.seats:
            text = by_id[seat.partner]["designation"]
            function = printed_function(seat, settled.presidency)
            # Inside the parenthesis, mid-sentence: « (animation, sans voix délibérative) ».
            extras = [lower_first(function)] if function else []
            if seat.seats > 1:
                extras.append(counted(seat.seats, "siège"))
            if not seat.votes:
                extras.append("sans voix délibérative")
            members.append(f"{text} ({', '.join(extras)})" if extras else text)
        freq = label_entry("frequence", raw["frequence"])
        instances.append({
            "nom": settled.name, "role": lower_first(raw["role"], names).rstrip("."),
            "composition": liste_noms(members),
            "presidence": presidency_text(settled.presidency, by_id),
            "frequence": freq.get("periodicite", freq["libelle"]),
            "decision": decision_phrase(raw["regles_de_vote"], by_id, settled.decisive),
            "decisionnelle": settled.decisive,
        })
        if settled.decisive:
            guests += [(by_id[p]["appellation"], settled.name)
                       for p in settled.non_signatory_voters]
    chef, coord = model.chef_de_file, model.coordinator
    coordinator = by_id.get(coord) if coord and coord != chef else None
    entry = gov.get("entree_sortie") or {}
    agreed = entry.get("preavis_retrait_jours")
    notice = agreed or data["clauses"]["resiliation"]["preavis_jours"]
    egide = ""
    if coordinator and not coordinator["signataire_convention"]:
        egide = f"Sous l'égide {de(coordinator['appellation'])}"
    # The entry article: « Une nouvelle structure peut rejoindre le projet aux conditions
    # suivantes : être une structure… » (one paragraph runs on after the colon, lowered).
    entry_phrase, entry_paragraphs = announce_text(
        entry.get("conditions_entree"),
        "Sous ces réserves, une nouvelle structure peut rejoindre le groupement aux conditions "
        "suivantes" if groupement else
        "Une nouvelle structure peut rejoindre le projet aux conditions suivantes", names)
    return {
        "instances_texte": liste([f"{i['nom']} ({i['frequence']})" for i in instances]),
        # The charte's « La coopération s'appuie sur … »: one instance is no list.
        "instances_annonce": announce([f"{i['nom']} ({i['frequence']})" for i in instances],
                                      "les instances suivantes", f"l'instance suivante{COLON}"),
        "instances_reprise": ("Sa composition, son rôle et ses règles de décision"
                              if len(instances) == 1 else
                              "Leur composition, leur rôle et leurs règles de décision"),
        "chef_de_file": by_id.get(chef) if chef else None,
        "coordinateur": coordinator,
        "coordinateur_signataire": bool(coordinator and coordinator["signataire_convention"]),
        "egide": egide,
        "instances": instances,
        # A structure that does not sign but votes: the convention says it, and that the
        # Parties accept it (the coherence rules warn about it too).
        "votants_non_parties": [
            f"{majuscule_initiale(who)}, qui n'est pas partie {acte['a_la']}, siège avec voix "
            f"délibérative au sein de l'instance « {name} »{COLON} les Parties l'acceptent "
            "expressément." for who, name in guests],
        "conditions_entree": entry.get("conditions_entree") or "",
        "entree": {"phrase": entry_phrase, "paragraphes": entry_paragraphs},
        "preavis_retrait": days_in_full(int(notice)),
        # The charte's withdrawal when no convention is signed: the notice the file agrees
        # on, as the fiche de gouvernance prints it (with a convention, its article rules).
        "preavis_charte": (f", avec un préavis de {days_in_full(int(agreed))}"
                           if agreed and not model.convention else ""),
    }


# The article of the convention that rules each decision kept for all the Parties
# (vocabulary.RESERVED_DECISIONS): an avenant signed by all, each Party's written consent to a
# financial commitment, the avenant that lets a new Party in. A test ties its keys to
# RESERVED_DECISIONS': a decision added there without its article here would fail the build.
RESERVED_ARTICLES: Mapping[str, str] = {
    "modification": "avenant", "engagements_financiers": "financier", "entree": "entree_retrait",
}


def delegations_part(data: Mapping[str, Any], model: PartiesModel, acte: Mapping[str, Any],
                     articles: Mapping[str, int | None]) -> list[str]:
    """The delegation clause of each deciding instance that does not seat every Party."""
    delegating = [(raw, settled) for raw, settled in zip(
        data["gouvernance"]["instances"], model.instances, strict=True)
        if model.absent_parties(settled)]
    # The decisions kept for all the Parties are listed once, in the first clause.
    names = proper_names(data)
    return [_delegation(raw, settled, model, acte, articles, names,
                        listed_in=None if n == 0 else delegating[0][1].name)
            for n, (raw, settled) in enumerate(delegating)]


def _delegation(raw: Mapping[str, Any], settled: Instance, model: PartiesModel,
                acte: Mapping[str, Any], articles: Mapping[str, int | None],
                names: Sequence[str] = (), *, listed_in: str | None = None) -> str:
    """What an instance that does not seat every Party decides for all of them, and what stays
    with all the Parties: without it, Parties that are not there would be bound by decisions
    they never agreed to delegate (a juriste reads a delegation only where it is written).

    The decisions kept out of the delegation follow their own articles (an avenant signed by
    all, each Party's written consent): the instance where every Party sits votes by its own
    rule, maybe by a majority and with structures that are not Parties, so it cannot be said
    to « decide » them. ``listed_in``: the instance whose clause lists them already."""
    parties = len(model.convention_signatories)
    voting = parties - len(model.absent_parties(settled))
    attributions = [str(a).strip().rstrip(".;") for a in raw.get("attributions") or []
                    if str(a).strip()]
    if attributions:
        scope = announce([lower_first(a, names) for a in attributions],
                         "les attributions suivantes",
                         f"l'attribution suivante{COLON}", f"{SEMI} ".join)
    else:
        scope = "les décisions qui relèvent de son rôle, défini ci-dessus"
    reserved = []
    for code, phrase in RESERVED_DECISIONS.items():
        number = articles.get(RESERVED_ARTICLES[code])
        reserved.append(phrase.format(de_la=acte["de_la"])
                        + (f" (article {number})" if number else ""))
    # « Engagent toutes les Parties » would read as binding each Party's money, which only its
    # own written consent commits (the financial article says so in every convention).
    # The subsidy article holds the funder's own rights (control, reduction, repayment).
    cited = [n for n in (articles.get("subvention"), articles.get("financier")) if n]
    rights = (f", sans préjudice des droits que l'article {cited[0]} reconnaît à chaque Partie,"
              if len(cited) == 1 else
              f", sans préjudice des droits que les articles {cited[0]} et {cited[1]} "
              "reconnaissent à chaque Partie," if cited else "")
    full = model.full_instance()
    rest = (f"relève de l'instance « {full.name} », où siègent toutes les Parties" if full
            else "est prise d'un commun accord par l'ensemble des Parties")
    return (
        f"Les Parties délèguent à l'instance « {settled.name} », où "
        f"{nombre_lettres(voting, genre='f')} d'entre elles sur "
        f"{nombre_lettres(parties, genre='f')} siègent avec voix délibérative, {scope}. Ses "
        f"décisions engagent toutes les Parties dans cette limite{rights} et sont communiquées "
        + ("à la Partie qui n'y a pas voix délibérative" if parties - voting == 1 else
           "à celles qui n'y ont pas voix délibérative")
        + " avec le compte rendu de la réunion. "
        + (f"Ne relèvent pas de cette délégation{COLON} {liste(reserved)}, qui suivent les "
           "règles de ces articles. " if listed_in is None else
           "Ne relèvent pas davantage de cette délégation les décisions que la délégation à "
           f"l'instance « {listed_in} » exclut. ")
        + f"Toute autre décision qui excède cette délégation {rest}."
    )


def follow_up_part(data: Mapping[str, Any], by_id: Mapping[str, Any], model: PartiesModel,
                   annexe: Mapping[str, str | None], articles: Mapping[str, int | None],
                   others: Mapping[str, str]) -> dict[str, Any]:
    """Who keeps the project's administration and its accounts, said in the chef de file's
    article itself: the fiche de gouvernance may give the « gestion administrative » to
    another Party, and the budget article may make another Party the holder of the pooled
    money; « sauf répartition différente prévue à l'annexe » would leave a juriste to work out
    who does what."""
    chef = model.chef_de_file
    roles = (data.get("gouvernance") or {}).get("roles") or []
    # Only a Party can be given a duty by the convention: a structure that does not sign
    # brings its support (the fiche says so), the chef de file keeps the duty.
    admin = list(dict.fromkeys(r["partenaire"] for r in roles
                               if r.get("domaine") == "administratif"
                               and r.get("partenaire") in by_id
                               and model.signs_convention(r["partenaire"])))
    others_admin = [pid for pid in admin if pid != chef]
    where = f" ({annexe['gouvernance']})" if annexe.get("gouvernance") else ""
    sentences = []
    if others_admin and chef in admin:
        duty = "le suivi administratif et financier du projet"
        names = liste(by_id[pid]["appellation"] for pid in others_admin)
        sentences.append(f"La gestion administrative du projet est partagée avec {names}{where}.")
    elif others_admin:
        duty = "le suivi financier du projet"
        names = liste(by_id[pid]["appellation"] for pid in others_admin)
        sentences.append(f"La gestion administrative du projet est assurée par {names}{where}.")
    else:
        duty = "le suivi administratif et financier du projet"
    budget = data.get("budget") or {}
    holder = str(budget.get("gestionnaire") or "")
    # The holder's paragraph is printed with the split of the budget only (article financier).
    if budget.get("repartition") and holder in by_id and holder != chef:
        number = articles.get("financier")
        article = f", dans les conditions de l'article {number}" if number else ""
        sentences.append(f"{majuscule_initiale(by_id[holder]['appellation'])} tient les comptes "
                         f"des contributions financières mises en commun{article}.")
    return {"suivi": f"assure {duty} et en rend compte régulièrement {others['aux_parties']}.",
            "suivi_repartition": sentences}


def _binding_and_charter(annexes: list[dict[str, Any]]) -> tuple[list[Any], list[Any]]:
    """The numbers of the contractual annexes, and of the charte (informative only)."""
    return ([a["numero"] for a in annexes if a["code"] != "charte"],
            [a["numero"] for a in annexes if a["code"] == "charte"])


def amendment_text(annexes: list[dict[str, Any]], acte: Mapping[str, Any],
                   charter_signatories: int, services: int | None = None) -> str:
    """What the instances may update without an avenant: the contractual annexes, within the
    object and the financial commitments (and a groupement's split of the prestations, article
    ``services``, which its offer declares); never the charte, whose own text says it changes
    only with the agreement of all its signatories (two rules for one text would clash)."""
    binding, charter = _binding_and_charter(annexes)
    text = ""
    if binding:
        which = (f"L'annexe {binding[0]} peut être mise" if len(binding) == 1 else
                 f"Les annexes {liste(str(n) for n in binding)} peuvent être mises")
        these = "cette mise à jour ne modifie" if len(binding) == 1 else \
            "ces mises à jour ne modifient"
        split = (f", ni la répartition des prestations du marché fixée à l'article {services}"
                 if services else "")
        text = (f"{which} à jour par décision des instances de gouvernance, dès lors que "
                f"{these} ni l'objet {acte['de_la']}, ni les engagements financiers des "
                f"Parties{split}.")
    if charter:
        who = ("de ses deux signataires" if charter_signatories == 2
               else "de l'ensemble de ses signataires")
        text += (f" La charte de coopération (annexe {charter[0]}) n'est modifiée que selon ses "
                 f"propres règles, avec l'accord {who}.")
    return text.strip()


def placing_exception(signatories: list[dict[str, Any]]) -> str:
    """The end of the sentence on lending staff for profit (C. trav. L. 8241-1): the exception
    of an ETTI's temporary work or of an association intermédiaire's activity, only when such
    a structure is a Party."""
    kinds = {p.get("type_structure") for p in signatories} & PLACING_SIAE_TYPES
    if kinds == {"etti"}:
        return (", sauf lorsqu'elle relève du travail temporaire d'une entreprise de travail "
                "temporaire d'insertion, qui suit ses propres règles")
    if kinds == {"ai"}:
        return (", sauf lorsqu'elle relève de l'activité d'une association intermédiaire, qui "
                "suit ses propres règles")
    if kinds:
        return (", sauf lorsqu'elle relève du travail temporaire d'une entreprise de travail "
                "temporaire d'insertion ou de l'activité d'une association intermédiaire, qui "
                "suivent leurs propres règles")
    return ""


def appearing_parties_part(signatories: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The « Entre les soussignés » blocks: « d'une part, / et / d'autre part, » for two
    parties, « et » between blocks otherwise."""
    two = len(signatories) == 2
    return [{"partie": p,
             "apres": ("d'une part," if n == 0 else "d'autre part,") if two else "",
             "et": n < len(signatories) - 1}
            for n, p in enumerate(signatories)]


def preamble_part(data: Mapping[str, Any], by_id: Mapping[str, Any]) -> dict[str, Any]:
    projet = data["projet"]
    initiative = ""
    init = projet.get("initiateur") or {}
    if init.get("partenaire") in by_id:
        who = by_id[init["partenaire"]]
        initiative = (f"Le projet est né à l'initiative {who['de_appellation']}, "
                      f"{who['type_libelle']}.")
    elif init.get("type"):
        initiative = f"Le projet est né à l'initiative {de(label('initiateur', init['type']))}."
    eco = data.get("ecosysteme") or {}
    sentences = []
    # One event or one collective is no list: « lors de l'événement suivant », not « des ».
    events = announce([str(e) for e in eco.get("evenements") or []],
                      "lors des événements suivants", f"lors de l'événement suivant{COLON}")
    if events:
        sentences.append(f"Les structures ont notamment pu échanger {events}.")
    collectives = announce([str(c) for c in eco.get("collectifs") or []],
                           "aux collectifs suivants, qui ont nourri le projet",
                           f"au collectif suivant, qui a nourri le projet{COLON}")
    if collectives:
        sentences.append(f"Elles participent {collectives}.")
    return {"initiative": initiative, "ecosysteme": sentences,
            "ecosysteme_notes": eco.get("notes") or ""}


def annexes_part(data: Mapping[str, Any], acte: Mapping[str, Any], signed_on: str,
                 ) -> tuple[list[dict[str, Any]], dict[str, str | None], dict[str, str]]:
    """The annexes of the convention: its list, the « annexe n » each article cites, and the
    heading each annexed document prints: « Annexe 1 à la convention de partenariat du
    15 décembre 2026 — Fiche d'organisation de la gouvernance » (the annex named first, then
    its title: juriste-C #20)."""
    codes = {d.code: d for d in produced(data)}
    annexes: list[dict[str, Any]] = [
        {"code": c, "titre": ANNEX_LABELS[c], "fichier": codes[c].filename}
        for c in ANNEX_ORDER if c in codes]
    if "convention" not in codes:
        annexes = []  # no convention, nothing to annex to: each document stands alone
    name = acte["en_tete"].lower()
    act = a(("l'" if name[0] in "aeéiou" else "la " if acte["e"] else "le ") + name)
    headings = {}
    for number, annex in enumerate(annexes, start=1):
        annex["numero"] = number
        annex["libelle"] = f"Annexe {number} {DASH} {annex['titre']}"
        annex["puce"] = annex["libelle"] + ("\u202f;" if number < len(annexes) else ".")
        headings[annex["code"].replace("-", "_")] = (
            f"Annexe {number} {act} du {signed_on} {DASH} {codes[annex['code']].title}")
    refs: dict[str, str | None] = {c.replace("-", "_"): None for c in ANNEX_ORDER}
    refs.update({a["code"].replace("-", "_"): f"annexe {a['numero']}" for a in annexes})
    for code in ("gouvernance", "plan_action", "charte"):
        headings.setdefault(code, "")
    return annexes, refs, headings


def annexes_lead(annexes: list[dict[str, Any]], acte: Mapping[str, Any]) -> str:
    """The sentence above the list of annexes, agreed with their number: a single annex is
    « le document suivant », not « les documents suivants »."""
    if len(annexes) == 1:
        return f"Est annexé {acte['a_la']} le document suivant{COLON}"
    return f"Sont annexés {acte['a_la']} les documents suivants{COLON}"


def annexes_scope(annexes: list[dict[str, Any]], acte: Mapping[str, Any],
                  charter_only: list[str] | None = None) -> str:
    """What the annexes are worth: the contractual ones are part of the act, the charte only
    informs (its own text says it is not a contract); ``charter_only`` names the structures
    that sign the charte without being Parties, for whom it is a moral commitment only."""
    binding, charter = _binding_and_charter(annexes)
    text = ""
    if binding:
        which = (f"L'annexe {binding[0]} fait" if len(binding) == 1 else
                 f"Les annexes {liste(str(n) for n in binding)} font")
        text = f"{which} partie intégrante {acte['de_la']}."
    if charter:
        text += (f" La charte de coopération (annexe {charter[0]}) est jointe pour information "
                 "et n'a pas de valeur contractuelle.")
        if charter_only:
            signs = "signe" if len(charter_only) == 1 else "signent"
            parties = "partie" if len(charter_only) == 1 else "parties"
            text += (f" {majuscule_initiale(liste(charter_only))} la {signs} sans être "
                     f"{parties} {acte['a_la']}{COLON} elle n'est pour "
                     f"{'lui' if len(charter_only) == 1 else 'eux'} qu'un engagement moral.")
    return text.strip()


# Words that carry no commitment of their own: two commitments are compared on the others.
_FUNCTION_WORDS = frozenset({"le", "la", "les", "l", "de", "des", "du", "d", "à", "au", "aux",
                             "et", "en", "un", "une", "y", "s", "se", "leur", "leurs", "qui",
                             "que", "ou", "dans", "sur", "par", "pour"})


def _content_words(commitment: str) -> set[str]:
    words = re.findall(r"\w+", commitment.casefold().replace("’", "'"))
    return {w for w in words if w not in _FUNCTION_WORDS}


def _covers(text: str, other: str, share: float = 0.75) -> bool:
    """Whether ``text`` says (nearly) all ``other`` says: ``share`` of its words at least.
    Sharing a first verb is not enough: « participer au bilan annuel » does not say
    « participer activement aux instances de gouvernance »."""
    wanted = _content_words(other)
    return bool(wanted) and len(wanted & _content_words(text)) >= share * len(wanted)


def _same_opening(text: str, other: str, words: int = 3) -> bool:
    """Whether two commitments open with the same words (« partager les informations utiles,
    y compris… » and « partager les informations utiles à la conduite du projet »): the same
    duty, one said more precisely."""
    def opening(phrase: str) -> list[str]:
        return re.findall(r"[\w’']+", phrase.lower())[:words]
    first = opening(text)
    return len(first) == words and first == opening(other)


def common_commitments(data: Mapping[str, Any], articles: Mapping[str, int | None],
                       annexe: Mapping[str, str | None], siae: bool, parties: int) -> list[str]:
    """The convention's « Les Parties s'engagent à : » list: the commitments every cooperation
    needs (and, between Parties that could compete, no exchange of prices, margins or
    commercial terms outside what their joint activity needs: `competition_commitment`), then
    the collective's own (`engagements`), then the priority given to the people in insertion
    when a Party is an SIAE.

    A standard commitment gives way to one of the file's only when that one says the same
    thing (`_covers`) or the same duty more precisely (`_same_opening`); a commitment of the
    file that the standard one already says whole is not repeated. Anything else is kept: a
    juriste reads a duty that is missing, not one that is said twice in other words."""
    # (what is compared, what is added when printed): a reference to an article or an annex
    # says nothing of the commitment.
    gouvernance = articles.get("gouvernance")
    standard: list[tuple[str, str]] = [
        (f"agir loyalement et de bonne foi {other_parties(parties)['reciproque']}", ""),
        ("participer activement aux instances de gouvernance",
         f" prévues à l'article {gouvernance}" if gouvernance else ""),
        ("partager les informations utiles à la conduite du projet", ""),
        ("signaler sans délai toute difficulté susceptible d'affecter le déroulement du projet",
         ""),
        ("mettre en œuvre les actions qui leur incombent dans les délais convenus", "")]
    if competing_parties(data):
        standard.append((competition_commitment(data, articles), ""))
    if annexe.get("charte"):
        standard.append(("s'inspirer, dans la conduite du projet, des valeurs et des principes "
                         "de la charte de coopération",
                         f", jointe pour information ({annexe['charte']})"))
    priority = ("faire des parcours des personnes salariées en insertion une priorité dans les "
                "choix communs")
    closing = [(priority, "")] if siae else []
    own = [str(e).strip() for e in data.get("engagements") or [] if str(e).strip()]
    own = [e for e in own if not any(_covers(text, e, 1) for text, _ in standard + closing)]

    def kept(items: list[tuple[str, str]]) -> list[str]:
        return [text + more for text, more in items
                if not any(_covers(e, text) or _same_opening(e, text) for e in own)]

    return puces(kept(standard) + own + kept(closing))


def competition_commitment(data: Mapping[str, Any],
                           articles: Mapping[str, int | None]) -> str:
    """Between Parties that could compete, a contractual duty (an entente is forbidden, C. com.
    art. L. 420-1; a charte, which binds nobody, cannot carry it): no exchange of prices,
    margins or commercial terms, no concert on them or on who serves which client, except what
    the project's own joint activity needs, said for its shape (juriste-C #1, #5, #11, #14):
    passing a client's request on, a joint answer, a groupement's offer and marché, a joint
    purchase, the company the Parties prepare. Each Party stays free to set its prices and to
    answer alone, a groupement's members except for their own marché."""
    forme = data["statut_juridique"]["forme"]
    market = articles.get("marche")
    purposes = []
    if forme in GME_FORMS:
        purposes.append("à la préparation de l'offre commune et à l'exécution du marché visé "
                        f"à l'article {market}")
    else:
        if client_relations(data):
            purposes.append("à la transmission des demandes des clients entre les Parties "
                            "(nature de la demande et coordonnées du client)")
        if answers_tenders(data):
            purposes.append("à une réponse commune")
    purchases = joint_purchase(data) is not None
    if purchases:
        where = articles.get("financier")
        purposes.append("aux achats groupés" + (f" prévus à l'article {where}" if where else ""))
    # Last, so that « réservés » cannot read as qualifying the other exchanges.
    if forme in COMPANY_CREATING_FORMS:
        purposes.append("à la préparation de la société commune, réservés aux personnes qui en "
                        "ont la charge")
    # Suppliers' prices are shared for a joint purchase: only selling prices are kept apart.
    prices = "leurs prix de vente" if purchases else "leurs prix"
    own = f" autre que celle visée à l'article {market}" if forme in GME_FORMS and market else ""
    return (f"ne pas échanger d'informations sur {prices}, leurs marges ou leurs conditions "
            "commerciales, ni se concerter sur ces éléments ou sur la répartition de leurs "
            "clients ; seuls sont échangés les éléments strictement nécessaires "
            f"{liste(purposes or ['à la conduite du projet'], 'ou')} ; chaque Partie fixe "
            "seule et librement ses prix et ses offres et reste libre de répondre seule à toute "
            f"demande ou consultation{own}")


def competition_text(data: Mapping[str, Any], articles: Mapping[str, int | None]) -> str:
    """The paragraph after the common commitments when two Parties or more could compete
    (`vocabulary.competing_parties`): the law the commitment respects and, where the Parties
    may answer a marché together (`vocabulary.answers_tenders`), when they may: a joint answer
    the marché's requirements justify, a written groupement agreement before the candidature,
    no second bid for the same marché. A groupement's own marché is answered under the
    convention itself (its article « marché »): the rule is for the others."""
    if not competing_parties(data):
        return ""
    # The commitment is one bullet among others above: « cet engagement » would not say which.
    text = ("Les Parties pouvant être concurrentes, leur engagement relatif à leurs prix, à "
            "leurs marges, à leurs conditions commerciales et à leurs clients a pour objet de "
            f"respecter l'interdiction des ententes ({reference('entente')}).")
    if not answers_tenders(data):
        return text
    market = articles.get("marche")
    opening = (f"Hors le marché visé à l'article {market}, les Parties" if market
               else "Les Parties")
    return (f"{text} {opening} ne répondent ensemble à un marché que si la réponse commune est "
            "justifiée par ses exigences ; elles concluent alors, avant le dépôt de la "
            "candidature, un accord de groupement écrit, et aucune d'elles ne présente pour le "
            "même marché une autre candidature ou une autre offre, seule ou au sein d'un autre "
            "groupement.")


def commitments_part(data: Mapping[str, Any], by_id: Mapping[str, Any]) -> dict[str, Any]:
    """What the project file adds to each Party's commitments: its internal mobilisation
    (step 3 of the trame)."""
    kinds = (("communication", "communication interne"),
             ("instances_echange", "instances d'échange"), ("formations", "formations"))
    mobilisation: dict[str, list[str]] = {}
    for entry in data.get("mobilisation") or []:
        # After a colon, inside a sentence: « communication interne : présentation du projet ».
        lines = [f"{word}{COLON} {liste(lower_first(str(item)) for item in entry[key])}"
                 for key, word in kinds if entry.get(key)]
        if lines and entry["partenaire"] in by_id:
            mobilisation.setdefault(entry["partenaire"], []).extend(lines)
    # One line is no list: « X mobilise sa structure en matière de communication interne : … ».
    return {"mobilisation": {
        pid: announce_bullets([de(lines[0])] if len(lines) == 1 else lines,
                              "Mobilisation de sa structure",
                              f"{by_id[pid]['sujet']} mobilise sa structure en matière")
        for pid, lines in mobilisation.items()}}


def _capacity(rep: Mapping[str, Any]) -> str:
    """« représentante légale » for a legal office, « agissant par délégation » when the file
    says so, else nothing: the quality printed before it speaks for itself."""
    if legal_office(str(rep.get("qualite") or "")):
        return str(label_entry("civilite", rep.get("civilite")).get(
            "representant", "qui représente légalement la Partie"))
    if "délégation" in str(rep.get("habilitation") or "").lower():
        return "agissant par délégation"
    return ""


def correspondents_part(signatories: list[dict[str, Any]]) -> list[dict[str, str]]:
    """The notices clause's table: each Party's correspondent, e-mail and phone; a Party that
    names no référent is represented by its legal representative."""
    rows = []
    for partner in signatories:
        referent = partner.get("referent") or {}
        if referent.get("nom"):
            who = name_and_function(referent)
        else:
            rep = partner["personne"]
            who = f"{titled_name(rep)}, {lower_first(str(rep['qualite']))}"
            capacity = _capacity(rep)
            if capacity:
                who += f" ({capacity})"
        rows.append({"partie": partner["designation"], "correspondant": who,
                     "courriel": str(referent.get("email") or DASH),
                     "telephone": str(referent.get("telephone") or DASH)})
    return rows


def produced_part(data: Mapping[str, Any]) -> dict[str, bool]:
    return {d.code.replace("-", "_"): d.applies(data) is None for d in CATALOGUE}
