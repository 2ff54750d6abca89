"""The replaced data file is let go out of the writer's way (issue 13): given a second name
before the rename, removed by a thread after it. Nothing of it stays once the store is
closed, a file system without hard links writes as before, and a failed rename leaves
neither name behind."""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any

import pytest

from cockpit.store import files
from cockpit.store.database import Store
from tests.unit.store.helpers import ADMIN, SALES, data_file, seed, temp_files


def test_no_second_name_stays_after_writes(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    with Store.open(path) as store:
        seed(store)
        inode = path.stat().st_ino
        store.save_role(ADMIN)
        assert path.stat().st_ino != inode  # replaced, as every write does
    assert temp_files(path) == []


def test_without_hard_links_the_write_is_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(*args: Any, **kwargs: Any) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr("cockpit.store.files.os.link", no_links)
    path = data_file(tmp_path)
    with Store.open(path) as store:
        seed(store)
        store.save_role(SALES)
        assert [role.id for role in store.roles()] == ["sales", "admin"]
    assert temp_files(path) == []


def test_a_failed_rename_leaves_neither_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(b"old")
    let_go: list[Path] = []

    def failing(src: Any, dst: Any) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr("cockpit.store.files.os.replace", failing)
    with pytest.raises(OSError):
        files.atomic_write_bytes(path, [b"new"], let_go=let_go.append)
    monkeypatch.undo()
    assert path.read_bytes() == b"old"
    assert let_go == [] and temp_files(path) == []
    files.atomic_write_bytes(path, [b"n", b"ew"], let_go=let_go.append)
    assert path.read_bytes() == b"new" and len(let_go) == 1
    assert let_go[0].read_bytes() == b"old"  # the old file, under its second name until let go
