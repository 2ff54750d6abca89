"""The tasks table: saved and read back through a real file, checked at the door with a
located message, recorded for undo, merged by uid across two devices, exported and imported."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cockpit.domain.errors import CockpitError
from cockpit.domain.tasks import Task
from cockpit.store import exchange
from cockpit.store.database import Store
from cockpit.store.identity import new_uid
from cockpit.store.merge import merge_task
from cockpit.store.merge_tables import merge_tables
from cockpit.store.undo_record import put_back, recording
from tests.unit.store.helpers import ADMIN, NOW, data_file, seed

Doc = dict[str, Any]


def task(number: int, title: str = "Call the accountant", **fields: Any) -> Task:
    at = datetime(2026, 11, 24, 9, number % 60, tzinfo=UTC)
    return Task(id=number, title=title, created_at=at, uid=new_uid(at), **fields)


@pytest.fixture
def path(tmp_path: Path) -> Path:
    with Store.open(data_file(tmp_path)) as store:
        seed(store)
    return data_file(tmp_path)


def test_tasks_are_saved_and_read_back_from_the_file(path: Path) -> None:
    due = date(2026, 12, 4)
    with Store.open(path) as store:
        first = store.save_task(task(1, role_id="admin", due=due, first_due=due, estimate=15))
        second = store.save_task(task(2, "Renew the domain"))
        store.save_task(first.done(NOW, 20))
    with Store.open(path, read_only=True) as store:
        tasks = store.tasks()
        assert [t.title for t in tasks] == ["Call the accountant", "Renew the domain"]
        assert tasks[0] == first.done(NOW, 20)
        assert store.task(2) == second and store.task(3) is None
        assert [t.id for t in store.tasks() if t.is_open] == [2]
        assert store.new_task_id() == 3


def test_a_new_task_whose_number_is_taken_takes_the_next(path: Path) -> None:
    with Store.open(path) as store:
        store.save_task(task(1))
        other = store.save_task(task(1, "Another"))  # another uid under the same number
        assert other.id == 2
        assert [t.title for t in store.tasks()] == ["Call the accountant", "Another"]


def test_a_file_without_tasks_opens_unchanged_and_has_none(path: Path) -> None:
    before = path.read_bytes()
    assert b'"tasks"' not in before
    with Store.open(path) as store:
        assert store.tasks() == []
        store.plan(date(2026, 11, 24))
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("estimate", -5, "estimate"),
        ("due", "2026-02-30", "due"),
        ("title", "", "title"),
        ("role", "nobody", "unknown role"),
        ("nmae", "x", "nmae"),
        ("status", "maybe", "status"),
        ("minutes", 5, "an open task has no minutes"),
        ("reason", "why", "an open task has no reason"),
    ],
)
def test_a_bad_task_record_is_refused_with_its_place_and_the_file_kept(
    path: Path, field: str, value: Any, said: str
) -> None:
    with Store.open(path) as store:
        store.save_task(task(7))
    data = orjson.loads(path.read_bytes())
    data["tasks"]["7"][field] = value
    path.write_bytes(orjson.dumps(data))
    before = path.read_bytes()
    with pytest.raises(CockpitError) as refused:
        Store.open(path)
    message = str(refused.value)
    assert "tasks" in message and '"7"' in message and said in message, message
    assert path.read_bytes() == before


def test_undo_and_redo_put_a_task_back(path: Path) -> None:
    with Store.open(path) as store:
        kept = store.save_task(task(1))
        with recording(store) as added:
            store.save_task(task(2, "Renew the domain"))
        with recording(store) as closed:
            store.save_task(kept.done(NOW, 5))
        put_back(store, closed.changes())
        assert store.task(1) == kept
        put_back(store, added.changes())
        assert [t.id for t in store.tasks()] == [1]
        put_back(store, added.changes(), forward=True)
        assert [t.title for t in store.tasks()] == ["Call the accountant", "Renew the domain"]


def test_export_and_import_carry_tasks(path: Path, tmp_path: Path) -> None:
    with Store.open(path) as store:
        store.save_task(task(1, role_id="admin", estimate=15))
        export = tmp_path / "export.json"
        export.write_bytes(exchange.export_bytes(store, NOW))
        tasks = store.tasks()
    assert len(orjson.loads(export.read_bytes())["tables"]["tasks"]) == 1
    with Store.open(tmp_path / "other" / "cockpit.json") as target:
        exchange.import_file(target, export, NOW)
        assert target.tasks() == tasks


def doc(**fields: Any) -> Doc:
    base: Doc = {"uid": "01JA", "title": "Call", "created_at": "2026-11-24T09:00:00+00:00"}
    return {**base, **fields}


def test_the_same_task_changed_on_both_devices() -> None:
    opened, done = doc(due="2026-12-04"), doc(status="done", closed_at="2026-12-01T10:00:00Z")
    assert merge_task(opened, done) == merge_task(done, opened) == done
    skipped = doc(status="skipped", closed_at="2026-12-01T11:00:00Z", reason="no")
    assert merge_task(done, skipped) == merge_task(skipped, done) == done  # though earlier
    later_done = doc(status="done", closed_at="2026-12-01T12:00:00Z")
    assert merge_task(done, later_done) == merge_task(later_done, done) == later_done
    moved = doc(due="2026-12-08", first_due="2026-12-04")
    assert merge_task(opened, moved)["due"] == "2026-12-08"
    assert merge_task(doc(due="2026-12-09"), moved)["first_due"] == "2026-12-04"


def tables_with(*docs: Doc) -> dict[str, Any]:
    return {"tasks": {str(i + 1): d for i, d in enumerate(docs)}}


def test_two_devices_tasks_under_the_same_number_are_both_kept() -> None:
    mine = tables_with(doc(uid="A", title="Mine"))
    theirs = tables_with(doc(uid="B", title="Theirs"), doc(uid="A", title="Mine", due="2026-12-04"))
    merged, report = merge_tables(mine, theirs)
    assert {k: d["title"] for k, d in merged["tasks"].items()} == {"1": "Mine", "2": "Theirs"}
    assert merged["tasks"]["1"]["due"] == "2026-12-04"
    assert sorted(report.tasks) == ["Mine", "Theirs"]


STATES = st.sampled_from(
    [
        {},
        {"due": "2026-12-04", "first_due": "2026-12-04"},
        {"due": "2026-12-08", "first_due": "2026-12-01"},
        {"status": "done", "closed_at": "2026-12-01T10:00:00+00:00", "minutes": 5},
        {"status": "skipped", "closed_at": "2026-12-01T10:00:00+00:00", "reason": "no"},
        {"status": "done", "closed_at": "2026-12-02T10:00:00+00:00"},
        {"role": "admin"},
    ]
)
DEVICE = st.lists(st.tuples(st.sampled_from("ABCD"), STATES), max_size=4, unique_by=lambda p: p[0])


def canonical(data: dict[str, Any]) -> dict[str, Doc]:
    return {d["uid"]: d for d in data.get("tasks", {}).values()}


@settings(max_examples=200, deadline=None)
@given(DEVICE, DEVICE, DEVICE)
def test_merging_tasks_is_commutative_idempotent_and_loses_none(
    one: list[tuple[str, Doc]], two: list[tuple[str, Doc]], three: list[tuple[str, Doc]]
) -> None:
    a = tables_with(*(doc(uid=u, **s) for u, s in one))
    b = tables_with(*(doc(uid=u, **s) for u, s in two))
    c = tables_with(*(doc(uid=u, **s) for u, s in three))
    ab, _ = merge_tables(a, b)
    ba, _ = merge_tables(b, a)
    assert canonical(ab) == canonical(ba)
    assert canonical(merge_tables(ab, b)[0]) == canonical(ab)
    assert set(canonical(ab)) == {u for u, _ in one} | {u for u, _ in two}
    assert len(ab.get("tasks", {})) == len(canonical(ab))  # one number a task
    left, _ = merge_tables(ab, c)
    right, _ = merge_tables(a, merge_tables(b, c)[0])
    assert canonical(left) == canonical(right)


def test_a_focus_session_keeps_the_task_it_is_on(path: Path) -> None:
    from cockpit.domain.focus import FocusKind, FocusSession

    with Store.open(path) as store:
        on = store.save_task(task(1, role_id=ADMIN.id))
        session = FocusSession(
            id=store.new_focus_id(),
            role=ADMIN.id,
            kind=FocusKind.STOPWATCH,
            started_at=NOW,
            uid=new_uid(NOW),
            task_uid=on.uid,
        )
        store.save_focus(session)
    with Store.open(path, read_only=True) as store:
        (again,) = [s for s in store.focus_sessions() if s.task_uid]
        assert again.task_uid == on.uid
    assert replace(again, task_uid="") != again


def test_a_planned_task_keeps_its_place_in_the_plan_when_merge_renumbers_it() -> None:
    day = "2026-12-04"
    mine = tables_with(doc(uid="A", title="Mine"))
    mine["plans"] = {"1": {"date": day, "steps": ["t1"]}}
    theirs = tables_with(doc(uid="B", title="Theirs"))
    theirs["plans"] = {"1": {"date": day, "steps": ["t1"]}}
    merged, report = merge_tables(mine, theirs)
    numbers = {d["title"]: f"t{k}" for k, d in merged["tasks"].items()}
    assert numbers == {"Mine": "t1", "Theirs": "t2"}
    assert sorted(merged["plans"]["1"]["steps"]) == ["t1", "t2"]  # both, each its own
    assert report.plans == [day]


def test_a_focus_session_on_a_task_not_in_the_file_is_refused_with_its_place(
    path: Path,
) -> None:
    from cockpit.domain.focus import FocusKind, FocusSession

    with Store.open(path) as store:
        session = FocusSession(
            id=store.new_focus_id(),
            role=ADMIN.id,
            kind=FocusKind.STOPWATCH,
            started_at=NOW,
            uid=new_uid(NOW),
            task_uid=new_uid(NOW),  # no such task
        )
        store.save_focus(session)
    data = orjson.loads(path.read_bytes())  # as a hand edit or another program leaves it
    path.write_bytes(orjson.dumps(data))
    before = path.read_bytes()
    with pytest.raises(CockpitError) as refused:
        Store.open(path)
    assert "focus" in str(refused.value) and "not in the file" in str(refused.value)
    assert path.read_bytes() == before
