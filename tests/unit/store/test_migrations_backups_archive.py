"""Schema migrations (after a backup copy), daily backups, and yearly archives of old history."""

from __future__ import annotations

import os
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from cockpit.domain.focus import FocusKind, FocusSession, FocusStatus
from cockpit.domain.materialize import materialize, new_occurrence
from cockpit.domain.occurrence import Occurrence
from cockpit.store import codec, core, document, migrations, opening
from cockpit.store.archive import archive_cutoff, archive_folder, archive_path
from cockpit.store.backups import backup_folder
from cockpit.store.database import Store
from cockpit.store.errors import StoreCorruptError
from cockpit.store.identity import manual_run_uid, new_uid
from cockpit.store.storage import encode
from tests.unit.domain.builders import process
from tests.unit.store.helpers import (
    ADMIN,
    NOW,
    SALES,
    TODAY,
    add,
    at,
    complete,
    data_file,
    file_state,
    parse,
    seed,
    skip,
    tables,
    temp_files,
)

# -- migrations -----------------------------------------------------------------------


def v0_document() -> tuple[dict[str, Any], list[Occurrence]]:
    """A file from before schema versions: tables of codec documents, no meta record."""
    invoice = process("weekly on fri", start=date(2026, 1, 2))
    calls = process("daily", start=date(2026, 3, 1), name="Call leads", role="sales")
    runs = [
        new_occurrence(invoice, date(2026, 10, 30), 3),
        complete(new_occurrence(invoice, date(2026, 10, 23), 2)),
        new_occurrence(calls, date(2026, 11, 3), 7),
        new_occurrence(calls, date(2026, 11, 20), 12, manual=True),  # not scheduled: no horizon
        new_occurrence(calls, date(2026, 11, 1), 5),
    ]
    session = FocusSession(
        id=4,
        kind=FocusKind.STOPWATCH,
        role="sales",
        started_at=at(date(2026, 11, 3)),
        ended_at=at(date(2026, 11, 3), 10),
        status=FocusStatus.LOGGED,
        minutes=60,
    )
    data = {
        "roles": {"1": codec.role_doc(ADMIN), "2": codec.role_doc(SALES)},
        "processes": {"1": codec.process_doc(invoice), "2": codec.process_doc(calls)},
        "occurrences": {str(o.no): codec.occurrence_doc(o) for o in runs},
        "focus": {"4": codec.focus_doc(session)},
    }
    return data, runs


def write_v0(path: Path) -> tuple[bytes, list[Occurrence]]:
    data, runs = v0_document()
    raw = encode(data)
    path.write_bytes(raw)
    return raw, runs


def with_identity(run: Occurrence) -> Occurrence:
    if not run.manual:
        return run
    return replace(run, uid=manual_run_uid(run.process_id, run.date, run.no))


def migration_backups(path: Path, schema: int) -> list[Path]:
    folder = backup_folder(path)
    return sorted(folder.glob(f"cockpit-schema{schema}-*.json")) if folder.is_dir() else []


def test_v0_file_is_migrated_after_a_backup_copy(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    original, runs = write_v0(path)

    with Store.open(path, today=TODAY, now=NOW) as store:
        assert store.meta()["schema"] == migrations.CURRENT_SCHEMA
        assert store.next_occurrence_no() == 13
        assert store.new_focus_id() == 5
        assert store.horizons() == {
            "invoice-clients": date(2026, 10, 30),
            "call-leads": date(2026, 11, 3),
        }
        # runs started by hand get a ULID derived from what they hold (schema 2)
        assert store.open_occurrences() == sorted(
            (with_identity(o) for o in runs if o.is_open), key=lambda o: (o.date, o.no)
        )
        assert [p.id for p in store.processes()] == ["call-leads", "invoice-clients"]

    on_disk = parse(path)["meta"]["1"]
    on_disk.pop("archived_before", None)  # bookkeeping of the archive, not of the migration
    assert on_disk == {
        "schema": migrations.CURRENT_SCHEMA,
        "next_no": 13,
        "next_focus": 5,
        "horizons": {"invoice-clients": "2026-10-30", "call-leads": "2026-11-03"},
    }
    (backup,) = migration_backups(path, 0)
    assert backup.name == "cockpit-schema0-20261124T090000.json"
    assert backup.read_bytes() == original
    assert temp_files(path) == []

    migrated = path.read_bytes()
    with Store.open(path, today=TODAY, now=NOW + timedelta(hours=1)):
        pass
    assert path.read_bytes() == migrated  # migrated once: the second open changes nothing
    assert len(migration_backups(path, 0)) == 1


def test_v0_file_opened_read_only_is_migrated_in_memory_only(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    write_v0(path)
    before = file_state(path)
    with Store.open(path, read_only=True, today=TODAY, now=NOW) as store:
        assert store.next_occurrence_no() == 13
        assert store.meta()["schema"] == migrations.CURRENT_SCHEMA
    assert file_state(path) == before
    assert not backup_folder(path).exists()


def test_migration_without_now_still_keeps_a_backup(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    original, _ = write_v0(path)
    with Store.open(path):
        pass
    copies = migration_backups(path, 0)
    assert [copy.read_bytes() for copy in copies] == [original]


def test_a_new_file_is_written_with_its_schema(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    with Store.open(path, today=TODAY, now=NOW) as store:
        store.save_role(ADMIN)  # what `cockpit init` does: roles, no occurrence yet
    assert parse(path).get("meta", {}).get("1", {}).get("schema") == migrations.CURRENT_SCHEMA
    written = file_state(path)
    with Store.open(path, now=NOW):
        pass
    assert file_state(path) == written
    assert migration_backups(path, 0) == []


@pytest.fixture
def schema_2(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Register a migration 1 -> 2 that writes every role's name in capitals; returns its call
    log. (It changes values, not fields: the schema of version 1 refuses a field it does not
    know, and a real version 2 would come with its own schema.)"""
    calls: list[int] = []

    def v1_to_v2(data: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        calls.append(1)
        for doc in data.get("roles", {}).values():
            doc["name"] = doc["name"].upper()
        return data

    monkeypatch.setitem(migrations.MIGRATIONS, 1, v1_to_v2)
    monkeypatch.setattr(migrations, "CURRENT_SCHEMA", 2)
    for module in (opening, document, core):  # the modules that bound the constant at import
        monkeypatch.setattr(module, "CURRENT_SCHEMA", 2)
    # migrate()'s default target was bound to the constant when the module was loaded
    monkeypatch.setattr(migrations.migrate, "__defaults__", (2,))
    return calls


def test_registered_migration_runs_once_and_is_written(tmp_path: Path, schema_2: list[int]) -> None:
    path = data_file(tmp_path)
    with Store.open(path) as store:
        seed(store)
    data = parse(path)
    data["meta"]["1"]["schema"] = 1
    path.write_bytes(encode(data))
    original = path.read_bytes()

    with Store.open(path, now=NOW) as store:
        assert schema_2 == [1]
        assert store.meta()["schema"] == 2
        assert [role.name for role in store.roles()] == ["SALES", "ADMIN"]
    migrated = parse(path)
    assert migrated["meta"]["1"]["schema"] == 2
    assert sorted(doc["name"] for doc in migrated["roles"].values()) == ["ADMIN", "SALES"]
    (backup,) = migration_backups(path, 1)
    assert backup.read_bytes() == original

    before = file_state(path)
    with Store.open(path, now=NOW + timedelta(days=1)):
        pass
    assert schema_2 == [1]
    assert file_state(path) == before
    assert len(migration_backups(path, 1)) == 1


def test_failing_migration_leaves_the_file_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = data_file(tmp_path)
    write_v0(path)

    def broken(data: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        raise KeyError("a field the migration expected")

    monkeypatch.setitem(migrations.MIGRATIONS, 0, broken)
    before = file_state(path)
    with pytest.raises(StoreCorruptError, match="could not be brought from schema 0 to 2"):
        Store.open(path, today=TODAY, now=NOW)
    assert file_state(path) == before
    assert migration_backups(path, 0) == []  # migrated in memory first: nothing was copied
    monkeypatch.undo()
    with Store.open(path, now=NOW) as store:  # the lock was let go; the real migration works
        assert store.next_occurrence_no() == 13


# -- daily backups --------------------------------------------------------------------


def daily(path: Path, day: date) -> Path:
    return backup_folder(path) / f"cockpit-{day.isoformat()}.json"


def test_daily_backup_is_made_once_a_day(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    with Store.open(path, today=TODAY, now=NOW) as store:
        assert not backup_folder(path).exists()  # nothing to copy yet
        seed(store)
    first = path.read_bytes()

    with Store.open(path, today=TODAY, now=NOW) as store:
        assert daily(path, TODAY).read_bytes() == first
        copied = file_state(daily(path, TODAY))
        store.save_role(ADMIN.__class__(id="delivery", name="Delivery"))
    with Store.open(path, today=TODAY, now=NOW):
        pass
    assert file_state(daily(path, TODAY)) == copied  # once a day: not replaced by later opens

    tomorrow = TODAY + timedelta(days=1)
    with Store.open(path, today=tomorrow, now=NOW):
        pass
    assert daily(path, tomorrow).read_bytes() == path.read_bytes() != first
    assert sorted(p.name for p in backup_folder(path).iterdir()) == [
        "cockpit-2026-11-24.json",
        "cockpit-2026-11-25.json",
    ]
    assert temp_files(daily(path, TODAY)) == []


# -- yearly archives ------------------------------------------------------------------

CUTOFF = archive_cutoff(TODAY)  # 2025-01-01


def focus(no: int, day: date, status: FocusStatus) -> FocusSession:
    ended = status is FocusStatus.LOGGED
    return FocusSession(
        id=no,
        kind=FocusKind.STOPWATCH,
        role="admin",
        started_at=at(day),
        ended_at=at(day, 10) if ended else None,
        status=status,
        minutes=60 if ended else None,
        uid=new_uid(at(day)),
    )


def history(path: Path) -> dict[str, list[Any]]:
    """Three years of history, written without archiving; returns what was written."""
    proc = process("daily", start=date(2023, 1, 1))
    days = [date(2023, 3, d) for d in range(1, 11)] + [date(2024, 6, d) for d in range(1, 11)]
    old = [new_occurrence(proc, day, no) for no, day in enumerate(days, start=1)]
    old_closed = [complete(o) if o.no % 2 else skip(o) for o in old]
    old_open = new_occurrence(proc, date(2024, 12, 30), 21)  # still open: stays live
    recent = [new_occurrence(proc, date(2025, 2, 1), 22), new_occurrence(proc, TODAY, 23)]
    recent_closed = [complete(recent[0]), recent[1]]
    sessions = [
        focus(1, date(2023, 3, 1), FocusStatus.LOGGED),
        focus(2, date(2024, 6, 1), FocusStatus.LOGGED),
        focus(3, date(2024, 12, 30), FocusStatus.PAUSED),  # active: stays live
        focus(4, date(2026, 11, 2), FocusStatus.LOGGED),
    ]
    with Store.open(path) as store:
        store.save_role(ADMIN)
        store.save_process(proc)
        add(store, [*old, old_open, *recent])
        store.save_occurrences([*old_closed, *recent_closed])
        for session in sessions:
            store.save_focus(session)
    return {
        "archived": old_closed,
        "live": [old_open, *recent_closed],
        "sessions": sessions,
    }


def test_old_closed_history_moves_to_yearly_archives(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    written = history(path)
    size_before = path.stat().st_size
    with Store.open(path, read_only=True) as reader:
        snapshot_before = tables(reader.snapshot())

    with Store.open(path, today=TODAY, now=NOW) as store:
        live = parse(path)
        assert sorted(int(key) for key in live["occurrences"]) == [21, 22, 23]
        assert sorted(int(key) for key in live["focus"]) == [3, 4]
        assert path.stat().st_size < size_before / 3

        assert archive_folder(path).is_dir()
        assert sorted(p.name for p in archive_folder(path).iterdir()) == [
            "cockpit-2023.json",
            "cockpit-2024.json",
        ]
        y2023, y2024 = parse(archive_path(path, 2023)), parse(archive_path(path, 2024))
        assert sorted(int(k) for k in y2023["occurrences"]) == list(range(1, 11))
        assert sorted(int(k) for k in y2024["occurrences"]) == list(range(11, 21))
        assert list(y2023["focus"]) == ["1"] and list(y2024["focus"]) == ["2"]

        # the open ones stay live
        assert [o.no for o in store.open_occurrences()] == [21, 23]
        # archived history is still there for whoever asks
        everything = sorted(written["archived"] + written["live"], key=lambda o: (o.date, o.no))
        assert store.occurrences(since=date(2023, 1, 1)) == everything
        assert store.occurrences() == everything
        assert store.occurrences(since=date(2024, 6, 5), until=date(2024, 6, 6)) == [
            o for o in written["archived"] if o.no in (15, 16)
        ]
        assert store.occurrences(since=CUTOFF) == sorted(written["live"][1:], key=lambda o: o.date)
        for old in (written["archived"][0], written["archived"][-1]):
            assert store.occurrence(old.no) == old
        assert store.occurrence(99) is None
        assert store.focus_sessions(since=date(2023, 1, 1)) == written["sessions"]
        after = tables(store.snapshot())
        assert tables(after, drop=["meta"]) == tables(snapshot_before, drop=["meta"])
        assert store.last_closed_on() == {"invoice-clients": date(2025, 2, 1)}

        archives = {year: file_state(archive_path(path, year)) for year in (2023, 2024)}
        live_state = file_state(path)
        assert store.archive_before(CUTOFF) == 0  # twice: nothing more to move

    with Store.open(path, today=TODAY, now=NOW) as store:
        assert store.archive_before(CUTOFF) == 0
        assert len(store.occurrences()) == 23
    assert {year: file_state(archive_path(path, year)) for year in (2023, 2024)} == archives
    assert file_state(path) == live_state
    assert temp_files(archive_path(path, 2023)) == []


def test_a_crash_between_archive_and_live_write_duplicates_nothing(tmp_path: Path) -> None:
    """The archive is written first: a crash before the live write leaves documents in both."""
    path = data_file(tmp_path)
    written = history(path)
    before = parse(path)
    with Store.open(path, today=TODAY, now=NOW):
        pass
    path.write_bytes(encode(before))  # as if the live file had never been written

    with Store.open(path, read_only=True) as reader:
        assert len(reader.occurrences()) == 23
        assert len(reader.snapshot()["occurrences"]) == 23
        assert len(reader.focus_sessions()) == 4
    with Store.open(path, today=TODAY, now=NOW) as store:
        assert sorted(int(key) for key in parse(path)["occurrences"]) == [21, 22, 23]
        assert len(parse(archive_path(path, 2023))["occurrences"]) == 10
        assert len(parse(archive_path(path, 2024))["occurrences"]) == 10
        assert store.occurrences() == sorted(
            written["archived"] + written["live"], key=lambda o: (o.date, o.no)
        )


def test_archiving_keeps_when_each_process_was_last_done(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    battery = process("18 months after done", start=date(2024, 3, 1), name="Check backups")
    run = new_occurrence(battery, date(2024, 3, 1), 1)
    with Store.open(path) as store:
        store.save_role(ADMIN)
        store.save_process(battery)
        add(store, [run])
        store.save_occurrences([complete(run)])
        assert store.last_closed_on() == {"check-backups": date(2024, 3, 1)}

    with Store.open(path, today=TODAY, now=NOW):  # 2024 moves to the archive
        assert parse(path)["occurrences"] == {}
    with Store.open(path, today=TODAY, now=NOW) as store:  # the next start
        assert store.last_closed_on() == {"check-backups": date(2024, 3, 1)}
        due = materialize(
            store.processes(),
            {},
            store.last_closed_on(),
            store.horizons(),
            TODAY,
            datetime(2026, 11, 24, 9, tzinfo=UTC),
            store.next_occurrence_no(),
        )
        assert [o.date for o in due.created] == [date(2025, 9, 1)]


def test_stale_temp_files_of_the_data_file_are_removed_on_open(tmp_path: Path) -> None:
    path = data_file(tmp_path)
    with Store.open(path) as store:
        seed(store)
    before = path.read_bytes()
    stale = [path.with_name(f".cockpit.json.tmp-{n}-deadbeef") for n in (1, 2)]
    for leftover in stale:
        leftover.write_bytes(b'{"half": ')
    unrelated = path.with_name(".other.json.tmp-1-deadbeef")
    unrelated.write_bytes(b"x")
    with Store.open(path, read_only=True):
        assert all(p.exists() for p in stale)  # a reader never deletes: the writer may be live
    with Store.open(path):
        assert temp_files(path) == []
        assert unrelated.exists()
    assert path.read_bytes() == before
    os.remove(unrelated)
