"""Fixtures of the export tests: a Cockpit on a fixed clock (Europe/Berlin) in tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.config import Settings
from cockpit.domain.model import Process
from cockpit.domain.occurrence import Occurrence
from cockpit.services.business import load_sample
from cockpit.services.context import Cockpit

TZ = "Europe/Berlin"
MONDAY = date(2026, 11, 23)  # the sample business starts on this Monday
SETTINGS = Settings(timezone=TZ)


@pytest.fixture(autouse=True)
def no_user_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's config and data never leak into a test."""
    monkeypatch.setenv("COCKPIT_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.delenv("COCKPIT_DATA", raising=False)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock.on(MONDAY, TZ)


@pytest.fixture
def ctx(tmp_path: Path, clock: FixedClock) -> Iterator[Cockpit]:
    """An empty Cockpit, the writer of its data file."""
    cockpit = Cockpit.open(tmp_path / "c.json", clock, SETTINGS)
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


def process_named(ctx: Cockpit, name: str) -> Process:
    for process in ctx.store.processes():
        if process.name == name:
            return process
    raise AssertionError(f"no process {name!r}")


def open_run(ctx: Cockpit, name: str) -> Occurrence:
    """The one open run of a process."""
    pid = process_named(ctx, name).id
    runs = [run for run in ctx.store.open_occurrences() if run.process_id == pid]
    assert len(runs) == 1, runs
    return runs[0]
