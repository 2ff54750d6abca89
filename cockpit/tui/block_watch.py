"""Role blocks as the day goes: a notification when a role's block starts, and the role's
focus session (`F`) started as Today starts it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cockpit.tui.messages import FocusChanged

if TYPE_CHECKING:
    from cockpit.services.context import Cockpit
    from cockpit.tui.app import CockpitApp


def start_role_focus(app: CockpitApp, role: str) -> None:
    """A pomodoro for a role (no step), then the Focus view, as Today's `F`."""
    from cockpit.domain.focus import FocusKind, FocusSession

    minutes = app.settings.focus.pomodoro_minutes

    def job(cockpit: Cockpit) -> FocusSession:
        from cockpit.services.focus import start_focus

        return start_focus(cockpit, FocusKind.POMODORO, role=role, minutes=minutes)

    def started(session: FocusSession) -> None:
        app.focus_session = session  # before the Focus screen shows
        app.post_message(FocusChanged(session))
        app.switch_mode("focus")

    app.run_service(job, started, group="write")
