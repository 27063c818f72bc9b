"""Text that an XML part can hold: what every printed value and every picture's text goes
through before it is written (`render.sandbox`, `render.figures`)."""

from __future__ import annotations

import re

__all__ = ["ILLEGAL_XML", "clean_text", "legal_text"]

# XML 1.0 forbids these; lxml refuses them and Word declares the file corrupt.
ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# Paragraphs come from the template (`paragraphes` filter + {%p for %}), never from "\n".
_BREAKS = re.compile("\r\n|[\t\n\r]")
# Either of the above: most values hold neither, and one search costs less than two subs.
_UNCLEAN = re.compile("[\x00-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Drop characters XML 1.0 forbids and turn tabs and line breaks into spaces."""
    if _UNCLEAN.search(text) is None:
        return text
    return _BREAKS.sub(" ", ILLEGAL_XML.sub("", text))


def legal_text(text: str) -> str:
    """`text` without the characters XML 1.0 forbids (tabs and line breaks kept)."""
    return ILLEGAL_XML.sub("", text) if ILLEGAL_XML.search(text) else text
