"""Building documents: one project or many, their PDFs, and the only code that writes them.

- `batch`: `build_projects`, many projects in worker processes, one failing never stopping
  the others;
- `project`: `build_project`, one project: check, render in memory, write all or nothing;
- `roadmap`: `progress`, the progress report and its Word feuille de route;
- `inputs`: project files from files and folders, `--only` codes;
- `write`: output folders (named after the project), escapes, folder locks, hand edits
  checked right before each replace, atomic writes, the manifest, PDFs included;
- `manifest`: the `.coopdocs.json` of an output folder;
- `interrupt`: Ctrl-C and SIGTERM as a request to stop between two projects;
- `lifeline`: worker processes and LibreOffice that never outlive coopdocs;
- `cache`: templates prepared once per run;
- `results`: what a build did, and its summary;
- `pdf`, `pdf_batch`: LibreOffice conversion, watched document by document;
- `export`: copies of the built-in templates for legal advisers.
"""
