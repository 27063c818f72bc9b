"""The domain's classifications of coded values, each defined once.

The codes themselves (every value a field accepts) are the schema's (`schemas/projet.yaml`),
their French labels `data/libelles.yaml`'s. What lives here is what the code needs to know
about them: which structure types are SIAE, which legal forms create a legal person, which
roles do not sign, the order of the circles… A test checks that every code named here is a
code the schema accepts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

__all__ = [
    "ASSOCIATION_FORMS",
    "CIRCLES",
    "COMMERCIAL_FORMS",
    "COMPANY_CREATING_FORMS",
    "COMPANY_FORMS",
    "CONTRACTING_AUTHORITY_FORMS",
    "COOPERATIVE_FORMS",
    "DECIDED_FUNDING",
    "DEFAULT_CIRCLE_BY_ROLE",
    "FUNDING_STATUSES",
    "GME_FORMS",
    "LEGAL_PERSON_FORMS",
    "LEGAL_REPRESENTATIVES",
    "LOCAL_AUTHORITY_FORMS",
    "MAJORITY_MODES",
    "NON_DECISION_INSTANCES",
    "NON_SIGNING_ROLES",
    "NO_CONVENTION_FORMS",
    "NO_THRESHOLD_MODES",
    "PARTICIPATION_BY_CIRCLE",
    "PLACING_SIAE_TYPES",
    "PUBLIC_PERSON_FORMS",
    "RCS_FORMS",
    "REPRESENTATION_LAW",
    "RESERVED_DECISIONS",
    "SCIC_REQUIRED_CATEGORIES",
    "SIAE_TYPES",
    "STRATEGIES",
    "answers_tenders",
    "charter_applies",
    "client_relations",
    "competing_parties",
    "convention_applies",
    "level_rank",
    "market_of",
    "merchants_only",
    "signs_charter",
    "strategy",
    "variable_capital",
]

# Structures conventionnées by the State as SIAE: employers with a SIRET (domain.md §10).
SIAE_TYPES = frozenset({"aci", "ei", "etti", "ai", "eiti"})
# Commercial companies always have a SIRET (RCS registration).
COMPANY_FORMS = frozenset({"sarl", "sas", "sasu", "sa", "eurl", "scop", "scic"})
# Forms that create a new legal person: the real founding act is the statuts (domain.md §2).
LEGAL_PERSON_FORMS = frozenset({
    "association", "union_associations", "groupement_employeurs", "geiq", "gie", "scic", "ues",
    "gcsms", "societe_commune", "fusion",
})
GME_FORMS = frozenset({"gme_conjoint", "gme_solidaire"})
# Forms of cooperation that create a company (société): `statut_juridique.societe` describes it,
# and the acts done for it before its registration follow C. com. L. 210-6.
COMPANY_CREATING_FORMS = frozenset({"scic", "societe_commune"})

# Legal forms of partners, by the family that decides how a convention identifies them
# (domain.md §12): associations are declared, companies registered at the RCS (with their
# capital), public persons act under a délibération.
ASSOCIATION_FORMS = frozenset({"association", "association_droit_local"})
# Public persons headed by an elected maire or président, who alone signs for them unless an
# arrêté delegates that power (CGCT L. 2122-18, L. 3221-3, L. 5211-9; domain.md §12).
LOCAL_AUTHORITY_FORMS = frozenset({"collectivite_territoriale", "epci"})
PUBLIC_PERSON_FORMS = LOCAL_AUTHORITY_FORMS | {"etablissement_public", "service_etat"}
# Public buyers (pouvoirs adjudicateurs, CCP L. 1211-1): the State, the collectivités and
# their établissements publics buy under the code de la commande publique, jointly only through
# a groupement de commandes (L. 2113-6, L. 2113-7).
CONTRACTING_AUTHORITY_FORMS = PUBLIC_PERSON_FORMS
# The offices that represent a partner of each private form by law, as the signatory's
# qualité names them (masculine, lower case, words separated by spaces; `french.names`
# compares a title with them whatever its gender, hyphens or capitals). Any other signatory
# acts under a power the statuts or a délégation give, which the convention must cite:
# - SAS, SASU: the président (C. com. L. 227-6); a DG only if the statuts say so;
# - SARL, EURL: each gérant (L. 223-18);
# - SA: the directeur général (or PDG), the directeurs généraux délégués (L. 225-56), the
#   président du directoire or the directeur général unique (L. 225-66);
# - SCOP, SCIC: an SA, a SAS or a SARL, which the form code does not tell: any of those;
# - association, fondation, groupement d'employeurs: the président their statuts name as a
#   rule (the law of 1901 leaves it to them); GIE: its administrateurs (L. 251-11).
# Public persons act under a délibération (the gap `habilitation`); an entreprise individuelle
# is its own signatory; `autre` is unknown: no check.
_SAS_OFFICES = ("président",)
_SARL_OFFICES = ("gérant", "cogérant")
_SA_OFFICES = ("président directeur général", "directeur général", "directeur général délégué",
               "président du directoire", "directeur général unique")
LEGAL_REPRESENTATIVES: Mapping[str, tuple[str, ...]] = {
    "sas": _SAS_OFFICES, "sasu": _SAS_OFFICES,
    "sarl": _SARL_OFFICES, "eurl": _SARL_OFFICES,
    "sa": _SA_OFFICES,
    "scop": _SAS_OFFICES + _SARL_OFFICES + _SA_OFFICES,
    "scic": _SAS_OFFICES + _SARL_OFFICES + _SA_OFFICES,
    "association": ("président",), "association_droit_local": ("président",),
    "fondation": ("président",), "groupement_employeurs": ("président", "gérant"),
    "gie": ("administrateur",),
}
# The entry of `data/droit.yaml` that says who represents a partner of each form; an
# association's, a fondation's or a groupement d'employeurs' statuts say it, not a law.
REPRESENTATION_LAW: Mapping[str, str] = {
    "sas": "representation_sas", "sasu": "representation_sas",
    "sarl": "representation_sarl", "eurl": "representation_sarl",
    "sa": "representation_sa", "gie": "representation_gie",
}
# Cooperatives, whose capital is usually variable (a SCIC's always is).
COOPERATIVE_FORMS = frozenset({"scop", "scic"})
# Registered at the registre du commerce et des sociétés: companies, and GIEs.
RCS_FORMS = COMPANY_FORMS | {"gie"}
# Parties that trade: a clause limiting reuse to "non-profit activities" does not fit them.
COMMERCIAL_FORMS = RCS_FORMS | {"entreprise_individuelle"}

# SIAE whose activity is putting their employees at others' disposal (C. trav. L. 1251-2,
# L. 5132-6, L. 5132-7): in a groupement they place workers, they do not execute.
PLACING_SIAE_TYPES = frozenset({"etti", "ai"})
# The categories of associés every SCIC must have (loi n° 47-1775, art. 19 septies).
SCIC_REQUIRED_CATEGORIES = ("salaries", "beneficiaires")
# Forms for which no convention is produced: an informal practice has no written agreement
# at all, and a `charte` project signs only the charte.
NO_CONVENTION_FORMS = frozenset({"informelle", "charte"})

# Roles that back or watch the project: by default they sign no convention, and nobody
# expects them to mobilise their teams or carry an action.
NON_SIGNING_ROLES = frozenset({"soutien", "observateur"})

# Instance types that prepare or carry out decisions rather than take them (by default).
NON_DECISION_INSTANCES = frozenset({"cotech", "comite_operationnel", "groupe_de_travail"})
# Vote modes where a threshold means nothing (everyone, or no objection, must agree).
NO_THRESHOLD_MODES = frozenset({"consensus", "unanimite", "consentement"})
# Vote modes that count votes for and against: a casting vote can break their ties.
MAJORITY_MODES = frozenset({"majorite_simple", "majorite_absolue", "majorite_qualifiee"})

# The circles of engagement of the stakeholder map, from the centre outwards.
CIRCLES = ("coeur", "operationnel", "soutien", "environnement")
# The level of participation each circle stands for when a stakeholder gives none.
PARTICIPATION_BY_CIRCLE: Mapping[str, str] = {
    "coeur": "co_decision",
    "operationnel": "co_construction",
    "soutien": "consultation",
    "environnement": "information",
}
# The circle of a partner that has no entry of its own in `parties_prenantes` (MODELE.md).
DEFAULT_CIRCLE_BY_ROLE: Mapping[str, str] = {
    "chef_de_file": "coeur",
    "coordinateur": "coeur",
    "partenaire_operationnel": "operationnel",
    "financeur": "soutien",
    "partenaire_associe": "soutien",
    "soutien": "soutien",
    "observateur": "environnement",
}

# The strategies of the influence × intérêt grid (Mendelow), one per quadrant.
STRATEGIES = ("gérer étroitement", "satisfaire", "informer", "surveiller")
_LEVELS = {"faible": 0, "moyen": 1, "moyenne": 1, "fort": 2, "forte": 2}

# The documents coopdocs produces, by code (command line, annexes, gaps): their French titles.
DOCUMENT_TITLES: Mapping[str, str] = {
    "convention": "Convention de partenariat",
    "charte": "Charte de coopération",
    "gouvernance": "Fiche d'organisation de la gouvernance",
    "cartographie": "Cartographie des parties prenantes",
    "plan-action": "Plan d'action",
    "feuille-de-route": "Feuille de route",
}

# The decisions a convention keeps for all its Parties whatever it delegates to an instance where
# some of them do not vote, in the order its clause lists them (context.convention), each with
# its French noun phrase: `{de_la}` is how the act names itself after « de » (« de la présente
# convention », « du présent accord »). The rule `delegation-reservee` (check.rules.coherence)
# warns when an attribution gives such an instance one of those it can recognise in free text.
RESERVED_DECISIONS: Mapping[str, str] = {
    "modification": "la modification {de_la}",
    "engagements_financiers": "les engagements financiers des Parties",
    "entree": "l'entrée d'une nouvelle Partie",
}

# Statuses of a financing line, from the surest to the least sure.
FUNDING_STATUSES = ("acquis", "sollicite", "a_solliciter")
# The one status of money its source has decided to give; the others are only asked of it, and
# a sum owed only if its debtor so decides binds it to nothing (art. 1304-2 of the civil code).
DECIDED_FUNDING = FUNDING_STATUSES[0]


def convention_applies(data: Mapping[str, Any]) -> bool:
    """Whether the project's legal form calls for a convention document.

    Every `statut_juridique.forme` except `informelle` and `charte` does (a `lettre_intention`
    is written with the convention template, in its lighter wording; new legal persons get it as
    a pre-constitution agreement). The rule "at least two signatories" and the catalogue of
    documents both ask this function, so they cannot disagree.
    """
    statut = data.get("statut_juridique")
    forme = statut.get("forme") if isinstance(statut, Mapping) else None
    return forme not in NO_CONVENTION_FORMS


def charter_applies(data: Mapping[str, Any]) -> bool:
    """Whether the project has a charte: at least two partners sign it.

    A partner signs unless its `signataire_charte` says no (the schema's default is to sign, and
    a value the schema removed as malformed counts as that default). The catalogue of documents,
    the gaps and the rules all ask this function, so they cannot disagree.
    """
    partners = data.get("partenaires")
    return sum(1 for p in partners if isinstance(p, Mapping) and signs_charter(p)
               ) >= 2 if isinstance(partners, list) else False


def signs_charter(partner: Mapping[str, Any]) -> bool:
    """Whether a partner signs the charte: unless its `signataire_charte` says no (the
    schema's default; a malformed value the schema removed counts as that default)."""
    return bool(partner.get("signataire_charte", True))


def merchants_only(data: Mapping[str, Any]) -> bool:
    """Whether every Party to the convention contracts as a merchant (a commercial company or
    a registered sole trader): only then may the Parties name a court (CPC art. 48)."""
    parties = [p for p in data.get("partenaires") or []
               if isinstance(p, Mapping) and p.get("signataire_convention")]
    return bool(parties) and all(p.get("forme_juridique") in COMMERCIAL_FORMS for p in parties)


def market_of(partner: Mapping[str, Any]) -> str | None:
    """The market a partner sells on, as far as competition goes, or None when it sells
    nothing: « placement » for the SIAE that put their employees at others' disposal (ETTI, AI:
    they compete with each other), « production » for the other SIAE (even an association: an
    atelier et chantier d'insertion sells what it produces) and for companies, registered
    traders and enterprises. Competition law (C. com. art. L. 420-1) sees every such seller as
    an undertaking, whatever its legal form."""
    kind = partner.get("type_structure")
    if kind in PLACING_SIAE_TYPES:
        return "placement"
    if kind in SIAE_TYPES or kind == "entreprise" or \
            partner.get("forme_juridique") in COMMERCIAL_FORMS:
        return "production"
    return None


def competing_parties(data: Mapping[str, Any]) -> bool:
    """Whether two Parties to the convention or more sell on the same market (`market_of`):
    they must then bind themselves not to share prices, margins, clients or bids outside what
    their joint activity needs (an entente, C. com. art. L. 420-1), which a charte, not
    binding, cannot do. The file says nothing of a Party's trade (a market-garden ACI and a
    building one look alike), so two sellers of one kind count as competitors, and the
    convention's exceptions cover what the project itself makes them share."""
    markets = [market_of(p) for p in data.get("partenaires") or []
               if isinstance(p, Mapping) and p.get("signataire_convention")]
    return any(markets.count(m) >= 2 for m in set(markets) if m)


def answers_tenders(data: Mapping[str, Any]) -> bool:
    """Whether the Parties may answer a marché together: a groupement momentané d'entreprises
    does, and so may Parties that cooperate to « faire ensemble » (a new offer, a joint
    answer to a marché); sharing means (« faire avec ») or founding a structure does not."""
    statut = data.get("statut_juridique")
    forme = statut.get("forme") if isinstance(statut, Mapping) else None
    projet = data.get("projet")
    kinds = (projet.get("types_cooperation") or []) if isinstance(projet, Mapping) else []
    return forme in GME_FORMS or "faire_ensemble" in kinds


def client_relations(data: Mapping[str, Any]) -> bool:
    """Whether a partner is given the relation with the clients (`gouvernance.roles`, domain
    « relation_client »): it passes the clients' requests on to the Parties."""
    gouvernance = data.get("gouvernance")
    roles = (gouvernance.get("roles") or []) if isinstance(gouvernance, Mapping) else []
    return any(isinstance(r, Mapping) and r.get("domaine") == "relation_client" for r in roles)


def variable_capital(partner: Mapping[str, Any]) -> bool:
    """Whether a partner's capital varies (« à capital variable »): as its `capital_variable`
    says, and a SCIC's always does."""
    variable = partner.get("capital_variable")
    return partner.get("forme_juridique") == "scic" if variable is None else bool(variable)


def level_rank(value: object, what: str) -> int:
    """0, 1 or 2 for ``faible``, ``moyen`` (``moyenne``), ``fort`` (``forte``)."""
    try:
        return _LEVELS[str(value).strip().lower()]
    except KeyError:
        raise ValueError(
            f"Niveau d'{what} « {value} » inconnu : valeurs possibles faible, moyen, fort."
        ) from None


def strategy(influence: str, interet: str) -> str:
    """Mendelow strategy for a stakeholder: the text of the table and the quadrants of the grid.

    Only « fort » counts as high: « moyen » falls on the low side. With three levels, treating
    « moyen » as high would put five of the nine cells under « gérer étroitement » or beside it
    and dilute the close attention the quadrant is meant to focus on the few key players; a
    medium stakeholder is watched (« surveiller ») or kept satisfied/informed, and moves
    quadrant when a level becomes « fort ».

    ========== ============================== ==============================
    influence  intérêt faible ou moyen        intérêt fort
    ========== ============================== ==============================
    fort       satisfaire                     gérer étroitement
    faible/moy surveiller                     informer
    ========== ============================== ==============================
    """
    high_influence = level_rank(influence, "influence") == 2
    high_interest = level_rank(interet, "intérêt") == 2
    if high_influence:
        return "gérer étroitement" if high_interest else "satisfaire"
    return "informer" if high_interest else "surveiller"
