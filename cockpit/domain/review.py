"""The weekly review: the owner's notes on a week and the KPI values typed for it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from cockpit.domain.errors import ValidationError

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def week_of(day: date) -> str:
    """The ISO week a date belongs to: 2026-11-20 -> "2026-W47"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(text: str) -> str:
    match = _WEEK.match(text.strip().upper())
    if match is None:
        raise ValidationError(f'"{text}" is not a week; write it like 2026-W47', "week")
    year, week = int(match[1]), int(match[2])
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValidationError(f"{year} has no week {week}", "week") from None
    return f"{year}-W{week:02d}"


def week_monday(week: str) -> date:
    year, number = parse_week(week).split("-W")
    return date.fromisocalendar(int(year), int(number), 1)


def week_days(week: str, first_weekday: int = 0) -> tuple[date, date]:
    """First and last date of the week, starting on `first_weekday` (0 = Monday)."""
    start = week_monday(week) + timedelta(days=first_weekday)
    if first_weekday > 3:  # a week starting late belongs mostly to the ISO week before
        start -= timedelta(days=7)
    return start, start + timedelta(days=6)


@dataclass(frozen=True, slots=True)
class Review:
    week: str
    notes: str = ""
    reviewed_at: datetime | None = None
    kpis: dict[str, dict[str, float]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "week", parse_week(self.week))

    def with_kpi(self, system_id: str, kpi: str, value: float) -> Review:
        kpis = {key: dict(values) for key, values in self.kpis.items()}
        kpis.setdefault(system_id, {})[kpi] = value
        return replace(self, kpis=kpis)
