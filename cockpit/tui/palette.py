"""The command palette, safe against keys that come faster than it closes.

Textual's palette (8.2) handles two keys that arrive in one read as two choices: `Enter
Enter` chooses twice, and the second dismissal pops the screen under it (ScreenStackError).
PageDown or PageUp before its list is laid out reads a line map that is still empty (KeyError
in OptionList). Both crashed Cockpit (issue 11); `tests/functional/test_upstream_palette.py`
keeps a minimal app that shows them in plain Textual, to report upstream and to learn when a
release fixes them.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette
from textual.widgets import Input, OptionList

from cockpit.tui.dismiss_once import DismissOnce


class CockpitPalette(DismissOnce, CommandPalette):
    """A command palette that acts on one choice and pages only a list it has laid out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "page(1)", "Next page", show=False, id="palette.page_down"),
        Binding("pageup", "page(-1)", "Previous page", show=False, id="palette.page_up"),
    ]

    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _once(self, event: Input.Submitted | OptionList.OptionSelected) -> None:
        if self.dismissed:  # the palette's own handlers would choose again
            event.prevent_default()
            event.stop()

    def action_page(self, direction: int) -> None:
        commands = self.query_one(CommandList)
        if not commands.option_count or commands.scrollable_content_region.height <= 0:
            return  # not laid out yet: nothing to page through
        if direction > 0:
            commands.action_page_down()  # type: ignore[no-untyped-call]
        else:
            commands.action_page_up()  # type: ignore[no-untyped-call]
