"""`review --week ""` was taken as this week (other empty values are refused), and
fullwidth digits passed as a week (not in --date or --quarter): both are refused with the
value as typed (outside tester, finding 15)."""

from __future__ import annotations

import pytest

from tests.unit.cli.helpers import Cli


@pytest.mark.parametrize("week", ["", "  ", "２０２６-W４７", "2026-W４７"])
def test_a_week_that_is_no_week_is_refused(sample_cli: Cli, week: str) -> None:
    before = sample_cli.data.read_bytes()
    line = sample_cli.fails("review", "--week", week)
    assert f'"{week}" is not a week; write it like 2026-W47' in line
    assert sample_cli.data.read_bytes() == before


@pytest.mark.parametrize("quarter", ["", "２０２６-Q4"])
def test_a_quarter_that_is_no_quarter_is_refused(sample_cli: Cli, quarter: str) -> None:
    line = sample_cli.fails("review", "--quarter", quarter)
    assert f'"{quarter}" is not a quarter' in line


def test_a_typed_week_is_still_read(sample_cli: Cli) -> None:
    assert "2026-W47" in sample_cli.ok("review", "--week", " 2026-w47 ", "--format", "md")
