"""The Processes view on the demo business, driven by keyboard only: create a process with
steps, edit it, reorder and delete steps, hit every validation error; and a snapshot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import Label, OptionList, Static, Tree

from cockpit.domain.model import Process, Stage
from cockpit.tui.screens.confirm import ConfirmScreen
from cockpit.tui.screens.form import FormScreen
from cockpit.tui.screens.process_form import ProcessFormScreen
from cockpit.tui.screens.processes import ProcessesScreen
from cockpit.tui.screens.step_form import StepFormScreen
from tests.functional.processes.conftest import open_processes, reading
from tests.ui_support import (
    SIZE,
    AppFactory,
    Driver,
    focus_on,
    paste,
    quiet_status,
    settle,
    wait_until,
)


def stored(path: Path, name: str) -> Process | None:
    with reading(path) as ctx:
        return next((p for p in ctx.store.processes() if p.name == name), None)


def processes_in(path: Path) -> list[Process]:
    with reading(path) as ctx:
        return ctx.store.processes()


async def tab_to(pilot: Driver, widget_id: str) -> None:
    """Give the widget the focus (one step, not up to 30 tabs)."""
    await focus_on(pilot, f"#{widget_id}")


async def fill(pilot: Driver, widget_id: str, text: str) -> None:
    """Replace what an input holds by the text, in one step (a paste)."""
    await paste(pilot, text, into=f"#{widget_id}")


async def save_form(pilot: Driver) -> None:
    await pilot.press("ctrl+s")
    await settle(pilot)


def error_of(pilot: Driver, field: str) -> str:
    label = pilot.app.screen.query_one(f"#{field}-error", Label)
    return str(label.content) if label.display else ""


async def new_process(pilot: Driver, name: str, schedule: str, target: str = "45") -> None:
    await pilot.press("n")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ProcessFormScreen))
    await paste(pilot, name)
    await fill(pilot, "schedule", schedule)
    await fill(pilot, "target", target)
    await save_form(pilot)


async def add_step(pilot: Driver, title: str, minutes: str, instructions: str = "") -> None:
    await pilot.press("a")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, StepFormScreen))
    await paste(pilot, title)
    if instructions:
        await fill(pilot, "instructions", instructions)
    await fill(pilot, "estimate", minutes)
    await fill(pilot, "offset", "-1")
    await save_form(pilot)


def step_titles(path: Path, name: str) -> list[str]:
    process = stored(path, name)
    assert process is not None
    return [step.title for step in process.steps]


async def test_create_a_process_with_two_steps_by_keyboard(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_processes(pilot)
        await new_process(pilot, "Chase", "weekly on tue")
        assert isinstance(pilot.app.screen, ProcessesScreen)
        process = stored(data_path, "Chase")
        assert process is not None
        assert (process.schedule.text, process.target_minutes, process.stage) == (
            "weekly on tue",
            45,
            Stage.DRAFT,
        )
        assert process.role == "sales"  # the role under the cursor
        await wait_until(pilot, lambda: screen.current_process() is not None)
        await add_step(pilot, "List", "10", "# Go\n- bank")
        await add_step(pilot, "Send", "20")
        process = stored(data_path, "Chase")
        assert process is not None
        assert [(s.title, s.estimate_minutes, s.offset_days) for s in process.steps] == [
            ("List", 10, -1), ("Send", 20, -1)
        ]  # fmt: skip
        assert process.steps[0].instructions == "# Go\n- bank"
        assert process.version == 3
        steps = screen.query_one("#process-steps", OptionList)
        await wait_until(pilot, lambda: steps.option_count == 2)
        info = str(screen.query_one("#process-info", Static).content)
        assert "Schedule: weekly on tue" in info and "next: Tue 24 Nov 2026" in info


async def test_edit_reorder_and_delete_steps_by_keyboard(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_processes(pilot)
        await new_process(pilot, "Chase", "weekly on tue")
        await wait_until(pilot, lambda: screen.current_process() is not None)
        for title in ("One", "Two", "Three"):
            await add_step(pilot, title, "5")
        version = stored(data_path, "Chase").version  # type: ignore[union-attr]
        # edit the name and the schedule: a new version
        await pilot.press("e")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ProcessFormScreen))
        await fill(pilot, "name", "Chased")
        await fill(pilot, "schedule", "weekdays")
        preview = str(pilot.app.screen.query_one("#schedule-preview", Label).content)
        assert preview.startswith("next: ")
        await save_form(pilot)
        process = stored(data_path, "Chased")
        assert process is not None and process.schedule.text == "weekdays"
        assert process.version == version + 1
        # the steps: focus the list, move the third one up twice, then the first one down
        await wait_until(pilot, lambda: screen.current_process() is not None)
        await tab_to(pilot, "process-steps")
        await pilot.press("end", "K")
        await settle(pilot)
        assert step_titles(data_path, "Chased") == ["One", "Three", "Two"]
        await pilot.press("K")
        await settle(pilot)
        assert step_titles(data_path, "Chased") == ["Three", "One", "Two"]
        await pilot.press("J")
        await settle(pilot)
        assert step_titles(data_path, "Chased") == ["One", "Three", "Two"]
        # edit the highlighted step (Three) with enter
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, StepFormScreen))
        await pilot.press("end", "ctrl+u", *"3rd")
        await save_form(pilot)
        assert step_titles(data_path, "Chased") == ["One", "3rd", "Two"]
        # delete it: n keeps it, y deletes it
        await pilot.press("d")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
        await pilot.press("n")
        await settle(pilot)
        assert step_titles(data_path, "Chased") == ["One", "3rd", "Two"]
        await pilot.press("d", "y")
        await settle(pilot)
        assert step_titles(data_path, "Chased") == ["One", "Two"]


async def test_every_process_form_error_shows_by_its_field(
    make_app: AppFactory, data_path: Path
) -> None:
    before = processes_in(data_path)
    async with make_app().run_test(size=SIZE) as pilot:
        await open_processes(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ProcessFormScreen))
        form = pilot.app.screen
        await save_form(pilot)
        assert "needs a name" in error_of(pilot, "name")
        await pilot.press(*"Chase")
        await fill(pilot, "schedule", "soon")
        preview = str(form.query_one("#schedule-preview", Label).content)
        assert "phrases that work" in preview and preview.startswith("unknown")
        assert form.query_one("#schedule-preview", Label).has_class("error")
        await save_form(pilot)
        assert error_of(pilot, "name") == ""
        assert "every 2 weeks on fri" in error_of(pilot, "schedule")
        await fill(pilot, "schedule", "daily")
        await fill(pilot, "target", "soon")
        await save_form(pilot)
        assert "whole number" in error_of(pilot, "target")
        await fill(pilot, "target", "-5")
        await save_form(pilot)
        assert "negative" in error_of(pilot, "target")
        await fill(pilot, "target", "2000")
        await save_form(pilot)
        assert "more than a day" in error_of(pilot, "target")
        await fill(pilot, "target", "")
        # no role: open the role list, pick the blank prompt
        await tab_to(pilot, "role")
        await pilot.press("enter", "home", "enter")
        await save_form(pilot)
        assert "choose the role" in error_of(pilot, "role")
        assert isinstance(pilot.app.screen, ProcessFormScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ProcessesScreen)
    assert processes_in(data_path) == before


async def test_every_step_form_error_shows_by_its_field(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_processes(pilot)
        await new_process(pilot, "Chase", "daily")
        await wait_until(pilot, lambda: screen.current_process() is not None)
        before = processes_in(data_path)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, StepFormScreen))
        await save_form(pilot)
        assert "needs a name" in error_of(pilot, "title")
        await pilot.press(*"Check")
        for field, text, words in (
            ("estimate", "-3", "negative"),
            ("estimate", "lots", "whole number"),
            ("estimate", "5000", "more than a day"),
            ("offset", "400", "more than a year"),
            ("offset", "later", "whole number"),
        ):
            await fill(pilot, field, text)
            await save_form(pilot)
            assert words in error_of(pilot, field), (field, text)
            await fill(pilot, field, "0")
        await pilot.press("escape")
        await settle(pilot)
    assert processes_in(data_path) == before


async def test_roles_and_systems_by_keyboard(make_app: AppFactory, data_path: Path) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_processes(pilot)
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FormScreen))
        await pilot.press(*"Fin")
        await fill(pilot, "colour", "red")
        await save_form(pilot)
        assert "hex colour" in error_of(pilot, "colour")
        await fill(pilot, "colour", "#a3be8c")
        await fill(pilot, "budget", "-1")
        await save_form(pilot)
        assert "negative" in error_of(pilot, "budget")
        await fill(pilot, "budget", "30")
        await save_form(pilot)
        assert isinstance(pilot.app.screen, ProcessesScreen)
        await wait_until(pilot, lambda: screen.current_node() == ("role", "fin"))
        await pilot.press("Y")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FormScreen))
        await pilot.press(*"Legal")
        await fill(pilot, "tools", "Sign, Drive")
        await tab_to(pilot, "kpis")
        await pilot.press(*"Signed, n, 4")
        await save_form(pilot)
        await wait_until(pilot, lambda: screen.current_node() == ("system", "legal"))
        await pilot.press("x", "y")
        await settle(pilot)
    with reading(data_path) as ctx:
        roles = {r.id: r for r in ctx.store.roles()}
        systems = {s.id: s for s in ctx.store.systems()}
    assert roles["fin"].budget_minutes == 30 and roles["fin"].colour == "#a3be8c"
    assert systems["legal"].tools == ("Sign", "Drive") and systems["legal"].archived
    assert systems["legal"].kpis[0].target == 4.0


async def test_filters_and_testing_runs(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_processes(pilot)
        total = len(screen.shown_processes())
        for _ in range(2):
            await pilot.press("g")  # draft, then testing
        assert screen.stage_filter == "testing"
        shown = screen.shown_processes()
        assert 0 < len(shown) < total and all(p.stage is Stage.TESTING for p in shown)
        tree: Tree[Any] = screen.query_one("#processes-tree", Tree)
        for _ in range(10):
            if screen.current_process() is not None:
                break
            await pilot.press("down")
        runs = str(screen.query_one("#process-runs", Static).content)
        assert "Timed runs against the target (under" in runs
        assert "✓ under" in runs or "✗ over" in runs
        await pilot.press("r")
        assert screen.role_filter is not None
        assert all(p.role == screen.role_filter for p in screen.shown_processes())
        assert tree.cursor_node is not None


def test_snapshot_processes_view(snap_compare: Any, make_app: AppFactory) -> None:
    async def run_before(pilot: Driver) -> None:
        screen = await open_processes(pilot)
        for _ in range(20):  # the first process in testing
            process = screen.current_process()
            if process is not None and process.stage is Stage.TESTING:
                break
            await pilot.press("down")
        await settle(pilot)
        quiet_status(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


async def test_the_schedule_preview_shows_on_a_new_form_and_after_a_refused_save(
    make_app: AppFactory,
) -> None:
    """The preview wears .error when the phrase is wrong: clearing the fields' errors (on
    mount and before each save) must leave it on screen."""
    async with make_app().run_test(size=SIZE) as pilot:
        await open_processes(pilot)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, ProcessFormScreen))
        form = pilot.app.screen
        label = form.query_one("#schedule-preview", Label)

        def shown() -> str:
            assert label.display and label.region.height > 0, "the preview is hidden"
            return str(label.content)

        await settle(pilot)
        assert shown() == "type when it recurs, e.g. weekly on fri"
        await fill(pilot, "schedule", "soon")
        await save_form(pilot)  # refused: no name, and the phrase is unknown
        assert "needs a name" in error_of(pilot, "name")
        assert shown().startswith("unknown")
        await fill(pilot, "name", "Chase")
        await save_form(pilot)  # refused for the phrase: its message moves under the field
        assert "every 2 weeks on fri" in error_of(pilot, "schedule")
        assert not label.display
        await fill(pilot, "schedule", "weekly on tue")
        await settle(pilot)
        assert shown().startswith("next: Tue 24 Nov 2026")
        assert not label.has_class("error")
