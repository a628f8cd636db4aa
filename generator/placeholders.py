"""The placeholder a skeleton leaves for the office to fill in, and the check that none is left.

`awardsite new` (scaffold.py) writes skeletons whose every value the office must supply
is "待填写" / "to fill in"; gathering (collect.py) reports each one still there as "still a
placeholder", so nothing half-filled is published. Both read this module, so gathering
does not depend on the command that writes skeletons.
"""

from __future__ import annotations

from .errors import Problem
from .load import Document

PLACEHOLDER_ZH = "待填写"
PLACEHOLDER_EN = "to fill in"


def placeholder_problems(doc: Document) -> list[Problem]:
    """A problem for every text still holding a placeholder of a skeleton."""
    out: list[Problem] = []

    def walk(value, place):
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, place + (key,))
        elif isinstance(value, list):
            for i, inner in enumerate(value):
                walk(inner, place + (i,))
        elif isinstance(value, str) and (PLACEHOLDER_ZH in value or PLACEHOLDER_EN in value):
            out.append(doc.problem(place, f"仍是占位内容“{PLACEHOLDER_ZH}”：请填写实际内容",
                                   f"still a placeholder ('{PLACEHOLDER_EN}'): write the actual text"))

    walk(doc.data, ())
    return out
