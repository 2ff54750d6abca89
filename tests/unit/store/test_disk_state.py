"""Telling the file Cockpit last read or wrote from one another device put in its place."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

from cockpit.store.disk_state import changed_since, observe


def test_the_same_file_untouched_is_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_bytes(b"{}")
    seen = observe(path)
    assert not changed_since(path, seen)


def test_a_file_a_sync_client_renamed_into_place_is_changed_even_with_the_same_bytes_and_time(
    tmp_path: Path,
) -> None:
    path = tmp_path / "c.json"
    path.write_bytes(b'{"a": 1}')
    seen = observe(path)
    other = tmp_path / ".sync-tmp"
    shutil.copy2(path, other)  # the same content and modification time (Syncthing keeps it)
    os.replace(other, path)
    assert changed_since(path, seen)


def test_an_in_place_rewrite_is_changed(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_bytes(b'{"a": 1}')
    seen = observe(path)
    time.sleep(0.01)
    with open(path, "r+b") as handle:
        handle.write(b'{"a": 2}')
    assert changed_since(path, seen)


def test_a_removed_file_is_changed_and_a_new_one_where_there_was_none(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_bytes(b"{}")
    seen = observe(path)
    path.unlink()
    assert changed_since(path, seen)
    assert not changed_since(path, None)
    path.write_bytes(b"{}")
    assert changed_since(path, None)


def test_on_a_whole_second_file_system_a_same_size_rewrite_is_found_by_its_content(
    tmp_path: Path,
) -> None:
    """FAT keeps times in whole (2-)seconds: a rewrite of the same size within the same
    second leaves inode, size and time as they were; the content's CRC tells."""
    path = tmp_path / "c.json"
    path.write_bytes(b'{"a": 1}')
    whole = (time.time_ns() // 1_000_000_000) * 1_000_000_000
    os.utime(path, ns=(whole, whole))
    seen = observe(path)
    assert seen is not None and seen.ambiguous
    seen = seen.with_crc(b'{"a": 1}')
    assert not changed_since(path, seen)
    with open(path, "r+b") as handle:
        handle.write(b'{"a": 2}')
    os.utime(path, ns=(whole, whole))
    assert changed_since(path, seen)


def test_a_fine_grained_time_is_not_ambiguous(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_bytes(b"{}")
    os.utime(path, ns=(1_700_000_000_123_456_789, 1_700_000_000_123_456_789))
    seen = observe(path)
    assert seen is not None and not seen.ambiguous
