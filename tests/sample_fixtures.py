"""Fixtures over the sample business on its first Monday (Europe/Berlin), for the service and
export tests; a conftest imports them to use them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from cockpit.clock import FixedClock
from cockpit.config import Settings
from cockpit.services.business import load_sample
from cockpit.services.context import Cockpit

TZ = "Europe/Berlin"
MONDAY = date(2026, 11, 23)  # the sample business starts on this Monday
SETTINGS = Settings(timezone=TZ)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock.on(MONDAY, TZ)


@pytest.fixture
def ctx(tmp_path: Path, clock: FixedClock) -> Iterator[Cockpit]:
    """An empty Cockpit, the writer of `tmp_path/c.json`."""
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
