"""Running the `cockpit` command in a subprocess and reading what it says."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import orjson

DAY = "2026-11-23"  # a Monday: the sample business starts on it
TIMEOUT = 60


def child_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """The environment of the CLI: no user config, no COCKPIT_DATA, a home in tmp_path."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("COCKPIT_")}
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        COCKPIT_CONFIG=str(tmp_path / "no-config.toml"),
        PYTHONDONTWRITEBYTECODE="1",
        COLUMNS="120",
    )
    env.pop("PYTEST_CURRENT_TEST", None)
    env.update(extra)
    return env


class Cli:
    """`python -m cockpit --data FILE --date DAY ...` in tmp_path."""

    def __init__(self, tmp_path: Path, data: str = "c.json") -> None:
        self.tmp_path = tmp_path
        self.data = tmp_path / data

    def run(
        self,
        *args: str,
        day: str | None = DAY,
        data: Path | None = None,
        umask: int | None = None,
        **env: str,
    ) -> subprocess.CompletedProcess[str]:
        """The real `cockpit` in a child process (under `umask` when given)."""
        front = ["--data", str(data or self.data)]
        if day is not None:
            front += ["--date", day]
        return subprocess.run(
            [sys.executable, "-m", "cockpit", *front, *args],
            capture_output=True,
            text=True,
            cwd=self.tmp_path,
            env=child_env(self.tmp_path, **env),
            timeout=TIMEOUT,
            check=False,
            umask=-1 if umask is None else umask,
        )

    def ok(self, *args: str, **kwargs: Any) -> str:
        result = self.run(*args, **kwargs)
        assert result.returncode == 0, (args, result.stdout, result.stderr)
        assert "Traceback" not in result.stderr
        return result.stdout

    def today(self, day: str = DAY, data: Path | None = None) -> list[dict[str, Any]]:
        rows = orjson.loads(self.ok("today", "--json", day=day, data=data))
        assert isinstance(rows, list)
        return rows

    def fails(self, *args: str, **kwargs: Any) -> str:
        """Run a command that must fail with one clear error line; return that line."""
        result = self.run(*args, **kwargs)
        return error_line(result)


def error_line(result: subprocess.CompletedProcess[str]) -> str:
    """Check the shape of a failure: exit code, one "cockpit: error:" line, no traceback."""
    assert result.returncode != 0, (result.args, result.stdout)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines, "nothing on stderr"
    assert lines[-1].startswith("cockpit: error: "), result.stderr
    assert len(lines) == 1, result.stderr  # usage errors too: no usage block before it
    return lines[-1]


def by_process(rows: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [row for row in rows if row["process"] == name]


def run_no(rows: list[dict[str, Any]], name: str) -> str:
    """The run number of the one run of a process on the list."""
    numbers = {str(row["id"]).split(".")[0] for row in by_process(rows, name)}
    assert len(numbers) == 1, (name, numbers)
    return numbers.pop()
