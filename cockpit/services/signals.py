"""Signals for the owner: `cockpit signals` and the Review screen's section.

The figures are the ones the owner already sees: slipping as the Routines view says it
(`routine_figures_all` over the same year of runs), completion and focus time of a role
as the weekly review counts them (`week_figures`, one week at a time, summed over the
last weeks, tasks included as the review counts them). The to-dos that need a system are
judged on the store's tasks unless the caller gives task-like records of its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from cockpit.domain.model import Process
from cockpit.domain.review import require_calendar_days
from cockpit.domain.routines import routine_figures_all
from cockpit.domain.signals import (
    Signal,
    TaskLike,
    Thresholds,
    needs_a_system,
    role_under_water,
    slipping_processes,
)
from cockpit.domain.weekly import WeekFigures, week_figures
from cockpit.services.context import Cockpit
from cockpit.services.review import week_containing, weeks_back
from cockpit.services.routines import HISTORY_DAYS, occurrences_by_process


def thresholds(ctx: Cockpit) -> Thresholds:
    s = ctx.settings
    return Thresholds(
        carried_weeks=s.signal_carried_weeks,
        repeat_captures=s.signal_repeat_captures,
        repeat_weeks=s.signal_repeat_weeks,
        title_overlap=s.signal_title_overlap,
        role_weeks=s.signal_role_weeks,
        role_done_below=s.signal_role_done_below,
        role_focus_over=s.signal_role_focus_over,
        role_slipping=s.signal_role_slipping,
    )


def signals(
    ctx: Cockpit, day: date | None = None, tasks: Sequence[TaskLike] | None = None
) -> list[Signal]:
    """Every signal as of `day` (default today): to-dos needing a system, slipping
    processes, roles under water, in that order; `tasks` default to the store's."""
    day = day or ctx.today()
    if tasks is None:
        tasks = ctx.store.tasks()
    limits = thresholds(ctx)
    processes = ctx.store.processes()
    slipping = slipping_of(ctx, processes, day)
    first = ctx.settings.first_day_of_week
    last = week_containing(day, first)
    weeks = weeks_back(last, limits.role_weeks, first)  # none before 2000-01-01
    if len(weeks) < limits.role_weeks:  # near 2000-01-01: "over 3 weeks", the ones there are
        limits = replace(limits, role_weeks=len(weeks))
    # the day's own work is not over: a role is judged on the runs dated before it
    figures = figures_of_weeks(ctx, weeks, processes, day - timedelta(days=1))
    completion: dict[str, tuple[int, int]] = {}
    minutes: dict[str, int] = {}
    budgets: dict[str, int] = {}
    for week in figures:
        for key, (done, due) in week.completion_by_role.items():
            was = completion.get(key, (0, 0))
            completion[key] = (was[0] + done, was[1] + due)
        for key, spent in week.minutes_by_role.items():
            minutes[key] = minutes.get(key, 0) + spent
        for key, budget in week.budget_by_role.items():
            budgets[key] = budgets.get(key, 0) + budget
    by_role: dict[str, list[str]] = {}
    for signal in slipping:
        role = next(p.role for p in processes if p.id == signal.subject_id)
        by_role.setdefault(role, []).append(signal.subject)
    names = {role.id: role.name for role in ctx.roles()}
    zone = ZoneInfo(ctx.settings.timezone)
    return [
        *needs_a_system(tasks, day, limits, lambda instant: instant.astimezone(zone).date()),
        *slipping,
        # on the calendar's first day no week is over yet: no role to judge
        *(
            role_under_water(names, completion, minutes, budgets, by_role, figures[0].start, limits)
            if figures
            else ()
        ),
    ]


def slipping_of(ctx: Cockpit, processes: Sequence[Process], day: date) -> list[Signal]:
    """The slipping processes as the Routines view has them on `day`."""
    recurring = [p for p in processes if p.schedule.recurring and p.active]  # not retired
    runs = occurrences_by_process(ctx, day - timedelta(days=HISTORY_DAYS), day)
    figures = routine_figures_all(
        recurring,
        runs,
        day,
        threshold=ctx.settings.strength_threshold,
        slipping_after=ctx.settings.slipping_misses,
    )
    by_id = {p.id: p for p in recurring}
    return slipping_processes((by_id[f.process_id], f) for f in figures)


def figures_of_weeks(
    ctx: Cockpit, weeks: Sequence[str], processes: Sequence[Process], today: date
) -> list[WeekFigures]:
    """The weekly review's completion and time of each week, by its own rule.

    Each week gets only its own runs: completion and time read nothing else, so the
    figures that need history (strengths, estimates) are left for the caller to ignore.
    """
    first = ctx.settings.first_day_of_week
    spans = [require_calendar_days(week, first) for week in weeks]  # clipped at its edges
    start, end = spans[0][0], spans[-1][1]
    roles = ctx.roles()
    zone = ZoneInfo(ctx.settings.timezone)

    def local_date(instant: datetime) -> date:
        return instant.astimezone(zone).date()

    runs = ctx.store.occurrences(since=start, until=min(end, today))
    sessions = ctx.store.focus_sessions(start - timedelta(days=1), end + timedelta(days=1))
    low, high = start - timedelta(days=1), end + timedelta(days=1)  # instants: a day's leeway
    tasks = [  # only those the weeks may count: due, or closed, within them
        task
        for task in ctx.store.tasks()
        if (task.due is not None and start <= task.due <= end)
        or (task.closed_at is not None and low <= task.closed_at.date() <= high)
    ]
    found = []
    for week, (week_start, week_end) in zip(weeks, spans, strict=True):
        if week_start > today:
            break
        found.append(
            week_figures(
                week,
                first,
                processes,
                roles,
                [run for run in runs if week_start <= run.date <= week_end],
                sessions,
                local_date,
                today=today if today <= week_end else None,
                tasks=tasks,
            )
        )
    return found
