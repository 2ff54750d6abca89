"""Archiving from the Processes view (mode 5), by keyboard: `x` asks first, then retires a
process or archives a role; a role that still has active processes is refused."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label, Static, Tree

from cockpit.domain.model import Process, Role, Stage
from cockpit.services import library
from cockpit.tui.screens.confirm import ConfirmScreen
from cockpit.tui.screens.processes import ProcessesScreen
from tests.functional.processes.conftest import cursor_to, press_5_for_processes, reading, writing
from tests.ui_support import SIZE, AppFactory, Driver, errors, notes, settle, wait_until


def stored_process(path: Path, process_id: str) -> Process:
    with reading(path) as ctx:
        return next(p for p in ctx.store.processes() if p.id == process_id)


def stored_role(path: Path, role_id: str) -> Role:
    with reading(path) as ctx:
        return next(r for r in ctx.store.roles() if r.id == role_id)


def label_of(screen: ProcessesScreen) -> str:
    tree: Tree[object] = screen.query_one("#processes-tree", Tree)
    node = tree.cursor_node
    assert node is not None
    return str(node.label)


async def press_x(pilot: Driver, question: str, answer: str) -> None:
    """x, check the question asked, answer it."""
    await pilot.press("x")
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ConfirmScreen))
    dialog = pilot.app.screen
    assert isinstance(dialog, ConfirmScreen)
    assert str(dialog.query_one(".dialog-title", Label).content) == question
    await pilot.press(answer)
    await settle(pilot)


async def test_x_retires_a_process_only_after_yes(make_app: AppFactory, data_path: Path) -> None:
    before = stored_process(data_path, "invoice-clients")
    assert before.stage is Stage.ROUTINE
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await press_5_for_processes(pilot)
        node = ("process", "invoice-clients")
        await cursor_to(pilot, screen, node)
        await press_x(pilot, "Retire process “Invoice clients”?", "n")
        assert pilot.app.screen is screen
        assert stored_process(data_path, "invoice-clients") == before
        await press_x(pilot, "Retire process “Invoice clients”?", "y")
        done = 'Retire process: "Invoice clients" done.'
        await wait_until(pilot, lambda: done in notes(pilot, "information"))
        await wait_until(pilot, lambda: label_of(screen) == "Invoice clients [retired]")
        assert screen.current_node() == node
        info = screen.query_one("#process-info", Static)
        # a retired process makes no more runs: no next dates (they were listed)
        await wait_until(pilot, lambda: "retired: no more runs" in str(info.content))
        assert "next:" not in str(info.content)
    after = stored_process(data_path, "invoice-clients")
    assert after.stage is Stage.RETIRED and not after.active
    assert after.version == before.version + 1
    assert after.steps == before.steps


async def test_x_refuses_a_role_with_active_processes_until_they_are_retired(
    make_app: AppFactory, data_path: Path
) -> None:
    with writing(data_path) as ctx:
        role = library.save_role(ctx, name="Legal", colour="#b48ead", budget_minutes=20)
        process = library.save_process(
            ctx, name="File the accounts", role_id=role.id, system_id=None,
            schedule_text="on demand", target_minutes=None,
        )  # fmt: skip
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await press_5_for_processes(pilot)
        await cursor_to(pilot, screen, ("role", "legal"))
        await press_x(pilot, "Retire role “Legal”?", "y")
        await wait_until(pilot, lambda: bool(errors(pilot)))
        assert errors(pilot) == [
            '"Legal" still has active processes (File the accounts): '
            "retire them or give them another role first"
        ]
        assert not stored_role(data_path, "legal").archived
        assert pilot.app.screen is screen and screen.current_node() == ("role", "legal")
        # retire its one process, then the role can go
        await cursor_to(pilot, screen, ("process", process.id))
        await press_x(pilot, "Retire process “File the accounts”?", "y")
        await wait_until(pilot, lambda: label_of(screen) == "File the accounts [retired]")
        await cursor_to(pilot, screen, ("role", "legal"))
        await press_x(pilot, "Retire role “Legal”?", "y")
        await wait_until(pilot, lambda: label_of(screen) == "Legal (retired)")
        assert 'Retire role: "Legal" done.' in notes(pilot, "information")
        assert screen.current_node() == ("role", "legal")
        # an archived role is no longer a choice of the role filter
        assert screen.data is not None
        choices = set()
        for _ in screen.data.roles:  # as many presses as roles: every choice comes round
            await pilot.press("r")
            choices.add(screen.role_filter)
        assert choices == {None, "sales", "delivery", "admin", "marketing"}
    assert stored_role(data_path, "legal").archived
    assert stored_process(data_path, process.id).stage is Stage.RETIRED
    with reading(data_path) as ctx:  # the other roles are untouched
        assert [r.id for r in ctx.store.roles() if r.archived] == ["legal"]
