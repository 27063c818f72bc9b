"""`coopdocs serve`: the trame as a guided web page over the same project file.

A second door into the same house: the page reads, checks, saves and builds a project with the
library's own functions, so it says what `coopdocs validate` says and builds what `coopdocs
build` builds.

- `forms`: the forms of the ten steps, generated from the schema, and the data a submitted
  form gives back (only what the person changed);
- `workspace`: the served folder or file: its projects, reading, checking, saving through
  `source.roundtrip`, building through `build.batch`, the documents to download;
- `guard`: the host check, the token in the address and its cookie, the size limit, the CSRF
  token of every write;
- `app`: the Starlette application: routes, pages (`templates/`, `static/`), French errors;
- `server`: the socket on 127.0.0.1 and uvicorn.
"""
