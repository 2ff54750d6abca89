"""Review like every list: j/k move in the estimate table (K types a KPI); the time bars of
one section are all as long, whatever their figures say."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from cockpit.tui.widgets.bars import BudgetBar
from tests.functional.review.conftest import open_review
from tests.functional.review.test_review_view import with_history
from tests.ui_support import SIZE, AppFactory, settle


async def test_j_and_k_move_in_the_estimate_table(make_app: AppFactory, data_path: Path) -> None:
    with_history(data_path)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        table = screen.query_one("#review-estimates", DataTable)
        assert table.row_count >= 3
        start = table.cursor_row
        await pilot.press("j", "j")
        await settle(pilot)
        assert table.cursor_row == start + 2
        await pilot.press("k")
        await settle(pilot)
        assert table.cursor_row == start + 1


async def test_the_time_bars_are_all_as_long(make_app: AppFactory, data_path: Path) -> None:
    with_history(data_path)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await settle(pilot)
        bars = list(screen.query(BudgetBar).results(BudgetBar))
        assert len(bars) >= 2
        ends = set()
        figures = set()
        for bar in bars:
            line = bar.render().plain
            ends.add(max(line.rfind("█"), line.rfind("░")))
            figures.add(len(bar.figures()))
        assert len(figures) > 1  # the premise: figures of different lengths
        assert len(ends) == 1, ends


async def test_the_slips_box_says_what_is_true_of_the_week(make_app: AppFactory) -> None:
    """No slip in a week still under way is not "every due run was done"; a week to come
    has not begun."""
    from textual.widgets import Static

    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await settle(pilot)
        report = screen.report
        assert report is not None
        done = sum(d for d, _ in report.figures.completion_by_role.values())
        due = sum(n for _, n in report.figures.completion_by_role.values())
        said = str(screen.query_one("#review-slipped", Static).content)
        if not report.figures.slipped:
            assert ("Every due run was done" in said) == (done >= due), said
        await pilot.press("right_square_bracket", "right_square_bracket")
        await pilot.pause(0.5)
        await settle(pilot)
        later = str(screen.query_one("#review-slipped", Static).content)
        assert "This week has not begun." in later
