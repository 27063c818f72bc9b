"""Checks on the Word side of a template: split tags, Word marks, quotes, docxtpl's special tags,
numbered paragraphs in loops.

Severities follow what docxtpl 0.20 really does. It merges the runs of a tag itself, removing
everything between ``</w:t>`` and the next ``<w:t>``: a tag split by formatting or by proofing
marks still renders, but the formatting of the middle silently disappears and the template is
fragile, so that is a warning. A tag that starts outside a hyperlink, a tracked insertion or a
content control and ends inside it leaves unbalanced XML behind: the document would be
damaged, so that is an error. The same split for quotes: docxtpl straightens “ ” ‘ ’ (warning)
but not the French « » that Word's French AutoCorrect types (error).
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from typing import Any

from lxml import etree

from coopdocs.errors import Problem
from coopdocs.lint.parts import Para, Part, Tag, W, parse_xml, problem, snippet, tag_elements
from coopdocs.render.revisions import ACCEPT_HINT, accepted_message, refusal_message
from coopdocs.render.rich import unplaceable_message

__all__ = ["Numbering", "drop_commented_containers", "numbering_problems", "quote_problems",
           "revision_problems", "run_problems", "special_problems", "structure_problems"]

RETYPE = ("retapez la balise d'un seul tenant, sans changer la mise en forme en son milieu, ou "
          "collez-la en texte brut (Ctrl+Maj+V) ; « coopdocs templates fix » peut aussi la "
          "réparer dans une copie du modèle")
STRADDLE = ("retirez le lien hypertexte (clic droit > Supprimer le lien hypertexte) ou le "
            "contrôle de contenu qui coupe la balise, puis retapez-la d'un seul tenant ; "
            "« coopdocs templates fix » ne peut pas le faire à votre place")
QUOTES = ("remplacez-les par des guillemets droits \" ou ' et désactivez les guillemets "
          "typographiques de la correction automatique (Word : Fichier > Options > Vérification "
          "> Options de correction automatique > Lors de la frappe ; LibreOffice : Outils > "
          "Options d'AutoCorrection > Options linguistiques) ; « coopdocs templates fix » peut "
          "aussi les redresser dans une copie")

_MARKS = {"proofErr": "vérification orthographique", "bookmarkStart": "signet",
          "bookmarkEnd": "signet", "permStart": "zone protégée", "permEnd": "zone protégée",
          "commentRangeStart": "commentaire", "commentRangeEnd": "commentaire",
          "lastRenderedPageBreak": "saut de page calculé", "softHyphen": "trait d'union"}
# Tracked changes are accepted before a template is read (render.revisions): no w:ins here.
_CONTAINERS = {"hyperlink": "un lien hypertexte", "sdt": "un contrôle de contenu",
               "sdtContent": "un contrôle de contenu", "fldSimple": "un champ Word",
               "smartTag": "une balise active de Word", "customXml": "une zone XML",
               "p": "deux paragraphes"}


def _local(el: Any) -> str:
    return str(etree.QName(el).localname)


def _formatting(run: Any) -> bytes:
    """A run's formatting without the rsid attributes Word sprinkles (they are not visible)."""
    rpr = run.find(f"{W}rPr")
    if rpr is None:
        return b""
    return re.sub(rb' w:rsid\w*="[^"]*"', b"", etree.tostring(rpr))


def _between(first: Any, last: Any) -> list[Any]:
    """Siblings strictly between two runs of the same parent, and everything inside them."""
    out: list[Any] = []
    for sibling in first.itersiblings():
        if sibling is last:
            break
        out.append(sibling)
        out.extend(sibling.iterdescendants())
    return out


def run_problems(para: Para) -> list[Problem]:
    """One problem per tag whose characters are in several runs, the worst cause first."""
    found = []
    for tag in para.tags:
        texts = tag_elements(para, tag)
        runs = list(dict.fromkeys(t.getparent() for t in texts))
        if len(runs) < 2:
            continue
        shown = f"« {tag.raw} »"
        first_parent, last_parent = runs[0].getparent(), runs[-1].getparent()
        if first_parent is not last_parent:
            inner = last_parent if first_parent in last_parent.iterancestors() else first_parent
            what = _CONTAINERS.get(_local(inner), "une autre zone du document")
            message = (f"balise {shown} à cheval sur {what} : le document produit serait "
                       "endommagé")
            found.append(problem("balise-a-cheval", message, STRADDLE, para, tag.start,
                                 tag.end))
            continue
        between = _between(runs[0], runs[-1])
        marks = sorted({_MARKS[_local(e)] for e in between
                        if isinstance(e.tag, str) and _local(e) in _MARKS})
        if marks:
            message = (f"balise {shown} interrompue par des marques invisibles de Word "
                       f"({', '.join(marks)}) et coupée en {len(runs)} morceaux")
            found.append(problem("balise-marques-word", message, RETYPE, para, tag.start,
                                 tag.end, severity="avertissement"))
        else:
            looks = {_formatting(r) for r in runs}
            how = ("de mise en forme différente" if len(looks) > 1
                   else "par le traitement de texte (sans différence de mise en forme visible)")
            message = f"balise {shown} coupée en {len(runs)} morceaux {how}"
            if len(looks) > 1:
                message += " : la mise en forme du milieu de la balise sera perdue"
            found.append(problem("balise-coupee", message, RETYPE, para, tag.start, tag.end,
                                 severity="avertissement"))
    return found


def revision_problems(part: Part) -> list[Problem]:
    """Tracked changes: accepted when the template is rendered (a warning), or refused."""
    acceptance = part.revisions
    if acceptance is None or not acceptance.changes:
        return []
    found = []
    for what, text in acceptance.refused[:1]:
        message = refusal_message(what) + (f" — texte concerné : « {snippet(text, 0, 30)} »"
                                           if text else "")
        found.append(Problem(message, hint=ACCEPT_HINT, code="modification-suivie-complexe",
                             location=part.label, extra={"index": -1}))
    message = accepted_message(acceptance.changes)
    if acceptance.first_text:
        message += f" — texte concerné : « {snippet(acceptance.first_text, 0, 30)} »"
    found.append(Problem(message, hint=ACCEPT_HINT, code="modifications-suivies",
                         severity="avertissement", location=part.label, extra={"index": -1}))
    return found


def quote_problems(para: Para) -> list[Problem]:
    found = []
    for tag in para.tags:
        if tag.opener == "{#":  # a comment is never parsed: its quotes are plain text
            continue
        if tag.guillemets:
            message = (f"guillemets « » dans la balise « {tag.raw} » : le moteur ne les "
                       "comprend pas")
            found.append(problem("guillemets-francais", message, QUOTES, para, tag.start,
                                 tag.end))
        elif tag.curly:
            message = f"guillemets typographiques (“ ” ‘ ’) dans la balise « {tag.raw} »"
            found.append(problem("guillemets-courbes", message, QUOTES, para, tag.start, tag.end,
                                 severity="avertissement"))
    return found


def structure_problems(para: Para) -> list[Problem]:
    """Tags never closed and stray closing braces (Jinja itself would blame another line)."""
    found = []
    for start in para.unclosed:
        opener = para.text[start:start + 2]
        closer = "}}" if opener == "{{" else opener[1] + "}"
        message = f"balise « {opener} » jamais refermée dans ce paragraphe"
        hint = (f"ajoutez « {closer} » à la fin de la balise ; une balise s'écrit "
                "{{ champ }} ou {% … %}, sur un seul paragraphe")
        found.append(problem("syntaxe-balise-non-fermee", message, hint, para, start, start + 2))
    for start in para.stray:
        closer = para.text[start:start + 2]
        message = f"« {closer} » sans balise ouvrante correspondante"
        hint = ("une balise s'écrit {{ champ }} ou {% … %} : vérifiez qu'il ne manque pas une "
                "accolade ou un % au début de la balise, ou supprimez les accolades en trop")
        found.append(problem("syntaxe-accolades-orphelines", message, hint, para, start,
                             start + 2))
    return found


# --- docxtpl's special tags ----------------------------------------------------------------


@dataclass(frozen=True)
class _Noun:
    """A container of docxtpl's special tags, with the articles French agrees with it."""

    name: str  # paragraphe
    all: str  # tout le paragraphe, toute la ligne de tableau
    same: str  # le même paragraphe, la même ligne de tableau
    its: str  # son paragraphe, sa ligne de tableau
    own: str  # son propre paragraphe, sa propre ligne de tableau
    one: str  # un paragraphe, une ligne de tableau
    neighbour: str  # un paragraphe voisin, une ligne voisine
    inside: str  # where a plain {% if %} goes: au milieu d'une phrase, dans une cellule
    wholes: str  # des paragraphes entiers, des lignes entières
    before: str  # au-dessus, avant
    after: str  # en dessous, après


_NOUNS = {
    "p": _Noun("paragraphe", "tout le paragraphe", "le même paragraphe", "son paragraphe",
               "son propre paragraphe", "un paragraphe", "un paragraphe voisin",
               "au milieu d'une phrase", "des paragraphes entiers", "au-dessus", "en dessous"),
    "tr": _Noun("ligne de tableau", "toute la ligne de tableau", "la même ligne de tableau",
                "sa ligne de tableau", "sa propre ligne de tableau", "une ligne de tableau",
                "une ligne voisine", "dans une cellule", "des lignes entières", "au-dessus",
                "en dessous"),
    "tc": _Noun("cellule", "toute la cellule", "la même cellule", "sa cellule",
                "sa propre cellule", "une cellule", "une cellule voisine", "dans une cellule",
                "des cellules entières", "avant", "après"),
}
_PAIRS = {"if": "endif", "for": "endfor"}


def _container(para: Para, marker: str) -> Any:
    return {"p": para.element, "tr": para.row, "tc": para.cell}.get(marker)


def drop_commented_containers(part: Part) -> None:
    """``{#p … #}``, ``{#tr … #}``, ``{#tc … #}``: docxtpl removes the whole paragraph, row or
    cell before Jinja sees it (a way to keep a note, or a row, out of the document). Nothing in
    it is rendered, so nothing in it is checked: its tags are forgotten (in place)."""
    removed: set[int] = set()
    for para in part.paragraphs:
        for tag in para.tags:
            if tag.opener == "{#" and tag.marker in _NOUNS:
                container = _container(para, tag.marker)
                if container is not None:
                    removed.add(id(container))
    if not removed:
        return
    for para in part.paragraphs:
        if {id(para.element), id(para.row), id(para.cell)} & removed:
            para.tags, para.unclosed, para.stray = [], [], []


def _lost_text(paras: list[Para], marker: str) -> tuple[Para, int] | None:
    """The first visible text, outside the special tags (and invisible comments), that docxtpl
    would delete with them."""
    for para in paras:
        text = list(para.text)
        for tag in para.tags:
            if tag.marker == marker or tag.opener == "{#":
                text[tag.start:tag.end] = " " * (tag.end - tag.start)
        kept = "".join(text)
        if kept.strip():
            return para, len(kept) - len(kept.lstrip())
    return None


def special_problems(part: Part) -> list[Problem]:
    """Misuse of ``{%p``, ``{%tr``, ``{%tc`` and ``{{p``: the checks docxtpl's regular
    expressions need; ``{{tr``/``{{tc``, which no value can fill (render.rich)."""
    found: list[Problem] = []
    groups: dict[tuple[str, int], list[tuple[Para, Tag]]] = {}
    members: dict[int, list[Para]] = {}
    for para in part.paragraphs:
        for key in ("row", "cell"):
            container = getattr(para, key)
            if container is not None:
                members.setdefault(id(container), []).append(para)
        for tag in para.tags:
            if tag.misspelt:
                message = f"balise spéciale mal écrite : « {tag.misspelt} »"
                hint = (f"écrivez {{%{tag.marker} {tag.word} … %}} : « {tag.marker} » collé à "
                        f"« {{% », puis une espace, puis « {tag.word} »")
                found.append(problem("speciale-mal-ecrite", message, hint, para, tag.start,
                                     tag.end))
            if tag.marker not in _NOUNS or tag.opener == "{#":
                continue
            if tag.opener == "{{" and tag.marker != "p":
                message, hint = unplaceable_message(tag.raw, tag.marker)
                found.append(problem("speciale-valeur-impossible", message, hint, para,
                                     tag.start, tag.end))
                continue
            container = _container(para, tag.marker)
            if container is None:
                message = (f"balise « {tag.raw} » placée hors d'un tableau : le moteur "
                           "supprimerait du texte ailleurs dans le document")
                hint = (f"une balise {{%{tag.marker} … %}} se place dans un tableau, seule "
                        f"dans {_NOUNS[tag.marker].its} ; hors d'un tableau, écrivez "
                        "{%p … %}, seule dans son paragraphe")
                found.append(problem("speciale-hors-tableau", message, hint, para, tag.start,
                                     tag.end))
                continue
            expression = tag.raw[2 + len(tag.marker) + 1:-2]
            if re.search(r"[%}]", expression):
                message = (f"la balise « {tag.raw} » contient « % » ou « }} », que le moteur "
                           "ne sait pas lire dans une balise spéciale")
                hint = "retirez ce caractère de la balise (écrivez-le dans le texte autour)"
                found.append(problem("speciale-caractere-interdit", message, hint, para,
                                     tag.start, tag.end))
            groups.setdefault((tag.marker, id(container)), []).append((para, tag))
    for (marker, container_id), tags in groups.items():
        para, tag = tags[0]
        noun = _NOUNS[marker]
        if len(tags) > 1:
            words = [t.word for _, t in tags]
            pair = any(_PAIRS.get(w) in words[i + 1:] for i, w in enumerate(words))
            code = "speciale-bloc-meme-paragraphe" if pair else "speciale-plusieurs"
            if pair:
                message = (f"« {tag.raw} » et sa fin sont dans {noun.same} : le moteur "
                           f"supprime {noun.all} et le bloc ne se referme jamais")
                hint = (f"pour une condition {noun.inside}, écrivez {{% if … %}}…"
                        f"{{% endif %}} (sans {marker}) ; pour {noun.wholes}, mettez "
                        f"{{%{marker} {tag.word} … %}} seule dans {noun.one} {noun.before} et "
                        f"{{%{marker} {_PAIRS.get(tag.word, 'end…')} %}} seule dans "
                        f"{noun.one} {noun.after}")
            else:
                message = (f"{len(tags)} balises spéciales dans {noun.same} : le moteur n'en "
                           "garde qu'une")
                hint = f"mettez chaque balise {{%{marker} … %}} seule dans {noun.own}"
            found.append(problem(code, message, hint, para, tag.start, tags[-1][1].end))
            continue
        paras = members.get(container_id, [para]) if marker != "p" else [para]
        lost = _lost_text(paras, marker)
        if lost:
            where, at = lost
            if tag.opener == "{{":  # {{p x }}: the value takes the whole paragraph
                message = (f"texte à côté de « {tag.raw} » : une balise {{{{p … }}}} occupe "
                           "tout son paragraphe, ce texte disparaîtrait")
                hint = (f"laissez « {tag.raw} » seule dans son paragraphe, ou écrivez-la sans "
                        "« p » ({{ … }}) pour afficher la valeur dans une phrase")
            else:
                message = (f"texte à côté de « {tag.raw} » : le moteur supprime {noun.all} "
                           "qui contient cette balise, ce texte disparaîtrait")
                hint = (f"laissez « {tag.raw} » seule dans {noun.its} et déplacez le texte "
                        f"dans {noun.neighbour}")
            found.append(problem("speciale-texte-perdu", message, hint, where, at, at))
    return found


# --- numbering -----------------------------------------------------------------------------


class Numbering:
    """Which paragraphs Word numbers automatically (1, 2, 3 or a, b, c; bullets excluded)."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}
        self.formats: dict[str, dict[str, str]] = {}
        try:
            styles = parse_xml(archive.read("word/styles.xml"))
            numbering = parse_xml(archive.read("word/numbering.xml"))
        except (KeyError, etree.XMLSyntaxError):
            return
        for style in styles.iter(f"{W}style"):
            num_id, ilvl = _num_pr(style.find(f"{W}pPr"))
            based = style.find(f"{W}basedOn")
            self.styles[style.get(f"{W}styleId", "")] = (
                num_id, ilvl, based.get(f"{W}val") if based is not None else None)
        abstract = {a.get(f"{W}abstractNumId"): {
            lvl.get(f"{W}ilvl", "0"): _val(lvl.find(f"{W}numFmt")) or "decimal"
            for lvl in a.iter(f"{W}lvl")} for a in numbering.iter(f"{W}abstractNum")}
        for num in numbering.iter(f"{W}num"):
            ref = _val(num.find(f"{W}abstractNumId"))
            self.formats[num.get(f"{W}numId", "")] = abstract.get(ref, {})

    def list_of(self, para: Para) -> str | None:
        """The numbering list id of a numbered (not bulleted) paragraph, else None."""
        ppr = para.element.find(f"{W}pPr")
        num_id, ilvl = _num_pr(ppr)
        style = _val(ppr.find(f"{W}pStyle")) if ppr is not None else None
        seen: set[str] = set()
        while num_id is None and style and style not in seen:
            seen.add(style)
            num_id, style_ilvl, style = self.styles.get(style, (None, None, None))
            ilvl = ilvl or style_ilvl
        if not num_id or num_id == "0":
            return None
        fmt = self.formats.get(num_id, {}).get(ilvl or "0", "decimal")
        return None if fmt in ("bullet", "none") else num_id


def _val(el: Any) -> str | None:
    return None if el is None else el.get(f"{W}val")


def _num_pr(ppr: Any) -> tuple[str | None, str | None]:
    num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
    if num_pr is None:
        return None, None
    return _val(num_pr.find(f"{W}numId")), _val(num_pr.find(f"{W}ilvl"))


def numbering_problems(part: Part, numbering: Numbering) -> list[Problem]:
    """Word-numbered paragraphs in a loop whose numbering should restart but will not.

    One numbered paragraph per repetition (each repetition is one item of the list) is fine.
    Flagged: a numbered paragraph in a loop nested in another loop, or two paragraphs of the
    same list in one repetition (1, 2 | 3, 4 instead of 1, 2 | 1, 2), docxtpl #425.
    """
    ranges: list[tuple[int, int]] = []
    stack: list[int] = []
    for para in part.paragraphs:
        for tag in para.tags:
            if tag.word == "for" and tag.opener == "{%":
                stack.append(para.index)
            elif tag.word == "endfor" and stack:
                start = stack.pop()
                if para.index > start:
                    ranges.append((start, para.index))
    found = []
    for start, end in ranges:
        nested = any(s < start and end < e for s, e in ranges)
        inner = [(s, e) for s, e in ranges if start < s and e < end]
        lists: dict[str, list[Para]] = {}
        for para in part.paragraphs[start + 1:end]:
            if any(s <= para.index <= e for s, e in inner):
                continue
            key = numbering.list_of(para)
            if key:
                lists.setdefault(key, []).append(para)
        bad = [paras for paras in lists.values() if nested or len(paras) > 1]
        if bad:
            para = bad[0][0]
            message = ("paragraphe numéroté automatiquement par Word dans une boucle : la "
                       "numérotation ne recommencera pas à chaque répétition (1, 2 puis 3, 4 au "
                       "lieu de 1, 2 puis 1, 2)")
            hint = ("retirez la numérotation automatique de ce paragraphe et écrivez le numéro "
                    "dans le texte (par exemple {{ loop.index }}.), ou utilisez des puces")
            found.append(problem("numerotation-dans-boucle", message, hint, para, 0,
                                 min(len(para.text), 40), severity="avertissement"))
    return found
