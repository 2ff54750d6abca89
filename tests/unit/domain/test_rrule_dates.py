"""The dates of an RRULE body from an anchor: parts, month-end clamping and the shared series."""

from __future__ import annotations

from calendar import monthrange
from datetime import date, timedelta
from itertools import islice

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.domain.rrule_dates import (
    build_rrule,
    estimated_per_day,
    month_day,
    rule_parts,
    series,
    value_count,
)


def test_rule_parts_and_value_counts() -> None:
    parts = rule_parts("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR;")
    assert parts == {"FREQ": "WEEKLY", "INTERVAL": "2", "BYDAY": "MO,WE,FR"}
    assert value_count(parts, "BYDAY") == 3
    assert value_count(parts, "BYMONTH") == 1  # absent: one


@pytest.mark.parametrize(
    ("day", "month", "by"),
    [
        (15, 0, "BYMONTHDAY=15"),
        (28, 0, "BYMONTHDAY=28"),
        (31, 0, "BYMONTHDAY=28,29,30,31;BYSETPOS=-1"),
        (29, 2, "BYMONTHDAY=28,29;BYSETPOS=-1"),  # Feb 29: Feb 28 in common years
        (31, 1, "BYMONTHDAY=31"),  # January always has the 31st
        (30, 4, "BYMONTHDAY=30"),
    ],
)
def test_month_day_falls_on_the_last_day_of_shorter_months(day: int, month: int, by: str) -> None:
    assert month_day(day, month) == by


def test_weeks_start_on_monday_unless_the_rule_says_otherwise() -> None:
    anchor = date(2026, 11, 4)  # a Wednesday
    monday_weeks = build_rrule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU", anchor)
    sunday_weeks = build_rrule("FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,SU;WKST=SU", anchor)
    assert [m.date() for m in islice(monday_weeks, 3)] == [
        date(2026, 11, 8),
        date(2026, 11, 16),
        date(2026, 11, 22),
    ]
    assert [m.date() for m in islice(sunday_weeks, 3)] == [
        date(2026, 11, 15),
        date(2026, 11, 16),
        date(2026, 11, 29),
    ]


def test_an_anchored_monthly_rule_takes_the_anchor_day_clamped() -> None:
    dates = series("FREQ=MONTHLY", date(2026, 1, 31), False).through(date(2026, 4, 1))
    assert dates[:3] == [date(2026, 1, 31), date(2026, 2, 28), date(2026, 3, 31)]


def test_an_anchored_yearly_rule_on_a_leap_day() -> None:
    dates = series("FREQ=YEARLY", date(2024, 2, 29), False).through(date(2028, 3, 1))
    assert dates[:5] == [date(2024, 2, 29), date(2025, 2, 28), date(2026, 2, 28),
                         date(2027, 2, 28), date(2028, 2, 29)]  # fmt: skip


def test_a_literal_rule_skips_months_without_the_day() -> None:
    dates = series("FREQ=MONTHLY;BYMONTHDAY=31", date(2026, 1, 1), True).through(date(2026, 6, 1))
    assert dates[:3] == [date(2026, 1, 31), date(2026, 3, 31), date(2026, 5, 31)]


def test_a_series_is_shared_and_generated_only_as_far_as_asked() -> None:
    first = series("FREQ=DAILY", date(2026, 1, 1), False)
    assert series("FREQ=DAILY", date(2026, 1, 1), False) is first
    assert first.through(date(2026, 1, 3))[-1] == date(2026, 1, 4)  # one past the day asked
    assert len(first.through(date(2026, 1, 2))) == 4  # nothing more needed


def test_a_series_that_ends_stops() -> None:
    ended = series("FREQ=DAILY;COUNT=2", date(2026, 1, 1), True)
    assert ended.through(date(2030, 1, 1)) == [date(2026, 1, 1), date(2026, 1, 2)]


def test_estimated_per_day_of_literal_rules() -> None:
    assert estimated_per_day("FREQ=DAILY") == pytest.approx(1.0)
    assert estimated_per_day("FREQ=WEEKLY;BYDAY=TU,TH") == pytest.approx(2 / 7, rel=1e-3)


@settings(max_examples=100, deadline=None)
@given(st.dates(date(2000, 1, 1), date(2040, 12, 31)), st.integers(1, 31))
def test_monthly_on_a_day_falls_once_a_month_on_that_day_or_the_month_end(
    anchor: date, day: int
) -> None:
    dates = series(f"FREQ=MONTHLY;{month_day(day)}", anchor, False).through(
        anchor + timedelta(days=400)
    )[:12]
    assert dates[0] >= anchor
    months = [(each.year, each.month) for each in dates]
    assert len(set(months)) == len(months) == 12
    for each in dates:
        assert each.day == min(day, monthrange(each.year, each.month)[1])
