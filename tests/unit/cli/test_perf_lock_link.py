"""A link planted as the writer's lock file (`c.json.lock` -> a user's file) is refused with
one clear line, and the file it points to is neither written nor chmodded (the outside
tester's ~/.bashrc would have become a stamp)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.unit.cli.helpers import child_env


def cockpit(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cockpit", "--data", str(tmp_path / "c.json"), *args],
        capture_output=True,
        text=True,
        env=child_env(tmp_path),
        check=False,
    )


def test_a_lock_file_that_is_a_link_is_refused_and_its_target_untouched(tmp_path: Path) -> None:
    assert cockpit(tmp_path, "init", "--sample").returncode == 0
    lock = tmp_path / "c.json.lock"
    lock.unlink()
    victim = tmp_path / "victim.txt"
    victim.write_text("precious content line\n")
    victim.chmod(0o644)
    lock.symlink_to(victim)
    before = (tmp_path / "c.json").read_bytes()
    done = cockpit(tmp_path, "add", "x")
    assert done.returncode == 1
    assert done.stderr.startswith("cockpit: error: the lock file ")
    assert "symbolic link" in done.stderr and "Traceback" not in done.stderr
    assert victim.read_text() == "precious content line\n"
    assert victim.stat().st_mode & 0o777 == 0o644
    assert (tmp_path / "c.json").read_bytes() == before
    assert cockpit(tmp_path, "today").returncode == 0  # reading takes no lock


def test_a_stamp_is_never_written_through_a_link(tmp_path: Path) -> None:
    from cockpit.store.stamp import stamp

    victim = tmp_path / "victim.txt"
    victim.write_text("keep\n")
    (tmp_path / "c.json.lock").symlink_to(victim)
    stamp(tmp_path / "c.json", b"{}")
    assert victim.read_text() == "keep\n"
    assert os.path.islink(tmp_path / "c.json.lock")


def test_a_hard_linked_data_file_is_said_when_it_is_written(tmp_path: Path) -> None:
    """Tester: a hard link (`ln sync/c.json c.json`) parted from the file at the first save
    without a word; the sync folder's name kept the old copy."""
    assert cockpit(tmp_path, "init", "--sample").returncode == 0
    other = tmp_path / "synced.json"
    os.link(tmp_path / "c.json", other)
    done = cockpit(tmp_path, "add", "x")
    assert done.returncode == 0
    assert "has 2 names (hard links)" in done.stderr and "ln -s" in done.stderr
    assert cockpit(tmp_path, "today").stderr == ""  # a reader says nothing, writes nothing
