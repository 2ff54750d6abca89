"""The footer of every screen: Textual's, without the ctrl+p hint on a narrow terminal.

At 80 columns the hint takes the room of the last keys, `? Help` and `ctrl+q Quit`
among them; ctrl+p still works, and `?` lists it.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Footer

WIDE = 100  # from this width on, the footer also shows ctrl+p


class CockpitFooter(Footer):
    """A footer generated from the bindings that gives the screen's keys the room first."""

    def __init__(self) -> None:
        super().__init__(show_command_palette=self._wide())

    def _wide(self) -> bool:
        return self.app.size.width >= WIDE

    def on_resize(self, event: events.Resize) -> None:
        wide = self._wide()
        if wide != self.show_command_palette:
            self.show_command_palette = wide
            self.call_after_refresh(self.recompose)
