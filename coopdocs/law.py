"""The law coopdocs applies, read from `data/droit.yaml`: thresholds and article references.

Every threshold the rules check and every article the rules, the clauses and the docs cite is
an entry of that file, with its source and the date it was last verified, so a legal adviser
updates the law in one place without code. `threshold("subvention_convention")` is the number,
`reference("subvention")` the citation as it reads in a sentence (« article 10 de la loi
n° 2000-321 du 12 avril 2000 »). A file that a hand edit broke raises `LawError`, in French.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from coopdocs.errors import CoopdocsError, Problem

__all__ = ["LAW_FILE", "LawEntry", "LawError", "entries", "entry", "reference", "threshold"]

LAW_FILE = Path(__file__).resolve().parent / "data" / "droit.yaml"
_SECTIONS = ("seuils", "references")
_TEXT_KEYS = ("objet", "texte", "source")


class LawError(CoopdocsError):
    """`data/droit.yaml` cannot be used as it is (a hand edit went wrong)."""


@dataclass(frozen=True)
class LawEntry:
    """One rule of law: what it says, how it is cited, where it comes from, when it was read."""

    key: str
    objet: str
    texte: str
    source: str
    verifie_le: date
    valeur: Decimal | None = None  # thresholds only
    unite: str = ""
    borne: str = "incluse"  # "exclue": the value itself is not allowed

    @property
    def is_threshold(self) -> bool:
        return self.valeur is not None

    def allows(self, value: Decimal, *, upper: bool) -> bool:
        """Whether `value` is within this bound (an upper bound when `upper`, else a lower one)."""
        assert self.valeur is not None, self.key
        if self.borne == "exclue":
            return value < self.valeur if upper else value > self.valeur
        return value <= self.valeur if upper else value >= self.valeur


def _fail(message: str, hint: str) -> LawError:
    return LawError([Problem(message, hint=hint, file=str(LAW_FILE), code="droit")])


def _entry(section: str, key: str, raw: Any) -> LawEntry:
    where = f"{section}.{key}"
    if not isinstance(raw, Mapping):
        raise _fail(f"L'entrée « {where} » du fichier du droit n'est pas un bloc de champs.",
                    "Écrivez-la avec objet, texte, source et verifie_le, comme les autres.")
    missing = [k for k in (*_TEXT_KEYS, "verifie_le") if not raw.get(k)]
    if section == "seuils" and raw.get("valeur") is None:
        missing.append("valeur")
    if missing:
        raise _fail(f"L'entrée « {where} » du fichier du droit n'a pas de "
                    f"{', '.join(missing)}.",
                    "Chaque règle a sa source et sa date de vérification : complétez-la.")
    checked = raw["verifie_le"]
    if not isinstance(checked, date):
        raise _fail(f"La date de vérification de « {where} » ({checked}) n'est pas une date.",
                    "Écrivez-la AAAA-MM-JJ, par exemple 2026-11-30.")
    value: Decimal | None = None
    if section == "seuils":
        try:
            value = Decimal(str(raw["valeur"]))
        except InvalidOperation:
            raise _fail(f"Le seuil « {where} » ({raw['valeur']}) n'est pas un nombre.",
                        "Écrivez un nombre sans unité, par exemple 23000.") from None
    borne = str(raw.get("borne") or "incluse")
    if borne not in ("incluse", "exclue"):
        raise _fail(f"La borne de « {where} » vaut « {borne} ».",
                    "Écrivez « incluse » ou « exclue ».")
    return LawEntry(key=key, objet=" ".join(str(raw["objet"]).split()),
                    texte=" ".join(str(raw["texte"]).split()), source=str(raw["source"]),
                    verifie_le=checked, valeur=value, unite=str(raw.get("unite") or ""),
                    borne=borne)


@functools.cache
def entries() -> dict[str, LawEntry]:
    """Every entry of `data/droit.yaml` by key (thresholds and references share one namespace)."""
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        document = yaml.load(LAW_FILE.read_text(encoding="utf-8"), Loader=loader)
    except yaml.YAMLError as error:
        raise _fail(f"Le fichier du droit ne se lit pas : {error}",
                    "Corrigez l'indentation ou les guillemets à l'endroit indiqué.") from None
    if not isinstance(document, Mapping):
        raise _fail("Le fichier du droit ne contient pas les blocs « seuils » et « references ».",
                    "Repartez de la version livrée avec coopdocs.")
    found: dict[str, LawEntry] = {}
    for section in _SECTIONS:
        for key, raw in (document.get(section) or {}).items():
            if key in found:
                raise _fail(f"La clé « {key} » est définie deux fois dans le fichier du droit.",
                            "Donnez à chaque règle un nom unique.")
            found[str(key)] = _entry(section, str(key), raw)
    return found


def entry(key: str) -> LawEntry:
    try:
        return entries()[key]
    except KeyError:
        raise _fail(f"La règle « {key} » manque dans le fichier du droit.",
                    "Rétablissez-la : coopdocs s'en sert pour vérifier et rédiger.") from None


def threshold(key: str) -> Decimal:
    """The number of a threshold (« 23000 » for `subvention_convention`)."""
    value = entry(key).valeur
    if value is None:
        raise _fail(f"« {key} » n'est pas un seuil dans le fichier du droit.",
                    "Rangez-la sous « seuils » avec sa « valeur ».")
    return value


def reference(key: str) -> str:
    """The citation as it reads in a sentence: « article L. 1611-4 du code général… »."""
    return entry(key).texte
