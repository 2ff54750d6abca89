"""Fixtures of the Routines view tests: the demo business on Friday 2026-11-20 10:00 UTC,
the app over a copy of it, and helpers to drive the Routines screen.

The demo is built once per session; every test works on its own copy of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable

from cockpit.config import Settings
from cockpit.services.context import Cockpit
from cockpit.services.routines import RoutineRow, routine_rows
from cockpit.tui.app import CockpitApp, build_app
from cockpit.tui.screens.routines import RoutinesScreen
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
    AppFactory as AppFactory,
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


def settings() -> Settings:
    return Settings(timezone=TZ)


@dataclass(frozen=True)
class Note:
    message: str
    severity: str


@pytest.fixture
def make_app(data_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppFactory:
    """The app over this test's copy of the demo, on the fixed clock; its notifications are
    kept in `app.notes_seen`."""

    def make() -> CockpitApp:
        app = build_app(data_path, fixed_clock(), settings())
        seen: list[Note] = []
        original = app.notify

        def notify(message: str, *, severity: Any = "information", **kw: Any) -> None:
            seen.append(Note(str(message), str(severity)))
            original(message, severity=severity, **kw)

        monkeypatch.setattr(app, "notify", notify)
        monkeypatch.setattr(app, "notes_seen", seen, raising=False)
        return app

    return make


def notes(app: CockpitApp) -> list[Note]:
    seen: list[Note] = getattr(app, "notes_seen", [])
    return seen


@contextmanager
def reading(path: Path) -> Iterator[Cockpit]:
    """The data file, opened read-only beside the running app, on the fixed clock."""
    ctx = Cockpit.open(path, fixed_clock(), settings(), read_only=True)
    try:
        yield ctx
    finally:
        ctx.close()


def rows_in(path: Path, **filters: str | None) -> list[RoutineRow]:
    with reading(path) as ctx:
        return routine_rows(ctx, **filters)  # type: ignore[arg-type]


# -- driving the app -----------------------------------------------------------------------


def table_of(screen: RoutinesScreen) -> DataTable[Any]:
    table: DataTable[Any] = screen.query_one("#routines-table", DataTable)
    return table


async def open_routines(pilot: Driver) -> RoutinesScreen:
    """Wait for the data, switch to the Routines mode (key 3), wait for its rows."""
    app = pilot.app
    assert isinstance(app, CockpitApp)
    await wait_until(pilot, lambda: app.cockpit is not None)
    await pilot.press("3")
    await wait_until(pilot, lambda: isinstance(app.screen, RoutinesScreen))
    screen = app.screen
    assert isinstance(screen, RoutinesScreen)
    await wait_until(pilot, lambda: screen.data is not None and table_of(screen).row_count > 0)
    return screen


def quiet_status(pilot: Driver) -> None:
    """Redraw the clocks now, so a snapshot never depends on a tick."""
    from cockpit.tui.widgets.status_bar import StatusBar

    for bar in pilot.app.screen.query(StatusBar):
        bar.update_bar()
