"""The app as Cockpit's screens and widgets see it: typed once, here.

Textual types a node's `app` as any App; every screen, dialog and widget of Cockpit runs
inside a CockpitApp. `cockpit_app` says so in the one place it is said, so the rest of the
package reads the app's state (the open data, the clock, the settings) with its types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from textual.app import App

    from cockpit.tui.app import CockpitApp


def cockpit_app(app: App[Any]) -> CockpitApp:
    """The running app, as the CockpitApp it is (no import of the app module at run time)."""
    return cast("CockpitApp", app)
