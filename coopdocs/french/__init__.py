"""The one place for French: typography, grammar, labels, names, dates and numbers.

Documents, validation messages and the progress report all print through these modules, so a
sentence is spelled, agreed and spaced the same way everywhere:

- `typography`: no-break spaces, quotes, dashes;
- `grammar`: plural, « de »/« à », lists, capitals, paragraphs;
- `labels`: the French labels of coded values (`data/libelles.yaml`);
- `names`: partners and people;
- `dates`, `figures`: dates and numbers in figures;
- `words`: numbers, amounts and delays in words (the only module that loads num2words);
- `markers`: the marker of what a document still lacks;
- `finishing`: the last typographic pass over every printed text (apostrophes, no-break
  spaces in dates and amounts, what to set in superscript or highlight);
- `glyphs`: the characters the documents' font (Arial) can draw;
- `filters`: the Jinja filters of the templates.

Import the module you need: this package imports nothing on its own, so `validate` loads only
what its messages use.
"""
