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
from pathlib import Path
from typing import TypeVar

from cockpit.domain.errors import NotFoundError, ValidationError
from cockpit.domain.model import Process, Role, System, slugify
from cockpit.domain.schedule import ScheduleKind
from cockpit.domain.text import printable_document
from cockpit.services.context import Cockpit
from cockpit.services.sop_read import (
    FIELDS,
    FORMAT,
    SECTIONS,
    ParsedSop,
    escape,
    one_line,
    read_sop,
    unescape,
    write_tool,
)
from cockpit.store.files import atomic_write_bytes, private_folder

# re-exported: callers import the SOP format from here
__all__ = [
    "FIELDS",
    "FORMAT",
    "SECTIONS",
    "ParsedSop",
    "due_words",
    "escape",
    "export_sops",
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
    private_folder(out_dir)  # business documents: 0700 whatever the umask, like backups
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
