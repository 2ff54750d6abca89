"""Conflict copies beside the data file: each sync client's names, and what is never one."""

from __future__ import annotations

from pathlib import Path

import pytest

from cockpit.store.conflicts import conflict_copies, is_conflict_copy

DATA = Path("/sync/cockpit.json")

COPIES = [
    "cockpit (Laptop's conflicted copy 2026-12-01).json",  # Dropbox
    "cockpit (Laptop's conflicted copy 2026-12-01 (1)).json",
    "cockpit (conflicted copy 2026-12-01).json",
    "cockpit (Anna Laptop's Selective Sync Conflict).json",
    "cockpit (Case Conflict).json",
    "cockpit (Laptop's conflicted copy 2026-12-01) (Desktop's conflicted copy 2026-12-02).json",
    "cockpit (conflicted copy 2026-12-01 101010).json",  # Nextcloud
    "cockpit (conflict 2026-12-01 101010).json",
    "cockpit_conflict-20261201-101010.json",  # ownCloud
    "cockpit.sync-conflict-20261201-101010-ABCDEF1.json",  # Syncthing
    "cockpit (1).json",  # Google Drive, a browser's second download
    "cockpit (12).json",
    "cockpit-DESKTOP-AB12CD3.json",  # OneDrive: the other computer's name
    "cockpit-LAPTOP.json",
]

NOT_COPIES = [
    "cockpit.json",  # the data file
    "cockpit.json.lock",
    ".cockpit.json.tmp-1234-abcd1234",
    "cockpit-2026-12-01.json",  # a backup's name (dated)
    "cockpit-schema1-20261201T101010.json",
    "cockpit-2025.json",  # an archive's name
    "cockpit.json (Laptop's conflicted copy 2026-12-01).lock",  # the lock's copy
    "cockpit (Laptop's conflicted copy 2026-12-01).csv",
    "other (Laptop's conflicted copy 2026-12-01).json",  # another file's copy
    "cockpitx (conflicted copy 2026-12-01).json",
    "cockpit (notes).json",
    "cockpit (1234).json",
    "cockpit-export.json",
    "cockpit-desktop.json",
    "cockpit.sync-conflict-20261201-101010-ABCDEF1.json.tmp",
    "xcockpit.sync-conflict-20261201-101010-ABCDEF1.json",
]


@pytest.mark.parametrize("name", COPIES)
def test_a_sync_clients_copy_is_found(name: str) -> None:
    assert is_conflict_copy(DATA, DATA.with_name(name))


@pytest.mark.parametrize("name", NOT_COPIES)
def test_what_is_no_copy(name: str) -> None:
    assert not is_conflict_copy(DATA, DATA.with_name(name))


def test_names_come_from_the_data_files_own_name() -> None:
    data = Path("/sync/my.business.json")
    assert is_conflict_copy(data, data.with_name("my.business (Laptop's conflicted copy).json"))
    assert is_conflict_copy(
        data, data.with_name("my.business.sync-conflict-20261201-101010-X.json")
    )
    assert not is_conflict_copy(data, data.with_name("my (conflicted copy).json"))
    names = Path("/sync/a+b(1).json")  # characters a pattern would read as its own
    assert is_conflict_copy(names, names.with_name("a+b(1) (conflicted copy).json"))
    assert not is_conflict_copy(names, names.with_name("aab(1) (conflicted copy).json"))


def test_copies_beside_the_file_only_plain_files(tmp_path: Path) -> None:
    data = tmp_path / "cockpit.json"
    data.write_text("{}")
    for name in [*COPIES, *NOT_COPIES]:
        (tmp_path / name).write_text("{}")
    (tmp_path / "cockpit (2).json").mkdir()  # a folder with a copy's name
    backups = tmp_path / "backups"
    backups.mkdir()
    (backups / "cockpit (Laptop's conflicted copy 2026-12-01).json").write_text("{}")
    found = conflict_copies(data)
    assert [p.name for p in found] == sorted(COPIES)
    assert all(p.parent == tmp_path for p in found)


def test_a_folder_that_cannot_be_listed_has_none(tmp_path: Path) -> None:
    assert conflict_copies(tmp_path / "missing" / "cockpit.json") == []
