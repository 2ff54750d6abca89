"""A write that fails (disk full, I/O error) changes nothing, on disk or in memory."""

from __future__ import annotations

import copy
import errno
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from cockpit.domain.errors import ValidationError
from cockpit.domain.model import Role, Step
from cockpit.store import files
from cockpit.store.database import Store
from cockpit.store.errors import StoreWriteError
from tests.unit.store.helpers import (
    ADMIN,
    add,
    complete,
    data_file,
    file_state,
    occurrences_of,
    parse,
    seed,
    skip,
    tables,
    temp_files,
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(data_file(tmp_path)) as opened:
        seed(opened)
        opened.storage.stamper.wait()  # the files the seeding replaced are let go by a thread
        yield opened


def view(store: Store) -> dict[str, Any]:
    """Everything a caller can see of the store."""
    return {
        "roles": store.roles(),
        "processes": store.processes(),
        "history": store.process_history(),
        "open": store.open_occurrences(),
        "all": store.occurrences(),
        "next_no": store.next_occurrence_no(),
        "horizons": store.horizons(),
        "last_closed": store.last_closed_on(),
        "plan": store.plan(date(2026, 11, 24)),
        # a deep copy, so that nothing done later can change what was seen
        "tables": copy.deepcopy(tables(store.snapshot())),
    }


def fresh_view(path: Path) -> dict[str, Any]:
    reader = Store.open(path, read_only=True)
    try:
        return view(reader)
    finally:
        reader.close()


class Failures:
    """Makes a chosen file operation of the store fail with ENOSPC while `armed`."""

    def __init__(self) -> None:
        self.armed = True
        self.calls = 0


def fail_fsync(monkeypatch: pytest.MonkeyPatch) -> Failures:
    """The temp file's fsync fails: the data did not fit on the disk."""
    failures = Failures()
    real = os.fsync

    def fsync(fd: int) -> None:
        if failures.armed:
            failures.calls += 1
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr("cockpit.store.files.os.fsync", fsync)
    return failures


def fail_half_way(monkeypatch: pytest.MonkeyPatch) -> Failures:
    """Half the bytes reach the temp file, then the disk is full."""
    failures = Failures()
    real_open = open

    class HalfFull:
        def __init__(self, handle: Any) -> None:
            self.handle = handle

        def __enter__(self) -> HalfFull:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()

        def write(self, data: bytes) -> int:
            self.handle.write(data[: len(data) // 2])
            self.handle.flush()
            failures.calls += 1
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name: str) -> Any:
            return getattr(self.handle, name)

    def fake_open(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        handle = real_open(file, mode, *args, **kwargs)
        if failures.armed and "w" in mode:
            return HalfFull(handle)
        return handle

    monkeypatch.setattr(files, "open", fake_open, raising=False)
    return failures


def fail_rename(monkeypatch: pytest.MonkeyPatch) -> Failures:
    """The rename over the data file fails (an I/O error)."""
    failures = Failures()
    real = os.replace

    def replace_(src: Any, dst: Any) -> None:
        if failures.armed:
            failures.calls += 1
            raise OSError(errno.EIO, "Input/output error")
        real(src, dst)

    monkeypatch.setattr("cockpit.store.files.os.replace", replace_)
    return failures


FAULTS: dict[str, Callable[[pytest.MonkeyPatch], Failures]] = {
    "fsync": fail_fsync,
    "half-written": fail_half_way,
    "rename": fail_rename,
}


def change_role(store: Store) -> None:
    store.save_role(Role(id="delivery", name="Delivery"))


def change_process(store: Store) -> None:
    proc = store.processes()[0]
    store.save_process(proc.edited(notes="longer notes " * 1000))


def change_add(store: Store) -> None:
    proc = store.processes()[0]
    add(store, occurrences_of(proc, date(2026, 12, 1), 200, store.next_occurrence_no()))


def change_close(store: Store) -> None:
    store.save_occurrences([complete(o) for o in store.open_occurrences()])


def change_plan(store: Store) -> None:
    store.save_plan(date(2026, 11, 24), ["4.1", "5.1"])


CHANGES: dict[str, Callable[[Store], None]] = {
    "role": change_role,
    "process": change_process,
    "add": change_add,
    "close": change_close,
    "plan": change_plan,
}


@pytest.mark.parametrize("fault", sorted(FAULTS))
@pytest.mark.parametrize("change", sorted(CHANGES))
def test_failed_write_keeps_the_previous_version(
    store: Store, monkeypatch: pytest.MonkeyPatch, fault: str, change: str
) -> None:
    path = store.path
    before_file = file_state(path)
    before = view(store)
    failures = FAULTS[fault](monkeypatch)

    with pytest.raises(StoreWriteError) as failed:
        CHANGES[change](store)

    assert failures.calls == 1
    message = str(failed.value)
    assert str(path) in message
    assert ("No space left on device" if fault != "rename" else "Input/output error") in message
    assert "Nothing was changed on disk" in message
    assert file_state(path) == before_file
    assert temp_files(path) == []
    assert view(store) == before  # memory is what the disk holds
    assert fresh_view(path) == before

    failures.armed = False  # space freed: the same change now goes through
    CHANGES[change](store)
    store.storage.stamper.wait()  # the replaced file is let go by a thread (files.py)
    assert temp_files(path) == []
    after = view(store)
    assert after != before
    assert fresh_view(path) == after
    assert tables(parse(path)) == tables(store.storage.read())


def test_disk_full_error_is_clear(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    fail_fsync(monkeypatch)
    with pytest.raises(StoreWriteError) as failed:
        change_role(store)
    assert str(failed.value) == (
        f"could not save {store.path}: No space left on device. "
        "Nothing was changed on disk; the change was not made."
    )
    assert failed.value.reason.errno == errno.ENOSPC


def test_failure_inside_a_batch_keeps_none_of_its_changes(store: Store) -> None:
    path = store.path
    before_file = file_state(path)
    before = view(store)
    writes = store.storage.writes
    proc = store.processes()[0]

    with pytest.raises(RuntimeError, match="boom"), store.batch():
        store.save_role(Role(id="delivery", name="Delivery"))
        store.save_process(proc.edited(notes="changed"))  # a new version: history grows
        change_add(store)
        change_close(store)
        change_plan(store)
        assert store.open_occurrences() == []  # the changes are visible inside
        assert len(store.occurrences()) == 206
        raise RuntimeError("boom")

    assert store.storage.writes == writes  # not one write reached the disk
    assert file_state(path) == before_file
    assert view(store) == before
    assert fresh_view(path) == before

    store.save_role(Role(id="delivery", name="Delivery"))  # the next save is written at once
    assert store.storage.writes == writes + 1
    assert "delivery" in {doc["id"] for doc in parse(path)["roles"].values()}


def test_bad_input_inside_a_batch_keeps_none_of_its_changes(store: Store) -> None:
    before_file = file_state(store.path)
    before = view(store)
    proc = store.processes()[0]
    with pytest.raises(ValidationError, match="negative"), store.batch():
        store.save_occurrences([skip(o) for o in store.open_occurrences()])
        store.save_process(replace(proc, steps=(Step(id="s9", title="Bad", estimate_minutes=-5),)))
    assert file_state(store.path) == before_file
    assert view(store) == before


def test_nested_batches_fail_as_one(store: Store) -> None:
    before = view(store)
    with pytest.raises(KeyError), store.batch():
        store.save_role(Role(id="delivery", name="Delivery"))
        with store.batch():
            store.save_plan(date(2026, 11, 24), ["4.1"])
        raise KeyError("late")
    assert view(store) == before
    assert fresh_view(store.path) == before


def test_disk_full_at_the_end_of_a_batch_keeps_none_of_its_changes(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before_file = file_state(store.path)
    before = view(store)
    failures = fail_fsync(monkeypatch)
    failures.armed = False
    with pytest.raises(StoreWriteError), store.batch():
        store.save_role(Role(id="delivery", name="Delivery"))
        change_add(store)
        change_close(store)
        failures.armed = True  # the disk fills up before the batch is written
    assert failures.calls == 1
    assert file_state(store.path) == before_file
    assert temp_files(store.path) == []
    assert view(store) == before
    assert fresh_view(store.path) == before


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc/self/fd (Linux)")
def test_folder_fsync_failure_after_the_rename_is_not_reported_as_not_saved(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.fsync

    def fsync(fd: int) -> None:
        if os.path.isdir(f"/proc/self/fd/{fd}"):
            raise OSError(errno.EIO, "Input/output error")
        real(fd)

    monkeypatch.setattr("cockpit.store.files.os.fsync", fsync)
    before = parse(store.path)
    try:
        change_role(store)
    except StoreWriteError as error:
        # reporting a failure is fine only if it is true: the change must not be on disk
        assert "delivery" not in {doc["id"] for doc in parse(store.path)["roles"].values()}
        assert parse(store.path) == before, f"saved although {error} says not"
    else:
        assert "delivery" in {role.id for role in store.roles()}
        assert "delivery" in {doc["id"] for doc in parse(store.path)["roles"].values()}


def test_failed_first_write_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The very first write fails: no data file appears, and the store stays empty."""
    path = data_file(tmp_path)
    with Store.open(path) as store:
        fail_fsync(monkeypatch)
        with pytest.raises(StoreWriteError):
            store.save_role(ADMIN)
        assert store.roles() == []
        assert not path.exists()
        assert temp_files(path) == []
        monkeypatch.undo()
        store.save_role(ADMIN)
    with Store.open(path, read_only=True) as reader:
        assert reader.roles() == [ADMIN]


def test_next_number_is_not_consumed_by_a_failed_add(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = store.next_occurrence_no()
    fail_fsync(monkeypatch)
    with pytest.raises(StoreWriteError):
        change_add(store)
    monkeypatch.undo()
    assert store.next_occurrence_no() == before
    proc = store.processes()[0]
    created = occurrences_of(proc, date(2026, 12, 1) + timedelta(days=1), 3, before)
    add(store, created)
    assert [o.no for o in store.open_occurrences()][-3:] == [before, before + 1, before + 2]
