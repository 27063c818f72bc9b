"""Documents' text as content tests compare it: plain characters.

A content test asks « is this value printed? »; the typography of what is printed (’, no-break
spaces, French quotes) is the business of tests/test_documents.py, which scans every document of
every example, and of tests/french/test_finishing.py. `printed` is a value as the documents
print it, in the same plain characters.
"""

from __future__ import annotations

from coopdocs.french.finishing import finish_text


def plain(text: str) -> str:
    """No-break spaces as spaces, the typographic apostrophe as the keyboard's."""
    return text.replace("\u00a0", " ").replace("\u202f", " ").replace("’", "'")


def printed(value: str) -> str:
    """A value of the project file as a document prints it (`finish_text`), in plain form."""
    return plain(finish_text(value))
