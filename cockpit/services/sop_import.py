"""SOP documents back into processes: a Cockpit SOP (or a plain Markdown checklist) read
by `sop_read` becomes a process, new or the next version of one, with the roles and
systems it names created when asked (`--create-missing`). The format is described in
`sop`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from cockpit.domain.errors import ValidationError
from cockpit.domain.model import Process, Role, Step, System, slugify
from cockpit.domain.schedule import parse_schedule
from cockpit.services.context import Cockpit
from cockpit.services.sop_read import ParsedSop, Value, at_line, read_sop, read_text

E = TypeVar("E", Role, System)


class MissingReferencesError(ValidationError):
    """A file names roles or systems the data file does not hold; `import_sop` with
    `create_missing=True` creates them. `roles` and `systems` are the names as written."""

    def __init__(
        self, message: str, source: str, roles: tuple[str, ...], systems: tuple[str, ...]
    ) -> None:
        super().__init__(message, "role" if roles else "system")
        self.source = source
        self.roles = roles
        self.systems = systems


@dataclass(frozen=True, slots=True)
class SopImport:
    """What an import did: the process (new, a new version, or unchanged), and the roles and
    systems it created."""

    process: Process
    created_roles: tuple[Role, ...] = ()
    created_systems: tuple[System, ...] = ()


def _lookup(value: Value, items: Sequence[Role | System]) -> str | None:
    """An id from a name (any case) or an id; None when nothing has it."""
    by_name = [item.id for item in items if item.name.lower() == value.text.lower()]
    found = by_name if len(by_name) == 1 else [item.id for item in items if item.id == value.text]
    return found[0] if found else None


def _new(value: Value, source: str, build: Callable[[str], E], taken: set[str]) -> E:
    """A role or system named as in the file, its id the slug of the name, unique."""
    base = slugify(value.text)
    new_id, number = base, 2
    while new_id in taken:
        new_id, number = f"{base}-{number}", number + 1
    taken.add(new_id)
    try:
        return build(new_id)
    except ValidationError as error:
        raise at_line(source, value.line, str(error)) from None


@dataclass(frozen=True, slots=True)
class _References:
    role: str
    system: str | None
    new_roles: tuple[Role, ...]
    new_systems: tuple[System, ...]


def _references(ctx: Cockpit, parsed: ParsedSop, create_missing: bool) -> _References:
    """The ids of the role and system the file names, and those to create."""
    source, roles, systems = parsed.source, ctx.roles(), ctx.store.systems()
    taken = {role.id for role in roles} | {system.id for system in systems}
    missing: list[tuple[str, Value]] = []
    new_roles: list[Role] = []
    new_systems: list[System] = []
    if (wanted := parsed.role) is None:
        role = next((role.id for role in roles if not role.archived), None)
        if role is None:
            raise at_line(source, 0, 'there is no role yet to give the process to; add a line '
                          '"Role: <name>" to the file')  # fmt: skip
    elif (role := _lookup(wanted, roles)) is None:
        missing.append(("role", wanted))
        order = max((r.order for r in ctx.store.roles()), default=-1) + 1
        new_roles.append(_new(wanted, source, lambda i: Role(i, wanted.text, order=order), taken))
        role = new_roles[0].id
    system = None
    named = parsed.system if parsed.system is not None and parsed.system.text else None
    if named is not None and (system := _lookup(named, systems)) is None:
        missing.append(("system", named))
        new_systems.append(_new(named, source, lambda i: System(i, named.text), taken))
        system = new_systems[0].id
    if missing and not create_missing:
        known = {"role": [r.name for r in roles], "system": [s.name for s in systems]}
        raise _missing_error(source, missing, known)
    return _References(role, system, tuple(new_roles), tuple(new_systems))


def _missing_error(
    source: str, missing: list[tuple[str, Value]], known: dict[str, list[str]]
) -> MissingReferencesError:
    named = [f'{kind} "{value.text}"' for kind, value in missing]
    verb = "does not exist" if len(named) == 1 else "do not exist"
    kinds = dict.fromkeys(kind for kind, _ in missing)
    lists = "; ".join(f"{kind}s: {', '.join(known[kind]) or 'none yet'}" for kind in kinds)
    line = missing[0][1].line
    where = f"{source}, line {line}" if line else source
    return MissingReferencesError(
        f"{where}: {' and '.join(named)} {verb} ({lists})",
        source,
        tuple(value.text for kind, value in missing if kind == "role"),
        tuple(value.text for kind, value in missing if kind == "system"),
    )


def build_process(ctx: Cockpit, parsed: ParsedSop) -> tuple[Process, Process | None]:
    """The process a parsed file describes, and the stored one it edits (None: a new one).

    Unchanged (texts compared without surrounding blank lines), the stored one is returned.
    A role or system the data file lacks is refused (MissingReferencesError).
    """
    process, previous, _ = _build(ctx, parsed, create_missing=False)
    return process, previous


def _build(
    ctx: Cockpit, parsed: ParsedSop, *, create_missing: bool
) -> tuple[Process, Process | None, _References]:
    source, stored = parsed.source, {p.id: p for p in ctx.store.processes()}
    if parsed.id is not None and (not parsed.id.text or slugify(parsed.id.text) != parsed.id.text):
        raise at_line(source, parsed.id.line, "an id is lowercase letters, digits and dashes")
    previous = stored.get(parsed.id.text) if parsed.id else None
    refs = _references(ctx, parsed, create_missing)
    role, system = refs.role, refs.system
    schedule_text = parsed.schedule or Value("on demand", 0)
    try:
        tz = previous.schedule.tz if previous else ctx.settings.timezone
        schedule = parse_schedule(schedule_text.text, tz)
    except ValidationError as error:
        raise at_line(source, schedule_text.line, str(error)) from None
    steps = _steps(parsed, previous)
    new_id = parsed.id.text if parsed.id else slugify(parsed.name.text)
    number = 2
    while new_id in stored and not parsed.id:
        new_id, number = f"{slugify(parsed.name.text)}-{number}", number + 1
    try:
        process = Process(
            id=previous.id if previous else new_id,
            name=parsed.name.text,
            role=role,
            schedule=schedule,
            start=parsed.start or (previous.start if previous else ctx.today()),
            steps=steps,
            system=system,
            target_minutes=parsed.target_minutes,
            stage=parsed.stage,
            purpose=parsed.purpose,
            notes=parsed.notes,
            version=previous.version if previous else 1,
        )
    except ValidationError as error:
        raise at_line(source, parsed.name.line, str(error)) from None
    if previous is None:
        return process, None, refs
    if _trimmed(process) == _trimmed(previous):
        return previous, previous, refs
    return replace(process, version=previous.version + 1), previous, refs  # as Process.edited


def _steps(parsed: ParsedSop, previous: Process | None) -> tuple[Step, ...]:
    """The steps, with their ids from the file; new steps get ids no version used."""
    taken = {step.id for _, step in parsed.steps} | {
        s.id for s in (previous.steps if previous else ())
    }
    steps: list[Step] = []
    for line, step in parsed.steps:
        if step.id and step.id in {done.id for done in steps}:
            raise at_line(parsed.source, line, f'a second step with the id "{step.id}"')
        number = len(steps) + 1
        while not step.id and f"s{number}" in taken:
            number += 1
        taken.add(step.id or f"s{number}")
        steps.append(step if step.id else replace(step, id=f"s{number}"))
    return tuple(steps)


def _trimmed(process: Process) -> Process:
    steps = tuple(replace(step, instructions=step.instructions.strip()) for step in process.steps)
    return replace(
        process, purpose=process.purpose.strip(), notes=process.notes.strip(), steps=steps
    )


def import_sop(ctx: Cockpit, path: Path, *, create_missing: bool = False) -> Process:
    """Import a SOP (its id stored: a new version of that process, if anything changed) or a
    checklist (a new draft, on demand). Everything is checked before anything is saved.

    A role or system the file names but the data file lacks is refused with a
    MissingReferencesError, or created (a bare role or system of that name) when
    `create_missing` is true.
    """
    return import_sop_file(ctx, path, create_missing=create_missing).process


def import_sop_file(ctx: Cockpit, path: Path, *, create_missing: bool = False) -> SopImport:
    """`import_sop`, saying also which roles and systems it created."""
    ctx.require_writer()
    parsed = read_sop(read_text(path), str(path))
    process, previous, refs = _build(ctx, parsed, create_missing=create_missing)
    with ctx.store.batch():
        for role in refs.new_roles:
            ctx.store.save_role(role)
        for system in refs.new_systems:
            ctx.store.save_system(system)
        if process is not previous:
            ctx.store.save_process(process)
    return SopImport(process, refs.new_roles, refs.new_systems)
