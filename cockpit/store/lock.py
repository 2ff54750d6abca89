"""One writer at a time: an OS lock beside the data file, held for the life of the process."""

from __future__ import annotations

from pathlib import Path

import filelock

from cockpit.store.errors import StoreLockedError


class WriterLock:
    """The lock file `<data>.lock`; the OS drops it when the holder dies, even by SIGKILL."""

    def __init__(self, data_path: Path) -> None:
        self.data_path = data_path
        self.path = data_path.with_name(data_path.name + ".lock")
        self._lock = filelock.FileLock(str(self.path), timeout=0)

    def acquire(self) -> None:
        try:
            self._lock.acquire()
        except filelock.Timeout:
            raise StoreLockedError(self.data_path) from None

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release()

    @property
    def held(self) -> bool:
        return bool(self._lock.is_locked)
