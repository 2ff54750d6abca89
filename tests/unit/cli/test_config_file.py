"""config.toml is checked at the door: an unknown key, a value of the wrong kind or a key
that would take quit away is one clear line naming the key, never ignored without a word;
$COCKPIT_DATA beats the config's `data =`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from tests.unit.cli.helpers import Cli, child_env, error_line


def run_with(cli: Cli, tmp_path: Path, text: str, *args: str) -> CompletedProcess[str]:
    config = tmp_path / "config.toml"
    config.write_text(text, encoding="utf-8")
    return cli.run(*args, COCKPIT_CONFIG=str(config))


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    made = Cli(tmp_path)
    made.ok("init", "--sample")
    return made


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[focus]\npomodoro_minute = 50\n", "focus: unknown key `pomodoro_minute`"),
        ("colour = 'red'\n", "unknown key `colour`"),
        ('[roles]\norder = "Sales"\n', "roles.order: expected a list, got text"),
        ("[focus]\npomodoro_minutes = 0\n", "focus.pomodoro_minutes: expected a whole number >= 1"),
        ("[focus]\npomodoro_minutes = '25'\n", "focus.pomodoro_minutes: expected a whole number"),
        ("[routines]\nstrength_threshold = 7\n", "routines.strength_threshold"),
        ('first_day_of_week = "blursday"\n', '"blursday" is not a day'),
        ('[keys]\n"today.complete" = "ctrl+q"\n', "keys.today.complete: ctrl+q quits Cockpit"),
        ('[keys]\n"today.complete" = "ctrl+p"\n', "ctrl+p opens the command palette"),
        ('[keys]\n"nope" = "c"\n', '"nope" is not a key\'s id'),
        ('[keys]\n"today.complete" = "c d"\n', 'keys.today.complete: "c d" is not a list of keys'),
        ("[signals]\nrole_weeks = -1\n", "signals.role_weeks: expected a whole number >= 1"),
        ('timezone = "Mars/Olympus"\n', 'unknown time zone "Mars/Olympus"'),
        ("roles = 3\n", "roles: expected a table, got a whole number"),
    ],
)
def test_a_bad_config_is_one_line_naming_the_key(
    cli: Cli, tmp_path: Path, text: str, said: str
) -> None:
    before = cli.data.read_bytes()
    line = error_line(run_with(cli, tmp_path, text, "today"))
    assert said in line, line
    assert "config file" in line and "config.toml" in line, line
    assert cli.data.read_bytes() == before


def test_a_good_config_with_every_table_is_read(cli: Cli, tmp_path: Path) -> None:
    text = (
        'timezone = "Europe/Berlin"\nfirst_day_of_week = "Sunday"\ntheme = "cockpit-light"\n'
        '[roles]\norder = ["Sales"]\ncolours = { Sales = "#d08770" }\n'
        "[focus]\npomodoro_minutes = 50\nlong_break_every = 2\n"
        "[routines]\nstrength_threshold = 0.7\nslipping_misses = 2\n"
        '[keys]\n"today.complete" = "c,x"\n'
        "[signals]\ncarried_weeks = 2\ntitle_overlap = 0.5\n"
    )
    result = run_with(cli, tmp_path, text, "today")
    assert result.returncode == 0, result.stderr


def test_cockpit_data_beats_the_configs_data(cli: Cli, tmp_path: Path) -> None:
    """The shell's word is the nearer one: `COCKPIT_DATA=other cockpit today` reads other;
    without it, the config's `data =` is read."""
    other = Cli(tmp_path, "other.json")
    other.ok("init")  # an empty business: nothing due
    config = tmp_path / "config.toml"
    config.write_text(f'data = "{cli.data}"\n', encoding="utf-8")

    def today(**env: str) -> str:
        shown = subprocess.run(
            [sys.executable, "-m", "cockpit", "--date", "2026-11-23", "today", "--json"],
            capture_output=True, text=True, cwd=tmp_path, check=False,
            env=child_env(tmp_path, COCKPIT_CONFIG=str(config), **env),
        )  # fmt: skip
        assert shown.returncode == 0, shown.stderr
        return shown.stdout.strip()

    assert today() != "[]"  # the config's file: the sample's day
    assert today(COCKPIT_DATA=str(other.data)) == "[]"
