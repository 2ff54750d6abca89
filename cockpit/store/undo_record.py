"""What a change did to the data file, record by record, to put it back (undo) or again (redo).

While a recording is active (`recording(store)`, in the thread that makes the change),
every batch the storage writes adds, for each record it changed, the record before and
after (`Record`). Records are named by their identity (`identity`), not by their number in
the file: a sync may bring a file where the same run has another number. The meta record
is recorded field by field (a horizon, a day last closed), its counters never: a number
handed out is never handed out again.

`put_back(store, records, forward=False)` writes every record back as it was before, in one
batch through the store's normal write path, but only if each is still as the change left
it: otherwise nothing is written and `RecordsChanged` names the records changed since.
`forward=True` is the mirror (redo). The file on disk is caught up with first, so a change a
sync brought in is seen before the check, never merged over afterwards.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cockpit.domain.errors import CockpitError
from cockpit.store.identity import focus_identity, run_identity
from cockpit.store.storage import tables_copy

if TYPE_CHECKING:
    from cockpit.store.core import StoreCore
    from cockpit.store.storage import Data, Journal

Doc = dict[str, Any]
Ident = tuple[str, ...]


class _Absent:
    """No such record (or meta field): before a record was created, after it was deleted."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()

META, META_ID = "meta", "1"
COUNTERS = frozenset({"next_no", "next_focus", "next_task"})  # never given back: not reused
NUMBERED = {"occurrences": "no", "focus": "id"}  # a per-file number, inside the record too
KEYED_BY = {
    "roles": "id",
    "systems": "id",
    "processes": "id",
    "reviews": "week",
    "plans": "date",
    "tasks": "uid",
}


@dataclass(frozen=True, slots=True)
class Record:
    """One record (or meta field) a change touched: as it was, and as the change left it."""

    table: str
    ident: Ident
    key: str  # its key in the file when the change was made
    before: Any  # a document, a meta field's value, or ABSENT
    after: Any


class RecordsChanged(CockpitError):
    """Records are no longer as expected (changed since, here or on another device)."""

    def __init__(self, records: list[Record], now: Data) -> None:
        super().__init__(f"{len(records)} record(s) changed since")
        self.records = records
        self.now = now  # the data as it is, to name them


def identity(table: str, key: str, doc: Doc) -> Ident:
    """What names a record across files and devices."""
    if table == "occurrences":
        return (run_identity(doc),)
    if table == "focus":
        return (focus_identity(doc),)
    if table == "process_history":
        return (str(doc.get("id")), str(doc.get("version", 1)))
    if table in KEYED_BY:
        return (str(doc.get(KEYED_BY[table], key)),)
    return (key,)


def meta_fields(doc: Doc | None) -> dict[Ident, Any]:
    """The meta record as fields: a mapping field is one field per entry; no counters."""
    fields: dict[Ident, Any] = {}
    for name, value in (doc or {}).items():
        if name in COUNTERS:
            continue
        if isinstance(value, dict):
            for entry, inner in value.items():
                fields[(name, entry)] = inner
        else:
            fields[(name,)] = value
    return fields


def _same(table: str, one: Any, other: Any) -> bool:
    """The same record, whatever number this file gives it."""
    if one is ABSENT or other is ABSENT:
        return one is other
    number = NUMBERED.get(table)
    if number is None:
        return bool(one == other)
    return {k: v for k, v in one.items() if k != number} == {
        k: v for k, v in other.items() if k != number
    }


def _where(data: Data, table: str) -> dict[Ident, str]:
    """Each record's key in a table, by identity."""
    return {identity(table, key, doc): key for key, doc in data.get(table, {}).items()}


class _Places:
    """Where records are now: under the key they had (one look), else found by identity (a
    sync renumbered them; the table is indexed once)."""

    def __init__(self, data: Data) -> None:
        self.data = data
        self._indexed: dict[str, dict[Ident, str]] = {}

    def key(self, record: Record) -> str | None:
        table = self.data.get(record.table, {})
        doc = table.get(record.key)
        if doc is not None and identity(record.table, record.key, doc) == record.ident:
            return record.key
        if record.table not in self._indexed:
            self._indexed[record.table] = _where(self.data, record.table)
        return self._indexed[record.table].get(record.ident)


def held(store: StoreCore) -> Data:
    """The data the store holds now (to read, never to change)."""
    return store.storage.read()


def now_held(store: StoreCore, record: Record) -> Doc | None:
    """The record as the store holds it now, found by its identity (None: not there)."""
    with store.lock:
        data = store.storage.read()
        key = _Places(data).key(record)
        return dict(data[record.table][key]) if key is not None else None


# -- recording ----------------------------------------------------------------------------


@dataclass
class Recording:
    """The records one change touched, in the order first touched (several batches make one)."""

    records: dict[tuple[str, Ident], Record] = field(default_factory=dict)

    def changes(self) -> list[Record]:
        """What changed and stayed changed (a record changed and changed back is left out)."""
        return [r for r in self.records.values() if not _same(r.table, r.before, r.after)]

    def add(self, journal: Journal, ours: Data, written: Data) -> None:
        """One batch written: `journal` the records it changed, each as it was before; `ours`
        the data as changed here, `written` as written (a sync carried over: found by identity)."""
        places: dict[str, dict[Ident, str]] = {}
        for (table, key), was in sorted(journal.items()):
            mine = ours.get(table, {}).get(key)
            if table == META:
                self._meta(key, was, mine)
                continue
            if was is not None:
                self._note(table, identity(table, key, was), key, was, ABSENT)
            if mine is not None:
                ident = identity(table, key, mine)
                now = mine
                if written is not ours:
                    if table not in places:
                        places[table] = _where(written, table)
                    found = places[table].get(ident)
                    there = written[table][found] if found is not None else ABSENT
                    # merged with the other device's change: not this change's to put back
                    # (kept as meant, so an undo finds it changed and refuses)
                    now = there if _same(table, there, mine) else mine
                self._note(table, ident, key, ABSENT, now)

    def _note(self, table: str, ident: Ident, key: str, before: Any, after: Any) -> None:
        """Merge a touch into the record: the first `before` stays, the last `after` wins."""
        known = self.records.get((table, ident))
        if known is None:
            self.records[(table, ident)] = Record(table, ident, key, before, after)
        else:
            self.records[(table, ident)] = Record(table, ident, known.key, known.before, after)

    def _meta(self, key: str, was: Doc | None, mine: Doc | None) -> None:
        """The fields this batch changed (a sync carried over may have changed others: those
        are not this change's)."""
        old, new = meta_fields(was), meta_fields(mine)
        for path in old.keys() | new.keys():
            before = old.get(path, ABSENT)
            if not _same(META, before, new.get(path, ABSENT)):
                known = self.records.get((META, path))
                first = known.before if known is not None else before
                after = new.get(path, ABSENT)  # as meant: merged otherwise, an undo refuses
                self.records[(META, path)] = Record(META, path, key, first, after)


class Recorder:
    """The storage's hook: the recordings active in each thread (a worker's change is its own,
    never another worker's load that writes meanwhile)."""

    def __init__(self) -> None:
        self._active: dict[int, list[Recording]] = {}
        self._guard = threading.Lock()

    def wanted(self) -> bool:
        return threading.get_ident() in self._active

    def flushed(self, journal: Journal, ours: Data, written: Data) -> None:
        for taken in self._active.get(threading.get_ident(), ()):
            taken.add(journal, ours, written)

    @contextmanager
    def active(self) -> Iterator[Recording]:
        me, taken = threading.get_ident(), Recording()
        with self._guard:
            self._active.setdefault(me, []).append(taken)
        try:
            yield taken
        finally:
            with self._guard:
                self._active[me].remove(taken)
                if not self._active[me]:
                    del self._active[me]


@contextmanager
def recording(store: StoreCore) -> Iterator[Recording]:
    """Record what this thread writes to the store until the block ends."""
    storage = store.storage
    with store.lock:
        if storage.recorder is None:
            storage.recorder = Recorder()
        recorder = storage.recorder
    with recorder.active() as taken:
        yield taken


# -- putting back -------------------------------------------------------------------------


def catch_up(store: StoreCore) -> None:
    """Take in the file as it is on disk now, if a sync changed it; the news stays for the next
    look at the disk to tell (as a write that carries a sync over leaves it)."""
    with store.lock:
        news = store.reload_if_changed()
        if news is not None:
            store.carried = news


def put_back(store: StoreCore, records: list[Record], *, forward: bool = False) -> None:
    """Every record as it was before the change (`forward`: as the change left it), in one
    write; refused with nothing written if any is no longer as the change (or undo) left it."""
    store.require_writer()
    with store.lock:
        catch_up(store)
        data = store.storage.read()
        places = _Places(data)
        meta = data.get(META, {}).get(META_ID, {})
        fields = meta_fields(meta)
        keys: dict[int, str | None] = {}  # where each record is now, found before any change
        changed = []
        for index, record in enumerate(records):
            expected = record.before if forward else record.after
            if record.table == META:
                now = fields.get(record.ident, ABSENT)
            else:
                keys[index] = key = places.key(record)
                now = data[record.table][key] if key is not None else ABSENT
            if not _same(record.table, now, expected):
                changed.append(record)
        if changed:
            raise RecordsChanged(changed, tables_copy(data))
        with store.batch():
            removals_first = sorted(keys, key=lambda i: _wanted(records[i], forward) is not ABSENT)
            for index in removals_first:
                _put(data, records[index], keys[index], _wanted(records[index], forward))
            for record in records:
                if record.table == META:
                    meta = _set_field(meta, record.ident, _wanted(record, forward))
            if any(r.table == META for r in records):
                data.setdefault(META, {})[META_ID] = meta
            _keep_counters_ahead(data)
            store.storage.write(data)
        store._index()  # the store's own index of open runs and days closed, from the data


def _wanted(record: Record, forward: bool) -> Any:
    return record.after if forward else record.before


def _put(data: Data, record: Record, key: str | None, wanted: Any) -> None:
    table = data.setdefault(record.table, {})
    if wanted is ABSENT:
        if key is not None:
            del table[key]
        return
    if key is None:
        key = record.key if record.key not in table else str(_next_key(table))
    doc = dict(wanted)  # a new object: readers holding the old one are safe
    number = NUMBERED.get(record.table)
    if number is not None:
        doc[number] = int(key)
    table[key] = doc


def _set_field(meta: Doc, path: Ident, value: Any) -> Doc:
    meta = dict(meta)
    if len(path) == 1:
        if value is ABSENT:
            meta.pop(path[0], None)
        else:
            meta[path[0]] = value
        return meta
    name, entry = path
    inner = dict(meta.get(name) or {})
    if value is ABSENT:
        inner.pop(entry, None)
    else:
        inner[entry] = value
    meta[name] = inner
    return meta


def _next_key(table: dict[str, Any]) -> int:
    return max((int(key) for key in table if key.isdigit()), default=0) + 1


def _keep_counters_ahead(data: Data) -> None:
    """A record put back under a new number: the counters stay ahead of every number in use."""
    meta = data.get(META, {}).get(META_ID)
    if meta is None:
        return
    wanted = {
        "next_no": _next_key(data.get("occurrences", {})),
        "next_focus": _next_key(data.get("focus", {})),
    }
    if any(int(meta.get(name, 1)) < value for name, value in wanted.items()):
        data[META][META_ID] = {
            **meta,
            **{name: max(int(meta.get(name, 1)), value) for name, value in wanted.items()},
        }
