"""Fixtures of the service tests: a Cockpit on a fixed clock and a data file in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.services.business import load_sample
from cockpit.services.context import Cockpit
from tests.services.helpers import MONDAY, SETTINGS, TZ


@pytest.fixture(autouse=True)
def no_user_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's config and data never leak into a test."""
    monkeypatch.setenv("COCKPIT_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("COCKPIT_DATA", raising=False)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock.on(MONDAY, TZ)


@pytest.fixture
def data_path(tmp_path: Path) -> Path:
    return tmp_path / "c.json"


@pytest.fixture
def ctx(data_path: Path, clock: FixedClock) -> Iterator[Cockpit]:
    """An empty Cockpit, the writer of its data file."""
    cockpit = Cockpit.open(data_path, clock, SETTINGS)
    try:
        yield cockpit
    finally:
        cockpit.close()


@pytest.fixture
def sample(ctx: Cockpit) -> Cockpit:
    """The sample business, loaded on MONDAY, with the runs due today created."""
    load_sample(ctx)
    ctx.refresh()
    return ctx
