"""The small tables (roles, systems, processes, history, reviews) are decoded once per change.

Working out a day reads the processes several times; the store keeps the decoded
records until the data changes in any way: a save, a batch, a rollback, an import.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cockpit.domain.model import Role
from cockpit.store.database import Store
from tests.store.helpers import ADMIN, data_file, seed


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
