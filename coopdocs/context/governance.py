"""Context of the « fiche d'organisation de la gouvernance » (domain.md §1.4, §5).

``governance_context`` takes the normalised project data (``Project.data``, see
``docs/dev/contrat-interne.md``) and returns plain dicts of ready-to-print French strings and
lists, so the templates only place text: no ``None`` ever reaches a template (absent values
become ``""``, ``"—"`` or an explanatory sentence) and every key is always present (the renderer
uses ``StrictUndefined``).

``context.assemble.build_context`` puts it under ``gouvernance``.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from coopdocs.context.parties import Partners, partners_by_id
from coopdocs.context.votes import mode_definition, vote_rules_text
from coopdocs.french.figures import pourcentage
from coopdocs.french.grammar import join_lines, liste, lower_first, paragraphes, plural, sentence
from coopdocs.french.labels import label, labels
from coopdocs.french.names import full_name, name_and_function, referenced_name, short_name
from coopdocs.french.typography import COLON, DASH
from coopdocs.french.words import days_in_words, nombre_lettres

__all__ = ["governance_context"]


# --------------------------------------------------------------------------- instances


def _member(
    member: Mapping[str, Any], partners: Partners, total: int
) -> dict[str, Any]:
    partner = partners.get(member["partenaire"])
    name = full_name(partner) if partner else str(member["partenaire"])
    sieges = int(member.get("sieges") or 1)
    voix = member.get("voix")
    voix = sieges if voix is None else int(voix)
    seats = f"{sieges} {plural(sieges, 'siège')}"
    votes = f"{voix} voix" if voix else "sans voix délibérative"
    text = f"{name}{COLON} {seats}, {votes}"
    if member.get("fonction"):
        text += f" {DASH} {member['fonction']}"
    share = Decimal(voix) / Decimal(total) if total else Decimal(0)
    return {
        "partenaire": member["partenaire"],
        "nom": name,
        "sigle": short_name(partner) if partner else name,
        "sieges": sieges,
        "voix": voix,
        "fonction": member.get("fonction") or "",
        "part": share,
        "part_texte": pourcentage(share * 100),
        "texte": text,
    }


def _presidency(value: str | None, partners: Partners) -> str:
    if not value:
        return ""
    if value == "tournante":
        return "Présidence tournante entre les membres."
    if value == "co_presidence":
        return "Coprésidence partagée entre plusieurs membres."
    return f"Présidence assurée par {referenced_name(partners, value)}."


def _operation(instance: Mapping[str, Any], partners: Partners) -> list[str]:
    lines: list[str] = []
    presidence = _presidency(instance.get("presidence"), partners)
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
            text = f"Compte rendu rédigé par {referenced_name(partners, writer)}"
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
    if not lines:
        lines.append("Modalités pratiques à préciser par l'instance lors de sa première réunion.")
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
            f"{name}{COLON} attention, {m['nom']} détient {m['voix']} des {total} voix "
            f"({m['part_texte']}), soit plus de la moitié ; une seule structure peut donc "
            "décider pour toutes."
        )
    else:
        text = (
            f"{name}{COLON} aucune structure ne détient plus de la moitié des {total} voix "
            f"(au plus {top['part_texte'] if top else pourcentage(0)})."
        )
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


def _instance(instance: Mapping[str, Any], partners: Partners) -> dict[str, Any]:
    composition = instance.get("composition") or []
    total = sum(
        int(m["voix"]) if m.get("voix") is not None else int(m.get("sieges") or 1)
        for m in composition
    )
    seats = sum(int(m.get("sieges") or 1) for m in composition)
    members = [_member(m, partners, total) for m in composition]
    decisionnelle = bool(instance.get("decisionnelle", True))
    invites = [lower_first(i) for i in join_lines(instance.get("invites") or [])]
    rules = instance["regles_de_vote"]
    vote_text = vote_rules_text(rules, partners, decisionnelle)
    if not decisionnelle:
        vote_text = (
            f"Instance consultative, sans pouvoir de décision{COLON} ses propositions sont "
            "validées par une instance décisionnelle. " + vote_text
        )
    composition_lines = [m["texte"] for m in members]
    composition_lines.append(f"Total{COLON} {seats} {plural(seats, 'siège')}, {total} voix.")
    if invites:
        composition_lines.append(f"Invité·e·s sans voix{COLON} {liste(invites)}.")
    return {
        "id": instance["id"],
        "nom": instance["nom"],
        "type": label("type_instance", instance.get("type"), capital=True),
        "role": sentence(instance.get("role") or ""),
        "attributions": [sentence(a) for a in instance.get("attributions") or [] if a],
        "membres": members,
        "composition": composition_lines,
        "total_sieges": seats,
        "total_voix": total,
        "invites": invites,
        "presidence": _presidency(instance.get("presidence"), partners),
        "frequence": label("frequence", instance.get("frequence"), capital=True),
        "fonctionnement": _operation(instance, partners),
        "decisionnelle": decisionnelle,
        "nature": "Décisionnelle" if decisionnelle else "Consultative",
        "mode": rules["mode"],
        "regles_vote": vote_text,
        "definition_mode": mode_definition(rules),
        "equilibre": _balance(instance["nom"], members, total, decisionnelle),
    }


# --------------------------------------------------------------------------- governance


def _role_holder(data: Mapping[str, Any], key: str) -> Mapping[str, Any] | None:
    partners = partners_by_id(data)
    ref = (data.get("gouvernance") or {}).get(key)
    if ref and ref in partners:
        return partners[ref]
    role = "chef_de_file" if key == "chef_de_file" else "coordinateur"
    return next((p for p in partners.values() if p.get("role") == role), None)


def _holder_text(partner: Mapping[str, Any] | None) -> str:
    if partner is None:
        return ""
    text = full_name(partner)
    referent = name_and_function(partner.get("referent"))
    if referent:
        text += f" {DASH} référent·e{COLON} {referent}"
    return text


def _who_does_what(gov: Mapping[str, Any], partners: Partners) -> dict[str, Any]:
    rows: dict[str, list[str]] = {}
    for entry in gov.get("roles") or []:
        holders = rows.setdefault(entry["domaine"], [])
        name = referenced_name(partners, entry["partenaire"])
        if name not in holders:
            holders.append(name)
    usual = [d for d in labels().get("domaine", {}) if d != "autre"]
    missing = [label("domaine", d, capital=True).lower() for d in usual if d not in rows]
    return {
        "lignes": [
            {"domaine": label("domaine", d, capital=True), "partenaire": liste(names)}
            for d, names in rows.items()
        ],
        "a_attribuer": missing,
        "a_attribuer_texte": (
            f"Restent à attribuer{COLON} {liste(missing)}." if missing and rows else ""
        ),
    }


def _keep_alive(gov: Mapping[str, Any], partners: Partners) -> list[dict[str, Any]]:
    rows = []
    for item in gov.get("faire_vivre") or []:
        referents = [referenced_name(partners, r, short=True) for r in item.get("referents") or []]
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


def _conflicts(gov: Mapping[str, Any]) -> dict[str, Any]:
    conflicts = gov.get("gestion_des_conflits") or {}
    steps = join_lines(conflicts.get("etapes") or [])
    mediation = conflicts.get("mediation")
    mediator = (conflicts.get("mediateur") or "").strip()
    if mediation is True or (mediation is None and mediator):
        text = "Si le désaccord persiste, les partenaires recourent à une médiation."
        if mediator:
            text += f" Tiers médiateur{COLON} {lower_first(mediator)}."
    elif mediation is False:
        text = "Le recours à une médiation extérieure n'est pas prévu."
    else:
        text = ""
    return {
        "defini": bool(steps or text),
        "etapes": [
            {"numero": f"Étape {i}", "texte": sentence(step)} for i, step in enumerate(steps, 1)
        ],
        "mediation": bool(mediation is True or (mediation is None and mediator)),
        "mediateur": mediator,
        "mediation_texte": text,
    }


def _entry_exit(gov: Mapping[str, Any]) -> dict[str, Any]:
    es = gov.get("entree_sortie") or {}
    conditions = paragraphes(es.get("conditions_entree"))
    days = es.get("preavis_retrait_jours")
    if days is not None:
        days = int(days)
        notice = (
            f"Un partenaire peut se retirer du projet en respectant un préavis de "
            f"{nombre_lettres(days)} ({days}) {plural(days, 'jour')}, notifié par écrit "
            "aux autres partenaires."
        )
    else:
        notice = ""
    return {
        "defini": bool(conditions or notice),
        "conditions_entree": conditions,
        "preavis_texte": notice,
    }


def governance_context(data: Mapping[str, Any]) -> dict[str, Any]:
    """Everything the « fiche d'organisation de la gouvernance » shows, as printable values."""
    partners = partners_by_id(data)
    gov = data.get("gouvernance") or {}
    instances = [_instance(i, partners) for i in gov.get("instances") or []]
    modes = []
    for inst in instances:
        if inst["definition_mode"] and inst["definition_mode"] not in modes:
            modes.append(inst["definition_mode"])
    chef = _role_holder(data, "chef_de_file")
    coord = _role_holder(data, "coordinateur")
    return {
        "chef_de_file": _holder_text(chef),
        "coordinateur": _holder_text(coord),
        "instances": instances,
        "definitions_modes": modes,
        "titre_modes": (
            "Les modes de décision retenus" if len(modes) > 1 else "Le mode de décision retenu"
        ),
        "equilibre": [i["equilibre"] for i in instances if i["decisionnelle"]],
        "alerte_equilibre": any(i["equilibre"]["alerte"] for i in instances),
        "qui_fait_quoi": _who_does_what(gov, partners),
        "faire_vivre": _keep_alive(gov, partners),
        "conflits": _conflicts(gov),
        "entree_sortie": _entry_exit(gov),
    }
