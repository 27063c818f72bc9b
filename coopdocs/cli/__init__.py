"""The `coopdocs` command line: one module per command, each a thin door onto the library.

- `main`: the command group and `main()`, which never lets a traceback reach a user;
- `validate`, `init`, `schema`, `build`, `progress`, `templates`: one module per command;
- `output`: how problems and failures are shown;
- `translation`: click's own strings in French.

Library modules are imported inside the commands (the only place in coopdocs where imports
sit inside functions), so `coopdocs --help` and `coopdocs validate` stay fast.
"""
