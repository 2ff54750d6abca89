"""A TinyDB storage that keeps the whole file in memory and writes it through atomically.

TinyDB's own JSONStorage rewrites the file in place (a SIGKILL can leave it
half-written) and CachingMiddleware loses every write that is not followed by
close(). This storage does neither: every write replaces the file atomically,
and `batch()` groups several TinyDB writes into one file write that either
happens whole or not at all.
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from tinydb.storages import Storage

from cockpit.store.disk_state import Seen, changed_since
from cockpit.store.document import DocumentError
from cockpit.store.encoder import Part, SliceEncoder
from cockpit.store.errors import StoreWriteError
from cockpit.store.files import atomic_write_bytes
from cockpit.store.schema import too_large
from cockpit.store.stamp import Stamper
from cockpit.store.tables import decode_tables

if TYPE_CHECKING:
    from cockpit.store.undo_record import Recorder

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


Journal = dict[tuple[str, str], dict[str, Any] | None]


class AtomicJSONStorage(Storage):
    """Whole file in memory, each change written through atomically.

    `lock` is held around every TinyDB call by the store, so worker threads of
    the TUI can write safely. In read-only mode changes stay in memory.

    Never over what it did not read: `seen` is the file as last read or written, and
    `base` its tables as they were then (shallow copies: a change puts a new document in
    its place, never changes one in place, so comparing objects finds every change).
    When the file changed on disk, `rebase` (set by the store) reads it again and carries
    the records this write changed (`journal`) over onto it, or refuses (`rebase`).
    """

    def __init__(self, path: Path, data: Data, *, read_only: bool = False) -> None:
        self.path = path
        self.read_only = read_only
        self.lock = threading.RLock()
        self._data = data
        self._depth = 0
        self._dirty = False
        self._unsaved = False  # changes held in memory only (`unsaved`)
        self.writes = 0
        self.seen: Seen | None = None
        self.base: Data = tables_copy(data)
        self.replaced = False  # the whole data was replaced (an import): nothing to carry
        self.rebase: Callable[[Journal], Data] | None = None
        self._payload: bytes | None = None  # the bytes last read or written, for a rollback
        self._parts: list[Part] | None = None  # ... as written, joined only when asked for
        self.recorder: Recorder | None = None  # what a change wrote, for undo (undo_record)
        self.stamper = Stamper(path)
        self.encoder = SliceEncoder()  # re-encodes only the slices of big tables that changed

    def read(self) -> Data:
        return self._data

    @property
    def payload(self) -> bytes | None:
        """The bytes last read or written (a write's parts are joined the first time asked)."""
        if self._parts is not None:
            self._payload, self._parts = b"".join(self._parts), None
        return self._payload

    @payload.setter
    def payload(self, payload: bytes | None) -> None:
        self._payload, self._parts = payload, None

    def journal(self) -> Journal:
        """The records changed since the last read or write, each as it was then (None: new)."""
        changed: Journal = {}
        for name in self.base.keys() | self._data.keys():
            before, now = self.base.get(name, {}), self._data.get(name, {})
            for key, doc in now.items():
                if before.get(key) is not doc:
                    changed[(name, key)] = before.get(key)
            for key in before.keys() - now.keys():
                changed[(name, key)] = before[key]
        return changed

    def write(self, data: Data) -> None:
        if data is not self._data:
            self.replaced = True  # TinyDB writes back the tables it read; this is new data
        self._data = data
        if self._depth:
            self._dirty = True
        else:
            self._flush()

    def close(self) -> None:
        self.stamper.wait()

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

    @contextmanager
    def unsaved(self) -> Iterator[None]:
        """Changes made here stay in memory, ahead of the disk (a catch-up the disk refused:
        full, or the file would be too big): the next write that succeeds saves them with
        its own, and a reload from the disk drops them (the catch-up makes them again)."""
        with self.lock:
            self._unsaved = True
            try:
                with self.batch():
                    yield
            finally:
                self._unsaved = False

    def reload(self) -> None:
        """Forget changes not on disk: memory becomes what was last read or written."""
        if self.payload is not None:
            self._data = decode(self.payload)
        elif self.path.exists():
            self._data = decode(self.path.read_bytes())
        else:
            self._data = {}
        self.encoder.forget()
        self._forget()

    def hold(self, data: Data) -> None:
        """Memory holds `data`, not written yet (a write carried over onto the disk's data)."""
        self._data = data

    def replace_from_disk(self, data: Data, seen: Seen | None, payload: bytes) -> None:
        """Memory becomes what the disk holds now (read and checked by the store)."""
        self._data, self.seen, self.payload = data, seen, payload
        self.encoder.forget()
        self._forget()

    def _forget(self) -> None:
        """What memory holds is what the disk holds (read, written, or rolled back to)."""
        self.base = tables_copy(self._data)
        self.replaced = False

    def _flush(self) -> None:
        if self.read_only:
            self._forget()
            return
        if self._unsaved:
            return  # memory ahead of the disk: `base` still says what the disk holds
        recorder = self.recorder
        journal = self.journal() if recorder is not None and recorder.wanted() else None
        ours = self._data
        if not self.replaced and self.rebase is not None and changed_since(self.path, self.seen):
            # the disk's data with this write's changes
            self._data = self.rebase(journal if journal is not None else self.journal())
            self.encoder.forget()  # the disk's documents, merged: none of the kept slices
        elif self.replaced:
            self.encoder.forget()  # an import: new documents throughout
        parts = self.encoder.encode(self._data)
        if problem := too_large(sum(map(len, parts))):  # a file its reader would refuse
            self.reload()
            problem = problem.replace("it is", "it would be", 1)
            raise StoreWriteError(self.path, OSError(errno.EFBIG, problem))
        replaced: list[Path] = []
        try:
            written = atomic_write_bytes(self.path, parts, let_go=replaced.append)
        except OSError as error:
            self.reload()
            raise StoreWriteError(self.path, error) from error
        self._forget()
        self._payload, self._parts = None, parts
        seen = Seen.of(written)
        if seen is not None and seen.ambiguous:
            seen = seen.with_crc(self.payload or b"")
        self.seen = seen
        # what Cockpit writes was checked on its way in; the old file is let go meanwhile
        self.stamper.later(parts, replaced[0] if replaced else None)
        self.writes += 1
        if recorder is not None and journal is not None:
            recorder.flushed(journal, ours, self._data)


def tables_copy(data: Data) -> Data:
    """Each table's mapping copied, its documents shared (they are replaced, never changed)."""
    return {name: dict(table) for name, table in data.items()}
