"""A second Cockpit opened read-only (another one holds the data file) says so the moment a
form would open, not after the owner has typed a whole process into it and pressed save."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.tui.screens.form import FormScreen
from tests.functional.helpers import ready
from tests.functional.processes.conftest import cursor_to, press_5_for_processes
from tests.ui_support import SIZE, AppFactory, app_of, notes, open_cockpit, settle, wait_until

SAID = "Read-only: another Cockpit holds the data file; nothing can be changed here."


@pytest.mark.parametrize(
    ("node", "key"),
    [
        (("process", "invoice-clients"), "n"),  # a new process
        (("process", "invoice-clients"), "e"),  # edit it
        (("process", "invoice-clients"), "a"),  # add a step
        (("role", "admin"), "R"),  # a new role
    ],
)
async def test_a_read_only_app_opens_no_form(
    make_app: AppFactory, data_path: Path, node: tuple[str, str], key: str
) -> None:
    other = open_cockpit(data_path)  # the other Cockpit, holding the lock
    before = data_path.read_bytes()
    try:
        async with make_app().run_test(size=SIZE) as pilot:
            await ready(pilot)
            cockpit = app_of(pilot).cockpit
            assert cockpit is not None and cockpit.read_only
            screen = await press_5_for_processes(pilot)
            await cursor_to(pilot, screen, node)
            await pilot.press(key)
            await wait_until(pilot, lambda: SAID in notes(pilot))
            await settle(pilot)
            assert not isinstance(pilot.app.screen, FormScreen)
    finally:
        other.close()
    assert data_path.read_bytes() == before
