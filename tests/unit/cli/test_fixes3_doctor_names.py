"""`cockpit doctor` suggests commands a person can paste: a conflict copy (or a temp file)
whose name holds a control character (ESC, a line break, a byte that is not UTF-8) is
named in bash's $'...' form, so the command names the file that is there (it printed `?`
in place of ESC: a file that does not exist; outside tester, finding 15)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.cli.helpers import Cli, child_env

NAMES = [
    "c (conflicted \x1b[31m copy).json",
    "c (conflicted\ncopy).json",
    "c (Bob's \t conflicted copy).json",
    "c (conflicted \udcff\u202e copy).json",  # a byte that is not UTF-8; a bidi override
]


def suggested(stdout: str, verb: str) -> str:
    [line] = [line.strip() for line in stdout.splitlines() if f" {verb} " in line]
    return line


def shell_word(tmp_path: Path, line: str) -> bytes:
    """The last word of `line` as bash reads it, as bytes."""
    script = f'set -- {line}; printf "%s" "${{@: -1}}"'
    return subprocess.run(["bash", "-c", script], capture_output=True, check=True).stdout


@pytest.mark.parametrize("name", NAMES)
def test_a_conflict_copy_with_a_control_character_is_named_as_it_is(
    cli: Cli, tmp_path: Path, name: str
) -> None:
    cli.ok("init", "--sample")
    cli.data.chmod(0o600)
    copy = tmp_path / name
    shutil.copyfile(cli.data, os.fsencode(copy))
    result = cli.run("doctor")
    assert result.returncode == 1 and "\x1b" not in result.stdout
    line = suggested(result.stdout, "merge")
    assert "?" not in line.split(" merge ")[1]
    assert shell_word(tmp_path, line) == os.fsencode(copy)


def test_the_suggested_merge_runs(cli: Cli, tmp_path: Path) -> None:
    cli.ok("init", "--sample")
    cli.data.chmod(0o600)
    copy = tmp_path / NAMES[0]
    shutil.copyfile(cli.data, copy)
    cli.ok("add", "only in the copy", data=copy)
    line = suggested(cli.run("doctor").stdout, "merge")
    command = line.replace("cockpit ", f"{sys.executable} -m cockpit --date 2026-11-23 ", 1)
    result = subprocess.run(
        ["bash", "-c", command],
        capture_output=True,
        text=True,
        env=child_env(tmp_path),
        cwd=tmp_path,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "only in the copy" in cli.ok("tasks")


def test_a_plain_name_is_quoted_as_before(cli: Cli, tmp_path: Path) -> None:
    cli.ok("init", "--sample")
    cli.data.chmod(0o600)
    dropbox = tmp_path / "c (Laptop's conflicted copy 2026-11-23).json"
    shutil.copyfile(cli.data, dropbox)
    line = suggested(cli.run("doctor").stdout, "merge")
    assert line.endswith("merge '" + str(dropbox).replace("'", "'\"'\"'") + "'")
