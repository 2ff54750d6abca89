"""The system form: name, description, tools, people and KPIs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from textual.widget import Widget
from textual.widgets import Input, TextArea

from cockpit.tui.screens.form import FormScreen

if TYPE_CHECKING:
    from cockpit.domain.model import System
    from cockpit.services.context import Cockpit


class SystemFormScreen(FormScreen["System"]):
    """Create or edit a system: name, description, tools, people, KPIs."""

    FIELDS = ("name", "description", "tools", "people", "kpis")
    WIDE = True

    def __init__(self, system: System | None = None) -> None:
        super().__init__()
        self.system = system
        self.TITLE_TEXT = f"Edit system “{system.name}”" if system else "New system"

    def fields(self) -> Iterator[Widget]:
        s = self.system
        yield from self.field(
            "Name", Input(s.name if s else "", placeholder="e.g. Finance"), "name"
        )
        yield from self.field("Description", Input(s.description if s else ""), "description")
        tools = ", ".join(s.tools) if s else ""
        yield from self.field("Tools (comma-separated)", Input(tools), "tools")
        people = ", ".join(s.people) if s else ""
        yield from self.field("People (comma-separated)", Input(people), "people")
        kpis = "\n".join(
            ", ".join([k.name, k.unit, "" if k.target is None else f"{k.target:g}", k.direction])
            for k in (s.kpis if s else ())
        )
        area = TextArea(
            kpis, classes="kpis", placeholder="e.g. Days sales outstanding, days, 30, down"
        )
        yield from self.field("KPIs, one a line: name, unit, target, up|down", area, "kpis")

    def job(self) -> Callable[[Cockpit], System]:
        from cockpit.services.library import parse_kpis, save_system, split_list

        name, description = self.value("name"), self.value("description")
        tools, people = split_list(self.value("tools")), split_list(self.value("people"))
        kpis = parse_kpis(self.value("kpis"))
        system_id = self.system.id if self.system else None
        return lambda c: save_system(
            c,
            system_id=system_id,
            name=name,
            description=description,
            tools=tools,
            people=people,
            kpis=kpis,
        )
