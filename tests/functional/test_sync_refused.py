"""A running TUI whose write is refused because a sync left the file half written: the step
shows open again (it was not saved), nothing of it is saved by a later write, and after a
sync and a completed step the cursor moves on to the next step, not to the top."""

from __future__ import annotations

from pathlib import Path

from cockpit.domain.occurrence import StepStatus
from cockpit.services import actions
from tests.functional.helpers import ready, shown_keys, step_list, stored_step, today_screen
from tests.functional.test_sync_support import not_looking, on_device, other_device, sync
from tests.ui_support import SIZE, AppFactory, errors, settle, wait_until


async def test_a_step_refused_on_a_half_synced_file_shows_open_and_is_never_saved(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    desktop = other_device(data_path, tmp_path / "desktop")
    async with not_looking(make_app()).run_test(size=SIZE) as pilot:
        await ready(pilot)
        first, second = shown_keys(pilot)[:2]
        data_path.write_bytes(b'{"roles": {"1": ')  # a sync, half way
        await pilot.press("x")
        await wait_until(pilot, lambda: bool(errors(pilot)))
        assert "Your change was not saved" in errors(pilot)[-1]
        await wait_until(pilot, lambda: first in shown_keys(pilot))  # back, open

        sync(desktop, data_path)  # the sync finishes
        today_screen(pilot).jump_to(second)
        await settle(pilot)
        await pilot.press("x")
        await wait_until(pilot, lambda: second not in shown_keys(pilot))
        assert first in shown_keys(pilot)
    assert stored_step(data_path, second).status is StepStatus.DONE
    assert stored_step(data_path, first).status is StepStatus.OPEN


async def test_after_a_sync_a_completed_step_moves_the_cursor_to_the_next_one(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    """The step after it was done on the other device too: the cursor goes to the next one
    still open (the outside tester saw it jump to the first row)."""
    async with not_looking(make_app()).run_test(size=SIZE) as pilot:
        await ready(pilot)
        keys = shown_keys(pilot)
        chosen = keys[6]
        today_screen(pilot).jump_to(chosen)
        desktop = other_device(data_path, tmp_path / "desktop")
        with on_device(desktop) as ctx:
            for key in (*keys[:2], keys[7]):
                actions.complete(ctx, key)
        sync(desktop, data_path)
        await pilot.press("x")  # before this device has looked at the disk
        await wait_until(pilot, lambda: chosen not in shown_keys(pilot))
        await wait_until(pilot, lambda: keys[7] not in shown_keys(pilot))
        await settle(pilot)
        assert step_list(pilot).current_key == keys[8]
