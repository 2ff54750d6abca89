"""Fixtures of the service tests: a Cockpit on a fixed clock and a data file in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sample_fixtures import clock, ctx, sample
from tests.two_devices import devices

__all__ = ["clock", "ctx", "devices", "sample"]


@pytest.fixture
def data_path(tmp_path: Path) -> Path:
    return tmp_path / "c.json"
