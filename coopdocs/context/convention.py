"""The parts of the context the convention prints: the project, the legal form and how the act
names itself, the parties' appearance, the preamble, objectives, budget, governance summary and
annexes. `context.assemble.build_context` puts them together.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from coopdocs.context.clauses import decision_text
from coopdocs.context.documents import CATALOGUE, produced
from coopdocs.french.dates import date_longue
from coopdocs.french.figures import nombre
from coopdocs.french.grammar import de, liste, lower_first
from coopdocs.french.labels import label, label_entry, labels
from coopdocs.french.words import days_in_full, duration_in_words, montant_lettres, sum_of_money

__all__ = [
    "BLANK_DATE",
    "act_part",
    "annexes_part",
    "appearing_parties_part",
    "budget_part",
    "entries_part",
    "formalisation_text",
    "legal_form_part",
    "objectives_part",
    "preamble_part",
    "produced_part",
    "project_part",
    "quoted_sentence",
    "steering_part",
]

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
BLANK_DATE = "____________"
ANNEX_ORDER = ("gouvernance", "plan-action", "charte", "cartographie")


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


def entries_part(items: list[Any] | None, default_key: str) -> tuple[list[dict[str, Any]], bool]:
    chosen = items or labels()[default_key]
    entries = []
    for item in chosen:
        text = " ".join(str(item.get("description") or "").split()).rstrip(" .")
        entries.append({"libelle": str(item["libelle"]).strip(), "description": text,
                        "suite": f" : {lower_first(text)}." if text else "."})
    return entries, not items


def _value(number: Decimal | None, unit: str | None) -> str:
    if number is None:
        return ""
    return f"{nombre(number)}\u00a0{unit}" if unit else nombre(number)


def _indicator(ind: Mapping[str, Any], by_id: Mapping[str, Any]) -> dict[str, Any]:
    name = str(ind["libelle"]).strip()
    parts = []
    if ind.get("type") == "quantitatif":
        target = f"valeur cible : {_value(ind.get('valeur_cible'), ind.get('unite'))}"
        if ind.get("valeur_initiale") is not None:
            target += f" (valeur initiale : {_value(ind['valeur_initiale'], ind.get('unite'))})"
        parts.append(target)
    else:
        name += " (indicateur qualitatif)"
    if ind.get("frequence"):
        parts.append(f"mesuré {label_entry('frequence', ind['frequence'])['periodicite']}")
    if ind.get("source"):
        parts.append(f"source : {str(ind['source']).strip()}")
    if ind.get("responsable") in by_id:
        parts.append(f"suivi par {by_id[ind['responsable']]['designation']}")
    text = f"{name} – {' ; '.join(parts)}" if parts else name
    return {**ind, "type_libelle": label("type_indicateur", ind.get("type")), "texte": text + "."}


def objectives_part(data: Mapping[str, Any], by_id: Mapping[str, Any]) -> list[dict[str, Any]]:
    def title(n: int, obj: Mapping[str, Any]) -> str:
        due = f" (échéance : {date_longue(obj['echeance'])})" if obj.get("echeance") else ""
        return f"Objectif {n} – {str(obj['intitule']).strip()}{due}"

    return [{**obj, "numero": n, "titre": title(n, obj),
             "echeance_texte": date_longue(obj["echeance"]) if obj.get("echeance") else "",
             "indicateurs": [_indicator(i, by_id) for i in obj.get("indicateurs") or []]}
            for n, obj in enumerate(data["objectifs_operationnels"], start=1)]


def budget_part(data: Mapping[str, Any], by_id: Mapping[str, Any]) -> dict[str, Any]:
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
    return {
        "present": total is not None,
        "total": total,
        "origine": origin if total is not None else None,
        "origine_plan": origin == "plan" and total is not None,
        "total_lettres": montant_lettres(total) if total is not None else "",
        "somme": sum_of_money(total) if total is not None else "",
        "repartition": rows,
        "modalites_versement": budget.get("modalites_versement") or "",
        "apports": [{"partenaire": p["designation"],
                     "montant": p["contribution"]["apport_financier"],
                     "somme": sum_of_money(p["contribution"]["apport_financier"])}
                    for p in by_id.values()
                    if p["signataire_convention"] and p["contribution"].get("apport_financier")],
    }


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
    return {"titre": titre, "en_tete": en_tete.get(titre, "Convention de partenariat"),
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


def steering_part(data: Mapping[str, Any], by_id: Mapping[str, Any],
              chef: str | None, coord: str | None) -> dict[str, Any]:
    gov = data["gouvernance"]
    instances = []
    for inst in gov["instances"]:
        members = []
        for seat in inst["composition"]:
            text = by_id[seat["partenaire"]]["designation"]
            extras = [str(seat["fonction"]).strip()] if seat.get("fonction") else []
            if (seat.get("sieges") or 1) > 1:
                extras.append(f"{seat['sieges']}\u00a0sièges")
            members.append(f"{text} ({', '.join(extras)})" if extras else text)
        freq = label_entry("frequence", inst["frequence"])
        decisive = bool(inst.get("decisionnelle", True))
        instances.append({
            "nom": str(inst["nom"]).strip(), "role": lower_first(inst["role"]).rstrip("."),
            "composition": liste(members),
            "frequence": freq.get("periodicite", freq["libelle"]),
            "decision": decision_text(inst["regles_de_vote"], decisive),
            "decisionnelle": decisive,
        })
    coordinator = by_id.get(coord) if coord and coord != chef else None
    entry = gov.get("entree_sortie") or {}
    notice = entry.get("preavis_retrait_jours") or data["clauses"]["resiliation"]["preavis_jours"]
    egide = ""
    if coordinator and not coordinator["signataire_convention"]:
        egide = f"Sous l'égide {de(coordinator['appellation'])}"
    return {
        "instances_texte": liste([f"{i['nom']} ({i['frequence']})" for i in instances]),
        "chef_de_file": by_id.get(chef) if chef else None,
        "coordinateur": coordinator,
        "coordinateur_signataire": bool(coordinator and coordinator["signataire_convention"]),
        "egide": egide,
        "instances": instances,
        "conditions_entree": entry.get("conditions_entree") or "",
        "preavis_retrait": days_in_full(int(notice)),
    }


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
    if eco.get("evenements"):
        sentences.append("Les structures ont notamment pu échanger lors des temps suivants : "
                         f"{liste(eco['evenements'])}.")
    if eco.get("collectifs"):
        sentences.append("Elles participent aux collectifs suivants, qui ont nourri le projet : "
                         f"{liste(eco['collectifs'])}.")
    return {"initiative": initiative, "ecosysteme": sentences,
            "ecosysteme_notes": eco.get("notes") or ""}


def annexes_part(data: Mapping[str, Any]) -> tuple[list[dict[str, Any]], dict[str, str | None]]:
    codes = {d.code: d for d in produced(data)}
    annexes: list[dict[str, Any]] = [
        {"code": c, "titre": codes[c].title, "fichier": codes[c].filename}
        for c in ANNEX_ORDER if c in codes]
    for number, annex in enumerate(annexes, start=1):
        annex["numero"] = number
        annex["libelle"] = f"Annexe {number} – {annex['titre']}"
        annex["puce"] = annex["libelle"] + ("\u202f;" if number < len(annexes) else ".")
    refs: dict[str, str | None] = {c: None for c in ANNEX_ORDER}
    refs.update({a["code"]: f"annexe {a['numero']}" for a in annexes})
    return annexes, {k.replace("-", "_"): v for k, v in refs.items()}


def produced_part(data: Mapping[str, Any]) -> dict[str, bool]:
    return {d.code.replace("-", "_"): d.applies(data) is None for d in CATALOGUE}
