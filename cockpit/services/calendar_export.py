"""The upcoming due steps as an iCalendar file, so they show in the owner's calendar.

The runs are worked out the way `Cockpit.refresh` would make them, in memory and
without saving anything: the open runs in the store, plus the runs the
schedules will create up to the end of the window (calendar schedules from
their dates, after-done schedules the next run from the last closed date;
on-demand processes only when a run is open), less the runs that are missed by
today. Each open step of those runs is one all-day event on its due date; an
overdue step is put on today with "(overdue since ...)".

The open tasks with a due date in the window (or overdue) are events too, on their due
date (an overdue one on today), with the UID `task-<its ULID>@cockpit`.

Every event has a stable UID made of the process, the run's date and the step,
`<process>-<yyyymmdd>-<step>@cockpit`, so the same step keeps its UID on every
export (and moves in the calendar when it is overdue or snoozed).

Names and instructions are made printable (each control character shown as `?`,
the instructions keep their line breaks): icalendar escapes the text, but passes
an escape sequence through to the calendar that shows it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import UTC, date, timedelta
from pathlib import Path

from icalendar import Calendar, Event

from cockpit.domain.due import due_steps
from cockpit.domain.errors import ValidationError
from cockpit.domain.model import Process, Step
from cockpit.domain.occurrence import Occurrence
from cockpit.domain.tasks import Task
from cockpit.domain.text import printable, printable_lines
from cockpit.services.context import Cockpit
from cockpit.store.files import atomic_write_bytes

PRODID = "-//Cockpit//Due steps//EN"
CALENDAR_NAME = "Cockpit: due steps"
MAX_DAYS = 366


@dataclass(frozen=True, slots=True)
class CalendarStep:
    """One open step of a run, on the day it is shown."""

    uid: str
    process: Process
    step: Step
    run: Occurrence
    position: int
    due: date
    on: date  # the due date, or today when overdue
    stored: bool  # the run is in the store (its number is real)

    @property
    def overdue(self) -> bool:
        return self.due < self.on


def upcoming_runs(ctx: Cockpit, through: date) -> list[Occurrence]:
    """The open runs as of today, and the runs the schedules make through `through`."""
    planned = ctx.runs_through(through, missed_through=ctx.today())
    missed = {run.no for run in planned.missed}
    runs = [*ctx.store.open_occurrences(), *planned.created]
    return [run for run in runs if run.no not in missed]


def calendar_steps(ctx: Cockpit, days: int = 30) -> list[CalendarStep]:
    """The open steps due from today through `days` - 1 days ahead, and the overdue ones:
    the day's own walk (`due_steps`) over the runs to come."""
    if not 1 <= days <= MAX_DAYS:
        raise ValidationError(f"days goes from 1 to {MAX_DAYS}, not {days}", "days")
    today = ctx.today()
    last = today + timedelta(days=days - 1)
    stored_below = ctx.store.next_occurrence_no()
    lookup = ctx.process_lookup()
    runs = sorted(upcoming_runs(ctx, last), key=lambda run: (run.manual, run.no))
    # one run a process and date has the plain UID; a second (started by hand) adds its number
    extra: dict[int, str] = {}
    first_of: set[tuple[str, date]] = set()
    for run in runs:
        if (run.process_id, run.process_version) in lookup:
            key = (run.process_id, run.date)
            extra[run.no] = f"-r{run.no}" if key in first_of else ""
            first_of.add(key)
    found = []
    for due in due_steps(runs, lambda pid, version: lookup.get((pid, version)), last):
        run, process, step = due.occurrence, due.process, due.step
        uid = f"{process.id}-{run.date:%Y%m%d}{extra[run.no]}-{step.id}@cockpit"
        stored = run.no < stored_below
        found.append(
            CalendarStep(
                uid, process, step, run, due.position, due.due, max(due.due, today), stored
            )
        )
    found.sort(key=lambda c: (c.on, c.process.name.lower(), c.run.date, c.position))
    return found


def calendar_tasks(ctx: Cockpit, days: int = 30) -> list[tuple[Task, date]]:
    """The open tasks due through `days` - 1 days ahead (the overdue ones included), each
    with the day it is shown on (today for an overdue one)."""
    today = ctx.today()
    last = today + timedelta(days=days - 1)
    found = [
        (task, max(task.due, today))
        for task in ctx.store.tasks()
        if task.due is not None and task.due_on(last)
    ]
    return sorted(found, key=lambda item: (item[1], item[0].id))


def _task_event(task: Task, on: date, role: str, stamp: object) -> Event:
    summary = task.title
    overdue = task.due is not None and task.due < on
    if overdue:
        summary += f" (overdue since {task.due:%a %Y-%m-%d})"
    facts = [role] if role else []
    if task.estimate:
        facts.append(f"Estimate: {task.estimate} min")
    parts = [" · ".join(facts)] if facts else []
    parts.append(f"Mark it done: cockpit done t{task.id}")
    event = Event()
    event.add("uid", f"task-{task.uid}@cockpit")
    event.add("dtstamp", stamp)
    event.add("dtstart", on)
    event.add("dtend", on + timedelta(days=1))
    event.add("summary", printable(summary))
    event.add("description", printable_lines("\n\n".join(parts)))
    if role:
        event.add("categories", [role])
    event.add("transp", "TRANSPARENT")
    return event


def _description(item: CalendarStep, role: str) -> str:
    step, run = item.step, item.run
    facts = [f"Estimate: {step.estimate_minutes} min"]
    if step.tool:
        facts.insert(0, f"Tool: {step.tool}")
    parts = [step.instructions.strip()] if step.instructions.strip() else []
    parts.append(" · ".join(facts))
    parts.append(
        f"{role} · step {item.position} of {len(run.steps)} of the run of {run.date:%a %Y-%m-%d}"
    )
    if item.overdue:
        parts.append(f"Overdue since {item.due:%a %Y-%m-%d}.")
    if item.stored:
        parts.append(f"Mark it done: cockpit done {run.no}.{item.position}")
    return printable_lines("\n\n".join(parts).expandtabs(4))


def ics_calendar(ctx: Cockpit, days: int = 30) -> bytes:
    """An iCalendar file (RFC 5545) of the due steps and tasks: one all-day event each."""
    roles = {role.id: role.name for role in ctx.store.roles()}
    stamp = ctx.now().astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", CALENDAR_NAME)
    for item in calendar_steps(ctx, days):
        role = printable(roles.get(item.process.role, item.process.role))
        summary = f"{item.process.name} › {item.step.title}"
        if item.overdue:
            summary += f" (overdue since {item.due:%a %Y-%m-%d})"
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", item.on)
        event.add("dtend", item.on + timedelta(days=1))
        event.add("summary", printable(summary))
        event.add("description", _description(item, role))
        event.add("categories", [role])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    for task, on in calendar_tasks(ctx, days):
        role = printable(roles.get(task.role_id, task.role_id)) if task.role_id else ""
        calendar.add_component(_task_event(task, on, role, stamp))
    return bytes(calendar.to_ical())


def export_ics(ctx: Cockpit, out: Path | None, days: int = 30) -> int:
    """Write the calendar to `out` (atomically) or to stdout; the number of events."""
    data = ics_calendar(ctx, days)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write_bytes(out, data)
    return data.count(b"BEGIN:VEVENT")
