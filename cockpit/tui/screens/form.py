"""The base of the Processes view's forms: fields with an error label under each.

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
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Input, Label, TextArea

from cockpit.domain.errors import ValidationError
from cockpit.tui.plain import plain, plain_lines
from cockpit.tui.screens.dialog import DialogScreen

if TYPE_CHECKING:
    from cockpit.services.context import Cockpit

T = TypeVar("T")


class FormScreen(DialogScreen[T | None], Generic[T]):
    """A modal form: fields with an error label under each, ctrl+s saves, escape cancels."""

    CSS_PATH = "../processes.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", id="form.save", priority=True),
        Binding("escape", "cancel", "Cancel", id="form.cancel"),
    ]
    TITLE_TEXT = "Form"
    FIELDS: ClassVar[tuple[str, ...]] = ()
    WIDE = False

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog form" + (" wide" if self.WIDE else "")):
            yield Label(plain(self.TITLE_TEXT), classes="dialog-title")
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
        # only the error labels: other labels may wear .error for colour (the schedule preview)
        for label in self.query(".field-error, .form-error").results(Label):
            label.update("")
            label.display = False

    def show_error(self, error: ValidationError) -> None:
        self.clear_errors()
        name = error.field if error.field in self.FIELDS else "form"
        label = self.query_one(f"#{name}-error", Label)
        label.update(plain_lines(str(error)))
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
