"""A TinyDB storage that keeps the whole file in memory and writes it through atomically.

TinyDB's own JSONStorage rewrites the file in place (a SIGKILL can leave it
half-written) and CachingMiddleware loses every write that is not followed by
close(). This storage does neither: every write replaces the file atomically,
and `batch()` groups several TinyDB writes into one file write that either
happens whole or not at all.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from cockpit.store.document import DocumentError
from cockpit.store.errors import StoreWriteError
from cockpit.store.files import atomic_write_bytes
from cockpit.store.stamp import stamp
from cockpit.store.tables import decode_tables

Data = dict[str, dict[str, Any]]


class DecodeProblem(Exception):
    """The file's bytes are not a Cockpit data document; `str()` says where and why."""


def decode(raw: bytes) -> Data:
    """Parse the data file's bytes into its typed tables (`tables.decode_tables`); the problem
    names the line and column of a syntax error, or the record and field of a wrong value."""
    try:
        return decode_tables(raw)
    except DocumentError as error:
        raise DecodeProblem(str(error)) from None


def encode(data: Data) -> bytes:
    """Compact JSON: written on every change, so size is speed (`cockpit export` indents)."""
    return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)  # no copy to add the newline


class AtomicJSONStorage(Storage):
    """Whole file in memory, each change written through atomically.

    `lock` is held around every TinyDB call by the store, so worker threads of
    the TUI can write safely. In read-only mode changes stay in memory.
    """

    def __init__(self, path: Path, data: Data, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.lock = threading.RLock()
        self._data = data
        self._depth = 0
        self._dirty = False
        self.writes = 0

    def read(self) -> Data:
        return self._data

    def write(self, data: Data) -> None:
        self._data = data
        if self._depth:
            self._dirty = True
        else:
            self._flush()

    def close(self) -> None:
        pass

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Group writes: one atomic file write at the end, or none if anything fails."""
        with self.lock:
            self._depth += 1
            try:
                yield
            except BaseException:
                self._depth -= 1
                if self._depth == 0 and self._dirty:
                    self._dirty = False
                    self.reload()
                raise
            self._depth -= 1
            if self._depth == 0 and self._dirty:
                self._dirty = False
                self._flush()

    def reload(self) -> None:
        """Forget changes not on disk: memory becomes what the file holds."""
        if self.path.exists():
            self._data = decode(self.path.read_bytes())
        else:
            self._data = {}

    def _flush(self) -> None:
        if self.read_only:
            return
        payload = encode(self._data)
        try:
            atomic_write_bytes(self.path, payload)
        except OSError as error:
            self.reload()
            raise StoreWriteError(self.path, error) from error
        stamp(self.path, payload)  # what Cockpit writes was checked on its way in
        self.writes += 1
