"""Snapshots of the dialogs of Today and Focus, opened by their keys on the demo business,
Friday 2026-11-20 10:00 UTC.

The screen under a dialog is quieted (its clocks redrawn, its Markdown loaded) before the
key that opens the dialog, so no snapshot depends on a timer tick. Regenerate with
`pytest tests/functional/test_dialog_snapshots.py --snapshot-update` and look at the SVGs
before committing them.
"""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label, Markdown, OptionList

from cockpit.clock import FixedClock
from cockpit.tui.screens.focus_end import FocusEndScreen
from cockpit.tui.screens.snooze import SnoozeScreen
from cockpit.tui.screens.step_detail import StepDetailScreen
from cockpit.tui.screens.today.focus_kind import FocusKindScreen
from cockpit.tui.screens.today.process_picker import ProcessPickerScreen
from cockpit.tui.screens.today.skip import SkipScreen
from tests.functional.helpers import focus_screen, ready, step_list, today_screen
from tests.functional.snapshot_support import (
    INVOICE,
    Snap,
    markdown_shown,
    quiet,
    show_focus,
    start_invoice_countdown,
)
from tests.ui_support import SIZE, AppFactory, Driver, S, wait_for_screen, wait_until

SMALL = (80, 24)
FIRST = "323.1"  # Delivery: Hourly work logging › Review today's Toggl timeline (4 min)
CLIENT_MATCHES = [  # the processes "client" finds, best first
    "Client offboarding",
    "Backup client sites",
    "Client check-ins",
    "Invoice clients",
    "Weekly client update",
]


def side_pane_loaded(pilot: Driver) -> bool:
    """The Today side pane shows the highlighted step's instructions."""
    viewers = list(today_screen(pilot).query("#side-instructions").results(Markdown))
    return bool(viewers) and all(viewer.source for viewer in viewers)


async def today(pilot: Driver) -> None:
    """Wait for the Today plan and its side pane, then quiet the screen."""
    await ready(pilot)
    await wait_until(pilot, lambda: side_pane_loaded(pilot))
    await quiet(pilot)


async def move_to(pilot: Driver, key: str) -> None:
    """Press j until the step list highlights the step `key`, as a user would."""
    steps = step_list(pilot)
    for _ in range(steps.option_count):
        if steps.current_key == key:
            break
        await pilot.press("j")
    assert steps.current_key == key
    await today(pilot)  # the side pane now shows that step


async def open_dialog(pilot: Driver, key: str, kind: type[S]) -> S:
    """Press the key that opens the dialog; it must be the screen on top once all settled."""
    await pilot.press(key)
    dialog = await wait_for_screen(pilot, kind)
    await quiet(pilot)
    assert pilot.app.screen is dialog
    return dialog


# -- Today ---------------------------------------------------------------------------------


def test_step_detail(snap_compare: Snap, make_app: AppFactory) -> None:
    async def run_before(pilot: Driver) -> None:
        await today(pilot)
        await move_to(pilot, INVOICE)
        detail = await open_dialog(pilot, "enter", StepDetailScreen)
        assert detail.due.id == INVOICE
        history = detail.query_one("#detail-history", Label)
        viewer = detail.query_one("#detail-md", Markdown)
        await wait_until(pilot, lambda: "loading" not in str(history.content))
        await markdown_shown(viewer)
        await quiet(pilot)
        assert pilot.app.screen is detail

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_skip(snap_compare: Snap, make_app: AppFactory) -> None:
    async def run_before(pilot: Driver) -> None:
        await today(pilot)
        dialog = await open_dialog(pilot, "s", SkipScreen)
        assert dialog.key == FIRST

    assert snap_compare(make_app(), terminal_size=SMALL, run_before=run_before)


def test_snooze(snap_compare: Snap, make_app: AppFactory) -> None:
    async def run_before(pilot: Driver) -> None:
        await today(pilot)
        dialog = await open_dialog(pilot, "z", SnoozeScreen)
        assert dialog.key == FIRST

    assert snap_compare(make_app(), terminal_size=SMALL, run_before=run_before)


def test_focus_kind(snap_compare: Snap, make_app: AppFactory) -> None:
    async def run_before(pilot: Driver) -> None:
        await today(pilot)
        await move_to(pilot, INVOICE)
        dialog = await open_dialog(pilot, "f", FocusKindScreen)
        assert dialog.title_text == "Create invoices in QuickBooks"

    assert snap_compare(make_app(), terminal_size=SMALL, run_before=run_before)


def test_process_picker_filtered(snap_compare: Snap, make_app: AppFactory) -> None:
    async def run_before(pilot: Driver) -> None:
        await today(pilot)
        picker = await open_dialog(pilot, "n", ProcessPickerScreen)
        matches = picker.query_one("#matches", OptionList)
        await wait_until(pilot, lambda: matches.option_count > 5)
        everything = matches.option_count
        await pilot.press(*"client")
        await wait_until(pilot, lambda: 0 < matches.option_count < everything)
        await quiet(pilot)
        assert pilot.app.screen is picker
        assert picker.query_one("#query", Input).value == "client"
        names = {process.id: process.name for process in picker.processes}
        shown = [names[option.id or ""] for option in matches.options]
        assert shown == CLIENT_MATCHES
        assert matches.highlighted == 0

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


# -- Focus ---------------------------------------------------------------------------------


def test_focus_end(
    snap_compare: Snap, make_app: AppFactory, data_path: Path, clock: FixedClock
) -> None:
    start_invoice_countdown(data_path, clock)
    clock.advance(minutes=7)

    async def run_before(pilot: Driver) -> None:
        await show_focus(pilot)
        viewer = focus_screen(pilot).query_one("#focus-instructions", Markdown)
        await markdown_shown(viewer)
        await quiet(pilot)
        dialog = await open_dialog(pilot, "s", FocusEndScreen)
        assert not dialog.time_up
        texts = [str(label.content) for label in dialog.query(Label)]
        assert texts == ["Stop the session?", "7 minutes of focused work."]

    assert snap_compare(make_app(), terminal_size=SMALL, run_before=run_before)
