"""The tests read the screen from the app's SVG screenshot (`screen_lines`): checked here on a
bare app, so a change in the screenshot's format fails by name, not in every test that reads."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static

from tests.ui_support import screen_lines


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello [world] & <you>\n  two  spaces", markup=False)


async def test_the_lines_read_back_are_the_lines_drawn() -> None:
    app = Bare()
    async with app.run_test(size=(30, 4)):
        lines = screen_lines(app)
    assert [line.rstrip() for line in lines[:3]] == ["Hello [world] & <you>", "  two  spaces", ""]
