"""Fixtures every test folder may use: isolation from the developer's own files, and the
demo business on its fixed day, built once per session and copied for each test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from cockpit.config import Settings
from cockpit.services.context import Cockpit
from cockpit.services.demo import build_demo
from tests.ui_support import TZ, fixed_clock


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's config, themes and data never leak into a test; no blinking cursor,
    no desktop notification when a focus session runs out."""
    monkeypatch.setenv("COCKPIT_CONFIG", str(tmp_path / "no-config" / "config.toml"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # the kept day, the demo
    monkeypatch.delenv("COCKPIT_DATA", raising=False)
    monkeypatch.setattr(Input, "cursor_blink", False)
    monkeypatch.setattr(TextArea, "cursor_blink", False)
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
    with Cockpit.open(path, fixed_clock(), Settings(timezone=TZ)) as ctx:
        build_demo(ctx)
    return path


@pytest.fixture
def data_path(demo_file: Path, tmp_path: Path) -> Path:
    """This test's own copy of the demo data file."""
    path = tmp_path / "data" / "cockpit.json"
    path.parent.mkdir()
    shutil.copy(demo_file, path)
    return path
