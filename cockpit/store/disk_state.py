"""Whether the data file on disk is still the one Cockpit last read or wrote.

A sync client (Dropbox, Syncthing, Nextcloud) brings another device's work by
putting a new file in place of the old one; an editor may rewrite it in place.
Before every write, and on the TUI's timer, Cockpit compares the file's identity
now with the one it recorded (`Seen`): device, inode, size and modification time
in nanoseconds, one `stat` (a few microseconds, well under the 1 ms the pre-write
check may cost). Sync clients replace the file, so the inode changes; an in-place
rewrite changes the size or the time.

Those four can only be ambiguous on a file system that keeps times in whole
seconds (FAT and exFAT sticks, some network mounts): a rewrite of the same size
within the same second as Cockpit's own leaves them all as they were. There the
content's CRC-32 decides, read only when the recorded time is that coarse and
that recent.

Records are made before a read (so a change between the stat and the read shows
up as a change later, never the reverse) and from the written file's own
descriptor before its rename (`files.atomic_write_bytes`).
"""

from __future__ import annotations

import os
import time
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

COARSE_WINDOW_NS = 2_000_000_000  # FAT keeps modification times in 2-second steps


@dataclass(frozen=True, slots=True)
class Seen:
    """The identity of the data file as Cockpit last read or wrote it."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    seen_at_ns: int  # when it was recorded (wall clock), to judge coarse times
    crc: int | None = None  # the content's CRC-32, when known
    # the change time: an edit in place of the same size whose modification time was put
    # back (`touch -r`, rsync -t) changes it, and no one can set it back
    ctime_ns: int = 0

    @classmethod
    def of(cls, info: os.stat_result, crc: int | None = None) -> Seen:
        return cls(
            info.st_dev,
            info.st_ino,
            info.st_size,
            info.st_mtime_ns,
            time.time_ns(),
            crc,
            info.st_ctime_ns,
        )

    def with_crc(self, content: bytes) -> Seen:
        return replace(self, crc=zlib.crc32(content))

    def same_file(self, other: Seen | None) -> bool:
        """The same file in the same state (when each was recorded does not matter)."""
        return other is not None and self.identity == other.identity

    @property
    def identity(self) -> tuple[int, int, int, int, int]:
        return (self.device, self.inode, self.size, self.mtime_ns, self.ctime_ns)

    @property
    def ambiguous(self) -> bool:
        """A same-size rewrite could leave all four as they were: whole-second times, recent."""
        coarse = self.mtime_ns % 1_000_000_000 == 0
        return coarse and self.seen_at_ns - self.mtime_ns < COARSE_WINDOW_NS


def observe(path: Path) -> Seen | None:
    """The file's identity now (None when there is no file)."""
    try:
        return Seen.of(os.stat(path))
    except FileNotFoundError:
        return None


def changed_since(path: Path, seen: Seen | None) -> bool:
    """Whether the file at `path` is no longer the one recorded in `seen` (None: no file)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return seen is not None
    if seen is None:
        return True
    if (
        info.st_dev,
        info.st_ino,
        info.st_size,
        info.st_mtime_ns,
        info.st_ctime_ns,
    ) != seen.identity:
        return True
    if seen.ambiguous and seen.crc is not None:
        try:
            return zlib.crc32(path.read_bytes()) != seen.crc
        except OSError:
            return True
    return False
