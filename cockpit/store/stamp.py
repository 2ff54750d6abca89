"""The checked stamp: the fingerprint of the last bytes of the data file Cockpit checked or wrote.

Every opening parses the whole file into its types (`schema`). The checks after the
types (`document`) cost as much again on a big file, most of it in the tens of
thousands of runs and focus sessions, which a day of use hardly changes. So
Cockpit keeps the fingerprint (size and CRC-32) of the last bytes it wrote or fully
checked, as the text of the writer's lock file beside the data file (no file more in
the user's folder, and only the writer, who holds the lock, writes it). When the data
file still holds exactly those bytes, the
runs and sessions are known good and only the small tables are checked again. Any
other change (a hand edit, a copy from another device, a restored backup) changes
the fingerprint, and the whole file is checked.

The stamp is written without fsync and is only ever a shortcut: lost, torn or out of
date, it matches nothing and the next opening checks everything. `CHECKS` grows
whenever the checks do, so a newer Cockpit checks a file an older one stamped.
"""

from __future__ import annotations

import zlib
from pathlib import Path

CHECKS = 1  # the version of `document`'s checks; a stamp of another version matches nothing


def stamp_path(data_path: Path) -> Path:
    """The writer's lock file (`lock.WriterLock`): its lock is on the file, not in its text."""
    return data_path.with_name(data_path.name + ".lock")


def fingerprint(raw: bytes) -> str:
    return f"cockpit-checked {CHECKS} {len(raw)} {zlib.crc32(raw):08x}\n"


def is_stamped(data_path: Path, raw: bytes) -> bool:
    """Whether `raw` are the bytes Cockpit last wrote or checked for this data file."""
    try:
        return stamp_path(data_path).read_text("ascii") == fingerprint(raw)
    except (OSError, UnicodeDecodeError):
        return False


def stamp(data_path: Path, raw: bytes) -> None:
    """Remember `raw` as checked; a stamp that cannot be written is only a slower next open."""
    try:
        stamp_path(data_path).write_text(fingerprint(raw), "ascii")
    except OSError:
        pass
