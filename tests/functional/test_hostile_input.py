"""What a user types wrong in the TUI: the same words `cockpit` would print, where it was
typed or as a notification, and the app keeps running with nothing saved."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label

from cockpit.tui.screens.snooze import SnoozeScreen
from cockpit.tui.screens.today import TodayScreen
from cockpit.tui.screens.today.skip import SkipScreen
from tests.functional.helpers import ready, step_list, stored_step
from tests.ui_support import (
    DAY,
    SIZE,
    AppFactory,
    Driver,
    errors,
    settle,
    wait_for_screen,
    wait_until,
)
from tests.unit.cli.helpers import Cli


def cli_error(tmp_path: Path, data_path: Path, *args: str) -> str:
    """What `cockpit` says, after "cockpit: error: ", on a copy of the same data file."""
    copy = tmp_path / "cli-copy.json"
    copy.write_bytes(data_path.read_bytes())
    line = Cli(tmp_path).fails(*args, day=DAY.isoformat(), data=copy)
    return line.removeprefix("cockpit: error: ")


async def type_into(pilot: Driver, field: Input, text: str) -> None:
    field.value = text
    await pilot.press("enter")
    await settle(pilot)


def error_text(label: Label) -> str:
    return str(label.render())


async def test_a_skip_without_a_reason_says_what_the_cli_says(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        key = step_list(pilot).current_key
        assert key is not None
        await pilot.press("s")
        dialog = await wait_for_screen(pilot, SkipScreen)
        await type_into(pilot, dialog.query_one("#reason", Input), "   ")
        shown = error_text(dialog.query_one("#reason-error", Label))
        assert pilot.app.screen is dialog and pilot.app.is_running
    assert stored_step(data_path, key).is_open
    assert shown == cli_error(tmp_path, data_path, "skip", key, "--reason", "   ")


@pytest.mark.parametrize("typed", ["+0", "bogus", "[/]", "+1000000000", "2101-01-01"])
async def test_a_bad_snooze_date_says_what_the_cli_says(
    make_app: AppFactory, data_path: Path, tmp_path: Path, typed: str
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        key = step_list(pilot).current_key
        assert key is not None
        await pilot.press("z")
        dialog = await wait_for_screen(pilot, SnoozeScreen)
        await type_into(pilot, dialog.query_one("#when", Input), typed)
        shown = error_text(dialog.query_one("#when-error", Label))
        assert pilot.app.screen is dialog and pilot.app.is_running
    assert stored_step(data_path, key).snoozed_to is None
    assert shown == cli_error(tmp_path, data_path, "snooze", key, "--to", typed)


async def test_a_snooze_past_the_next_run_is_a_notification_in_the_cli_s_words(
    make_app: AppFactory, data_path: Path, tmp_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        key = step_list(pilot).current_key
        assert key is not None
        await pilot.press("z")
        dialog = await wait_for_screen(pilot, SnoozeScreen)
        await type_into(pilot, dialog.query_one("#when", Input), "2026-12-31")
        await wait_until(pilot, lambda: bool(errors(pilot)))
        await wait_for_screen(pilot, TodayScreen)
        assert pilot.app.is_running
        shown = errors(pilot)
    assert stored_step(data_path, key).snoozed_to is None
    assert shown == [cli_error(tmp_path, data_path, "snooze", key, "--to", "2026-12-31")]
