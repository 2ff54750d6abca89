"""The Review screen (mode 4) on the demo business, Friday 2026-11-20 10:00 UTC: Pilot tests
of its keys, and snapshots (regenerate with `--snapshot-update`, then look at the SVGs)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from textual.widget import Widget
from textual.widgets import DataTable, Input, Label, Sparkline, Static

from cockpit.domain.review import Review
from cockpit.services.review import WeekReview, record_kpi, save_notes, week_review
from cockpit.tui.screens.kpi_entry import KpiEntryScreen, spark_data
from cockpit.tui.screens.review import ReviewScreen
from cockpit.tui.screens.review_text import days_text
from cockpit.tui.screens.today import TodayScreen
from cockpit.tui.widgets.bars import BudgetBar, DoneBar
from tests.functional.review.conftest import open_review, wait_for_week
from tests.ui_support import (
    SIZE,
    WEEK,
    AppFactory,
    Driver,
    notes,
    open_cockpit,
    quiet_status,
    settle,
    wait_until,
)

Snap = Callable[..., bool]
BLOG = "manage-the-blog|s1"  # "Pick the topic and outline": estimate 10, suggested 13
NOTES = "Books slipped."


def stored(path: Path, week: str = WEEK) -> WeekReview:
    """The week as the data file holds it, read beside the running app."""
    with open_cockpit(path, read_only=True) as ctx:
        return week_review(ctx, week)


def stored_review(path: Path, week: str = WEEK) -> Review:
    return stored(path, week).review


def header(screen: ReviewScreen) -> str:
    return str(screen.query_one("#review-header", Static).content)


def bars(screen: ReviewScreen, box: str) -> list[tuple[str, int, int]]:
    return [
        (bar.label, bar.value, bar.total) for bar in screen.query(f"#{box} > *").results(DoneBar)
    ]


async def type_text(pilot: Driver, text: str) -> None:
    await pilot.press(*("space" if char == " " else char for char in text))


def focused(screen: ReviewScreen) -> Widget | None:
    return screen.focused


async def write_notes(pilot: Driver, screen: ReviewScreen, text: str = NOTES) -> None:
    """n, type, escape: the notes are typed and not saved yet."""
    await pilot.press("n")
    assert focused(screen) is screen.notes_area
    await type_text(pilot, text)
    await pilot.press("escape")
    assert isinstance(focused(screen), DataTable)
    assert screen.notes_text == text and screen.dirty


# -- weeks ---------------------------------------------------------------------------------


async def test_the_review_shows_this_week(make_app: AppFactory, data_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        expected = stored(data_path)
        assert screen.report is not None and screen.report.figures == expected.figures
        assert (
            header(screen) == "Week 2026-W47 · Mon 16 – Sun 22 Nov · not reviewed yet  (this week)"
        )
        assert bars(screen, "review-by-role") == [
            ("Delivery", 8, 10),
            ("Admin", 5, 9),
            ("Marketing", 1, 2),
            ("Sales", 3, 3),
        ]
        times = screen.query("#review-time > *").results(BudgetBar)
        assert next((b.label, b.value, b.total) for b in times) == ("Sales", 122, 450)
        table = screen.query_one("#review-estimates", DataTable)
        steps = len(expected.figures.step_estimates) + len(expected.figures.process_estimates)
        assert table.row_count == steps
        assert str(table.get_row(BLOG)[4]) == "13 ▲"
        slipped = str(screen.query_one("#review-slipped", Static).content)
        assert "Plan the delivery day · skipped: waiting on the client" in slipped
        assert "Weekly social posts · still open" in slipped  # due Monday, not done
        routines = str(screen.query_one("#review-routines", Static).content)
        assert "gained: Prospecting" in routines and "Update bookkeeping is slipping" in routines
        assert len(screen.query(".review-kpi-row")) == 1 + 14  # the header and the KPIs


async def test_brackets_and_t_change_the_week(make_app: AppFactory, data_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await pilot.press("left_square_bracket")
        await wait_for_week(pilot, screen, "2026-W46")
        assert header(screen) == "Week 2026-W46 · Mon 9 – Sun 15 Nov · not reviewed yet"
        assert screen.report is not None
        assert screen.report.figures == stored(data_path, "2026-W46").figures
        expected = stored(data_path, "2026-W46")
        names = expected.role_names
        assert bars(screen, "review-by-role") == [
            (names[key], done, due)
            for key, (done, due) in expected.figures.completion_by_role.items()
        ]
        await pilot.press("right_square_bracket", "right_square_bracket")
        await wait_for_week(pilot, screen, "2026-W48")
        assert header(screen).startswith("Week 2026-W48 · Mon 23 – Sun 29 Nov")
        assert screen.report.figures == stored(data_path, "2026-W48").figures
        await pilot.press("t")
        await wait_for_week(pilot, screen, WEEK)
        assert header(screen).endswith("(this week)")


# -- estimates and KPIs --------------------------------------------------------------------


async def test_a_takes_the_suggested_estimate(make_app: AppFactory, data_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        table = screen.query_one("#review-estimates", DataTable)
        before = next(p for p in stored(data_path).processes if p.id == "manage-the-blog")
        table.move_cursor(row=table.get_row_index(BLOG))
        await pilot.press("a")
        await wait_until(pilot, lambda: str(table.get_row(BLOG)[1]) == "13")
        after = next(p for p in stored(data_path).processes if p.id == "manage-the-blog")
        assert after.version == before.version + 1
        assert (before.step("s1").estimate_minutes, after.step("s1").estimate_minutes) == (10, 13)
        assert "estimate of Pick the topic and outline: 10 → 13 min" in notes(pilot)
        assert str(table.get_row(BLOG)[4]) == "13"  # no longer highlighted
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == BLOG
        await pilot.press("a")  # nothing left to take
        await settle(pilot)
        assert next(p for p in stored(data_path).processes if p.id == after.id) == after


async def test_shift_k_saves_a_kpi_value(make_app: AppFactory, data_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await pilot.press("K")
        await wait_until(pilot, lambda: isinstance(app.screen, KpiEntryScreen))
        dialog = app.screen
        assert isinstance(dialog, KpiEntryScreen)
        assert dialog.kpi is not None and dialog.kpi.name == "Days a week ending at inbox zero"
        await pilot.press("down", "down", "down")
        assert dialog.kpi.name == "Monthly revenue"
        await type_text(pilot, "lots")
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: "not a number" in str(dialog.query_one("#kpi-error", Label).content)
        )
        assert app.screen is dialog
        assert stored_review(data_path).kpis == {}
        dialog.query_one("#kpi-value", Input).value = ""
        await type_text(pilot, "12,400")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert stored_review(data_path).kpis == {
            "financial-management": {"Monthly revenue": 12400.0}
        }
        await wait_until(
            pilot,
            lambda: screen.report is not None and screen.report.kpis[3].value == 12400.0,
        )
        row = screen.query(".review-kpi-row")[1 + 3]
        assert str(row.query_one(".review-kpi-value", Label).content) == "12,400 USD"
        assert list(row.query_one(Sparkline).data or []) == spark_data(((WEEK, 12400.0),))
        assert "Monthly revenue: 12,400 USD" in notes(pilot)


async def test_escape_leaves_the_kpi_dialog_unsaved(make_app: AppFactory, data_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await pilot.press("K")
        await wait_until(pilot, lambda: isinstance(app.screen, KpiEntryScreen))
        await type_text(pilot, "5")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, ReviewScreen))
        assert stored_review(data_path).kpis == {}


# -- notes ---------------------------------------------------------------------------------


async def test_ctrl_s_saves_the_notes(make_app: AppFactory, data_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await pilot.press("n")
        await type_text(pilot, NOTES)
        state = screen.query_one("#review-notes-state", Static)
        assert "unsaved" in str(state.content)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not screen.dirty)
        assert screen.focused is screen.notes_area  # still writing
        review = stored_review(data_path)
        assert (review.notes, review.reviewed_at) == (NOTES, None)
        assert "saved" in str(state.content) and "unsaved" not in str(state.content)
        assert "Notes saved." in notes(pilot)


async def test_m_marks_the_week_reviewed(make_app: AppFactory, data_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await write_notes(pilot, screen)
        await pilot.press("m")
        await wait_until(pilot, lambda: "reviewed ✓" in header(screen))
        review = stored_review(data_path)
        assert review.notes == NOTES
        assert review.reviewed_at == datetime.fromisoformat("2026-11-20T10:00:00+00:00")
        assert header(screen).startswith(
            "Week 2026-W47 · Mon 16 – Sun 22 Nov · reviewed ✓ Fri 20 Nov"
        )


async def test_changing_the_week_saves_typed_notes(make_app: AppFactory, data_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await write_notes(pilot, screen)
        await pilot.press("left_square_bracket")
        await wait_for_week(pilot, screen, "2026-W46")
        assert stored_review(data_path).notes == NOTES
        assert screen.notes_text == "" and not screen.dirty
        await pilot.press("right_square_bracket")
        await wait_for_week(pilot, screen, WEEK)
        assert screen.notes_text == NOTES and not screen.dirty


async def test_leaving_the_screen_saves_typed_notes(make_app: AppFactory, data_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await write_notes(pilot, screen)
        await pilot.press("1")
        await wait_until(pilot, lambda: isinstance(app.screen, TodayScreen))
        await wait_until(pilot, lambda: stored_review(data_path).notes == NOTES)
        await pilot.press("4")
        await wait_until(pilot, lambda: app.screen is screen)
        await settle(pilot)
        assert screen.notes_text == NOTES and not screen.dirty


async def test_a_reload_keeps_what_is_being_typed(make_app: AppFactory, data_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await pilot.press("n")
        await type_text(pilot, "half a thought")
        screen.load()  # as after a KPI or an estimate was saved
        await settle(pilot)
        assert screen.notes_text == "half a thought"
        assert screen.focused is screen.notes_area


async def test_quitting_saves_typed_notes(make_app: AppFactory, data_path: Path) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await pilot.press("n")
        await type_text(pilot, NOTES)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert stored_review(data_path).notes == NOTES


# -- pieces --------------------------------------------------------------------------------


def test_bars_take_their_tone_from_the_figures() -> None:
    assert [DoneBar("x", done, 10).tone for done in (10, 8, 5, 4)] == [
        "success",
        "success",
        "warning",
        "error",
    ]
    assert DoneBar("x", 0, 0).tone == "foreground-muted"
    assert [BudgetBar("x", minutes, 100).tone for minutes in (40, 100, 120, 126)] == [
        "primary",
        "primary",
        "warning",
        "error",
    ]
    assert BudgetBar("x", 130, 100).figures() == "2 h 10 of 1 h 40 over"
    assert BudgetBar("x", 0, 0).tone == "foreground-muted"


def test_week_ranges_read_well() -> None:
    from datetime import date

    assert days_text(date(2026, 11, 16), date(2026, 11, 22)) == "Mon 16 – Sun 22 Nov"
    assert days_text(date(2026, 11, 30), date(2026, 12, 6)) == "Mon 30 Nov – Sun 6 Dec"
    assert spark_data(()) == []
    assert len(spark_data((("a", 1.0), ("b", 2.0), ("c", 3.0), ("d", 4.0), ("e", 5.0)))) >= 12


# -- snapshots -----------------------------------------------------------------------------


def with_history(path: Path) -> None:
    """Six weeks of two KPIs and the notes of the week, typed before the app starts."""
    with open_cockpit(path) as ctx:
        weeks = [f"2026-W{n}" for n in range(42, 48)]
        for week, revenue, dso in zip(
            weeks, (9800, 11200, 10400, 12900, 11800, 12400), (41, 38, 35, 33, 36, 29), strict=True
        ):
            record_kpi(ctx, week, "financial-management", "Monthly revenue", str(revenue))
            record_kpi(ctx, week, "financial-management", "Days sales outstanding", str(dso))
        save_notes(ctx, WEEK, "Bookkeeping slipped for the third week: move it to Monday morning.")


async def show_review(pilot: Driver) -> None:
    await open_review(pilot)
    quiet_status(pilot)
    await pilot.pause()


def test_snapshot_review(snap_compare: Snap, make_app: AppFactory, data_path: Path) -> None:
    with_history(data_path)
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=show_review)


def test_snapshot_review_kpis_and_notes(
    snap_compare: Snap, make_app: AppFactory, data_path: Path
) -> None:
    with_history(data_path)

    async def run_before(pilot: Driver) -> None:
        await show_review(pilot)
        await pilot.press("n")  # the notes come into view, the KPIs above them
        await settle(pilot)
        quiet_status(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_snapshot_kpi_dialog(snap_compare: Snap, make_app: AppFactory, data_path: Path) -> None:
    with_history(data_path)

    async def run_before(pilot: Driver) -> None:
        await show_review(pilot)
        await pilot.press("K")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, KpiEntryScreen))
        await type_text(pilot, "x")
        await pilot.press("enter")
        await wait_until(
            pilot, lambda: bool(str(pilot.app.screen.query_one("#kpi-error", Label).content))
        )
        quiet_status(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_snapshot_review_80x24(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=show_review)


async def test_the_review_lists_the_weeks_tasks(make_app: AppFactory, data_path: Path) -> None:
    """Tasks count in the week: the screen says which were done and which are still open."""
    from datetime import date

    from cockpit.services.actions import complete
    from cockpit.services.tasks import add_task
    from tests.ui_support import open_cockpit

    with open_cockpit(data_path) as ctx:
        add_task(ctx, "Renew the domain", role="admin", due=date(2026, 11, 16))
        add_task(ctx, "Send the [quote]", role="sales", due=date(2026, 11, 17))
        complete(ctx, "t1", 10)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        slipped = str(screen.query_one("#review-slipped", Static).content)
        assert "task done  t1 Renew the domain" in slipped
        assert "task open  t2 Send the [quote]" in slipped
