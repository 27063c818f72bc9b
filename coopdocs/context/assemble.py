"""The template context: every value the documents print, derived once from the project data.

``build_context(project)`` takes a ``check.Project`` (or its normalised ``data``
dict, see ``docs/dev/contrat-interne.md``) and returns a plain dict of dicts, lists, strings,
numbers, dates and pictures. Templates only read it and format with the filters of
``coopdocs.french.filters``: no arithmetic, no grammar and no business rule in Jinja. The
convention's parts come from ``context.convention``; the governance, stakeholder and planning
documents' from their own modules, merged under ``gouvernance``, ``cartographie`` and ``plan``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coopdocs.check.gaps import Gap, gaps_by_code
from coopdocs.check.parties import PartiesModel, build_model, decided_financings
from coopdocs.context.clauses import article_numbers, clauses_context, renewal
from coopdocs.context.convention import (
    act_part,
    amendment_text,
    annexes_lead,
    annexes_part,
    annexes_scope,
    appearing_parties_part,
    budget_part,
    commitments_part,
    common_commitments,
    competition_text,
    correspondents_part,
    delegations_part,
    entries_part,
    follow_up_part,
    formalisation_text,
    legal_form_part,
    no_payment_text,
    objectives_part,
    placing_exception,
    preamble_part,
    produced_part,
    project_part,
    purchases_part,
    quoted_sentence,
    spending_scope,
    steering_part,
    unspent_subsidies,
)
from coopdocs.context.families import (
    company_part,
    costs_offset,
    groupement_part,
    has_funders,
    has_outside_funders,
    lapse_costs,
    law_part,
    subsidies_part,
    subsidy_limit,
    subsidy_survival,
)
from coopdocs.context.governance import governance_context, public_buyers_text
from coopdocs.context.parties import (
    order_partners,
    partner_context,
    proper_names,
    signature_rows,
)
from coopdocs.context.planning import plan_context
from coopdocs.context.stakeholders import stakeholders_context
from coopdocs.french.dates import date_longue
from coopdocs.french.grammar import announce_text, liste, lower_first, other_parties, puces
from coopdocs.french.typography import typo_all
from coopdocs.french.words import nombre_lettres

__all__ = ["build_context"]


def _data(project_or_data: Any) -> Mapping[str, Any]:
    data = getattr(project_or_data, "data", project_or_data)
    if not isinstance(data, Mapping):
        raise TypeError("build_context attend un Project ou ses données normalisées (dict).")
    return data


def _other_parts(data: Mapping[str, Any], model: PartiesModel,
                 articles: Mapping[str, int | None], gaps: Mapping[str, Gap],
                 acte: Mapping[str, str]) -> dict[str, Any]:
    """The governance, stakeholder and plan parts of the context (their own modules)."""
    return {"gouvernance": governance_context(data, model, articles, gaps=gaps,
                                              act=acte["de_nom"]),
            "cartographie": stakeholders_context(data, model, gaps=gaps, act=acte["a_court"]),
            "plan": plan_context(data, gaps=gaps)}


def _charter_entry(acte: Mapping[str, str], article: int | None, *, convention: bool,
                   groupement: bool) -> str:
    """What introduces the entry conditions in the charte, without its colon. With a
    convention they are the conditions to become a Party (its entry article prints them):
    read as conditions to sign the charte, they would shut out its signatories that are no
    Party (a département, a company, the network that coordinates)."""
    if groupement:
        return "Sous ces réserves, les conditions d'entrée convenues sont les suivantes"
    if not convention:
        return "Les conditions d'entrée convenues sont les suivantes"
    where = f"que fixe son article {article}" if article else "convenues"
    return (f"Pour devenir Partie {acte['a_designation']}, une structure remplit les "
            f"conditions d'entrée {where}")


def build_context(project_or_data: Any) -> dict[str, Any]:
    """The whole template context of a project (see the module docstring), its pictures
    included: tables and drawings (`context.picture`), laid out in a few milliseconds."""
    data = _data(project_or_data)
    model = build_model(data)  # one model of the parties for every document
    raw_partners = list(data["partenaires"])
    chef, coord, mandataire = model.chef_de_file, model.coordinator, model.mandataire
    gaps = gaps_by_code(data)
    piloted: dict[str, list[str]] = {}
    for action in data.get("plan_action") or []:
        piloted.setdefault(action["pilote"], []).append(str(action["intitule"]).strip())
    financed = decided_financings(data)
    names = proper_names(data)
    partners = [partner_context(p, chef_de_file=chef, coordinateur=coord, mandataire=mandataire,
                                actions=piloted.get(p["id"], []), gaps=gaps,
                                financed=financed.get(p["id"], ()), names=names)
                for p in order_partners(raw_partners, chef)]
    by_id = {p["id"]: p for p in partners}
    commitments = commitments_part(data, by_id)
    for partner in partners:
        partner["mobilisation_annonce"], partner["mobilisation"] = commitments[
            "mobilisation"].get(partner["id"], ("", []))
        missing = gaps.get(f"engagements:{partner['id']}")
        partner["engagements_manque"] = missing.marker if missing else ""
    # Who signs what is the parties model's (check.parties), the same for every document.
    parties = (set(model.convention_signatories) if model.convention
               else {p["id"] for p in partners if p["signataire_convention"]})
    convention = [p for p in partners if p["id"] in parties]
    charte = [p for p in partners if p["id"] in set(model.charter_signatories)]
    # Structures that sign the charte without being Parties: a moral commitment only.
    charte_seule = [p for p in charte if p["id"] not in parties]
    projet = project_part(data["projet"])
    statut = legal_form_part(data["statut_juridique"], by_id)
    valeurs = entries_part(data.get("valeurs"), names)
    principes = entries_part(data.get("principes"), names)
    engagements = [lower_first(e, names) for e in data.get("engagements") or []]
    clauses = clauses_context(data, len(convention))
    acte = act_part(statut, projet)
    annexes, annexe, headings = annexes_part(data, acte, projet["date_signature_texte"])
    lieu = str(projet["lieu_signature"]).strip()
    subsidies = subsidies_part(data, by_id, gaps, acte)
    context: dict[str, Any] = {
        "projet": projet,
        "partenaires": partners,
        "signataires_convention": convention,
        "signataires_charte": charte,
        "nb_signataires": len(convention),
        "nb_signataires_lettres": nombre_lettres(len(convention)),
        "nb_signataires_charte": len(charte),
        # Someone who is not a Party sits in or is invited to an instance.
        "instances_ouvertes": any(
            (not seat.signatory) for i in model.instances for seat in i.seats
        ) or any(i.invited for i in model.instances),
        # The charte then speaks to structures the convention does not bind.
        "charte_hors_convention": bool(charte_seule),
        "charte_hors_convention_noms": liste(p["appellation"] for p in charte_seule),
        "charte_hors_convention_qui": ("qui n'y est pas partie" if len(charte_seule) == 1
                                       else "qui n'y sont pas parties"),
        "deux_parties": len(convention) == 2,
        # « l'autre Partie » between two, « les autres Parties » beyond.
        "autres": other_parties(len(convention)),
        "objectif_commun": " ".join(str(data["objectif_commun"]).split()),
        "objectif_commun_cite": quoted_sentence(data["objectif_commun"]),
        "enjeux_partages": [str(e).strip().rstrip(".;") for e in data["enjeux_partages"]],
        "enjeux_puces": puces(data["enjeux_partages"]),
        "enjeux_intro": ("L'enjeu partagé est le suivant :" if len(data["enjeux_partages"]) == 1
                         else "Les enjeux partagés sont les suivants :"),
        "valeurs": valeurs,
        "principes": principes,
        "engagements": engagements,
        "engagements_puces": puces(engagements),
        "charte_manque": {key: gaps[key].marker if key in gaps else ""
                          for key in ("valeurs", "principes", "engagements")},
        "correspondants": correspondents_part(convention),
        "comparants": appearing_parties_part(convention),
        "objectifs": objectives_part(data, by_id),
        "actions": [{"intitule": str(a["intitule"]).strip(),
                     "pilote": by_id[a["pilote"]]["designation"],
                     "periode": f"du {date_longue(a['date_debut'])} au "
                                f"{date_longue(a['echeance'])}"}
                    for a in data.get("plan_action") or []],
        "moyens": [p["designation"] for p in convention
                   if any(p["contribution"].get(k) for k in ("apport_nature", "etp",
                                                             "valorisation"))],
        "moyens_exception": placing_exception(convention),
        "budget": budget_part(data, by_id, financed),
        "achats": purchases_part(data, by_id, gaps, acte),
        "statut": statut,
        "acte": acte,
        "formalisation": formalisation_text(statut),
        "pilotage": steering_part(data, by_id, model, acte, groupement=statut["gme"]),
        # A public buyer without a vote stays out of the exchanges on its consultations.
        "acheteurs_publics": public_buyers_text(data, model),
        "preambule": preamble_part(data, by_id),
        "clauses": {**clauses, "renouvellement": renewal(
            projet["reconduction"] or "aucune",
            int(data["clauses"]["resiliation"]["preavis_jours"]), acte,
            reserved=statut["gme"])},
        "documents_annexes": annexes,
        "documents_produits": produced_part(data),
        "annexe": annexe,
        "annexe_entete": headings,
        "annexes_annonce": annexes_lead(annexes, acte),
        "annexes_portee": annexes_scope(annexes, acte,
                                        [p["appellation"] for p in charte_seule]),
        "fait_a": f"Fait à {lieu}, le {projet['date_signature_texte']}, {clauses['exemplaires']}.",
        "fait_a_charte": f"Fait à {lieu}, le {projet['date_signature_texte']}.",
        "signatures_convention": signature_rows(convention),
        "signatures_charte": signature_rows(charte),
        # The charte's signature blocks in two groups when some signatories are not Parties.
        "signatures_charte_parties": signature_rows([p for p in charte if p["id"] in parties]),
        "signatures_charte_seule": signature_rows(charte_seule),
        # The clauses of the parties' and the cooperation's legal families (domain.md §12).
        "droit": law_part(),
        "subventions": subsidies,
        "subventions_survie": subsidy_survival(subsidies, acte),
        # Whether the clauses may speak of « financeurs » at all.
        "financeurs": has_funders(data),
        # Whether funders that are no Party may have a say on what is returned.
        "financeurs_tiers": has_outside_funders(data),
        "groupement": groupement_part(data, by_id),
        "societe": company_part(data, by_id, chef, gaps),
    }
    context["articles"], context["articles_liste"] = article_numbers(context)
    # The texts that cite an article by its number, known only now.
    articles = context["articles"]
    context["pilotage"]["delegations"] = delegations_part(data, model, acte, articles)
    context["pilotage"]["limite_subventions"] = subsidy_limit(context["subventions"],
                                                              articles["subvention"])
    context["pilotage"].update(follow_up_part(data, by_id, model, annexe, articles,
                                              context["autres"]))
    context["budget"]["emploi"] = spending_scope(data, annexe, articles)
    context["subventions_reste"] = unspent_subsidies(subsidies, articles["subvention"])
    context["budget"]["sans_versement_texte"] = (
        no_payment_text(acte, articles) if context["budget"]["sans_versement"] else "")
    context["annexes_mise_a_jour"] = amendment_text(annexes, acte, len(charte),
                                                    articles["prestations"])
    lead = _charter_entry(acte, context["articles"].get("entree_retrait"),
                          convention=context["documents_produits"]["convention"],
                          groupement=bool(context["groupement"].get("present")))
    context["charte_conditions_annonce"] = f"{lead} :"
    # The charte's entry conditions run on after its colon when they are one paragraph.
    phrase, paragraphs = announce_text(context["pilotage"]["conditions_entree"], lead, names)
    context["charte_conditions"] = {"phrase": phrase, "paragraphes": paragraphs}
    context["engagements_communs"] = common_commitments(
        data, context["articles"], annexe, any(p["est_siae"] for p in convention),
        len(convention))
    context["concurrence"] = competition_text(data, context["articles"])
    context["groupement"]["frais_caducite"] = lapse_costs(context["groupement"],
                                                          context["budget"], articles)
    context["societe"]["frais_imputation"] = costs_offset(context["societe"], context["budget"],
                                                          articles)
    context = typo_all(context)
    context.update(_other_parts(data, model, context["articles"], gaps, acte))
    return context
