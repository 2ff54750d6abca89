"""Sort a task: give it a role (r), a day (d; none sends it back to the inbox) or an
estimate (e). Each dialog reads what is typed the way `cockpit add` does."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from cockpit.domain.capture import read_estimate
from cockpit.domain.errors import ValidationError
from cockpit.domain.model import Role
from cockpit.domain.when import WORDS_HELP, parse_day
from cockpit.tui.plain import plain
from cockpit.tui.screens.dialog import DialogScreen

INBOX = "inbox"  # what the day dialog returns to send a task back to the inbox


class RoleChoiceScreen(DialogScreen[str | None]):
    """Dismisses with the role id chosen, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="task_role.cancel"),
        Binding("j", "move(1)", "Down", id="task_role.down", show=False),
        Binding("k", "move(-1)", "Up", id="task_role.up", show=False),
    ]

    def __init__(self, title: str, roles: Sequence[Role], current: str | None) -> None:
        super().__init__()
        self.title_text, self.roles, self.current = title, list(roles), current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(f"Role of “{self.title_text}”"), classes="dialog-title")
            options = [Option(plain(role.name), id=role.id) for role in self.roles]
            if not options:
                options = [Option(plain("No roles yet: add one in Processes (5)"), disabled=True)]
            yield OptionList(*options, id="roles")

    def on_mount(self) -> None:
        roles = self.query_one("#roles", OptionList)
        ids = [role.id for role in self.roles]
        if self.current in ids:
            roles.highlighted = ids.index(self.current)
        roles.focus()

    def action_move(self, delta: int) -> None:
        roles = self.query_one("#roles", OptionList)
        roles.action_cursor_down() if delta > 0 else roles.action_cursor_up()

    @on(OptionList.OptionSelected, "#roles")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class TaskDayScreen(DialogScreen[date | str | None]):
    """Dismisses with the day typed, INBOX for none, or None (cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="task_day.cancel"),
    ]

    def __init__(self, title: str, today: date) -> None:
        super().__init__()
        self.title_text, self.today = title, today

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(f"Day of “{self.title_text}”"), classes="dialog-title")
            yield Label(f"{WORDS_HELP}; empty: back to the inbox")
            yield Input(placeholder="e.g. fri, +3, +2w or YYYY-MM-DD", id="day")
            yield Label("", id="day-error", classes="error")

    @on(Input.Submitted, "#day")
    def _submit(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.dismiss(INBOX)
            return
        try:
            self.dismiss(parse_day(event.value, self.today))
        except ValidationError as error:
            self.query_one("#day-error", Label).update(plain(str(error)))


class EstimateScreen(DialogScreen[int | None]):
    """Dismisses with the minutes typed (0: no estimate), or None (cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="task_estimate.cancel"),
    ]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(plain(f"Estimate of “{self.title_text}”"), classes="dialog-title")
            yield Label("Minutes, or 15m, 1h, 1h30; empty: no estimate")
            yield Input(placeholder="e.g. 15m", id="estimate")
            yield Label("", id="estimate-error", classes="error")

    @on(Input.Submitted, "#estimate")
    def _submit(self, event: Input.Submitted) -> None:
        typed = event.value.strip()
        if not typed:
            self.dismiss(0)
            return
        try:
            minutes = read_estimate(typed)
        except ValidationError as error:
            self.query_one("#estimate-error", Label).update(plain(str(error)))
            return
        self.dismiss(minutes)
