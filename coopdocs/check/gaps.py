"""What the documents will still lack: each gap the project file leaves in a document.

One list for the whole house: the context prints each gap as a highlighted marker
(« [À compléter avant signature : …] », `french.markers`), `coopdocs validate` lists it as a
warning with the line to complete (`check.rules.gaps`), and `coopdocs progress` counts it as
something missing in its step. A document never fills a gap with advice to the user.

The convention's gaps of the law by legal form (domain.md §12) are in the same list: what
identifies a company (RCS, capital, SIREN) or an association (its RNA number, or for one of
Alsace-Moselle its tribunal and number in the registre des associations), the act that
empowers a public person's signatory or a private one who is not its legal representative
(a directeur général of a SAS), a subsidy's actions and terms of payment, the company
the Parties prepare.
`context.identification` and `context.families` print the marker of the gap they find, never
one of their own.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from coopdocs.check.parties import build_model, decided_financings
from coopdocs.errors import FieldPath
from coopdocs.french.figures import montant
from coopdocs.french.grammar import de, liste
from coopdocs.french.markers import gap
from coopdocs.french.names import running_name, statutory_representative
from coopdocs.french.typography import quote
from coopdocs.law import reference, threshold
from coopdocs.vocabulary import (
    COMPANY_CREATING_FORMS,
    COMPANY_FORMS,
    COOPERATIVE_FORMS,
    NON_SIGNING_ROLES,
    PUBLIC_PERSON_FORMS,
    RCS_FORMS,
    charter_applies,
    convention_applies,
    variable_capital,
)

__all__ = ["Gap", "document_gaps", "gaps_by_code", "joint_purchase", "legal_gaps",
           "subsidising", "unpriced"]

# Words by which a project says its Parties buy together (a groupement d'achat): the
# convention must then say who orders, who pays the supplier and how the cost is shared.
# Narrow on purpose: « achats » alone also names responsible purchasing by companies.
_JOINT_PURCHASE = re.compile(
    r"groupement\s+d['’]achats?|achats?\s+group[ée]s?|commandes?\s+group[ée]es?|"
    r"achet\w*\s+(?:ensemble|en\s+commun)|achats?\s+en\s+commun|centrale\s+d['’]achats?",
    re.IGNORECASE)

GOUVERNANCE, PLAN, CARTOGRAPHIE, CHARTE = "gouvernance", "plan-action", "cartographie", "charte"
CONVENTION = "convention"


@dataclass(frozen=True)
class Gap:
    """Something a document needs and the project file does not give."""

    code: str  # stable key the context looks the gap up by
    path: FieldPath  # where the user completes it
    what: str  # French: what is missing
    document: str  # the code of the document that shows the marker
    signature: bool  # the document is signed (an annex of the convention), not a working one
    todo: str = ""  # how to complete it, when « add the field » does not say enough

    @property
    def marker(self) -> str:
        return gap(self.what, signature=self.signature)


def _evaluated(entry: Mapping[str, Any] | None) -> bool:
    return bool(entry and entry.get("influence") and entry.get("interet"))


def _stakeholder_gap(data: Mapping[str, Any]) -> Gap | None:
    by_partner = {pp.get("partenaire"): pp for pp in data.get("parties_prenantes") or []
                  if pp.get("partenaire")}
    names = [running_name(p) for p in data.get("partenaires") or []
             if not _evaluated(by_partner.get(p["id"]))]
    names += [str(pp.get("nom") or pp.get("id")) for pp in data.get("parties_prenantes") or []
              if not pp.get("partenaire") and not _evaluated(pp)]
    if not names:
        return None
    return Gap("evaluation", ("parties_prenantes",),
               f"l'influence et l'intérêt {liste(de(n) for n in names)}", CARTOGRAPHIE, False,
               "Donnez à chacune « influence » et « interet » (faible, moyen ou fort) dans "
               "« parties_prenantes » ; pour un partenaire, une entrée avec « partenaire: » "
               "suivi de son identifiant")


# -- The convention's gaps of the law by legal form (domain.md §12) ---------------------------


def _identification_gaps(i: int, partner: Mapping[str, Any]) -> list[Gap]:
    """What the appearance of one signatory lacks in the convention (`context.identification`)."""
    pid, forme = partner["id"], partner.get("forme_juridique")
    where: FieldPath = ("partenaires", i)
    city = str(partner.get("rcs") or "").strip()
    gaps: list[Gap] = []
    if forme in COMPANY_FORMS and partner.get("capital_social") is None \
            and not variable_capital(partner):
        hint = (" ou « capital_variable: true » si son capital est variable"
                if forme in COOPERATIVE_FORMS else "")
        gaps.append(Gap(f"capital:{pid}", (*where, "capital_social"),
                        "montant du capital social", CONVENTION, True,
                        f"Ajoutez « capital_social: » en euros{hint}, comme sur l'extrait Kbis "
                        "de la société"))
    if forme in COMPANY_FORMS and not city:
        gaps.append(Gap(f"rcs:{pid}", (*where, "rcs"), "ville du greffe", CONVENTION, True,
                        "Ajoutez « rcs: » avec la ville du greffe où la société est "
                        "immatriculée (par exemple « rcs: Bobigny »), comme sur son extrait Kbis"))
    if (forme in COMPANY_FORMS or (forme in RCS_FORMS and city)) and not partner.get("siret"):
        gaps.append(Gap(f"siren:{pid}", (*where, "siret"), "numéro SIREN", CONVENTION, True,
                        "Ajoutez « siret: » (14 chiffres, dont les 9 premiers forment le SIREN), "
                        "comme sur l'extrait Kbis"))
    if forme == "association" and not partner.get("rna"):
        # Declared, it has legal capacity (loi du 1er juillet 1901, art. 5): the number of its
        # declaration is what the convention gives for it.
        gaps.append(Gap(f"rna:{pid}", (*where, "rna"), "numéro RNA", CONVENTION, True,
                        "Ajoutez « rna: » avec le numéro de l'association au répertoire "
                        "national des associations (W suivi de 9 chiffres), comme sur le "
                        "récépissé de sa déclaration en préfecture"))
    if forme == "association_droit_local":
        # Alsace-Moselle: inscribed at a tribunal's registre des associations, not declared
        # (code civil local, art. 21 and 55 ff.), and never in the RNA.
        if not str(partner.get("registre_tribunal") or "").strip():
            gaps.append(Gap(f"registre-tribunal:{pid}", (*where, "registre_tribunal"),
                            "tribunal qui tient le registre des associations", CONVENTION, True,
                            "Ajoutez « registre_tribunal: » avec la ville du tribunal judiciaire "
                            "où l'association est inscrite (par exemple « registre_tribunal: "
                            "Strasbourg »), comme sur son attestation d'inscription"))
        if not str(partner.get("registre_numero") or "").strip():
            gaps.append(Gap(f"registre-numero:{pid}", (*where, "registre_numero"),
                            "numéro d'inscription au registre des associations", CONVENTION,
                            True,
                            "Ajoutez « registre_numero: » avec le numéro d'inscription de "
                            "l'association (numéro AMALIA), comme sur son attestation "
                            "d'inscription"))
    if forme in PUBLIC_PERSON_FORMS \
            and not str((partner.get("representant") or {}).get("habilitation") or "").strip():
        act = ("acte de délégation de signature habilitant le signataire"
               if forme == "service_etat" else
               "délibération de l'assemblée délibérante (et, le cas échéant, arrêté de "
               "délégation) habilitant le signataire")
        gaps.append(Gap(f"habilitation:{pid}", (*where, "representant", "habilitation"), act,
                        CONVENTION, True,
                        "Ajoutez sous « representant » « habilitation: » avec l'acte qui habilite "
                        "le signataire, par exemple « délibération n° 2026-118 du conseil "
                        "municipal du 9 novembre 2026 » ; pour un adjoint au maire ou un "
                        "vice-président, citez aussi l'arrêté de délégation"))
    rep = partner.get("representant") or {}
    if statutory_representative(str(rep.get("qualite") or ""), forme) is False \
            and not str(rep.get("habilitation") or "").strip():
        # A directeur général of a SAS, a directrice of an association: the power to sign comes
        # from the statuts or a délégation, which the convention cites instead of asserting it.
        gaps.append(Gap(f"habilitation:{pid}", (*where, "representant", "habilitation"),
                        "pouvoir du signataire (clause des statuts ou délégation du représentant "
                        "légal)", CONVENTION, True,
                        "Ajoutez sous « representant » « habilitation: » avec l'acte qui donne au "
                        "signataire le pouvoir de signer, par exemple « l'article 14 des "
                        "statuts » ou « délégation de pouvoir du président du 5 janvier 2027 »"))
    return gaps


def subsidising(data: Mapping[str, Any]) -> list[tuple[int, Mapping[str, Any]]]:
    """The public signatories whose money is a subsidy with an amount (`contribution.subvention`):
    the convention gives each of them a subsidy article."""
    return [(i, p) for i, p in enumerate(data.get("partenaires") or [])
            if (p.get("contribution") or {}).get("subvention")
            and (p.get("contribution") or {}).get("apport_financier")
            and p.get("signataire_convention") and p.get("forme_juridique") in PUBLIC_PERSON_FORMS]


def _subsidy_gaps(data: Mapping[str, Any]) -> list[Gap]:
    """What the subsidy article lacks (`context.families.subsidies_part`)."""
    gaps: list[Gap] = []
    funders = subsidising(data)
    for i, partner in funders:
        pid = partner["id"]
        if not any(f.get("source") == pid for action in data.get("plan_action") or []
                   for f in action.get("financements") or []):
            gaps.append(Gap(f"subvention-affectation:{pid}",
                            ("partenaires", i, "contribution", "subvention"),
                            "actions financées par la subvention et montant affecté à chacune",
                            CONVENTION, True,
                            "Dans « plan_action », ajoutez aux actions qu'elle finance une ligne "
                            f"de « financements » avec « source: {pid} » et le montant"))
    limit = threshold("subvention_convention")
    beneficiaries = [p for p in data.get("partenaires") or [] if p.get("signataire_convention")
                     and p.get("forme_juridique") not in PUBLIC_PERSON_FORMS]
    for i, partner in funders:
        pid, contribution = partner["id"], partner["contribution"]
        payment = contribution.get("versement_subvention") or {}
        where: FieldPath = ("partenaires", i, "contribution",
                            "versement_subvention" if payment else "subvention")
        law = (f" : au-delà de {montant(limit, centimes=False)}, la convention fixe les "
               "modalités de versement "
               f"({reference('subvention')})" if contribution["apport_financier"] > limit else "")
        if payment.get("avance_pourcentage") is None:
            gaps.append(Gap(f"subvention-avance:{pid}", where,
                            "part de la subvention versée en avance à la signature",
                            CONVENTION, True,
                            "Ajoutez sous « contribution » un bloc « versement_subvention: » "
                            "avec « avance_pourcentage: » (la part versée dans les trente jours "
                            "suivant la signature, en "
                            f"%, le solde l'étant sur compte rendu financier){law}"))
        if not payment.get("compte") and len(beneficiaries) != 1:
            gaps.append(Gap(f"subvention-compte:{pid}", where,
                            "Partie sur le compte bancaire de laquelle la subvention est versée",
                            CONVENTION, True,
                            "Ajoutez sous « contribution » un bloc « versement_subvention: » "
                            "avec « compte: » (l'id de la Partie qui reçoit les versements)"))
    return gaps


def _company_gaps(data: Mapping[str, Any]) -> list[Gap]:
    """What the articles on the company the Parties prepare lack (`context.families`)."""
    statut = data.get("statut_juridique") or {}
    if statut.get("forme") not in COMPANY_CREATING_FORMS:
        return []
    company = statut.get("societe") or {}
    base: FieldPath = ("statut_juridique", "societe")
    gaps: list[Gap] = []
    if not company:
        gaps.append(Gap("societe", base,
                        "forme de la société, capital envisagé et catégories d'associés",
                        CONVENTION, True,
                        "Ajoutez sous « statut_juridique » un bloc « societe » avec forme, "
                        "capital_prevu et categories"))
    drafting = company.get("redaction_statuts") or {}
    chef = build_model(data).chef_de_file
    if not (drafting.get("partenaire") or chef):
        gaps.append(Gap("statuts-redaction", (*base, "redaction_statuts", "partenaire"),
                        "Partie chargée des statuts", CONVENTION, True))
    if not drafting.get("echeance"):
        gaps.append(Gap("statuts-echeance", (*base, "redaction_statuts", "echeance"),
                        "date de présentation du projet de statuts", CONVENTION, True))
    if not (company.get("representant_formation") or chef):
        gaps.append(Gap("societe-formation", (*base, "representant_formation"),
                        "Partie qui agit pour la société en formation", CONVENTION, True))
    # Who advances the costs of the constitution and who finally bears them, even if the
    # company is never registered (C. com. L. 210-6): facts only the Parties can give.
    costs = company.get("frais_constitution") or {}
    if not costs.get("avance_par"):
        gaps.append(Gap("frais-avance", (*base, "frais_constitution", "avance_par"),
                        "Partie qui avance les frais de constitution de la société",
                        CONVENTION, True))
    if not costs.get("repartition"):
        gaps.append(Gap("frais-repartition", (*base, "frais_constitution", "repartition"),
                        "part des frais de constitution supportée par chaque Partie",
                        CONVENTION, True,
                        "Ajoutez sous « societe » un bloc « frais_constitution » avec "
                        "« repartition: » (une ligne « partenaire » et « pourcentage » par "
                        "Partie, 100 % en tout)"))
    return gaps


def joint_purchase(data: Mapping[str, Any]) -> FieldPath | None:
    """Where the project says its Parties buy together (or its `budget.achats_groupes`), or
    None: the convention then has a paragraph on the joint purchases."""
    if (data.get("budget") or {}).get("achats_groupes"):
        return ("budget", "achats_groupes")
    projet = data.get("projet") or {}
    texts: list[tuple[FieldPath, Any]] = [
        (("projet", "nom"), projet.get("nom")),
        (("projet", "description"), projet.get("description")),
        (("objectif_commun",), data.get("objectif_commun")),
        *((("objectifs_operationnels", i, "intitule"), o.get("intitule"))
          for i, o in enumerate(data.get("objectifs_operationnels") or []))]
    return next((path for path, text in texts
                 if isinstance(text, str) and _JOINT_PURCHASE.search(text)), None)


def _purchase_gaps(data: Mapping[str, Any]) -> list[Gap]:
    """Who orders and pays the supplier, how the Parties share the cost of a joint purchase,
    and the yearly ceiling within which the instances decide purchases for each Party: facts
    only the Parties can give."""
    where = joint_purchase(data)
    if where is None:
        return []
    raw = (data.get("budget") or {}).get("achats_groupes") or {}
    base: FieldPath = ("budget", "achats_groupes")
    gaps = []
    # Each fact its own marker, where the sentence needs it (juriste-C #13): without the
    # block, both are completed where the file says the Parties buy together.
    block = "Ajoutez dans « budget » un bloc « achats_groupes » avec " if not raw else ""
    if not raw.get("acheteur"):
        gaps.append(Gap("achats-acheteur", (*base, "acheteur") if raw else where,
                        "Partie qui passe les commandes groupées et paie les fournisseurs",
                        CONVENTION, True,
                        f"{block}« acheteur: » (l'id de la Partie qui commande et paie)"
                        if block else ""))
    if not raw.get("repartition_cout"):
        gaps.append(Gap("achats-repartition", (*base, "repartition_cout") if raw else where,
                        "répartition du coût des achats groupés entre les Parties",
                        CONVENTION, True,
                        f"{block}« repartition_cout: » (quantites ou parts_egales)"
                        if block else ""))
    ceiling = _ceiling_gap(data, raw, where)
    return gaps + ([ceiling] if ceiling else [])


def _ceiling_gap(data: Mapping[str, Any], raw: Mapping[str, Any],
                 where: FieldPath) -> Gap | None:
    """The Parties whose yearly ceiling of joint purchases is missing: without it, the
    instances that decide purchases would commit money no Party agreed to in writing."""
    given = {c.get("partenaire") for c in raw.get("plafonds_annuels") or []}
    missing = [p for p in data.get("partenaires") or []
               if p.get("signataire_convention") and p.get("id") not in given]
    if not missing:
        return None
    whose = ("de chaque Partie" if not given
             else liste(de(running_name(p)) for p in missing))
    return Gap("achats-plafonds",
               ("budget", "achats_groupes", "plafonds_annuels") if raw else where,
               f"plafond des achats groupés {whose}", CONVENTION, True,
               "Ajoutez au bloc « achats_groupes » de « budget » une liste « plafonds_annuels: » "
               "avec, pour chaque Partie, « partenaire: » (son id) et « montant: » (en euros)")


def unpriced(action: Mapping[str, Any]) -> bool:
    """Whether an action's financial need remains to be priced: it has no `besoin_financier`
    (0 says it costs nothing). Its financing lines say who pays, not what it costs: without the
    need, neither its coverage nor the budget's total (Σ besoin_financier) can be told. The gap
    marker and the plan's « reste à chiffrer » both ask this."""
    return action.get("besoin_financier") is None


def legal_gaps(data: Mapping[str, Any]) -> list[Gap]:
    """The convention's gaps of the law by legal form, in the order the convention shows them."""
    if not convention_applies(data):
        return []
    gaps: list[Gap] = []
    for i, partner in enumerate(data.get("partenaires") or []):
        if partner.get("signataire_convention"):
            gaps.extend(_identification_gaps(i, partner))
    return gaps + _company_gaps(data) + _subsidy_gaps(data)


def _party_commitment_gaps(data: Mapping[str, Any],
                           actions: list[Mapping[str, Any]]) -> list[Gap]:
    """A Party whose own commitments the convention could not state: no contribution, no
    action to pilot or to fund, no mobilisation of its structure (the chef de file and the
    mandataire have their own article). Its « Engagements de chaque Partie » would only name
    its role."""
    own_article = {(data.get("gouvernance") or {}).get("chef_de_file"),
                   (data.get("statut_juridique") or {}).get("mandataire")}
    own_article |= {p.get("id") for p in data.get("partenaires") or []
                    if p.get("role") == "chef_de_file"}
    pilots = {a.get("pilote") for a in actions}
    funders = decided_financings(data)  # printed with its contributions (context.parties)
    mobilised = {m.get("partenaire") for m in data.get("mobilisation") or []
                 if m.get("communication") or m.get("instances_echange") or m.get("formations")}
    gaps = []
    for position, partner in enumerate(data.get("partenaires") or []):
        pid = partner.get("id")
        signs = partner.get("signataire_convention", partner.get("role") not in NON_SIGNING_ROLES)
        contribution = partner.get("contribution") or {}
        if (not signs or pid in own_article or pid in pilots or pid in funders or pid in mobilised
                or any(contribution.get(k) for k in ("description", "apport_financier",
                                                     "apport_nature", "valorisation", "etp"))):
            continue
        gaps.append(Gap(f"engagements:{pid}", ("partenaires", position),
                        f"les engagements propres de {running_name(partner)} (apports, moyens, "
                        "actions à sa charge)", CONVENTION, True,
                        "Décrivez sa « contribution » (description, apports, ETP), ou confiez-lui "
                        "une action du plan d'action, à piloter ou à financer"))
    return gaps


def document_gaps(data: Mapping[str, Any]) -> list[Gap]:
    """Every gap of the documents of normalised project data, in document order."""
    signed = convention_applies(data)
    gov = data.get("gouvernance") or {}
    gaps: list[Gap] = legal_gaps(data) + (_purchase_gaps(data) if signed else [])
    # The charte states what its signatories chose: no default values in their name.
    if charter_applies(data):
        for key, what in (("valeurs", "les valeurs que les signataires partagent"),
                          ("principes", "les principes de coopération des signataires"),
                          ("engagements", "les engagements de chaque signataire")):
            if not data.get(key):
                gaps.append(Gap(key, (key,), what, CHARTE, True))
    for position, instance in enumerate(gov.get("instances") or []):
        rules = instance.get("regles_de_vote") or {}
        if rules.get("mode") == "majorite_qualifiee" and rules.get("seuil") is None:
            gaps.append(Gap(f"seuil:{instance['id']}",
                            ("gouvernance", "instances", position, "regles_de_vote"),
                            "seuil de la majorité qualifiée", GOUVERNANCE, signed))
    for position, instance in enumerate(gov.get("instances") or []):
        # The convention sends the reader to annex 1 for convocation and minutes: an instance
        # that says nothing of how it meets leaves that annex empty.
        ops = instance.get("fonctionnement") or {}
        if not (ops.get("convocation_delai_jours") is not None or ops.get("compte_rendu")
                or ops.get("distanciel") is not None):
            gaps.append(Gap(f"fonctionnement:{instance['id']}",
                            ("gouvernance", "instances", position),
                            f"le fonctionnement de {quote(instance.get('nom') or instance['id'])} "
                            f"({'' if instance.get('presidence') else 'présidence, '}délai de "
                            "convocation, rédaction et diffusion des comptes rendus)",
                            GOUVERNANCE, signed,
                            "Ajoutez à l'instance un bloc « fonctionnement » avec "
                            "« convocation_delai_jours » et « compte_rendu »"))
    if gov.get("instances"):
        if not gov.get("roles"):
            gaps.append(Gap("roles", ("gouvernance", "roles"),
                            "la répartition des rôles entre les partenaires (qui fait quoi)",
                            GOUVERNANCE, signed))
        if not gov.get("faire_vivre"):
            gaps.append(Gap("faire-vivre", ("gouvernance", "faire_vivre"),
                            "les actions qui font vivre la gouvernance (outils, fréquences, "
                            "référent·e·s, objectifs)", GOUVERNANCE, signed))
        # With a convention, its own clauses on disputes, entry and withdrawal apply: the
        # fiche refers to them instead of leaving a gap.
        conflicts = gov.get("gestion_des_conflits") or {}
        if not signed and not (conflicts.get("etapes") or conflicts.get("mediation") is not None
                or conflicts.get("mediateur")):
            gaps.append(Gap("conflits", ("gouvernance", "gestion_des_conflits"),
                            "la procédure de règlement des désaccords entre partenaires",
                            GOUVERNANCE, signed))
        entry = gov.get("entree_sortie") or {}
        if not signed and not (entry.get("conditions_entree")
                               or entry.get("preavis_retrait_jours")):
            gaps.append(Gap("entree-sortie", ("gouvernance", "entree_sortie"),
                            "les conditions d'entrée et de retrait des partenaires",
                            GOUVERNANCE, signed))
    actions = data.get("plan_action") or []
    if signed:
        gaps.extend(_party_commitment_gaps(data, actions))
    if actions:
        linked = {a.get("objectif") for a in actions}
        for position, objective in enumerate(data.get("objectifs_operationnels") or []):
            if objective["id"] not in linked:
                gaps.append(Gap(f"objectif:{objective['id']}",
                                ("objectifs_operationnels", position),
                                f"les actions de l'objectif « {objective['intitule']} »",
                                PLAN, signed))
        for position, action in enumerate(actions):
            if unpriced(action):
                gaps.append(Gap(f"besoin:{action['id']}",
                                ("plan_action", position, "besoin_financier"),
                                f"le besoin financier de l'action « {action['intitule']} »",
                                PLAN, signed))
        if not any(a.get("taches") for a in actions):
            gaps.append(Gap("taches", ("plan_action",),
                            "le rétroplanning (les tâches datées de chaque action)", PLAN,
                            signed))
    stakeholders = _stakeholder_gap(data) if data.get("partenaires") else None
    if stakeholders:
        gaps.append(stakeholders)
    return gaps


def gaps_by_code(data: Mapping[str, Any]) -> dict[str, Gap]:
    """The gaps of `document_gaps`, by code, for the context to look them up."""
    return {g.code: g for g in document_gaps(data)}
