"""Everything the documents say about one partner, and the order partners are listed in.

``partner_context()`` turns one normalised partner into the texts a legal identification
block needs: « association régie par la loi du 1er juillet 1901 », « Madame Nadia HADDAD, en
sa qualité de Présidente », « dûment habilitée par … », « ci-après dénommée « RA93 » », with
the agreements (dénommée / dénommé) computed here so the templates never hold grammar logic.
The legal identification by family (association, company, public person…) is
`context.identification`'s.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from coopdocs.check.gaps import Gap
from coopdocs.context.identification import (
    address_text,
    identification,
    is_public,
    kind_label,
)
from coopdocs.french.figures import montant, nombre, siret
from coopdocs.french.grammar import (
    announce_bullets,
    de,
    liste,
    lower_first,
    majuscule_initiale,
    paragraphes,
)
from coopdocs.french.labels import label, label_entry, labels
from coopdocs.french.names import (
    appellation,
    full_name,
    nom_personne,
    short_name,
    signature_name,
)
from coopdocs.french.words import montant_lettres
from coopdocs.vocabulary import SIAE_TYPES

__all__ = ["Partners", "order_partners", "partner_context", "partners_by_id", "proper_names",
           "signature_rows"]

Partners = Mapping[str, Mapping[str, Any]]  # the partners of a project, by id


def partners_by_id(data: Mapping[str, Any]) -> Partners:
    """The partners of the project data by id (the first one wins when an id is repeated)."""
    found: dict[str, Mapping[str, Any]] = {}
    for partner in data.get("partenaires") or []:
        found.setdefault(partner["id"], partner)
    return found


def proper_names(data: Mapping[str, Any]) -> tuple[str, ...]:
    """The proper names the project file gives (its partners' names and acronyms, the
    project's, the collectives it belongs to, a groupement's buyer): a user's text that opens
    with one keeps its capital after a colon (`french.grammar.lower_first`). The longest
    first, so that « Les Jardins de l'Ourcq » is tried before « Les Jardins »."""
    projet = data.get("projet") or {}
    found = [projet.get("nom"), projet.get("acronyme"),
             ((data.get("statut_juridique") or {}).get("marche") or {}).get("acheteur"),
             *((data.get("ecosysteme") or {}).get("collectifs") or [])]
    for partner in data.get("partenaires") or []:
        found += [partner.get("raison_sociale"), partner.get("sigle")]
    names = {" ".join(str(n).split()) for n in found if n and str(n).strip()}
    return tuple(sorted(names, key=lambda n: (-len(n), n)))


def order_partners(partners: Sequence[Mapping[str, Any]],
                   chef_de_file: str | None) -> list[Mapping[str, Any]]:
    """Chef de file first, then by role (``ordre_roles``), then as written in the file."""
    roles = labels()["ordre_roles"]

    def key(item: tuple[int, Mapping[str, Any]]) -> tuple[int, int, int]:
        index, partner = item
        is_chef = partner["id"] == chef_de_file or partner.get("role") == "chef_de_file"
        role = partner.get("role")
        rank = roles.index(role) if role in roles else len(roles)
        return (0 if is_chef else 1, rank, index)

    return [p for _, p in sorted(enumerate(partners), key=key)]


def _etp(value: Decimal) -> str:
    """« de 0,5 équivalent temps plein (ETP) », « d'un équivalent… », « de 2 équivalents… »."""
    if value == 1:
        return "d'un équivalent temps plein (ETP)"
    unit = "équivalents temps plein" if value >= 2 else "équivalent temps plein"
    return f"de {nombre(value)}\u00a0{unit} (ETP)"


def _financing_lines(financed: Sequence[tuple[str, Decimal]]) -> list[str]:
    """The actions of the plan a Party funds with money it has decided, and how much
    (`check.parties.decided_financings`), as its own money commitment: its part of each
    action's financing, not the action's cost. Only printed when its contribution states no
    `apport_financier`, which would be the same money told twice."""
    if len(financed) == 1:
        [(name, amount)] = financed
        return [f"la participation au financement de l'action « {name} » du plan d'action, à "
                f"hauteur de {montant_lettres(amount)} ({montant(amount)})"]
    if financed:
        total = sum((amount for _, amount in financed), Decimal(0))
        # Each amount an incise closed by its comma, the last one before « et » too.
        each = [f"« {name} », à hauteur de {montant(amount)}," for name, amount in financed]
        listed = " ".join(each[:-1]) + f" et {each[-1]}"
        return [f"la participation au financement des actions {listed} du plan d'action, soit "
                f"au total {montant_lettres(total)} ({montant(total)})"]
    return []


def _contribution_lines(contribution: Mapping[str, Any] | None, actions: list[str],
                        financed: Sequence[tuple[str, Decimal]], *, public: bool
                        ) -> list[str]:
    lines: list[str] = []
    if actions:
        quoted = [f"« {a} »" for a in actions]
        noun = "de l'action" if len(quoted) == 1 else "des actions"
        lines.append(f"le pilotage {noun} {liste(quoted)} du plan d'action")
    if not (contribution or {}).get("apport_financier"):
        lines += _financing_lines(financed)
    if not contribution:
        return lines
    if contribution.get("apport_financier"):
        amount = contribution["apport_financier"]
        line = f"un apport financier de {montant_lettres(amount)} ({montant(amount)})"
        # A public person's subsidy has its own article (context.families.subsidies_part).
        lines.append(line + (", sous forme de subvention"
                             if public and contribution.get("subvention") else ""))
    nature = contribution.get("apport_nature")
    value = contribution.get("valorisation")
    if nature:
        text = f"un apport en nature : {lower_first(str(nature)).rstrip('.')}"
        if value:
            text += f", valorisé à {montant(value)}"
        lines.append(text)
    elif value:
        lines.append(f"des contributions valorisées à {montant(value)}")
    if contribution.get("etp"):
        lines.append(f"la mobilisation {_etp(contribution['etp'])}")
    return lines


_ROLE_PHRASES = {
    "chef_de_file": "porte le projet en qualité de chef de file",
    "coordinateur": "assure la coordination du projet",
    "financeur": "soutient financièrement le projet",
    "soutien": "apporte son soutien au projet",
    "observateur": "suit le projet en qualité d'observateur",
}


def partner_context(partner: Mapping[str, Any], *, chef_de_file: str | None,
                    coordinateur: str | None, mandataire: str | None,
                    actions: list[str], gaps: Mapping[str, Gap],
                    financed: Sequence[tuple[str, Decimal]] = (),
                    names: Sequence[str] = ()) -> dict[str, Any]:
    """One partner as the templates read it (raw fields kept, texts added); `actions` are
    those it pilots, `financed` those it funds with decided money and how much, `gaps` the
    project's (`check.gaps.gaps_by_code`), whose markers its identification prints; `names`
    the project's proper names (`proper_names`), kept capitalised after a colon."""
    forme = label_entry("forme_juridique", partner.get("forme_juridique"))
    feminin = bool(forme.get("feminin", True))
    e = "e" if feminin else ""
    rep = partner["representant"]
    short = short_name(partner)
    presentation = paragraphes(partner.get("presentation"))
    role = label("role_partenaire", partner.get("role"))
    type_libelle = kind_label(partner)
    subject = short if partner.get("sigle") else majuscule_initiale(appellation(partner))
    doing = _ROLE_PHRASES.get(partner.get("role") or "",
                              f"intervient dans le projet en qualité de {role}")
    if not presentation:
        presentation = [f"{subject}, {type_libelle}, {doing}."]
    contribution: dict[str, Any] = {key: None for key in (
        "description", "apport_financier", "apport_nature", "valorisation", "etp")}
    contribution.update(partner.get("contribution") or {})
    # One contribution is no list: « X contribue au projet par … », not a colon and a bullet.
    contribution["annonce"], contribution["lignes"] = announce_bullets(
        _contribution_lines(partner.get("contribution"), actions, financed,
                            public=is_public(partner)),
        "Apports au projet", f"{subject} contribue au projet par")
    contribution["description_texte"] = lower_first(contribution.get("description") or "",
                                                    names)
    pid = partner["id"]
    return {
        **partner,
        "designation": short,
        "nom_complet": full_name(partner),
        "appellation": appellation(partner),
        "de_appellation": de(appellation(partner)),
        "forme_libelle": str(forme["libelle"]),
        "type_libelle": type_libelle,
        "role_libelle": role,
        "feminin": feminin,
        "e": e,
        "represente": f"représenté{e}",
        "denomme": f"dénommé{e}",
        "designe": f"désigné{e}",
        "siege": address_text(partner["adresse"]),
        "siret_chiffres": partner.get("siret"),
        "siret": siret(partner["siret"]) if partner.get("siret") else "",
        "personne": dict(rep),
        "signataire_nom": nom_personne(rep),
        # The legal appearance by family: identification, identifiants, habilitation, qualité.
        **identification(partner, gaps),
        "presentation_paragraphes": presentation,
        "participation": f"{subject} {doing}.",
        "sujet": subject,
        "Appellation": majuscule_initiale(appellation(partner)),
        "contribution": contribution,
        "est_siae": partner.get("type_structure") in SIAE_TYPES,
        "est_chef_de_file": pid == chef_de_file,
        "est_coordinateur": pid == coordinateur,
        "est_mandataire": pid == mandataire,
    }


def signature_rows(partners: Sequence[Mapping[str, Any]]) -> list[dict[str, dict[str, str]]]:
    """Signature cells two by two (``gauche``/``droite``); an odd last one faces a blank cell.

    ``qualite_acte`` is the title followed by the act a public person's signatory acts under,
    worded as the convention's appearance of the parties words it (« Vice-présidente chargée
    de l'insertion, agissant en vertu de la délibération … »): a block that stands alone,
    without that appearance (the charte's), prints it."""
    cells = [{"pour": f"Pour {signature_name(p)}", "nom": p["signataire_nom"],
              "qualite": p["qualite"],
              "qualite_acte": (f"{p['qualite']}, {p['habilitation_acte']}"
                               if p.get("habilitation_acte") else p["qualite"]),
              "mention": "Signature et cachet"} for p in partners]
    blank = {"pour": "", "nom": "", "qualite": "", "qualite_acte": "", "mention": ""}
    return [{"gauche": cells[i], "droite": cells[i + 1] if i + 1 < len(cells) else blank}
            for i in range(0, len(cells), 2)]
