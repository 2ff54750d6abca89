"""The base of Cockpit's full-screen views: `cockpit_app`, the app with its types."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import Screen

from cockpit.tui.cockpit_app import cockpit_app

if TYPE_CHECKING:
    from cockpit.tui.app import CockpitApp

R = TypeVar("R")


class CockpitScreen(Screen[R]):
    """A view of the app (a mode's screen, the timeline)."""

    @property
    def cockpit_app(self) -> CockpitApp:
        return cockpit_app(self.app)
