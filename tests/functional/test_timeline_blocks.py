"""A role block starts: one notification naming the role and its steps, and F on the timeline
starts the role's pomodoro (demo business, Friday 2026-11-20, UTC)."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from cockpit.clock import FixedClock
from cockpit.domain.focus import FocusKind
from cockpit.domain.model import Role, TimeBlock
from cockpit.tui import block_watch
from cockpit.tui.block_watch import check_block_start
from cockpit.tui.screens.focus import FocusScreen
from cockpit.tui.screens.timeline import TimelineScreen
from tests.functional.helpers import ready
from tests.functional.test_timeline import FIRST_DELIVERY, show_timeline, view
from tests.ui_support import DAY, SIZE, AppFactory, app_of, errors, notes, wait_until

DELIVERY = (
    "Delivery 10:45-12:15 starts: 6 steps (Review today's Toggl timeline, Fill the gaps from "
    "the calendar, …)."
)


def at(hour: int, minute: int, second: int = 0, day: date = DAY, tz: str = "UTC") -> datetime:
    return datetime.combine(day, time(hour, minute, second), ZoneInfo(tz))


def told(pilot: object) -> list[str]:
    return [note for note in notes(pilot) if " starts: " in note]  # type: ignore[arg-type]


async def test_a_block_start_is_told_once_with_its_steps(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        app = app_of(pilot)
        for second in range(0, 60, 20):  # the tick, every second of 10:44
            check_block_start(app, at(10, 44, second))
        await pilot.pause()
        assert told(pilot) == []
        check_block_start(app, at(10, 45))
        await wait_until(pilot, lambda: bool(told(pilot)))
        assert told(pilot) == [f"{DELIVERY} v, then F, starts a Delivery focus session."]
        for moment in (at(10, 45, 30), at(10, 46), at(11, 30)):
            check_block_start(app, moment)
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert len(told(pilot)) == 1
        assert not errors(pilot)


async def test_a_block_already_running_at_the_first_look_is_not_told(
    make_app: AppFactory,
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        app = app_of(pilot)
        check_block_start(app, at(11, 0))  # Delivery started 15 minutes ago
        check_block_start(app, at(11, 1))
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert told(pilot) == []


async def test_after_a_sleep_only_the_block_still_running_is_told(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        app = app_of(pilot)
        check_block_start(app, at(8, 0))
        check_block_start(app, at(11, 0))  # Admin 08:30 and Sales 09:00 are over by now
        await wait_until(pilot, lambda: bool(told(pilot)))
        await app.workers.wait_for_complete()
        assert [note.split(" starts")[0] for note in told(pilot)] == ["Delivery 10:45-12:15"]


async def test_on_the_timeline_the_cursor_goes_to_the_block_and_f_starts_its_role(
    make_app: AppFactory,
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await show_timeline(pilot)
        app = app_of(pilot)
        assert view(screen).cursor != FIRST_DELIVERY
        check_block_start(app, at(10, 44, 59))
        check_block_start(app, at(10, 45))
        await wait_until(pilot, lambda: view(screen).cursor == FIRST_DELIVERY)
        assert told(pilot) == [f"{DELIVERY} F starts a Delivery focus session."]
        await pilot.press("F")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FocusScreen))
        session = app.focus_session
        assert session is not None and session.active
        assert session.role == "delivery" and session.kind is FocusKind.POMODORO
        assert session.step_id is None
        assert not errors(pilot)


async def test_a_day_of_a_dst_change_tells_each_block_once(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sunday 25 October 2026 in Berlin: 02:00-03:00 comes twice; a block at 02:15 is told once.
    Sunday 29 March: 02:00-03:00 never comes; the block at 01:30 starts all the same."""
    fall, spring = date(2026, 10, 25), date(2026, 3, 29)
    night = Role(
        id="night",
        name="Night",
        blocks={"sun": (TimeBlock.parse("01:30-02:00"), TimeBlock.parse("02:15-02:45"))},
    )
    seen: list[tuple[date, str, int]] = []
    monkeypatch.setattr(block_watch, "_announce", lambda app, *key: seen.append(key))
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        app = app_of(pilot)
        app.clock.tz = "Europe/Berlin"
        app.roles = [night]
        utc = ZoneInfo("UTC")
        for hour, minute in [(23, 0), (23, 30), (0, 14), (0, 15), (1, 14), (1, 15), (1, 30)]:
            moment = datetime(2026, 10, 24 if hour == 23 else 25, hour, minute, tzinfo=utc)
            check_block_start(app, moment)  # 01:00, 01:30, 02:14 CEST, 02:15 CEST, ... CET
        assert seen == [(fall, "night", 90), (fall, "night", 135)]
        seen.clear()
        for hour, minute in [(0, 29), (0, 30), (0, 59), (1, 0), (1, 20)]:  # 01:29 ... 03:20 CEST
            check_block_start(app, datetime(2026, 3, 29, hour, minute, tzinfo=utc))
        assert seen == [(spring, "night", 90)]  # 02:15-02:45 never was on the wall


async def test_v_from_the_focus_view_then_f_shows_the_new_session(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("2")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FocusScreen))
        await pilot.press("v")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, TimelineScreen))
        screen = pilot.app.screen
        assert isinstance(screen, TimelineScreen)
        await wait_until(pilot, lambda: screen.found is not None)
        await pilot.press("F")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FocusScreen))
        session = app_of(pilot).focus_session
        assert session is not None and session.role == "admin"  # the first step's role
        focus = pilot.app.screen
        assert isinstance(focus, FocusScreen)
        await wait_until(pilot, lambda: focus.target is not None)
        assert not errors(pilot)


async def test_the_apps_tick_tells_a_block_start(make_app: AppFactory, clock: FixedClock) -> None:
    """As the app runs: its one-second tick looks at the clock (no direct call)."""
    clock.set(at(10, 44, 58))
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.pause(1.1)  # a first look before the block
        clock.set(at(10, 45, 0))
        await wait_until(pilot, lambda: bool(told(pilot)), timeout=3.0)
        assert told(pilot)[0].startswith("Delivery 10:45-12:15 starts: 6 steps")


async def test_overlapping_blocks_of_a_role_start_once(
    make_app: AppFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """09:00-10:00 and 09:30-11:00 are one block from 09:00 to 11:00 (as the timeline counts
    them): told at 09:00, not again at 09:30 (fixes2)."""
    role = Role(
        id="sales",
        name="Sales",
        blocks={"fri": (TimeBlock.parse("09:00-10:00"), TimeBlock.parse("09:30-11:00"))},
    )
    seen: list[tuple[date, str, int]] = []
    monkeypatch.setattr(block_watch, "_announce", lambda app, *key: seen.append(key))
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        app = app_of(pilot)
        app.clock.tz = "UTC"
        app.roles = [role]
        for hour, minute in [(8, 59), (9, 0), (9, 29), (9, 30), (10, 30)]:
            check_block_start(app, datetime(2026, 11, 20, hour, minute, tzinfo=ZoneInfo("UTC")))
        assert seen == [(date(2026, 11, 20), "sales", 540)]
