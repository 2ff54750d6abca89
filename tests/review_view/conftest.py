"""Fixtures of the review tests: the demo business on Friday 2026-11-20 10:00 UTC, a small
hand-built business, the app over a copy of the demo, and helpers to drive the Review screen.

The demo is built once per session; every test works on its own copy of the file.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from cockpit.domain.focus import FocusKind, FocusSession, FocusStatus
from cockpit.services import actions
from cockpit.services.business import load_business, parse_business
from cockpit.services.context import Cockpit
from cockpit.tui.screens.review import ReviewScreen
from tests.ui_support import (
    DAY,
    TZ,
    AppFactory,
    Driver,
    app_factory,
    fixed_clock,
    open_cockpit,
    settle,
    switch_mode,
    wait_until,
)

WEEK = "2026-W47"


@pytest.fixture
def demo(data_path: Path) -> Iterator[Cockpit]:
    """The demo, open as the writer on the fixed clock."""
    with open_cockpit(data_path) as ctx:
        yield ctx


@pytest.fixture
def make_app(data_path: Path) -> AppFactory:
    """The app over this test's copy of the demo (or another path), on the fixed clock; it
    keeps its notifications."""
    return app_factory(data_path)


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


# -- driving the app -----------------------------------------------------------------------


async def open_review(pilot: Driver) -> ReviewScreen:
    """Wait for the data, switch to the Review mode (key 4), wait for its week."""
    screen = await switch_mode(pilot, "4", ReviewScreen, lambda screen: screen.report is not None)
    await settle(pilot)
    return screen


async def wait_for_week(pilot: Driver, screen: ReviewScreen, week: str) -> None:
    await wait_until(pilot, lambda: screen.shown_week == week)
