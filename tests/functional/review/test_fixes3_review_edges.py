"""The Review screen and its quarter near the edges of the calendar (2000-01-01 to
2100-12-31): at --date 2000-01-05 the outside tester's Review stayed on "Opening the data
file…" with the notice '"1999-W50" is outside the years 2000 to 2100' (the signals'
look-back); `[` and `]` there stop at the calendar's first and last weeks with a word."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.tui.screens.quarter import QuarterScreen
from tests.functional.review.conftest import open_review, wait_for_week
from tests.ui_support import (
    TZ,
    AppFactory,
    Driver,
    errors,
    notes,
    settle,
    wait_for_screen,
    wait_until,
)


def on(day: date) -> FixedClock:
    return FixedClock.on(day, TZ)


def stuck(pilot: Driver) -> list[str]:
    return [note for note in errors(pilot) if "1999" in note or "2101" in note]


async def open_quarter(pilot: Driver) -> QuarterScreen:
    await pilot.press("Q")
    screen = await wait_for_screen(pilot, QuarterScreen)
    await wait_until(pilot, lambda: screen.report is not None)
    return screen


@pytest.mark.parametrize(
    ("day", "week"),
    [
        (date(2000, 1, 5), "2000-W01"),
        (date(2000, 1, 20), "2000-W03"),
        (date(2000, 1, 2), "1999-W52"),
    ],
)
async def test_the_review_opens_in_the_first_weeks(
    make_app: AppFactory, day: date, week: str
) -> None:
    app = make_app(at=on(day))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        assert screen.shown_week == week
        assert not stuck(pilot), errors(pilot)
        assert screen.report is not None and screen.report.figures.start >= date(2000, 1, 1)


async def test_the_review_stops_at_the_first_week(make_app: AppFactory) -> None:
    app = make_app(at=on(date(2000, 1, 5)))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        await pilot.press("left_square_bracket")
        await wait_for_week(pilot, screen, "1999-W52")  # holds Sat 1 and Sun 2 Jan 2000
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert screen.shown_week == "1999-W52"
        assert any("2000-01-01" in note for note in notes(pilot)), notes(pilot)
        assert not stuck(pilot), errors(pilot)


async def test_the_quarter_of_the_first_week_and_back(make_app: AppFactory) -> None:
    app = make_app(at=on(date(2000, 1, 2)))
    async with app.run_test(size=(120, 40)) as pilot:
        await open_review(pilot)
        quarter = await open_quarter(pilot)
        assert quarter.quarter == "2000-Q1"
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert quarter.quarter == "2000-Q1" and app.screen is quarter
        assert any("2000" in note for note in notes(pilot))
        assert not stuck(pilot), errors(pilot)


async def test_the_last_quarter_stops_at_2100(make_app: AppFactory, tmp_path: Path) -> None:
    app = make_app(at=on(date(2100, 12, 31)))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_review(pilot)
        assert screen.report is not None and screen.report.figures.end == date(2100, 12, 31)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert screen.report.figures.end <= date(2100, 12, 31)
        quarter = await open_quarter(pilot)
        assert quarter.quarter == "2100-Q4"
        assert quarter.report is not None and quarter.report.figures.end == date(2100, 12, 31)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert quarter.quarter == "2100-Q4" and app.screen is quarter
        assert not stuck(pilot), errors(pilot)
