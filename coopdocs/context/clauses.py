"""The convention's articles and the clause texts that depend on coded values.

``article_numbers()`` decides which articles the convention contains for a project and numbers
them consecutively (the template writes « Article {{ articles.duree }} – … » and hides an
article whose number is ``None``). ``clauses_context()`` turns ``clauses`` and the governance
data into ready-to-print phrases: durations in words and figures, the jurisdiction, the
intellectual-property regime…
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from coopdocs.context.families import has_commercial_party, has_public_party
from coopdocs.french.grammar import a, lower_first, other_parties, plural, puces
from coopdocs.french.labels import label
from coopdocs.french.names import mentioned_name
from coopdocs.french.words import days_in_full, nombre_lettres, years_in_full
from coopdocs.vocabulary import merchants_only

__all__ = [
    "ARTICLES",
    "article_numbers",
    "clauses_context",
    "renewal",
]

Ctx = Mapping[str, Any]


def _always(_: Ctx) -> bool:
    return True


# (key, title for reports/tests, condition on the context). Order = order in the convention.
ARTICLES: tuple[tuple[str, str, Callable[[Ctx], bool]], ...] = (
    ("objet", "Objet", _always),
    ("constitution", "Préparation de la structure commune",
     lambda c: c["statut"]["personne_morale"]),
    ("societe", "Société envisagée", lambda c: c["societe"]["present"]),
    ("formation", "Actes accomplis pour la société en formation",
     lambda c: c["societe"]["present"]),
    ("marche", "Marché visé et mandat", lambda c: c["groupement"]["present"]),
    ("objectifs", "Objectifs du partenariat", _always),
    ("engagements_communs", "Engagements communs des Parties", _always),
    ("engagements_parties", "Engagements de chaque Partie", _always),
    ("coordination", "Chef de file et coordination",
     lambda c: bool(c["pilotage"]["chef_de_file"] or c["pilotage"]["coordinateur"])),
    ("mandataire", "Mandataire du groupement", lambda c: c["statut"]["gme"]),
    ("solidarite", "Solidarité des membres du groupement", lambda c: c["statut"]["solidaire"]),
    ("prestations", "Répartition des prestations et paiement",
     lambda c: c["groupement"]["present"]),
    ("gouvernance", "Gouvernance", _always),
    ("plan_action", "Plan d'action et calendrier", lambda c: bool(c["actions"])),
    ("subvention", "Subvention", lambda c: bool(c["subventions"])),
    ("financier", "Dispositions financières", _always),
    ("moyens", "Moyens mis à disposition", lambda c: bool(c["moyens"])),
    ("suivi", "Suivi et évaluation", _always),
    ("communication", "Communication", _always),
    ("propriete_intellectuelle", "Propriété intellectuelle", _always),
    ("confidentialite", "Confidentialité", lambda c: c["clauses"]["confidentialite"]["active"]),
    ("donnees_personnelles", "Protection des données personnelles",
     lambda c: c["clauses"]["donnees_personnelles"]),
    ("responsabilites", "Responsabilités et assurances", _always),
    ("correspondants", "Correspondants et notifications", _always),
    ("duree", "Durée, entrée en vigueur et renouvellement", _always),
    ("entree_retrait", "Entrée et retrait d'une Partie", _always),
    ("avenant", "Modification", _always),
    ("resiliation", "Résiliation", _always),
    ("force_majeure", "Force majeure", _always),
    ("litiges", "Règlement des différends", _always),
    ("annexes", "Annexes", lambda c: bool(c["documents_annexes"])),
)


def article_numbers(context: Ctx) -> tuple[dict[str, int | None], list[dict[str, Any]]]:
    """``{key: number or None}`` for every known article, and the list of those present."""
    numbers: dict[str, int | None] = {}
    present: list[dict[str, Any]] = []
    for key, title, applies in ARTICLES:
        if applies(context):
            present.append({"cle": key, "numero": len(present) + 1, "titre": title})
            numbers[key] = len(present)
        else:
            numbers[key] = None
    return numbers, present


def _pi_texts(others: dict[str, str]) -> dict[str, list[str]]:
    """The intellectual-property paragraphs by regime; ``others`` (``french.grammar.
    other_parties``) names the other Parties as their number requires."""
    return {
        "chacun_conserve": [
            "Chaque Partie reste seule titulaire des droits sur les outils, méthodes, marques, "
            "logiciels et documents qu'elle apporte au projet ou qu'elle réalise seule, y compris "
            "pendant la durée des présentes.",
            "Les Parties s'autorisent mutuellement, à titre gratuit et pour les seuls besoins du "
            "projet, à utiliser ces éléments pendant la durée des présentes. Les réalisations "
            "produites en commun peuvent être utilisées librement par chacune des Parties pour "
            "ses activités non lucratives, sous réserve de mentionner le projet et les Parties "
            "qui y ont contribué.",
        ],
        "copropriete": [
            "Chaque Partie reste titulaire des droits sur les éléments qu'elle apporte au projet.",
            "Les outils, méthodes et documents réalisés en commun dans le cadre du projet "
            "appartiennent conjointement aux Parties qui ont contribué à leur réalisation, à "
            "parts égales sauf accord écrit contraire. Chaque copropriétaire peut les utiliser "
            "pour ses propres activités ; toute cession, licence à un tiers ou exploitation "
            "commerciale requiert l'accord écrit de l'ensemble des copropriétaires.",
        ],
        "licence_croisee": [
            "Chaque Partie reste seule titulaire des droits sur les éléments qu'elle apporte au "
            "projet ou qu'elle réalise dans le cadre de celui-ci.",
            f"Chaque Partie accorde {others['aux_autres']}, à titre gratuit et non exclusif, le "
            "droit d'utiliser et d'adapter ces éléments pour les besoins du projet et de "
            f"{others['leur']} objet social, pendant la durée des "
            "présentes et pour le territoire français. Ce droit n'est ni cessible ni "
            "transmissible à un tiers sans l'accord écrit de la Partie titulaire.",
        ],
        # Companies, and SIAE answering a tender together, trade: reuse is not limited to
        # non-profit activities for them (their own activities, the project named, no transfer
        # to a third party).
        "commercial": [
            "Chaque Partie reste seule titulaire des droits sur les outils, méthodes, marques, "
            "logiciels et documents qu'elle apporte au projet ou qu'elle réalise seule, y compris "
            "pendant la durée des présentes.",
            "Les Parties s'autorisent mutuellement, à titre gratuit et pour les seuls besoins du "
            "projet, à utiliser ces éléments pendant la durée des présentes. Chacune des Parties "
            "peut utiliser librement les réalisations produites en commun pour ses propres "
            "activités, sous réserve de mentionner le projet et les Parties qui y ont "
            "contribué ; elle ne peut les céder ni en concéder l'usage à un tiers sans l'accord "
            f"écrit {others['des_parties']}.",
        ],
    }


def _pi(code: str, commercial: bool, others: dict[str, str]) -> list[str]:
    texts = _pi_texts(others)
    if code == "chacun_conserve" and commercial:
        return texts["commercial"]
    return texts.get(code, texts["chacun_conserve"])


def _jurisdiction(name: str | None, public: bool, merchants: bool) -> str:
    # A clause naming a court binds only parties that all contract as merchants (CPC art. 48):
    # between others it is deemed unwritten, so the convention names none (validate warns).
    if not name or not str(name).strip() or not merchants:
        # With a public person the contract may be administrative: no court is presumed.
        return "la juridiction compétente" if public else "le tribunal compétent"
    text = str(name).strip()
    lowered = text[:1].lower() + text[1:]
    return lowered if lowered.startswith(("le ", "la ", "l'")) else f"le {lowered}"


def renewal(reconduction: str, preavis: int, acte: Ctx, *, reserved: bool = False) -> str:
    """The renewal sentence, agreeing with « la présente convention » / « le présent accord ».
    ``reserved``: a groupement's convention outlives its term for the marché (the sentence
    before says so), so its end comes « Sous cette réserve »."""
    subject, e = acte["La"], acte["e"]
    if reconduction == "tacite":
        text = (f"À son terme, {acte['la']} est reconduit{e} tacitement par périodes successives "
                "d'un an, sauf dénonciation par l'une des Parties adressée aux autres par lettre "
                f"recommandée avec demande d'avis de réception au moins {days_in_full(preavis)} "
                "avant l'échéance en cours.")
    elif reconduction == "expresse":
        text = (f"{subject} peut être renouvelé{e} par décision expresse des Parties, formalisée "
                f"par un avenant signé avant son échéance. À défaut, {'elle' if e else 'il'} "
                "prend fin de plein droit à son terme.")
    else:
        text = (f"{subject} prend fin de plein droit à son terme, sans reconduction tacite. "
                "Toute prolongation fait l'objet d'un avenant signé avant cette date.")
    return f"Sous cette réserve, {lower_first(text)}" if reserved else text


def _mediation(conflicts: Ctx, mediator: str) -> str:
    """The mediation sentence; ``mediator`` already spelt as the convention names it."""
    if not conflicts.get("mediation"):
        return ""
    # A mediator named in the file has not accepted the role by the Parties' signature: the
    # clause says so and keeps a way out if it declines (a mediation nobody conducts would
    # block the dispute clause).
    named = (f"confiée, sous réserve de son acceptation, {a(mediator)} ou, à défaut, à un "
             "médiateur choisi d'un commun accord par les Parties") if mediator else ""
    # When the file's own steps already include a mediation, a second one would make two.
    if any("médiat" in str(step).lower() for step in conflicts.get("etapes") or []):
        return f"La médiation est {named}." if mediator else ""
    text = ("À défaut d'accord dans un délai d'un mois, les Parties recourent à une médiation")
    if mediator:
        text += f", {named}"
    return text + "."


def clauses_context(data: Ctx, parties: int) -> dict[str, Any]:
    """``clauses`` as phrases: every enum replaced by the text it stands for, the other Parties
    named as the number of ``parties`` (those who sign the convention) requires."""
    clauses = data["clauses"]
    gov = data["gouvernance"]
    conflicts = gov.get("gestion_des_conflits") or {}
    # A partner named as mediator is spelt as the rest of the convention spells it (« le
    # Réseau des SIAE… »), in the sentence and for a template that prints the name alone.
    mediator = mentioned_name(str(conflicts.get("mediateur") or "").strip(),
                              data.get("partenaires") or [])
    conf = clauses["confidentialite"]
    resiliation = clauses["resiliation"]
    pi = clauses.get("propriete_intellectuelle") or "chacun_conserve"
    count = int(clauses["nombre_exemplaires"])
    return {
        "validation_conjointe": bool(clauses["communication"]["validation_conjointe"]),
        "propriete_intellectuelle": {"code": pi, "libelle": label("propriete_intellectuelle", pi),
                                     "paragraphes": _pi(pi, has_commercial_party(data),
                                                       other_parties(parties))},
        "confidentialite": {"active": bool(conf["active"]), "duree_ans": conf["duree_ans"],
                            "duree": years_in_full(int(conf["duree_ans"]))},
        "donnees_personnelles": bool(clauses["donnees_personnelles"]),
        "assurances": bool(clauses["assurances"]),
        "resiliation": {
            "mise_en_demeure": days_in_full(int(resiliation["delai_mise_en_demeure_jours"])),
            "preavis": days_in_full(int(resiliation["preavis_jours"])),
        },
        "litiges": {
            "juridiction": _jurisdiction((clauses.get("litiges") or {}).get("juridiction"),
                                         has_public_party(data), merchants_only(data)),
            "etapes": puces(conflicts.get("etapes") or []),
            "mediation": bool(conflicts.get("mediation")),
            "mediateur": mediator,
            "mediation_texte": _mediation(conflicts, mediator),
        },
        "nombre_exemplaires": count,
        "exemplaires": (f"en {nombre_lettres(count)} {plural(count, 'exemplaire')} "
                        f"{plural(count, 'original', 'originaux')}"),
    }
