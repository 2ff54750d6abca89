"""Fixtures of the Processes view tests: the demo business on Friday 2026-11-20 10:00 UTC,
the app over a copy of it, an empty Cockpit for the service tests, and helpers.

The demo is built once per session; every test works on its own copy of the file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Tree

from cockpit.services.context import Cockpit
from cockpit.tui.screens.processes import ProcessesScreen
from cockpit.tui.screens.processes_tree import Node
from tests.ui_support import (
    AppFactory,
    Driver,
    app_factory,
    app_of,
    open_cockpit,
    switch_mode,
    wait_until,
)


@pytest.fixture
def make_app(data_path: Path) -> AppFactory:
    """The app over this test's copy of the demo, on the fixed clock; it keeps its
    notifications."""
    return app_factory(data_path)


def reading(path: Path) -> Cockpit:
    """The data file, opened read-only beside the running app (use it in `with`)."""
    return open_cockpit(path, read_only=True)


def writing(path: Path) -> Cockpit:
    """The data file, opened as its writer before the app starts or after it stopped (use it
    in `with`)."""
    return open_cockpit(path)


# -- driving the app -----------------------------------------------------------------------


def tree_shown(screen: ProcessesScreen) -> bool:
    return screen.data is not None and screen.current_node() is not None


async def open_processes(pilot: Driver) -> ProcessesScreen:
    """Wait for the data, push the Processes screen, wait for its tree."""
    app = app_of(pilot)
    await wait_until(pilot, lambda: app.cockpit is not None)
    screen = ProcessesScreen()
    await app.push_screen(screen)
    await wait_until(pilot, lambda: tree_shown(screen))
    return screen


async def press_5_for_processes(pilot: Driver) -> ProcessesScreen:
    """Wait for the data, switch to the Processes mode with its key, wait for its tree."""
    screen = await switch_mode(pilot, "5", ProcessesScreen, tree_shown)
    assert pilot.app.current_mode == "processes"
    return screen


async def cursor_to(pilot: Driver, screen: ProcessesScreen, node: Node) -> None:
    """Put the tree's cursor on the node's line in one step, as a click on it would (the
    arrow keys get there too, one press of ~40 ms a line)."""
    tree: Tree[Node] = screen.query_one("#processes-tree", Tree)
    lines = [tree.root]
    while lines:
        line = lines.pop(0)
        if line.data == node:
            tree.move_cursor(line)
            await wait_until(pilot, lambda: screen.current_node() == node)
            return
        lines += line.children
    raise AssertionError(f"no line of the tree is {node}")
