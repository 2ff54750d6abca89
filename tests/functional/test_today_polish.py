"""Today's list as a careful user reads it: a run's process named once over its steps, role
headers that count what they list, the day's done steps on demand, and plain empty states."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from cockpit.domain.occurrence import StepStatus
from tests.functional.helpers import ready, shown_keys, step_list, stored_step, today_screen
from tests.ui_support import SIZE, AppFactory, Driver, settle, wait_until

FIRST = "323.1"  # Delivery: Hourly work logging › Review today's Toggl timeline


def prompt(pilot: Driver, option_id: str) -> str:
    steps = step_list(pilot)
    return str(steps.get_option(option_id).prompt)


def ids(pilot: Driver) -> list[str]:
    steps = step_list(pilot)
    return [steps.get_option_at_index(i).id or "" for i in range(steps.option_count)]


async def test_a_runs_process_is_named_once_over_its_steps(make_app: AppFactory) -> None:
    async with make_app().run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        listed = ids(pilot)
        line = listed[listed.index(FIRST) - 1]
        assert line == "run:delivery:323"
        assert "Hourly work logging  0 of 3 steps closed" in prompt(pilot, line)
        row = prompt(pilot, FIRST)
        assert "Hourly work logging" not in row and "Review today's Toggl timeline" in row
        assert len([i for i in listed if i == line]) == 1
        await pilot.press("j")
        assert step_list(pilot).current_key != line  # the cursor never rests on a name line


async def test_a_role_header_counts_the_steps_it_lists(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        before = prompt(pilot, "header:delivery")
        assert "6 steps" in before
        await pilot.press("p")  # the first step goes into the day's plan
        await wait_until(pilot, lambda: "(+1 in the plan)" in prompt(pilot, "header:delivery"))
        assert "5 steps" in prompt(pilot, "header:delivery")


async def test_h_shows_the_days_done_steps_dimmed_and_hides_them_again(
    make_app: AppFactory, data_path: Path
) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("x")
        await wait_until(pilot, lambda: stored_step(data_path, FIRST).status is StepStatus.DONE)
        await wait_until(pilot, lambda: FIRST not in shown_keys(pilot))
        assert f"closed:{FIRST}" not in ids(pilot)
        await pilot.press("h")
        await wait_until(pilot, lambda: f"closed:{FIRST}" in ids(pilot))
        row = step_list(pilot).get_option(f"closed:{FIRST}")
        assert row.disabled and "done" in str(row.prompt)
        assert "Review today's Toggl timeline" in str(row.prompt)
        await pilot.press("h")
        await wait_until(pilot, lambda: f"closed:{FIRST}" not in ids(pilot))


async def test_a_filter_with_no_match_says_so(make_app: AppFactory) -> None:
    async with make_app().run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await wait_until(pilot, lambda: today_screen(pilot).query_one("#filter", Input).has_focus)
        await pilot.press(*"[zq")
        await settle(pilot)
        empty = today_screen(pilot).query_one("#today-empty", Static)
        shown = (bool(empty.display), str(empty.content))
        assert shown == (True, "No step matches “[zq”. Escape clears the filter.")
        await pilot.press("escape")
        await settle(pilot)
        assert (bool(empty.display), bool(shown_keys(pilot))) == (False, True)


async def test_a_run_with_steps_due_on_different_days_is_shown_once(tmp_path: Path) -> None:
    """The sample on its second day: a weekly run's first step is a day late, its next ones
    are due today, and another run of the role sorts between them. The run's line came twice
    (a DuplicateID crash, at start-up on that day)."""
    from datetime import time, timedelta

    from cockpit.clock import FixedClock
    from cockpit.services.business import load_sample
    from cockpit.services.context import Cockpit
    from tests.sample_fixtures import MONDAY, SETTINGS, TZ
    from tests.ui_support import app_factory

    path = tmp_path / "c.json"
    with Cockpit.open(path, FixedClock.on(MONDAY, TZ), SETTINGS) as ctx:
        load_sample(ctx)
        ctx.refresh()
    tuesday = FixedClock.on(MONDAY + timedelta(days=1), TZ, time(10, 0))
    async with app_factory(path, tuesday)().run_test(size=SIZE) as pilot:
        await ready(pilot)
        listed = ids(pilot)
        lines = [i for i in listed if i.startswith("run:")]
        assert len(lines) == len(set(lines))
        for line in lines:  # every step of that run sits under its one line
            no = line.rsplit(":", 1)[1]
            under = [i for i in listed if i.split(".")[0] == no]
            start = listed.index(line) + 1
            assert listed[start : start + len(under)] == under
