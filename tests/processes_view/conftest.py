"""Fixtures of the Processes view tests: the demo business on Friday 2026-11-20 10:00 UTC,
the app over a copy of it, an empty Cockpit for the service tests, and helpers.

The demo is built once per session; every test works on its own copy of the file.
"""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, time
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from cockpit.clock import FixedClock
from cockpit.config import Settings
from cockpit.services.context import Cockpit
from cockpit.services.demo import build_demo
from cockpit.tui.app import CockpitApp, build_app
from cockpit.tui.screens.processes import ProcessesScreen

DAY = date(2026, 11, 20)  # a Friday: the demo is built and the app runs on it
TZ = "UTC"
AT = time(10, 0)
SIZE = (120, 40)
Driver = Pilot[None]
AppFactory = Callable[[], CockpitApp]


def fixed_clock() -> FixedClock:
    return FixedClock.on(DAY, TZ, AT)


def settings() -> Settings:
    return Settings(timezone=TZ)


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No developer config or data in a test; no blinking cursor; no desktop notification."""
    monkeypatch.setenv("COCKPIT_CONFIG", str(tmp_path / "no-config" / "config.toml"))
    monkeypatch.delenv("COCKPIT_DATA", raising=False)
    monkeypatch.setattr(Input, "cursor_blink", False)
    monkeypatch.setattr(TextArea, "cursor_blink", False)
    which = shutil.which
    monkeypatch.setattr(
        shutil,
        "which",
        lambda name, *a, **k: None if name == "notify-send" else which(name, *a, **k),
    )


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Cockpit]:
    """An empty Cockpit on the fixed clock, the writer of its own data file."""
    cockpit = Cockpit.open(tmp_path / "empty.json", fixed_clock(), settings())
    try:
        yield cockpit
    finally:
        cockpit.close()


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo business with ten weeks of history, built once."""
    path = tmp_path_factory.mktemp("processes-demo") / "cockpit.json"
    with Cockpit.open(path, fixed_clock(), settings()) as ctx:
        build_demo(ctx)
    return path


@pytest.fixture
def data_path(demo_file: Path, tmp_path: Path) -> Path:
    """This test's own copy of the demo data file."""
    path = tmp_path / "data" / "cockpit.json"
    path.parent.mkdir()
    shutil.copy(demo_file, path)
    return path


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


# -- driving the app -----------------------------------------------------------------------


async def settle(pilot: Driver) -> None:
    """Let the workers finish and the messages they posted be handled."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def wait_until(pilot: Driver, condition: Callable[[], bool], timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        await settle(pilot)
        if condition():
            return
        if loop.time() > deadline:
            raise AssertionError(f"timed out waiting for {condition}")
        await pilot.pause(0.02)


async def open_processes(pilot: Driver) -> ProcessesScreen:
    """Wait for the data, push the Processes screen, wait for its tree."""
    app = pilot.app
    assert isinstance(app, CockpitApp)
    await wait_until(pilot, lambda: app.cockpit is not None)
    screen = ProcessesScreen()
    await app.push_screen(screen)
    await wait_until(pilot, lambda: screen.data is not None and screen.current_node() is not None)
    return screen


def quiet_status(pilot: Driver) -> None:
    """Redraw the clocks now, so a snapshot never depends on a tick."""
    from cockpit.tui.widgets.status_bar import StatusBar

    for bar in pilot.app.screen.query(StatusBar):
        bar.update_bar()
