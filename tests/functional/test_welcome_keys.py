"""The welcome screen's choices move with j/k as every list of Cockpit does (tester 2: `j`
did nothing, and the enter that followed loaded the sample business instead of an empty
start)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from cockpit.tui.screens.welcome import WelcomeScreen
from tests.ui_support import SIZE, AppFactory, settle, wait_for_screen


async def test_j_then_enter_starts_empty_and_k_goes_back(
    make_app: AppFactory, tmp_path: Path
) -> None:
    path = tmp_path / "fresh" / "cockpit.json"
    async with make_app(path).run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, WelcomeScreen)
        await pilot.press("j", "j", "k", "enter")
        await settle(pilot)
        assert screen.query_one("#answer", Input).display  # asks for the roles
        assert not path.exists()  # the sample was not loaded
