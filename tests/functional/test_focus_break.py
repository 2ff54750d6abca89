"""The pomodoro break: earned by a full pomodoro only, stored with it (a restart keeps it),
shown on the Focus view and the status bar, skipped with space or s."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import pytest
from textual.widgets import ProgressBar

from cockpit.clock import FixedClock
from cockpit.domain.focus import FocusKind, FocusStatus
from cockpit.tui.app import CockpitApp
from cockpit.tui.screens.focus import FocusScreen
from cockpit.tui.widgets.status_bar import StatusBar
from tests.functional.helpers import focus_screen, ready
from tests.functional.test_focus import (
    digits,
    label,
    show_focus,
    status_is,
    stop,
    store_session,
    stored_session,
)
from tests.ui_support import (
    SIZE,
    AppFactory,
    Driver,
    app_of,
    notes,
    settle,
    switch_mode,
    wait_for_screen,
    wait_until,
)


@pytest.fixture
def bells(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    rung: list[int] = []
    monkeypatch.setattr(CockpitApp, "bell", lambda self: rung.append(1))
    return rung


async def log_a_full_pomodoro(pilot: Driver, clock: FixedClock) -> None:
    """Let the stored pomodoro run its whole length; the app asks; l logs it."""
    from cockpit.tui.screens.focus_end import FocusEndScreen

    clock.advance(minutes=25)
    app_of(pilot)._tick()  # time is up: the app asks what to do
    await wait_for_screen(pilot, FocusEndScreen)
    await pilot.press("l")


def status_text(pilot: Driver) -> str:
    return str(focus_screen(pilot).query_one(StatusBar).bar_text())


async def test_a_full_pomodoro_earns_a_break_shown_and_stored(
    make_app: AppFactory, clock: FixedClock, data_path: Path
) -> None:
    session = store_session(data_path, time(10, 0), kind=FocusKind.POMODORO)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await show_focus(pilot)
        await log_a_full_pomodoro(pilot, clock)
        await wait_until(pilot, lambda: status_is(data_path, session, FocusStatus.LOGGED))
        await wait_until(pilot, lambda: "Take a 5-minute break." in notes(pilot))
        stored = stored_session(data_path, session.id)
        assert stored.ended_at is not None
        assert stored.break_ends == stored.ended_at + timedelta(minutes=5)
        clock.advance(minutes=2)
        screen.tick()
        assert label(pilot, "#focus-title") == "Break"
        assert digits(pilot) == "03:00"
        bar = screen.query_one("#progress", ProgressBar)
        assert bar.percentage is not None and 0.35 < bar.percentage < 0.45
        assert "break 03:00" in status_text(pilot)


async def test_a_break_survives_a_restart_and_space_skips_it(
    make_app: AppFactory, clock: FixedClock, data_path: Path
) -> None:
    session = store_session(data_path, time(10, 0), kind=FocusKind.POMODORO)
    async with make_app().run_test(size=SIZE) as pilot:
        await show_focus(pilot)
        await log_a_full_pomodoro(pilot, clock)
        await wait_until(
            pilot, lambda: stored_session(data_path, session.id).break_ends is not None
        )
    clock.advance(minutes=1)
    async with make_app().run_test(size=SIZE) as pilot:  # a restart, a minute into the break
        await ready(pilot)
        screen = await switch_mode(pilot, "2", FocusScreen, lambda _: True)
        await wait_until(pilot, lambda: app_of(pilot).focus_break is not None)
        screen.tick()
        assert label(pilot, "#focus-title") == "Break" and digits(pilot) == "04:00"
        await pilot.press("space")
        await wait_until(pilot, lambda: "Break skipped." in notes(pilot))
        screen.tick()
        assert label(pilot, "#focus-title") == "No focus session"
        assert digits(pilot) == "--:--"
    assert stored_session(data_path, session.id).break_ends == clock.now()


async def test_s_skips_a_break_too(
    make_app: AppFactory, clock: FixedClock, data_path: Path
) -> None:
    store_session(data_path, time(10, 0), kind=FocusKind.POMODORO)
    async with make_app().run_test(size=SIZE) as pilot:
        await show_focus(pilot)
        await log_a_full_pomodoro(pilot, clock)
        await wait_until(pilot, lambda: app_of(pilot).focus_break is not None)
        await settle(pilot)
        offered = focus_screen(pilot).active_bindings
        assert "space" in offered and "s" in offered  # they skip the break
        said = {offered[key].binding.description for key in ("space", "s")}
        assert said == {"Skip break"}, said  # not "Pause/resume" and "Stop": no session runs
        assert "x" not in offered and "plus" not in offered  # no session: nothing to do
        await pilot.press("s")
        await wait_until(pilot, lambda: "Break skipped." in notes(pilot))
        assert app_of(pilot).focus_break is None
        await settle(pilot)
        assert "s" not in focus_screen(pilot).active_bindings


async def test_a_pomodoro_stopped_early_earns_no_break(
    make_app: AppFactory, clock: FixedClock, data_path: Path
) -> None:
    session = store_session(data_path, time(10, 0), kind=FocusKind.POMODORO)
    async with make_app().run_test(size=SIZE) as pilot:
        await show_focus(pilot)
        clock.advance(seconds=16)
        await stop(pilot)
        await pilot.press("l")
        await wait_until(pilot, lambda: status_is(data_path, session, FocusStatus.LOGGED))
        await pilot.pause()
        assert not any("break" in note for note in notes(pilot))
        assert app_of(pilot).focus_break is None
    assert stored_session(data_path, session.id).break_ends is None


async def test_the_break_rings_when_over(
    make_app: AppFactory, clock: FixedClock, data_path: Path, bells: list[int]
) -> None:
    store_session(data_path, time(10, 0), kind=FocusKind.POMODORO)
    async with make_app().run_test(size=SIZE) as pilot:
        await show_focus(pilot)
        app = app_of(pilot)
        await log_a_full_pomodoro(pilot, clock)
        await wait_until(pilot, lambda: app.focus_break is not None)
        rung = len(bells)
        clock.advance(minutes=5)
        app._tick()
        assert len(bells) == rung + 1 and app.focus_break is None
        assert "The break is over." in notes(pilot)


async def test_overtime_reads_the_same_in_the_status_bar_and_the_clock(
    make_app: AppFactory, clock: FixedClock, data_path: Path
) -> None:
    store_session(data_path, time(10, 0))  # a 20-minute countdown
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await show_focus(pilot)
        clock.advance(minutes=20, seconds=14)
        screen.tick()
        assert digits(pilot) == "+00:14"
        assert "⏱ +00:14" in status_text(pilot)
