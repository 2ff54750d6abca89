"""The data file as people have it: a symlink to the file, private modes whatever the umask,
temp files a killed copy left, and a backup that cannot be written (a full disk)."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from cockpit.store import archive, backups, files
from cockpit.store.archive import archive_folder, archive_path
from cockpit.store.database import Store
from tests.unit.cli.test_fs_support import read_only_folder
from tests.unit.store.helpers import (
    NOW,
    TODAY,
    data_file,
    kill_when_it_says,
    parse,
    seed,
    spawn,
    write_script,
)
from tests.unit.store.test_migrations_backups_archive import history


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


@pytest.fixture(params=[0o022, 0o000], ids=["umask022", "umask000"])
def umask(request: pytest.FixtureRequest) -> Iterator[int]:
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


# -- a symlinked data file ----------------------------------------------------------------


def test_a_symlinked_data_file_is_written_through_with_everything_beside_the_target(
    tmp_path: Path,
) -> None:
    real = tmp_path / "Dropbox" / "cockpit.json"
    real.parent.mkdir()
    history(real)
    link_folder = tmp_path / "home"
    link_folder.mkdir()
    link = link_folder / "cockpit.json"
    link.symlink_to(os.path.relpath(real, link_folder))
    before = real.read_bytes()

    with Store.open(link, today=TODAY, now=NOW) as store:  # archives 2023 and 2024
        assert store.path == real
        seed(store, count=2)

    assert link.is_symlink() and link.resolve() == real
    assert real.read_bytes() != before  # the target changed
    assert parse(link) == parse(real)
    assert sorted(p.name for p in link_folder.iterdir()) == ["cockpit.json"]  # only the link
    assert (real.parent / "cockpit.json.lock").is_file()
    assert any((real.parent / "backups").glob("cockpit-*.json"))
    assert archive_path(real, 2023).is_file()


def test_a_chain_of_links_and_a_link_to_a_file_not_there_yet(tmp_path: Path) -> None:
    real = tmp_path / "sync" / "data.json"
    real.parent.mkdir()
    first = tmp_path / "a.json"
    second = tmp_path / "b.json"
    second.symlink_to(real)  # dangling: the file is made where it points
    first.symlink_to(second)
    with Store.open(first) as store:
        seed(store, count=2)
    assert first.is_symlink() and second.is_symlink()
    assert real.is_file() and not real.is_symlink()
    assert parse(first)["roles"]


# -- privacy -------------------------------------------------------------------------------


def test_new_files_and_folders_are_private_whatever_the_umask(tmp_path: Path, umask: int) -> None:
    path = tmp_path / "new" / "deeper" / "cockpit.json"
    history(path)
    with Store.open(path, today=TODAY, now=NOW) as store:  # backup, archives
        seed(store, count=2)
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700 and mode(path.parent.parent) == 0o700
    assert mode(path.with_name("cockpit.json.lock")) == 0o600
    folder = backups.backup_folder(path)
    assert mode(folder) == 0o700
    copies = list(folder.iterdir())
    assert copies and all(mode(copy) == 0o600 for copy in copies)
    assert mode(archive_folder(path)) == 0o700
    years = list(archive_folder(path).iterdir())
    assert years and all(mode(year) == 0o600 for year in years)
    labelled = backups.labelled_backup(path, "before-import", NOW)
    assert mode(labelled) == 0o600
    assert mode(files.own_folder(folder / "merged")) == 0o700


def test_an_existing_folder_of_the_user_is_left_as_it_is(tmp_path: Path, umask: int) -> None:
    tmp_path.chmod(0o755)
    path = data_file(tmp_path)
    with Store.open(path) as store:
        seed(store, count=1)
    assert mode(tmp_path) == 0o755
    assert mode(path) == 0o600


def test_a_copy_of_a_file_is_private_while_it_is_made(tmp_path: Path, umask: int) -> None:
    source = tmp_path / "source.json"
    source.write_bytes(b"{}")
    source.chmod(0o644)
    seen: list[int] = []
    real_fsync = os.fsync

    def looking(fd: int) -> None:
        info = os.fstat(fd)
        if stat.S_ISREG(info.st_mode):
            seen.append(stat.S_IMODE(info.st_mode))
        real_fsync(fd)

    target = tmp_path / "copy.json"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("cockpit.store.files.os.fsync", looking)
        files.atomic_copy(source, target)
    assert seen and all(value == 0o600 for value in seen)
    assert mode(target) == 0o600


# -- temp files a killed copy left ------------------------------------------------------------


def test_temp_files_of_a_killed_backup_or_archive_copy_are_removed_by_the_writer(
    tmp_path: Path,
) -> None:
    path = data_file(tmp_path)
    with Store.open(path, today=TODAY, now=NOW) as store:
        seed(store, count=1)
    (tmp_path / "backups").mkdir(mode=0o700, exist_ok=True)
    dead_pid = 2**22 + 12345  # above pid_max on Linux: no such process
    backup_temp = tmp_path / "backups" / f".cockpit-2026-11-24.json{files.TEMP_MARK}{dead_pid}-ab"
    archive_folder(path).mkdir(mode=0o700)
    archive_temp = archive_folder(path) / f".cockpit-2023.json{files.TEMP_MARK}{dead_pid}-cd"
    others = [  # another data file's copy in the making, and a file of the user's
        tmp_path / "backups" / f".other-2026-11-24.json{files.TEMP_MARK}{dead_pid}-ef",
        tmp_path / "backups" / "notes.txt",
    ]
    for leftover in (backup_temp, archive_temp, *others):
        leftover.write_bytes(b"half a copy")

    with Store.open(path, read_only=True):
        pass  # a reader removes nothing
    assert backup_temp.exists() and archive_temp.exists()

    with Store.open(path, today=TODAY, now=NOW):
        pass
    assert not backup_temp.exists() and not archive_temp.exists()
    assert all(other.exists() for other in others)


# -- a backup that cannot be written ------------------------------------------------------------


def no_space(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_backup_that_cannot_be_written_warns_and_the_file_opens(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data_file(tmp_path)
    with Store.open(path) as store:
        seed(store, count=2)
        assert store.warnings == []
    monkeypatch.setattr(backups, "atomic_copy", no_space)
    with Store.open(path, today=TODAY, now=NOW) as store:
        assert store.read_only is False
        assert len(store.warnings) == 1
        warning = store.warnings[0]
        assert "backup" in warning and "No space left on device" in warning
        seed(store, count=1)  # writing works
    assert not list((tmp_path / "backups").glob("cockpit-*.json"))


def test_a_backup_folder_that_cannot_be_written_warns_and_the_file_opens(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    with Store.open(path) as store:
        seed(store, count=2)
    folder = tmp_path / "backups"
    folder.mkdir()
    with read_only_folder(folder), Store.open(path, today=TODAY, now=NOW) as store:
        assert [w for w in store.warnings if "backup" in w]
        seed(store, count=1)


def test_an_archive_that_cannot_be_written_warns_and_keeps_the_history_live(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data_file(tmp_path)
    history(path)
    live_before = len(parse(path)["occurrences"])
    monkeypatch.setattr(archive, "atomic_write_bytes", no_space)
    with Store.open(path, today=TODAY, now=NOW) as store:
        assert [w for w in store.warnings if "archive" in w]
        assert len(store.snapshot()["occurrences"]) == live_before
    assert len(parse(path)["occurrences"]) == live_before
    assert "archived_before" not in parse(path)["meta"]["1"]  # tried again next time
    monkeypatch.undo()
    with Store.open(path, today=TODAY, now=NOW) as store:
        assert store.warnings == []
    assert archive_path(path, 2023).is_file()


def test_a_relative_link_inside_a_linked_folder_goes_where_the_system_says(
    tmp_path: Path,
) -> None:
    """`..` in a link is taken from the folder the link really sits in, as the OS does."""
    real = tmp_path / "disk"
    (real / "home").mkdir(parents=True)
    (real / "Dropbox").mkdir()
    (tmp_path / "home").symlink_to(real / "home")
    link = tmp_path / "home" / "c.json"
    link.symlink_to("../Dropbox/c.json")
    with Store.open(link) as store:
        seed(store, count=1)
        assert store.path.resolve() == (real / "Dropbox" / "c.json").resolve()
    assert (real / "Dropbox" / "c.json").is_file()
    assert link.is_symlink() and not (tmp_path / "Dropbox").exists()


KILLED_COPY = """
import sys, time
from datetime import date, datetime, timezone
from pathlib import Path

from cockpit.store import files
from cockpit.store.database import Store

def copy_half(source, target, size):
    target.write(source.read(100))
    target.flush()
    print("copying", flush=True)
    time.sleep(600)

files.shutil.copyfileobj = copy_half
what = sys.argv[2]
if what == "archive":
    real = files.os.replace
    def replace(src, dst):
        if "archive" in str(dst):
            print("copying", flush=True)
            time.sleep(600)
        real(src, dst)
    files.os.replace = replace
Store.open(Path(sys.argv[1]), today=date(2026, 11, 24), now=datetime.now(timezone.utc))
"""


@pytest.mark.parametrize("what", ["backup", "archive"])
def test_a_copy_killed_half_way_leaves_a_temp_file_the_next_writer_removes(
    tmp_path: Path, what: str
) -> None:
    path = data_file(tmp_path)
    history(path)  # old enough history to move to the archive on a writer's opening
    if what == "archive":
        backups.daily_backup(path, TODAY)  # the day's backup is there: the archive comes next
    child = spawn(tmp_path, write_script(tmp_path, "killed_copy.py", KILLED_COPY), str(path), what)
    kill_when_it_says(child, "copying")
    folder = tmp_path / ("backups" if what == "backup" else "archive")
    assert [p for p in folder.iterdir() if files.TEMP_MARK in p.name]  # left by the kill

    with Store.open(path, today=TODAY, now=NOW) as store:
        assert store.warnings == []
    assert not [p for p in folder.iterdir() if files.TEMP_MARK in p.name]
