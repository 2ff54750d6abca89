"""The weekly review: the week's figures, the owner's notes and KPI values, estimates to accept."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from cockpit.domain.errors import NotFoundError, ValidationError
from cockpit.domain.model import Process, Role, System
from cockpit.domain.review import (
    Review,
    in_calendar,
    parse_kpi_value,
    parse_week,
    require_calendar_days,
    week_days,
    week_of,
)
from cockpit.domain.weekly import WeekFigures, week_figures
from cockpit.services.context import Cockpit

HISTORY_DAYS = 400


@dataclass(frozen=True, slots=True)
class KpiHistory:
    system_id: str
    system_name: str
    name: str
    unit: str
    target: float | None
    direction: str
    value: float | None  # this week's
    history: tuple[tuple[str, float], ...]  # (week, value), oldest first


@dataclass(frozen=True, slots=True)
class WeekReview:
    """Everything the review screen and `cockpit review` show for one week."""

    figures: WeekFigures
    review: Review
    roles: tuple[Role, ...]
    systems: tuple[System, ...]
    processes: tuple[Process, ...]
    kpis: tuple[KpiHistory, ...]

    @property
    def role_names(self) -> dict[str, str]:
        return {role.id: role.name for role in self.roles}

    @property
    def system_names(self) -> dict[str, str]:
        return {system.id: system.name for system in self.systems}

    @property
    def process_names(self) -> dict[str, str]:
        return {process.id: process.name for process in self.processes}


def week_containing(day: date, first_weekday: int) -> str:
    """The week (as the review counts weeks, from `first_weekday`) that holds `day`."""
    for delta in (0, 7, -7):
        week = week_of(day + timedelta(days=delta))
        if not in_calendar(week):  # beyond the calendar's edge weeks: not the one
            continue
        start, end = week_days(week, first_weekday)
        if start <= day <= end:
            return week
    return week_of(day)


def current_week(ctx: Cockpit) -> str:
    return week_containing(ctx.today(), ctx.settings.first_day_of_week)


def shift_week(week: str, weeks: int) -> str:
    """The week `weeks` on (back when negative); it may fall outside the calendar
    (`weeks_back` and `in_calendar` keep to it)."""
    start, _ = week_days(week)
    return week_of(start + timedelta(weeks=weeks))


def step_week(week: str, weeks: int, first_weekday: int) -> str | None:
    """The week `weeks` on (back when negative), None beyond the calendar's edges."""
    found = shift_week(week, weeks)
    return found if in_calendar(found, first_weekday) else None


def weeks_back(last: str, count: int, first_weekday: int) -> list[str]:
    """The `count` weeks up to `last`, oldest first, those holding a day of the calendar
    only: a look-back near 2000-01-01 is shorter."""
    weeks = [shift_week(last, -n) for n in range(count - 1, -1, -1)]
    return [week for week in weeks if in_calendar(week, first_weekday)]


def week_review(ctx: Cockpit, week: str | None = None) -> WeekReview:
    typed = week
    week = parse_week(week) if week is not None else current_week(ctx)
    first = ctx.settings.first_day_of_week
    start, end = require_calendar_days(typed if typed is not None else week, first)
    today = ctx.today()
    zone = ZoneInfo(ctx.settings.timezone)
    processes = ctx.store.processes()
    roles = ctx.roles()
    runs = ctx.store.occurrences(since=start - timedelta(days=HISTORY_DAYS), until=end)
    sessions = ctx.store.focus_sessions(start - timedelta(days=1), end + timedelta(days=1))

    def local_date(instant: datetime) -> date:
        return instant.astimezone(zone).date()

    figures = week_figures(
        week,
        first,
        processes,
        roles,
        runs,
        sessions,
        local_date,
        today=today if today <= end else None,
        threshold=ctx.settings.strength_threshold,
        slipping_after=ctx.settings.slipping_misses,
        tasks=ctx.store.tasks(),
    )
    review = ctx.store.review(week) or Review(week)
    systems = ctx.store.systems()
    return WeekReview(
        figures, review, tuple(roles), tuple(systems), tuple(processes), _kpis(ctx, week, systems)
    )


def _kpis(ctx: Cockpit, week: str, systems: list[System]) -> tuple[KpiHistory, ...]:
    reviews = sorted(ctx.store.reviews(), key=lambda r: r.week)
    found = []
    for system in systems:
        for kpi in system.kpis:
            history = tuple(
                (r.week, r.kpis[system.id][kpi.name])
                for r in reviews
                if r.week <= week and kpi.name in r.kpis.get(system.id, {})
            )
            value = next((v for w, v in history if w == week), None)
            found.append(
                KpiHistory(
                    system.id, system.name, kpi.name, kpi.unit, kpi.target, kpi.direction, value,
                    history[-12:],
                )
            )  # fmt: skip
    return tuple(found)


def save_notes(ctx: Cockpit, week: str, notes: str, *, reviewed: bool = False) -> Review:
    """Save the week's notes; `reviewed` marks the week as reviewed now."""
    ctx.require_writer()
    typed, week = week, parse_week(week)
    start, _ = require_calendar_days(typed, ctx.settings.first_day_of_week)
    if reviewed and start > ctx.today():
        raise ValidationError(
            f"{week} has not begun (it starts on {start:%a %d %b %Y}): a week can be marked "
            "reviewed once it has begun; its notes can be saved now",
            "week",
        )
    review = ctx.store.review(week) or Review(week)
    review = replace(review, notes=notes.strip())
    if reviewed:
        review = replace(review, reviewed_at=ctx.now())
    ctx.store.save_review(review)
    return review


def record_kpi(ctx: Cockpit, week: str, system_id: str, kpi: str, value: str) -> Review:
    """Type a KPI's value for the week ("" clears it)."""
    ctx.require_writer()
    week = parse_week(week)
    system = next((s for s in ctx.store.systems() if s.id == system_id), None)
    if system is None or kpi not in {k.name for k in system.kpis}:
        raise NotFoundError(f'no KPI "{kpi}" in system "{system_id}"')
    review = ctx.store.review(week) or Review(week)
    if not value.strip():
        kpis = {key: dict(values) for key, values in review.kpis.items()}
        kpis.get(system_id, {}).pop(kpi, None)
        review = replace(review, kpis=kpis)
    else:
        review = review.with_kpi(system_id, kpi, parse_kpi_value(value, kpi))
    ctx.store.save_review(review)
    return review


def accept_estimate(ctx: Cockpit, process_id: str, step_id: str, minutes: int) -> Process:
    """Take a suggested estimate: the step's estimate becomes `minutes` (a new version)."""
    ctx.require_writer()
    process = next((p for p in ctx.store.processes() if p.id == process_id), None)
    if process is None:
        raise NotFoundError(f'no process "{process_id}"')
    steps = tuple(
        replace(step, estimate_minutes=minutes) if step.id == step_id else step
        for step in process.steps
    )
    if steps == process.steps:
        raise NotFoundError(f'process "{process.name}" has no step {step_id} to re-estimate')
    edited = process.edited(steps=steps)
    ctx.store.save_process(edited)
    return edited
