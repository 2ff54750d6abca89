"""The entities of Cockpit: roles, systems, processes and their steps.

Every entity validates itself on construction and raises ValidationError with a
message that names the field, so a bad value is refused where it was typed and
nothing is saved half-way. Occurrences and focus sessions live in their own
modules (`occurrence`, `focus`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, time
from enum import StrEnum

from cockpit.domain.errors import ValidationError
from cockpit.domain.schedule import Schedule
from cockpit.domain.weekdays import WEEKDAYS as WEEKDAYS

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_SLUG_STRIP = re.compile(r"[^a-z0-9]+")


def slugify(name: str) -> str:
    """A stable, readable id from a name: "Invoice clients" -> "invoice-clients"."""
    slug = _SLUG_STRIP.sub("-", name.lower()).strip("-")
    return slug or "item"


def require_name(value: str, what: str) -> str:
    cleaned = " ".join(value.split())
    if not cleaned:
        raise ValidationError(f"{what} needs a name", field="name")
    if len(cleaned) > 120:
        raise ValidationError(f"{what} name is too long ({len(cleaned)} characters, at most 120)")
    return cleaned


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
        if not _COLOUR.match(self.colour):
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
        object.__setattr__(self, "title", require_name(self.title, "a step"))
        require_minutes(self.estimate_minutes, "estimate")
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
        if not self.role:
            raise ValidationError(f'process "{self.name}" needs a role', "role")
        require_minutes(self.target_minutes, "target", optional=True)
        ids = [step.id for step in self.steps]
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
