"""A yes/no question, asked before anything is retired or deleted."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label

from cockpit.tui.plain import plain_lines
from cockpit.tui.screens.dialog import DialogScreen


class ConfirmScreen(DialogScreen[bool]):
    """A yes/no question: y confirms, n or escape declines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "dismiss(True)", "Yes", id="confirm.yes"),
        Binding("n", "dismiss(False)", "No", id="confirm.no"),
        Binding("escape", "dismiss(False)", "No", id="confirm.cancel"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain_lines(self.question), classes="dialog-title")
            yield Label("y yes · n no")
