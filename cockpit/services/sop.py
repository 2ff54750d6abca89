"""SOP documents: each process as Markdown a new hire could follow, and back again.

A Cockpit SOP is a front matter the importer reads (format, id, role, system,
schedule, stage, target, start, version), the title `# Name`, then the sections
`## Purpose`, `## Tools`, `## Schedule`, `## Steps` and `## Notes`. Tools and
Schedule are written for people and not read back (the front matter counts).
Each step is `### N. Title`, then the line "Tool: X · Estimate: 10 min · Due: the
day before <!-- step s2 -->", then its instructions in Markdown. In the tool's name
a `·` or a backslash is written with a backslash before it, so no name can pass
for the separator; a name read from an older file that spans lines is written on
one line. No control character but tab and newline reaches the document.

Free text (purpose, notes, instructions) is written with every heading-like line
pushed three levels down ("## x" becomes "##### x", in code blocks too), so no
text can pass for a section or a step; reading pulls them back up, so a round
trip keeps the text exactly. A plain Markdown checklist (`- [ ] step`) is read as
a new draft process, one step per item.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TypeVar

from cockpit.domain.errors import NotFoundError, ValidationError
from cockpit.domain.model import Process, Role, Step, System, slugify
from cockpit.domain.schedule import ScheduleKind, parse_schedule
from cockpit.domain.text import printable_document
from cockpit.services.context import Cockpit
from cockpit.services.sop_read import (
    FIELDS,
    FORMAT,
    SECTIONS,
    ParsedSop,
    Value,
    at_line,
    escape,
    one_line,
    read_sop,
    read_text,
    unescape,
    write_tool,
)
from cockpit.store.files import atomic_write_bytes

# re-exported: callers import the SOP format from here
__all__ = [
    "FIELDS",
    "FORMAT",
    "SECTIONS",
    "MissingReferencesError",
    "ParsedSop",
    "SopImport",
    "build_process",
    "due_words",
    "escape",
    "export_sops",
    "import_sop",
    "import_sop_file",
    "read_sop",
    "schedule_words",
    "sop_markdown",
    "unescape",
]

_DAYS = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday"}
_DAYS |= {"fri": "Friday", "sat": "Saturday", "sun": "Sunday"}

E = TypeVar("E", Role, System)
MAX_FILE_STEM = 80  # characters of the slug in a file name


# -- writing --------------------------------------------------------------------------------


def due_words(offset: int) -> str:
    if offset == 0:
        return "on the day"
    side = "before" if offset < 0 else "after"
    return f"the day {side}" if abs(offset) == 1 else f"{abs(offset)} days {side}"


def schedule_words(process: Process) -> str:
    """The schedule, the spread of the steps and the time, in sentences."""
    schedule, start = process.schedule, f"{process.start:%A %Y-%m-%d}"
    if schedule.kind is ScheduleKind.ON_DEMAND:
        text = "On demand: started by hand whenever it is needed."
    elif schedule.kind is ScheduleKind.AFTER_DONE:
        text = f"{schedule.text.capitalize()}: the next run counts from the day the last one was "
        text += f"done (the first run was due on {start})."
    else:
        words = re.sub(r"\b(mon|tue|wed|thu|fri|sat|sun)\b", lambda m: _DAYS[m[1]], schedule.text)
        text = f"{words[0].upper()}{words[1:]}, counting from {start}."
    offsets = [step.offset_days for step in process.steps] or [0]
    if min(offsets) < 0:
        text += f" Work starts {due_words(min(offsets))} the date of each run."
    if max(offsets) > 0:
        text += f" The last step falls due {due_words(max(offsets))} it."
    time = f"The steps are estimated at {process.estimate_minutes} min in all"
    if process.target_minutes is not None:
        time += f"; the target is {process.target_minutes} min"
    return f"{text}\n\n{time}."


def _tools(process: Process, system: System | None) -> list[str]:
    used: dict[str, list[str]] = {}
    for number, step in enumerate(process.steps, start=1):
        if step.tool.strip():
            used.setdefault(one_line(step.tool), []).append(str(number))
    lines = [f"- {tool} (step{'s'[: len(n) - 1]} {', '.join(n)})" for tool, n in used.items()]
    others = [one_line(tool) for tool in system.tools if tool not in used] if system else []
    if system and others:
        lines += ["", f"Also in the {system.name} system: {', '.join(others)}."]
    if system and system.people:
        lines += ["", f"People: {'; '.join(map(one_line, system.people))}."]
    return lines or ["No tools named yet."]


def _label(item_id: str, items: list[E]) -> str:
    """The name when it names this item alone, else the id."""
    names = [item.name.lower() for item in items]
    found = next((item for item in items if item.id == item_id), None)
    return found.name if found and names.count(found.name.lower()) == 1 else item_id


def sop_markdown(ctx: Cockpit, process: Process) -> str:
    """The SOP of one process, as a Markdown document (front matter first)."""
    roles, systems = ctx.store.roles(), ctx.store.systems()
    system = next((s for s in systems if s.id == process.system), None)
    lines = ["---", f"format: {FORMAT}", f"id: {process.id}"]
    lines.append(f"role: {_label(process.role, roles)}")
    if process.system:
        lines.append(f"system: {_label(process.system, systems)}")
    lines += [f"schedule: {process.schedule.text}", f"stage: {process.stage.value}"]
    if process.target_minutes is not None:
        lines.append(f"target: {process.target_minutes} min")
    lines += [f"start: {process.start.isoformat()}", f"version: {process.version}", "---"]
    lines += ["", f"# {process.name}", ""]
    if process.purpose.strip():
        lines += ["## Purpose", "", escape(process.purpose.strip()), ""]
    lines += ["## Tools", "", *_tools(process, system), ""]
    lines += ["## Schedule", "", schedule_words(process), "", "## Steps", ""]
    for number, step in enumerate(process.steps, start=1):
        meta = [f"Tool: {write_tool(step.tool)}"] if step.tool.strip() else []
        meta += [f"Estimate: {step.estimate_minutes} min", f"Due: {due_words(step.offset_days)}"]
        lines += [f"### {number}. {step.title}", "", f"{' · '.join(meta)} <!-- step {step.id} -->"]
        if step.instructions.strip():
            lines += ["", escape(step.instructions.strip("\n"))]
        lines.append("")
    if process.notes.strip():
        lines += ["## Notes", "", escape(process.notes.strip())]
    text = "\n".join(lines).rstrip("\n") + "\n"
    return printable_document(text)


def export_sops(
    ctx: Cockpit, out_dir: Path | None, process_name: str | None = None
) -> list[Path] | str:
    """One `<slug of the name>.md` per process in `out_dir` (written atomically), or all as text.

    File names are slugs of the process names (`-2`, `-3`... when two share one), so no
    name or id can reach outside `out_dir`; a link already in the folder under that name
    is replaced, never followed.
    """
    processes = ctx.store.processes()
    if process_name is not None:
        wanted = process_name.strip().lower()
        processes = [p for p in processes if wanted in (p.id, p.name.lower())]
        if not processes:
            names = ", ".join(p.name for p in ctx.store.processes()) or "none yet"
            raise NotFoundError(f'no process called "{process_name}" (processes: {names})')
    if out_dir is None:
        return "\n".join(sop_markdown(ctx, process) for process in processes)
    out_dir.mkdir(parents=True, exist_ok=True)
    folder = out_dir.resolve()
    paths = []
    for process, name in zip(processes, sop_file_names(processes), strict=True):
        path = out_dir / name
        if path.parent.resolve() != folder:  # a slug holds no separator: never true
            raise ValidationError(f"{name} would be written outside {out_dir}")
        atomic_write_bytes(path, sop_markdown(ctx, process).encode("utf-8"))
        paths.append(path)
    return paths


def sop_file_names(processes: list[Process]) -> list[str]:
    """The file name of each process's SOP: the slug of its name, unique among them."""
    taken: set[str] = set()
    names = []
    for process in processes:
        stem = slugify(process.name)[:MAX_FILE_STEM].strip("-") or "process"
        name, number = stem, 2
        while name in taken:
            name, number = f"{stem}-{number}", number + 1
        taken.add(name)
        names.append(f"{name}.md")
    return names


# -- importing ------------------------------------------------------------------------------


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
