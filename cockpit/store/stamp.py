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

import os
import threading
import zlib
from collections import deque
from collections.abc import Sequence
from pathlib import Path

CHECKS = 1  # the version of `document`'s checks; a stamp of another version matches nothing


def stamp_path(data_path: Path) -> Path:
    """The writer's lock file (`lock.WriterLock`): its lock is on the file, not in its text."""
    return data_path.with_name(data_path.name + ".lock")


def fingerprint(raw: bytes | Sequence[bytes | memoryview]) -> str:
    """The stamp's text for `raw`: its bytes, or the parts they are written in, one after
    another (the same text either way)."""
    if isinstance(raw, bytes):
        return f"cockpit-checked {CHECKS} {len(raw)} {zlib.crc32(raw):08x}\n"
    crc, size = 0, 0
    for part in raw:
        crc, size = zlib.crc32(part, crc), size + len(part)
    return f"cockpit-checked {CHECKS} {size} {crc:08x}\n"


def is_stamped(data_path: Path, raw: bytes) -> bool:
    """Whether `raw` are the bytes Cockpit last wrote or checked for this data file."""
    try:
        return stamp_path(data_path).read_text("ascii") == fingerprint(raw)
    except (OSError, UnicodeDecodeError):
        return False


def write_stamp(path: Path, text: str) -> None:
    """The stamp's text into the lock file, never through a link (it would overwrite the
    file the link points to); OSError when it cannot be written."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        os.write(fd, text.encode("ascii"))
    finally:
        os.close(fd)


def stamp(data_path: Path, raw: bytes | Sequence[bytes | memoryview]) -> None:
    """Remember `raw` as checked; a stamp that cannot be written is only a slower next open."""
    try:
        write_stamp(stamp_path(data_path), fingerprint(raw))
    except OSError:
        pass


class Stamper:
    """Writes the stamp of each data-file write in a thread of its own, so the write does not
    wait for the CRC of megabytes (zlib releases the GIL for it) nor for the lock file.

    One worker thread takes the writes in turn and stays LINGER seconds after the last, so a
    run of writes (a day of use in the app) does not start and schedule a thread for each
    (~0.1 ms on a quiet machine, milliseconds on a busy one). Only the newest write's stamp
    is written. `wait()` (before the writer's lock is released) lets every pending one
    finish; a stamp lost to a kill is only a slower next opening.
    """

    LINGER = 2.0

    def __init__(self, data_path: Path) -> None:
        self.data_path = data_path
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._jobs: deque[tuple[int, Sequence[bytes | memoryview], Path | None]] = deque()
        self._newest = 0
        self._done = 0
        self._worker: threading.Thread | None = None

    def later(self, raw: Sequence[bytes | memoryview], discard: Path | None = None) -> None:
        """Stamp `raw` in the worker; first remove `discard` (the replaced file's second
        name, `files.atomic_write_bytes`), whose pages are freed there, out of the writer's
        way."""
        with self._lock:
            self._newest += 1
            self._jobs.append((self._newest, raw, discard))
            self._changed.notify_all()
            if not self._working():
                self._worker = threading.Thread(
                    target=self._work, name="cockpit-stamp", daemon=True
                )
                self._worker.start()

    def _working(self) -> bool:
        """A worker is there to take the jobs (one of a process this was forked from is not)."""
        return self._worker is not None and self._worker.is_alive()

    def _work(self) -> None:
        while True:
            with self._lock:
                if not self._jobs:
                    self._changed.wait(self.LINGER)
                if not self._jobs:
                    self._worker = None
                    self._changed.notify_all()
                    return
                number, raw, discard = self._jobs.popleft()
            try:
                self._stamp(number, raw, discard)
            except Exception:
                pass  # only a shortcut: a stamp not written is a slower next opening
            finally:
                del raw, discard  # the written bytes are not kept while the worker lingers
                with self._lock:
                    self._done = number
                    self._changed.notify_all()

    def _stamp(self, number: int, raw: Sequence[bytes | memoryview], discard: Path | None) -> None:
        if discard is not None:
            try:
                discard.unlink(missing_ok=True)
            except OSError:
                pass  # a temp file: the next opening removes it
        with self._lock:
            if number != self._newest:
                return  # a later write's stamp follows
        text = fingerprint(raw)
        with self._lock:
            if number != self._newest:
                return
            try:
                write_stamp(stamp_path(self.data_path), text)
            except OSError:
                pass

    def wait(self) -> None:
        """Until every write so far is stamped (and its replaced file let go)."""
        with self._lock:
            target = self._newest
            while self._done < target and self._working():
                self._changed.wait(0.5)
