"""The [keys] of the config checked against the ids the app's bindings carry.

The config can only check a key id's shape (`today.complete`); whether a view has such a
binding is known here, where the views are. An id no binding carries (`today.compleet`)
would be ignored by Textual's keymap without a word: the app says so instead, once the
data is open (every view's module is imported for it, in a thread, after the day shows).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Mapping

from textual.binding import Binding
from textual.dom import DOMNode


def binding_ids(package: str = "cockpit.tui") -> set[str]:
    """Every binding id declared by a class in the app's modules (views, dialogs, widgets)."""
    root = importlib.import_module(package)
    for module in pkgutil.walk_packages(root.__path__, f"{package}."):
        importlib.import_module(module.name)
    found: set[str] = set()
    for node in _subclasses(DOMNode):
        if not node.__module__.startswith(package):
            continue
        for binding in Binding.make_bindings(node.__dict__.get("BINDINGS", ())):
            if binding.id:
                found.add(binding.id)
    return found


def _subclasses(kind: type) -> Iterable[type]:
    sub: type
    for sub in kind.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def unknown_key_ids(keymap: Iterable[str]) -> list[str]:
    known = binding_ids()
    return sorted(key_id for key_id in keymap if key_id not in known)


def key_clashes(keymap: Mapping[str, str], package: str = "cockpit.tui") -> list[str]:
    """Keys the [keys] remap gives to two bindings of one view (`"today.complete" = "s"`
    takes Skip's key): each said as `s: today.complete and today.skip`."""
    binding_ids(package)  # every view's module imported
    clashes: list[str] = []
    for node in _subclasses(DOMNode):
        if not node.__module__.startswith(package):
            continue
        holders: dict[str, list[str]] = {}
        bindings = Binding.make_bindings(node.__dict__.get("BINDINGS", ()))
        for binding in bindings:
            if binding.id is None:
                continue
            keys = keymap.get(binding.id, binding.key).split(",")
            for key in keys:
                holders.setdefault(key.strip(), []).append(binding.id)
        for key, ids in holders.items():
            ids = list(dict.fromkeys(ids))
            if len(ids) > 1 and any(key_id in keymap for key_id in ids):
                clashes.append(f"{key}: {' and '.join(ids)}")
    return sorted(set(clashes))


def keymap_problems(keymap: Mapping[str, str]) -> list[str]:
    """What the app says of the config's [keys] once the data is open (empty: nothing)."""
    said = []
    if unknown := unknown_key_ids(keymap):
        said.append(unknown_keys_text(unknown))
    if clashes := key_clashes(keymap):
        said.append(f"config [keys]: one key for two actions ({'; '.join(clashes)})")
    return said


def unknown_keys_text(unknown: list[str]) -> str:
    names = ", ".join(unknown)
    return (
        f"config [keys]: no key has the id {names}; press ? in a view to see its keys' ids"
        if len(unknown) == 1
        else f"config [keys]: no keys have the ids {names}; press ? in a view to see the ids"
    )
