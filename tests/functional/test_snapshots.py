"""Snapshots of the main views on the demo business, Friday 2026-11-20 10:00 UTC.

Regenerate with `pytest tests/functional --snapshot-update` and look at the SVGs
before committing them.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Label

from cockpit.clock import FixedClock
from cockpit.domain.focus import FocusStatus
from cockpit.tui.screens.help import HelpScreen
from cockpit.tui.screens.too_small import TooSmallScreen
from cockpit.tui.screens.welcome import WelcomeScreen
from tests.functional.helpers import focus_screen, ready
from tests.functional.snapshot_support import (
    Snap,
    quiet,
    show_focus,
    start_invoice_countdown,
)
from tests.ui_support import (
    SIZE,
    AppFactory,
    Driver,
    app_of,
    app_settings,
    wait_for_screen,
    wait_until,
)


def test_today(snap_compare: Snap, make_app: AppFactory) -> None:
    async def run_before(pilot: Driver) -> None:
        await ready(pilot)
        await quiet(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_today_80x24(snap_compare: Snap, make_app: AppFactory) -> None:
    async def run_before(pilot: Driver) -> None:
        await ready(pilot)
        await quiet(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_today_light_theme(snap_compare: Snap, make_app: AppFactory) -> None:
    async def run_before(pilot: Driver) -> None:
        await ready(pilot)
        await quiet(pilot)

    app = make_app(settings=replace(app_settings(), theme="cockpit-light"))
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_focus_running(
    snap_compare: Snap, make_app: AppFactory, data_path: Path, clock: FixedClock
) -> None:
    start_invoice_countdown(data_path, clock)
    clock.advance(minutes=7)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=show_focus)


def test_focus_paused(
    snap_compare: Snap, make_app: AppFactory, data_path: Path, clock: FixedClock
) -> None:
    start_invoice_countdown(data_path, clock)
    clock.advance(minutes=5)

    async def run_before(pilot: Driver) -> None:
        await show_focus(pilot)
        await pilot.press("space")
        app = app_of(pilot)
        await wait_until(
            pilot,
            lambda: (
                app.focus_session is not None and app.focus_session.status is FocusStatus.PAUSED
            ),
        )
        clock.advance(minutes=3)  # paused: the clock still shows 15:00 left
        await quiet(pilot)
        state = focus_screen(pilot).query_one("#focus-state", Label)
        assert "paused" in str(state.content)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare: Snap, make_app: AppFactory) -> None:
    async def run_before(pilot: Driver) -> None:
        await ready(pilot)
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        await quiet(pilot)

    assert snap_compare(make_app(), terminal_size=SIZE, run_before=run_before)


def test_welcome(snap_compare: Snap, make_app: AppFactory, tmp_path: Path) -> None:
    async def run_before(pilot: Driver) -> None:
        await wait_for_screen(pilot, WelcomeScreen)
        await quiet(pilot)

    app = make_app(tmp_path / "fresh" / "cockpit.json")
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_too_small(snap_compare: Snap, make_app: AppFactory) -> None:
    async def run_before(pilot: Driver) -> None:
        await wait_for_screen(pilot, TooSmallScreen)
        await ready(pilot)
        await quiet(pilot)

    assert snap_compare(make_app(), terminal_size=(40, 12), run_before=run_before)
