"""First run: load the sample business, start empty (asking for the roles), or import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from cockpit.services.business import create_roles, load_sample, role_names_problem
from cockpit.services.transfer import import_path
from cockpit.tui.plain import plain_lines
from cockpit.tui.screens.dialog import DialogScreen

if TYPE_CHECKING:
    from cockpit.services.context import Cockpit


class Choices(OptionList):
    """The three ways to start, moved through with j/k too (as every list of Cockpit): `j`
    did nothing here, and the enter that followed loaded the sample by mistake."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", id="welcome.down", show=False),
        Binding("k", "cursor_up", "Up", id="welcome.up", show=False),
    ]


class WelcomeScreen(DialogScreen[bool]):
    """Creates the data file, then dismisses so the app opens it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="welcome.back", show=False),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide", id="welcome"):
            yield Label("Welcome to Cockpit", classes="dialog-title")
            yield Label(
                "Cockpit runs the repeatable side of your business: processes, due steps by "
                "role, focus sessions, routines. How would you like to start?"
            )
            yield Choices(
                Option("Load the sample business (a freelance studio, 24 processes)", id="sample"),
                Option("Start empty: just tell me your roles", id="empty"),
                Option("Import a file (a Cockpit JSON export or a business TOML)", id="import"),
                id="choices",
            )
            yield Input(id="answer")
            yield Label("", id="welcome-error", classes="error")

    def on_mount(self) -> None:
        self.query_one("#answer").display = False
        self.mode = ""

    @on(OptionList.OptionSelected, "#choices")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.mode = event.option.id or ""
        if self.mode == "sample":
            self._create(lambda c: load_sample(c))
            return
        answer = self.query_one("#answer", Input)
        answer.display = True
        if self.mode == "empty":
            answer.placeholder = "your roles, separated by commas"
            answer.value = "Sales, Delivery, Admin"
        else:
            answer.placeholder = "path of the file to import"
            answer.value = ""
        answer.focus()

    @on(Input.Submitted, "#answer")
    def _answered(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if self.mode == "empty":
            names = [name.strip() for name in text.split(",") if name.strip()]
            if problem := role_names_problem(names):
                self._error(f"{problem[0].upper()}{problem[1:]}.")
                return
            self._create(lambda c: create_roles(c, names))
        elif self.mode == "import":
            path = Path(text).expanduser()
            if not path.is_file():
                self._error(f"No file at {path}.")
                return
            self._create(lambda c: import_path(c, path))

    def _error(self, message: str) -> None:
        self.query_one("#welcome-error", Label).update(plain_lines(message))

    def _create(self, job: Callable[[Cockpit], object]) -> None:
        """Make the data file (its own opening, as the app has none yet), then dismiss."""
        opener = self.cockpit_app.opener

        def work() -> None:
            with opener() as cockpit:
                job(cockpit)

        def created(_: None) -> None:
            self.dismiss(True)

        self.cockpit_app.run_in_thread(work, created, group="welcome", refused=self._error)

    def action_back(self) -> None:
        self.query_one("#answer").display = False
        self.query_one("#choices").focus()
