"""The Store: Cockpit's data file, opened once, held by one writer.

Opening takes the writer lock, removes temp files a killed writer left, reads
the whole file (refusing, untouched, a file it cannot parse), migrates it after
a backup copy, keeps a daily backup, moves old history to yearly archives, and
indexes the open occurrences. Every method holds one lock, so the TUI's worker
threads may call it; every change is written through atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, MutableMapping
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TypeVar

import orjson
from tinydb import TinyDB
from tinydb.table import Document, Table

from cockpit.domain.errors import ValidationError
from cockpit.domain.focus import FocusSession
from cockpit.domain.model import Process, Role, System
from cockpit.domain.occurrence import Occurrence
from cockpit.domain.review import Review
from cockpit.store import archive, backups, codec
from cockpit.store.errors import (
    SchemaTooNewError,
    StoreCorruptError,
    StoreReadOnlyError,
)
from cockpit.store.files import remove_stale_temp_files
from cockpit.store.lock import WriterLock
from cockpit.store.migrations import CURRENT_SCHEMA, META, META_ID, migrate, schema_of
from cockpit.store.storage import AtomicJSONStorage, Data, DecodeProblem, decode

T = TypeVar("T")

ROLES, SYSTEMS, PROCESSES, HISTORY = "roles", "systems", "processes", "process_history"
OCCURRENCES, FOCUS, REVIEWS, PLANS = "occurrences", "focus", "reviews", "plans"


def _read(path: Path) -> Data:
    try:
        return decode(path.read_bytes())
    except DecodeProblem as problem:
        raise StoreCorruptError(path, str(problem), backups.newest_backup(path)) from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise StoreCorruptError(path, reason, backups.newest_backup(path)) from None


class Store:
    """Durable storage of one Cockpit data file."""

    def __init__(self, path: Path, data: Data, *, read_only: bool, lock: WriterLock | None):
        self.path = path
        self.read_only = read_only
        self._writer_lock = lock
        self.db = TinyDB(path, data, read_only=read_only, storage=AtomicJSONStorage)
        storage = self.db.storage
        assert isinstance(storage, AtomicJSONStorage)
        self.storage = storage
        self.lock = self.storage.lock
        self._open: dict[int, Occurrence] = {}
        self._last_closed: dict[str, str] = {}
        self._decode_cache: dict[int, tuple[dict[str, Any], Occurrence]] = {}
        self._index()

    # -- opening and closing ------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        read_only: bool = False,
        today: date | None = None,
        now: datetime | None = None,
    ) -> Store:
        """Open the data file; a writer takes the lock and keeps backups and archives."""
        path = path.expanduser().absolute()
        lock = None
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
            lock = WriterLock(path)
            lock.acquire()
        try:
            if not read_only:
                remove_stale_temp_files(path)
            data = _read(path) if path.exists() else {}
            found = schema_of(data)
            if found > CURRENT_SCHEMA:
                raise SchemaTooNewError(path, found, CURRENT_SCHEMA)
            migrated = found < CURRENT_SCHEMA
            if migrated:
                if not read_only:
                    stamp = now or datetime.fromtimestamp(path.stat().st_mtime, UTC)
                    backups.migration_backup(path, found, stamp)
                data = migrate(data, found)
            data.setdefault(META, {}).setdefault(META_ID, {"schema": CURRENT_SCHEMA})
            try:
                store = cls(path, data, read_only=read_only, lock=lock)
            except ValidationError as error:
                raise StoreCorruptError(path, str(error), backups.newest_backup(path)) from None
            except (KeyError, TypeError, ValueError, AttributeError) as error:
                what = f"missing field {error}" if isinstance(error, KeyError) else str(error)
                raise StoreCorruptError(
                    path, f"a record is malformed ({what})", backups.newest_backup(path)
                ) from None
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        if not read_only:
            if migrated:
                store.storage.write(store.storage.read())
            if today is not None:
                backups.daily_backup(path, today)
                cutoff = archive.archive_cutoff(today)
                if store.meta().get("archived_before") != cutoff.isoformat():
                    store.archive_before(cutoff)
        return store

    def close(self) -> None:
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

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Make several changes one atomic write; if anything fails, none is kept."""
        with self.lock:
            try:
                with self.storage.batch():
                    yield
            except BaseException:
                self._index()
                raise

    def require_writer(self) -> None:
        if self.read_only:
            raise StoreReadOnlyError(self.path)

    # -- internals ------------------------------------------------------------------------

    def _table(self, name: str) -> Table:
        return self.db.table(name, cache_size=0)

    def _raw(self, name: str) -> dict[str, Any]:
        table: dict[str, Any] = self.storage.read().get(name, {})
        return table

    def _index(self) -> None:
        self._open = {}
        self._last_closed = dict(self._raw(META).get(META_ID, {}).get("last_closed", {}))
        for key, doc in self._raw(OCCURRENCES).items():
            status = doc.get("status", "open")
            if status == "open":
                occurrence = codec.checked("occurrences record", key, codec.occurrence_from, doc)
                self._open[occurrence.no] = occurrence
            elif closed := doc.get("closed_on"):
                process = doc["process"]
                if closed > self._last_closed.get(process, ""):
                    self._last_closed[process] = closed

    def _put(self, name: str, doc_id: int, doc: dict[str, Any]) -> None:
        table = self._table(name)
        if table.contains(doc_id=doc_id):

            def replace_all(stored: MutableMapping[str, Any]) -> None:
                stored.clear()
                stored.update(doc)

            table.update(replace_all, doc_ids=[doc_id])
        else:
            table.insert(Document(doc, doc_id=doc_id))

    def _insert(self, name: str, doc: dict[str, Any]) -> None:
        """Insert with an id of our own (TinyDB's cached next id goes stale after an import)."""
        next_id = max((int(key) for key in self._raw(name)), default=0) + 1
        self._table(name).insert(Document(doc, doc_id=next_id))

    def _put_by_key(self, name: str, key: str, value: str, doc: dict[str, Any]) -> None:
        for doc_id, stored in self._raw(name).items():
            if stored.get(key) == value:
                self._put(name, int(doc_id), doc)
                return
        self._insert(name, doc)

    def _archive_years(self, since: date | None, until: date | None) -> list[int]:
        """The archive files that may hold documents dated between since and until."""
        return [
            year
            for year in archive.archived_years(self.path)
            if (since is None or year >= since.year) and (until is None or year <= until.year)
        ]

    def _decode_all(self, name: str, build: Callable[[dict[str, Any]], T]) -> list[T]:
        with self.lock:
            return [build(doc) for doc in self._raw(name).values()]

    # -- meta -----------------------------------------------------------------------------

    def meta(self) -> dict[str, Any]:
        with self.lock:
            return dict(self._raw(META).get(META_ID, {"schema": CURRENT_SCHEMA}))

    def _set_meta(self, **changes: Any) -> None:
        meta = self.meta()
        meta.update(changes)
        meta.setdefault("schema", CURRENT_SCHEMA)
        self._put(META, int(META_ID), meta)

    def horizons(self) -> dict[str, date]:
        return {key: date.fromisoformat(v) for key, v in self.meta().get("horizons", {}).items()}

    def next_occurrence_no(self) -> int:
        return int(self.meta().get("next_no", 1))

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
        """Save a process; the version it replaces is kept for the runs made from it."""
        with self.batch():
            for stored in self._raw(PROCESSES).values():
                if stored["id"] == process.id and stored.get("version", 1) != process.version:
                    self._insert(HISTORY, dict(stored))
            self._put_by_key(PROCESSES, "id", process.id, codec.process_doc(process))

    # -- occurrences ----------------------------------------------------------------------

    def open_occurrences(self) -> list[Occurrence]:
        with self.lock:
            return sorted(self._open.values(), key=lambda o: (o.date, o.no))

    def last_closed_on(self) -> dict[str, date]:
        with self.lock:
            return {key: date.fromisoformat(value) for key, value in self._last_closed.items()}

    def occurrence(self, no: int) -> Occurrence | None:
        with self.lock:
            if no in self._open:
                return self._open[no]
            doc = self._raw(OCCURRENCES).get(str(no))
            if doc is not None:
                return codec.occurrence_from(doc)
        for archived in archive.iter_archived(self.path, OCCURRENCES):
            if archived["no"] == no:
                return codec.occurrence_from(archived)
        return None

    def occurrences(
        self,
        *,
        process_id: str | None = None,
        since: date | None = None,
        until: date | None = None,
    ) -> list[Occurrence]:
        """Occurrences in a date range, from the live file and the archives it reaches."""
        low = since.isoformat() if since else ""
        high = until.isoformat() if until else "9999"

        def wanted(doc: dict[str, Any]) -> bool:
            return low <= doc["date"] <= high and process_id in (None, doc["process"])

        with self.lock:  # decode under the lock: saves change documents in place
            live = self._raw(OCCURRENCES)
            found = {doc["no"]: self._decoded(doc) for doc in live.values() if wanted(doc)}
            numbers = {doc["no"] for doc in live.values()}
        for doc in archive.iter_archived(self.path, OCCURRENCES, self._archive_years(since, until)):
            if doc["no"] not in numbers and wanted(doc):
                found[doc["no"]] = codec.occurrence_from(doc)
        return sorted(found.values(), key=lambda o: (o.date, o.no))

    def _decoded(self, doc: dict[str, Any]) -> Occurrence:
        """Decode a stored run once: the cache holds it while the document stays the same
        object (a save puts a new document in its place)."""
        cached = self._decode_cache.get(doc["no"])
        if cached is not None and cached[0] is doc:
            return cached[1]
        occurrence = codec.occurrence_from(doc)
        self._decode_cache[doc["no"]] = (doc, occurrence)
        return occurrence

    def steps_done_between(
        self, start: datetime, end: datetime, since: date
    ) -> list[tuple[str, int, str, int | None]]:
        """(process, occurrence, step, minutes) of steps done in [start, end), dated >= since."""
        low, high, first = codec.instant(start), codec.instant(end), since.isoformat()
        found = []
        with self.lock:
            for doc in self._raw(OCCURRENCES).values():
                if doc["date"] < first:
                    continue
                for state in doc.get("steps", ()):
                    at = state.get("at")
                    if at and state.get("status") == "done" and low <= at < high:
                        found.append(
                            (doc["process"], doc["no"], state["step"], state.get("minutes"))
                        )
        return found

    def add_occurrences(
        self, created: Iterable[Occurrence], horizons: dict[str, date], next_no: int
    ) -> None:
        """Insert new occurrences and move the horizons, in one write."""
        with self.batch():
            docs = [
                Document(codec.occurrence_doc(occurrence), doc_id=occurrence.no)
                for occurrence in created
            ]
            if docs:
                self._table(OCCURRENCES).insert_multiple(docs)
            merged = {k: v.isoformat() for k, v in self.horizons().items()}
            merged.update({k: v.isoformat() for k, v in horizons.items()})
            self._set_meta(horizons=merged, next_no=max(next_no, self.next_occurrence_no()))
            for occurrence in created:
                self._note(occurrence)

    def save_occurrences(self, changed: Iterable[Occurrence]) -> None:
        changed = list(changed)
        docs = {occurrence.no: codec.occurrence_doc(occurrence) for occurrence in changed}
        if not docs:
            return
        with self.batch():
            data = self.storage.read()
            raw = data.setdefault(OCCURRENCES, {})
            absent = []
            for no, doc in docs.items():
                if str(no) in raw:
                    raw[str(no)] = (
                        doc  # a new document object: readers holding the old one are safe
                    )
                else:
                    absent.append(Document(doc, doc_id=no))
            if absent:
                self._table(OCCURRENCES).insert_multiple(absent)
            else:
                self.storage.write(data)
            for occurrence in changed:
                self._note(occurrence)

    def _note(self, occurrence: Occurrence) -> None:
        if occurrence.is_open:
            self._open[occurrence.no] = occurrence
            return
        self._open.pop(occurrence.no, None)
        if occurrence.closed_on is not None:
            closed = occurrence.closed_on.isoformat()
            if closed > self._last_closed.get(occurrence.process_id, ""):
                self._last_closed[occurrence.process_id] = closed

    # -- focus sessions -------------------------------------------------------------------

    def active_focus(self) -> FocusSession | None:
        with self.lock:
            for doc in self._raw(FOCUS).values():
                if doc.get("status") in ("running", "paused"):
                    return codec.focus_from(doc)
        return None

    def focus_minutes(self, occurrence_no: int, step_id: str) -> int | None:
        """Minutes logged by focus sessions on one step of one run (None if none)."""
        with self.lock:
            minutes = [
                doc.get("minutes") or 0
                for doc in self._raw(FOCUS).values()
                if doc.get("occurrence") == occurrence_no
                and doc.get("step") == step_id
                and doc.get("status") == "logged"
            ]
        return sum(minutes) if minutes else None

    def new_focus_id(self) -> int:
        return int(self.meta().get("next_focus", 1))

    def save_focus(self, session: FocusSession) -> None:
        with self.batch():
            self._put(FOCUS, session.id, codec.focus_doc(session))
            if session.id >= self.new_focus_id():
                self._set_meta(next_focus=session.id + 1)

    def focus_sessions(
        self, since: date | None = None, until: date | None = None
    ) -> list[FocusSession]:
        low = since.isoformat() if since else ""
        high = (until.isoformat() if until else "9999") + "~"
        with self.lock:
            sessions = [
                codec.focus_from(d)
                for d in self._raw(FOCUS).values()
                if low <= d["started_at"] <= high
            ]
        for doc in archive.iter_archived(self.path, FOCUS, self._archive_years(since, until)):
            if low <= doc["started_at"] <= high:
                sessions.append(codec.focus_from(doc))
        return sorted({s.id: s for s in sessions}.values(), key=lambda s: s.started_at)

    # -- reviews and plans ----------------------------------------------------------------

    def review(self, week: str) -> Review | None:
        with self.lock:
            for doc in self._raw(REVIEWS).values():
                if doc["week"] == week:
                    return codec.review_from(doc)
        return None

    def reviews(self) -> list[Review]:
        return self._decode_all(REVIEWS, codec.review_from)

    def save_review(self, review: Review) -> None:
        with self.batch():
            self._put_by_key(REVIEWS, "week", review.week, codec.review_doc(review))

    def plan(self, day: date) -> list[str]:
        with self.lock:
            for doc in self._raw(PLANS).values():
                if doc["date"] == day.isoformat():
                    return list(doc["steps"])
        return []

    def save_plan(self, day: date, steps: list[str]) -> None:
        with self.batch():
            doc = {"date": day.isoformat(), "steps": list(steps)}
            self._put_by_key(PLANS, "date", day.isoformat(), doc)

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

    def replace_all(self, data: Data) -> None:
        """Replace everything (import); old archives are dropped with the old data."""
        self.require_writer()
        with self.lock:
            with self.batch():
                self.storage.write({name: dict(table) for name, table in data.items()})
            self._index()
            # the imported data holds the whole history: the old archives go with the old data
            for year in archive.archived_years(self.path):
                archive.archive_path(self.path, year).unlink()
