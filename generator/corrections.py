"""Corrections: a published notice or winner is corrected in the open, never silently.

The record holds the current text; each entry of its `corrections` says when a
field changed, what it was and why, and the pages show both. Only the text of a record
can be corrected (`text_fields`): its titles, names, body, issuer, sector and the like,
not its id, kind, dates, numbers or addresses. The checks here run after `gather`, on
the complete set, in `check` and in `build` alike (a correction dated after today is not
refused: it is scheduled, `schedule.as_of`); `history.py` compares the records with their
last committed version, so that a text changed without a correction is refused.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .awards import winner_decided
from .collect import Corpus
from .errors import Problem
from .fieldtypes import alternatives, is_record, record_type
from .model import NOTICE_KINDS, ONE_LINE, Correction, Cycle, Notice, Winner
from .words import Words


@cache
def text_fields(model: type[BaseModel]) -> tuple[str, ...]:
    """The dotted paths of `model`'s free text (e.g. "title.zh", "objection.phone", "credit_code"):
    strings that are neither a choice from a list (`kind`), nor an id, nor an address;
    not the lists of a record (its corrections)."""
    return tuple(f"{name}{rest}" for name, info in model.model_fields.items()
                 for rest in _text_paths(info.annotation, info.metadata))


def _text_paths(annotation, metadata: list) -> list[str]:
    out = []
    for found, constraints in alternatives(annotation, tuple(metadata)):
        if is_record(found):
            out += ["." + path for path in text_fields(found)]
        elif found is str and _patterns(constraints) <= {ONE_LINE}:  # a pattern other than "one line": an id, a URL
            out.append("")
    return out


def _patterns(metadata) -> set[str]:
    found = set()
    for item in metadata:
        if isinstance(item, FieldInfo):
            found |= _patterns(item.metadata)
        elif isinstance(getattr(item, "pattern", None), str):
            found.add(item.pattern)
    return found


def text_at(record, field: str) -> str | None:
    """The record's text at the dotted `field` (e.g. "name.zh"), None where it has none."""
    value = record
    for part in field.split("."):
        value = getattr(value, part, None)
        if value is None:
            return None
    return value if isinstance(value, str) else None


def published_records(cycle: Cycle) -> list[tuple[tuple, Notice | Winner, dt.date | None]]:
    """The cycle's notices and winners, each with its place in the file and the day it is
    published (a winner's: its own date, else the award decision's; None if neither is known)."""
    out: list = [(("notices", i), n, n.published) for i, n in enumerate(cycle.notices)]
    return out + [(("winners", i), w, winner_decided(cycle, w)) for i, w in enumerate(cycle.winners)]


def correction_problems(corpus: Corpus) -> list[Problem]:
    """Every correction that cannot stand: a field that is not text, an old text equal
    to the current one, a date before the record was published. (One dated after today
    is scheduled: the site shows the old text until its day, `schedule.as_of`.)"""
    out: list[Problem] = []
    for city in corpus.cities.values():
        for cycle in city.cycles:
            doc = corpus.source(cycle)
            for place, record, published in published_records(cycle):
                fields = text_fields(type(record))
                for j, correction in enumerate(record.corrections):
                    at = place + ("corrections", j)
                    now = text_at(record, correction.field)
                    if correction.field not in fields:
                        out.append(doc.problem(at + ("field",), f"“{correction.field}”不是本记录的文字字段；可更正的字段：{'、'.join(fields)}",
                                               f"'{correction.field}' is not a text field of this record; the fields that can be "
                                               f"corrected: {', '.join(fields)}"))
                    elif now == correction.was:
                        out.append(doc.problem(at + ("was",), f"was 与现在的 {correction.field} 相同：请在记录中写更正后的内容，在 was 中写原来的内容",
                                               f"was equals the current {correction.field}: the record holds the corrected text, was the old one"))
                    if published is not None and correction.date < published:
                        out.append(doc.problem(at + ("date",), f"更正日期 {correction.date} 早于发布日期 {published}",
                                               f"the correction is dated {correction.date}, before the record's date {published}"))
    return out


def corrected(record: Notice | Winner) -> list[tuple[Correction, str | None]]:
    """The record's corrections, oldest first, each with the text it put in place: the
    `was` of the next correction of that field, else the record's current text."""
    ordered = sorted(record.corrections, key=lambda c: c.date)
    return [(c, next((d.was for d in ordered[i + 1:] if d.field == c.field), text_at(record, c.field)))
            for i, c in enumerate(ordered)]


@dataclass(frozen=True)
class Stale:
    """A winner's corrected name whose old text a notice of its cycle still gives."""

    cycle: Cycle
    place: tuple  # the body that holds it: ("notices", i, "body", "zh")
    notice: Notice
    winner: Winner
    correction: Correction

    def says(self) -> Words:
        w, c, n = self.winner, self.correction, self.notice
        return Words(f"获奖者“{w.id}”的 {c.field} 已于 {c.date} 更正，原文“{c.was}”仍见于通知“{n.id}”的正文；请一并更正（在该通知的 corrections 中记录）",
                     f"winner '{w.id}': {c.field} was corrected on {c.date}, but the old text '{c.was}' still stands in the body "
                     f"of notice '{n.id}'; correct it there too (with a corrections entry on that notice)")


def stale_texts(corpus: Corpus) -> list[Stale]:
    """Each corrected name (`name.zh`, `name.en`) whose old text still stands in the body
    of a notice of the same cycle, other than a correction notice, which quotes it."""
    out = []
    for city in corpus.cities.values():
        for cycle in city.cycles:
            names = [(w, c) for w in cycle.winners for c in w.corrections if c.field.startswith("name.")]
            for i, notice in enumerate(cycle.notices):
                # a correction's kind (model.NoticeKind.corrects) quotes the text it corrects on purpose
                if not names or notice.body is None or NOTICE_KINDS[notice.kind].corrects:
                    continue
                for lang in ("zh", "en"):
                    body = getattr(notice.body, lang)
                    for winner, correction in names:
                        now = text_at(winner, correction.field)
                        # an old text inside the new one ("示例公" in "示例公司") counts only outside it
                        rest = body.replace(now, "\n\n") if now and correction.was in now else body
                        if correction.was in rest:
                            out.append(Stale(cycle, ("notices", i, "body", lang), notice, winner, correction))
    return out


def field_label(model, field: str, lang: str) -> str:
    """The corrected field in words, from the schema's own descriptions:
    ("objection.phone", "en") → "how to object · telephone"."""
    labels, current = [], model
    for part in field.split("."):
        info = getattr(current, "model_fields", {}).get(part)
        if info is None:
            return field
        labels.append(Words.from_joined(info.description or part)[lang])
        current = record_type(info.annotation)
    return " · ".join(labels)


def correction_label(model_name: str, field: str, lang: str) -> str:
    """`field_label` for templates, which name the record type ("Notice", "Winner")."""
    from . import model

    return field_label(getattr(model, model_name), field, lang)
