"""`cockpit routines`: every recurring process's figures, as a table or JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.unit.cli.helpers import Cli


def test_routines_json_on_the_demo(tmp_path: Path, demo_file: Path) -> None:
    shutil.copy(demo_file, tmp_path / "c.json")
    cli = Cli(tmp_path)
    rows = json.loads(cli.ok("routines", "--json", day="2026-11-20"))
    names = {row["process"]: row for row in rows}
    assert "Update bookkeeping" in names
    slipping = names["Update bookkeeping"]
    assert slipping["slipping"] is True
    assert slipping["missed_in_a_row"] >= 3
    assert "Time to look at the process" in slipping["slipping_message"]
    assert all(0 <= row["strength"] <= 1 for row in rows)
    assert [row["strength"] for row in rows] == sorted(
        (row["strength"] for row in rows), reverse=True
    )
    inbox = names["Inbox zero"]
    assert inbox["streak_unit"] == "days"
    assert "alpha" in inbox["explanation"]
    assert "Qualify a new lead" not in names  # on demand: not a routine to judge


def test_routines_filters_and_table(tmp_path: Path, demo_file: Path) -> None:
    shutil.copy(demo_file, tmp_path / "c.json")
    cli = Cli(tmp_path)
    admin = json.loads(cli.ok("routines", "--json", "--role", "admin", day="2026-11-20"))
    assert admin and {row["role"] for row in admin} == {"Admin"}
    testing = json.loads(cli.ok("routines", "--json", "--stage", "testing", day="2026-11-20"))
    assert {row["stage"] for row in testing} == {"testing"}
    table = cli.ok("routines", day="2026-11-20")
    assert "Strength" in table and "slipping" in table
