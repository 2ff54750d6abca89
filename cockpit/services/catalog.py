"""Look-ups for pickers, the command palette and the Processes view."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from cockpit.domain.materialize import next_due
from cockpit.domain.model import LAST_DAY, Process, Role, Stage, System
from cockpit.domain.occurrence import Occurrence
from cockpit.domain.schedule import ScheduleKind
from cockpit.services.context import Cockpit

# how far ahead to look for the next after-done run: each such process makes at most one,
# so looking far costs nothing, and no date Cockpit accepts lies beyond it


def active_processes(ctx: Cockpit) -> list[Process]:
    """Processes that can be started, on-demand ones first, then by name."""
    found = [p for p in ctx.store.processes() if p.active and p.steps]
    return sorted(found, key=lambda p: (p.schedule.recurring, p.name.lower()))


def roles(ctx: Cockpit) -> list[Role]:
    return ctx.roles()


@dataclass(frozen=True, slots=True)
class ProcessRow:
    """One process as `cockpit processes` lists it."""

    process: Process
    role_name: str
    next: date | None  # the date of its next run; None when nothing schedules one


def process_rows(ctx: Cockpit) -> list[ProcessRow]:
    """Every process with its role's name and the date of its next run.

    A calendar process: its first date from today. An after-done process: the
    date of its open run (today once that run is overdue), else the date its
    schedule makes the next one, as `Cockpit.refresh` and the calendar export
    would. On-demand and retired processes have none.
    """
    today = ctx.today()
    names = {role.id: role.name for role in ctx.store.roles()}
    after_done = _after_done_dates(ctx)
    rows = []
    for process in ctx.store.processes():
        if not process.active:
            upcoming = None
        elif process.schedule.kind is ScheduleKind.AFTER_DONE:
            found = after_done.get(process.id)
            upcoming = max(found, today) if found is not None else None
        else:
            upcoming = next_due(process, today - timedelta(days=1))
        rows.append(ProcessRow(process, names.get(process.role, process.role), upcoming))
    return rows


def _after_done_dates(ctx: Cockpit) -> dict[str, date]:
    """The date of the next run of each after-done process: its open run, or the one to
    come (worked out in memory, nothing saved)."""
    store = ctx.store
    processes = [p for p in store.processes() if p.schedule.kind is ScheduleKind.AFTER_DONE]
    if not processes:
        return {}
    opened: dict[str, list[Occurrence]] = {}
    for run in store.open_occurrences():
        opened.setdefault(run.process_id, []).append(run)
    found = {
        process_id: min(run.date for run in runs if not run.manual)
        for process_id, runs in opened.items()
        if any(not run.manual for run in runs)
    }
    planned = ctx.runs_through(max(ctx.today(), LAST_DAY), processes=processes)
    for run in planned.created:
        found.setdefault(run.process_id, run.date)
    return found


# a retired process makes no more runs: its schedule's next dates would mislead
RETIRED_NOTE = "retired: no more runs (its schedule is kept for the record)"


@dataclass(frozen=True, slots=True)
class Library:
    """What the Processes view shows: the whole library, with schedules in words."""

    roles: list[Role]
    systems: list[System]
    processes: list[Process]
    schedules: dict[str, str]  # process id -> its next dates in words
    runs: dict[str, list[tuple[date, int]]] = field(default_factory=dict)  # testing processes
    today: date = date.min


def load_library(ctx: Cockpit) -> Library:
    from cockpit.services.library import testing_runs
    from cockpit.services.schedule_preview import describe_schedule

    processes = ctx.store.processes()
    schedules = {
        p.id: describe_schedule(ctx, p.schedule.text, p.start) if p.active else RETIRED_NOTE
        for p in processes
    }
    runs = {p.id: testing_runs(ctx, p.id) for p in processes if p.stage is Stage.TESTING}
    return Library(ctx.roles(), ctx.store.systems(), processes, schedules, runs, ctx.today())
