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
    cities = {}
    for key, city in corpus.cities.items():
        cycles = []
        for cycle in city.cycles:
            shown = _shown(cycle, {s.place for s in _held_back(cycle, day)})
            if shown is None:
                continue
            cycles.append(shown)  # its document is still the cycle's: the sources go by path (`Corpus.source`)
        cities[key] = City(city.info, city.regulations, cycles)
    return replace(corpus, cities=cities)


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


def _shown(cycle: Cycle, held: set[tuple]) -> Cycle | None:
    """`cycle` without the records at the places `held` back (`_held_back`, so that the
    rule of what is dated when is written once), and with the corrections and withdrawals
    held back undone; None when it has records and all of them are held back."""
    if not held:
        return cycle
    notices = [_notice_shown(n, ("notices", i), held) for i, n in enumerate(cycle.notices) if ("notices", i) not in held]
    winners = [_as_corrected(w, ("winners", i), held) for i, w in enumerate(cycle.winners) if ("winners", i) not in held]
    revocations = [r for i, r in enumerate(cycle.revocations) if ("revocations", i) not in held]
    if not (notices or winners or revocations):
        return None
    return cycle.model_copy(update={"notices": notices, "winners": winners, "revocations": revocations})


def _notice_shown(notice, place: tuple, held: set[tuple]):
    """A notice as shown: its later corrections undone, its later withdrawals not yet made."""
    notice = _as_corrected(notice, place, held)
    if not any(p[:len(place) + 1] == place + ("candidates",) for p in held):
        return notice
    return notice.model_copy(update={"candidates": [
        c.model_copy(update={"withdrawn": None}) if place + ("candidates", j, "withdrawn") in held else c
        for j, c in enumerate(notice.candidates)]})


def _as_corrected(record, place: tuple, held: set[tuple]):
    """`record` as it read before its corrections held back: each undone, the latest
    first, so that the text before the earliest of them stands."""
    later = [j for j in range(len(record.corrections)) if place + ("corrections", j) in held]
    if not later:
        return record
    for j in sorted(later, key=lambda j: record.corrections[j].date, reverse=True):
        correction = record.corrections[j]
        record = _with_text(record, correction.field.split("."), correction.was)
    return record.model_copy(update={"corrections": [c for j, c in enumerate(record.corrections) if j not in later]})


def _with_text(record, path: list[str], text: str):
    """`record` with the text at the dotted `path` replaced (a copy; the records are frozen)."""
    head, rest = path[0], path[1:]
    value = text if not rest else _with_text(getattr(record, head), rest, text)
    return record.model_copy(update={head: value})
