"""One document from a template and a context, to the bytes of a verified .docx.

- `templates`: where templates come from (built-in folder, override folders, extras);
- `template`: `PreparedTemplate`, a template read once and rendered many times;
- `sandbox`: the Jinja environment (sandboxed, strict, autoescaping, bounded);
- `figures`: the context's pictures (tables, drawings) as WordprocessingML;
- `verify`: checks on the output (well-formed, openable, no tag left behind);
- `explain`: why a render failed, in French, and where in the template;
- `package`: the .docx (zip) writer.
"""
