"""The trame méthodologique: where a project stands on its ten steps, and what comes next.

- `steps`: the ten steps of `data/trame.yaml`;
- `reading`: defensive access to raw project data, and the findings of a step;
- `checks`: one check per step;
- `evaluate`: `progress(path)` and `assess(source)`, the report of a project file;
- `report`: the report as data, and its JSON shape;
- `output`: the report as terminal text, markdown or JSON;
- `roadmap`: the report as the context of the Word feuille de route.
"""
