"""Context of the « fiche d'organisation de la gouvernance » (domain.md §1.4, §5).

``governance_context`` takes the normalised project data (``Project.data``, see
``docs/dev/contrat-interne.md``) and returns plain dicts of ready-to-print French strings and
lists, so the templates only place text: no ``None`` ever reaches a template (absent values
become ``""``, ``"—"`` or an explanatory sentence) and every key is always present (the renderer
uses ``StrictUndefined``).

``project.build_context`` puts ``governance_context`` under ``gouvernance`` and
``stakeholders_context`` under ``cartographie``, looking both up in this module. The
stakeholder map lives in ``coopdocs.stakeholders``, the vote-rule wording in ``coopdocs.votes``
and the shared French helpers in ``coopdocs.wording``; their public names are re-exported here
so existing imports (``project``, ``planning``, the tests) keep working.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from coopdocs import formatting as fmt
from coopdocs.stakeholders import CERCLES, default_circle, stakeholders_context
from coopdocs.votes import _mode_definition, vote_rules_text
from coopdocs.wording import (
    COLON,
    DASH,
    NBSP,
    NNBSP,
    SEMI,
    _days_text,
    _join_lines,
    _labels,
    _lower_first,
    _partners,
    _person,
    _plural,
    _ref_name,
    _sentence,
    label,
    partner_name,
    partner_short,
)

# The re-exported names are listed too: ruff then treats them as used (F401), and they are the
# names other modules import from here.
__all__ = [
    "CERCLES",
    "COLON",
    "DASH",
    "NBSP",
    "NNBSP",
    "SEMI",
    "default_circle",
    "governance_context",
    "label",
    "partner_name",
    "partner_short",
    "stakeholders_context",
    "vote_rules_text",
]


# --------------------------------------------------------------------------- instances


def _member(
    member: Mapping[str, Any], partners: Mapping[str, Mapping[str, Any]], total: int
) -> dict:
    partner = partners.get(member["partenaire"])
    name = partner_name(partner) if partner else str(member["partenaire"])
    sieges = int(member.get("sieges") or 1)
    voix = member.get("voix")
    voix = sieges if voix is None else int(voix)
    seats = f"{sieges} {_plural(sieges, 'siège')}"
    votes = f"{voix} voix" if voix else "sans voix délibérative"
    text = f"{name}{COLON} {seats}, {votes}"
    if member.get("fonction"):
        text += f" {DASH} {member['fonction']}"
    share = Decimal(voix) / Decimal(total) if total else Decimal(0)
    return {
        "partenaire": member["partenaire"],
        "nom": name,
        "sigle": partner_short(partner) if partner else name,
        "sieges": sieges,
        "voix": voix,
        "fonction": member.get("fonction") or "",
        "part": share,
        "part_texte": fmt.pourcentage(share * 100),
        "texte": text,
    }


def _presidency(value: str | None, partners: Mapping[str, Mapping[str, Any]]) -> str:
    if not value:
        return ""
    if value == "tournante":
        return "Présidence tournante entre les membres."
    if value == "co_presidence":
        return "Coprésidence partagée entre plusieurs membres."
    return f"Présidence assurée par {_ref_name(partners, value)}."


def _operation(instance: Mapping[str, Any], partners: Mapping[str, Mapping[str, Any]]) -> list[str]:
    lines: list[str] = []
    presidence = _presidency(instance.get("presidence"), partners)
    if presidence:
        lines.append(presidence)
    ops = instance.get("fonctionnement") or {}
    delay = ops.get("convocation_delai_jours")
    if delay is not None:
        lines.append(f"Convocation au moins {_days_text(int(delay))} à l'avance.")
    report = ops.get("compte_rendu") or {}
    if report:
        writer = report.get("redacteur")
        if writer == "tournant":
            text = "Compte rendu rédigé à tour de rôle"
        elif writer:
            text = f"Compte rendu rédigé par {_ref_name(partners, writer)}"
        else:
            text = "Compte rendu rédigé après chaque réunion"
        if report.get("delai_jours") is not None:
            text += f" et diffusé sous {_days_text(int(report['delai_jours']))}"
        lines.append(text + ".")
    remote = ops.get("distanciel")
    if remote is True:
        lines.append("Participation à distance possible.")
    elif remote is False:
        lines.append("Réunions en présence des membres.")
    if not lines:
        lines.append("Modalités pratiques à préciser par l'instance lors de sa première réunion.")
    return lines


def _balance(name: str, members: list[dict], total: int, decisionnelle: bool) -> dict:
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
            f"(au plus {top['part_texte'] if top else '0 %'})."
        )
    return {
        "instance": name,
        "decisionnelle": decisionnelle,
        "total_voix": total,
        "part_max": top["part"] if top and total else Decimal(0),
        "part_max_texte": top["part_texte"] if top and total else fmt.pourcentage(0),
        "dominant": dominant[0]["nom"] if dominant else "",
        "alerte": bool(dominant) and decisionnelle,
        "texte": text,
    }


def _instance(instance: Mapping[str, Any], partners: Mapping[str, Mapping[str, Any]]) -> dict:
    composition = instance.get("composition") or []
    total = sum(
        int(m["voix"]) if m.get("voix") is not None else int(m.get("sieges") or 1)
        for m in composition
    )
    seats = sum(int(m.get("sieges") or 1) for m in composition)
    members = [_member(m, partners, total) for m in composition]
    decisionnelle = bool(instance.get("decisionnelle", True))
    invites = [_lower_first(i) for i in _join_lines(instance.get("invites") or [])]
    rules = instance["regles_de_vote"]
    vote_text = vote_rules_text(rules, partners, decisionnelle)
    if not decisionnelle:
        vote_text = (
            f"Instance consultative, sans pouvoir de décision{COLON} ses propositions sont "
            "validées par une instance décisionnelle. " + vote_text
        )
    composition_lines = [m["texte"] for m in members]
    composition_lines.append(f"Total{COLON} {seats} {_plural(seats, 'siège')}, {total} voix.")
    if invites:
        composition_lines.append(f"Invité·e·s sans voix{COLON} {fmt.liste(invites)}.")
    return {
        "id": instance["id"],
        "nom": instance["nom"],
        "type": label("type_instance", instance.get("type")),
        "role": _sentence(instance.get("role") or ""),
        "attributions": [_sentence(a) for a in instance.get("attributions") or [] if a],
        "membres": members,
        "composition": composition_lines,
        "total_sieges": seats,
        "total_voix": total,
        "invites": invites,
        "presidence": _presidency(instance.get("presidence"), partners),
        "frequence": label("frequence", instance.get("frequence")),
        "fonctionnement": _operation(instance, partners),
        "decisionnelle": decisionnelle,
        "nature": "Décisionnelle" if decisionnelle else "Consultative",
        "mode": rules["mode"],
        "regles_vote": vote_text,
        "definition_mode": _mode_definition(rules),
        "equilibre": _balance(instance["nom"], members, total, decisionnelle),
    }


# --------------------------------------------------------------------------- governance


def _role_holder(data: Mapping[str, Any], key: str) -> Mapping[str, Any] | None:
    partners = _partners(data)
    ref = (data.get("gouvernance") or {}).get(key)
    if ref and ref in partners:
        return partners[ref]
    role = "chef_de_file" if key == "chef_de_file" else "coordinateur"
    return next((p for p in partners.values() if p.get("role") == role), None)


def _holder_text(partner: Mapping[str, Any] | None) -> str:
    if partner is None:
        return ""
    text = partner_name(partner)
    referent = _person(partner.get("referent"))
    if referent:
        text += f" {DASH} référent·e{COLON} {referent}"
    return text


def _who_does_what(gov: Mapping[str, Any], partners: Mapping[str, Mapping[str, Any]]) -> dict:
    rows: dict[str, list[str]] = {}
    for entry in gov.get("roles") or []:
        holders = rows.setdefault(entry["domaine"], [])
        name = _ref_name(partners, entry["partenaire"])
        if name not in holders:
            holders.append(name)
    usual = [d for d in _labels().get("domaine", {}) if d != "autre"]
    missing = [label("domaine", d).lower() for d in usual if d not in rows]
    return {
        "lignes": [
            {"domaine": label("domaine", d), "partenaire": fmt.liste(names)}
            for d, names in rows.items()
        ],
        "a_attribuer": missing,
        "a_attribuer_texte": (
            f"Restent à attribuer{COLON} {fmt.liste(missing)}." if missing and rows else ""
        ),
    }


def _keep_alive(gov: Mapping[str, Any], partners: Mapping[str, Mapping[str, Any]]) -> list[dict]:
    rows = []
    for item in gov.get("faire_vivre") or []:
        referents = [_ref_name(partners, r, short=True) for r in item.get("referents") or []]
        indicators = _join_lines(item.get("indicateurs") or [])
        rows.append(
            {
                "action": item["action"],
                "outils": _join_lines(item.get("outils") or []),
                "frequence": label("frequence", item.get("frequence")),
                "referents": fmt.liste(referents),
                "objectif": _sentence(item.get("objectif") or ""),
                "indicateurs": indicators or [DASH],
            }
        )
    return rows


def _conflicts(gov: Mapping[str, Any]) -> dict:
    conflicts = gov.get("gestion_des_conflits") or {}
    steps = _join_lines(conflicts.get("etapes") or [])
    mediation = conflicts.get("mediation")
    mediator = (conflicts.get("mediateur") or "").strip()
    if mediation is True or (mediation is None and mediator):
        text = "Si le désaccord persiste, les partenaires recourent à une médiation."
        if mediator:
            text += f" Tiers médiateur{COLON} {_lower_first(mediator)}."
    elif mediation is False:
        text = "Le recours à une médiation extérieure n'est pas prévu."
    else:
        text = ""
    return {
        "defini": bool(steps or text),
        "etapes": [
            {"numero": f"Étape {i}", "texte": _sentence(step)} for i, step in enumerate(steps, 1)
        ],
        "mediation": bool(mediation is True or (mediation is None and mediator)),
        "mediateur": mediator,
        "mediation_texte": text,
    }


def _entry_exit(gov: Mapping[str, Any]) -> dict:
    es = gov.get("entree_sortie") or {}
    conditions = fmt.paragraphes(es.get("conditions_entree"))
    days = es.get("preavis_retrait_jours")
    if days is not None:
        days = int(days)
        notice = (
            f"Un partenaire peut se retirer du projet en respectant un préavis de "
            f"{fmt.nombre_lettres(days)} ({days}) {_plural(days, 'jour')}, notifié par écrit "
            "aux autres partenaires."
        )
    else:
        notice = ""
    return {
        "defini": bool(conditions or notice),
        "conditions_entree": conditions,
        "preavis_texte": notice,
    }


def governance_context(data: Mapping[str, Any]) -> dict:
    """Everything the « fiche d'organisation de la gouvernance » shows, as printable values."""
    partners = _partners(data)
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
