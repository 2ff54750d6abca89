"""`cockpit review --quarter 2026-Q4`: the quarter as text, Markdown or JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.unit.cli.helpers import Cli

DAY = "2026-11-20"


@pytest.fixture
def demo(tmp_path: Path, demo_file: Path) -> Cli:
    shutil.copy(demo_file, tmp_path / "c.json")
    return Cli(tmp_path)


def test_the_quarter_as_json(demo: Cli) -> None:
    report = json.loads(demo.ok("review", "--quarter", "2026-q4", "--format", "json", day=DAY))
    assert report["quarter"] == "2026-Q4"
    assert (report["start"], report["end"]) == ("2026-09-28", "2027-01-03")  # its weeks
    assert [m["month"] for m in report["months"]] == ["2026-10", "2026-11"]  # none of December yet
    october = report["months"][0]
    assert october["weeks"][0] == "2026-W40"
    assert all(c["done"] <= c["due"] for c in october["completion_by_role"].values())
    assert {"minutes", "budget"} <= set(next(iter(october["time_by_role"].values())))
    assert "Update bookkeeping" in [s["subject"] for s in report["signals"]]
    assert {"routines_gained", "routines_lost", "kpis", "notes"} <= set(report)


def test_a_month_sums_the_weekly_reviews_of_its_weeks(demo: Cli) -> None:
    report = json.loads(demo.ok("review", "--quarter", "2026-Q4", "--format", "json", day=DAY))
    october = report["months"][0]
    done = due = 0
    for week in october["weeks"]:
        weekly = json.loads(demo.ok("review", "--week", week, "--format", "json", day=DAY))
        done += sum(c["done"] for c in weekly["completion_by_role"].values())
        due += sum(c["due"] for c in weekly["completion_by_role"].values())
    assert sum(c["done"] for c in october["completion_by_role"].values()) == done
    assert sum(c["due"] for c in october["completion_by_role"].values()) == due


def test_the_quarter_as_markdown_and_text(demo: Cli) -> None:
    markdown = demo.ok("review", "--quarter", "2026-Q4", "--format", "md", day=DAY)
    assert markdown.startswith("# Quarter review 2026-Q4")
    for heading in ("## Done against due", "## Time per role", "## Routines", "## Signals"):
        assert heading in markdown
    text = demo.ok("review", "--quarter", "2026-Q4", day=DAY)
    assert "Quarter review 2026-Q4" in text and "#" not in text.splitlines()[0]


@pytest.mark.parametrize("bad", ["2026-Q5", "Q4", "2026-W47", "next"])
def test_a_bad_quarter_is_one_clear_line(demo: Cli, bad: str) -> None:
    before = (demo.data).read_bytes()
    line = demo.fails("review", "--quarter", bad)
    assert "2026-Q4" in line and bad in line
    assert demo.data.read_bytes() == before


def test_week_and_quarter_together_are_refused(demo: Cli) -> None:
    line = demo.fails("review", "--quarter", "2026-Q4", "--week", "2026-W47")
    assert "--week" in line and "--quarter" in line


def test_months_before_the_business_began_are_not_counted(tmp_path: Path) -> None:
    """A business started on 23 November: October showed "0 of 37h30" for each role, budgets
    for weeks no one planned. The quarter counts from the week of its first run."""
    cli = Cli(tmp_path)
    cli.ok("init", "--sample", day="2026-11-23")
    report = json.loads(
        cli.ok("review", "--quarter", "2026-Q4", "--format", "json", day="2026-11-25")
    )
    assert [m["month"] for m in report["months"]] == ["2026-11"]
    assert report["months"][0]["weeks"] == ["2026-W48"]
