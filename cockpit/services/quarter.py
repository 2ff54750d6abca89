"""The quarter's review: `cockpit review --quarter 2026-Q4` and the Review screen's quarter.

Each week's completion and time come from the weekly review's own figures
(`signals.figures_of_weeks`), the routines gained and lost from the same rule over the
quarter, the signals as of the quarter's last day (or today, in the running quarter).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from cockpit.domain.model import Process, Role, System
from cockpit.domain.quarter import (
    QuarterFigures,
    kpi_trends,
    month_figures,
    parse_quarter,
    quarter_notes,
    quarter_of,
    quarter_weeks,
    routines_crossed,
)
from cockpit.domain.review import require_calendar_days
from cockpit.domain.signals import Signal
from cockpit.services.context import Cockpit
from cockpit.services.routines import HISTORY_DAYS, occurrences_by_process
from cockpit.services.signals import figures_of_weeks, signals


@dataclass(frozen=True, slots=True)
class QuarterReview:
    figures: QuarterFigures
    roles: tuple[Role, ...]
    systems: tuple[System, ...]
    processes: tuple[Process, ...]

    @property
    def role_names(self) -> dict[str, str]:
        return {role.id: role.name for role in self.roles}

    @property
    def process_names(self) -> dict[str, str]:
        return {process.id: process.name for process in self.processes}


def current_quarter(ctx: Cockpit) -> str:
    return quarter_of(ctx.today())


def quarter_review(ctx: Cockpit, quarter: str | None = None) -> QuarterReview:
    quarter = parse_quarter(quarter) if quarter else current_quarter(ctx)
    first = ctx.settings.first_day_of_week
    weeks = quarter_weeks(quarter, first)
    # the days its weeks count, clipped to the calendar (2100-Q4 ends on 31 Dec 2100)
    start = require_calendar_days(weeks[0], first)[0]
    end = require_calendar_days(weeks[-1], first)[1]
    today = ctx.today()
    processes = ctx.store.processes()
    weekly = []
    gained: Sequence[str] = ()
    lost: Sequence[str] = ()
    found: list[Signal] = []
    if start <= today:
        until = min(end, today)
        runs = occurrences_by_process(ctx, start - timedelta(days=HISTORY_DAYS), until)
        for held in runs.values():
            held.sort(key=lambda run: run.date)
        # weeks before the business's first run are not counted: their budgets were never
        # planned ("0 of 37h30" for months before Cockpit was used)
        first_run = min((held[0].date for held in runs.values() if held), default=None)
        counted = [
            week for week in weeks
            if first_run is not None and require_calendar_days(week, first)[1] >= first_run
        ]  # fmt: skip
        weekly = figures_of_weeks(ctx, counted, processes, today) if counted else []
        gained, lost = routines_crossed(
            processes, runs, start, until, ctx.settings.strength_threshold
        )
        found = signals(ctx, until)
    reviews = ctx.store.reviews()
    systems = ctx.store.systems()
    figures = QuarterFigures(
        quarter=quarter,
        start=start,  # the span of its weeks, which the figures count (not the calendar's)
        end=end,
        weeks=weeks,
        months=month_figures(weekly),
        routines_gained=tuple(gained),
        routines_lost=tuple(lost),
        kpis=kpi_trends(systems, reviews, weeks),
        signals=tuple(found),
        notes=quarter_notes(reviews, weeks),
    )
    return QuarterReview(figures, tuple(ctx.roles()), tuple(systems), tuple(processes))
