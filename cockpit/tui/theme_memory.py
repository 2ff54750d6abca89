"""The theme chosen with ctrl+t (or the palette) is kept in the config file for next time.

A second after the last change, so trying themes one after another writes once; in a
thread worker, so the file's write never holds up a frame.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual.theme import Theme
from textual.timer import Timer

from cockpit.locations import config_path

if TYPE_CHECKING:
    from cockpit.tui.app import CockpitApp

SETTLE_SECONDS = 1.0


class ThemeMemory:
    """Watches the app's theme and writes the one chosen into the config file."""

    def __init__(self, app: CockpitApp) -> None:
        self.app = app
        self._timer: Timer | None = None
        app.theme_changed_signal.subscribe(app, self._changed)

    def _changed(self, theme: Theme) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.app.set_timer(SETTLE_SECONDS, self._save)

    def _save(self) -> None:
        name = self.app.theme
        if name == self.app.settings.theme:
            return
        self.app.settings = replace(self.app.settings, theme=name)
        config = self.app.settings.source or config_path()
        self.app.run_in_thread(
            lambda: self._write(config, name), group="theme", refused=self._refused
        )

    @staticmethod
    def _write(config: Path, name: str) -> None:
        from cockpit.services.settings_file import remember_theme

        remember_theme(config, name)

    def _refused(self, message: str) -> None:
        self.app.notify(message, severity="warning")
