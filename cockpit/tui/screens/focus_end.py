"""The end of a focus session: log it (and mark the step done?), or discard it."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from cockpit.domain.focus import FocusSession
from cockpit.tui.screens.dialog import DialogScreen

DONE, LOG, DISCARD = "done", "log", "discard"


class FocusEndScreen(DialogScreen[str | None]):
    """Dismisses with "done", "log", "discard", or None (keep the session running)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "choose('done')", "Log, step done", id="focus_end.done"),
        Binding("l", "choose('log')", "Log only", id="focus_end.log"),
        Binding("d", "choose('discard')", "Discard", id="focus_end.discard"),
        Binding("escape", "dismiss(None)", "Keep going", id="focus_end.back"),
    ]

    def __init__(self, session: FocusSession, now: datetime, *, time_up: bool = True) -> None:
        super().__init__()
        self.session = session
        self.now = now
        self.time_up = time_up

    def compose(self) -> ComposeResult:
        finished = self.session.finish(self.now)
        minutes = finished.minutes or 0
        on_step = self.session.step_id is not None or bool(self.session.task_uid)
        what = "task" if self.session.task_uid else "step"
        with Vertical(classes="dialog"):
            title = "Time is up." if self.time_up else "Stop the session?"
            yield Label(title, classes="dialog-title")
            yield Label(f"{minutes} minute{'s' if minutes != 1 else ''} of focused work.")
            options = []
            if on_step:
                options.append(Option(f"y  Log it, and the {what} is done", id=DONE))
            log_label = "l  Log it" + (f", the {what} is not done yet" if on_step else "")
            options.append(Option(log_label, id=LOG))
            options.append(Option("d  Discard it", id=DISCARD))
            options.append(Option("esc  Keep going", id="back"))
            yield OptionList(*options, id="end-choices")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A session on a role has no one step to mark done: no `y` in the footer either."""
        if action == "choose" and parameters == ("done",):
            return self.session.step_id is not None or bool(self.session.task_uid)
        return True

    def action_choose(self, choice: str) -> None:
        if choice == DONE and self.session.step_id is None and not self.session.task_uid:
            choice = LOG
        self.dismiss(choice)

    @on(OptionList.OptionSelected, "#end-choices")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(None if event.option.id == "back" else event.option.id)
