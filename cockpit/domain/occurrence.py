"""Occurrences (runs) of a process and the state of each of their steps.

An occurrence is one instance of a process for one date. Its steps are named
by the ids of the process version it was created from, so editing the process
later does not change what a past run had. Every change returns a new frozen
occurrence; nothing here reads the clock: instants and dates come in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from enum import StrEnum

from cockpit.domain.errors import RuleError, ValidationError
from cockpit.domain.model import require_day, require_line

Date = date  # fields named "date" shadow the type inside classes


class StepStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    SKIPPED = "skipped"


class OccurrenceStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    SKIPPED = "skipped"
    MISSED = "missed"


@dataclass(frozen=True, slots=True)
class StepState:
    """Where one step of one occurrence stands."""

    step_id: str
    status: StepStatus = StepStatus.OPEN
    done_at: datetime | None = None
    minutes: int | None = None
    reason: str = ""
    snoozed_to: date | None = None

    @property
    def is_open(self) -> bool:
        return self.status is StepStatus.OPEN


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One run of a process for one date.

    `closed_on` is the local date it was done, skipped or found missed: the
    after-completion schedules count from it, and routines judge "on time" by it.
    """

    no: int
    process_id: str
    process_version: int
    date: Date
    steps: tuple[StepState, ...]
    status: OccurrenceStatus = OccurrenceStatus.OPEN
    closed_at: datetime | None = None
    closed_on: Date | None = None
    reason: str = ""
    kept: bool = False
    manual: bool = False
    uid: str = ""  # a run started by hand: its ULID (`identity`)

    @property
    def is_open(self) -> bool:
        return self.status is OccurrenceStatus.OPEN

    @property
    def identity(self) -> str:
        """What makes two devices' copies of this run one run: its ULID if it has one (a run
        started by hand), else its process and date (a scheduled run). `no` is per file."""
        return self.uid or f"{self.process_id}@{self.date.isoformat()}"

    @property
    def done_count(self) -> int:
        return sum(1 for state in self.steps if state.status is StepStatus.DONE)

    @property
    def closed_count(self) -> int:
        return sum(1 for state in self.steps if not state.is_open)

    @property
    def minutes(self) -> int:
        return sum(state.minutes or 0 for state in self.steps)

    def position(self, step_id: str) -> int:
        """1-based position of a step in this occurrence."""
        for index, state in enumerate(self.steps, start=1):
            if state.step_id == step_id:
                return index
        raise KeyError(step_id)

    def state(self, step_id: str) -> StepState:
        return self.steps[self.position(step_id) - 1]

    # -- changes ---------------------------------------------------------------

    def _require_open(self) -> None:
        if not self.is_open:
            raise RuleError(f"occurrence {self.no} of {self.date} is already {self.status.value}")

    def _open_state(self, step_id: str) -> StepState:
        self._require_open()
        try:
            state = self.state(step_id)
        except KeyError:
            raise RuleError(f"occurrence {self.no} has no step {step_id}") from None
        if not state.is_open:
            raise RuleError(f"step {self.no}.{self.position(step_id)} is already {state.status}")
        return state

    def _with_state(self, new: StepState, at: datetime, today: Date) -> Occurrence:
        steps = tuple(new if s.step_id == new.step_id else s for s in self.steps)
        occurrence = replace(self, steps=steps)
        if all(not s.is_open for s in steps):
            done = any(s.status is StepStatus.DONE for s in steps)
            status = OccurrenceStatus.DONE if done else OccurrenceStatus.SKIPPED
            reason = "" if done else "; ".join(dict.fromkeys(s.reason for s in steps if s.reason))
            occurrence = replace(
                occurrence, status=status, closed_at=at, closed_on=today, reason=reason
            )
        return occurrence

    def complete_step(
        self, step_id: str, at: datetime, today: Date, minutes: int | None = None
    ) -> Occurrence:
        """Mark a step done; completing the last open step completes the occurrence."""
        state = self._open_state(step_id)
        if minutes is not None and minutes < 0:
            raise ValidationError(f"minutes can't be negative ({minutes})", "minutes")
        new = replace(state, status=StepStatus.DONE, done_at=at, minutes=minutes, snoozed_to=None)
        return self._with_state(new, at, today)

    def skip_step(self, step_id: str, reason: str, at: datetime, today: Date) -> Occurrence:
        state = self._open_state(step_id)
        new = replace(
            state, status=StepStatus.SKIPPED, done_at=at, reason=_reason(reason), snoozed_to=None
        )
        return self._with_state(new, at, today)

    def snooze_step(self, step_id: str, to: Date, today: Date, limit: Date | None) -> Occurrence:
        """Move a step to a later date, but not onto or past the next occurrence."""
        state = self._open_state(step_id)
        _check_snooze(to, today, limit)
        return replace(
            self,
            steps=tuple(
                replace(s, snoozed_to=to) if s.step_id == state.step_id else s for s in self.steps
            ),
        )

    def complete_all(
        self, at: datetime, today: Date, minutes: int | None, estimates: Sequence[int]
    ) -> Occurrence:
        """Complete every open step; minutes (if given) shared in proportion to estimates."""
        self._require_open()
        open_ids = [s.step_id for s in self.steps if s.is_open]
        shares = _share(minutes, [estimates[self.position(i) - 1] for i in open_ids])
        occurrence = self
        for step_id, share in zip(open_ids, shares, strict=True):
            occurrence = occurrence.complete_step(step_id, at, today, share)
        return occurrence

    def skip(self, reason: str, at: datetime, today: Date) -> Occurrence:
        """Skip the whole occurrence: neither done nor missed."""
        self._require_open()
        why = _reason(reason)
        steps = tuple(
            replace(s, status=StepStatus.SKIPPED, done_at=at, reason=why, snoozed_to=None)
            if s.is_open
            else s
            for s in self.steps
        )
        return replace(
            self,
            steps=steps,
            status=OccurrenceStatus.SKIPPED,
            closed_at=at,
            closed_on=today,
            reason=why,
        )

    def snooze(self, to: Date, today: Date, limit: Date | None) -> Occurrence:
        self._require_open()
        _check_snooze(to, today, limit)
        steps = tuple(replace(s, snoozed_to=to) if s.is_open else s for s in self.steps)
        return replace(self, steps=steps)

    def keep(self, kept: bool = True) -> Occurrence:
        """Keep an unfinished occurrence on the list after the next one falls due."""
        self._require_open()
        return replace(self, kept=kept)

    def miss(self, at: datetime, on: Date) -> Occurrence:
        self._require_open()
        return replace(self, status=OccurrenceStatus.MISSED, closed_at=at, closed_on=on)


def _reason(reason: str) -> str:
    cleaned = " ".join(reason.split())
    if not cleaned:
        raise ValidationError("a skip needs a reason (why was it not done?)", "reason")
    return require_line(cleaned, "the reason", "reason")  # shown in the review and the CSV


def _check_snooze(to: date, today: date, limit: date | None) -> None:
    require_day(to, "snooze to", "snoozed_to")  # a file with a later date would be refused
    if to <= today:
        raise RuleError(f"snooze to a later date than {today.isoformat()}")
    if limit is not None and to >= limit:
        latest = limit - timedelta(days=1)
        if latest <= today:  # a daily run: its next run is tomorrow, there is no later day
            raise RuleError(
                f"can't snooze to {to.isoformat()}: the next run falls due on "
                f"{limit.isoformat()}, so this one can't move; do it, skip it, or keep it"
            )
        raise RuleError(
            f"can't snooze to {to.isoformat()}: the next run falls due on "
            f"{limit.isoformat()}; the latest is the day before ({latest.isoformat()})"
        )


def _share(minutes: int | None, estimates: Sequence[int]) -> list[int | None]:
    """Split minutes over steps in proportion to their estimates (even split if none)."""
    if minutes is None:
        return [None] * len(estimates)
    if minutes < 0:
        raise ValidationError(f"minutes can't be negative ({minutes})", "minutes")
    weights = list(estimates) if sum(estimates) > 0 else [1] * len(estimates)
    total = sum(weights)
    shares = [minutes * w // total for w in weights]
    shares[-1] += minutes - sum(shares)
    return list(shares)
