"""Every mode's footer fits the keys that matter most, down to 80 columns.

The footer is generated from the bindings; the keys left out of it (show=False) are
still listed by `?` and found by ctrl+p. Below 100 columns the ctrl+p hint gives its
room to the screen's keys, so `? Help` and `^q Quit` always show.
"""

from __future__ import annotations

import pytest

from cockpit.tui.screens.snooze import SnoozeScreen
from tests.functional.helpers import ready
from tests.ui_support import AppFactory, screen_lines, settle, wait_for_screen, wait_until

FOOTERS = {
    "1": ["x Done", "s Skip", "z Snooze", "f Focus", "p Plan", "/ Filter"],
    "2": [],  # no session: no key of its own that would do something (see test_focus_break)
    "3": ["r Role", "y System", "g Stage", "w Map", "p Make routine"],
    "4": ["a Accept", "K KPI", "n Notes", "^s Save notes", "m Mark reviewed"],
    "5": ["n New process", "e Edit", "a Add step", "d Delete step", "x Retire"],
}


@pytest.mark.parametrize("width, palette", [(80, False), (120, True)])
async def test_every_footer_shows_its_keys_help_and_quit(
    make_app: AppFactory, width: int, palette: bool
) -> None:
    async with make_app().run_test(size=(width, 24)) as pilot:
        await ready(pilot)
        for mode, keys in FOOTERS.items():
            await pilot.press(mode)
            await settle(pilot)
            await pilot.pause(0.1)  # the footer recomposes after the bindings settle
            footer = screen_lines(pilot.app)[-1]
            for key in [*keys, "^q Quit", "? Help"]:
                assert key in footer, f"mode {mode} at {width}: {key!r} not in {footer!r}"
            assert ("^p palette" in footer) is palette


async def test_the_palette_hint_goes_and_comes_back_with_the_width(make_app: AppFactory) -> None:
    async with make_app().run_test(size=(120, 30)) as pilot:
        await ready(pilot)
        await wait_until(pilot, lambda: "? Help" in screen_lines(pilot.app)[-1])
        assert "^p palette" in screen_lines(pilot.app)[-1]
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        await pilot.pause(0.1)
        footer = screen_lines(pilot.app)[-1]
        assert "^p palette" not in footer and "? Help" in footer
        await pilot.resize_terminal(110, 30)
        await settle(pilot)
        await pilot.pause(0.1)
        assert "^p palette" in screen_lines(pilot.app)[-1]


async def test_a_dialog_shows_its_own_keys_not_the_ones_below(make_app: AppFactory) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("z")
        await wait_for_screen(pilot, SnoozeScreen)
        await settle(pilot)
        await pilot.pause(0.1)
        footer = screen_lines(pilot.app)[-1]
        assert "esc Cancel" in footer and "^t Tomorrow" in footer
        assert "x Done" not in footer
        await pilot.press("escape")
        await settle(pilot)
        await pilot.pause(0.1)
        assert "x Done" in screen_lines(pilot.app)[-1]
