"""The starter's example values left in a project: `coopdocs init` writes "[Nom du projet]",
"000 000 000 00000"… for the user to replace, and documents must never be signed with them.

A warning (so that `init` then `build` still works and shows where they are); `--strict`
refuses them, and `progress` counts a step that still holds one as not done.
"""

from __future__ import annotations

from typing import Any

from coopdocs.check.rules.base import inputs, warning
from coopdocs.errors import Problem
from coopdocs.source.starter import placeholders

__all__ = ["CODE", "check_placeholders"]

CODE = "valeur-exemple"


@inputs()
def check_placeholders(data: dict[str, Any]) -> list[Problem]:
    return [
        warning(
            CODE,
            path,
            f"Valeur d'exemple laissée : « {value} ».",
            "Remplacez-la par celle du projet.",
        )
        for path, value in placeholders(data)
    ]
