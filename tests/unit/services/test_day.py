"""Planning the day on the sample business: roles, due dates, days not opened."""

from __future__ import annotations

import shutil
import tomllib
from collections import Counter
from datetime import date, time, timedelta
from pathlib import Path

from cockpit.clock import FixedClock
from cockpit.domain.due import DueStep, step_due
from cockpit.domain.focus import FocusKind
from cockpit.domain.occurrence import OccurrenceStatus
from cockpit.services import actions
from cockpit.services.business import load_sample, sample_path
from cockpit.services.context import Cockpit
from cockpit.services.day import DayPlan, plan_day
from cockpit.services.focus import start_focus, stop_focus
from tests.unit.services.helpers import MONDAY, SETTINGS, TZ, open_run, reopen, runs_of, steps_of


def sample_role_names() -> list[str]:
    raw = tomllib.loads(sample_path().read_text(encoding="utf-8"))
    return [role["name"] for role in raw["roles"]]


def expected_due(ctx: Cockpit, on: date) -> dict[str, tuple[date, int]]:
    """Every open step of an open run due by `on`, computed from the store: id -> (due, late)."""
    lookup = ctx.process_lookup()
    found = {}
    for run in ctx.store.open_occurrences():
        process = lookup[(run.process_id, run.process_version)]
        for position, state in enumerate(run.steps, start=1):
            due = step_due(run, process.step(state.step_id), state)
            if state.is_open and due <= on:
                found[f"{run.no}.{position}"] = (due, (on - due).days)
    return found


def check_due(due: DueStep, on: date) -> None:
    offset = due.step.offset_days
    assert due.state.snoozed_to is None
    assert due.due == due.occurrence.date + timedelta(days=offset)
    assert due.due <= on
    assert due.overdue_days == (on - due.due).days >= 0
    assert due.state.is_open and due.occurrence.is_open


def test_roles_come_in_the_sample_order(sample: Cockpit) -> None:
    names = sample_role_names()
    assert names == ["Sales", "Delivery", "Admin", "Marketing"]
    everything = plan_day(sample, keep_empty=True)
    assert [role.name for role in everything.roles] == names
    plan = plan_day(sample)
    shown = [role.name for role in plan.roles]
    assert shown == [name for name in names if name in shown]
    assert shown == names  # the sample has work for every role on its first Monday
    for section in plan.sections:
        assert section.steps
        assert {due.role for due in section.steps} == {section.role.id}


def test_every_step_due_today_has_its_due_date_and_lateness(sample: Cockpit) -> None:
    plan = plan_day(sample)
    assert plan.date == plan.today == MONDAY
    assert plan.steps
    for due in plan.steps:
        check_due(due, MONDAY)
        assert due.overdue_days == 0  # the business started today
    assert {due.id: (due.due, due.overdue_days) for due in plan.steps} == expected_due(
        sample, MONDAY
    )
    assert len({due.id for due in plan.steps}) == len(plan.steps)
    # a step with a negative offset falls due before its run's date (the blog on Wednesday)
    blog = steps_of(plan, "Manage the blog")
    assert [(d.position, d.occurrence.date, d.due) for d in blog] == [
        (1, MONDAY + timedelta(days=2), MONDAY)
    ]


def test_days_not_opened_are_created_once_and_the_earlier_ones_missed(
    sample: Cockpit, clock: FixedClock
) -> None:
    plan_day(sample)
    before = Counter(run.process_id for run in sample.store.occurrences())
    sample.close()
    clock.advance(days=3)  # Thursday: Cockpit was not opened on Tuesday and Wednesday
    thursday = MONDAY + timedelta(days=3)
    with reopen(sample, clock) as ctx:
        plan = plan_day(ctx)
        assert plan.today == thursday
        runs = ctx.store.occurrences()
        keys = [(run.process_id, run.date) for run in runs]
        assert len(keys) == len(set(keys)), "a date was created twice"
        assert len({run.no for run in runs}) == len(runs)

        inbox = runs_of(ctx, "Inbox zero")
        assert [run.date for run in inbox] == [MONDAY + timedelta(days=i) for i in range(4)]
        assert [run.status for run in inbox] == [OccurrenceStatus.MISSED] * 3 + [
            OccurrenceStatus.OPEN
        ]
        assert [run.closed_on for run in inbox[:3]] == [run.date for run in inbox[1:]]

        delivery = runs_of(ctx, "Plan the delivery day")  # weekdays
        assert [run.date for run in delivery] == [MONDAY + timedelta(days=i) for i in range(4)]
        assert [run.status.value for run in delivery] == ["missed"] * 3 + ["open"]

        # the weekly run of Monday is not missed before next Monday: three days late
        social = steps_of(plan, "Weekly social posts")
        assert social and all(d.overdue_days == 3 and d.occurrence.date == MONDAY for d in social)
        for due in plan.steps:
            check_due(due, thursday)
        assert {due.id: (due.due, due.overdue_days) for due in plan.steps} == expected_due(
            ctx, thursday
        )
        after = Counter(run.process_id for run in runs)
        assert after["inbox-zero"] == before["inbox-zero"] + 3

        stored = ctx.store.path.read_bytes()
        again = plan_day(ctx)
        assert ctx.refresh().changed is False
        assert [(r.no, r.status) for r in ctx.store.occurrences()] == [
            (r.no, r.status) for r in runs
        ]
        assert [d.id for d in again.steps] == [d.id for d in plan.steps]
        assert ctx.store.path.read_bytes() == stored

    with reopen(ctx, clock) as third:  # opening again the same day creates nothing either
        assert third.refresh().changed is False
        assert len(third.store.occurrences()) == len(runs)


def test_overdue_steps_come_first_within_a_role(sample: Cockpit, clock: FixedClock) -> None:
    sample.close()
    clock.advance(days=1)
    with reopen(sample, clock) as ctx:
        plan = plan_day(ctx)
        for section in plan.sections:
            lateness = [due.overdue_days > 0 for due in section.steps]
            assert lateness == sorted(lateness, reverse=True)
        assert any(due.overdue_days for due in plan.steps)


def test_looking_at_a_later_day_does_not_miss_todays_runs(sample: Cockpit) -> None:
    plan_day(sample)
    today = open_run(sample, "Inbox zero")
    preview = plan_day(sample, MONDAY + timedelta(days=7))
    assert preview.date == MONDAY + timedelta(days=7)
    assert preview.today == MONDAY
    run = sample.store.occurrence(today.no)
    assert run is not None
    assert run.status is OccurrenceStatus.OPEN
    assert run.closed_on is None


def shown(plan: DayPlan) -> list[tuple[str, date, str, int]]:
    """What a day shows, by what it is (not by run numbers, which differ per file)."""
    return sorted(
        (due.process.id, due.occurrence.date, due.step.id, due.overdue_days) for due in plan.steps
    )


def test_a_later_day_shows_what_that_day_will_show(sample: Cockpit, tmp_path: Path) -> None:
    """Looking ahead at a day shows it as it will be on that day: today's run of a daily
    process, superseded by then, is not on it as "late" (issue 11: the app's `]` showed it,
    the CLI's `--date` did not); a run kept on the list stays."""
    plan_day(sample)
    inbox = open_run(sample, "Inbox zero")
    kept = open_run(sample, "Client check-ins")
    actions.keep(sample, str(kept.no))
    for ahead in (1, 2, 7):
        later = MONDAY + timedelta(days=ahead)
        copy = tmp_path / f"then-{ahead}.json"
        shutil.copy(sample.store.path, copy)
        with Cockpit.open(copy, FixedClock.on(later, TZ), SETTINGS) as then:
            expected = shown(plan_day(then))
        preview = shown(plan_day(sample, later))
        assert preview == expected
        assert (inbox.process_id, later) in {row[:2] for row in preview}
        assert (inbox.process_id, MONDAY) not in {row[:2] for row in preview}
        assert (kept.process_id, MONDAY) in {row[:2] for row in preview}


def test_logged_minutes_per_role_count_focus_and_typed_minutes_once(
    sample: Cockpit, clock: FixedClock
) -> None:
    plan = plan_day(sample)
    assert plan.logged_minutes == {}
    inbox = open_run(sample, "Inbox zero")  # Admin
    prospecting = open_run(sample, "Prospecting")  # Sales

    # focused 20 min on 1, then done without minutes: 20 (the focus time)
    start_focus(sample, FocusKind.COUNTDOWN, ref=f"{inbox.no}.1", minutes=30)
    clock.advance(minutes=20)
    stop_focus(sample)
    assert actions.complete(sample, f"{inbox.no}.1").after[0].steps[0].minutes == 20
    # focused 12 min on 2, then typed 5: the focus time counts, not both
    start_focus(sample, FocusKind.STOPWATCH, ref=f"{inbox.no}.2")
    clock.advance(minutes=12)
    stop_focus(sample)
    actions.complete(sample, f"{inbox.no}.2", 5)
    # no focus on 3: the typed 7 minutes count
    actions.complete(sample, f"{inbox.no}.3", 7)
    # a session for a role, on no step
    start_focus(sample, FocusKind.POMODORO, role="Sales")
    clock.advance(minutes=25)
    stop_focus(sample)
    # a discarded session counts nothing
    start_focus(sample, FocusKind.STOPWATCH, ref=f"{prospecting.no}.1")
    clock.advance(minutes=9)
    stop_focus(sample, keep=False)
    actions.complete(sample, f"{prospecting.no}.1", 4)
    # done without minutes and without focus: nothing to count
    actions.complete(sample, f"{prospecting.no}.2")

    logged = plan_day(sample).logged_minutes
    assert logged == {"admin": 20 + 12 + 7, "sales": 25 + 4}
    assert plan_day(sample, MONDAY - timedelta(days=1)).logged_minutes == {}

    clock.advance(days=1)
    assert plan_day(sample).logged_minutes == {}  # a new day starts at zero
    assert plan_day(sample, MONDAY).logged_minutes == logged


def test_days_are_local_to_the_owners_zone(data_path: Path) -> None:
    """00:30 in Berlin is still the previous day in UTC: the plan is Berlin's day."""
    clock = FixedClock.on(MONDAY, TZ, time(0, 30))
    with Cockpit.open(data_path, clock, SETTINGS) as ctx:
        load_sample(ctx)
        plan = plan_day(ctx)
        assert plan.today == MONDAY
        assert {due.occurrence.date for due in steps_of(plan, "Inbox zero")} == {MONDAY}
