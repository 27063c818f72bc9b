"""Context of the « cartographie des parties prenantes » (domain.md §6).

``stakeholders_context`` takes the normalised project data (``Project.data``, see
``docs/dev/contrat-interne.md``) and returns plain dicts of ready-to-print French strings, lists
and ``render.Image`` pictures, so the templates only place text: no ``None`` ever reaches a
template and every key is always present (the renderer uses ``StrictUndefined``).

``project.build_context`` puts it under ``cartographie``; it was split out of
``coopdocs.governance``, which still re-exports it (``project`` looks it up there).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coopdocs import formatting as fmt
from coopdocs.wording import (
    COLON,
    DASH,
    _lower_first,
    _partners,
    _person,
    _ref_name,
    _sentence,
    _sort_key,
    label,
    partner_name,
)

__all__ = ["CERCLES", "default_circle", "stakeholders_context"]

CERCLES = ("coeur", "operationnel", "soutien", "environnement")
_DEFAULT_CIRCLE = {
    "chef_de_file": "coeur",
    "coordinateur": "coeur",
    "partenaire_operationnel": "operationnel",
    "financeur": "soutien",
    "partenaire_associe": "soutien",
    "soutien": "soutien",
    "observateur": "environnement",
}
_DEFAULT_LEVEL = {
    "coeur": "co_decision",
    "operationnel": "co_construction",
    "soutien": "consultation",
    "environnement": "information",
}
_CIRCLE_LEGEND = {
    "coeur": "les structures qui portent le projet et prennent les décisions ensemble",
    "operationnel": "les structures qui construisent et mettent en œuvre les actions",
    "soutien": "les acteurs qui contribuent (financement, expertise, moyens) et sont consultés",
    "environnement": "les acteurs informés du projet ou concernés par ses effets",
}
_INFLUENCE = {"faible": "Faible", "moyen": "Moyenne", "fort": "Forte"}
_INTEREST = {"faible": "Faible", "moyen": "Moyen", "fort": "Fort"}


def default_circle(partner: Mapping[str, Any]) -> str:
    """MODELE.md: chef de file / coordinateur → cœur, opérationnel → opérationnel, …"""
    return _DEFAULT_CIRCLE.get(partner.get("role") or "", "soutien")


def _contribution_lines(partner: Mapping[str, Any]) -> list[str]:
    contribution = partner.get("contribution") or {}
    lines = []
    if contribution.get("description"):
        lines.append(_sentence(contribution["description"]))
    if contribution.get("apport_financier"):
        lines.append(f"Apport financier{COLON} {fmt.montant(contribution['apport_financier'])}.")
    if contribution.get("apport_nature"):
        lines.append(f"Apport en nature{COLON} {_lower_first(contribution['apport_nature'])}.")
    if contribution.get("etp"):
        lines.append(f"Temps de travail{COLON} {fmt.nombre(contribution['etp'])} ETP.")
    return lines


def _merged_stakeholders(data: Mapping[str, Any]) -> list[dict]:
    """Every partner with its defaults, overridden by its ``parties_prenantes`` entry, plus the
    other stakeholders. Raw codes, not labels."""
    partners = _partners(data)
    overrides = {
        pp["partenaire"]: pp for pp in data.get("parties_prenantes") or [] if pp.get("partenaire")
    }
    merged = []
    for pid, partner in partners.items():
        item = {
            "id": pid,
            "partenaire": pid,
            "nom": partner_name(partner),
            "categorie": partner.get("type_structure"),
            "cercle": default_circle(partner),
            "niveau_participation": None,
            "influence": None,
            "interet": None,
            "role": label("role_partenaire", partner.get("role")),
            "attentes": None,
            "apports": _contribution_lines(partner),
            "risques": None,
            "modalites": None,
            "frequence_contact": None,
            "referent_texte": _person(partner.get("referent")),
        }
        override = overrides.get(pid)
        if override:
            if override.get("role"):
                item["role"] = _sentence(override["role"])
            for key in (
                "nom",
                "categorie",
                "cercle",
                "niveau_participation",
                "influence",
                "interet",
                "attentes",
                "risques",
                "modalites",
                "frequence_contact",
            ):
                if override.get(key) not in (None, ""):
                    item[key] = override[key]
            if override.get("apports"):
                item["apports"] = [_sentence(override["apports"])]
            if override.get("referent"):
                item["referent_texte"] = _ref_name(partners, override["referent"], short=True)
            item["id"] = override.get("id") or pid
        merged.append(item)
    for pp in data.get("parties_prenantes") or []:
        if pp.get("partenaire"):
            continue
        merged.append(
            {
                "id": pp.get("id"),
                "partenaire": None,
                "nom": pp.get("nom") or pp.get("id") or "",
                "categorie": pp.get("categorie"),
                "cercle": pp.get("cercle") or "environnement",
                "niveau_participation": pp.get("niveau_participation"),
                "influence": pp.get("influence"),
                "interet": pp.get("interet"),
                "role": _sentence(pp["role"]) if pp.get("role") else None,
                "attentes": pp.get("attentes"),
                "apports": [_sentence(pp["apports"])] if pp.get("apports") else [],
                "risques": pp.get("risques"),
                "modalites": pp.get("modalites"),
                "frequence_contact": pp.get("frequence_contact"),
                "referent_texte": _ref_name(partners, pp.get("referent"), short=True),
            }
        )
    for item in merged:
        item["niveau_participation"] = item["niveau_participation"] or _DEFAULT_LEVEL.get(
            item["cercle"], "information"
        )
    order = {c: i for i, c in enumerate(CERCLES)}
    merged.sort(key=lambda s: (order.get(s["cercle"], len(CERCLES)), _sort_key(s["nom"])))
    return merged


def _strategy(influence: str | None, interet: str | None) -> str:
    if not influence or not interet:
        return ""
    from coopdocs import charts

    return fmt.majuscule_initiale(charts.strategy(influence, interet))


def _modalities(item: Mapping[str, Any]) -> str:
    text = (item.get("modalites") or "").strip()
    freq = item.get("frequence_contact")
    if freq:
        freq_text = label("frequence", freq)
        text = (
            f"{_sentence(text)} Fréquence{COLON} {freq_text.lower()}."
            if text
            else (f"Fréquence{COLON} {freq_text.lower()}.")
        )
    elif text:
        text = _sentence(text)
    return text


def _stakeholder_row(item: Mapping[str, Any]) -> dict:
    strategy = _strategy(item.get("influence"), item.get("interet"))
    influence = _INFLUENCE.get(item.get("influence") or "", "")
    interet = _INTEREST.get(item.get("interet") or "", "")
    risques = _sentence(item["risques"]) if item.get("risques") else ""
    modalites = _modalities(item)
    return {
        "id": item["id"],
        "partenaire": bool(item.get("partenaire")),
        "nom": item["nom"],
        "type": label("categorie", item.get("categorie")) if item.get("categorie") else DASH,
        "cercle_code": item["cercle"],
        "cercle": label("cercle", item["cercle"]),
        "niveau_participation": label("niveau_participation", item["niveau_participation"]),
        "role": item["role"] if item.get("role") else DASH,
        "attentes": _sentence(item["attentes"]) if item.get("attentes") else DASH,
        "apports": list(item.get("apports") or []) or [DASH],
        "influence_code": item.get("influence") or "",
        "interet_code": item.get("interet") or "",
        "influence": influence or DASH,
        "interet": interet or DASH,
        "strategie": strategy or DASH,
        "positionnement": (
            f"Influence {influence.lower()}, intérêt {interet.lower()}"
            if influence and interet
            else (
                f"Influence {influence.lower()}"
                if influence
                else (f"Intérêt {interet.lower()}" if interet else "Non évalué")
            )
        ),
        "risques": risques or DASH,
        "modalites": modalites or DASH,
        "detail": bool(risques or modalites),
        "referent": item.get("referent_texte") or DASH,
    }


def stakeholders_context(data: Mapping[str, Any], *, draw_charts: bool = True) -> dict:
    """The « cartographie des parties prenantes » (domain.md §6.2), pictures included.

    ``draw_charts=False`` puts placeholder pictures (for the template linter, which only needs
    the context's shape and would otherwise spend most of its time in matplotlib).
    """
    from coopdocs import charts, render

    circles_png = charts.circles_png if draw_charts else charts.sketch_png
    grid_png = charts.grid_png if draw_charts else charts.sketch_png

    merged = _merged_stakeholders(data)
    rows = [_stakeholder_row(item) for item in merged]
    chart_input = [
        {
            "nom": row["nom"],
            "partenaire": row["partenaire"],
            "cercle": row["cercle_code"],
            "influence": row["influence_code"],
            "interet": row["interet_code"],
        }
        for row in rows
    ]
    legend = []
    for code in CERCLES:
        members = [row["nom"] for row in rows if row["cercle_code"] == code]
        level = label("niveau_participation", _DEFAULT_LEVEL[code])
        legend_text = _CIRCLE_LEGEND[code]
        legend.append(
            {
                "code": code,
                "cercle": label("cercle", code),
                "niveau": level,
                "description": _CIRCLE_LEGEND[code],
                "texte": f"{label('cercle', code)} ({level.lower()}){COLON} {legend_text}.",
                "membres": fmt.liste(members) if members else "aucun acteur pour l'instant",
            }
        )
    evaluated = [row for row in rows if row["influence_code"] and row["interet_code"]]
    grid = render.Image(grid_png(chart_input), width_mm=160) if evaluated else None
    not_evaluated = [
        row["nom"] for row in rows if not (row["influence_code"] and row["interet_code"])
    ]
    return {
        "parties_prenantes": rows,
        "nombre": len(rows),
        "details": [row for row in rows if row["detail"]],
        "cercles": legend,
        "image_cercles": render.Image(circles_png(chart_input), width_mm=150),
        "image_grille": grid,
        "a_grille": grid is not None,
        "evaluees": len(evaluated),
        "non_evaluees": not_evaluated,
        "non_evaluees_texte": (
            f"Influence et intérêt restent à évaluer pour{COLON} {fmt.liste(not_evaluated)}."
            if evaluated and not_evaluated
            else ""
        ),
    }
