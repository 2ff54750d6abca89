"""Export and import of the whole data: a faithful round trip; a bad file writes nothing."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest

from cockpit.domain.errors import CockpitError, ValidationError
from cockpit.domain.focus import FocusKind, FocusSession, FocusStatus
from cockpit.domain.materialize import new_occurrence
from cockpit.domain.model import Kpi, Role, Stage, System, TimeBlock
from cockpit.domain.review import Review
from cockpit.store import exchange
from cockpit.store.archive import archive_folder
from cockpit.store.backups import backup_folder
from cockpit.store.database import Store
from tests.unit.domain.builders import process
from tests.unit.store.helpers import (
    NOW,
    SALES,
    TODAY,
    add,
    at,
    complete,
    file_state,
    parse,
    skip,
    tables,
    temp_files,
)

PAST = 1_600_000_000_000_000_000

ADMIN = Role(
    id="admin",
    name="Admin",
    colour="#d08770",
    order=2,
    budget_minutes=90,
    blocks={"mon": (TimeBlock.parse("09:00-10:30"),), "fri": (TimeBlock.parse("14:00-15:00"),)},
)


def business(path: Path) -> None:
    """Every kind of record, with history old enough to be archived."""
    invoice = process("every 2 weeks on fri", start=date(2023, 1, 6), steps=3)
    invoice = replace(invoice, system="finance", target_minutes=45, purpose="get paid")
    calls = process("daily", start=date(2024, 1, 1), name="Call leads", role="sales")
    with Store.open(path) as store:
        store.save_role(ADMIN)
        store.save_role(SALES)
        store.save_system(
            System(
                id="finance",
                name="Financial management",
                description="money in, money out",
                tools=("QuickBooks", "bank"),
                people=("accountant",),
                kpis=(Kpi("Days sales outstanding", "days", 30, "down"),),
            )
        )
        store.save_process(invoice)
        store.save_process(calls)
        old = [
            new_occurrence(invoice, date(2023, 1, 6) + timedelta(weeks=2 * i), i + 1)
            for i in range(5)
        ]
        recent = [
            new_occurrence(calls, date(2026, 11, 20) + timedelta(days=i), 6 + i) for i in range(4)
        ]
        manual = new_occurrence(invoice, date(2026, 11, 21), 10, manual=True)
        add(store, [*old, *recent, manual])
        store.save_occurrences(
            [
                complete(old[0]),
                skip(old[1]),
                old[2].miss(at(date(2023, 2, 17)), date(2023, 2, 17)),
                complete(old[3]),
                complete(old[4]),
                recent[0].complete_step("s1", at(TODAY), TODAY, 5),
                recent[1].keep(),
                recent[2].snooze(date(2026, 11, 25), TODAY, None),
            ]
        )
        store.save_process(invoice.edited(notes="use the new template", stage=Stage.TESTING))
        store.save_focus(
            FocusSession(
                id=1,
                kind=FocusKind.POMODORO,
                role="admin",
                started_at=at(date(2023, 1, 6)),
                planned_seconds=1500,
                occurrence_no=1,
                step_id="s1",
                ended_at=at(date(2023, 1, 6), 10),
                status=FocusStatus.LOGGED,
                minutes=25,
                note="done early",
            )
        )
        store.save_focus(
            FocusSession(
                id=2,
                kind=FocusKind.STOPWATCH,
                role="sales",
                started_at=at(TODAY),
                occurrence_no=6,
                step_id="s2",
            )
        )
        store.save_review(
            Review(
                "2026-W47",
                "slipped on calls",
                at(TODAY),
                {"finance": {"Days sales outstanding": 41.5}},
            )
        )
        store.save_plan(TODAY, ["6.2", "7.1"])
    with Store.open(path, today=TODAY, now=NOW):
        pass  # the 2023 history moves to the archive


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "source" / "cockpit.json"
    path.parent.mkdir()
    business(path)
    assert archive_folder(path).is_dir()
    return path


def everything(store: Store) -> dict[str, Any]:
    return {
        "roles": store.roles(),
        "systems": store.systems(),
        "processes": store.processes(),
        "history": store.process_history(),
        "occurrences": store.occurrences(),
        "open": store.open_occurrences(),
        "last_closed": store.last_closed_on(),
        "focus": store.focus_sessions(),
        "active": store.active_focus(),
        "review": store.review("2026-W47"),
        "plan": store.plan(TODAY),
        "next_no": store.next_occurrence_no(),
        "next_focus": store.new_focus_id(),
        "horizons": store.horizons(),
    }


def test_export_then_import_into_a_fresh_file_round_trips_everything(
    source: Path, tmp_path: Path
) -> None:
    with Store.open(source, read_only=True) as store:
        exported = exchange.export_bytes(store, NOW)
        original = tables(store.snapshot())
        seen = everything(store)
    export = tmp_path / "export.json"
    export.write_bytes(exported)
    document = orjson.loads(exported)
    assert document["format"] == "cockpit-export"
    assert len(document["tables"]["occurrences"]) == 10  # archived history included

    target = tmp_path / "target" / "cockpit.json"
    with Store.open(target) as store:
        exchange.import_file(store, export, NOW)
        assert everything(store) == seen
        imported = tables(store.snapshot())
        again = exchange.export_bytes(store, NOW)

    # every table alike; of the meta record, the counters and horizons (not volatile fields)
    assert tables(imported, drop=["_default", "meta"]) == tables(
        original, drop=["_default", "meta"]
    )
    counters = ("schema", "next_no", "next_focus", "horizons")
    meta, source_meta = imported["meta"]["1"], original["meta"]["1"]
    assert {k: meta.get(k) for k in counters} == {k: source_meta.get(k) for k in counters}
    assert source_meta["next_no"] == 11 and source_meta["horizons"]
    assert orjson.loads(again)["tables"] == document["tables"]
    with Store.open(target, read_only=True) as store:  # and it is on disk, not only in memory
        assert everything(store) == seen


def test_import_replaces_the_old_data_after_a_backup(source: Path, tmp_path: Path) -> None:
    with Store.open(source, read_only=True) as store:
        export = tmp_path / "export.json"
        export.write_bytes(exchange.export_bytes(store, NOW))
        seen = everything(store)
    target = tmp_path / "target" / "cockpit.json"
    with Store.open(target) as store:
        store.save_role(Role(id="marketing", name="Marketing"))
        old = target.read_bytes()
        exchange.import_file(store, export, NOW)
        assert everything(store) == seen
    (backup,) = backup_folder(target).glob("cockpit-before-import-*.json")
    assert backup.read_bytes() == old


# -- bad documents ---------------------------------------------------------------------

Doc = dict[str, Any]


def set_in(*path: str | int, value: Any) -> Callable[[Doc], None]:
    def change(document: Doc) -> None:
        node: Any = document
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change


def delete_in(*path: str | int) -> Callable[[Doc], None]:
    def change(document: Doc) -> None:
        node: Any = document
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]

    return change


def first_key(table: str) -> Callable[[Doc], str]:
    return lambda document: sorted(document["tables"][table], key=int)[0]


# name: (change to a good export, words the message must hold)
BAD: dict[str, tuple[Callable[[Doc], None], list[str]]] = {
    "wrong format marker": (set_in("format", value="tinydb"), ["not a Cockpit export", '"format"']),
    "no format marker": (delete_in("format"), ["not a Cockpit export"]),
    "tables not records": (set_in("tables", value="roles"), ["tables: expected an object"]),
    "schema too new": (set_in("schema", value=99), ["newer Cockpit", "schema 99"]),
    "occurrence of a missing process": (
        set_in("tables", "occurrences", "7", "process", value="ghost"),
        ["occurrence 7", "'ghost'", "not there"],
    ),
    "occurrence of a missing version": (
        set_in("tables", "occurrences", "7", "version", value=9),
        ["occurrence 7", "version 9"],
    ),
    "process with an unknown role": (
        set_in("tables", "processes", "2", "role", value="marketing"),
        ['process "Call leads"', "unknown role 'marketing'"],
    ),
    "process with an unknown system": (
        set_in("tables", "processes", "1", "system", value="crm"),
        ['process "Invoice clients"', "unknown system 'crm'"],
    ),
    "negative estimate": (
        set_in("tables", "processes", "2", "steps", 1, "estimate_minutes", value=-5),
        ['processes["call-leads"].steps[1].estimate_minutes', "a whole number, at least 0"],
    ),
    "bad date": (
        set_in("tables", "occurrences", "7", "date", value="2026-13-45"),
        ['occurrences["7"].date', "'2026-13-45' is not a date written YYYY-MM-DD"],
    ),
    "bad instant": (
        set_in("tables", "focus", "2", "started_at", value="yesterday"),
        ['focus["2"].started_at', "'yesterday' is not an instant"],
    ),
    "missing field": (
        delete_in("tables", "roles", "1", "name"),
        ['roles["admin"].name', "is missing"],
    ),
    "bad colour": (
        set_in("tables", "roles", "1", "colour", value="orange"),
        ['roles["admin"].colour', 'role colour "orange" must be a hex colour'],
    ),
    "bad schedule": (
        set_in("tables", "processes", "2", "schedule", "kind", value="sometimes"),
        ['processes["call-leads"].schedule.kind', "unknown value 'sometimes'; use one of"],
    ),
    "occurrence under another number": (
        set_in("tables", "occurrences", "7", "no", value=8),
        ['occurrences["7"].no', "says it is run number 8"],
    ),
    "focus with an unknown role": (
        set_in("tables", "focus", "2", "role", value="marketing"),
        ["focus session 2", "unknown role 'marketing'"],
    ),
    "plan without a date": (
        delete_in("tables", "plans", "1", "date"),
        ['plans["1"].date', "is missing"],
    ),
    "bad review week": (
        set_in("tables", "reviews", "1", "week", value="week 47"),
        ['reviews["1"].week', '"week 47" is not a week'],
    ),
}


@pytest.fixture
def target(tmp_path: Path, source: Path) -> Iterator[tuple[Store, Doc]]:
    """A store holding the business, open as the writer; and a good export of it."""
    path = tmp_path / "target" / "cockpit.json"
    with Store.open(source, read_only=True) as store:
        good = orjson.loads(exchange.export_bytes(store, NOW))
    with Store.open(path) as store:
        store.replace_all(copy.deepcopy(good["tables"]))
    os.utime(path, ns=(PAST, PAST))
    with Store.open(path) as store:
        yield store, good


def backups_of(path: Path) -> list[Path]:
    folder = backup_folder(path)
    return sorted(folder.iterdir()) if folder.is_dir() else []


def assert_refused(store: Store, export: Path, words: list[str]) -> None:
    path = store.path
    before_file = file_state(path)
    before = everything(store)
    snapshot = copy.deepcopy(store.snapshot())
    backups = backups_of(path)
    with pytest.raises(ValidationError) as refused:
        exchange.import_file(store, export, NOW)
    message = str(refused.value)
    assert message.startswith(f"{export}: ")
    for word in words:
        assert word in message
    assert file_state(path) == before_file
    assert temp_files(path) == []
    assert backups_of(path) == backups
    assert everything(store) == before
    assert store.snapshot() == snapshot
    with Store.open(path, read_only=True) as reader:
        assert everything(reader) == before


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_import_writes_nothing_and_names_the_record(
    target: tuple[Store, Doc], tmp_path: Path, case: str
) -> None:
    store, good = target
    change, words = BAD[case]
    document = copy.deepcopy(good)
    change(document)
    export = tmp_path / "bad.json"
    export.write_bytes(orjson.dumps(document))
    assert_refused(store, export, words)


@pytest.mark.parametrize(
    ("raw", "where"),
    [
        (b'{\n  "format": "cockpit-export",\n  "tables": {,}\n}\n', "line 3, column 14"),
        (b'{"format": "cockpit-export", "tables": {"roles": {"1": {"id": "adm', "line 1, column"),
        (b"\xff\xfe", "line 1, column 1"),
    ],
)
def test_invalid_json_import_names_line_and_column(
    target: tuple[Store, Doc], tmp_path: Path, raw: bytes, where: str
) -> None:
    store, _ = target
    export = tmp_path / "bad.json"
    export.write_bytes(raw)
    assert_refused(store, export, ["invalid JSON", where])


def test_import_of_a_missing_file_is_a_clear_error(
    target: tuple[Store, Doc], tmp_path: Path
) -> None:
    store, _ = target
    with pytest.raises(CockpitError, match="No such file"):
        exchange.import_file(store, tmp_path / "nowhere.json", NOW)


def test_import_into_a_read_only_store_is_refused(source: Path, tmp_path: Path) -> None:
    with Store.open(source, read_only=True) as store:
        export = tmp_path / "export.json"
        export.write_bytes(exchange.export_bytes(store, NOW))
        before = file_state(source)
        with pytest.raises(CockpitError, match="read-only"):
            exchange.import_file(store, export, NOW)
    assert file_state(source) == before


def test_import_drops_the_old_archives(source: Path, tmp_path: Path) -> None:
    """The import holds the whole history: old archive files must not add to it twice."""
    with Store.open(source, read_only=True) as store:
        export = tmp_path / "export.json"
        export.write_bytes(exchange.export_bytes(store, NOW))
        count = len(store.occurrences())
    with Store.open(source) as store:
        exchange.import_file(store, export, NOW)
        assert not list(archive_folder(source).glob("*.json"))
        assert len(store.occurrences()) == count
    assert len(parse(source)["occurrences"]) == count


def test_saving_new_records_after_an_import_works(source: Path, tmp_path: Path) -> None:
    with Store.open(source, read_only=True) as store:
        export = tmp_path / "export.json"
        export.write_bytes(exchange.export_bytes(store, NOW))
    with Store.open(tmp_path / "cockpit.json") as store:
        store.save_role(Role(id="marketing", name="Marketing"))  # TinyDB caches the next id: 2
        exchange.import_file(store, export, NOW)  # now the roles table holds ids 1 and 2
        store.save_role(Role(id="finance", name="Finance"))
        assert {role.id for role in store.roles()} == {"admin", "sales", "finance"}


def test_a_snapshot_does_not_change_with_later_saves(source: Path) -> None:
    with Store.open(source) as store:
        snapshot = store.snapshot()
        frozen = copy.deepcopy(snapshot)
        run = store.open_occurrences()[0]
        store.save_occurrences([skip(run, TODAY)])
        store.save_role(replace(ADMIN, name="Office"))
        assert snapshot == frozen
