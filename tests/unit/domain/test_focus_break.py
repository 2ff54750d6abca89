"""The pomodoro break rule: a full pomodoro earns a short break, every Nth a long one; a
stopped one, a countdown or a stopwatch earns none. The break is data on the session."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.domain.errors import RuleError
from cockpit.domain.focus import BreakRule, FocusKind, FocusSession, break_left, with_break

T0 = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)  # the night Europe's clocks go forward
RULE = BreakRule(short_minutes=5, long_minutes=15, long_every=4)


def pomodoro(worked: timedelta, kind: FocusKind = FocusKind.POMODORO) -> FocusSession:
    planned = None if kind is FocusKind.STOPWATCH else 25 * 60
    started = FocusSession(1, kind, "sales", T0, planned_seconds=planned)
    return started.finish(T0 + worked)


def test_a_full_pomodoro_earns_the_short_break() -> None:
    assert RULE.earned(pomodoro(timedelta(minutes=25)), full_before_today=0) == 5


def test_time_run_out_unseen_is_a_full_pomodoro() -> None:
    assert RULE.earned(pomodoro(timedelta(hours=2)), full_before_today=0) == 5


def test_every_fourth_full_pomodoro_earns_the_long_break() -> None:
    earned = [RULE.earned(pomodoro(timedelta(minutes=25)), full_before_today=n) for n in range(8)]
    assert earned == [5, 5, 5, 15, 5, 5, 5, 15]


@pytest.mark.parametrize("worked", [timedelta(seconds=16), timedelta(minutes=24, seconds=59)])
def test_a_pomodoro_stopped_early_earns_none(worked: timedelta) -> None:
    assert RULE.earned(pomodoro(worked), full_before_today=0) is None


@pytest.mark.parametrize("kind", [FocusKind.COUNTDOWN, FocusKind.STOPWATCH])
def test_other_timers_earn_none(kind: FocusKind) -> None:
    assert RULE.earned(pomodoro(timedelta(minutes=30), kind), full_before_today=0) is None


def test_a_discarded_pomodoro_earns_none() -> None:
    started = FocusSession(1, FocusKind.POMODORO, "sales", T0, planned_seconds=25 * 60)
    discarded = started.finish(T0 + timedelta(minutes=25), keep=False)
    assert RULE.earned(discarded, full_before_today=0) is None


def test_the_break_runs_from_the_end_and_can_be_skipped() -> None:
    done = with_break(pomodoro(timedelta(minutes=25)), 5)
    end = T0 + timedelta(minutes=25)
    assert break_left(done, end + timedelta(minutes=2)) == (
        timedelta(minutes=3),
        timedelta(minutes=5),
    )
    assert break_left(done, end + timedelta(minutes=5)) is None
    skipped = done.skip_break(end + timedelta(minutes=1))
    assert break_left(skipped, end + timedelta(minutes=1)) is None
    with pytest.raises(RuleError):
        skipped.skip_break(end + timedelta(minutes=2))


@given(st.integers(min_value=1, max_value=60), st.integers(min_value=0, max_value=3600))
def test_the_break_left_never_exceeds_its_length(minutes: int, into: int) -> None:
    done = with_break(pomodoro(timedelta(minutes=25)), minutes)
    left = break_left(done, T0 + timedelta(minutes=25, seconds=into))
    if left is not None:
        rest, length = left
        assert timedelta() < rest <= length == timedelta(minutes=minutes)
