"""Key sequences that crashed the app (issue 11), each as it arrives from a terminal: keys in
one read are posted at once, with no pause between them. The app must keep running."""

from __future__ import annotations

import pytest
from textual import events
from textual.command import CommandList, CommandPalette

from cockpit.tui.screens.today import TodayScreen
from cockpit.tui.screens.today.focus_kind import FocusKindScreen
from cockpit.tui.screens.today.skip import SkipScreen
from tests.functional.helpers import ready
from tests.ui_support import SIZE, AppFactory, Driver, settle, wait_for_screen, wait_until

NAMED = {"space": " ", "question_mark": "?"}


async def at_once(pilot: Driver, *keys: str) -> None:
    """Keys that arrive in one read: posted together, handled with no pause between."""
    for key in keys:
        char = NAMED.get(key, key if len(key) == 1 else None)
        pilot.app.post_message(events.Key(key, char))
    await pilot.pause()


SEQUENCES: dict[str, list[tuple[str, ...]]] = {
    "palette enter enter": [("ctrl+p", "enter", "enter")],
    "palette enter 4 enter": [("ctrl+p",), ("enter",), ("4",), ("enter",)],
    "theme enter enter": [("ctrl+t", "enter", "enter")],
    "palette page down": [("ctrl+p", "pagedown")],
    "palette page up": [("ctrl+p", "pageup")],
    "palette page down later": [("ctrl+p",), ("pagedown", "pageup", "pagedown")],
    "focus kind twice": [("f", "escape", "f", "enter", "enter")],
    "skip then modes": [("s", "1", "2", "escape", "enter")],
    "help and back": [("question_mark", "escape", "question_mark", "escape", "escape")],
}


@pytest.mark.parametrize("name", list(SEQUENCES))
async def test_keys_in_one_read_never_crash_the_app(make_app: AppFactory, name: str) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for _ in range(3):  # each sequence three times over: it crashed 2 to 5 times in 5
            for chunk in SEQUENCES[name]:
                await at_once(pilot, *chunk)
                assert app.is_running, f"{name}: the app stopped after {chunk}"
            for _ in range(4):
                await at_once(pilot, "escape")
        await pilot.app.workers.wait_for_complete()
    assert app.return_code in (None, 0)


async def test_a_choice_made_twice_in_one_read_is_acted_on_once(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        palette = await wait_for_screen(pilot, CommandPalette)
        await pilot.press(*"Skip")
        hits = palette.query_one(CommandList)
        await wait_until(pilot, lambda: hits.option_count > 0 and hits.highlighted is not None)
        await at_once(pilot, "enter", "enter", "enter")
        await wait_for_screen(pilot, SkipScreen)
        await settle(pilot)
        assert sum(isinstance(screen, SkipScreen) for screen in app.screen_stack) == 1

        await at_once(pilot, "escape", "escape", "escape")  # out of the dialog, once
        await wait_for_screen(pilot, TodayScreen)
        await at_once(pilot, "f", "enter", "enter")
        await settle(pilot)
        assert sum(isinstance(screen, FocusKindScreen) for screen in app.screen_stack) == 0
        assert app.is_running
