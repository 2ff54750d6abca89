"""A task carried over, from the command line: moved on, it is late by the days since it was
first due; done with the minutes typed, they count for its role in the week's review; the
time log and the calendar list it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import orjson
import pytest

from tests.unit.cli.helpers import DAY, Cli

WEDNESDAY, FRIDAY = "2026-11-25", "2026-11-27"


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    made = Cli(tmp_path)
    made.ok("init", "--sample")
    return made


def test_a_task_moved_on_is_late_from_the_day_it_was_first_due(cli: Cli) -> None:
    cli.ok("add", "Send the quote", "#sales", "--due", DAY)
    cli.ok("snooze", "t1", "--to", "fri", day=WEDNESDAY)
    assert [r for r in cli.today(WEDNESDAY) if r["kind"] == "task"] == []
    [row] = [r for r in cli.today(FRIDAY) if r["kind"] == "task"]
    assert (row["due"], row["first_due"], row["overdue_days"]) == (FRIDAY, DAY, 4)
    assert "4d overdue" in cli.ok("today", day=FRIDAY)


def test_a_task_done_counts_in_the_review_time_log_and_leaves_the_calendar(cli: Cli) -> None:
    cli.ok("add", "Call the accountant", "#admin", "--due", DAY)
    cli.ok("add", "Book the venue", "#sales", "--due", FRIDAY)
    calendar = cli.ok("export", "--format", "ics")
    assert "SUMMARY:Call the accountant" in calendar and "SUMMARY:Book the venue" in calendar
    cli.ok("done", "t1", "--minutes", "25")
    review = orjson.loads(cli.ok("review", "--format", "json", day=FRIDAY))
    assert review["time_by_role"]["Admin"]["minutes"] >= 25
    rows = list(csv.DictReader(io.StringIO(cli.ok("export", "--format", "csv", "--what", "tasks"))))
    assert [(r["id"], r["status"], r["minutes"]) for r in rows] == [
        ("t1", "done", "25"),
        ("t2", "open", ""),
    ]
    assert "Call the accountant" not in cli.ok("export", "--format", "ics")


def test_a_task_entry_says_its_estimate_and_start_says_a_task_is_no_process(cli: Cli) -> None:
    cli.ok("add", "Plan the week", "--due", DAY, "--est", "20")
    cli.ok("add", "Someday")
    rows = {r["id"]: r for r in cli.today() if r["kind"] == "task"}
    assert (rows["t1"]["estimate"], rows["t2"]["estimate"]) == (20, None)
    before = cli.data.read_bytes()
    assert "t1 is a task, not a process" in cli.fails("start", "t1")
    assert cli.data.read_bytes() == before


def test_an_import_says_how_many_tasks_it_brought(cli: Cli) -> None:
    cli.ok("add", "One")
    cli.ok("add", "Two", "--due", DAY)
    out = cli.tmp_path / "export.json"
    cli.ok("export", "--out", str(out))
    said = cli.ok("import", str(out), data=cli.tmp_path / "other.json")
    assert " and 2 tasks from " in said
