"""The data file's permissions are the owner's: kept on every save, and a read-only file
is read, never replaced."""

from __future__ import annotations

import stat
from pathlib import Path

from tests.unit.cli.helpers import Cli, run_no


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_private_data_file_stays_private_and_so_do_its_backups(sample_cli: Cli) -> None:
    sample_cli.data.chmod(0o600)
    for backup in (sample_cli.tmp_path / "backups").glob("*.json"):
        backup.unlink()
    rows = sample_cli.today()
    sample_cli.ok("done", f"{run_no(rows, 'Inbox zero')}.1")
    assert mode(sample_cli.data) == 0o600
    backups = list((sample_cli.tmp_path / "backups").glob("*.json"))
    assert backups and all(mode(backup) == 0o600 for backup in backups)


def test_a_read_only_data_file_is_read_but_never_replaced(sample_cli: Cli) -> None:
    rows = sample_cli.today()
    sample_cli.data.chmod(0o444)
    before = sample_cli.data.read_bytes()
    line = sample_cli.fails("done", f"{run_no(rows, 'Inbox zero')}.1")
    assert "is read-only (its permissions allow no writing)" in line
    assert sample_cli.today() == rows  # reading still works
    assert sample_cli.data.read_bytes() == before
    assert mode(sample_cli.data) == 0o444
