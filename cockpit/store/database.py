"""The Store: Cockpit's data file, opened once, held by one writer.

Opening takes the writer lock, removes temp files a killed writer left, reads
and checks the whole file (refusing, untouched, a file it cannot parse or that
fails the checks of `document`), migrates it after a backup copy, keeps a daily
backup, moves old history to yearly archives, and indexes the open occurrences.
Every method holds one lock, so the TUI's worker threads may call it; every
change is written through atomically.

The Store is built in layers: core holds the tables, the lock, batches and the
indexes; occurrence_tables and focus_review_plan_tables the methods of those
records; this module opening and closing, the business (roles, systems,
processes), and the archive and whole-file access.
"""

from __future__ import annotations

import errno
import os
from datetime import UTC, date, datetime
from pathlib import Path

import orjson

from cockpit.domain.errors import ValidationError
from cockpit.domain.model import Process, Role, System, check_step_offsets
from cockpit.store import archive, backups, codec
from cockpit.store.core import HISTORY, PROCESSES, ROLES, SYSTEMS
from cockpit.store.errors import (
    StoreFolderReadOnlyError,
    StoreNotWritableError,
    StoreWriteError,
)
from cockpit.store.files import private_folder, remove_stale_temp_files, through_links, writable
from cockpit.store.focus_review_plan_tables import FocusReviewPlanTables
from cockpit.store.identity import new_uid
from cockpit.store.lock import WriterLock
from cockpit.store.occurrence_tables import OccurrenceTables
from cockpit.store.opening import Opened, read_data_file
from cockpit.store.schema import MAX_PROCESSES
from cockpit.store.stamp import stamp
from cockpit.store.storage import Data, encode
from cockpit.store.task_table import TaskTable


class Store(OccurrenceTables, FocusReviewPlanTables, TaskTable):
    """Durable storage of one Cockpit data file."""

    # -- opening and closing ------------------------------------------------------------

    # why a store is read-only: "asked" (a command that only reads), "locked" (another
    # Cockpit holds the lock), "file" (the file's permissions) or "folder" (its folder's)
    read_only_why: str | None = None
    warnings: list[str]  # what went wrong on opening without stopping it (a backup not made)

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        read_only: bool = False,
        today: date | None = None,
        now: datetime | None = None,
        lock_wait: float = 0.0,
    ) -> Store:
        """Open the data file; a writer takes the lock (waiting up to `lock_wait` seconds for
        it) and keeps backups and archives. A symlink is followed to the file it points at:
        that file is written, and the lock, backups and archives sit beside it."""
        path = through_links(path.expanduser().absolute())
        if read_only:
            store = cls._build(path, read_data_file(path), None)
            store.read_only_why = "asked"
            return store
        lock = _writer_lock(path, lock_wait)
        try:
            warnings = _tidy(path) + _hard_links(path)
            opened = read_data_file(path)
            if opened.migrated_from is not None:
                moment = now or datetime.fromtimestamp(path.stat().st_mtime, UTC)
                backups.migration_backup(path, opened.migrated_from, moment)
            store = cls._build(path, opened, lock)
        except BaseException:
            lock.release()
            raise
        try:
            if not opened.stamped:
                stamp(path, opened.raw)  # checked whole: the next opening checks less
            if opened.migrated_from is not None:
                store.storage.write(store.storage.read())
            if today is not None:
                warnings += store._keep_copies(today)
            store.storage.stamper.wait()  # an opening that wrote leaves no temp file behind
        except BaseException:
            store.close()  # the lock too: nothing keeps the file from the next try
            raise
        store.warnings = warnings
        return store

    @classmethod
    def _build(cls, path: Path, opened: Opened, lock: WriterLock | None) -> Store:
        store = cls(
            path,
            opened.data,
            read_only=lock is None,
            lock=lock,
            checked=opened.checked,
            seen=opened.seen,
            payload=opened.raw,
        )
        store.warnings = []
        return store

    def _keep_copies(self, today: date) -> list[str]:
        """The day's backup and the move of old history to the archives; either may fail (a
        full disk, a folder that cannot be written) without keeping the file from opening."""
        warnings = []
        try:
            backups.daily_backup(self.path, today)
        except OSError as error:
            warnings.append(
                f"could not keep today's backup of {self.path.name} in "
                f"{backups.backup_folder(self.path)} ({_reason(error)}); Cockpit goes on "
                "without it: free some space or fix the folder for tomorrow's"
            )
        cutoff = archive.archive_cutoff(today)
        if self.meta().get("archived_before") != cutoff.isoformat():
            try:
                self.archive_before(cutoff)
            except (OSError, StoreWriteError) as error:
                reason = _reason(error.reason if isinstance(error, StoreWriteError) else error)
                warnings.append(
                    f"could not move history older than {cutoff.year} to "
                    f"{archive.archive_folder(self.path)} ({reason}); it stays in the data file "
                    "and Cockpit tries again next time"
                )
        return warnings

    def close(self) -> None:
        self.storage.stamper.wait()  # the stamp is the writer's to write, under its lock
        if self._writer_lock is not None:
            self._writer_lock.release()
            self._writer_lock = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def exists(self) -> bool:
        """Whether the file holds a business yet (any role or process)."""
        data = self.storage.read()
        return bool(data.get(ROLES) or data.get(PROCESSES))

    def mark_new_business(self, now: datetime, mark: str | None = None) -> None:
        """Draw the business mark of a file being made (`init`, the welcome screen): the
        other device's copy carries it, another `init` draws its own, and `merge` tells
        them apart. A business already in the file gets none (two copies of one would each
        draw their own and refuse each other). `mark`: a given one (the demo's is the same
        every time)."""
        if not self.exists and not self.meta().get("business"):
            self._set_meta(business=mark or new_uid(now))

    # -- roles, systems, processes --------------------------------------------------------

    def roles(self) -> list[Role]:
        return sorted(self._decode_all(ROLES, codec.role_from), key=lambda r: (r.order, r.name))

    def systems(self) -> list[System]:
        return sorted(self._decode_all(SYSTEMS, codec.system_from), key=lambda s: s.name)

    def processes(self) -> list[Process]:
        return sorted(self._decode_all(PROCESSES, codec.process_from), key=lambda p: p.name)

    def process_history(self) -> list[Process]:
        return self._decode_all(HISTORY, codec.process_from)

    def save_role(self, role: Role) -> None:
        with self.batch():
            self._put_by_key(ROLES, "id", role.id, codec.role_doc(role))

    def save_system(self, system: System) -> None:
        with self.batch():
            self._put_by_key(SYSTEMS, "id", system.id, codec.system_doc(system))

    def save_process(self, process: Process) -> None:
        """Save a process; the version it replaces is kept for the runs made from it.

        Every way in (forms, TOML and Markdown imports) ends here, so here a step due after
        its run is missed is refused (`check_step_offsets`), and a 501st process.
        """
        check_step_offsets(process)
        with self.batch():
            stored_ids = {stored["id"] for stored in self._raw(PROCESSES).values()}
            if process.id not in stored_ids and len(stored_ids) >= MAX_PROCESSES:
                raise ValidationError(
                    f"Cockpit holds at most {MAX_PROCESSES} processes (retired ones count), "
                    f'so "{process.name}" cannot be added',
                    "name",
                )
            for stored in self._raw(PROCESSES).values():
                if stored["id"] == process.id and stored.get("version", 1) != process.version:
                    self._insert(HISTORY, dict(stored))
            self._put_by_key(PROCESSES, "id", process.id, codec.process_doc(process))

    # -- archive and whole-file access ----------------------------------------------------

    def archive_before(self, cutoff: date) -> int:
        """Move closed history dated before `cutoff` to the yearly archive files."""
        with self.lock:
            by_year = archive.split_old(self.storage.read(), cutoff)
            if not by_year:
                if self.meta().get("archived_before") != cutoff.isoformat():
                    self._set_meta(archived_before=cutoff.isoformat())
                return 0
            for year, moved in sorted(by_year.items()):
                archive.write_archive(self.path, year, moved)
            moved_count = 0
            last_closed = dict(self._last_closed)
            with self.batch():
                # archived runs still say when each process was last closed
                self._set_meta(last_closed=last_closed, archived_before=cutoff.isoformat())
                for moved in by_year.values():
                    for table, docs in moved.items():
                        ids = [int(key) for key in docs]
                        self._table(table).remove(doc_ids=ids)
                        moved_count += len(ids)
            return moved_count

    def snapshot(self) -> Data:
        """The whole data, archives included, as plain tables (for export)."""
        with self.lock:  # a deep copy: saves change documents in place
            data: Data = orjson.loads(orjson.dumps(self.storage.read()))
        for table in archive.ARCHIVED_TABLES:
            for doc in archive.iter_archived(self.path, table):
                key = str(doc.get("no", doc.get("id")))
                data.setdefault(table, {}).setdefault(key, doc)
        return data

    def replace_live(self, data: Data) -> None:
        """Make the live tables `data` as one change (a merge), keeping the archive files.

        Each record that differs is put in place, never the tables replaced whole, so the
        pre-write check sees exactly the records that changed and carries them over, by
        identity, onto a file another device wrote meanwhile (`rebase`)."""
        self.require_writer()
        with self.lock:
            with self.batch():
                live = self.storage.read()
                for name, table in data.items():
                    into = live.setdefault(name, {})
                    for key, doc in table.items():
                        if into.get(key) is not doc:
                            into[key] = doc
                self.storage.write(live)
            self._index()

    def replace_all(self, data: Data, now: datetime | None = None) -> None:
        """Replace everything (import); old archives go with the old data, into backups/, as
        one step a kill cannot split (`archive.set_aside`)."""
        self.require_writer()
        with self.lock:
            tables = {name: dict(table) for name, table in data.items()}
            aside = archive.set_aside(self.path, encode(tables), now or datetime.now(UTC))
            try:
                with self.batch():
                    self.storage.write(tables)
            except BaseException:
                if aside is not None:
                    archive.undo_replacing(self.path, aside)
                raise
            finally:
                self._index()
            if aside is not None:
                archive.finish_replacing(self.path)


def _writer_lock(path: Path, wait: float) -> WriterLock:
    """The writer's lock, taken: refused before anything is made when the file or its folder
    cannot be written (a folder made for a new file is private)."""
    private_folder(path.parent)
    if not os.access(path.parent, os.W_OK):
        raise StoreFolderReadOnlyError(path, _folder_reason(path.parent))
    if not writable(path):
        raise StoreNotWritableError(path)
    lock = WriterLock(path)
    try:
        lock.acquire(wait)
    except OSError as error:
        if error.errno not in _READ_ONLY:
            raise
        raise StoreFolderReadOnlyError(path, _reason(error)) from None
    return lock


_READ_ONLY = (errno.EACCES, errno.EPERM, errno.EROFS)


def _hard_links(path: Path) -> list[str]:
    """A data file with other names (hard links) parts from them at the first save: each
    save puts a new file in place, and the other names keep the old one. Said, not refused
    (a sync folder reached through a hard link would silently stop getting the changes)."""
    try:
        names = os.stat(path).st_nlink
    except OSError:
        return []
    if names <= 1:
        return []
    return [
        f"{path} has {names} names (hard links): each save replaces the file, so the other "
        "names keep the copy they had; link it with a symbolic link (ln -s) instead"
    ]


def _folder_reason(folder: Path) -> str:
    try:
        if os.statvfs(folder).f_flag & os.ST_RDONLY:
            return "a read-only mount"
    except (OSError, AttributeError):
        pass
    return "its permissions allow no writing"


def _tidy(path: Path) -> list[str]:
    """What killed writers left: temp files beside the data file and in backups/ and archive/,
    and an import stopped half-way (finished or undone). Nothing here stops the opening."""
    remove_stale_temp_files(path)
    backups.remove_dead_backup_copies(path)
    archive.remove_dead_archive_copies(path)
    settled = archive.settle_replacing(path)
    return [settled] if settled else []


def _reason(error: OSError) -> str:
    return error.strerror or str(error)
