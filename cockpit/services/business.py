"""Reading a business definition (the sample, or the owner's own TOML) into the store.

The format is the one of `sample_data/business.toml`: roles, systems with tools,
people and KPIs, and processes with their steps. The file goes through the same
checks as every other document before anything is saved: its typed layout
(`store.business_file`), the entities built from it (names, schedules, time blocks,
at most 100 steps), a step due after its run is missed refused, and then the whole
business as it will be stored, with what the data file already holds
(`store.document.check_tables`: ids, references, at most 500 processes). An error
names the file, the process and the field it is about.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from cockpit.domain.errors import ValidationError
from cockpit.domain.model import (
    Kpi,
    Process,
    Role,
    Stage,
    Step,
    System,
    TimeBlock,
    check_step_offsets,
    slugify,
)
from cockpit.domain.names import name_key
from cockpit.domain.schedule import parse_schedule
from cockpit.services.context import Cockpit
from cockpit.services.demo_file import sample_path as sample_path
from cockpit.store import codec
from cockpit.store.business_file import (
    FORMAT,
    BusinessFile,
    ProcessEntry,
    RoleEntry,
    StepEntry,
    SystemEntry,
    business_from,
    read_business_file,
)
from cockpit.store.document import DocumentError, check_tables
from cockpit.store.exchange import read_import

__all__ = ["FORMAT", "Business", "create_roles", "load_business", "load_sample", "read_business"]


@dataclass(frozen=True, slots=True)
class Business:
    name: str
    roles: tuple[Role, ...]
    systems: tuple[System, ...]
    processes: tuple[Process, ...]
    source: str = "business"  # the file it was read from, for messages


Known = tuple[Sequence[Role], Sequence[System]]  # what the data file holds already


def read_business(path: Path, start: date, tz: str, known: Known = ((), ())) -> Business:
    """A business definition from TOML; its processes may name the roles and systems of the
    file or those in `known` (the data file's, when it is added to one)."""
    raw = read_import(path)
    try:
        typed = read_business_file(raw)
    except DocumentError as error:
        raise ValidationError(f"{path}: {error}") from None
    return build_business(typed, start, tz, where=str(path), known=known)


def parse_business(raw: dict[str, Any], start: date, tz: str, where: str = "business") -> Business:
    """Build and validate every entity of a parsed business definition (TOML as a dict)."""
    try:
        typed = business_from(raw)
    except DocumentError as error:
        raise ValidationError(f"{where}: {error}") from None
    return build_business(typed, start, tz, where)


def _refuse_alike_names(where: str, what: str, names: list[str]) -> None:
    """Two roles (systems, processes) called alike could not be told apart once imported."""
    seen: dict[str, str] = {}
    for name in names:
        key = name_key(name)
        if key in seen:  # (an identity test missed two equal one-letter names: one object)
            raise ValidationError(f'{where}: two {what} are called "{seen[key]}" and "{name}"')
        seen[key] = name


def _unique_id(name: str, taken: set[str]) -> str:
    base = slugify(name)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    taken.add(candidate)
    return candidate


def _role(entry: RoleEntry, order: int, taken: set[str]) -> Role:
    blocks = {
        day.lower()[:3]: tuple(TimeBlock.parse(text) for text in texts)
        for day, texts in entry.blocks.items()
    }
    return Role(
        id=_unique_id(entry.name, taken),
        name=entry.name,
        colour=entry.colour,
        order=order,
        budget_minutes=entry.budget_minutes,
        blocks=blocks,
    )


def _system(entry: SystemEntry, taken: set[str]) -> System:
    return System(
        id=_unique_id(entry.name, taken),
        name=entry.name,
        description=entry.description,
        tools=tuple(entry.tools),
        people=tuple(entry.people),
        kpis=tuple(Kpi(k.name, k.unit, k.target, k.direction) for k in entry.kpis),
    )


def _steps(entries: list[StepEntry]) -> tuple[Step, ...]:
    return tuple(
        Step(
            id=f"s{index}",
            title=step.title,
            instructions=step.instructions.strip(),
            tool=step.tool,
            estimate_minutes=step.estimate,
            offset_days=step.offset,
        )
        for index, step in enumerate(entries, start=1)
    )


def _process(
    entry: ProcessEntry,
    roles: dict[str, Role],
    systems: dict[str, str],
    taken: set[str],
    at: tuple[date, str],
) -> Process:
    start, tz = at
    role = roles.get(entry.role.lower())
    if role is None:
        known = ", ".join(r.name for r in roles.values()) or "none defined"
        raise ValidationError(f'unknown role "{entry.role}" (roles: {known})')
    system = None
    if entry.system:
        system = systems.get(entry.system.lower())
        if system is None:
            raise ValidationError(f'unknown system "{entry.system}"')
    process = Process(
        id=_unique_id(entry.name, taken),
        name=entry.name,
        role=role.id,
        system=system,
        schedule=parse_schedule(entry.schedule, tz),
        start=start,
        steps=_steps(entry.steps),
        target_minutes=entry.target_minutes,
        stage=Stage.parse(entry.stage),
        purpose=entry.purpose.strip(),
        notes=entry.notes.strip(),
    )
    return check_step_offsets(process)


def build_business(
    typed: BusinessFile, start: date, tz: str, where: str = "business", known: Known = ((), ())
) -> Business:
    """Build and validate every entity of a typed business definition."""
    for what, entries in (
        ("roles", typed.roles),
        ("systems", typed.systems),
        ("processes", typed.processes),
    ):
        _refuse_alike_names(where, what, [entry.name for entry in entries])
    taken: set[str] = set()
    roles = []
    for order, role in enumerate(typed.roles):
        try:
            roles.append(_role(role, order, taken))
        except ValidationError as error:
            raise ValidationError(f"{where}: role {role.name or order + 1!r}: {error}") from None
    systems = []
    for system in typed.systems:
        try:
            systems.append(_system(system, taken))
        except ValidationError as error:
            raise ValidationError(f"{where}: system {system.name!r}: {error}") from None
    known_roles, known_systems = known
    role_names = {role.name.lower(): role for role in (*known_roles, *roles)}
    system_names = {system.name.lower(): system.id for system in (*known_systems, *systems)}
    processes = []
    process_ids: set[str] = set()
    for entry in typed.processes:
        try:
            processes.append(_process(entry, role_names, system_names, process_ids, (start, tz)))
        except ValidationError as error:
            raise ValidationError(f"{where}: process {entry.name!r}: {error}") from None
    return Business(typed.business.name, tuple(roles), tuple(systems), tuple(processes), where)


def check_business(ctx: Cockpit, business: Business) -> None:
    """The checks every document gets, on the business as it will be stored: what the data
    file holds, with the roles, systems and processes of `business` put in by id."""
    roles = {r.id: codec.role_doc(r) for r in (*ctx.store.roles(), *business.roles)}
    systems = {s.id: codec.system_doc(s) for s in (*ctx.store.systems(), *business.systems)}
    processes = {p.id: codec.process_doc(p) for p in (*ctx.store.processes(), *business.processes)}
    tables = {
        name: {str(key): doc for key, doc in enumerate(by_id.values(), start=1)}
        for name, by_id in (("roles", roles), ("systems", systems), ("processes", processes))
    }
    try:
        check_tables(tables, strict=True, complete=False, runs_known=True)
    except DocumentError as error:
        raise ValidationError(f"{business.source}: {error}") from None


def load_business(ctx: Cockpit, business: Business, mark: str | None = None) -> None:
    """Save a business into the store, in one atomic write, once it passed `check_business`
    (a new file takes a business mark: `mark`, else a fresh one)."""
    ctx.require_writer()
    check_business(ctx, business)
    with ctx.store.batch():
        ctx.store.mark_new_business(ctx.now(), mark)
        for role in business.roles:
            ctx.store.save_role(role)
        for system in business.systems:
            ctx.store.save_system(system)
        for process in business.processes:
            ctx.store.save_process(process)


def load_sample(ctx: Cockpit, start: date | None = None, mark: str | None = None) -> Business:
    business = read_business(sample_path(), start or ctx.today(), ctx.settings.timezone)
    load_business(ctx, business, mark)
    return business


def role_names_problem(names: Sequence[str]) -> str | None:
    """What is wrong with the roles of an empty start, in the owner's words; None: nothing.
    None at all, or two called alike (case and spaces aside): `add --role A` could not tell
    which "A" is meant."""
    if not names:
        return "name at least one role: a process belongs to a role (more come later)"
    keys = [name_key(name) for name in names]
    for at, key in enumerate(keys):
        if key in keys[:at]:
            first = names[keys.index(key)]
            return f'two roles are called "{first}" and "{names[at]}": give each its own name'
    return None


def create_roles(ctx: Cockpit, names: list[str]) -> list[Role]:
    """An empty start: just the roles the owner wears (at least one, none two alike)."""
    if problem := role_names_problem(names):
        raise ValidationError(problem)
    ctx.require_writer()
    taken = {role.id for role in ctx.store.roles()}
    roles = [Role(id=_unique_id(name, taken), name=name, order=i) for i, name in enumerate(names)]
    with ctx.store.batch():
        ctx.store.mark_new_business(ctx.now())
        for role in roles:
            ctx.store.save_role(role)
    return roles
