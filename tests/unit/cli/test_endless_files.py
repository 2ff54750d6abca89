"""Files with no end or no writer (devices, pipes) are refused at once, never read whole.

The 20 MB limit was judged by the size the file system reports, which is 0 for /dev/zero
and a pipe: `cockpit import /dev/zero` grew to gigabytes, and a pipe with no writer hung.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.unit.cli.helpers import Cli


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "pipe.md"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("name", ["zero.json", "zero.toml", "zero.md"])
def test_an_endless_device_behind_an_import_name_is_refused(sample_cli: Cli, name: str) -> None:
    link = sample_cli.tmp_path / name
    link.symlink_to("/dev/zero")
    before = sample_cli.data.read_bytes()
    line = sample_cli.fails("import", str(link))
    assert "it is not a plain file (a device or a pipe)" in line
    assert sample_cli.data.read_bytes() == before


def test_a_pipe_with_no_writer_is_refused_not_waited_for(sample_cli: Cli, fifo: Path) -> None:
    line = sample_cli.fails("import", str(fifo))
    assert "it is not a plain file" in line


def test_a_data_file_that_is_a_device_is_refused(cli: Cli) -> None:
    link = cli.tmp_path / "data.json"
    link.symlink_to("/dev/zero")
    line = cli.fails("today", data=link)
    assert "cannot read the data file" in line and "not a plain file" in line


def test_a_data_file_that_is_a_folder_says_so(cli: Cli) -> None:
    folder = cli.tmp_path / "folder.json"
    folder.mkdir()
    assert "is a directory" in cli.fails("today", data=folder)
