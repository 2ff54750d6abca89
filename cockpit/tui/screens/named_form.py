"""Forms of the Processes view: the shared form base, the role and system forms, and the
small dialogs (confirm, ask for a path).

A form saves nothing itself: ctrl+s hands every value to a library use case in a
worker; when the use case refuses one, its message is shown under that field and
the form stays open. Escape cancels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Input, Label, TextArea

from cockpit.domain.errors import ValidationError

if TYPE_CHECKING:
    from cockpit.domain.model import Role, System
    from cockpit.services.context import Cockpit
    from cockpit.tui.app import CockpitApp

T = TypeVar("T")


class FormScreen(ModalScreen[T | None], Generic[T]):
    """A modal form: fields with an error label under each, ctrl+s saves, escape cancels."""

    CSS_PATH = "../processes.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]
    TITLE_TEXT = "Form"
    FIELDS: ClassVar[tuple[str, ...]] = ()
    WIDE = False

    @property
    def cockpit_app(self) -> CockpitApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form" + (" wide" if self.WIDE else "")):
            yield Label(self.TITLE_TEXT, classes="dialog-title")
            yield from self.fields()
            yield Label("", id="form-error", classes="error form-error")
            yield Label("ctrl+s save · escape cancel · tab next field", classes="form-hint")

    def fields(self) -> Iterator[Widget]:
        raise NotImplementedError

    @staticmethod
    def field(label: str, widget: Widget, name: str) -> Iterator[Widget]:
        yield Label(label, classes="form-label")
        widget.id = name
        yield widget
        yield Label("", id=f"{name}-error", classes="error field-error")

    def on_mount(self) -> None:
        self.clear_errors()
        first = self.query(Input).first() if self.query(Input) else None
        if first is not None:
            first.focus()

    def value(self, name: str) -> str:
        widget = self.query_one(f"#{name}")
        if isinstance(widget, TextArea):
            return widget.text
        assert isinstance(widget, Input)
        return widget.value

    def clear_errors(self) -> None:
        for label in self.query(".error").results(Label):
            label.update("")
            label.display = False

    def show_error(self, error: ValidationError) -> None:
        self.clear_errors()
        name = error.field if error.field in self.FIELDS else "form"
        label = self.query_one(f"#{name}-error", Label)
        label.update(str(error))
        label.display = True
        if name != "form":
            self.query_one(f"#{name}").focus()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        try:
            job = self.job()
        except ValidationError as error:  # a value the form itself could not read
            self.show_error(error)
            return

        def attempt(cockpit: Cockpit) -> T | ValidationError:
            try:
                return job(cockpit)
            except ValidationError as error:
                return error

        self.cockpit_app.run_service(attempt, self._answered, group="write")

    def _answered(self, result: T | ValidationError) -> None:
        if isinstance(result, ValidationError):
            self.show_error(result)
        else:
            self.dismiss(result)

    def job(self) -> Callable[[Cockpit], T]:
        """Read the fields (on the UI thread) into the use case that saves them."""
        raise NotImplementedError

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()


class RoleFormScreen(FormScreen["Role"]):
    """Create or edit a role: name, colour, daily budget."""

    FIELDS = ("name", "colour", "budget")

    def __init__(self, role: Role | None = None) -> None:
        super().__init__()
        self.role = role
        self.TITLE_TEXT = f"Edit role “{role.name}”" if role else "New role"

    def fields(self) -> Iterator[Widget]:
        role = self.role
        yield from self.field("Name", Input(role.name if role else "", placeholder="Sales"), "name")
        colour = role.colour if role else "#81a1c1"
        yield from self.field("Colour (hex)", Input(colour, placeholder="#d08770"), "colour")
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
        yield from self.field("Name", Input(s.name if s else "", placeholder="Finance"), "name")
        yield from self.field("Description", Input(s.description if s else ""), "description")
        tools = ", ".join(s.tools) if s else ""
        yield from self.field("Tools (comma-separated)", Input(tools), "tools")
        people = ", ".join(s.people) if s else ""
        yield from self.field("People (comma-separated)", Input(people), "people")
        kpis = "\n".join(
            ", ".join([k.name, k.unit, "" if k.target is None else f"{k.target:g}", k.direction])
            for k in (s.kpis if s else ())
        )
        area = TextArea(kpis, classes="kpis", placeholder="Days sales outstanding, days, 30, down")
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


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question: y confirms, n or escape declines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "dismiss(True)", "Yes", id="confirm.yes"),
        Binding("n", "dismiss(False)", "No", id="confirm.no"),
        Binding("escape", "dismiss(False)", "No", id="confirm.cancel"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title")
            yield Label("y yes · n no")


class PathScreen(ModalScreen[str | None]):
    """Ask for a file or folder path (enter accepts, escape cancels)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel", id="path.cancel"),
    ]

    def __init__(self, title: str, default: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text, self.default, self.placeholder = title, default, placeholder

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(self.title_text, classes="dialog-title")
            yield Input(self.default, placeholder=self.placeholder, id="path")
            yield Label("", id="path-error", classes="error")

    @on(Input.Submitted, "#path")
    def _submit(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.query_one("#path-error", Label).update("A path is needed.")
            return
        self.dismiss(event.value.strip())
