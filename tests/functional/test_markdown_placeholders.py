"""Instructions are Markdown, never HTML: `reply by <day>` keeps its placeholder on screen."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Markdown

from cockpit.tui.plain import markdown_parser
from tests.ui_support import screen_lines

SOURCE = 'Send a one-line "Got it, reply by <day>".\n\n- ask for <the invoice number>\n'


class Viewer(App[None]):
    def __init__(self, parser: bool) -> None:
        super().__init__()
        self.parser = parser

    def compose(self) -> ComposeResult:
        yield Markdown(SOURCE, parser_factory=markdown_parser if self.parser else None)


async def shown(app: Viewer) -> str:
    async with app.run_test(size=(80, 10)) as pilot:
        for _ in range(20):
            await pilot.pause(0.05)
            text = "\n".join(screen_lines(app))
            if "Send a one-line" in text:
                return text
        return text


async def test_angle_bracket_placeholders_are_shown_not_swallowed_as_html() -> None:
    text = await shown(Viewer(parser=True))
    assert "reply by <day>" in text
    assert "<the invoice number>" in text


async def test_textuals_default_parser_swallows_them() -> None:
    """Why every viewer takes `markdown_parser`: the default reads `<day>` as a tag."""
    assert "reply by <day>" not in await shown(Viewer(parser=False))
