"""docxtpl's rich tags (``{{r x }}``, ``{{p x }}``) given coopdocs' values: plain text that
stays in the template's run or paragraph, with its formatting.

In docxtpl, ``{{r x }}`` removes the run holding the tag and expects ``x`` to be a RichText,
whose markup brings its own runs; ``{{p x }}`` removes the paragraph and expects a
RichTextParagraph or a Subdoc. Given plain text — which is all a project file holds — docxtpl
writes the text bare inside ``<w:p>`` or ``<w:body>``: well-formed XML that Word and
LibreOffice never show. coopdocs offers no RichText: every value it prints is text (or a
picture, which places its own run), so a rich tag is rendered as the plain tag it stands for,
where the adviser typed it: ``{{r x }}`` in its run, ``{{p x }}`` in its paragraph, each with
the template's formatting. The words are the ones docxtpl would print with a RichText.

``{{tr x }}`` and ``{{tc x }}`` would replace a whole table row or cell with a value: there is
no place for plain text there, so the template is refused (the linter says the same).

The rewrite works on the part's XML before docxtpl's own patching, after gluing the pieces of
each tag that Word split over several runs exactly as docxtpl's ``patch_xml`` does first.
"""

from __future__ import annotations

import html
import re

__all__ = ["UnplaceableTag", "plain_rich_tags", "unplaceable_message"]

# docxtpl 0.20's first two steps of patch_xml, verbatim: « {<tags>{ » → « {{ », then the XML
# between the characters of a tag removed. Running them again later is a no-op.
_BROKEN_BRACES = re.compile(r"(?<={)(<[^>]*>)+(?=[\{%\#])|(?<=[%\}\#])(<[^>]*>)+(?=\})",
                            re.DOTALL)
_TAG_BODY = re.compile(r"{%(?:(?!%}).)*|{#(?:(?!#}).)*|{{(?:(?!}}).)*", re.DOTALL)
_BETWEEN_TEXTS = re.compile("</w:t>.*?(<w:t>|<w:t [^>]*>)", re.DOTALL)
_RICH = re.compile(r"\{\{(p|r) ")
_CONTAINER = re.compile(r"\{\{(tr|tc) ")
_CONTAINER_NAMES = {"tr": "toute une ligne de tableau", "tc": "toute une cellule"}


class UnplaceableTag(Exception):
    """A tag that would print a value where no text can be (``{{tr x }}``, ``{{tc x }}``)."""

    def __init__(self, tag: str, marker: str) -> None:
        super().__init__(tag)
        self.tag = tag
        self.marker = marker


def unplaceable_message(tag: str, marker: str) -> tuple[str, str]:
    """(message, hint) for a ``{{tr``/``{{tc`` tag, shared by the renderer and the linter."""
    message = (f"la balise « {tag} » remplacerait {_CONTAINER_NAMES[marker]} par une valeur : "
               "aucun texte ne peut être placé là, il serait perdu")
    repeat, alone = (("une ligne", "sa ligne") if marker == "tr"
                     else ("une cellule (une colonne)", "sa cellule"))
    hint = (f"pour afficher un champ, écrivez {{{{ champ }}}} dans une cellule ; pour répéter "
            f"{repeat}, écrivez {{%{marker} for … %}} et {{%{marker} endfor %}}, chacune "
            f"seule dans {alone}")
    return message, hint


def _glue(xml: str) -> str:
    xml = _BROKEN_BRACES.sub("", xml)
    return _TAG_BODY.sub(lambda m: _BETWEEN_TEXTS.sub("", m.group(0)), xml)


def plain_rich_tags(xml: str) -> str:
    """The part's XML with ``{{r``/``{{p`` turned into plain tags in place; raises
    UnplaceableTag for ``{{tr``/``{{tc``."""
    if "{{" not in xml:
        return xml
    xml = _glue(xml)
    container = _CONTAINER.search(xml)
    if container:
        end = xml.find("}}", container.end())
        raw = xml[container.start(): end + 2 if end >= 0 else container.end() + 40]
        raise UnplaceableTag(html.unescape(re.sub(r"<[^>]*>", "", raw)), container[1])
    return _RICH.sub("{{ ", xml)
