"""Tasks: one-off work beside the process steps ("Call the accountant about VAT").

A task belongs to a role (or to none yet), may have a due date (without one it waits in
the inbox), an estimate, and a system it is about. It is done, skipped with a reason, or
moved to another day; `first_due` keeps the first date it was given, so the signals can
tell a task carried over for weeks from one planned late.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from cockpit.domain.errors import ValidationError
from cockpit.domain.model import require_day, require_line, require_minutes, require_name


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class Task:
    id: int
    title: str
    created_at: datetime
    role_id: str | None = None
    system_id: str | None = None
    due: date | None = None  # None: in the inbox
    estimate: int | None = None  # minutes
    status: TaskStatus = TaskStatus.OPEN
    closed_at: datetime | None = None
    minutes: int | None = None  # the time it took, when done
    reason: str = ""  # why it was skipped
    first_due: date | None = None  # the first due date it was given
    uid: str = ""  # its ULID: the identity that survives two devices (`id` is per file)

    def __post_init__(self) -> None:
        if isinstance(self.id, bool) or not isinstance(self.id, int) or self.id < 1:
            raise ValidationError(f"a task id is a whole number from 1, not {self.id!r}", "id")
        object.__setattr__(self, "title", require_name(self.title, "a task", "title"))
        require_line(self.reason, "the reason", "reason")
        require_minutes(self.estimate, "estimate", optional=True)
        require_minutes(self.minutes, "minutes", optional=True)
        for day, what in ((self.due, "the due date"), (self.first_due, "the first due date")):
            if day is not None:
                require_day(day, what, "due")
        if self.status is TaskStatus.OPEN and self.closed_at is not None:
            raise ValidationError("an open task has no closing time", "status")
        if self.status is TaskStatus.OPEN and (self.minutes is not None or self.reason):
            field = "minutes" if self.minutes is not None else "reason"
            raise ValidationError(f"an open task has no {field} (only a closed one)", field)
        if self.status is not TaskStatus.OPEN and self.closed_at is None:
            raise ValidationError(f"a {self.status} task needs its closing time", "status")

    @property
    def key(self) -> str:
        """Its key in the day, as the command line takes it (`cockpit done t12`)."""
        return f"t{self.id}"

    @property
    def is_open(self) -> bool:
        return self.status is TaskStatus.OPEN

    @property
    def in_inbox(self) -> bool:
        """Open and without a date: it waits to be triaged."""
        return self.is_open and self.due is None

    def due_on(self, day: date) -> bool:
        """Open and due on the day or before (an overdue task is still due)."""
        return self.is_open and self.due is not None and self.due <= day

    def carried_days(self, today: date) -> int:
        """Days since the first date it was due, while it is still open (0 if never due or
        not yet due): how long it has been carried over."""
        if not self.is_open or self.first_due is None or self.first_due >= today:
            return 0
        return (today - self.first_due).days

    def days_late(self, day: date) -> int:
        """How late it is on `day`, counted from the first date it was due (a task moved to
        today after a week of carrying over is a week late); 0 when not due yet."""
        return self.carried_days(day) if self.due_on(day) else 0

    def moved_to(self, day: date | None) -> Task:
        """Due on another day (None: back to the inbox); the first due date stays."""
        return replace(self, due=day, first_due=self.first_due or day)

    def done(self, at: datetime, minutes: int | None = None) -> Task:
        return replace(self, status=TaskStatus.DONE, closed_at=at, minutes=minutes)

    def skipped(self, at: datetime, reason: str) -> Task:
        reason = " ".join(reason.split())
        if not reason:
            raise ValidationError("skipping a task needs a reason", "reason")
        return replace(self, status=TaskStatus.SKIPPED, closed_at=at, reason=reason)

    def reopened(self) -> Task:
        return replace(self, status=TaskStatus.OPEN, closed_at=None, minutes=None, reason="")
