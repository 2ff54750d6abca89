"""`cockpit signals`: what the owner should act on, as text or JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from tests.unit.cli.helpers import Cli

DAY = "2026-11-20"


def demo_cli(tmp_path: Path, demo_file: Path) -> Cli:
    shutil.copy(demo_file, tmp_path / "c.json")
    return Cli(tmp_path)


def test_signals_json_names_the_slipping_process(tmp_path: Path, demo_file: Path) -> None:
    cli = demo_cli(tmp_path, demo_file)
    entries = json.loads(cli.ok("signals", "--json", day=DAY))
    assert entries and all(
        set(entry) == {"kind", "subject", "since", "evidence", "suggestion"} for entry in entries
    )
    [slipping] = [e for e in entries if e["kind"] == "slipping_process"]
    assert slipping["subject"] == "Update bookkeeping"
    assert slipping["since"] < DAY and "in a row" in slipping["evidence"]


def test_signals_as_text(tmp_path: Path, demo_file: Path) -> None:
    cli = demo_cli(tmp_path, demo_file)
    text = cli.ok("signals", day=DAY)
    assert "Slipping process" in text and "Update bookkeeping" in text
    assert "testing" in text


def test_the_date_option_asks_about_another_day(tmp_path: Path, demo_file: Path) -> None:
    cli = demo_cli(tmp_path, demo_file)
    early = json.loads(cli.ok("signals", "--json", day="2026-09-20"))
    assert not [e for e in early if e["subject"] == "Update bookkeeping"]


def test_nothing_to_signal_says_so(cli: Cli) -> None:
    cli.ok("init", "--sample")
    assert json.loads(cli.ok("signals", "--json")) == []
    assert "Nothing" in cli.ok("signals")


def test_a_name_with_markup_is_shown_as_text(tmp_path: Path, demo_file: Path) -> None:
    cli = demo_cli(tmp_path, demo_file)
    data = json.loads((tmp_path / "c.json").read_text())
    for doc in data["processes"].values():
        if doc.get("id") == "update-bookkeeping":
            doc["name"] = "Books [bold]now[/] [red]"
    (tmp_path / "c.json").write_text(json.dumps(data))
    text = cli.ok("signals", day=DAY)
    assert "Books [bold]now[/] [red]" in text
