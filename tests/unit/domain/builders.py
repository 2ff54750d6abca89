"""Small builders for domain tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from cockpit.domain.model import Process, Stage, Step
from cockpit.domain.schedule import parse_schedule


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def process(
    schedule: str = "daily",
    *,
    start: date = date(2026, 11, 2),
    steps: int = 2,
    offsets: tuple[int, ...] = (),
    name: str = "Invoice clients",
    role: str = "admin",
    stage: Stage = Stage.ROUTINE,
    version: int = 1,
) -> Process:
    offs = offsets or (0,) * steps
    return Process(
        id=name.lower().replace(" ", "-"),
        name=name,
        role=role,
        schedule=parse_schedule(schedule, "Europe/Berlin"),
        start=start,
        steps=tuple(
            Step(id=f"s{i}", title=f"Step {i}", estimate_minutes=10 * i, offset_days=off)
            for i, off in enumerate(offs, start=1)
        ),
        stage=stage,
        version=version,
    )
