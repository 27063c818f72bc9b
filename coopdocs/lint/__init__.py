"""Checking .docx templates for legal advisers, agreeing with `coopdocs.render` on each one.

- `checker`: `lint_template`, `lint_folder`, `check_templates`: every problem in one run;
- `parts`: reading a template's parts, paragraphs and tags as Word split them;
- `syntax`: Jinja syntax, located in the paragraph;
- `rules`: Word's traps (split tags, curly quotes, special tags, numbering in loops);
- `fields`: fields and filters against the shape of the real context;
- `shape`: that shape, from the examples' contexts, and the variables reference of the docs;
- `fix`: mechanical repairs, written to a copy;
- `ooxml`: a part checked against the transitional schema (element order Word expects);
- `twins`: the two copies of the plan's action card (kept whole, free to break) say the same.
"""
