"""Ask why a step is skipped: a skip needs a reason."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label

from cockpit.tui.plain import plain
from cockpit.tui.screens.dialog import DialogScreen

# the words of the rule (Occurrence.skip), as `cockpit skip` prints them
NEEDS_A_REASON = "a skip needs a reason (why was it not done?)"


class SkipScreen(DialogScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="skip.cancel"),
    ]

    def __init__(self, key: str, title: str) -> None:
        super().__init__()
        self.key, self.title_text = key, title  # a step's (412.2) or a task's (t12)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(f"Skip {self.key} “{self.title_text}”"), classes="dialog-title")
            yield Label("Why? (it is neither done nor missed)")
            yield Input(placeholder="e.g. client on holiday", id="reason")
            yield Label("", id="reason-error", classes="error")

    @on(Input.Submitted, "#reason")
    def _submit(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.query_one("#reason-error", Label).update(NEEDS_A_REASON)
            return
        self.dismiss(event.value.strip())
