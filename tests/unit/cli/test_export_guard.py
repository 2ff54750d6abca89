"""`cockpit export --out` never writes over the data file, and says plainly what is wrong."""

from __future__ import annotations

import os
import stat

import pytest

from tests.unit.cli.helpers import Cli


@pytest.mark.parametrize("fmt", ["json", "ics", "csv"])
def test_an_export_over_the_live_data_file_is_refused(sample_cli: Cli, fmt: str) -> None:
    before = sample_cli.data.read_bytes()
    line = sample_cli.fails("export", "--format", fmt, "--out", str(sample_cli.data))
    assert "is the data file Cockpit is using" in line
    assert sample_cli.data.read_bytes() == before


def test_an_export_through_a_link_to_the_data_file_is_refused(sample_cli: Cli) -> None:
    link = sample_cli.tmp_path / "link.json"
    link.symlink_to(sample_cli.data)
    before = sample_cli.data.read_bytes()
    assert "is the data file" in sample_cli.fails("export", "--out", str(link))
    assert sample_cli.data.read_bytes() == before


def test_an_export_over_the_lock_is_refused(sample_cli: Cli) -> None:
    lock = sample_cli.data.with_name(sample_cli.data.name + ".lock")
    assert "is the data file" in sample_cli.fails("export", "--out", str(lock))


def test_a_missing_folder_is_named_without_a_temporary_file(sample_cli: Cli) -> None:
    out = sample_cli.tmp_path / "nowhere" / "x.json"
    line = sample_cli.fails("export", "--out", str(out))
    assert line == (f"cockpit: error: cannot write {out}: the folder {out.parent} does not exist")


def test_sops_into_a_file_are_refused_in_plain_words(sample_cli: Cli) -> None:
    target = sample_cli.tmp_path / "base.json"
    target.write_text("{}")
    line = sample_cli.fails("export", "--format", "md", "--out", str(target))
    assert "is a file; --format md writes one file per process into a folder" in line
    assert target.read_text() == "{}"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--date", "2026-02-29", "today"), "is not a date"),
        (("skip", "2"), "--reason"),
        (("export", "--days", "0", "--format", "ics"), "--days"),
    ],
)
def test_usage_errors_are_one_line(cli: Cli, args: tuple[str, ...], words: str) -> None:
    result = cli.run(*args, day=None)
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("cockpit: error: ") and words in lines[0]
    assert "--help" in lines[0]


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_an_export_through_a_link_never_replaces_the_link(sample_cli: Cli, fmt: str) -> None:
    """The export replaces its file whole: through a link it replaced the link itself."""
    target = sample_cli.tmp_path / "target.txt"
    target.write_text("old")
    link = sample_cli.tmp_path / "link.txt"
    link.symlink_to(target)
    line = sample_cli.fails("export", "--format", fmt, "--out", str(link))
    assert "is a link or a device" in line
    assert link.is_symlink() and target.read_text() == "old"


def test_an_export_over_a_pipe_or_device_is_refused(sample_cli: Cli) -> None:
    fifo = sample_cli.tmp_path / "pipe"
    os.mkfifo(fifo)
    assert "is a link or a device" in sample_cli.fails("export", "--out", str(fifo))
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


def test_an_export_into_the_backups_folder_is_refused(sample_cli: Cli) -> None:
    backups = sample_cli.data.parent / "backups"
    backups.mkdir(exist_ok=True)
    kept = sorted(backups.iterdir())
    line = sample_cli.fails("export", "--out", str(backups / "cockpit-2026-12-05.json"))
    assert "backups folder" in line
    assert sorted(backups.iterdir()) == kept
