"""A running TUI and another device: what the other device did shows up, the cursor stays on
its step, and nothing the other device did is lost by what this one writes next."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from pathlib import Path

import pytest

from cockpit.domain.due import DueStep
from cockpit.domain.occurrence import StepStatus
from cockpit.services import actions
from cockpit.services.day import DayPlan
from cockpit.tui.messages import DayLoaded
from tests.functional.helpers import ready, shown_keys, step_list, stored_step, today_screen
from tests.functional.test_sync_support import (
    looking_every,
    not_looking,
    noted,
    on_device,
    other_device,
    sync,
)
from tests.ui_support import DAY as DAY_ONE
from tests.ui_support import (
    SIZE,
    AppFactory,
    app_of,
    errors,
    open_cockpit,
    settle,
    switch_mode,
    wait_until,
)

ON_DEMAND = "Book a discovery call"


def run_uids(path: Path) -> set[str]:
    with open_cockpit(path, read_only=True) as ctx:
        return {run.uid for run in ctx.store.open_occurrences() if run.uid}


async def test_steps_done_elsewhere_show_up_with_the_cursor_on_its_step(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    app = make_app()  # looking every 1.5 s, as it ships
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        keys = shown_keys(pilot)
        chosen, elsewhere = keys[6], keys[:4]  # done elsewhere: the four rows above it
        today_screen(pilot).jump_to(chosen)
        row = step_list(pilot).highlighted

        desktop = other_device(data_path, tmp_path / "desktop")
        with on_device(desktop) as ctx:
            for key in elsewhere:
                actions.complete(ctx, key)
            started = actions.start(ctx, ON_DEMAND).after[0]
        loop = asyncio.get_running_loop()
        synced_at = loop.time()
        sync(desktop, data_path)

        await wait_until(pilot, lambda: noted(pilot, "4 steps done"), timeout=4)
        seen_after = loop.time() - synced_at
        await wait_until(pilot, lambda: not set(elsewhere) & set(shown_keys(pilot)))
        assert step_list(pilot).current_key == chosen  # the same step, on another row
        assert step_list(pilot).highlighted != row
        assert noted(pilot, "Updated from disk: 4 steps done, 1 run added elsewhere")

        await pilot.press("x")  # this device completes the fifth
        await wait_until(pilot, lambda: chosen not in shown_keys(pilot))
        assert errors(pilot) == []

    for key in [*elsewhere, chosen]:
        assert stored_step(data_path, key).status is StepStatus.DONE, key
    assert started.uid in run_uids(data_path)
    assert seen_after < 3.5


async def test_looking_at_tomorrow_after_a_sync_keeps_the_other_devices_work(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    """`]` creates tomorrow's runs: a write, before the app has even seen the new file."""
    async with not_looking(make_app()).run_test(size=SIZE) as pilot:
        await ready(pilot)
        elsewhere = shown_keys(pilot)[:4]
        desktop = other_device(data_path, tmp_path / "desktop")
        with on_device(desktop) as ctx:
            for key in elsewhere:
                actions.complete(ctx, key)
            started = actions.start(ctx, ON_DEMAND).after[0]
        sync(desktop, data_path)

        await pilot.press("right_square_bracket")
        screen = today_screen(pilot)
        await wait_until(pilot, lambda: screen.plan is not None and screen.plan.date > DAY_ONE)
        assert errors(pilot) == []
        assert not set(elsewhere) & set(shown_keys(pilot))
        app_of(pilot).look_now()  # the write took the sync in; the next look still tells it
        await wait_until(pilot, lambda: noted(pilot, "Updated from disk: 4 steps done"))

    for key in elsewhere:
        assert stored_step(data_path, key).status is StepStatus.DONE, key
    assert started.uid in run_uids(data_path)


async def test_a_step_closed_elsewhere_is_not_completed_over_it(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    """The app has not seen the new file yet; the step it completes was skipped elsewhere:
    refused, said as an error, and the views show the disk's data."""
    async with not_looking(make_app()).run_test(size=SIZE) as pilot:
        await ready(pilot)
        key = step_list(pilot).current_key
        assert key is not None
        desktop = other_device(data_path, tmp_path / "desktop")
        with on_device(desktop) as ctx:
            actions.skip(ctx, key, "not this week")
        sync(desktop, data_path)

        await pilot.press("x")
        await wait_until(pilot, lambda: bool(errors(pilot)))
        await wait_until(pilot, lambda: key not in shown_keys(pilot))
        assert pilot.app.is_running

    state = stored_step(data_path, key)
    assert (state.status, state.reason) == (StepStatus.SKIPPED, "not this week")


@pytest.mark.parametrize("kind", ["half a file", "a wrong shape before bad JSON"])
async def test_a_file_replaced_by_garbage_is_said_and_never_written_over(
    make_app: AppFactory, data_path: Path, tmp_path: Path, kind: str
) -> None:
    """Half a file, as a sync client may leave it, or worse: said once, what the app shows
    stays, and its writes are refused rather than put over it."""
    if kind == "half a file":
        garbage = data_path.read_bytes()[: data_path.stat().st_size // 2]
    else:
        garbage = b'{"roles": {"1": [not json'
    async with looking_every(make_app(), 0.1).run_test(size=SIZE) as pilot:
        await ready(pilot)
        shown = shown_keys(pilot)
        broken = tmp_path / "broken.json"
        broken.write_bytes(garbage)
        sync(broken, data_path)

        await wait_until(pilot, lambda: noted(pilot, "cannot be read"), timeout=3)
        assert shown_keys(pilot) == shown  # what it showed, it still shows
        await pilot.press("x")  # a write: refused, the app goes on
        await wait_until(pilot, lambda: len(errors(pilot)) >= 2)
        await pilot.pause(0.3)  # a few more looks: said once
        assert sum("changed on disk" in message for message in errors(pilot)) == 1
        assert pilot.app.is_running

    assert data_path.read_bytes() == garbage


async def test_notes_saved_over_a_file_that_cannot_be_read_are_refused_once(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    """A refused write redraws the views; the Review view's redraw saves typed notes first:
    over a file that stays unreadable that must not go round and round."""
    from cockpit.tui.screens.review import ReviewScreen

    async with not_looking(make_app()).run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await switch_mode(pilot, "4", ReviewScreen, lambda s: s.report is not None)
        screen.notes_area.load_text("Invoices slipped again")
        broken = tmp_path / "broken.json"
        broken.write_bytes(b"{")
        sync(broken, data_path)

        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: bool(errors(pilot)))
        await pilot.pause(0.5)
        await settle(pilot)
        assert len(errors(pilot)) == 1, errors(pilot)
    assert data_path.read_bytes() == b"{"


async def test_the_apps_own_writes_are_not_news(make_app: AppFactory, data_path: Path) -> None:
    async with looking_every(make_app(), 0.05).run_test(size=SIZE) as pilot:
        await ready(pilot)
        for _ in range(3):
            key = step_list(pilot).current_key
            await pilot.press("x")
            await wait_until(pilot, lambda key=key: key not in shown_keys(pilot))  # type: ignore[misc]
        await pilot.pause(0.4)  # several looks
        await settle(pilot)
        assert not noted(pilot, "Updated from disk")


def renumbered(plan: DayPlan, by: int) -> DayPlan:
    """The same day as another file may number it: every run's number moved by `by`."""

    def moved(due: DueStep) -> DueStep:
        return replace(due, occurrence=replace(due.occurrence, no=due.occurrence.no + by))

    sections = [replace(s, steps=tuple(moved(d) for d in s.steps)) for s in plan.sections]
    return replace(plan, sections=sections, planned=[moved(d) for d in plan.planned])


async def test_the_cursor_follows_its_step_not_its_number(make_app: AppFactory) -> None:
    """Run numbers are per file: the step under the cursor is found by its run and step."""
    async with not_looking(make_app()).run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = today_screen(pilot)
        chosen = shown_keys(pilot)[3]
        screen.jump_to(chosen)
        assert screen.plan is not None
        screen.post_message(DayLoaded(renumbered(screen.plan, 100)))
        number, position = chosen.split(".")
        await wait_until(
            pilot, lambda: step_list(pilot).current_key == f"{int(number) + 100}.{position}"
        )
