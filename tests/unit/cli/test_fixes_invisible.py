"""Invisible characters (zero-width spaces, joiners, word joiners, bidi marks and isolates,
the byte order mark, line and paragraph separators) are refused at the door as control
characters are: `Call\u200b bank` looks like `Call bank` on every screen but never matches
it, so a search, a merge or a duplicate check would be fooled. Each refusal names the
character as U+XXXX and the place; the data file is left byte-identical."""

from __future__ import annotations

import orjson
import pytest

from tests.unit.cli.helpers import Cli

INVISIBLE = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202e",
    "\u2060",
    "\u2061",
    "\u2064",
    "\u2066",
    "\u2069",
    "\ufeff",
    "\u2028",
    "\u2029",
]


def _code(char: str) -> str:
    return f"U+{ord(char):04X}"


@pytest.mark.parametrize("char", [c for c in INVISIBLE if not c.isspace()], ids=_code)
def test_a_task_title_with_an_invisible_character_is_refused(sample_cli: Cli, char: str) -> None:
    before = sample_cli.data.read_bytes()
    line = sample_cli.fails("add", f"Call{char} bank")
    assert f"task title holds an invisible character ({_code(char)})" in line, line
    assert sample_cli.data.read_bytes() == before


@pytest.mark.parametrize("char", ["\u2028", "\u2029"], ids=_code)
def test_a_line_separator_in_a_typed_title_is_a_space_as_a_newline_is(
    sample_cli: Cli, char: str
) -> None:
    sample_cli.ok("add", f"Call{char}bank")
    assert "Call bank" in sample_cli.data.read_text(encoding="utf-8")
    assert char not in sample_cli.data.read_text(encoding="utf-8")


@pytest.mark.parametrize("char", ["\u200b", "\ufeff", "\u2060"], ids=_code)
def test_a_skip_reason_with_an_invisible_character_is_refused(sample_cli: Cli, char: str) -> None:
    key = sample_cli.today()[0]["id"]
    before = sample_cli.data.read_bytes()
    line = sample_cli.fails("skip", key, "--reason", f"client{char} away")
    assert f"the reason holds an invisible character ({_code(char)})" in line, line
    assert sample_cli.data.read_bytes() == before


PLAIN = """
[[processes]]
name = "Plain{char}"
role = "sales"
system = "Marketing"
schedule = "daily"
[[processes.steps]]
title = "a"
"""


@pytest.mark.parametrize("char", ["\u200b", "\ufeff", "\u2063"], ids=_code)
def test_an_imported_process_name_with_an_invisible_character_is_refused(
    sample_cli: Cli, char: str
) -> None:
    source = sample_cli.tmp_path / "plain.toml"
    source.write_text(PLAIN.replace("{char}", char), encoding="utf-8")
    before = sample_cli.data.read_bytes()
    line = sample_cli.fails("import", str(source))
    assert f"process name holds an invisible character ({_code(char)})" in line, line
    assert sample_cli.data.read_bytes() == before


@pytest.mark.parametrize(
    ("table", "field", "char"),
    [("roles", "name", "\u200b"), ("processes", "name", "\ufeff"), ("systems", "name", "\u2028")],
)
def test_a_hand_edited_name_with_an_invisible_character_is_refused_at_open(
    sample_cli: Cli, table: str, field: str, char: str
) -> None:
    document = orjson.loads(sample_cli.data.read_bytes())
    first = document[table]["1"]
    first[field] = first[field][:2] + char + first[field][2:]
    sample_cli.data.write_bytes(orjson.dumps(document))
    before = sample_cli.data.read_bytes()
    for command in (("today",), ("processes",), ("review",)):
        line = sample_cli.fails(*command)
        assert "cannot read the data file" in line, line
        assert f'{table}["{first["id"]}"].{field}' in line, line
        assert f"name holds an invisible character ({_code(char)})" in line, line
    assert sample_cli.data.read_bytes() == before


def test_a_plain_title_with_an_emoji_and_accents_is_still_taken(sample_cli: Cli) -> None:
    assert sample_cli.ok("add", "Café ☕ with Zoë").startswith("t")


def test_an_export_with_an_invisible_character_is_refused_by_place(sample_cli: Cli) -> None:
    export = sample_cli.tmp_path / "export.json"
    sample_cli.ok("export", "--format", "json", "--out", str(export))
    document = orjson.loads(export.read_bytes())
    first = document["tables"]["processes"]["1"]
    first["steps"][0]["title"] = "Pick\u2060 the topic"
    export.write_bytes(orjson.dumps(document))
    before = sample_cli.data.read_bytes()
    line = sample_cli.fails("import", str(export))
    assert first["id"] in line and "(U+2060)" in line, line
    assert sample_cli.data.read_bytes() == before
