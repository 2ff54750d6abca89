"""A sliced write goes to the file in one writev (store/files.py `write_parts`): the same bytes
as one part after another, a short write goes on where it stopped, and a disk that fills up
in the middle of it changes nothing."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from cockpit.store import files
from cockpit.store.database import Store
from cockpit.store.errors import StoreWriteError
from tests.unit.store.helpers import data_file, file_state, seed, temp_files


def parts_of(count: int) -> list[bytes | memoryview]:
    parts: list[bytes | memoryview] = []
    for number in range(count):
        text = f'"{number}":{{"n":{number}}},'.encode() * (number % 7)
        parts.append(memoryview(b"[" + text + b"]")[1:-1] if number % 2 else text)
    return parts


@pytest.mark.parametrize("count", [0, 1, 5, files.IOV_MAX + 3])
def test_the_parts_are_written_one_after_another(tmp_path: Path, count: int) -> None:
    parts = parts_of(count)
    path = tmp_path / "out"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        files.write_parts(fd, parts)
    finally:
        os.close(fd)
    assert path.read_bytes() == b"".join(bytes(part) for part in parts)


def test_a_short_write_goes_on_where_it_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.writev

    def at_most_7_bytes(fd: int, buffers: list[memoryview]) -> int:
        first = next(bytes(b) for b in buffers if len(b))
        return real(fd, [first[:7]])

    monkeypatch.setattr("cockpit.store.files.os.writev", at_most_7_bytes)
    parts = parts_of(40)
    path = tmp_path / "out"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        files.write_parts(fd, parts)
    finally:
        os.close(fd)
    assert path.read_bytes() == b"".join(bytes(part) for part in parts)


def test_a_disk_full_in_the_middle_of_a_sliced_write_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store.open(data_file(tmp_path)) as store:
        seed(store)
        store.storage.stamper.wait()
        path = store.path
        before = file_state(path)
        real = os.writev
        calls: list[int] = []

        def half_then_full(fd: int, buffers: list[memoryview]) -> int:
            calls.append(fd)
            real(fd, [bytes(buffers[0])[: len(buffers[0]) // 2]])
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr("cockpit.store.files.os.writev", half_then_full)
        role = store.roles()[0]
        from dataclasses import replace

        with pytest.raises(StoreWriteError, match="No space left on device"):
            store.save_role(replace(role, name="Renamed"))
        store.storage.stamper.wait()
        assert calls, "the write went through writev (a sliced write)"
        assert file_state(path) == before
        assert temp_files(path) == []
        assert store.roles()[0].name == role.name
