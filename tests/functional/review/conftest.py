"""Fixtures of the review tests: the demo business on Friday 2026-11-20 10:00 UTC, a small
hand-built business, the app over a copy of the demo, and helpers to drive the Review screen.

The demo is built once per session; every test works on its own copy of the file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.tui.screens.review import ReviewScreen
from tests.ui_support import (
    AppFactory,
    Driver,
    app_factory,
    settle,
    switch_mode,
    wait_until,
)


@pytest.fixture
def make_app(data_path: Path) -> AppFactory:
    """The app over this test's copy of the demo (or another path), on the fixed clock; it
    keeps its notifications."""
    return app_factory(data_path)


# -- driving the app -----------------------------------------------------------------------


async def open_review(pilot: Driver) -> ReviewScreen:
    """Wait for the data, switch to the Review mode (key 4), wait for its week."""
    screen = await switch_mode(pilot, "4", ReviewScreen, lambda screen: screen.report is not None)
    await settle(pilot)
    return screen


async def wait_for_week(pilot: Driver, screen: ReviewScreen, week: str) -> None:
    await wait_until(pilot, lambda: screen.shown_week == week)
