"""Building documents: one project or many, their PDFs, and the only code that writes them.

- `batch`: `build_projects`, many projects in worker processes, one failing never stopping
  the others;
- `project`: `build_project`, one project: check, render in memory, write all or nothing;
- `roadmap`: `progress`, the progress report and its Word feuille de route;
- `inputs`: project files from files and folders, `--only` codes;
- `write`: output folders, escapes, hand edits, atomic writes, the manifest;
- `manifest`: the `.coopdocs.json` of an output folder;
- `cache`: templates prepared once per run;
- `results`: what a build did, and its summary;
- `pdf`, `pdf_batch`: LibreOffice conversion;
- `export`: copies of the built-in templates for legal advisers.
"""
