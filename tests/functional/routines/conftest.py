"""Fixtures of the Routines view tests: the demo business on Friday 2026-11-20 10:00 UTC,
the app over a copy of it, and helpers to drive the Routines screen.

The demo is built once per session; every test works on its own copy of the file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable

from cockpit.services.routines import RoutineRow, routine_rows
from cockpit.tui.screens.routines import RoutinesScreen
from tests.ui_support import AppFactory, Driver, app_factory, open_cockpit, switch_mode


@pytest.fixture
def make_app(data_path: Path) -> AppFactory:
    """The app over this test's copy of the demo, on the fixed clock; it keeps its
    notifications."""
    return app_factory(data_path)


def rows_in(path: Path, **filters: str | None) -> list[RoutineRow]:
    """The rows of the service, read beside the running app."""
    with open_cockpit(path, read_only=True) as ctx:
        return routine_rows(ctx, **filters)  # type: ignore[arg-type]


# -- driving the app -----------------------------------------------------------------------


def table_of(screen: RoutinesScreen) -> DataTable[Any]:
    table: DataTable[Any] = screen.query_one("#routines-table", DataTable)
    return table


async def open_routines(pilot: Driver) -> RoutinesScreen:
    """Wait for the data, switch to the Routines mode (key 3), wait for its rows."""
    return await switch_mode(pilot, "3", RoutinesScreen, rows_shown)


def rows_shown(screen: RoutinesScreen) -> bool:
    return screen.data is not None and table_of(screen).row_count > 0
