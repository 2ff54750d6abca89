"""The CLI while another Cockpit holds the data file: reading works, writing is refused."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from tests.unit.cli.helpers import Cli, child_env, error_line, run_no

HOLDER = textwrap.dedent(
    """
    import sys
    from pathlib import Path

    from cockpit.store.database import Store

    store = Store.open(Path(sys.argv[1]))
    print("holding", flush=True)
    sys.stdin.read()  # hold the lock until the test closes our stdin
    store.close()
    print("released", flush=True)
    """
)


@pytest.fixture
def holder(sample_cli: Cli) -> Iterator[subprocess.Popen[str]]:
    """Another process that opened the data file as its writer and keeps it open."""
    script = sample_cli.tmp_path / "holder.py"
    script.write_text(HOLDER, encoding="utf-8")
    child = subprocess.Popen(
        [sys.executable, str(script), str(sample_cli.data)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=sample_cli.tmp_path,
        env=child_env(sample_cli.tmp_path),
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline() == "holding\n"
        yield child
    finally:
        if child.poll() is None:
            child.communicate(timeout=30)  # closes its stdin: it lets go of the lock


def test_today_reads_while_a_writer_holds_the_file_and_done_is_refused(
    sample_cli: Cli, holder: subprocess.Popen[str]
) -> None:
    cli = sample_cli
    data: Path = cli.data
    stored = data.read_bytes()
    rows = cli.today()  # read-only
    assert rows
    inbox = run_no(rows, "Inbox zero")

    table = cli.run("today")
    assert table.returncode == 0, table.stderr
    assert "Inbox zero" in table.stdout
    assert not table.stderr  # a reader need not know of writers: the next `done` waits for them
    assert orjson.loads(cli.ok("processes", "--json"))
    assert orjson.loads(cli.ok("export"))["format"] == "cockpit-export"
    # a later day is computed in memory, not written
    assert cli.today("2026-11-25")

    for args in (
        ("done", f"{inbox}.1"),
        ("skip", f"{inbox}.1", "--reason", "busy"),
        ("snooze", f"{inbox}.1", "--to", "tomorrow"),
        ("keep", inbox),
        ("start", "case study"),
        ("import", str(cli.tmp_path / "nothing.json")),
    ):
        if args[0] == "import":
            (cli.tmp_path / "nothing.json").write_text("{}", "utf-8")
        line = error_line(cli.run(*args))
        assert "is open in another Cockpit" in line, line
        assert str(data) in line
        assert data.read_bytes() == stored

    out, err = holder.communicate(timeout=30)  # the other Cockpit quits: writing works again
    assert (holder.returncode, out) == (0, "released\n"), err
    assert cli.ok("done", f"{inbox}.1").startswith("done: ")
    assert f"{inbox}.1" not in {r["id"] for r in cli.today()}
