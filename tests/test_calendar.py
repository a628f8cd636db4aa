"""Working days on the official PRC calendar, and the end of an N-working-day period.

Day 1 is the publication day when it is a working day, else the next working day.
Dates checked against the State Council's schedules (国务院办公厅关于2025年、2026年部分节假日安排的通知):
2025 make-up workdays 01-26, 02-08, 04-27, 09-28, 10-11; 2026 make-up workdays
01-04, 02-14, 02-28, 05-09, 09-20, 10-10; 2027 not yet published.
"""

from __future__ import annotations

import datetime as dt

import pytest

from generator.calendar import WorkCalendar
from generator.model import CalendarYear, Label

D = dt.date.fromisoformat
CAL = WorkCalendar()


@pytest.mark.parametrize("day", ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
                                 "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10"])
def test_make_up_weekend_days_are_working_days(day):
    assert D(day).weekday() >= 5
    assert CAL.is_working_day(D(day))


@pytest.mark.parametrize("first,last", [("2026-01-01", "2026-01-03"), ("2026-02-15", "2026-02-23"),
                                        ("2026-04-04", "2026-04-06"), ("2026-05-01", "2026-05-05"),
                                        ("2026-06-19", "2026-06-21"), ("2026-09-25", "2026-09-27"),
                                        ("2026-10-01", "2026-10-07")])
def test_2026_official_holidays_are_days_off(first, last):
    day = D(first)
    while day <= D(last):
        assert not CAL.is_working_day(day), day
        day += dt.timedelta(days=1)


@pytest.mark.parametrize("start,days,end,why", [
    # Spring Festival 2025: off 01-28..02-04; Sunday 01-26 and Saturday 02-08 are worked.
    ("2025-01-24", 5, "2025-02-06", "Fri 24, Sun 26 (make-up), Mon 27, then Wed 5 and Thu 6 Feb"),
    ("2025-02-07", 2, "2025-02-08", "Friday, then the make-up Saturday"),
    # National Day 2025: off 10-01..10-08; Sunday 09-28 and Saturday 10-11 are worked.
    ("2025-09-26", 5, "2025-10-09", "Fri 26, Sun 28 (make-up), Mon 29, Tue 30, then Thu 9 Oct"),
    ("2025-10-09", 3, "2025-10-11", "Thu 9, Fri 10, make-up Sat 11"),
    # Spring Festival 2026: off 02-15..02-23; Saturdays 02-14 and 02-28 are worked.
    ("2026-02-12", 5, "2026-02-25", "Thu 12, Fri 13, Sat 14 (make-up), then Tue 24, Wed 25"),
    ("2026-02-26", 3, "2026-02-28", "Thu 26, Fri 27, make-up Sat 28"),
    # National Day 2026: off 10-01..10-07; Sunday 09-20 and Saturday 10-10 are worked.
    ("2026-09-30", 5, "2026-10-12", "Wed 30, Thu 8, Fri 9, Sat 10 (make-up), Mon 12"),
    ("2026-09-18", 2, "2026-09-20", "Fri 18, make-up Sun 20"),
    # Published on a day off: counting starts on the next working day.
    ("2026-10-03", 1, "2026-10-08", "a holiday Saturday: day 1 is Thu 8 Oct"),
    ("2026-11-21", 5, "2026-11-27", "an ordinary Saturday: Mon 23 to Fri 27"),
    # A period across the year boundary (2026-01-01..03 off, Sun 01-04 worked).
    ("2025-12-29", 5, "2026-01-05", "Mon 29, Tue 30, Wed 31, Sun 4 (make-up), Mon 5"),
])
def test_period_end_on_official_years(start, days, end, why):
    result = CAL.period_end(D(start), days)
    assert result.end == D(end), why
    assert result.provisional is False


def test_day_one_is_the_publication_day_when_it_is_a_working_day():
    assert CAL.period_end(D("2026-11-23"), 1).end == D("2026-11-23")


def test_a_2027_deadline_is_provisional():
    result = CAL.period_end(D("2027-03-01"), 5)
    assert result.end == D("2027-03-05")
    assert result.provisional is True


def test_a_period_running_into_2027_is_provisional():
    result = CAL.period_end(D("2026-12-28"), 7)
    assert result.end == D("2027-01-06")  # 28-31 Dec, then 2027-01-01 (New Year) off
    assert result.provisional is True


def test_an_override_file_replaces_the_library_for_its_year():
    schedule = CalendarYear(year=2027, holidays=[D("2027-03-02")], workdays=[D("2027-03-06")],
                            source=Label(zh="测试用日程", en="a schedule made up for this test"))
    cal = WorkCalendar([schedule])
    assert cal.is_official(2027)
    assert not cal.is_working_day(D("2027-03-02"))
    assert cal.is_working_day(D("2027-03-06"))
    result = cal.period_end(D("2027-03-01"), 5)
    assert result == type(result)(D("2027-03-06"), False)


def test_working_days_between_counts_both_ends():
    assert CAL.working_days_between(D("2026-09-30"), D("2026-10-12")) == 5
