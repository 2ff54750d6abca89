"""One writer at a time: an OS lock beside the data file, held for the life of the process.

On POSIX the lock is fcntl.flock on `<data>.lock` (the OS drops it when the holder
dies, even by SIGKILL); elsewhere the filelock library does the same job.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from cockpit.store.errors import StoreLockedError


class WriterLock:
    def __init__(self, data_path: Path) -> None:
        self.data_path = data_path
        self.path = data_path.with_name(data_path.name + ".lock")
        self._fd: int | None = None
        self._portable: Any = None

    def acquire(self) -> None:
        if os.name != "posix":
            self._acquire_portable()
            return
        import fcntl

        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise StoreLockedError(self.data_path) from None
        self._fd = fd

    def _acquire_portable(self) -> None:
        import filelock

        lock = filelock.FileLock(str(self.path), timeout=0)
        try:
            lock.acquire()
        except filelock.Timeout:
            raise StoreLockedError(self.data_path) from None
        self._portable = lock

    def release(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # closing the descriptor drops the flock
            self._fd = None
        if self._portable is not None:
            self._portable.release()
            self._portable = None

    @property
    def held(self) -> bool:
        return self._fd is not None or self._portable is not None
