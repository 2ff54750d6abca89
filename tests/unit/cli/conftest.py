"""Fixtures of the CLI tests: `python -m cockpit` in a subprocess, on files in tmp_path."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.cli.helpers import Cli


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    """The command line on `tmp_path/c.json`, on the sample's first Monday."""
    return Cli(tmp_path)


@pytest.fixture
def sample_cli(cli: Cli) -> Cli:
    """`cockpit init --sample`, then today's runs created by a first `today`."""
    cli.ok("init", "--sample")
    cli.today()
    return cli
