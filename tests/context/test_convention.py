"""`context.convention`: the convention's own texts after a legal adviser's reading
(juriste-8): no standard duty lost to a commitment that only shares its verb."""

from __future__ import annotations

from reading import plain

from coopdocs.context.convention import common_commitments


def _commitments(own: list[str], *, siae: bool = False, parties: int = 3) -> list[str]:
    return [plain(c) for c in common_commitments(
        {"engagements": own}, {"gouvernance": 6}, {"charte": None}, siae, parties)]


STANDARD = [
    "agir loyalement et de bonne foi les unes envers les autres ;",
    "participer activement aux instances de gouvernance prévues à l'article 6 ;",
    "partager les informations utiles à la conduite du projet ;",
    "signaler sans délai toute difficulté susceptible d'affecter le déroulement du projet ;",
    "mettre en œuvre les actions qui leur incombent dans les délais convenus"]


def test_a_commitment_sharing_only_a_verb_replaces_no_standard_duty() -> None:
    """exemple-reseau: « Participer au bilan annuel » wiped out the duty to attend the
    instances; exemple-caracteres: « Partager les informations utiles, y compris… » the duty
    to report a difficulty."""
    assert _commitments(["Participer au bilan annuel de la coopération"]) == [
        *STANDARD[:-1], STANDARD[-1] + " ;", "participer au bilan annuel de la coopération."]
    found = _commitments(["Partager les informations utiles, y compris les mauvaises nouvelles"])
    assert STANDARD[2] in found and STANDARD[3] in found
    assert found[-1] == "partager les informations utiles, y compris les mauvaises nouvelles."


def test_a_commitment_saying_the_same_thing_is_said_once() -> None:
    # The file's words, saying the standard duty and more, replace it.
    found = _commitments(["Participer aux instances de gouvernance et aux temps collectifs"])
    assert not any(line.startswith("participer activement") for line in found)
    assert found[-1] == "participer aux instances de gouvernance et aux temps collectifs."
    # A commitment the standard one already says whole is not repeated.
    assert _commitments(["Agir loyalement et de bonne foi"])[0] == STANDARD[0]
    assert len(_commitments(["Agir loyalement et de bonne foi"])) == len(STANDARD)
    # The priority of the people in insertion, in epicene words (domain.md §9.6).
    assert _commitments([], siae=True)[-1] == (
        "faire des parcours des personnes salariées en insertion une priorité dans les choix "
        "communs.")
