"""Editing the library of the business: roles, systems, processes and their steps.

Every use case checks everything before it saves anything, and refuses bad input
with a ValidationError whose `field` names the input it is about, so a form can
show the message next to that field. Editing a process saves a new version: past
runs keep the steps of the version they were made from (the store keeps it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import TypeVar

from cockpit.domain.errors import NotFoundError, RuleError, ValidationError
from cockpit.domain.model import Kpi, Process, Role, Stage, Step, System, slugify
from cockpit.domain.names import require_free_name
from cockpit.domain.occurrence import OccurrenceStatus
from cockpit.services.context import Cockpit
from cockpit.services.schedule_preview import read_schedule

T = TypeVar("T")
KpiRow = tuple[str, str, float | None, str]  # name, unit, target, direction

# the fields the model names in its errors, as the forms call them
_FIELDS = {
    "daily budget": "budget",
    "direction": "kpis",
    "a role": "name",
    "a process": "name",
    "a step": "name",
}


def _checked(build: Callable[[], T], name_field: str = "name") -> T:
    """Build an entity; its ValidationError gets the field a form shows it next to."""
    try:
        return build()
    except ValidationError as error:
        field = _FIELDS.get(error.field or "", error.field) or name_field
        if field == "name":
            field = name_field
        raise ValidationError(str(error), field) from None


def _unique_id(name: str, taken: set[str]) -> str:
    base = slugify(name)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def parse_minutes(text: str, field: str, *, optional: bool = False) -> int | None:
    """Whole minutes typed in a form ("" is None when optional)."""
    cleaned = text.strip().lower().removesuffix("min").strip()
    if not cleaned:
        if optional:
            return None
        raise ValidationError(f"{field} is needed (whole minutes)", field)
    try:
        return int(cleaned)
    except ValueError:
        raise ValidationError(
            f'{field} must be a whole number of minutes, not "{text}"', field
        ) from None


def parse_days(text: str, field: str = "offset") -> int:
    cleaned = text.strip()
    if not cleaned:
        return 0
    try:
        return int(cleaned)
    except ValueError:
        raise ValidationError(
            f'offset must be a whole number of days, not "{text}"', field
        ) from None


def parse_kpis(text: str) -> list[KpiRow]:
    """One KPI a line: "name, unit, target, up|down" (unit, target, direction optional)."""
    rows: list[KpiRow] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split(",")]
        if len(parts) > 4:
            raise ValidationError(f"KPI line {number}: at most name, unit, target, direction")
        parts += [""] * (4 - len(parts))
        target: float | None = None
        if parts[2]:
            try:
                target = float(parts[2])
            except ValueError:
                raise ValidationError(
                    f'KPI line {number}: target "{parts[2]}" is not a number', "kpis"
                ) from None
        rows.append((parts[0], parts[1], target, parts[3].lower() or "up"))
    return rows


def split_list(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


# -- processes ----------------------------------------------------------------------------


def find_process(ctx: Cockpit, process_id: str) -> Process:
    for process in ctx.store.processes():
        if process.id == process_id:
            return process
    raise NotFoundError(f'no process "{process_id}"')


def _same(a: Process, b: Process) -> bool:
    return replace(a, version=b.version) == b


def _save_edit(ctx: Cockpit, before: Process, after: Process) -> Process:
    if _same(after, before):
        return before
    ctx.store.save_process(after)
    return after


def save_process(
    ctx: Cockpit,
    *,
    process_id: str | None = None,
    name: str,
    role_id: str | None,
    system_id: str | None,
    schedule_text: str,
    target_minutes: int | None,
    stage: Stage | str = Stage.DRAFT,
    notes: str = "",
    purpose: str = "",
    opened_version: int | None = None,
) -> Process:
    """Create a process (no steps yet) or save a new version of one; `opened_version`: the
    version the edit was begun on (a form), refused when the process has moved on since
    (another device's edit taken in meanwhile would be saved over)."""
    ctx.require_writer()
    existing = find_process(ctx, process_id) if process_id is not None else None
    if existing is not None and opened_version not in (None, existing.version):
        raise RuleError(
            f'"{existing.name}" was changed elsewhere while this form was open (it is now '
            f"version {existing.version}, the form began on version {opened_version}); "
            "nothing was saved: close the form to see it, then edit it again"
        )
    roles = {role.id: role for role in ctx.store.roles()}
    systems = {system.id: system for system in ctx.store.systems()}
    if not " ".join(name.split()):
        raise ValidationError("a process needs a name", "name")
    live = ((p.id, p.name) for p in ctx.store.processes() if p.active)
    require_free_name(name, live, "a process", process_id)
    if not role_id or role_id not in roles:
        raise ValidationError("choose the role this process belongs to", "role")
    if roles[role_id].archived and (existing is None or existing.role != role_id):
        raise ValidationError(f'role "{roles[role_id].name}" is retired', "role")
    if system_id and system_id not in systems:
        raise ValidationError(f'unknown system "{system_id}"', "system")
    schedule = read_schedule(ctx, schedule_text)
    stage = Stage.parse(stage) if isinstance(stage, str) else stage
    fields = {
        "name": name,
        "role": role_id,
        "system": system_id or None,
        "schedule": schedule,
        "target_minutes": target_minutes,
        "stage": stage,
        "notes": notes.strip(),
        "purpose": purpose.strip(),
    }
    if existing is not None:
        edited = _checked(lambda: existing.edited(**fields))
        return _save_edit(ctx, existing, edited)
    taken = {process.id for process in (*ctx.store.processes(), *ctx.store.process_history())}
    process = _checked(
        lambda: Process(
            id=_unique_id(name, taken),
            name=name,
            role=role_id,
            system=system_id or None,
            schedule=schedule,
            start=ctx.today(),
            target_minutes=target_minutes,
            stage=stage,
            notes=notes.strip(),
            purpose=purpose.strip(),
        )
    )
    ctx.store.save_process(process)
    return process


def archive_process(ctx: Cockpit, process_id: str) -> Process:
    """Retire a process: kept for its history, no longer scheduled."""
    ctx.require_writer()
    process = find_process(ctx, process_id)
    return _save_edit(ctx, process, process.edited(stage=Stage.RETIRED))


def save_step(
    ctx: Cockpit,
    process_id: str,
    *,
    step_id: str | None = None,
    title: str,
    instructions: str = "",
    tool: str = "",
    estimate_minutes: int = 0,
    offset_days: int = 0,
) -> Process:
    """Add a step at the end, or change one: a new version of the process."""
    ctx.require_writer()
    process = find_process(ctx, process_id)
    if step_id is not None:
        process.step(step_id)  # KeyError: unknown step
    new_id = step_id or process.next_step_id()
    step = _checked(
        lambda: Step(
            id=new_id,
            title=title,
            instructions=instructions.rstrip(),
            tool=tool.strip(),
            estimate_minutes=estimate_minutes,
            offset_days=offset_days,
        ),
        "title",
    )
    if step_id is None:
        steps = (*process.steps, step)
    else:
        steps = tuple(step if s.id == step_id else s for s in process.steps)
    return _save_edit(ctx, process, process.edited(steps=steps))


def _step_index(process: Process, step_id: str) -> int:
    for index, step in enumerate(process.steps):
        if step.id == step_id:
            return index
    raise NotFoundError(f'"{process.name}" has no step "{step_id}"')


def delete_step(ctx: Cockpit, process_id: str, step_id: str) -> Process:
    ctx.require_writer()
    process = find_process(ctx, process_id)
    index = _step_index(process, step_id)
    steps = process.steps[:index] + process.steps[index + 1 :]
    return _save_edit(ctx, process, process.edited(steps=steps))


def move_step(ctx: Cockpit, process_id: str, step_id: str, delta: int) -> Process:
    """Move a step `delta` places (down when positive); at an end it stays."""
    ctx.require_writer()
    process = find_process(ctx, process_id)
    index = _step_index(process, step_id)
    target = min(max(index + delta, 0), len(process.steps) - 1)
    if target == index:
        return process
    steps = list(process.steps)
    steps.insert(target, steps.pop(index))
    return _save_edit(ctx, process, process.edited(steps=tuple(steps)))


def testing_runs(ctx: Cockpit, process_id: str, limit: int = 10) -> list[tuple[date, int]]:
    """The timed runs of a process: (date, minutes of its steps), latest first."""
    runs = [
        occurrence
        for occurrence in ctx.store.occurrences(process_id=process_id)
        if occurrence.status is OccurrenceStatus.DONE
    ]
    runs.sort(key=lambda o: (o.date, o.no), reverse=True)
    return [(run.date, run.minutes) for run in runs[:limit]]


# -- roles and systems --------------------------------------------------------------------


def _taken_ids(ctx: Cockpit) -> set[str]:
    return {r.id for r in ctx.store.roles()} | {s.id for s in ctx.store.systems()}


def save_role(
    ctx: Cockpit,
    *,
    role_id: str | None = None,
    name: str,
    colour: str = "#81a1c1",
    budget_minutes: int = 0,
) -> Role:
    ctx.require_writer()
    roles = ctx.store.roles()
    require_free_name(name, ((r.id, r.name) for r in roles if not r.archived), "a role", role_id)
    colour = colour.strip() or "#81a1c1"
    if role_id is not None:
        existing = next((role for role in roles if role.id == role_id), None)
        if existing is None:
            raise NotFoundError(f'no role "{role_id}"')
        role = _checked(
            lambda: replace(existing, name=name, colour=colour, budget_minutes=budget_minutes)
        )
    else:
        order = max((r.order for r in roles), default=-1) + 1
        role = _checked(
            lambda: Role(
                id=_unique_id(name, _taken_ids(ctx)),
                name=name,
                colour=colour,
                order=order,
                budget_minutes=budget_minutes,
            )
        )
    ctx.store.save_role(role)
    return role


def archive_role(ctx: Cockpit, role_id: str) -> Role:
    """Archive a role no active process belongs to."""
    ctx.require_writer()
    role = next((r for r in ctx.store.roles() if r.id == role_id), None)
    if role is None:
        raise NotFoundError(f'no role "{role_id}"')
    users = [p.name for p in ctx.store.processes() if p.role == role_id and p.active]
    if users:
        raise ValidationError(
            f'"{role.name}" still has active processes ({", ".join(users)}): '
            "retire them or give them another role first",
            "role",
        )
    archived = replace(role, archived=True)
    ctx.store.save_role(archived)
    return archived


def save_system(
    ctx: Cockpit,
    *,
    system_id: str | None = None,
    name: str,
    description: str = "",
    tools: Sequence[str] = (),
    people: Sequence[str] = (),
    kpis: Sequence[KpiRow] = (),
) -> System:
    ctx.require_writer()
    live = ((s.id, s.name) for s in ctx.store.systems() if not s.archived)
    require_free_name(name, live, "a system", system_id)
    built = tuple(_kpi(row) for row in kpis)
    fields = {
        "name": name,
        "description": description.strip(),
        "tools": tuple(t.strip() for t in tools if t.strip()),
        "people": tuple(p.strip() for p in people if p.strip()),
        "kpis": built,
    }
    if system_id is not None:
        existing = next((s for s in ctx.store.systems() if s.id == system_id), None)
        if existing is None:
            raise NotFoundError(f'no system "{system_id}"')
        system = _checked(lambda: replace(existing, **fields))  # type: ignore[arg-type]
    else:
        new_id = _unique_id(name, _taken_ids(ctx))
        system = _checked(lambda: System(id=new_id, **fields))  # type: ignore[arg-type]
    ctx.store.save_system(system)
    return system


def _kpi(row: KpiRow) -> Kpi:
    return _checked(lambda: Kpi(row[0], row[1], row[2], row[3]), "kpis")


def archive_system(ctx: Cockpit, system_id: str) -> System:
    ctx.require_writer()
    system = next((s for s in ctx.store.systems() if s.id == system_id), None)
    if system is None:
        raise NotFoundError(f'no system "{system_id}"')
    archived = replace(system, archived=True)
    ctx.store.save_system(archived)
    return archived
