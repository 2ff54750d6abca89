"""Tasks through the services, on the sample business and a real data file: captured and
previewed, triaged, acted on by the day's own actions and keys, focused on, planned, undone,
counted in the review, the signals, the time log and the calendar."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from cockpit.clock import FixedClock
from cockpit.domain.errors import CockpitError
from cockpit.domain.focus import FocusKind
from cockpit.domain.signals import SignalKind
from cockpit.services import actions, undo
from cockpit.services.calendar_export import ics_calendar
from cockpit.services.context import Cockpit
from cockpit.services.day import plan_day
from cockpit.services.focus import finish_focus, start_focus
from cockpit.services.planning import toggle_planned
from cockpit.services.review import week_review
from cockpit.services.signals import signals
from cockpit.services.tasks import (
    add_task,
    capture,
    move_task,
    preview_capture,
    set_task_estimate,
    set_task_role,
)
from cockpit.services.timelog import focus_csv, tasks_csv
from tests.sample_fixtures import MONDAY

FRIDAY = MONDAY + timedelta(days=4)


def test_preview_says_what_was_understood_and_writes_nothing(sample: Cockpit) -> None:
    before = sample.store.path.read_bytes()
    seen = preview_capture(sample, "Call the accountant fri #ADMIN 15m")
    assert (seen.title, seen.role, seen.due, seen.estimate) == (
        "Call the accountant", "Admin", FRIDAY, 15,
    )  # fmt: skip
    assert seen.ok and seen.understood() == ["due Fri 27 Nov 2026", "role Admin", "~15 min"]
    unknown = preview_capture(sample, "Call #nobody")
    assert not unknown.ok and unknown.problem is not None
    assert 'no role "nobody"' in unknown.problem and "Admin" in unknown.problem
    assert preview_capture(sample, "#admin 15m").problem  # no title left
    assert "is not a date of the calendar" in str(preview_capture(sample, "x 2026-02-30").problem)
    assert sample.store.path.read_bytes() == before


@pytest.mark.parametrize(
    ("call", "said"),
    [
        (lambda c: add_task(c, "x", role="Nobody"), 'no role "Nobody" (roles: '),
        (lambda c: add_task(c, "x", system="nope"), 'no system "nope"'),
        (lambda c: add_task(c, "a\x1b[2Jb"), "title"),
        (lambda c: add_task(c, "x" * 10_000), "title"),
        (lambda c: add_task(c, "x", estimate=-5), "estimate"),
        (lambda c: capture(c, "x 2026-02-30"), "is not a date of the calendar"),
        (lambda c: capture(c, "x #blursday"), 'no role "blursday"'),
        (lambda c: actions.complete(c, "t99"), "no task t99"),
    ],
)
def test_a_bad_task_is_refused_and_nothing_is_written(
    sample: Cockpit, call: Callable[[Cockpit], object], said: str
) -> None:
    before = sample.store.path.read_bytes()
    with pytest.raises(CockpitError) as refused:
        call(sample)
    assert said in str(refused.value)
    assert sample.store.path.read_bytes() == before


def test_triage_moves_an_inbox_task_into_its_roles_section(sample: Cockpit) -> None:
    key = capture(sample, "Renew the domain [/] now").key
    plan = plan_day(sample)
    assert [t.title for t in plan.inbox] == ["Renew the domain [/] now"]
    set_task_role(sample, key, "sales")
    set_task_estimate(sample, key, 20)
    move_task(sample, key, MONDAY)
    plan = plan_day(sample)
    assert plan.inbox == []
    (section,) = [s for s in plan.sections if s.tasks]
    assert section.role.id == "sales" and section.tasks[0].estimate == 20
    move_task(sample, key, None)
    assert [t.title for t in plan_day(sample).inbox] == ["Renew the domain [/] now"]


def test_a_dated_task_without_a_role_is_in_the_no_role_section_at_the_end(
    sample: Cockpit,
) -> None:
    add_task(sample, "Water the plants", due=MONDAY)
    plan = plan_day(sample)
    assert plan.sections[-1].role.name == "No role"
    assert [t.title for t in plan.sections[-1].tasks] == ["Water the plants"]


def test_done_skip_and_snooze_of_the_day_take_a_task_key(sample: Cockpit) -> None:
    keys = [add_task(sample, title, role="admin", due=MONDAY).key for title in "ABC"]
    done = actions.complete(sample, keys[0], minutes=12)
    assert done.task is not None and done.task.minutes == 12 and "done" in done.message
    actions.skip(sample, keys[1], "not needed")
    actions.snooze(sample, keys[2], FRIDAY)
    assert plan_day(sample).tasks == []
    assert [t.title for t in plan_day(sample, FRIDAY).tasks] == ["C"]
    with pytest.raises(CockpitError, match="already done"):
        actions.complete(sample, keys[0])
    assert plan_day(sample).logged_minutes.get("admin") == 12


def recorded(ctx: Cockpit, job: Callable[[Cockpit], object]) -> undo.UndoEntry:
    with undo.recording(ctx) as taken:
        taken.result = job(ctx)
    assert taken.entry is not None
    return taken.entry


def test_undo_and_redo_cover_a_task(sample: Cockpit) -> None:
    added = recorded(sample, lambda c: add_task(c, "Undo me", due=MONDAY))
    done = recorded(sample, lambda c: actions.complete(c, "t1"))
    assert plan_day(sample).tasks == [] and done.label.startswith('done: t1 "Undo me"')
    undo.revert(sample, done)
    assert [t.title for t in plan_day(sample).tasks] == ["Undo me"]
    undo.revert(sample, added)
    assert sample.store.tasks() == []
    undo.reapply(sample, added)
    assert [t.title for t in plan_day(sample).tasks] == ["Undo me"]
    moved = recorded(sample, lambda c: set_task_role(c, "t1", "admin"))
    assert moved.label.startswith("role set")


def test_a_task_is_focused_on_in_its_role_and_done_with_the_time(sample: Cockpit) -> None:
    clock = sample.clock
    assert isinstance(clock, FixedClock)
    bare = add_task(sample, "No role yet", due=MONDAY).key
    with pytest.raises(CockpitError, match="give it a role first"):
        start_focus(sample, FocusKind.STOPWATCH, ref=bare)
    key = add_task(sample, "Draft the offer", role="sales", due=MONDAY).key
    session = start_focus(sample, FocusKind.STOPWATCH, ref=key)
    assert session.role == "sales" and session.task_uid
    clock.advance(minutes=25)
    finish_focus(sample, keep=True, step_done=True)
    (task,) = [t for t in sample.store.tasks() if t.title == "Draft the offer"]
    assert not task.is_open and task.minutes == 25
    assert plan_day(sample).logged_minutes["sales"] == 25  # once, not twice
    assert "Draft the offer" in focus_csv(sample)


def test_the_plan_takes_a_task_key(sample: Cockpit) -> None:
    key = add_task(sample, "Plan me", due=MONDAY).key
    assert toggle_planned(sample, MONDAY, key)
    assert [t.title for t in plan_day(sample).planned_tasks] == ["Plan me"]


def test_the_week_counts_tasks_done_slipped_and_their_time(sample: Cockpit) -> None:
    clock = sample.clock
    assert isinstance(clock, FixedClock)
    done = add_task(sample, "Done one", role="admin", due=MONDAY).key
    add_task(sample, "Slipped one", role="admin", due=MONDAY)
    add_task(sample, "Later one", role="admin", due=FRIDAY)
    actions.complete(sample, done, minutes=30)
    before = week_review(sample).figures
    clock.advance(days=2)
    figures = week_review(sample).figures
    assert [t.title for t in figures.tasks_done] == ["Done one"]
    assert [t.title for t in figures.tasks_slipped] == ["Slipped one"]
    assert figures.minutes_by_role["admin"] >= 30
    _, runs_due = before.completion_by_role.get("admin", (0, 0))
    assert before.tasks_slipped == ()  # still due today: not slipped yet
    done_now, due_now = figures.completion_by_role["admin"]
    assert due_now - done_now >= 1 and done_now >= 1 and runs_due >= 2


def test_a_task_carried_over_for_weeks_is_a_signal(sample: Cockpit) -> None:
    add_task(sample, "Update the privacy page", role="admin", due=MONDAY)
    later = MONDAY + timedelta(weeks=3)
    found = [s for s in signals(sample, later) if s.kind is SignalKind.NEEDS_A_SYSTEM]
    assert [s.subject for s in found] == ["Update the privacy page"]


def test_tasks_in_the_time_log_and_the_calendar(sample: Cockpit) -> None:
    key = add_task(sample, "=HYPERLINK(1)", role="admin", due=MONDAY, estimate=10).key
    add_task(sample, "Friday call", due=FRIDAY)
    add_task(sample, "Someday")
    actions.complete(sample, key, minutes=7)
    rows = list(csv.DictReader(io.StringIO(tasks_csv(sample))))
    assert [(r["id"], r["title"], r["status"], r["minutes"]) for r in rows] == [
        ("t1", "'=HYPERLINK(1)", "done", "7"),
        ("t2", "Friday call", "open", ""),
        ("t3", "Someday", "open", ""),
    ]
    assert [r["id"] for r in csv.DictReader(io.StringIO(tasks_csv(sample, until=MONDAY)))] == [
        "t1", "t3",
    ]  # fmt: skip
    ics = ics_calendar(sample, days=7).decode()
    assert "SUMMARY:Friday call" in ics and "Someday" not in ics and "HYPERLINK" not in ics
    assert "DTSTART;VALUE=DATE:20261127" in ics


def test_two_thousand_tasks_cost_little(sample: Cockpit) -> None:
    import time

    with sample.store.batch():
        for n in range(2000):
            day = MONDAY + timedelta(days=n % 30 - 15) if n % 3 else None
            add_task(sample, f"Task number {n}", role="admin" if n % 2 else None, due=day)
    started = time.perf_counter()
    plan = plan_day(sample)
    took = time.perf_counter() - started
    assert len(plan.inbox) == 667 and plan.tasks
    assert took < 0.5, took
    assert date.today()  # the wall clock is not the cockpit's: nothing else read it


def test_a_task_added_after_a_sync_gets_the_next_number_and_says_so(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    from tests.two_devices import sync

    laptop, desktop = devices
    add_task(desktop, "Theirs", due=MONDAY)
    sync(desktop.store.path, laptop.store.path)
    mine = add_task(laptop, "Mine", due=MONDAY)  # the laptop still holds the old data
    assert mine.key == "t2" and mine.message.startswith('added t2 "Mine"')
    assert [(t.id, t.title) for t in laptop.store.tasks()] == [(1, "Theirs"), (2, "Mine")]
    actions.complete(laptop, mine.key)
    assert [t.title for t in laptop.store.tasks() if t.is_open] == ["Theirs"]


def test_a_number_undone_is_not_handed_out_again(sample: Cockpit) -> None:
    added = recorded(sample, lambda c: add_task(c, "Undone", due=MONDAY))
    toggle_planned(sample, MONDAY, "t1")
    undo.revert(sample, added)
    assert add_task(sample, "Next", due=MONDAY).key == "t2"
    assert plan_day(sample).planned_tasks == []  # the plan's t1 names no other task


def test_a_task_changed_on_both_devices_is_merged_when_written(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    from tests.two_devices import sync

    laptop, desktop = devices
    key = add_task(laptop, "Shared", role="admin", due=MONDAY).key
    sync(laptop.store.path, desktop.store.path)
    desktop.store.reload_if_changed()
    actions.complete(desktop, key, minutes=9)
    sync(desktop.store.path, laptop.store.path)
    set_task_estimate(laptop, key, 30)  # the laptop still holds it open: no conflict
    (task,) = laptop.store.tasks()
    assert not task.is_open and task.minutes == 9  # done on one device stays done


def test_a_task_timed_since_is_not_taken_away_by_undo(sample: Cockpit) -> None:
    added = recorded(sample, lambda c: add_task(c, "Timed", role="admin", due=MONDAY))
    start_focus(sample, FocusKind.STOPWATCH, ref="t1")
    before = sample.store.path.read_bytes()
    with pytest.raises(CockpitError, match='task "Timed" has a focus session on it now'):
        undo.revert(sample, added)
    assert sample.store.path.read_bytes() == before


def test_a_task_planned_in_the_write_that_adds_it_follows_its_new_number(
    devices: tuple[Cockpit, Cockpit],
) -> None:
    from tests.two_devices import sync

    laptop, desktop = devices
    add_task(desktop, "Theirs", due=MONDAY)
    sync(desktop.store.path, laptop.store.path)
    with laptop.store.batch():  # one write, carried over onto the desktop's file
        add_task(laptop, "Mine", due=MONDAY)
        toggle_planned(laptop, MONDAY, "t1")
    assert [t.title for t in plan_day(laptop).planned_tasks] == ["Mine"]
