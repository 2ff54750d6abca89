"""`cockpit review --quarter` says the span of the quarter's weeks, which its figures count,
not the calendar's: 2026-Q4's weeks run from Mon 28 Sep to Sun 3 Jan 2027 (the week
holding 1 Oct has its Thursday in October; the one holding 31 Dec its Thursday on the
31st), and 2027-Q1's stop on Sun 28 Mar (29-31 Mar fall in Q2's first week)."""

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


@pytest.mark.parametrize(
    ("quarter", "start", "end", "weeks"),
    [
        ("2026-Q4", "2026-09-28", "2027-01-03", 14),
        ("2027-Q1", "2027-01-04", "2027-03-28", 12),
        ("2026-Q1", "2025-12-29", "2026-03-29", 13),
    ],
)
def test_the_json_says_the_span_of_the_weeks(
    demo: Cli, quarter: str, start: str, end: str, weeks: int
) -> None:
    report = json.loads(demo.ok("review", "--quarter", quarter, "--format", "json", day=DAY))
    assert (report["start"], report["end"]) == (start, end)
    assert len(report["weeks"]) == weeks


def test_the_markdown_and_the_text_say_it_in_their_title(demo: Cli) -> None:
    markdown = demo.ok("review", "--quarter", "2026-Q4", "--format", "md", day=DAY)
    title = markdown.splitlines()[0]
    assert title.startswith("# Quarter review 2026-Q4")
    assert "Mon 28 Sep" in title and "Sun 03 Jan 2027" in title, title
    assert "01 Oct" not in title and "31 Dec" not in title
    text = demo.ok("review", "--quarter", "2026-Q4", day=DAY)
    assert "Mon 28 Sep" in text and "Sun 03 Jan 2027" in text
