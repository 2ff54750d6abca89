"""A skip's reason is one line of text, as a name is: it is shown in the review, the day's
done list and the CSV, so an escape sequence or a bell in it is refused, and so are
100,000 characters, with the file left as it was."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.cli.helpers import Cli


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    made = Cli(tmp_path)
    made.ok("init", "--sample")
    return made


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        ("\x1b[31mred\x1b[0m", "the reason holds a control character"),
        ("ring\x07", "the reason holds a control character"),
        ("x\udc9b2J", "the reason holds bytes that are not UTF-8 text"),  # $'x\x9b2J': a crash
        ("x" * 100_000, "the reason is too long (100000 characters, at most 200)"),
        ("   ", "a skip needs a reason"),
    ],
)
def test_a_bad_reason_is_refused_and_nothing_changes(cli: Cli, reason: str, said: str) -> None:
    key = cli.today()[0]["id"]
    before = cli.data.read_bytes()
    line = cli.fails("skip", key, "--reason", reason)
    assert said in line, line
    assert "\x1b" not in line and "\x07" not in line
    assert cli.data.read_bytes() == before


def test_a_reason_over_lines_is_kept_as_one_line(cli: Cli) -> None:
    key = cli.today()[0]["id"]
    cli.ok("skip", key, "--reason", "client\n  cancelled\tthe call")
    assert key not in {row["id"] for row in cli.today()}
    assert "client cancelled the call" in cli.data.read_text(encoding="utf-8")
