"""The quarter, by hand: its weeks, its months summed from the weekly figures, KPI trends."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.domain.errors import ValidationError
from cockpit.domain.model import Kpi, System
from cockpit.domain.quarter import (
    kpi_trends,
    month_figures,
    parse_quarter,
    quarter_notes,
    quarter_span,
    quarter_weeks,
)
from cockpit.domain.review import Review, week_days
from cockpit.domain.weekly import WeekFigures


def week(name: str, done: int, due: int, minutes: int = 0, budget: int = 0) -> WeekFigures:
    start, end = week_days(name)
    return WeekFigures(
        week=name, start=start, end=end,
        completion_by_role={"sales": (done, due)}, completion_by_system={},
        minutes_by_role={"sales": minutes}, budget_by_role={"sales": budget},
        process_estimates=(), step_estimates=(), slipped=(),
        routines_gained=(), routines_lost=(), slipping=(),
    )  # fmt: skip


def test_a_quarter_is_written_like_2026_q4() -> None:
    assert parse_quarter(" 2026-q4 ") == "2026-Q4"
    assert quarter_span("2026-Q4") == (date(2026, 10, 1), date(2026, 12, 31))
    assert quarter_span("2027-Q1") == (date(2027, 1, 1), date(2027, 3, 31))
    for bad in ("2026-Q5", "2026Q4", "Q4", "2026-W47", ""):
        with pytest.raises(ValidationError, match="like 2026-Q4"):
            parse_quarter(bad)


def test_a_week_belongs_to_the_quarter_that_holds_most_of_it() -> None:
    weeks = quarter_weeks("2026-Q4", 0)
    # Mon 28 Sep - Sun 4 Oct is mostly October; Mon 28 Dec - Sun 3 Jan mostly December
    assert weeks[0] == "2026-W40" and weeks[-1] == "2026-W53"
    assert len(weeks) == 14
    assert quarter_weeks("2027-Q1", 0)[0] == "2027-W01"


def test_months_sum_their_weeks() -> None:
    weeks = [
        week("2026-W40", 3, 4, 100, 300),  # Thursday 1 Oct: October
        week("2026-W44", 1, 4, 50, 300),  # Thursday 29 Oct: October
        week("2026-W45", 2, 2, 0, 300),  # Thursday 5 Nov: November
    ]
    october, november = month_figures(weeks)
    assert october.month == "2026-10" and october.weeks == ("2026-W40", "2026-W44")
    assert october.completion_by_role == {"sales": (4, 8)}
    assert (october.minutes_by_role, october.budget_by_role) == ({"sales": 150}, {"sales": 600})
    assert november.completion_by_role == {"sales": (2, 2)}


@given(st.lists(st.tuples(st.integers(0, 13), st.integers(0, 9), st.integers(0, 9)), max_size=14))
def test_the_months_hold_every_week_once(rows: list[tuple[int, int, int]]) -> None:
    names = sorted({40 + n for n, _, _ in rows})
    weeks = [
        week(f"2026-W{n:02d}", done, done + more)
        for n, (_, done, more) in zip(names, rows, strict=False)
    ]
    months = month_figures(weeks)
    assert sum(len(m.weeks) for m in months) == len(weeks)
    done = sum(m.completion_by_role.get("sales", (0, 0))[0] for m in months)
    assert done == sum(w.completion_by_role["sales"][0] for w in weeks)


def test_kpi_values_across_the_quarter_and_their_trend() -> None:
    system = System(
        "money", "Money", kpis=(Kpi("Days to pay", "days", 30, "down"), Kpi("Revenue", "EUR"))
    )
    weeks = ("2026-W40", "2026-W41", "2026-W42")
    reviews = [
        Review("2026-W39", kpis={"money": {"Days to pay": 50.0}}),  # before the quarter
        Review("2026-W40", kpis={"money": {"Days to pay": 45.0, "Revenue": 900.0}}),
        Review("2026-W42", kpis={"money": {"Days to pay": 38.0, "Revenue": 900.0}}),
    ]
    days, revenue = kpi_trends([system], reviews, weeks)
    assert days.values == (("2026-W40", 45.0), ("2026-W42", 38.0))
    assert (days.trend, days.better) == ("down", True)  # down is the good way for this one
    assert (revenue.trend, revenue.better) == ("flat", None)
    [lone] = kpi_trends([system], reviews[:2], weeks)[:1]
    assert (lone.trend, lone.better) == ("", None)  # one value has no trend


def test_the_notes_of_the_quarter_in_week_order() -> None:
    reviews = [
        Review("2026-W42", notes="hired a bookkeeper"),
        Review("2026-W41", notes=""),
        Review("2026-W40", notes="slow start"),
        Review("2026-W30", notes="summer"),
    ]
    weeks = tuple(f"2026-W{n}" for n in range(40, 54))
    assert quarter_notes(reviews, weeks) == (
        ("2026-W40", "slow start"),
        ("2026-W42", "hired a bookkeeper"),
    )


def test_a_late_first_day_of_week_keeps_the_quarter_whole() -> None:
    weeks = quarter_weeks("2026-Q4", 6)  # weeks from Sunday
    starts = [week_days(w, 6)[0] for w in weeks]
    assert all(b - a == timedelta(weeks=1) for a, b in itertools.pairwise(starts))
    assert date(2026, 10, 1) <= starts[0] + timedelta(days=3)


def test_routines_gained_and_lost_over_the_quarter_by_the_weekly_rule() -> None:
    from cockpit.domain.quarter import routines_crossed
    from tests.unit.domain.builders import process
    from tests.unit.domain.test_routines import done, missed

    start, end = date(2026, 10, 1), date(2026, 12, 31)
    kept = process("daily", start=date(2026, 8, 1), name="Inbox zero")
    dropped = process("daily", start=date(2026, 8, 1), name="Plan the day")
    before = [date(2026, 8, 1) + timedelta(days=n) for n in range(61)]  # to 30 Sep
    during = [start + timedelta(days=n) for n in range(92)]
    runs = {
        kept.id: [missed(kept, d) for d in before] + [done(kept, d) for d in during],
        dropped.id: [done(dropped, d) for d in before] + [missed(dropped, d) for d in during],
    }
    assert routines_crossed([kept, dropped], runs, start, end, 0.8) == ((kept.id,), (dropped.id,))
    # to 20 Oct the first has 20 days done from 0: about 66 %, not a routine yet
    gained, lost = routines_crossed([kept, dropped], runs, start, date(2026, 10, 20), 0.8)
    assert (gained, lost) == ((), (dropped.id,))
