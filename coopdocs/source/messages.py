"""French texts for everything `read_source` reports, and the limits they quote.

`_TEXTS` words the problems found while reading a file, `_SYNTAX` translates PyYAML's and
libyaml's syntax errors. Kept apart from the reading code so that the wording can be reviewed
(and reworded) in one place.
"""

from __future__ import annotations

from typing import Any

import yaml

from coopdocs.errors import FieldPath, Problem, SourceError

# Limits on what a project file may hold: here because the messages quote them, re-exported by
# `coopdocs.source` (and enforced there and in `coopdocs.source_events`).
MAX_DEPTH = 100
MAX_NODES = 100_000
MAX_ALIASES = 100
MAX_ALIAS_NODES = 10_000  # nodes copied in by aliases; real files reuse a few small blocks
MAX_SHOWN = 5  # same-kind problems listed before we stop (tabs, invisible characters)

SIGNATURES = {
    b"PK\x03\x04": "un document Word (.docx), un tableur (.xlsx) ou une archive .zip",
    b"%PDF": "un PDF",
    b"\xd0\xcf\x11\xe0": "un ancien document Word (.doc) ou Excel (.xls)",
    b"\x89PNG": "une image PNG",
    b"\xff\xd8\xff": "une image JPEG",
    b"{\\rtf": "un document RTF (WordPad)",
}
RESAVE = (
    "Pour l'enregistrer en UTF-8 : dans le Bloc-notes, « Fichier > Enregistrer sous », Encodage "
    "« UTF-8 » ; dans LibreOffice, cochez « Éditer les paramètres du filtre » puis choisissez "
    "« Unicode (UTF-8) » ; dans VS Code, cliquez sur l'encodage en bas à droite puis "
    "« Enregistrer avec l'encodage » > « UTF-8 »."
)
_CAUSES = (
    "Causes fréquentes : espace oubliée après « : », guillemet non refermé, nombre d'espaces en "
    "début de ligne différent des lignes voisines, tiret « - » de liste mélangé avec des champs."
)
_QUOTE_IT = "Mettez la valeur entre guillemets."
_NESTED = "Un crochet « [ » ou une accolade « { » n'est sans doute pas refermé."
# code → (message, hint), both filled with str.format(**details).
_TEXTS = {
    "introuvable": (
        "Le fichier « {name} » est introuvable.",
        "Vérifiez le nom et le dossier du fichier (l'extension est-elle bien .yaml ou .yml ?).",
    ),
    "dossier": (
        "« {name} » est un dossier, pas un fichier.",
        "Indiquez le fichier .yaml du projet lui-même, par exemple « {example} ».",
    ),
    "special": (
        "« {name} » n'est pas un fichier ordinaire.",
        "Indiquez le chemin d'un fichier .yaml enregistré sur le disque.",
    ),
    "acces": (
        "Le fichier « {name} » ne peut pas être lu : l'accès est refusé.",
        "Vérifiez que vous avez le droit de lire ce fichier et qu'il n'est pas ouvert dans un "
        "autre programme, ou copiez-le dans votre dossier personnel.",
    ),
    "lecture": (
        "Le fichier « {name} » ne peut pas être lu.",
        "Réessayez ; si le fichier est sur une clé USB ou un dossier réseau, copiez-le d'abord "
        "sur votre ordinateur.",
    ),
    "taille": (
        "Le fichier fait {size} Mo, au-delà de la limite de 5 Mo.",
        "Un fichier de projet fait d'habitude quelques dizaines de Ko : vérifiez qu'il s'agit du "
        "bon fichier (et pas d'un document Word, d'un PDF ou d'une sauvegarde).",
    ),
    "binaire": (
        "Ce fichier n'est pas un texte : il ressemble à {what}.",
        "coopdocs lit un fichier texte (extension .yaml) ; un document Word ou un PDF renommé ne "
        "peut pas être lu. Repartez d'un fichier d'exemple et ouvrez-le avec un éditeur de texte.",
    ),
    "unicode_abime": (
        "Le fichier semble enregistré en Unicode (UTF-16 ou UTF-32) mais il est abîmé.",
        RESAVE,
    ),
    "vide": (
        "Le fichier est vide (il ne contient que des commentaires ou des espaces).",
        "Remplissez-le en partant du fichier de départ commenté (« coopdocs init ») ou d'un "
        "exemple (« coopdocs init --exemple minimal »).",
    ),
    "sommet": (
        "Le fichier contient {what} au lieu de blocs nommés comme « projet: » et « partenaires: ».",
        "Le fichier doit commencer par des noms de champs suivis de « : », sans tiret ni espace "
        "en début de ligne.",
    ),
    "caractere": (
        "Caractère invisible non autorisé (code U+{char:04X}).",
        "Il vient souvent d'un copier-coller depuis un PDF ou un traitement de texte : "
        "supprimez-le ou retapez le texte autour.",
    ),
    "espace_insecable": (
        "Une espace insécable est utilisée à la place d'une espace ordinaire.",
        "Elle est invisible mais YAML ne la reconnaît pas : effacez l'espace après « : » (ou en "
        "début de ligne) et retapez-la avec la barre d'espace.",
    ),
    "tabulation": (
        "Une tabulation est utilisée pour décaler le début de la ligne.",
        "Ligne {line} : « {text} ». YAML n'accepte que des espaces pour l'indentation : "
        "remplacez chaque tabulation par des espaces (réglez votre éditeur sur « insérer des "
        "espaces »).",
    ),
    "documents": (
        "Le fichier contient plusieurs documents séparés par « --- ».",
        "Gardez un seul projet par fichier et supprimez la ligne « --- ».",
    ),
    "nombre": (
        f"Le fichier contient trop d'éléments (plus de {MAX_NODES}).",
        "Un projet en compte quelques centaines : vérifiez qu'il s'agit du bon fichier.",
    ),
    "profondeur": (
        f"Le fichier est imbriqué trop profondément (plus de {MAX_DEPTH} niveaux).",
        _NESTED.replace("{", "{{"),
    ),
    "alias_recursif": (
        "L'ancre « &{anchor} » se contient elle-même (« *{anchor} »).",
        "Supprimez « *{anchor} » : un bloc ne peut pas se répéter à l'intérieur de lui-même.",
    ),
    "alias_inconnu": (
        "« *{anchor} » renvoie à une ancre « &{anchor} » qui n'existe pas plus haut dans le "
        "fichier.",
        "Les renvois « * » ne servent presque jamais dans un projet : écrivez la valeur en "
        "entier, ou mettez-la entre guillemets si « * » fait partie du texte.",
    ),
    "alias_trop": (
        "Le fichier utilise trop de renvois « * » vers des ancres « & » (il deviendrait énorme "
        "une fois développé).",
        "Écrivez les valeurs en entier plutôt que d'utiliser « & » et « * ».",
    ),
    "fusion": (
        "« << » (fusion de blocs) n'est pas accepté dans un fichier de projet.",
        "Écrivez les champs en entier à cet endroit.",
    ),
    "balise": (
        "La balise « {tag} » n'est pas reconnue.",
        "Supprimez ce mot commençant par « ! » ; si c'est du texte, mettez-le entre guillemets.",
    ),
    "balise_python": (
        "L'instruction Python « {tag} » est interdite dans un fichier de projet.",
        "Supprimez ce mot commençant par « ! » ; si c'est du texte, mettez-le entre guillemets.",
    ),
    "valeur": (
        "La valeur « {value} » ne correspond pas au type demandé par « {tag} ».",
        "Corrigez-la, ou supprimez « {tag} ».",
    ),
    "nombre_ambigu": (
        "Le nombre « {value} » est ambigu : YAML le lit comme {decimal} (le point y marque "
        "les décimales), alors qu'en français il se lit {spaced}.",
        "Écrivez {whole} (sans point, ou \"{spaced}\" entre guillemets) si vous vouliez dire "
        "{spaced}, ou {short} si vous vouliez dire {decimal}.",
    ),
    "cle_bloc": (
        "Un nom de champ est une liste ou un bloc au lieu d'un simple mot.",
        "Les noms de champs sont des mots suivis de « : », comme « nom: ». Vérifiez « ? », "
        "« [ » ou « {{ » sur cette ligne.",
    ),
    "cle": (
        "Le nom de champ {shown} n'est pas un mot.",
        "Les noms de champs sont des mots, comme « nom: ». Si c'est voulu, mettez-le entre "
        'guillemets ("{written}": …).',
    ),
    "cle_dupliquee": (
        "Le champ « {key} » apparaît deux fois dans le même bloc (lignes {first} et {line}).",
        "Gardez-en un seul : sinon le second remplacerait le premier sans prévenir.",
    ),
}
# YAML syntax errors: (words in PyYAML's or libyaml's message, French message, what to do).
# First match wins; "<…>" entries are set by the heuristics of syntax_error.
_SYNTAX = (
    (("nesting depth",), _TEXTS["profondeur"][0], _NESTED),
    (("<after quote>",), "Le texte entre guillemets s'arrête trop tôt : il contient lui-même "
     "une apostrophe ou un guillemet.", "Entourez le texte de guillemets doubles "
     "(\"L'atelier\") ou doublez l'apostrophe ('L''atelier')."),
    (("unknown escape", "hexdecimal", "hexadecimal"), "Une barre oblique inverse « \\ » est "
     "mal comprise dans un texte entre guillemets doubles.", "Doublez-la (« \\\\ ») ou "
     "entourez le texte de guillemets simples."),
    (("quoted scalar",), "Un guillemet ouvert ici n'est jamais refermé.", "Ajoutez le "
     "guillemet fermant à la fin du texte ; si le texte contient une apostrophe, entourez-le "
     "de guillemets doubles : \"L'atelier\"."),
    (("flow sequence", "',' or ']'"), "Une liste entre crochets « [ ] » est mal refermée.",
     "Vérifiez que chaque « [ » a son « ] » et que les éléments sont séparés par des virgules."),
    (("flow mapping", "',' or '}'"), "Un bloc entre accolades « { } » est mal refermé.",
     "Vérifiez que chaque « { » a son « } » et que les champs sont séparés par des virgules."),
    (("could not find expected ':'",), "Il manque « : » après un nom de champ.", "Chaque "
     "ligne a la forme « nom: valeur » ; si c'est la suite du texte de la ligne précédente, "
     "mettez tout le texte entre guillemets."),
    (("<no key>",), "Il manque le nom du champ avant « : ».", "Écrivez le nom du champ au "
     "début de la ligne, par exemple « nom: … »."),
    (("<indent>", "expected <block end>", "did not find expected key", "'-' indicator"),
     "L'indentation de cette ligne ne correspond pas à celle des lignes voisines.", "Alignez-la "
     "avec les autres champs du même bloc (même nombre d'espaces) ; un élément « - » de liste "
     "ne se mêle pas à des champs « nom: valeur » du même niveau."),
    (("mapping values are not allowed", "unexpected ':'"), "Un « : » se trouve à un endroit "
     "où il n'est pas permis.", "Si la valeur contient « : » (par exemple « Réunion : bilan »), "
     "mettez-la entre guillemets."),
    (("block sequence entries are not allowed",), "Un tiret « - » de liste est mal placé.",
     "Un élément de liste « - » se met sur sa propre ligne, sous le nom de la liste."),
    (("alias", "anchor"), "Un « * » ou « & » au début d'une valeur a un sens spécial en YAML.",
     _QUOTE_IT),
    (("tag",), "Un « ! » au début d'une valeur a un sens spécial en YAML.", _QUOTE_IT),
    (("block scalar",), "Un bloc de texte « | » ou « > » est mal écrit.", "Après « | » ou "
     "« > », passez à la ligne et décalez le texte de quelques espaces."),
    (("cannot start any token",), "Cette valeur commence par un caractère réservé (comme "
     "« @ » ou « ` »).", _QUOTE_IT),
    (("node content",), "Une valeur manque ou est mal écrite ici.", "Une valeur qui commence "
     "par un signe de ponctuation se met entre guillemets."),
    (("end of stream",), "Le fichier s'arrête au milieu d'un élément.", _NESTED),
)  # fmt: skip


def problem(
    code: str,
    name: str,
    line: int | None = None,
    column: int | None = None,
    path: FieldPath = (),
    severity: str = "erreur",
    **details: Any,
) -> Problem:
    message, hint = _TEXTS[code]
    details.update(name=name, line=line)
    return Problem(message.format(**details), path=path, severity=severity,  # type: ignore[arg-type]
                   hint=hint.format(**details), code=f"source.{code}", file=name, line=line,
                   column=column)  # fmt: skip


def failure(
    code: str, name: str, line: int | None = None, column: int | None = None, **details: Any
) -> SourceError:
    return SourceError([problem(code, name, line, column, **details)], file=name)  # fmt: skip


def tab_error(name: str, lines: list[str], numbers: list[int]) -> SourceError:
    return SourceError([
        problem("tabulation", name, n, lines[n - 1].index("\t") + 1, text=_excerpt(lines[n - 1]))
        for n in numbers[:MAX_SHOWN]
    ], file=name)  # fmt: skip


def _excerpt(line: str) -> str:
    line = line.strip().replace("\t", "⇥")
    return line if len(line) <= 80 else line[:77] + "…"


def syntax_error(exc: yaml.YAMLError, name: str, lines: list[str]) -> SourceError:
    context = str(getattr(exc, "context", None) or "")
    problem = str(getattr(exc, "problem", None) or exc)
    mark = getattr(exc, "problem_mark", None)
    if any(w in context for w in ("quoted scalar", "simple key", "flow")):
        mark = getattr(exc, "context_mark", None) or mark  # the fix goes where it opened
    if mark is None:
        line, column, text = 1, 1, lines[0] if lines else ""
    else:
        line, column = mark.line + 1, mark.column + 1
        text = lines[line - 1] if line <= len(lines) else ""
    found = text[column - 1 : column]
    if found == "\t" or "tab" in problem:
        return tab_error(name, lines, [line]) if "\t" in text else failure(
            "tabulation", name, line, column, text=_excerpt(text))  # fmt: skip
    # PyYAML points at a closing quote, libyaml just after it.
    at = column - 2 if column > 1 and text[column - 2] in "'\"" else column - 1
    if text[at : at + 1] in ("'", '"') and ("key" in problem or "block end" in problem):
        quote, opened = text[at], None
        if text[: at + 1].count(quote) % 2:  # a closing quote: the text opened higher up
            opened = next((n for n in range(line - 1, 0, -1) if lines[n - 1].count(quote) % 2),
                          None)  # fmt: skip
        if opened is None:
            problem = "<after quote>"  # text goes on after what YAML took for the closing quote
        else:
            line, text, problem = opened, lines[opened - 1], "quoted scalar"
            column = text.index(quote) + 1
    elif found == ":" and not text[: column - 1].strip(" -"):
        problem = "<no key>"
    elif "mapping values" in problem and text.find(":") == column - 1:
        problem = "<indent>"  # the line's own key is unexpected: it is shifted to the right
    message, hint = "Le fichier ne respecte pas la syntaxe YAML à cet endroit.", _CAUSES
    for words, french, advice in _SYNTAX:
        if any(w in f"{context} {problem}" for w in words):
            message, hint = french, f"{advice} {_CAUSES}"
            break
    hint = f"Ligne {line}, colonne {column} : « {_excerpt(text)} ». {hint}"
    problem_ = Problem(message, hint=hint, code="source.syntaxe", file=name, line=line,
                       column=column)  # fmt: skip
    return SourceError([problem_], file=name)
