"""Every read command and export on a data file whose names hold markup and whose reasons and
notes hold terminal escapes.

Names are text: a command shows them literally (`[/]` stays `[/]`, an escape
character shows as `?`), never crashes on them as markup, and never lets an
escape byte reach the terminal. JSON keeps the text as it is, escaped as JSON.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.functional.hostile_data import (
    ESCAPES,
    HOSTILE,
    MARKUP,
    SHOWN,
    WEEK,
    hostile_copy,
    names_of,
)
from tests.unit.cli.helpers import Cli

DAY = "2026-11-20"  # the demo's day
WIDE = "250"  # columns: no table cell wraps, so each name shows on one line
ESC = "\x1b"


@pytest.fixture
def hostile(tmp_path: Path, demo_file: Path) -> Cli:
    cli = Cli(tmp_path)
    hostile_copy(demo_file, cli.data)
    return cli


def shown(cli: Cli, *args: str) -> str:
    """What the command prints, after checking it ran and let no escape byte out."""
    result = cli.run(*args, day=DAY, COLUMNS=WIDE)
    assert result.returncode == 0, (args, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    assert ESC not in result.stdout and ESC not in result.stderr, args
    return result.stdout


HUMAN = [
    ("today",),
    ("processes",),
    ("routines",),
    ("review", "--week", WEEK),
    ("review", "--week", WEEK, "--format", "text"),
    ("review", "--week", WEEK, "--format", "md"),
]


@pytest.mark.parametrize("args", HUMAN, ids=" ".join)
def test_human_output_shows_names_literally(hostile: Cli, args: tuple[str, ...]) -> None:
    out = shown(hostile, *args)

    assert MARKUP in out


def test_today_shows_every_part_of_a_step_literally(hostile: Cli) -> None:
    out = shown(hostile, "today")

    lines = [line for line in out.splitlines() if "Invoice clients" in line]
    assert lines, out
    assert lines[0].count(MARKUP) >= 2  # the process, the step and its tool
    roles = [line for line in out.splitlines() if line.strip().startswith("Admin")]
    assert roles and MARKUP in roles[0]


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_review_notes_reasons_and_kpis_show_literally(hostile: Cli, fmt: str) -> None:
    out = shown(hostile, "review", "--week", WEEK, "--format", fmt)

    assert "Notes" + SHOWN in out
    assert [line for line in out.splitlines() if "waiting on the client" + SHOWN in line]
    assert [line for line in out.splitlines() if "Days sales outstanding" + MARKUP in line]


JSON = [
    ("today", "--json"),
    ("processes", "--json"),
    ("routines", "--json"),
    ("review", "--week", WEEK, "--format", "json"),
]


@pytest.mark.parametrize("args", JSON, ids=" ".join)
def test_json_keeps_the_text_as_it_is(hostile: Cli, args: tuple[str, ...]) -> None:
    data: Any = orjson.loads(shown(hostile, *args))

    assert MARKUP in orjson.dumps(data).decode()


def test_processes_json_names_are_the_stored_names(hostile: Cli) -> None:
    rows = orjson.loads(shown(hostile, "processes", "--json"))

    assert sorted(row["name"] for row in rows) == sorted(names_of(hostile.data, "processes"))


@pytest.mark.parametrize("what", ["focus", "occurrences"])
def test_csv_cells_are_printable(hostile: Cli, what: str) -> None:
    out = shown(hostile, "export", "--format", "csv", "--what", what)

    rows = list(csv.reader(io.StringIO(out)))
    cells = [cell for row in rows[1:] for cell in row]
    assert any(cell.endswith(MARKUP) for cell in cells)
    assert not any(ESC in cell or "\x07" in cell for cell in cells)
    if what == "occurrences":
        assert any(cell.endswith(SHOWN) for cell in cells)  # the skip reasons


def test_ics_summaries_show_names_literally(hostile: Cli) -> None:
    out = shown(hostile, "export", "--format", "ics")

    assert "\x07" not in out
    assert "SUMMARY:" in out
    unfolded = out.replace("\r\n ", "").replace("\n ", "")  # lines folded at 75 octets
    summaries = [line for line in unfolded.splitlines() if line.startswith("SUMMARY:")]
    assert summaries and all(line.count(MARKUP) == 2 for line in summaries)


def test_sop_export_lets_no_escape_out(hostile: Cli) -> None:
    out = shown(hostile, "export", "--format", "md", "--process", "invoice-clients")

    assert MARKUP in out


def test_json_export_keeps_the_data(hostile: Cli) -> None:
    out = shown(hostile, "export", "--format", "json")

    assert HOSTILE in out.encode().decode("unicode_escape")


def test_a_typed_name_comes_back_in_an_error_without_its_escapes(hostile: Cli) -> None:
    result = hostile.run("start", "x\x1b]0;pwned\x07", day=DAY)

    assert result.returncode != 0
    assert ESC not in result.stderr and "\x07" not in result.stderr
    assert '"x?]0;pwned?"' in result.stderr


def test_action_messages_show_names_as_typed(hostile: Cli) -> None:
    rows = orjson.loads(shown(hostile, "today", "--json"))
    first = rows[0]["id"]

    out = shown(hostile, "skip", first, "--reason", "ill " + MARKUP)

    assert out.startswith(f"skipped: {first} ") and out.count(MARKUP) == 2
    # an escape sequence in a reason is refused at the door (it went to the review and CSV)
    refused = hostile.run("skip", rows[1]["id"], "--reason", "ill" + ESCAPES, day=DAY)
    assert refused.returncode == 1 and "\x1b" not in refused.stderr
    assert "the reason holds a control character" in refused.stderr
