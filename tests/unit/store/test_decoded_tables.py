"""The small tables (roles, systems, processes, history, reviews): each document decoded once.

Working out a day reads the processes several times; the store keeps a document's
decoded record while the document stays the same object. A save, a rollback or an
import always brings a new object, so it is decoded again; the rest are kept.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cockpit.domain.model import Role
from cockpit.store.database import Store
from tests.unit.store.helpers import ADMIN, data_file, seed


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store.open(data_file(tmp_path)) as opened:
        seed(opened)
        yield opened


def test_unchanged_data_is_decoded_once_and_shared(store: Store) -> None:
    first, second = store.processes(), store.processes()
    assert first == second and first is not second  # each caller gets its own list...
    assert all(a is b for a, b in zip(first, second, strict=True))  # ...of the same records
    first.clear()
    assert store.processes() == second  # a caller's list is its own to change


def test_every_save_is_seen_at_once(store: Store) -> None:
    before = store.processes()
    proc = before[0]
    store.save_process(proc.edited(notes="new notes"))
    after = store.processes()
    assert after[0].notes == "new notes" and after[0].version == proc.version + 1
    assert before[0] is proc and proc.notes != "new notes"  # what a caller held is unchanged
    assert [p.version for p in store.process_history()] == [proc.version]
    store.save_role(Role(id="ops", name="Ops"))
    assert "ops" in {role.id for role in store.roles()}


def test_a_change_inside_a_batch_shows_inside_and_goes_with_a_rollback(store: Store) -> None:
    proc = store.processes()[0]
    roles = store.roles()
    with pytest.raises(RuntimeError, match="boom"), store.batch():
        store.save_process(proc.edited(notes="inside"))
        store.save_role(Role(id="admin", name="Admin & finance", order=ADMIN.order))
        assert store.processes()[0].notes == "inside"
        assert "Admin & finance" in {role.name for role in store.roles()}
        raise RuntimeError("boom")
    assert store.processes() == [proc]
    assert store.roles() == roles


def test_an_import_replaces_what_was_decoded(store: Store) -> None:
    snapshot = store.snapshot()
    proc = store.processes()[0]
    store.save_process(proc.edited(notes="after the snapshot"))
    assert store.processes()[0].notes == "after the snapshot"
    store.replace_all(snapshot)
    assert store.processes() == [proc]


def test_a_change_elsewhere_keeps_the_decoded_records(store: Store) -> None:
    processes, roles = store.processes(), store.roles()
    store.save_plan(store.open_occurrences()[0].date, ["1.1"])  # another table
    store.save_role(Role(id="sales", name="Sales & marketing", order=0))  # one role
    assert all(a is b for a, b in zip(store.processes(), processes, strict=True))
    now = {role.id: role for role in store.roles()}
    assert now["sales"].name == "Sales & marketing"
    assert now["admin"] is next(role for role in roles if role.id == "admin")
