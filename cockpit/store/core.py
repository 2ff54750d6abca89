"""The Store's foundation: the tables, the one lock, atomic batches and the indexes.

`StoreCore` holds what every kind of record shares: the TinyDB database over the
atomic storage, the lock every method holds (so the TUI's worker threads may call
the store), batches that make several changes one write, the low-level reads and
writes of documents, the meta record, and the index of open runs and of the day
each process was last closed, kept in step with every write. The tables' own
methods live in mixins built on it (occurrence_tables, focus_review_plan_tables)
and the Store itself, with opening and whole-file access, in database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from tinydb import TinyDB
from tinydb.table import Document, Table

from cockpit.domain.occurrence import Occurrence
from cockpit.store import archive, codec
from cockpit.store.disk_news import DiskNews, disk_news
from cockpit.store.disk_state import Seen, changed_since, observe
from cockpit.store.document import Checked
from cockpit.store.errors import (
    StoreConflictError,
    StoreError,
    StoreGoneError,
    StoreReadOnlyError,
)
from cockpit.store.lock import WriterLock
from cockpit.store.migrations import CURRENT_SCHEMA, META, META_ID
from cockpit.store.rebase import RebaseConflict, rebase
from cockpit.store.stamp import stamp
from cockpit.store.storage import AtomicJSONStorage, Data, Journal

if TYPE_CHECKING:
    from cockpit.store.opening import Opened

T = TypeVar("T")

ROLES, SYSTEMS, PROCESSES, HISTORY = "roles", "systems", "processes", "process_history"
OCCURRENCES, FOCUS, REVIEWS, PLANS = "occurrences", "focus", "reviews", "plans"
TASKS = "tasks"


class StoreCore:
    """The tables of one data file, behind one lock, with the open runs indexed."""

    def __init__(
        self,
        path: Path,
        data: Data,
        *,
        read_only: bool,
        lock: WriterLock | None,
        checked: Checked | None = None,
        seen: Seen | None = None,
        payload: bytes | None = None,
    ):
        self.path = path
        self.read_only = read_only
        self._writer_lock = lock
        self.db = TinyDB(path, data, read_only=read_only, storage=AtomicJSONStorage)
        storage = self.db.storage
        assert isinstance(storage, AtomicJSONStorage)
        self.storage = storage
        self.lock = self.storage.lock
        # the file as read (observed before the read when the opening did; else now)
        seen = seen if seen is not None else observe(path)
        if seen is not None and seen.ambiguous and payload:
            seen = seen.with_crc(payload)  # whole-second times: the content decides (disk_state)
        storage.seen = seen
        storage.payload = payload or None
        storage.rebase = self._rebase_onto_disk
        self._unreadable: Seen | None = None  # a changed file found unreadable, not read again
        self._gone_said = False  # the file read went away: said once, until it is back
        self.renumbered: dict[int, int] = {}  # runs of the last carried-over write, new numbers
        self.carried: DiskNews | None = None  # what writes carried over came from the disk
        self._open: dict[int, Occurrence] = {}
        self._last_closed: dict[str, str] = {}
        self._decode_cache: dict[int, tuple[dict[str, Any], Occurrence]] = {}
        # the records the opening checks decoded already (see `_decode_all`)
        self._decoded_docs: dict[str, dict[str, tuple[dict[str, Any], Any]]] = (
            checked.decoded if checked else {}
        )
        found = None
        if checked is not None and checked.open_runs is not None:
            found = (checked.open_runs, checked.last_closed)
        self._index(found)

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

    @contextmanager
    def unsaved(self) -> Iterator[None]:
        """Changes kept in memory only, ahead of the disk (see `AtomicJSONStorage.unsaved`)."""
        with self.lock, self.storage.unsaved():
            yield

    def require_writer(self) -> None:
        if self.read_only:
            raise StoreReadOnlyError(self.path)

    # -- the file on disk, changed elsewhere ----------------------------------------------

    def _read_disk(self) -> tuple[Opened, Seen | None]:
        from cockpit.store.opening import read_data_file

        seen = observe(self.path)  # before the read: a change in between shows up later
        return read_data_file(self.path), seen

    def _take_disk(self, opened: Opened, seen: Seen | None) -> None:
        """Memory becomes the disk's checked data (under the lock)."""
        if seen is not None and seen.ambiguous and opened.raw:
            seen = seen.with_crc(opened.raw)
        self.storage.replace_from_disk(opened.data, seen, opened.raw)
        self._decoded_docs = opened.checked.decoded
        self._index()
        if not self.read_only and not opened.stamped and opened.raw:
            stamp(self.path, opened.raw)

    def _rebase_onto_disk(self, journal: Journal) -> Data:
        """The file changed since it was read: this write's changes carried over onto it."""
        if observe(self.path) is None and self.storage.seen is not None:
            self.storage.reload()  # a new file in its place would hold this change only
            self._index()
            raise StoreGoneError(self.path)
        try:
            opened, seen = self._read_disk()
        except StoreError as error:
            self.storage.reload()  # refused: memory goes back to what was last read or written
            self._index()
            what = f"the file there cannot be read ({error})"
            raise StoreConflictError(self.path, what, reloaded=False) from None
        came = disk_news(self.storage.base, opened.data)  # before ours is carried onto it
        try:
            rebased = rebase(opened.data, self.storage.read(), journal)
        except RebaseConflict as conflict:
            self._take_disk(opened, seen)
            raise StoreConflictError(self.path, str(conflict)) from None
        self.storage.seen = seen  # what is written now is a change of what was read
        self.carried = came if self.carried is None else came + self.carried
        self.storage.hold(rebased.data)
        self._decoded_docs = opened.checked.decoded
        self._index()  # runs opened or closed there
        self.renumbered = rebased.runs_renumbered
        return rebased.data

    def reload_if_changed(self) -> DiskNews | None:
        """Read the file again if it changed on disk (another device, a sync client): None
        when it is the one last read or written (one stat). A changed file that cannot be
        read raises StoreError once, then is left alone until it changes again."""
        with self.lock:
            carried, self.carried = self.carried, None  # a write took it in: news all the same
            if not changed_since(self.path, self.storage.seen):
                return carried
            now = observe(self.path)
            if now is None and self.storage.seen is not None:
                # gone (a sync client re-downloading it, its folder moved): never taken for
                # an empty business; memory keeps what was read
                if self._gone_said:
                    return None
                self._gone_said = True
                raise StoreGoneError(self.path)
            self._gone_said = False
            if now is not None and now.same_file(self._unreadable):
                return None
            if now is not None and self._same_bytes(now):
                return None
            before = self.storage.read()
            try:
                opened, seen = self._read_disk()
            except StoreError:
                self._unreadable = now
                raise
            self._unreadable = None
            news = disk_news(before, opened.data, since=carried)
            self._take_disk(opened, seen)
            return news

    def _same_bytes(self, now: Seen) -> bool:
        """A file put in place with the bytes already held (a sync of a sync): nothing came;
        it is recorded as the file now read, so the next look is one stat again."""
        from cockpit.store.opening import FileProblem, read_bounded

        if self.storage.payload is None or now.size != len(self.storage.payload):
            return False
        try:
            same = read_bounded(self.path) == self.storage.payload
        except (OSError, FileProblem):
            return False
        if same:
            self.storage.seen = now.with_crc(self.storage.payload) if now.ambiguous else now
        return same

    # -- documents ------------------------------------------------------------------------

    def _table(self, name: str) -> Table:
        return self.db.table(name, cache_size=0)

    def _raw(self, name: str) -> dict[str, Any]:
        table: dict[str, Any] = self.storage.read().get(name, {})
        return table

    def _put(self, name: str, doc_id: int, doc: dict[str, Any]) -> None:
        """Store `doc` under `doc_id`: a new document object, never the old one changed in
        place, so a decoded copy kept for the old object is never taken for the new one."""
        data = self.storage.read()
        table = data.get(name)
        if table is not None and str(doc_id) in table:
            table[str(doc_id)] = doc
            self.storage.write(data)
        else:
            self._table(name).insert(Document(doc, doc_id=doc_id))

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

    def _decode_keyed(self, name: str, build: Callable[[str, dict[str, Any]], T]) -> list[T]:
        """`_decode_all` for a table whose records are numbered by their key (tasks)."""
        with self.lock:
            raw = self._raw(name)
            known = self._decoded_docs.get(name, {})
            fresh: dict[str, tuple[dict[str, Any], Any]] = {}
            for key, doc in raw.items():
                hit = known.get(key)
                if hit is None or hit[0] is not doc:
                    hit = (doc, build(key, doc))
                fresh[key] = hit
            self._decoded_docs[name] = fresh
            return [entity for _, entity in fresh.values()]

    def _decode_all(self, name: str, build: Callable[[dict[str, Any]], T]) -> list[T]:
        """Every document of a small table, each decoded once while it stays the same object
        (the records are frozen, so callers may share them): working out a day reads the
        processes several times, and decoding them was a third of its time. A changed
        document is always a new object (`_put`, `replace_all`, a reload after a rollback)."""
        with self.lock:
            raw = self._raw(name)
            known = self._decoded_docs.get(name, {})
            fresh: dict[str, tuple[dict[str, Any], Any]] = {}
            decoded: list[T] = []
            for key, doc in raw.items():
                hit = known.get(key)
                if hit is None or hit[0] is not doc:
                    hit = (doc, build(doc))
                fresh[key] = hit
                decoded.append(hit[1])
            self._decoded_docs[name] = fresh
            return decoded

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

    # -- the index of open runs and last closings -----------------------------------------

    def _index(self, checked: tuple[list[dict[str, Any]], dict[str, str]] | None = None) -> None:
        """Index the open runs and the day each process was last closed; on open, the
        checks of the whole file found both already (`checked`: open documents, days)."""
        self._open = {}
        self._last_closed = dict(self._raw(META).get(META_ID, {}).get("last_closed", {}))
        if checked is None:
            open_docs: list[dict[str, Any]] = []
            closed: dict[str, str] = {}
            for doc in self._raw(OCCURRENCES).values():
                if doc.get("status", "open") == "open":
                    open_docs.append(doc)
                elif (day := doc.get("closed_on")) and day > closed.get(doc["process"], ""):
                    closed[doc["process"]] = day
        else:
            open_docs, closed = checked
        for doc in open_docs:
            occurrence = codec.occurrence_from(doc)
            self._open[occurrence.no] = occurrence
        for process, day in closed.items():
            if day > self._last_closed.get(process, ""):
                self._last_closed[process] = day

    def _note(self, occurrence: Occurrence) -> None:
        if occurrence.is_open:
            self._open[occurrence.no] = occurrence
            return
        self._open.pop(occurrence.no, None)
        if occurrence.closed_on is not None:
            closed = occurrence.closed_on.isoformat()
            if closed > self._last_closed.get(occurrence.process_id, ""):
                self._last_closed[occurrence.process_id] = closed
