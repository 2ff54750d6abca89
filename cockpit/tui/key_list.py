"""The keys a view answers to, as help and the command palette list them.

`Screen.active_bindings` holds one binding per key: a focused list's own enter hides
the screen's enter ("Detail") there. Help and the palette must still name it, so the
view's and the app's declared bindings are added for the ids not seen, with the keys
the keymap in the config gives them. Textual's own widget keys (scrolling, copy...)
have no id and are left out: they are not Cockpit's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen


class ViewKey(NamedTuple):
    key: str
    binding: Binding
    node: DOMNode  # whose action it runs


def key_label(key: str) -> str:
    names = {
        "question_mark": "?", "left_square_bracket": "[", "right_square_bracket": "]",
        "slash": "/", "space": "space", "plus": "+", "equals_sign": "=",
    }  # fmt: skip
    return names.get(key, key)


def view_keys(screen: Screen[object], keymap: Mapping[str, str]) -> list[ViewKey]:
    """Every Cockpit binding (one with an id and a description) of the view and the app."""
    found = [
        ViewKey(key, active.binding, active.node) for key, active in screen.active_bindings.items()
    ]
    shown = {found.binding.id for found in found}
    for owner in (screen, screen.app):
        for binding in Binding.make_bindings(type(owner).BINDINGS):
            if binding.id in shown:
                continue
            keys = keymap.get(binding.id or "", binding.key).split(",")
            found += [ViewKey(key.strip(), binding, owner) for key in keys]
    return [found for found in found if found.binding.id and found.binding.description]


def keymap_of(screen: Screen[object]) -> Mapping[str, str]:
    """The [keys] section of the config the app runs with (none in a bare app)."""
    settings = getattr(screen.app, "settings", None)
    keys: Mapping[str, str] = getattr(settings, "keys", None) or {}
    return keys
