"""Help, generated from the bindings of the screen it was opened on (and the app's)."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from cockpit.tui.key_list import key_label, keymap_of, view_keys
from cockpit.tui.screens.dialog import DialogScreen


def bindings_table(screen: Screen[object]) -> Table:
    """Every active binding with a description: key, what it does, and its id for keymaps."""
    table = Table(show_edge=False, expand=True, pad_edge=False)
    table.add_column("Key", style="bold", no_wrap=True)
    table.add_column("Does")
    table.add_column(Text("Id (for [keys] in config)"), style="dim", no_wrap=True)
    seen: dict[tuple[str, str], list[str]] = {}
    for key, binding, _ in view_keys(screen, keymap_of(screen)):
        name = (binding.description, binding.id or "")
        seen.setdefault(name, []).append(key_label(key))
    for (description, binding_id), keys in seen.items():
        table.add_row(Text(", ".join(keys)), Text(description), Text(binding_id))
    return table


class HelpScreen(DialogScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss(None)", "Close help", id="help.close"),
    ]

    def __init__(self, behind: Screen[object]) -> None:
        super().__init__()
        self.behind = behind

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="help"):
            yield Label("Keys", classes="dialog-title")
            yield Static(bindings_table(self.behind), id="help-table")
            yield Label(
                "ctrl+p opens the command palette: every action, and processes and steps by "
                'name. Remap keys in config.toml under [keys], e.g. "today.complete" = "c".',
                id="help-footer",
                markup=False,
            )
