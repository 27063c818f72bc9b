"""French grammar of generated sentences: plural, « de »/« à » contractions, lists, capitals.

Singular for 0 and 1, as French counts (« 0 indicateur », « 1 siège », « 2 sièges »): one
rule for the documents, the messages and the progress report.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from coopdocs.french.typography import COLON, NNBSP

__all__ = [
    "SAME_IN_SINGULAR",
    "a",
    "announce",
    "announce_bullets",
    "announce_text",
    "clean_spaces",
    "count",
    "de",
    "definite",
    "full_sentence",
    "join_lines",
    "liste",
    "lower_first",
    "majuscule_initiale",
    "name_article",
    "other_parties",
    "paragraphes",
    "plural",
    "puces",
    "sentence",
    "singulier",
    "sort_key",
]

# Only ASCII whitespace is collapsed in running text: NBSP/NNBSP typed on purpose (« 50 % »)
# must stay non-breaking.
_ASCII_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n(?:[^\S\n]*\n)*")


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """The word agreed with ``n``: singular for 0 and 1 (« 0 jour », « 1 jour », « 2 jours »);
    words ending in s, x or z do not change (« deux voix », « trois mois »)."""
    if abs(n) < 2:
        return singular
    if plural_form:
        return plural_form
    return singular if singular.endswith(("s", "x", "z")) else singular + "s"


def other_parties(count: int) -> dict[str, str]:
    """The words a contract between ``count`` Parties uses for the others, agreed with their
    number: between two Parties there is only « l'autre Partie », and « les unes envers les
    autres » or « l'ensemble des Parties » would read as a contract drafted for more.

    Keys are the template variables (``{{ autres.aux_parties }}``); each value is a whole
    phrase, article and preposition included, so a template never agrees words itself."""
    if count == 2:
        return {
            "parties": "l'autre Partie",
            "aux_parties": "à l'autre Partie",
            "des_parties": "de l'autre Partie",
            "pronom": "l'autre",
            "aux_autres": "à l'autre",
            "une": "l'autre",
            "d_une_partie": "de l'autre Partie",
            "par_une_partie": "par l'autre Partie",
            "leur": "son",
            "reciproque": "l'une envers l'autre",
            "toutes": "les deux Parties",
            "plusieurs_parties": "les Parties",
            "accord_de_toutes": "l'accord des deux Parties",
            "des_membres": "de l'autre membre",
            "d_un_membre": "de l'autre membre",
            "aux_partenaires": "à l'autre partenaire",
            "aux_signataires": "à l'autre signataire",
        }
    return {
        "parties": "les autres Parties",
        "aux_parties": "aux autres Parties",
        "des_parties": "des autres Parties",
        "pronom": "les autres",
        "aux_autres": "aux autres",
        "une": "une autre",
        "d_une_partie": "d'une autre Partie",
        "par_une_partie": "par une autre Partie",
        "leur": "leur",
        "reciproque": "les unes envers les autres",
        "toutes": "l'ensemble des Parties",
        "plusieurs_parties": "des Parties",
        "accord_de_toutes": "l'accord unanime des Parties",
        "des_membres": "des autres membres",
        "d_un_membre": "d'un autre membre",
        "aux_partenaires": "aux autres partenaires",
        "aux_signataires": "aux autres signataires",
    }


# Nouns that end in s or x in the singular too: a unit « mois » stays « mois ».
SAME_IN_SINGULAR = frozenset({"mois", "fois", "temps", "poids", "cours", "pas", "prix", "voix",
                               "corps", "repas", "avis", "bras", "kilomètres-heure"})


def _singular_word(word: str) -> str:
    if word.lower() in SAME_IN_SINGULAR:
        return word
    if word.endswith("·e·s"):  # « salarié·e·s » → « salarié·e »
        return word[:-2]
    if word.endswith("eaux"):
        return word[:-1]
    if word.endswith("s") and len(word) > 2 and word[-2].isalpha():
        return word[:-1]
    return word


def singulier(phrase: str) -> str:
    """The singular of a unit or noun phrase written in the plural, for 0 and 1 (French puts
    the singular below 2): « jours » → « jour », « heures de formation » → « heure de
    formation », « salarié·e·s formé·e·s » → « salarié·e formé·e »; « mois », « % » unchanged."""
    words = phrase.split(" ")
    if not words or not words[0][:1].isalpha():
        return phrase
    out = [_singular_word(words[0])]
    # Only the agreeing words after the noun change: inclusive forms (« formé·e·s »); the
    # complement (« de formation », « d'insertion ») keeps its own number.
    out += [w[:-2] if w.endswith("·e·s") else w for w in words[1:]]
    return " ".join(out)


# Nouns of the decisions a collective reserves, whose gender their ending does not tell (or
# tells wrong: « image », « page » are feminine, « budget », « vote » masculine).
_FEMININE_NOUNS = frozenset({
    "charte", "convention", "vente", "dépense", "sortie", "entrée", "embauche", "réponse",
    "candidature", "offre", "demande", "clôture", "image", "page", "cotisation", "part",
    "subvention", "marque", "politique", "stratégie", "orientation", "règle", "création",
    "fermeture", "ouverture", "mise", "prise", "levée", "durée", "liste", "charge", "somme",
    "réserve", "location", "adhésion", "admission", "exclusion", "radiation", "hausse",
    "baisse", "prolongation", "reconduction", "résiliation", "dissolution", "fusion", "cession",
    "lettre", "rencontre", "mémoire",
})
_MASCULINE_NOUNS = frozenset({
    "budget", "choix", "plan", "vote", "retrait", "transfert", "statut", "prix", "recours",
    "emprunt", "achat", "tarif", "programme", "périmètre", "rapport", "bilan", "compte",
    "accord", "avenant", "montant", "capital", "siège", "local", "contrat", "mandat", "projet",
    "objet", "nom", "logo", "loyer", "calendrier", "principe", "règlement", "départ",
    "partenariat", "recrutement", "renouvellement", "changement", "engagement", "investissement",
    "licenciement", "remplacement", "arrêt", "report", "dépôt", "membre", "partenaire",
    "président", "bureau", "fonds", "cahier", "dossier", "marché", "prêt", "don", "legs",
    "fichier", "atelier", "chantier", "métier", "quartier", "titre", "ordre", "centre", "cadre",
    "nombre", "chiffre", "registre", "territoire", "répertoire", "pouvoir", "devoir",
})
_FEMININE_ENDINGS = ("tion", "sion", "xion", "té", "ure", "ance", "ence", "ée", "ade", "ise",
                     "ette", "ière", "euse", "rice")
_MASCULINE_ENDINGS = ("ment", "age", "isme", "at", "et", "eau", "oir", "ier", "eur", "on",
                      "in", "an")
_DETERMINERS = frozenset({"le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au",
                          "aux", "toute", "tout", "tous", "toutes", "chaque", "son", "sa", "ses",
                          "leur", "leurs", "ce", "cet", "cette", "ces", "notre", "nos"})
# « h » aspiré: no elision (« la hausse », « le handicap »).
_ASPIRATED_H = ("hausse", "haut", "handicap", "hiérarchie", "hall", "hameau", "hangar")


def _gender(noun: str) -> str | None:
    """« f » or « m » for a French noun in the singular, or None when nothing tells."""
    if noun in _FEMININE_NOUNS:
        return "f"
    if noun in _MASCULINE_NOUNS:
        return "m"
    if noun.endswith(_FEMININE_ENDINGS):
        return "f"
    if noun.endswith(_MASCULINE_ENDINGS):
        return "m"
    return None


def definite(phrase: str) -> str | None:
    """A noun phrase as it reads after « requis pour : », with its definite article:
    « Entrée d'un nouveau partenaire » → « l'entrée d'un nouveau partenaire », « Modification
    du budget » → « la modification du budget », « Statuts » → « les statuts ».

    A phrase that already starts with a determiner (« la charte ») or with an infinitive
    (« admettre un membre ») needs none and comes back with its first letter lowered. None when
    the gender of the first noun is not known: the caller then introduces the list so that
    its items read as labels (« les décisions suivantes : … »)."""
    text = lower_first(clean_spaces(phrase).strip().rstrip(".;"))
    if not text:
        return None
    first = re.split(r"[\s'’]", text, maxsplit=1)[0]
    word = first.lower()
    if word in _DETERMINERS or text[:2].lower() in ("l'", "l’", "d'", "d’"):
        return text
    if not word.isalpha():
        return None
    singular = _singular_word(word)
    known = singular in _MASCULINE_NOUNS or singular in _FEMININE_NOUNS
    # An infinitive (« admettre un nouveau partenaire », « modifier », « exclure »), but not
    # the nouns in -ure (« la clôture ») nor those the lexicon knows (« le dossier »).
    if not known and (word.endswith(("er", "ir", "oir", "clure"))
                      or (word.endswith("re") and not word.endswith("ure"))):
        return text
    gender = _gender(singular)
    if gender is None:
        return None
    if singular != word and word not in SAME_IN_SINGULAR:
        return f"les {text}"
    if word[0] in "aâàeéèêëiîïoôuûùyœ" or (word[0] == "h" and not word.startswith(_ASPIRATED_H)):
        return f"l'{text}"
    return f"{'la' if gender == 'f' else 'le'} {text}"


def count(n: int, singular: str, plural_form: str | None = None) -> str:
    """« 0 erreur », « 1 erreur », « 3 erreurs »."""
    return f"{n} {plural(n, singular, plural_form)}"


def _article_lowered(phrase: str) -> str:
    """« Le Relais » → « le Relais », « L'Union » → « l'Union »: a name's leading article is
    an ordinary word after a preposition."""
    if phrase.startswith(("Le ", "La ", "Les ", "L'", "L’")):
        return phrase[0].lower() + phrase[1:]
    return phrase


def de(phrase: str) -> str:
    """« de » + a noun phrase with its article: « du réseau », « de l'association », « des … »
    (« de Les Jardins de Bondy » is « des Jardins de Bondy »)."""
    phrase = _article_lowered(phrase)
    for article, contracted in (("le ", "du "), ("les ", "des "), ("un ", "d'un "),
                                ("une ", "d'une ")):
        if phrase.startswith(article):
            return contracted + phrase[len(article):]
    if phrase[:1] in "aeéèêiîoôuAEÉÈÊIÎOÔUh" and not phrase.startswith(("onze", "huit")):
        return "d'" + phrase
    return "de " + phrase


def a(phrase: str) -> str:
    """« à » + a noun phrase: « au réseau », « aux Parties », « à l'association »."""
    lowered = _article_lowered(phrase)
    for article, contracted in (("le ", "au "), ("les ", "aux ")):
        if lowered.startswith(article):
            return contracted + lowered[len(article):]
    return "à " + lowered


def clean_spaces(text: str) -> str:
    """Runs of ASCII whitespace as one space, trimmed (no-break spaces are kept)."""
    return _ASCII_SPACES.sub(" ", text).strip()


# The small words inside a proper name (« Réseau des SIAE de l'Est », « Maison de l'Emploi »):
# a capitalised word reached through them only makes the phrase a name.
_NAME_LINKS = frozenset({"de", "des", "du", "d", "la", "le", "les", "l", "et", "&", "en",
                         "sur", "sous", "à", "au", "aux"})
# The words a sentence opens with (determiners, pronouns, conjunctions, prepositions): a
# paragraph that opens with one and ends with a full stop is a sentence the user wrote.
_SENTENCE_OPENERS = frozenset({
    "le", "la", "les", "l", "un", "une", "chaque", "tout", "toute", "tous", "toutes", "aucun",
    "aucune", "nul", "nulle", "il", "elle", "ils", "elles", "on", "nous", "ce", "cet", "cette",
    "ces", "celui", "celle", "son", "sa", "ses", "leur", "leurs", "si", "lorsque", "quand",
    "pour", "en", "dans", "après", "avant", "dès", "seul", "seule", "seuls", "seules"})
_SENTENCE_BREAK = re.compile(r"[.!?…]\s+[«\"“]?\s*[A-ZÀ-ÖØ-Þ]")
_WORD_EDGES = ",;:.!?…()«»\"“”\u00a0\u202f"


def _opens_with(text: str, name: str) -> bool:
    """Whether ``text`` opens with the whole of ``name`` (apostrophes of either kind)."""
    text, name = text.replace("’", "'"), " ".join(name.replace("’", "'").split())
    return bool(name) and text.startswith(name) and (
        len(text) == len(name) or not text[len(name)].isalnum())


# Built once: `lower_first` asks it for the first word of every fragment it lowers.
_KNOWN_NOUNS = _MASCULINE_NOUNS | _FEMININE_NOUNS


def _infinitive(word: str) -> bool:
    """« Être », « adhérer », « choisir »: a verb opens no name (« Adhérer à la CRESS »). The
    nouns the lexicon knows (« atelier », « centre ») and those in -ure are not verbs."""
    lowered = word.lower()
    if _singular_word(lowered) in _KNOWN_NOUNS:
        return False
    return lowered.endswith(("er", "ir", "oir", "clure")) or (
        lowered.endswith("re") and not lowered.endswith("ure"))


def _name_follows(rest: str) -> bool:
    """Whether the words after the first reach a capitalised word (or, past a small word of a
    name, an acronym) through small words only: « France Travail », « Réseau des SIAE »,
    « Paris, Lyon et Lille », but not « Être une structure … de l'Ourcq ». A title in quotes
    (« le local « Quai & Co » ») says nothing of the phrase itself."""
    linked = False
    for raw in re.sub(r"«[^»]*»", " ", rest).split():
        word = raw.strip(_WORD_EDGES).replace("’", "'")
        if not word:
            continue
        elided, _, after = word.rpartition("'")
        token = after if elided and after else word
        if token[:1].isupper():
            if token.isupper() and len(token) > 1 and not linked:
                continue  # « Être SIAE conventionnée »: an acronym right after proves nothing
            return True
        if word.lower() in _NAME_LINKS or (elided.lower() in ("l", "d") and not after):
            linked = True
            continue
        return False
    return False


def full_sentence(text: str) -> bool:
    """Whether a user's text is a sentence of its own: it ends with a full stop (or ! ? …) and
    either holds several sentences or opens like one (« La structure adhère à la charte. »);
    « Accord unanime du comité. » or « Être une SIAE. » are fragments."""
    text = " ".join(str(text).split())
    if not text.endswith((".", "!", "?", "…")):
        return False
    if _SENTENCE_BREAK.search(text[:-1]):
        return True
    first = re.split(r"[\s'’]", text, maxsplit=1)[0].lower()
    return first in _SENTENCE_OPENERS


def lower_first(text: str, names: Iterable[str] = (), *, paragraph: bool = False) -> str:
    """Lower-case the first letter of a phrase going after a colon or inside a sentence
    (« Entrée d'un partenaire » → « entrée d'un partenaire »; French typography: after « : »,
    lower case unless a proper name or an acronym).

    Left as written: acronyms and words with another capital (« COPIL », « SIAE », « NSI »,
    « Jean-Pierre », « Île-de-France »); a phrase that opens with one of ``names`` (the
    partners' names and the project's: « Les Jardins de Bondy accueillent… »); a proper name
    it cannot know, told by a capitalised word reached through the small words of a name
    (« France Travail », « Réseau des SIAE de l'Est francilien », « Paris, Lyon et Lille »);
    and, with ``paragraph`` (the text printed as a paragraph of its own), a full sentence the
    user wrote (`full_sentence`). A leading article is lowered and the name after it kept
    (« L'Union régionale » → « l'Union régionale », « Les Jardins de Bondy » → « les Jardins
    de Bondy »)."""
    text = " ".join(str(text).split()).strip()
    if not text or any(_opens_with(text, str(name)) for name in names if name):
        return text
    if paragraph and full_sentence(text):
        return text
    first, _, rest = text.partition(" ")
    for article in ("L'", "L’"):
        if first.startswith(article) and len(first) > 2:
            return "l" + text[1:]
    if first in ("Le", "La", "Les") and rest:
        return text[0].lower() + text[1:]
    # The punctuation that ends the first word is not part of it: « Salarié·e·s, habitant·e·s
    # et commune… » is lowered like « Salarié·e·s et commune… ».
    word = first.rstrip(",;:.!?…)»\u00a0\u202f")
    if word == "À" and rest:  # the preposition (« À définir par le comité »), never a name
        return "à" + text[1:]
    bare = word.replace("'", "").replace("’", "").replace("·", "").replace("-", "")
    if not (len(bare) > 1 and bare.isalpha() and bare[0].isupper() and bare[1:].islower()):
        return text
    # A first word that looks like a verb (« Adhérer à la CRESS », « Être SIAE ») opens no
    # name, unless a capitalised word (not an acronym) follows it at once: « Pierre Dubois »,
    # « Montpellier Méditerranée Métropole ».
    second = rest.split(" ", 1)[0]
    named = second[:1].isupper() and second[1:2].islower()
    if _name_follows(rest) and (not _infinitive(word) or named):
        return text
    return text[0].lower() + text[1:]


def announce_text(text: Any, lead: str, names: Iterable[str] = ()) -> tuple[str, list[str]]:
    """A user's text announced by a sentence that ends with a colon (« Une nouvelle structure
    peut rejoindre le projet aux conditions suivantes »): one paragraph runs on after the
    colon, its first letter lowered (`lower_first`), and ends the sentence; several stay
    paragraphs of their own under « lead : », each lowered unless it is a full sentence.
    No text gives ("", [])."""
    found = paragraphes(str(text or ""))
    names = tuple(names)
    if not found:
        return "", []
    if len(found) == 1:
        said = lower_first(found[0], names).rstrip(" .;:")
        end = "" if said.endswith(("!", "?", "…")) else "."
        return f"{lead}{COLON} {said}{end}", []
    return f"{lead}{COLON}", [lower_first(p, names, paragraph=True) for p in found]


def majuscule_initiale(text: str | None) -> str:
    """Upper-case the first letter, leave the rest untouched: « été » → « Été ».

    Leading quotes and punctuation are skipped (« « été » » → « « Été » »); if the text starts
    with a digit nothing changes.
    """
    if not text:
        return ""
    for index, char in enumerate(text):
        if char.isalnum():
            if char.isalpha():
                return text[:index] + char.upper() + text[index + 1:]
            return text
    return text


def sentence(text: str) -> str:
    """Capital first letter and a final full stop."""
    text = majuscule_initiale(text.strip())
    if text and text[-1] not in ".!?…»":
        text += "."
    return text


# First words of a name that already name the kind of structure, with their article:
# « Association Intermédiaire de La Courneuve » → « l'Association Intermédiaire… ».
_NOUN_ARTICLES = {
    "association": "l'", "agence": "l'", "atelier": "l'", "etablissement": "l'", "entreprise": "l'",
    "office": "l'", "union": "l'", "centre": "le ", "chantier": "le ", "conseil": "le ",
    "departement": "le ", "groupement": "le ", "reseau": "le ", "service": "le ", "syndicat": "le ",
    "collectivite": "la ", "commune": "la ", "communaute": "la ", "cooperative": "la ",
    "federation": "la ", "fondation": "la ", "maison": "la ", "metropole": "la ", "region": "la ",
    "regie": "la ", "societe": "la ", "ville": "la ",
}


def _ascii_lower(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def name_article(name: str) -> str | None:
    """The article of a name that opens with a common noun (« la » for « Commune de Pantin »,
    « l' » for « Établissement public territorial… »), or None (« Recycl'Action 93 »)."""
    first = _ascii_lower(name.split(" ", 1)[0].split("'")[-1])
    return _NOUN_ARTICLES.get(first)


def _with_article(item: str) -> str:
    """A name in a list, as running text writes it: « Commune de Pantin » → « la Commune de
    Pantin »; an item that does not open with a capitalised common noun is kept."""
    article = name_article(item) if item[:1].isupper() else None
    return f"{article}{item}" if article else item


def liste(items: Iterable[Any] | None, conjonction: str = "et") -> str:
    """« A », « A et B », « A, B et C » (no comma before the conjunction, French usage).

    ``None`` and blank items are skipped so a missing optional value never leaves « A, , B ».
    In a list of two items or more, a name that opens with a common noun takes its article
    (« Répar'Ourcq et la Commune de Pantin »), as the documents write it elsewhere: one item
    alone, a table cell's name, is kept as it is.
    """
    if items is None:
        return ""
    if isinstance(items, str):
        items = [items]
    words = [str(item).strip() for item in items if item is not None and str(item).strip()]
    if len(words) <= 1:
        return "".join(words)
    words = [_with_article(word) for word in words]
    return f"{', '.join(words[:-1])} {conjonction} {words[-1]}"


def announce(items: Sequence[str], lead: str, single: str,
             join: Callable[[Sequence[str]], str] = liste) -> str:
    """A lead-in and the items it announces, inside a sentence.

    Two items or more keep the colon and the list: « pour : l'entrée d'un nouveau partenaire
    et la modification du budget », « les collectifs suivants : A et B ». A single item is no
    list: a colon before it reads as a list that lost its other items, and « suivants » would
    not agree. The caller gives the lead-in that reads as a sentence with one item, colon
    included only where French keeps one: ``single="pour"`` gives « pour l'admission d'un
    nouveau membre », ``single=f"le collectif suivant{COLON}"`` gives « le collectif
    suivant : A ». Blank items are skipped; no item gives ""."""
    kept = [item.strip() for item in items if item.strip()]
    if not kept:
        return ""
    if len(kept) == 1:
        return f"{single} {kept[0]}"
    return f"{lead}{COLON} {join(kept)}"


def announce_bullets(items: Sequence[str], lead: str, single: str) -> tuple[str, list[str]]:
    """A lead-in paragraph and the bullets it announces: two items or more give « lead : » and
    one bullet each (`puces`); a single item is no list, `announce` makes it one sentence with
    `single` (« Recycl'Action contribue au projet par un apport financier de… »), and no
    bullet. No item gives ("", [])."""
    kept = [item.strip() for item in items if item.strip()]
    if len(kept) == 1:
        return f"{announce(kept, lead, single).rstrip(' .;')}.", []
    return (f"{lead}{COLON}" if kept else ""), puces(kept)


def puces(items: Sequence[Any]) -> list[str]:
    """Items of a list introduced by a colon: « … ; » each, the last one ending with « . »."""
    cleaned = [lower_first(str(i)).rstrip(" .;") for i in items if str(i).strip()]
    return [f"{i}{NNBSP};" if n < len(cleaned) - 1 else f"{i}." for n, i in enumerate(cleaned)]


def join_lines(items: Iterable[Any]) -> list[str]:
    """The non-blank items of a list of texts, trimmed."""
    return [str(item).strip() for item in items if item is not None and str(item).strip()]


def paragraphes(text: str | Iterable[str] | None) -> list[str]:
    """Split free text on blank lines into clean paragraphs.

    Used as ``{%p for para in x|paragraphes %}{{ para }}{%p endfor %}``. Inside a paragraph
    line breaks become spaces and runs of ASCII whitespace are collapsed (NBSP is kept on
    purpose); empty paragraphs are dropped. A list of strings is accepted and each item is
    treated the same way, the results being concatenated.
    """
    if text is None:
        return []
    if not isinstance(text, str):
        return [para for item in text if item is not None for para in paragraphes(str(item))]
    normalised = text.replace("\r\n", "\n").replace("\r", "\n")
    chunks = _BLANK_LINES.split(normalised)
    return [cleaned for chunk in chunks if (cleaned := clean_spaces(chunk))]


def sort_key(text: str) -> str:
    """Alphabetical order that ignores accents and case (« Réseau » after « Recycl »)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
