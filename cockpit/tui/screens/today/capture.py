"""Capture a task on one line, as `cockpit add` reads it: `Call the accountant fri #admin 15m`.

Under the line, what was understood so far (the title, the day, the role, the estimate)
or what is wrong with it, as it is typed; enter keeps it, escape lets it go. The line is
read by the domain's `parse_capture`, the same reading as the command line's.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label

from cockpit.domain.capture import Capture, parse_capture
from cockpit.domain.errors import ValidationError
from cockpit.domain.model import Role
from cockpit.tui.plain import plain
from cockpit.tui.screens.dialog import DialogScreen

HINT = "A day (fri, tomorrow, +3, YYYY-MM-DD), #role, @system and 15m or 1h30 at the end."


def role_named(word: str, roles: Sequence[Role]) -> Role | None:
    """The role a `#word` names, as `cockpit add` finds it (services.tasks.find_role)."""
    from cockpit.services.tasks import find_role

    try:
        return find_role(roles, word)
    except ValidationError:  # none: the preview names the roles there are
        return None


def preview(capture: Capture, roles: Sequence[Role]) -> Content:
    """What the line says, in words; an unknown role is said, with the roles there are."""
    parts = [plain(f"“{capture.title}”", "bold")]
    parts.append(Content(f"due {capture.due:%a %d %b %Y}" if capture.due else "to the inbox"))
    if capture.role is not None:
        role = role_named(capture.role, roles)
        if role is None:
            known = ", ".join(role.name for role in roles) or "none yet"
            parts.append(plain(f"no role “{capture.role}” (roles: {known})", "bold red"))
        else:
            parts.append(plain(role.name))
    if capture.system is not None:
        parts.append(plain(f"system {capture.system}"))
    if capture.estimate is not None:
        parts.append(Content(f"~{capture.estimate} min"))
    return Content(" · ").join(parts)


class CaptureScreen(DialogScreen[str | None]):
    """Dismisses with the line (it parses), or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="capture.cancel"),
    ]

    def __init__(self, today: date, roles: Sequence[Role]) -> None:
        super().__init__()
        self.today = today
        self.roles = list(roles)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label("New task", classes="dialog-title")
            yield Label(HINT)
            yield Input(placeholder="e.g. Call the accountant about VAT fri #admin 15m", id="line")
            yield Label("", id="capture-preview")

    def understood(self, line: str) -> Capture | None:
        """The line read, the preview updated; None (the problem shown) if it cannot be."""
        shown = self.query_one("#capture-preview", Label)
        if not line.strip():
            shown.update("")
            shown.set_class(False, "error")
            return None
        try:
            capture = parse_capture(line, self.today)
        except ValidationError as error:
            shown.update(plain(str(error)))
            shown.set_class(True, "error")
            return None
        shown.update(preview(capture, self.roles))
        shown.set_class(False, "error")
        return capture

    @on(Input.Changed, "#line")
    def _changed(self, event: Input.Changed) -> None:
        self.understood(event.value)

    @on(Input.Submitted, "#line")
    def _submit(self, event: Input.Submitted) -> None:
        capture = self.understood(event.value)
        if capture is None:
            if not event.value.strip():
                self.query_one("#capture-preview", Label).update("Type what is to be done.")
            return
        if capture.role is not None and role_named(capture.role, self.roles) is None:
            return  # the preview says which roles there are
        self.dismiss(event.value)
