"""The day's timeline for a date: the same due steps, dated tasks and plan as the day's list,
placed in the roles' time blocks (the placing is the domain's; the due rule is `plan_day`'s).
A task without a role waits in the "No role" section's lane, as steps of a role with no
block that day do."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from zoneinfo import ZoneInfo

from cockpit.domain.day_clock import duration_text
from cockpit.domain.due import DueStep
from cockpit.domain.errors import NotFoundError, RuleError
from cockpit.domain.tasks import Task
from cockpit.domain.timeline import Timeline, Work, build_timeline
from cockpit.services.context import Cockpit
from cockpit.services.day import DayPlan, plan_day
from cockpit.services.planning import pin_step
from cockpit.services.tasks import is_task_key


@dataclass(frozen=True, slots=True)
class DayTimeline:
    plan: DayPlan
    timeline: Timeline

    def find(self, key: str) -> DueStep | None:
        """The due step of `key` (None: no step, a task's key included)."""
        return self.plan.find(key)

    def find_task(self, key: str) -> Task | None:
        return self.plan.find_task(key)


def local_now(ctx: Cockpit) -> time:
    """The wall-clock time it is in the owner's zone (blocks are wall-clock times)."""
    return ctx.now().astimezone(ZoneInfo(ctx.clock.tz)).time()


def day_timeline(ctx: Cockpit, on: date | None = None) -> DayTimeline:
    """The timeline of `on` (default today): with a line for now when it is today."""
    plan = plan_day(ctx, on, keep_empty=True)
    pins = ctx.store.plan_pins(plan.date)
    steps = [
        Work(due.id, due.role, due.step.title, due.step.estimate_minutes, pins.get(due.id))
        for due in plan.steps
    ]
    steps += [
        Work(task.key, section.role.id, task.title, task.estimate or 0)
        for section in plan.sections
        for task in section.tasks
    ]
    now = local_now(ctx) if plan.date == plan.today else None
    planned = ctx.store.plan(plan.date)  # steps and tasks, in the owner's order
    return DayTimeline(plan, build_timeline(plan.date, plan.roles, steps, planned, now=now))


@dataclass(frozen=True, slots=True)
class BlockMove:
    """A step moved to another block of its role: what the owner is told (and undo names)."""

    key: str
    block: str  # "Sales 14:00-15:00"
    message: str


def task_not_moved(key: str) -> str:
    """Why J/K leave a task where it is (a plan's pins name steps)."""
    return (
        f"{key} is a task: it takes the first block of its role with room "
        "(J and K move a process's steps; p on Today puts a task first in the plan)"
    )


def move_to_block(ctx: Cockpit, day: date, key: str, delta: int) -> BlockMove:
    """Move a step to the next (+1) or previous (-1) block of its role that day: the plan
    keeps the block as the step's pin. Refused when there is no block that way, or when the
    steps already moved there leave no room for it."""
    ctx.require_writer()
    if is_task_key(key):
        raise RuleError(task_not_moved(key))
    line = day_timeline(ctx, day).timeline
    work = line.find(key)
    if work is None:
        raise NotFoundError(f"step {key} is not on the timeline of {day:%a %d %b}")
    target = line.neighbour_block(key, delta)
    if target is None:
        way = "later" if delta > 0 else "earlier"
        raise RuleError(f'no {way} block of this role for "{work.title}" on {day:%a %d %b}')
    if not line.room_for(work, target):
        raise RuleError(
            f'no room for "{work.title}" ({duration_text(work.minutes)}) in {target.label}: '
            "the steps moved there fill it"
        )
    pin_step(ctx, day, key, target.block.start)
    return BlockMove(key, target.label, f'moved {key} "{work.title}" to {target.label}')
