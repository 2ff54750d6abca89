"""done, skip, snooze, keep, start and processes through the command line."""

from __future__ import annotations

from typing import Any

import orjson

from tests.unit.cli.helpers import DAY, Cli, by_process, run_no


def ids(rows: list[dict[str, Any]]) -> set[str]:
    return {row["id"] for row in rows}


def row(rows: list[dict[str, Any]], key: str) -> dict[str, Any]:
    found = [r for r in rows if r["id"] == key]
    assert len(found) == 1, (key, sorted(ids(rows)))
    return found[0]


def test_each_action_shows_in_today(sample_cli: Cli) -> None:
    cli = sample_cli
    rows = cli.today()
    social = run_no(rows, "Weekly social posts")  # 5 steps, next run a week later
    inbox = run_no(rows, "Inbox zero")  # daily
    delivery = run_no(rows, "Plan the delivery day")  # weekdays
    assert {f"{social}.{i}" for i in range(1, 6)} <= ids(rows)

    out = cli.ok("done", f"{social}.1", "--minutes", "12")
    assert out.startswith(f'done: {social}.1 "') and "(Weekly social posts)" in out
    rows = cli.today()
    assert f"{social}.1" not in ids(rows)
    assert row(rows, f"{social}.2")["closed_steps"] == 1

    out = cli.ok("skip", f"{social}.2", "--reason", "nothing to post this week")
    assert out.startswith(f"skipped: {social}.2 ")
    rows = cli.today()
    assert f"{social}.2" not in ids(rows)
    assert row(rows, f"{social}.3")["closed_steps"] == 2

    for position, when, target in [
        (3, "tomorrow", "2026-11-24"),
        (4, "+2", "2026-11-25"),
        (5, "2026-11-27", "2026-11-27"),
    ]:
        out = cli.ok("snooze", f"{social}.{position}", "--to", when)
        assert out.startswith(f"snoozed to {target}: {social}.{position} ")
    rows = cli.today()
    assert not by_process(rows, "Weekly social posts")

    out = cli.ok("keep", inbox)
    assert out.startswith("kept: Inbox zero of 2026-11-23")
    rows = cli.today()
    assert {r["kept"] for r in by_process(rows, "Inbox zero")} == {True}

    out = cli.ok("start", "discovery", "call")
    assert out.startswith('started "Book a discovery call" as run ')
    assert out.strip().endswith("of 2026-11-24")
    started = out.split(" as run ")[1].split()[0]
    rows = cli.today()
    call = by_process(rows, "Book a discovery call")
    assert [(r["id"], r["date"], r["due"], r["overdue_days"]) for r in call] == [
        (f"{started}.1", "2026-11-24", DAY, 0),
        (f"{started}.2", "2026-11-24", DAY, 0),
    ]

    processes = orjson.loads(cli.ok("processes", "--json"))
    assert len(processes) == 24
    by_name = {p["name"]: p for p in processes}
    assert set(processes[0]) >= {"id", "name", "role", "schedule", "stage", "steps", "next"}
    assert by_name["Book a discovery call"]["schedule"] == "on demand"
    assert by_name["Book a discovery call"]["next"] is None
    assert by_name["Inbox zero"]["next"] == DAY
    assert by_name["Weekly social posts"]["next"] == DAY
    assert by_name["Update bookkeeping"]["next"] == "2026-11-27"
    assert by_name["Invoice clients"]["role"] == "Admin"
    table = cli.ok("processes")
    assert "Invoice clients" in table and "every 2 weeks on fri" in table

    # the next days: snoozed steps come back, the kept run stays, the others are missed
    tuesday = cli.today("2026-11-24")
    back = by_process(tuesday, "Weekly social posts")
    assert [(r["id"], r["status"], r["due"], r["overdue_days"]) for r in back] == [
        (f"{social}.3", "snoozed", "2026-11-24", 0)
    ]
    kept = [r for r in by_process(tuesday, "Inbox zero") if r["id"].startswith(f"{inbox}.")]
    assert kept and {(r["kept"], r["overdue_days"]) for r in kept} == {(True, 1)}
    assert not [r for r in tuesday if r["id"].startswith(f"{delivery}.")]  # missed
    assert {r["date"] for r in by_process(tuesday, "Plan the delivery day")} == {"2026-11-24"}

    friday = cli.today("2026-11-27")
    assert [(r["id"], r["overdue_days"]) for r in by_process(friday, "Weekly social posts")] == [
        (f"{social}.3", 3),
        (f"{social}.4", 2),
        (f"{social}.5", 0),
    ]


def test_done_a_whole_run_and_keep_off(sample_cli: Cli) -> None:
    cli = sample_cli
    rows = cli.today()
    payments = run_no(rows, "Receive payments")
    out = cli.ok("done", payments, "--minutes", "15")
    assert out.strip().endswith("the run is complete")
    assert not by_process(cli.today(), "Receive payments")

    inbox = run_no(rows, "Inbox zero")
    cli.ok("keep", f"{inbox}.3")
    assert cli.ok("keep", inbox, "--off").startswith("no longer kept: ")
    assert {r["kept"] for r in by_process(cli.today(), "Inbox zero")} == {False}


def test_start_brings_a_scheduled_run_forward_and_never_doubles_it(sample_cli: Cli) -> None:
    cli = sample_cli
    out = cli.ok("start", "update", "bookkeeping")
    assert out.startswith('started "Update bookkeeping": its run of Fri 2026-11-27 (run ')
    started = out.split("(run ")[1].split(")")[0]
    books = by_process(cli.today(), "Update bookkeeping")
    assert [(r["id"], r["date"], r["due"]) for r in books] == [
        (f"{started}.{n}", "2026-11-27", DAY) for n in range(1, 5)
    ]
    stored = cli.data.read_bytes()
    line = cli.fails("start", "update", "bookkeeping")
    assert f"already has an open run, {started} of Fri 2026-11-27" in line, line
    line = cli.fails("start", "inbox", "zero")
    assert "already has an open run" in line, line
    assert cli.data.read_bytes() == stored
    friday = by_process(cli.today("2026-11-27"), "Update bookkeeping")
    assert {r["id"].split(".")[0] for r in friday} == {started}  # Friday's run is that one
