"""The base of Cockpit's dialogs: a modal screen with a footer of its own keys.

Without it the footer of the screen below shows through, listing keys that do
nothing while the dialog is open, and the dialog's own keys show nowhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import ModalScreen

from cockpit.tui.cockpit_app import cockpit_app
from cockpit.tui.dismiss_once import DismissOnce
from cockpit.tui.widgets.footer import CockpitFooter

if TYPE_CHECKING:
    from cockpit.tui.app import CockpitApp

R = TypeVar("R")


class DialogScreen(DismissOnce, ModalScreen[R]):
    """A modal dialog, dismissed once; its footer is generated from its bindings, as every
    screen's is."""

    @property
    def cockpit_app(self) -> CockpitApp:
        return cockpit_app(self.app)

    def on_mount(self) -> None:
        # Textual runs this as well as a subclass's own on_mount: no super() call needed
        self.mount(CockpitFooter())
