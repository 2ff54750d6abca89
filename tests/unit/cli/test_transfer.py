"""export and import: a JSON export round-trips; a business in TOML is added."""

from __future__ import annotations

from pathlib import Path

import orjson

from tests.unit.cli.helpers import Cli, run_no

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "sample_data" / "business.toml"


def test_export_then_import_into_another_file_round_trips(sample_cli: Cli) -> None:
    cli = sample_cli
    rows = cli.today()
    cli.ok("done", f"{run_no(rows, 'Inbox zero')}.1", "--minutes", "6")
    cli.ok("skip", run_no(rows, "Prospecting"), "--reason", "fully booked")
    cli.ok("snooze", f"{run_no(rows, 'Weekly social posts')}.2", "--to", "+3")
    cli.ok("start", "case study")
    before = cli.today()

    out = cli.tmp_path / "export.json"
    result = cli.run("export", "--format", "json", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert f"Exported to {out}" in result.stderr
    document = orjson.loads(out.read_bytes())
    assert document["format"] == "cockpit-export"
    assert set(document["tables"]) >= {"roles", "systems", "processes", "occurrences"}
    assert orjson.loads(cli.ok("export"))["tables"] == document["tables"]  # to stdout

    other = cli.tmp_path / "other.json"
    said = cli.ok("import", str(out), data=other)
    runs = len(document["tables"]["occurrences"])
    assert said.startswith(f"Imported 24 processes, {runs} runs and 0 tasks")
    assert cli.today(data=other) == before
    assert orjson.loads(cli.ok("processes", "--json", data=other)) == orjson.loads(
        cli.ok("processes", "--json")
    )
    # the next day goes on the same way in both files
    assert cli.today("2026-11-25", data=other) == cli.today("2026-11-25")


def test_import_the_sample_business_into_an_empty_file(cli: Cli) -> None:
    fresh = cli.tmp_path / "fresh.json"
    said = cli.ok("import", str(SAMPLE), data=fresh)
    assert said.strip() == f"Imported 24 processes from {SAMPLE}"
    cli.ok("init", "--sample")
    assert cli.today(data=fresh) == cli.today()
    assert len(orjson.loads(cli.ok("processes", "--json", data=fresh))) == 24


def test_import_the_sample_business_next_to_roles(cli: Cli) -> None:
    cli.ok("init", "--roles", "Sales,Finance")
    said = cli.ok("import", str(SAMPLE))
    assert said.startswith("Imported 24 processes")
    rows = cli.today()
    assert {"Sales", "Delivery", "Admin", "Marketing"} == {r["role"] for r in rows}
