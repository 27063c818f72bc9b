"""The template context: validated project data → every value the documents print.

- `assemble`: `build_context`, the whole context of a project;
- `documents`: the catalogue of documents and when each one applies;
- `parties`: each partner as the documents name and identify it;
- `identification`: the legal identification of a party by family (association, company,
  public person, State service, établissement);
- `convention`: the convention's parts (legal form, preamble, budget, annexes…);
- `clauses`: the convention's articles and clause texts;
- `families`: the clauses of a family of parties or of cooperation (subsidy, GME, company to
  create) and the citations of the law;
- `governance`, `votes`: the fiche de gouvernance and vote rules in words;
- `stakeholders`: the cartographie des parties prenantes;
- `planning`: the plan d'action and rétroplanning;
- `picture`: pictures as Word content (tables, drawings); `charts`: their layouts.
"""
