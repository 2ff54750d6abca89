"""Fixtures of the functional tests: the demo business on a fixed day, and the app over it.

The demo is built once per session at Friday 2026-11-20 10:00 UTC; every test
works on its own copy, so no two tests share a writable file.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input

from cockpit.clock import FixedClock
from cockpit.config import Settings
from cockpit.services.context import Cockpit
from cockpit.services.demo import build_demo
from cockpit.tui.app import CockpitApp, build_app
from tests.functional.helpers import TZ, AppFactory, app_settings, fixed_clock, record_notes


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's config, themes and data never leak into a test; no blinking cursor,
    no desktop notification when a focus session runs out."""
    monkeypatch.setenv("COCKPIT_CONFIG", str(tmp_path / "no-config" / "config.toml"))
    monkeypatch.delenv("COCKPIT_DATA", raising=False)
    monkeypatch.setattr(Input, "cursor_blink", False)
    which = shutil.which
    monkeypatch.setattr(
        shutil,
        "which",
        lambda name, *a, **k: None if name == "notify-send" else which(name, *a, **k),
    )


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo business with ten weeks of history, built once."""
    path = tmp_path_factory.mktemp("demo") / "cockpit.json"
    with Cockpit.open(path, fixed_clock(), Settings(timezone=TZ, theme="cockpit-dark")) as ctx:
        build_demo(ctx)
    return path


@pytest.fixture
def data_path(demo_file: Path, tmp_path: Path) -> Path:
    """This test's own copy of the demo data file."""
    path = tmp_path / "data" / "cockpit.json"
    path.parent.mkdir()
    shutil.copy(demo_file, path)
    return path


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
