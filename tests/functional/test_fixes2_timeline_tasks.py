"""The timeline (v) places the day's dated tasks as it places steps: a task with a role goes
into that role's blocks (the plan first, by its estimate, 15m without one) and counts in the
role's "planned in"; a task without a role waits under "No block this day". It left every
task out. Overlapping blocks of one role on a day are one stretch of time, counted once."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from cockpit.domain.model import TimeBlock
from cockpit.domain.timeline import DEFAULT_MINUTES
from cockpit.services.planning import toggle_planned
from cockpit.services.tasks import add_task
from cockpit.tui.screens.snooze import SnoozeScreen
from cockpit.tui.screens.timeline import TimelineScreen
from cockpit.tui.widgets.timeline_rows import timeline_rows
from cockpit.tui.widgets.timeline_view import TimelineView
from tests.functional.helpers import reading
from tests.functional.test_timeline import show_timeline
from tests.ui_support import (
    DAY,
    SIZE,
    AppFactory,
    errors,
    notes,
    open_cockpit,
    screen_lines,
    wait_for_screen,
    wait_until,
)


def add_tasks(path: Path, *, plan: bool = False) -> tuple[str, str, str]:
    """A Sales task of 45m, a Sales task without an estimate, and a task without a role, all
    due on the demo's day; the first in the day's plan when asked."""
    with open_cockpit(path) as ctx:
        call = add_task(ctx, "Call the accountant", role="Sales", due=DAY, estimate=45).task.key
        mail = add_task(ctx, "Answer the landlord", role="Sales", due=DAY).task.key
        loose = add_task(ctx, "Buy printer paper", due=DAY).task.key
        if plan:
            toggle_planned(ctx, DAY, call)
    return call, mail, loose


async def test_dated_tasks_are_placed_in_their_roles_blocks(
    make_app: AppFactory, data_path: Path
) -> None:
    call, mail, loose = add_tasks(data_path)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await show_timeline(pilot)
        assert screen.found is not None
        line = screen.found.timeline
        assert set(screen.query_one(TimelineView).keys) >= {call, mail, loose}
        placed = line.block_of(call)
        assert placed is not None and placed.role.name == "Sales"
        work = line.find(mail)
        assert work is not None and work.minutes == DEFAULT_MINUTES
        sales = next(load for load in line.loads if load.role.name == "Sales")
        assert sales.planned >= 45 + DEFAULT_MINUTES
        lanes = {lane.role.name: [w.key for w in lane.steps] for lane in line.unscheduled}
        assert lanes.get("No role") == [loose]
        rows = [(row.text, row.right) for row in timeline_rows(line)]
        assert (f"{call}  Call the accountant", "45m") in rows
        assert (f"{mail}  Answer the landlord", "~15m") in rows
        at = rows.index(("No block this day", ""))
        assert (f"{loose}  Buy printer paper", "~15m") in rows[at:]
        assert f"{call}  Call the accountant" in "\n".join(screen_lines(pilot.app))
        assert not errors(pilot)


async def test_a_planned_task_comes_first_in_its_block(
    make_app: AppFactory, data_path: Path
) -> None:
    call, _, _ = add_tasks(data_path, plan=True)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await show_timeline(pilot)
        assert screen.found is not None
        line = screen.found.timeline
        sales = [placed for placed in line.blocks if placed.role.name == "Sales"]
        assert sales[0].slots[0].work.key == call
        assert call in line.planned


async def test_a_task_on_the_timeline_snoozes_and_refuses_a_block_move(
    make_app: AppFactory, data_path: Path
) -> None:
    call, _, _ = add_tasks(data_path, plan=True)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await show_timeline(pilot)
        timeline = screen.query_one(TimelineView)
        while timeline.cursor != call:
            before = timeline.cursor
            await pilot.press("j")
            assert timeline.cursor != before, timeline.keys
        await pilot.press("J")
        await wait_until(pilot, lambda: any("is a task" in note for note in notes(pilot)))
        assert pilot.app.is_running
        await pilot.press("z")
        await wait_for_screen(pilot, SnoozeScreen)
        await pilot.press(*"tomorrow", "enter")
        await wait_for_screen(pilot, TimelineScreen)
        await wait_until(pilot, lambda: call not in timeline.keys)
        with reading(data_path) as store:
            (task,) = [t for t in store.tasks() if t.key == call]
            assert task.due is not None and task.due > DAY
        assert not errors(pilot)


async def test_overlapping_blocks_of_a_role_are_counted_once(
    make_app: AppFactory, data_path: Path
) -> None:
    with open_cockpit(data_path) as ctx:
        sales = next(role for role in ctx.store.roles() if role.name == "Sales")
        overlapping = (TimeBlock.parse("09:00-10:00"), TimeBlock.parse("09:30-11:00"))
        ctx.store.save_role(replace(sales, blocks={**sales.blocks, "fri": overlapping}))
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await show_timeline(pilot)
        assert screen.found is not None
        line = screen.found.timeline
        blocks = [placed.label for placed in line.blocks if placed.role.name == "Sales"]
        assert blocks == ["Sales 09:00-11:00"]
        load = next(load for load in line.loads if load.role.name == "Sales")
        assert load.capacity == 120
        assert "in 2h00" in load.text
