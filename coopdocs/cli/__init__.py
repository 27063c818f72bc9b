"""The `coopdocs` command line: one module per command, each a thin door onto the library.

- `main`: the command group and `main()`, which never lets a traceback reach a user;
- `validate`, `init`, `schema`, `build`, `progress`, `serve`, `importer`, `tableau`,
  `templates`, `aide`: one module per command (`aide` shows the guides shipped in the package);
- `output`: how problems, failures and repeated warnings are shown; colours and NO_COLOR;
- `translation`: click's own strings in French, suggestions and metavars included.

Library modules are imported inside the commands (the only place in coopdocs where imports
sit inside functions), so `coopdocs --help` and `coopdocs validate` stay fast.
"""
