"""Fixtures of the functional tests: the demo business on a fixed day, and the app over it.

The demo is built once per session at Friday 2026-11-20 10:00 UTC; every test
works on its own copy, so no two tests share a writable file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from tests.ui_support import AppFactory, app_factory, fixed_clock


@pytest.fixture
def clock() -> FixedClock:
    return fixed_clock()


@pytest.fixture
def make_app(data_path: Path, clock: FixedClock) -> AppFactory:
    """Build the app over this test's data file (or another path), on the fixed clock; it
    keeps its notifications."""
    return app_factory(data_path, clock)
