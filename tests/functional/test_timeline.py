"""The timeline (v) on the demo business, Friday 2026-11-20 10:00 UTC: the day Today shows,
the cursor over the steps, enter for the detail, escape or v to close."""

from __future__ import annotations

from datetime import timedelta

from cockpit.tui.screens.step_detail import StepDetailScreen
from cockpit.tui.screens.timeline import TimelineScreen, open_timeline
from cockpit.tui.screens.today import TodayScreen
from cockpit.tui.widgets.timeline_view import TimelineView
from tests.functional.helpers import ready, today_screen
from tests.ui_support import (
    DAY,
    SIZE,
    AppFactory,
    Driver,
    app_of,
    errors,
    screen_lines,
    wait_for_screen,
    wait_until,
)

FIRST_ADMIN = "324.1"  # Admin 08:30-09:00: Inbox zero › Triage the inbox (first of the day)
FIRST_DELIVERY = "323.1"  # Delivery 10:45-12:15: Review today's Toggl timeline


async def show_timeline(pilot: Driver) -> TimelineScreen:
    """Wait for Today, open the timeline (the app's v), wait until it shows its day."""
    await ready(pilot)
    open_timeline(app_of(pilot))
    screen = await wait_for_screen(pilot, TimelineScreen)
    await wait_until(pilot, lambda: screen.found is not None)
    return screen


def view(screen: TimelineScreen) -> TimelineView:
    return screen.query_one(TimelineView)


async def test_the_timeline_shows_todays_blocks_in_time_order_with_now(
    make_app: AppFactory,
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await show_timeline(pilot)
        assert screen.found is not None
        line = screen.found.timeline
        assert line.day == DAY
        assert [p.label for p in line.blocks][:3] == [
            "Admin 08:30-09:00",
            "Sales 09:00-10:30",
            "Delivery 10:45-12:15",
        ]
        text = "\n".join(screen_lines(pilot.app))
        assert "Sales 09:00-10:30" in text and "◀ now" in text
        assert "━ now 10:00 ━" in text
        assert "free 15m" in text  # 10:30-10:45
        assert "No block this day" in text  # Marketing has no block on Fridays
        # the same steps as Today, each once
        plan = today_screen(pilot).plan
        assert plan is not None
        assert sorted(view(screen).keys) == sorted(due.id for due in plan.steps)
        assert not errors(pilot)


async def test_the_timeline_shows_the_day_today_shows(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("right_square_bracket")
        today = today_screen(pilot)
        await wait_until(pilot, lambda: today.plan is not None and today.plan.date > DAY)
        screen = await show_timeline(pilot)
        assert screen.found is not None
        assert screen.found.timeline.day == DAY + timedelta(days=1)
        assert screen.found.timeline.now is None  # no now line on another day
        assert "now" not in " ".join(screen_lines(pilot.app)).replace("◀ now", "")


async def test_j_and_k_move_over_the_steps_and_enter_opens_one(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await show_timeline(pilot)
        timeline = view(screen)
        keys = timeline.keys
        # the block it is now (Sales) has no step: the cursor starts on the first step
        assert timeline.cursor == keys[0] == FIRST_ADMIN
        await pilot.press("j", "j")
        assert timeline.cursor == keys[2]
        await pilot.press("k")
        assert timeline.cursor == keys[1]
        await pilot.press("k", "k", "k")
        assert timeline.cursor == keys[0]
        await pilot.press("end")
        assert timeline.cursor == keys[-1]
        await pilot.press("home", "enter")
        detail = await wait_for_screen(pilot, StepDetailScreen)
        assert detail.due.id == FIRST_ADMIN
        await pilot.press("escape")
        await wait_for_screen(pilot, TimelineScreen)
        assert view(screen).cursor == FIRST_ADMIN


async def test_escape_and_v_close_the_timeline(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await show_timeline(pilot)
        await pilot.press("escape")
        await wait_for_screen(pilot, TodayScreen)
        await show_timeline(pilot)
        await pilot.press("v")
        await wait_for_screen(pilot, TodayScreen)
        # a second open while it shows does not stack another
        await show_timeline(pilot)
        open_timeline(app_of(pilot))
        await pilot.pause()
        assert sum(isinstance(s, TimelineScreen) for s in pilot.app.screen_stack) == 1
        await pilot.press("escape", "escape")  # in one read: closes once, Today stays
        await wait_for_screen(pilot, TodayScreen)
        assert not errors(pilot)


async def test_a_small_terminal_cuts_titles_with_an_ellipsis(make_app: AppFactory) -> None:
    async with make_app().run_test(size=(60, 16)) as pilot:
        screen = await show_timeline(pilot)
        await pilot.pause()
        lines = screen_lines(pilot.app)
        assert all(len(line) <= 60 for line in lines)
        assert any("…" in line for line in lines)
        await pilot.press("end")
        last = view(screen).keys[-1]
        assert view(screen).cursor == last
        assert any(last in line for line in screen_lines(pilot.app))  # scrolled to it
