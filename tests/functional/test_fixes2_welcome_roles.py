"""The welcome screen's empty start refuses two roles called alike, as `init --roles` does,
and lets the owner correct the answer."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from cockpit.tui.screens.today import TodayScreen
from cockpit.tui.screens.welcome import WelcomeScreen
from tests.functional.helpers import reading, ready
from tests.ui_support import SIZE, AppFactory, settle, wait_for_screen


async def test_two_roles_called_alike_are_refused_then_corrected(
    make_app: AppFactory, tmp_path: Path
) -> None:
    path = tmp_path / "fresh" / "cockpit.json"
    async with make_app(path).run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, WelcomeScreen)
        await pilot.press("down", "enter")
        answer = screen.query_one("#answer", Input)
        answer.value = "Sales, Admin, sales"
        await pilot.press("enter")
        await settle(pilot)
        said = str(screen.query_one("#welcome-error").render())
        assert 'Two roles are called "Sales" and "sales"' in said, said
        assert not path.exists()
        assert pilot.app.screen is screen
        answer.value = "Sales, Admin"
        await pilot.press("enter")
        await wait_for_screen(pilot, TodayScreen)
        await ready(pilot)
        with reading(path) as store:
            assert [role.name for role in store.roles()] == ["Sales", "Admin"]
