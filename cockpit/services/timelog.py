"""The time log as CSV: logged focus sessions (for Toggl and spreadsheets) and runs.

Focus sessions come in Toggl's import order (Description, Project, Tags, Start
date, Start time, End date, End time, Duration) followed by Cockpit's own
columns; dates and times are local to the owner (`settings.timezone`), the
Duration is the time worked (pauses left out) as HH:MM:SS and Minutes the
minutes logged; a session on a task is described by the task's title. Runs come with
their outcome: on time, late, skipped, missed or open (runs started by hand are not judged:
"done"). Tasks (`--what tasks`) come one a row with their dates, state and minutes (typed
when done, or else those of the focus sessions on them); their date is the due date, or
the day they were done or made for a task never dated.

Every text cell goes through `csv_cell`: one printable line, and a leading `'`
when a spreadsheet would read it as a formula (`=`, `+`, `-`, `@`); numbers
stay numbers.
"""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from cockpit.domain.errors import ValidationError
from cockpit.domain.focus import FocusSession, FocusStatus
from cockpit.domain.occurrence import Occurrence, OccurrenceStatus
from cockpit.domain.streaks import Outcome, outcome
from cockpit.domain.text import csv_cell
from cockpit.services.context import Cockpit
from cockpit.store.files import atomic_write_bytes

FOCUS_COLUMNS = (
    "Description", "Project", "Tags", "Start date", "Start time", "End date", "End time",
    "Duration", "Role", "Process", "Step", "Minutes",
)  # fmt: skip
OCCURRENCE_COLUMNS = (
    "date", "process", "role", "system", "status", "outcome", "closed_on", "minutes", "reason",
)  # fmt: skip
OUTCOME_WORDS = {
    Outcome.ON_TIME: "on time", Outcome.LATE: "late", Outcome.SKIPPED: "skipped",
    Outcome.MISSED: "missed", Outcome.OPEN: "open",
}  # fmt: skip
TASK_COLUMNS = (
    "id", "title", "role", "system", "status", "created_on", "due", "first_due", "closed_on",
    "estimate", "minutes", "reason",
)  # fmt: skip
What = Literal["focus", "occurrences", "tasks"]


def _csv(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # RFC 4180: CRLF line ends, quotes where needed
    writer.writerow(columns)
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue()


def _clock(seconds: float) -> str:
    whole = int(seconds)
    return f"{whole // 3600:02d}:{whole % 3600 // 60:02d}:{whole % 60:02d}"


def logged_sessions(
    ctx: Cockpit, since: date | None = None, until: date | None = None
) -> list[FocusSession]:
    """Logged sessions that started (local date) from `since` through `until`."""
    zone = ZoneInfo(ctx.settings.timezone)
    low = since - timedelta(days=1) if since else None  # the store filters on UTC instants
    high = until + timedelta(days=1) if until else None
    return [
        session
        for session in ctx.store.focus_sessions(low, high)
        if session.status is FocusStatus.LOGGED
        and session.ended_at is not None
        and (since or date.min) <= session.started_at.astimezone(zone).date() <= (until or date.max)
    ]


def focus_csv(ctx: Cockpit, since: date | None = None, until: date | None = None) -> str:
    """Logged focus sessions, one a row, in the columns of FOCUS_COLUMNS."""
    zone = ZoneInfo(ctx.settings.timezone)
    roles = {role.id: role.name for role in ctx.store.roles()}
    lookup = ctx.process_lookup()
    runs: dict[int, Occurrence | None] = {}
    sessions = logged_sessions(ctx, since, until)
    tasks = {t.uid: t.title for t in ctx.store.tasks()} if any(s.task_uid for s in sessions) else {}
    rows = []
    for session in sessions:
        assert session.ended_at is not None
        role = roles.get(session.role, session.role)
        process_name = step_title = ""
        if session.occurrence_no is not None and session.step_id is not None:
            if session.occurrence_no not in runs:
                runs[session.occurrence_no] = ctx.store.occurrence(session.occurrence_no)
            run = runs[session.occurrence_no]
            process = lookup.get((run.process_id, run.process_version)) if run else None
            if process is not None:
                process_name = process.name
                step_title = next((s.title for s in process.steps if s.id == session.step_id), "")
        elif session.task_uid:
            step_title = tasks.get(session.task_uid, "")
        start = session.started_at.astimezone(zone)
        end = session.ended_at.astimezone(zone)
        worked = session.elapsed(session.ended_at).total_seconds()
        rows.append((
            step_title or f"{role} block", process_name or role, role,
            f"{start:%Y-%m-%d}", f"{start:%H:%M:%S}", f"{end:%Y-%m-%d}", f"{end:%H:%M:%S}",
            _clock(worked), role, process_name, step_title,
            session.minutes if session.minutes is not None else round(worked / 60),
        ))  # fmt: skip
    return _csv(FOCUS_COLUMNS, rows)


def occurrences_csv(ctx: Cockpit, since: date | None = None, until: date | None = None) -> str:
    """Runs dated from `since` through `until`, with their outcomes, in OCCURRENCE_COLUMNS."""
    roles = {role.id: role.name for role in ctx.store.roles()}
    systems = {system.id: system.name for system in ctx.store.systems()}
    lookup = ctx.process_lookup()
    rows = []
    for run in ctx.store.occurrences(since=since, until=until):
        process = lookup.get((run.process_id, run.process_version))
        if process is None:
            continue
        if run.manual and run.status is OccurrenceStatus.DONE:
            judged = "done"  # runs started by hand are not judged
        else:
            judged = OUTCOME_WORDS[outcome(run, process)]
        timed = [state.minutes for state in run.steps if state.minutes is not None]
        rows.append((
            run.date.isoformat(), process.name, roles.get(process.role, process.role),
            systems.get(process.system, process.system) if process.system else "",
            run.status.value, judged, run.closed_on.isoformat() if run.closed_on else "",
            sum(timed) if timed else "", run.reason,
        ))  # fmt: skip
    return _csv(OCCURRENCE_COLUMNS, rows)


def tasks_csv(ctx: Cockpit, since: date | None = None, until: date | None = None) -> str:
    """Tasks whose date (due, else done or made) falls from `since` through `until`."""
    zone = ZoneInfo(ctx.settings.timezone)
    roles = {role.id: role.name for role in ctx.store.roles()}
    systems = {system.id: system.name for system in ctx.store.systems()}
    tasks = ctx.store.tasks()
    focused: dict[str, int] = {}
    if tasks:
        for session in logged_sessions(ctx):
            if session.task_uid and session.minutes:
                focused[session.task_uid] = focused.get(session.task_uid, 0) + session.minutes
    rows = []
    for task in tasks:
        closed = task.closed_at.astimezone(zone).date() if task.closed_at else None
        created = task.created_at.astimezone(zone).date()
        when = task.due or closed or created
        if not (since or date.min) <= when <= (until or date.max):
            continue
        minutes = task.minutes if task.minutes is not None else focused.get(task.uid)
        rows.append((
            task.key, task.title,
            roles.get(task.role_id, task.role_id) if task.role_id else "",
            systems.get(task.system_id, task.system_id) if task.system_id else "",
            task.status.value, created.isoformat(),
            task.due.isoformat() if task.due else "",
            task.first_due.isoformat() if task.first_due else "",
            closed.isoformat() if closed else "",
            task.estimate if task.estimate is not None else "",
            minutes if minutes is not None else "", task.reason,
        ))  # fmt: skip
    return _csv(TASK_COLUMNS, rows)


def timelog_csv(
    ctx: Cockpit, what: What, since: date | None = None, until: date | None = None
) -> str:
    if what == "focus":
        return focus_csv(ctx, since, until)
    if what == "occurrences":
        return occurrences_csv(ctx, since, until)
    if what == "tasks":
        return tasks_csv(ctx, since, until)
    raise ValidationError(f'export "{what}"? use focus, occurrences or tasks', "what")


def export_csv(
    ctx: Cockpit, out: Path | None, what: What, since: date | None = None, until: date | None = None
) -> int:
    """Write the CSV to `out` (atomically) or to stdout; the number of rows."""
    if since and until and until < since:
        raise ValidationError(f"--until {until} is before --since {since}", "until")
    text = timelog_csv(ctx, what, since, until)
    data = text.encode("utf-8")
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write_bytes(out, data)
    return len(list(csv.reader(io.StringIO(text)))) - 1
