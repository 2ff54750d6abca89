"""`cockpit init --sample` and `cockpit today`, as JSON and as a table."""

from __future__ import annotations

import re
from datetime import date

import orjson

from tests.unit.cli.helpers import DAY, Cli, by_process, error_line

ROLES = ["Sales", "Delivery", "Admin", "Marketing"]
FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "role": str,
    "system": (str, type(None)),
    "process": str,
    "step": str,
    "position": int,
    "steps": int,
    "closed_steps": int,
    "date": str,
    "due": str,
    "overdue_days": int,
    "estimate_minutes": int,
    "status": str,
    "tool": (str, type(None)),
    "kept": bool,
    "planned": bool,
}


def test_init_sample_then_today_as_json(cli: Cli) -> None:
    out = cli.ok("init", "--sample")
    assert out.startswith("Loaded Harbor Lane Studio: 4 roles, 5 systems, 24 processes into ")
    assert str(cli.data) in out
    rows = cli.today()
    assert rows
    monday = date.fromisoformat(DAY)
    for row in rows:
        for field, kind in FIELDS.items():
            assert isinstance(row[field], kind), (field, row)
        assert not isinstance(row["overdue_days"], bool)
        assert re.fullmatch(r"\d+\.\d+", row["id"]), row
        assert row["id"] == f"{row['id'].split('.')[0]}.{row['position']}"
        assert row["role"] in ROLES
        due, on = date.fromisoformat(row["due"]), date.fromisoformat(row["date"])
        assert due == monday <= on  # due today (a step may fall before its run's date)
        assert row["overdue_days"] == (monday - due).days == 0
        assert row["estimate_minutes"] >= 0
        assert row["status"] == "open"
        assert 1 <= row["position"] <= row["steps"]
        assert row["closed_steps"] == 0
        assert row["kept"] is False
    assert len({row["id"] for row in rows}) == len(rows)
    # grouped by role, in the sample's order
    seen = list(dict.fromkeys(row["role"] for row in rows))
    assert seen == ROLES
    blog = by_process(rows, "Manage the blog")  # its first step falls two days early
    assert [(r["position"], r["date"], r["due"]) for r in blog] == [(1, "2026-11-25", DAY)]
    inbox = by_process(rows, "Inbox zero")
    assert [r["system"] for r in inbox] == ["Administration"] * 4


def test_today_as_a_table_and_date_before_or_after_the_command(cli: Cli) -> None:
    cli.ok("init", "--sample")
    table = cli.ok("today")
    assert "Monday 23 November 2026" in table
    for role in ROLES:
        assert role in table
    assert "Inbox zero" in table
    assert "Traceback" not in table

    data = str(cli.data)
    first = cli.run("--date", "2026-11-26", "today", "--json", day=None)
    after = cli.run("today", "--json", "--date", "2026-11-26", day=None)
    mixed = cli.run("today", "--date", "2026-11-26", "--data", data, "--json", day=None)
    assert first.returncode == after.returncode == mixed.returncode == 0, first.stderr
    assert first.stdout == after.stdout == mixed.stdout
    rows = orjson.loads(first.stdout)
    assert rows
    late = by_process(rows, "Weekly social posts")  # Monday's run, three days on
    assert late and {r["overdue_days"] for r in late} == {3}
    assert {r["date"] for r in late} == {DAY}


def test_no_data_file_yet_tells_to_run_init(cli: Cli) -> None:
    for args in (("today",), ("today", "--json"), ("done", "1.1"), ("processes",)):
        line = error_line(cli.run(*args))
        assert f"no data file at {cli.data}" in line
        assert "cockpit init" in line
    assert not cli.data.exists()


def test_init_twice_is_refused(cli: Cli) -> None:
    cli.ok("init", "--sample")
    stored = cli.data.read_bytes()
    for args in (("init", "--sample"), ("init",), ("init", "--roles", "A,B")):
        line = error_line(cli.run(*args))
        assert "already holds a business" in line
        assert str(cli.data) in line
        assert cli.data.read_bytes() == stored


def test_init_with_roles_only(cli: Cli) -> None:
    out = cli.ok("init", "--roles", "Sales, Finance ,,Ops")
    assert out.strip() == f"Created {cli.data} with roles Sales, Finance, Ops"
    assert cli.today() == []
    assert "Nothing due" in cli.ok("today")
    assert orjson.loads(cli.ok("processes", "--json")) == []
