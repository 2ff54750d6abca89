"""Snooze a step: tomorrow, in N days, or to a date (before the next occurrence)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label

from cockpit.domain.errors import ValidationError
from cockpit.services.dates import parse_when
from cockpit.tui.plain import plain
from cockpit.tui.screens.dialog import DialogScreen


class SnoozeScreen(DialogScreen[date | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="snooze.cancel"),
        Binding("ctrl+t", "tomorrow", "Tomorrow", id="snooze.tomorrow"),
    ]

    def __init__(self, key: str, title: str, today: date, *, today_too: bool = False) -> None:
        super().__init__()
        self.key, self.title_text = key, title  # a step's (412.2) or a task's (t12)
        self.today = today
        self.today_too = today_too  # a task may move to today (from the inbox, or back)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(f"Snooze {self.key} “{self.title_text}”"), classes="dialog-title")
            yield Label("To when? fri, +3 (days), +2w or YYYY-MM-DD; enter alone: tomorrow")
            yield Input(placeholder="e.g. tomorrow, fri, +3 or +2w", id="when")
            yield Label("", id="when-error", classes="error")

    def action_tomorrow(self) -> None:
        self.dismiss(self.today + timedelta(days=1))

    @on(Input.Submitted, "#when")
    def _submit(self, event: Input.Submitted) -> None:
        try:
            when = parse_when(event.value or "tomorrow", self.today)
        except ValidationError as error:
            self.query_one("#when-error", Label).update(plain(str(error)))
            return
        if when < self.today or (when == self.today and not self.today_too):
            # the words of the rule (Occurrence.snooze), as `cockpit snooze` prints them
            later = f"snooze to a later date than {self.today.isoformat()}"
            self.query_one("#when-error", Label).update(later)
            return
        self.dismiss(when)
