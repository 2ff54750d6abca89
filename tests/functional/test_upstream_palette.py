"""Textual's command palette, plain: the two crashes `cockpit/tui/palette.py` guards against.

These are the minimal apps to report upstream (there is no network here to file them). They
are expected to fail (strict): when a Textual release fixes one, its test passes, fails the
run, and the guard in Cockpit can go.
"""

from __future__ import annotations

import pytest
from textual import events
from textual.app import App, ScreenStackError


class Bare(App[None]):
    """Nothing but Textual's own palette (ctrl+p)."""


async def keys_in_one_read(*keys: str) -> None:
    app = Bare()
    async with app.run_test() as pilot:
        await pilot.pause()
        for key in keys:
            app.post_message(events.Key(key, None))
        await pilot.pause()
        await pilot.pause()


@pytest.mark.xfail(
    strict=True, raises=ScreenStackError, reason="Textual 8.2: the palette chooses twice"
)
async def test_enter_enter_in_one_read_keeps_the_app_running() -> None:
    await keys_in_one_read("ctrl+p", "enter", "enter")


@pytest.mark.xfail(strict=True, raises=KeyError, reason="Textual 8.2: pages before its layout")
async def test_page_down_at_once_keeps_the_app_running() -> None:
    await keys_in_one_read("ctrl+p", "pagedown")
