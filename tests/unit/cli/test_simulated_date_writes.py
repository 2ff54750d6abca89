"""A writing command with a later `--date` must not close the real day's runs as missed.

`cockpit --date <five days on> skip ...` used to catch the schedules up to the simulated date
and mark every run the later runs superseded as missed, today's real ones included: the
owner's real day lost its steps to a rehearsal. Runs are only missed by the real calendar.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import orjson

from tests.unit.cli.helpers import Cli

REAL_TODAY = date.today()
LATER = (REAL_TODAY + timedelta(days=5)).isoformat()


def real_day(cli: Cli) -> list[dict[str, str]]:
    """`cockpit today --json` on the real calendar (no --date)."""
    rows: list[dict[str, str]] = orjson.loads(cli.ok("today", "--json", day=None))
    return rows


def test_a_later_date_on_a_write_leaves_todays_real_steps_due(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    cli.ok("init", "--sample", day=None)
    real_keys = {row["id"] for row in real_day(cli)}
    assert real_keys, "the sample business has steps due today"

    ahead = cli.today(day=LATER)
    assert ahead, "the sample business has steps due five days on"
    skipped = ahead[-1]["id"]
    cli.ok("skip", skipped, "--reason", "rehearsal", day=LATER)

    still = {row["id"] for row in real_day(cli)}
    assert real_keys - {skipped} <= still, sorted(real_keys - still)


def test_the_later_day_still_shows_as_it_will_then(tmp_path: Path) -> None:
    """Looking at the later day after a write there shows no pile of today's runs as overdue:
    the runs the later ones supersede are left out of that day, as on a read."""
    cli = Cli(tmp_path)
    cli.ok("init", "--sample", day=None)
    before = [row["id"] for row in cli.today(day=LATER)]
    cli.ok("skip", before[-1], "--reason", "rehearsal", day=LATER)
    assert [row["id"] for row in cli.today(day=LATER)] == before[:-1]
