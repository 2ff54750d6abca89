"""SOP documents: each process as Markdown a new hire could follow, and back again.

A Cockpit SOP is a front matter the importer reads (format, id, role, system,
schedule, stage, target, start, version), the title `# Name`, then the sections
`## Purpose`, `## Tools`, `## Schedule`, `## Steps` and `## Notes`. Tools and
Schedule are written for people and not read back (the front matter counts).
Each step is `### N. Title`, then the line "Tool: X · Estimate: 10 min · Due: the
day before <!-- step s2 -->", then its instructions in Markdown.

Free text (purpose, notes, instructions) is written with every heading-like line
pushed three levels down ("## x" becomes "##### x", in code blocks too), so no
text can pass for a section or a step; reading pulls them back up, so a round
trip keeps the text exactly. A plain Markdown checklist (`- [ ] step`) is read as
a new draft process, one step per item.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path, PurePath
from typing import Any, Literal, NamedTuple, TypeVar

from cockpit.domain.errors import CockpitError, NotFoundError, ValidationError
from cockpit.domain.model import Process, Role, Stage, Step, System, slugify
from cockpit.domain.schedule import ScheduleKind, parse_schedule
from cockpit.services.context import Cockpit
from cockpit.store.files import atomic_write_bytes

FORMAT = "cockpit-sop"
SECTIONS = ("purpose", "tools", "schedule", "steps", "notes")
FIELDS = ("format", "id", "role", "system", "schedule", "stage", "target", "start", "version")
_HEADING = re.compile(r"^ {0,3}(#{1,3})(?:[ \t]+(.*?))?[ \t]*$")
_HASHES = re.compile(r"^( {0,3})(#+)(?=[ \t]|$)")
_ESCAPED = re.compile(r"^( {0,3})###(#+)(?=[ \t]|$)")
_STEP_ID = re.compile(r"[ \t]*<!--\s*step\s+(\S+)\s*-->[ \t]*$")
_NUMBER = re.compile(r"^\d+[.)][ \t]+")
_MINUTES = re.compile(r"^(\d+)\s*(?:m|min|mins|minutes?)$", re.IGNORECASE)
_DUE = re.compile(r"^(?:(the) day|(\d+) days?) (before|after)$")
_ITEM = re.compile(r"^( *)[-*+][ \t]+\[[ xX]\][ \t]+(.*?)[ \t]*$")
_ITEM_TIME = re.compile(r"[ \t]*\((\d+)\s*(m|min|mins|minutes?|h|hr|hrs|hours?)\)$", re.I)
_KEY_LINE = re.compile(r"^(role|system|schedule):[ \t]*(.*?)[ \t]*$", re.IGNORECASE)
_DAYS = {"mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday"}
_DAYS |= {"fri": "Friday", "sat": "Saturday", "sun": "Sunday"}

Lines = list[tuple[int, str]]  # (1-based line number, text)
E = TypeVar("E", Role, System)


class Value(NamedTuple):
    """A value read from a file, with its line (1-based; 0: not from a line)."""

    text: str
    line: int


@dataclass(frozen=True, slots=True)
class ParsedSop:
    """What a file says, before roles, systems and the schedule are looked up."""

    source: str
    kind: Literal["sop", "checklist"]
    name: Value
    steps: tuple[tuple[int, Step], ...]  # with the line of each; id "": a new step
    id: Value | None = None
    role: Value | None = None
    system: Value | None = None
    schedule: Value | None = None
    stage: Stage = Stage.DRAFT
    target_minutes: int | None = None
    start: date | None = None
    purpose: str = ""
    notes: str = ""


# -- writing --------------------------------------------------------------------------------


def escape(text: str) -> str:
    """Push heading-like lines three levels down, so they can't end a section or a step."""
    return "\n".join(_HASHES.sub(r"\1###\2", line) for line in text.split("\n"))


def unescape(text: str) -> str:
    return "\n".join(_ESCAPED.sub(r"\1\2", line) for line in text.split("\n"))


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
        if step.tool:
            used.setdefault(step.tool, []).append(str(number))
    lines = [f"- {tool} (step{'s'[: len(n) - 1]} {', '.join(n)})" for tool, n in used.items()]
    others = [tool for tool in system.tools if tool not in used] if system else []
    if system and others:
        lines += ["", f"Also in the {system.name} system: {', '.join(others)}."]
    if system and system.people:
        lines += ["", f"People: {'; '.join(system.people)}."]
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
        meta = [f"Tool: {step.tool}"] if step.tool else []
        meta += [f"Estimate: {step.estimate_minutes} min", f"Due: {due_words(step.offset_days)}"]
        lines += [f"### {number}. {step.title}", "", f"{' · '.join(meta)} <!-- step {step.id} -->"]
        if step.instructions.strip():
            lines += ["", escape(step.instructions.strip("\n"))]
        lines.append("")
    if process.notes.strip():
        lines += ["## Notes", "", escape(process.notes.strip())]
    return "\n".join(lines).rstrip("\n") + "\n"


def export_sops(
    ctx: Cockpit, out_dir: Path | None, process_name: str | None = None
) -> list[Path] | str:
    """One `<process-id>.md` per process in `out_dir` (written atomically), or all as text."""
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
    paths = []
    for process in processes:
        paths.append(out_dir / f"{process.id}.md")
        atomic_write_bytes(paths[-1], sop_markdown(ctx, process).encode("utf-8"))
    return paths


# -- reading --------------------------------------------------------------------------------


def _error(source: str, line: int, message: str) -> ValidationError:
    return ValidationError(f"{source}, line {line}: {message}" if line else f"{source}: {message}")


def _block(lines: Lines) -> str:
    """The text of some lines, without blank lines around it, headings pulled back up."""
    texts = [text for _, text in lines]
    while texts and not texts[-1].strip():
        texts.pop()
    while texts and not texts[0].strip():
        texts.pop(0)
    return unescape("\n".join(texts))


def read_sop(text: str, source: str) -> ParsedSop:
    """Read a Cockpit SOP or a plain Markdown checklist; ValidationError names file and line."""
    lines = [line.removesuffix("\r") for line in text.removeprefix("\ufeff").split("\n")]
    fields: dict[str, Value] = {}
    bad: list[Value] = []
    body = 0
    if lines[0].strip() == "---":  # front matter: key: value lines up to the next "---"
        body = next((i + 1 for i in range(1, len(lines)) if lines[i].strip() == "---"), 0)
        if not body:
            raise _error(source, 1, 'the front matter is not closed by a "---" line')
        for number, line in enumerate(lines[1 : body - 1], start=2):
            key, colon, value = line.strip().partition(":")
            key = key.strip().lower().replace("_", " ").replace("target minutes", "target")
            if colon and key not in fields:
                fields[key] = Value(value.strip(), number)
            elif line.strip() and not line.strip().startswith("#"):
                bad.append(Value(f'"{line.strip()}" is not a new "key: value"', number))
    numbered = [(i + 1, line) for i, line in enumerate(lines) if i >= body]
    if "format" not in fields:
        return _read_checklist(numbered, source)
    if fields["format"].text != FORMAT:
        raise _error(source, fields["format"].line, f'unknown format "{fields["format"].text}"')
    if bad:
        raise _error(source, bad[0].line, bad[0].text)
    for key, field in fields.items():
        if key not in FIELDS:
            raise _error(source, field.line, f'unknown field "{key}" ({", ".join(FIELDS)})')
    for key in ("role", "schedule"):
        if not fields.get(key, Value("", 0)).text:
            raise _error(source, 1, f'the front matter needs "{key}: ..."')
    return _read_body(numbered, fields, source)


def _read_body(numbered: Lines, fields: dict[str, Value], source: str) -> ParsedSop:
    """The title, sections and steps of a Cockpit SOP."""
    name: Value | None = None
    sections: dict[str, Lines] = {}
    steps: list[tuple[int, str, Lines]] = []
    current: Lines | None = None
    for number, line in numbered:
        heading = _HEADING.match(line)
        label = (heading[2] or "").strip() if heading else ""
        if heading is None and current is not None:
            current.append((number, line))
        elif heading is None:
            if line.strip():
                where = "before the title" if name is None else "outside the sections"
                raise _error(source, number, f"text {where} (## Purpose, ## Steps...)")
        elif len(heading[1]) == 1:
            if name is not None or not label:
                raise _error(source, number, f'a second or empty title "{line.strip()}"')
            name = Value(label, number)
        elif name is None:
            raise _error(source, number, 'expected the title "# Name" first')
        elif len(heading[1]) == 2:
            if label.lower() not in SECTIONS or label.lower() in sections:
                known = ", ".join(s.capitalize() for s in SECTIONS)
                raise _error(source, number, f'an unknown or second section "{label}" ({known})')
            current = sections.setdefault(label.lower(), [])
        elif current is None or not (
            current is sections.get("steps") or (steps and current is steps[-1][2])
        ):
            raise _error(source, number, f'a step "{label}" outside "## Steps"')
        else:
            current = []
            steps.append((number, label, current))
    if name is None:
        raise _error(source, 0, 'no title "# Name"')
    if text := [n for n, line in sections.get("steps", []) if line.strip()]:
        raise _error(source, text[0], 'text in "## Steps" before the first "### 1. Step"')
    if not steps:
        raise _error(source, name.line, 'no steps: write each one as "### 1. Title"')
    return ParsedSop(
        source=source,
        kind="sop",
        name=name,
        steps=tuple(_read_step(number, label, lines, source) for number, label, lines in steps),
        id=fields.get("id"),
        role=fields["role"],
        system=fields.get("system"),
        schedule=fields["schedule"],
        stage=_stage(fields.get("stage"), source),
        target_minutes=_minutes(fields.get("target"), "target", source),
        start=_start(fields.get("start"), source),
        purpose=_block(sections.get("purpose", [])),
        notes=_block(sections.get("notes", [])),
    )


def _stage(value: Value | None, source: str) -> Stage:
    try:
        return Stage.DRAFT if value is None else Stage.parse(value.text)
    except ValidationError as error:
        raise _error(source, value.line if value else 0, str(error)) from None


def _minutes(value: Value | None, what: str, source: str) -> int | None:
    if value is None or value.text.lower() in ("", "none"):
        return None
    if match := _MINUTES.match(value.text):
        return int(match[1])
    raise _error(source, value.line, f'{what} "{value.text}" is not minutes, e.g. "10 min"')


def _start(value: Value | None, source: str) -> date | None:
    try:
        return date.fromisoformat(value.text) if value and value.text else None
    except ValueError:
        raise _error(source, value.line if value else 0, "start is not YYYY-MM-DD") from None


def _offset(text: str, line: int, source: str) -> int:
    if text.lower() in ("on the day", "the same day"):
        return 0
    if match := _DUE.match(text.lower()):
        days = 1 if match[1] else int(match[2])
        return -days if match[3] == "before" else days
    raise _error(source, line, f'due "{text}": say "on the day", "the day before", '
                 '"2 days before", "the day after"...')  # fmt: skip


def _read_step(line: int, label: str, lines: Lines, source: str) -> tuple[int, Step]:
    """A step: its meta line (the first line of text), then its instructions."""
    title = _NUMBER.sub("", label, count=1)
    index = next((i for i, (_, text) in enumerate(lines) if text.strip()), len(lines))
    number, meta = lines[index] if index < len(lines) else (line, "")
    step_id = ""
    if found := _STEP_ID.search(meta):
        step_id, meta = found[1], meta[: found.start()]
    parts = [part.strip() for part in meta.split(" · ") if part.strip()]
    values = {"tool": Value("", 0), "due": Value("on the day", 0)}
    if not found and parts and not parts[0].lower().startswith(("tool:", "estimate:", "due:")):
        parts, index = [], index - 1  # no meta line: the instructions start at once
    for part in parts:
        key, colon, value = part.partition(":")
        if not colon or key.strip().lower() not in ("tool", "estimate", "due"):
            raise _error(source, number, f'"{part}": use "Tool: X · Estimate: 10 min · Due: ..."')
        values[key.strip().lower()] = Value(value.strip(), number)
    estimate = _minutes(values.get("estimate"), "estimate", source) or 0
    offset = _offset(values["due"].text, number, source)
    text = _block(lines[index + 1 :])
    return line, _step(line, source, step_id, title, text, values["tool"].text, estimate, offset)


def _step(line: int, source: str, *fields: Any) -> Step:
    try:
        return Step(*fields)
    except ValidationError as error:
        raise _error(source, line, str(error)) from None


def _read_checklist(numbered: Lines, source: str) -> ParsedSop:
    """Items become steps (their indented lines, instructions), `Role:` and the like set
    fields, the first `# Title` names it, and any other text goes to the notes."""
    name: Value | None = None
    keys: dict[str, Value] = {}
    steps: list[tuple[int, str, int, list[str]]] = []  # line, title, estimate, indented lines
    notes: list[str] = []
    indent: int | None = None  # of the item whose indented lines are its instructions
    for number, line in numbered:
        item, heading, key = _ITEM.match(line), _HEADING.match(line), _KEY_LINE.match(line)
        if item:
            steps.append((number, *_item(number, item[2], source), []))
            indent = len(item[1])
        elif indent is not None and (not line.strip() or len(line) - len(line.lstrip()) > indent):
            steps[-1][3].append(line)
        elif heading and len(heading[1]) == 1 and heading[2] and name is None:
            name, indent = Value(heading[2], number), None
        elif key and key[2] and key[1].lower() not in keys:
            keys[key[1].lower()], indent = Value(key[2], number), None
        else:
            notes.append(line)
            indent = None
    if not steps:
        raise _error(source, 1, 'neither a Cockpit SOP (no "format: cockpit-sop" front matter) '
                     'nor a Markdown checklist (no "- [ ] step" lines)')  # fmt: skip
    if name is None:
        stem = re.sub(r"[-_ ]+", " ", PurePath(source).stem).strip() or "Checklist"
        name = Value(stem[0].upper() + stem[1:], 0)
    return ParsedSop(
        source=source,
        kind="checklist",
        name=name,
        steps=tuple(
            (n, _step(n, source, "", title, textwrap.dedent("\n".join(more)).strip(), "", minutes))
            for n, title, minutes, more in steps
        ),
        role=keys.get("role"),
        system=keys.get("system"),
        schedule=keys.get("schedule"),
        notes="\n".join(notes).strip(),
    )


def _item(line: int, text: str, source: str) -> tuple[str, int]:
    """The title and estimate of a checklist item: "Call the bank (10 min)"."""
    minutes = 0
    if found := _ITEM_TIME.search(text):
        minutes = int(found[1]) * (60 if found[2].lower().startswith("h") else 1)
        text = text[: found.start()]
    if not text.strip():
        raise _error(source, line, "a checklist item needs a title")
    return text.strip(), minutes


# -- importing ------------------------------------------------------------------------------


def _resolve(value: Value, items: list[E], what: str, source: str) -> str:
    """An id from a name (any case) or an id."""
    by_name = [item.id for item in items if item.name.lower() == value.text.lower()]
    by_id = [item.id for item in items if item.id == value.text]
    if found := (by_name if len(by_name) == 1 else by_id):
        return found[0]
    known = ", ".join(item.name for item in items) or "none yet"
    raise _error(source, value.line, f'unknown {what} "{value.text}" ({what}s: {known})')


def build_process(ctx: Cockpit, parsed: ParsedSop) -> tuple[Process, Process | None]:
    """The process a parsed file describes, and the stored one it edits (None: a new one).

    Unchanged (texts compared without surrounding blank lines), the stored one is returned.
    """
    source, stored = parsed.source, {p.id: p for p in ctx.store.processes()}
    if parsed.id is not None and (not parsed.id.text or slugify(parsed.id.text) != parsed.id.text):
        raise _error(source, parsed.id.line, "an id is lowercase letters, digits and dashes")
    previous = stored.get(parsed.id.text) if parsed.id else None
    if parsed.role is not None:
        role = _resolve(parsed.role, ctx.roles(), "role", source)
    else:
        active = [role.id for role in ctx.roles() if not role.archived]
        if not active:
            raise _error(source, 0, "there is no role yet to give the process to")
        role = active[0]
    system = None
    if parsed.system is not None and parsed.system.text:
        system = _resolve(parsed.system, ctx.store.systems(), "system", source)
    schedule_text = parsed.schedule or Value("on demand", 0)
    try:
        tz = previous.schedule.tz if previous else ctx.settings.timezone
        schedule = parse_schedule(schedule_text.text, tz)
    except ValidationError as error:
        raise _error(source, schedule_text.line, str(error)) from None
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
        raise _error(source, parsed.name.line, str(error)) from None
    if previous is None:
        return process, None
    if _trimmed(process) == _trimmed(previous):
        return previous, previous
    return replace(process, version=previous.version + 1), previous  # as Process.edited does


def _steps(parsed: ParsedSop, previous: Process | None) -> tuple[Step, ...]:
    """The steps, with their ids from the file; new steps get ids no version used."""
    taken = {step.id for _, step in parsed.steps} | {
        s.id for s in (previous.steps if previous else ())
    }
    steps: list[Step] = []
    for line, step in parsed.steps:
        if step.id and step.id in {done.id for done in steps}:
            raise _error(parsed.source, line, f'a second step with the id "{step.id}"')
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


def import_sop(ctx: Cockpit, path: Path) -> Process:
    """Import a SOP (its id stored: a new version of that process, if anything changed) or a
    checklist (a new draft, on demand). Everything is checked before anything is saved."""
    ctx.require_writer()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ValidationError(f"{path}: not a UTF-8 text file") from None
    except OSError as error:
        raise CockpitError(f"{path}: {error.strerror or error}") from None
    process, previous = build_process(ctx, read_sop(text, str(path)))
    if process is not previous:
        ctx.store.save_process(process)
    return process
