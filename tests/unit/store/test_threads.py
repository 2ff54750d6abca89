"""Worker threads of the TUI write through one Store at the same time."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest

from cockpit.domain.model import Role
from cockpit.domain.occurrence import OccurrenceStatus
from cockpit.store import codec
from cockpit.store.database import Store
from tests.unit.store.helpers import add, complete, data_file, occurrences_of, parse, seed

THREADS, CHANGES = 8, 50


def run_threads(work: Callable[[int], None], count: int) -> list[BaseException]:
    errors: list[BaseException] = []
    start = threading.Barrier(count)

    def body(index: int) -> None:
        try:
            start.wait()
            work(index)
        except BaseException as error:  # collected and reported by the test
            errors.append(error)

    threads = [threading.Thread(target=body, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return errors


@pytest.fixture
def fast_switching() -> object:
    """Switch threads often, so that unlocked sections really interleave."""
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)
    yield None
    sys.setswitchinterval(old)


def test_eight_threads_saving_fifty_changes_each(tmp_path: Path, fast_switching: object) -> None:
    path = data_file(tmp_path)
    store = Store.open(path)
    proc = seed(store)
    writes = store.storage.writes

    def work(thread: int) -> None:
        for i in range(CHANGES):
            kind = i % 4
            no = 1000 * (thread + 1) + i
            if kind == 0:
                store.save_role(Role(id=f"t{thread}-{i}", name=f"Thread {thread} role {i}"))
            elif kind == 1:
                add(store, occurrences_of(proc, date(2027, 1, 1) + timedelta(days=no), 1, no))
            elif kind == 2:
                added = store.occurrence(no - 1)
                assert added is not None and added.is_open
                store.save_occurrences([complete(added)])
            else:
                store.save_plan(date(2030, 1, 1) + timedelta(days=no), [f"{thread}.{i}"])

    try:
        errors = run_threads(work, THREADS)
        assert errors == []
        assert store.storage.writes == writes + THREADS * CHANGES  # one write per change
    finally:
        store.close()

    data = parse(path)
    roles = {doc["id"] for doc in data["roles"].values()}
    plans = {doc["steps"][0] for doc in data["plans"].values()}
    occurrences = {doc["no"]: doc for doc in data["occurrences"].values()}
    for thread in range(THREADS):
        for i in range(CHANGES):
            no = 1000 * (thread + 1) + i
            if i % 4 == 0:
                assert f"t{thread}-{i}" in roles
            elif i % 4 == 1:  # completed by the next change, if there is one
                assert occurrences[no]["status"] == ("done" if i + 1 < CHANGES else "open")
            elif i % 4 == 3:
                assert f"{thread}.{i}" in plans
    expected_roles = 2 + sum(1 for i in range(CHANGES) if i % 4 == 0) * THREADS
    assert len(roles) == len(data["roles"]) == expected_roles
    assert len(occurrences) == 6 + sum(1 for i in range(CHANGES) if i % 4 == 1) * THREADS
    assert data["meta"]["1"]["next_no"] == max(occurrences) + 1

    with Store.open(path) as reopened:
        assert len(reopened.roles()) == expected_roles
        last = {1000 * (thread + 1) + CHANGES - 1 for thread in range(THREADS)}
        assert {o.no for o in reopened.open_occurrences()} == {4, 5, 6} | last
        done = reopened.occurrences(since=date(2027, 1, 1))
        assert all(o.status is OccurrenceStatus.DONE for o in done if o.no not in last)


def test_readers_and_writers_together(tmp_path: Path) -> None:
    """Readers in other threads never see an error while writers save (whole-store reads)."""
    path = data_file(tmp_path)
    with Store.open(path) as store:
        proc = seed(store)
        reads: list[int] = []

        def work(index: int) -> None:
            if index < 4:
                for i in range(25):
                    no = 1000 * (index + 1) + i
                    add(store, occurrences_of(proc, date(2027, 1, 1), 1, no))
            else:
                count = 0
                for _ in range(25):
                    count += len(store.open_occurrences()) + len(store.roles())
                    store.snapshot()
                    store.meta()
                reads.append(count)

        assert run_threads(work, 8) == []
        assert len(store.open_occurrences()) == 3 + 100
    assert len(parse(path)["occurrences"]) == 106


def test_a_read_is_not_torn_by_a_save_in_another_thread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(data_file(tmp_path))
    try:
        seed(store)
        runs = store.open_occurrences()
        assert [o.no for o in runs] == [4, 5, 6]
        real = codec.occurrence_from
        writers: list[threading.Thread] = []

        def decode_then_let_a_writer_in(doc: dict[str, object]) -> object:
            decoded = real(doc)
            if not writers:  # after the first document, another thread saves all three
                writer = threading.Thread(
                    target=store.save_occurrences, args=([complete(r) for r in runs],)
                )
                writers.append(writer)
                writer.start()
                writer.join(timeout=0.5)  # a reader holding the lock keeps it waiting
            return decoded

        monkeypatch.setattr(codec, "occurrence_from", decode_then_let_a_writer_in)
        seen = store.occurrences(since=date(2026, 11, 5))
        monkeypatch.undo()
        writers[0].join(timeout=10)
        assert [o.no for o in seen] == [4, 5, 6]
        assert len({o.status for o in seen}) == 1, [o.status.value for o in seen]
    finally:
        store.close()
