"""Help, generated from the bindings of the screen it was opened on (and the app's)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Label, Static

from cockpit.tui.screens.dialog import DialogScreen


def key_label(key: str) -> str:
    names = {
        "question_mark": "?", "left_square_bracket": "[", "right_square_bracket": "]",
        "slash": "/", "space": "space", "plus": "+", "equals_sign": "=",
    }  # fmt: skip
    return names.get(key, key)


def shadowed(screen: Screen[object], keymap: Mapping[str, str]) -> list[tuple[str, Binding]]:
    """The screen's and the app's own keys that a focused widget's binding of the same key
    hides from `active_bindings` (a list's enter), with the keys the keymap gives them."""
    found = []
    for owner in (screen, screen.app):
        for binding in Binding.make_bindings(type(owner).BINDINGS):
            if binding.id and binding.id in keymap:
                for key in keymap[binding.id].split(","):
                    found.append((key.strip(), binding))
            else:
                found.append((binding.key, binding))
    return found


def bindings_table(screen: Screen[object], keymap: Mapping[str, str] | None = None) -> Table:
    """Every active binding with a description: key, what it does, and its id for keymaps."""
    table = Table(show_edge=False, expand=True, pad_edge=False)
    table.add_column("Key", style="bold", no_wrap=True)
    table.add_column("Does")
    table.add_column(Text("Id (for [keys] in config)"), style="dim", no_wrap=True)
    seen: dict[tuple[str, str], list[str]] = {}
    listed: list[tuple[str, Binding]] = [
        (key, active.binding) for key, active in screen.active_bindings.items()
    ]
    shown = {binding.id for _, binding in listed if binding.id}
    listed += [(k, b) for k, b in shadowed(screen, keymap or {}) if b.id not in shown]
    for key, binding in listed:
        if not binding.description or not binding.id:
            continue  # Textual's own widget keys (scrolling, copy...) are not Cockpit's
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

    def keymap(self) -> Mapping[str, str]:
        settings = getattr(self.app, "settings", None)
        return getattr(settings, "keys", {}) or {}

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog wide", id="help"):
            yield Label("Keys", classes="dialog-title")
            yield Static(bindings_table(self.behind, self.keymap()), id="help-table")
            yield Label(
                "ctrl+p opens the command palette: every action, and processes and steps by "
                'name. Remap keys in config.toml under [keys], e.g. "today.complete" = "c".',
                id="help-footer",
                markup=False,
            )
