"""The quarter: a look back over about thirteen weeks, built from the weekly figures.

A quarter is written "2026-Q4". Its weeks are the review weeks (from the configured first
day) whose fourth day falls in it, so each week belongs to one quarter and one month: the
one holding most of its days. A month's completion and time are the sums of its weeks'
(`weekly.week_figures`, the same rule); KPI values are the ones typed in the weekly
reviews of the quarter's weeks, with their trend (the last against the first); the
notes are the owner's notes of those weeks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from cockpit.domain.errors import ValidationError
from cockpit.domain.model import Process, System
from cockpit.domain.occurrence import Occurrence
from cockpit.domain.review import Review, in_calendar, week_days, week_of
from cockpit.domain.signals import Signal
from cockpit.domain.streaks import rules_for, standing_in
from cockpit.domain.weekly import WeekFigures

_QUARTER = re.compile(r"^([0-9]{4})-Q([1-4])$")  # ASCII digits, as --date
_MIDDLE = timedelta(days=3)  # the day of a week that says which month and quarter it is in


def parse_quarter(text: str) -> str:
    match = _QUARTER.match(text.strip().upper())
    if match is None or not 2000 <= int(match[1]) <= 2100:
        raise ValidationError(
            f'"{text}" is not a quarter; write it like 2026-Q4 (from 2000 to 2100)', "quarter"
        )
    return f"{match[1]}-Q{match[2]}"


def quarter_of(day: date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def quarter_span(quarter: str) -> tuple[date, date]:
    """The first and last calendar day of the quarter."""
    year, number = (int(part) for part in parse_quarter(quarter).split("-Q"))
    start = date(year, 3 * number - 2, 1)
    after = date(year + 1, 1, 1) if number == 4 else date(year, 3 * number + 1, 1)
    return start, after - timedelta(days=1)


def quarter_weeks(quarter: str, first_weekday: int) -> tuple[str, ...]:
    """The review weeks of the quarter, in order (2100-Q4's last one ends with the calendar,
    on 31 Dec 2100: `review.calendar_days` clips it)."""
    start, end = quarter_span(quarter)
    weeks = []
    day = start - timedelta(days=7)
    while day <= end + timedelta(days=7):
        week = week_of(day)
        day += timedelta(days=7)
        if not in_calendar(week, first_weekday):  # 1999's and 2101's are no quarter's
            continue
        first, _ = week_days(week, first_weekday)
        if start <= first + _MIDDLE <= end and week not in weeks:
            weeks.append(week)
    return tuple(weeks)


@dataclass(frozen=True, slots=True)
class MonthFigures:
    month: str  # "2026-10"
    weeks: tuple[str, ...]
    completion_by_role: dict[str, tuple[int, int]]  # role id -> (done, due)
    minutes_by_role: dict[str, int]
    budget_by_role: dict[str, int]


def month_figures(weeks: Iterable[WeekFigures]) -> tuple[MonthFigures, ...]:
    """The weeks' completion and time by role, summed per month (a week goes to the month
    holding its fourth day)."""
    months: dict[str, list[WeekFigures]] = {}
    for figures in sorted(weeks, key=lambda w: w.start):
        middle = figures.start + _MIDDLE
        months.setdefault(f"{middle.year}-{middle.month:02d}", []).append(figures)
    found = []
    for month, held in months.items():
        completion: dict[str, tuple[int, int]] = {}
        minutes: dict[str, int] = {}
        budgets: dict[str, int] = {}
        for figures in held:
            for key, (done, due) in figures.completion_by_role.items():
                was = completion.get(key, (0, 0))
                completion[key] = (was[0] + done, was[1] + due)
            _add(minutes, figures.minutes_by_role)
            _add(budgets, figures.budget_by_role)
        found.append(MonthFigures(month, tuple(w.week for w in held), completion, minutes, budgets))
    return tuple(found)


def _add(total: dict[str, int], more: Mapping[str, int]) -> None:
    for key, value in more.items():
        total[key] = total.get(key, 0) + value


@dataclass(frozen=True, slots=True)
class KpiTrend:
    system_id: str
    system_name: str
    name: str
    unit: str
    target: float | None
    direction: str  # "up" or "down": the way that is better
    values: tuple[tuple[str, float], ...]  # (week, value) typed in the quarter, oldest first
    trend: str  # "up", "down", "flat", or "" with fewer than two values
    better: bool | None  # moved the good way (None: flat or no trend)


def kpi_trends(
    systems: Iterable[System], reviews: Iterable[Review], weeks: Sequence[str]
) -> tuple[KpiTrend, ...]:
    wanted = set(weeks)
    held = sorted((r for r in reviews if r.week in wanted), key=lambda r: r.week)
    found = []
    for system in systems:
        for kpi in system.kpis:
            values = tuple(
                (r.week, r.kpis[system.id][kpi.name])
                for r in held
                if kpi.name in r.kpis.get(system.id, {})
            )
            trend = ""
            if len(values) >= 2:
                first, last = values[0][1], values[-1][1]
                trend = "up" if last > first else "down" if last < first else "flat"
            better = None if trend in ("", "flat") else trend == kpi.direction
            found.append(
                KpiTrend(
                    system.id, system.name, kpi.name, kpi.unit, kpi.target, kpi.direction,
                    values, trend, better,
                )
            )  # fmt: skip
    return tuple(found)


def quarter_notes(reviews: Iterable[Review], weeks: Sequence[str]) -> tuple[tuple[str, str], ...]:
    """(week, notes) of the quarter's weeks that have notes, in week order."""
    wanted = set(weeks)
    return tuple(sorted((r.week, r.notes) for r in reviews if r.week in wanted and r.notes.strip()))


def routines_crossed(
    processes: Iterable[Process],
    runs_by_process: Mapping[str, Sequence[Occurrence]],
    start: date,
    end: date,
    threshold: float,
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Process ids that became routines between the day before `start` and `end`, and
    those that stopped being ones: the weekly review's rule over a longer span. The runs
    of each process in date order."""
    gained, lost = [], []
    for process in processes:
        if not process.schedule.recurring:
            continue
        runs = [run for run in runs_by_process.get(process.id, ()) if run.date <= end]
        before, after = standing_in(
            rules_for(process.schedule), runs, (start - timedelta(days=1), end)
        )
        if before.strength < threshold <= after.strength:
            gained.append(process.id)
        elif after.strength < threshold <= before.strength:
            lost.append(process.id)
    return tuple(gained), tuple(lost)


@dataclass(frozen=True, slots=True)
class QuarterFigures:
    """A quarter's figures; `start` and `end` are the first day of its first week and the
    last of its last (2026-Q4: Mon 28 Sep to Sun 3 Jan 2027), the days its figures count."""

    quarter: str
    start: date
    end: date
    weeks: tuple[str, ...]
    months: tuple[MonthFigures, ...]
    routines_gained: tuple[str, ...]  # process ids
    routines_lost: tuple[str, ...]
    kpis: tuple[KpiTrend, ...]
    signals: tuple[Signal, ...]
    notes: tuple[tuple[str, str], ...]  # (week, notes)
