"""A role's colour in config.toml that is no colour is said as every other config error is:
naming the file and the key (it said only 'role colour "notacolour" must be a hex colour
like #d08770', and only when a command reached the roles; outside tester, finding 15)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.cli.helpers import Cli, error_line


@pytest.mark.parametrize("colour", ["notacolour", "#d0877", "#d08770\\n", "red"])
@pytest.mark.parametrize("command", ["today", "tasks", "review"])
def test_a_role_colour_that_is_no_colour_names_the_file(
    sample_cli: Cli, tmp_path: Path, colour: str, command: str
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[roles]\ncolours = {{ Sales = "{colour}" }}\n', encoding="utf-8")
    before = sample_cli.data.read_bytes()
    line = error_line(sample_cli.run(command, COCKPIT_CONFIG=str(config)))
    assert f"config file {config}: roles.colours.Sales:" in line, line
    assert "must be a hex colour like #d08770" in line
    assert sample_cli.data.read_bytes() == before


def test_a_good_role_colour_is_taken(sample_cli: Cli, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('[roles]\ncolours = { Sales = "#A3BE8C" }\n', encoding="utf-8")
    sample_cli.ok("today", COCKPIT_CONFIG=str(config))
