"""Fixtures of the review service tests: the demo business on Friday 2026-11-20 10:00 UTC
and a small hand-built business, each the writer of this test's own data file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from cockpit.domain.focus import FocusKind, FocusSession, FocusStatus
from cockpit.services import actions
from cockpit.services.business import load_business, parse_business
from cockpit.services.context import Cockpit
from tests.ui_support import DAY, TZ, fixed_clock, open_cockpit


@pytest.fixture
def demo(data_path: Path) -> Iterator[Cockpit]:
    """The demo, open as the writer on the fixed clock."""
    with open_cockpit(data_path) as ctx:
        yield ctx


# -- a small business, built by hand ------------------------------------------------------

SMALL = {
    "roles": [
        {"name": "Admin", "budget_minutes": 60},
        {"name": "Sales", "budget_minutes": 30, "blocks": {"mon": ["09:00-10:00"]}},
    ],
    "systems": [
        {"name": "Finance", "kpis": [{"name": "Revenue", "unit": "USD", "target": 1000}]},
    ],
    "processes": [
        {
            "name": "Daily log",
            "role": "Admin",
            "system": "Finance",
            "schedule": "weekdays",
            "steps": [{"title": "Write the log", "estimate": 10}],
        },
        {
            "name": "Call leads",
            "role": "Sales",
            "schedule": "weekly on mon",
            "steps": [{"title": "Call", "estimate": 20}],
        },
    ],
}
SMALL_START = date(2026, 11, 2)  # Monday of 2026-W45
# what happens to the runs of each day: minutes done, "skip", or "miss"
SMALL_LOG: dict[str, list[int | str]] = {
    "daily-log": [10, 12, 14, 16, 18, 20, "skip", "miss", 30, 40, 9, 11, 13, "miss"],
    "call-leads": [25, 35, 30],
}
# logged focus minutes: (role, local date, minutes, logged?)
SMALL_FOCUS = [
    ("admin", date(2026, 11, 16), 25, True),
    ("admin", date(2026, 11, 17), 20, True),
    ("sales", date(2026, 11, 16), 50, True),
    ("sales", date(2026, 11, 15), 30, True),  # a Sunday: W46 for Monday weeks, W47 for Sunday
    ("sales", date(2026, 11, 18), 40, False),  # discarded: never counts
]


def build_small(ctx: Cockpit) -> None:
    """Roles, one system, two processes, and the runs of 2026-W45 to W47 as SMALL_LOG says."""
    load_business(ctx, parse_business(SMALL, SMALL_START, TZ))
    real = ctx.clock
    done = {key: iter(values) for key, values in SMALL_LOG.items()}
    day = SMALL_START
    while day < DAY:
        ctx.clock = fixed_clock(day, time(17, 0))
        ctx.refresh(day)
        for run in ctx.store.open_occurrences():
            if run.date != day:
                continue
            verdict = next(done[run.process_id])
            if verdict == "skip":
                actions.skip(ctx, str(run.no), "sick day")
            elif isinstance(verdict, int):
                actions.complete(ctx, f"{run.no}.1", verdict)
        day += timedelta(days=1)
    for number, (role, on, minutes, logged) in enumerate(SMALL_FOCUS, start=1):
        start = fixed_clock(on, time(11, 0)).now()
        ctx.store.save_focus(
            FocusSession(
                id=number,
                kind=FocusKind.STOPWATCH,
                role=role,
                started_at=start,
                ended_at=start + timedelta(minutes=minutes),
                status=FocusStatus.LOGGED if logged else FocusStatus.DISCARDED,
                minutes=minutes,
            )
        )
    ctx.clock = real
    ctx.refresh()


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Cockpit]:
    with open_cockpit(tmp_path / "small.json") as ctx:
        build_small(ctx)
        yield ctx
