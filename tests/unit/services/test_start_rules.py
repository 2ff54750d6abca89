"""Starting a process by hand: an on-demand process gets a new run; a scheduled one gets its
next run brought forward (due today, counted on its own date), never a second run.

`cockpit start` used to add a run beside the one a date already had, and runs started by
hand were never missed.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cockpit.clock import FixedClock
from cockpit.domain.errors import RuleError
from cockpit.domain.occurrence import OccurrenceStatus
from cockpit.services import actions
from cockpit.services.context import Cockpit
from cockpit.services.day import plan_day
from tests.unit.services.helpers import MONDAY, open_run, reopen, runs_of, steps_of

FRIDAY = date(2026, 11, 27)


def test_a_scheduled_process_with_an_open_run_is_not_started_twice(sample: Cockpit) -> None:
    run = open_run(sample, "Inbox zero")
    before = sample.store.occurrences()
    with pytest.raises(RuleError) as refused:
        actions.start(sample, "Inbox zero")
    assert str(refused.value) == (
        f'"Inbox zero" already has an open run, {run.no} of Mon 2026-11-23: '
        "finish or skip that one first"
    )
    assert sample.store.occurrences() == before


def test_starting_a_scheduled_process_brings_its_next_run_forward(
    sample: Cockpit, clock: FixedClock
) -> None:
    assert runs_of(sample, "Update bookkeeping") == []  # weekly on fri: the first is Friday's
    change = actions.start(sample, "update bookkeeping")
    (run,) = change.after
    assert change.message == (
        f'started "Update bookkeeping": its run of Fri 2026-11-27 (run {run.no}) is due today'
    )
    assert (run.date, run.manual, run.is_open) == (FRIDAY, False, True)
    due = steps_of(plan_day(sample), "Update bookkeeping")
    assert [(d.position, d.due, d.overdue_days) for d in due] == [
        (n, MONDAY, 0) for n in range(1, 5)
    ]
    assert sample.store.horizons()["update-bookkeeping"] == FRIDAY
    sample.close()
    clock.set(FixedClock.on(FRIDAY, "Europe/Berlin").now())
    with reopen(sample, clock) as ctx:
        ctx.refresh()
        assert [r.no for r in runs_of(ctx, "Update bookkeeping")] == [run.no]  # no second run


def test_a_run_brought_forward_counts_like_its_date(sample: Cockpit, clock: FixedClock) -> None:
    """Done early: done on time. Left open: missed when the run after it falls due."""
    (early,) = actions.start(sample, "Update bookkeeping").after
    done = actions.complete(sample, str(early.no)).after[0]
    assert (done.status, done.closed_on) == (OccurrenceStatus.DONE, MONDAY)
    (second,) = actions.start(sample, "Update bookkeeping").after
    assert second.date == FRIDAY + timedelta(days=7)  # the one after, brought forward in turn
    sample.close()
    clock.set(FixedClock.on(FRIDAY + timedelta(days=14), "Europe/Berlin").now())
    with reopen(sample, clock) as ctx:
        ctx.refresh()
        left = ctx.store.occurrence(second.no)
        assert left is not None and left.status is OccurrenceStatus.MISSED
        assert left.closed_on == FRIDAY + timedelta(days=14)


def test_a_lead_process_is_brought_forward_whole(sample: Cockpit) -> None:
    """Monthly newsletter: steps from four days before to three after its date; all due today."""
    (run,) = actions.start(sample, "Monthly newsletter").after
    assert run.date == date(2026, 12, 8)  # the 2nd Tuesday of December
    due = steps_of(plan_day(sample), "Monthly newsletter")
    assert [d.due for d in due] == [MONDAY] * 5
    assert not any(d.snoozed for d in due)  # not snoozed: started early


def test_on_must_be_the_next_run_of_a_scheduled_process(sample: Cockpit) -> None:
    with pytest.raises(RuleError) as refused:
        actions.start(sample, "Update bookkeeping", MONDAY + timedelta(days=2))
    assert str(refused.value) == (
        '"Update bookkeeping" runs weekly on fri: its next run is Fri 2026-11-27, '
        "which starting brings forward; a date of your own is for on-demand processes"
    )
    assert runs_of(sample, "Update bookkeeping") == []
    (run,) = actions.start(sample, "Update bookkeeping", FRIDAY).after
    assert run.date == FRIDAY


def test_an_after_done_process_is_brought_forward_too(sample: Cockpit) -> None:
    """3 days after done: its next run counts from the one just done."""
    first = open_run(sample, "Review pipeline")
    actions.complete(sample, str(first.no))
    (run,) = actions.start(sample, "Review pipeline").after
    assert (run.date, run.manual) == (MONDAY + timedelta(days=3), False)
    assert [d.due for d in steps_of(plan_day(sample), "Review pipeline")] == [MONDAY] * 4
    with pytest.raises(RuleError, match="already has an open run"):
        actions.start(sample, "Review pipeline")


def test_on_demand_runs_may_overlap_and_are_never_missed(
    sample: Cockpit, clock: FixedClock
) -> None:
    """Two leads the same day are two runs; they stay on the list until done or skipped."""
    one = actions.start(sample, "Qualify a new lead").after[0]
    two = actions.start(sample, "Qualify a new lead").after[0]
    assert (one.date, two.date, one.manual, two.manual) == (MONDAY, MONDAY, True, True)
    sample.close()
    clock.advance(days=30)
    with reopen(sample, clock) as ctx:
        ctx.refresh()
        assert [r.status for r in runs_of(ctx, "Qualify a new lead")] == [OccurrenceStatus.OPEN] * 2
