"""Choose how to focus on a step: countdown to its estimate, pomodoro, or stopwatch."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from cockpit.domain.focus import FocusKind
from cockpit.tui.plain import plain
from cockpit.tui.screens.dialog import DialogScreen


class FocusKindScreen(DialogScreen[FocusKind | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="focus_kind.cancel"),
        Binding("c", "pick('countdown')", "Countdown", id="focus_kind.countdown"),
        Binding("p", "pick('pomodoro')", "Pomodoro", id="focus_kind.pomodoro"),
        Binding("w", "pick('stopwatch')", "Stopwatch", id="focus_kind.stopwatch"),
    ]

    def __init__(self, title: str, estimate: int | None) -> None:
        super().__init__()
        self.title_text, self.estimate = title, estimate  # of a step or a task

    def compose(self) -> ComposeResult:
        estimate = self.estimate or 25
        with Vertical(classes="dialog"):
            yield Label(plain(f"Focus on “{self.title_text}”"), classes="dialog-title")
            yield OptionList(
                Option(f"c  Countdown to the estimate ({estimate} min)", id="countdown"),
                Option("p  Pomodoro", id="pomodoro"),
                Option("w  Stopwatch", id="stopwatch"),
                id="kinds",
            )

    def action_pick(self, kind: str) -> None:
        self.dismiss(FocusKind(kind))

    @on(OptionList.OptionSelected, "#kinds")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(FocusKind(event.option.id or "countdown"))
