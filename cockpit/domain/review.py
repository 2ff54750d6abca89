"""The weekly review: the owner's notes on a week and the KPI values typed for it."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from cockpit.domain.errors import ValidationError
from cockpit.domain.model import FIRST_DAY, LAST_DAY

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


_WEEK = re.compile(r"^([0-9]{4})-W([0-9]{2})$")  # ASCII digits: \d takes ４


def week_of(day: date) -> str:
    """The ISO week a date belongs to: 2026-11-20 -> "2026-W47"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(text: str) -> str:
    """A week of the calendar Cockpit counts in: those of 2000 to 2100, and the two at its
    edges that hold one of its days when weeks start on another day (1999-W52 holds
    1 Jan 2000, 2101-W01 from Friday holds 31 Dec 2100); `calendar_days` clips them."""
    match = _WEEK.match(text.strip().upper())
    if match is None:
        raise ValidationError(f'"{text}" is not a week; write it like 2026-W47', "week")
    year, week = int(match[1]), int(match[2])
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        monday = None
    if monday is None or not _EARLIEST_MONDAY <= monday <= _LATEST_MONDAY:
        if not 2000 <= year <= 2100:  # the calendar Cockpit works in, as --date and the quarter
            raise ValidationError(f'"{text}" is outside the years 2000 to 2100', "week")
        raise ValidationError(f"{year} has no week {week}", "week")
    return f"{year}-W{week:02d}"


# a week's days start at most 3 days before its Monday (`week_days`) and end 9 after it
_EARLIEST_MONDAY = FIRST_DAY - timedelta(days=9)
_LATEST_MONDAY = LAST_DAY + timedelta(days=3)


def week_monday(week: str) -> date:
    year, number = parse_week(week).split("-W")
    return date.fromisocalendar(int(year), int(number), 1)


def week_days(week: str, first_weekday: int = 0) -> tuple[date, date]:
    """First and last date of the week, starting on `first_weekday` (0 = Monday)."""
    start = week_monday(week) + timedelta(days=first_weekday)
    if first_weekday > 3:  # a week starting late belongs mostly to the ISO week before
        start -= timedelta(days=7)
    return start, start + timedelta(days=6)


def calendar_days(week: str, first_weekday: int = 0) -> tuple[date, date] | None:
    """The week's days inside the calendar (2000-01-01 to 2100-12-31): all seven but at its
    edges; None for a week, read from `first_weekday`, that holds none of them."""
    start, end = week_days(week, first_weekday)
    start, end = max(start, FIRST_DAY), min(end, LAST_DAY)
    return (start, end) if start <= end else None


def in_calendar(week: str, first_weekday: int = 0) -> bool:
    """Whether `week` (any text) names a week holding a day of the calendar."""
    try:
        return calendar_days(week, first_weekday) is not None
    except ValidationError:
        return False


def require_calendar_days(week: str, first_weekday: int = 0) -> tuple[date, date]:
    """`calendar_days`, or an error naming `week` as given when it holds none (1999-W52
    when weeks start on Saturday: Sat 25 to Fri 31 Dec 1999)."""
    days = calendar_days(week, first_weekday)
    if days is None:
        raise ValidationError(f'"{week}" is outside the years 2000 to 2100', "week")
    return days


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
