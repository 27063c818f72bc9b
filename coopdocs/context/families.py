"""The clauses of the convention that depend on the legal family of its parties or of the
cooperation (domain.md §12), written from the data, present only when they apply.

- `subsidies_part`: a public person's subsidy (loi n° 2000-321, art. 10): object, amount,
  payment, conditions of use, passing on (CGCT L. 1611-4), compte rendu financier;
- `groupement_part`: a groupement momentané d'entreprises: the marché, the mandate given by
  the convention, the split of the prestations, the payment account, the frozen composition;
- `company_part`: the company the Parties prepare (a SCIC…): form, capital, categories of
  associés and collèges, who drafts the statuts and by when, acts for the company in formation;
- `law_part`: the citations of `data/droit.yaml`, for the templates (« {{ droit.subvention }} »);
- `has_public_party`, `has_commercial_party`: what the generic clauses (court, intellectual
  property) ask of the parties.

Missing data is a gap of `check.gaps` (`legal_gaps`), printed as its « [À compléter avant
signature : …] » marker, never left out; what the rules require (a GME's marché and mandataire)
is there by the time a document is built.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from coopdocs.check.gaps import Gap, subsidising
from coopdocs.context.identification import is_public
from coopdocs.context.parties import proper_names
from coopdocs.french.dates import date_longue
from coopdocs.french.figures import montant, pourcentage
from coopdocs.french.grammar import a, de, liste, lower_first, puces
from coopdocs.french.labels import label, label_entry
from coopdocs.french.words import montant_lettres, nombre_lettres, sum_of_money
from coopdocs.law import entries, entry, reference, threshold
from coopdocs.vocabulary import (
    COMMERCIAL_FORMS,
    COMPANY_CREATING_FORMS,
    GME_FORMS,
    PLACING_SIAE_TYPES,
)

__all__ = [
    "company_part",
    "costs_offset",
    "groupement_part",
    "has_commercial_party",
    "has_funders",
    "has_outside_funders",
    "has_public_party",
    "lapse_costs",
    "law_part",
    "subsidies_part",
    "subsidy_limit",
    "subsidy_survival",
]

Ctx = Mapping[str, Any]
Gaps = Mapping[str, Gap]


def _marker(gaps: Gaps, code: str) -> str:
    found = gaps.get(code)
    return found.marker if found else ""


def law_part() -> dict[str, str]:
    """Every citation of `data/droit.yaml` by key: « article L. 1611-4 du code général… »."""
    return {key: law.texte for key, law in entries().items()}


def _signatories(data: Ctx) -> list[Mapping[str, Any]]:
    return [p for p in data["partenaires"] if p.get("signataire_convention")]


def has_public_party(data: Ctx) -> bool:
    """A collectivité, an EPCI, an établissement public or a State service signs."""
    return any(is_public(p) for p in _signatories(data))


def has_commercial_party(data: Ctx) -> bool:
    """A company signs, or the Parties answer a tender together: they trade."""
    if data["statut_juridique"]["forme"] in GME_FORMS:
        return True
    return any(p.get("forme_juridique") in COMMERCIAL_FORMS
               or p.get("type_structure") == "entreprise" for p in _signatories(data))


def has_funders(data: Ctx) -> bool:
    """Someone outside the Parties pays, or a partner is there as a funder: only then do the
    clauses speak of « financeurs »."""
    parties = {p["id"] for p in _signatories(data)}
    if any(p.get("role") == "financeur" or (p.get("contribution") or {}).get("subvention")
           for p in data["partenaires"]):
        return True
    return any(f.get("source") not in parties
               for action in data.get("plan_action") or []
               for f in action.get("financements") or [])


def has_outside_funders(data: Ctx) -> bool:
    """Someone who is no Party pays for the project: a funder that does not sign, or a
    financing from outside the Parties; a public person that signs speaks as a Party."""
    parties = {p["id"] for p in _signatories(data)}
    if any(p["id"] not in parties and (p.get("role") == "financeur"
                                       or (p.get("contribution") or {}).get("subvention"))
           for p in data["partenaires"]):
        return True
    return any(f.get("source") not in parties
               for action in data.get("plan_action") or []
               for f in action.get("financements") or [])


# -- Public funders ---------------------------------------------------------------------------


def _allocations(data: Ctx, pid: str, by_id: Ctx) -> list[dict[str, Any]]:
    rows = []
    for action in data.get("plan_action") or []:
        amount = sum((f["montant"] for f in action.get("financements") or []
                      if f.get("source") == pid), Decimal(0))
        if amount:
            pilot = by_id[action["pilote"]]
            rows.append({"action": str(action["intitule"]).strip(),
                         "pilote": pilot["designation"], "pilote_id": action["pilote"],
                         "pilote_appellation": pilot["appellation"],
                         "montant": amount, "somme": f"{montant_lettres(amount)} "
                                                     f"({montant(amount)})"})
    for n, row in enumerate(rows):
        end = "\u202f;" if n < len(rows) - 1 else "."
        row["puce"] = (f"« {row['action']} », pilotée par {row['pilote']} : {row['somme']}"
                       f"{end}")
    return rows


def _subsidy_account(partner: Ctx, by_id: Ctx,
                     beneficiaries: list[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    """The Party whose bank account receives a subsidy: the file's, else the only
    beneficiary (None when the file leaves it open between several)."""
    raw = partner["contribution"].get("versement_subvention") or {}
    return by_id.get(raw.get("compte") or "") or (
        by_id[beneficiaries[0]["id"]] if len(beneficiaries) == 1 else None)


def _subsidy_payment(partner: Ctx, by_id: Ctx, gaps: Gaps, acte: Ctx,
                     beneficiaries: list[Mapping[str, Any]], several: bool) -> str:
    """The terms of payment a subsidy convention states (loi n° 2000-321, art. 10): an advance
    from the signature, the balance once the compte rendu financier is received, the account
    it is paid to and when its bank details are given; a gap for what the file does not say."""
    pid, amount = partner["id"], partner["contribution"]["apport_financier"]
    raw = partner["contribution"].get("versement_subvention") or {}
    advance = raw.get("avance_pourcentage")
    # « Dès la signature » sets no deadline: the funder pays within thirty days (juriste-C #17).
    signing = f"dans les trente jours suivant la signature {acte['de_la']}"
    report = ("après réception du compte rendu financier du dernier exercice au cours duquel la "
              "subvention a été employée" if several else
              "après réception du compte rendu financier prévu ci-après")
    if advance is None:
        schedule = (f"La subvention est versée en deux fois : une avance de "
                    f"{_marker(gaps, f'subvention-avance:{pid}')}, {signing}, puis le solde "
                    f"{report}.")
    elif advance >= 100:
        schedule = f"La subvention est versée en une fois, {signing}."
    elif advance <= 0:
        schedule = f"La subvention est versée en une fois, {report}."
    else:
        first = (amount * Decimal(advance) / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)
        schedule = (f"La subvention est versée en deux fois : une avance de "
                    f"{pourcentage(advance)}, soit {montant_lettres(first)} ({montant(first)}), "
                    f"{signing}, puis le solde, soit {montant_lettres(amount - first)} "
                    f"({montant(amount - first)}), {report}.")
    account = _subsidy_account(partner, by_id, beneficiaries)
    holder = (account["de_appellation"] if account
              else f"de {_marker(gaps, f'subvention-compte:{pid}')}")
    return (f"{schedule} Les versements sont faits sur le compte bancaire {holder}, qui en "
            f"transmet les coordonnées (relevé d'identité bancaire) {a(by_id[pid]['appellation'])}"
            f" au plus tard à la signature {acte['de_la']}.")


def _transfer(partner: Ctx, who: Ctx, account: Mapping[str, Any] | None,
              allocations: list[dict[str, Any]], advance: Any, several: bool) -> str:
    """The clause that lets the Party paid the subsidy pass on to the other beneficiaries the
    part of the actions they pilot (CGCT L. 1611-4 forbids it otherwise), each part as it is
    cashed: the advance's share of it, then the balance, within fifteen days (juriste-C #17).
    Empty when nothing is passed on: the Party paid pilots every action the subsidy funds."""
    receiver = account["id"] if account else None
    passed = [row for row in allocations if row["pilote_id"] != receiver]
    if account and allocations and not passed:
        return ""
    if account and passed and len({row["pilote_id"] for row in passed}) == 1:
        actions = [f"« {row['action']} »" for row in passed]
        what = (f"{a(passed[0]['pilote_appellation'])} la part de la subvention affectée "
                + (f"à l'action {actions[0]}" if len(actions) == 1
                   else f"aux actions {liste(actions)}"))
    else:
        what = ("à l'autre Partie bénéficiaire" if not several
                else "à chacune des autres Parties bénéficiaires") + (
            " la part de la subvention affectée aux actions qu'elle pilote, dans la limite des "
            "montants fixés ci-dessus")
    when = (f", soit {pourcentage(advance)} de cette part lors de l'avance et le solde lors de "
            "son versement" if advance is not None and 0 < advance < 100 else "")
    law = (f" ({reference('reversement_subvention')})"
           if partner.get("forme_juridique") != "service_etat" else "")
    paid = account["appellation"] if account else "la Partie qui reçoit la subvention"
    return (f"{who['Appellation']} autorise expressément {paid} à transférer {what}{when}, dans "
            f"les quinze jours de chaque encaissement{law}.")


def subsidy_survival(subsidies: Sequence[Mapping[str, Any]], acte: Ctx) -> str:
    """What of the subsidy article outlives the convention: the last compte rendu financier
    is due months after its term, and the balance paid on it, the control and the repayment
    follow it (loi n° 2000-321, art. 10): the funder's duty to pay survives with the Parties'
    duties (juriste-C #16)."""
    if not subsidies:
        return ""
    balance = "au versement du solde, " if any(s["solde"] for s in subsidies) else ""
    return (f"Les stipulations du présent article relatives {balance}au contrôle, au "
            "reversement des sommes non employées et au compte rendu financier demeurent "
            f"applicables après le terme ou la résiliation {acte['de_la']}, jusqu'à leur "
            "complète exécution.")


def subsidies_part(data: Ctx, by_id: Ctx, gaps: Gaps, acte: Ctx) -> list[dict[str, Any]]:
    """One entry per public person whose money is a subsidy (`contribution.subvention`)."""
    limit = threshold("subvention_convention")
    months = int(threshold("compte_rendu_financier"))
    beneficiaries = [p for p in _signatories(data) if not is_public(p)]
    # A subsidy spent over several years is accounted for year by year, not once.
    projet = data["projet"]
    start, end = projet.get("date_debut"), projet.get("date_fin")
    several = bool(start and end and end.year > start.year)
    exercise = ("chaque exercice au cours duquel la subvention a été employée" if several
                else "l'exercice pour lequel la subvention a été attribuée")
    out = []
    for _, partner in subsidising(data):
        amount = partner["contribution"]["apport_financier"]
        who = by_id[partner["id"]]
        allocations = _allocations(data, partner["id"], by_id)
        advance = (partner["contribution"].get("versement_subvention") or {}).get(
            "avance_pourcentage")
        account = _subsidy_account(partner, by_id, beneficiaries)
        out.append({
            "financeur": who["appellation"],
            "Financeur": who["Appellation"],
            "de_financeur": who["de_appellation"],
            "a_financeur": a(who["appellation"]),
            "designation": who["designation"],
            "montant": amount,
            "somme": f"{montant_lettres(amount)} ({montant(amount)})",
            "au_dela_du_seuil": amount > limit,
            "seuil": montant(limit, centimes=False),
            "affectations": allocations,
            "affectation_a_completer": "" if allocations else _marker(
                gaps, f"subvention-affectation:{partner['id']}"),
            "versement": _subsidy_payment(partner, by_id, gaps, acte, beneficiaries, several),
            # The Party paid passes the other beneficiaries' parts on (CGCT L. 1611-4).
            "transfert": (_transfer(partner, who, account, allocations, advance,
                                    len(beneficiaries) > 2) if len(beneficiaries) > 1 else ""),
            "transfert_titre": ("Transfert aux autres Parties bénéficiaires"
                                if len(beneficiaries) > 2
                                else "Transfert à l'autre Partie bénéficiaire"),
            # A balance is paid after the compte rendu: unless everything is paid in advance.
            "solde": advance is None or advance < 100,
            "compte_rendu_delai": f"{nombre_lettres(months)} mois",
            "exercice": exercise,
        })
    return out


def subsidy_limit(subsidies: list[Mapping[str, Any]], article: int | None) -> str:
    """What no instance may decide about a subsidy: its amount, object and conditions are the
    grantor's alone (decided by its own organ, délibération or arrêté attributif), so a vote of
    the instances, even one where the public person sits, cannot change them."""
    if not subsidies or article is None:
        return ""
    if len(subsidies) == 1:
        return ("Elles ne peuvent modifier ni le montant, ni l'objet, ni les conditions de la "
                f"subvention prévue à l'article {article}, qui relèvent de la seule décision "
                f"{subsidies[0]['de_financeur']}.")
    return ("Elles ne peuvent modifier ni le montant, ni l'objet, ni les conditions des "
            f"subventions prévues à l'article {article}, qui relèvent de la seule décision de "
            "la personne publique qui attribue chacune d'elles.")


# -- Groupement momentané d'entreprises -------------------------------------------------------


def _market(raw: Mapping[str, Any] | None, names: tuple[str, ...] = ()) -> dict[str, Any]:
    market = dict(raw or {})
    deadline = market.get("date_limite_depot")
    lines = [f"acheteur : {str(market.get('acheteur') or '').strip()}",
             f"objet du marché : {lower_first(str(market.get('objet') or ''), names)}"]
    if market.get("reference"):
        lines.append(f"référence de la consultation : {str(market['reference']).strip()}")
    if market.get("procedure"):
        lines.append(f"procédure : {str(market['procedure']).strip()}")
    if deadline:
        lines.append("date limite de remise des candidatures et des offres : "
                     f"{date_longue(deadline)}")
    # Works are received (CCAG-Travaux), services and supplies admitted (juriste-C #7).
    end = ("la réception des travaux" if market.get("nature") == "travaux"
           else "l'admission des dernières prestations")
    return {"acheteur": str(market.get("acheteur") or "").strip(),
            "date_limite_texte": date_longue(deadline) if deadline else "",
            "lignes": puces(lines), "fin_prestations": end}


def _services(raw: list[Mapping[str, Any]], by_id: Ctx) -> dict[str, Any]:
    rows = []
    for share in raw:
        member = by_id.get(share["partenaire"])
        if member is None:
            continue
        percent, amount = share.get("pourcentage"), share.get("montant")
        rows.append({"membre": member["nom_complet"],
                     "prestations": " ".join(str(share["prestations"]).split()),
                     "pourcentage": percent, "montant": amount,
                     "part": pourcentage(percent) if percent is not None else (
                         montant(amount) if amount is not None else "—"),
                     "nulle": (percent == 0 if percent is not None else amount == 0)})
    return {"lignes": rows, "part_nulle": any(r["nulle"] for r in rows)}


def _placing_law(who: Mapping[str, Any]) -> str:
    if who.get("type_structure") == "etti":
        return reference("travail_temporaire")
    return reference("association_intermediaire")


def groupement_part(data: Ctx, by_id: Ctx) -> dict[str, Any]:
    """The GME's marché, prestations and payment (``present`` False for other forms)."""
    statut = data["statut_juridique"]
    forme = statut["forme"]
    if forme not in GME_FORMS:
        return {"present": False, "marche": _market(None), "prestations": _services([], by_id),
                "compte_unique": False, "mandataire": "", "composition": "",
                "solidarite_financiere": []}
    account = statut.get("compte_paiement") or ("unique" if forme == "gme_solidaire"
                                                else "separes")
    mandataire = by_id.get(statut.get("mandataire") or "")
    # A placing SIAE may only lend its employees (C. trav., art. L. 1251-2, L. 5132-7): jointly
    # liable, it pays for a failing member but cannot perform in its place.
    placing = [by_id[p["id"]] for p in _signatories(data)
               if p.get("type_structure") in PLACING_SIAE_TYPES] if forme == "gme_solidaire" \
        else []
    financial = [
        f"La solidarité {who['de_appellation']} est exclusivement financière : "
        f"{who['type_libelle']}, elle ne peut exécuter elle-même les prestations d'un membre "
        f"défaillant ({_placing_law(who)}). L'exécution de substitution incombe aux membres qui "
        "exécutent les prestations, au prorata de leur part dans la répartition des "
        "prestations."
        for who in placing]
    return {
        "present": True,
        "solidarite_financiere": financial,
        "marche": _market(statut.get("marche"), proper_names(data)),
        "prestations": _services(statut.get("repartition_prestations") or [], by_id),
        "compte_unique": account == "unique",
        "mandataire": mandataire["designation"] if mandataire else "",
        "composition": (
            "La composition du groupement ne peut pas être modifiée entre la date de remise des "
            "candidatures ou des offres et la signature du marché, sauf dans les cas prévus aux "
            f"{reference('gme_composition')} et avec l'autorisation de l'acheteur. Après la "
            "signature du marché, l'entrée ou le remplacement d'un membre requiert l'accord de "
            "l'acheteur et prend la forme d'un avenant à la présente convention."),
    }


def _shares_costs(budget: Ctx) -> bool:
    """Whether the financial article makes the Parties pay towards the project (a split of
    the budget, or a Party financing an action): costs spent for it are then shared there."""
    return not budget.get("sans_versement") and bool(
        budget.get("repartition") or budget.get("apports_precises"))


def lapse_costs(groupement: Ctx, budget: Ctx, articles: Mapping[str, int | None]) -> str:
    """What becomes of the costs of the answer when the groupement lapses (offer not
    retained): each member keeps what it spent, unless the financial article split them
    between the Parties. Then the split stands and falls due, while what was paid for an
    action that never began goes back to its payers, as the résiliation article returns
    unspent contributions (juriste-C #6: « nothing refunded » left a member with money paid
    for the start of a marché never won)."""
    if not groupement.get("present"):
        return ""
    where = articles.get("financier")
    if _shares_costs(budget) and where:
        return ("Les frais de la candidature et de l'offre restent répartis entre les Parties "
                f"selon l'article {where} et sont exigibles dans les trente jours de la "
                "caducité ; les sommes versées pour une action qui n'a pas été engagée sont "
                "restituées, dans le même délai, aux Parties qui les ont versées. " + _SURVIVES)
    return ("Chaque Partie conserve alors la charge des frais qu'elle a engagés pour la "
            "candidature et l'offre, sans remboursement entre les Parties. " + _SURVIVES)


# Caducité ends the contract (C. civ. art. 1187): what it settles must outlive it
# (juriste-D #8).
_SURVIVES = ("Ces stipulations, ainsi que celles relatives aux recours, survivent à la caducité "
             "de la présente convention.")


def costs_offset(societe: Ctx, budget: Ctx, articles: Mapping[str, int | None]) -> str:
    """The set-up costs of the company and the Parties' financing of the plan's actions are
    one expense when an action pays for the statuts (exemple-scic: « Faire rédiger les
    statuts », financed under the financial article, while the costs article shares the same
    costs again): what a Party pays for that action, named when the file says which one
    (`frais_constitution.action`), counts towards its share, and what exceeds it comes back
    (juriste-C #10)."""
    where = articles.get("financier")
    if not societe.get("present") or not _shares_costs(budget) or not where:
        return ""
    action = societe.get("action_frais")
    opening = (f"L'action « {action} » du plan d'action finance ces frais : "
               if action else "Lorsqu'une action du plan d'action finance ces frais, ")
    return (f"{opening}la participation de chaque Partie à cette action, versée selon "
            f"l'article {where}, s'impute sur sa part, et l'excédent éventuel lui est "
            "restitué.")


# -- The company the Parties prepare ----------------------------------------------------------


def _category(raw: Mapping[str, Any], by_id: Ctx) -> dict[str, Any]:
    members = [by_id[m]["designation"] for m in raw.get("membres") or [] if m in by_id]
    college, capital = raw.get("college_pourcentage"), raw.get("part_capital_pourcentage")
    return {"libelle": str(raw["libelle"]).strip(),
            "nature": label("categorie_associes", raw.get("type")),
            "membres": liste(members) if members else "—",
            "capital": pourcentage(capital) if capital is not None else "—",
            "college": pourcentage(college) if college is not None else "—"}


def _who(ref: str | None, by_id: Ctx, fallback: str | None) -> Mapping[str, Any] | None:
    return by_id.get(ref or "") or by_id.get(fallback or "")


def _constitution_costs(raw: Mapping[str, Any], by_id: Ctx, gaps: Gaps) -> str:
    """Who advances the costs of the constitution, who bears them in the end, and what
    becomes of them if the company is never registered (C. com. L. 210-6)."""
    advancing = by_id.get(raw.get("avance_par") or "")
    shares = [f"{by_id[s['partenaire']]['appellation']} ({pourcentage(s['pourcentage'])})"
              for s in raw.get("repartition") or [] if s.get("partenaire") in by_id]
    cap = raw.get("plafond")
    return (
        "Les frais de constitution de la société (conseil juridique, rédaction des statuts, "
        "formalités de publicité et d'immatriculation)"
        + (f", dans la limite de {sum_of_money(cap)}," if cap is not None else "")
        + " sont avancés par "
        + (advancing["appellation"] if advancing else _marker(gaps, "frais-avance"))
        # A cap binds only if spending beyond it needs the Parties' consent.
        + (". Au-delà de ce plafond, aucune dépense n'est engagée sans l'accord écrit préalable "
           "des Parties" if cap is not None else "")
        + ". Entre les Parties, ils sont supportés en définitive dans les proportions suivantes"
        " : " + (liste(shares) if shares else _marker(gaps, "frais-repartition")) + ".")


# The company pays back only what it takes over (L. 210-6), to each Party what that Party
# bore, not to the one that advanced the whole; the rest, and everything if it is never
# registered, stays shared, after the accord itself has ended (juriste-C #10).
COSTS_SETTLEMENT = (
    "Une fois immatriculée, la société rembourse à chaque Partie la part des frais afférents "
    "aux actes repris que cette Partie a supportée. Les frais que la société ne reprend pas "
    "restent répartis entre les Parties dans ces mêmes proportions. Si la société n'est pas "
    "immatriculée, notamment parce que les Parties renoncent à sa constitution, l'ensemble des "
    "frais engagés avec leur accord reste réparti de la même manière. Dans l'un et l'autre "
    "cas, chaque Partie verse à celle qui a avancé les frais, sur présentation des "
    "justificatifs, la part qui lui incombe, déduction faite de ce qu'elle a déjà versé pour "
    "ces frais.")


def company_part(data: Ctx, by_id: Ctx, chef_de_file: str | None,
                 gaps: Gaps) -> dict[str, Any]:
    """The société the Parties prepare (``present`` False when they prepare none)."""
    statut = data["statut_juridique"]
    forme = statut["forme"]
    raw = statut.get("societe") or {}
    if forme not in COMPANY_CREATING_FORMS:
        return {"present": False, "scic": False, "categories": [], "colleges": False}
    scic = forme == "scic"
    shape = raw.get("forme")
    variable = raw.get("capital_variable")
    if variable is None:
        variable = scic
    entity = label_entry("statut_juridique", forme).get("structure", "une société")
    if shape:
        entity += f" sous forme {de(label('forme_juridique', shape))}"
    if variable:
        entity += " à capital variable"
    capital = raw.get("capital_prevu")
    categories = [_category(c, by_id) for c in raw.get("categories") or []]
    drafting = raw.get("redaction_statuts") or {}
    drafter = _who(drafting.get("partenaire"), by_id, chef_de_file)
    acting = _who(raw.get("representant_formation"), by_id, chef_de_file)
    adviser = str(drafting.get("conseil") or "").strip()
    deadline = drafting.get("echeance")
    scic_law = entry("scic_collectivites_capital")
    low, high = entry("scic_college_minimum"), entry("scic_college_maximum")
    colleges = entry("scic_colleges")
    high_text = (f"{pourcentage(high.valeur or 0)} ou plus" if high.borne == "exclue"
                 else f"plus de {pourcentage(high.valeur or 0)}")
    return {
        "present": True,
        "scic": scic,
        "decrite": bool(raw),
        "societe": entity,
        "intention": (f"Les Parties envisagent de constituer {entity}"
                      + (f", régie par les {reference('scic')} et par le code de commerce."
                         if scic else ", régie par le code de commerce.")),
        "capital": (f"Le capital de départ envisagé s'élève à {sum_of_money(capital)}"
                    + (", appelé à varier avec l'entrée et la sortie des associés."
                       if variable else ".")) if capital is not None else "",
        "categories": categories,
        "categories_a_completer": "" if categories else _marker(gaps, "societe"),
        "colleges": any(c.get("college_pourcentage") is not None
                        for c in raw.get("categories") or []),
        # The convention prepares the statuts and cannot stand in for them: it states the
        # law the statuts must respect and leaves to them the collèges and their weights
        # (loi n° 47-1775, art. 19 septies and 19 octies).
        "regles_scic": (
            f"Les statuts respecteront les règles propres aux SCIC ({reference('scic_categories')})"
            f" : au moins {nombre_lettres(int(threshold('scic_categories')), 'f')} catégories "
            "d'associés, parmi lesquelles les personnes salariées de la société (ou, à défaut, "
            "les producteurs de ses biens ou services) et les bénéficiaires de ses activités ; les "
            "collectivités territoriales, leurs groupements et les établissements publics "
            "territoriaux ne peuvent détenir ensemble plus de "
            f"{pourcentage(scic_law.valeur or 0)} du capital de la société. Chaque associé "
            "dispose d'une voix à l'assemblée générale ou, si les statuts répartissent les "
            "associés en collèges, "
            f"dans le collège auquel il est affecté ({colleges.texte}) ; les réserves de la "
            "société sont impartageables."),
        "regles_colleges": (
            "Les Parties proposeront que les statuts répartissent les associés en collèges de "
            "vote, un par catégorie, avec le poids indiqué dans la colonne « Collège » du "
            "tableau. Seuls les statuts fixent les collèges, au nombre de "
            f"{nombre_lettres(int(colleges.valeur or 0))} au moins, la répartition des associés "
            "entre eux et le nombre de voix de chacun ; s'ils ne pondèrent pas les voix, chaque "
            "collège dispose du même nombre de voix à l'assemblée générale. S'ils les "
            f"pondèrent, aucun collège ne peut détenir à lui seul {high_text} du total des "
            f"droits de vote, ni moins de {pourcentage(low.valeur or 0)} ({high.texte})."),
        "redaction": (
            f"{drafter['sujet'] if drafter else _marker(gaps, 'statuts-redaction')} "
            "fait rédiger le projet de statuts avec l'appui "
            + (de(adviser) if adviser else "d'un conseil juridique")
            + " et le présente aux Parties au plus tard le "
            + (date_longue(deadline) if deadline else _marker(gaps, "statuts-echeance")) + "."),
        "formation": (
            "Jusqu'à l'immatriculation de la société, "
            + (acting["appellation"] if acting else _marker(gaps, "societe-formation"))
            + " accomplit au nom de la société en formation les seuls actes nécessaires à sa "
            "constitution que les Parties ont approuvés par écrit au préalable."),
        # Staff never moves by the accord: only the law (an autonomous entity transferred)
        # or each employee's own agreement changes an employer (C. trav. L. 1224-1).
        "salaries": (
            "Le présent accord n'emporte par lui-même aucun transfert du personnel des Parties "
            "vers la société. Si la société reprend une activité d'une Partie, les contrats de "
            "travail ne se poursuivent de plein droit avec elle que si la reprise porte sur une "
            "entité économique autonome qui conserve son identité "
            f"({reference('transfert_contrats_travail')}) ; dans les autres cas, une personne "
            "salariée ne rejoint la société qu'avec son accord exprès, par la conclusion d'un "
            "nouveau contrat de travail."),
        "frais": _constitution_costs(raw.get("frais_constitution") or {}, by_id, gaps),
        # The action of the plan that pays these costs, when the file names it.
        "action_frais": next((str(action["intitule"]).strip()
                              for action in data.get("plan_action") or []
                              if action.get("id") == (raw.get("frais_constitution") or {})
                              .get("action")), ""),
        "frais_reglement": COSTS_SETTLEMENT,
        # Said last, after the imputation on the plan's financing (`costs_offset`) and the
        # settlement, which it covers.
        "frais_survie": ("Ces stipulations survivent à la fin du présent accord jusqu'au "
                         "règlement complet des frais."),
        "reprise": (
            "La société, une fois immatriculée, ne reprend ces actes que s'ils sont énumérés "
            "dans un état annexé à ses statuts ou approuvés par ses associés après "
            f"l'immatriculation ({reference('societe_en_formation')}). À défaut de reprise, la "
            "Partie qui les a accomplis en reste tenue : c'est pourquoi aucun acte n'est "
            "accompli sans l'accord écrit préalable des Parties."),
    }
