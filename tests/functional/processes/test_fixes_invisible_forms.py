"""The forms refuse an invisible character in a name by its field, naming it as U+XXXX, as
they refuse a control character; nothing is saved and the form stays open."""

from __future__ import annotations

from pathlib import Path

from cockpit.tui.screens.form import FormScreen
from cockpit.tui.screens.process_form import ProcessFormScreen
from cockpit.tui.screens.step_form import StepFormScreen
from tests.functional.processes.conftest import open_processes
from tests.functional.processes.test_processes_view import (
    error_of,
    fill,
    new_process,
    processes_in,
    save_form,
)
from tests.ui_support import SIZE, AppFactory, open_cockpit, wait_until


def roles_in(path: Path) -> list[str]:
    with open_cockpit(path, read_only=True) as ctx:
        return [role.name for role in ctx.store.roles()]


async def test_the_role_and_process_forms_refuse_invisible_characters(
    make_app: AppFactory, data_path: Path
) -> None:
    before, roles = processes_in(data_path), roles_in(data_path)
    async with make_app().run_test(size=SIZE) as pilot:
        await open_processes(pilot)
        await pilot.press("R")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FormScreen))
        await fill(pilot, "name", "Fin\u200bance")
        await save_form(pilot)
        assert "(U+200B)" in error_of(pilot, "name"), error_of(pilot, "name")
        assert "role name holds an invisible character" in error_of(pilot, "name")
        await pilot.press("escape")
        await new_process(pilot, "Chase\ufeff invoices", "daily")
        assert isinstance(pilot.app.screen, ProcessFormScreen)
        assert "(U+FEFF)" in error_of(pilot, "name"), error_of(pilot, "name")
        await fill(pilot, "name", "Chase\u2060 invoices")
        await save_form(pilot)
        assert "(U+2060)" in error_of(pilot, "name"), error_of(pilot, "name")
        await pilot.press("escape")
        assert pilot.app.is_running
    assert processes_in(data_path) == before
    assert roles_in(data_path) == roles


async def test_the_step_form_refuses_an_invisible_character_in_a_title(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_processes(pilot)
        await new_process(pilot, "Chase", "daily")
        await wait_until(pilot, lambda: screen.current_process() is not None)
        before = processes_in(data_path)
        await pilot.press("a")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, StepFormScreen))
        await fill(pilot, "title", "Che\u200dck")
        await save_form(pilot)
        assert "(U+200D)" in error_of(pilot, "title"), error_of(pilot, "title")
        await pilot.press("escape")
    assert processes_in(data_path) == before
