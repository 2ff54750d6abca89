"""Due steps: what the owner should do on a date, grouped by role.

A step is due on its occurrence's date plus its offset (a reminder the day
before has offset -1), or on the date it was snoozed to (or, for a run started
early by hand, the day it was started). The day's list holds
the open steps of open occurrences due on or before the date, grouped by role
in the roles' order, overdue first, then by process and step order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from cockpit.domain.model import Process, Role, Step
from cockpit.domain.occurrence import Occurrence, StepState
from cockpit.domain.tasks import Task


@dataclass(frozen=True, slots=True)
class DueStep:
    """One open step of an open occurrence, as it stands on a given date."""

    occurrence: Occurrence
    process: Process
    step: Step
    state: StepState
    position: int
    due: date
    overdue_days: int

    @property
    def id(self) -> str:
        """Short and stable: the occurrence number and the step's position."""
        return step_key(self.occurrence.no, self.position)

    @property
    def role(self) -> str:
        return self.process.role

    @property
    def snoozed(self) -> bool:
        """Moved to a later date than its own (a run started early is due sooner, not snoozed)."""
        own = self.occurrence.date + timedelta(days=self.step.offset_days)
        return self.state.snoozed_to is not None and self.state.snoozed_to > own

    @property
    def progress(self) -> tuple[int, int]:
        """Closed steps and all steps of the occurrence, e.g. (2, 5)."""
        return self.occurrence.closed_count, len(self.occurrence.steps)


@dataclass(frozen=True, slots=True)
class RoleDay:
    """A role's section of the day: its due steps in order, then its tasks due (overdue
    first, then by number)."""

    role: Role
    steps: tuple[DueStep, ...]
    tasks: tuple[Task, ...] = ()

    @property
    def estimate_minutes(self) -> int:
        steps = sum(due.step.estimate_minutes for due in self.steps)
        return steps + sum(task.estimate or 0 for task in self.tasks)


# the section of dated tasks not given a role yet (`by_role` puts only those in it)
NO_ROLE = Role(id="no-role", name="No role", colour="#4c566a")


def no_role_section(roles: Iterable[Role], taken_ids: Iterable[str] = ()) -> Role:
    """The section of the tasks without a role, with an id and a name no role of the day has:
    a role of the owner's may be called "No role" (its id from the form is "no-role") or
    have that id in an import, and two sections of one id would share their rows."""
    roles = list(roles)
    ids = {role.id for role in roles} | set(taken_ids)
    names = {role.name.casefold() for role in roles}
    section_id, number = NO_ROLE.id, 1
    while section_id in ids:
        number += 1
        section_id = f"{NO_ROLE.id}-{number}"
    name = NO_ROLE.name if NO_ROLE.name.casefold() not in names else "Tasks without a role"
    if section_id == NO_ROLE.id and name == NO_ROLE.name:
        return NO_ROLE
    return Role(id=section_id, name=name, colour=NO_ROLE.colour)


def tasks_due(tasks: Iterable[Task], on: date) -> list[Task]:
    """The open tasks due on `on` or before (overdue first, then by number)."""
    found = [task for task in tasks if task.due_on(on)]
    return sorted(found, key=lambda task: (task.due or on, task.id))


def step_key(occurrence_no: int, position: int) -> str:
    return f"{occurrence_no}.{position}"


def step_due(occurrence: Occurrence, step: Step, state: StepState) -> date:
    if state.snoozed_to is not None:
        return state.snoozed_to
    return occurrence.date + timedelta(days=step.offset_days)


def first_day_due(due: date, process: Process, state: StepState) -> date:
    """No step is due before its process starts: a reminder the day before the first run of a
    daily process made today is due today, not a day late (a date moved by hand stays)."""
    if state.snoozed_to is not None:
        return due
    return max(due, process.start)


ProcessLookup = Callable[[str, int], Process | None]


def due_steps(
    occurrences: Iterable[Occurrence], process_at: ProcessLookup, on: date
) -> list[DueStep]:
    """The open steps of open occurrences due on or before `on` (unsorted)."""
    found: list[DueStep] = []
    for occurrence in occurrences:
        if not occurrence.is_open:
            continue
        process = process_at(occurrence.process_id, occurrence.process_version)
        if process is None:
            continue
        steps = {step.id: step for step in process.steps}
        for position, state in enumerate(occurrence.steps, start=1):
            step = steps.get(state.step_id)
            if step is None or not state.is_open:
                continue
            due = first_day_due(step_due(occurrence, step, state), process, state)
            if due <= on:
                found.append(
                    DueStep(occurrence, process, step, state, position, due, (on - due).days)
                )
    return found


def sort_key(due: DueStep) -> tuple[int, str, date, int, int]:
    return (
        0 if due.overdue_days > 0 else 1,
        due.process.name.lower(),
        due.occurrence.date,
        due.occurrence.no,
        due.position,
    )


def by_role(
    steps: Iterable[DueStep],
    roles: Sequence[Role],
    *,
    keep_empty: bool = False,
    tasks: Iterable[Task] = (),
) -> list[RoleDay]:
    """Group due steps and tasks (already due, in order) by role in the roles' order;
    unknown roles come last, then the tasks without a role."""
    grouped: dict[str, list[DueStep]] = {}
    for due in steps:
        grouped.setdefault(due.role, []).append(due)
    todo: dict[str, list[Task]] = {}
    for task in tasks:
        todo.setdefault(task.role_id or "", []).append(task)
    ordered = sorted(roles, key=lambda role: (role.order, role.name.lower()))
    known = {role.id for role in ordered}

    def day_of(role: Role) -> RoleDay:
        found = tuple(sorted(grouped.get(role.id, ()), key=sort_key))
        return RoleDay(role, found, tuple(todo.get(role.id, ())))

    days = [
        day_of(role) for role in ordered if keep_empty or grouped.get(role.id) or todo.get(role.id)
    ]
    for role_id in sorted((set(grouped) | set(todo)) - known - {""}):
        days.append(day_of(Role(id=role_id, name=role_id)))
    if todo.get(""):
        section = no_role_section(ordered, set(grouped) | set(todo))
        days.append(RoleDay(section, (), tuple(todo[""])))  # after every role
    return days


def index_processes(
    current: Iterable[Process], history: Iterable[Process] = ()
) -> Mapping[tuple[str, int], Process]:
    """Look-up of every known version of every process."""
    table: dict[tuple[str, int], Process] = {}
    for process in (*history, *current):
        table[(process.id, process.version)] = process
    return table
