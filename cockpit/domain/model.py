"""The entities of Cockpit: roles, systems, processes and their steps.

Every entity validates itself on construction and raises ValidationError with a
message that names the field, so a bad value is refused where it was typed and
nothing is saved half-way. Occurrences and focus sessions live in their own
modules (`occurrence`, `focus`).

The limits every path shares (forms, TOML and Markdown imports, JSON imports, the
data file itself) live here: names of at most 200 characters without control
characters (tabs and newlines included), multi-line texts (instructions, purpose,
notes) without control characters other than tab and newline, ids that are safe
slugs, dates between 2000-01-01 and 2100-12-31, at most 100 steps a process.
`check_step_offsets` is the rule for a step due after its run's date; it is applied
when a process is saved or imported, not when one is read (see its docstring).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, time
from enum import StrEnum

from cockpit.domain.errors import ValidationError
from cockpit.domain.schedule import Schedule
from cockpit.domain.text import character_kind, control_characters
from cockpit.domain.weekdays import WEEKDAYS as WEEKDAYS

_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")  # fullmatch: `$` also matched before a newline
_SLUG_STRIP = re.compile(r"[^a-z0-9]+")
_SAFE_ID = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]*")
_LINE_BREAKS = frozenset({"U+0009", "U+000A", "U+000D"})  # tab, newline, carriage return

MAX_NAME = 200
MAX_ID = 100
_MAX_SLUG = 60
MAX_STEPS = 100
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2100, 12, 31)


def slugify(name: str) -> str:
    """A stable, readable id from a name: "Invoice clients" -> "invoice-clients" (at most
    60 characters, so an id made from a long name stays a safe id with room for "-2")."""
    slug = _SLUG_STRIP.sub("-", name.lower()).strip("-")[:_MAX_SLUG].strip("-")
    return slug or "item"


def require_name(value: str, what: str, label: str = "name") -> str:
    """A one-line name, its runs of spaces made one: `what` is "a process", `label` "name"."""
    called = f"{what.split(' ', 1)[-1]} {label}"
    if not isinstance(value, str):
        raise ValidationError(f"{called} must be text", field="name")
    require_line(value, called, "name")
    cleaned = " ".join(value.split())
    if not cleaned:
        raise ValidationError(f"{what} needs a {label}", field="name")
    if len(cleaned) > MAX_NAME:
        raise ValidationError(
            f"{called} is too long ({len(cleaned)} characters, at most {MAX_NAME})", field="name"
        )
    return cleaned


def require_line(value: str, what: str, field: str) -> str:
    """One line of text (a tool, a unit, a name): no control character, tab and newline too."""
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be text", field)
    if found := control_characters(value):
        raise ValidationError(f"{what} holds {character_kind(found[0])} ({found[0]})", field)
    if len(value) > MAX_NAME:
        raise ValidationError(
            f"{what} is too long ({len(value)} characters, at most {MAX_NAME})", field
        )
    return value


def require_text(value: str, what: str, field: str) -> str:
    """Text that may span lines (Markdown): tabs and newlines, but no other control character."""
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be text", field)
    if found := [char for char in control_characters(value) if char not in _LINE_BREAKS]:
        raise ValidationError(f"{what} holds {character_kind(found[0])} ({found[0]})", field)
    return value


def require_id(value: str, what: str) -> str:
    """An id that is safe as a key and in a file name: letters, digits, "-", "_" and "."."""
    if not isinstance(value, str) or not value:
        raise ValidationError(f"{what} needs an id", field="id")
    if len(value) > MAX_ID or not _SAFE_ID.fullmatch(value) or ".." in value:
        shown = value[:40] + ("..." if len(value) > 40 else "")
        raise ValidationError(
            f"{what} id {shown!r} is not a safe id: use at most {MAX_ID} letters, digits, "
            '"-", "_" and "." (no "/", "\\", ".." or spaces)',
            field="id",
        )
    return value


def require_day(value: date, what: str, field: str) -> date:
    """A date Cockpit can count with: from 2000-01-01 through 2100-12-31."""
    if not FIRST_DAY <= value <= LAST_DAY:
        raise ValidationError(
            f"{what} {value.isoformat()} is outside {FIRST_DAY}..{LAST_DAY}", field
        )
    return value


def require_minutes(value: int | None, what: str, *, optional: bool = False) -> int | None:
    if value is None:
        if optional:
            return None
        raise ValidationError(f"{what} is needed", field=what)
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            f"{what} must be a whole number of minutes, not {value!r}", field=what
        )
    if value < 0:
        raise ValidationError(f"{what} can't be negative ({value})", field=what)
    if value > 24 * 60:
        raise ValidationError(f"{what} of {value} minutes is more than a day", field=what)
    return value


class Stage(StrEnum):
    """Where a process is in its life."""

    DRAFT = "draft"
    TESTING = "testing"
    ROUTINE = "routine"
    RETIRED = "retired"

    @classmethod
    def parse(cls, value: str) -> Stage:
        try:
            return cls(value.strip().lower())
        except ValueError:
            names = ", ".join(s.value for s in cls)
            raise ValidationError(f'unknown stage "{value}"; use one of {names}', "stage") from None


@dataclass(frozen=True, slots=True)
class TimeBlock:
    """A block of the day reserved for a role, e.g. 09:00-10:30."""

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValidationError(f"time block {self} ends before it starts", field="blocks")

    @classmethod
    def parse(cls, text: str) -> TimeBlock:
        try:
            start_text, end_text = (part.strip() for part in text.split("-"))
            return cls(time.fromisoformat(start_text), time.fromisoformat(end_text))
        except ValueError:
            raise ValidationError(
                f'time block "{text}" is not of the form HH:MM-HH:MM', field="blocks"
            ) from None

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)


@dataclass(frozen=True, slots=True)
class Role:
    """A hat the owner wears; the day is planned around roles."""

    id: str
    name: str
    colour: str = "#81a1c1"
    order: int = 0
    budget_minutes: int = 0
    blocks: dict[str, tuple[TimeBlock, ...]] = field(default_factory=dict)
    archived: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", require_name(self.name, "a role"))
        require_id(self.id, "role")
        if not isinstance(self.colour, str) or not _COLOUR.fullmatch(self.colour):
            raise ValidationError(
                f'role colour "{self.colour}" must be a hex colour like #d08770', "colour"
            )
        require_minutes(self.budget_minutes, "daily budget")
        for day in self.blocks:
            if day not in WEEKDAYS:
                raise ValidationError(f'unknown weekday "{day}" in time blocks', "blocks")

    def blocks_on(self, day: date) -> tuple[TimeBlock, ...]:
        return self.blocks.get(WEEKDAYS[day.weekday()], ())

    def block_at(self, day: date, at: time) -> TimeBlock | None:
        for block in self.blocks_on(day):
            if block.start <= at < block.end:
                return block
        return None


@dataclass(frozen=True, slots=True)
class Kpi:
    """A figure that says whether a system works: "Days sales outstanding", target 30, down."""

    name: str
    unit: str = ""
    target: float | None = None
    direction: str = "up"

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", require_name(self.name, "a KPI"))
        require_line(self.unit, f'the unit of KPI "{self.name}"', "kpis")
        if self.target is not None and not math.isfinite(self.target):
            raise ValidationError(f'KPI "{self.name}" needs a target that is a number', "kpis")
        if self.direction not in ("up", "down"):
            raise ValidationError(
                f'KPI direction "{self.direction}" must be "up" or "down"', "direction"
            )


@dataclass(frozen=True, slots=True)
class System:
    """A group of processes plus the tools and people behind them, for one area."""

    id: str
    name: str
    description: str = ""
    tools: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    kpis: tuple[Kpi, ...] = ()
    archived: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", require_name(self.name, "a system"))
        require_id(self.id, "system")
        require_text(self.description, f'the description of system "{self.name}"', "description")
        for tool in self.tools:
            require_line(tool, f'a tool of system "{self.name}"', "tools")
        for person in self.people:
            require_line(person, f'a person of system "{self.name}"', "people")


@dataclass(frozen=True, slots=True)
class Step:
    """One ordered action of a process."""

    id: str
    title: str
    instructions: str = ""
    tool: str = ""
    estimate_minutes: int = 0
    offset_days: int = 0

    def __post_init__(self) -> None:
        if self.id:  # a step read from a file may get its id only when its process is built
            require_id(self.id, "step")
        object.__setattr__(self, "title", require_name(self.title, "a step"))
        require_text(self.instructions, f'the instructions of step "{self.title}"', "instructions")
        require_line(self.tool, f'the tool of step "{self.title}"', "tool")
        require_minutes(self.estimate_minutes, "estimate")
        if isinstance(self.offset_days, bool) or not isinstance(self.offset_days, int):
            raise ValidationError("a step's offset must be a whole number of days", "offset")
        if not -366 <= self.offset_days <= 366:
            raise ValidationError(
                f"a step's offset of {self.offset_days} days is more than a year", "offset"
            )


@dataclass(frozen=True, slots=True)
class Process:
    """An ordered series of steps that produces a result, on a schedule or on demand.

    `version` grows with every edit; occurrences remember the version they were
    created from, so past occurrences keep the steps they had.
    """

    id: str
    name: str
    role: str
    schedule: Schedule
    start: date
    steps: tuple[Step, ...] = ()
    system: str | None = None
    target_minutes: int | None = None
    stage: Stage = Stage.DRAFT
    purpose: str = ""
    notes: str = ""
    version: int = 1

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", require_name(self.name, "a process"))
        require_id(self.id, "process")
        if not self.role:
            raise ValidationError(f'process "{self.name}" needs a role', "role")
        require_minutes(self.target_minutes, "target", optional=True)
        require_day(self.start, f'the start of process "{self.name}"', "start")
        require_text(self.purpose, f'the purpose of process "{self.name}"', "purpose")
        require_text(self.notes, f'the notes of process "{self.name}"', "notes")
        if len(self.steps) > MAX_STEPS:
            raise ValidationError(
                f'process "{self.name}" has {len(self.steps)} steps; '
                f"a process holds at most {MAX_STEPS}",
                "steps",
            )
        ids = [
            require_id(step.id, f'step "{step.title}" of process "{self.name}"')
            for step in self.steps
        ]
        if len(set(ids)) != len(ids):
            raise ValidationError(f'process "{self.name}" has two steps with one id', "steps")

    @property
    def active(self) -> bool:
        """Retired processes are kept for history but no longer scheduled."""
        return self.stage is not Stage.RETIRED

    @property
    def estimate_minutes(self) -> int:
        return sum(step.estimate_minutes for step in self.steps)

    @property
    def lead_days(self) -> int:
        """How many days before an occurrence's date its first step falls due."""
        return max([0, *(-step.offset_days for step in self.steps)])

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def next_step_id(self) -> str:
        taken = {step.id for step in self.steps}
        number = len(self.steps) + 1
        while f"s{number}" in taken:
            number += 1
        return f"s{number}"

    def edited(self, **changes: object) -> Process:
        """A new version of this process with the changes applied (and validated)."""
        return replace(self, version=self.version + 1, **changes)  # type: ignore[arg-type]


def check_step_offsets(process: Process) -> Process:
    """Refuse a step due on or after the day its run is closed as missed.

    A calendar run is missed the day the next one starts (see `materialize`), so a step
    of a daily process with offset +1 would never be shown and every run would count as
    missed. Saving or importing such a process is refused, naming the largest offset that
    works for its schedule; negative offsets ("the day before") always work. A data file
    that already holds such a step is still opened: the step is read with that largest
    offset (`with_steps_shown`), so it shows on the last day of its run.
    """
    limit = _offset_limit(process)
    if limit is None:
        return process
    for step in process.steps:
        if step.offset_days > limit:
            days = "day" if step.offset_days == 1 else "days"
            raise ValidationError(
                f'step "{step.title}" falls {step.offset_days} {days} after its run, but runs of '
                f'"{process.schedule.text}" can follow each other {limit + 1} '
                f"day{'' if limit == 0 else 's'} apart and a run is closed as missed when the "
                f"next one starts: the largest offset that works is {limit} "
                "(a negative offset, days before the run, always works)",
                "offset",
            )
    return process


def with_steps_shown(process: Process) -> Process:
    """The process with every step due too late for its schedule moved to the last day that
    is still shown (see `check_step_offsets`); the process itself when none is."""
    limit = _offset_limit(process)
    if limit is None or all(step.offset_days <= limit for step in process.steps):
        return process
    steps = tuple(replace(s, offset_days=min(s.offset_days, limit)) for s in process.steps)
    return replace(process, steps=steps)


def _offset_limit(process: Process) -> int | None:
    if all(step.offset_days <= 0 for step in process.steps):
        return None  # offsets of 0 or less always work: skip the look at the calendar
    return process.schedule.largest_offset(process.start)
