"""A step in full: its instructions, tool, estimate, and how long its last runs took."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Label, Markdown

from cockpit.domain.due import DueStep
from cockpit.services.planning import PastRun, step_history
from cockpit.tui.plain import markdown_parser, markdown_source, plain
from cockpit.tui.screens.dialog import DialogScreen


class StepDetailScreen(DialogScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter,q", "dismiss(None)", "Close", id="detail.close"),
    ]

    def __init__(self, due: DueStep) -> None:
        super().__init__()
        self.due = due

    def compose(self) -> ComposeResult:
        due = self.due
        with VerticalScroll(classes="dialog wide"):
            yield Label(
                plain(f"{due.id}  {due.process.name} › {due.step.title}"), classes="dialog-title"
            )
            facts = [f"step {due.position} of {len(due.occurrence.steps)}"]
            if due.step.tool:
                facts.append(f"tool: {due.step.tool}")
            facts.append(f"estimate: {due.step.estimate_minutes} min")
            facts.append(f"due {due.due:%a %d %b}")
            yield Label(plain(" · ".join(facts)), classes="detail-facts")
            instructions = markdown_source(due.step.instructions or "_No instructions yet._")
            yield Markdown(instructions, id="detail-md", parser_factory=markdown_parser)
            yield Label("Last runs: loading…", id="detail-history")

    def on_mount(self) -> None:
        process_id, step_id = self.due.process.id, self.due.step.id
        self.cockpit_app.run_service(
            lambda c: step_history(c, process_id, step_id), self._show_history
        )

    def _show_history(self, runs: list[PastRun]) -> None:
        label = self.query_one("#detail-history", Label)
        if not runs:
            label.update("Last runs: none yet.")
            return
        parts = [
            f"{run.date:%d %b} " + (f"{run.minutes} min" if run.minutes is not None else run.status)
            for run in runs
        ]
        label.update("Last runs: " + ", ".join(parts))
