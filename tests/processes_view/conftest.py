"""Fixtures of the Processes view tests: the demo business on Friday 2026-11-20 10:00 UTC,
the app over a copy of it, an empty Cockpit for the service tests, and helpers.

The demo is built once per session; every test works on its own copy of the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from cockpit.config import Settings
from cockpit.services.context import Cockpit
from cockpit.tui.app import CockpitApp, build_app
from cockpit.tui.screens.processes import ProcessesScreen
from cockpit.tui.screens.processes_tree import Node
from tests.ui_support import (  # re-exported for the tests of this folder
    AT as AT,
)
from tests.ui_support import (
    DAY as DAY,
)
from tests.ui_support import (
    SIZE as SIZE,
)
from tests.ui_support import (
    TZ as TZ,
)
from tests.ui_support import (
    Driver as Driver,
)
from tests.ui_support import (
    fixed_clock as fixed_clock,
)
from tests.ui_support import (
    settle as settle,
)
from tests.ui_support import (
    wait_until as wait_until,
)

AppFactory = Callable[[], CockpitApp]


def settings() -> Settings:
    return Settings(timezone=TZ)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Cockpit]:
    """An empty Cockpit on the fixed clock, the writer of its own data file."""
    cockpit = Cockpit.open(tmp_path / "empty.json", fixed_clock(), settings())
    try:
        yield cockpit
    finally:
        cockpit.close()


@pytest.fixture
def demo(data_path: Path) -> Iterator[Cockpit]:
    """The demo, opened as the writer (for service tests on real history)."""
    cockpit = Cockpit.open(data_path, fixed_clock(), settings())
    try:
        yield cockpit
    finally:
        cockpit.close()


@pytest.fixture
def make_app(data_path: Path) -> AppFactory:
    return lambda: build_app(data_path, fixed_clock(), settings())


@contextmanager
def reading(path: Path) -> Iterator[Cockpit]:
    """The data file, opened read-only beside the running app."""
    ctx = Cockpit.open(path, fixed_clock(), settings(), read_only=True)
    try:
        yield ctx
    finally:
        ctx.close()


@contextmanager
def writing(path: Path) -> Iterator[Cockpit]:
    """The data file, opened as its writer (before the app starts, or after it stopped)."""
    ctx = Cockpit.open(path, fixed_clock(), settings())
    try:
        yield ctx
    finally:
        ctx.close()


def noted(app: CockpitApp) -> list[tuple[str, str]]:
    """Keep every notification the app shows, as (severity, message); they still show."""
    seen: list[tuple[str, str]] = []
    original = app.notify

    def notify(message: str, *, severity: Any = "information", **kw: Any) -> None:
        seen.append((str(severity), str(message)))
        original(message, severity=severity, **kw)

    app.notify = notify  # type: ignore[method-assign]
    return seen


# -- driving the app -----------------------------------------------------------------------


async def open_processes(pilot: Driver) -> ProcessesScreen:
    """Wait for the data, push the Processes screen, wait for its tree."""
    app = pilot.app
    assert isinstance(app, CockpitApp)
    await wait_until(pilot, lambda: app.cockpit is not None)
    screen = ProcessesScreen()
    await app.push_screen(screen)
    await wait_until(pilot, lambda: screen.data is not None and screen.current_node() is not None)
    return screen


async def press_5_for_processes(pilot: Driver) -> ProcessesScreen:
    """Wait for the data, switch to the Processes mode with its key, wait for its tree."""
    app = pilot.app
    assert isinstance(app, CockpitApp)
    await wait_until(pilot, lambda: app.cockpit is not None)
    await pilot.press("5")
    await wait_until(pilot, lambda: isinstance(app.screen, ProcessesScreen))
    screen = app.screen
    assert isinstance(screen, ProcessesScreen) and app.current_mode == "processes"
    await wait_until(pilot, lambda: screen.data is not None and screen.current_node() is not None)
    return screen


async def cursor_to(pilot: Driver, screen: ProcessesScreen, node: Node) -> None:
    """Move the tree's cursor with the arrow keys until it is on the node."""
    await pilot.press("home")
    for _ in range(80):
        if screen.current_node() == node:
            return
        await pilot.press("down")
    raise AssertionError(f"the cursor never reached {node}")


def quiet_status(pilot: Driver) -> None:
    """Redraw the clocks now, so a snapshot never depends on a tick."""
    from cockpit.tui.widgets.status_bar import StatusBar

    for bar in pilot.app.screen.query(StatusBar):
        bar.update_bar()
