"""SIGKILL during writes of a big file (issue 13): the file is written from slices kept
between writes and stamped by a thread; a kill at any moment still leaves the old file or
the new one, whole, and the next opening works whatever state the stamp was left in."""

from __future__ import annotations

import os
import random
import signal
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from cockpit.store.database import Store
from cockpit.store.stamp import fingerprint, stamp_path
from cockpit.store.storage import encode
from tests.unit.store.helpers import (
    add,
    data_file,
    occurrences_of,
    parse,
    seed,
    spawn,
    temp_files,
    write_script,
)

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")

KILLS = 12
RUNS = 3000  # several slices of runs (encoder.SLICE each)

WRITER = """
import random, sys
from datetime import date
from pathlib import Path

from cockpit.store.database import Store
from tests.unit.store.helpers import add, complete, occurrences_of, skip

path = Path(sys.argv[1])
store = Store.open(path)
proc = store.processes()[0]
runs = [o for o in store.open_occurrences() if o.no > 6]
rng = random.Random(int(sys.argv[2]))
print("ready", flush=True)
cycle = 0
while True:
    cycle += 1
    store.save_occurrences([complete(rng.choice(runs))])  # one slice re-encoded
    with store.batch():  # several slices at once
        store.save_occurrences([skip(o) for o in rng.sample(runs, 20)])
    created = occurrences_of(proc, date(2030, 1, 1), 3, store.next_occurrence_no())
    add(store, created)  # the last slice grows
"""


def test_sigkill_during_sliced_writes_never_breaks_the_file(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    with Store.open(path) as store:
        proc = seed(store)
        add(store, occurrences_of(proc, date(2024, 1, 1), RUNS, store.next_occurrence_no()))
    script = write_script(tmp_path, "sliced_writer.py", WRITER)
    rng = random.Random(20261205)
    stamped = 0
    for kill in range(KILLS):
        child = spawn(tmp_path, script, str(path), str(kill))
        assert child.stdout is not None
        line = child.stdout.readline()
        if line != "ready\n":
            child.kill()
            pytest.fail(f"writer did not start: {line!r} {child.communicate()[1]}")
        time.sleep(rng.uniform(0.030, 0.250))
        assert child.poll() is None, child.communicate()[1]
        os.kill(child.pid, signal.SIGKILL)
        child.communicate()
        raw = path.read_bytes()
        assert encode(parse(path)) == raw, "the file is not exactly one complete write"
        stamped += stamp_path(path).read_text("ascii", errors="replace") == fingerprint(raw)
        with Store.open(path) as store:  # a torn or stale stamp only makes it check more
            assert temp_files(path) == []
            assert len(store.open_occurrences()) > 0
            assert store.occurrence(1) is not None  # the seeded runs are intact
    print(f"{KILLS} kills; the stamp matched the file after {stamped}")
