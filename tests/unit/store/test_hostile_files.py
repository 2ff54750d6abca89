"""A real export, mutated by hypothesis (types, ranges, missing keys, extra keys, unicode),
as an import and as the data file itself: either it is refused cleanly (a CockpitError whose
message names the place, the data file byte-identical) or it is taken, and then every read
command works: plan the day, the processes, routines, the review, an export."""

from __future__ import annotations

import copy
import json
import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from cockpit.cli import reports
from cockpit.config import Settings
from cockpit.domain.errors import CockpitError
from cockpit.domain.review import Review
from cockpit.services.catalog import process_rows
from cockpit.services.context import Cockpit
from cockpit.services.day import plan_day
from cockpit.services.demo import build_demo
from cockpit.services.review import week_review
from cockpit.services.routines import routine_rows
from cockpit.store import exchange
from tests.ui_support import TZ, fixed_clock

Path_ = tuple[str | int, ...]


class Real:
    """A small real business after two weeks of use: its export and its data file."""

    def __init__(self, export: dict[str, Any], data: bytes) -> None:
        self.export = export
        self.data = data
        self.paths = tuple(_paths(export))

    def __repr__(self) -> str:
        return f"Real(a {len(self.data):,}-byte data file, {len(self.paths):,} places)"


def _paths(node: Any, prefix: Path_ = ()) -> Iterator[Path_]:
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*prefix, index))


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Real:
    path = tmp_path_factory.mktemp("real") / "cockpit.json"
    with Cockpit.open(path, fixed_clock(), Settings(timezone=TZ)) as ctx:
        build_demo(ctx, weeks=2)
        proc = ctx.store.processes()[0]
        ctx.store.save_process(proc.edited(notes="edited once\n\twith a tab"))  # a history
        ctx.store.save_review(
            Review("2026-W46", "a good week", ctx.now(), {"marketing-2": {"Monthly revenue": 9.5}})
        )
        ctx.store.save_plan(ctx.today(), ["2.1", "3.1"])
        export = orjson.loads(exchange.export_bytes(ctx.store, ctx.now()))
    return Real(export, path.read_bytes())


HOSTILE_TEXT = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "x" * 201,
            "a/b",
            "../../victim",
            "\x1b[2J",
            "\x00",
            "tab\there",
            "\u202e",
            "[b]bold[/]",
            "2026-02-30",
            "1999-12-31",
            "2101-01-01",
            "9999-12-31",
            "0001-01-01T00:00:00+00:00",
            "2026-11-20T10:00:00",
            "2026-11-20T10:00:00Z",
            "FREQ=SECONDLY",
            "RRULE:FREQ=BOGUS",
            "every blue moon",
            "daily",
            "on demand",
            "3 days after done",
            "calendar",
            "done",
            "open",
            "soon",
            "🎉",
        ]
    ),
    st.text(max_size=30),
)
HOSTILE = st.one_of(
    HOSTILE_TEXT,
    st.sampled_from([0, -1, 1, 7, 366, 367, 1441, 2**31, 2**63, 10**30, -(2**63)]),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.just([]),
    st.just({}),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


Change = tuple[str, Path_, Any]


def changes(real: Real) -> st.SearchStrategy[list[Change]]:
    """One to three changes: a value replaced, a key or item deleted, a key added."""
    one = st.tuples(
        st.sampled_from(["replace", "replace", "delete", "add"]),
        st.sampled_from(real.paths),
        st.one_of(HOSTILE, st.sampled_from(["nmae", "extra", "", "\x1b", "id", "🎉"])),
    )
    return st.lists(one, min_size=1, max_size=3)


def mutated(export: dict[str, Any], done: list[Change]) -> dict[str, Any]:
    document = copy.deepcopy(export)
    for kind, path, drawn in done:
        value = copy.deepcopy(drawn)  # st.just({}) is one object: never share it
        node: Any = document
        try:
            for key in path[:-1]:
                node = node[key]
            last = path[-1] if path else None
            if kind == "add" and isinstance(node, dict) and isinstance(last, str):
                node = node[last] if isinstance(node.get(last), dict) else node
                node[str(value)] = value
            elif kind == "delete" and last is not None:
                del node[last]
            elif last is not None:
                node[last] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed the way there
    return document


def read_everything(ctx: Cockpit) -> None:
    """What the read commands do: the day, the processes, routines, the review, an export."""
    plan_day(ctx)
    process_rows(ctx)
    rows = routine_rows(ctx)
    [reports.routine_json(row) for row in rows]
    reports.routines_table(rows)
    review = week_review(ctx)
    reports.review_json(review)
    reports.review_markdown(review)
    exchange.export_bytes(ctx.store, ctx.now())


def refused_by_place(error: CockpitError, source: str) -> None:
    message = str(error)
    assert message, "an empty message"
    assert "Traceback" not in message
    if source:
        assert source in message, message
    assert ": " in message, message  # "<file>: <place>: <problem>" or "<file>: <problem>"


def check_import(real: Real, folder: Path, document: dict[str, Any]) -> str:
    data = folder / "cockpit.json"
    data.write_bytes(real.data)
    bad = folder / "bad.json"
    bad.write_text(json.dumps(document), "utf-8")  # json: integers of any size
    with Cockpit.open(data, fixed_clock(), Settings(timezone=TZ)) as ctx:
        before = data.read_bytes()
        try:
            exchange.import_file(ctx.store, bad, ctx.now())
        except CockpitError as error:
            refused_by_place(error, str(bad))
            assert data.read_bytes() == before
            read_everything(ctx)  # and the old data still reads
            return "import refused"
    # taken: every read command works, on a fresh opening too
    with Cockpit.open(data, fixed_clock(), Settings(timezone=TZ)) as ctx:
        read_everything(ctx)
    return "import taken"


def check_data_file(folder: Path, document: dict[str, Any]) -> str:
    tables = document.get("tables")
    if not isinstance(tables, dict) or not all(isinstance(t, dict) for t in tables.values()):
        return "no data file"  # no tables to make a data file of
    data = folder / "as-data.json"
    data.write_text(json.dumps(tables), "utf-8")
    before = data.read_bytes()
    try:
        ctx = Cockpit.open(data, fixed_clock(), Settings(timezone=TZ))
    except CockpitError as error:
        refused_by_place(error, str(data))
        assert data.read_bytes() == before
        return "data file refused"
    with ctx:
        read_everything(ctx)
    return "data file taken"


@settings(
    max_examples=int(os.environ.get("HOSTILE_EXAMPLES", "80")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_mutated_export_is_refused_cleanly_or_taken_and_read(
    real: Real, tmp_path: Path, data: st.DataObject
) -> None:
    document = mutated(real.export, data.draw(changes(real), label="changes"))
    folder = tmp_path / f"case-{datetime.now(UTC).timestamp()}"
    folder.mkdir()
    try:
        event(check_import(real, folder, document))
        event(check_data_file(folder, document))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_the_real_export_itself_is_taken(real: Real, tmp_path: Path) -> None:
    assert check_import(real, tmp_path, copy.deepcopy(real.export)) == "import taken"
    assert check_data_file(tmp_path, real.export) == "data file taken"
