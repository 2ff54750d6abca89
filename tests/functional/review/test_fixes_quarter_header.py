"""The quarter view's header says the span of the quarter's weeks (what its figures count),
with each end's year when they differ: 2026-Q4 runs Mon 28 Sep 2026 - Sun 03 Jan 2027."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cockpit.services.quarter import quarter_review
from cockpit.tui.screens.quarter import QuarterScreen
from cockpit.tui.screens.quarter_text import header_content
from tests.functional.review.conftest import open_review
from tests.ui_support import (
    AppFactory,
    open_cockpit,
    screen_lines,
    settle,
    wait_for_screen,
    wait_until,
)


async def test_the_header_says_the_weeks_span(make_app: AppFactory) -> None:
    async with make_app().run_test(size=(120, 40)) as pilot:
        await open_review(pilot)
        await pilot.press("Q")
        screen = await wait_for_screen(pilot, QuarterScreen)
        await wait_until(pilot, lambda: screen.report is not None)
        await settle(pilot)
        text = "\n".join(screen_lines(pilot.app))
        assert "Quarter 2026-Q4 · weeks Mon 28 Sep 2026 – Sun 03 Jan 2027 · 14 weeks" in text, text
        assert "(this quarter)" in text


def test_a_quarter_whose_weeks_start_the_year_before_names_both_years(data_path: Path) -> None:
    with open_cockpit(data_path, read_only=True) as ctx:
        report = quarter_review(ctx, "2026-Q1")
    said = header_content(report, date(2026, 11, 20)).plain
    assert said == "Quarter 2026-Q1 · weeks Mon 29 Dec 2025 – Sun 29 Mar 2026 · 13 weeks", said
