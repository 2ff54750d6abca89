"""The day's timeline for a date: the same due steps and plan as the day's list, placed in the
roles' time blocks (the placing is the domain's; the due rule is `plan_day`'s)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from zoneinfo import ZoneInfo

from cockpit.domain.due import DueStep
from cockpit.domain.timeline import Timeline, Work, build_timeline
from cockpit.services.context import Cockpit
from cockpit.services.day import DayPlan, plan_day


@dataclass(frozen=True, slots=True)
class DayTimeline:
    plan: DayPlan
    timeline: Timeline

    def find(self, key: str) -> DueStep | None:
        return self.plan.find(key)


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
    now = local_now(ctx) if plan.date == plan.today else None
    planned = [due.id for due in plan.planned]
    return DayTimeline(plan, build_timeline(plan.date, plan.roles, steps, planned, now=now))
