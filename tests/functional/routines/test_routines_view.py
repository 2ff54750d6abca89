"""The Routines view on the demo business: the table, the heatmap, the keys, the detail."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from textual.coordinate import Coordinate
from textual.widgets import DataTable, Static

from cockpit.domain.outcome_calendar import role_cells, week_start
from cockpit.domain.streaks import Outcome
from cockpit.presenter import pct
from cockpit.tui.screens.routine_detail import RoutineDetailScreen
from cockpit.tui.screens.routines import MAX_BACK, PERIOD_STEP, RoutinesScreen
from cockpit.tui.screens.routines_load import Filters
from cockpit.tui.widgets.heatmap import ROLE_LEGEND, Heatmap
from tests.functional.routines.conftest import open_routines, rows_in, table_of
from tests.ui_support import DAY, SIZE, AppFactory, Driver, notes, quiet_status, settle, wait_until

SNAP_SIZE = (120, 40)
SMALL = (80, 24)
STATE_OF = {
    Outcome.ON_TIME: "on_time",
    Outcome.LATE: "late",
    Outcome.SKIPPED: "skipped",
    Outcome.MISSED: "missed",
}


def shown_ids(screen: RoutinesScreen) -> list[str]:
    table = table_of(screen)
    return [
        str(table.coordinate_to_cell_key(Coordinate(i, 0)).row_key.value)
        for i in range(table.row_count)
    ]


def cell_text(screen: RoutinesScreen, row: int, column: str) -> str:
    table = table_of(screen)
    value = table.get_cell_at(Coordinate(row, table.get_column_index(column)))
    return str(getattr(value, "plain", value))


def filters_of(screen: RoutinesScreen) -> Filters:
    """The filters now (a call, so that type narrowing does not outlive a key press)."""
    return screen.filters


def heatmap(screen: RoutinesScreen) -> Heatmap:
    return screen.query_one(Heatmap)


def note(screen: RoutinesScreen) -> str:
    return str(screen.query_one("#routines-note", Static).content)


async def go_to(pilot: Driver, screen: RoutinesScreen, process_id: str) -> None:
    """Move the cursor with j/k until the row of `process_id` is selected."""
    target = shown_ids(screen).index(process_id)
    while table_of(screen).cursor_row != target:
        await pilot.press("j" if table_of(screen).cursor_row < target else "k")
    await settle(pilot)
    row = screen.current()
    assert row is not None and row.process.id == process_id


async def wait_for_count(pilot: Driver, screen: RoutinesScreen, count: int) -> None:
    await wait_until(
        pilot, lambda: screen.data is not None and screen.data.filters == screen.filters
    )
    await wait_until(pilot, lambda: table_of(screen).row_count == count)


# -- the table ------------------------------------------------------------------------------


async def test_lists_every_recurring_process_with_its_figures(
    make_app: AppFactory, data_path: Path
) -> None:
    expected = rows_in(data_path)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_routines(pilot)
        assert shown_ids(screen) == [row.process.id for row in expected]
        assert len(expected) == 19
        for index, row in enumerate(expected):
            assert cell_text(screen, index, "process") == row.process.name
            assert cell_text(screen, index, "role") == row.role_name
            assert cell_text(screen, index, "strength").endswith(pct(row.figures.strength))
            assert cell_text(screen, index, "stage") == row.process.stage.value
            f = row.figures
            assert cell_text(screen, index, "streak") == (
                f"{f.current_streak}/{f.best_streak} {f.streak_unit}"
            )
        first = expected[0].figures
        then, now = round(first.strength_4_weeks_ago * 100), round(first.strength * 100)
        assert cell_text(screen, 0, "trend") == f"↑ {then}→{now} %"
        assert len(cell_text(screen, 0, "weeks")) <= 12
        suggested = [r.process.id for r in expected if r.figures.suggest_routine]
        assert suggested == ["review-pipeline"]
        assert cell_text(screen, shown_ids(screen).index("review-pipeline"), "note") == (
            "→ routine?"
        )


async def test_update_bookkeeping_is_slipping_with_its_message(
    make_app: AppFactory, data_path: Path
) -> None:
    bookkeeping = next(r for r in rows_in(data_path) if r.process.name == "Update bookkeeping")
    assert bookkeeping.figures.slipping
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_routines(pilot)
        index = shown_ids(screen).index("update-bookkeeping")
        assert cell_text(screen, index, "note") == "slipping"
        slipping = [
            i for i in range(len(screen.rows)) if cell_text(screen, i, "note") == "slipping"
        ]
        assert slipping == [index]
        await go_to(pilot, screen, "update-bookkeeping")
        shown = " ".join(note(screen).split())
        assert " ".join(bookkeeping.figures.slipping_message.split()) in shown
        assert "missed 4 times in a row" in shown


async def test_j_and_k_move_and_the_heatmap_follows(make_app: AppFactory, data_path: Path) -> None:
    rows = rows_in(data_path)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_routines(pilot)
        assert screen.current_id() == rows[0].process.id
        await pilot.press("j", "j")
        await settle(pilot)
        assert screen.current_id() == rows[2].process.id
        await pilot.press("k")
        await settle(pilot)
        row = rows[1]
        assert screen.current_id() == row.process.id
        assert row.process.name in str(screen.query_one("#routines-map-title", Static).content)
        shown = heatmap(screen)
        assert shown.first_day == week_start(DAY) - timedelta(weeks=25)
        recent = dict(row.figures.recent)
        checked = [day for day in recent if day >= shown.first_day][-10:]
        assert len(checked) == 10
        for day in checked:
            assert shown.state_on(day) == STATE_OF[recent[day]], day
        assert any(recent[day] is Outcome.MISSED for day in recent)
        missed = max(day for day, result in recent.items() if result is Outcome.MISSED)
        assert shown.state_on(missed) == "missed"
        assert shown.state_on(DAY + timedelta(days=1)) == "future"
        assert shown.state_on(shown.first_day) == "none"  # before the demo's history


async def test_enter_opens_the_explanation_and_the_steps(
    make_app: AppFactory, data_path: Path
) -> None:
    row = next(r for r in rows_in(data_path) if r.process.id == "update-bookkeeping")
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_routines(pilot)
        await go_to(pilot, screen, "update-bookkeeping")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RoutineDetailScreen))
        detail = pilot.app.screen
        assert isinstance(detail, RoutineDetailScreen)
        explanation = str(detail.query_one("#routine-explanation", Static).content)
        assert "alpha" in explanation
        assert explanation == row.figures.explanation
        steps: DataTable[Any] = detail.query_one("#routine-steps", DataTable)
        assert steps.row_count == len(row.figures.steps) > 0
        weakest = row.figures.weakest_step
        assert weakest is not None
        marks = [str(steps.get_row_at(i)[-1]) for i in range(steps.row_count)]
        assert marks.count("← weakest") == 1
        assert steps.get_row_at(marks.index("← weakest"))[1].plain == weakest.title
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, RoutinesScreen))


# -- filters -----------------------------------------------------------------------------


async def test_r_y_g_filter_like_the_service(make_app: AppFactory, data_path: Path) -> None:
    everything = len(rows_in(data_path))
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_routines(pilot)
        assert screen.data is not None
        roles = [role.id for role in screen.data.roles]
        systems = [system.id for system in screen.data.systems]
        for role in roles:
            await pilot.press("r")
            assert filters_of(screen).role == role
            await wait_for_count(pilot, screen, len(rows_in(data_path, role=role)))
        await pilot.press("r")
        assert filters_of(screen).role is None
        await wait_for_count(pilot, screen, everything)

        await pilot.press("y")
        assert filters_of(screen).system == systems[0]
        await wait_for_count(pilot, screen, len(rows_in(data_path, system=systems[0])))
        assert 0 < table_of(screen).row_count < everything
        await pilot.press("r")  # filters combine
        combined = rows_in(data_path, role=roles[0], system=systems[0])
        await wait_for_count(pilot, screen, len(combined))
        for _ in systems:
            await pilot.press("y")
        await pilot.press(*["r"] * len(roles))
        assert filters_of(screen) == Filters()

        await pilot.press("g")
        assert filters_of(screen).stage == "draft"
        await wait_for_count(pilot, screen, 0)
        assert screen.query_one("#routines-empty", Static).display
        await pilot.press("g")
        testing = rows_in(data_path, stage="testing")
        await wait_for_count(pilot, screen, len(testing))
        assert shown_ids(screen) == [row.process.id for row in testing]
        assert not screen.query_one("#routines-empty", Static).display


# -- the heatmap ---------------------------------------------------------------------------


async def test_w_shows_the_whole_role(make_app: AppFactory, data_path: Path) -> None:
    rows = rows_in(data_path)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_routines(pilot)
        await go_to(pilot, screen, "update-bookkeeping")
        await pilot.press("w")
        await settle(pilot)
        shown = heatmap(screen)
        assert shown.legend == ROLE_LEGEND
        admin = [r for r in rows if r.process.role == "admin"]
        expected = role_cells(r.figures.recent for r in admin)
        assert expected == shown.cells
        assert {"all_done", "some_done"} <= set(expected.values())
        assert "Admin" in str(screen.query_one("#routines-map-title", Static).content)
        assert "Update bookkeeping" in note(screen)
        await pilot.press("w")
        await settle(pilot)
        assert heatmap(screen).legend != ROLE_LEGEND


async def test_brackets_move_the_period_but_not_into_the_future(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_routines(pilot)
        this_week = week_start(DAY) + timedelta(days=6)
        assert heatmap(screen).end == this_week
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert heatmap(screen).end == this_week - timedelta(weeks=PERIOD_STEP)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert heatmap(screen).end == this_week
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert heatmap(screen).end == this_week
        assert any("this week" in note for note in notes(pilot))
        await pilot.press(*["left_square_bracket"] * 10)
        await settle(pilot)
        assert heatmap(screen).end == this_week - timedelta(weeks=MAX_BACK)
        assert any("oldest week" in note for note in notes(pilot))


# -- moving a process to routine -------------------------------------------------------------


async def test_p_moves_a_suggested_process_to_routine(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_routines(pilot)
        await go_to(pilot, screen, "review-pipeline")
        assert "Press p" in note(screen)
        await pilot.press("p")
        index = shown_ids(screen).index("review-pipeline")
        await wait_until(pilot, lambda: cell_text(screen, index, "stage") == "routine")
        moved = next(r for r in rows_in(data_path) if r.process.id == "review-pipeline")
        assert moved.process.stage.value == "routine"
        assert not moved.figures.suggest_routine
        assert any("moved to the routine stage" in note for note in notes(pilot))
        assert cell_text(screen, index, "note") == ""


async def test_p_does_nothing_without_a_suggestion(make_app: AppFactory, data_path: Path) -> None:
    before = {r.process.id: r.process.stage for r in rows_in(data_path)}
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_routines(pilot)
        await pilot.press("p")  # the first row is already a routine
        await go_to(pilot, screen, "weekly-social-posts")  # testing, under 80 %
        await pilot.press("p")
        await settle(pilot)
        messages = notes(pilot)
        assert any("already at the routine stage" in m for m in messages)
        assert any("Weekly social posts" in m and "stays testing" in m for m in messages)
    assert {r.process.id: r.process.stage for r in rows_in(data_path)} == before


async def test_small_terminal_keeps_the_essentials(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SMALL) as pilot:
        screen = await open_routines(pilot)
        assert screen.has_class("-narrow")
        keys = [str(column.value) for column in table_of(screen).columns]
        assert keys == ["process", "strength", "streak", "stage", "note"]
        assert heatmap(screen).region.width <= SMALL[0]
        assert heatmap(screen).region.height == 9


# -- snapshots -------------------------------------------------------------------------------


def routines_view(*keys: str) -> Callable[[Driver], Any]:
    async def run_before(pilot: Driver) -> None:
        await open_routines(pilot)
        if keys:
            await pilot.press(*keys)
        await settle(pilot)
        quiet_status(pilot)
        await pilot.pause()

    return run_before


def test_snapshot_routines_view(snap_compare: Any, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=SNAP_SIZE, run_before=routines_view())


def test_snapshot_slipping_process(snap_compare: Any, make_app: AppFactory) -> None:
    keys = ["j"] * 17
    assert snap_compare(make_app(), terminal_size=SNAP_SIZE, run_before=routines_view(*keys))


def test_snapshot_routine_detail(snap_compare: Any, make_app: AppFactory) -> None:
    keys = ["j", "j", "j", "enter"]
    assert snap_compare(make_app(), terminal_size=SNAP_SIZE, run_before=routines_view(*keys))


def test_snapshot_small_terminal(snap_compare: Any, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=routines_view())


async def test_the_selected_process_stays_selected_when_the_filter_keeps_it(
    make_app: AppFactory,
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_routines(pilot)
        await go_to(pilot, screen, "prospecting")
        assert screen.data is not None and screen.data.roles[0].id == "sales"
        await pilot.press("r")
        assert filters_of(screen).role == "sales"
        await wait_until(
            pilot, lambda: screen.data is not None and screen.data.filters.role == "sales"
        )
        assert shown_ids(screen).index("prospecting") > 0
        assert screen.current_id() == "prospecting"
        assert "Prospecting" in str(screen.query_one("#routines-map-title", Static).content)
