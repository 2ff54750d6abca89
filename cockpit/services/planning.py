"""The day's plan: the steps the owner chose for a date, in the order chosen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

from cockpit.domain.occurrence import StepStatus
from cockpit.services.actions import parse_ref
from cockpit.services.context import Cockpit
from cockpit.services.tasks import find_task, is_task_key


def toggle_planned(ctx: Cockpit, day: date, key: str) -> bool:
    """Put a step (or a task, t12) into the day's plan, or take it out; True if it is now
    planned."""
    ctx.require_writer()
    if is_task_key(key):
        find_task(ctx, key)
    else:
        parse_ref(key)
    plan = ctx.store.plan(day)
    planned = key not in plan
    plan = [*plan, key] if planned else [k for k in plan if k != key]
    ctx.store.save_plan(day, plan)
    return planned


def move_planned(ctx: Cockpit, day: date, key: str, delta: int) -> list[str]:
    """Move a planned step up (-1) or down (+1) in the day's plan."""
    ctx.require_writer()
    plan = ctx.store.plan(day)
    if key not in plan:
        return plan
    index = plan.index(key)
    target = max(0, min(len(plan) - 1, index + delta))
    plan.insert(target, plan.pop(index))
    ctx.store.save_plan(day, plan)
    return plan


def pin_step(ctx: Cockpit, day: date, key: str, start: time | None) -> None:
    """Pin a step to the block starting at `start` on the day's timeline (None: unpin)."""
    ctx.require_writer()
    parse_ref(key)
    ctx.store.save_pin(day, key, start)


@dataclass(frozen=True, slots=True)
class PastRun:
    date: date
    minutes: int | None
    status: str


def step_history(ctx: Cockpit, process_id: str, step_id: str, limit: int = 5) -> list[PastRun]:
    """The latest closed runs of one step: when, how long it took, how it ended."""
    runs = ctx.store.occurrences(process_id=process_id, since=ctx.today() - timedelta(days=366))
    found: list[PastRun] = []
    for occurrence in reversed(runs):
        try:
            state = occurrence.state(step_id)
        except KeyError:
            continue
        if state.status is not StepStatus.OPEN:
            found.append(PastRun(occurrence.date, state.minutes, state.status.value))
        if len(found) >= limit:
            break
    return found
