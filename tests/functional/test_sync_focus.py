"""The Focus view and another device: a role's block shows the steps as the file now has them,
the marker on the step it was on; a session started elsewhere shows up here."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label

from cockpit.domain.focus import FocusKind
from cockpit.services import actions
from cockpit.services.focus import start_focus
from cockpit.tui.screens.focus import FocusScreen
from tests.functional.helpers import focus_screen, open_focus, ready
from tests.functional.test_sync_support import looking_every, noted, on_device, other_device, sync
from tests.ui_support import (
    SIZE,
    AppFactory,
    Driver,
    app_of,
    open_cockpit,
    switch_mode,
    wait_until,
)


def role_steps(pilot: Driver) -> str:
    return str(focus_screen(pilot).query_one("#focus-role-steps", Label).content)


async def test_a_roles_block_shows_the_steps_done_elsewhere_gone_the_marker_kept(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    with open_cockpit(data_path) as ctx:
        start_focus(ctx, FocusKind.POMODORO, role="delivery")
    async with looking_every(make_app(), 0.1).run_test(size=SIZE) as pilot:
        await open_focus(pilot)
        assert role_steps(pilot).startswith("▶ 323.1")
        await pilot.press("n", "n")
        assert "▶ 323.3" in role_steps(pilot)

        desktop = other_device(data_path, tmp_path / "desktop")
        with on_device(desktop) as ctx:
            actions.complete(ctx, "323.1")
            actions.complete(ctx, "323.2")
        sync(desktop, data_path)

        await wait_until(pilot, lambda: "323.1" not in role_steps(pilot), timeout=3)
        assert role_steps(pilot).startswith("▶ 323.3")
        assert noted(pilot, "2 steps done")


async def test_a_session_started_elsewhere_shows_up(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    async with looking_every(make_app(), 0.1).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await switch_mode(pilot, "2", FocusScreen, lambda screen: True)
        assert app_of(pilot).focus_session is None
        desktop = other_device(data_path, tmp_path / "desktop")
        with on_device(desktop) as ctx:
            start_focus(ctx, FocusKind.POMODORO, role="delivery")
        sync(desktop, data_path)

        await wait_until(pilot, lambda: app_of(pilot).focus_session is not None, timeout=3)
        await wait_until(pilot, lambda: focus_screen(pilot).target is not None)
        assert role_steps(pilot).startswith("▶ 323.1")
