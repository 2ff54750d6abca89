"""Outcomes regrouped by day and week: heatmap day states, weekly shares and sparklines."""

from __future__ import annotations

from datetime import date

import pytest

from cockpit.domain.outcome_calendar import (
    SPARKS,
    process_cells,
    role_cells,
    spark_text,
    week_start,
    weekly_shares,
)
from cockpit.domain.streaks import Outcome

ON_TIME, LATE, SKIPPED, MISSED, OPEN = (
    Outcome.ON_TIME,
    Outcome.LATE,
    Outcome.SKIPPED,
    Outcome.MISSED,
    Outcome.OPEN,
)


def d(text: str) -> date:
    return date.fromisoformat(text)


# -- week_start --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "monday"),
    [
        ("2026-11-02", "2026-11-02"),  # a Monday is its own week's start
        ("2026-11-08", "2026-11-02"),  # Sunday ends the week
        ("2026-03-01", "2026-02-23"),  # a Sunday on the 1st: the week began in February
        ("2026-12-31", "2026-12-28"),  # New Year's Eve
        ("2027-01-03", "2026-12-28"),  # the week across the year end starts in the old year
        ("2025-12-29", "2025-12-29"),  # ISO week 1 of 2026 starts in 2025
        ("2024-02-29", "2024-02-26"),  # a leap day
        ("2028-02-29", "2028-02-28"),
        ("2028-03-05", "2028-02-28"),  # the week after Feb 28 holds the leap day
    ],
)
def test_week_start_is_the_monday_of_the_iso_week(day: str, monday: str) -> None:
    assert week_start(d(day)) == d(monday)


# -- process_cells -----------------------------------------------------------------------


def test_each_outcome_has_its_own_state() -> None:
    assert process_cells([]) == {}
    days = [d(f"2026-11-0{n}") for n in range(2, 7)]
    outcomes = [ON_TIME, LATE, SKIPPED, MISSED, OPEN]
    assert process_cells(zip(days, outcomes, strict=True)) == dict(
        zip(days, ["on_time", "late", "skipped", "missed", "open"], strict=True)
    )


@pytest.mark.parametrize(
    ("outcomes", "state"),
    [
        ([ON_TIME, MISSED], "missed"),
        ([MISSED, ON_TIME], "missed"),
        ([LATE, OPEN], "open"),
        ([ON_TIME, LATE, ON_TIME], "late"),
        ([ON_TIME, SKIPPED], "skipped"),
        ([SKIPPED, LATE], "late"),
        ([OPEN, MISSED, LATE], "missed"),
    ],
)
def test_the_worst_run_of_a_day_colours_it(outcomes: list[Outcome], state: str) -> None:
    day = d("2028-02-29")
    assert process_cells((day, o) for o in outcomes) == {day: state}


# -- role_cells --------------------------------------------------------------------------


def test_a_role_day_is_all_some_or_none_done() -> None:
    invoices = [(d("2026-12-31"), ON_TIME), (d("2027-01-01"), MISSED), (d("2027-01-02"), LATE)]
    payroll = [(d("2026-12-31"), LATE), (d("2027-01-01"), ON_TIME), (d("2027-01-02"), MISSED)]
    backups = [(d("2026-12-31"), SKIPPED), (d("2027-01-02"), MISSED)]
    assert role_cells([invoices, payroll, backups]) == {
        d("2026-12-31"): "all_done",  # the skip counts neither way
        d("2027-01-01"): "some_done",
        d("2027-01-02"): "some_done",
    }


def test_a_day_of_misses_is_none_done_and_of_skips_skipped() -> None:
    day = d("2024-02-29")
    assert role_cells([[(day, MISSED)], [(day, SKIPPED)]]) == {day: "none_done"}
    assert role_cells([[(day, SKIPPED)], [(day, SKIPPED)]]) == {day: "skipped"}


def test_open_runs_are_left_out_of_a_role_day() -> None:
    day = d("2026-03-01")
    assert role_cells([[(day, OPEN)]]) == {}
    assert role_cells([[(day, OPEN)], [(day, ON_TIME)]]) == {day: "all_done"}
    assert role_cells([[(day, OPEN), (day, SKIPPED)]]) == {day: "skipped"}


def test_a_role_without_runs_has_no_cells() -> None:
    assert role_cells([]) == {}
    assert role_cells([[], []]) == {}


# -- weekly_shares -----------------------------------------------------------------------


def test_shares_per_week_oldest_first() -> None:
    recent = [
        (d("2026-11-02"), ON_TIME),  # week of Nov 2: 1 of 2 done
        (d("2026-11-08"), MISSED),
        (d("2026-11-09"), LATE),  # week of Nov 9: 1 of 1
        (d("2026-11-16"), SKIPPED),  # week of Nov 16: a skip and an open run judge nothing
        (d("2026-11-17"), OPEN),
    ]
    assert weekly_shares(recent, d("2026-11-19"), 4) == [None, 0.5, 1.0, None]


def test_a_week_across_the_year_end_is_one_week() -> None:
    recent = [(d("2026-12-28"), ON_TIME), (d("2026-12-31"), MISSED), (d("2027-01-03"), LATE)]
    recent += [(d("2027-01-04"), MISSED)]  # Monday: the next week
    assert weekly_shares(recent, d("2027-01-04"), 2) == [pytest.approx(2 / 3), 0.0]


def test_a_week_across_a_month_end_with_a_leap_day() -> None:
    recent = [(d("2028-02-28"), MISSED), (d("2028-02-29"), ON_TIME), (d("2028-03-01"), ON_TIME)]
    recent += [(d("2028-03-05"), ON_TIME), (d("2028-02-27"), MISSED)]  # Sunday before: a week back
    assert weekly_shares(recent, d("2028-03-05"), 2) == [0.0, 0.75]


def test_runs_outside_the_weeks_are_left_out() -> None:
    recent = [(d("2026-02-22"), MISSED), (d("2026-03-02"), MISSED), (d("2026-02-23"), ON_TIME)]
    assert weekly_shares(recent, d("2026-03-01"), 1) == [1.0]
    assert weekly_shares(recent, d("2026-03-01"), 0) == []


def test_any_day_of_the_last_week_gives_the_same_weeks() -> None:
    recent = [(d("2024-02-26"), ON_TIME), (d("2024-02-20"), MISSED)]
    expected = weekly_shares(recent, d("2024-02-26"), 3)
    assert expected == [None, 0.0, 1.0]
    for day in ("2024-02-27", "2024-02-29", "2024-03-01", "2024-03-03"):
        assert weekly_shares(recent, d(day), 3) == expected


# -- spark_text --------------------------------------------------------------------------


def test_a_spark_per_week_and_a_space_for_nothing_judged() -> None:
    assert spark_text([0.0, 1.0, None, 0.5, 2 / 7]) == "▁█ ▅▃"
    assert spark_text([]) == ""
    assert spark_text([None, None]) == "  "


def test_the_sparks_climb_from_none_done_to_all_done() -> None:
    assert spark_text([n / 7 for n in range(8)]) == SPARKS
