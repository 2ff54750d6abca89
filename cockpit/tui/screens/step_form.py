"""Create or edit a step: title, instructions (a Markdown editor), tool, estimate, offset."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import Input, TextArea

from cockpit.tui.screens.form import FormScreen

if TYPE_CHECKING:
    from cockpit.domain.model import Process, Step
    from cockpit.services.context import Cockpit


def markdown_editor(text: str) -> TextArea:
    """A TextArea highlighting Markdown when the grammar is installed (plain otherwise)."""
    area = TextArea(text, classes="instructions", soft_wrap=True)
    if "markdown" in area.available_languages:
        area.language = "markdown"
    return area


class StepFormScreen(FormScreen["Process"]):
    FIELDS = ("title", "instructions", "tool", "estimate", "offset")
    WIDE = True

    def __init__(self, process: Process, step: Step | None = None) -> None:
        super().__init__()
        self.process = process
        self.step = step
        where = f"“{process.name}”"
        self.TITLE_TEXT = f"Edit step “{step.title}” of {where}" if step else f"New step of {where}"

    def fields(self) -> Iterator[Widget]:
        s = self.step
        title = Input(s.title if s else "", placeholder="e.g. Send the invoices")
        yield from self.field("Title", title, "title")
        yield from self.field(
            "Instructions (Markdown)", markdown_editor(s.instructions if s else ""), "instructions"
        )
        tool = Input(s.tool if s else "", placeholder="e.g. QuickBooks")
        yield from self.field("Tool", tool, "tool")
        estimate = Input(str(s.estimate_minutes) if s else "", placeholder="minutes, e.g. 10")
        yield from self.field("Estimate (minutes)", estimate, "estimate")
        offset = Input(
            str(s.offset_days) if s else "0", placeholder="days, e.g. -1 for the day before"
        )
        yield from self.field(
            "Offset (days from the run's date; -1 = the day before)", offset, "offset"
        )

    def job(self) -> Callable[[Cockpit], Process]:
        from cockpit.services.library import parse_days, parse_minutes, save_step

        title, instructions, tool = (
            self.value("title"),
            self.value("instructions"),
            self.value("tool"),
        )
        estimate = parse_minutes(self.value("estimate"), "estimate", optional=True) or 0
        offset = parse_days(self.value("offset"))
        process_id = self.process.id
        step_id = self.step.id if self.step else None
        return lambda c: save_step(
            c,
            process_id,
            step_id=step_id,
            title=title,
            instructions=instructions,
            tool=tool,
            estimate_minutes=estimate,
            offset_days=offset,
        )
