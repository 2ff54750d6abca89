"""The tasks of a weekly review: what was done, what slipped, and what they add to a role's
completion and time (`weekly.week_figures` folds these in, so the review, the signals and
the quarter count tasks by one rule).

A task belongs to the week of its due date, as a run to the week of its date: a task due
in the week is due work of its role (and of its system), done when it was done, whenever
that was (a late task counts as done, as a late run does). A task done without ever having
a date belongs to the week it was done in. A skipped task is neither done nor due. A task
still open after its due date has slipped; one due later in a week not over yet is not
counted yet.

Time: the minutes typed when a task was done count for its role in the week it was done
in, unless a focus session on the task logged its time (that session already counts).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from cockpit.domain.tasks import Task, TaskStatus


@dataclass(frozen=True, slots=True)
class TaskWeek:
    done: tuple[Task, ...] = ()  # done in the week, by when they were done
    slipped: tuple[Task, ...] = ()  # open past their due date in the week, by due date
    by_role: dict[str, tuple[int, int]] = field(default_factory=dict)  # (done, due)
    by_system: dict[str, tuple[int, int]] = field(default_factory=dict)
    minutes_by_role: dict[str, int] = field(default_factory=dict)  # typed, not focused


def task_week(
    tasks: Iterable[Task],
    start: date,
    end: date,
    local_date: Callable[[datetime], date],
    *,
    today: date | None = None,
    focused: Collection[str] = (),
) -> TaskWeek:
    """The tasks' part of the week `start`..`end`; `today` (if the week is not over) leaves
    out tasks due after it; `focused` holds the uids of tasks a logged session timed."""
    due_through = end if today is None else min(end, today)
    done: list[tuple[datetime, int, Task]] = []
    slipped: list[Task] = []
    by_role: dict[str, list[int]] = {}
    by_system: dict[str, list[int]] = {}
    minutes: dict[str, int] = {}
    for task in tasks:
        closed_on = local_date(task.closed_at) if task.closed_at is not None else None
        is_done = task.status is TaskStatus.DONE
        if is_done and closed_on is not None and start <= closed_on <= end:
            assert task.closed_at is not None
            done.append((task.closed_at, task.id, task))
            if task.minutes and task.role_id is not None and task.uid not in focused:
                minutes[task.role_id] = minutes.get(task.role_id, 0) + task.minutes
        when = task.due if task.due is not None else (closed_on if is_done else None)
        if when is None or task.status is TaskStatus.SKIPPED:
            continue
        if not start <= when <= due_through:
            continue
        if task.is_open and (today is None or when < today):
            slipped.append(task)
        for key, table in ((task.role_id, by_role), (task.system_id, by_system)):
            if key is not None:
                counts = table.setdefault(key, [0, 0])
                counts[0] += is_done
                counts[1] += 1
    slipped.sort(key=lambda task: (task.due or end, task.id))
    return TaskWeek(
        done=tuple(task for _, _, task in sorted(done, key=lambda found: found[:2])),
        slipped=tuple(slipped),
        by_role={key: (d, t) for key, (d, t) in by_role.items()},
        by_system={key: (d, t) for key, (d, t) in by_system.items()},
        minutes_by_role=minutes,
    )


def added(
    into: dict[str, tuple[int, int]], more: dict[str, tuple[int, int]]
) -> dict[str, tuple[int, int]]:
    """Two (done, due) tables summed key by key."""
    summed = dict(into)
    for key, (done, due) in more.items():
        was = summed.get(key, (0, 0))
        summed[key] = (was[0] + done, was[1] + due)
    return summed
