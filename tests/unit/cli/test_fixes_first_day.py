"""A new process whose first step is due the day before its run (offset -1) is not late on
its first day: it did not exist the day before. Its later runs keep their lead: the step is
due the day before, and late the day after if it was not done (`cockpit today`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.unit.cli.helpers import Cli

PREP = """
[[processes]]
name = "Prep"
role = "sales"
schedule = "{schedule}"
[[processes.steps]]
title = "get ready"
offset = -1
[[processes.steps]]
title = "do it"
"""


def prep_rows(cli: Cli, day: str) -> list[dict[str, Any]]:
    return [row for row in cli.today(day) if row.get("process") == "Prep"]


class ZoneCli(Cli):
    def ok_json(self, day: str, env: dict[str, str]) -> list[dict[str, Any]]:
        rows = orjson.loads(self.ok("today", "--json", day=day, **env))
        assert isinstance(rows, list)
        return rows


@pytest.fixture
def fresh(tmp_path: Path) -> ZoneCli:
    cli = ZoneCli(tmp_path)
    cli.ok("init")
    return cli


@pytest.mark.parametrize(
    ("day", "zone"),
    [
        ("2026-11-23", "UTC"),  # a Monday
        ("2026-10-31", "UTC"),  # a month's last day: the step of its run was due on the 30th
        ("2027-03-01", "UTC"),  # after 28 February
        ("2026-03-29", "Europe/Berlin"),  # the clocks went forward in the night before
        ("2026-11-01", "America/New_York"),  # the clocks went back in the night before
    ],
)
def test_a_daily_process_with_a_step_the_day_before_is_not_late_on_its_first_day(
    fresh: ZoneCli, day: str, zone: str
) -> None:
    config = fresh.tmp_path / "zone.toml"
    config.write_text(f'timezone = "{zone}"\n', encoding="utf-8")
    env = {"COCKPIT_CONFIG": str(config)}
    source = fresh.tmp_path / "prep.toml"
    source.write_text(PREP.format(schedule="daily"), encoding="utf-8")
    fresh.ok("import", str(source), day=day, **env)
    rows = [row for row in fresh.ok_json(day, env) if row.get("process") == "Prep"]
    assert rows, fresh.ok("today", day=day, **env)
    assert [row["overdue_days"] for row in rows] == [0] * len(rows), rows
    shown = fresh.ok("today", day=day, **env)
    assert "overdue" not in shown and "late" not in shown, shown


def test_the_next_day_the_lead_is_kept_and_an_undone_step_is_late(fresh: ZoneCli) -> None:
    source = fresh.tmp_path / "prep.toml"
    source.write_text(PREP.format(schedule="daily"), encoding="utf-8")
    fresh.ok("import", str(source), day="2026-10-30")
    first = prep_rows(fresh, "2026-10-30")
    tomorrows = [row for row in first if row["date"] == "2026-10-31"]
    assert [(row["step"], row["due"]) for row in tomorrows] == [("get ready", "2026-10-30")]
    later = prep_rows(fresh, "2026-11-01")  # across the month's end, nothing done
    late = {(row["date"], row["step"]): row["overdue_days"] for row in later}
    assert late[("2026-11-01", "get ready")] == 1  # due on the 31st: late now, as it should
    assert late[("2026-11-02", "get ready")] == 0


def test_a_weekly_process_created_after_its_steps_day_is_due_now_not_late(fresh: ZoneCli) -> None:
    source = fresh.tmp_path / "prep.toml"
    source.write_text(
        PREP.format(schedule="weekly on tue").replace("offset = -1", "offset = -3"),
        encoding="utf-8",
    )
    fresh.ok("import", str(source), day="2026-11-23")  # a Monday: Saturday's step is past
    rows = prep_rows(fresh, "2026-11-23")
    assert [(row["step"], row["overdue_days"]) for row in rows] == [("get ready", 0)]
