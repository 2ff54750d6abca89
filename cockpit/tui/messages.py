"""Messages worker threads post back to the screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from cockpit.domain.focus import FocusSession
    from cockpit.services.day import DayPlan


class DayLoaded(Message, bubble=False):
    """A day's plan, freshly computed by the services."""

    def __init__(self, plan: DayPlan, highlight: str | None = None) -> None:
        super().__init__()
        self.plan = plan
        self.highlight = highlight


class FocusChanged(Message, bubble=False):
    """The running focus session started, changed or ended (None: no session)."""

    def __init__(self, session: FocusSession | None) -> None:
        super().__init__()
        self.session = session


class CockpitReady(Message, bubble=False):
    """The data file is open: screens may load their data."""
