"""The quarter view (issue 14 section 3): Q in the Review screen, from the owner's side. The
demo business on Friday 2026-11-20, the running quarter 2026-Q4 (its weeks from W40)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from cockpit.services.quarter import quarter_review
from cockpit.services.review import record_kpi, save_notes
from cockpit.tui.screens.quarter import QuarterScreen, shift_quarter
from cockpit.tui.screens.review import ReviewScreen
from tests.functional.review.conftest import open_review
from tests.functional.review.signals_support import HOSTILE_PROCESS, HOSTILE_ROLE, rename_hostile
from tests.ui_support import (
    SIZE,
    AppFactory,
    Driver,
    errors,
    open_cockpit,
    screen_lines,
    settle,
    wait_for_screen,
    wait_until,
)

Snap = Callable[..., bool]
NOTE = "Bookkeeping slipped again: [b]move[/b] it to Monday."


def with_kpis_and_notes(path: Path) -> None:
    """Three weeks of revenue typed in the quarter, and the notes of one week."""
    with open_cockpit(path) as ctx:
        for week, revenue in (("2026-W45", "9800"), ("2026-W46", "11200"), ("2026-W47", "12900")):
            record_kpi(ctx, week, "financial-management", "Monthly revenue", revenue)
        save_notes(ctx, "2026-W46", NOTE)


async def open_quarter(pilot: Driver) -> QuarterScreen:
    await open_review(pilot)
    await pilot.press("Q")
    screen = await wait_for_screen(pilot, QuarterScreen)
    await wait_until(pilot, lambda: screen.report is not None)
    await settle(pilot)
    return screen


def shown(pilot: Driver) -> str:
    return "\n".join(screen_lines(pilot.app))


def test_quarters_shift_across_years() -> None:
    assert shift_quarter("2026-Q4", 1) == "2027-Q1"
    assert shift_quarter("2026-Q1", -1) == "2025-Q4"
    assert shift_quarter("2026-Q2", -2) == "2025-Q4"
    assert shift_quarter("2026-Q3", 0) == "2026-Q3"


async def test_q_shows_the_quarter_of_the_week(make_app: AppFactory, data_path: Path) -> None:
    with_kpis_and_notes(data_path)
    with open_cockpit(data_path, read_only=True) as ctx:
        expected = quarter_review(ctx, "2026-Q4")
    names = expected.process_names
    async with make_app().run_test(size=(120, 80)) as pilot:
        screen = await open_quarter(pilot)
        assert screen.report is not None and screen.report.figures.quarter == "2026-Q4"
        text = shown(pilot)
        assert "Quarter 2026-Q4 · weeks Mon 28 Sep 2026 – Sun 03 Jan 2027" in text
        assert "(this quarter)" in text
        # the months by role, done against due and time against budget, from the same figures
        assert "Oct 2026" in text and "Nov 2026" in text
        october = expected.figures.months[0]
        done, due = october.completion_by_role["admin"]
        assert f"{done} of {due}" in text
        # routines gained, by name
        for process_id in expected.figures.routines_gained:
            assert names[process_id] in text
        # the KPI's values across the quarter with its trend
        assert "Financial management › Monthly revenue" in text
        assert "9800, 11200, 12900" in text and "↑ better" in text
        # the quarter's signals and the owner's notes, as typed (markup shown as text)
        assert "Slipping process: Update bookkeeping" in text
        assert "2026-W46" in text and NOTE in text
        assert errors(pilot) == []


async def test_brackets_move_by_quarter_and_escape_comes_back(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_quarter(pilot)
        await pilot.press("right_square_bracket")
        await wait_until(
            pilot, lambda: screen.report is not None and screen.report.figures.quarter == "2027-Q1"
        )
        await settle(pilot)
        text = shown(pilot)
        assert "Quarter 2027-Q1" in text and "the quarter has not begun" in text
        await pilot.press("left_square_bracket", "left_square_bracket")
        await wait_until(
            pilot, lambda: screen.report is not None and screen.report.figures.quarter == "2026-Q3"
        )
        await settle(pilot)
        assert "Quarter 2026-Q3 · weeks Mon 29 Jun – Sun 27 Sep 2026" in shown(pilot)
        assert "(this quarter)" not in shown(pilot)
        await pilot.press("escape")
        review = await wait_for_screen(pilot, ReviewScreen)
        assert review.shown_week == "2026-W47"  # the week it came from


async def test_the_quarter_writes_nothing(make_app: AppFactory, data_path: Path) -> None:
    before = data_path.read_bytes()
    async with make_app().run_test(size=SIZE) as pilot:
        await open_quarter(pilot)
        await pilot.press("left_square_bracket", "j", "j", "pagedown", "escape")
        await wait_for_screen(pilot, ReviewScreen)
        await settle(pilot)
    assert data_path.read_bytes() == before


async def test_names_with_markup_show_as_text_in_the_quarter(
    make_app: AppFactory, data_path: Path
) -> None:
    rename_hostile(data_path)
    async with make_app().run_test(size=(120, 80)) as pilot:
        await open_quarter(pilot)
        text = shown(pilot)
        assert HOSTILE_ROLE in text  # in the months' tables
        assert f"Slipping process: {HOSTILE_PROCESS}" in text  # in the signals
        assert errors(pilot) == []


def test_snapshot_quarter(snap_compare: Snap, make_app: AppFactory, data_path: Path) -> None:
    from tests.functional.snapshot_support import quiet

    with_kpis_and_notes(data_path)

    async def run_before(pilot: Driver) -> None:
        await open_quarter(pilot)
        await quiet(pilot)

    assert snap_compare(make_app(), terminal_size=(120, 60), run_before=run_before)


async def test_help_on_the_quarter_lists_its_keys(make_app: AppFactory) -> None:
    from cockpit.tui.screens.help import HelpScreen
    from tests.functional.test_help_keys import help_rows

    async with make_app().run_test(size=SIZE) as pilot:
        await open_quarter(pilot)
        await pilot.press("question_mark")
        rows = help_rows(await wait_for_screen(pilot, HelpScreen))
        assert rows["quarter.prev"] == ("[", "Quarter back")
        assert rows["quarter.next"] == ("]", "Quarter on")
        assert rows["quarter.close"][1] == "Back to the week"


async def test_the_quarter_fits_80_columns(make_app: AppFactory, data_path: Path) -> None:
    with_kpis_and_notes(data_path)
    async with make_app().run_test(size=(80, 24)) as pilot:
        await open_quarter(pilot)
        lines = screen_lines(pilot.app)
        assert all(len(line.rstrip()) <= 80 for line in lines)
        assert any("Quarter 2026-Q4" in line for line in lines[:4])
        assert "esc Back to the week" in lines[-1] and "? Help" in lines[-1]
        await pilot.press("pagedown", "pagedown", "pagedown")
        await settle(pilot)
        assert errors(pilot) == []


async def test_a_week_across_two_quarters_opens_the_quarter_that_counts_it(
    make_app: AppFactory,
) -> None:
    from tests.functional.review.conftest import wait_for_week

    async with make_app().run_test(size=SIZE) as pilot:
        review = await open_review(pilot)
        for _ in range(7):  # back to 2026-W40, Mon 28 Sep - Sun 4 Oct: four days in October
            await pilot.press("left_square_bracket")
        await wait_for_week(pilot, review, "2026-W40")
        await settle(pilot)
        await pilot.press("Q")
        screen = await wait_for_screen(pilot, QuarterScreen)
        await wait_until(pilot, lambda: screen.report is not None)
        assert screen.report is not None and screen.report.figures.quarter == "2026-Q4"
        assert "2026-W40" in screen.report.figures.weeks
