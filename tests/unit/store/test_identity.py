"""Identities that survive two devices: ULIDs, a scheduled run's process and date, migration."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cockpit.store import codec
from cockpit.store.database import Store
from cockpit.store.errors import StoreCorruptError
from cockpit.store.identity import (
    derived_uid,
    focus_identity,
    is_uid,
    new_uid,
    run_identity,
)
from cockpit.store.migrations import CURRENT_SCHEMA, migrate
from cockpit.store.storage import decode, encode

NOON = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def test_a_new_uid_is_a_ulid_and_never_the_same_twice() -> None:
    made = {new_uid(NOON) for _ in range(1000)}
    assert len(made) == 1000
    assert all(is_uid(uid) for uid in made)


@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 12, 31)))
def test_ulids_sort_by_the_moment_they_were_made(moment: datetime) -> None:
    moment = moment.replace(tzinfo=UTC)
    later = moment + timedelta(milliseconds=1)
    assert new_uid(moment)[:10] < new_uid(later)[:10]


def test_a_derived_uid_is_the_same_for_the_same_record_and_differs_for_another() -> None:
    assert derived_uid(NOON, "invoice", 3) == derived_uid(NOON, "invoice", 3)
    assert derived_uid(NOON, "invoice", 3) != derived_uid(NOON, "invoice", 4)
    assert is_uid(derived_uid(NOON, "x"))


def test_a_scheduled_run_is_its_process_and_date_a_manual_one_its_ulid() -> None:
    scheduled = {"no": 412, "process": "invoice-clients", "date": "2026-12-04"}
    assert run_identity(scheduled) == "invoice-clients@2026-12-04"
    assert run_identity({**scheduled, "no": 9}) == run_identity(scheduled)  # numbers are per file
    uid = new_uid(NOON)
    assert run_identity({**scheduled, "manual": True, "uid": uid}) == uid
    old_manual = {**scheduled, "manual": True}
    assert is_uid(run_identity(old_manual))
    assert run_identity(old_manual) == run_identity(dict(old_manual))


def v1_file() -> dict[str, dict[str, dict[str, object]]]:
    return {
        "meta": {"1": {"schema": 1, "next_no": 3, "next_focus": 2}},
        "roles": {"1": {"id": "admin", "name": "Admin"}},
        "processes": {
            "1": {
                "id": "calls",
                "name": "Calls",
                "role": "admin",
                "schedule": {"text": "on demand", "kind": "on_demand"},
                "start": "2026-11-01",
                "steps": [{"id": "s1", "title": "Call"}],
            }
        },
        "occurrences": {
            "1": {"no": 1, "process": "calls", "date": "2026-12-01", "manual": True},
            "2": {"no": 2, "process": "calls", "date": "2026-12-02", "manual": True},
        },
        "focus": {
            "1": {
                "id": 1,
                "kind": "stopwatch",
                "role": "admin",
                "started_at": "2026-12-01T09:00:00+00:00",
                "status": "logged",
                "ended_at": "2026-12-01T09:30:00+00:00",
                "minutes": 30,
            }
        },
    }


def test_migrating_an_old_file_gives_every_hand_started_run_and_session_a_ulid() -> None:
    laptop = migrate(v1_file(), 1)
    desktop = migrate(v1_file(), 1)
    assert laptop == desktop  # two devices migrating one old file agree
    runs = laptop["occurrences"]
    assert is_uid(runs["1"]["uid"]) and is_uid(runs["2"]["uid"])
    assert runs["1"]["uid"] != runs["2"]["uid"]
    assert is_uid(laptop["focus"]["1"]["uid"])
    assert focus_identity(laptop["focus"]["1"]) == focus_identity(v1_file()["focus"]["1"])
    assert laptop["meta"]["1"]["schema"] == CURRENT_SCHEMA


def test_an_old_data_file_opens_migrated_and_keeps_its_identities(tmp_path: Path) -> None:
    path = tmp_path / "cockpit.json"
    path.write_bytes(encode(v1_file()))
    with Store.open(path, today=date(2026, 12, 4), now=NOON) as store:
        uids = {run.no: run.uid for run in store.open_occurrences()}
        assert all(is_uid(uid) for uid in uids.values())
        assert store.focus_sessions()[0].uid == decode(path.read_bytes())["focus"]["1"]["uid"]
    with Store.open(path) as again:
        assert {run.no: run.uid for run in again.open_occurrences()} == uids


def test_a_uid_that_is_no_ulid_is_refused_by_place(tmp_path: Path) -> None:
    data = migrate(v1_file(), 1)
    data["focus"]["1"]["uid"] = "../../etc"
    path = tmp_path / "cockpit.json"
    path.write_bytes(encode(data))
    before = path.read_bytes()
    with pytest.raises(StoreCorruptError, match=r'focus\["1"\]\.uid'):
        Store.open(path)
    assert path.read_bytes() == before


def test_a_run_started_by_hand_keeps_its_ulid_through_the_codec() -> None:
    doc = {"no": 5, "process": "calls", "date": "2026-12-04", "manual": True, "uid": "0" * 26}
    assert codec.occurrence_doc(codec.occurrence_from(doc))["uid"] == "0" * 26
