"""App-wide keys seen from Today: help, the command palette, modes, and remapped keys."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.command import CommandList, CommandPalette
from textual.widgets import Static

from cockpit.domain.occurrence import StepStatus
from cockpit.tui.screens.focus import FocusScreen
from cockpit.tui.screens.help import HelpScreen
from cockpit.tui.screens.today import TodayScreen
from cockpit.tui.screens.today.skip import SkipScreen
from cockpit.tui.widgets.status_bar import StatusBar
from tests.functional.helpers import (
    reading,
    ready,
    shown_keys,
    step_list,
    stored_occurrence,
    stored_step,
    today_screen,
)
from tests.ui_support import (
    SIZE,
    AppFactory,
    Driver,
    app_of,
    app_settings,
    notes,
    settle,
    wait_for_screen,
    wait_until,
)

FIRST = "323.1"  # Delivery: Hourly work logging › Review today's Toggl timeline (weekdays)
LAST_DELIVERY = "326.3"  # Delivery: Plan the delivery day › Block the time
FIRST_ADMIN = "324.1"  # Admin: Inbox zero › Triage the inbox
INVOICE = "325.3"  # Admin: Invoice clients › Create invoices in QuickBooks (20 min)


async def highlight(pilot: Driver, key: str) -> None:
    step_list(pilot).select_key(key)
    await pilot.pause()
    assert step_list(pilot).current_key == key


def status_text(pilot: Driver) -> str:
    return str(today_screen(pilot).query_one(StatusBar).content)


async def test_question_mark_opens_help_with_descriptions_and_ids(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        help_screen = await wait_for_screen(pilot, HelpScreen)
        table = help_screen.query_one("#help-table", Static).content
        from rich.table import Table

        assert isinstance(table, Table)
        rows = [
            tuple(str(cell) for cell in cells)
            for cells in zip(*(column.cells for column in table.columns), strict=True)
        ]
        by_id = {row[2]: row for row in rows}
        assert by_id["today.complete"][:2] == ("x, space", "Done")
        assert by_id["today.skip"][:2] == ("s", "Skip")
        assert by_id["today.plan_down"][:2] == ("J", "Plan down")
        assert by_id["app.help"][:2] == ("?", "Help")
        assert by_id["app.focus"][:2] == ("2", "Focus")
        await pilot.press("escape")
        await wait_for_screen(pilot, TodayScreen)


async def palette_pick(pilot: Driver, query: str, expected: str) -> None:
    """Open the palette, type `query`, check the top hit shows `expected`, choose it."""
    await pilot.press("ctrl+p")
    palette = await wait_for_screen(pilot, CommandPalette)
    await pilot.press(*query)
    hits = palette.query_one(CommandList)

    def top_hit() -> str:
        if hits.option_count == 0 or hits.highlighted is None:
            return ""
        return str(hits.get_option_at_index(hits.highlighted).prompt)

    await wait_until(pilot, lambda: expected in top_hit())
    await pilot.press("enter")


async def test_ctrl_p_palette_finds_skip(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await palette_pick(pilot, "Skip", "Skip")
        dialog = await wait_for_screen(pilot, SkipScreen)
        assert dialog.key == FIRST


async def test_ctrl_p_palette_starts_a_process_by_name(
    make_app: AppFactory, data_path: Path
) -> None:
    with reading(data_path) as store:
        next_no = store.next_occurrence_no()
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await palette_pick(pilot, "case stu", "Start Write a case study")
        await wait_until(pilot, lambda: any(n.startswith("started") for n in notes(pilot)))
        assert f'started "Write a case study" as run {next_no}' in notes(pilot)[-1]
        run = stored_occurrence(data_path, str(next_no))
        assert run.is_open and run.manual


async def test_ctrl_p_palette_jumps_to_a_due_step(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await palette_pick(pilot, "categ", "Categorise the bank feed")
        await wait_until(pilot, lambda: step_list(pilot).current_key == "327.1")


async def test_1_and_2_switch_modes(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("2")
        await wait_for_screen(pilot, FocusScreen)
        assert app_of(pilot).current_mode == "focus"
        await pilot.press("1")
        await wait_for_screen(pilot, TodayScreen)
        assert app_of(pilot).current_mode == "today"


async def test_a_remapped_key_replaces_the_default(make_app: AppFactory, data_path: Path) -> None:
    settings = replace(app_settings(), keys={"today.complete": "c"})  # [keys] in config.toml
    async with make_app(settings=settings).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("x")
        await settle(pilot)
        assert stored_step(data_path, FIRST).is_open
        await pilot.press("c")
        await wait_until(pilot, lambda: FIRST not in shown_keys(pilot))
        assert stored_step(data_path, FIRST).status is StepStatus.DONE


async def test_a_key_id_no_view_has_is_said_once_the_day_is_open(make_app: AppFactory) -> None:
    """`"today.compleet" = "c"` was ignored without a word: the app says which ids it does
    not know, and the keys it does know still work."""
    keys = {"today.compleet": "c", "today.complete": "c"}
    settings = replace(app_settings(), keys=keys)
    async with make_app(settings=settings).run_test(size=SIZE) as pilot:
        await ready(pilot)
        said = "no key has the id today.compleet; press ? in a view to see its keys' ids"
        await wait_until(pilot, lambda: any(said in note for note in notes(pilot)), timeout=10)
        assert not any("today.complete," in note for note in notes(pilot))


async def test_known_key_ids_raise_no_warning(make_app: AppFactory) -> None:
    settings = replace(app_settings(), keys={"today.complete": "c", "app.undo": "ctrl+z"})
    async with make_app(settings=settings).run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.app.workers.wait_for_complete()  # the check runs in a worker
        await settle(pilot)
        assert not [note for note in notes(pilot) if "config [keys]" in note]


async def test_a_key_given_to_two_actions_of_a_view_is_said(make_app: AppFactory) -> None:
    """`"today.complete" = "s"` took Skip's key without a word (outside tester)."""
    settings = replace(app_settings(), keys={"today.complete": "s"})
    async with make_app(settings=settings).run_test(size=SIZE) as pilot:
        await ready(pilot)
        said = "config [keys]: one key for two actions (s: today.complete and today.skip)"
        await wait_until(pilot, lambda: said in notes(pilot), timeout=10)
