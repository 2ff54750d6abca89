"""The timeline (v) on the demo business, Friday 2026-11-20 10:00 UTC: the day Today shows,
the cursor over the steps, enter for the detail, escape or v to close."""

from __future__ import annotations

from dataclasses import replace
from datetime import time, timedelta
from pathlib import Path

from textual.widgets import Input

from cockpit.clock import FixedClock
from cockpit.domain.model import TimeBlock
from cockpit.tui.screens.snooze import SnoozeScreen
from cockpit.tui.screens.step_detail import StepDetailScreen
from cockpit.tui.screens.timeline import TimelineScreen, open_timeline
from cockpit.tui.screens.today import TodayScreen
from cockpit.tui.widgets.timeline_view import TimelineView
from tests.functional.helpers import reading, ready, stored_step, today_screen
from tests.ui_support import (
    DAY,
    SIZE,
    AppFactory,
    Driver,
    app_of,
    errors,
    notes,
    open_cockpit,
    screen_lines,
    wait_for_screen,
    wait_until,
)

FIRST_ADMIN = "324.1"  # Admin 08:30-09:00: Inbox zero › Triage the inbox (first of the day)
FIRST_DELIVERY = "323.1"  # Delivery 10:45-12:15: Review today's Toggl timeline
CHECK_HOURS = "325.2"  # Admin 15:00-17:00: Invoice clients › Check hours against the estimates
INVOICE = "325.3"  # the step after it: Create invoices in QuickBooks


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


def block_label(screen: TimelineScreen, key: str) -> str | None:
    assert screen.found is not None
    placed = screen.found.timeline.block_of(key)
    return None if placed is None else placed.label


async def test_shift_j_and_k_move_a_step_between_its_roles_blocks_and_u_undoes(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await show_timeline(pilot)
        view(screen).move_to(FIRST_DELIVERY)
        assert block_label(screen, FIRST_DELIVERY) == "Delivery 10:45-12:15"
        await pilot.press("J")
        await wait_until(
            pilot, lambda: block_label(screen, FIRST_DELIVERY) != "Delivery 10:45-12:15"
        )
        assert block_label(screen, FIRST_DELIVERY) == "Delivery 13:00-14:30"
        assert view(screen).cursor == FIRST_DELIVERY
        assert any("to Delivery 13:00-14:30" in note for note in notes(pilot))
        with reading(data_path) as store:
            assert store.plan_pins(DAY) == {FIRST_DELIVERY: time(13, 0)}
        await pilot.press("J")  # no later Delivery block: said, nothing written
        await wait_until(pilot, lambda: bool(errors(pilot)))
        assert "no later block" in errors(pilot)[-1]
        await pilot.press("u")
        await wait_until(
            pilot, lambda: block_label(screen, FIRST_DELIVERY) == "Delivery 10:45-12:15"
        )
        with reading(data_path) as store:
            assert store.plan_pins(DAY) == {}
        await pilot.press("K")  # no earlier one either
        await wait_until(pilot, lambda: len(errors(pilot)) == 2)
        assert "no earlier block" in errors(pilot)[-1]


async def test_z_and_shift_z_move_a_step_to_another_day(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await show_timeline(pilot)
        view(screen).move_to(CHECK_HOURS)
        await pilot.press("Z")
        await wait_until(pilot, lambda: CHECK_HOURS not in view(screen).keys or bool(errors(pilot)))
        assert not errors(pilot), errors(pilot)
        assert stored_step(data_path, CHECK_HOURS).snoozed_to == DAY + timedelta(days=1)
        assert view(screen).cursor == INVOICE  # the next step
        await pilot.press("z")
        dialog = await wait_for_screen(pilot, SnoozeScreen)
        dialog.query_one(Input).value = "+3"
        await pilot.press("enter")
        await wait_until(pilot, lambda: INVOICE not in view(screen).keys or bool(errors(pilot)))
        assert not errors(pilot), errors(pilot)
        assert stored_step(data_path, INVOICE).snoozed_to == DAY + timedelta(days=3)
        assert isinstance(pilot.app.screen, TimelineScreen)


async def test_a_daily_step_cannot_move_past_its_next_run(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await show_timeline(pilot)
        assert view(screen).cursor == FIRST_ADMIN
        await pilot.press("Z")
        await wait_until(pilot, lambda: bool(errors(pilot)))
        assert "the next run falls due on 2026-11-21" in errors(pilot)[0]
        assert FIRST_ADMIN in view(screen).keys
        assert isinstance(pilot.app.screen, TimelineScreen)


def row_of(screen: TimelineScreen, kind: str, text: str) -> int:
    rows = view(screen).rows
    return next(i for i, row in enumerate(rows) if row.kind == kind and text in row.text)


async def test_a_click_on_a_step_puts_the_cursor_on_it_on_a_block_on_its_first_step(
    make_app: AppFactory,
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await show_timeline(pilot)
        timeline = view(screen)
        assert await pilot.click(TimelineView, offset=(20, row_of(screen, "step", CHECK_HOURS)))
        assert timeline.cursor == CHECK_HOURS
        assert screen.current() is not None and screen.current().id == CHECK_HOURS  # type: ignore[union-attr]
        assert isinstance(pilot.app.screen, TimelineScreen)  # a click opens nothing
        block = row_of(screen, "block", "Delivery 10:45-12:15")
        assert await pilot.click(TimelineView, offset=(30, block))
        assert timeline.cursor == FIRST_DELIVERY
        # free time and the now line hold no step: the cursor stays
        assert await pilot.click(TimelineView, offset=(10, row_of(screen, "free", "free 15m")))
        assert await pilot.click(TimelineView, offset=(10, row_of(screen, "now", "now")))
        assert timeline.cursor == FIRST_DELIVERY
        # a click on a block without steps (Sales) leaves it too
        assert await pilot.click(TimelineView, offset=(30, row_of(screen, "block", "Sales")))
        assert timeline.cursor == FIRST_DELIVERY
        await pilot.press("enter")  # and enter opens the step clicked
        detail = await wait_for_screen(pilot, StepDetailScreen)
        assert detail.due.id == FIRST_DELIVERY


async def test_a_click_after_scrolling_lands_on_the_row_under_the_mouse(
    make_app: AppFactory,
) -> None:
    async with make_app().run_test(size=(80, 16)) as pilot:
        screen = await show_timeline(pilot)
        timeline = view(screen)
        await pilot.press("end")
        await pilot.pause()
        assert timeline.scroll_offset.y > 0
        top = timeline.scroll_offset.y
        target = next(i for i, row in enumerate(timeline.rows) if i > top and row.selectable)
        assert timeline.rows[target].key != timeline.cursor
        assert await pilot.click(TimelineView, offset=(20, target - top))
        assert timeline.cursor == timeline.rows[target].key


async def test_v_on_today_opens_the_timeline_and_the_now_line_follows_the_clock(
    make_app: AppFactory, clock: FixedClock
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("v")
        screen = await wait_for_screen(pilot, TimelineScreen)
        await wait_until(pilot, lambda: screen.found is not None)
        assert screen.found is not None and screen.found.timeline.now == 10 * 60
        clock.advance(minutes=50)
        screen.move_now()
        await pilot.pause()
        line = screen.found.timeline
        assert line.now == 10 * 60 + 50
        assert line.current is not None and line.current.label == "Delivery 10:45-12:15"
        assert "━ now 10:50 ━" in "\n".join(screen_lines(pilot.app))


async def test_a_day_without_blocks_says_so_and_its_steps_wait_below(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("right_square_bracket")  # Saturday: no role has a block
        today = today_screen(pilot)
        await wait_until(pilot, lambda: today.plan is not None and today.plan.date > DAY)
        screen = await show_timeline(pilot)
        assert screen.found is not None
        line = screen.found.timeline
        assert not line.blocks and line.steps
        text = "\n".join(screen_lines(pilot.app))
        assert "No role has a time block on Sat 21 Nov: the steps wait below." in text
        assert "No block this day" in text
        assert view(screen).cursor == line.steps[0].key
        assert not errors(pilot)


async def test_while_loading_the_timeline_says_so(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("v")
        screen = await wait_for_screen(pilot, TimelineScreen)
        if screen.found is None:
            assert "Loading the day…" in "\n".join(screen_lines(pilot.app))
        await wait_until(pilot, lambda: screen.found is not None)
        assert not screen.query_one("#timeline-empty").display


def squeeze_admin(path: Path) -> None:
    """Admin keeps only its 08:30-09:00 block on Fridays (the app not running yet)."""
    with open_cockpit(path) as ctx:
        admin = next(role for role in ctx.store.roles() if role.id == "admin")
        blocks = {**admin.blocks, "fri": (TimeBlock.parse("08:30-09:00"),)}
        ctx.store.save_role(replace(admin, blocks=blocks))


async def test_a_role_with_more_steps_than_block_shows_its_overflow(
    make_app: AppFactory, data_path: Path
) -> None:
    squeeze_admin(data_path)
    async with make_app().run_test(size=SIZE) as pilot:
        screen = await show_timeline(pilot)
        assert screen.found is not None
        line = screen.found.timeline
        (load,) = [load for load in line.loads if load.over]
        assert load.text == "Admin: 1h35 planned in 30m"
        text = "\n".join(screen_lines(pilot.app))
        assert "Overflow" in text and "Admin: 1h35 planned in 30m" in text
        assert "now 10:00 · over: Admin · 4 blocks" in text  # the summary line
        over = [work.key for work in load.overflow]
        assert CHECK_HOURS in over
        # a step in overflow is moved into its role's block: it claims the room first
        view(screen).move_to(CHECK_HOURS)
        await pilot.press("K")
        await wait_until(pilot, lambda: block_label(screen, CHECK_HOURS) == "Admin 08:30-09:00")
        assert screen.found is not None
        (load,) = [load for load in screen.found.timeline.loads if load.over]
        assert "325.1" in [work.key for work in load.overflow]  # its 10 minutes left the room
        assert not errors(pilot)
