"""The pictures of the documents, drawn with matplotlib: `painter.PAINTER`.

- `circles`: the circles of engagement of the stakeholder map;
- `grid`: the influence × intérêt grid;
- `gantt`: the rétroplanning;
- `base`: page geometry and the helpers they share;
- `painter`: the three together, as the `Painter` the context takes.

Only `coopdocs.build` imports this package (matplotlib takes most of a second to load): the
context receives the painter as an argument.
"""
