"""Corrections: a published notice or winner is corrected in the open, never silently.

The record holds the current text; each entry of its `corrections` says when a
field changed, what it was and why, and the pages show both. The checks here need
`today` (a correction cannot be dated in the future), so they run after `gather`,
on the complete set, in `check` and in `build` alike.
"""

from __future__ import annotations

import datetime as dt

from .awards import winner_decided
from .collect import Corpus
from .errors import Problem


def current_text(record, field: str) -> str | None:
    """The record's current value at the dotted `field` (e.g. "name.zh"), if it is text."""
    value = record
    for part in field.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value if isinstance(value, str) else None


def correction_problems(corpus: Corpus) -> list[Problem]:
    """Every correction that cannot stand: a field that is not text, an old text equal
    to the current one, a date before the record was published. (One dated after today
    is scheduled: the site shows the old text until its day, `schedule.as_of`.)"""
    out: list[Problem] = []
    for city in corpus.cities.values():
        for cycle in city.cycles:
            doc = corpus.sources[id(cycle)]
            records = [(("notices", i), n, n.published) for i, n in enumerate(cycle.notices)]
            records += [(("winners", i), w, winner_decided(cycle, w)) for i, w in enumerate(cycle.winners)]
            for place, record, published in records:
                for j, correction in enumerate(record.corrections):
                    at = place + ("corrections", j)
                    now = current_text(record, correction.field)
                    if now is None:
                        out.append(doc.problem(at + ("field",), f"“{correction.field}”不是本记录的文字字段（如 name.zh、title.en）",
                                               f"'{correction.field}' is not a text field of this record (e.g. name.zh, title.en)"))
                    elif now == correction.was:
                        out.append(doc.problem(at + ("was",), f"was 与现在的 {correction.field} 相同：请在记录中写更正后的内容，在 was 中写原来的内容",
                                               f"was equals the current {correction.field}: the record holds the corrected text, was the old one"))
                    if published is not None and correction.date < published:
                        out.append(doc.problem(at + ("date",), f"更正日期 {correction.date} 早于发布日期 {published}",
                                               f"the correction is dated {correction.date}, before the record's date {published}"))
    return out


def field_label(model, field: str, lang: str) -> str:
    """The corrected field in words, from the schema's own descriptions:
    ("objection.phone", "en") → "how to object · telephone"."""
    labels, current = [], model
    for part in field.split("."):
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return field
        zh, _, en = (info.description or part).partition(" / ")
        labels.append(zh if lang == "zh" else (en or zh))
        current = info.annotation if isinstance(info.annotation, type) else next(
            (a for a in getattr(info.annotation, "__args__", ()) if isinstance(a, type) and hasattr(a, "model_fields")), None)
    return " · ".join(labels)


def correction_label(model_name: str, field: str, lang: str) -> str:
    """`field_label` for templates, which name the record type ("Notice", "Winner")."""
    from . import model

    return field_label(getattr(model, model_name), field, lang)
