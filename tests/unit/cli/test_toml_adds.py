"""A TOML business added to a data file may name the roles and systems already in it."""

from __future__ import annotations

import orjson

from tests.unit.cli.helpers import Cli

PLAIN = """
[[processes]]
name = "Plain"
role = "sales"
system = "Marketing"
schedule = "daily"
[[processes.steps]]
title = "a"
"""


def test_a_process_may_name_a_role_and_system_of_the_data_file(sample_cli: Cli) -> None:
    source = sample_cli.tmp_path / "plain.toml"
    source.write_text(PLAIN, encoding="utf-8")
    assert sample_cli.ok("import", str(source)).startswith("Imported 1 process from")
    rows = orjson.loads(sample_cli.ok("processes", "--json"))
    (plain,) = [row for row in rows if row["name"] == "Plain"]
    assert plain["role"] == "Sales"


def test_an_unknown_role_lists_the_roles_there_are(sample_cli: Cli) -> None:
    source = sample_cli.tmp_path / "plain.toml"
    source.write_text(PLAIN.replace('"sales"', '"Legal"'), encoding="utf-8")
    before = sample_cli.data.read_bytes()
    line = sample_cli.fails("import", str(source))
    assert 'unknown role "Legal" (roles: Sales, Delivery, Admin' in line
    assert sample_cli.data.read_bytes() == before
