"""What a browser submits for a form of the page, built from the page's own fields."""

from __future__ import annotations

from coopdocs.serve.forms import Field


def submitted(fields: list[Field]) -> dict[str, list[str]]:
    """The form data a browser sends for `fields` left as they are shown."""
    form: dict[str, list[str]] = {}

    def add(name: str, value: str) -> None:
        form.setdefault(name, []).append(value)

    def walk(field: Field) -> None:
        if field.kind == "bloc":
            for child in field.children:
                walk(child)
        elif field.kind == "liste":
            add(f"{field.name}._n", str(len(field.children)))
            for element in field.children:
                add(f"{element.name}._origine", str(element.origin))
                for child in element.children:
                    walk(child)
        elif field.kind == "cases":
            add(f"{field.name}._liste", "1")
            for value in field.values:
                add(field.name, value)
        elif field.kind == "lignes":
            add(f"{field.name}._liste", "1")
            add(field.name, field.value)
        elif field.kind != "brut":
            add(field.name, field.value)

    for field in fields:
        walk(field)
    return form
