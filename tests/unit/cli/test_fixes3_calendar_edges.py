"""The review, the quarter and the signals near the edges of the calendar Cockpit counts in
(2000-01-01 to 2100-12-31): the outside tester's `--date 2000-01-02 review` was refused
with '"1999-W52" is outside the years 2000 to 2100', a week nobody typed. The look-backs
and a quarter's weeks are clipped to the calendar; an error names only what was typed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.cli.helpers import Cli

FIRST, LAST = "2000-01-01", "2100-12-31"


def business(tmp_path: Path, day: str, first_day: str = "monday") -> tuple[Cli, str]:
    """The sample business made on `day`, and a config file with weeks from `first_day`."""
    config = tmp_path / "config.toml"
    config.write_text(f'first_day_of_week = "{first_day}"\n', encoding="utf-8")
    cli = Cli(tmp_path)
    cli.ok("--yes", "init", "--sample", day=day, COCKPIT_CONFIG=str(config))
    cli.ok("--yes", "today", day=day, COCKPIT_CONFIG=str(config))
    return cli, str(config)


COMMANDS = [
    ("2000-01-01", ("review",)),
    ("2000-01-02", ("review",)),
    ("2000-01-02", ("signals",)),
    ("2000-01-02", ("review", "--quarter", "2000-Q1")),
    ("2000-01-20", ("signals",)),
    ("2000-01-05", ("review",)),
    ("2100-12-31", ("review", "--quarter", "2100-Q4")),
    ("2100-12-31", ("review",)),
    ("2100-12-31", ("signals",)),
]


@pytest.mark.parametrize("first_day", ["monday", "friday", "saturday", "sunday"])
@pytest.mark.parametrize(("day", "command"), COMMANDS)
def test_a_day_near_the_edges_is_reviewed(
    tmp_path: Path, day: str, command: tuple[str, ...], first_day: str
) -> None:
    cli, config = business(tmp_path, day, first_day)
    before = cli.data.read_bytes()
    as_json = ("--format", "json") if command[0] == "review" else ("--json",)
    result = cli.run("--yes", *command, *as_json, day=day, COCKPIT_CONFIG=config)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    json.loads(result.stdout)
    assert cli.data.read_bytes() == before


def test_the_week_of_the_first_day_is_shown_clipped_to_the_calendar(tmp_path: Path) -> None:
    cli, config = business(tmp_path, FIRST)
    report = json.loads(
        cli.ok("review", "--format", "json", day="2000-01-02", COCKPIT_CONFIG=config)
    )
    text = json.dumps(report)
    assert "1999-12" not in text  # no day before the calendar is counted or shown


def test_the_quarter_of_the_last_days_ends_with_the_calendar(tmp_path: Path) -> None:
    cli, config = business(tmp_path, LAST)
    report = json.loads(cli.ok("--yes", "review", "--quarter", "2100-Q4", "--format", "json",
                               day=LAST, COCKPIT_CONFIG=config))  # fmt: skip
    assert "2101-" not in json.dumps(report)


@pytest.mark.parametrize("week", ["1999-W51", "2101-W02", "1998-W10"])
def test_a_typed_week_outside_the_calendar_is_named_as_typed(tmp_path: Path, week: str) -> None:
    cli, config = business(tmp_path, "2000-01-03")
    line = cli.fails("review", "--week", week, day="2000-01-03", COCKPIT_CONFIG=config)
    assert f'"{week}"' in line


def test_a_role_under_water_near_the_first_day_says_the_weeks_there_are(tmp_path: Path) -> None:
    cli, config = business(tmp_path, FIRST)
    cli.ok("today", day="2000-01-12", COCKPIT_CONFIG=config)
    found = json.loads(cli.ok("signals", "--json", day="2000-01-12", COCKPIT_CONFIG=config))
    under = [entry["evidence"] for entry in found if entry["kind"] == "role_under_water"]
    assert under and all(evidence.startswith("over 3 weeks: ") for evidence in under), under
