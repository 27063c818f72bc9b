"""Documents' text as content tests compare it: plain characters.

A content test asks « is this value printed? »; the typography of what is printed (’, no-break
spaces, French quotes) is the business of tests/test_documents.py, which scans every document of
every example, and of tests/french/test_finishing.py. `printed` is a value as the documents
print it, in the same plain characters.
"""

from __future__ import annotations

from typing import Any

from coopdocs.french.finishing import finish_text

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def word_text(element: Any) -> str:
    """The text of a WordprocessingML element as Word shows it: its ``w:t``, and U+2011 for
    each ``w:noBreakHyphen`` (the no-break hyphen of a code, « L. 2122-22 », `render.finish`)."""
    return "".join(node.text or "" if node.tag == f"{W}t" else "\u2011"
                   for node in element.iter(f"{W}t", f"{W}noBreakHyphen"))


def plain(text: str) -> str:
    """No-break spaces as spaces, the typographic apostrophe and the no-break hyphen as the
    keyboard's."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'") \
        .replace("\u2011", "-")


def printed(value: str) -> str:
    """A value of the project file as a document prints it (`finish_text`), in plain form."""
    return plain(finish_text(value))


def body_lines(container: Any) -> list[str]:
    """The paragraphs of a python-docx body or cell, tables included, in reading order."""
    lines: list[str] = []
    for block in container.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                for cell in row.cells:
                    lines.extend(body_lines(cell))
        else:
            lines.append(block.text)
    return lines
