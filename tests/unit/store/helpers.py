"""Shared helpers of the store tests: a small business, file states, helper processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson

from cockpit.domain.materialize import new_occurrence
from cockpit.domain.model import Process, Role
from cockpit.domain.occurrence import Occurrence
from cockpit.store.database import Store
from tests.unit.domain.builders import process

ROOT = Path(__file__).resolve().parents[3]
TODAY = date(2026, 11, 24)
NOW = datetime(2026, 11, 24, 9, 0, tzinfo=UTC)
ADMIN = Role(id="admin", name="Admin", colour="#d08770", order=1)
SALES = Role(id="sales", name="Sales", order=0, budget_minutes=60)


def data_file(tmp_path: Path) -> Path:
    return tmp_path / "cockpit.json"


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def occurrences_of(proc: Process, first: date, count: int, first_no: int) -> list[Occurrence]:
    """`count` daily occurrences of `proc` from `first`, numbered from `first_no`."""
    return [new_occurrence(proc, first + timedelta(days=i), first_no + i) for i in range(count)]


def add(store: Store, created: Sequence[Occurrence]) -> None:
    """Add occurrences the way the services do: horizons moved, next number after the last."""
    horizons: dict[str, date] = {}
    for occurrence in created:
        horizons[occurrence.process_id] = max(
            horizons.get(occurrence.process_id, occurrence.date), occurrence.date
        )
    next_no = max((o.no for o in created), default=0) + 1
    store.add_occurrences(list(created), horizons, next_no)


def complete(occurrence: Occurrence, day: date | None = None) -> Occurrence:
    """Every step done on `day` (default: the occurrence's date)."""
    on = day or occurrence.date
    return occurrence.complete_all(at(on), on, 20, [10] * len(occurrence.steps))


def skip(occurrence: Occurrence, day: date | None = None) -> Occurrence:
    on = day or occurrence.date
    return occurrence.skip("on holiday", at(on), on)


def seed(store: Store, *, count: int = 6, first: date = date(2026, 11, 2)) -> Process:
    """Two roles, one process, `count` occurrences (the first half done)."""
    store.save_role(ADMIN)
    store.save_role(SALES)
    proc = process("daily", start=first)
    store.save_process(proc)
    created = occurrences_of(proc, first, count, store.next_occurrence_no())
    add(store, created)
    store.save_occurrences([complete(o) for o in created[: count // 2]])
    return proc


def file_state(path: Path) -> tuple[bytes, int]:
    """What a file holds and when it was last written."""
    return path.read_bytes(), path.stat().st_mtime_ns


def temp_files(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f".{path.name}.tmp-*"))


def parse(path: Path) -> dict[str, Any]:
    data = orjson.loads(path.read_bytes())
    assert isinstance(data, dict)
    assert all(isinstance(table, dict) for table in data.values())
    return data


def tables(data: dict[str, Any], *, drop: Iterable[str] = ("_default",)) -> dict[str, Any]:
    return {name: table for name, table in data.items() if name not in set(drop)}


def child_env(tmp_path: Path) -> dict[str, str]:
    """An environment for helper processes and the CLI: the project importable, no user files."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("COCKPIT_", "PYTEST_", "XDG_"))
    }
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env.update(
        PYTHONPATH=str(ROOT),
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        COCKPIT_CONFIG=str(home / "config.toml"),
        PYTHONDONTWRITEBYTECODE="1",
    )
    return env


def write_script(tmp_path: Path, name: str, source: str) -> Path:
    script = tmp_path / name
    script.write_text(textwrap.dedent(source))
    return script


def spawn(tmp_path: Path, script: Path, *args: str) -> subprocess.Popen[str]:
    """Run a helper script in its own Python process, talking over stdin/stdout."""
    return subprocess.Popen(
        [sys.executable, str(script), *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
        env=child_env(tmp_path),
    )


def kill_when_it_says(child: subprocess.Popen[str], line: str) -> None:
    """SIGKILL a spawned child the moment it prints `line` (what it is in the middle of), then
    reap it; a child that says anything else fails the test with its stderr."""
    try:
        assert child.stdout is not None
        said = child.stdout.readline()
        assert said == f"{line}\n", (said, child.stderr.read() if child.stderr else "")
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate(timeout=30)


def run_cli(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "cockpit", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=child_env(tmp_path),
        timeout=60,
        check=False,
    )
