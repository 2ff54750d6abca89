from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cockpit.domain.errors import RuleError, ValidationError
from cockpit.domain.focus import FocusKind, FocusSession, FocusStatus

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def minutes(n: float) -> timedelta:
    return timedelta(minutes=n)


def session(kind: FocusKind = FocusKind.POMODORO, planned: int | None = 25 * 60) -> FocusSession:
    return FocusSession(id=1, kind=kind, role="sales", started_at=T0, planned_seconds=planned)


def test_elapsed_is_computed_from_instants() -> None:
    assert session().elapsed(T0 + minutes(10)) == minutes(10)
    assert session().remaining(T0 + minutes(10)) == minutes(15)


def test_pauses_do_not_count() -> None:
    s = session().pause(T0 + minutes(5)).resume(T0 + minutes(15))
    assert s.elapsed(T0 + minutes(20)) == minutes(10)
    assert s.pause(T0 + minutes(20)).elapsed(T0 + minutes(60)) == minutes(10)


def test_a_session_survives_a_restart_as_data() -> None:
    s = session().pause(T0 + minutes(5))
    restored = FocusSession(**{f: getattr(s, f) for f in s.__slots__})
    assert restored.elapsed(T0 + minutes(50)) == minutes(5)
    assert restored.status is FocusStatus.PAUSED


def test_finish_logs_minutes() -> None:
    done = session().finish(T0 + minutes(12))
    assert done.status is FocusStatus.LOGGED and done.minutes == 12


def test_finish_after_the_time_ran_out_logs_the_planned_length() -> None:
    done = session().finish(T0 + timedelta(hours=3))
    assert done.minutes == 25
    assert done.ended_at == T0 + minutes(25)


def test_run_out_accounts_for_pauses() -> None:
    s = session().pause(T0 + minutes(10)).resume(T0 + minutes(30))
    done = s.finish(T0 + timedelta(hours=2))
    assert done.minutes == 25 and done.ended_at == T0 + minutes(45)


def test_discard_logs_nothing() -> None:
    done = session().finish(T0 + minutes(5), keep=False)
    assert done.status is FocusStatus.DISCARDED and done.minutes is None


def test_extend_adds_time() -> None:
    assert session().extend(300).remaining(T0) == minutes(30)


def test_stopwatch_has_no_end() -> None:
    watch = session(FocusKind.STOPWATCH, None)
    assert watch.remaining(T0) is None and not watch.is_over(T0 + timedelta(hours=5))
    with pytest.raises(RuleError):
        watch.extend(300)
    assert watch.finish(T0 + minutes(95)).minutes == 95


def test_an_ended_session_refuses_changes() -> None:
    with pytest.raises(RuleError):
        session().finish(T0 + minutes(1)).pause(T0 + minutes(2))


def test_lengths_must_be_positive() -> None:
    with pytest.raises(ValidationError):
        session(planned=0)
    with pytest.raises(ValidationError):
        session(FocusKind.COUNTDOWN, None)
