"""The role form: name, colour and daily budget."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import Input

from cockpit.tui.screens.form import FormScreen

if TYPE_CHECKING:
    from cockpit.domain.model import Role
    from cockpit.services.context import Cockpit


class RoleFormScreen(FormScreen["Role"]):
    """Create or edit a role: name, colour, daily budget."""

    FIELDS = ("name", "colour", "budget")

    def __init__(self, role: Role | None = None) -> None:
        super().__init__()
        self.role = role
        self.TITLE_TEXT = f"Edit role “{role.name}”" if role else "New role"

    def fields(self) -> Iterator[Widget]:
        role = self.role
        yield from self.field(
            "Name", Input(role.name if role else "", placeholder="e.g. Sales"), "name"
        )
        colour = role.colour if role else "#81a1c1"
        yield from self.field("Colour (hex)", Input(colour, placeholder="e.g. #d08770"), "colour")
        budget = str(role.budget_minutes) if role else "0"
        yield from self.field("Daily budget (minutes)", Input(budget), "budget")

    def job(self) -> Callable[[Cockpit], Role]:
        from cockpit.services.library import parse_minutes, save_role

        name, colour = self.value("name"), self.value("colour")
        budget = parse_minutes(self.value("budget"), "budget", optional=True) or 0
        role_id = self.role.id if self.role else None
        return lambda c: save_role(
            c, role_id=role_id, name=name, colour=colour, budget_minutes=budget
        )
