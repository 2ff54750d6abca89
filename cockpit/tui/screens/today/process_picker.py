"""Start a process by hand: a fuzzy picker over the processes (on-demand ones first)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.fuzzy import Matcher
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from cockpit.domain.model import Process
from cockpit.services.catalog import active_processes
from cockpit.tui.plain import highlighted, plain
from cockpit.tui.screens.dialog import DialogScreen


class ProcessPickerScreen(DialogScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="picker.cancel"),
        Binding("down", "move(1)", "Down", id="picker.down", show=False),
        Binding("up", "move(-1)", "Up", id="picker.up", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.processes: list[Process] = []

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("Start a process", classes="dialog-title")
            yield Input(placeholder="type to search…", id="query")
            yield OptionList(id="matches")

    def on_mount(self) -> None:
        self.cockpit_app.run_service(active_processes, self._loaded)

    def _loaded(self, processes: list[Process]) -> None:
        self.processes = processes
        self._show("")

    def _show(self, query: str) -> None:
        matcher = Matcher(query) if query else None
        scored = []
        for process in self.processes:
            label = f"{process.name}  ({process.schedule.text})"
            score = matcher.match(process.name) if matcher else 1.0
            if score > 0:
                prompt = highlighted(matcher, label) if matcher else plain(label)
                scored.append((score, Option(prompt, id=process.id)))
        scored.sort(key=lambda pair: -pair[0])
        matches = self.query_one("#matches", OptionList)
        matches.clear_options()
        matches.add_options([option for _, option in scored])
        if scored:
            matches.highlighted = 0
        elif query:
            nothing = plain(f"No process matches “{query}”", "italic")
            matches.add_option(Option(nothing, disabled=True))
        else:
            nothing = plain("No active process yet: add one in Processes (5)", "italic")
            matches.add_option(Option(nothing, disabled=True))

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self._show(event.value)

    @on(Input.Submitted, "#query")
    def _submitted(self) -> None:
        matches = self.query_one("#matches", OptionList)
        if matches.highlighted is not None:
            self.dismiss(matches.get_option_at_index(matches.highlighted).id)

    @on(OptionList.OptionSelected, "#matches")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_move(self, delta: int) -> None:
        matches = self.query_one("#matches", OptionList)
        if delta > 0:
            matches.action_cursor_down()
        else:
            matches.action_cursor_up()
