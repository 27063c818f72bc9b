"""Checking a project file: schema, value parsers, cross-field rules, exports; `project` loads.

- `schema`: the cerberus schema of `schemas/projet.yaml`, French errors, normalisation;
- `quick`: the fast acceptance of files the schema surely accepts (cerberus judges the rest);
- `values`: parsers of dates, amounts, SIRET… (each returns a value or an `Issue`);
- `rules`: the cross-field rules and warnings of MODELE.md;
- `gaps`: what the documents will still lack (shown as « [À compléter…] »);
- `parties`: the parties model — who signs, sits, votes, presides, pays — for every document;
- `export`: the JSON Schema and the markdown field reference;
- `project`: read, check and locate: `check_project`, `load_project`, `Project`.
"""
