"""With a focus session running, `f` on another step says so at once (it used to ask for the
timer kind first, then refuse), and quitting says the session keeps running."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from cockpit.tui.screens.today.focus_kind import FocusKindScreen
from tests.functional.helpers import ready
from tests.functional.test_focus import store_session
from tests.ui_support import SIZE, AppFactory, app_of, notes, settle, wait_until


async def test_f_on_a_step_while_a_session_runs_says_so_first(
    make_app: AppFactory, data_path: Path
) -> None:
    store_session(data_path, time(10, 0))
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await wait_until(pilot, lambda: app_of(pilot).focus_session is not None)
        await pilot.press("j", "f")
        await wait_until(pilot, lambda: any("is running" in n for n in notes(pilot)))
        await settle(pilot)
        assert not isinstance(pilot.app.screen, FocusKindScreen)
        assert "2 shows it" in next(n for n in notes(pilot) if "is running" in n)


async def test_quitting_with_a_session_running_leaves_a_note_for_the_terminal(
    make_app: AppFactory, data_path: Path
) -> None:
    store_session(data_path, time(10, 0))
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await wait_until(pilot, lambda: app_of(pilot).focus_session is not None)
        await pilot.press("ctrl+q")
    assert "started at 10:00 is still running" in app.exit_note
    assert "picks it up when you start it again" in app.exit_note


async def test_quitting_without_a_session_says_nothing(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+q")
    assert app.exit_note == ""
