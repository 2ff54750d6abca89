"""Tasks on Today, by keyboard: `a` captures one line with a preview of what it understood,
the inbox holds the tasks without a day, r/d/e give a task its role, day and estimate, and
the day's keys (x, s, z, p, f) work on a task's row as on a step's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.command import CommandList, CommandPalette
from textual.widgets import Label

from cockpit.clock import FixedClock
from cockpit.domain.tasks import Task, TaskStatus
from cockpit.services.tasks import add_task
from cockpit.tui.screens.focus import FocusScreen
from cockpit.tui.screens.focus_end import FocusEndScreen
from cockpit.tui.screens.today.capture import CaptureScreen
from cockpit.tui.screens.today.focus_kind import FocusKindScreen
from cockpit.tui.screens.today.triage import EstimateScreen, RoleChoiceScreen, TaskDayScreen
from tests.functional.helpers import option_ids, ready, shown_keys, step_list, today_screen
from tests.functional.snapshot_support import Snap, quiet
from tests.ui_support import (
    DAY,
    SIZE,
    AppFactory,
    Driver,
    app_of,
    errors,
    notes,
    open_cockpit,
    paste,
    settle,
    wait_for_screen,
    wait_until,
)


def stored_tasks(path: Path) -> list[Task]:
    with open_cockpit(path, read_only=True) as ctx:
        return ctx.store.tasks()


def add(path: Path, title: str, **fields: object) -> None:
    with open_cockpit(path) as ctx:
        add_task(ctx, title, **fields)  # type: ignore[arg-type]


async def capture(pilot: Driver, line: str) -> CaptureScreen:
    await pilot.press("a")
    dialog = await wait_for_screen(pilot, CaptureScreen)
    await paste(pilot, line)
    return dialog


def preview(dialog: CaptureScreen) -> str:
    return str(dialog.query_one("#capture-preview", Label).content)


async def test_a_captures_a_task_with_a_preview_and_shows_it_in_its_role(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        dialog = await capture(pilot, "Call the accountant about VAT today #admin 15m")
        said = preview(dialog)
        assert "“Call the accountant about VAT”" in said and "Admin" in said
        assert f"due {DAY:%a %d %b %Y}" in said and "~15 min" in said
        await pilot.press("enter")
        await wait_until(pilot, lambda: "t1" in shown_keys(pilot))
        assert step_list(pilot).current_key == "t1"  # the cursor on the new task
        ids = option_ids(pilot)
        assert ids.index("header:admin") < ids.index("tasks:admin") < ids.index("t1")
        assert errors(pilot) == []
    [task] = stored_tasks(data_path)
    assert (task.title, task.role_id, task.due, task.estimate) == (
        "Call the accountant about VAT", "admin", DAY, 15,
    )  # fmt: skip


async def test_the_preview_names_an_unknown_role_and_enter_keeps_the_dialog(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        dialog = await capture(pilot, "Call the bank #legal")
        assert "no role “legal” (roles: " in preview(dialog)
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is dialog
        await paste(pilot, "#admin")
        assert "a task needs a title" in preview(dialog)
        await pilot.press("escape")
        await wait_until(pilot, lambda: pilot.app.screen is today_screen(pilot))
    assert stored_tasks(data_path) == []


async def test_a_task_without_a_day_waits_in_the_inbox_and_is_sorted_there(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        dialog = await capture(pilot, "Buy printer ink")
        assert "to the inbox" in preview(dialog)
        await pilot.press("enter")
        await wait_until(pilot, lambda: "t1" in shown_keys(pilot))
        ids = option_ids(pilot)
        assert ids[-2:] == ["header:inbox", "t1"]
        assert today_screen(pilot).check_action("task_role", ()) is True
        await pilot.press("r")
        roles = await wait_for_screen(pilot, RoleChoiceScreen)
        await pilot.press("j", "j", "enter")  # Sales, Delivery, Admin
        await wait_until(pilot, lambda: stored_tasks(data_path)[0].role_id == "admin")
        assert pilot.app.screen is not roles
        await pilot.press("e")
        await wait_for_screen(pilot, EstimateScreen)
        await paste(pilot, "1h30")
        await pilot.press("enter")
        await wait_until(pilot, lambda: stored_tasks(data_path)[0].estimate == 90)
        await pilot.press("d")
        await wait_for_screen(pilot, TaskDayScreen)
        await paste(pilot, "today")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "tasks:admin" in option_ids(pilot))
        assert "header:inbox" not in option_ids(pilot)
    [task] = stored_tasks(data_path)
    assert (task.role_id, task.estimate, task.due, task.first_due) == ("admin", 90, DAY, DAY)


async def test_x_s_and_z_act_on_a_task_and_u_undoes(make_app: AppFactory, data_path: Path) -> None:
    for title in ("One", "Two", "Three"):
        add(data_path, title, role="admin", due=DAY)
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        step_list(pilot).select_key("t1")
        await pilot.press("x")
        await wait_until(pilot, lambda: "t1" not in shown_keys(pilot))
        step_list(pilot).select_key("t2")
        await pilot.press("s")
        await paste(pilot, "not needed")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "t2" not in shown_keys(pilot))
        step_list(pilot).select_key("t3")
        await pilot.press("z")
        await paste(pilot, "+2")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "t3" not in shown_keys(pilot))
        await pilot.press("u")  # the move undone
        await wait_until(pilot, lambda: "t3" in shown_keys(pilot))
        assert errors(pilot) == []
        assert any(note.startswith("Undone: ") for note in notes(pilot))
    status = {task.title: task.status for task in stored_tasks(data_path)}
    assert status == {"One": TaskStatus.DONE, "Two": TaskStatus.SKIPPED, "Three": TaskStatus.OPEN}
    assert stored_tasks(data_path)[1].reason == "not needed"


async def test_r_d_e_are_offered_on_a_task_only(make_app: AppFactory, data_path: Path) -> None:
    add(data_path, "One", role="admin", due=DAY)
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = today_screen(pilot)
        step_list(pilot).select_key(shown_keys(pilot)[0])  # a step
        await settle(pilot)
        assert screen.check_action("task_day", ()) is False
        await pilot.press("d")
        await settle(pilot)
        assert pilot.app.screen is screen
        step_list(pilot).select_key("t1")
        await settle(pilot)
        assert screen.check_action("task_day", ()) is True


async def test_a_task_in_the_plan_and_the_filter(make_app: AppFactory, data_path: Path) -> None:
    add(data_path, "Renew the domain", role="admin", due=DAY)
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        step_list(pilot).select_key("t1")
        await pilot.press("p")
        await wait_until(pilot, lambda: option_ids(pilot)[:2] == ["header:plan", "t1"])
        await pilot.press("slash")
        await paste(pilot, "domain")
        await wait_until(pilot, lambda: shown_keys(pilot) == ["t1"])


def test_the_inbox_and_a_roles_tasks(
    snap_compare: Snap, make_app: AppFactory, data_path: Path
) -> None:
    add(data_path, "Call the accountant about [VAT]", role="admin", due=date(2026, 11, 17),
        estimate=15)  # fmt: skip
    add(data_path, "Buy printer ink")
    add(data_path, "Ask Sam about the logo", role="marketing", estimate=10)

    async def run_before(pilot: Driver) -> None:
        await ready(pilot)
        await wait_until(pilot, lambda: "t3" in shown_keys(pilot))
        step_list(pilot).select_key("t2")
        await quiet(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


async def test_the_palette_finds_a_task(make_app: AppFactory, data_path: Path) -> None:
    add(data_path, "Renew the domain name")
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        palette = await wait_for_screen(pilot, CommandPalette)
        await pilot.press(*"domain")
        hits = palette.query_one(CommandList)
        await wait_until(pilot, lambda: hits.option_count > 0)
        await pilot.pause(0.3)
        assert "Renew the domain name" in str(hits.get_option_at_index(0).prompt)
        await pilot.press("enter")
        await wait_until(pilot, lambda: step_list(pilot).current_key == "t1")


async def test_focus_on_a_task_then_y_logs_it_and_the_task_is_done(
    make_app: AppFactory, data_path: Path, clock: FixedClock
) -> None:
    add(data_path, "Write the proposal", role="sales", due=DAY, estimate=30)
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        step_list(pilot).select_key("t1")
        await pilot.press("f")
        await wait_for_screen(pilot, FocusKindScreen)
        await pilot.press("w")  # a stopwatch
        await wait_until(pilot, lambda: app_of(pilot).focus_session is not None)
        session = app_of(pilot).focus_session
        assert session is not None and session.task_uid and session.role == "sales"
        clock.advance(minutes=25)
        await wait_for_screen(pilot, FocusScreen)
        await pilot.press("s")
        dialog = await wait_for_screen(pilot, FocusEndScreen)
        assert "y" in dialog.active_bindings
        await pilot.press("y")
        await wait_until(pilot, lambda: stored_tasks(data_path)[0].status is TaskStatus.DONE)
    assert stored_tasks(data_path)[0].minutes == 25


async def test_z_moves_a_task_from_the_inbox_to_today(
    make_app: AppFactory, data_path: Path
) -> None:
    add(data_path, "Buy printer ink", role="admin")
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        step_list(pilot).select_key("t1")
        await pilot.press("z")
        await paste(pilot, "today")
        await pilot.press("enter")
        await wait_until(pilot, lambda: "tasks:admin" in option_ids(pilot))
        assert errors(pilot) == []
    assert stored_tasks(data_path)[0].due == DAY


async def test_a_day_refused_leaves_the_cursor_on_the_task(
    make_app: AppFactory, data_path: Path
) -> None:
    add(data_path, "Buy printer ink", role="admin")
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        step_list(pilot).select_key("t1")
        await pilot.press("d")
        await wait_for_screen(pilot, TaskDayScreen)
        await paste(pilot, "2026-11-01")  # a day gone by: refused by the service
        await pilot.press("enter")
        await wait_until(pilot, lambda: bool(errors(pilot)))
        await settle(pilot)
        assert step_list(pilot).current_key == "t1"
