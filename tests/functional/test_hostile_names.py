"""Every screen, dialog, toast and the palette on names that hold markup, and on typed markup.

The demo's names all end in `[/] [link=x]L [bold]B`; its skip reasons and notes also
hold terminal escapes. Each view must show them as typed (markup visible, escapes
as `?`), and never crash: the app keeps running with no "Unexpected error".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandList, CommandPalette
from textual.widget import Widget
from textual.widgets import DataTable, Input, Label, Markdown, OptionList, Static

from cockpit.tui.screens.confirm import ConfirmScreen
from cockpit.tui.screens.focus import FocusScreen
from cockpit.tui.screens.kpi_entry import KpiEntryScreen
from cockpit.tui.screens.path_prompt import PathScreen
from cockpit.tui.screens.process_form import ProcessFormScreen
from cockpit.tui.screens.processes import ProcessesScreen
from cockpit.tui.screens.review import ReviewScreen
from cockpit.tui.screens.role_form import RoleFormScreen
from cockpit.tui.screens.routine_detail import RoutineDetailScreen
from cockpit.tui.screens.routines import RoutinesScreen
from cockpit.tui.screens.snooze import SnoozeScreen
from cockpit.tui.screens.step_detail import StepDetailScreen
from cockpit.tui.screens.today import TodayScreen
from cockpit.tui.screens.today.focus_kind import FocusKindScreen
from cockpit.tui.screens.today.skip import SkipScreen
from tests.functional.helpers import open_picker, ready, step_list, today_screen
from tests.functional.hostile_data import MARKUP, SHOWN, hostile_copy
from tests.functional.snapshot_support import Snap, quiet
from tests.ui_support import (
    SIZE,
    AppFactory,
    Driver,
    app_factory,
    notes,
    screen_lines,
    settle,
    switch_mode,
    wait_for_screen,
    wait_until,
)

WIDE = (200, 50)  # room for the long names: what is checked is on the screen
PROBE = MARKUP.strip()  # "[/] [link=x]L [bold]B": markup would hide or break it
TYPED = "[/] [b]x"  # what a user types into a field


@pytest.fixture
def hostile_path(demo_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "data" / "cockpit.json"
    path.parent.mkdir()
    return hostile_copy(demo_file, path)


@pytest.fixture
def make_app(hostile_path: Path) -> AppFactory:
    return app_factory(hostile_path)


def text_of(widget: Widget) -> str:
    """What a Label or Static shows (rendering it, as a repaint would)."""
    return str(widget.render())


def on_screen(pilot: Driver) -> str:
    return "\n".join(screen_lines(pilot.app))


def still_fine(pilot: Driver) -> None:
    """The app runs, and no service call or screen update failed on the way."""
    assert pilot.app.is_running
    assert not [note for note in notes(pilot) if "Unexpected error" in note], notes(pilot)


async def type_text(pilot: Driver, text: str) -> None:
    await pilot.press(*("space" if char == " " else char for char in text))


# -- Today ------------------------------------------------------------------------------------


async def test_today_shows_the_names_as_typed(make_app: AppFactory) -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        await ready(pilot)
        screen = today_screen(pilot)
        side = screen.query_one("#side-title", Static)
        assert PROBE in text_of(side)
        steps = step_list(pilot)
        prompts = [str(steps.get_option_at_index(i).prompt) for i in range(steps.option_count)]
        assert all(PROBE in prompt for prompt in prompts)  # role headers and steps
        assert PROBE in on_screen(pilot)
        still_fine(pilot)


async def test_the_cursor_goes_over_every_step(make_app: AppFactory) -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        await ready(pilot)
        for _ in range(step_list(pilot).option_count):
            await pilot.press("j")
        await settle(pilot)
        side = today_screen(pilot).query_one("#side-title", Static)
        assert PROBE in text_of(side)
        viewer = today_screen(pilot).query_one("#side-instructions", Markdown)
        assert viewer.source.count(PROBE) >= 2  # the title and the instructions
        still_fine(pilot)


async def test_the_dialogs_of_a_step_show_its_names_as_typed(make_app: AppFactory) -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        await ready(pilot)
        for key, kind in (
            ("f", FocusKindScreen),
            ("s", SkipScreen),
            ("z", SnoozeScreen),
            ("enter", StepDetailScreen),
        ):
            await pilot.press(key)
            dialog: Any = await wait_for_screen(pilot, kind)
            await settle(pilot)
            title = dialog.query(".dialog-title").first(Label)
            assert PROBE in text_of(title), kind
            for label in dialog.query(Label):
                text_of(label)  # every label renders
            await pilot.press("escape")
            await wait_for_screen(pilot, TodayScreen)
        still_fine(pilot)


async def test_done_skip_and_undo_toasts_show_names_and_reasons_as_typed(
    make_app: AppFactory,
) -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("x")
        await wait_until(pilot, lambda: any(n.startswith("done:") for n in notes(pilot)))
        await pilot.press("u")
        await wait_until(pilot, lambda: any(n.startswith("Undone:") for n in notes(pilot)))
        await pilot.press("s")
        await wait_for_screen(pilot, SkipScreen)
        await type_text(pilot, TYPED)
        await pilot.press("enter")
        await wait_until(pilot, lambda: any(n.startswith("skipped:") for n in notes(pilot)))
        await settle(pilot)
        assert PROBE in on_screen(pilot)  # the toast, its markup shown
        still_fine(pilot)


async def test_typed_markup_in_the_snooze_dialog_is_an_error_message(
    make_app: AppFactory,
) -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("z")
        dialog = await wait_for_screen(pilot, SnoozeScreen)
        await type_text(pilot, TYPED)
        await pilot.press("enter")
        await settle(pilot)
        error = dialog.query_one("#when-error", Label)
        assert TYPED in text_of(error)
        assert pilot.app.screen is dialog
        still_fine(pilot)


async def test_typed_markup_in_the_filter_and_the_picker(make_app: AppFactory) -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await type_text(pilot, "[/]")
        await settle(pilot)
        assert step_list(pilot).option_count > 0  # every name holds "[/]"
        await pilot.press("escape")
        _picker, matches = await open_picker(pilot)
        assert PROBE in str(matches.get_option_at_index(0).prompt)
        await type_text(pilot, "[link")
        await settle(pilot)
        assert matches.option_count > 1
        assert PROBE in str(matches.get_option_at_index(0).prompt)
        still_fine(pilot)


async def test_the_palette_finds_names_that_hold_markup(make_app: AppFactory) -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        palette = await wait_for_screen(pilot, CommandPalette)
        await type_text(pilot, "invoice")
        hits = palette.query_one(CommandList)

        def prompts() -> list[str]:
            return [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]

        await wait_until(pilot, lambda: any("Start Invoice clients" in p for p in prompts()))
        assert any(PROBE in p for p in prompts())
        await pilot.press("escape")
        still_fine(pilot)


# -- the other modes ----------------------------------------------------------------------------


async def test_focus_shows_the_step_as_typed(make_app: AppFactory) -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("f")
        await wait_for_screen(pilot, FocusKindScreen)
        await pilot.press("c")
        screen = await wait_for_screen(pilot, FocusScreen)
        await wait_until(pilot, lambda: screen.target is not None)
        assert PROBE in text_of(screen.query_one("#focus-title", Label))
        viewer = screen.query_one("#focus-instructions", Markdown)
        assert PROBE in viewer.source
        await pilot.press("s")
        await settle(pilot)
        for label in pilot.app.screen.query(Label):
            text_of(label)  # the end dialog
        still_fine(pilot)


async def test_a_role_focus_shows_its_steps_as_typed(make_app: AppFactory) -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        await ready(pilot)
        await pilot.press("F")
        screen = await wait_for_screen(pilot, FocusScreen)
        await wait_until(pilot, lambda: screen.target is not None)
        assert PROBE in text_of(screen.query_one("#focus-title", Label))
        steps = text_of(screen.query_one("#focus-role-steps", Label))
        assert steps.count(PROBE) >= 2
        await pilot.press("n")
        await pilot.press("x")  # the step is done: a toast with its title
        await wait_until(pilot, lambda: any(n.startswith("done:") for n in notes(pilot)))
        assert PROBE in next(n for n in notes(pilot) if n.startswith("done:"))
        still_fine(pilot)


async def test_routines_and_their_detail_show_the_names_as_typed(make_app: AppFactory) -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await switch_mode(
            pilot,
            "3",
            RoutinesScreen,
            lambda s: s.data is not None and s.query_one(DataTable).row_count > 0,
        )
        assert PROBE in on_screen(pilot)
        table = screen.query_one(DataTable)
        for _ in range(table.row_count):
            await pilot.press("j")
        await pilot.press("enter")
        dialog = await wait_for_screen(pilot, RoutineDetailScreen)
        await settle(pilot)
        assert PROBE in on_screen(pilot)
        for widget in dialog.query(Static):
            text_of(widget)
        await pilot.press("escape")
        for key in ("w", "r", "y", "g", "w"):  # the role's map, each filter
            await pilot.press(key)
            await settle(pilot)
        assert PROBE in on_screen(pilot)
        still_fine(pilot)


async def test_review_shows_names_notes_and_reasons_as_typed(make_app: AppFactory) -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await switch_mode(pilot, "4", ReviewScreen, lambda s: s.report is not None)
        await settle(pilot)
        shown = on_screen(pilot)
        assert PROBE in shown
        assert SHOWN.strip() in "\n".join(
            text_of(widget) for widget in screen.query(Static) if widget.display
        )  # a skip reason, escapes as "?"
        assert screen.notes_area.text == "Notes" + SHOWN  # the editor gets no escape either
        assert not screen.dirty  # and nothing is saved until the notes are edited
        await pilot.press("K")
        dialog = await wait_for_screen(pilot, KpiEntryScreen)
        assert PROBE in text_of(dialog.query_one("#kpi-about", Label))
        await type_text(pilot, TYPED)
        await pilot.press("enter")
        await settle(pilot)
        assert TYPED in text_of(dialog.query_one("#kpi-error", Label))
        assert pilot.app.screen is dialog
        await pilot.press("down", "escape")
        await wait_for_screen(pilot, ReviewScreen)
        still_fine(pilot)


async def test_processes_and_their_forms_take_typed_markup(make_app: AppFactory) -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await switch_mode(
            pilot,
            "5",
            ProcessesScreen,
            lambda s: s.data is not None and s.current_node() is not None,
        )
        assert PROBE in on_screen(pilot)
        for _ in range(40):
            if screen.current_process() is not None:
                break
            await pilot.press("down")
        await settle(pilot)
        assert screen.current_process() is not None
        assert PROBE in text_of(screen.query_one("#process-info", Static))
        steps = screen.query_one("#process-steps", OptionList)
        assert PROBE in str(steps.get_option_at_index(0).prompt)
        await pilot.press("e")
        form = await wait_for_screen(pilot, ProcessFormScreen)
        assert PROBE in text_of(form.query(".dialog-title").first(Label))
        schedule = form.query_one("#schedule", Input)
        schedule.focus()
        await pilot.press("end", "ctrl+u", "[")
        await settle(pilot)
        preview = form.query_one("#schedule-preview", Label)
        assert "[" in text_of(preview)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is form  # refused, with its message under the field
        assert "[" in text_of(form.query_one("#schedule-error", Label))
        await pilot.press("escape")
        await wait_for_screen(pilot, ProcessesScreen)
        still_fine(pilot)


async def test_processes_dialogs_and_toasts_show_names_as_typed(
    make_app: AppFactory, tmp_path: Path
) -> None:
    async with make_app().run_test(size=WIDE) as pilot:
        screen = await switch_mode(
            pilot,
            "5",
            ProcessesScreen,
            lambda s: s.data is not None and s.current_node() is not None,
        )
        assert PROBE in text_of(screen.query_one("#process-info", Static))  # a role
        for _ in range(40):
            if screen.current_process() is not None:
                break
            await pilot.press("down")
        process = screen.current_process()
        assert process is not None
        await pilot.press("x")  # retire it? the question names it
        dialog = await wait_for_screen(pilot, ConfirmScreen)
        assert PROBE in text_of(dialog.query(".dialog-title").first(Label))
        await pilot.press("n")
        await pilot.press("o")  # export: the title names it, the toast the file written
        prompt = await wait_for_screen(pilot, PathScreen)
        assert PROBE in text_of(prompt.query(".dialog-title").first(Label))
        prompt.query_one("#path", Input).value = str(tmp_path / "sops")
        await pilot.press("enter")
        await wait_for_screen(pilot, ConfirmScreen)  # the whole path, asked first
        await pilot.press("y")
        await wait_until(pilot, lambda: any(n.startswith("Wrote ") for n in notes(pilot)))
        (written,) = (tmp_path / "sops").iterdir()
        assert notes(pilot)[-1] == f"Wrote {written}"
        await pilot.press("R")  # a new role whose name is typed markup
        form = await wait_for_screen(pilot, RoleFormScreen)
        await type_text(pilot, "Ops" + TYPED)
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: any(n.startswith("Saved role") for n in notes(pilot)))
        assert notes(pilot)[-1] == f'Saved role "Ops{TYPED}".'
        assert form not in pilot.app.screen_stack
        still_fine(pilot)


# -- a snapshot ----------------------------------------------------------------------------------


def test_snapshot_today_with_markup_in_every_name(snap_compare: Snap, make_app: AppFactory) -> None:
    """The side pane, the role headers and the steps show `[/] [link=x]L [bold]B` as typed."""

    async def run_before(pilot: Driver) -> None:
        await ready(pilot)
        await quiet(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
