"""Fixtures of the functional tests: the demo business on a fixed day, and the app over it.

The demo is built once per session at Friday 2026-11-20 10:00 UTC; every test
works on its own copy, so no two tests share a writable file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.config import Settings
from cockpit.tui.app import CockpitApp, build_app
from tests.functional.helpers import AppFactory, app_settings, fixed_clock, record_notes


@pytest.fixture
def clock() -> FixedClock:
    return fixed_clock()


@pytest.fixture
def make_app(data_path: Path, clock: FixedClock, monkeypatch: pytest.MonkeyPatch) -> AppFactory:
    """Build the app over this test's data file (or another path), on the fixed clock."""

    def make(
        path: Path | None = None, at: FixedClock | None = None, settings: Settings | None = None
    ) -> CockpitApp:
        app = build_app(path or data_path, at or clock, settings or app_settings())
        record_notes(app, monkeypatch)
        return app

    return make
