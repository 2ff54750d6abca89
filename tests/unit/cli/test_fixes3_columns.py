"""`COLUMNS=0 cockpit today` printed nothing at all, with exit code 0 (rich took the width
as given): a width under 40 columns is printed as 40 (outside tester, finding 15)."""

from __future__ import annotations

import pytest

from tests.unit.cli.helpers import Cli


@pytest.mark.parametrize("columns", ["0", "00", "3"])
def test_today_is_printed_at_a_width_of_nothing(sample_cli: Cli, columns: str) -> None:
    for _ in range(2):  # the second from the kept answer
        shown = sample_cli.ok("today", COLUMNS=columns)
        assert "Monday" in shown and "November" in shown
        assert "Client check-ins" in shown and "1.1" in shown  # the day's first step
        assert max(len(line) for line in shown.splitlines()) <= 40


def test_the_processes_are_printed_at_a_width_of_nothing(sample_cli: Cli) -> None:
    shown = sample_cli.ok("processes", COLUMNS="0")
    assert "Role" in shown and len(shown.splitlines()) > 24  # a row (or more) a process


@pytest.mark.parametrize(
    ("command", "said"),
    [
        (("review",), "Weekly review"),
        (("review", "--quarter", "2026-Q4"), "Quarter review"),
        (("signals",), "signal"),
        (("routines",), "│ 0  │"),  # a table of 8 columns in 40: cut, but there
    ],
)
def test_the_other_reports_are_printed_at_a_width_of_nothing(
    sample_cli: Cli, command: tuple[str, ...], said: str
) -> None:
    shown = sample_cli.ok(*command, COLUMNS="0")
    assert said in shown.replace("\n", " ")
