"""Snapshots of the dialogs of the Processes view (mode 5) on the demo business, Friday
2026-11-20 10:00 UTC, each opened by its key as a user opens it: the process form (new, at
120x40 and 80x24; an unknown schedule refused; an edit previewing a retyped schedule), the
step form, the role form, the system form, the archive question and the SOP export folder.

Regenerate with `pytest tests/functional/processes/test_form_snapshots.py --snapshot-update` and
look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from textual.screen import Screen
from textual.widgets import Input, Label

from cockpit.tui.screens.confirm import ConfirmScreen
from cockpit.tui.screens.path_prompt import PathScreen
from cockpit.tui.screens.process_form import ProcessFormScreen
from cockpit.tui.screens.processes_tree import Node
from cockpit.tui.screens.role_form import RoleFormScreen
from cockpit.tui.screens.step_form import StepFormScreen
from cockpit.tui.screens.system_form import SystemFormScreen
from tests.functional.processes.conftest import cursor_to, press_5_for_processes
from tests.functional.processes.test_processes_view import error_of, fill, save_form, tab_to
from tests.ui_support import (
    SIZE,
    AppFactory,
    Driver,
    quiet_status,
    settle,
    wait_for_screen,
    wait_until,
)

Snap = Callable[..., bool]
Before = Callable[[Driver], Awaitable[None]]
S = TypeVar("S", bound=Screen[Any])

SMALL = (80, 24)
SALES: Node = ("role", "sales")
FINANCE: Node = ("system", "financial-management")
INVOICE: Node = ("process", "invoice-clients")


async def open_dialog(pilot: Driver, node: Node, keys: tuple[str, ...], kind: type[S]) -> S:
    """Mode 5, the cursor on the node, the keys pressed: the dialog they open, on top."""
    screen = await press_5_for_processes(pilot)
    await cursor_to(pilot, screen, node)
    quiet_status(pilot)  # the bar of the view behind the dialog
    await pilot.press(*keys)
    return await wait_for_screen(pilot, kind)


async def on_top(pilot: Driver, dialog: Screen[Any]) -> None:
    """Let the last key be handled, then check the dialog is still the active screen."""
    await settle(pilot)
    assert pilot.app.screen is dialog


def preview_of(dialog: ProcessFormScreen) -> Label:
    return dialog.query_one("#schedule-preview", Label)


def new_process_form() -> Before:
    """`n` on the Sales role: an empty process form for that role, with the schedule hint."""

    async def run_before(pilot: Driver) -> None:
        form = await open_dialog(pilot, SALES, ("n",), ProcessFormScreen)
        assert form.process is None and form.TITLE_TEXT == "New process"
        assert form.selected("role") == "sales"
        assert form.value("schedule") == ""
        hint = preview_of(form)
        assert hint.display and str(hint.content) == "type when it recurs, e.g. weekly on fri"
        await on_top(pilot, form)

    return run_before


def test_new_process_form(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=SIZE, run_before=new_process_form())


def test_new_process_form_80x24(snap_compare: Snap, make_app: AppFactory) -> None:
    assert snap_compare(make_app(), terminal_size=SMALL, run_before=new_process_form())


def test_process_form_unknown_schedule_error(snap_compare: Snap, make_app: AppFactory) -> None:
    async def run_before(pilot: Driver) -> None:
        form = await open_dialog(pilot, SALES, ("n",), ProcessFormScreen)
        await pilot.press(*"Chase overdue invoices")
        await fill(pilot, "schedule", "soon")
        await save_form(pilot)
        await wait_until(pilot, lambda: error_of(pilot, "schedule") != "")
        error = error_of(pilot, "schedule")
        assert error.startswith("unknown") and "every 2 weeks on fri" in error
        assert error_of(pilot, "name") == ""
        assert preview_of(form).has_class("error")
        await on_top(pilot, form)
        assert pilot.app.focused is form.query_one("#schedule", Input)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_edit_process_form_schedule_preview(snap_compare: Snap, make_app: AppFactory) -> None:
    async def run_before(pilot: Driver) -> None:
        form = await open_dialog(pilot, INVOICE, ("e",), ProcessFormScreen)
        assert form.TITLE_TEXT == "Edit process “Invoice clients”"
        await fill(pilot, "schedule", "weekly on tue")
        preview = preview_of(form)
        await wait_until(pilot, lambda: str(preview.content).startswith("next: Tue 24 Nov 2026"))
        assert not preview.has_class("error")
        await on_top(pilot, form)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_edit_step_form(snap_compare: Snap, make_app: AppFactory) -> None:
    async def run_before(pilot: Driver) -> None:
        screen = await press_5_for_processes(pilot)
        await cursor_to(pilot, screen, INVOICE)
        quiet_status(pilot)
        await tab_to(pilot, "process-steps")
        await pilot.press("home", "down", "down", "enter")  # the third step
        form = await wait_for_screen(pilot, StepFormScreen)
        assert form.step is not None and form.step.title == "Create invoices in QuickBooks"
        assert form.TITLE_TEXT == "Edit step “Create invoices in QuickBooks” of “Invoice clients”"
        assert form.value("instructions").startswith("1. QuickBooks > **+ New > Invoice**")
        await on_top(pilot, form)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_edit_role_form(snap_compare: Snap, make_app: AppFactory) -> None:
    async def run_before(pilot: Driver) -> None:
        form = await open_dialog(pilot, SALES, ("e",), RoleFormScreen)
        assert form.TITLE_TEXT == "Edit role “Sales”"
        assert (form.value("colour"), form.value("budget")) == ("#d08770", "90")
        await on_top(pilot, form)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_edit_system_form(snap_compare: Snap, make_app: AppFactory) -> None:
    async def run_before(pilot: Driver) -> None:
        form = await open_dialog(pilot, FINANCE, ("e",), SystemFormScreen)
        assert form.TITLE_TEXT == "Edit system “Financial management”"
        assert form.value("kpis").startswith("Days sales outstanding, days, 30, down")
        await on_top(pilot, form)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_confirm_retire_process(snap_compare: Snap, make_app: AppFactory) -> None:
    async def run_before(pilot: Driver) -> None:
        dialog = await open_dialog(pilot, INVOICE, ("x",), ConfirmScreen)
        assert dialog.question == "Retire process “Invoice clients”?"
        await on_top(pilot, dialog)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_sop_export_path_prompt(snap_compare: Snap, make_app: AppFactory) -> None:
    async def run_before(pilot: Driver) -> None:
        dialog = await open_dialog(pilot, INVOICE, ("o",), PathScreen)
        assert dialog.title_text == "Export “Invoice clients” as an SOP to the folder"
        assert dialog.query_one("#path", Input).value == "~/cockpit-sops"
        await on_top(pilot, dialog)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)
