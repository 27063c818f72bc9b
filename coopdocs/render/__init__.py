"""One document from a template and a context, to the bytes of a verified .docx.

- `templates`: where templates come from (built-in folder, override folders, extras);
- `template`: `PreparedTemplate`, a template read once and rendered many times;
- `sandbox`: the Jinja environment (sandboxed, strict, autoescaping, bounded);
- `rich`: docxtpl's rich tags (`{{r x }}`, `{{p x }}`) given plain text;
- `revisions`: a template's tracked changes, accepted as Word would;
- `guard`: the word-loss guard, after every render;
- `figures`: the context's pictures (tables, drawings) as WordprocessingML, held out of a part
  until it is checked;
- `xmltext`: text an XML part can hold (what every value and picture text goes through);
- `finish`: `french.finishing` applied to a rendered part in Word's markup (superscript
  ordinals, highlighted markers, lead-in lines kept with the next), or to a picture's runs as
  they are written;
- `verify`: checks on the output (well-formed, openable, no tag left behind);
- `explain`: why a render failed, in French, and where in the template;
- `package`: the .docx (zip) writer;
- `codecache`: compiled templates and their patched sources kept in the user's cache folder
  between runs.
"""
