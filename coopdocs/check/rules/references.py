"""Rule 1 of MODELE.md: ids are unique in their list and every reference resolves.

References are listed once, in document order, so that problems come out in the order users
read their file. An unknown reference is answered with the closest declared id (difflib), since
nearly every unknown id is a typo.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from coopdocs.check.rules.base import (
    closest,
    error,
    inputs,
    items,
    mapping,
    quote_list,
)
from coopdocs.errors import FieldPath, Problem, format_path

_ID_SHAPE = re.compile(r"^[a-z0-9_-]+$")
# A financing source is free text ("Région Île-de-France") unless it looks like an id AND is
# this close to a partner id: then it is a mistyped reference, not the name of an outside funder.
SOURCE_TYPO_RATIO = 0.8

# Which collection each kind of reference points to, named the way users read their file.
_TARGET_LABEL = {
    "partenaire": ("à aucun partenaire déclaré", "partenaires"),
    "objectif": ("à aucun objectif opérationnel déclaré", "objectifs_operationnels"),
    "tache": ("à aucune tâche déclarée", "plan_action[].taches"),
    "action": ("à aucune action déclarée", "plan_action"),
}


def _task_entries(data: dict[str, Any]) -> Iterator[tuple[FieldPath, dict[str, Any]]]:
    for i, action in items(data.get("plan_action")):
        for j, task in items(action.get("taches")):
            yield ("plan_action", i, "taches", j), task


def declared_ids(data: dict[str, Any]) -> dict[str, list[str]]:
    """Declared ids per reference target, in declaration order."""

    def ids(entries: Any) -> list[str]:
        return [e["id"] for _, e in items(entries) if isinstance(e.get("id"), str)]

    return {
        "partenaire": ids(data.get("partenaires")),
        "objectif": ids(data.get("objectifs_operationnels")),
        "tache": [t["id"] for _, t in _task_entries(data) if isinstance(t.get("id"), str)],
        "action": ids(data.get("plan_action")),
    }


# Each collection whose ids must be unique: (noun with its article for « un autre … », the
# reference target its ids serve, or None).
_KINDS = {
    "partenaire": ("un autre partenaire", "partenaire"),
    "objectif": ("un autre objectif opérationnel", "objectif"),
    "action": ("une autre action", "action"),
    "tache": ("une autre tâche", "tache"),
    "instance": ("une autre instance", None),
    "partie_prenante": ("une autre partie prenante", None),
}
# Where the ids each reference target points to are declared.
ID_FIELDS = {"partenaire": "partenaires[].id", "objectif": "objectifs_operationnels[].id",
             "tache": "plan_action[].taches[].id", "action": "plan_action[].id"}


def _id_collections(data: dict[str, Any]) -> dict[str, list[tuple[FieldPath, dict[str, Any]]]]:
    gouvernance = mapping(data.get("gouvernance"))
    return {
        "partenaire": [(("partenaires", i), e) for i, e in items(data.get("partenaires"))],
        "objectif": [(("objectifs_operationnels", i), e)
                     for i, e in items(data.get("objectifs_operationnels"))],
        "action": [(("plan_action", i), e) for i, e in items(data.get("plan_action"))],
        # Task ids are project-wide: depend_de may point to a task of another action.
        "tache": list(_task_entries(data)),
        "instance": [(("gouvernance", "instances", i), e)
                     for i, e in items(gouvernance.get("instances"))],
        "partie_prenante": [(("parties_prenantes", i), e)
                            for i, e in items(data.get("parties_prenantes"))],
    }


def duplicated_ids(data: dict[str, Any]) -> dict[str, list[tuple[FieldPath, FieldPath]]]:
    """Kind → [(path of a repeated id, path of its first declaration)], in file order."""
    found: dict[str, list[tuple[FieldPath, FieldPath]]] = {}
    for kind, entries in _id_collections(data).items():
        first_seen: dict[str, FieldPath] = {}
        for path, entry in entries:
            ident = entry.get("id")
            if not isinstance(ident, str):
                continue
            if ident in first_seen:
                found.setdefault(kind, []).append(((*path, "id"), first_seen[ident]))
            else:
                first_seen[ident] = (*path, "id")
    return found


@inputs(reads=(*ID_FIELDS.values(), "gouvernance.instances[].id",
               "parties_prenantes[].id"))
def check_unique_ids(data: dict[str, Any]) -> list[Problem]:
    """Duplicated ids: reported on the second declaration, naming where the first one is.

    One error per repeated id, never a cascade: the references to ids declared nowhere, which
    the repeated declaration was most likely meant to be, are named in its hint instead of
    being reported one by one (`check_references` leaves that target alone).
    """
    problems: list[Problem] = []
    for kind, repeats in duplicated_ids(data).items():
        other, target = _KINDS[kind]
        unknown = _unknown_values(data, target) if target else []
        for path, first in repeats:
            ident = _get(data, path)
            hint = ("Chaque identifiant doit être unique dans sa liste : renommez l'un des deux "
                    "(lettres minuscules, chiffres, - et _), puis mettez à jour les références.")
            if unknown:
                hint += (f" Le fichier désigne aussi {quote_list(unknown)}, déclaré nulle part : "
                         "est-ce l'identifiant voulu ici ?" if len(unknown) == 1 else
                         f" Le fichier désigne aussi {quote_list(unknown)}, déclarés nulle "
                         "part : l'un d'eux est-il l'identifiant voulu ici ?")
            problems.append(error(
                "id-duplique", path,
                f"L'identifiant « {ident} » est déjà utilisé par {other} "
                f"({format_path(first[:-1])}).", hint))
    return problems


def _get(data: Any, path: FieldPath) -> Any:
    for part in path:
        data = data[part]
    return data


def _unknown_values(data: dict[str, Any], target: str) -> list[str]:
    """The ids that references of `target` use and that are declared nowhere, in file order."""
    known = set(declared_ids(data)[target])
    unknown: list[str] = []
    for _, value, kind, keywords in _references(data):
        if (kind == target and isinstance(value, str) and value not in keywords
                and value not in known and value not in unknown):
            unknown.append(value)
    return unknown


def _references(data: dict[str, Any]) -> Iterator[tuple[FieldPath, Any, str, tuple[str, ...]]]:
    """Every (path, value, target, keywords) reference of the project, in document order.

    `keywords` are the fixed values some fields accept instead of an id (`tournante`…).
    """
    projet = mapping(data.get("projet"))
    yield (
        ("projet", "initiateur", "partenaire"),
        mapping(projet.get("initiateur")).get("partenaire"),
        "partenaire",
        (),
    )
    for i, objective in items(data.get("objectifs_operationnels")):
        for j, indicator in items(objective.get("indicateurs")):
            yield (
                ("objectifs_operationnels", i, "indicateurs", j, "responsable"),
                indicator.get("responsable"),
                "partenaire",
                (),
            )
    for i, action in items(data.get("plan_action")):
        base: FieldPath = ("plan_action", i)
        yield (*base, "objectif"), action.get("objectif"), "objectif", ()
        yield (*base, "pilote"), action.get("pilote"), "partenaire", ()
        for j, contributor in items(action.get("contributeurs")):
            yield (*base, "contributeurs", j), contributor, "partenaire", ()
        for j, task in items(action.get("taches")):
            yield (*base, "taches", j, "responsable"), task.get("responsable"), "partenaire", ()
            for k, dep in items(task.get("depend_de")):
                yield (*base, "taches", j, "depend_de", k), dep, "tache", ()
    budget = mapping(data.get("budget"))
    for i, share in items(budget.get("repartition")):
        yield ("budget", "repartition", i, "partenaire"), share.get("partenaire"), "partenaire", ()
    yield ("budget", "gestionnaire"), budget.get("gestionnaire"), "partenaire", ()
    for i, partner in items(data.get("partenaires")):
        payment = mapping(mapping(partner.get("contribution")).get("versement_subvention"))
        yield (("partenaires", i, "contribution", "versement_subvention", "compte"),
               payment.get("compte"), "partenaire", ())
    yield (("budget", "achats_groupes", "acheteur"),
           mapping(budget.get("achats_groupes")).get("acheteur"), "partenaire", ())
    for i, ceiling in items(mapping(budget.get("achats_groupes")).get("plafonds_annuels")):
        yield (("budget", "achats_groupes", "plafonds_annuels", i, "partenaire"),
               ceiling.get("partenaire"), "partenaire", ())
    statut = mapping(data.get("statut_juridique"))
    yield ("statut_juridique", "mandataire"), statut.get("mandataire"), "partenaire", ()
    for i, share in items(statut.get("repartition_prestations")):
        yield (("statut_juridique", "repartition_prestations", i, "partenaire"),
               share.get("partenaire"), "partenaire", ())
    societe = mapping(statut.get("societe"))
    for i, category in items(societe.get("categories")):
        for j, member in items(category.get("membres")):
            yield (("statut_juridique", "societe", "categories", i, "membres", j), member,
                   "partenaire", ())
    yield (("statut_juridique", "societe", "redaction_statuts", "partenaire"),
           mapping(societe.get("redaction_statuts")).get("partenaire"), "partenaire", ())
    yield (("statut_juridique", "societe", "representant_formation"),
           societe.get("representant_formation"), "partenaire", ())
    costs = mapping(societe.get("frais_constitution"))
    yield (("statut_juridique", "societe", "frais_constitution", "avance_par"),
           costs.get("avance_par"), "partenaire", ())
    for i, share in items(costs.get("repartition")):
        yield (("statut_juridique", "societe", "frais_constitution", "repartition", i,
                "partenaire"), share.get("partenaire"), "partenaire", ())
    yield (("statut_juridique", "societe", "frais_constitution", "action"),
           costs.get("action"), "action", ())
    gouv = mapping(data.get("gouvernance"))
    yield ("gouvernance", "chef_de_file"), gouv.get("chef_de_file"), "partenaire", ()
    yield ("gouvernance", "coordinateur"), gouv.get("coordinateur"), "partenaire", ()
    for i, instance in items(gouv.get("instances")):
        base = ("gouvernance", "instances", i)
        for j, seat in items(instance.get("composition")):
            yield (*base, "composition", j, "partenaire"), seat.get("partenaire"), "partenaire", ()
        yield (
            (*base, "presidence"),
            instance.get("presidence"),
            "partenaire",
            ("tournante", "co_presidence"),
        )
        vote = mapping(instance.get("regles_de_vote"))
        yield (
            (*base, "regles_de_vote", "voix_preponderante"),
            vote.get("voix_preponderante"),
            "partenaire",
            ("aucune", "presidence"),
        )
        report = mapping(mapping(instance.get("fonctionnement")).get("compte_rendu"))
        yield (
            (*base, "fonctionnement", "compte_rendu", "redacteur"),
            report.get("redacteur"),
            "partenaire",
            ("tournant",),
        )
    for i, role in items(gouv.get("roles")):
        yield ("gouvernance", "roles", i, "partenaire"), role.get("partenaire"), "partenaire", ()
    for i, life in items(gouv.get("faire_vivre")):
        for j, referent in items(life.get("referents")):
            yield ("gouvernance", "faire_vivre", i, "referents", j), referent, "partenaire", ()
    for i, stakeholder in items(data.get("parties_prenantes")):
        for key in ("partenaire", "referent"):
            yield ("parties_prenantes", i, key), stakeholder.get(key), "partenaire", ()
    for i, step in items(data.get("mobilisation")):
        yield ("mobilisation", i, "partenaire"), step.get("partenaire"), "partenaire", ()


def _unknown(
    path: FieldPath, value: str, target: str, declared: list[str], keywords: tuple[str, ...]
) -> Problem:
    nobody, collection = _TARGET_LABEL[target]
    guess = closest(value, [*declared, *keywords])
    hint = f"Vouliez-vous dire « {guess} » ? " if guess else ""
    if declared:
        hint += f"Identifiants déclarés dans {collection} : {quote_list(declared)}"
    else:
        hint += f"Aucun identifiant n'est déclaré dans {collection}"
    if keywords:
        hint += f" ; valeurs possibles aussi : {quote_list(list(keywords))}"
    return error(
        "ref-inconnue", path, f"L'identifiant « {value} » ne correspond {nobody}.", hint + "."
    )


def check_references(data: dict[str, Any], *,
                     skip: frozenset[str] = frozenset()) -> list[Problem]:
    """Every reference to an id declared nowhere, but those of the targets in `skip` (whose
    declared ids cannot be trusted yet: a broken or repeated id)."""
    declared = declared_ids(data)
    known = {target: set(ids) for target, ids in declared.items()}
    problems: list[Problem] = []
    for path, value, target, keywords in _references(data):
        # Non-string values are the schema's business; absent optional refs are None.
        if (target in skip or not isinstance(value, str) or value in keywords
                or value in known[target]):
            continue
        problems.append(_unknown(path, value, target, declared[target], keywords))
    if "partenaire" not in skip:
        problems.extend(_check_financing_sources(data, declared["partenaire"]))
    return problems


def _check_financing_sources(data: dict[str, Any], partner_ids: list[str]) -> list[Problem]:
    """`financements[].source` is a partner id or free text; flag only near-miss ids."""
    known = set(partner_ids)
    problems: list[Problem] = []
    for i, action in items(data.get("plan_action")):
        for j, financing in items(action.get("financements")):
            source = financing.get("source")
            if not isinstance(source, str) or source in known or not _ID_SHAPE.match(source):
                continue
            # Plain difflib here, not `closest`: "reseau-national" is an outside funder, not a
            # lengthened "reseau", so only near-identical spellings count as typos.
            found = difflib.get_close_matches(source, partner_ids, n=1, cutoff=SOURCE_TYPO_RATIO)
            if not found:
                continue  # a funder outside the partnership, written as a short name
            guess = found[0]
            problems.append(
                error(
                    "ref-inconnue",
                    ("plan_action", i, "financements", j, "source"),
                    f"La source de financement « {source} » ressemble à l'identifiant du "
                    f"partenaire « {guess} » mais ne correspond à aucun partenaire déclaré.",
                    f"Vouliez-vous dire « {guess} » ? S'il s'agit d'un financeur extérieur au "
                    "partenariat, écrivez son nom en toutes lettres (par exemple « Région "
                    "Île-de-France »).",
                )
            )
    return problems
