"""The parties model: who signs, sits, votes, presides, pays and is asked to do what.

Computed once per project from its normalised data (`build_model`), it is what every document
prints from (`coopdocs.context`) and what the coherence rules check (`check.rules.coherence`):
a role decided here is decided for the whole pack, so the convention, the fiche de gouvernance,
the cartographie and the plan d'action can no longer tell different stories.

Where the file says one thing two ways (a presidency given to a member and declared rotating,
a partner that votes and is placed outside the core circle), the model settles it one way, the
documents print that, and a rule tells the user what was settled.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Literal

from coopdocs.errors import FieldPath
from coopdocs.french.labels import label
from coopdocs.vocabulary import (
    DECIDED_FUNDING,
    DEFAULT_CIRCLE_BY_ROLE,
    NON_SIGNING_ROLES,
    convention_applies,
    signs_charter,
)

__all__ = [
    "Duty",
    "Instance",
    "Money",
    "PartiesModel",
    "Presidency",
    "Seat",
    "build_model",
    "decided_financings",
    "money_to_other_pilots",
    "printed_function",
]

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
# A member's free-text function that says it chairs the instance.
_CHAIR = re.compile(r"pr[ée]sid|co-?pr[ée]sid", re.IGNORECASE)

PresidencyKind = Literal["partenaire", "tournante", "co_presidence", "non_precisee"]


@dataclass(frozen=True)
class Seat:
    """One member of an instance."""

    partner: str
    position: int  # in `composition`
    seats: int
    votes: int
    function: str
    signatory: bool  # signs the convention


@dataclass(frozen=True)
class Presidency:
    """Who chairs an instance, settled from `presidence` and the members' functions."""

    kind: PresidencyKind
    partner: str | None = None  # the partner who chairs (kind "partenaire"), or chairs first
    first: bool = False  # `partner` opens a rotating presidency
    # The members the composition names as chairs, when the file also says otherwise.
    conflict: tuple[str, ...] = ()


@dataclass(frozen=True)
class Instance:
    """One governance instance as every document describes it."""

    id: str
    position: int
    name: str
    decisive: bool
    seats: tuple[Seat, ...]
    invited: tuple[str, ...]
    presidency: Presidency

    @property
    def voters(self) -> tuple[str, ...]:
        return tuple(s.partner for s in self.seats if s.votes > 0)

    @property
    def non_signatory_voters(self) -> tuple[str, ...]:
        return tuple(s.partner for s in self.seats if s.votes > 0 and not s.signatory)

    @property
    def total_votes(self) -> int:
        return sum(s.votes for s in self.seats)

    @property
    def total_seats(self) -> int:
        return sum(s.seats for s in self.seats)


@dataclass(frozen=True)
class Money:
    """What one partner brings in money, as each part of the file states it."""

    partner: str
    apport: Decimal | None  # contribution.apport_financier
    financings: Decimal | None  # Σ plan_action[].financements[] whose source is the partner
    share: Decimal | None  # its line of budget.repartition, in euros
    share_path: FieldPath | None = None
    # The part of `financings` whose lines it has decided (« acquis »); None without plan lines.
    decided: Decimal | None = None

    def figures(self) -> dict[str, Decimal]:
        """The amounts the file gives for this partner, by where they are written."""
        found = {"apport": self.apport, "financements": self.financings, "repartition": self.share}
        return {key: value for key, value in found.items() if value is not None}

    @property
    def asked(self) -> Decimal:
        """What the plan only asks of it (« sollicité », « à solliciter »): no commitment."""
        if self.financings is None:
            return Decimal(0)
        return self.financings - (self.decided or Decimal(0))

    @property
    def agrees(self) -> bool:
        figures = self.figures()
        if self.apport is not None and self.apport == self.decided:
            # An apport of exactly the money it has decided, the rest of its plan lines only
            # asked of it: the convention commits it to that money, the plan shows what it may
            # add if it so decides. One story, not two amounts for the same money.
            figures.pop("financements", None)
        return len(set(figures.values())) <= 1


@dataclass(frozen=True)
class Duty:
    """Something the file asks of a partner, and where."""

    path: FieldPath
    what: str  # French, for messages: « pilote de l'action « local » »
    binding: bool  # a contractual obligation (to pay, to carry an action), not a support role


@dataclass
class PartiesModel:
    """Every role of the project's parties, decided once for the whole pack of documents."""

    convention: bool  # the legal form calls for a convention
    convention_signatories: tuple[str, ...]
    charter_signatories: tuple[str, ...]
    chef_de_file: str | None
    coordinator: str | None
    mandataire: str | None
    instances: tuple[Instance, ...]
    money: dict[str, Money]
    budget_total: Decimal | None
    needs_total: Decimal | None  # Σ plan_action[].besoin_financier
    financing_total: Decimal  # Σ every financing line, partners' and others'
    explained_gap: str  # budget.explication_ecarts: why the figures may differ
    circles: dict[str, str]  # partner id → circle of the stakeholder map
    requested_circles: dict[str, tuple[str, FieldPath]]  # what parties_prenantes asked
    duties: dict[str, list[Duty]] = field(default_factory=dict)

    def signs_convention(self, partner: str) -> bool:
        return partner in self.convention_signatories

    def votes_in_decisions(self, partner: str) -> bool:
        return any(partner in i.voters for i in self.instances if i.decisive)

    def seated(self, partner: str) -> bool:
        return any(partner in (s.partner for s in i.seats) for i in self.instances)

    def absent_parties(self, instance: Instance) -> tuple[str, ...]:
        """The Parties of the convention that have no vote in ``instance``: when it decides,
        it decides for them too, which the convention must say they agreed to."""
        if not self.convention or not instance.decisive:
            return ()
        return tuple(p for p in self.convention_signatories if p not in instance.voters)

    def full_instance(self) -> Instance | None:
        """The first decisive instance where every Party of the convention votes."""
        return next((i for i in self.instances if i.decisive and i.voters
                     and not self.absent_parties(i)), None)


def _decimal(value: Any) -> Decimal | None:
    return value if isinstance(value, Decimal) else None


def printed_function(seat: Seat, presidency: Presidency) -> str:
    """A member's function as the documents print it next to its name: a chair's function
    (« Présidente ») is left out once the presidency sentence says who presides, so the
    documents never describe the presidency twice."""
    if presidency.kind != "non_precisee" and _CHAIR.search(seat.function):
        return ""
    return seat.function


def _presidency(instance: Mapping[str, Any], seats: Sequence[Seat]) -> Presidency:
    declared = instance.get("presidence")
    chairs = [s.partner for s in seats if _CHAIR.search(s.function)]
    first = chairs[0] if len(chairs) == 1 else None
    if declared in ("tournante", "co_presidence"):
        kind: PresidencyKind = declared
        if kind == "tournante" and first:
            # « RA93 (Présidente) » and a rotating presidency say one thing, not two: the
            # presidency rotates and RA93 holds it first. Nothing to warn about.
            return Presidency("tournante", first, first=True)
        return Presidency(kind)
    if declared:
        conflict = tuple(chairs) if chairs and chairs != [declared] else ()
        return Presidency("partenaire", str(declared), conflict=conflict)
    if first:
        return Presidency("partenaire", first)
    return Presidency("non_precisee")


def _instances(data: Mapping[str, Any], signatories: set[str],
               convention: bool) -> tuple[Instance, ...]:
    found = []
    for position, raw in enumerate((data.get("gouvernance") or {}).get("instances") or []):
        seats = tuple(
            Seat(partner=m["partenaire"], position=k, seats=int(m.get("sieges") or 1),
                 votes=int(m["voix"] if m.get("voix") is not None else (m.get("sieges") or 1)),
                 function=str(m.get("fonction") or "").strip(),
                 signatory=(m["partenaire"] in signatories) if convention else True)
            for k, m in enumerate(raw.get("composition") or []))
        found.append(Instance(
            id=raw["id"], position=position, name=str(raw["nom"]).strip(),
            decisive=bool(raw.get("decisionnelle", True)), seats=seats,
            invited=tuple(str(i).strip() for i in raw.get("invites") or [] if str(i).strip()),
            presidency=_presidency(raw, seats)))
    return tuple(found)


def decided_financings(data: Mapping[str, Any]) -> dict[str, list[tuple[str, Decimal]]]:
    """Partner id → the plan's actions it funds with money it has decided (« acquis »): each
    action's title and the amount (two lines for one action add up; two actions of the same
    title stay two), in the plan's order. That money is the partner's own commitment (the
    convention prints it with its other contributions); money still asked of it (« sollicité »,
    « à solliciter ») commits it to nothing: one it would owe only if it so decides binds it to
    nothing (art. 1304-2 of the civil code)."""
    found: dict[str, dict[int, tuple[str, Decimal]]] = {}
    for position, action in enumerate(data.get("plan_action") or []):
        title = str(action.get("intitule") or "").strip()
        for line in action.get("financements") or []:
            amount = _decimal(line.get("montant"))
            source = line.get("source")
            if amount is None or not isinstance(source, str) \
                    or line.get("statut") != DECIDED_FUNDING:
                continue
            actions = found.setdefault(source, {})
            before = actions.get(position, (title, Decimal(0)))[1]
            actions[position] = (title, before + amount)
    return {source: list(actions.values()) for source, actions in found.items()}


def money_to_other_pilots(data: Mapping[str, Any],
                          ) -> list[tuple[FieldPath, Mapping[str, Any], Mapping[str, Any]]]:
    """The money a Party of the convention has decided to give to an action another partner
    pilots, as (path of the financing line, action, line), in the plan's order: it passes from
    one Party to another, so the convention must say when it is paid and cannot say that no
    sum passes between the Parties (`budget.sans_versement`)."""
    parties = {p.get("id") for p in data.get("partenaires") or []
               if p.get("signataire_convention")}
    return [(("plan_action", k, "financements", j), action, line)
            for k, action in enumerate(data.get("plan_action") or [])
            for j, line in enumerate(action.get("financements") or [])
            if line.get("source") in parties and line.get("source") != action.get("pilote")
            and line.get("statut") == DECIDED_FUNDING and _decimal(line.get("montant"))]


def _money(data: Mapping[str, Any], total: Decimal | None) -> dict[str, Money]:
    financings: dict[str, Decimal] = {}
    decided: dict[str, Decimal] = {}
    for action in data.get("plan_action") or []:
        for line in action.get("financements") or []:
            amount = _decimal(line.get("montant"))
            source = line.get("source")
            if amount is None or not isinstance(source, str):
                continue
            financings[source] = financings.get(source, Decimal(0)) + amount
            if line.get("statut") == DECIDED_FUNDING:
                decided[source] = decided.get(source, Decimal(0)) + amount
            else:
                decided.setdefault(source, Decimal(0))
    shares: dict[str, tuple[Decimal, FieldPath]] = {}
    for k, row in enumerate((data.get("budget") or {}).get("repartition") or []):
        amount = _decimal(row.get("montant"))
        percent = _decimal(row.get("pourcentage"))
        if amount is None and percent is not None and total is not None:
            amount = (total * percent / HUNDRED).quantize(CENT, ROUND_HALF_UP)
        if amount is not None:
            # Two lines for one partner add up (the message points at the first one).
            before = shares.get(row["partenaire"])
            shares[row["partenaire"]] = ((before[0] + amount, before[1]) if before
                                         else (amount, ("budget", "repartition", k)))
    money = {}
    for partner in data.get("partenaires") or []:
        pid = partner["id"]
        apport = _decimal((partner.get("contribution") or {}).get("apport_financier"))
        share = shares.get(pid)
        if apport is None and pid not in financings and share is None:
            continue
        money[pid] = Money(pid, apport, financings.get(pid), share[0] if share else None,
                           share[1] if share else None, decided.get(pid))
    return money


def _totals(data: Mapping[str, Any]) -> tuple[Decimal | None, Decimal | None, Decimal]:
    budget = data.get("budget") or {}
    needs = [a["besoin_financier"] for a in data.get("plan_action") or []
             if _decimal(a.get("besoin_financier")) is not None]
    needs_total = sum(needs, Decimal(0)) if needs else None
    total = _decimal(budget.get("total"))
    if total is None:
        total = needs_total
    shares = budget.get("repartition") or []
    if total is None and shares and all(_decimal(r.get("montant")) is not None for r in shares):
        total = sum((r["montant"] for r in shares), Decimal(0))
    financing = sum((line["montant"] for a in data.get("plan_action") or []
                     for line in a.get("financements") or []
                     if _decimal(line.get("montant")) is not None), Decimal(0))
    return total, needs_total, financing


def _circles(data: Mapping[str, Any], instances: Sequence[Instance]
             ) -> tuple[dict[str, str], dict[str, tuple[str, FieldPath]]]:
    """The circle of each partner: those who vote on decisions are at the core (co-décision),
    those who sit without deciding build the project (opérationnel); the others by role, unless
    their `parties_prenantes` entry places them — where that does not contradict the votes."""
    voters = {p for i in instances if i.decisive for p in i.voters}
    seated = {s.partner for i in instances for s in i.seats}
    requested: dict[str, tuple[str, FieldPath]] = {
        pp["partenaire"]: (pp["cercle"], ("parties_prenantes", k, "cercle"))
        for k, pp in enumerate(data.get("parties_prenantes") or [])
        if pp.get("partenaire") and pp.get("cercle")}
    circles: dict[str, str] = {}
    for partner in data.get("partenaires") or []:
        pid = partner["id"]
        if pid in voters:
            circle = "coeur"
        elif pid in requested and requested[pid][0] != "coeur":
            circle = requested[pid][0]
        elif pid in seated:
            circle = "operationnel"
        else:
            circle = DEFAULT_CIRCLE_BY_ROLE.get(partner.get("role") or "", "soutien")
            if circle == "coeur":  # a chef de file or coordinator that takes no decision
                circle = "operationnel"
        circles[pid] = circle
    return circles, requested


def _duties(data: Mapping[str, Any], model: PartiesModel) -> dict[str, list[Duty]]:
    duties: dict[str, list[Duty]] = {}

    def add(partner: Any, path: FieldPath, what: str, binding: bool) -> None:
        if isinstance(partner, str):
            duties.setdefault(partner, []).append(Duty(path, what, binding))

    for i, action in enumerate(data.get("plan_action") or []):
        name = f"l'action « {action.get('id')} »"
        add(action.get("pilote"), ("plan_action", i, "pilote"), f"pilote de {name}", True)
        for k, who in enumerate(action.get("contributeurs") or []):
            add(who, ("plan_action", i, "contributeurs", k), f"contributeur de {name}", False)
        for j, task in enumerate(action.get("taches") or []):
            add(task.get("responsable"), ("plan_action", i, "taches", j, "responsable"),
                f"responsable de la tâche « {task.get('id')} »", True)
    for i, objective in enumerate(data.get("objectifs_operationnels") or []):
        for j, indicator in enumerate(objective.get("indicateurs") or []):
            add(indicator.get("responsable"),
                ("objectifs_operationnels", i, "indicateurs", j, "responsable"),
                f"responsable de l'indicateur « {indicator.get('libelle')} »", False)
    gov = data.get("gouvernance") or {}
    for i, role in enumerate(gov.get("roles") or []):
        add(role.get("partenaire"), ("gouvernance", "roles", i, "partenaire"),
            f"chargé du domaine « {label('domaine', role.get('domaine'))} »", False)
    for i, action in enumerate(gov.get("faire_vivre") or []):
        for k, who in enumerate(action.get("referents") or []):
            add(who, ("gouvernance", "faire_vivre", i, "referents", k),
                f"référent de « {action.get('action')} »", False)
    # The company the Parties prepare (context.families): drafting its statuts and acting for
    # it in formation are duties the convention gives.
    company = (data.get("statut_juridique") or {}).get("societe") or {}
    add((company.get("redaction_statuts") or {}).get("partenaire"),
        ("statut_juridique", "societe", "redaction_statuts", "partenaire"),
        "la rédaction des statuts de la société", True)
    add(company.get("representant_formation"),
        ("statut_juridique", "societe", "representant_formation"),
        "les actes accomplis pour la société en formation", True)
    costs = company.get("frais_constitution") or {}
    add(costs.get("avance_par"), ("statut_juridique", "societe", "frais_constitution",
                                  "avance_par"),
        "l'avance des frais de constitution de la société", True)
    for i, share in enumerate(costs.get("repartition") or []):
        add(share.get("partenaire"), ("statut_juridique", "societe", "frais_constitution",
                                      "repartition", i, "partenaire"),
            "une part des frais de constitution de la société", True)
    # Holding the Parties' contributions binds like any charge: a Party only (art. 1199).
    add((data.get("budget") or {}).get("gestionnaire"), ("budget", "gestionnaire"),
        "la gestion des contributions des Parties", True)
    add(((data.get("budget") or {}).get("achats_groupes") or {}).get("acheteur"),
        ("budget", "achats_groupes", "acheteur"),
        "les commandes groupées et le paiement des fournisseurs", True)
    # The account a subsidy is paid to is a Party's, which then answers for it to the funder.
    for i, partner in enumerate(data.get("partenaires") or []):
        payment = ((partner.get("contribution") or {}).get("versement_subvention") or {})
        add(payment.get("compte"),
            ("partenaires", i, "contribution", "versement_subvention", "compte"),
            "le compte sur lequel une subvention est versée", True)
    # A ceiling of joint purchases commits a Party's money: it accepts it by signing only.
    for i, ceiling in enumerate(((data.get("budget") or {}).get("achats_groupes") or {})
                                .get("plafonds_annuels") or []):
        add(ceiling.get("partenaire"),
            ("budget", "achats_groupes", "plafonds_annuels", i, "partenaire"),
            "un plafond annuel d'achats groupés", True)
    for pid, money in model.money.items():
        if money.share is not None and money.share_path is not None:
            add(pid, money.share_path, "une part du budget", True)
    for i, partner in enumerate(data.get("partenaires") or []):
        if _decimal((partner.get("contribution") or {}).get("apport_financier")):
            add(partner["id"], ("partenaires", i, "contribution", "apport_financier"),
                "un apport financier", True)
    return duties


def build_model(data: Mapping[str, Any]) -> PartiesModel:
    """The parties model of normalised project data (see the module docstring)."""
    partners = list(data.get("partenaires") or [])
    convention = convention_applies(data)
    signatories = tuple(p["id"] for p in partners if p.get("signataire_convention", p.get("role")
                                                             not in NON_SIGNING_ROLES))
    gov = data.get("gouvernance") or {}

    def holder(key: str, role: str) -> str | None:
        ref = gov.get(key)
        if isinstance(ref, str):
            return ref
        return next((p["id"] for p in partners if p.get("role") == role), None)

    instances = _instances(data, set(signatories), convention)
    total, needs_total, financing_total = _totals(data)
    circles, requested = _circles(data, instances)
    model = PartiesModel(
        convention=convention,
        convention_signatories=signatories if convention else (),
        charter_signatories=tuple(p["id"] for p in partners if signs_charter(p)),
        chef_de_file=holder("chef_de_file", "chef_de_file"),
        coordinator=holder("coordinateur", "coordinateur"),
        mandataire=(data.get("statut_juridique") or {}).get("mandataire"),
        instances=instances,
        money=_money(data, total),
        budget_total=total,
        needs_total=needs_total,
        financing_total=financing_total,
        explained_gap=str((data.get("budget") or {}).get("explication_ecarts") or "").strip(),
        circles=circles,
        requested_circles=requested,
    )
    model.duties = _duties(data, model)
    return model
