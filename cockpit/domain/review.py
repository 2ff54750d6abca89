"""The weekly review: the owner's notes on a week and the KPI values typed for it."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from cockpit.domain.errors import ValidationError

MAX_KPI_VALUE = 1e15  # a figure a person types; nan, inf and 1e400 are not figures
# 1234.5, -3, 12,400 or 1,234,567.89: a comma only between groups of three digits
_NUMBER = re.compile(r"[-+]?(?:[0-9]+|[0-9]{1,3}(?:,[0-9]{3})+)(?:\.[0-9]+)?")


def require_kpi_value(value: float, kpi: str) -> float:
    """A KPI value JSON can hold and a person can read: finite, at most 1e15 either way."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(f'the value of "{kpi}" must be a number', "kpi")
    if not math.isfinite(value) or abs(value) > MAX_KPI_VALUE:
        raise ValidationError(
            f'the value of "{kpi}" must be a number between -1e15 and 1e15', "kpi"
        )
    return float(value)


def parse_kpi_value(text: str, kpi: str) -> float:
    """A value typed for a KPI: 12400, 12,400, -3.5 (1,5 is refused: 1.5 or 1,500?)."""
    cleaned = text.strip()
    if not _NUMBER.fullmatch(cleaned):
        hint = " (write 1.5, or 1,500 for thousands)" if "," in cleaned else ""
        raise ValidationError(f'"{text}" is not a number{hint}', "kpi")
    return require_kpi_value(float(cleaned.replace(",", "")), kpi)


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
    if not 2000 <= year <= 2100:  # the calendar Cockpit works in, as --date and the quarter
        raise ValidationError(f'"{text}" is outside the years 2000 to 2100', "week")
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
        value = require_kpi_value(value, kpi)
        kpis = {key: dict(values) for key, values in self.kpis.items()}
        kpis.setdefault(system_id, {})[kpi] = value
        return replace(self, kpis=kpis)
