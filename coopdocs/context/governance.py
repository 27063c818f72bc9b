"""Context of the « fiche d'organisation de la gouvernance » (domain.md §1.4, §5).

``governance_context`` takes the normalised project data (``Project.data``, see
``docs/dev/contrat-interne.md``) and returns plain dicts of ready-to-print French strings and
lists, so the templates only place text: no ``None`` ever reaches a template (absent values
become ``""``, ``"—"`` or an explanatory sentence) and every key is always present (the renderer
uses ``StrictUndefined``).

``context.assemble.build_context`` puts it under ``gouvernance``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from coopdocs.check.gaps import Gap, gaps_by_code
from coopdocs.check.parties import Instance, PartiesModel, Seat, printed_function
from coopdocs.context.parties import Partners, partners_by_id, proper_names
from coopdocs.context.votes import mode_definition, presidency_text, vote_rules_text
from coopdocs.french.figures import pourcentage
from coopdocs.french.grammar import (
    de,
    join_lines,
    liste,
    lower_first,
    other_parties,
    paragraphes,
    sentence,
)
from coopdocs.french.labels import label
from coopdocs.french.names import (
    appellation,
    full_name,
    mentioned_name,
    name_and_function,
    referenced_name,
    short_name,
    signature_name,
)
from coopdocs.french.typography import COLON, DASH, SEMI
from coopdocs.french.words import counted, days_in_full, days_in_words, nombre_lettres
from coopdocs.vocabulary import GME_FORMS, PUBLIC_PERSON_FORMS, answers_tenders

__all__ = ["governance_context", "public_buyers_text"]


def public_buyers_text(data: Mapping[str, Any], model: PartiesModel) -> str:
    """Where the Parties may prepare joint answers to marchés, a public person that sits
    without a vote may be the buyer: its representatives stay out of the exchanges on its own
    consultations (CCP L. 3 equal treatment, L. 2141-8 conflicts of interest; juriste-C #4).
    The convention, the fiche de gouvernance and the charte say it alike."""
    if not answers_tenders(data):
        return ""
    partners = partners_by_id(data)
    buyers = list(dict.fromkeys(
        seat.partner for instance in model.instances for seat in instance.seats
        if not seat.votes and seat.partner in partners
        and partners[seat.partner].get("forme_juridique") in PUBLIC_PERSON_FORMS))
    if not buyers:
        return ""
    if len(buyers) == 1:
        who = (f"Les représentants {de(appellation(partners[buyers[0]]))}, acheteur public qui "
               "siège sans voix délibérative,")
    else:
        who = ("Les représentants d'un acheteur public qui siège sans voix délibérative "
               f"({liste(appellation(partners[b]) for b in buyers)})")
    return (f"{who} ne participent pas aux échanges relatifs à une consultation que cet "
            f"acheteur a lancée ou prépare{SEMI} ces échanges ont lieu hors de leur présence.")


# --------------------------------------------------------------------------- instances


def _member(seat: Seat, partners: Partners, total: int, convention: bool,
            settled: Instance) -> dict[str, Any]:
    partner = partners.get(seat.partner)
    name = full_name(partner) if partner else seat.partner
    seats = counted(seat.seats, "siège")
    who = name if seat.signatory or not convention else f"{name} (non partie à la convention)"
    # A consultative instance counts no votes: its members have seats only.
    if not settled.decisive:
        text = f"{who}{COLON} {seats}"
    else:
        votes = (counted(seat.votes, "voix", genre="f") if seat.votes
                 else "sans voix délibérative")
        text = f"{who}{COLON} {seats}, {votes}"
    function = printed_function(seat, settled.presidency)
    if function:
        # In lower case and in brackets, as the convention lists the members: « (animation) ».
        text += f" ({lower_first(function)})"
    share = Decimal(seat.votes) / Decimal(total) if total else Decimal(0)
    return {
        "partenaire": seat.partner,
        "nom": name,
        "sigle": short_name(partner) if partner else name,
        "sieges": seat.seats,
        "voix": seat.votes,
        "fonction": seat.function,
        "signataire": seat.signatory,
        "part": share,
        "part_texte": pourcentage(share * 100),
        "texte": text,
    }


def _operation(instance: Mapping[str, Any], settled: Instance,
               partners: Partners, gaps: Mapping[str, Gap]) -> list[str]:
    lines: list[str] = []
    presidence = presidency_text(settled.presidency, partners)
    if presidence:
        lines.append(presidence)
    ops = instance.get("fonctionnement") or {}
    delay = ops.get("convocation_delai_jours")
    if delay is not None:
        lines.append(f"Convocation au moins {days_in_words(int(delay))} à l'avance.")
    report = ops.get("compte_rendu") or {}
    if report:
        writer = report.get("redacteur")
        if writer == "tournant":
            text = "Compte rendu rédigé à tour de rôle"
        elif writer:
            partner = partners.get(writer) if isinstance(writer, str) else None
            # « par le Réseau des SIAE », « par Recycl'Action 93 »: running text.
            by = signature_name(partner) if partner else str(writer)
            text = f"Compte rendu rédigé par {by}"
        else:
            text = "Compte rendu rédigé après chaque réunion"
        if report.get("delai_jours") is not None:
            text += f" et diffusé sous {days_in_words(int(report['delai_jours']))}"
        lines.append(text + ".")
    remote = ops.get("distanciel")
    if remote is True:
        lines.append("Participation à distance possible.")
    elif remote is False:
        lines.append("Réunions en présence des membres.")
    missing = gaps.get(f"fonctionnement:{instance['id']}")
    if missing:
        lines.append(missing.marker)
    return lines


def _balance(name: str, members: list[dict[str, Any]], total: int,
             decisionnelle: bool) -> dict[str, Any]:
    """The « no structure dominates » check of domain.md §1.4 for one instance."""
    top = max(members, key=lambda m: m["voix"], default=None)
    dominant = [m for m in members if total and m["part"] > Decimal("0.5")]
    if not decisionnelle:
        text = f"{name}{COLON} instance sans pouvoir de décision."
    elif not total:
        text = f"{name}{COLON} aucune voix n'est attribuée."
    elif dominant:
        m = dominant[0]
        text = (
            f"{name}{COLON} {m['nom']} détient {nombre_lettres(m['voix'], 'f')} des "
            f"{counted(total, 'voix', genre='f')} ({m['part_texte']}), soit plus de la moitié."
        )
    else:
        share = top["part_texte"] if top else pourcentage(0)
        text = (f"{name}{COLON} aucune structure ne détient seule la majorité des "
                f"{counted(total, 'voix', genre='f')}{SEMI} la plus forte part est de {share}.")
    return {
        "instance": name,
        "decisionnelle": decisionnelle,
        "total_voix": total,
        "part_max": top["part"] if top and total else Decimal(0),
        "part_max_texte": top["part_texte"] if top and total else pourcentage(0),
        "dominant": dominant[0]["nom"] if dominant else "",
        "alerte": bool(dominant) and decisionnelle,
        "texte": text,
    }


def _instance(instance: Mapping[str, Any], settled: Instance, partners: Partners,
              convention: bool, gaps: Mapping[str, Gap],
              names: Sequence[str] = ()) -> dict[str, Any]:
    total, seats = settled.total_votes, settled.total_seats
    members = [_member(seat, partners, total, convention, settled) for seat in settled.seats]
    decisionnelle = settled.decisive
    # After « Invité·e·s sans voix : », a name the project gives keeps its capital.
    invites = [lower_first(i, names) for i in settled.invited]
    rules = instance["regles_de_vote"]
    vote_text = vote_rules_text(rules, partners, decisionnelle)
    if not decisionnelle:
        vote_text = (
            f"Instance consultative, sans pouvoir de décision{COLON} ses propositions sont "
            "validées par une instance décisionnelle. " + vote_text
        )
    composition_lines = [m["texte"] for m in members]
    composition_lines.append(
        f"Total{COLON} {counted(seats, 'siège')}, {counted(total, 'voix', genre='f')}."
        if decisionnelle else f"Total{COLON} {counted(seats, 'siège')}.")
    if invites:
        composition_lines.append(f"Invité·e·s sans voix{COLON} {liste(invites)}.")
    return {
        "id": instance["id"],
        "nom": settled.name,
        "type": label("type_instance", instance.get("type"), capital=True),
        "role": sentence(instance.get("role") or ""),
        "attributions": [sentence(a) for a in instance.get("attributions") or [] if a],
        "membres": members,
        "composition": composition_lines,
        "total_sieges": seats,
        "total_voix": total,
        "invites": invites,
        "presidence": presidency_text(settled.presidency, partners),
        "frequence": label("frequence", instance.get("frequence"), capital=True),
        "fonctionnement": _operation(instance, settled, partners, gaps),
        "decisionnelle": decisionnelle,
        "nature": "Décisionnelle" if decisionnelle else "Consultative",
        "mode": rules["mode"],
        "regles_vote": vote_text,
        "definition_mode": mode_definition(rules),
        "equilibre": _balance(settled.name, members, total, decisionnelle),
    }


# --------------------------------------------------------------------------- governance


def _holder_text(partner: Mapping[str, Any] | None, model: PartiesModel) -> str:
    if partner is None:
        return ""
    text = full_name(partner)
    if model.convention and not model.signs_convention(partner["id"]):
        text += " (non partie à la convention)"
    referent = name_and_function(partner.get("referent"))
    if referent:
        # Epicene: the file does not say whether the référent is a man or a woman, and
        # « référent·e » before a named person reads as if nobody knew.
        text += f" {DASH} personne référente{COLON} {referent}"
    return text


def _support(pid: str, model: PartiesModel) -> str:
    """« (appui, non partie à la convention) » after the name of a non-party given a role."""
    return " (appui, non partie à la convention)" if (
        model.convention and not model.signs_convention(pid)) else ""


def _who_does_what(gov: Mapping[str, Any], partners: Partners, model: PartiesModel,
                   gaps: Mapping[str, Gap]) -> dict[str, Any]:
    rows: dict[str, list[str]] = {}
    for entry in gov.get("roles") or []:
        holders = rows.setdefault(entry["domaine"], [])
        name = referenced_name(partners, entry["partenaire"]) + _support(entry["partenaire"],
                                                                         model)
        if name not in holders:
            holders.append(name)
    return {
        "lignes": [
            {"domaine": label("domaine", d, capital=True), "partenaire": liste(names)}
            for d, names in rows.items()
        ],
        "manque": gaps["roles"].marker if "roles" in gaps else "",
    }


def _keep_alive(gov: Mapping[str, Any], partners: Partners,
                model: PartiesModel) -> list[dict[str, Any]]:
    rows = []
    for item in gov.get("faire_vivre") or []:
        referents = [referenced_name(partners, r, short=True) + _support(r, model)
                     for r in item.get("referents") or []]
        indicators = join_lines(item.get("indicateurs") or [])
        rows.append(
            {
                "action": item["action"],
                "outils": join_lines(item.get("outils") or []),
                "frequence": label("frequence", item.get("frequence"), capital=True),
                "referents": liste(referents),
                "objectif": sentence(item.get("objectif") or ""),
                "indicateurs": indicators or [DASH],
            }
        )
    return rows


def _convention_article(articles: Mapping[str, int | None], key: str, title: str,
                        model: PartiesModel, act: str) -> str:
    number = articles.get(key)
    if not model.convention or number is None:
        return ""
    return f"l'article {number} ({title}) {act}"


def _conflicts(gov: Mapping[str, Any], gaps: Mapping[str, Gap], article: str,
               partners: Mapping[str, Mapping[str, Any]],
               names: Sequence[str] = ()) -> dict[str, Any]:
    conflicts = gov.get("gestion_des_conflits") or {}
    steps = join_lines(conflicts.get("etapes") or [])
    mediation = conflicts.get("mediation")
    # A partner named as mediator is spelt as everywhere else in the pack.
    mediator = mentioned_name((conflicts.get("mediateur") or "").strip(), partners.values())
    # The file's own steps may already include the mediation: then only say who mediates.
    in_steps = any("médiat" in str(step).lower() for step in conflicts.get("etapes") or [])
    # As the convention says it: the named mediator has not accepted the role yet.
    named = (f"Tiers médiateur{COLON} {lower_first(mediator, names)}, sous réserve de son "
             "acceptation ou, à défaut, un médiateur choisi d'un commun accord.")
    if in_steps and mediation is not False:
        text = named if mediator else ""
    elif mediation is True or (mediation is None and mediator):
        text = "Si le désaccord persiste, les partenaires recourent à une médiation."
        if mediator:
            text += f" {named}"
    elif mediation is False:
        text = "Le recours à une médiation extérieure n'est pas prévu."
    else:
        text = ""
    otherwise = (f"Les désaccords entre partenaires sont réglés selon {article}." if article
                 else gaps["conflits"].marker if "conflits" in gaps else "")
    return {
        "defini": bool(steps or text),
        "etapes": [
            {"numero": f"Étape {i}", "texte": sentence(step)} for i, step in enumerate(steps, 1)
        ],
        "mediation": bool(mediation is True or (mediation is None and mediator)),
        "mediateur": mediator,
        "mediation_texte": text,
        "sinon": otherwise,
    }


def _entry_exit(gov: Mapping[str, Any], gaps: Mapping[str, Gap], article: str,
                model: PartiesModel, partners: int, *, groupement: bool = False,
                ) -> dict[str, Any]:
    """Entry and withdrawal. A withdrawal is notified to those it binds: with a convention, the
    other Parties, by registered letter as its article says; without one, the other signatories
    of the charte, in writing as the charte says; with neither, the other partners. Between two,
    to « l'autre ». ``partners``: how many the file describes."""
    es = gov.get("entree_sortie") or {}
    conditions = paragraphes(es.get("conditions_entree"))
    days = es.get("preavis_retrait_jours")
    notice = ""
    if days is not None:
        if model.convention:
            who = "Une Partie"
            to = (f"{other_parties(len(model.convention_signatories))['aux_parties']} par lettre "
                  "recommandée avec demande d'avis de réception")
        elif len(model.charter_signatories) >= 2:
            who = "Un signataire de la charte"
            to = f"par écrit {other_parties(len(model.charter_signatories))['aux_signataires']}"
        else:
            who = "Un partenaire"
            to = f"par écrit {other_parties(partners)['aux_partenaires']}"
        if groupement and article:
            # Members of a GME cannot leave while the offer binds them (the convention's
            # article says when): the fiche must not promise a free withdrawal.
            who = (f"Sous réserve des règles propres au groupement que fixe {article}, "
                   f"{who[0].lower()}{who[1:]}")
        notice = (f"{who} peut se retirer du projet en respectant un préavis de "
                  f"{days_in_full(int(days))}, notifié {to}.")
    otherwise = (f"L'entrée et le retrait des partenaires suivent {article}." if article
                 else gaps["entree-sortie"].marker if "entree-sortie" in gaps else "")
    # With a convention, the conditions are those to become a Party (its entry article): under
    # « nouveau partenaire » they would shut out the partners that sit without being Parties.
    who = "d'une nouvelle Partie" if model.convention else "d'un nouveau partenaire"
    return {
        "defini": bool(conditions or notice),
        "conditions_entree": conditions,
        "titre_entree": f"Entrée {who}",
        "preavis_texte": notice,
        "titre_retrait": "Retrait d'une Partie" if model.convention else "Retrait d'un partenaire",
        "sinon": otherwise,
    }


def governance_context(data: Mapping[str, Any], model: PartiesModel,
                       articles: Mapping[str, int | None], *,
                       gaps: Mapping[str, Gap] | None = None,
                       act: str = "de la convention") -> dict[str, Any]:
    """Everything the « fiche d'organisation de la gouvernance » shows, as printable values.

    ``articles`` numbers the convention's articles, which the fiche refers to where the file
    leaves a rule to the convention's default clauses; ``act`` names it after « de » (« de
    l'accord préalable » when it prepares statuts). ``gaps``: the project's, when the
    caller has them already (`context.assemble` computes them once per project).
    """
    partners = partners_by_id(data)
    gaps = gaps_by_code(data) if gaps is None else gaps
    gov = data.get("gouvernance") or {}
    names = proper_names(data)
    instances = [_instance(raw, settled, partners, model.convention, gaps, names)
                 for raw, settled in zip(gov.get("instances") or [], model.instances,
                                         strict=True)]
    modes = []
    for inst in instances:
        if inst["definition_mode"] and inst["definition_mode"] not in modes:
            modes.append(inst["definition_mode"])
    return {
        "acheteurs_publics": public_buyers_text(data, model),
        "chef_de_file": _holder_text(partners.get(model.chef_de_file or ""), model),
        "coordinateur": _holder_text(
            partners.get(model.coordinator or "") if model.coordinator != model.chef_de_file
            else None, model),
        "instances": instances,
        "definitions_modes": modes,
        "titre_modes": (
            "Les modes de décision retenus" if len(modes) > 1 else "Le mode de décision retenu"
        ),
        "equilibre": [i["equilibre"] for i in instances if i["decisionnelle"]],
        "alerte_equilibre": any(i["equilibre"]["alerte"] for i in instances),
        "qui_fait_quoi": _who_does_what(gov, partners, model, gaps),
        "faire_vivre": _keep_alive(gov, partners, model),
        "faire_vivre_manque": gaps["faire-vivre"].marker if "faire-vivre" in gaps else "",
        "conflits": _conflicts(gov, gaps, _convention_article(
            articles, "litiges", "Règlement des différends", model, act), partners, names),
        "entree_sortie": _entry_exit(gov, gaps, _convention_article(
            articles, "entree_retrait", "Entrée et retrait d'une Partie", model, act),
            model, len(partners),
            groupement=(data.get("statut_juridique") or {}).get("forme") in GME_FORMS),
    }
