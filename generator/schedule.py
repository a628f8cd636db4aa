"""What the public may see on a day: nothing before its date.

A notice appears on its publication day, a winner on the day of the decision that
awards it, a revocation on the day it is decided, a correction on its date (until
then the record shows the text it corrects), a candidate's withdrawal on its date.
`as_of(corpus, day)` is the corpus as the site shows it that day: the pages, feeds,
calendars, open data and search are all made from it, so no output can show a record
early. `scheduled(corpus, day)` lists what is held back, for `check`; the daily
rebuild publishes each record on its day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from .awards import winner_decided
from .collect import City, Corpus
from .model import Correction, Cycle, Winner


@dataclass(frozen=True)
class Scheduled:
    """A record dated after the day: where it is in its cycle's file, and when it appears."""

    cycle: Cycle
    place: tuple  # ("notices", 2), ("winners", 0, "corrections", 1) …
    zh: str
    en: str
    day: dt.date


def winner_day(cycle: Cycle, winner: Winner) -> dt.date | None:
    """The day a winner may be shown: its decision's (or its own `decided`); for one
    transcribed from a report without a date, the report's; None when nothing dates it."""
    decided = winner_decided(cycle, winner)
    if decided is not None:
        return decided
    return next((s.published for s in cycle.sources if s.url == winner.source_url and s.published), None)


def scheduled(corpus: Corpus, day: dt.date) -> list[Scheduled]:
    """Every record of the corpus dated after `day`, in file order."""
    out = []
    for city in corpus.cities.values():
        for cycle in city.cycles:
            out += _held_back(cycle, day)
    return out


def as_of(corpus: Corpus, day: dt.date) -> Corpus:
    """The corpus as the site shows it on `day`: records dated after it left out, a
    correction dated after it undone, a cycle whose every record is still to come left
    out. The records are the same objects wherever nothing changed."""
    cities, sources = {}, dict(corpus.sources)
    for key, city in corpus.cities.items():
        cycles = []
        for cycle in city.cycles:
            shown = _shown(cycle, day)
            if shown is None:
                continue
            sources[id(shown)] = corpus.sources[id(cycle)]
            cycles.append(shown)
        cities[key] = City(city.info, city.regulations, cycles)
    return replace(corpus, cities=cities, sources=sources)


def _held_back(cycle: Cycle, day: dt.date) -> list[Scheduled]:
    out = []
    for i, notice in enumerate(cycle.notices):
        if notice.published > day:
            out.append(Scheduled(cycle, ("notices", i), f"通知《{notice.title.zh}》", f"the notice '{notice.title.en}'", notice.published))
            continue
        out += _corrections_held_back(cycle, ("notices", i), notice.corrections, day)
        for j, candidate in enumerate(notice.candidates):
            if candidate.withdrawn is not None and candidate.withdrawn.date > day:
                out.append(Scheduled(cycle, ("notices", i, "candidates", j, "withdrawn"), f"{candidate.name.zh} 的撤回",
                                     f"the withdrawal of {candidate.name.zh}", candidate.withdrawn.date))
    for i, winner in enumerate(cycle.winners):
        shown_on = winner_day(cycle, winner)
        if shown_on is not None and shown_on > day:
            out.append(Scheduled(cycle, ("winners", i), f"获奖者 {winner.name.zh}", f"the winner {winner.name.zh}", shown_on))
            continue
        out += _corrections_held_back(cycle, ("winners", i), winner.corrections, day)
    for i, revocation in enumerate(cycle.revocations):
        if revocation.decided > day:
            out.append(Scheduled(cycle, ("revocations", i), f"对 {revocation.winner} 的撤销决定",
                                 f"the revocation of {revocation.winner}", revocation.decided))
    return out


def _corrections_held_back(cycle: Cycle, place: tuple, corrections: list[Correction], day: dt.date) -> list[Scheduled]:
    return [Scheduled(cycle, place + ("corrections", j), f"对 {c.field} 的更正", f"the correction of {c.field}", c.date)
            for j, c in enumerate(corrections) if c.date > day]


def _shown(cycle: Cycle, day: dt.date) -> Cycle | None:
    """`cycle` as shown on `day`; None when it has records and all are still to come."""
    notices = [_as_corrected(n, day) for n in cycle.notices if n.published <= day]
    notices = [n.model_copy(update={"candidates": [_withdrawal_shown(c, day) for c in n.candidates]}) if n.candidates else n
               for n in notices]
    winners = [_as_corrected(w, day) for w in cycle.winners if (winner_day(cycle, w) or day) <= day]
    revocations = [r for r in cycle.revocations if r.decided <= day]
    had = cycle.notices or cycle.winners or cycle.revocations
    if had and not (notices or winners or revocations):
        return None
    if (notices, winners, revocations) == (cycle.notices, cycle.winners, cycle.revocations):
        return cycle
    return cycle.model_copy(update={"notices": notices, "winners": winners, "revocations": revocations})


def _withdrawal_shown(candidate, day: dt.date):
    if candidate.withdrawn is not None and candidate.withdrawn.date > day:
        return candidate.model_copy(update={"withdrawn": None})
    return candidate


def _as_corrected(record, day: dt.date):
    """`record` as it read on `day`: each correction dated after it undone (the latest
    first, so that the text before the earliest of them stands)."""
    later = sorted((c for c in record.corrections if c.date > day), key=lambda c: c.date, reverse=True)
    if not later:
        return record
    for correction in later:
        record = _with_text(record, correction.field.split("."), correction.was)
    return record.model_copy(update={"corrections": [c for c in record.corrections if c.date <= day]})


def _with_text(record, path: list[str], text: str):
    """`record` with the text at the dotted `path` replaced (a copy; the records are frozen)."""
    head, rest = path[0], path[1:]
    value = text if not rest else _with_text(getattr(record, head), rest, text)
    return record.model_copy(update={head: value})
