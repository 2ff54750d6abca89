"""Reading SOP documents and Markdown checklists (the format is described in `sop`).

Only parsing happens here: roles, systems and the schedule are looked up, and the
process built, by `sop_import.build_process`. Errors name the file and the line.
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePath
from typing import Any, Literal, NamedTuple

from cockpit.domain.errors import CockpitError, ValidationError
from cockpit.domain.model import MAX_STEPS, Stage, Step
from cockpit.store.opening import FileProblem, read_bounded
from cockpit.store.schema import MAX_FILE_BYTES

FORMAT = "cockpit-sop"
MAX_BYTES = MAX_FILE_BYTES  # an SOP or a checklist, as any file Cockpit reads: checked first
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
_TOOL_SPECIAL = re.compile(r"[\\·]")
_TOOL_ESCAPED = re.compile(r"\\([\\·])")
_KEY_LINE = re.compile(r"^(role|system|schedule):[ \t]*(.*?)[ \t]*$", re.IGNORECASE)
Lines = list[tuple[int, str]]  # (1-based line number, text)


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


def escape(text: str) -> str:
    """Push heading-like lines three levels down, so they can't end a section or a step."""
    return "\n".join(_HASHES.sub(r"\1###\2", line) for line in text.split("\n"))


def unescape(text: str) -> str:
    return "\n".join(_ESCAPED.sub(r"\1\2", line) for line in text.split("\n"))


def write_tool(tool: str) -> str:
    """A tool's name for the step line: on one line, `·` and `\\` behind a backslash."""
    return _TOOL_SPECIAL.sub(r"\\\g<0>", one_line(tool))


def one_line(text: str) -> str:
    """`text` with its line breaks made spaces (a name from an older file may hold one)."""
    return " ".join(text.splitlines())


def read_tool(text: str) -> str:
    r"""A tool's name from the step line: `\·` and `\\` are `·` and `\`; any other
    backslash is itself (a hand-written `C:\Tools`)."""
    return _TOOL_ESCAPED.sub(r"\1", text)


# -- reading --------------------------------------------------------------------------------


def read_text(path: Path) -> str:
    """The text of a Markdown file, refused by name when it is too big (before it is read),
    binary, not UTF-8 or empty."""
    try:
        raw = read_bounded(path, MAX_BYTES)
    except FileProblem as problem:
        raise ValidationError(f"{path}: {problem}") from None
    except OSError as error:
        raise CockpitError(f"{path}: {error.strerror or error}") from None
    if b"\x00" in raw:
        raise ValidationError(f"{path}: not a text file (it holds binary data)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise ValidationError(f"{path}: not UTF-8 text (save it as UTF-8 and try again)") from None
    if not text.removeprefix("\ufeff").strip():
        raise ValidationError(f"{path}: the file is empty")
    return text


def _too_many_steps(source: str, line: int) -> ValidationError:
    return at_line(
        source, line, f"more than {MAX_STEPS} steps; a process holds at most {MAX_STEPS}"
    )


def at_line(source: str, line: int, message: str) -> ValidationError:
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
            raise at_line(source, 1, 'the front matter is not closed by a "---" line')
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
        raise at_line(source, fields["format"].line, f'unknown format "{fields["format"].text}"')
    if bad:
        raise at_line(source, bad[0].line, bad[0].text)
    for key, field in fields.items():
        if key not in FIELDS:
            raise at_line(source, field.line, f'unknown field "{key}" ({", ".join(FIELDS)})')
    for key in ("role", "schedule"):
        if not fields.get(key, Value("", 0)).text:
            raise at_line(source, 1, f'the front matter needs "{key}: ..."')
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
                raise at_line(source, number, f"text {where} (## Purpose, ## Steps...)")
        elif len(heading[1]) == 1:
            if name is not None or not label:
                raise at_line(source, number, f'a second or empty title "{line.strip()}"')
            name = Value(label, number)
        elif name is None:
            raise at_line(source, number, 'expected the title "# Name" first')
        elif len(heading[1]) == 2:
            if label.lower() not in SECTIONS or label.lower() in sections:
                known = ", ".join(s.capitalize() for s in SECTIONS)
                raise at_line(source, number, f'an unknown or second section "{label}" ({known})')
            current = sections.setdefault(label.lower(), [])
        elif current is None or not (
            current is sections.get("steps") or (steps and current is steps[-1][2])
        ):
            raise at_line(source, number, f'a step "{label}" outside "## Steps"')
        elif len(steps) == MAX_STEPS:
            raise _too_many_steps(source, number)
        else:
            current = []
            steps.append((number, label, current))
    if name is None:
        raise at_line(source, 0, 'no title "# Name"')
    if text := [n for n, line in sections.get("steps", []) if line.strip()]:
        raise at_line(source, text[0], 'text in "## Steps" before the first "### 1. Step"')
    if not steps:
        raise at_line(source, name.line, 'no steps: write each one as "### 1. Title"')
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
        raise at_line(source, value.line if value else 0, str(error)) from None


def _minutes(value: Value | None, what: str, source: str) -> int | None:
    if value is None or value.text.lower() in ("", "none"):
        return None
    if match := _MINUTES.match(value.text):
        return int(match[1])
    raise at_line(source, value.line, f'{what} "{value.text}" is not minutes, e.g. "10 min"')


def _start(value: Value | None, source: str) -> date | None:
    try:
        return date.fromisoformat(value.text) if value and value.text else None
    except ValueError:
        raise at_line(source, value.line if value else 0, "start is not YYYY-MM-DD") from None


def _offset(text: str, line: int, source: str) -> int:
    if text.lower() in ("on the day", "the same day"):
        return 0
    if match := _DUE.match(text.lower()):
        days = 1 if match[1] else int(match[2])
        return -days if match[3] == "before" else days
    raise at_line(source, line, f'due "{text}": say "on the day", "the day before", '
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
            raise at_line(source, number, f'"{part}": use "Tool: X · Estimate: 10 min · Due: ..."')
        values[key.strip().lower()] = Value(value.strip(), number)
    estimate = _minutes(values.get("estimate"), "estimate", source) or 0
    offset = _offset(values["due"].text, number, source)
    text = _block(lines[index + 1 :])
    tool = read_tool(values["tool"].text)
    return line, _step(line, source, step_id, title, text, tool, estimate, offset)


def _step(line: int, source: str, *fields: Any) -> Step:
    try:
        return Step(*fields)
    except ValidationError as error:
        raise at_line(source, line, str(error)) from None


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
            if len(steps) == MAX_STEPS:
                raise _too_many_steps(source, number)
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
        raise at_line(source, 1, 'neither a Cockpit SOP (no "format: cockpit-sop" front matter) '
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
        raise at_line(source, line, "a checklist item needs a title")
    return text.strip(), minutes
