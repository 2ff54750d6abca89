"""Undo (`u`) and redo (`U`, ctrl+r) of changes made in the app, pressed as the owner would,
each checked in the data file and on screen: steps on Today, the day's plan, steps, names,
roles and archiving in Processes, a week marked reviewed; a new change ends what could be
redone. (Beside another device: test_undo_sync.py.)"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import App
from textual.widgets import OptionList

from cockpit.domain.model import Stage
from cockpit.domain.occurrence import StepStatus
from cockpit.services.undo import UndoEntry
from cockpit.tui import undo_keys
from cockpit.tui.screens.confirm import ConfirmScreen
from cockpit.tui.screens.process_form import ProcessFormScreen
from cockpit.tui.screens.processes import ProcessesScreen
from cockpit.tui.screens.role_form import RoleFormScreen
from cockpit.tui.screens.today import TodayScreen
from tests.functional.helpers import reading, ready, shown_keys, step_list, stored_step
from tests.functional.processes.conftest import cursor_to, press_5_for_processes
from tests.functional.processes.test_processes_archive import label_of
from tests.functional.processes.test_processes_view import fill, save_form, tab_to
from tests.functional.review.conftest import open_review
from tests.functional.review.test_review_view import header, stored_review
from tests.functional.test_key_crashes import at_once
from tests.ui_support import (
    DAY,
    SIZE,
    WEEK,
    AppFactory,
    Driver,
    errors,
    notes,
    settle,
    wait_for_screen,
    wait_until,
)

STEP = "324.2"  # Admin: Inbox zero, its second step
OTHER = "324.3"
INVOICE = "invoice-clients"


async def highlight(pilot: Driver, key: str) -> None:
    step_list(pilot).select_key(key)
    await pilot.pause()
    assert step_list(pilot).current_key == key


def noted(pilot: Driver, start: str) -> bool:
    return any(note.startswith(start) for note in notes(pilot))


def plan_of(path: Path, day: date) -> list[str]:
    with reading(path) as store:
        return store.plan(day)


def step_titles(path: Path, process_id: str) -> list[str]:
    with reading(path) as store:
        process = next(p for p in store.processes() if p.id == process_id)
    return [step.title for step in process.steps]


def stored_process_name(path: Path, process_id: str) -> tuple[str, Stage]:
    with reading(path) as store:
        process = next(p for p in store.processes() if p.id == process_id)
    return process.name, process.stage


async def test_u_undoes_a_step_done_and_shift_u_and_ctrl_r_redo_it(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await highlight(pilot, STEP)
        await pilot.press("x")
        await wait_until(pilot, lambda: STEP not in shown_keys(pilot))
        await pilot.press("u")
        await wait_until(pilot, lambda: STEP in shown_keys(pilot))
        assert stored_step(data_path, STEP).is_open
        assert noted(pilot, f"Undone: done: {STEP}")
        assert step_list(pilot).current_key == STEP  # the cursor on the step brought back
        await pilot.press("U")
        await wait_until(pilot, lambda: STEP not in shown_keys(pilot))
        assert stored_step(data_path, STEP).status is StepStatus.DONE
        assert noted(pilot, f"Redone: done: {STEP}")
        await pilot.press("u")
        await wait_until(pilot, lambda: STEP in shown_keys(pilot))
        await pilot.press("ctrl+r")
        await wait_until(pilot, lambda: STEP not in shown_keys(pilot))
        assert stored_step(data_path, STEP).status is StepStatus.DONE
        await pilot.press("U")
        await wait_until(pilot, lambda: "Nothing to redo." in notes(pilot))
        assert errors(pilot) == []


async def test_nothing_to_undo_is_said(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("u")
        await wait_until(pilot, lambda: "Nothing to undo." in notes(pilot))


async def test_u_takes_a_step_out_of_the_plan_again(make_app: AppFactory, data_path: Path) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await highlight(pilot, STEP)
        await pilot.press("p")
        await wait_until(pilot, lambda: plan_of(data_path, DAY) == [STEP])
        await pilot.press("u")
        await wait_until(pilot, lambda: noted(pilot, "Undone: the plan of Fri 20 Nov"))
        assert plan_of(data_path, DAY) == []
        await pilot.press("U")
        await wait_until(pilot, lambda: plan_of(data_path, DAY) == [STEP])


async def test_a_new_change_ends_what_could_be_redone(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await highlight(pilot, STEP)
        await pilot.press("x")
        await wait_until(pilot, lambda: STEP not in shown_keys(pilot))
        await pilot.press("u")
        await wait_until(pilot, lambda: noted(pilot, "Undone: "))
        await highlight(pilot, OTHER)
        await pilot.press("x")
        await wait_until(pilot, lambda: OTHER not in shown_keys(pilot))
        await pilot.press("U")
        await wait_until(pilot, lambda: "Nothing to redo." in notes(pilot))
        assert stored_step(data_path, STEP).is_open


async def test_a_step_deleted_in_processes_comes_back(
    make_app: AppFactory, data_path: Path
) -> None:
    titles = step_titles(data_path, INVOICE)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await press_5_for_processes(pilot)
        await cursor_to(pilot, screen, ("process", INVOICE))
        steps = screen.query_one("#process-steps", OptionList)
        await wait_until(pilot, lambda: steps.option_count == len(titles))
        await tab_to(pilot, "process-steps")
        await pilot.press("home", "d")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_until(pilot, lambda: len(step_titles(data_path, INVOICE)) == len(titles) - 1)
        await pilot.press("u")
        await wait_until(pilot, lambda: step_titles(data_path, INVOICE) == titles)
        assert noted(pilot, f'Undone: step "{titles[0]}" deleted from process "Invoice clients"')
        await wait_until(pilot, lambda: steps.option_count == len(titles))  # shown again
        assert errors(pilot) == []


async def test_a_rename_through_the_form_is_undone(make_app: AppFactory, data_path: Path) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await press_5_for_processes(pilot)
        await cursor_to(pilot, screen, ("process", INVOICE))
        await pilot.press("e")
        await wait_for_screen(pilot, ProcessFormScreen)
        await fill(pilot, "name", "Bill clients")
        await save_form(pilot)
        await wait_until(
            pilot, lambda: stored_process_name(data_path, INVOICE)[0] == "Bill clients"
        )
        await wait_until(pilot, lambda: pilot.app.screen is screen)
        await pilot.press("u")
        await wait_until(
            pilot, lambda: stored_process_name(data_path, INVOICE)[0] == "Invoice clients"
        )
        await wait_until(
            pilot, lambda: label_of(screen).startswith("Invoice clients")
        )  # shown again
        assert noted(pilot, 'Undone: process "Invoice clients" renamed "Bill clients"')


async def test_archiving_a_process_is_undone(make_app: AppFactory, data_path: Path) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await press_5_for_processes(pilot)
        await cursor_to(pilot, screen, ("process", INVOICE))
        await pilot.press("x")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_until(pilot, lambda: stored_process_name(data_path, INVOICE)[1] is Stage.RETIRED)
        await settle(pilot)
        await pilot.press("u")
        await wait_until(pilot, lambda: stored_process_name(data_path, INVOICE)[1] is Stage.ROUTINE)
        assert errors(pilot) == []


def role_names(path: Path) -> list[str]:
    with reading(path) as store:
        return [role.name for role in store.roles()]


async def test_a_role_made_through_the_form_is_undone(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await press_5_for_processes(pilot)
        await pilot.press("R")
        await wait_for_screen(pilot, RoleFormScreen)
        await pilot.press(*"Legal")
        await save_form(pilot)
        await wait_until(pilot, lambda: "Legal" in role_names(data_path))
        await wait_until(pilot, lambda: pilot.app.screen is screen)
        await pilot.press("u")
        await wait_until(pilot, lambda: "Legal" not in role_names(data_path))
        assert noted(pilot, 'Undone: role "Legal" added')


async def test_a_plan_move_is_undone(make_app: AppFactory, data_path: Path) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        for planned in ([STEP], [STEP, OTHER]):
            await highlight(pilot, planned[-1])
            await pilot.press("p")
            await wait_until(pilot, lambda: plan_of(data_path, DAY) == planned)  # noqa: B023
        await highlight(pilot, OTHER)
        await pilot.press("K")
        await wait_until(pilot, lambda: plan_of(data_path, DAY) == [OTHER, STEP])
        await pilot.press("u")
        await wait_until(pilot, lambda: plan_of(data_path, DAY) == [STEP, OTHER])
        await at_once(pilot, "u", "u")  # in one read: one after the other, never side by side
        await wait_until(pilot, lambda: plan_of(data_path, DAY) == [])
        assert errors(pilot) == []


async def test_a_week_marked_reviewed_is_undone_and_redone(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        await pilot.press("m")
        await wait_until(pilot, lambda: "reviewed ✓" in header(screen))
        await pilot.press("u")
        await wait_until(pilot, lambda: "reviewed ✓" not in header(screen))  # shown again
        assert stored_review(data_path).reviewed_at is None
        assert noted(pilot, f"Undone: the review of {WEEK} changed")
        await pilot.press("U")
        await wait_until(pilot, lambda: "reviewed ✓" in header(screen))
        assert stored_review(data_path).reviewed_at is not None


def test_the_last_fifty_changes_are_kept_and_a_new_one_ends_the_redo() -> None:
    app = App[None]()
    entries = [UndoEntry(f"change {n}", ()) for n in range(60)]
    for entry in entries[:59]:
        undo_keys.remember(app, entry)
    kept = undo_keys.stacks(app)
    kept.redo.append(entries[0])
    undo_keys.remember(app, entries[59])
    assert kept.undo == entries[10:] and len(kept.undo) == undo_keys.LIMIT
    assert kept.redo == []


async def test_u_pressed_while_the_change_is_being_written_undoes_that_change(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await highlight(pilot, STEP)
        await at_once(pilot, "p", "x", "u", "u")  # in one read: the undos wait for the writes
        await wait_until(pilot, lambda: len([n for n in notes(pilot) if "Undone" in n]) == 2)
        assert stored_step(data_path, STEP).is_open
        assert plan_of(data_path, DAY) == []
        assert errors(pilot) == []  # neither undo was refused nor said "nothing to undo"
        assert "Nothing to undo." not in notes(pilot)


async def test_a_change_undone_in_another_view_shows_in_the_view_it_was_made_in(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await press_5_for_processes(pilot)
        await cursor_to(pilot, screen, ("process", INVOICE))
        await pilot.press("x")
        await wait_for_screen(pilot, ConfirmScreen)
        await pilot.press("y")
        await wait_until(pilot, lambda: "retired" in label_of(screen))
        await pilot.press("1")
        await wait_for_screen(pilot, TodayScreen)
        await pilot.press("u")
        await wait_until(pilot, lambda: stored_process_name(data_path, INVOICE)[1] is Stage.ROUTINE)
        await pilot.press("5")
        await wait_for_screen(pilot, ProcessesScreen)
        await wait_until(pilot, lambda: "retired" not in label_of(screen))
