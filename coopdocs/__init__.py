"""coopdocs: from one YAML description of a cooperation project to French legal Word documents.

The packages follow the data, in this order (docs/architecture.md has the whole map):
`source` reads the file, `check` validates it, `french` writes French, `context` derives every
value the documents print, `method` measures progress on the trame, `render` turns a template
and a context into a .docx, `lint` checks templates, `build` writes documents for one project or
many, and `cli` is the command line. Each package's `__init__` only describes it: import the
module you need (`from coopdocs.check.project import load_project`), so a command loads only
what it uses.
"""

__version__ = "0.1.0"
