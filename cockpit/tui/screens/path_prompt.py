"""Asks for a file or folder path, for the SOP export and the Markdown import."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label

from cockpit.tui.plain import plain
from cockpit.tui.screens.dialog import DialogScreen


class PathScreen(DialogScreen[str | None]):
    """Ask for a file or folder path (enter accepts, escape cancels)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="path.cancel"),
    ]

    def __init__(
        self,
        title: str,
        default: str = "",
        placeholder: str = "",
        check: Callable[[str], str | None] | None = None,
    ) -> None:
        super().__init__()
        self.title_text, self.default, self.placeholder = title, default, placeholder
        self.check = check  # why a path will not do (the dialog stays open), or None

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(plain(self.title_text), classes="dialog-title")
            yield Input(self.default, placeholder=self.placeholder, id="path")
            yield Label("", id="path-error", classes="error")

    @on(Input.Submitted, "#path")
    def _submit(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.query_one("#path-error", Label).update("A path is needed.")
            return
        if self.check is not None and (problem := self.check(event.value.strip())):
            self.query_one("#path-error", Label).update(plain(problem))
            return
        self.dismiss(event.value.strip())
