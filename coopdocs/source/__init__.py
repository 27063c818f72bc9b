"""Reading a project file: bytes → plain data with a line for every field.

- `reader`: size, encoding and character checks, then `read_source` / `read_source_text`;
- `events`: plain data built from PyYAML's event stream, with positions and limits;
- `messages`: the French texts of every reading problem, and the limits they quote;
- `starter`: the commented starter project of `coopdocs init`.
"""
