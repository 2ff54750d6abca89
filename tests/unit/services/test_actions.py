"""Acting on steps: complete, skip, snooze, keep, start on demand (undo: test_undo.py)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cockpit.clock import FixedClock
from cockpit.domain.errors import NotFoundError, RuleError, ValidationError
from cockpit.domain.focus import FocusKind
from cockpit.domain.occurrence import OccurrenceStatus, StepStatus
from cockpit.services import actions
from cockpit.services.context import Cockpit
from cockpit.services.day import plan_day
from cockpit.services.focus import start_focus, stop_focus
from tests.unit.services.helpers import MONDAY, ids, open_run, reopen, runs_of, steps_of

TUESDAY = MONDAY + timedelta(days=1)


def test_complete_a_step_with_minutes(sample: Cockpit) -> None:
    run = open_run(sample, "Weekly social posts")
    change = actions.complete(sample, f"{run.no}.2", 12)
    assert change.message.startswith(f"done: {run.no}.2 ")
    assert "Weekly social posts" in change.message
    assert change.before == (run,)
    (after,) = change.after
    state = after.steps[1]
    assert state.status is StepStatus.DONE and state.minutes == 12
    assert state.done_at == sample.now()
    assert after.is_open  # the other steps are still open
    assert f"{run.no}.2" not in ids(sample)
    assert f"{run.no}.1" in ids(sample)
    assert sample.store.occurrence(run.no) == after
    with pytest.raises(RuleError, match="already done"):
        actions.complete(sample, f"{run.no}.2", 3)
    with pytest.raises(ValidationError, match="negative"):
        actions.complete(sample, f"{run.no}.3", -1)


def test_minutes_default_to_the_focus_time_logged_on_the_step(
    sample: Cockpit, clock: FixedClock
) -> None:
    run = open_run(sample, "Inbox zero")
    for length in (10, 15):  # two sessions on step 1
        start_focus(sample, FocusKind.STOPWATCH, ref=f"{run.no}.1")
        clock.advance(minutes=length)
        stop_focus(sample)
    start_focus(sample, FocusKind.STOPWATCH, ref=f"{run.no}.2")  # discarded: counts nothing
    clock.advance(minutes=8)
    stop_focus(sample, keep=False)

    assert actions.complete(sample, f"{run.no}.1").after[0].steps[0].minutes == 25
    assert actions.complete(sample, f"{run.no}.2").after[0].steps[1].minutes is None
    assert actions.complete(sample, f"{run.no}.3", 4).after[0].steps[2].minutes == 4


def test_complete_a_whole_run(sample: Cockpit) -> None:
    run = open_run(sample, "Receive payments")  # steps of 4, 6 and 5 minutes
    actions.complete(sample, f"{run.no}.1", 2)
    change = actions.complete(sample, str(run.no), 22)
    assert change.message.endswith("the run is complete")
    (after,) = change.after
    assert after.status is OccurrenceStatus.DONE
    assert after.closed_on == MONDAY
    assert after.steps[0].minutes == 2  # done before: untouched
    assert [s.minutes for s in after.steps[1:]] == [12, 10]  # 22 shared as 6 : 5
    assert all(s.status is StepStatus.DONE for s in after.steps)
    assert not steps_of(plan_day(sample), "Receive payments")
    with pytest.raises(RuleError, match="already done"):
        actions.complete(sample, str(run.no))


def test_skip_a_step_and_a_run_with_a_reason(sample: Cockpit) -> None:
    run = open_run(sample, "Weekly social posts")
    step = actions.skip(sample, f"{run.no}.1", "  nothing   to post ")
    assert step.message.startswith(f"skipped: {run.no}.1 ")
    state = step.after[0].steps[0]
    assert (state.status, state.reason) == (StepStatus.SKIPPED, "nothing to post")

    whole = actions.skip(sample, str(run.no), "client on holiday")
    (after,) = whole.after
    assert after.status is OccurrenceStatus.SKIPPED
    assert after.reason == "client on holiday"
    assert after.steps[0].reason == "nothing to post"  # skipped before: keeps its reason
    assert {s.reason for s in after.steps[1:]} == {"client on holiday"}
    assert not steps_of(plan_day(sample), "Weekly social posts")


@pytest.mark.parametrize("reason", ["", "   ", "\n\t"])
def test_skip_without_a_reason_is_refused(sample: Cockpit, reason: str) -> None:
    run = open_run(sample, "Weekly social posts")
    stored = sample.store.path.read_bytes()
    with pytest.raises(ValidationError, match="needs a reason") as refused:
        actions.skip(sample, f"{run.no}.1", reason)
    assert refused.value.field == "reason"
    with pytest.raises(ValidationError, match="needs a reason"):
        actions.skip(sample, str(run.no), reason)
    assert sample.store.occurrence(run.no) == run
    assert sample.store.path.read_bytes() == stored


def test_snooze_to_tomorrow(sample: Cockpit, clock: FixedClock) -> None:
    run = open_run(sample, "Weekly social posts")  # next run: Monday after
    change = actions.snooze(sample, f"{run.no}.3", TUESDAY)
    assert change.message.startswith(f"snoozed to {TUESDAY.isoformat()}: {run.no}.3")
    assert change.after[0].steps[2].snoozed_to == TUESDAY
    assert f"{run.no}.3" not in ids(sample)
    tomorrow = plan_day(sample, TUESDAY).find(f"{run.no}.3")
    assert tomorrow is not None and (tomorrow.due, tomorrow.overdue_days) == (TUESDAY, 0)

    whole = actions.snooze(sample, str(run.no), MONDAY + timedelta(days=6))  # Sunday
    assert {s.snoozed_to for s in whole.after[0].steps} == {MONDAY + timedelta(days=6)}
    assert not steps_of(plan_day(sample), "Weekly social posts")


def test_snooze_onto_or_past_the_next_run_is_refused(sample: Cockpit) -> None:
    inbox = open_run(sample, "Inbox zero")  # daily: the next run is tomorrow
    with pytest.raises(RuleError) as refused:
        actions.snooze(sample, f"{inbox.no}.1", TUESDAY)
    message = str(refused.value)
    assert f"can't snooze to {TUESDAY.isoformat()}" in message
    assert f"the next run falls due on {TUESDAY.isoformat()}" in message
    assert "so this one can't move; do it, skip it, or keep it" in message

    social = open_run(sample, "Weekly social posts")
    next_monday = MONDAY + timedelta(days=7)
    for late in (next_monday, next_monday + timedelta(days=3)):
        with pytest.raises(RuleError, match=f"falls due on {next_monday.isoformat()}"):
            actions.snooze(sample, str(social.no), late)
    assert sample.store.occurrence(social.no) == social
    assert sample.store.occurrence(inbox.no) == inbox


@pytest.mark.parametrize("days", [0, -1])
def test_snooze_to_today_or_before_is_refused(sample: Cockpit, days: int) -> None:
    run = open_run(sample, "Weekly social posts")
    with pytest.raises(RuleError, match=f"later date than {MONDAY.isoformat()}"):
        actions.snooze(sample, f"{run.no}.1", MONDAY + timedelta(days=days))
    assert sample.store.occurrence(run.no) == run


def test_a_kept_run_is_not_missed_when_the_next_falls_due(
    sample: Cockpit, clock: FixedClock
) -> None:
    inbox = open_run(sample, "Inbox zero")
    delivery = open_run(sample, "Plan the delivery day")
    change = actions.keep(sample, f"{inbox.no}.2")  # a step names its run
    assert change.message.startswith("kept: ")
    assert change.after[0].kept is True
    sample.close()
    clock.advance(days=2)
    with reopen(sample, clock) as ctx:
        plan = plan_day(ctx)
        kept = ctx.store.occurrence(inbox.no)
        assert kept is not None and kept.is_open and kept.kept
        missed = ctx.store.occurrence(delivery.no)
        assert missed is not None and missed.status is OccurrenceStatus.MISSED
        late = [d for d in plan.steps if d.occurrence.no == inbox.no]
        assert [d.position for d in late] == [1, 2, 3, 4]
        assert {d.overdue_days for d in late} == {2}
        # the kept run did not stop the next ones: Tuesday's was missed, Wednesday's is open
        assert [r.status.value for r in runs_of(ctx, "Inbox zero")] == ["open", "missed", "open"]

        off = actions.keep(ctx, str(inbox.no), False)
        assert off.message.startswith("no longer kept: ") and off.after[0].kept is False
        ctx.refresh()
        again = ctx.store.occurrence(inbox.no)
        assert again is not None and again.status is OccurrenceStatus.MISSED


def test_start_an_on_demand_process_by_name(sample: Cockpit) -> None:
    change = actions.start(sample, "  WRITE a case  ")  # a unique part of the name
    (run,) = change.after
    assert change.before == ()
    assert change.message == f'started "Write a case study" as run {run.no} of 2026-11-23'
    assert run.manual and run.is_open and run.date == MONDAY
    assert sample.store.occurrence(run.no) == run
    assert [d.id for d in plan_day(sample).steps if d.occurrence.no == run.no] == [
        f"{run.no}.{i}" for i in range(1, 5)
    ]
    exact = actions.start(sample, "Client offboarding")
    assert exact.after[0].process_id == "client-offboarding"
    by_id = actions.start(sample, "qualify-a-new-lead", MONDAY + timedelta(days=3))
    assert by_id.after[0].date == MONDAY + timedelta(days=3)
    assert by_id.after[0].no == exact.after[0].no + 1 == run.no + 2


def test_start_names_every_match_of_an_ambiguous_name(sample: Cockpit) -> None:
    with pytest.raises(NotFoundError) as ambiguous:
        actions.start(sample, "weekly")
    message = str(ambiguous.value)
    assert '"weekly" matches several processes' in message
    for name in ("Weekly client update", "Weekly social posts"):
        assert name in message
    with pytest.raises(NotFoundError, match='no process called "tax return"'):
        actions.start(sample, "tax return")
    with pytest.raises(NotFoundError):
        actions.start(sample, "   ")
    with pytest.raises(RuleError, match="in the past"):
        actions.start(sample, "Write a case study", MONDAY - timedelta(days=1))
    assert not [r for r in sample.store.occurrences() if r.manual]


def test_a_run_started_by_hand_with_a_reminder_the_day_before_is_due_today(
    sample: Cockpit, clock: FixedClock
) -> None:
    change = actions.start(sample, "discovery call")
    (run,) = change.after
    assert run.process_id == "book-a-discovery-call"
    assert run.date == TUESDAY  # its first steps (offset -1) fall due today
    due = [d for d in plan_day(sample).steps if d.occurrence.no == run.no]
    assert [(d.position, d.due, d.overdue_days) for d in due] == [
        (1, MONDAY, 0),
        (2, MONDAY, 0),
    ]
    # a run started by hand is never missed
    sample.close()
    clock.advance(days=10)
    with reopen(sample, clock) as ctx:
        ctx.refresh()
        later = ctx.store.occurrence(run.no)
        assert later is not None and later.is_open
        overdue = [d for d in plan_day(ctx).steps if d.occurrence.no == run.no]
        assert [d.overdue_days for d in overdue] == [10, 10, 9, 9, 8]


def test_resolve_refuses_unknown_and_malformed_ids(sample: Cockpit) -> None:
    run = open_run(sample, "Inbox zero")
    with pytest.raises(NotFoundError, match="there is no run number 999"):
        actions.complete(sample, "999.1")
    with pytest.raises(ValidationError, match="is not a step ID"):
        actions.complete(sample, "abc")
    with pytest.raises(ValidationError, match="is not a step ID"):
        actions.skip(sample, "1.2.3", "why")
    with pytest.raises(NotFoundError, match=f"has steps 1 to {len(run.steps)}"):
        actions.snooze(sample, f"{run.no}.99", TUESDAY)
    with pytest.raises(NotFoundError):
        actions.keep(sample, f"{run.no}.0")
    assert actions.resolve(sample, f" {run.no}.2 ").step_id == run.steps[1].step_id
    assert actions.resolve(sample, str(run.no)).step_id is None
