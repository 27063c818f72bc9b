"""Reading a project file: bytes → plain data with a line for every field.

- `reader`: size, encoding and character checks, then `read_source` / `read_source_text`;
- `events`: plain data built from PyYAML's event stream, with positions and limits;
- `messages`: the French texts of every reading problem, and the limits they quote;
- `files`: the project files of the files and folders a command is given;
- `starter`: the commented starter project of `coopdocs init`, the shipped examples, and the
  starter's example values left in a project;
- `walk`: every leaf of plain data with its path, in file order;
- `roundtrip`: new data written back into the user's file (ruamel.yaml round trip), keeping
  its comments, order and quoting, refusing a file changed on disk meanwhile.
"""
