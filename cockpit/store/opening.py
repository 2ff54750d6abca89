"""Reading the data file on open: the whole of it checked before anything is used or written.

The order matters for "a file that cannot be read is never overwritten": the bytes
are parsed into typed tables, the schema version is read (a newer file is refused
as such), the whole document is checked, and only a file that passed is migrated,
in memory, and checked again. Nothing here writes: the store backs the file up
and writes the migrated data afterwards. Any problem is a StoreCorruptError that
names the file, the record and the field, and the newest backup.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

import msgspec

from cockpit.store import backups
from cockpit.store.disk_state import Seen, observe
from cockpit.store.document import (
    Checked,
    DocumentError,
    check_tables,
    schema_version,
    settle_counters,
)
from cockpit.store.errors import SchemaTooNewError, StoreCorruptError
from cockpit.store.migrations import CURRENT_SCHEMA, migrate
from cockpit.store.schema import MAX_FILE_BYTES, too_large
from cockpit.store.stamp import is_stamped
from cockpit.store.storage import Data, DecodeProblem, decode


@dataclass(frozen=True, slots=True)
class Opened:
    """The checked data of a file; `migrated_from` is its older schema version, if it had one."""

    data: Data
    checked: Checked
    migrated_from: int | None
    stamped: bool  # the file holds the bytes Cockpit last checked or wrote (`stamp`)
    raw: bytes = b""
    seen: Seen | None = None  # the file as observed just before it was read


def read_data_file(path: Path) -> Opened:
    """Read and check the data file (see the module's docstring); an absent file is empty."""
    if not path.exists():
        data: Data = {}
        checked = check_tables(data, strict=False, complete=False)
        settle_counters(data, checked)
        return Opened(data, checked, None, True)
    seen = observe(path)  # before the read: a change in between shows up later, never lost
    raw = _bytes(path)
    try:
        data = decode(raw)
    except DecodeProblem as problem:
        _refuse_newer(path, raw)
        raise _corrupt(path, str(problem)) from None
    known = is_stamped(path, raw)
    try:
        found = schema_version(data)
        if found > CURRENT_SCHEMA:
            raise SchemaTooNewError(path, found, CURRENT_SCHEMA)
        checked = check_tables(data, strict=False, complete=False, runs_known=known)
        if found < CURRENT_SCHEMA:
            data = _migrated(data, found)
            checked = check_tables(data, strict=False, complete=False)
        settle_counters(data, checked)
    except DocumentError as error:
        raise _corrupt(path, str(error)) from None
    migrated_from = found if found < CURRENT_SCHEMA else None
    return Opened(data, checked, migrated_from, known, raw, seen)


def _migrated(data: Data, found: int) -> Data:
    """The data brought up to the current schema, in memory; a migration that cannot handle
    the file is a problem with the file, not a crash."""
    try:
        return migrate(data, found)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise DocumentError(
            "", f"it could not be brought from schema {found} to {CURRENT_SCHEMA} ({error!r})"
        ) from None


class FileProblem(Exception):
    """A file Cockpit will not read: not a plain file, or too big; `str()` says which."""


def read_bounded(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a plain file of at most `limit` bytes (the size Cockpit reads).

    Opened without blocking and judged by what was opened (not by a name looked up
    before): a pipe with no writer would hang, and /dev/zero or a pipe fed by `yes`
    has no size to check and would fill the memory. At most limit + 1 bytes are read.
    OSError passes through for the caller to word.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileProblem("it is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem("it is not a plain file (a device or a pipe); Cockpit reads files")
        if problem := too_large(info.st_size):
            raise FileProblem(problem)
        chunks: list[bytes] = []
        left = limit + 1
        size = max(info.st_size + 1, 1 << 16)  # the whole file in one read (one chunk: no join)
        while left > 0 and (chunk := os.read(fd, min(left, size))):
            chunks.append(chunk)
            left -= len(chunk)
    finally:
        os.close(fd)
    raw = b"".join(chunks)
    if problem := too_large(len(raw)):  # it grew while it was read
        raise FileProblem(problem)
    return raw


def _bytes(path: Path) -> bytes:
    try:
        return read_bounded(path)
    except FileProblem as problem:
        raise _corrupt(path, str(problem)) from None
    except OSError as error:
        raise _corrupt(path, error.strerror or str(error)) from None


def _refuse_newer(path: Path, raw: bytes) -> None:
    """A file a newer Cockpit wrote may not fit this one's types: say that, not the types."""
    try:
        meta = msgspec.json.decode(raw).get("meta", {}).get("1", {})
        found = meta.get("schema")
    except (msgspec.DecodeError, AttributeError, RecursionError):
        return  # not JSON, or nested past msgspec's depth: the full read says which
    if isinstance(found, int) and found > CURRENT_SCHEMA:
        raise SchemaTooNewError(path, found, CURRENT_SCHEMA)


def _corrupt(path: Path, problem: str) -> StoreCorruptError:
    return StoreCorruptError(path, problem, backups.newest_backup(path))
