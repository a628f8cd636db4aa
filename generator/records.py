"""The records as of a day, worked out once: each regulation version's status, every
notice with its period, every winner's standing, every revocation with its ban, every
finding. The pages (render) and the exports (feeds, calendars, open data) both read
this one object.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property

from .awards import revocation_views, winner_views
from .collect import Corpus
from .derive import regulation_views
from .findings import Subject, findings, measurable
from .periods import notice_views


def grouped(items: Iterable, key: Callable) -> dict[object, list]:
    """`items` by `key`, each group in the order of `items`."""
    groups: dict[object, list] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return groups


@dataclass(frozen=True)
class AwardRecords:
    """What the cycle pages and the exports show, worked out once for both languages."""

    notices: list  # NoticeView, newest first
    winners: dict  # (city, winner id) → WinnerView
    revocations: list  # RevocationView, newest first
    findings: list  # Finding
    measurable: dict  # (city, cycle id) → whether findings could be computed
    regulations: dict  # (city, version) → RegulationView: its status as of the day

    # Each city's share of the lists above, in the same order: a city's page asks for
    # its own rows thousands of times, and the whole lists grow with the country.
    @cached_property
    def _notices_by_city(self) -> dict:
        return grouped(self.notices, lambda v: v.city)

    @cached_property
    def _winners_by_city(self) -> dict:
        return {city: [view for _, view in pairs] for city, pairs in grouped(self.winners.items(), lambda kv: kv[0][0]).items()}

    @cached_property
    def _findings_by_cycle(self) -> dict:
        return grouped(self.findings, lambda f: (f.cycle.city, f.cycle.cycle))

    @cached_property
    def _revocations_by_city(self) -> dict:
        return grouped(self.revocations, lambda v: v.cycle.city)

    def notices_of(self, city: str, cycle: str | None = None) -> list:
        return [v for v in self._notices_by_city.get(city, []) if cycle in (None, v.cycle.cycle)]

    def winners_of(self, city: str, cycle: str | None = None) -> list:
        return [v for v in self._winners_by_city.get(city, []) if cycle in (None, v.cycle.cycle)]

    def revocations_of(self, city: str, cycle: str | None = None) -> list:
        return [v for v in self._revocations_by_city.get(city, []) if cycle in (None, v.cycle.cycle)]

    def findings_of(self, city: str, cycle: str, subject: Subject | None = None) -> list:
        """A cycle's findings, or those about one of its records (`Subject.notice(id)` …)."""
        return [f for f in self._findings_by_cycle.get((city, cycle), []) if subject in (None, f.subject)]

    def open_notices(self) -> list:
        return [v for v in self.notices if v.status == "open" and v.kind.takes_objections]

    def upcoming_deadlines(self) -> list:
        return sorted((v for v in self.notices if v.status in ("open", "upcoming")), key=lambda v: (v.period.end, v.city))

    def latest_decisions(self, today: dt.date, limit: int = 6) -> list:
        """The newest notices that decide something (who won, whose award is revoked)."""
        return [v for v in self.notices if v.kind.decides and v.notice.published <= today][:limit]


def award_records(corpus: Corpus, today: dt.date) -> AwardRecords:
    calendar = corpus.work_calendar()
    cycles = [c for city in corpus.cities.values() for c in city.cycles]
    notices, winners = notice_views(cycles, calendar, today), winner_views(corpus, today)
    revocations = revocation_views(corpus, winners)
    return AwardRecords(notices, winners, revocations, findings(corpus, notices, winners, revocations),
                        {(c.city, c.cycle): measurable(corpus, c) for c in cycles}, regulation_views(corpus, today))
