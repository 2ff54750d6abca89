"""Issue 9, section 1, from the user's side: a bad import or a bad data file is one
`cockpit: error:` line naming the file, the record and the field; the data file stays
byte-identical; and every command still works afterwards (or, for a bad data file, says
the same line)."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from tests.unit.cli.helpers import Cli, error_line

Doc = dict[str, Any]
BLOG = "manage-the-blog"  # "every 2 weeks on wed"
DAILY = "inbox-zero"  # "daily"


def process_key(tables: Doc, process_id: str) -> str:
    return next(str(key) for key, doc in tables["processes"].items() if doc["id"] == process_id)


def in_process(process_id: str, change: Callable[[Doc], None]) -> Callable[[Doc], None]:
    """A change to one process of the export's tables."""

    def edit(document: Doc) -> None:
        tables = document["tables"]
        change(tables["processes"][process_key(tables, process_id)])

    return edit


def in_tables(change: Callable[[Doc], None]) -> Callable[[Doc], None]:
    return lambda document: change(document["tables"])


def many_processes(tables: Doc) -> None:
    blog = tables["processes"][process_key(tables, BLOG)]
    for number in range(500):
        tables["processes"][str(1000 + number)] = {**blog, "id": f"copy-{number}"}


def a_session_on_run(number: int) -> Callable[[Doc], None]:
    session = {
        "id": 1,
        "kind": "stopwatch",
        "role": "sales",
        "started_at": "2026-11-23T09:00:00+00:00",
        "ended_at": "2026-11-23T09:20:00+00:00",
        "occurrence": number,
        "step": "s1",
        "status": "logged",
        "minutes": 20,
    }
    return in_tables(lambda tables: tables.setdefault("focus", {}).__setitem__("1", session))


# name: (change to a good export, what the one error line must say)
BAD_EXPORTS: dict[str, tuple[Callable[[Doc], None], str]] = {
    "rule FREQ=BOGUS": (
        in_process(BLOG, lambda p: p["schedule"].update(rule="FREQ=BOGUS")),
        f'processes["{BLOG}"].schedule.rule: unknown frequency BOGUS',
    ),
    "text 42": (
        in_process(BLOG, lambda p: p["schedule"].update(text=42)),
        f'processes["{BLOG}"].schedule.text: expected text, got a whole number',
    ),
    "every blue moon": (
        in_process(BLOG, lambda p: p["schedule"].update(text="every blue moon")),
        f'processes["{BLOG}"].schedule.text: unknown schedule "every blue moon"',
    ),
    "FREQ=SECONDLY": (
        in_process(
            BLOG, lambda p: p["schedule"].update(text="RRULE:FREQ=SECONDLY", rule="FREQ=SECONDLY")
        ),
        f'processes["{BLOG}"].schedule.rule: Cockpit schedules dates, not times',
    ),
    "a phrase that says another rule": (
        in_process(BLOG, lambda p: p["schedule"].update(text="daily")),
        f"processes[\"{BLOG}\"].schedule.rule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE' does not match "
        "the phrase \"daily\", which means 'FREQ=DAILY'",
    ),
    "horizon soon": (
        in_tables(lambda t: t["meta"]["1"]["horizons"].update({BLOG: "soon"})),
        f'meta["1"].horizons["{BLOG}"]: \'soon\' is not a date written YYYY-MM-DD',
    ),
    "next_no x": (
        in_tables(lambda t: t["meta"]["1"].update(next_no="x")),
        'meta["1"].next_no: expected a whole number, got text',
    ),
    "schema one": (
        lambda document: document.update(schema="one"),
        "schema: expected a whole number, got text",
    ),
    "a start in 2101": (
        in_process(BLOG, lambda p: p.update(start="2101-01-01")),
        f'processes["{BLOG}"].start: 2101-01-01 is outside 2000-01-01..2100-12-31',
    ),
    "a run in 1999": (
        in_tables(lambda t: t["occurrences"]["1"].update(date="1999-12-31")),
        'occurrences["1"].date: 1999-12-31 is outside 2000-01-01..2100-12-31',
    ),
    "a snooze to 9999": (
        in_tables(lambda t: t["occurrences"]["1"]["steps"][0].update(snoozed_to="9999-12-31")),
        'occurrences["1"].steps[0].snoozed_to: 9999-12-31 is outside',
    ),
    "an id that is a path": (
        in_process(BLOG, lambda p: p.update(id="../../victim")),
        "process id '../../victim' is not a safe id",
    ),
    "an escape in a name": (
        in_process(BLOG, lambda p: p.update(name="Blog\x1b[2J")),
        f'processes["{BLOG}"].name: process name holds a control character (U+001B)',
    ),
    "a name of 201 characters": (
        in_process(BLOG, lambda p: p.update(name="x" * 201)),
        "process name is too long (201 characters, at most 200)",
    ),
    "101 steps": (
        in_process(
            BLOG,
            lambda p: p.update(steps=[{"id": f"s{i}", "title": f"Step {i}"} for i in range(101)]),
        ),
        "has 101 steps; a process holds at most 100",
    ),
    "501 processes": (
        in_tables(many_processes),
        "processes: 524 processes; Cockpit holds at most 500",
    ),
    "a daily step one day after its run": (
        in_process(DAILY, lambda p: p["steps"][1].update(offset_days=1)),
        f'processes["{DAILY}"].steps: step',
    ),
    "a focus session on a run that is not there": (
        a_session_on_run(999),
        'focus["1"].occurrence: focus session 1 refers to run 999, which is not there',
    ),
    "a missing role": (
        in_process(BLOG, lambda p: p.pop("role")),
        f'processes["{BLOG}"].role: is missing (this field is needed)',
    ),
    "a field nobody knows": (
        in_process(BLOG, lambda p: p.update(nmae="Blog")),
        f'processes["{BLOG}"].nmae: is not a field Cockpit knows',
    ),
}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Doc, list[Any]]]:
    """The sample with today's runs; its export; what `today --json` shows on it."""
    folder = tmp_path_factory.mktemp("baseline")
    cli = Cli(folder)
    cli.ok("init", "--sample")
    rows = cli.today()
    cli.ok("export", "--out", str(folder / "export.json"))
    yield folder, orjson.loads((folder / "export.json").read_bytes()), rows


@pytest.fixture
def cli(baseline: tuple[Path, Doc, list[Any]], tmp_path: Path) -> Cli:
    folder, _, _ = baseline
    cli = Cli(tmp_path)
    shutil.copy(folder / "c.json", cli.data)
    return cli


def refused_and_unchanged(cli: Cli, rows: list[Any], bad: Path, expected: str) -> None:
    stored = cli.data.read_bytes()
    line = error_line(cli.run("import", str(bad)))
    assert line.startswith(f"cockpit: error: {bad}: "), line
    assert expected in line, line
    assert cli.data.read_bytes() == stored
    assert cli.today() == rows  # and the next command works as before
    assert cli.data.read_bytes() == stored


@pytest.mark.parametrize("case", list(BAD_EXPORTS), ids=list(BAD_EXPORTS))
def test_a_bad_export_is_refused_by_place_and_cockpit_today_still_works(
    baseline: tuple[Path, Doc, list[Any]], cli: Cli, case: str
) -> None:
    _, document, rows = baseline
    change, expected = BAD_EXPORTS[case]
    bad = copy.deepcopy(document)
    change(bad)
    path = cli.tmp_path / "bad.json"
    path.write_bytes(orjson.dumps(bad))
    refused_and_unchanged(cli, rows, path, expected)


BAD_FILES: dict[str, tuple[str, bytes, str]] = {
    "empty json": ("bad.json", b"", "the file is empty"),
    "binary json": ("bad.json", b"\x00\xff\xfe\x00", "invalid JSON at line 1, column 1"),
    "empty toml": ("bad.toml", b"", "the file is empty"),
    "blank toml": ("bad.toml", b"\n  \n", "the file is empty"),
    "comments only": ("bad.toml", b"# my business\n", "it holds no roles, systems or processes"),
    "binary toml": (
        "bad.toml",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        "it holds binary data, not TOML text",
    ),
    "latin-1 toml": ("bad.toml", 'name = "Caf\xe9"\n'.encode("latin-1"), "it is not UTF-8 text"),
    "a typo in toml": (
        "bad.toml",
        b'[[roles]]\nname = "Sales"\n[[processes]]\nname = "Call"\nrole = "Sales"\n'
        b'schedule = "daily"\n[[processes.steps]]\ntitle = "Dial"\nestimat = 5\n',
        "process 'Call', steps[0].estimat: is not a field Cockpit knows",
    ),
    "a late step in toml": (
        "bad.toml",
        b'[[roles]]\nname = "Sales"\n[[processes]]\nname = "Call"\nrole = "Sales"\n'
        b'schedule = "daily"\n[[processes.steps]]\ntitle = "Dial"\noffset = 1\n',
        "process 'Call': step \"Dial\" falls 1 day after its run",
    ),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_an_empty_binary_or_wrong_file_is_refused_clearly(
    baseline: tuple[Path, Doc, list[Any]], cli: Cli, case: str
) -> None:
    _, _, rows = baseline
    name, raw, expected = BAD_FILES[case]
    path = cli.tmp_path / name
    path.write_bytes(raw)
    refused_and_unchanged(cli, rows, path, expected)


@pytest.mark.parametrize("name", ["big.json", "big.toml"])
def test_an_import_over_20_mb_is_refused_before_it_is_read(
    baseline: tuple[Path, Doc, list[Any]], cli: Cli, name: str
) -> None:
    _, _, rows = baseline
    path = cli.tmp_path / name
    with path.open("wb") as handle:
        handle.truncate(21 * 2**20)  # sparse: no need to write 21 MB
    refused_and_unchanged(cli, rows, path, "it is 21.0 MB, and Cockpit reads files up to 20 MB")


# -- a bad data file: every command says so in one line, and changes nothing ----------------------

READ_COMMANDS = [("today",), ("processes",), ("routines",), ("review",), ("export",)]


def broken_data(cli: Cli, change: Callable[[Doc], None]) -> bytes:
    data = orjson.loads(cli.data.read_bytes())
    change(data)
    cli.data.write_bytes(orjson.dumps(data))
    return cli.data.read_bytes()


@pytest.mark.parametrize("command", READ_COMMANDS, ids=[c[0] for c in READ_COMMANDS])
def test_a_data_file_with_a_missing_name_is_one_line_for_every_command(
    cli: Cli, command: tuple[str, ...]
) -> None:
    stored = broken_data(cli, lambda data: data["processes"]["1"].pop("name"))
    line = error_line(cli.run(*command))
    assert f"cannot read the data file {cli.data}" in line
    assert f'processes["{BLOG}"].name: is missing (this field is needed)' in line
    assert "Cockpit has not changed it" in line
    assert cli.data.read_bytes() == stored


@pytest.mark.parametrize("command", [("today",), ("processes",)], ids=["today", "processes"])
def test_a_data_file_with_a_broken_rule_is_one_line_naming_the_rule(
    cli: Cli, command: tuple[str, ...]
) -> None:
    stored = broken_data(
        cli, lambda data: data["processes"]["1"]["schedule"].update(rule="FREQ=BOGUS")
    )
    line = error_line(cli.run(*command))
    assert f'processes["{BLOG}"].schedule.rule: unknown frequency BOGUS' in line
    assert cli.data.read_bytes() == stored


def test_a_file_of_an_old_schema_that_cannot_be_read_is_neither_migrated_nor_written(
    cli: Cli,
) -> None:
    cli.data.write_bytes(b'{"processes": {"1": {"id": 3}}}')
    stored = cli.data.read_bytes()
    for command in (("today",), ("processes",)):
        line = error_line(cli.run(*command))
        assert 'processes["1"].id: expected text, got a whole number' in line
    assert cli.data.read_bytes() == stored
    assert not (cli.tmp_path / "backups").exists()  # not even a migration copy
