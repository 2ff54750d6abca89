"""Undo beside another device: `u` right after a sync puts back this device's change when the
other device left its records alone, and otherwise says it cannot, writing nothing (it said
"undone" while a carried-over write kept the step done: the outside tester's finding A)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.domain.occurrence import StepStatus
from cockpit.services import actions
from cockpit.tui.app import CockpitApp
from tests.functional.helpers import ready, shown_keys, step_list, stored_step
from tests.functional.test_sync_support import (
    looking_every,
    not_looking,
    noted,
    on_device,
    other_device,
    sync,
)
from tests.ui_support import SIZE, AppFactory, Driver, errors, notes, wait_until

STEP = "324.2"  # Admin: Inbox zero, its second step
SAME_RUN = "324.3"
OTHER_RUN = "323.1"  # Delivery: Hourly work logging, its first step


async def done_here_then_elsewhere(
    pilot: Driver, data_path: Path, tmp_path: Path, elsewhere: str
) -> None:
    """This device completes STEP; the other device, its file synced with it, completes
    `elsewhere`, and its file comes back over this one."""
    await ready(pilot)
    step_list(pilot).select_key(STEP)
    await pilot.pause()
    await pilot.press("x")
    await wait_until(pilot, lambda: STEP not in shown_keys(pilot))
    desktop = other_device(data_path, tmp_path / "desktop")  # with STEP done
    with on_device(desktop) as ctx:
        actions.complete(ctx, elsewhere)
    sync(desktop, data_path)


def seen_now(app: CockpitApp) -> CockpitApp:
    return looking_every(app, 0.05)


@pytest.mark.parametrize("look", [not_looking, seen_now], ids=["before a look", "after a look"])
async def test_u_after_a_sync_undoes_a_change_the_other_device_left_alone(
    make_app: AppFactory, data_path: Path, tmp_path: Path, look: object
) -> None:
    app = look(make_app())  # type: ignore[operator]
    async with app.run_test(size=SIZE) as pilot:
        await done_here_then_elsewhere(pilot, data_path, tmp_path, OTHER_RUN)
        if look is seen_now:
            await wait_until(pilot, lambda: noted(pilot, "Updated from disk"))
        await pilot.press("u")
        await wait_until(pilot, lambda: noted(pilot, "Undone: done: 324.2"))
        await wait_until(pilot, lambda: STEP in shown_keys(pilot))
        assert errors(pilot) == []
    assert stored_step(data_path, STEP).is_open
    assert stored_step(data_path, OTHER_RUN).status is StepStatus.DONE  # theirs is kept


@pytest.mark.parametrize("look", [not_looking, seen_now], ids=["before a look", "after a look"])
async def test_u_after_a_sync_that_changed_the_same_run_says_it_cannot(
    make_app: AppFactory, data_path: Path, tmp_path: Path, look: object
) -> None:
    app = look(make_app())  # type: ignore[operator]
    async with app.run_test(size=SIZE) as pilot:
        await done_here_then_elsewhere(pilot, data_path, tmp_path, SAME_RUN)
        if look is seen_now:
            await wait_until(pilot, lambda: noted(pilot, "Updated from disk"))
        written = data_path.read_bytes()
        await pilot.press("u")
        await wait_until(pilot, lambda: bool(errors(pilot)))
        assert errors(pilot)[-1].startswith('Cannot undo "done: 324.2')
        assert "was changed since" in errors(pilot)[-1]
        assert not noted(pilot, "Undone")
        assert data_path.read_bytes() == written  # nothing written
        await pilot.press("u")  # the refused change is gone from the stack
        await wait_until(pilot, lambda: "Nothing to undo." in notes(pilot))
    assert stored_step(data_path, STEP).status is StepStatus.DONE
    assert stored_step(data_path, SAME_RUN).status is StepStatus.DONE
