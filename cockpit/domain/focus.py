"""Focus sessions: timed blocks of focused work, computed from stored instants.

A session is stored when it starts, with its pauses; elapsed time is always
computed from those instants and a `now` passed in, never from counted ticks,
so a restart, a crash or a suspended laptop loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from cockpit.domain.errors import RuleError, ValidationError


class FocusKind(StrEnum):
    POMODORO = "pomodoro"
    COUNTDOWN = "countdown"
    STOPWATCH = "stopwatch"


class FocusStatus(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    LOGGED = "logged"
    DISCARDED = "discarded"


@dataclass(frozen=True, slots=True)
class Pause:
    start: datetime
    end: datetime | None = None

    def length(self, now: datetime) -> timedelta:
        return (self.end or now) - self.start


@dataclass(frozen=True, slots=True)
class FocusSession:
    """A timed block of work for a role, usually on one step."""

    id: int
    kind: FocusKind
    role: str
    started_at: datetime
    planned_seconds: int | None = None
    occurrence_no: int | None = None
    step_id: str | None = None
    pauses: tuple[Pause, ...] = ()
    ended_at: datetime | None = None
    status: FocusStatus = FocusStatus.RUNNING
    minutes: int | None = None
    note: str = ""
    uid: str = ""  # its ULID: the identity that survives two devices (`id` is per file)
    break_ends: datetime | None = None  # the break a full pomodoro earned ends then (or skipped)
    task_uid: str = ""  # the task it is on (its ULID: the same on every device), if any

    def __post_init__(self) -> None:
        if self.planned_seconds is not None and self.planned_seconds <= 0:
            raise ValidationError("a focus session needs a positive length", "minutes")
        if self.kind is not FocusKind.STOPWATCH and self.planned_seconds is None:
            raise ValidationError(f"a {self.kind} session needs a length", "minutes")

    @property
    def active(self) -> bool:
        return self.status in (FocusStatus.RUNNING, FocusStatus.PAUSED)

    def elapsed(self, now: datetime) -> timedelta:
        end = self.ended_at or now
        paused = sum((pause.length(end) for pause in self.pauses), timedelta())
        return max(timedelta(), end - self.started_at - paused)

    def remaining(self, now: datetime) -> timedelta | None:
        if self.planned_seconds is None:
            return None
        return timedelta(seconds=self.planned_seconds) - self.elapsed(now)

    def is_over(self, now: datetime) -> bool:
        remaining = self.remaining(now)
        return remaining is not None and remaining <= timedelta()

    def ends_at(self, now: datetime) -> datetime | None:
        """The instant the planned time runs out, if the session is not paused further."""
        remaining = self.remaining(now)
        if remaining is None:
            return None
        return now + remaining

    def _require_active(self) -> None:
        if not self.active:
            raise RuleError(f"focus session {self.id} has ended")

    def pause(self, now: datetime) -> FocusSession:
        self._require_active()
        if self.status is FocusStatus.PAUSED:
            return self
        return replace(self, status=FocusStatus.PAUSED, pauses=(*self.pauses, Pause(now)))

    def resume(self, now: datetime) -> FocusSession:
        self._require_active()
        if self.status is FocusStatus.RUNNING:
            return self
        *rest, last = self.pauses
        return replace(self, status=FocusStatus.RUNNING, pauses=(*rest, Pause(last.start, now)))

    def extend(self, seconds: int) -> FocusSession:
        self._require_active()
        if self.planned_seconds is None:
            raise RuleError("a stopwatch has no end to extend")
        return replace(self, planned_seconds=self.planned_seconds + seconds)

    def finish(self, now: datetime, *, keep: bool = True) -> FocusSession:
        """End the session; logged minutes are the elapsed time, capped at the plan if over."""
        self._require_active()
        end = now
        if self.planned_seconds is not None and self.is_over(now):
            # the time ran out while nobody was looking: log the planned length
            end = self._instant_of(timedelta(seconds=self.planned_seconds))
        closed = self._close_pauses(end)
        minutes = round(closed.elapsed(end).total_seconds() / 60)
        return replace(
            closed,
            ended_at=end,
            status=FocusStatus.LOGGED if keep else FocusStatus.DISCARDED,
            minutes=minutes if keep else None,
        )

    @property
    def ran_full(self) -> bool:
        """Logged, and worked for its whole planned length (a stop after 16 s did not)."""
        if self.status is not FocusStatus.LOGGED or self.planned_seconds is None:
            return False
        assert self.ended_at is not None
        return self.elapsed(self.ended_at) >= timedelta(seconds=self.planned_seconds)

    def on_break(self, now: datetime) -> bool:
        return self.break_ends is not None and self.ended_at is not None and now < self.break_ends

    def skip_break(self, now: datetime) -> FocusSession:
        if not self.on_break(now):
            raise RuleError("no break is running")
        return replace(self, break_ends=now)

    def _close_pauses(self, end: datetime) -> FocusSession:
        pauses = tuple(
            p if p.end is not None else Pause(p.start, max(p.start, end)) for p in self.pauses
        )
        return replace(self, pauses=pauses)

    def _instant_of(self, worked: timedelta) -> datetime:
        """The instant at which `worked` time had elapsed, walking through the pauses."""
        at = self.started_at
        left = worked
        for pause in self.pauses:
            if at + left <= pause.start:
                break
            left -= pause.start - at
            if pause.end is None:
                return pause.start
            at = pause.end
        return at + left


@dataclass(frozen=True, slots=True)
class BreakRule:
    """The pomodoro technique's breaks: a short one after each pomodoro, a long one after
    every `long_every`th of the day."""

    short_minutes: int = 5
    long_minutes: int = 15
    long_every: int = 4

    def earned(self, session: FocusSession, full_before_today: int) -> int | None:
        """The minutes of break `session` earns, `full_before_today` full pomodoros done
        earlier the same day: none unless it is a pomodoro that ran its whole length."""
        if session.kind is not FocusKind.POMODORO or not session.ran_full:
            return None
        if (full_before_today + 1) % self.long_every == 0:
            return self.long_minutes
        return self.short_minutes


def with_break(session: FocusSession, minutes: int) -> FocusSession:
    """The session with its earned break, starting when it ended."""
    assert session.ended_at is not None
    return replace(session, break_ends=session.ended_at + timedelta(minutes=minutes))


def break_left(session: FocusSession, now: datetime) -> tuple[timedelta, timedelta] | None:
    """(time left, whole length) of the session's break at `now`, or None if none runs."""
    if not session.on_break(now):
        return None
    assert session.break_ends is not None and session.ended_at is not None
    return session.break_ends - now, session.break_ends - session.ended_at
