"""Messages worker threads post back to the screens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from cockpit.domain.focus import FocusSession
    from cockpit.services.day import DayPlan


class DayLoaded(Message, bubble=False):
    """A day's plan, freshly computed by the services."""

    def __init__(
        self,
        plan: DayPlan,
        highlight: str | None = None,
        identity: tuple[int, int, int, int, int] | None = None,
        unsaved: str | None = None,
    ) -> None:
        super().__init__()
        self.plan = plan
        self.highlight = highlight
        self.unsaved = unsaved  # what the day's catch-up could not save (said once)
        # the data file's identity the day was computed from, when it is today's and may be
        # kept for the next start (day_cache); None otherwise
        self.identity = identity


class FocusChanged(Message, bubble=False):
    """The running focus session started, changed or ended (None: no session)."""

    def __init__(self, session: FocusSession | None) -> None:
        super().__init__()
        self.session = session


class CockpitReady(Message, bubble=False):
    """The data file is open, or what it holds changed: screens load their data again
    (Today with its cursor on `highlight`, a step key such as `412.2`, when given)."""

    def __init__(self, highlight: str | None = None) -> None:
        super().__init__()
        self.highlight = highlight


class DayShown(Message):
    """Up from Today to the app: the day's plan it shows now (its roles feed the status bar
    and the block watch, its steps the command palette)."""

    def __init__(self, plan: DayPlan) -> None:
        super().__init__()
        self.plan = plan


class DayChanged(Message, bubble=False):
    """Down to the views: the day's steps changed outside Today (a focus session logged
    its step done): a view of the day loads it again."""


class StepChosen(Message, bubble=False):
    """Down to the views: a due step chosen in the command palette; Today puts its cursor
    on it."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


class ProcessChosen(Message, bubble=False):
    """Down to the views: a process chosen in the command palette; Today starts a run."""

    def __init__(self, process_id: str) -> None:
        super().__init__()
        self.process_id = process_id
