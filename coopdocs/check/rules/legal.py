"""The rules of the law by legal form (domain.md §12): what each family of party or of
cooperation must say, checked before the documents say it wrongly.

- associations: an RNA number given to one of Alsace-Moselle, which is in no RNA, or its
  registre des associations given to another;
- public persons: a subsidy given by someone who cannot give one, or without its amount; the
  competent court;
- a groupement momentané d'entreprises: its marché, signature no later than the dépôt, the
  split of the prestations, SIAE that place workers rather than execute;
- a SCIC (or another company the Parties prepare): its categories of associés, the share of
  public persons in the capital, its collèges de vote.

Errors where the document would be wrong or the plan unlawful; warnings where a juriste must
look. What the convention still lacks (a company's RCS and capital, the act that empowers a
public person's signatory, a subsidy's terms of payment, the company to create) is a gap of
`check.gaps`, listed once as `document-a-completer`. Every threshold and article comes from
`coopdocs.law` (data/droit.yaml).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from coopdocs.check.gaps import joint_purchase, subsidising
from coopdocs.check.rules.base import CENT, error, items, mapping, warning
from coopdocs.errors import FieldPath, Problem
from coopdocs.french.dates import date_courte
from coopdocs.french.figures import pourcentage
from coopdocs.french.grammar import de, liste, majuscule_initiale
from coopdocs.french.labels import label, label_entry
from coopdocs.french.names import (
    legal_office,
    message_name,
    nom_personne,
    statutory_representative,
)
from coopdocs.law import entry, reference, threshold
from coopdocs.vocabulary import (
    COMMERCIAL_FORMS,
    COMPANY_CREATING_FORMS,
    CONTRACTING_AUTHORITY_FORMS,
    GME_FORMS,
    LEGAL_REPRESENTATIVES,
    LOCAL_AUTHORITY_FORMS,
    PLACING_SIAE_TYPES,
    PUBLIC_PERSON_FORMS,
    REPRESENTATION_LAW,
    SCIC_REQUIRED_CATEGORIES,
    charter_applies,
    convention_applies,
    merchants_only,
)

__all__ = ["check_legal_forms"]

HUNDRED = Decimal(100)
_CATEGORY_NAMES = {"salaries": "les salarié·e·s (ou, à défaut, les producteurs)",
                   "beneficiaires": "les bénéficiaires de ses activités"}


def check_legal_forms(data: dict[str, Any]) -> list[Problem]:
    """Every rule of this module, errors and warnings mixed (the suite sorts them by line)."""
    problems: list[Problem] = []
    for rule in (
        _association_numbers,
        _subsidies,
        _subsidy_payment,
        _subsidy_as_order,
        _public_buyer_purchasing,
        _delegated_signatory,
        _signatory_power,
        _public_court,
        _named_court,
        _fields_without_effect,
        _gme_market,
        _gme_services,
        _placing_solidarity,
        _company_to_create,
    ):
        problems.extend(rule(data))
    return problems


def _statut(data: dict[str, Any]) -> dict[str, Any]:
    return mapping(data.get("statut_juridique"))


def _signatories(data: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    return [(i, p) for i, p in items(data.get("partenaires")) if p.get("signataire_convention")]


def _public_signatories(data: dict[str, Any]) -> list[tuple[int, dict[str, Any]]]:
    return [(i, p) for i, p in _signatories(data)
            if p.get("forme_juridique") in PUBLIC_PERSON_FORMS]


def _nature(partner: dict[str, Any]) -> str:
    """« établissement public de coopération intercommunale »: what a partner is, by law."""
    return label("forme_juridique", partner.get("forme_juridique"))


# -- Associations -----------------------------------------------------------------------------


def _association_numbers(data: dict[str, Any]) -> list[Problem]:
    """An association of Alsace-Moselle is inscribed at a tribunal's registre des associations
    (code civil local, art. 21), never declared in a préfecture nor in the RNA: an RNA number
    given for it, or a registre given for another form, is printed nowhere."""
    problems: list[Problem] = []
    for i, partner in items(data.get("partenaires")):
        forme = partner.get("forme_juridique")
        if forme == "association_droit_local" and partner.get("rna"):
            problems.append(warning(
                "identifiant-sans-effet", ("partenaires", i, "rna"),
                f"{message_name(partner)} est une association de droit local (Alsace-Moselle) : "
                "inscrite au registre des associations d'un tribunal, elle n'est pas au "
                "répertoire national des associations, et la convention n'imprime pas le "
                f"numéro RNA « {partner['rna']} ».",
                "Retirez « rna: » et donnez « registre_tribunal: » et « registre_numero: », "
                "comme sur son attestation d'inscription ; si elle est déclarée en préfecture, "
                "sa forme juridique est « association »."))
        given = [key for key in ("registre_tribunal", "registre_numero")
                 if str(partner.get(key) or "").strip()]
        if given and forme != "association_droit_local":
            problems.append(warning(
                "identifiant-sans-effet", ("partenaires", i, given[0]),
                f"« {given[0]} » ne sert que pour une association de droit local "
                f"(Alsace-Moselle), et {message_name(partner)} a la forme « {forme} » : la "
                "convention ne l'imprime pas.",
                "Retirez-le, ou corrigez forme_juridique (« association_droit_local » pour une "
                "association inscrite au registre d'un tribunal d'Alsace-Moselle)."))
    return problems


# -- Public persons ---------------------------------------------------------------------------


def _subsidies(data: dict[str, Any]) -> list[Problem]:
    """`contribution.subvention`: public money given to an action (loi n° 2000-321, art. 10)."""
    problems: list[Problem] = []
    law = reference("subvention")
    for i, partner in items(data.get("partenaires")):
        contribution = mapping(partner.get("contribution"))
        if not contribution.get("subvention"):
            continue
        path: FieldPath = ("partenaires", i, "contribution", "subvention")
        amount = contribution.get("apport_financier")
        if partner.get("forme_juridique") not in PUBLIC_PERSON_FORMS:
            problems.append(warning(
                "subvention-non-publique", path,
                f"{message_name(partner)} n'est pas une personne publique ({_nature(partner)}) : "
                f"le régime des subventions de l'{law} ne s'applique pas à son apport.",
                "Retirez « subvention: true », ou corrigez forme_juridique si c'est une "
                "collectivité, un EPCI, un établissement public ou un service de l'État."))
            continue
        if not amount:
            problems.append(warning(
                "subvention-sans-montant", path,
                f"{message_name(partner)} verse une subvention, mais son montant n'est pas "
                "indiqué : la convention ne peut pas en fixer le montant.",
                "Ajoutez « apport_financier: » sous contribution avec le montant voté."))
    return problems


def _subsidy_payment(data: dict[str, Any]) -> list[Problem]:
    """`contribution.versement_subvention`: printed only in a subsidy article, and paid to a
    Party that benefits from the subsidy, never to a public person (the grantor or another)."""
    problems: list[Problem] = []
    granting = {p.get("id") for _, p in subsidising(data)}
    partners = {p.get("id"): p for _, p in items(data.get("partenaires"))}
    for i, partner in items(data.get("partenaires")):
        payment = mapping(mapping(partner.get("contribution")).get("versement_subvention"))
        if not payment:
            continue
        path: FieldPath = ("partenaires", i, "contribution", "versement_subvention")
        if partner.get("id") not in granting:
            problems.append(warning(
                "versement-subvention", path,
                "« versement_subvention » ne sert que pour la subvention d'une personne "
                "publique qui signe la convention, avec son montant : l'apport "
                f"{de(message_name(partner))} n'en est pas une, et le bloc n'apparaît dans "
                "aucun document.",
                "Ajoutez « subvention: true » et « apport_financier: » sous contribution si "
                "son apport est une subvention, ou retirez ce bloc."))
            continue
        account = partners.get(payment.get("compte"))
        if account is not None and account.get("forme_juridique") in PUBLIC_PERSON_FORMS:
            problems.append(warning(
                "versement-subvention", (*path, "compte"),
                f"La subvention {de(message_name(partner))} serait versée sur le compte "
                f"{de(message_name(account))}, une personne publique : elle est versée à une "
                f"Partie qui en bénéficie ({reference('subvention')}).",
                "Donnez dans « compte: » l'id de la Partie bénéficiaire qui reçoit les "
                "versements (souvent le chef de file)."))
    return problems


def _subsidy_as_order(data: dict[str, Any]) -> list[Problem]:
    """A subsidy pays for an action the private body initiates, defines and carries out (loi
    n° 2000-321, art. 9-1): a funder that started the project, or votes on what it pays for,
    makes it look like an order, which the law of public contracts governs."""
    if not convention_applies(data):
        return []
    law = reference("subvention_definition")
    hint_vote = ("Donnez-lui une voix consultative (« voix: 0 » dans la composition) pour le "
                 "suivi de sa subvention, ou faites vérifier par un juriste que la subvention "
                 "n'est pas un marché public déguisé.")
    problems: list[Problem] = []
    projet = mapping(data.get("projet"))
    initiator = mapping(projet.get("initiateur"))
    for _, partner in items(data.get("partenaires")):
        contribution = mapping(partner.get("contribution"))
        if not contribution.get("subvention") or \
                partner.get("forme_juridique") not in PUBLIC_PERSON_FORMS:
            continue
        name = message_name(partner)
        if initiator.get("type") == "pouvoirs_publics" or \
                initiator.get("partenaire") == partner.get("id"):
            key = "type" if initiator.get("type") == "pouvoirs_publics" else "partenaire"
            problems.append(warning(
                "subvention-requalification", ("projet", "initiateur", key),
                f"Le projet est présenté comme né à l'initiative des pouvoirs publics, alors que "
                f"{name} le subventionne : une subvention finance une action initiée, définie "
                f"et mise en œuvre par un organisme de droit privé ({law}) ; sinon, elle risque "
                "d'être requalifiée en marché public.",
                "Si le projet vient des structures, indiquez « type: structure » et le "
                "partenaire qui l'a initié ; sinon, faites vérifier le montage par un juriste."))
        for j, instance in items(mapping(data.get("gouvernance")).get("instances")):
            if not instance.get("decisionnelle"):
                continue
            for k, member in items(instance.get("composition")):
                if member.get("partenaire") == partner.get("id") and member.get("voix"):
                    problems.append(warning(
                        "subvention-requalification",
                        ("gouvernance", "instances", j, "composition", k),
                        f"{name} subventionne le projet et vote dans l'instance « "
                        f"{str(instance.get('nom') or '').strip()} » : une personne publique qui "
                        "décide de l'emploi de sa propre subvention définit l'action qu'elle "
                        f"finance, ce qui peut faire requalifier la subvention ({law}) en "
                        "marché public.", hint_vote))
    return problems


def _public_buyer_purchasing(data: dict[str, Any]) -> list[Problem]:
    """A public buyer among the Parties that buy together: its purchases stay under the code de
    la commande publique, and buying with others takes a groupement de commandes, whose own
    convention constitutive the convention de partenariat does not replace."""
    where = joint_purchase(data) if convention_applies(data) else None
    buyers = [p for _, p in _signatories(data)
              if p.get("forme_juridique") in CONTRACTING_AUTHORITY_FORMS]
    if where is None or not buyers:
        return []
    one = len(buyers) == 1
    # The list opens the message: its first name may have taken an article (« la Commune… »).
    names = majuscule_initiale(liste(message_name(p) for p in buyers))
    return [warning(
        "achats-groupes-acheteur-public", where,
        f"{names} {'est un acheteur public' if one else 'sont des acheteurs publics'} (pouvoir "
        f"adjudicateur, {reference('pouvoir_adjudicateur')}) et "
        f"{'prend' if one else 'prennent'} part aux achats groupés des Parties : "
        f"{'ses' if one else 'leurs'} achats restent soumis au code de la commande publique "
        "(publicité et mise en concurrence), même commandés par une autre Partie. Acheter "
        "ensemble passe par un groupement de commandes, dont tous les membres appliquent ce code "
        "à leurs achats communs et qui a sa propre convention constitutive "
        f"({reference('groupement_commandes')}) : la convention de partenariat n'en tient pas "
        "lieu.",
        "Faites rédiger par un juriste la convention constitutive du groupement de commandes "
        "(son coordonnateur, ce qu'il achète, comment), et gardez dans « achats_groupes » la "
        "seule répartition du coût entre les Parties ; sinon, laissez la personne publique hors "
        "des achats groupés.")]


def _delegated_signatory(data: dict[str, Any]) -> list[Problem]:
    """An adjoint, a vice-président or a conseiller délégué signs for a collectivité or an EPCI
    only under an arrêté de délégation of the maire or the président (domain.md §12): the
    habilitation must cite it. Without any habilitation, a Party of the convention already has
    the gap `habilitation`, whose hint asks for the arrêté too."""
    charter = charter_applies(data)
    convention = convention_applies(data)
    problems: list[Problem] = []
    for i, partner in items(data.get("partenaires")):
        rep = mapping(partner.get("representant"))
        quality = str(rep.get("qualite") or "").strip()
        # A service of the State or another établissement public signs under a délégation de
        # signature, which the gap `habilitation` already asks for by that name.
        if partner.get("forme_juridique") not in LOCAL_AUTHORITY_FORMS or not quality \
                or legal_office(quality):
            continue
        party = convention and bool(partner.get("signataire_convention"))
        signed = [name for name, signs in (("la convention", party),
                                           ("la charte", charter and partner.get(
                                               "signataire_charte"))) if signs]
        act = " ".join(str(rep.get("habilitation") or "").split())
        # « arrêté » only: a « délibération portant délégation du conseil au maire »
        # (CGCT L. 2122-22) delegates to the maire, not to the signatory.
        if not signed or "arrêté" in act.lower() or (party and not act):
            continue
        cited = (f"son habilitation (« {act} ») n'en cite aucun" if act
                 else "le fichier n'en cite aucun")
        example = act or "délibération n° … du …"
        problems.append(warning(
            "habilitation-delegation",
            ("partenaires", i, "representant", "habilitation" if act else "qualite"),
            f"{nom_personne(rep)} signe {liste(signed)} pour {message_name(partner)} en "
            f"qualité de « {quality} » : un adjoint, un vice-président ou un conseiller ne "
            f"signe pour une collectivité ou un EPCI qu'en vertu d'un arrêté par lequel le maire "
            f"ou le président lui délègue une partie de ses fonctions "
            f"({reference('delegation_executif')}) ; {cited}.",
            "Ajoutez l'arrêté de délégation à « habilitation » sous « representant », par "
            f"exemple « {example} et arrêté de délégation n° … du … » : les documents "
            "signés le citent avec la délibération."))
    return problems


# Who represents a partner of a form, when a plain list of `LEGAL_REPRESENTATIVES` would not
# read well: a cooperative is a SAS, a SARL or a SA, which its form code does not tell.
_REPRESENTED_BY = {
    "sa": "son directeur général (ou président-directeur général), un directeur général délégué "
          "ou, dans une société à directoire, le président du directoire",
    "scop": "son président, son gérant ou son directeur général, selon qu'elle est une SAS, une "
            "SARL ou une SA",
    "scic": "son président, son gérant ou son directeur général, selon qu'elle est une SAS, une "
            "SARL ou une SA",
}


def _signatory_power(data: dict[str, Any]) -> list[Problem]:
    """A Party's signatory who is not the legal representative of its form (a directeur général
    of a SAS, C. com. L. 227-6; the directrice of an association) signs under a power the
    statuts or a délégation give: the convention cites that act, and prints the gap
    `habilitation` while the file does not give it, instead of asserting « tous pouvoirs »."""
    if not convention_applies(data):
        return []
    problems: list[Problem] = []
    for i, partner in _signatories(data):
        rep = mapping(partner.get("representant"))
        quality = " ".join(str(rep.get("qualite") or "").split())
        forme = str(partner.get("forme_juridique"))
        if not quality or str(rep.get("habilitation") or "").strip() \
                or statutory_representative(quality, forme) is not False:
            continue
        feminine = bool(label_entry("forme_juridique", forme).get("feminin", True))
        who = _REPRESENTED_BY.get(forme) or liste(
            (f"son {office}" for office in LEGAL_REPRESENTATIVES[forme]), "ou")
        law = (f" ({reference(REPRESENTATION_LAW[forme])})" if forme in REPRESENTATION_LAW
               else ", sauf si ses statuts en désignent un autre")
        problems.append(warning(
            "pouvoir-signataire", ("partenaires", i, "representant", "qualite"),
            f"{nom_personne(rep)} signe la convention pour {message_name(partner)} en qualité de "
            f"« {quality} » : {'une' if feminine else 'un'} {_nature(partner)} est "
            f"représenté{'e' if feminine else ''} par {who}{law}. Toute autre personne signe en "
            "vertu d'un pouvoir que lui donnent les statuts ou une délégation, que la "
            "convention doit citer au lieu de lui prêter tous pouvoirs.",
            "Ajoutez sous « representant » « habilitation: » avec la clause des statuts ou la "
            "délégation de pouvoir qui autorise cette personne à signer (par exemple « l'article "
            "14 des statuts » ou « délégation de pouvoir du président du 5 janvier 2027 ») ; "
            "sinon, faites signer le représentant légal."))
    return problems


def _public_court(data: dict[str, Any]) -> list[Problem]:
    """With a public person, the contract may be administrative: not a tribunal judiciaire."""
    court = str(mapping(mapping(data.get("clauses")).get("litiges")).get("juridiction") or "")
    public = _public_signatories(data)
    if not public or "judiciaire" not in court.lower() or not convention_applies(data):
        return []
    return [warning(
        "juridiction-personne-publique", ("clauses", "litiges", "juridiction"),
        f"{message_name(public[0][1])} est une personne publique : la convention peut être un "
        f"contrat administratif, dont les litiges relèvent du juge administratif, et non du "
        f"« {court.strip()} ».",
        "Retirez « juridiction: » : la convention renvoie à « la juridiction compétente » ; "
        "une personne publique ne contractant pas en qualité de commerçant, le tribunal nommé "
        f"n'est pas imprimé ({reference('clause_attributive')}).")]


def _named_court(data: dict[str, Any]) -> list[Problem]:
    """A court named between Parties that are not all merchants is deemed unwritten."""
    court = str(mapping(mapping(data.get("clauses")).get("litiges")).get("juridiction") or "")
    if not court.strip() or merchants_only(data) or not convention_applies(data):
        return []
    # With a public person and a tribunal judiciaire, `_public_court` already says it.
    if _public_signatories(data) and "judiciaire" in court.lower():
        return []
    others = [p for _, p in _signatories(data)
              if p.get("forme_juridique") not in COMMERCIAL_FORMS]
    if not others:
        return []
    return [warning(
        "juridiction-non-commercants", ("clauses", "litiges", "juridiction"),
        f"{message_name(others[0])}, {_nature(others[0])}, ne contracte pas en qualité de "
        f"commerçant : une clause qui désigne « {court.strip()} » est réputée non écrite entre "
        "des Parties qui ne sont pas toutes commerçantes "
        f"({reference('clause_attributive')}). La convention renvoie donc au tribunal "
        "compétent.",
        "Retirez « juridiction: » ; seules des sociétés commerciales peuvent convenir entre "
        "elles du tribunal de leurs litiges.")]


# -- Companies --------------------------------------------------------------------------------


def _fields_without_effect(data: dict[str, Any]) -> list[Problem]:
    """Data written for a form the project does not have is printed nowhere: say so."""
    statut = _statut(data)
    forme = statut.get("forme")
    checks = [(key, forme in GME_FORMS, "un groupement momentané d'entreprises "
               "(gme_conjoint ou gme_solidaire)")
              for key in ("marche", "repartition_prestations", "compte_paiement")]
    checks.append(("societe", forme in COMPANY_CREATING_FORMS,
                   "une société à créer (scic ou societe_commune)"))
    return [
        warning(
            "statut-champ-sans-effet", ("statut_juridique", key),
            f"« {key} » ne sert que pour {what}, et la forme choisie est « {forme} » : ce champ "
            "n'apparaît dans aucun document.",
            "Retirez-le, ou corrigez statut_juridique.forme.")
        for key, applies, what in checks
        if statut.get(key) not in (None, []) and not applies
    ]


# -- Groupement momentané d'entreprises -------------------------------------------------------


def _gme_market(data: dict[str, Any]) -> list[Problem]:
    """The marché, and a convention signed no later than the dépôt (it gives the mandate)."""
    statut = _statut(data)
    if statut.get("forme") not in GME_FORMS:
        return []
    market = statut.get("marche")
    if not market:
        return [error(
            "marche-manquant", ("statut_juridique",),
            f"Un groupement momentané d'entreprises ({statut.get('forme')}) répond à un "
            "marché : la convention doit nommer l'acheteur, l'objet du marché et la date "
            "limite de dépôt des offres.",
            "Ajoutez sous statut_juridique un bloc « marche: » avec acheteur, objet et "
            "date_limite_depot (et, si vous les avez, reference et procedure) : le "
            "mandataire reçoit par la convention le mandat de signer l'offre "
            f"({reference('gme_mandataire')}).")]
    signed = mapping(data.get("projet")).get("date_signature")
    deadline = mapping(market).get("date_limite_depot")
    if isinstance(signed, date) and isinstance(deadline, date) and signed > deadline:
        return [error(
            "gme-signature-apres-depot", ("projet", "date_signature"),
            f"La convention de groupement serait signée le {date_courte(signed)}, après la date "
            f"limite de dépôt des offres ({date_courte(deadline)}) : le jour du dépôt, le "
            "mandataire n'aurait pas encore reçu mandat des autres membres.",
            f"Signez au plus tard le {date_courte(deadline)} ({reference('gme_mandataire')}) ; "
            "corrigez projet.date_signature.")]
    return []


def _gme_services(data: dict[str, Any]) -> list[Problem]:
    """The split of the prestations: every member once, 100 % in all, SIAE that only place."""
    statut = _statut(data)
    if statut.get("forme") not in GME_FORMS:
        return []
    shares = list(items(statut.get("repartition_prestations")))
    base: FieldPath = ("statut_juridique", "repartition_prestations")
    if not shares:
        return [error(
            "prestations-manquantes", ("statut_juridique",),
            "La convention d'un groupement répartit les prestations entre ses membres : c'est "
            "la mesure de l'engagement de chacun (groupement conjoint) et du recours entre eux "
            f"(groupement solidaire) ({reference('gme_forme')}).",
            "Ajoutez sous statut_juridique une liste « repartition_prestations: » avec, pour "
            "chaque membre, partenaire, prestations et pourcentage.")]
    partners = {p.get("id"): (i, p) for i, p in items(data.get("partenaires"))}
    members = {p.get("id") for _, p in _signatories(data)}
    problems: list[Problem] = []
    seen: set[Any] = set()
    for i, share in shares:
        pid = share.get("partenaire")
        if pid not in partners:
            continue  # an unknown id is rule 1's error
        partner = partners[pid][1]
        if pid in seen:
            problems.append(error(
                "prestations-membre", (*base, i, "partenaire"),
                f"{message_name(partner)} figure deux fois dans la répartition des prestations.",
                "Regroupez ses prestations en une seule ligne."))
        elif pid not in members:
            problems.append(error(
                "prestations-membre", (*base, i, "partenaire"),
                f"{message_name(partner)} reçoit des prestations du marché mais ne signe pas la "
                "convention : seul un membre du groupement peut en exécuter.",
                "Retirez cette ligne, ou faites-le signer (signataire_convention: true)."))
        seen.add(pid)
        problems.extend(_placing_siae(partner, share, (*base, i)))
    for pid in sorted(members - seen, key=lambda m: partners[m][0]):
        problems.append(error(
            "prestations-membre", base,
            f"Le membre {message_name(partners[pid][1])} signe la convention de groupement mais "
            "n'a "
            "aucune ligne dans la répartition des prestations.",
            "Ajoutez une ligne pour ce membre (avec « pourcentage: 0 » et ce qu'il apporte s'il "
            "n'exécute pas de prestation), ou mettez « signataire_convention: false » "
            f"({reference('gme_forme')})."))
    problems.extend(_services_total([s for _, s in shares], base))
    return problems


def _placing_siae(partner: dict[str, Any], share: dict[str, Any],
                  path: FieldPath) -> list[Problem]:
    kind = partner.get("type_structure")
    if kind not in PLACING_SIAE_TYPES:
        return []
    key = "pourcentage" if (share.get("pourcentage") or 0) > 0 else "montant"
    if not (share.get(key) or 0) > 0:
        return []
    law = (f"{reference('travail_temporaire')} et {reference('etti')}" if kind == "etti"
           else reference("association_intermediaire"))
    return [warning(
        "siae-mise-a-disposition", (*path, key),
        f"{message_name(partner)} est une {label('type_structure', kind)} : son activité est de "
        f"mettre ses salarié·e·s à la disposition d'autres structures ({law}), pas d'exécuter "
        "elle-même les prestations du marché.",
        "Confiez l'exécution aux membres qui l'assurent eux-mêmes et donnez-lui une part de 0, "
        "en décrivant sa contribution (mise à disposition de salarié·e·s auprès des membres "
        "qui exécutent) ; faites vérifier le montage par un juriste.")]


def _placing_solidarity(data: dict[str, Any]) -> list[Problem]:
    """A jointly liable ETTI or AI cannot perform in place of a failing member."""
    if _statut(data).get("forme") != "gme_solidaire":
        return []
    problems: list[Problem] = []
    for i, partner in _signatories(data):
        kind = partner.get("type_structure")
        if kind not in PLACING_SIAE_TYPES:
            continue
        law = (reference("travail_temporaire") if kind == "etti"
               else reference("association_intermediaire"))
        problems.append(warning(
            "siae-solidarite", ("partenaires", i, "type_structure"),
            f"{message_name(partner)} est une {label('type_structure', kind)} membre d'un "
            "groupement solidaire : elle ne peut pas exécuter les prestations d'un membre "
            f"défaillant ({law}). La convention limite sa solidarité à une solidarité "
            "financière et confie l'exécution de substitution aux membres qui exécutent.",
            "Vérifiez avec l'acheteur qu'il accepte ce montage, ou faites-la intervenir hors du "
            "groupement, par des mises à disposition auprès des membres ; faites vérifier par un "
            "juriste."))
    return problems


def _services_total(shares: list[dict[str, Any]], base: FieldPath) -> list[Problem]:
    return _shares_total(shares, "pourcentage", "prestations-somme", base,
                         "de la répartition des prestations",
                         "Donnez un pourcentage à chaque membre (0 pour un membre qui "
                         "n'exécute pas) : la répartition mesure l'engagement de chacun "
                         f"({reference('gme_forme')}).")


def _shares_total(rows: list[dict[str, Any]], key: str, code: str, path: FieldPath,
                  what: str, hint_missing: str) -> list[Problem]:
    """Shares given for some rows must be given for all, and make 100 %."""
    given: list[Decimal] = [row[key] for row in rows if row.get(key) is not None]
    if not given:
        return []
    total = sum(given, Decimal(0))
    if len(given) == len(rows) and abs(total - HUNDRED) <= CENT:
        return []
    if len(given) < len(rows):
        return [error(code, path, f"Certaines lignes {what} ont une part ({key}) et d'autres "
                      "non.", hint_missing)]
    return [error(code, path, f"Les parts {what} totalisent {pourcentage(total)} au lieu de "
                  "100 %.", f"Ajustez les « {key} » pour que leur somme fasse 100 %.")]


# -- A company to create (SCIC, société commune) ----------------------------------------------


def _company_to_create(data: dict[str, Any]) -> list[Problem]:
    statut = _statut(data)
    forme = statut.get("forme")
    if forme not in COMPANY_CREATING_FORMS:
        return []
    company = statut.get("societe")
    if not company:
        return []  # the convention shows a gap (check.gaps), which validate lists
    base: FieldPath = ("statut_juridique", "societe")
    categories = list(items(company.get("categories")))
    problems = _parts_total(categories, base, "part_capital_pourcentage", "capital-parts-somme",
                            "part du capital")
    costs = list(items((company.get("frais_constitution") or {}).get("repartition")))
    problems += _shares_total([c for _, c in costs], "pourcentage", "frais-constitution-somme",
                              (*base, "frais_constitution", "repartition"),
                              "de la répartition des frais de constitution",
                              "Indiquez « pourcentage: » pour chaque Partie.")
    if forme != "scic":
        return problems + _parts_total(categories, base, "college_pourcentage",
                                       "colleges-somme", "collèges de vote")
    if company.get("capital_variable") is False:
        problems.append(error(
            "scic-capital-variable", (*base, "capital_variable"),
            "Une SCIC est une société à capital variable.",
            f"Retirez « capital_variable: false » ({reference('scic')})."))
    problems.extend(_scic_categories(categories, base))
    problems.extend(_scic_public_capital(data, categories, base))
    problems.extend(_scic_colleges(categories, base))
    return problems


def _scic_categories(categories: list[tuple[int, dict[str, Any]]],
                     base: FieldPath) -> list[Problem]:
    law = reference("scic_categories")
    minimum = int(threshold("scic_categories"))
    path: FieldPath = (*base, "categories")
    problems: list[Problem] = []
    if len(categories) < minimum:
        problems.append(error(
            "scic-categories", path,
            f"Une SCIC compte au moins {minimum} catégories d'associés ({law}) ; le projet "
            f"n'en prévoit que {len(categories)}.",
            "Ajoutez les catégories manquantes (salarié·e·s, bénéficiaires, et par exemple "
            "collectivités, bénévoles ou partenaires)."))
    kinds = {c.get("type") for _, c in categories}
    absent = [_CATEGORY_NAMES[k] for k in SCIC_REQUIRED_CATEGORIES if k not in kinds]
    if absent:
        problems.append(error(
            "scic-categories-obligatoires", path,
            f"Les associés d'une SCIC comprennent obligatoirement {liste(absent)} ({law}) : "
            "aucune catégorie de ce type n'est prévue.",
            "Ajoutez une catégorie de type « salaries » et une de type « beneficiaires »."))
    return problems


def _scic_public_capital(data: dict[str, Any], categories: list[tuple[int, dict[str, Any]]],
                         base: FieldPath) -> list[Problem]:
    public = [(i, c) for i, c in categories if c.get("type") == "collectivites"
              and c.get("part_capital_pourcentage") is not None]
    held = sum((c["part_capital_pourcentage"] for _, c in public), Decimal(0))
    rule = entry("scic_collectivites_capital")
    if not public or rule.allows(held, upper=True):
        return []
    return [error(
        "scic-collectivites-capital",
        (*base, "categories", public[0][0], "part_capital_pourcentage"),
        f"Les collectivités et leurs groupements détiendraient {pourcentage(held)} du capital "
        f"de la SCIC : c'est {pourcentage(rule.valeur or 0)} au plus ({rule.texte}).",
        "Réduisez leur part du capital, ou augmentez celle des autres catégories.")]


def _scic_colleges(categories: list[tuple[int, dict[str, Any]]],
                   base: FieldPath) -> list[Problem]:
    low, high = entry("scic_college_minimum"), entry("scic_college_maximum")
    problems: list[Problem] = []
    for i, category in categories:
        weight = category.get("college_pourcentage")
        if weight is None or (low.allows(weight, upper=False) and high.allows(weight, upper=True)):
            continue
        bound = (f"moins de {pourcentage(high.valeur or 0)}" if high.borne == "exclue"
                 else f"au plus {pourcentage(high.valeur or 0)}")
        problems.append(error(
            "scic-college", (*base, "categories", i, "college_pourcentage"),
            f"Le collège « {category.get('libelle')} » pèserait {pourcentage(weight)} des voix : "
            f"dans une SCIC, chaque collège pèse au moins {pourcentage(low.valeur or 0)} et "
            f"{bound} des droits de vote ({high.texte}).",
            "Rééquilibrez les poids des collèges (college_pourcentage)."))
    return problems + _parts_total(categories, base, "college_pourcentage", "colleges-somme",
                                   "collèges de vote")


def _parts_total(categories: list[tuple[int, dict[str, Any]]], base: FieldPath, key: str,
                 code: str, what: str) -> list[Problem]:
    return _shares_total([c for _, c in categories], key, code, (*base, "categories"),
                         f"des catégories d'associés ({what})",
                         f"Indiquez « {key}: » pour chaque catégorie, ou pour aucune.")
