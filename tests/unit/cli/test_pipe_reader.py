"""A reader that stops reading (`cockpit today | head -1`) is no error: exit 0, nothing on
stderr, and the data file as it was."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.unit.cli.helpers import DAY, TIMEOUT, Cli, child_env


@pytest.mark.parametrize(
    "args",
    [
        ("today",),
        ("today", "--json"),
        ("export",),
        ("routines",),
        ("processes",),
        ("review",),
        ("export", "--format", "md"),
    ],
    ids=" ".join,
)
def test_a_closed_pipe_ends_the_command_quietly(sample_cli: Cli, args: tuple[str, ...]) -> None:
    stored = sample_cli.data.read_bytes()
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line: every write fails
    try:
        done = subprocess.run(
            [sys.executable, "-m", "cockpit", "--data", str(sample_cli.data), "--date", DAY, *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            cwd=sample_cli.tmp_path,
            env=child_env(sample_cli.tmp_path),
            timeout=TIMEOUT,
        )
    finally:
        os.close(write_end)
    assert (done.returncode, done.stderr) == (0, "")
    assert sample_cli.data.read_bytes() == stored
