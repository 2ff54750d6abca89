"""Tasks: capture one-off work (`cockpit add`, `a` on Today) and sort it.

A task is named in the day as `t12` (`cockpit done t12`); the day's actions (done, skip,
snooze) take that key as they take a step's (services/actions dispatches here). A role
or system is given by its name or id, any case (`#admin`, `--role "Admin Ops"`); one the
business does not have is refused with the names it has.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TypeVar

from cockpit.domain.capture import Capture, parse_capture
from cockpit.domain.errors import CockpitError, NotFoundError, RuleError, ValidationError
from cockpit.domain.model import Role, System
from cockpit.domain.tasks import Task
from cockpit.services.context import Cockpit
from cockpit.store.identity import new_uid

_KEY = re.compile(r"^\s*[tT]([0-9]{1,15})\s*$")  # ASCII digits only


@dataclass(frozen=True, slots=True)
class TaskChange:
    """What a task action did: the task as saved and a message saying so."""

    message: str
    task: Task

    @property
    def key(self) -> str:
        return task_key(self.task)


def task_key(task: Task) -> str:
    return task.key


def is_task_key(ref: str) -> bool:
    return _KEY.match(ref) is not None


def task_number(ref: str) -> int:
    match = _KEY.match(ref)
    if match is None:
        raise ValidationError(f'"{ref}" is not a task; tasks look like t12', "id")
    return int(match[1])


def find_task(ctx: Cockpit, ref: str) -> Task:
    number = task_number(ref)
    task = ctx.store.task(number)
    if task is None:
        raise NotFoundError(f"no task t{number}")
    return task


def _squeezed(text: str) -> str:
    return re.sub(r"[\s_-]+", "", text.casefold())


Named = TypeVar("Named", Role, System)


def _find(items: Sequence[Named], word: str, what: str) -> Named:
    """The role or system a word names: its id or name, any case, spaces aside
    (#adminops); none: the names there are, in the refusal."""
    wanted = _squeezed(word)
    for item in items:
        if not item.archived and wanted in (_squeezed(item.id), _squeezed(item.name)):
            return item
    known = ", ".join(item.name for item in items if not item.archived) or "none yet"
    raise ValidationError(f'no {what} "{word}" ({what}s: {known})', what)


def find_role(roles: Sequence[Role], word: str) -> Role:
    return _find(roles, word, "role")


def find_system(systems: Sequence[System], word: str) -> System:
    return _find(systems, word, "system")


def describe(task: Task, role_name: str | None = None) -> str:
    """What a task is, in words: for the messages of the CLI and the app."""
    parts = [role_name] if role_name else []
    parts.append(f"due {task.due:%a %d %b %Y}" if task.due else "in the inbox")
    if task.estimate:
        parts.append(f"~{task.estimate} min")
    return f'{task_key(task)} "{task.title}" ({", ".join(parts)})'


def _role_name(ctx: Cockpit, task: Task) -> str | None:
    if task.role_id is None:
        return None
    return next((r.name for r in ctx.store.roles() if r.id == task.role_id), task.role_id)


def add_task(
    ctx: Cockpit,
    title: str,
    *,
    role: str | None = None,
    due: date | None = None,
    estimate: int | None = None,
    system: str | None = None,
) -> TaskChange:
    """A new task (role and system by name or id); without a date it goes to the inbox."""
    ctx.require_writer()
    role_id = find_role(ctx.store.roles(), role).id if role else None
    system_id = find_system(ctx.store.systems(), system).id if system else None
    now = ctx.now()
    task = Task(
        id=ctx.store.new_task_id(),
        title=title,
        created_at=now,
        role_id=role_id,
        system_id=system_id,
        due=due,
        estimate=estimate or None,
        first_due=due,
        uid=new_uid(now),
    )
    saved = ctx.store.save_task(task)
    return TaskChange(f"added {describe(saved, _role_name(ctx, saved))}", saved)


def read_capture(ctx: Cockpit, line: str, given: frozenset[str] = frozenset()) -> Capture:
    """A captured line read against the business: its role and system must exist (the
    parts in `given` come from options: their words stay in the title)."""
    capture = parse_capture(line, ctx.today(), given)
    if capture.role is not None:
        find_role(ctx.store.roles(), capture.role)
    if capture.system is not None:
        find_system(ctx.store.systems(), capture.system)
    return capture


@dataclass(frozen=True, slots=True)
class CapturePreview:
    """What a captured line was understood to say, for a live preview (nothing written):
    role and system by their names as the business has them; `problem` says what is off
    (the line cannot be added while it is set)."""

    title: str = ""
    role: str | None = None
    due: date | None = None
    estimate: int | None = None
    system: str | None = None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def understood(self) -> list[str]:
        """The parts, in words: `due Fri 11 Dec 2026`, `role Admin`, `~15 min`."""
        parts = [f"due {self.due:%a %d %b %Y}" if self.due else "no date: to the inbox"]
        parts += [f"role {self.role}"] if self.role else []
        parts += [f"system {self.system}"] if self.system else []
        parts += [f"~{self.estimate} min"] if self.estimate else []
        return parts


def preview_capture(ctx: Cockpit, line: str) -> CapturePreview:
    """What `capture` would add for the line, or the problem it would refuse it with."""
    try:
        found = parse_capture(line, ctx.today())
    except CockpitError as error:
        return CapturePreview(problem=str(error))
    preview = CapturePreview(found.title, due=found.due, estimate=found.estimate)
    try:
        role = find_role(ctx.store.roles(), found.role).name if found.role else None
        system = find_system(ctx.store.systems(), found.system).name if found.system else None
    except CockpitError as error:
        return replace(preview, problem=str(error))
    return replace(preview, role=role, system=system)


def capture(ctx: Cockpit, line: str) -> TaskChange:
    """`Call the accountant fri #admin 15m`: the task the line describes, added."""
    found = read_capture(ctx, line)
    return add_task(
        ctx,
        found.title,
        role=found.role,
        due=found.due,
        estimate=found.estimate,
        system=found.system,
    )


def _save(ctx: Cockpit, task: Task, verb: str) -> TaskChange:
    ctx.store.save_task(task)
    return TaskChange(f"{verb}: {describe(task, _role_name(ctx, task))}", task)


def _open_task(ctx: Cockpit, ref: str) -> Task:
    ctx.require_writer()
    task = find_task(ctx, ref)
    if not task.is_open:
        raise RuleError(f'task {task_key(task)} "{task.title}" is already {task.status}')
    return task


def complete_task(ctx: Cockpit, ref: str, minutes: int | None = None) -> TaskChange:
    task = _open_task(ctx, ref)
    if minutes is None:
        minutes = ctx.store.task_focus_minutes(task.uid)
    return _save(ctx, task.done(ctx.now(), minutes), "done")


def skip_task(ctx: Cockpit, ref: str, reason: str) -> TaskChange:
    task = _open_task(ctx, ref)
    from cockpit.domain.model import require_line

    require_line(" ".join(reason.split()), "the reason", "reason")
    return _save(ctx, task.skipped(ctx.now(), reason), "skipped")


def move_task(ctx: Cockpit, ref: str, day: date | None) -> TaskChange:
    """Due on another day (None: back to the inbox); the first due date it had stays."""
    task = _open_task(ctx, ref)
    if day is not None and day < ctx.today():
        raise RuleError(f"a task cannot be moved to a day gone by ({day.isoformat()})")
    return _save(ctx, task.moved_to(day), "moved" if day else "back to the inbox")


def set_task_role(ctx: Cockpit, ref: str, role: str | None) -> TaskChange:
    task = _open_task(ctx, ref)
    role_id = find_role(ctx.store.roles(), role).id if role else None
    return _save(ctx, replace(task, role_id=role_id), "role set")


def set_task_estimate(ctx: Cockpit, ref: str, minutes: int | None) -> TaskChange:
    task = _open_task(ctx, ref)
    return _save(ctx, replace(task, estimate=minutes or None), "estimate set")


def open_tasks(ctx: Cockpit) -> list[Task]:
    return [task for task in ctx.store.tasks() if task.is_open]
