"""`cockpit` alone (or with only --data, --date and --yes) opens the app without the click
group (its import came before the first frame); any other command line, and any doubt,
goes to the group, which says what is wrong as it always did."""

from __future__ import annotations

import ast
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from cockpit.cli.fast_launch import launch_options


@pytest.mark.parametrize(
    ("args", "data", "day", "yes"),
    [
        ([], None, None, False),
        (["--data", "c.json"], "c.json", None, False),
        (["--data=c.json", "--date", "2026-11-23"], "c.json", date(2026, 11, 23), False),
        (["--yes", "--date=2099-01-01"], None, date(2099, 1, 1), True),
        (
            ["--date", "2000-01-01", "--data", "x y.json", "--yes"],
            "x y.json",
            date(2000, 1, 1),
            True,
        ),
    ],
)
def test_the_launch_shapes(args: list[str], data: str | None, day: date | None, yes: bool) -> None:
    options = launch_options(args)
    assert options is not None
    assert (options.data, options.day, options.yes) == (
        Path(data) if data else None,
        day,
        yes,
    )


@pytest.mark.parametrize(
    "args",
    [
        ["today"],
        ["--help"],
        ["--version"],
        ["--data"],
        ["--data", ""],
        ["--data=", "--yes"],
        ["--data", "a", "--data", "b"],
        ["--yes", "--yes"],
        ["--date", "2026-02-30"],
        ["--date", "1999-12-31"],
        ["--date", "tomorrow"],
        ["--data", "-x"],
        ["--yes=1"],
        ["demo"],
    ],
)
def test_anything_else_goes_to_the_group(args: list[str]) -> None:
    assert launch_options(args) is None


def test_a_folder_as_data_goes_to_the_group(tmp_path: Path) -> None:
    assert launch_options(["--data", str(tmp_path)]) is None  # click's Path(dir_okay=False)


STOP_AT_THE_APP = """
import atexit, sys
import cockpit.cli.launch as launch
HEAVY = ('click', 'textual', 'rich')
atexit.register(lambda: print(sorted(m for m in sys.modules if m.startswith(HEAVY))))
launch.in_terminal = lambda: True
def stop(path, clock, settings, copy_of=None):
    print(path, clock.today(), file=sys.stderr)
    sys.exit(0)
launch.run_app = stop
from cockpit.cli.fast import main
main()
"""


def run_entry(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {"COCKPIT_CONFIG": str(tmp_path / "none.toml"), "PATH": "/usr/bin:/bin"}
    return subprocess.run(
        [sys.executable, "-c", STOP_AT_THE_APP, *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


def test_the_app_opens_without_click(tmp_path: Path) -> None:
    data = tmp_path / "c.json"
    done = run_entry(["--data", str(data), "--date", "2026-11-23"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr.split() == [str(data), "2026-11-23"]  # the file and day asked for
    assert ast.literal_eval(done.stdout.strip().splitlines()[-1]) == []  # no click, no textual


def test_a_date_a_year_ahead_without_yes_is_said_by_the_group(tmp_path: Path) -> None:
    done = run_entry(["--data", str(tmp_path / "c.json"), "--date", "2099-01-01"], tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("cockpit: error: --date 2099-01-01 is more than a year after")


def own_env(tmp_path: Path, temp: Path | None = None) -> dict[str, str]:
    """A child's environment of its own: no config, its own cache, home and temp folder."""
    return {
        "COCKPIT_CONFIG": str(tmp_path / "none.toml"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "HOME": str(tmp_path),
        "TMPDIR": str(temp or tmp_path),
        "PATH": "/usr/bin:/bin",
    }


DEMO_TO_THE_APP = """
import sys
import cockpit.cli.launch as launch
launch.in_terminal = lambda: True
PREFIXES = ('cockpit.store', 'cockpit.services', 'rich', 'textual', 'tinydb')
def stop(path, clock, settings, copy_of=None):
    print(sorted({m for m in sys.modules if m.startswith(PREFIXES)}))
    sys.exit(0)
launch.run_app = stop
sys.argv = ['cockpit', 'demo']
from cockpit.cli.fast import main
main()
"""


def test_the_demo_kept_for_today_opens_without_the_store(tmp_path: Path) -> None:
    """`cockpit demo` copies the demo kept in the cache folder: before its first frame it
    loads neither the store nor the services that build it (they took ~25 ms)."""
    env = own_env(tmp_path)

    def run() -> list[str]:
        done = subprocess.run(
            [sys.executable, "-c", DEMO_TO_THE_APP], capture_output=True, text=True, env=env
        )
        assert done.returncode == 0, done.stderr
        found = ast.literal_eval(done.stdout.strip().splitlines()[-1])
        assert isinstance(found, list)
        return [str(name) for name in found]

    assert "cockpit.store.database" in run()  # the first builds the demo
    light = ["cockpit.services", "cockpit.services.cache_files", "cockpit.services.demo_file"]
    assert run() == light


@pytest.mark.parametrize("typed", ["2026-W49", "20261201", "2026-W49-1", "２０２６-１２-０１"])
def test_a_date_not_written_as_yyyy_mm_dd_is_refused_everywhere(typed: str, tmp_path: Path) -> None:
    """Python reads 2026-W49 and 20261201 as dates: a day nobody wrote (tester 2)."""
    assert launch_options(["--date", typed]) is None
    done = run_entry(["--data", str(tmp_path / "c.json"), "--date", typed, "today"], tmp_path)
    assert done.returncode == 2
    assert f'"{typed}" is not a date; write it as YYYY-MM-DD' in done.stderr


def test_an_empty_data_path_is_refused(tmp_path: Path) -> None:
    done = run_entry(["--data", "", "today"], tmp_path)
    assert done.returncode == 2
    assert "--data': it is empty" in done.stderr


def test_a_data_path_naming_a_folder_is_refused(tmp_path: Path) -> None:
    """`--data newdir/` made a file called newdir (tester 2)."""
    assert launch_options(["--data", "newdir/"]) is None
    done = run_entry(["--data", str(tmp_path / "newdir") + "/", "today"], tmp_path)
    assert done.returncode == 2 and "names a folder" in done.stderr
    assert not (tmp_path / "newdir").exists()


def test_the_demo_outside_a_terminal_is_refused_before_it_makes_anything(tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.mkdir()
    env = own_env(tmp_path, temp)
    done = subprocess.run(
        [sys.executable, "-m", "cockpit", "demo"],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 1 and "the app needs a terminal" in done.stderr
    assert list(temp.iterdir()) == [] and not (tmp_path / "cache").exists()


def test_the_demo_on_the_calendars_first_day_has_no_history_before_it(tmp_path: Path) -> None:
    """Tester 2: `--date 2000-01-01 demo` failed naming the sample file inside the package
    (its ten weeks of history began in 1999)."""
    env = own_env(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "cockpit", "--date", "2000-01-03", "demo", "--print"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "Demo data:" in done.stderr
