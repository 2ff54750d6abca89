"""Fixtures of the process library's service tests: an empty Cockpit and the demo, each the
writer of this test's own data file, on the fixed clock."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cockpit.services.context import Cockpit
from tests.ui_support import open_cockpit


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[Cockpit]:
    """An empty Cockpit on the fixed clock, the writer of its own data file."""
    with open_cockpit(tmp_path / "empty.json") as cockpit:
        yield cockpit


@pytest.fixture
def demo(data_path: Path) -> Iterator[Cockpit]:
    """The demo, opened as the writer (for service tests on real history)."""
    with open_cockpit(data_path) as cockpit:
        yield cockpit
