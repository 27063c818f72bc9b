"""Labels of coded values and everything the documents say about one partner.

``labels()`` loads ``data/libelles.yaml`` once (French labels, one mapping per enum, plus the
default values, principles and commitments of the charte). ``partner_context()`` turns one
normalised partner into the texts a legal identification block needs: « association régie par
la loi du 1er juillet 1901 », « Madame Nadia HADDAD, en sa qualité de Présidente », « dûment
habilitée par … », « ci-après dénommée « RA93 » », with the agreements (dénommée / dénommé)
computed here so the templates never hold grammar logic.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from coopdocs import formatting as fmt

__all__ = [
    "a",
    "de",
    "designation",
    "label",
    "label_entry",
    "labels",
    "order_partners",
    "partner_context",
    "somme",
]

LABELS_PATH = Path(__file__).parent / "data" / "libelles.yaml"
SIAE_TYPES = frozenset({"aci", "ei", "etti", "ai", "eiti"})

# First words of a raison sociale that already name the kind of structure, with their article:
# « Association Intermédiaire de La Courneuve » → « l'Association Intermédiaire… ».
_NOUN_ARTICLES = {
    "association": "l'", "agence": "l'", "atelier": "l'", "etablissement": "l'", "entreprise": "l'",
    "office": "l'", "union": "l'", "centre": "le ", "chantier": "le ", "conseil": "le ",
    "departement": "le ", "groupement": "le ", "reseau": "le ", "service": "le ", "syndicat": "le ",
    "collectivite": "la ", "commune": "la ", "communaute": "la ", "cooperative": "la ",
    "federation": "la ", "fondation": "la ", "maison": "la ", "metropole": "la ", "region": "la ",
    "regie": "la ", "societe": "la ", "ville": "la ",
}


@functools.cache
def labels() -> dict[str, Any]:
    """The French labels of every coded value (``data/libelles.yaml``), loaded once."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    with LABELS_PATH.open(encoding="utf-8") as handle:
        return yaml.load(handle, Loader=loader)


def label_entry(kind: str, code: str | None) -> dict[str, Any]:
    """The label mapping of a code (``{"libelle": …}`` plus any extra keys)."""
    if code is None:
        return {"libelle": ""}
    value = labels().get(kind, {}).get(code)
    if value is None:
        return {"libelle": str(code).replace("_", " ")}
    return dict(value) if isinstance(value, Mapping) else {"libelle": str(value)}


def label(kind: str, code: str | None) -> str:
    """The French label of a code, lower-case first (it goes in the middle of a sentence)."""
    return str(label_entry(kind, code)["libelle"])


def somme(amount: Decimal) -> str:
    """« la somme de quatre-vingt mille euros (80 000,00 €) »."""
    return f"la somme de {fmt.montant_lettres(amount)} ({fmt.montant(amount)})"


def de(phrase: str) -> str:
    """« de » + a noun phrase with its article: « du réseau », « de l'association », « des … »."""
    for article, contracted in (("le ", "du "), ("les ", "des "), ("un ", "d'un "),
                                ("une ", "d'une ")):
        if phrase.startswith(article):
            return contracted + phrase[len(article):]
    if phrase[:1] in "aeéèêiîoôuAEÉÈÊIÎOÔUh" and not phrase.startswith(("onze", "huit")):
        return "d'" + phrase
    return "de " + phrase


def a(phrase: str) -> str:
    """« à » + a noun phrase: « au réseau », « aux Parties », « à l'association »."""
    lowered = phrase[:1].lower() + phrase[1:] if phrase[:3] in ("Le ", "La ", "Les", "L'") \
        else phrase
    for article, contracted in (("le ", "au "), ("les ", "aux ")):
        if lowered.startswith(article):
            return contracted + lowered[len(article):]
    return "à " + lowered


def lower_first(text: str) -> str:
    """Lower-case the first letter of a phrase going after a colon, unless it starts a name
    or an acronym (« Plaine Commune… », « RGPD… »)."""
    text = " ".join(str(text).split()).strip()
    first = text.split(" ", 1)[0] if text else ""
    word = first.replace("'", "").replace("’", "").replace("·", "").replace("-", "")
    if len(word) > 1 and word.isalpha() and word[0].isupper() and word[1:].islower():
        return text[0].lower() + text[1:]
    return text


def puces(items: Sequence[str]) -> list[str]:
    """Items of a list introduced by a colon: « … ; » each, the last one ending with « . »."""
    cleaned = [lower_first(str(i)).rstrip(" .;") for i in items if str(i).strip()]
    return [f"{i}\u202f;" if n < len(cleaned) - 1 else f"{i}." for n, i in enumerate(cleaned)]


def typo(value: Any) -> Any:
    """French no-break spaces (inside « », before : ; ! ?) in every string of a structure."""
    if isinstance(value, str):
        text = value.replace("« ", "«\u00a0").replace(" »", "\u00a0»").replace(" :", "\u00a0:")
        for mark in ";!?":
            text = text.replace(f" {mark}", f"\u202f{mark}")
        return text
    if isinstance(value, Mapping):
        return {key: typo(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typo(item) for item in value]
    return value


def _ascii_lower(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def designation(partner: Mapping[str, Any]) -> str:
    """The short name the documents use after the identification block: sigle, else raison."""
    return str(partner.get("sigle") or partner["raison_sociale"])


def appellation(partner: Mapping[str, Any]) -> str:
    """« l'association Recycl'Action 93 », « le Réseau des SIAE… », « la société Répar'Tout »."""
    name = str(partner["raison_sociale"]).strip()
    first = _ascii_lower(name.split(" ", 1)[0].split("'")[-1])
    article = _NOUN_ARTICLES.get(first)
    if article:
        return f"{article}{name}"
    noun = label_entry("forme_juridique", partner.get("forme_juridique")).get("nom", "la structure")
    return f"{noun} {name}"


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


def _address(address: Mapping[str, Any]) -> str:
    lines = [address.get("ligne1"), address.get("ligne2"),
             f"{address.get('code_postal')}\u00a0{address.get('commune')}"]
    return ", ".join(str(line).strip() for line in lines if line)


def _habilitation(rep: Mapping[str, Any]) -> str:
    agreed = label_entry("civilite", rep.get("civilite")).get("habilite", "habilité·e")
    text = (rep.get("habilitation") or "").strip().rstrip(".,;")
    if not text:
        return f"dûment {agreed} à l'effet des présentes"
    lowered = text[:1].lower() + text[1:]
    starts = ("par ", "en vertu", "aux termes", "conformément", "selon ", "à l'effet")
    return f"dûment {agreed} {'' if lowered.startswith(starts) else 'par '}{lowered}"


def _person(rep: Mapping[str, Any]) -> str:
    title = fmt.civilite(rep)
    return f"{title} {fmt.nom_personne(rep)}".strip()


def _etp(value: Decimal) -> str:
    """« de 0,5 équivalent temps plein (ETP) », « d'un équivalent… », « de 2 équivalents… »."""
    if value == 1:
        return "d'un équivalent temps plein (ETP)"
    unit = "équivalents temps plein" if value >= 2 else "équivalent temps plein"
    return f"de {fmt.nombre(value)}\u00a0{unit} (ETP)"


def _contribution_lines(contribution: Mapping[str, Any] | None,
                        actions: list[str]) -> list[str]:
    lines: list[str] = []
    if actions:
        quoted = [f"« {a} »" for a in actions]
        noun = "de l'action" if len(quoted) == 1 else "des actions"
        lines.append(f"le pilotage {noun} {fmt.liste(quoted)} du plan d'action")
    if not contribution:
        return lines
    if contribution.get("apport_financier"):
        lines.append(f"un apport financier de {somme(contribution['apport_financier'])[12:]}")
    nature = contribution.get("apport_nature")
    value = contribution.get("valorisation")
    if nature:
        text = f"un apport en nature : {str(nature).strip().rstrip('.')}"
        if value:
            text += f", valorisé à {fmt.montant(value)}"
        lines.append(text)
    elif value:
        lines.append(f"des contributions valorisées à {fmt.montant(value)}")
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


def _named(partner: Mapping[str, Any]) -> str:
    """The raison sociale, with its article when it starts with a common noun
    (« l'Établissement public territorial Plaine Commune »), for « Pour … » lines."""
    name = str(partner["raison_sociale"]).strip()
    first = _ascii_lower(name.split(" ", 1)[0].split("'")[-1])
    return appellation(partner) if first in _NOUN_ARTICLES else name


def partner_context(partner: Mapping[str, Any], *, chef_de_file: str | None,
                    coordinateur: str | None, mandataire: str | None,
                    actions: list[str]) -> dict[str, Any]:
    """One partner as the templates read it (raw fields kept, texts added)."""
    forme = label_entry("forme_juridique", partner.get("forme_juridique"))
    feminin = bool(forme.get("feminin", True))
    e = "e" if feminin else ""
    rep = partner["representant"]
    short = designation(partner)
    nom_complet = (f"{partner['raison_sociale']} ({partner['sigle']})" if partner.get("sigle")
                   else str(partner["raison_sociale"]))
    ids = []
    if partner.get("siret"):
        ids.append(f"immatriculé{e} sous le numéro SIRET {fmt.siret(partner['siret'])}")
    if partner.get("rna"):
        ids.append(f"inscrit{e} au répertoire national des associations sous le numéro "
                   f"{partner['rna']}")
    presentation = fmt.paragraphes(partner.get("presentation"))
    role = label("role_partenaire", partner.get("role"))
    type_libelle = label("type_structure", partner.get("type_structure"))
    subject = short if partner.get("sigle") else fmt.majuscule_initiale(appellation(partner))
    doing = _ROLE_PHRASES.get(partner.get("role"),
                              f"intervient dans le projet en qualité de {role}")
    if not presentation:
        presentation = [f"{subject}, {type_libelle}, {doing}."]
    contribution = {key: None for key in ("description", "apport_financier", "apport_nature",
                                          "valorisation", "etp")}
    contribution.update(partner.get("contribution") or {})
    contribution["lignes"] = puces(_contribution_lines(partner.get("contribution"), actions))
    contribution["description_texte"] = lower_first(contribution.get("description") or "")
    pid = partner["id"]
    return {
        **partner,
        "designation": short,
        "nom_complet": nom_complet,
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
        "siege": _address(partner["adresse"]),
        "siret_chiffres": partner.get("siret"),
        "siret": fmt.siret(partner["siret"]) if partner.get("siret") else "",
        "identifiants": (", " + " et ".join(ids)) if ids else "",
        "personne": dict(rep),
        "representant": f"{_person(rep)}, en sa qualité de {str(rep['qualite']).strip()}",
        "signataire_nom": fmt.nom_personne(rep),
        "qualite": str(rep["qualite"]).strip(),
        "habilitation": _habilitation(rep),
        "presentation_paragraphes": presentation,
        "participation": f"{subject} {doing}.",
        "sujet": subject,
        "Appellation": fmt.majuscule_initiale(appellation(partner)),
        "contribution": contribution,
        "est_siae": partner.get("type_structure") in SIAE_TYPES,
        "est_chef_de_file": pid == chef_de_file,
        "est_coordinateur": pid == coordinateur,
        "est_mandataire": pid == mandataire,
    }


def signature_rows(partners: Sequence[Mapping[str, Any]]) -> list[dict[str, dict]]:
    """Signature cells two by two (``gauche``/``droite``); an odd last one faces a blank cell."""
    cells = [{"pour": f"Pour {_named(p)}", "nom": p["signataire_nom"],
              "qualite": p["qualite"], "mention": "Signature et cachet"} for p in partners]
    blank = {"pour": "", "nom": "", "qualite": "", "mention": ""}
    return [{"gauche": cells[i], "droite": cells[i + 1] if i + 1 < len(cells) else blank}
            for i in range(0, len(cells), 2)]
