"""Notice periods on the working-day calendar, and their status as of a day.

A notice has a submission `deadline`, or a publicity period of `working_days`
(its end computed), or an explicit `end`; a publicity notice whose source does not
state its period says `working_days: unknown` and has no period here. Counting follows `calendar.py`: the
publication day is day 1 when it is a working day, unless the notice says
`counting: from_next_working_day`. A period is upcoming before its publication
day, open from then to the end of its last day (Asia/Shanghai), closed after.
The page carries the period's working days as ISO dates so the browser can
recount the days left without a holiday table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from . import paths
from .calendar import WorkCalendar
from .model import NOTICE_KINDS, UNKNOWN, Cycle, Notice, NoticeKind

PERIOD_STATUSES = ("upcoming", "open", "closed")  # labels: strings.yaml "period.<status>" (the notices filter)


@dataclass(frozen=True)
class Period:
    """A notice's period with the working days in it."""

    kind: str  # one of model.PERIOD_KINDS: "deadline" (submissions) or "publicity" (objections)
    start: dt.date  # the publication day: the period is open from this day
    end: dt.date  # last day, included
    days: tuple[dt.date, ...]  # the working days counted, in order
    provisional: bool  # a year without an official schedule was used

    @property
    def working_days(self) -> int:
        return len(self.days)

    def status(self, today: dt.date) -> str:
        if today < self.start:
            return "upcoming"
        return "open" if today <= self.end else "closed"

    def days_left(self, today: dt.date) -> int:
        """Working days from `today` to the end, both included."""
        return sum(day >= today for day in self.days)


def counting_start(notice: Notice) -> dt.date:
    """The first day that may count as day 1."""
    return notice.published + dt.timedelta(days=1) if notice.counting == "from_next_working_day" else notice.published


def counted_end(notice: Notice, calendar: WorkCalendar) -> dt.date | None:
    """The end that `working_days` gives (None without a count, or where it is `unknown`)."""
    if not isinstance(notice.working_days, int):
        return None
    return calendar.period_end(counting_start(notice), notice.working_days).end


def notice_period(notice: Notice, calendar: WorkCalendar) -> Period | None:
    """The notice's period, or None when it states none (or its source does not:
    `working_days: unknown`, which `NoticeView.period_not_stated` tells apart)."""
    if notice.deadline is not None:
        kind, end = "deadline", notice.deadline
    elif isinstance(notice.working_days, int) or notice.end is not None:
        kind, end = "publicity", notice.end or counted_end(notice, calendar)
    else:
        return None
    first = counting_start(notice)
    days, day = [], first
    while day <= end:
        if calendar.is_working_day(day):
            days.append(day)
        day += dt.timedelta(days=1)
    provisional = any(not calendar.is_official(year) for year in range(first.year, end.year + 1))
    return Period(kind, notice.published, end, tuple(days), provisional)


@dataclass(frozen=True)
class NoticeView:
    """A notice in its city and cycle, with its period and status as of `today`."""

    city: str
    cycle: Cycle
    notice: Notice
    period: Period | None
    status: str | None  # None for a notice without a period
    days_left: int | None  # working days left while open

    @property
    def period_not_stated(self) -> bool:
        """A publicity notice transcribed from a source that does not state its period
        (`working_days: unknown`): shown as such, with no status, end or finding."""
        return self.notice.working_days == UNKNOWN

    @property
    def kind(self) -> NoticeKind:
        """What the notice's kind does: its period, what it lists or decides."""
        return NOTICE_KINDS[self.notice.kind]

    @property
    def step(self) -> tuple:
        """Where the notice stands in a cycle's timeline: by its kind's step, then by date."""
        return (self.kind.step, self.notice.published, self.notice.id)

    @property
    def path(self) -> str:
        """The notice's page, under the language root."""
        return paths.notice(self.city, self.cycle.cycle, self.notice.id)


def notice_views(cycles: list[Cycle], calendar: WorkCalendar, today: dt.date) -> list[NoticeView]:
    """Every notice of `cycles`, newest first (then by city, cycle and id)."""
    out = []
    for cycle in cycles:
        for notice in cycle.notices:
            period = notice_period(notice, calendar)
            status = period.status(today) if period else None
            left = period.days_left(today) if status == "open" else None
            out.append(NoticeView(cycle.city, cycle, notice, period, status, left))
    out.sort(key=lambda v: (v.city, v.cycle.cycle, v.notice.id))
    return sorted(out, key=lambda v: v.notice.published, reverse=True)
