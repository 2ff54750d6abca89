"""Create or edit a process: name, role, system, schedule (with a live preview of its next
five dates), target minutes, stage, purpose and notes.

Saving an edit makes a new version of the process; past runs keep their steps. A new
process may start from a draft (a to-do that needs a system): its title as the name and
first step, its role and a guessed schedule filled in, the first step saved with it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Label, Select, TextArea

from cockpit.domain.errors import ValidationError
from cockpit.domain.model import Stage
from cockpit.domain.text import printable
from cockpit.tui.plain import plain
from cockpit.tui.screens.form import FormScreen

if TYPE_CHECKING:
    from cockpit.domain.model import Process, Role, System
    from cockpit.domain.signals import ProcessDraft
    from cockpit.services.context import Cockpit


class ProcessFormScreen(FormScreen["Process"]):
    FIELDS = ("name", "role", "system", "schedule", "target", "stage", "purpose", "notes")
    WIDE = True

    def __init__(
        self,
        roles: list[Role],
        systems: list[System],
        process: Process | None = None,
        *,
        role_id: str | None = None,
        system_id: str | None = None,
        prefill: ProcessDraft | None = None,
    ) -> None:
        super().__init__()
        self.roles = [r for r in roles if not r.archived or (process and process.role == r.id)]
        self.systems = [
            s for s in systems if not s.archived or (process and process.system == s.id)
        ]
        self.process = process
        self.prefill = None if process else prefill
        self.role_id = process.role if process else role_id
        if self.prefill is not None and self.prefill.role_id:
            self.role_id = self.prefill.role_id
        self.system_id = process.system if process else system_id
        self.TITLE_TEXT = f"Edit process “{process.name}”" if process else "New process"
        if self.prefill is not None:
            self.TITLE_TEXT = "New process from a to-do that keeps coming back"

    def fields(self) -> Iterator[Widget]:
        p, draft = self.process, self.prefill
        name = p.name if p else draft.title if draft else ""
        yield from self.field("Name", Input(name, placeholder="e.g. Invoice clients"), "name")
        if draft is not None:
            yield Label(
                Content.assemble("first step: ", plain(draft.title, "bold")), classes="preview"
            )
        known_roles = {r.id for r in self.roles}
        role = Select(
            [(Text(printable(r.name)), r.id) for r in self.roles],
            prompt="Choose a role",
            value=self.role_id if self.role_id in known_roles else Select.NULL,
        )
        yield from self.field("Role", role, "role")
        known_systems = {s.id for s in self.systems}
        system = Select(
            [(Text(printable(s.name)), s.id) for s in self.systems],
            prompt="No system",
            value=self.system_id if self.system_id in known_systems else Select.NULL,
        )
        yield from self.field("System", system, "system")
        schedule = Input(
            p.schedule.text if p else draft.schedule if draft else "",
            placeholder="e.g. every 2 weeks on fri, or on demand",
        )
        yield from self.field("Schedule", schedule, "schedule")
        yield Label("", id="schedule-preview", classes="preview")
        target = "" if p is None or p.target_minutes is None else str(p.target_minutes)
        yield from self.field("Target (minutes, optional)", Input(target), "target")
        stage = Select(
            [(s.value, s.value) for s in Stage],
            allow_blank=False,
            value=(p.stage if p else Stage.DRAFT).value,
        )
        yield from self.field("Stage", stage, "stage")
        yield from self.field("Purpose", Input(p.purpose if p else ""), "purpose")
        yield from self.field("Notes", TextArea(p.notes if p else "", classes="notes"), "notes")

    def on_mount(self) -> None:
        # Textual runs FormScreen.on_mount too (each class's handler, this one first)
        self.preview(self.query_one("#schedule", Input).value)

    @on(Input.Changed, "#schedule")
    def _schedule_changed(self, event: Input.Changed) -> None:
        self.preview(event.value)

    def preview(self, text: str) -> None:
        from cockpit.services.schedule_preview import describe_schedule

        cockpit = self.cockpit_app.cockpit
        label = self.query_one("#schedule-preview", Label)
        if cockpit is None:
            return
        shown = describe_schedule(cockpit, text, self.process.start if self.process else None)
        failed = not text.strip() or shown.startswith(("unknown", "a schedule is needed"))
        label.set_class(failed, "error")
        label.update(plain(shown) if text.strip() else "type when it recurs, e.g. weekly on fri")
        label.display = True

    def show_error(self, error: ValidationError) -> None:
        super().show_error(error)
        # a refused schedule's message shows under the field: the preview would repeat it
        if error.field == "schedule":
            self.query_one("#schedule-preview", Label).display = False

    def selected(self, name: str) -> str | None:
        value = self.query_one(f"#{name}", Select).value
        return None if value is Select.NULL else str(value)

    def job(self) -> Callable[[Cockpit], Process]:
        from cockpit.services.library import parse_minutes, save_process

        process_id = self.process.id if self.process else None
        opened = self.process.version if self.process else None
        name, schedule = self.value("name"), self.value("schedule")
        role, system = self.selected("role"), self.selected("system")
        target = parse_minutes(self.value("target"), "target", optional=True)
        stage = self.selected("stage") or Stage.DRAFT.value
        purpose, notes = self.value("purpose"), self.value("notes")
        first_step = self.prefill.title if self.prefill is not None else None

        def save(c: Cockpit) -> Process:
            saved = save_process(
                c,
                process_id=process_id,
                name=name,
                role_id=role,
                system_id=system,
                schedule_text=schedule,
                target_minutes=target,
                stage=stage,
                purpose=purpose,
                notes=notes,
                opened_version=opened,
            )
            if first_step is None:
                return saved
            from cockpit.services.library import save_step

            return save_step(c, saved.id, title=first_step)  # one write: one undo

        return save
