"""Helpers of the file-system tests: a folder made read-only (by its permissions, or by a
read-only mount when the tests run as root, whom permissions do not stop), and the CLI run
under a given umask."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.unit.cli.helpers import DAY, Cli


@contextmanager
def read_only_folder(folder: Path) -> Iterator[None]:
    """`folder` cannot be written while inside: chmod 555, or (as root) a read-only bind mount."""
    if os.geteuid() != 0:
        before = folder.stat().st_mode
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(before)
        return
    mounted = subprocess.run(["mount", "--bind", str(folder), str(folder)], check=False)
    if mounted.returncode != 0:
        pytest.skip("running as root and cannot mount: a read-only folder cannot be made")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(folder)], check=True)
        assert not os.access(folder, os.W_OK)
        yield
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def run(
    cli: Cli,
    *args: str,
    umask: int | None = None,
    data: Path | None = None,
    day: str | None = DAY,
    **env: str,
) -> subprocess.CompletedProcess[str]:
    """`cli.run`, under `umask` when given."""
    return cli.run(*args, day=day, data=data, umask=umask, **env)


def ok(cli: Cli, *args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    result = run(cli, *args, **kwargs)  # type: ignore[arg-type]
    assert result.returncode == 0, (args, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result
