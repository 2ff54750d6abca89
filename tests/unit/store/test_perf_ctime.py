"""The data file's identity holds its change time: an edit in place of the same size whose
modification time was put back (`touch -r`, `rsync -t`) is a change the app takes in, not
one its next write silently reverts; and Cockpit's own write is not taken for one."""

from __future__ import annotations

import os
from pathlib import Path

from cockpit.store.disk_state import changed_since, observe
from cockpit.store.files import atomic_write_bytes


def test_an_in_place_edit_with_its_time_put_back_is_a_change(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_bytes(b'{"a": "from B"}')
    seen = observe(path)
    info = path.stat()
    with open(path, "r+b") as handle:
        handle.write(b'{"a": "FROM B"}')
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert changed_since(path, seen)


def test_cockpits_own_write_is_the_file_it_then_sees(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_bytes(b"{}")
    aside: list[Path] = []
    written = atomic_write_bytes(path, [b'{"a": ', b"1}"], let_go=aside.append)
    seen = observe(path)
    assert seen is not None and written.st_ctime_ns == path.stat().st_ctime_ns
    for other in aside:
        other.unlink()
    assert not changed_since(path, seen)
