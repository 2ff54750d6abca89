"""Bad input: one clear line on stderr, a non-zero exit, no traceback, the file untouched."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from tests.unit.cli.helpers import Cli, error_line, run_no

Case = tuple[tuple[str, ...], str]


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A sample data file with today's runs created, an export of it and bad imports."""
    folder = tmp_path_factory.mktemp("baseline")
    cli = Cli(folder)
    cli.ok("init", "--sample")
    rows = cli.today()
    assert run_no(rows, "Client check-ins") == "1"  # the IDs the cases below use
    assert run_no(rows, "Inbox zero") == "3"
    cli.ok("export", "--out", str(folder / "export.json"))
    document = orjson.loads((folder / "export.json").read_bytes())
    document["tables"]["occurrences"]["1"]["process"] = "no-such-process"
    (folder / "missing-process.json").write_bytes(orjson.dumps(document))
    del document["tables"]["roles"]
    (folder / "missing-role.json").write_bytes(orjson.dumps(document))
    (folder / "invalid.json").write_text('{"format": "cockpit-export", "tables": {', "utf-8")
    (folder / "wrong-format.json").write_text('{"format": "something", "tables": {}}', "utf-8")
    (folder / "a-list.json").write_text("[1, 2, 3]", "utf-8")
    deep = "[" * 100_000 + "]" * 100_000
    (folder / "deep.json").write_text(deep, "utf-8")
    nested = '{"format": "cockpit-export", "tables": {"roles": ' + deep + "}}"
    (folder / "deep-inside.json").write_text(nested, "utf-8")
    (folder / "bad.toml").write_text(
        'format = "cockpit-business"\n[[roles]]\nname = "Sales"\n[[processes]]\n'
        'name = "Call"\nrole = "Nobody"\nschedule = "daily"\n',
        "utf-8",
    )
    (folder / "broken.toml").write_text("[[roles]\nname = ", "utf-8")
    yield folder


CASES: dict[str, Case] = {
    "unknown id": (("done", "999.1"), "no step 999.1: there is no run number 999"),
    "malformed id": (("done", "abc"), '"abc" is not a step ID'),
    "step out of range": (("done", "1.99"), "no step 1.99: run 1 (Client check-ins) has steps"),
    "skip unknown id": (("skip", "999", "--reason", "x"), "no step 999"),
    "negative minutes": (("done", "1.1", "--minutes", "-5"), "--minutes"),
    "bad date before": (("--date", "2026-13-01", "today"), '"2026-13-01" is not a date'),
    "bad date after": (("today", "--date", "2026-02-30"), '"2026-02-30" is not a date'),
    "bad --to": (("snooze", "1.1", "--to", "someday"), '"someday" is not a date'),
    "bad --to number": (("snooze", "1.1", "--to", "+x"), '"+x" is not a date'),
    "snooze to today": (("snooze", "1.1", "--to", "+0"), "later date than 2026-11-23"),
    "snooze too far": (("snooze", "3.1", "--to", "tomorrow"), "the next run falls due"),
    "skip without reason": (("skip", "1.1"), "Missing option '--reason'"),
    "skip with a blank reason": (("skip", "1.1", "--reason", "  "), "needs a reason"),
    "start unknown": (("start", "tax", "return"), 'no process called "tax return"'),
    "start ambiguous": (("start", "weekly"), '"weekly" matches several processes'),
    "import invalid json": (("import", "invalid.json"), "invalid.json: invalid JSON at line"),
    "import nested too deep": (("import", "deep.json"), "deep.json: invalid JSON"),
    "import nested too deep inside": (("import", "deep-inside.json"), "depth limit exceeded"),
    "merge nested too deep": (("merge", "deep.json"), "depth limit exceeded"),
    "import wrong format": (("import", "wrong-format.json"), "not a Cockpit export"),
    "import a list": (("import", "a-list.json"), "not a Cockpit export"),
    "import missing process": (
        ("import", "missing-process.json"),
        "occurrence 1 refers to process 'no-such-process' version 1, which is not there",
    ),
    "import missing role": (("import", "missing-role.json"), "has unknown role"),
    "import bad toml": (("import", "bad.toml"), 'unknown role "Nobody"'),
    "import broken toml": (("import", "broken.toml"), "broken.toml"),
    "import no file": (("import", "nowhere.json"), "does not exist"),
    "unknown command": (("frobnicate",), "No such command"),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_bad_input_is_one_clear_line_and_changes_nothing(
    baseline: Path, tmp_path: Path, case: str
) -> None:
    for name in baseline.iterdir():
        if name.is_file() and not name.name.endswith(".lock"):
            shutil.copy(name, tmp_path / name.name)
    cli = Cli(tmp_path, "cockpit.json")
    shutil.copy(baseline / "c.json", cli.data)
    stored = cli.data.read_bytes()
    args, expected = CASES[case]
    line = error_line(cli.run(*args))
    assert expected in line, line
    assert cli.data.read_bytes() == stored


def test_a_wrongly_typed_business_file_is_one_clear_line(sample_cli: Cli) -> None:
    bad = sample_cli.tmp_path / "typed.toml"
    bad.write_text(
        'format = "cockpit-business"\n[[roles]]\nname = "Sales"\n[[processes]]\n'
        'name = "Call"\nrole = "Sales"\nschedule = "daily"\n'
        '[[processes.steps]]\ntitle = "Dial"\noffset = "the day before"\n',
        "utf-8",
    )
    stored = sample_cli.data.read_bytes()
    line = error_line(sample_cli.run("import", str(bad)))
    assert "process 'Call'" in line
    assert sample_cli.data.read_bytes() == stored


@pytest.mark.parametrize("nesting", ["[", '{"meta": {"1": {"schema": '])
def test_a_data_file_nested_too_deep_is_one_clear_line(sample_cli: Cli, nesting: str) -> None:
    """msgspec gives up on deep nesting with a RecursionError: it must read as bad JSON."""
    deep = nesting + "[" * 100_000 + "]" * 100_000
    sample_cli.data.write_text(deep, "utf-8")
    for command in (("today",), ("done", "1.1")):
        line = error_line(sample_cli.run(*command))
        assert "depth limit exceeded" in line, (command, line)
    doctor = sample_cli.run("doctor")
    assert doctor.returncode == 1
    assert "depth limit exceeded" in doctor.stdout
    assert sample_cli.data.read_text("utf-8") == deep
