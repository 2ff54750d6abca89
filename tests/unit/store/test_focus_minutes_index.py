"""The logged focus minutes of a step are summed once and kept while the sessions are the
same (issue 13): every change to the sessions is seen, as the full scan saw it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from cockpit.store.core import FOCUS
from cockpit.store.database import Store
from tests.unit.store.helpers import data_file


def scan(store: Store, no: int, step: str) -> int | None:
    """What the minutes were before the sums were kept: every session read."""
    minutes = [
        doc.get("minutes") or 0
        for doc in store.snapshot().get(FOCUS, {}).values()
        if doc.get("occurrence") == no and doc.get("step") == step and doc["status"] == "logged"
    ]
    return sum(minutes) if minutes else None


def session(number: int, no: int, step: str, minutes: int, status: str = "logged") -> Any:
    return {"id": number, "occurrence": no, "step": step, "minutes": minutes, "status": status}


def test_the_kept_sums_follow_every_change_of_the_sessions(tmp_path: Path) -> None:
    with Store.open(data_file(tmp_path)) as store:
        data = store.snapshot()
        data[FOCUS] = {str(n): session(n, 1 + n % 3, "s1", n) for n in range(1, 50)}
        store.replace_all(data)
        asked = [(1, "s1"), (2, "s1"), (3, "s1"), (1, "s2")]
        assert [store.focus_minutes(*key) for key in asked] == [scan(store, *k) for k in asked]
        assert store.focus_minutes(1, "s2") is None
        # a session replaced (a new object), one added, one not logged: all seen
        data = store.snapshot()
        data[FOCUS]["3"] = session(3, 1, "s1", 100)
        data[FOCUS]["60"] = session(60, 1, "s2", 7)
        data[FOCUS]["61"] = session(61, 1, "s2", 9, status="running")
        store.replace_all(data)
        assert [store.focus_minutes(*key) for key in asked] == [scan(store, *k) for k in asked]
        assert store.focus_minutes(1, "s2") == 7
        # a session removed
        data = store.snapshot()
        del data[FOCUS]["60"]
        store.replace_all(data)
        assert store.focus_minutes(1, "s2") is None
