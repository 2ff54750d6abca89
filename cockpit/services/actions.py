"""Acting on steps: complete, skip, snooze, keep, start by hand.

A step is named as `cockpit today` prints it: the occurrence number and the
step's position, "412.2"; the occurrence number alone ("412") names the whole
occurrence. Every action returns what it changed and a message saying so (undo records
what any change wrote: services/undo).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from cockpit.domain.due import step_key
from cockpit.domain.errors import NotFoundError, RuleError, ValidationError
from cockpit.domain.materialize import new_occurrence, next_due, next_run_date, started_early
from cockpit.domain.model import Process
from cockpit.domain.occurrence import Occurrence
from cockpit.domain.schedule import ScheduleKind
from cockpit.domain.tasks import Task
from cockpit.services.context import Cockpit
from cockpit.services.tasks import TaskChange, complete_task, is_task_key, move_task, skip_task
from cockpit.store.identity import new_uid

_REF = re.compile(r"^\s*([0-9]{1,15})(?:\.([0-9]{1,4}))?\s*$")  # ASCII: \d takes ١.١


@dataclass(frozen=True, slots=True)
class Change:
    """What an action did: a message for the user and the states before and after."""

    message: str
    before: tuple[Occurrence, ...]
    after: tuple[Occurrence, ...]
    task: Task | None = None  # the task as saved, when the action was on a task (t12)

    @classmethod
    def of_task(cls, change: TaskChange) -> Change:
        return cls(change.message, (), (), change.task)


@dataclass(frozen=True, slots=True)
class Target:
    occurrence: Occurrence
    process: Process
    step_id: str | None  # None: the whole occurrence

    @property
    def label(self) -> str:
        if self.step_id is None:
            return f"{self.process.name} of {self.occurrence.date.isoformat()}"
        position = self.occurrence.position(self.step_id)
        step = self.process.step(self.step_id)
        return f'{step_key(self.occurrence.no, position)} "{step.title}" ({self.process.name})'


def parse_ref(ref: str) -> tuple[int, int | None]:
    match = _REF.match(ref)
    if match is None:
        raise ValidationError(
            f'"{ref}" is not a step ID; IDs look like 412.2 (a step), 412 (a whole run) or '
            "t12 (a task), as `cockpit today` prints them",
            "id",
        )
    return int(match[1]), int(match[2]) if match[2] else None


def resolve(ctx: Cockpit, ref: str) -> Target:
    number, position = parse_ref(ref)
    occurrence = ctx.store.occurrence(number)
    if occurrence is None:
        raise NotFoundError(f"no step {ref}: there is no run number {number}")
    process = ctx.process_lookup().get((occurrence.process_id, occurrence.process_version))
    if process is None:
        raise NotFoundError(f"run {number} belongs to a process that no longer exists")
    if position is None:
        return Target(occurrence, process, None)
    if not 1 <= position <= len(occurrence.steps):
        raise NotFoundError(
            f"no step {ref}: run {number} ({process.name}) has steps 1 to {len(occurrence.steps)}"
        )
    return Target(occurrence, process, occurrence.steps[position - 1].step_id)


def _save(ctx: Cockpit, before: Occurrence, after: Occurrence, message: str) -> Change:
    ctx.store.save_occurrences([after])
    return Change(message, (before,), (after,))


def _focus_minutes(ctx: Cockpit, occurrence: Occurrence, step_id: str) -> int | None:
    return ctx.store.focus_minutes(occurrence.no, step_id)


def complete(ctx: Cockpit, ref: str, minutes: int | None = None) -> Change:
    """Mark a step (or every open step of a run, or a task) done; minutes default to focus
    time logged."""
    if is_task_key(ref):
        return Change.of_task(complete_task(ctx, ref, minutes))
    ctx.require_writer()
    target = resolve(ctx, ref)
    occurrence, now, today = target.occurrence, ctx.now(), ctx.today()
    if target.step_id is None:
        estimates = [target.process.step(s.step_id).estimate_minutes for s in occurrence.steps]
        after = occurrence.complete_all(now, today, minutes, estimates)
    else:
        if minutes is None:
            minutes = _focus_minutes(ctx, occurrence, target.step_id)
        after = occurrence.complete_step(target.step_id, now, today, minutes)
    suffix = " — the run is complete" if not after.is_open else ""
    return _save(ctx, occurrence, after, f"done: {target.label}{suffix}")


def skip(ctx: Cockpit, ref: str, reason: str) -> Change:
    """Skip a step, a whole run or a task, with a reason: neither done nor missed."""
    if is_task_key(ref):
        return Change.of_task(skip_task(ctx, ref, reason))
    ctx.require_writer()
    target = resolve(ctx, ref)
    occurrence, now, today = target.occurrence, ctx.now(), ctx.today()
    if target.step_id is None:
        after = occurrence.skip(reason, now, today)
    else:
        after = occurrence.skip_step(target.step_id, reason, now, today)
    return _save(ctx, occurrence, after, f"skipped: {target.label}")


def snooze_limit(target: Target) -> date | None:
    """The next occurrence's date: a snooze must end before it (none for on-demand runs)."""
    return next_due(target.process, target.occurrence.date)


def snooze(ctx: Cockpit, ref: str, to: date) -> Change:
    if is_task_key(ref):  # a task moves to any day from today on (one in the inbox: today)
        return Change.of_task(move_task(ctx, ref, to))
    ctx.require_writer()
    target = resolve(ctx, ref)
    occurrence, limit = target.occurrence, snooze_limit(target)
    if target.step_id is None:
        after = occurrence.snooze(to, ctx.today(), limit)
    else:
        after = occurrence.snooze_step(target.step_id, to, ctx.today(), limit)
    return _save(ctx, occurrence, after, f"snoozed to {to.isoformat()}: {target.label}")


def keep(ctx: Cockpit, ref: str, kept: bool = True) -> Change:
    """Keep an unfinished run on the list after the next one falls due (not missed)."""
    ctx.require_writer()
    target = resolve(ctx, ref)
    after = target.occurrence.keep(kept)
    verb = "kept" if kept else "no longer kept"
    return _save(ctx, target.occurrence, after, f"{verb}: {target.label}")


def find_process(ctx: Cockpit, name: str) -> Process:
    """A process by id, exact name, or a unique part of its name."""
    wanted = name.strip().lower()
    processes = [p for p in ctx.store.processes() if p.active]
    for process in processes:
        if wanted in (process.id, process.name.lower()):
            return process
    matches = [p for p in processes if wanted and wanted in p.name.lower()]
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = ", ".join(p.name for p in matches[:6])
        raise NotFoundError(f'"{name}" matches several processes: {names}')
    raise NotFoundError(f'no process called "{name}" (see `cockpit processes`)')


def start(ctx: Cockpit, name: str, on: date | None = None, *, uid: str = "") -> Change:
    """Start a run of a process by hand.

    An on-demand process gets a new run on `on` (default: its first step falls due
    today); several may be open at once, and none is ever missed. A scheduled process
    gets no second run: with a run open, starting it is refused; otherwise its next
    run is brought forward, a normal run on its own date whose steps are due today
    (done early counts as on time; left open, it is missed when the run after it falls
    due). Undone, that run falls due on its date again. A run started by hand gets a new ULID as its
    identity, unless `uid` gives one (the demo's runs are the same every time).
    """
    ctx.require_writer()
    if is_task_key(name) and not any(p.name == name or p.id == name for p in ctx.store.processes()):
        raise RuleError(
            f"{name.strip()} is a task, not a process: `start` begins a process's run; "
            f"a task is done with `cockpit done {name.strip()}`"
        )
    process = find_process(ctx, name)
    if not process.steps:
        raise RuleError(f'"{process.name}" has no steps yet; add some before starting it')
    if process.schedule.kind is not ScheduleKind.ON_DEMAND:
        return _bring_forward(ctx, process, on)
    if on is None:  # the first step falls due today (a reminder the day before: tomorrow's run)
        on = ctx.today() + timedelta(days=process.lead_days)
    elif on < ctx.today():
        raise RuleError(f"a run can't start in the past ({on.isoformat()})")
    no = ctx.store.next_occurrence_no()
    occurrence = new_occurrence(process, on, no, manual=True, uid=uid or new_uid(ctx.now()))
    ctx.store.add_occurrences([occurrence], {}, no + 1)
    return Change(f'started "{process.name}" as run {no} of {on.isoformat()}', (), (occurrence,))


def _bring_forward(ctx: Cockpit, process: Process, on: date | None) -> Change:
    """The next run of a scheduled process, created now with its steps due today."""
    ctx.refresh()
    opened = [run for run in ctx.store.open_occurrences() if run.process_id == process.id]
    if opened:
        run = min(opened, key=lambda o: (o.date, o.no))
        raise RuleError(
            f'"{process.name}" already has an open run, {run.no} of {run.date:%a %Y-%m-%d}: '
            "finish or skip that one first"
        )
    store = ctx.store
    day = next_run_date(
        process, store.horizons().get(process.id), store.last_closed_on().get(process.id)
    )
    if day is None:
        raise RuleError(f'"{process.name}" has no run to come ({process.schedule.text})')
    if on is not None and on != day:
        raise RuleError(
            f'"{process.name}" runs {process.schedule.text}: its next run is {day:%a %Y-%m-%d}, '
            "which starting brings forward; a date of your own is for on-demand processes"
        )
    no = store.next_occurrence_no()
    run = new_occurrence(process, day, no)
    early = started_early(run, process, ctx.today())
    store.add_occurrences([early], {process.id: day}, no + 1)
    message = f'started "{process.name}": its run of {day:%a %Y-%m-%d} (run {no}) is due today'
    return Change(message, (run,), (early,))
