"""One writer at a time: an OS lock beside the data file, held for the life of the process.

On POSIX the lock is fcntl.flock on `<data>.lock` (the OS drops it when the holder
dies, even by SIGKILL); elsewhere the filelock library does the same job. A writer
that finds it held waits a little (`wait`, polling every 50 ms): a command that
saves a step finishes in a fraction of a second, so two of them never need to fail.
Commands that only read never take it (`held_elsewhere` only looks).
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path
from typing import Any

from cockpit.store.errors import StoreError, StoreLockedError

POLL = 0.05  # seconds between two tries while waiting
LOCK_MODE = 0o600


class WriterLock:
    def __init__(self, data_path: Path) -> None:
        self.data_path = data_path
        self.path = data_path.with_name(data_path.name + ".lock")
        self._fd: int | None = None
        self._portable: Any = None

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, trying for up to `wait` seconds; StoreLockedError if still held."""
        if os.name != "posix":
            self._acquire_portable(wait)
            return
        import fcntl

        flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(self.path, flags, LOCK_MODE)
        except OSError as error:
            if error.errno == errno.ELOOP:  # a link planted there: never write where it points
                raise StoreError(
                    f"the lock file {self.path} is a symbolic link; Cockpit writes its lock "
                    "there and will not write where a link points (another file would be "
                    f"overwritten): remove the link (rm '{self.path}') and try again"
                ) from None
            raise
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise StoreLockedError(self.data_path, waited=wait) from None
                time.sleep(POLL)
            except OSError:
                os.close(fd)
                raise
        _keep_private(fd)
        self._fd = fd

    def _acquire_portable(self, wait: float) -> None:
        import filelock

        lock = filelock.FileLock(str(self.path), timeout=wait, mode=LOCK_MODE)
        try:
            lock.acquire(poll_interval=POLL)
        except filelock.Timeout:
            raise StoreLockedError(self.data_path, waited=wait) from None
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


def _keep_private(fd: int) -> None:
    """A lock file an older Cockpit made 0644 becomes 0600 (it holds the checked stamp)."""
    try:
        if os.fstat(fd).st_mode & 0o077:
            os.fchmod(fd, LOCK_MODE)
    except OSError:
        pass


def held_elsewhere(data_path: Path) -> bool:
    """Whether another Cockpit holds the writer lock now: a look that creates nothing and
    takes nothing a writer would wait for (a shared lock, let go at once)."""
    if os.name != "posix":
        return False
    import fcntl

    try:
        fd = os.open(data_path.with_name(data_path.name + ".lock"), os.O_RDONLY)
    except OSError:
        return False  # no lock file: nobody ever wrote here
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # drops the shared lock, if taken
    return False
