"""A TUI opened read-only because another Cockpit held the lock becomes the writer when that
one closes or dies, reads the file again, and says so; warnings of the opening are said once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from cockpit.domain.occurrence import StepStatus
from cockpit.services import actions
from cockpit.services.context import Cockpit
from cockpit.tui.app import CockpitApp
from cockpit.tui.widgets.status_bar import StatusBar
from tests.functional.helpers import ready, shown_keys, step_list, stored_step, today_screen
from tests.functional.test_sync_support import looking_every, noted
from tests.ui_support import (
    SIZE,
    AppFactory,
    Driver,
    app_of,
    app_settings,
    errors,
    fixed_clock,
    notes,
    open_cockpit,
    record_notes,
    wait_until,
)


def status_text(pilot: Driver) -> str:
    bar = today_screen(pilot).query_one(StatusBar)
    bar.update_bar()
    return bar.bar_text().plain


async def becomes_the_writer(pilot: Driver) -> None:
    app = app_of(pilot)
    await wait_until(pilot, lambda: app.cockpit is not None and not app.cockpit.read_only, 3)
    await wait_until(pilot, lambda: noted(pilot, "Now the writer"))
    assert "read-only" not in status_text(pilot)


async def test_the_read_only_app_becomes_the_writer_when_the_other_closes(
    make_app: AppFactory, data_path: Path
) -> None:
    other = open_cockpit(data_path)  # the other Cockpit, holding the lock
    try:
        async with looking_every(make_app(), 0.1).run_test(size=SIZE) as pilot:
            await ready(pilot)
            app = app_of(pilot)
            assert app.cockpit is not None and app.cockpit.read_only
            assert "read-only" in status_text(pilot)
            done_there = shown_keys(pilot)[0]
            actions.complete(other, done_there)  # its last act before it quits
            other.close()

            await becomes_the_writer(pilot)
            await wait_until(pilot, lambda: done_there not in shown_keys(pilot))
            mine = step_list(pilot).current_key
            await pilot.press("x")  # and now it saves
            await wait_until(pilot, lambda: mine not in shown_keys(pilot))
            assert errors(pilot) == []
    finally:
        other.close()
    assert mine is not None
    for key in (done_there, mine):
        assert stored_step(data_path, key).status is StepStatus.DONE, key


HOLD_THE_LOCK = """
import sys, time
from pathlib import Path
from cockpit.store.database import Store
store = Store.open(Path(sys.argv[1]), read_only=False)
print("holding", flush=True)
time.sleep(60)
"""


async def test_the_read_only_app_becomes_the_writer_when_the_other_dies(
    make_app: AppFactory, data_path: Path
) -> None:
    other = subprocess.Popen(
        [sys.executable, "-c", HOLD_THE_LOCK, str(data_path)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "holding"
        async with looking_every(make_app(), 0.1).run_test(size=SIZE) as pilot:
            await ready(pilot)
            assert "read-only" in status_text(pilot)
            other.kill()  # kill -9: the OS drops its lock
            other.wait()
            await becomes_the_writer(pilot)
    finally:
        other.kill()
        other.wait()


async def test_warnings_of_the_opening_are_said_once(data_path: Path) -> None:
    """A backup that could not be written (a full disk) does not stop the opening: said."""
    warning = "Could not write today's backup (No space left on device); Cockpit goes on."

    def opener() -> Cockpit:
        ctx = Cockpit.open(data_path, fixed_clock(), app_settings())
        if not getattr(ctx, "warnings", None):  # the fs helper's list, when it lands
            object.__setattr__(ctx, "warnings", [warning])
        return ctx

    app = record_notes(CockpitApp(opener, app_settings(), fixed_clock(), data_path))
    async with looking_every(app, 0.1).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.pause(0.3)
        said = [message for message in notes(pilot, "warning") if message == warning]
    assert said == [warning]
