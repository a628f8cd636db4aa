"""Working days on the official PRC calendar.

Weekends and statutory holidays are off; make-up working days (调休) on weekends
are on. The schedule of each year comes from python-holidays' China calendar,
or, where an office has committed one, from `content/calendar/<year>.yaml`, which
then replaces the library's schedule for that year. A year with neither is
counted on weekends and the library's fixed-date holidays only, and every result
that touches it is marked **provisional**.

Counting convention (stated on the site): a period of N working days that starts
on a working day counts that day as day 1; one that starts on a day off starts
counting on the next working day. The period ends at the end of its Nth working
day, Asia/Shanghai time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from zoneinfo import ZoneInfo

import holidays

from .model import CalendarYear

SHANGHAI = ZoneInfo("Asia/Shanghai")  # every date of the site is a day in Beijing time


@dataclass(frozen=True)
class PeriodEnd:
    """The last day of a working-day period, and whether an unofficial year was used."""

    end: dt.date
    provisional: bool


class WorkCalendar:
    """The official calendar: library schedules overlaid with committed overrides."""

    def __init__(self, overrides: list[CalendarYear] = ()):
        self._overrides = {o.year: o for o in overrides}
        self._years: dict[int, tuple[frozenset, frozenset]] = {}

    @cached_property
    def _library_official_years(self) -> frozenset[int]:
        # python-holidays lists, per year, the State Council's substituted days off:
        # a year appears once its schedule has been published and added.
        return frozenset(holidays.China().special_public_holidays)

    def is_official(self, year: int) -> bool:
        """Whether the State Council's schedule for `year` is known here."""
        return year in self._overrides or year in self._library_official_years

    def _schedule(self, year: int) -> tuple[frozenset, frozenset]:
        if year not in self._years:
            if year in self._overrides:
                o = self._overrides[year]
                self._years[year] = (frozenset(o.holidays), frozenset(o.workdays))
            else:
                lib = holidays.China(years=year)
                days_off = frozenset(lib)
                workdays = frozenset(d for d in lib.weekend_workdays if d.year == year)
                self._years[year] = (days_off, workdays)
        return self._years[year]

    def is_working_day(self, day: dt.date) -> bool:
        days_off, workdays = self._schedule(day.year)
        if day in workdays:
            return True
        return day.weekday() < 5 and day not in days_off

    def period_end(self, start: dt.date, working_days: int) -> PeriodEnd:
        """The last day of a period of `working_days` working days starting on `start`."""
        if working_days < 1:
            raise ValueError("a period has at least one working day")
        day, counted = start, 0
        provisional = not self.is_official(start.year)
        while True:
            if self.is_working_day(day):
                counted += 1
                if counted == working_days:
                    return PeriodEnd(day, provisional)
            day += dt.timedelta(days=1)
            provisional = provisional or not self.is_official(day.year)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days from `start` to `end`, both included."""
        count, day = 0, start
        while day <= end:
            count += self.is_working_day(day)
            day += dt.timedelta(days=1)
        return count
