"""The store's record of what a change wrote, for undo: only this thread's writes, record by
record (several batches make one change), the meta record by field and never its counters."""

from __future__ import annotations

import os
import shutil
import threading
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from cockpit.store.database import Store
from cockpit.store.undo_record import ABSENT, RecordsChanged, put_back, recording
from tests.unit.domain.builders import process
from tests.unit.store.helpers import ADMIN, add, complete, data_file, occurrences_of, parse, seed


@pytest.fixture
def store(tmp_path: Path) -> Store:
    opened = Store.open(data_file(tmp_path))
    seed(opened)
    return opened


def test_only_the_recording_threads_writes_are_recorded(store: Store) -> None:
    elsewhere = threading.Thread(target=lambda: store.save_role(replace(ADMIN, name="Office")))
    with recording(store) as taken:
        store.save_role(replace(ADMIN, colour="#000000"))
        elsewhere.start()
        elsewhere.join()
    (record,) = taken.changes()
    assert record.table == "roles" and record.after["colour"] == "#000000"
    assert record.before["name"] == "Admin" and record.after["name"] == "Admin"


def test_batches_make_one_record_and_a_change_undone_within_is_no_change(store: Store) -> None:
    run = store.open_occurrences()[0]
    with recording(store) as taken:
        store.save_occurrences([complete(run)])
        store.save_occurrences([run])  # back as it was
        store.save_role(replace(ADMIN, colour="#111111"))
        store.save_role(replace(ADMIN, colour="#222222"))
    (record,) = taken.changes()
    assert record.before["colour"] == ADMIN.colour and record.after["colour"] == "#222222"


def test_the_meta_record_is_recorded_by_field_without_its_counters(store: Store) -> None:
    (process,) = store.processes()
    no = store.next_occurrence_no()
    later = occurrences_of(process, date(2026, 12, 1), 2, no)
    with recording(store) as taken:
        add(store, later)
    meta = [r for r in taken.changes() if r.table == "meta"]
    assert [r.ident for r in meta] == [("horizons", process.id)]
    assert meta[0].after == "2026-12-02"
    runs = [r for r in taken.changes() if r.table == "occurrences"]
    assert len(runs) == 2 and all(r.before is ABSENT for r in runs)

    put_back(store, taken.changes())
    assert store.next_occurrence_no() == no + 2  # a number handed out is never handed back
    assert store.occurrence(no) is None
    assert store.horizons()[process.id] != date(2026, 12, 2)
    put_back(store, taken.changes(), forward=True)
    assert store.occurrence(no) == later[0]


def test_putting_back_checks_every_record_before_writing_any(store: Store) -> None:
    first, second = store.open_occurrences()[:2]
    with recording(store) as taken:
        store.save_occurrences([complete(first), complete(second)])
    store.save_occurrences([replace(complete(second), reason="changed since")])
    written = parse(store.path)
    with pytest.raises(RecordsChanged) as refused:
        put_back(store, taken.changes())
    assert [r.ident for r in refused.value.records] == [
        r.ident for r in taken.changes() if r.after["no"] == second.no
    ]
    assert parse(store.path) == written


def test_a_write_carried_over_a_sync_records_only_its_own_meta_fields(
    store: Store, tmp_path: Path
) -> None:
    (mine,) = store.processes()
    other_path = tmp_path / "desktop" / "cockpit.json"
    other_path.parent.mkdir()
    shutil.copyfile(store.path, other_path)
    with Store.open(other_path) as desktop:  # the other device adds a process and its runs
        theirs = process("weekly on fri", name="Send newsletter")
        desktop.save_process(theirs)
        add(desktop, occurrences_of(theirs, date(2026, 11, 27), 1, desktop.next_occurrence_no()))
    os.replace(other_path, store.path)  # the sync, unseen by this store

    later = occurrences_of(mine, date(2026, 12, 1), 1, store.next_occurrence_no())
    with recording(store) as taken:
        add(store, later)  # carried over onto the desktop's file
    meta = [r.ident for r in taken.changes() if r.table == "meta"]
    assert meta == [("horizons", mine.id)]
    assert store.horizons()[theirs.id] == date(2026, 11, 27)
