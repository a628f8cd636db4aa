"""Working-day periods of notices: the official calendar (holidays off, make-up days
on), the day-1 convention, the year boundary, provisional years, and the status and
working days left as of a day."""

from __future__ import annotations

import datetime as dt

import pytest

from generator.calendar import WorkCalendar
from generator.model import Notice
from generator.periods import notice_period

D = dt.date.fromisoformat
CALENDAR = WorkCalendar()


def publicity(published: str, working_days: int | None = None, **extra) -> Notice:
    return Notice(id="n", kind="proposed_winners", title={"zh": "公示", "en": "Publicity"}, published=D(published),
                  working_days=working_days, **{k: D(v) if k in ("end", "deadline") else v for k, v in extra.items()})


@pytest.mark.parametrize("published, days, end, why", [
    ("2026-02-10", 7, "2026-02-25", "Spring Festival 2026: 02-14 (Sat) is a make-up day, 02-15..23 off"),
    ("2025-09-26", 7, "2025-10-11", "National Day 2025: 09-28 (Sun) and 10-11 (Sat) are make-up days, 10-01..08 off"),
    ("2026-02-27", 2, "2026-02-28", "a make-up Saturday counts"),
    ("2025-12-29", 5, "2026-01-05", "year boundary: 01-01..03 off, 01-04 (Sun) a make-up day"),
    ("2026-11-23", 5, "2026-11-27", "published on a Monday: day 1 is the publication day"),
    ("2026-11-21", 5, "2026-11-27", "published on a Saturday: day 1 is the next working day"),
])
def test_publicity_end_on_the_official_calendar(published, days, end, why):
    period = notice_period(publicity(published, days), CALENDAR)
    assert period.end == D(end), why
    assert period.working_days == days
    assert not period.provisional


def test_counting_from_the_next_working_day_moves_the_end():
    period = notice_period(publicity("2026-11-23", 5, counting="from_next_working_day"), CALENDAR)
    assert period.end == D("2026-11-30")
    assert period.days[0] == D("2026-11-24")


def test_a_period_running_into_2027_is_provisional():
    period = notice_period(publicity("2026-12-29", 5), CALENDAR)
    assert period.end == D("2027-01-05")  # 01-01 is a fixed holiday; the rest of 2027 is unknown
    assert period.provisional


def test_an_explicit_end_counts_its_working_days():
    period = notice_period(publicity("2025-09-26", end="2025-09-29"), CALENDAR)
    assert period.working_days == 3  # 09-26, 09-28 (make-up Sunday), 09-29


@pytest.mark.parametrize("today, status, left", [
    ("2026-11-18", "upcoming", None),
    ("2026-11-19", "open", 5),
    ("2026-11-21", "open", 3),  # a Saturday: the days left start on Monday
    ("2026-11-23", "open", 3),
    ("2026-11-25", "open", 1),
    ("2026-11-26", "closed", None),
])
def test_status_and_days_left_as_of_a_day(today, status, left):
    period = notice_period(publicity("2026-11-19", 5), CALENDAR)
    assert period.status(D(today)) == status
    if left is not None:
        assert period.days_left(D(today)) == left


def test_a_submission_deadline_is_open_until_its_day():
    notice = Notice(id="call", kind="call_for_applications", title={"zh": "通知", "en": "Call"},
                    published=D("2026-10-15"), deadline=D("2026-12-31"))
    period = notice_period(notice, CALENDAR)
    assert period.kind == "deadline"
    assert period.status(D("2026-12-31")) == "open" and period.status(D("2027-01-01")) == "closed"
    assert period.days_left(D("2026-12-30")) == 2
