"""Plan the day: the due steps of a date by role, the owner's plan first, time logged."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from cockpit.domain.due import DueStep, RoleDay, by_role, due_steps, tasks_due
from cockpit.domain.focus import FocusStatus
from cockpit.domain.materialize import superseded_on
from cockpit.domain.model import Process, Role
from cockpit.domain.occurrence import Occurrence
from cockpit.domain.tasks import Task
from cockpit.services.context import Cockpit

Date = date  # the "date" field shadows the type inside DayPlan
LOOKBACK_DAYS = 92  # steps done today of occurrences older than this are not counted


@dataclass(frozen=True, slots=True)
class ClosedStep:
    """A step done or skipped on the day (shown dimmed when the owner asks for them)."""

    key: str
    role: str
    process_name: str
    title: str
    status: str  # "done" or "skipped"
    at: datetime


@dataclass(frozen=True, slots=True)
class DayPlan:
    """What the owner sees for one date."""

    date: Date
    today: Date
    sections: list[RoleDay]
    planned: list[DueStep]
    logged_minutes: dict[str, int] = field(default_factory=dict)
    has_processes: bool = True
    closed: list[ClosedStep] = field(default_factory=list)  # only when asked for
    inbox: list[Task] = field(default_factory=list)  # open tasks without a day, by number
    planned_tasks: list[Task] = field(default_factory=list)  # tasks in the plan, its order
    every_role: list[Role] = field(default_factory=list)  # in order: for pickers and names

    @property
    def steps(self) -> list[DueStep]:
        """Every due step in display order (role by role)."""
        return [due for section in self.sections for due in section.steps]

    @property
    def tasks(self) -> list[Task]:
        """Every task due (or overdue) in display order (role by role)."""
        return [task for section in self.sections for task in section.tasks]

    def find_task(self, key: str) -> Task | None:
        for task in (*self.tasks, *self.inbox):
            if task.key == key:
                return task
        return None

    @property
    def roles(self) -> list[Role]:
        return [section.role for section in self.sections]

    def find(self, key: str) -> DueStep | None:
        for due in self.steps:
            if due.id == key:
                return due
        return None


def plan_day(
    ctx: Cockpit, on: date | None = None, *, keep_empty: bool = False, with_closed: bool = False
) -> DayPlan:
    """The due steps of `on` (default today), grouped by role; creates what is due first;
    with the steps closed that day if asked."""
    today = ctx.today()
    on = on or today
    ctx.refresh(max(on, today))
    lookup = ctx.process_lookup()
    runs = ctx.store.open_occurrences()
    if on > min(today, ctx.clock.real_today()):
        # a day ahead (or a --date ahead of the real one), as it will show then: without the
        # runs missed by then, which only the real calendar closes
        current = {p.id: p for p in ctx.store.processes() if p.active and p.steps}
        runs = [run for run in runs if not _missed_by(run, current.get(run.process_id), on)]
    found = due_steps(runs, lambda pid, version: lookup.get((pid, version)), on)
    roles = ctx.roles()
    tasks = ctx.store.day_tasks(on)  # a closed or later one is not decoded
    dated = tasks_due(tasks, on)
    sections = by_role(found, roles, keep_empty=keep_empty, tasks=dated)
    by_key = {due.id: due for due in found}
    task_by_key = {task.key: task for task in dated}
    plan = ctx.store.plan(on)
    planned = [by_key[key] for key in plan if key in by_key]
    planned_tasks = [task_by_key[key] for key in plan if key in task_by_key]
    has_processes = bool(lookup)
    closed = closed_steps(ctx, on) if with_closed else []
    inbox = [task for task in tasks if task.in_inbox]
    return DayPlan(
        on,
        today,
        sections,
        planned,
        logged_minutes(ctx, on),
        has_processes,
        closed,
        inbox,
        planned_tasks,
        roles,
    )


def closed_steps(ctx: Cockpit, on: date) -> list[ClosedStep]:
    """The steps done or skipped on `on` (by the owner's clock), in the order they were."""
    zone = ZoneInfo(ctx.settings.timezone)
    start = datetime.combine(on, time(), zone)
    end = start + timedelta(days=1)
    processes = {process.id: process for process in ctx.store.processes()}
    found = []
    since = on - timedelta(days=LOOKBACK_DAYS)
    for process_id, run_no, position, status, at in ctx.store.steps_closed_between(
        start, end, since
    ):
        process = processes.get(process_id)
        run = ctx.store.occurrence(run_no)
        if process is None or run is None or position > len(run.steps):
            continue
        step = next((s for s in process.steps if s.id == run.steps[position - 1].step_id), None)
        title = step.title if step is not None else run.steps[position - 1].step_id
        moment = datetime.fromisoformat(at).astimezone(zone)
        found.append(
            ClosedStep(f"{run_no}.{position}", process.role, process.name, title, status, moment)
        )
    return sorted(found, key=lambda closed: closed.at)


def _missed_by(run: Occurrence, process: Process | None, on: date) -> bool:
    """As `materialize` finds runs missed: by the current version of an active process."""
    following = superseded_on(process, run) if process is not None else None
    return following is not None and following <= on


def logged_minutes(ctx: Cockpit, on: date) -> dict[str, int]:
    """Minutes worked per role on a date: focus sessions, plus minutes typed on done steps
    and tasks."""
    zone = ZoneInfo(ctx.settings.timezone)
    minutes: dict[str, int] = {}
    focused: set[tuple[int | None, str | None]] = set()
    focused_tasks: set[str] = set()
    for session in ctx.store.focus_sessions(on - timedelta(days=1), on + timedelta(days=1)):
        if session.status is FocusStatus.LOGGED and session.task_uid:
            focused_tasks.add(session.task_uid)  # its minutes count once, as the session's
        if (
            session.status is FocusStatus.LOGGED
            and session.started_at.astimezone(zone).date() == on
        ):
            minutes[session.role] = minutes.get(session.role, 0) + (session.minutes or 0)
            focused.add((session.occurrence_no, session.step_id))
    roles = {process.id: process.role for process in ctx.store.processes()}
    start = datetime.combine(on, time(), zone)
    end = start + timedelta(days=1)
    done = ctx.store.steps_done_between(start, end, on - timedelta(days=LOOKBACK_DAYS))
    for process_id, occurrence_no, step_id, step_minutes in done:
        role = roles.get(process_id)
        if role is not None and step_minutes and (occurrence_no, step_id) not in focused:
            minutes[role] = minutes.get(role, 0) + step_minutes
    for task in ctx.store.tasks_closed_between(start, end):  # minutes typed when done
        if task.minutes and task.role_id is not None and task.uid not in focused_tasks:
            minutes[task.role_id] = minutes.get(task.role_id, 0) + task.minutes
    return minutes
