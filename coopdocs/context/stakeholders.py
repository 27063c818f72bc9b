"""Context of the « cartographie des parties prenantes » (domain.md §6).

``stakeholders_context`` takes the normalised project data (``Project.data``, see
``docs/dev/contrat-interne.md``) and returns plain dicts of ready-to-print French strings, lists
and pictures (`context.picture`), so the templates only place them: no ``None`` ever reaches a
template and every key is always present (the renderer uses ``StrictUndefined``).

``context.assemble.build_context`` puts it under ``cartographie``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coopdocs.check.gaps import Gap, gaps_by_code
from coopdocs.check.parties import PartiesModel
from coopdocs.context.charts.circles import engagement_circles
from coopdocs.context.charts.grid import influence_grid
from coopdocs.context.identification import is_public, kind_label
from coopdocs.context.parties import partners_by_id
from coopdocs.french.figures import montant, nombre
from coopdocs.french.grammar import liste, lower_first, majuscule_initiale, sentence, sort_key
from coopdocs.french.labels import label
from coopdocs.french.names import full_name, name_and_function, referenced_name
from coopdocs.french.typography import COLON, DASH
from coopdocs.vocabulary import CIRCLES, PARTICIPATION_BY_CIRCLE, strategy

__all__ = ["stakeholders_context"]

_CIRCLE_LEGEND = {
    "coeur": "les structures qui portent le projet et prennent les décisions ensemble",
    "operationnel": "les structures qui construisent et mettent en œuvre les actions",
    "soutien": "les acteurs qui contribuent (financement, expertise, moyens) et sont consultés",
    "environnement": "les acteurs informés du projet ou concernés par ses effets",
}
_INFLUENCE = {"faible": "Faible", "moyen": "Moyenne", "fort": "Forte"}
_INTEREST = {"faible": "Faible", "moyen": "Moyen", "fort": "Fort"}


def _contribution_lines(partner: Mapping[str, Any]) -> list[str]:
    contribution = partner.get("contribution") or {}
    lines = []
    if contribution.get("description"):
        lines.append(sentence(contribution["description"]))
    if contribution.get("apport_financier"):
        lines.append(f"Apport financier{COLON} {montant(contribution['apport_financier'])}.")
    if contribution.get("apport_nature"):
        lines.append(f"Apport en nature{COLON} {lower_first(contribution['apport_nature'])}.")
    if contribution.get("etp"):
        lines.append(f"Temps de travail{COLON} {nombre(contribution['etp'])} ETP.")
    return lines


def _merged_stakeholders(data: Mapping[str, Any], model: PartiesModel) -> list[dict[str, Any]]:
    """Every partner with its defaults, overridden by its ``parties_prenantes`` entry, plus the
    other stakeholders; a partner's circle is the parties model's. Raw codes, not labels."""
    partners = partners_by_id(data)
    overrides = {
        pp["partenaire"]: pp for pp in data.get("parties_prenantes") or [] if pp.get("partenaire")
    }
    merged: list[dict[str, Any]] = []
    for pid, partner in partners.items():
        item: dict[str, Any] = {
            "id": pid,
            "partenaire": pid,
            "nom": full_name(partner),
            "categorie": partner.get("type_structure"),
            # A public person is what its legal form makes it: an établissement public
            # territorial filed as an EPCI is not a « collectivité » (its type_structure).
            "nature": majuscule_initiale(kind_label(partner)) if is_public(partner) else None,
            "cercle": model.circles[pid],
            "niveau_participation": None,
            "influence": None,
            "interet": None,
            "role": label("role_partenaire", partner.get("role"), capital=True),
            "attentes": None,
            "apports": _contribution_lines(partner),
            "risques": None,
            "modalites": None,
            "frequence_contact": None,
            "referent_texte": name_and_function(partner.get("referent")),
        }
        override = overrides.get(pid)
        if override:
            if override.get("role"):
                item["role"] = sentence(override["role"])
            moved = model.circles[pid] != override.get("cercle", model.circles[pid])
            for key in (
                "nom",
                "categorie",
                *(() if moved else ("niveau_participation",)),
                "influence",
                "interet",
                "attentes",
                "risques",
                "modalites",
                "frequence_contact",
            ):
                if override.get(key) not in (None, ""):
                    item[key] = override[key]
            if override.get("categorie"):
                item["nature"] = None  # the category the map is asked to show
            if override.get("apports"):
                item["apports"] = [sentence(override["apports"])]
            if override.get("referent"):
                item["referent_texte"] = referenced_name(partners, override["referent"], short=True)
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
                "role": sentence(pp["role"]) if pp.get("role") else None,
                "attentes": pp.get("attentes"),
                "apports": [sentence(pp["apports"])] if pp.get("apports") else [],
                "risques": pp.get("risques"),
                "modalites": pp.get("modalites"),
                "frequence_contact": pp.get("frequence_contact"),
                "referent_texte": referenced_name(partners, pp.get("referent"), short=True),
            }
        )
    for item in merged:
        item["niveau_participation"] = item["niveau_participation"] or PARTICIPATION_BY_CIRCLE.get(
            item["cercle"], "information"
        )
    order = {c: i for i, c in enumerate(CIRCLES)}
    merged.sort(key=lambda s: (order.get(s["cercle"], len(CIRCLES)), sort_key(s["nom"])))
    return merged


def _strategy(influence: str | None, interet: str | None) -> str:
    if not influence or not interet:
        return ""
    return majuscule_initiale(strategy(influence, interet))


def _modalities(item: Mapping[str, Any]) -> str:
    text = (item.get("modalites") or "").strip()
    freq = item.get("frequence_contact")
    if freq:
        freq_text = label("frequence", freq, capital=True)
        text = (
            f"{sentence(text)} Fréquence{COLON} {freq_text.lower()}."
            if text
            else (f"Fréquence{COLON} {freq_text.lower()}.")
        )
    elif text:
        text = sentence(text)
    return text


def _stakeholder_row(item: Mapping[str, Any]) -> dict[str, Any]:
    strategy = _strategy(item.get("influence"), item.get("interet"))
    influence = _INFLUENCE.get(item.get("influence") or "", "")
    interet = _INTEREST.get(item.get("interet") or "", "")
    risques = sentence(item["risques"]) if item.get("risques") else ""
    modalites = _modalities(item)
    return {
        "id": item["id"],
        "partenaire": bool(item.get("partenaire")),
        "nom": item["nom"],
        "type": item.get("nature") or (label("categorie", item.get("categorie"), capital=True)
                                       if item.get("categorie") else DASH),
        "cercle_code": item["cercle"],
        "cercle": label("cercle", item["cercle"], capital=True),
        "niveau_participation": label("niveau_participation", item["niveau_participation"],
                                      capital=True),
        "role": item["role"] if item.get("role") else DASH,
        "attentes": sentence(item["attentes"]) if item.get("attentes") else DASH,
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


_GRID_MM = 250.0  # the grid fills the text width of a landscape page (252 mm)


def stakeholders_context(data: Mapping[str, Any], model: PartiesModel, *,
                         gaps: Mapping[str, Gap] | None = None,
                         act: str = "à la convention") -> dict[str, Any]:
    """The « cartographie des parties prenantes » (domain.md §6.2), pictures included: the
    circles of engagement (a `context.picture.Drawing`, each stakeholder in the circle its row
    gives, ``cercle_code``: a partner's is the parties model's) and the influence × intérêt
    grid (a `Table`). ``act`` names the act after « les Parties » in their legends (« à
    l'accord préalable » when it prepares statuts)."""
    merged = _merged_stakeholders(data, model)
    rows = [_stakeholder_row(item) for item in merged]
    legend = []
    for code in CIRCLES:
        members = [row["nom"] for row in rows if row["cercle_code"] == code]
        level = label("niveau_participation", PARTICIPATION_BY_CIRCLE[code], capital=True)
        legend_text = _CIRCLE_LEGEND[code]
        legend.append(
            {
                "code": code,
                "cercle": label("cercle", code, capital=True),
                "niveau": level,
                "description": _CIRCLE_LEGEND[code],
                "texte": (f"{label('cercle', code, capital=True)} ({level.lower()}){COLON} "
                          f"{legend_text}."),
                "membres": liste(members) if members else DASH,
            }
        )
    evaluated = [row for row in rows if row["influence_code"] and row["interet_code"]]
    # Bold in the pictures means one thing, said in their legends: a signatory of the act
    # (the Parties to the convention; the charte's signatories where there is none). A
    # partner that does not sign (a network, an invited public service) is not in bold.
    signatories = set(model.convention_signatories if model.convention
                      else model.charter_signatories)
    emphasis = (f"les Parties {act}" if model.convention
                else "les signataires de la charte")
    signs = {id(row): item.get("partenaire") in signatories
             for row, item in zip(rows, merged, strict=True)}
    circles = engagement_circles([
        (label("cercle", code, capital=True),
         [(row["nom"], signs[id(row)]) for row in rows if row["cercle_code"] == code])
        for code in CIRCLES], emphasis)
    grid = influence_grid([(row["nom"], signs[id(row)],
                            strategy(row["influence_code"], row["interet_code"]))
                           for row in evaluated], _GRID_MM, emphasis) if evaluated else None
    not_evaluated = [
        row["nom"] for row in rows if not (row["influence_code"] and row["interet_code"])
    ]
    missing = (gaps_by_code(data) if gaps is None else gaps).get("evaluation")
    return {
        "parties_prenantes": rows,
        "nombre": len(rows),
        "details": [row for row in rows if row["detail"]],
        "cercles": legend,
        "image_cercles": circles,
        "image_grille": grid,
        "a_grille": grid is not None,
        "evaluees": len(evaluated),
        "non_evaluees": not_evaluated,
        "non_evaluees_texte": missing.marker if missing else "",
    }
