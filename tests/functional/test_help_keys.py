"""Help lists every key a view answers to, including those a focused list shadows (enter)."""

from __future__ import annotations

import pytest
from rich.table import Table
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Static

from cockpit.tui.app import CockpitApp
from cockpit.tui.screens.help import HelpScreen
from cockpit.tui.screens.processes import ProcessesScreen
from cockpit.tui.screens.review import ReviewScreen
from cockpit.tui.screens.routines import RoutinesScreen
from cockpit.tui.screens.today import TodayScreen
from tests.functional.helpers import ready
from tests.ui_support import SIZE, AppFactory, Driver, settle, wait_for_screen

VIEWS: list[tuple[str, type[Screen[None]]]] = [
    ("1", TodayScreen),
    ("3", RoutinesScreen),
    ("4", ReviewScreen),
    ("5", ProcessesScreen),
]


def help_rows(screen: HelpScreen) -> dict[str, tuple[str, str]]:
    """The help table as {binding id: (keys, description)}."""
    table = screen.query_one("#help-table", Static).content
    assert isinstance(table, Table)
    rows = zip(*(column.cells for column in table.columns), strict=True)
    return {str(row[2]): (str(row[0]), str(row[1])) for row in rows}


def declared(kind: type[Screen[None]]) -> set[str]:
    ids = set()
    for binding in (*kind.BINDINGS, *CockpitApp.BINDINGS):
        assert isinstance(binding, Binding)
        if binding.id and binding.description:
            ids.add(binding.id)
    return ids


async def open_help(pilot: Driver, key: str, kind: type[Screen[None]]) -> HelpScreen:
    await pilot.press(key)
    await wait_for_screen(pilot, kind)
    await settle(pilot)
    await pilot.press("question_mark")
    return await wait_for_screen(pilot, HelpScreen)


@pytest.mark.parametrize(("key", "kind"), VIEWS, ids=[kind.__name__ for _, kind in VIEWS])
async def test_help_lists_every_key_the_view_declares(
    make_app: AppFactory, key: str, kind: type[Screen[None]]
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        rows = help_rows(await open_help(pilot, key, kind))
        missing = declared(kind) - rows.keys()
        assert not missing, f"help on {kind.__name__} leaves out {sorted(missing)}"


async def test_enter_is_in_help_on_today_and_routines(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        today = help_rows(await open_help(pilot, "1", TodayScreen))
        assert today["today.detail"] == ("enter", "Detail")
        await pilot.press("escape")
        routines = help_rows(await open_help(pilot, "3", RoutinesScreen))
        assert routines["routines.detail"] == ("enter", "Detail")
