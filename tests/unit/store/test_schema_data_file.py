"""The data file through the one schema on every open: a file that fails is refused whole,
untouched, by file, record and field, with the newest backup; one that passes is used."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from cockpit.domain.errors import ValidationError
from cockpit.store import document
from cockpit.store.backups import backup_folder
from cockpit.store.database import Store
from cockpit.store.errors import StoreCorruptError
from cockpit.store.stamp import stamp_path
from cockpit.store.storage import encode
from tests.unit.domain.builders import process
from tests.unit.store.helpers import NOW, TODAY, data_file, file_state, seed, temp_files

PAST = 1_600_000_000_000_000_000
Data = dict[str, Any]


def set_in(*path: str | int, value: Any) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        node: Any = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def without(*path: str | int) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        node: Any = data
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return change


def more_processes(data: Data) -> None:
    first = data["processes"]["1"]
    for number in range(500):
        data["processes"][str(10 + number)] = {**first, "id": f"copy-{number}"}


P = ("processes", "1")  # the seeded process "invoice-clients", daily
# name: (change to a good data file, the place and the problem the message names)
BROKEN: dict[str, tuple[Callable[[Data], None], str]] = {
    "a missing name": (
        without(*P, "name"),
        'processes["invoice-clients"].name: is missing (this field is needed)',
    ),
    "a broken rule": (
        set_in(*P, "schedule", "rule", value="FREQ=BOGUS"),
        'processes["invoice-clients"].schedule.rule: unknown frequency BOGUS',
    ),
    "an unknown phrase": (
        set_in(*P, "schedule", "text", value="every blue moon"),
        'processes["invoice-clients"].schedule.text: unknown schedule "every blue moon"',
    ),
    "a rule by the second": (
        set_in(
            *P,
            "schedule",
            value={"text": "RRULE:FREQ=SECONDLY", "kind": "calendar", "rule": "FREQ=SECONDLY"},
        ),
        'processes["invoice-clients"].schedule.rule: Cockpit schedules dates, not times',
    ),
    "a horizon of soon": (
        set_in("meta", "1", "horizons", "invoice-clients", value="soon"),
        'meta["1"].horizons["invoice-clients"]: \'soon\' is not a date',
    ),
    "a counter of x": (
        set_in("meta", "1", "next_no", value="x"),
        'meta["1"].next_no: expected a whole number, got text',
    ),
    "a schema of one": (
        set_in("meta", "1", "schema", value="one"),
        'meta["1"].schema: expected a whole number, got text',
    ),
    "a run in 2101": (
        set_in("occurrences", "2", "date", value="2101-01-01"),
        'occurrences["2"].date: 2101-01-01 is outside 2000-01-01..2100-12-31',
    ),
    "an instant in another form": (
        set_in("occurrences", "1", "steps", 0, "at", value="2026-11-02T09:00:00Z"),
        "occurrences[\"1\"].steps[0].at: '2026-11-02T09:00:00Z' is not an instant written like",
    ),
    "an instant without its zone": (
        set_in("occurrences", "1", "closed_at", value="2026-11-02T09:00:00"),
        'occurrences["1"].closed_at:',
    ),
    "a run under another number": (
        set_in("occurrences", "2", "no", value=5),
        'occurrences["2"].no: the record 2 says it is run number 5',
    ),
    "a run of a process that is not there": (
        set_in("occurrences", "4", "process", value="ghost"),
        "occurrences[\"4\"].process: occurrence 4 refers to process 'ghost' version 1",
    ),
    "a session of an unknown role": (
        set_in("focus", "1", "role", value="marketing"),
        "focus[\"1\"].role: focus session 1 has unknown role 'marketing'",
    ),
    "a process of an unknown role": (
        set_in(*P, "role", value="marketing"),
        'processes["invoice-clients"].role: process "Invoice clients" has unknown role',
    ),
    "a field nobody knows": (
        set_in(*P, "nmae", value="x"),
        'processes["invoice-clients"].nmae: is not a field Cockpit knows',
    ),
    "a status nobody knows": (
        set_in("occurrences", "3", "status", value="half-done"),
        "occurrences[\"3\"].status: unknown value 'half-done'; use one of done, missed, open",
    ),
    "an escape in a name": (
        set_in("roles", "1", "name", value="Ad\x1b[2Jmin"),
        'roles["admin"].name: role name holds a control character (U+001B)',
    ),
    "an id that is a path": (
        set_in("roles", "1", "id", value="../admin"),
        "role id '../admin' is not a safe id",
    ),
    "101 steps": (
        set_in(*P, "steps", value=[{"id": f"s{i}", "title": f"Step {i}"} for i in range(101)]),
        'processes["invoice-clients"].steps: process "Invoice clients" has 101 steps',
    ),
    "501 processes": (more_processes, "processes: 501 processes; Cockpit holds at most 500"),
    "a pause without a start": (
        set_in("focus", "1", "pauses", value=[[None, "2026-11-03T09:10:00+00:00"]]),
        'focus["1"].pauses[0][0]: a pause needs the instant it started',
    ),
    "a table that is a list": (
        set_in("roles", value=[1, 2]),
        "the top level is not a set of tables (roles: expected an object, got a list)",
    ),
}


def good_file(tmp_path: Path) -> Path:
    """A seeded data file with a focus session, a daily backup of yesterday, an old mtime."""
    from cockpit.domain.focus import FocusKind, FocusSession, FocusStatus
    from tests.unit.store.helpers import at

    path = data_file(tmp_path)
    with Store.open(path) as store:
        proc = seed(store)
        start = at(proc.start + timedelta(days=1))
        store.save_focus(
            FocusSession(
                id=1,
                kind=FocusKind.STOPWATCH,
                role="admin",
                started_at=start,
                ended_at=start + timedelta(hours=1),
                status=FocusStatus.LOGGED,
                minutes=60,
            )
        )
    with Store.open(path, today=TODAY - timedelta(days=1), now=NOW):
        pass  # the daily copy: the way back the message names
    return path


def broken(path: Path, change: Callable[[Data], None]) -> tuple[bytes, int]:
    data = orjson.loads(path.read_bytes())
    change(data)
    path.write_bytes(encode(data))
    os.utime(path, ns=(PAST, PAST))
    return file_state(path)


@pytest.mark.parametrize("case", list(BROKEN), ids=list(BROKEN))
def test_a_file_that_fails_is_refused_untouched_by_file_record_and_field(
    tmp_path: Path, case: str
) -> None:
    path = good_file(tmp_path)
    change, expected = BROKEN[case]
    before = broken(path, change)
    copies = sorted(backup_folder(path).iterdir())
    for read_only in (False, True):
        with pytest.raises(StoreCorruptError) as refused:
            Store.open(path, read_only=read_only, today=TODAY, now=NOW)
        message = str(refused.value)
        assert message.startswith(f"cannot read the data file {path}: "), message
        assert expected in message, message
        assert str(copies[-1]) in message  # the way back
    assert file_state(path) == before
    assert sorted(backup_folder(path).iterdir()) == copies
    assert temp_files(path) == []
    with pytest.raises(StoreCorruptError):  # the lock was let go
        Store.open(path)


def test_a_data_file_over_20_mb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    path = good_file(tmp_path)
    with path.open("ab") as handle:
        handle.truncate(20 * 2**20 + 1)
    before = file_state(path)
    with pytest.raises(
        StoreCorruptError, match=r"it is 20\.0 MB, and Cockpit reads files up to 20 MB"
    ):
        Store.open(path)
    assert file_state(path) == before


# -- an old file is migrated only once it is known good --------------------------------------------


def test_an_old_file_that_fails_is_not_migrated_nor_copied(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    path.write_bytes(b'{"processes": {"1": {"id": 3}}}')
    before = file_state(path)
    with pytest.raises(
        StoreCorruptError, match=r'processes\["1"\]\.id: expected text, got a whole'
    ):
        Store.open(path, today=TODAY, now=NOW)
    assert file_state(path) == before
    assert not backup_folder(path).exists()


def test_an_old_file_with_a_run_under_a_bad_key_is_refused_before_migrating(tmp_path: Path) -> None:
    path = good_file(tmp_path)
    data = orjson.loads(path.read_bytes())
    del data["meta"]  # a file from before schema versions
    data["occurrences"]["x"] = data["occurrences"].pop("2")
    path.write_bytes(encode(data))
    with pytest.raises(
        StoreCorruptError, match=r'occurrences\["x"\]\.no: the record x says it is run'
    ):
        Store.open(path, today=TODAY, now=NOW)


# -- counters, late steps ------------------------------------------------------------------


def test_a_counter_below_the_runs_in_use_is_raised_in_memory(tmp_path: Path) -> None:
    path = good_file(tmp_path)
    broken(path, set_in("meta", "1", "next_no", value=2))
    with Store.open(path, read_only=True) as store:
        assert store.next_occurrence_no() == 7  # six runs seeded: the next is 7, never 2


def test_a_stored_daily_step_one_day_after_its_run_is_shown_on_the_run_s_day(
    tmp_path: Path,
) -> None:
    """The decision for files that hold such a step already: opened, not refused; the step
    is read with the largest offset that works, shown, exported so, and saved so."""
    path = good_file(tmp_path)
    broken(path, set_in(*P, "steps", 1, "offset_days", value=1))
    with Store.open(path, today=TODAY, now=NOW) as store:
        (proc,) = store.processes()
        assert [step.offset_days for step in proc.steps] == [0, 0]
        store.save_process(proc.edited(name="Invoice clients, daily"))
    from cockpit.store import exchange

    with Store.open(path, read_only=True) as store:
        exported = orjson.loads(exchange.export_bytes(store, NOW))
    offsets = [s.get("offset_days", 0) for s in exported["tables"]["processes"]["1"]["steps"]]
    assert offsets == [0, 0]


def test_saving_a_late_step_or_a_501st_process_is_refused(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    with Store.open(path) as store:
        seed(store)
        with pytest.raises(ValidationError, match="the largest offset that works is 0") as late:
            store.save_process(process("daily", offsets=(0, 1)))
        assert late.value.field == "offset"
        for number in range(499):
            store.save_process(process("weekly", name=f"Process {number}"))
        assert len(store.processes()) == 500
        with pytest.raises(ValidationError, match="at most 500 processes"):
            store.save_process(process("weekly", name="One more"))
        store.save_process(process("weekly", name="Process 7").edited(stage=process().stage))
        assert len(store.processes()) == 500


# -- the checked stamp: a file Cockpit wrote is not checked twice, any other change is ------


def test_a_hand_edit_after_cockpit_wrote_the_file_is_still_caught(tmp_path: Path) -> None:
    path = good_file(tmp_path)
    with Store.open(path, today=TODAY, now=NOW):
        pass
    assert "cockpit-checked" in stamp_path(path).read_text()
    raw = path.read_bytes()
    edited = raw.replace(b'"date":"2026-11-03"', b'"date":"2026-02-30"', 1)  # same size
    assert len(edited) == len(raw) and edited != raw
    path.write_bytes(edited)
    with pytest.raises(StoreCorruptError, match=r"'2026-02-30' is not a date written YYYY-MM-DD"):
        Store.open(path, read_only=True)


def test_the_runs_of_a_stamped_file_are_not_checked_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = good_file(tmp_path)
    looked: list[int] = []
    checks = document._check_runs

    def counted(*args: Any) -> None:
        looked.append(1)
        checks(*args)

    monkeypatch.setattr(document, "_check_runs", counted)
    with Store.open(path, today=TODAY, now=NOW) as store:
        store.save_role(store.roles()[0])  # a write: stamped with what was written
    looked.clear()
    with Store.open(path, read_only=True) as store:
        assert len(store.open_occurrences()) == 3  # the index is built all the same
    assert looked == []
    stamp_path(path).write_text("garbage")  # a lost or torn stamp matches nothing
    with Store.open(path, read_only=True):
        pass
    assert looked == [1]
