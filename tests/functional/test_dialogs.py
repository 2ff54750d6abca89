"""Dialogs: every line of text fits its dialog, and help shows the words it means."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Label, Static

from cockpit.tui.screens.help import HelpScreen
from cockpit.tui.screens.snooze import SnoozeScreen
from cockpit.tui.screens.welcome import WelcomeScreen
from tests.functional.helpers import open_picker, ready
from tests.ui_support import SIZE, AppFactory, settle, wait_for_screen, wait_until


def cut_labels(screen: Screen[Any]) -> list[str]:
    """The labels of a dialog wider than the room their container gives them."""
    cut = []
    for label in screen.query(Label):
        parent = label.parent
        assert isinstance(parent, Widget)
        if label.region.right > parent.content_region.right:
            cut.append(str(label.content))
    return cut


async def test_the_welcome_text_fits_the_dialog(make_app: AppFactory, tmp_path: Path) -> None:
    async with make_app(tmp_path / "fresh" / "cockpit.json").run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, WelcomeScreen)
        assert cut_labels(screen) == []


async def test_the_snooze_prompt_fits_the_dialog(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("z")
        screen = await wait_for_screen(pilot, SnoozeScreen)
        assert cut_labels(screen) == []


def plain(table: Table) -> str:
    console = Console(width=120, record=True, file=None, color_system=None)
    with console.capture() as captured:
        console.print(table)
    return captured.get()


async def test_help_names_the_keys_section_of_the_config(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        screen = await wait_for_screen(pilot, HelpScreen)
        table = screen.query_one("#help-table", Static).content
        assert isinstance(table, Table)
        assert "Id (for [keys] in config)" in plain(table)
        footer = screen.query_one("#help-footer", Label)
        assert "under [keys], e.g." in str(footer.render())


async def test_the_picker_says_when_nothing_matches_and_enter_starts_nothing(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        picker, matches = await open_picker(pilot)
        await pilot.press(*"zqxj")
        await wait_until(pilot, lambda: matches.option_count == 1)
        only = matches.get_option_at_index(0)
        assert str(only.prompt) == "No process matches “zqxj”" and only.disabled
        assert matches.highlighted is None
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is picker  # nothing to start: the picker stays
        await pilot.press(*["backspace"] * 4)
        await wait_until(pilot, lambda: matches.option_count > 5)  # all of them again
