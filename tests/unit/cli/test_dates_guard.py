"""`--date` within 2000..2100, and no more than a year ahead of the real calendar without --yes.

A mistyped year used to write years of missed runs, archive the present and delete every
daily backup; 9999-12-31 ran for minutes and then crashed. Now it is one error line and the
data folder is left exactly as it was.
"""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from cockpit.cli.main import cli
from tests.unit.cli.helpers import Cli, child_env, error_line

REAL_TODAY = date.today()
FAR = (REAL_TODAY + timedelta(days=400)).isoformat()  # more than a year ahead
NEAR = (REAL_TODAY + timedelta(days=300)).isoformat()  # less than a year ahead


def folder_state(folder: Path) -> dict[str, bytes]:
    """Every file under the data folder and its bytes (the lock file aside)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.name.endswith(".lock") and path.suffix != ".py"
    }


@pytest.fixture
def data_cli(tmp_path: Path) -> Cli:
    """A sample file in a folder of its own, so its backups and archive can be compared."""
    folder = tmp_path / "data"
    folder.mkdir()
    cli = Cli(tmp_path, "data/c.json")
    cli.ok("init", "--sample")
    cli.ok("snooze", "1.1", "--to", "+1")  # a writer: today's runs and backup are made
    return cli


OUT_OF_RANGE = [
    (("today",), "1999-12-31"),
    (("today", "--json"), "2101-01-01"),
    (("done", "1.1"), "9999-12-31"),
    (("processes",), "0001-01-01"),
]


@pytest.mark.parametrize(("args", "day"), OUT_OF_RANGE, ids=[d for _, d in OUT_OF_RANGE])
def test_a_date_outside_2000_to_2100_is_refused(
    data_cli: Cli, args: tuple[str, ...], day: str
) -> None:
    before = folder_state(data_cli.data.parent)
    line = data_cli.fails(*args, day=day)
    assert f"--date {day} is outside 2000-01-01 to 2100-12-31" in line, line
    assert folder_state(data_cli.data.parent) == before


def test_other_date_options_keep_to_the_same_range(data_cli: Cli) -> None:
    before = folder_state(data_cli.data.parent)
    line = data_cli.fails("start", "case study", "--on", "2101-03-01")
    assert "--on 2101-03-01 is outside 2000-01-01 to 2100-12-31" in line, line
    line = data_cli.fails("export", "--format", "csv", "--since", "1970-01-01")
    assert "--since 1970-01-01 is outside" in line, line
    assert folder_state(data_cli.data.parent) == before


@pytest.mark.parametrize(
    "args",
    [
        ("today",),
        ("today", "--json"),
        ("processes",),
        ("routines",),
        ("done", "1.1"),
        ("skip", "1", "--reason", "x"),
        ("snooze", "1.1", "--to", "tomorrow"),
        ("keep", "1"),
        ("start", "case study"),
        ("export", "--out", "out.json"),
    ],
    ids=lambda args: " ".join(args),
)
def test_a_date_more_than_a_year_ahead_needs_yes(data_cli: Cli, args: tuple[str, ...]) -> None:
    before = folder_state(data_cli.data.parent)
    line = data_cli.fails(*args, day=FAR)
    expected = (
        f"--date {FAR} is more than a year after today ({REAL_TODAY.isoformat()}); "
        "add --yes if you mean it"
    )
    assert line == f"cockpit: error: {expected}", line
    assert folder_state(data_cli.data.parent) == before


def test_yes_goes_before_or_after_the_command(data_cli: Cli) -> None:
    after = data_cli.ok("today", "--json", "--yes", day=FAR)
    assert after.startswith("[")
    before = data_cli.ok("--yes", "processes", day=FAR)
    assert "Invoice clients" in before


def test_a_date_within_a_year_needs_no_yes(data_cli: Cli) -> None:
    assert data_cli.ok("today", "--json", day=NEAR).startswith("[")


def test_init_and_import_are_guarded_too(data_cli: Cli, tmp_path: Path) -> None:
    fresh = Cli(tmp_path, "fresh.json")
    line = fresh.fails("init", "--sample", day=FAR)
    assert "more than a year after today" in line
    assert not fresh.data.exists()
    checklist = tmp_path / "list.md"
    checklist.write_text("- [ ] One\n", encoding="utf-8")
    before = folder_state(data_cli.data.parent)
    line = data_cli.fails("import", str(checklist), day=FAR)
    assert "more than a year after today" in line
    assert folder_state(data_cli.data.parent) == before


def run_bare(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The bare `cockpit` (the full-screen app's entry), with a short timeout: it must not
    get as far as starting the app."""
    return subprocess.run(
        [sys.executable, "-m", "cockpit", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=child_env(tmp_path),
        stdin=subprocess.DEVNULL,
        timeout=20,
        check=False,
    )


@pytest.mark.parametrize("day", ["9999-12-31", "1999-01-01", FAR])
def test_the_app_is_not_opened_on_a_refused_date(data_cli: Cli, day: str) -> None:
    folder = data_cli.data.parent
    before = folder_state(folder)
    result = run_bare(data_cli.tmp_path, "--data", str(data_cli.data), "--date", day)
    line = error_line(result)
    assert f"--date {day}" in line, line
    assert folder_state(folder) == before


def test_the_app_is_opened_through_the_same_options(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One parser: `cockpit` alone reads --data, --date and --yes as every command does, and
    a refused date stops it before the app is opened."""
    opened: list[tuple[Path, date]] = []
    monkeypatch.setattr(
        "cockpit.cli.launch.run_app",
        lambda path, clock, settings, copy_of=None: opened.append((path, clock.today())),
    )
    monkeypatch.setenv("COCKPIT_CONFIG", str(tmp_path / "none.toml"))
    data = tmp_path / "c.json"

    def run(*args: str) -> int:
        return CliRunner().invoke(cli, ["--data", str(data), *args]).exit_code

    assert run("--date", "2026-11-23") == 0
    assert run("--date=2026-11-24") == 0
    assert run("--yes", "--date", FAR) == 0
    assert run("--yes", "--yes") == 0
    assert opened == [
        (data, date(2026, 11, 23)),
        (data, date(2026, 11, 24)),
        (data, date.fromisoformat(FAR)),
        (data, REAL_TODAY),
    ]
    for refused in (["--date", "9999-12-31"], ["--date=1999-12-31"], ["--date", FAR]):
        assert run(*refused) != 0
    assert len(opened) == 4


def test_a_confirmed_far_date_deletes_no_backup_and_names_none(tmp_path: Path) -> None:
    """Fourteen days of copies, then `--date 2036-12-01 --yes`: all fourteen are still there."""
    cli = Cli(tmp_path, "data/c.json")
    cli.data.parent.mkdir()
    cli.ok("init", "--sample", day=None)
    cli.ok("snooze", "1.1", "--to", "+1", day=None)  # a writer: today's backup is made
    folder = cli.data.parent / "backups"
    for back in range(1, 14):
        day = REAL_TODAY - timedelta(days=back)
        copy = folder / f"c-{day.isoformat()}.json"
        copy.write_bytes(cli.data.read_bytes())
        stamp = datetime(day.year, day.month, day.day, 12).timestamp()
        os.utime(copy, (stamp, stamp))
    copies = folder_state(folder)
    assert len(copies) == 14
    cli.ok("today", "--json", "--yes", day="2036-12-01")
    assert folder_state(folder) == copies
    cli.fails("skip", "99999.1", "--reason", "x", "--yes", day="2036-12-01")  # a writer opens
    assert folder_state(folder) == copies


@pytest.mark.parametrize(
    "to",
    ["+1000000000", "+999999999", "+99999999999999999999999", "+36500", "2101-01-01", "+²"],
)
def test_snooze_to_a_date_beyond_the_calendar_is_refused(data_cli: Cli, to: str) -> None:
    before = folder_state(data_cli.data.parent)
    line = data_cli.fails("snooze", "1.1", "--to", to)
    assert line.startswith(f'cockpit: error: "{to}" '), line
    assert "2100-12-31" in line or "is not a date" in line, line
    assert folder_state(data_cli.data.parent) == before


def test_the_snooze_dialog_reads_dates_through_the_same_refusal() -> None:
    from cockpit.domain.errors import ValidationError
    from cockpit.services.dates import parse_when

    today = date(2026, 11, 23)
    assert parse_when("+3", today) == date(2026, 11, 26)
    assert parse_when("+3d", today) == date(2026, 11, 26)
    assert parse_when("2100-12-31", today) == date(2100, 12, 31)
    for text in ("+1000000000", "+" + "9" * 5000, "9999-12-31", "+²", "+٣"):
        with pytest.raises(ValidationError):
            parse_when(text, today)


def test_the_command_line_and_the_documents_share_one_calendar() -> None:
    """The entry keeps its own copy (it must not load the model before the app's first frame)."""
    from cockpit.clock import EARLIEST, LATEST
    from cockpit.domain.model import FIRST_DAY, LAST_DAY

    assert (EARLIEST, LATEST) == (FIRST_DAY, LAST_DAY)


def test_the_app_is_not_opened_outside_a_terminal(data_cli: Cli) -> None:
    """`cockpit > out.txt` or `cockpit | less` in a script: the full-screen app would write
    escape codes into the pipe and wait for keys; one line says what to run instead."""
    folder = data_cli.data.parent
    before = folder_state(folder)
    result = run_bare(data_cli.tmp_path, "--data", str(data_cli.data))
    line = error_line(result)
    assert "the app needs a terminal" in line and "cockpit today --json" in line, line
    assert result.stdout == ""
    assert folder_state(folder) == before
