"""Atomic file writes: a crash at any moment leaves the old file or the new one.

The new content goes to a temporary file in the same folder, is flushed and
fsynced, then renamed over the target with os.replace (atomic on POSIX and
Windows), and the folder is fsynced so the rename itself survives a power cut.
"""

from __future__ import annotations

import os
import shutil
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


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data`, atomically; raises OSError and leaves no temp file."""
    temp = temp_path_for(path)
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _settle(path.parent)


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
