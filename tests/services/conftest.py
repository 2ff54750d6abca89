"""Fixtures of the service tests: a Cockpit on a fixed clock and a data file in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.sample_fixtures import clock, ctx, sample

__all__ = ["clock", "ctx", "sample"]


@pytest.fixture
def data_path(tmp_path: Path) -> Path:
    return tmp_path / "c.json"
