"""How a governance instance decides and who chairs it, in words (domain.md §1.4, §5).

One set of words for every document: the fiche de gouvernance prints `vote_rules_text`, the
convention `decision_phrase`, both built from the same pieces, so the two can never give an
instance two different majorities, quorums or casting votes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from coopdocs.check.parties import Presidency
from coopdocs.french.figures import proportion
from coopdocs.french.grammar import announce, definite, lower_first, plural
from coopdocs.french.markers import gap
from coopdocs.french.names import referenced_name
from coopdocs.french.typography import COLON, SEMI, quote
from coopdocs.french.words import nombre_lettres
from coopdocs.vocabulary import MAJORITY_MODES

__all__ = ["decision_phrase", "mode_definition", "presidency_text", "vote_rules_text"]


_MODE_TEXT = {
    "consensus": (
        "par consensus",
        "la décision se construit par la discussion jusqu'à ce que tous les membres ayant "
        "voix délibérative l'acceptent, sans passer par un vote",
    ),
    "consentement": (
        "par consentement",
        "une proposition est adoptée dès qu'aucun membre ayant voix délibérative n'y oppose "
        f"d'objection argumentée{SEMI} "
        "une objection conduit à amender la proposition, non à l'écarter",
    ),
    "majorite_simple": (
        "à la majorité simple des voix exprimées",
        "une proposition est adoptée si elle recueille plus de voix pour que de voix contre, "
        "les abstentions n'étant pas comptées",
    ),
    "majorite_absolue": (
        "à la majorité absolue des voix des membres présents ou représentés",
        "une proposition est adoptée si elle recueille plus de la moitié des voix des membres "
        "présents ou représentés",
    ),
    "majorite_qualifiee": (
        "à la majorité qualifiée",
        "une proposition n'est adoptée que si elle recueille une part renforcée des voix, "
        "supérieure à la moitié et fixée à l'avance",
    ),
    "unanimite": (
        "à l'unanimité",
        "une proposition n'est adoptée qu'avec l'accord de tous les membres ayant voix "
        f"délibérative, présents ou non{SEMI} chacun dispose ainsi d'un droit de veto",
    ),
}
# Modes where every member must agree (no vote is counted): a quorum then says who « every
# member » is.
_AGREEMENT_MODES = frozenset({"consensus", "consentement"})
_MODE_NAMES = {
    "consensus": "Consensus",
    "consentement": "Consentement",
    "majorite_simple": "Majorité simple",
    "majorite_absolue": "Majorité absolue",
    "majorite_qualifiee": "Majorité qualifiée",
    "unanimite": "Unanimité",
}


def _mode_phrase(rules: Mapping[str, Any]) -> str:
    mode = rules["mode"]
    if mode == "majorite_qualifiee":
        seuil = rules.get("seuil")
        if seuil is None:
            return f"à la majorité qualifiée {gap('seuil de la majorité qualifiée')}"
        return f"à la majorité qualifiée {proportion(seuil)} des voix exprimées"
    if mode in _MODE_TEXT:
        return _MODE_TEXT[mode][0]
    return f"selon le mode {quote(mode)}"


def _pieces(rules: Mapping[str, Any], partners: Mapping[str, Mapping[str, Any]]
            ) -> tuple[str, list[str], list[str]]:
    """The rule in words: its head (mode and quorum), its other terms, the decisions that need
    unanimity."""
    mode = rules["mode"]
    head = _mode_phrase(rules)
    quorum = rules.get("quorum")
    if quorum is not None and mode in _AGREEMENT_MODES:
        # Consensus or consent binds every member; with a quorum it can only be that of the
        # members present or represented, once enough of them are there.
        head += (" de tous les membres ayant voix délibérative, présents ou représentés"
                 if quorum >= 1 else
                 " des membres présents ou représentés, pourvu que soit atteint un quorum "
                 f"{proportion(quorum)} des membres ayant voix délibérative")
    elif quorum is not None:
        head += (f", avec un quorum {proportion(quorum)} des membres ayant voix "
                 "délibérative")
    terms = []
    # A casting vote only breaks a tie between « pour » and « contre »: it means nothing for
    # consensus, consent or unanimity unless someone actually holds one.
    if mode in MAJORITY_MODES or (rules.get("voix_preponderante") or "aucune") != "aucune":
        terms.append(_casting_vote(rules, partners))
    proxies = _proxies(rules.get("procurations_max"))
    if proxies:
        terms.append(proxies)
    reserved = [str(item) for item in rules.get("decisions_unanimite") or [] if item]
    return head, terms, reserved if mode != "unanimite" else []


def _reserved_text(reserved: list[str]) -> str:
    """« l'unanimité … est requise » followed by what it is required for, each item reading as
    French after the lead-in: « pour : l'entrée d'un nouveau partenaire et la modification du
    budget », and for a single decision a plain sentence, « pour l'admission d'un nouveau
    membre ». An item whose article cannot be told (an unknown noun) makes the items labels of
    « les décisions suivantes »."""
    with_articles = [definite(item) for item in reserved]
    if all(with_articles):
        return announce([item for item in with_articles if item], "pour", "pour")
    labels = [lower_first(item.strip().rstrip(".;")) for item in reserved]
    return announce(labels, "pour les décisions suivantes", f"pour la décision suivante{COLON}",
                    f"{SEMI} ".join)


def _casting_vote(rules: Mapping[str, Any], partners: Mapping[str, Mapping[str, Any]]) -> str:
    value = rules.get("voix_preponderante") or "aucune"
    if value == "aucune":
        return "aucune voix prépondérante"
    if value == "presidence":
        return "en cas d'égalité, la voix de la présidence est prépondérante"
    return f"en cas d'égalité, la voix de {referenced_name(partners, value)} est prépondérante"


def _proxies(count: int | None) -> str:
    if count is None:
        return ""
    if count == 0:
        return "pas de procuration"
    words = nombre_lettres(count, genre="f")
    return f"{words} {plural(count, 'procuration')} au plus par membre"


def vote_rules_text(
    rules: Mapping[str, Any],
    partners: Mapping[str, Mapping[str, Any]] | None = None,
    decisionnelle: bool = True,
) -> str:
    """The rules of an instance in one French paragraph, for the fiche de gouvernance.

    « Décisions prises à la majorité qualifiée des trois quarts des voix exprimées, avec un
    quorum de la moitié des membres ; aucune voix prépondérante ; une procuration au plus par
    membre. L'unanimité des membres ayant voix délibérative, présents ou non, est requise pour :
    l'entrée d'un nouveau partenaire et la modification du budget. »
    """
    head, terms, reserved = _pieces(rules, partners or {})
    subject = "Décisions prises" if decisionnelle else "Avis et propositions arrêtés"
    text = f"{SEMI} ".join([f"{subject} {head}", *terms]) + "."
    if reserved:
        text += (" L'unanimité des membres ayant voix délibérative, présents ou non, est requise "
                 f"{_reserved_text(reserved)}.")
    return text


def decision_phrase(
    rules: Mapping[str, Any],
    partners: Mapping[str, Mapping[str, Any]] | None = None,
    decisionnelle: bool = True,
) -> str:
    """The same rules after « Décisions : » in the convention's governance article."""
    head, terms, reserved = _pieces(rules, partners or {})
    if not decisionnelle:
        return (f"aucune, l'instance est consultative{SEMI} ses avis et propositions sont "
                f"arrêtés {head} et soumis à une instance de décision")
    text = f"{SEMI} ".join([head, *terms])
    if reserved:
        # Unanimity of whom: every member with a vote, present or not (never « of those
        # present », which two members of four could reach).
        text += (f"{SEMI} l'unanimité des membres ayant voix délibérative, présents ou non, est "
                 f"requise {_reserved_text(reserved)}")
    return text


def mode_definition(rules: Mapping[str, Any]) -> str:
    """« Consensus : la décision se construit… » for the glossary under the table."""
    mode = rules["mode"]
    if mode not in _MODE_TEXT:
        return ""
    definition = _MODE_TEXT[mode][1]
    quorum = rules.get("quorum")
    if mode in _AGREEMENT_MODES and quorum is not None:
        # The same members as the rule above the glossary (`_pieces`): those present or
        # represented under a quorum, every member with a vote under a quorum of all.
        who = (", présents ou représentés," if quorum >= 1 else " présents ou représentés")
        one = (", présent ou représenté," if quorum >= 1 else " présent ou représenté")
        voting = "ayant voix délibérative"
        definition = definition.replace(f"tous les membres {voting}",
                                        f"tous les membres {voting}{who}").replace(
            f"aucun membre {voting}", f"aucun membre {voting}{one}")
    return f"{_MODE_NAMES[mode]}{COLON} {definition}."


def presidency_text(presidency: Presidency, partners: Mapping[str, Mapping[str, Any]]) -> str:
    """« Présidence tournante entre les membres, assurée d'abord par RA93. », or ""."""
    chair = referenced_name(partners, presidency.partner, short=True)
    if presidency.kind == "tournante":
        first = f", assurée d'abord par {chair}" if presidency.first else ""
        return f"Présidence tournante entre les membres{first}."
    if presidency.kind == "co_presidence":
        return "Coprésidence partagée entre plusieurs membres."
    if presidency.kind == "partenaire":
        return f"Présidence assurée par {chair}."
    return ""
