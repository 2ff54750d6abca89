"""`cockpit merge` refuses the data file of another `cockpit init`, even one of the same
sample (two `init --sample` are alike byte for byte): it is another business, not the other
device's copy of this one. A copy of this file, and a device set up by importing an export
of it, still merge. Each `init` draws the file's business mark (meta.business)."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson

from tests.unit.cli.helpers import Cli, error_line
from tests.unit.cli.test_merge_cli import DROPBOX, devices, work_on_both


def mark_of(cli: Cli) -> str:
    found = orjson.loads(cli.data.read_bytes())["meta"]["1"].get("business")
    assert isinstance(found, str) and found, "init drew no business mark"
    return found


def separate_samples(tmp_path: Path) -> tuple[Cli, Cli]:
    (tmp_path / "laptop").mkdir()
    (tmp_path / "other").mkdir()
    laptop, other = Cli(tmp_path, "laptop/cockpit.json"), Cli(tmp_path, "other/cockpit.json")
    for cli in (laptop, other):
        cli.ok("init", "--sample")
        cli.today()
    return laptop, other


def test_two_inits_of_the_sample_are_two_businesses(tmp_path: Path) -> None:
    laptop, other = separate_samples(tmp_path)
    assert mark_of(laptop) != mark_of(other)
    work_on_both(laptop, other)
    copy = laptop.data.with_name(DROPBOX)
    shutil.copyfile(other.data, copy)
    before = laptop.data.read_bytes()
    line = error_line(laptop.run("merge", str(copy)))
    assert "looks like a different business: it was made by its own" in line, line
    assert "its own `cockpit init`" in line and "nothing was changed" in line
    assert laptop.data.read_bytes() == before and copy.exists()


def test_a_separate_sample_with_no_work_on_it_is_refused_too(tmp_path: Path) -> None:
    laptop, other = separate_samples(tmp_path)
    before = laptop.data.read_bytes()
    line = error_line(laptop.run("merge", str(other.data), "--dry-run"))
    assert "different business" in line, line
    assert laptop.data.read_bytes() == before


def test_a_copy_of_this_file_still_merges_and_keeps_the_mark(tmp_path: Path) -> None:
    laptop, desktop = devices(tmp_path)
    mark = mark_of(laptop)
    work_on_both(laptop, desktop)
    laptop.ok("merge", str(desktop.data))
    assert mark_of(laptop) == mark


def test_a_device_set_up_from_an_export_is_the_same_business(tmp_path: Path) -> None:
    laptop, other = separate_samples(tmp_path)
    export = tmp_path / "export.json"
    laptop.ok("export", "--format", "json", "--out", str(export))
    other.ok("import", str(export))
    assert mark_of(other) == mark_of(laptop)
    work_on_both(laptop, other)
    assert "different business" not in laptop.ok("merge", str(other.data))
