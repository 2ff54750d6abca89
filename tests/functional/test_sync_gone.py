"""The data file goes away under a running app (a sync client re-downloading it, its folder
moved or unmounted): the app says so once, keeps showing the day it read, refuses changes
without making a new file in its place, and goes on when the file is back (the outside
tester's app emptied itself and its next task made a one-task business)."""

from __future__ import annotations

import shutil
from pathlib import Path

from cockpit.domain.occurrence import StepStatus
from cockpit.services import actions
from cockpit.services.tasks import add_task
from tests.functional.helpers import ready, shown_keys, step_list, stored_step, today_screen
from tests.functional.test_sync_support import (
    looking_every,
    noted,
    on_device,
    other_device,
    sync,
)
from tests.ui_support import DAY, SIZE, AppFactory, errors, open_cockpit, settle, wait_until


async def test_a_vanished_file_is_said_kept_in_view_and_never_made_anew(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    aside = tmp_path / "aside.json"
    async with looking_every(make_app(), 0.05).run_test(size=SIZE) as pilot:
        await ready(pilot)
        keys = shown_keys(pilot)
        shutil.move(data_path, aside)
        await wait_until(pilot, lambda: noted(pilot, "is gone"))
        assert shown_keys(pilot) == keys  # the day it read, not an empty business
        await pilot.press("x")
        await wait_until(pilot, lambda: any("is gone" in error for error in errors(pilot)))
        await settle(pilot)
        assert not data_path.exists()  # no new file holding only this change
        assert keys[0] in shown_keys(pilot)

        shutil.move(aside, data_path)  # back
        await settle(pilot)
        await pilot.press("x")
        await wait_until(pilot, lambda: keys[0] not in shown_keys(pilot))
    assert stored_step(data_path, keys[0]).status is StepStatus.DONE


async def test_a_vanished_folder_is_said_in_words(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    folder = data_path.parent
    async with looking_every(make_app(), 0.05).run_test(size=SIZE) as pilot:
        await ready(pilot)
        keys = shown_keys(pilot)
        folder.rename(tmp_path / "unmounted")
        await wait_until(pilot, lambda: noted(pilot, "is gone"))
        await pilot.press("a")
        await pilot.press(*"dir gone", "enter")
        await wait_until(pilot, lambda: bool(errors(pilot)))
        await settle(pilot)
        assert all("Error(" not in error and "Problem(" not in error for error in errors(pilot))
        assert not folder.exists()
        assert shown_keys(pilot)[: len(keys)] == keys or keys[0] in shown_keys(pilot)


async def test_a_reload_from_disk_keeps_the_cursor_on_the_task(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    """Outside tester: "Updated from disk" put the cursor on the first step, and the next `x`
    closed step 1.1 instead of the task the owner was on."""
    with open_cockpit(data_path) as ctx:
        for title in ("Call the bank", "Renew the domain"):
            add_task(ctx, title, role="admin", due=DAY)
    desktop = other_device(data_path, tmp_path / "desktop")
    async with looking_every(make_app(), 0.05).run_test(size=SIZE) as pilot:
        await ready(pilot)
        keys = shown_keys(pilot)
        task = next(key for key in keys if key.startswith("t") and key != "t1")
        today_screen(pilot).jump_to(task)
        await settle(pilot)
        with on_device(desktop) as ctx:
            actions.complete(ctx, keys[0])  # any change elsewhere
        sync(desktop, data_path)
        await wait_until(pilot, lambda: keys[0] not in shown_keys(pilot))
        await settle(pilot)
        assert step_list(pilot).current_key == task
