"""The screens the app has shown: every mode's stack, so that news of the data (a sync, an
undo) reaches a view in another mode before it comes back into sight."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.screen import Screen


def every_screen(app: App[Any]) -> list[Screen[Any]]:
    """The screens of every mode shown so far, each once."""
    screens: list[Screen[Any]] = []
    for mode in dict.fromkeys([app.DEFAULT_MODE, *app.MODES, app.current_mode]):
        try:
            stack = app.get_screen_stack(mode)
        except KeyError:  # a mode not shown yet: it loads when it is
            continue
        screens.extend(screen for screen in stack if screen not in screens)
    return screens
