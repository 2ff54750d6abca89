"""The data file is encoded slice by slice, re-encoding only what changed (issue 13): the bytes
are always exactly those of encoding the whole file, through any sequence of changes."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path
from typing import Any

import orjson

from cockpit.store import encoder
from cockpit.store.database import Store
from cockpit.store.encoder import SliceEncoder
from cockpit.store.stamp import fingerprint, stamp_path
from cockpit.store.storage import encode
from tests.unit.store.helpers import add, complete, data_file, occurrences_of, seed

BIG = 3 * encoder.SMALL  # big enough to be cut into slices


def whole(data: dict[str, Any]) -> bytes:
    return orjson.dumps(data, option=orjson.OPT_APPEND_NEWLINE)


def test_the_parts_are_the_whole_encoding_through_random_changes() -> None:
    rng = random.Random(13)
    data: dict[str, Any] = {
        "meta": {"1": {"schema": 9}},
        "occurrences": {str(n): {"no": n, "note": "é" * (n % 7)} for n in range(1, BIG)},
        "focus": {},
    }
    slices = SliceEncoder()
    for step in range(300):
        runs = data["occurrences"]
        keys = list(runs)
        change = rng.choice(["replace", "insert", "delete", "reorder", "table", "none"])
        if change == "replace" and keys:
            key = rng.choice(keys)
            runs[key] = {**runs[key], "status": f"done {step}"}  # a new object, as the store does
        elif change == "insert":
            runs[str(10_000 + step)] = {"no": 10_000 + step}
        elif change == "delete" and keys:
            del runs[rng.choice(keys)]
        elif change == "reorder":
            data["occurrences"] = dict(sorted(runs.items(), key=lambda item: item[0]))
        elif change == "table":
            data["plans" if step % 2 else "reviews"] = {"1": {"step": step}}
            data.pop("reviews" if step % 2 else "plans", None)
        assert b"".join(slices.encode(data)) == whole(data), (step, change)


def test_an_equal_but_new_document_and_empty_data_encode_the_same() -> None:
    slices = SliceEncoder()
    data = {"occurrences": {str(n): {"no": n} for n in range(BIG)}}
    slices.encode(data)
    slices.encode(data)  # now cut into slices
    data["occurrences"]["5"] = {"no": 5}
    assert b"".join(slices.encode(data)) == whole(data)
    slices.forget()
    assert b"".join(slices.encode(data)) == whole(data)  # whole again after forgetting
    assert b"".join(slices.encode({})) == whole({})
    assert b"".join(slices.encode({"meta": {}})) == whole({"meta": {}})


def test_the_stamp_of_the_parts_is_the_stamp_of_their_bytes() -> None:
    slices, data = SliceEncoder(), {"occurrences": {str(n): {"no": n} for n in range(BIG)}}
    assert len(slices.encode(data)) == 1  # the first write since reading: one call
    parts = slices.encode(data)
    assert len(parts) > 3
    assert fingerprint(parts) == fingerprint(b"".join(parts))


def test_a_big_file_written_by_slices_reads_back_as_written(tmp_path: Path) -> None:
    """Through the store: many writes to a file with thousands of runs, the file always the
    whole encoding of what the store holds, and the stamp (written by a thread) that of the
    file once the store is closed."""
    path = data_file(tmp_path)
    with Store.open(path) as store:
        proc = seed(store)
        created = occurrences_of(proc, date(2018, 1, 1), BIG, store.next_occurrence_no())
        add(store, created)
        rng = random.Random(5)
        for occurrence in rng.sample(created, 25):
            store.save_occurrences([complete(occurrence)])
            assert path.read_bytes() == encode(store.snapshot())
        with store.batch():
            store.save_occurrences([complete(o) for o in rng.sample(created, 40)])
        snapshot = store.snapshot()
    raw = path.read_bytes()
    assert raw == encode(snapshot)
    assert stamp_path(path).read_text("ascii") == fingerprint(raw)
    with Store.open(path) as again:
        assert again.snapshot() == snapshot


def test_the_newest_write_stamps_the_file(tmp_path: Path) -> None:
    """Stamps are written by threads; whichever finishes last, the stamp left is the last
    write's, so the next opening trusts exactly the bytes on disk."""
    path = data_file(tmp_path)
    with Store.open(path) as store:
        proc = seed(store)
        created = occurrences_of(proc, date(2019, 1, 1), BIG, store.next_occurrence_no())
        add(store, created)
        for occurrence in created[:30]:
            store.save_occurrences([complete(occurrence)])
        store.storage.stamper.wait()
        assert stamp_path(path).read_text("ascii") == fingerprint(path.read_bytes())
