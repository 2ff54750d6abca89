"""A writer killed by SIGKILL at any moment leaves the old file or the new one, never a broken one.

A helper process writes without pause, alternately growing and shrinking the
data file; the test kills it at random moments, many times over, and after
every kill checks that the file parses, that the store opens as the writer
(so the OS released the dead writer's lock), and that opening removes the
temporary files the dead writer left.
"""

from __future__ import annotations

import os
import random
import signal
import sys
import time
from pathlib import Path

import pytest

from cockpit.store.database import Store
from cockpit.store.storage import encode
from tests.unit.store.helpers import (
    data_file,
    parse,
    seed,
    spawn,
    temp_files,
    write_script,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

KILLS = 45
SEED = 20261124

WRITER = """
import sys
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

from cockpit.store.core import OCCURRENCES
from cockpit.store.database import Store
from tests.unit.store.helpers import add, complete, occurrences_of, skip

path = Path(sys.argv[1])
store = Store.open(path)
proc = store.processes()[0]
long_notes = "A long note that makes the file grow. " * 4000
first = date(2020, 1, 1)
cycle = 0
print("ready", flush=True)
while True:
    cycle += 1
    # grow: a long note, then 200 new occurrences, then all of them closed
    store.save_process(replace(proc, notes=long_notes))
    created = occurrences_of(proc, first, 200, store.next_occurrence_no())
    add(store, created)
    store.save_occurrences(
        [complete(o) if o.no % 2 else skip(o) for o in created]
    )
    # shrink: a short note, then this loop's occurrences dropped in one write
    store.save_process(replace(proc, notes=f"cycle {cycle}"))
    data = store.snapshot()
    data[OCCURRENCES] = {
        key: doc for key, doc in data[OCCURRENCES].items() if doc["date"] >= "2026"
    }
    store.replace_all(data)
    with store.batch():
        store.save_process(replace(proc, notes=""))
        store.save_plan(first + timedelta(days=cycle % 300), [f"{cycle}.1", f"{cycle}.2"])
"""


def check_after_kill(path: Path) -> int:
    """The file is whole; opening as the writer works and clears the temp files."""
    raw = path.read_bytes()
    data = parse(path)
    assert encode(data) == raw, "the file is not exactly one complete write"
    meta = data["meta"]["1"]
    numbers = [int(key) for key in data.get("occurrences", {})]
    assert all(no < meta["next_no"] for no in numbers), "occurrences and counter out of step"
    left = len(temp_files(path))
    store = Store.open(path)
    try:
        assert temp_files(path) == []
        assert [p.id for p in store.processes()] == ["invoice-clients"]
        # what the writer never touched is intact: the seeded runs, 1-3 done, 4-6 open
        seeded = [store.occurrence(no) for no in range(1, 7)]
        assert [o.status.value if o else None for o in seeded] == ["done"] * 3 + ["open"] * 3
        assert {4, 5, 6} <= {o.no for o in store.open_occurrences()}
    finally:
        store.close()
    return left


@pytest.mark.slow
def test_sigkill_at_random_moments_never_breaks_the_file(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    with Store.open(path) as store:
        seed(store)
    script = write_script(tmp_path, "writer.py", WRITER)
    rng = random.Random(SEED)
    sizes: set[int] = set()
    temps_seen = 0
    started = time.monotonic()
    for _ in range(KILLS):
        child = spawn(tmp_path, script, str(path))
        assert child.stdout is not None
        line = child.stdout.readline()
        if line != "ready\n":
            child.kill()
            _, err = child.communicate()
            pytest.fail(f"writer did not start: {line!r} {err}")
        time.sleep(rng.uniform(0.020, 0.200))
        assert child.poll() is None, child.communicate()[1]
        os.kill(child.pid, signal.SIGKILL)
        child.communicate()
        assert child.returncode == -signal.SIGKILL
        sizes.add(path.stat().st_size)
        temps_seen += bool(check_after_kill(path))
    elapsed = time.monotonic() - started
    print(f"{KILLS} SIGKILLs in {elapsed:.1f}s; {temps_seen} left a temp file; {sorted(sizes)}")
    # the kills caught the file both grown and shrunk, and some of them in the middle of a
    # write (a temp file left behind; about one kill in five here, so never none in 45)
    assert min(sizes) < 20_000 and max(sizes) > 100_000, sorted(sizes)
    assert temps_seen >= 1
