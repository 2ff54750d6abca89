"""`cockpit doctor [--json]`: what lies beside the data file, changing nothing; exit 0 when
all is clear, 1 when something needs doing."""

from __future__ import annotations

import shutil
from pathlib import Path

import orjson

from cockpit.clock import FixedClock
from cockpit.services.context import Cockpit
from tests.sample_fixtures import MONDAY, SETTINGS, TZ
from tests.unit.cli.helpers import Cli


def state(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under `folder`, with its content and time: what the doctor must not change."""
    return {
        str(path): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def fresh(cli: Cli) -> Cli:
    cli.ok("init", "--sample")
    cli.data.chmod(0o600)
    return cli


def test_a_clean_folder_is_all_clear(cli: Cli) -> None:
    fresh(cli)
    assert cli.ok("doctor").startswith("All clear: ")
    assert orjson.loads(cli.ok("doctor", "--json")) == []


def test_each_finding_with_what_to_do_and_nothing_changed(cli: Cli, tmp_path: Path) -> None:
    fresh(cli)
    copy = cli.data.with_name("c.sync-conflict-20261123-101010-ABCDEF1.json")
    shutil.copyfile(cli.data, copy)
    dropbox = cli.data.with_name("c (Laptop's conflicted copy 2026-11-23).json")
    shutil.copyfile(cli.data, dropbox)
    temp = cli.data.with_name(".c.json.tmp-999999999-abcd1234")
    temp.write_bytes(b"{")
    cli.data.chmod(0o644)
    before = state(tmp_path)

    result = cli.run("doctor")
    assert result.returncode == 1, result.stderr
    assert f"cockpit --data {cli.data} merge {copy}" in result.stdout
    assert "merge '" + str(dropbox).replace("'", "'\"'\"'") + "'" in result.stdout
    assert f"chmod 600 {cli.data}" in result.stdout
    assert str(temp) in result.stdout

    found = orjson.loads(cli.run("doctor", "--json").stdout)
    assert sorted(f["kind"] for f in found) == [
        "conflict-copy",
        "conflict-copy",
        "permissions",
        "temp-file",
    ]
    assert all(f["problem"] for f in found)
    assert state(tmp_path) == before


def test_a_file_that_cannot_be_read_or_is_missing_is_said(cli: Cli) -> None:
    result = cli.run("doctor")
    assert result.returncode == 1 and "there is no data file" in result.stdout
    cli.data.write_bytes(b'{"roles": ')
    cli.data.chmod(0o600)
    result = cli.run("doctor", "--json")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert [f["kind"] for f in orjson.loads(result.stdout)] == ["unreadable"]
    assert cli.data.read_bytes() == b'{"roles": '


def test_another_cockpit_holding_the_lock_is_a_note_not_a_problem(cli: Cli) -> None:
    fresh(cli)
    with Cockpit.open(cli.data, FixedClock.on(MONDAY, TZ), SETTINGS):
        result = cli.run("doctor")
        assert result.returncode == 0, result.stdout
        assert "another Cockpit holds the writer lock" in result.stdout
    assert cli.ok("doctor").startswith("All clear")


def test_the_doctor_looks_beside_a_symlinks_target(cli: Cli, tmp_path: Path) -> None:
    synced = tmp_path / "Dropbox"
    synced.mkdir()
    target = Cli(tmp_path, "Dropbox/c.json")
    fresh(target)
    cli.data.symlink_to(target.data)
    shutil.copyfile(target.data, synced / "c (Laptop's conflicted copy 2026-11-23).json")
    result = cli.run("doctor", "--json")
    assert result.returncode == 1
    [found] = orjson.loads(result.stdout)
    assert found["path"] == str(synced / "c (Laptop's conflicted copy 2026-11-23).json")
