"""`cockpit import` of a JSON export replaces everything, the yearly archives too, as one step:
a `kill -9` at any point leaves either the old business with its archived history, or the new
one without the old archives (they wait in backups/), never the new data with the old runs."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import orjson
import pytest

from cockpit.store.archive import archive_folder, archive_path, archived_years
from cockpit.store.database import Store
from tests.unit.cli.helpers import Cli, child_env
from tests.unit.store.helpers import NOW, TODAY, kill_when_it_says
from tests.unit.store.test_migrations_backups_archive import history

# the CLI, stopped (for the test to kill it) at one point of the import
KILLED_AT = textwrap.dedent(
    """
    import sys, time

    from cockpit.store import archive, storage

    point = sys.argv[1]

    def stop_here(name):
        print(name, flush=True)
        time.sleep(600)

    if point == "before-live":  # the old archives are set aside, the live file not replaced
        write = storage.AtomicJSONStorage._flush
        def _flush(self):
            if self.replaced:  # the import's write
                stop_here(point)
            write(self)
        storage.AtomicJSONStorage._flush = _flush
    else:  # "after-live": the live file replaced, the import not yet marked finished
        finished = archive.finish_replacing
        def finish_replacing(path):
            stop_here(point)
            finished(path)
        archive.finish_replacing = finish_replacing

    from cockpit.cli.main import main

    sys.argv = ["cockpit", *sys.argv[2:]]
    main()
    """
)


def old_business(cli: Cli) -> None:
    """A data file with two years of archived runs and focus sessions."""
    history(cli.data)
    with Store.open(cli.data, today=TODAY, now=NOW):
        pass  # 2023 and 2024 move to the archive
    assert archived_years(cli.data) == [2023, 2024]


def new_export(tmp_path: Path) -> Path:
    other = Cli(tmp_path, "other.json")
    other.ok("init", "--sample")
    out = tmp_path / "new-business.json"
    other.ok("export", "--out", str(out))
    return out


def kill_import_at(cli: Cli, point: str, export: Path) -> None:
    script = cli.tmp_path / "killed.py"
    script.write_text(KILLED_AT, encoding="utf-8")
    args = ["--data", str(cli.data), "import", str(export)]
    child = subprocess.Popen(
        [sys.executable, str(script), point, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=cli.tmp_path,
        env=child_env(cli.tmp_path),
    )
    kill_when_it_says(child, point)


def runs_and_sessions(path: Path) -> tuple[int, int]:
    with Store.open(path, read_only=True) as store:
        data = store.snapshot()
    return len(data.get("occurrences", {})), len(data.get("focus", {}))


def folder_of_old_archives(cli: Cli) -> list[Path]:
    return sorted((cli.tmp_path / "backups").glob("c-before-import-*-archive"))


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path)
    old_business(cli)
    return cli


def test_killed_before_the_live_file_is_replaced_the_old_business_comes_back_whole(
    cli: Cli,
) -> None:
    export = new_export(cli.tmp_path)
    old_bytes = cli.data.read_bytes()
    archives = {year: archive_path(cli.data, year).read_bytes() for year in (2023, 2024)}
    old_counts = runs_and_sessions(cli.data)

    kill_import_at(cli, "before-live", export)

    assert cli.data.read_bytes() == old_bytes
    assert (cli.tmp_path / ".c.json.import").is_file()  # killed half-way indeed
    assert archived_years(cli.data) == []  # the old archives were set aside
    with Store.open(cli.data, today=TODAY, now=NOW):  # the next writer puts things back
        pass
    assert archived_years(cli.data) == [2023, 2024]
    assert {y: archive_path(cli.data, y).read_bytes() for y in (2023, 2024)} == archives
    assert runs_and_sessions(cli.data) == old_counts
    assert not list(cli.tmp_path.glob(".c.json.import*"))
    assert folder_of_old_archives(cli) == []
    # and the import, run again to its end, replaces everything
    cli.ok("import", str(export))
    assert archived_years(cli.data) == []


def test_killed_after_the_live_file_is_replaced_no_old_run_comes_back(cli: Cli) -> None:
    export = new_export(cli.tmp_path)
    tables = orjson.loads(export.read_bytes())["tables"]
    new_counts = (len(tables.get("occurrences", {})), len(tables.get("focus", {})))
    archives = {year: archive_path(cli.data, year).read_bytes() for year in (2023, 2024)}

    kill_import_at(cli, "after-live", export)

    assert (cli.tmp_path / ".c.json.import").is_file()  # killed half-way indeed
    assert runs_and_sessions(cli.data) == new_counts  # even before a writer opens it
    cli.ok("today")
    with Store.open(cli.data, today=TODAY, now=NOW):
        pass
    assert runs_and_sessions(cli.data) == new_counts
    assert archived_years(cli.data) == []
    assert not list(cli.tmp_path.glob(".c.json.import*"))
    # the old archives wait beside the backup of the old data file
    [kept] = folder_of_old_archives(cli)
    assert {p.name: p.read_bytes() for p in kept.iterdir()} == {
        archive_path(cli.data, y).name: archives[y] for y in (2023, 2024)
    }


def test_an_import_run_to_its_end_keeps_the_old_archives_in_backups(cli: Cli) -> None:
    export = new_export(cli.tmp_path)
    said = cli.ok("import", str(export))
    assert "backup" in said
    assert archived_years(cli.data) == []
    assert not any(archive_folder(cli.data).glob("c-*.json"))
    [kept] = folder_of_old_archives(cli)
    assert sorted(p.name for p in kept.iterdir()) == ["c-2023.json", "c-2024.json"]
    assert not list(cli.tmp_path.glob(".c.json.import*"))
