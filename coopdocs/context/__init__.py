"""The template context: validated project data → every value the documents print.

- `assemble`: `build_context`, the whole context of a project;
- `documents`: the catalogue of documents and when each one applies;
- `parties`: each partner as the documents name and identify it;
- `convention`: the convention's parts (legal form, preamble, budget, annexes…);
- `clauses`: the convention's articles and clause texts;
- `governance`, `votes`: the fiche de gouvernance and vote rules in words;
- `stakeholders`: the cartographie des parties prenantes;
- `planning`: the plan d'action and rétroplanning;
- `picture`: pictures as Word content (tables, drawings); `charts`: their layouts.
"""
