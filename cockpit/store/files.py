"""Atomic file writes: a crash at any moment leaves the old file or the new one.

The new content goes to a temporary file in the same folder, is flushed and
fsynced, then renamed over the target with os.replace (atomic on POSIX and
Windows), and the folder is fsynced so the rename itself survives a power cut.
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

TEMP_MARK = ".tmp-"


def temp_path_for(path: Path) -> Path:
    return path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{os.urandom(4).hex()}")


def fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def writable(path: Path) -> bool:
    """Whether Cockpit may replace `path`: one that does not exist yet, or a file the user
    may write and has not made read-only (no write bit at all: root may write anything, but
    a file someone ran `chmod a-w` on is meant to stay as it is)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return True
    except OSError:
        return True  # the reading reports the problem, in its own words
    return bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) and os.access(path, os.W_OK)


def _mode_of(path: Path) -> int | None:
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return None


def atomic_write_bytes(path: Path, data: bytes) -> os.stat_result:
    """Replace `path` with `data`, atomically, keeping its permissions (a file the owner
    made private stays private); raises OSError and leaves no temp file. Returns the new
    file's identity, taken from its own descriptor before the rename (inode and times
    survive it; a stat after it could see a file another device put there meanwhile)."""
    temp = temp_path_for(path)
    mode = _mode_of(path)
    try:
        with open(temp, "wb") as handle:
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            written = os.fstat(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _settle(path.parent)
    return written


def _settle(folder: Path) -> None:
    """Make the rename durable; the new file is in place already, so a failure is not fatal."""
    try:
        fsync_folder(folder)
    except OSError:
        pass


def atomic_copy(source: Path, target: Path) -> None:
    """Copy a file atomically (used for backups and archives)."""
    temp = temp_path_for(target)
    try:
        shutil.copyfile(source, temp)
        shutil.copymode(source, temp)  # a backup of a private file is private
        with open(temp, "rb+") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _settle(target.parent)


def remove_stale_temp_files(path: Path) -> list[Path]:
    """Remove temporary files a killed writer left beside `path`."""
    removed = []
    for leftover in path.parent.glob(f".{path.name}{TEMP_MARK}*"):
        leftover.unlink(missing_ok=True)
        removed.append(leftover)
    return removed
