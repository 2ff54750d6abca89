"""Focus sessions through the service: one at a time, stored when started, logged on stop."""

from __future__ import annotations

from datetime import time, timedelta
from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.domain.errors import NotFoundError, RuleError, ValidationError
from cockpit.domain.focus import FocusKind, FocusStatus
from cockpit.services import actions
from cockpit.services.business import load_sample
from cockpit.services.context import Cockpit
from cockpit.services.day import plan_day
from cockpit.services.focus import (
    active_focus,
    extend_focus,
    pause_focus,
    resume_focus,
    start_focus,
    stop_focus,
)
from tests.unit.services.helpers import MONDAY, SETTINGS, TZ, open_run, reopen


def test_a_countdown_on_a_step_lasts_its_estimate(sample: Cockpit) -> None:
    run = open_run(sample, "Weekly social posts")
    process = sample.process_lookup()[(run.process_id, run.process_version)]
    estimate = process.steps[2].estimate_minutes
    assert estimate == 20
    session = start_focus(sample, FocusKind.COUNTDOWN, ref=f"{run.no}.3")
    assert session.planned_seconds == estimate * 60
    assert (session.occurrence_no, session.step_id) == (run.no, run.steps[2].step_id)
    assert session.role == process.role == "marketing"
    assert session.started_at == sample.now()
    assert session.status is FocusStatus.RUNNING
    assert active_focus(sample) == session

    with pytest.raises(RuleError, match="already running"):
        start_focus(sample, FocusKind.POMODORO, role="Sales")
    assert active_focus(sample) == session


@pytest.mark.parametrize(
    ("kind", "minutes", "planned"),
    [
        (FocusKind.POMODORO, None, 25 * 60),
        (FocusKind.STOPWATCH, None, None),
        (FocusKind.COUNTDOWN, 40, 40 * 60),
    ],
)
def test_lengths_of_sessions_for_a_role(
    sample: Cockpit, kind: FocusKind, minutes: int | None, planned: int | None
) -> None:
    session = start_focus(sample, kind, role="admin", minutes=minutes)
    assert session.planned_seconds == planned
    assert session.role == "admin"
    assert session.occurrence_no is None and session.step_id is None


def test_bad_starts_are_refused_and_nothing_is_stored(sample: Cockpit) -> None:
    run = open_run(sample, "Inbox zero")
    with pytest.raises(ValidationError, match="one step"):
        start_focus(sample, FocusKind.POMODORO, ref=str(run.no))
    with pytest.raises(ValidationError, match="needs a step or a role"):
        start_focus(sample, FocusKind.POMODORO)
    with pytest.raises(NotFoundError, match='no role called "Finance"'):
        start_focus(sample, FocusKind.POMODORO, role="Finance")
    with pytest.raises(ValidationError, match="positive"):
        start_focus(sample, FocusKind.COUNTDOWN, role="Sales", minutes=0)
    with pytest.raises(NotFoundError):
        start_focus(sample, FocusKind.POMODORO, ref="999.1")
    assert active_focus(sample) is None
    assert sample.store.focus_sessions() == []
    for change in (pause_focus, resume_focus, extend_focus, stop_focus):
        with pytest.raises(RuleError, match="no focus session is running"):
            change(sample)


def test_pause_resume_extend_and_stop_log_the_minutes_worked(
    sample: Cockpit, clock: FixedClock
) -> None:
    run = open_run(sample, "Weekly social posts")
    start_focus(sample, FocusKind.COUNTDOWN, ref=f"{run.no}.3")  # 20 minutes
    clock.advance(minutes=5)
    paused = pause_focus(sample)
    assert paused.status is FocusStatus.PAUSED
    clock.advance(minutes=30)  # a long pause does not count, nor run the time out
    assert active_focus(sample) == paused
    resumed = resume_focus(sample)
    assert resumed.status is FocusStatus.RUNNING
    assert resumed.elapsed(sample.now()) == timedelta(minutes=5)
    clock.advance(minutes=14)
    extended = extend_focus(sample, 600)
    assert extended.planned_seconds == 30 * 60
    assert extended.remaining(sample.now()) == timedelta(minutes=11)
    clock.advance(minutes=7)
    logged = stop_focus(sample)
    assert logged.status is FocusStatus.LOGGED
    assert logged.minutes == 5 + 14 + 7
    assert logged.ended_at == sample.now()
    assert active_focus(sample) is None
    assert sample.store.focus_sessions() == [logged]
    # the step's minutes default to the focus time
    done = actions.complete(sample, f"{run.no}.3")
    assert done.after[0].steps[2].minutes == 26


def test_a_countdown_that_ran_out_logs_its_planned_length(
    sample: Cockpit, clock: FixedClock
) -> None:
    start_focus(sample, FocusKind.COUNTDOWN, role="Sales", minutes=10)
    clock.advance(minutes=45)  # nobody stopped it
    logged = stop_focus(sample)
    assert logged.minutes == 10
    assert logged.ended_at == logged.started_at + timedelta(minutes=10)


def test_a_running_session_survives_closing_the_cockpit(sample: Cockpit, clock: FixedClock) -> None:
    run = open_run(sample, "Inbox zero")
    session = start_focus(sample, FocusKind.STOPWATCH, ref=f"{run.no}.1")
    sample.close()  # quit (or crash) right after starting
    clock.advance(minutes=12)
    with reopen(sample, clock) as again:
        found = active_focus(again)
        assert found == session
        assert found is not None and found.elapsed(again.now()) == timedelta(minutes=12)
        pause_focus(again)
    clock.advance(minutes=30)
    with reopen(again, clock) as third:  # the pause is stored too
        paused = active_focus(third)
        assert paused is not None and paused.status is FocusStatus.PAUSED
        assert paused.elapsed(third.now()) == timedelta(minutes=12)
        resume_focus(third)
        clock.advance(minutes=3)
        assert stop_focus(third).minutes == 15
        assert active_focus(third) is None


def test_stop_without_keeping_discards_the_session(sample: Cockpit, clock: FixedClock) -> None:
    run = open_run(sample, "Inbox zero")
    start_focus(sample, FocusKind.POMODORO, ref=f"{run.no}.1")
    clock.advance(minutes=10)
    discarded = stop_focus(sample, keep=False)
    assert discarded.status is FocusStatus.DISCARDED
    assert discarded.minutes is None
    assert active_focus(sample) is None
    assert actions.complete(sample, f"{run.no}.1").after[0].steps[0].minutes is None
    # a new session may start after it
    assert start_focus(sample, FocusKind.POMODORO, role="Admin").id == discarded.id + 1


@pytest.mark.parametrize("case", ["reminder the day before", "just after local midnight"])
def test_focus_minutes_are_found_for_every_step(
    data_path: Path, clock: FixedClock, case: str
) -> None:
    if case == "just after local midnight":  # 00:30 in Berlin is 23:30 UTC the day before
        clock = FixedClock.on(MONDAY, TZ, time(0, 30))
    with Cockpit.open(data_path, clock, SETTINGS) as ctx:
        load_sample(ctx)
        if case == "reminder the day before":
            (run,) = actions.start(ctx, "Book a discovery call").after
            assert run.date > ctx.today()  # its first step is due today
        else:
            plan_day(ctx)
            run = open_run(ctx, "Inbox zero")
        start_focus(ctx, FocusKind.STOPWATCH, ref=f"{run.no}.1")
        clock.advance(minutes=6)
        assert stop_focus(ctx).minutes == 6
        done = actions.complete(ctx, f"{run.no}.1")
        assert done.after[0].steps[0].minutes == 6
