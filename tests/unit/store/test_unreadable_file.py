"""A data file that cannot be read is never overwritten, and the user is shown the way back."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import orjson
import pytest

from cockpit.store.backups import backup_folder, newest_backup
from cockpit.store.database import Store
from cockpit.store.errors import SchemaTooNewError, StoreCorruptError
from cockpit.store.storage import encode
from tests.unit.store.helpers import (
    NOW,
    TODAY,
    data_file,
    file_state,
    run_cli,
    seed,
    temp_files,
)

PAST = 1_600_000_000_000_000_000  # an mtime in 2020, so any rewrite shows

# name: (bytes, the problem the message must name)
BROKEN: dict[str, tuple[bytes, str]] = {
    "truncated": (b'{\n  "roles": {\n    "1": tru\n', "line 3, column 10"),
    "garbage": (b'{"a": 1,\n "b": x}', "line 2, column 7"),
    "unterminated": (b'{\n  "roles": {}\n', "line 3, column 1"),
    "binary": (b"\x00\xff\xfe garbage \x00", "invalid JSON at line 1, column 1"),
    "empty": (b"", "the file is empty"),
    "blank": (b"  \n\n\t\n", "the file is empty"),
    "list": (b"[1, 2, 3]\n", "the top level is not a set of tables"),
    "string": (b'"cockpit"\n', "the top level is not a set of tables"),
    "table-is-list": (b'{"roles": [1, 2]}\n', "the top level is not a set of tables"),
}


@pytest.fixture
def broken_file(tmp_path: Path, request: pytest.FixtureRequest) -> tuple[Path, str, Path]:
    """A data file with a daily backup, then broken; returns (file, problem, newest backup)."""
    path = data_file(tmp_path)
    with Store.open(path) as store:
        seed(store)
    with Store.open(path, today=TODAY - timedelta(days=1), now=NOW):
        pass  # the daily backup of an existing file
    backup = backup_folder(path) / f"cockpit-{TODAY - timedelta(days=1)}.json"
    assert backup.exists()
    raw, problem = BROKEN[request.param]
    path.write_bytes(raw)
    os.utime(path, ns=(PAST, PAST))
    return path, problem, backup


def backups_of(path: Path) -> list[Path]:
    return sorted(backup_folder(path).iterdir())


@pytest.mark.parametrize("broken_file", sorted(BROKEN), indirect=True)
def test_unreadable_file_is_refused_untouched_with_the_way_back(
    broken_file: tuple[Path, str, Path],
) -> None:
    path, problem, backup = broken_file
    before = file_state(path)
    copies = backups_of(path)

    for read_only in (False, True):
        with pytest.raises(StoreCorruptError) as refused:
            # today and now given, as the app does: no backup of a broken file, no archiving
            Store.open(path, read_only=read_only, today=TODAY, now=NOW)
        message = str(refused.value)
        assert str(path) in message
        assert problem in message
        assert str(backup) in message
        assert refused.value.backup == backup

    assert file_state(path) == before
    assert backups_of(path) == copies  # in particular no copy of the broken file as today's
    assert temp_files(path) == []
    # the failed writer let go of the lock: opening again gives the same answer, not "locked"
    with pytest.raises(StoreCorruptError):
        Store.open(path)


@pytest.mark.slow
@pytest.mark.parametrize("broken_file", ["truncated", "empty", "list"], indirect=True)
def test_cli_reports_an_unreadable_file_in_one_line(
    broken_file: tuple[Path, str, Path], tmp_path: Path
) -> None:
    path, problem, backup = broken_file
    before = file_state(path)
    result = run_cli(tmp_path, "--data", str(path), "today")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("cockpit: error:")
    assert str(path) in lines[0]
    assert problem in lines[0]
    assert str(backup) in lines[0]
    assert file_state(path) == before
    assert temp_files(path) == []


def test_message_says_when_there_is_no_backup(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    path.write_bytes(b"{")
    with pytest.raises(StoreCorruptError) as refused:
        Store.open(path)
    assert "no backup was found" in str(refused.value)
    assert path.read_bytes() == b"{"


def test_newest_backup_is_named(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    with Store.open(path) as store:
        seed(store)
    with Store.open(path, today=TODAY - timedelta(days=3), now=NOW):
        pass
    with Store.open(path, today=TODAY - timedelta(days=1), now=NOW):
        pass
    older = backup_folder(path) / f"cockpit-{TODAY - timedelta(days=3)}.json"
    newest = backup_folder(path) / f"cockpit-{TODAY - timedelta(days=1)}.json"
    os.utime(older, ns=(PAST, PAST))
    path.write_bytes(b"{}}")
    with pytest.raises(StoreCorruptError) as refused:
        Store.open(path)
    assert refused.value.backup == newest


def test_schema_too_new_is_refused_untouched(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    with Store.open(path) as store:
        seed(store)
    data = orjson.loads(path.read_bytes())
    data["meta"]["1"]["schema"] = 99
    data["meta"]["1"]["a field from the future"] = {"x": 1}
    path.write_bytes(encode(data))
    os.utime(path, ns=(PAST, PAST))
    before = file_state(path)

    for read_only in (False, True):
        with pytest.raises(SchemaTooNewError) as refused:
            Store.open(path, read_only=read_only, today=TODAY, now=NOW)
        message = str(refused.value)
        assert str(path) in message
        assert "schema 99" in message

    assert file_state(path) == before
    assert not backup_folder(path).exists()  # no daily copy, no migration copy
    assert temp_files(path) == []
    with pytest.raises(SchemaTooNewError):  # and the lock was let go
        Store.open(path)


def malformed_file(tmp_path: Path) -> tuple[Path, Path]:
    """Well-formed JSON whose occurrence 5 has no date; returns (file, newest backup)."""
    path = data_file(tmp_path)
    with Store.open(path) as store:
        seed(store)
    with Store.open(path, today=TODAY - timedelta(days=1), now=NOW):
        pass
    data = orjson.loads(path.read_bytes())
    del data["occurrences"]["5"]["date"]
    path.write_bytes(encode(data))
    os.utime(path, ns=(PAST, PAST))
    return path, backup_folder(path) / f"cockpit-{TODAY - timedelta(days=1)}.json"


def test_malformed_record_is_reported_as_corrupt(tmp_path: Path) -> None:
    path, backup = malformed_file(tmp_path)
    before = file_state(path)
    for read_only in (False, True):
        with pytest.raises(StoreCorruptError) as refused:
            Store.open(path, read_only=read_only, today=TODAY, now=NOW)
        message = str(refused.value)
        assert str(path) in message
        assert "date" in refused.value.problem
        assert str(backup) in message
    assert file_state(path) == before
    assert temp_files(path) == []
    with pytest.raises(StoreCorruptError):  # the lock was let go
        Store.open(path)


@pytest.mark.slow
def test_cli_reports_a_malformed_record_in_one_line(tmp_path: Path) -> None:
    path, backup = malformed_file(tmp_path)
    before = file_state(path)
    result = run_cli(tmp_path, "--data", str(path), "today")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("cockpit: error:")
    assert str(path) in lines[0] and str(backup) in lines[0]
    assert file_state(path) == before


def test_malformed_record_message_names_the_record(tmp_path: Path) -> None:
    path, _ = malformed_file(tmp_path)
    with pytest.raises(StoreCorruptError) as refused:
        Store.open(path)
    assert "occurrence" in refused.value.problem
    assert "5" in refused.value.problem


def test_unreadable_path_names_the_backup(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    with Store.open(path) as store:
        seed(store)
    with Store.open(path, today=TODAY - timedelta(days=1), now=NOW):
        pass
    path.unlink()
    path.mkdir()  # a folder where the file should be: reading it fails with EISDIR
    with pytest.raises(StoreCorruptError) as refused:
        Store.open(path)
    assert str(path) in str(refused.value)
    assert refused.value.backup is not None
    assert "no backup was found" not in str(refused.value)


def test_the_backup_offered_is_one_cockpit_made(tmp_path: Path) -> None:
    """Outside tester: a newer file the user dropped in backups/ (or a link) was offered as
    "the newest backup: copy it over the data file"."""
    path = data_file(tmp_path)
    with Store.open(path) as store:
        seed(store)
    with Store.open(path, today=TODAY - timedelta(days=1), now=NOW):
        pass
    made = backup_folder(path) / f"cockpit-{TODAY - timedelta(days=1)}.json"
    os.utime(made, ns=(PAST, PAST))
    (backup_folder(path) / "cockpit-garbage.json").write_text("{}")
    (backup_folder(path) / "cockpit-2099-01-01x.json").write_text("{}")
    (backup_folder(path) / "cockpit-before-import-20261205T093000.json").symlink_to(made)
    assert newest_backup(path) == made
    labelled = backup_folder(path) / "cockpit-before-import-20261205T093001.json"
    labelled.write_text("{}")
    assert newest_backup(path) == labelled
