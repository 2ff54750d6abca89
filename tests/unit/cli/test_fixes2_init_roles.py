"""`cockpit init --roles` refuses two roles called alike (case and spaces aside): `A,A` made
ids a and a-2, both named "A", and `add --role A` silently took the first. An empty list is
refused as the welcome screen refuses it (a business needs a role for its first process)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.cli.helpers import Cli, error_line


@pytest.mark.parametrize(
    ("roles", "first", "second"),
    [
        ("A,A", "A", "A"),
        ("Sales, Admin, sales", "Sales", "sales"),
        ("Ops,o  ps, O  PS", "o  ps", "O  PS"),
    ],
)
def test_init_refuses_two_roles_called_alike(
    tmp_path: Path, roles: str, first: str, second: str
) -> None:
    cli = Cli(tmp_path)
    line = error_line(cli.run("init", "--roles", roles))
    assert f'two roles are called "{first}" and "{second}"' in line, line
    assert not cli.data.exists()


@pytest.mark.parametrize("roles", ["", " , ,"])
def test_init_refuses_an_empty_list_of_roles(tmp_path: Path, roles: str) -> None:
    cli = Cli(tmp_path)
    line = error_line(cli.run("init", "--roles", roles))
    assert "name at least one role" in line, line
    assert not cli.data.exists()


def test_init_with_distinct_roles_says_them(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    result = cli.run("init", "--roles", "Sales, Ops")
    assert result.returncode == 0, result.stderr
    assert "with roles Sales, Ops" in result.stdout + result.stderr
